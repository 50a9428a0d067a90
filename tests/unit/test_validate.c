/* test_validate.c - AUC, Brier, calibration, lift and cross-validated AUC
 * against R (tests/fixtures/model/make_fixtures.R) and brute force. */
#include "churnkit/design.h"
#include "churnkit/logit.h"
#include "churnkit/validate.h"
#include "fixture.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#define FX "tests/fixtures/model/"

static double brute_auc(const double *s, const double *y, const double *w, size_t n)
{
	double num = 0, den = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (y[i] == 1 && y[j] == 0) {
				double pw = (w ? w[i] * w[j] : 1.0);
				num += pw * (s[i] > s[j] ? 1 : (s[i] == s[j] ? 0.5 : 0));
				den += pw;
			}
	return num / den;
}

static void test_small(void)
{
	churn_err err;
	double auc;
	double s1[2] = {1, 1}, y1[2] = {1, 0};
	validate_auc(s1, y1, NULL, 2, &auc, &err);
	is_double_abs(auc, 0.5, 0, "auc: a tie between a churner and a non-churner counts one half");
	double s2[4] = {0.1, 0.2, 0.8, 0.9}, y2[4] = {0, 0, 1, 1};
	validate_auc(s2, y2, NULL, 4, &auc, &err);
	is_double_abs(auc, 1, 0, "auc: perfect ranking gives 1");
	double y3[4] = {0, 0, 0, 0};
	validate_auc(s2, y3, NULL, 4, &auc, &err);
	ok(isnan(auc), "auc: one class only gives NaN");
	double s4[4] = {0.1, NAN, 0.8, 0.9};
	validate_auc(s4, y2, NULL, 4, &auc, &err);  /* looped for ever before */
	ok(isnan(auc), "auc: a score that is not a number gives no AUC (and returns)");

	/* random data with ties, weighted and unweighted, against O(n^2) */
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 7);
	enum { N = 300 };
	double s[N], y[N], w[N];
	for (int i = 0; i < N; i++) {
		s[i] = floor(gsl_rng_uniform(rng) * 20) / 20;  /* many ties */
		y[i] = gsl_rng_uniform(rng) < 0.2 + 0.5 * s[i];
		w[i] = 1 + gsl_rng_uniform_int(rng, 3);
	}
	validate_auc(s, y, NULL, N, &auc, &err);
	is_double_rel(auc, brute_auc(s, y, NULL, N), 1e-12, "auc: equals the pair count with ties");
	validate_auc(s, y, w, N, &auc, &err);
	is_double_rel(auc, brute_auc(s, y, w, N), 1e-12, "auc: weighted pairs as the pair count");
	gsl_rng_free(rng);

	/* frequency weights act as repeated rows in the lift table */
	double p5[5] = {0.9, 0.1, 0.5, 0.3, 0.7}, y5[5] = {1, 0, 1, 0, 0}, w5[5] = {2, 2, 2, 2, 2};
	double p10[10], y10[10];
	for (int i = 0; i < 10; i++) {
		p10[i] = p5[i / 2];
		y10[i] = y5[i / 2];
	}
	validate_lift_bin a[VALIDATE_BINS], b[VALIDATE_BINS];
	validate_lift(p5, y5, w5, 5, a, &err);
	validate_lift(p10, y10, NULL, 10, b, &err);
	int same = 1;
	for (int g = 0; g < VALIDATE_BINS; g += 2)
		same &= a[g].n == b[g].n + b[g + 1].n && a[g].events == b[g].events + b[g + 1].events &&
		        a[g + 1].n == 0;
	ok(same, "lift: a weight-2 row fills the deciles its two copies fill, unsplit");
	is_double_rel(b[0].lift, 1 / 0.4, 1e-12, "lift: the top decile's churn rate over the overall rate");
	is_double_rel(b[9].cum_gain, 1, 1e-12, "gains: all churners are found by decile 10");
}

/* Brier score and calibration of the held-out probabilities of R's folds
 * (make_horizon.R: each fold's glm, with and without frequency weights). */
static void cv_quality_against_r(const logit_data *ld0, const design *d, const table *t,
                                 const int *fold, const double *y)
{
	churn_err err;
	double fa[5], cv, *cvp = malloc(d->nrows * sizeof *cvp);
	double *w = malloc(d->nrows * sizeof *w);
	fx_csv *s = fx_csv_read(FX "churn_cvq.stats.csv");
	design_take(d, table_find(t, "weight")->num, w);
	for (int k = 0; k < 2; k++) {
		logit_data ld = *ld0;
		ld.w = k ? w : NULL;
		const char *what = k ? "cv (weighted)" : "cv";
		is_int(validate_cv(&ld, NULL, fold, 5, fa, &cv, cvp, &err), CHURN_OK, "%s: runs", what);
		is_double_rel(validate_brier(cvp, y, ld.w, d->nrows),
		              fx_stat(s, k ? "cv_brier_w" : "cv_brier"), 1e-8,
		              "%s: Brier score of the held-out probabilities as R's", what);
		validate_calib_bin cb[VALIDATE_BINS];
		validate_calibration(cvp, y, ld.w, d->nrows, cb, &err);
		fx_csv *c = fx_csv_read(k ? FX "churn_cvqw.calib.csv" : FX "churn_cvq.calib.csv");
		int same = 1;
		for (size_t g = 0; g < VALIDATE_BINS; g++)
			same &= cb[g].n == fx_num(c, g, "n") &&
			        fabs(cb[g].mean_pred - fx_num(c, g, "mean_pred")) <=
			            1e-7 * fx_num(c, g, "mean_pred") &&
			        fabs(cb[g].obs_rate - fx_num(c, g, "obs_rate")) <= 1e-12;
		ok(same, "%s: calibration deciles of the held-out probabilities as R's", what);
		fx_csv_free(c);
	}
	fx_csv_free(s);
	free(cvp);
	free(w);
}

/* The summary's cross-validated Brier score and calibration recomputed
 * from the same seeded folds, each fold refitted the plain way. */
static void cv_recomputed(const logit_data *ld, const validate_summary *vs, const double *y,
                          size_t n)
{
	churn_err err;
	int *fold = malloc(n * sizeof *fold);
	size_t *tr = malloc(n * sizeof *tr);
	double *p = malloc(n * sizeof *p);
	validate_folds(y, n, 5, VALIDATE_SEED, fold, &err);
	for (int f = 0; f < 5; f++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (fold[i] != f)
				tr[m++] = i;
		logit_data fd = *ld;
		fd.rows = tr;
		fd.nrows = m;
		logit_result *r = NULL;
		logit_fit(&fd, NULL, &r, &err);
		for (size_t i = 0; i < n; i++)
			if (fold[i] == f)
				p[i] = 1 / (1 + exp(-logit_lp(r, gsl_matrix_const_ptr(ld->X, i, 0))));
		logit_result_free(r);
	}
	is_double_rel(vs->cv_brier, validate_brier(p, y, NULL, n), 1e-9,
	              "summary: cross-validated Brier %.5f recomputed from the same folds",
	              vs->cv_brier);
	validate_calib_bin cb[VALIDATE_BINS];
	validate_calibration(p, y, NULL, n, cb, &err);
	int same = vs->have_cv_calib;
	for (int g = 0; g < VALIDATE_BINS; g++)
		same &= cb[g].n == vs->cv_calib[g].n &&
		        fabs(cb[g].mean_pred - vs->cv_calib[g].mean_pred) <= 1e-9 * cb[g].mean_pred;
	ok(same, "summary: cross-validated calibration recomputed from the same folds");
	ok(vs->cv_brier > vs->brier, "summary: the cross-validated Brier %.5f is above the "
	   "in-sample %.5f", vs->cv_brier, vs->brier);
	free(fold);
	free(tr);
	free(p);
}

static void test_against_r(void)
{
	table *t = fx_table(FX "churn.data.csv", NULL, 0);
	static const char *const terms[] = {"plan", "contract", "channel", "log(mrr)",
	                                    "logins_30d", "tickets", "nps"};
	design_spec spec = {.terms = terms, .nterms = 7, .intercept = 1};
	design *d = NULL;
	churn_err err;
	design_build(t, &spec, &d, &err);
	double *y = malloc(d->nrows * sizeof *y), *fx = malloc(d->nrows * sizeof *fx);
	design_take(d, table_find(t, "churned")->num, y);
	design_take(d, table_find(t, "fold")->num, fx);
	logit_data ld = {.X = d->X, .y = y, .intercept = 1};
	logit_result *r = NULL;
	logit_fit(&ld, NULL, &r, &err);
	double *p = malloc(d->nrows * sizeof *p);
	logit_predict(r, d->X, p);

	fx_csv *pred = fx_csv_read(FX "churn_logit.pred.csv");
	int rows_ok = pred->nrows == d->nrows, prob_ok = rows_ok;
	for (size_t i = 0; rows_ok && i < d->nrows; i++) {
		rows_ok &= (size_t)fx_num(pred, i, "row") == d->row[i];
		prob_ok &= fabs(p[i] - fx_num(pred, i, "prob")) <= 1e-7 * fx_num(pred, i, "prob");
	}
	ok(rows_ok, "predictions: the complete rows are R's model frame rows");
	ok(prob_ok, "predictions: fitted probabilities agree with R within 1e-7");
	fx_csv_free(pred);

	fx_csv *s = fx_csv_read(FX "churn_logit.stats.csv");
	double auc;
	validate_auc(p, y, NULL, d->nrows, &auc, &err);
	is_double_rel(auc, fx_stat(s, "auc"), 1e-9, "auc: Mann-Whitney AUC as R's rank formula");
	is_double_rel(validate_brier(p, y, NULL, d->nrows), fx_stat(s, "brier"), 1e-8,
	              "brier: as R's mean((p - y)^2)");
	fx_csv_free(s);

	validate_calib_bin cb[VALIDATE_BINS];
	validate_lift_bin lb[VALIDATE_BINS];
	validate_calibration(p, y, NULL, d->nrows, cb, &err);
	validate_lift(p, y, NULL, d->nrows, lb, &err);
	fx_csv *c = fx_csv_read(FX "churn_logit.calib.csv"), *l = fx_csv_read(FX "churn_logit.lift.csv");
	for (size_t g = 0; g < VALIDATE_BINS; g++) {
		ok(cb[g].n == fx_num(c, g, "n") &&
		   fabs(cb[g].mean_pred - fx_num(c, g, "mean_pred")) <= 1e-8 * fx_num(c, g, "mean_pred") &&
		   fabs(cb[g].obs_rate - fx_num(c, g, "obs_rate")) <= 1e-12,
		   "calibration decile %zu: size, mean predicted and observed rate as R", g + 1);
		ok(lb[g].n == fx_num(l, g, "n") && lb[g].events == fx_num(l, g, "events") &&
		   fabs(lb[g].lift - fx_num(l, g, "lift")) <= 1e-12 * fx_num(l, g, "lift") &&
		   fabs(lb[g].cum_gain - fx_num(l, g, "cum_gain")) <= 1e-12 &&
		   fabs(lb[g].cum_lift - fx_num(l, g, "cum_lift")) <= 1e-12 * fx_num(l, g, "cum_lift"),
		   "lift decile %zu: events, lift, cumulative gain and lift as R", g + 1);
	}
	fx_csv_free(c);
	fx_csv_free(l);

	/* cross-validation with R's fold column, refit per fold */
	int *fold = malloc(d->nrows * sizeof *fold);
	for (size_t i = 0; i < d->nrows; i++)
		fold[i] = (int)fx[i] - 1;
	double fa[5], cv;
	is_int(validate_cv_auc(&ld, NULL, fold, 5, fa, &cv, &err), CHURN_OK, "cv: runs");
	fx_csv *cs = fx_csv_read(FX "churn_cv.stats.csv");
	for (int f = 0; f < 5; f++) {
		char key[16];
		snprintf(key, sizeof key, "fold%d", f + 1);
		is_double_rel(fa[f], fx_stat(cs, key), 1e-9, "cv: fold %d AUC of the refitted model as R", f + 1);
	}
	is_double_rel(cv, fx_stat(cs, "cv_auc"), 1e-9, "cv: cv_auc is the mean fold AUC, as R");
	fx_csv_free(cs);
	cv_quality_against_r(&ld, d, t, fold, y);

	/* seeded stratified folds */
	int *f1 = malloc(d->nrows * sizeof *f1), *f2 = malloc(d->nrows * sizeof *f2);
	validate_folds(y, d->nrows, 5, 42, f1, &err);
	validate_folds(y, d->nrows, 5, 42, f2, &err);
	ok(memcmp(f1, f2, d->nrows * sizeof *f1) == 0, "folds: the same seed gives the same folds");
	validate_folds(y, d->nrows, 5, 43, f2, &err);
	ok(memcmp(f1, f2, d->nrows * sizeof *f1) != 0, "folds: another seed gives other folds");
	size_t pos[5] = {0}, all[5] = {0};
	for (size_t i = 0; i < d->nrows; i++) {
		all[f1[i]]++;
		pos[f1[i]] += y[i] == 1;
	}
	size_t pmin = pos[0], pmax = pos[0], amin = all[0], amax = all[0];
	for (int f = 1; f < 5; f++) {
		pmin = pos[f] < pmin ? pos[f] : pmin;
		pmax = pos[f] > pmax ? pos[f] : pmax;
		amin = all[f] < amin ? all[f] : amin;
		amax = all[f] > amax ? all[f] : amax;
	}
	ok(pmax - pmin <= 1 && amax - amin <= 1, "folds: stratified, churners and sizes within one");
	is_int(validate_folds(y, d->nrows, 1, 42, f1, &err), CHURN_EUSAGE, "folds: one fold is a usage error");

	validate_summary vs;
	is_int(validate_summarise(&ld, r, NULL, 5, VALIDATE_SEED, &vs, &err), CHURN_OK,
	       "summary: runs with 5 folds");
	is_double_rel(vs.auc, auc, 1e-15, "summary: apparent AUC");
	cv_recomputed(&ld, &vs, y, d->nrows);
	ok(vs.cv_auc > 0.6 && vs.cv_auc < vs.auc + 0.02, "summary: cv AUC %.4f is near and mostly below the apparent %.4f",
	   vs.cv_auc, vs.auc);
	validate_summary_clear(&vs);

	free(f1);
	free(f2);
	free(fold);
	free(p);
	free(y);
	free(fx);
	logit_result_free(r);
	design_free(d);
	table_free(t);
}

int main(void)
{
	gsl_set_error_handler_off();
	test_small();
	test_against_r();
	return done_testing();
}

/* test_model_shared.c - the model stages' shared work (issue 15): the Cox
 * fit's sorted rows reused by its concordance, test and baseline; one sort
 * for the AUC, calibration and lift; cross-validation folds started from
 * the full fit.  Each is checked against an independent computation. */
#include "churnkit/cox.h"
#include "churnkit/logit.h"
#include "churnkit/validate.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>

enum { N = 400 };

/* Synthetic survival data: integer covariates (many identical rows, so
 * tied risk scores), tied whole-day times, weights, strata, entries. */
typedef struct {
	gsl_matrix *X;
	double time[N], status[N], entry[N], w[N];
	size_t strata[N];
} surv_set;

static void make_surv(surv_set *s, gsl_rng *rng)
{
	s->X = gsl_matrix_alloc(N, 3);
	for (size_t i = 0; i < N; i++) {
		double a = (double)gsl_rng_uniform_int(rng, 3), b = (double)gsl_rng_uniform_int(rng, 2);
		double c = (double)gsl_rng_uniform_int(rng, 5);
		gsl_matrix_set(s->X, i, 0, a);
		gsl_matrix_set(s->X, i, 1, b);
		gsl_matrix_set(s->X, i, 2, c);
		double rate = 0.02 * exp(0.3 * a - 0.5 * b + 0.1 * c);
		s->time[i] = 1 + floor(-log(1 - gsl_rng_uniform(rng)) / rate / 3);
		s->status[i] = gsl_rng_uniform(rng) < 0.7;
		s->entry[i] = floor(gsl_rng_uniform(rng) * 0.5 * (s->time[i] - 1));
		s->w[i] = (double)(1 + gsl_rng_uniform_int(rng, 3));
		s->strata[i] = gsl_rng_uniform_int(rng, 3) * 7;
	}
}

/* The fit's concordance (on the sorted rows) against cox_concordance's own
 * sorts, on the linear predictor of the original coordinates: identical
 * covariate rows tie in both, so the pair sums are the same. */
static void cox_case(const cox_data *cd, const char *what)
{
	churn_err err;
	cox_result *r = NULL;
	cox_prep *p = NULL;
	cox_baseline *b1 = NULL, *b2 = NULL;
	ok(cox_prep_new(cd, &p, &err) == CHURN_OK, "%s: prepared", what);
	ok(cox_fit_prep(p, NULL, &r, &err) == CHURN_OK, "%s: fitted", what);
	if (r == NULL) {
		cox_prep_free(p);
		return;
	}
	double *lp = malloc(N * sizeof *lp);
	for (size_t i = 0; i < N; i++)
		lp[i] = cox_lp(r, gsl_matrix_const_ptr(cd->X, i, 0));
	double c = NAN;
	cox_concordance(cd, lp, &c, &err);
	is_double_rel(r->concordance, c, 1e-15, "%s: concordance on the sorted rows = by sorting",
	              what);
	/* The baseline from the prepared rows and from the data anew. */
	ok(cox_baseline_fit_prep(p, r, 20, &b1, &err) == CHURN_OK &&
	       cox_baseline_fit_n(cd, r, 20, &b2, &err) == CHURN_OK,
	   "%s: baselines", what);
	if (b1 && b2) {
		int same = b1->n == b2->n && b1->nstrata == b2->nstrata;
		for (size_t k = 0; same && k < b1->n; k++)
			same = b1->time[k] == b2->time[k] && b1->cumhaz[k] == b2->cumhaz[k];
		for (size_t k = 0; same && k < b1->nstrata; k++)
			same = b1->limit[k] == b2->limit[k] && b1->strata[k] == b2->strata[k];
		ok(same && b1->n > 0, "%s: the prepared baseline is the fresh one, bit for bit", what);
	}
	/* A second fit from the same preparation: the work is not consumed. */
	cox_result *r2 = NULL;
	ok(cox_fit_prep(p, NULL, &r2, &err) == CHURN_OK && r2 &&
	       r2->loglik == r->loglik && r2->coefs.coef[0] == r->coefs.coef[0] &&
	       r2->concordance == r->concordance,
	   "%s: a second fit from the preparation is the same", what);
	cox_result_free(r2);
	cox_baseline_free(b1);
	cox_baseline_free(b2);
	free(lp);
	cox_result_free(r);
	cox_prep_free(p);
}

static void test_cox(gsl_rng *rng)
{
	surv_set s;
	make_surv(&s, rng);
	cox_data cd = {.X = s.X, .time = s.time, .status = s.status};
	cox_case(&cd, "cox");
	cd.w = s.w;
	cd.strata = s.strata;
	cox_case(&cd, "cox, weights and strata");
	cd.entry = s.entry;
	cox_case(&cd, "cox, weights, strata and delayed entry");
	gsl_matrix_free(s.X);
}

/* The lift table as its definition gives it: rows by descending p, ties by
 * row order, sorted here by an insertion sort. */
static void lift_ref(const double *p, const double *y, const double *w, size_t n,
                     validate_lift_bin *bins)
{
	size_t *o = malloc(n * sizeof *o);
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		while (j > 0 && p[o[j - 1]] < p[i])
			j--;
		memmove(o + j + 1, o + j, (i - j) * sizeof *o);
		o[j] = i;
	}
	double total = 0, before = 0;
	for (size_t i = 0; i < n; i++)
		total += w[i];
	memset(bins, 0, VALIDATE_BINS * sizeof *bins);
	for (size_t k = 0; k < n; k++) {
		int g = (int)floor(before * VALIDATE_BINS / total);
		g = g < 0 ? 0 : g >= VALIDATE_BINS ? VALIDATE_BINS - 1 : g;
		before += w[o[k]];
		bins[g].n += w[o[k]];
		bins[g].events += w[o[k]] * y[o[k]];
	}
	free(o);
}

static void test_ranked(gsl_rng *rng)
{
	churn_err err;
	double p[N], y[N], w[N], auc1, auc2;
	validate_calib_bin c1[VALIDATE_BINS], c2[VALIDATE_BINS];
	validate_lift_bin l1[VALIDATE_BINS], l2[VALIDATE_BINS], lr[VALIDATE_BINS];
	for (size_t i = 0; i < N; i++) {
		p[i] = floor(gsl_rng_uniform(rng) * 25) / 25;  /* many ties */
		y[i] = gsl_rng_uniform(rng) < 0.1 + 0.6 * p[i];
		w[i] = (double)(1 + gsl_rng_uniform_int(rng, 4));
	}
	ok(validate_ranked_tables(p, y, w, N, &auc1, c1, l1, &err) == CHURN_OK, "ranked: one sort");
	validate_auc(p, y, w, N, &auc2, &err);
	validate_calibration(p, y, w, N, c2, &err);
	validate_lift(p, y, w, N, l2, &err);
	lift_ref(p, y, w, N, lr);
	ok(auc1 == auc2, "ranked: the AUC of one sort is validate_auc's");
	ok(memcmp(c1, c2, sizeof c1) == 0, "ranked: the calibration is validate_calibration's");
	int same = 1;
	for (int g = 0; g < VALIDATE_BINS; g++)
		same &= l1[g].n == lr[g].n && l1[g].events == lr[g].events &&
		        l2[g].n == lr[g].n && l2[g].events == lr[g].events;
	ok(same, "ranked: lift deciles by descending p, ties by row order, as defined");
	ok(memcmp(l1, l2, sizeof l1) == 0, "ranked: the lift is validate_lift's");
}

/* Cross-validation: validate_summarise starts the folds from the full fit;
 * validate_cv starts them cold; the same folds give the same AUCs and
 * probabilities within the convergence tolerance. */
static void test_cv_warm(gsl_rng *rng)
{
	enum { M = 3000 };
	churn_err err;
	gsl_matrix *X = gsl_matrix_alloc(M, 5);
	double *y = malloc(M * sizeof *y), *cvp = malloc(M * sizeof *cvp);
	int *fold = malloc(M * sizeof *fold);
	for (size_t i = 0; i < M; i++) {
		double d1 = gsl_rng_uniform(rng) < 0.3, d2 = !d1 && gsl_rng_uniform(rng) < 0.5;
		double x1 = log(10 + 200 * gsl_rng_uniform(rng)), x2 = floor(gsl_rng_uniform(rng) * 30);
		gsl_matrix_set(X, i, 0, 1);
		gsl_matrix_set(X, i, 1, d1);
		gsl_matrix_set(X, i, 2, d2);
		gsl_matrix_set(X, i, 3, x1);
		gsl_matrix_set(X, i, 4, x2);
		double eta = 1.5 - 0.8 * d1 + 0.4 * d2 - 0.3 * x1 - 0.02 * x2;
		y[i] = gsl_rng_uniform(rng) < 1 / (1 + exp(-eta));
	}
	logit_data ld = {.X = X, .y = y, .intercept = 1};
	logit_result *r = NULL;
	validate_summary vs;
	double fold_auc[VALIDATE_FOLDS], cv_auc;
	ok(logit_fit(&ld, NULL, &r, &err) == CHURN_OK, "cv: full fit");
	ok(validate_summarise(&ld, r, NULL, VALIDATE_FOLDS, 11, &vs, &err) == CHURN_OK,
	   "cv: summarised (folds from the full fit)");
	validate_folds(y, M, VALIDATE_FOLDS, 11, fold, &err);
	ok(validate_cv(&ld, NULL, fold, VALIDATE_FOLDS, fold_auc, &cv_auc, cvp, &err) == CHURN_OK,
	   "cv: cold folds");
	is_double_rel(vs.cv_auc, cv_auc, 1e-9, "cv: warm-started folds, the same cv AUC");
	double worst = 0;
	for (int f = 0; f < VALIDATE_FOLDS; f++)
		worst = fmax(worst, fabs(vs.fold_auc[f] - fold_auc[f]));
	ok(worst <= 1e-9, "cv: every fold's AUC within 1e-9 (%g)", worst);
	double brier = 0;
	for (size_t i = 0; i < M; i++)
		brier += (cvp[i] - y[i]) * (cvp[i] - y[i]);
	is_double_rel(vs.cv_brier, brier / M, 1e-9, "cv: the same cv Brier score");
	validate_summary_clear(&vs);
	logit_result_free(r);
	gsl_matrix_free(X);
	free(y);
	free(cvp);
	free(fold);
}

int main(void)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 15);
	test_cox(rng);
	test_ranked(rng);
	test_cv_warm(rng);
	gsl_rng_free(rng);
	return done_testing();
}

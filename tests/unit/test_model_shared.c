/* test_model_shared.c - the model stages' shared work (issue 15): the Cox
 * fit's sorted rows reused by its concordance, test and baseline; one sort
 * for the AUC, calibration and lift; the counting sort of whole-day
 * times.  Each is checked against an independent computation. */
#include "churnkit/cox.h"
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

/* Harrell's concordance by its definition (cox.h), pair by pair: event
 * row i at time t against every row j of its stratum still at risk after
 * t or censored at t, entered before t (entry_j < t); pairs weigh
 * w_i w_j; rows with a NaN score are left out. */
static double conc_pairs(const cox_data *cd, const double *lp)
{
	double con = 0, dis = 0, tie = 0;
	for (size_t i = 0; i < N; i++) {
		if (cd->status[i] != 1 || isnan(lp[i]))
			continue;
		double t = cd->time[i], wi = cd->w ? cd->w[i] : 1.0;
		for (size_t j = 0; j < N; j++) {
			if (j == i || isnan(lp[j]) || (cd->strata && cd->strata[j] != cd->strata[i]))
				continue;
			if (!(cd->time[j] > t || (cd->time[j] == t && cd->status[j] == 0)))
				continue;
			if (cd->entry && !(cd->entry[j] < t))
				continue;
			double pw = wi * (cd->w ? cd->w[j] : 1.0);
			if (lp[j] < lp[i])
				con += pw;
			else if (lp[j] > lp[i])
				dis += pw;
			else
				tie += pw;
		}
	}
	return (con + tie / 2) / (con + dis + tie);
}

/* cox_concordance (and the fit's, on its sorted rows) against the pair
 * by pair definition, with tied times, tied scores and, as given, weights,
 * strata and delayed entry; then with a tenth of the scores NaN (those
 * rows left out). */
static void conc_case(const cox_data *cd, const cox_result *r, const double *lp,
                      const char *what)
{
	churn_err err;
	double c = NAN, *lp2 = malloc(N * sizeof *lp2);
	double want = conc_pairs(cd, lp);
	ok(cox_concordance(cd, lp, &c, &err) == CHURN_OK, "%s: concordance computed", what);
	is_double_rel(c, want, 1e-12, "%s: concordance = the pair-by-pair definition", what);
	is_double_rel(r->concordance, want, 1e-12, "%s: the fit's concordance = the definition",
	              what);
	for (size_t i = 0; i < N; i++)
		lp2[i] = i % 10 == 3 ? NAN : lp[i];
	want = conc_pairs(cd, lp2);
	ok(cox_concordance(cd, lp2, &c, &err) == CHURN_OK && fabs(c - want) <= 1e-12 * want &&
	       want != conc_pairs(cd, lp),
	   "%s: rows without a score are left out of the pairs", what);
	free(lp2);
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
	conc_case(cd, r, lp, what);
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

/* Whole-day times take the counting sort; the same times stretched to
 * 1.5 t + 0.25 (not whole, the same order and ties) take qsort: the
 * partial likelihood depends on the order only, so the fits agree bit for
 * bit, and the baselines' hazards step for step. */
static void cox_sorts_agree(const cox_data *cd, const char *what)
{
	churn_err err;
	cox_data c2 = *cd;
	double *t2 = malloc(N * sizeof *t2), *e2 = cd->entry ? malloc(N * sizeof *e2) : NULL;
	for (size_t i = 0; i < N; i++) {
		t2[i] = 1.5 * cd->time[i] + 0.25;
		if (e2)
			e2[i] = 1.5 * cd->entry[i] + 0.25;
	}
	c2.time = t2;
	c2.entry = e2;
	cox_result *a = NULL, *b = NULL;
	cox_baseline *ba = NULL, *bb = NULL;
	cox_fit(cd, NULL, &a, &err);
	cox_fit(&c2, NULL, &b, &err);
	int same = a && b && a->loglik == b->loglik && a->concordance == b->concordance;
	for (size_t j = 0; same && j < a->coefs.p; j++)
		same = a->coefs.coef[j] == b->coefs.coef[j] && a->coefs.se[j] == b->coefs.se[j];
	ok(same, "%s: whole days (counting sort) and stretched times (qsort), the same fit", what);
	if (a && b && cox_baseline_fit(cd, a, &ba, &err) == CHURN_OK &&
	    cox_baseline_fit(&c2, b, &bb, &err) == CHURN_OK) {
		same = ba->n == bb->n && ba->n > 0;
		for (size_t k = 0; same && k < ba->n; k++)
			same = ba->cumhaz[k] == bb->cumhaz[k] && bb->time[k] == 1.5 * ba->time[k] + 0.25;
		ok(same, "%s: and the same baseline hazard", what);
	} else {
		ok(0, "%s: baselines", what);
	}
	cox_baseline_free(ba);
	cox_baseline_free(bb);
	cox_result_free(a);
	cox_result_free(b);
	free(t2);
	free(e2);
}

static void test_cox(gsl_rng *rng)
{
	surv_set s;
	make_surv(&s, rng);
	cox_data cd = {.X = s.X, .time = s.time, .status = s.status};
	cox_case(&cd, "cox");
	cox_sorts_agree(&cd, "cox");
	cd.w = s.w;
	cd.strata = s.strata;
	cox_case(&cd, "cox, weights and strata");
	cox_sorts_agree(&cd, "cox, weights and strata");
	cd.entry = s.entry;
	cox_case(&cd, "cox, weights, strata and delayed entry");
	cox_sorts_agree(&cd, "cox, weights, strata and delayed entry");
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

int main(void)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 15);
	test_cox(rng);
	test_ranked(rng);
	gsl_rng_free(rng);
	return done_testing();
}

/*
 * bench_model.c - timing of the logistic fit and 5-fold cross-validation on
 * one million rows and 15 design columns (10 numeric terms, two categorical
 * ones with 3 and 4 levels), generated with a seeded gsl_rng.  Not a test:
 * it prints the figures (targets: fit < 0.5 s, 5-fold CV < 2 s) and always
 * exits 0 unless something fails.
 *
 *     bench/bench_model [ROWS]
 */
#include "churnkit/cox.h"
#include "churnkit/design.h"
#include "churnkit/logit.h"
#include "churnkit/validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	enum { NNUM = 10 };
	static const char *const names[NNUM] = {"x1", "x2", "x3", "x4", "x5",
	                                        "x6", "x7", "x8", "x9", "x10"};
	static const char *const plans[3] = {"basic", "pro", "enterprise"};
	static const char *const regions[4] = {"north", "south", "east", "west"};
	gsl_set_error_handler_off();
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 1);
	table *t = table_new(n);
	double *v = malloc(n * sizeof *v), *eta = calloc(n, sizeof *eta);
	const char **s = malloc(n * sizeof *s);
	for (int k = 0; k < NNUM; k++) {
		for (size_t i = 0; i < n; i++) {
			v[i] = gsl_ran_gaussian(rng, 1.0 + k) + k;
			eta[i] += (k % 3 - 1) * 0.3 * (v[i] - k) / (1.0 + k);
		}
		table_add_num(t, names[k], v);
	}
	for (size_t i = 0; i < n; i++) {
		size_t l = gsl_rng_uniform_int(rng, 3);
		s[i] = plans[l];
		eta[i] += 0.4 * (double)l - 1.2;
	}
	table_add_cat(t, "plan", s);
	for (size_t i = 0; i < n; i++) {
		size_t l = gsl_rng_uniform_int(rng, 4);
		s[i] = regions[l];
		eta[i] += 0.1 * (double)l;
	}
	table_add_cat(t, "region", s);
	double *y = malloc(n * sizeof *y);
	for (size_t i = 0; i < n; i++)
		y[i] = gsl_rng_uniform(rng) < 1 / (1 + exp(-eta[i]));

	const char *terms[NNUM + 2];
	for (int k = 0; k < NNUM; k++)
		terms[k] = names[k];
	terms[NNUM] = "plan";
	terms[NNUM + 1] = "region";
	design_spec spec = {.terms = terms, .nterms = NNUM + 2, .intercept = 1};
	design *d = NULL;
	churn_err err;
	double t0 = now();
	if (design_build(t, &spec, &d, &err) != CHURN_OK) {
		fprintf(stderr, "bench_model: %s\n", err.msg);
		return 1;
	}
	double t_design = now() - t0;
	double *yd = malloc(d->nrows * sizeof *yd);
	design_take(d, y, yd);
	logit_data ld = {.X = d->X, .y = yd, .intercept = 1};
	logit_result *r = NULL;
	t0 = now();
	if (logit_fit(&ld, NULL, &r, &err) != CHURN_OK) {
		fprintf(stderr, "bench_model: %s\n", err.msg);
		return 1;
	}
	double t_fit = now() - t0;
	int *fold = malloc(d->nrows * sizeof *fold);
	double fa[VALIDATE_FOLDS], cv;
	t0 = now();
	if (validate_folds(yd, d->nrows, VALIDATE_FOLDS, VALIDATE_SEED, fold, &err) != CHURN_OK ||
	    validate_cv_auc(&ld, NULL, fold, VALIDATE_FOLDS, fa, &cv, &err) != CHURN_OK) {
		fprintf(stderr, "bench_model: %s\n", err.msg);
		return 1;
	}
	double t_cv = now() - t0;

	printf("rows %zu, design columns %zu (15 terms + intercept)\n", d->nrows, d->ncols);
	printf("design build      %.3f s\n", t_design);
	printf("logistic fit      %.3f s  (%d IRLS iterations, target < 0.5 s)\n", t_fit,
	       r->iterations);
	printf("5-fold CV AUC     %.3f s  (cv_auc %.4f, target < 2 s)\n", t_cv, cv);
	printf("BLAS: the row loops are our own C; GSL's cblas (gslcblas unless another is "
	       "linked) only sees %zu x %zu matrices\n", d->ncols, d->ncols);

	logit_result_free(r);
	design_free(d);
	table_free(t);
	gsl_rng_free(rng);
	free(v);
	free(eta);
	free(s);
	free(y);
	free(yd);
	free(fold);
	return 0;
}

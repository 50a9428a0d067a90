/*
 * bench_survival.c - time the whole survival analysis on 1,000,000
 * synthetic customers with two grouping columns of 3 and 6 levels: the
 * sort, 10 Kaplan-Meier curves with medians, quartiles, RMST and survival
 * at five times, two log-rank tests, 15 pairwise tests with BH, the hazard
 * by tenure month and the reverse-KM follow-up.  Not a test: it prints
 * timings (best of three runs) and a checksum of the results.
 *
 *     bench/bench_survival [N [c]]
 *
 * Times are whole days (typical of date inputs); a second argument "c"
 * makes them continuous, every time distinct, the worst case for the
 * per-step work.
 */
#include "churnkit/surv_analysis.h"
#include "churnkit/surv.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 1000000;
	int continuous = argc > 2 && argv[2][0] == 'c';
	static const char *const plans[] = {"monthly", "annual", "two-year"};
	static const char *const regions[] = {"north", "south", "east",
	                                      "west", "central", "abroad"};
	static const double plan_rate[] = {1.0 / 400, 1.0 / 900, 1.0 / 1500};
	static const double region_mult[] = {1.0, 1.1, 0.9, 1.2, 0.8, 1.5};
	double *time = malloc(n * sizeof *time);
	int *event = malloc(n * sizeof *event);
	uint32_t *plan = malloc(n * sizeof *plan);
	uint32_t *region = malloc(n * sizeof *region);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	churn_err err;
	int rc = 1;

	gsl_set_error_handler_off();
	if (!time || !event || !plan || !region || !r) {
		fprintf(stderr, "bench_survival: out of memory\n");
		goto done;
	}
	gsl_rng_set(r, 20240611);
	for (size_t i = 0; i < n; i++) {
		plan[i] = (uint32_t)gsl_rng_uniform_int(r, 3);
		region[i] = (uint32_t)gsl_rng_uniform_int(r, 6);
		double rate = plan_rate[plan[i]] * region_mult[region[i]];
		double life = gsl_ran_exponential(r, 1 / rate);
		double seen = gsl_rng_uniform(r) * 1826; /* signed up 0-5 years ago */
		if (!continuous) {
			life = ceil(life);
			seen = floor(seen);
		}
		event[i] = life <= seen;
		time[i] = event[i] ? life : seen;
	}

	surv_data d = {.n = n, .time = time, .event = event};
	surv_by by[2] = {
		{.name = "plan", .code = plan, .nlevels = 3, .levels = plans},
		{.name = "region", .code = region, .nlevels = 6, .levels = regions},
	};
	double times[5] = {30, 90, 180, 365, 730};
	surv_opts o;
	surv_opts_default(&o);
	o.times = times;
	o.ntimes = 5;

	double best = INFINITY, best_sort = INFINITY;
	surv_analysis *a = NULL;
	for (int rep = 0; rep < 3; rep++) {
		double t0 = now();
		surv_prep *p = NULL;
		if (surv_prep_new(&d, 1, &p, &err) != CHURN_OK) {
			fprintf(stderr, "bench_survival: %s\n", err.msg);
			goto done;
		}
		double t1 = now();
		surv_prep_free(p);
		if (t1 - t0 < best_sort)
			best_sort = t1 - t0;

		surv_analysis_free(a);
		a = NULL;
		t0 = now();
		if (surv_analysis_run(&d, by, 2, &o, &a, &err) != CHURN_OK) {
			fprintf(stderr, "bench_survival: %s\n", err.msg);
			goto done;
		}
		t1 = now();
		if (t1 - t0 < best)
			best = t1 - t0;
	}
	size_t npairs = 0;
	for (size_t i = 0; i < a->ntests; i++)
		npairs += a->test[i].pairs ? a->test[i].pairs->npairs : 0;
	printf("survival analysis of %zu customers (%s times): %zu curves, %zu log-rank tests, "
	       "%zu pairwise tests, hazard over %zu months\n",
	       n, continuous ? "continuous" : "whole-day", a->ncurves, a->ntests, npairs, a->hazard ? a->hazard->nmonths : 0);
	printf("  validate + sort (timefix):  %.3f s\n", best_sort);
	printf("  whole analysis (best of 3): %.3f s\n", best);
	printf("  median all %.0f, plan chisq %.1f, region chisq %.1f, follow-up %.0f\n",
	       a->curve[0].stats.median, a->test[0].test->chisq, a->test[1].test->chisq,
	       a->followup.median);
	surv_analysis_free(a);
	rc = 0;
done:
	free(time);
	free(event);
	free(plan);
	free(region);
	gsl_rng_free(r);
	return rc;
}

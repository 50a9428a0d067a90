/* bench_cohort.c - times cohort_build and kpi_compute on 1,000,000
 * synthetic customers signing up over 36 months (values and a 4-level
 * segment included).  Not a test: prints the wall-clock time of each step.
 * Target: under 0.2 s for triangles and KPIs together.
 * Usage: bench_cohort [N] */
#include "churnkit/cohort.h"
#include "churnkit/date.h"
#include "churnkit/kpi.h"
#include "churnkit/table.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
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
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	static const char *const levels[4] = {"monthly", "annual", "biennial", "trial"};
	int32_t first = date_from_civil(2023, 1, 1), as_of = date_from_civil(2025, 12, 31);
	int32_t *start = malloc(n * sizeof *start), *end = malloc(n * sizeof *end);
	double *value = malloc(n * sizeof *value);
	uint32_t *group = malloc(n * sizeof *group);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	cohort_customers c = {0};
	cohort_result *cr = NULL;
	kpi_result *kr = NULL;
	kpi_opts o;
	churn_err err;
	double t0, t1, t2;
	int rc = 1;

	gsl_set_error_handler_off();
	if (!start || !end || !value || !group || !rng)
		goto done;
	gsl_rng_set(rng, 42);
	for (size_t i = 0; i < n; i++) {
		start[i] = first + (int32_t)gsl_rng_uniform_int(rng, (unsigned long)(as_of - first + 1));
		end[i] = gsl_rng_uniform(rng) < 0.5
		                 ? start[i] + (int32_t)gsl_rng_uniform_int(rng, 720)
		                 : TABLE_DATE_NA;
		value[i] = 20.0 + 200.0 * gsl_rng_uniform(rng);
		group[i] = (uint32_t)gsl_rng_uniform_int(rng, 4);
	}
	c.n = n;
	c.start = start;
	c.end = end;
	c.value = value;
	c.group = group;
	c.group_name = "contract";
	c.group_levels = levels;
	c.ngroup_levels = 4;
	c.as_of = as_of;
	kpi_opts_init(&o);

	t0 = now();
	if (cohort_build(&c, 30, &cr, &err) != CHURN_OK)
		goto done;
	t1 = now();
	if (kpi_compute(&c, &o, &kr, &err) != CHURN_OK)
		goto done;
	t2 = now();
	printf("customers %zu, cohorts %zu, months %zu, quarters %zu\n", n, cr->all.nrows,
	       kr->nmonths, kr->nquarters);
	printf("triangles (overall + 4 segments): %.3f s\n", t1 - t0);
	printf("period KPIs:                      %.3f s\n", t2 - t1);
	printf("total:                            %.3f s (target < 0.2 s)\n", t2 - t0);
	rc = 0;
done:
	if (rc != 0)
		fprintf(stderr, "bench_cohort: %s\n", err.msg);
	cohort_result_free(cr);
	kpi_result_free(kr);
	gsl_rng_free(rng);
	free(start);
	free(end);
	free(value);
	free(group);
	return rc;
}

/* test_cohort_weight.c - frequency weights in the cohort stage (cohort.h's
 * weight, what --push-down's counts feed it): a table of entries with
 * whole-number weights gives every cohort triangle, mean row and period
 * KPI of the same table with each entry repeated `weight` times, bit for
 * bit (the values are halves, so that a weighted sum is exact); and the
 * same entries with their values as sums (cohort.h's sums). */
#include "churnkit/cohort.h"
#include "churnkit/date.h"
#include "churnkit/kpi.h"
#include "churnkit/table.h"
#include "cohort_fixture.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define D(y, m, d) date_from_civil(y, m, d)
#define N 9
#define CODE_NA TABLE_CODE_NA

/* cohort_fixture.h's customers (one starts after as-of, one churns after it),
 * with a group (two levels and a missing one) and a weight each. */
static int32_t start[N], end_[N];
static const double value[N] = {10, 20.5, 30, NAN, 40, 0, 60, 80, 70.5};
static const uint32_t group[N] = {0, 1, 0, CODE_NA, 1, 0, 1, 0, CODE_NA};
static const size_t weight[N] = {3, 1, 2, 1, 4, 1, 2, 2, 5};
static const char *const levels[] = {"a", "b"};

/* The expanded table: entry i repeated weight[i] times (arrays owned by
 * the caller's struct, freed by expanded_free). */
typedef struct {
	int32_t *start, *end;
	double *value;
	uint32_t *group;
} expanded;

static cohort_customers expand(expanded *x, const cohort_customers *w)
{
	size_t n = 0, j = 0;
	cohort_customers c = *w;

	for (size_t i = 0; i < w->n; i++)
		n += w->weight[i];
	x->start = malloc(n * sizeof *x->start);
	x->end = malloc(n * sizeof *x->end);
	x->value = malloc(n * sizeof *x->value);
	x->group = malloc(n * sizeof *x->group);
	for (size_t i = 0; i < w->n; i++)
		for (size_t k = 0; k < w->weight[i]; k++, j++) {
			x->start[j] = w->start[i];
			x->end[j] = w->end[i];
			x->value[j] = w->value[i];
			x->group[j] = w->group[i];
		}
	c.n = n;
	c.start = x->start;
	c.end = x->end;
	c.value = x->value;
	c.group = x->group;
	c.weight = NULL;
	return c;
}

static void expanded_free(expanded *x)
{
	free(x->start);
	free(x->end);
	free(x->value);
	free(x->group);
}

/* Doubles equal bit for bit (NaN included). */
static int same_doubles(const double *a, const double *b, size_t n)
{
	if (a == NULL || b == NULL)
		return a == b;
	return memcmp(a, b, n * sizeof *a) == 0;
}

static void same_triangle(const cohort_triangle *a, const cohort_triangle *b, const char *what)
{
	int rows_ok = a->nrows == b->nrows;

	is_int((long long)a->ncustomers, (long long)b->ncustomers, "%s: the same customers", what);
	is_int((long long)a->nrows, (long long)b->nrows, "%s: the same rows", what);
	for (size_t r = 0; rows_ok && r < a->nrows; r++) {
		const cohort_row *x = &a->rows[r], *y = &b->rows[r];
		rows_ok = x->cohort == y->cohort && x->size == y->size && x->nvalue == y->nvalue &&
		          same_doubles(&x->value, &y->value, 1) && x->nk == y->nk &&
		          x->thin == y->thin &&
		          memcmp(x->retained, y->retained, x->nk * sizeof *x->retained) == 0 &&
		          same_doubles(x->value_retained, y->value_retained, x->nk);
	}
	ok(rows_ok, "%s: every row's size, values and retained cells are the same", what);
	ok(rows_ok && a->kmax == b->kmax &&
	   memcmp(a->n_cohorts, b->n_cohorts, a->kmax * sizeof *a->n_cohorts) == 0 &&
	   same_doubles(a->mean_simple, b->mean_simple, a->kmax) &&
	   same_doubles(a->mean_weighted, b->mean_weighted, a->kmax) &&
	   same_doubles(a->value_mean_simple, b->value_mean_simple, a->kmax) &&
	   same_doubles(a->value_mean_weighted, b->value_mean_weighted, a->kmax),
	   "%s: the mean rows are the same", what);
}

static void test_cohorts(const cohort_customers *w, const cohort_customers *x)
{
	cohort_result *a = NULL, *b = NULL;

	ok(cohort_build(w, 5, &a, NULL) == CHURN_OK, "cohorts: the weighted table builds");
	ok(cohort_build(x, 5, &b, NULL) == CHURN_OK, "cohorts: the expanded table builds");
	if (a == NULL || b == NULL)
		goto out;
	/* By hand: January's cohort is entries 0-3 (3 + 1 + 2 + 1), March's
	 * entries 6 and 8 (2 + 5); entry 7 starts after as-of (2); entries 3
	 * and 8 have no group (1 + 5). */
	is_int((long long)a->all.rows[0].size, 7, "cohorts: January has 7 weighted customers");
	is_int((long long)a->all.rows[2].size, 7, "cohorts: March has 7 weighted customers");
	is_int((long long)a->n_future, 2, "cohorts: 2 weighted customers start after as-of");
	is_int((long long)a->n_group_missing, 6, "cohorts: 6 weighted customers have no group");
	is_int((long long)a->n_future, (long long)b->n_future, "cohorts: the same future count");
	is_int((long long)a->n_partial, (long long)b->n_partial, "cohorts: the same partial count");
	is_int((long long)a->n_group_missing, (long long)b->n_group_missing,
	       "cohorts: the same customers without a group");
	ok(a->first_month == b->first_month && a->last_month == b->last_month,
	   "cohorts: the same months");
	same_triangle(&a->all, &b->all, "cohorts overall");
	is_int((long long)a->ngroups, 2, "cohorts: two group triangles");
	for (size_t g = 0; g < a->ngroups && g < b->ngroups; g++)
		same_triangle(&a->groups[g], &b->groups[g], g ? "cohorts group b" : "cohorts group a");
out:
	cohort_result_free(a);
	cohort_result_free(b);
}

static int same_rows(const kpi_row *a, const kpi_row *b, size_t n)
{
	return n == 0 || memcmp(a, b, n * sizeof *a) == 0;
}

static void test_kpis(const cohort_customers *w, const cohort_customers *x, int exclude)
{
	kpi_opts o;
	kpi_result *a = NULL, *b = NULL;

	kpi_opts_init(&o);
	o.exclude_same_period = exclude;
	ok(kpi_compute(w, &o, &a, NULL) == CHURN_OK, "kpis (exclude %d): weighted", exclude);
	ok(kpi_compute(x, &o, &b, NULL) == CHURN_OK, "kpis (exclude %d): expanded", exclude);
	if (a == NULL || b == NULL)
		goto out;
	ok(a->nmonths == b->nmonths && a->nmonths == 3 && same_rows(a->months, b->months, a->nmonths),
	   "kpis (exclude %d): the three months are the same, every field", exclude);
	ok(a->nquarters == b->nquarters && same_rows(a->quarters, b->quarters, a->nquarters),
	   "kpis (exclude %d): the quarters are the same, every field", exclude);
	ok(memcmp(&a->change, &b->change, sizeof a->change) == 0 && a->has_cost == b->has_cost &&
	   memcmp(&a->cost, &b->cost, sizeof a->cost) == 0 &&
	   same_doubles(&a->cost_previous, &b->cost_previous, 1) && a->first_day == b->first_day,
	   "kpis (exclude %d): the reporting period, its change and cost are the same", exclude);
	/* By hand: February starts with January's 7 less entry 1 (churned
	 * Jan 31): 6. */
	is_int((long long)a->months[1].n_start, 6, "kpis (exclude %d): February starts with 6",
	       exclude);
out:
	kpi_result_free(a);
	kpi_result_free(b);
}

/* A revenue history is per customer: not with weights. */
static void test_no_history(const cohort_customers *w)
{
	revenue_history h = {0};
	kpi_opts o;
	kpi_result *r = NULL;
	churn_err err;

	kpi_opts_init(&o);
	o.revenue = &h;
	ok(kpi_compute(w, &o, &r, &err) == CHURN_EUSAGE && r == NULL,
	   "kpis: a revenue history with weighted customers is refused");
}

int main(void)
{
	cohort_customers w = {.n = N, .start = start, .end = end_, .value = value,
	                      .group = group, .weight = weight, .group_name = "plan",
	                      .group_levels = levels, .ngroup_levels = 2};
	cohort_customers x;
	expanded e;

	cohort_fixture_dates(start, end_);
	w.as_of = D(2024, 3, 31);
	x = expand(&e, &w);
	test_cohorts(&w, &x);
	test_kpis(&w, &x, 0);
	test_kpis(&w, &x, 1);
	/* The same entries as sums (cohort.h's sums, what --push-down's groups
	 * carry): count, paying, sum and sum of squares of their values. */
	cohort_value_sums sums[N];
	for (size_t i = 0; i < N; i++) {
		double v = value[i], k = (double)weight[i];
		sums[i] = (cohort_value_sums){isnan(v) ? 0 : weight[i], v > 0 ? weight[i] : 0,
		                              isnan(v) ? 0 : v * k, isnan(v) ? 0 : v * v * k};
	}
	w.sums = sums;
	test_cohorts(&w, &x);
	test_kpis(&w, &x, 0);
	test_kpis(&w, &x, 1);
	w.sums = NULL;
	w.value = NULL;
	x.value = NULL;
	test_cohorts(&w, &x);
	test_kpis(&w, &x, 0);
	test_no_history(&w);
	expanded_free(&e);
	return done_testing();
}

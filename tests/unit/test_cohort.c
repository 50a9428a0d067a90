/* test_cohort.c - retention triangles, hand-computed fixtures.
 *
 * The nine customers below are small enough to check on paper; every
 * expected number comes with its computation.  (The larger generated table,
 * checked against R, is in test_cohort_r.c.) */
#include "churnkit/cohort.h"
#include "churnkit/date.h"
#include "churnkit/table.h"
#include "cohort_fixture.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NA TABLE_DATE_NA
#define D(y, m, d) date_from_civil(y, m, d)
#define TOL 1e-12

/* 1  2024-01-15 active          value 10  plan A
 * 2  2024-01-31 ends 2024-01-31 value 20  plan A  (joins and churns on the 31st)
 * 3  2024-01-01 ends 2024-02-01 value 30  plan A  (churns on a month boundary)
 * 4  2024-01-10 ends 2024-02-29 value NaN plan B  (churns on the leap day)
 * 5  2024-02-29 ends 2024-03-31 value 40  plan A  (starts on the leap day)
 * 6  2024-02-01 active          value 50  plan B
 * 7  2024-03-31 active          value 60  plan -  (no plan)
 * 8  2024-04-01 active          value 80  plan A  (after as-of 2024-03-31)
 * 9  2024-03-05 ends 2024-05-10 value 70  plan B  (churns after as-of) */
static int32_t start[9], end_[9];
static const double value[9] = {10, 20, 30, NAN, 40, 50, 60, 80, 70};
static const uint32_t plans[9] = {0, 0, 0, 1, 0, 1, TABLE_CODE_NA, 0, 1};
static const char *const levels[2] = {"A", "=B"};

static void fixture(cohort_customers *c, int32_t as_of)
{
	cohort_fixture_dates(start, end_);
	c->n = 9;
	c->start = start;
	c->end = end_;
	c->value = value;
	c->group = plans;
	c->group_name = "plan";
	c->group_levels = levels;
	c->ngroup_levels = 2;
	c->as_of = as_of;
}

static void test_month_end(void)
{
	cohort_customers c = {0};
	cohort_result *r = NULL;
	churn_err err;
	const cohort_triangle *t;

	fixture(&c, D(2024, 3, 31));
	if (!ok(cohort_build(&c, 3, &r, &err) == CHURN_OK, "cohort: fixture builds"))
		return;
	t = &r->all;
	/* as-of 2024-03-31 is March's last day: March has ended. */
	is_int(r->last_month, 2024 * 12 + 2, "cohort: as-of on a month's last day ends that month");
	is_int(t->nrows, 3, "cohort: rows 2024-01, 2024-02, 2024-03");
	is_int(r->n_future, 1, "cohort: the customer starting 2024-04-01 is ignored");
	is_int(r->n_partial, 0, "cohort: no partial cohort at a month end");

	/* Jan: customers 1,2,3,4.  End of Jan (k0): 2 churned on Jan 31 -> 3 left;
	 * end of Feb (k1): 3 (Feb 1) and 4 (Feb 29) gone -> 1; end of Mar -> 1. */
	is_int(t->rows[0].size, 4, "cohort: Jan has 4 customers");
	is_int(t->rows[0].nk, 3, "cohort: Jan has months k0..k2");
	is_int(t->rows[0].retained[0], 3, "cohort: churn on the 31st counts in its own month");
	is_int(t->rows[0].retained[1], 1, "cohort: churn on Feb 1 and on the leap day leave Feb");
	is_int(t->rows[0].retained[2], 1, "cohort: Jan k2 = 1");
	ok(!t->rows[0].thin, "cohort: 4 customers with min_n 3 is not thin");
	/* Values: 10+20+30 (4 has none) = 60, k0 10+30 = 40, k1 10, k2 10. */
	is_double_rel(t->rows[0].value, 60, TOL, "cohort: Jan value leaves the missing value out");
	is_int(t->rows[0].nvalue, 3, "cohort: Jan has 3 values");
	is_double_rel(t->rows[0].value_retained[0], 40, TOL, "cohort: Jan value k0 = 10 + 30");
	is_double_rel(t->rows[0].value_retained[1], 10, TOL, "cohort: Jan value k1 = 10");
	/* Feb: 5 (leap day, ends Mar 31) and 6: k0 2, k1 1 (5 churned on Mar 31). */
	is_int(t->rows[1].size, 2, "cohort: Feb has 2 customers");
	is_int(t->rows[1].retained[0], 2, "cohort: Feb k0 = 2");
	is_int(t->rows[1].retained[1], 1, "cohort: churn on as-of, a month end, counts");
	ok(t->rows[1].thin, "cohort: 2 customers with min_n 3 is thin");
	/* Mar: 7 (starts on as-of) and 9 (churns after as-of): both retained. */
	is_int(t->rows[2].size, 2, "cohort: Mar has 2 customers, one starting on as-of");
	is_int(t->rows[2].retained[0], 2, "cohort: a churn after as-of is not counted");
	is_double_rel(t->rows[2].value_retained[0], 130, TOL, "cohort: Mar value k0 = 60 + 70");

	/* k0: simple (3/4 + 2/2 + 2/2)/3 = 11/12, weighted 7/8;
	 * k1: simple (1/4 + 1/2)/2 = 3/8, weighted 2/6; k2: 1/4 both. */
	is_int(t->n_cohorts[0], 3, "cohort: 3 cohorts have k0");
	is_int(t->n_cohorts[1], 2, "cohort: 2 cohorts have k1");
	is_double_rel(t->mean_simple[0], 11.0 / 12, TOL, "cohort: simple mean k0 = 11/12");
	is_double_rel(t->mean_weighted[0], 7.0 / 8, TOL, "cohort: weighted mean k0 = 7/8");
	is_double_rel(t->mean_simple[1], 3.0 / 8, TOL, "cohort: simple mean k1 = 3/8");
	is_double_rel(t->mean_weighted[1], 1.0 / 3, TOL, "cohort: weighted mean k1 = 2/6");
	is_double_rel(t->mean_simple[2], 0.25, TOL, "cohort: mean k2 from Jan only");
	is_double_rel(t->mean_weighted[2], 0.25, TOL, "cohort: weighted k2 from Jan only");
	/* Value k0: (40/60 + 90/90 + 130/130)/3 = 8/9, weighted 260/280 = 13/14;
	 * k1: (10/60 + 50/90)/2 = 13/36, weighted 60/150 = 0.4. */
	is_double_rel(t->value_mean_simple[0], 8.0 / 9, TOL, "cohort: value simple k0 = 8/9");
	is_double_rel(t->value_mean_weighted[0], 13.0 / 14, TOL, "cohort: value weighted k0");
	is_double_rel(t->value_mean_simple[1], 13.0 / 36, TOL, "cohort: value simple k1");
	is_double_rel(t->value_mean_weighted[1], 0.4, TOL, "cohort: value weighted k1");

	/* Groups.  A: Jan {1,2,3} k0 2 k1 1 k2 1; Feb {5} k0 1 k1 0; Mar {} size 0.
	 * B: Jan {4} 1,0,0; Feb {6} 1,1; Mar {9} 1.  Customer 7 has no plan. */
	is_int(r->ngroups, 2, "cohort: one triangle per plan");
	is_str(r->groups[1].level, "=B", "cohort: level names are copied");
	is_int(r->n_group_missing, 1, "cohort: one customer without a plan");
	is_int(r->groups[0].nrows, 3, "cohort: group rows line up with the overall ones");
	is_int(r->groups[0].rows[0].retained[0], 2, "cohort: plan A Jan k0 = 2");
	is_int(r->groups[0].rows[1].retained[1], 0, "cohort: plan A Feb k1 = 0");
	is_int(r->groups[0].rows[2].size, 0, "cohort: plan A has an empty Mar row");
	/* A k0 over Jan and Feb only: simple (2/3 + 1)/2 = 5/6, weighted 3/4. */
	is_int(r->groups[0].n_cohorts[0], 2, "cohort: an empty cohort takes no part in means");
	is_double_rel(r->groups[0].mean_simple[0], 5.0 / 6, TOL, "cohort: plan A simple k0");
	is_double_rel(r->groups[0].mean_weighted[0], 0.75, TOL, "cohort: plan A weighted k0");
	is_int(r->groups[1].rows[0].retained[1], 0, "cohort: plan B Jan k1 = 0 (leap day)");
	is_int(r->groups[1].rows[1].retained[1], 1, "cohort: plan B Feb k1 = 1");
	is_int(r->groups[1].ncustomers, 3, "cohort: plan B has 3 customers");
	cohort_result_free(r);
}

static void test_mid_month(void)
{
	cohort_customers c = {0};
	cohort_result *r = NULL;
	churn_err err;

	/* as-of 2024-03-30: March has not ended.  Rows Jan and Feb; customer 9
	 * (Mar 5) is in a partial cohort; 7 (Mar 31) and 8 start after as-of.
	 * Customer 5 ends Mar 31, after as-of, so Feb k0 = 2. */
	fixture(&c, D(2024, 3, 30));
	if (!ok(cohort_build(&c, 3, &r, &err) == CHURN_OK, "cohort: mid-month fixture builds"))
		return;
	is_int(r->last_month, 2024 * 12 + 1, "cohort: as-of Mar 30 -> last complete month Feb");
	is_int(r->all.nrows, 2, "cohort: mid-month as-of leaves the current month out");
	is_int(r->n_partial, 1, "cohort: one customer in the partial March cohort");
	is_int(r->n_future, 2, "cohort: two customers start after as-of");
	is_int(r->all.rows[0].nk, 2, "cohort: Jan has k0 and k1 only");
	is_int(r->all.rows[0].retained[1], 1, "cohort: Jan k1 = 1");
	is_int(r->all.rows[1].nk, 1, "cohort: Feb has k0 only");
	is_int(r->all.rows[1].retained[0], 2, "cohort: Feb k0 = 2");
	cohort_result_free(r);
}

static void test_edges(void)
{
	cohort_customers c = {0};
	cohort_result *r = NULL;
	churn_err err;
	int32_t s1[1], e1[1];

	fixture(&c, D(2024, 3, 31));
	c.n = 0;
	ok(cohort_build(&c, 30, &r, &err) == CHURN_OK && r->all.nrows == 0,
	   "cohort: no customers -> no rows, not an error");
	cohort_result_free(r);

	/* One customer starting 2024-01-31, as-of the same day: January has
	 * ended, one row with one cell. */
	s1[0] = D(2024, 1, 31);
	e1[0] = NA;
	c.n = 1;
	c.start = s1;
	c.end = e1;
	c.value = NULL;
	c.group = NULL;
	c.as_of = D(2024, 1, 31);
	ok(cohort_build(&c, 30, &r, &err) == CHURN_OK && r->all.nrows == 1 &&
	   r->all.rows[0].retained[0] == 1 && r->all.rows[0].value_retained == NULL &&
	   isnan(r->all.rows[0].value),
	   "cohort: one customer, as-of the 31st, no values");
	cohort_result_free(r);
	c.as_of = D(2024, 1, 30);
	ok(cohort_build(&c, 30, &r, &err) == CHURN_OK && r->all.nrows == 0 && r->n_future == 1,
	   "cohort: nothing before as-of -> no rows");
	cohort_result_free(r);

	c.as_of = D(2024, 2, 10);
	e1[0] = D(2024, 1, 30);
	ok(cohort_build(&c, 30, &r, &err) == CHURN_EDATA && r == NULL,
	   "cohort: an end before the start is a data error");
	e1[0] = NA;
	s1[0] = NA;
	ok(cohort_build(&c, 30, &r, &err) == CHURN_EDATA, "cohort: a missing start is a data error");

	fixture(&c, D(2024, 3, 31));
	c.ngroup_levels = 1;
	ok(cohort_build(&c, 30, &r, &err) == CHURN_EDATA, "cohort: a group code out of range");
	cohort_result_free(NULL);
	ok(1, "cohort: cohort_result_free(NULL) is fine");
}

/* The span guard: 3600 months (300 years) pass, 3601 fail before anything
 * is allocated, naming the months; many segment levels over a long span
 * fail on the cell count. */
static void test_span_guard(void)
{
	cohort_customers c = {0};
	cohort_result *r = NULL;
	churn_err err;
	int32_t s2[2], e2[2] = {NA, NA};
	uint32_t g2[2] = {0, 1};
	const char *lv[200];
	for (int k = 0; k < 200; k++)
		lv[k] = "L";

	fixture(&c, D(2024, 3, 31));
	c.n = 2;
	c.start = s2;
	c.end = e2;
	c.value = NULL;
	c.group = NULL;
	/* 1900-01 .. 2199-12 is 300 * 12 = 3600 months. */
	s2[0] = D(1900, 1, 1);
	s2[1] = D(2000, 1, 1);
	c.as_of = D(2199, 12, 31);
	ok(cohort_build(&c, 30, &r, &err) == CHURN_OK && r != NULL && r->all.nrows == 3600, "cohort: 3600 monthly cohorts (300 years) are built");
	cohort_result_free(r);
	r = NULL;
	c.as_of = D(2200, 1, 31);
	ok(cohort_build(&c, 30, &r, &err) == CHURN_EDATA && r == NULL &&
	   strstr(err.msg, "3601 months (1900-01 to 2200-01)") != NULL,
	   "cohort: 3601 months are refused before allocating, naming the months");
	ok(cohort_span_check(date_month_index(D(1, 1, 1)), date_month_index(D(9999, 12, 31)),
	                     &err) == CHURN_EDATA, "cohort: year 1 to 9999 is refused");
	ok(cohort_span_check(5, 4, &err) == CHURN_OK, "cohort: an empty span passes");
	/* 3000 months make 4,501,500 cells a triangle; 200 levels and the
	 * overall triangle make 904.8 million, more than 2^25. */
	c.as_of = D(2149, 12, 31);
	c.group = g2;
	c.group_levels = lv;
	c.ngroup_levels = 200;
	c.group_name = "plan";
	ok(cohort_build(&c, 30, &r, &err) == CHURN_EDATA && r == NULL &&
	   strstr(err.msg, "201 triangles") != NULL,
	   "cohort: too many cells over all segment triangles are refused");
}

int main(void)
{
	test_month_end();
	test_mid_month();
	test_edges();
	test_span_guard();
	return done_testing();
}

/*
 * cohort.h - monthly signup cohorts and their retention triangles.
 *
 * Input (shared with kpi.h): one entry per customer in plain arrays,
 * `cohort_customers`.  A customer starts on day start[i] (a day number,
 * date.h) and churns on day end[i]; end[i] == TABLE_DATE_NA (INT32_MIN) means
 * still active.  A customer is active on the days start[i] .. end[i] - 1 and
 * has churned from day end[i] on (the churn date is the first day without
 * the customer).  value[i] is the monthly recurring revenue (NaN = missing;
 * `value` NULL = no values).  group[i] is a level code into group_levels
 * (UINT32_MAX = missing; `group` NULL = no segment column).
 *
 * Conventions (docs/contract.md "cohorts"):
 *  - A cohort is the calendar month of the start date (month index, date.h).
 *  - A calendar month has ended by as-of when as-of is on or after its last
 *    day: as-of 2026-03-31 means March 2026 has ended, as-of 2026-03-30 means
 *    it has not.  `last_month` below is the last month that has ended.
 *  - retained[k] counts the cohort's customers not churned by the end of
 *    calendar month cohort+k (k = 0 is the signup month): end is NA or
 *    end > last day of month cohort+k.  Only months cohort+k <= last_month
 *    appear, so row r has nk = last_month - cohort + 1 cells.  Every cell
 *    lies on or before as-of, so a churn date after as-of never counts.
 *  - Rows run over every calendar month from the first signup month to
 *    last_month, with no gaps: a month without signups is a row of size 0.
 *    Cohorts whose signup month has not ended by as-of are left out (they
 *    have no complete month yet); customers who start after as-of are
 *    ignored.  Both are counted in the result (n_partial, n_future).
 *  - value_retained[k] sums value over the retained customers whose value is
 *    not missing; `value` of a row sums the non-missing values of the cohort
 *    (a missing value counts as neither 0 nor anything else: it is left out
 *    of both, and nvalue says how many values each row had).
 *  - A row is thin when its size is below min_n; each of its cells is thin.
 *  - Mean rows, for each k: only the cohorts that have month k (nk > k) and
 *    at least one customer take part (n_cohorts[k] of them).
 *      mean_simple[k]   = average over those cohorts of retained[k] / size
 *                         (every cohort counts the same, however small);
 *      mean_weighted[k] = sum of retained[k] / sum of size over those cohorts
 *                         (size-weighted; each customer counts the same).
 *    Thin cohorts take part in both.  The value means do the same with
 *    value_retained[k] / value over cohorts whose value is > 0.
 *    A mean over no cohort is NaN.
 *  - Group triangles (one per level, in level order) use the same month
 *    range as the overall triangle so that they line up; customers whose
 *    group is missing are in the overall triangle only (n_group_missing).
 *
 * Ownership: cohort_build returns a new cohort_result that owns every array
 * and string in it (level names and the group name are copied); free it with
 * cohort_result_free.  Inputs are borrowed for the call only.
 */
#ifndef CHURNKIT_COHORT_H
#define CHURNKIT_COHORT_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"

/* The values of an entry that stands for customers of different values
 * (--push-down's groups: pushdown.h): how many have a value, how many a
 * value above 0, the sum of their values and of their squares. */
typedef struct {
	size_t nvalue, npay;
	double sum, sumsq;
} cohort_value_sums;

/* The customers, as plain arrays of n entries each (borrowed). */
typedef struct {
	size_t n;
	const int32_t *start;   /* signup day; never TABLE_DATE_NA */
	const int32_t *end;     /* churn day, >= start; TABLE_DATE_NA = active */
	const double *value;    /* MRR per customer, NaN = missing; NULL = none */
	const uint32_t *group;  /* level codes, UINT32_MAX = missing; NULL = none */
	const size_t *weight;   /* customers per entry (whole-number frequency
	                           weights: an entry of weight w counts as w
	                           customers of the same dates, group and value
	                           in every count and sum); NULL = 1 each */
	const cohort_value_sums *sums; /* NULL, or with weight and value: each
	                           entry's values as sums, in place of value[i]
	                           times its weight (value then only says that
	                           there are values) */
	const char *group_name; /* the segment column's name (may be NULL) */
	const char *const *group_levels; /* ngroup_levels names */
	size_t ngroup_levels;
	int32_t as_of;          /* snapshot day */
} cohort_customers;

typedef struct {
	int32_t cohort;          /* month index of the signup month */
	size_t size;             /* customers in the cohort */
	size_t nvalue;           /* of which with a non-missing value */
	double value;            /* sum of their values; NaN without values */
	size_t nk;               /* cells: months cohort .. last_month */
	size_t *retained;        /* nk counts (points into the triangle's block) */
	double *value_retained;  /* nk sums, or NULL without values */
	int thin;                /* size < min_n */
} cohort_row;

typedef struct {
	char *level;             /* group level, or NULL for all customers */
	size_t ncustomers;       /* customers in the rows */
	size_t nrows;
	cohort_row *rows;        /* oldest cohort first */
	size_t kmax;             /* largest nk (= nrows) */
	size_t *n_cohorts;       /* kmax: cohorts taking part in mean k */
	double *mean_simple;     /* kmax */
	double *mean_weighted;   /* kmax */
	double *value_mean_simple;   /* kmax, or NULL without values */
	double *value_mean_weighted; /* kmax, or NULL without values */
	size_t *cells;           /* storage for the rows' retained arrays */
	double *value_cells;     /* storage for the rows' value_retained arrays */
} cohort_triangle;

typedef struct {
	int32_t as_of;
	int32_t first_month;     /* first row's cohort (month index) */
	int32_t last_month;      /* last month that has ended by as-of */
	size_t min_n;
	int has_value;
	size_t n_future;         /* customers starting after as-of (ignored) */
	size_t n_partial;        /* customers in cohorts not ended by as-of */
	size_t n_group_missing;  /* customers without a group (overall only) */
	cohort_triangle all;     /* every customer */
	char *group_name;        /* copy of the segment column's name, or NULL */
	size_t ngroups;          /* one triangle per level */
	cohort_triangle *groups;
} cohort_result;

/* The longest span of months from the first signup to as-of that cohorts
 * and period tables take: 300 years, the span of the loader's default
 * plausible dates (load.h).  A triangle grows with the square of its span,
 * so the span is checked before anything is allocated. */
#define COHORT_MAX_MONTHS 3600
/* The most cells the triangles of one cohort_build may hold together (the
 * overall triangle and one per segment level): about 0.5 GB with values. */
#define COHORT_MAX_CELLS ((size_t)1 << 25)

/* CHURN_EDATA naming the months when first_month .. last_month (month
 * indices) span more than COHORT_MAX_MONTHS months; CHURN_OK otherwise. */
churn_status cohort_span_check(int32_t first_month, int32_t last_month, churn_err *err);

/* The last calendar month (month index) that has ended by `as_of`: the
 * month of as_of + 1, minus one. */
int32_t cohort_last_ended_month(int32_t as_of);

/* (cohort_build fails with CHURN_EDATA, before allocating, when the cohorts
 * span more than COHORT_MAX_MONTHS months or the triangles would hold more
 * than COHORT_MAX_CELLS cells.) */

/* Checks the customers: n > 0 entries need start, no start is NA, no end is
 * before its start, group codes are below ngroup_levels or missing.  Returns
 * CHURN_EDATA naming the first bad entry (0-based index), CHURN_EUSAGE for
 * NULL arrays.  Shared by cohort_build and kpi_compute. */
churn_status cohort_customers_check(const cohort_customers *c, churn_err *err);

/* Builds the overall triangle and, when c->group is given, one triangle per
 * level.  min_n marks thin rows.  When no cohort has ended by as-of the
 * result has zero rows (not an error).  On success *out is a new result
 * (free with cohort_result_free); on failure *out is NULL. */
churn_status cohort_build(const cohort_customers *c, size_t min_n,
                          cohort_result **out, churn_err *err);

void cohort_result_free(cohort_result *r);

#endif

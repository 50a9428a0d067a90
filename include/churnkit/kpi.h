/*
 * kpi.h - period KPIs: customers at start, new, churned, end, churn and
 * retention rates, MRR movements, the reporting period against the one
 * before it, and the cost of churn.
 *
 * Input: the customers of cohort.h (cohort_customers); optionally a revenue
 * history (revenue.h).  Periods are calendar months ("2026-09") and calendar
 * quarters ("2026Q3"), each the days first_day..last_day.
 *
 * Which periods: every month and every quarter that
 *  - begins on or after the earliest start date (earlier periods are only
 *    partly covered by the data), and
 *  - has ended by as-of (as-of on or after its last day: as-of 2026-09-30
 *    completes 2026Q3).  As a SaaS metrics product reports closed periods,
 *    the period in progress is left out; its numbers would read as a drop.
 * Months come first, oldest first, then quarters.
 *
 * Counts for a period [a, b] (docs/contract.md), churn counted at the churn date:
 *   start   customers with start < a and (end NA or end >= a): active on its
 *           first day (a customer whose churn date is a is in start and in
 *           churned);
 *   new     customers with a <= start <= b;
 *   churned customers with a <= end <= b;
 *   end     = start + new - churned (= customers active after day b);
 *   churn_rate = churned / start; retention_rate = (end - new) / start
 *   (NaN when start is 0).
 * Customers who start and churn inside the same period are in new and in
 * churned (n_same_period of them) unless exclude_same_period, which takes
 * them out of both; n_churned_start counts the churned customers who were
 * in start.  Note that with the counts above retention_rate = 1 -
 * churn_rate; when same-period customers are counted, churned can exceed
 * the start customers lost.  Churn dates after as-of are not counted (they
 * lie beyond every complete period).  Customers starting after as-of are
 * ignored.
 *
 * MRR (revenue_period in each row, revenue.h): with a history, from it,
 * with each customer's churn month (churn date on or before as-of) passed
 * along so that MRR churn is counted at the churn date like the customer
 * counts (revenue.h; the history must be for the same c->n customers);
 * otherwise, when values are given, each customer's value is constant MRR
 * while active: mrr_start = values of start customers, mrr_new = of new,
 * mrr_churned = of churned (all churned, new ones included unless
 * excluded), mrr_end = mrr_start + mrr_new - mrr_churned, expansion,
 * contraction and reactivation 0, start_churned = values of the start
 * customers who churned, so grr = nrr = 1 - start_churned / mrr_start.
 * Missing values count as 0 MRR; paying customers (n_start, n_end ...)
 * are those with a value > 0.
 * LTV = ARPA / the mean of the monthly churn rates (paying customers lost
 * in the month / paying customers at its start) of the ltv_months (6)
 * months ending with the period's last month; months before the first
 * computed month or with nobody paying at the start are skipped, and
 * ltv_months in the row says how many were averaged.  NaN when that mean is
 * 0 or no month is available.
 *
 * Reporting period (the report's --period): the one asked for, which must
 * be a computed (complete) period, or by default the last complete quarter;
 * the previous period is the one before it of the same kind.  Their change
 * (current - previous) comes with a two-sided two-proportion z test of the
 * churn rates, pooled, without continuity correction (R's
 * prop.test(correct = FALSE); z^2 is its X-squared):
 *   p = (c1 + c2) / (s1 + s2), z = (c1/s1 - c2/s2) / sqrt(p (1-p) (1/s1 + 1/s2)),
 *   p-value = 2 Q(|z|) (gsl_cdf_ugaussian_Q).
 * The test is left out (NaN, test_ok 0, with the reason in test_note) when
 * a start count is 0, churned exceeds start (same-period churn), or the
 * pooled proportion is 0 or 1.  The cost of churn (revenue.h) is computed
 * for the reporting period from its mrr_churned and churned customers.
 *
 * Ownership: kpi_compute returns a new kpi_result owning its arrays; free
 * with kpi_result_free.  Inputs are borrowed for the call only.
 */
#ifndef CHURNKIT_KPI_H
#define CHURNKIT_KPI_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/cohort.h"
#include "churnkit/err.h"
#include "churnkit/revenue.h"

typedef enum { KPI_MONTH, KPI_QUARTER } kpi_kind;

typedef struct {
	kpi_kind kind;
	int32_t index;           /* month index or quarter index (date.h) */
} kpi_period;

typedef enum { KPI_MRR_NONE, KPI_MRR_CONSTANT, KPI_MRR_HISTORY } kpi_mrr_source;

typedef struct {
	int exclude_same_period; /* 0 */
	int has_period;          /* 0: default reporting period */
	kpi_period period;       /* the reporting period when has_period */
	size_t ltv_months;       /* 6 */
	const revenue_history *revenue; /* NULL: constant values, if any */
	revenue_cost_opts cost;
} kpi_opts;

typedef struct {
	kpi_period period;
	char label[8];           /* "2026-09" or "2026Q3" */
	int32_t first_day, last_day;
	size_t n_start, n_new, n_churned, n_end;
	size_t n_churned_start;  /* churned who were in start */
	size_t n_same_period;    /* started and churned in the period */
	double churn_rate, retention_rate;
	revenue_period mrr;      /* covered = 0 without MRR */
} kpi_row;

typedef struct {
	int has_current, has_previous;
	kpi_row current, previous;  /* copies */
	double d_start, d_new, d_churned, d_end; /* current - previous */
	double d_churn_rate, d_retention_rate;
	double d_mrr_churned, d_grr, d_nrr;
	double z, p_value;
	int test_ok;
	const char *test_note;   /* static text: why the test is left out, or "" */
} kpi_change;

typedef struct {
	int32_t as_of;
	int32_t first_day;       /* earliest start date */
	int exclude_same_period;
	kpi_mrr_source mrr_source;
	size_t ltv_months;
	size_t nmonths;
	kpi_row *months;
	size_t nquarters;
	kpi_row *quarters;
	kpi_change change;       /* reporting period against the one before */
	int has_cost;
	revenue_cost cost;       /* for the reporting period */
	double cost_previous;    /* cost.total of the period before, by the same
	                            rule (has_cost, and that period's MRR
	                            covered); NaN otherwise */
} kpi_result;

void kpi_opts_init(kpi_opts *o);

/* Parses "2026Q3" (quarter) or "2026-09" (month); CHURN_EUSAGE otherwise. */
churn_status kpi_period_parse(const char *s, kpi_period *p, churn_err *err);

/* Writes the label of p into buf (8 bytes); returns buf. */
char *kpi_period_format(kpi_period p, char buf[static 8]);

/* First and last day and first and last month of a period. */
int32_t kpi_period_first_day(kpi_period p);
int32_t kpi_period_last_day(kpi_period p);
int32_t kpi_period_first_month(kpi_period p);
int32_t kpi_period_last_month(kpi_period p);

/* The last quarter that has ended by as_of (docs/contract.md's default). */
kpi_period kpi_default_period(int32_t as_of);

/* Two-sided pooled two-proportion z test: churned c1 of s1 against c2 of
 * s2.  Returns 1 and sets *z and *p, or 0 (NaN) when undefined. */
int kpi_prop_test(size_t c1, size_t s1, size_t c2, size_t s2, double *z, double *p);

/* Computes every period, the change and the cost of churn.  CHURN_EUSAGE
 * when the requested period is not a computed one (not ended by as-of, or
 * before the data) or for a revenue history with weighted customers
 * (c->weight: the history is per customer), CHURN_EDATA for bad customers
 * or history.  On success
 * *out is a new result (free with kpi_result_free); on failure NULL. */
churn_status kpi_compute(const cohort_customers *c, const kpi_opts *o, kpi_result **out,
                         churn_err *err);

/* The row of period p in r, or NULL when not computed. */
const kpi_row *kpi_find(const kpi_result *r, kpi_period p);

/* The trend of the executive summary (docs/contract.md): the reporting
 * period and the periods of its kind before it, oldest first, at most
 * KPI_TREND_QUARTERS quarters or KPI_TREND_MONTHS months (fewer when the
 * data begin later).  Returns their count and sets *first to the oldest, a
 * pointer into r's own rows (consecutive periods); 0 and NULL without a
 * reporting period. */
#define KPI_TREND_QUARTERS 8
#define KPI_TREND_MONTHS 12
size_t kpi_trend(const kpi_result *r, const kpi_row **first);

/* The row of the same period a year before row (4 quarters or 12 months
 * earlier), or NULL when the data do not reach back that far. */
const kpi_row *kpi_year_before(const kpi_result *r, const kpi_row *row);

void kpi_result_free(kpi_result *r);

#endif

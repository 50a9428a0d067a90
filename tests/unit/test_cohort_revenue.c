/* test_cohort_revenue.c - net revenue retention by cohort from a revenue
 * history (cohort_revenue.h) on a history small enough to add up by hand:
 * two cohorts with an expansion, a contraction, a churn (its row in the
 * churn month does not count), a reactivation after a month without MRR,
 * a cohort older than the history (not known), and a month without signups. */
#include "churnkit/cohort_revenue.h"
#include "churnkit/date.h"
#include "churnkit/table.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>

#define D(y, m, d) date_from_civil(y, m, d)
#define M(y, m) date_month_index(date_from_civil(y, m, 1))

int main(void)
{
	/* As of 2024-04-30: April has ended.  e signed up in December 2023,
	 * before the history's first month; a, b in January; c, d in February. */
	const int32_t start[] = {D(2024, 1, 5), D(2024, 1, 10), D(2024, 2, 1), D(2024, 2, 20),
	                         D(2023, 12, 15)};
	const int32_t end[] = {TABLE_DATE_NA, D(2024, 3, 15), TABLE_DATE_NA, TABLE_DATE_NA,
	                       TABLE_DATE_NA};
	/* a: 100 then 150 (expansion); b: 50 until churning in March (its
	 * March row is the churn month's); c: 80 then 60 (contraction); d: 20,
	 * nothing in March, 20 again in April (reactivation); e: 30. */
	const size_t cust[] = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4};
	const int32_t month[] = {M(2024, 1), M(2024, 2), M(2024, 3), M(2024, 4),
	                         M(2024, 1), M(2024, 2), M(2024, 3),
	                         M(2024, 2), M(2024, 3), M(2024, 4),
	                         M(2024, 2), M(2024, 4), M(2024, 1)};
	const double mrr[] = {100, 150, 150, 150, 50, 50, 50, 80, 60, 60, 20, 20, 30};
	cohort_customers c = {.n = 5, .start = start, .end = end, .as_of = D(2024, 4, 30)};
	revenue_history h = {.n = 13, .customer = cust, .month = month, .mrr = mrr,
	                     .ncustomers = 5};
	cohort_revenue *r = NULL;
	churn_err e;

	churn_err_clear(&e);
	is_int(cohort_revenue_build(&c, &h, &r, &e), CHURN_OK, "builds: %s", e.msg);
	if (r == NULL)
		return done_testing();
	is_int(r->nrows, 5, "five cohorts, 2023-12 to 2024-04");
	is_int(r->first_month, M(2023, 12), "first cohort December");
	is_int(r->history_first, M(2024, 1), "history starts in January");
	is_int(r->history_last, M(2024, 4), "history ends in April");
	/* December: older than the history, nothing known. */
	is_int(r->rows[0].size, 1, "December: one customer");
	ok(isnan(r->rows[0].mrr[0]) && isnan(r->rows[0].retention[1]),
	   "December: signup month before the history, not known");
	/* January: 150, 200 (a expands), 150 (b churned in March), 150. */
	const double jan[] = {150, 200, 150, 150}, janr[] = {1, 200.0 / 150, 1, 1};
	is_int(r->rows[1].nk, 4, "January: four months");
	is_int(r->rows[1].size, 2, "January: two customers");
	for (size_t k = 0; k < 4; k++) {
		is_double_rel(r->rows[1].mrr[k], jan[k], 1e-12, "January MRR month %zu", k);
		is_double_rel(r->rows[1].retention[k], janr[k], 1e-12, "January NRR month %zu", k);
	}
	/* February: 100, 60 (c contracts, d pays nothing), 80 (d reactivates). */
	const double feb[] = {100, 60, 80}, febr[] = {1, 0.6, 0.8};
	for (size_t k = 0; k < 3; k++) {
		is_double_rel(r->rows[2].mrr[k], feb[k], 1e-12, "February MRR month %zu", k);
		is_double_rel(r->rows[2].retention[k], febr[k], 1e-12, "February NRR month %zu", k);
	}
	ok(r->rows[3].size == 0 && r->rows[3].mrr[0] == 0.0 && isnan(r->rows[3].retention[0]),
	   "March: no signups, MRR 0, retention not known");
	/* Weighted mean: (150+100)/250, (200+60)/250, (150+80)/250, 150/150. */
	const double mw[] = {1, 1.04, 0.92, 1};
	const size_t nc[] = {2, 2, 2, 1};
	for (size_t k = 0; k < 4; k++) {
		is_double_rel(r->mean_weighted[k], mw[k], 1e-12, "weighted mean month %zu", k);
		is_int(r->n_cohorts[k], nc[k], "cohorts in mean month %zu", k);
	}
	ok(isnan(r->mean_weighted[4]), "month 4: no cohort known");
	cohort_revenue_free(r);

	h.ncustomers = 4; /* and without e's row */
	h.n = 12;
	r = (cohort_revenue *)1;
	is_int(cohort_revenue_build(&c, &h, &r, &e), CHURN_EUSAGE, "history of other customers");
	ok(r == NULL, "no result on failure");
	return done_testing();
}

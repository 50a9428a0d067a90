/*
 * cohort_revenue.h - net revenue retention by signup cohort from a revenue
 * history (docs/contract.md "cohorts", "Revenue retention by cohort").
 *
 * The cohorts and their months are those of cohort.h: a customer's cohort
 * is the calendar month of their start date; customers starting after
 * as-of, and cohorts whose month has not ended by as-of, are left out; row r
 * has the months cohort .. last_month (last_month = the last month ended by
 * as-of), nk = last_month - cohort + 1 cells.
 *
 * mrr[k] is the cohort's MRR in calendar month cohort+k: the sum of the
 * history's MRR rows (revenue.h) of its customers for that month, where a
 * customer's MRR counts as 0 from their churn month on (the churn month of a
 * churn date on or before as-of; revenue.h).  Expansion, contraction, churn
 * and reactivation all move it, so that
 *     retention[k] = mrr[k] / mrr[0]
 * is the cohort's net revenue retention k months after its signup month, as
 * SaaS metrics products draw it (expansion included: it may exceed 1).
 * A cell is known only when its month lies in the history's months (its
 * first to its last month with a row): others are NaN, and so is every cell
 * of a row whose signup month is not known or whose mrr[0] is 0.
 *
 * The weighted mean row, for each k: sum of mrr[k] / sum of mrr[0] over the
 * cohorts whose cell k is known and whose mrr[0] > 0 (n_cohorts[k] of them);
 * NaN over no cohort.
 *
 * Ownership: cohort_revenue_build returns a new result owning its arrays;
 * free it with cohort_revenue_free.  Inputs are borrowed for the call.
 */
#ifndef CHURNKIT_COHORT_REVENUE_H
#define CHURNKIT_COHORT_REVENUE_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/cohort.h"
#include "churnkit/err.h"
#include "churnkit/revenue.h"

typedef struct {
	int32_t cohort;          /* month index of the signup month */
	size_t size;             /* customers in the cohort */
	size_t nk;               /* cells: months cohort .. last_month */
	double *mrr;             /* nk: MRR in month cohort+k; NaN = not known */
	double *retention;       /* nk: mrr[k] / mrr[0]; NaN = not known */
} cohort_revenue_row;

typedef struct {
	int32_t first_month;     /* first row's cohort */
	int32_t last_month;      /* last month ended by as-of */
	int32_t history_first;   /* the history's first and last months; */
	int32_t history_last;    /* history_first > history_last: no rows */
	size_t nrows;            /* oldest cohort first */
	size_t kmax;             /* = nrows */
	cohort_revenue_row *rows;
	size_t *n_cohorts;       /* kmax */
	double *mean_weighted;   /* kmax */
	double *cells;           /* storage of the rows' mrr and retention */
} cohort_revenue;

/* Builds the revenue triangle of the customers c (group ignored) from the
 * history h, whose customer indexes are those of c (h->ncustomers == c->n;
 * h->churn_month is not read: the churn months come from c's end dates).
 * Fails with CHURN_EUSAGE on a mismatch or weighted customers (c->weight:
 * the history is per customer), CHURN_EDATA as cohort_build does
 * on bad customers or too long a span. */
churn_status cohort_revenue_build(const cohort_customers *c, const revenue_history *h,
                                  cohort_revenue **out, churn_err *err);

void cohort_revenue_free(cohort_revenue *r);

#endif

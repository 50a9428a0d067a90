/* cohort_revenue.c - net revenue retention by signup cohort from the revenue
 * history; see include/churnkit/cohort_revenue.h for the definitions.
 *
 * One pass over the history rows adds each row's MRR into the cell of its
 * customer's cohort and month; the cells outside the history's months are
 * then set to NaN and each row divided by its first cell.
 * Cost: O(customers + rows + cohorts^2). */
#include "churnkit/cohort_revenue.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/date.h"
#include "churnkit/table.h"

void cohort_revenue_free(cohort_revenue *r)
{
	if (r == NULL)
		return;
	free(r->rows);
	free(r->n_cohorts);
	free(r->mean_weighted);
	free(r->cells);
	free(r);
}

/* The month each customer's MRR stops counting (INT32_MAX: never), and
 * their cohort month (INT32_MAX: left out), into cm[] and sm[]. */
static void customer_months(const cohort_customers *c, int32_t last, int32_t *sm, int32_t *cm)
{
	for (size_t i = 0; i < c->n; i++) {
		int32_t m = date_month_index(c->start[i]);
		sm[i] = c->start[i] <= c->as_of && m <= last ? m : INT32_MAX;
		cm[i] = c->end[i] != TABLE_DATE_NA && c->end[i] <= c->as_of
		                ? date_month_index(c->end[i]) : INT32_MAX;
	}
}

/* Sets the weighted mean row and the cells' known/unknown state. */
static void finish(cohort_revenue *r)
{
	for (size_t i = 0; i < r->nrows; i++) {
		cohort_revenue_row *row = &r->rows[i];
		for (size_t k = 0; k < row->nk; k++) {
			int32_t m = row->cohort + (int32_t)k;
			if (m < r->history_first || m > r->history_last ||
			    row->cohort < r->history_first)
				row->mrr[k] = NAN;
		}
		for (size_t k = 0; k < row->nk; k++)
			row->retention[k] = isfinite(row->mrr[0]) && row->mrr[0] > 0.0
			                            ? row->mrr[k] / row->mrr[0] : NAN;
	}
	for (size_t k = 0; k < r->kmax; k++) {
		double num = 0.0, den = 0.0;
		size_t n = 0;
		for (size_t i = 0; i < r->nrows && r->rows[i].nk > k; i++) {
			const cohort_revenue_row *row = &r->rows[i];
			if (!isfinite(row->retention[k]))
				continue;
			num += row->mrr[k];
			den += row->mrr[0];
			n++;
		}
		r->n_cohorts[k] = n;
		r->mean_weighted[k] = n > 0 ? num / den : NAN;
	}
}

churn_status cohort_revenue_build(const cohort_customers *c, const revenue_history *h,
                                  cohort_revenue **out, churn_err *err)
{
	cohort_revenue *r = NULL;
	int32_t *sm = NULL, *cm = NULL, first = INT32_MAX, last;
	size_t nrows = 0, ncells, off = 0;
	churn_status st;

	if (out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "revenue cohorts: no result pointer");
	*out = NULL;
	if ((st = cohort_customers_check(c, err)) != CHURN_OK ||
	    (st = revenue_history_check(h, err)) != CHURN_OK)
		return st;
	if (c->weight != NULL)
		return churn_err_set(err, CHURN_EUSAGE, "revenue cohorts: a revenue history is "
		                     "per customer: not with weighted entries");
	if (h->ncustomers != c->n)
		return churn_err_set(err, CHURN_EUSAGE, "revenue cohorts: the history is for %zu "
		                     "customers, not the %zu given", h->ncustomers, c->n);
	last = cohort_last_ended_month(c->as_of);
	sm = malloc((c->n > 0 ? c->n : 1) * sizeof *sm);
	cm = malloc((c->n > 0 ? c->n : 1) * sizeof *cm);
	r = calloc(1, sizeof *r);
	if (sm == NULL || cm == NULL || r == NULL)
		goto nomem;
	customer_months(c, last, sm, cm);
	for (size_t i = 0; i < c->n; i++)
		if (sm[i] < first)
			first = sm[i];
	if (first <= last) {
		if ((st = cohort_span_check(first, last, err)) != CHURN_OK)
			goto fail;
		nrows = (size_t)(last - first) + 1;
	} else
		first = last + 1;
	r->first_month = first;
	r->last_month = last;
	r->nrows = r->kmax = nrows;
	r->history_first = INT32_MAX;
	r->history_last = INT32_MIN;
	for (size_t i = 0; i < h->n; i++) {
		if (h->month[i] < r->history_first)
			r->history_first = h->month[i];
		if (h->month[i] > r->history_last)
			r->history_last = h->month[i];
	}
	ncells = nrows * (nrows + 1) / 2;
	r->rows = calloc(nrows > 0 ? nrows : 1, sizeof *r->rows);
	r->n_cohorts = calloc(nrows > 0 ? nrows : 1, sizeof *r->n_cohorts);
	r->mean_weighted = calloc(nrows > 0 ? nrows : 1, sizeof *r->mean_weighted);
	r->cells = calloc(2 * ncells + 1, sizeof *r->cells);
	if (r->rows == NULL || r->n_cohorts == NULL || r->mean_weighted == NULL ||
	    r->cells == NULL)
		goto nomem;
	for (size_t i = 0; i < nrows; i++) {
		cohort_revenue_row *row = &r->rows[i];
		row->cohort = first + (int32_t)i;
		row->nk = nrows - i;
		row->mrr = r->cells + off;
		row->retention = r->cells + ncells + off;
		off += row->nk;
	}
	for (size_t i = 0; i < c->n; i++)
		if (sm[i] != INT32_MAX)
			r->rows[sm[i] - first].size++;
	for (size_t i = 0; i < h->n; i++) {
		size_t ci = h->customer[i];
		int32_t m = h->month[i];
		if (sm[ci] == INT32_MAX || m < sm[ci] || m > last || m >= cm[ci])
			continue; /* left out, before signup, not ended, or churned */
		r->rows[sm[ci] - first].mrr[m - sm[ci]] += h->mrr[i];
	}
	finish(r);
	free(sm);
	free(cm);
	*out = r;
	return CHURN_OK;
nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "revenue cohorts: out of memory");
fail:
	free(sm);
	free(cm);
	cohort_revenue_free(r);
	return st;
}

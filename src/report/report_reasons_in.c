/* report_reasons_in.c - the page "Why customers leave" from the stage
 * results; see include/churnkit/report_reasons_in.h. */
#include "churnkit/report_reasons_in.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct report_reasons_hold {
	report_reasons page;
	int have_page;
	reason_count *count;       /* [n] */
	reasons_findings *found;
	double *time;              /* [m] */
	double **inc;              /* [n][m] */
	report_gray *gray;         /* [n] or NULL */
	size_t n;
};

void report_reasons_hold_free(report_reasons_hold *h)
{
	if (h == NULL)
		return;
	for (size_t k = 0; h->inc != NULL && k < h->n; k++)
		free(h->inc[k]);
	free(h->inc);
	free(h->time);
	free(h->gray);
	free(h->count);
	findings_reasons_free(h->found);
	free(h);
}

const report_reasons *report_reasons_of(const report_reasons_hold *h)
{
	return h != NULL && h->have_page ? &h->page : NULL;
}

/* The all-customers incidence as step functions, times in months for
 * dates (the unit the page prints). */
static int curves(report_reasons_hold *h, const surv_run *sv)
{
	const surv_reasons *r = sv->reasons;
	const cuminc_curve *c;
	double scale = sv->date_mode ? sv->month_len : 1;

	if (r == NULL || r->all == NULL || r->ncause != h->n)
		return 1;
	c = r->all->curve[0];
	if (c->m == 0)
		return 1;
	h->time = malloc(c->m * sizeof *h->time);
	h->inc = calloc(h->n, sizeof *h->inc);
	if (h->time == NULL || h->inc == NULL)
		return 0;
	for (size_t i = 0; i < c->m; i++)
		h->time[i] = c->time[i] / scale;
	for (size_t k = 0; k < h->n; k++) {
		if ((h->inc[k] = malloc(c->m * sizeof *h->inc[k])) == NULL)
			return 0;
		for (size_t i = 0; i < c->m; i++)
			h->inc[k][i] = c->estimate[CUMINC_AT(c, i, k + 1)];
	}
	h->page.time = h->time;
	h->page.ntime = c->m;
	h->page.cuminc = (const double *const *)h->inc;
	h->page.time_unit = sv->date_mode ? "months"
	                    : sv->map->time_unit ? sv->map->time_unit : "time units";
	if (r->nby > 0 && r->gray[0] != NULL && r->gray[0]->ncause == h->n) {
		if ((h->gray = malloc(h->n * sizeof *h->gray)) == NULL)
			return 0;
		for (size_t k = 0; k < h->n; k++) {
			const gray_cause *g = &r->gray[0]->cause[k];
			h->gray[k] = (report_gray){g->stat, g->note ? NAN : (double)g->df, g->p};
		}
		h->page.gray = h->gray;
	}
	return 1;
}

churn_status report_reasons_from_runs(const reasons_result *rr, const surv_run *sv,
                                      const labelmap *labels, double alpha,
                                      double offer_effect, report_reasons_hold **out,
                                      churn_err *err)
{
	report_reasons_hold *h;
	churn_status st;

	*out = NULL;
	if (rr == NULL || !rr->has_period || !rr->has_previous || rr->nlevels == 0)
		return CHURN_OK;
	if ((h = calloc(1, sizeof *h)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if ((st = findings_reasons_from(rr, labels, &h->page.breakdown, &h->count, err)) !=
	    CHURN_OK) {
		report_reasons_hold_free(h);
		return st;
	}
	h->n = rr->nlevels;
	st = findings_reasons_build(&h->page.breakdown, alpha, offer_effect, &h->found, err);
	if (st != CHURN_OK) {
		report_reasons_hold_free(h);
		return st;
	}
	h->page.found = h->found;
	if (sv != NULL && !curves(h, sv)) {
		report_reasons_hold_free(h);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	if (h->page.gray != NULL)
		h->page.gray_by = labels_col(labels, sv->by[0].name);
	h->have_page = 1;
	*out = h;
	return CHURN_OK;
}

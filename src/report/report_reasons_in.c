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

/* Without periods (duration data): every churned customer of the data by
 * reason, and the line that says why nothing is compared. */
static churn_status overall(report_reasons_hold *h, const reasons_result *rr,
                            const labelmap *labels, int dates, churn_err *err)
{
	reason_count *c = calloc(rr->nlevels, sizeof *c);
	if ((h->count = c) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t k = 0; k < rr->nlevels; k++) {
		int unknown = rr->has_unknown && k + 1 == rr->nlevels;
		c[k] = (reason_count){ .label = unknown ? NULL
		                                        : labels_level(labels, rr->column,
		                                                       rr->names[k]),
		                       .involuntary = rr->has_split && !unknown ? rr->involuntary[k]
		                                                                : -1,
		                       .churned = { rr->overall.cell[k].churned, NAN },
		                       .mrr = { rr->has_mrr ? rr->overall.cell[k].churned_mrr : NAN,
		                                NAN },
		                       .has_left = 1, .left = { NAN, NAN },
		                       .name = unknown ? NULL : rr->names[k] };
	}
	h->page.breakdown = (reasons_breakdown){ c, rr->nlevels, { NAN, NAN }, { NULL, NULL } };
	h->page.no_period =
		dates ? "The report has no reporting period (the cohorts and KPIs are left out, "
		        "see the appendix), so the reasons are not compared between periods and no "
		        "reason is said to have grown. The table counts every customer who left."
		      : "The data has durations, not dates: there is no calendar period, so the "
		        "reasons are not compared between periods and no reason is said to have "
		        "grown. The table counts every customer who left.";
	return CHURN_OK;
}

churn_status report_reasons_from_runs(const reasons_result *rr, const surv_run *sv,
                                      const labelmap *labels, double alpha,
                                      double offer_effect, report_reasons_hold **out,
                                      churn_err *err)
{
	report_reasons_hold *h;
	churn_status st;

	*out = NULL;
	if (rr == NULL || rr->nlevels == 0 || !(rr->overall.total.churned > 0))
		return CHURN_OK;
	if ((h = calloc(1, sizeof *h)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if (rr->has_period && rr->has_previous) {
		st = findings_reasons_from(rr, labels, &h->page.breakdown, &h->count, err);
		if (st == CHURN_OK)
			st = findings_reasons_build(&h->page.breakdown, alpha, offer_effect, &h->found,
			                            err);
		h->page.found = h->found;
	} else {
		st = overall(h, rr, labels, sv != NULL && sv->date_mode, err);
	}
	if (st != CHURN_OK) {
		report_reasons_hold_free(h);
		return st;
	}
	h->n = rr->nlevels;
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

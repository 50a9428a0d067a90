/* page_cohorts.c - page 3: cohort retention heatmap by signup month (logo,
 * and revenue when --value is given: at the constant --value, or with
 * --revenue the net revenue retention from the history, cohort_revenue.h), thin cohorts marked, the size-weighted
 * mean row and the pooled Kaplan-Meier retention beside it (page.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/chart/chart.h"
#include "churnkit/cohort_revenue.h"
#include "churnkit/date.h"
#include "churnkit/hazard.h"
#include "report/pages/fmt.h"
#include "report/pages/page.h"
#include "report/pages/pages.h"

#define MAX_ROWS 24   /* most recent cohorts shown */
#define MAX_COLS 25   /* months 0..24 */

/* value: 0 logo retention, 1 revenue at each customer's --value, 2 net
 * revenue retention from the revenue history rv (rows aligned with tri's:
 * cohort_revenue.h). */
static void heat(report_page_ctx *c, chart_box box, const cohort_triangle *tri,
                 const cohort_revenue *rv, int value, const char *title)
{
	const report_input *in = c->in;
	/* The most recent cohorts that have customers (a month without signups
	 * has an empty row). */
	size_t pick[MAX_ROWS], nr = 0;
	for (size_t i = tri->nrows; i-- > 0 && nr < MAX_ROWS;)
		if (tri->rows[i].size > 0)
			pick[nr++] = i;
	for (size_t i = 0; i < nr / 2; i++) {
		size_t tmp = pick[i];
		pick[i] = pick[nr - 1 - i];
		pick[nr - 1 - i] = tmp;
	}
	size_t ncol = tri->kmax < MAX_COLS ? tri->kmax : MAX_COLS;
	const km_curve *km = in->surv && in->surv->ncurves > 0 && !value ? in->surv->curve[0].km
	                                                                 : NULL;
	size_t nsum = 1 + (km && in->time_in_days ? 1 : 0);
	size_t rows = nr + nsum;
	double *v = malloc(rows * (ncol ? ncol : 1) * sizeof *v);
	char (*lab)[32] = malloc(rows * sizeof *lab), (*note)[32] = malloc(rows * sizeof *note);
	char (*cl)[8] = malloc((ncol ? ncol : 1) * sizeof *cl);
	const char **lp = malloc(rows * sizeof *lp), **np = malloc(rows * sizeof *np);
	const char **clp = malloc((ncol ? ncol : 1) * sizeof *clp);
	unsigned char *thin = calloc(rows, 1);
	char thin_label[96];

	if (!v || !lab || !note || !cl || !lp || !np || !clp || !thin)
		goto done;
	for (size_t r = 0; r < nr; r++) {
		const cohort_row *row = &tri->rows[pick[r]];
		char cnt[32];
		date_format_month(row->cohort, lab[r]);
		const cohort_revenue_row *hr = value == 2 && pick[r] < rv->nrows ? &rv->rows[pick[r]]
		                                                                  : NULL;
		if (value == 2)
			snprintf(note[r], sizeof note[r], "%s",
			         hr ? fmt_money(hr->mrr[0], c->in->currency, cnt, sizeof cnt) : "");
		else if (value)
			snprintf(note[r], sizeof note[r], "%s", fmt_money(row->value, c->in->currency, cnt, sizeof cnt));
		else
			snprintf(note[r], sizeof note[r], "%s", fmt_count((double)row->size, cnt,
			                                                  sizeof cnt));
		thin[r] = (unsigned char)row->thin;
		for (size_t k = 0; k < ncol; k++) {
			double x = NAN;
			if (value == 2) {
				if (hr != NULL && k < hr->nk)
					x = hr->retention[k];
			} else if (k < row->nk) {
				if (value)
					x = row->value > 0 ? row->value_retained[k] / row->value : NAN;
				else
					x = row->size > 0 ? (double)row->retained[k] / (double)row->size
					                  : NAN;
			}
			v[r * ncol + k] = x;
		}
	}
	snprintf(lab[nr], sizeof lab[nr], value == 2 ? "MRR-weighted mean" : "Weighted mean");
	note[nr][0] = '\0';
	for (size_t k = 0; k < ncol; k++) {
		const double *m = value == 2 ? (k < rv->kmax ? rv->mean_weighted : NULL)
		                  : value    ? tri->value_mean_weighted : tri->mean_weighted;
		v[nr * ncol + k] = m ? m[k] : NAN;
	}
	if (nsum == 2) {
		snprintf(lab[nr + 1], sizeof lab[nr + 1], "Kaplan-Meier");
		note[nr + 1][0] = '\0';
		for (size_t k = 0; k < ncol; k++)
			v[(nr + 1) * ncol + k] = km_surv_at(km, ((double)k + 0.5) * DATE_MONTH_DAYS);
	}
	for (size_t r = 0; r < rows; r++) {
		lp[r] = lab[r];
		np[r] = note[r];
	}
	for (size_t k = 0; k < ncol; k++) {
		snprintf(cl[k], sizeof cl[k], "%zu", k);
		clp[k] = cl[k];
	}
	snprintf(thin_label, sizeof thin_label, "fewer than %zu customers", in->min_n);
	/* The ramp from the lowest value shown (down to the next 10%) to 100%. */
	double lo = 1;
	for (size_t k = 0; k < rows * ncol; k++)
		if (isfinite(v[k]) && v[k] < lo)
			lo = v[k];
	lo = floor(lo * 10) / 10;
	chart_heat_opts o = { .title = title, .corner = "Cohort",
	                      .xlabel = "Months since signup (0 = signup month)",
	                      .col_labels = clp, .row_notes = np, .thin = thin,
	                      .thin_label = thin_label, .nsummary = nsum, .show_values = 1,
	                      .lo = lo < 0.9 ? lo : 0.9 };
	chart_heatmap(c->d, box, v, rows, ncol, lp, &o);
done:
	free(v);
	free(lab);
	free(note);
	free(cl);
	free(lp);
	free(np);
	free(clp);
	free(thin);
}

void page_cohorts(report_page_ctx *c)
{
	const report_input *in = c->in;
	const cohort_result *r = in->cohorts;
	const cohort_triangle *tri = &r->all;
	double y = page_begin(c, "Cohort retention",
	                      "Customers grouped by signup month: the share still active at the "
	                      "end of each month since signup.");
	char buf[800];
	const cohort_revenue *rv = in->cohort_revenue;

	snprintf(buf, sizeof buf,
	         "Each row is a signup month; the number beside it is the cohort's %s. Only "
	         "months that had ended by the as-of date are shown%s. Weighted mean: all cohorts "
	         "(also those not shown) weighted by size%s. Kaplan-Meier: the pooled survival curve at mid-month "
	         "(tenure k + 0.5 months), which also counts cohorts too young for a cell.",
	         rv != NULL ? "customers (logo) or MRR in its signup month (revenue)"
	         : r->has_value ? "customers (logo) or starting MRR (revenue)" : "customers",
	         tri->nrows > MAX_ROWS ? "; the 24 most recent cohorts (the CSV tables have "
	                                 "all)"
	                               : "",
	         rv != NULL ? " (revenue: by signup-month MRR). Revenue cells follow each cohort's "
	                      "MRR month by month, expansion, contraction, churn and reactivation "
	                      "included, so they can pass 100%" : "");
	/* The heatmaps take what the note under them leaves. */
	double noteh = pdf_paragraph(c->d, c->left, y, c->right - c->left, buf, PDF_REGULAR,
	                             PAGE_SMALL, PAGE_SMALL * 1.35, chart_text2, 0);
	double avail = c->bottom + PAGE_NOTE_SLACK - y - noteh - 8;
	if (r->has_value || rv != NULL) {
		double hh = avail / 2 - 6;
		heat(c, (chart_box){ c->left, y, c->right - c->left, hh }, tri, NULL, 0,
		     "Customers retained (logo retention)");
		heat(c, (chart_box){ c->left, y + hh + 12, c->right - c->left, hh }, tri, rv,
		     rv != NULL ? 2 : 1,
		     rv != NULL ? "Net revenue retention (MRR from the revenue history)"
		                : "Revenue retained (MRR of the cohort's remaining customers)");
		y += avail;
	} else {
		heat(c, (chart_box){ c->left, y, c->right - c->left, avail }, tri, NULL, 0,
		     "Customers retained (logo retention)");
		y += avail;
	}
	page_note(c, y + 4, buf);
}

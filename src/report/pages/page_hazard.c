/* page_hazard.c - page 5: when churn happens: the churn hazard by tenure
 * month and the share of churn early in a customer's life (page.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "report/chart/chart.h"
#include "churnkit/hazard.h"
#include "churnkit/fmtnum.h"
#include "report/pages/fmt.h"
#include "report/pages/page.h"
#include "report/pages/pages.h"

#define MAX_BARS 48

/* The bars of the first n months (n > 0) from y, the table of the first
 * twelve and how many months the chart shows; returns the y below. */
static double hazard_chart(report_page_ctx *c, double y, const double *v,
                           const char *const *lp, size_t n, size_t highlight, size_t reliable,
                           const char *unit)
{
	const report_input *in = c->in;
	const hazard_table *h = in->surv->hazard;
	char buf[200], xl[64], early_label[64];

	snprintf(xl, sizeof xl, "Tenure %s", unit);
	snprintf(early_label, sizeof early_label, "First %g %s", h->early_threshold,
	         in->time_unit ? in->time_unit : "");
	chart_bars_opts o = { .title = NULL, .xlabel = xl,
	                      .ylabel = in->time_in_days ? "Churned in the month"
	                                                 : "Churned in the period",
	                      .highlight = highlight,
	                      .highlight_label = in->time_in_days ? "First 90 days"
	                                         : in->time_unit ? early_label : "Early",
	                      .percent = 1, .label_every = 0 };
	double ch = (c->bottom - y) * 0.55;
	chart_bars(c->d, (chart_box){ c->left, y, c->right - c->left, ch }, v, lp, n, &o);
	y += ch + 14;

	/* The first twelve months as a table. */
	size_t nt = n < 12 ? n : 12;
	chart_col cols[4] = { { "Tenure", 0, PDF_LEFT }, { "At risk", 70, PDF_RIGHT },
	                      { "Churned", 70, PDF_RIGHT }, { "Hazard", 70, PDF_RIGHT } };
	char cells[12][4][32];
	const char *cp[12 * 4];
	for (size_t i = 0; i < nt; i++) {
		snprintf(cells[i][0], 32, "%s %zu",
		         in->time_in_days || (in->time_unit && unit[0] == 'm') ? "Month"
		         : in->time_unit ? "Year" : "Unit", i + 1);
		fmt_count(h->n_risk[i], cells[i][1], 32);
		fmt_count(h->n_event[i], cells[i][2], 32);
		fmtnum_pct(h->rate[i], 2, cells[i][3], 32);
		for (size_t k = 0; k < 4; k++)
			cp[i * 4 + k] = cells[i][k];
	}
	chart_table_opts to = { .size = 8, .row_h = 12.5, .zebra = 1, .bold_rows = NULL };
	double th = 12.5 * (double)(nt + 1) + 6;
	if (y + th < c->bottom - 30) {
		chart_table(c->d, (chart_box){ c->left, y, (c->right - c->left) * 0.6, th }, cols, 4,
		            cp, nt, &to);
		y += th + 8;
	}
	if (h->nmonths > n) {
		char most[96] = "";
		if (reliable < h->nmonths)
			snprintf(most, sizeof most, ", up to the last with at least %zu customers at risk",
			         c->in->min_n);
		snprintf(buf, sizeof buf, "The chart shows the first %zu %ss of %zu%s.", n, unit,
		         h->nmonths, most);
		y = page_note(c, y, buf);
	}
	return y;
}

void page_hazard(report_page_ctx *c)
{
	const report_input *in = c->in;
	const hazard_table *h = in->surv->hazard;
	/* Months with too few customers at risk (fewer than --min-n) give rates
	 * that swing on one or two customers: the chart and the peak stop there. */
	double min_risk = in->min_n > 0 ? (double)in->min_n : 1;
	size_t reliable = 0;
	while (reliable < h->nmonths && h->n_risk[reliable] >= min_risk)
		reliable++;
	size_t n = reliable < MAX_BARS ? reliable : MAX_BARS;
	size_t peak_all = 0;
	for (size_t i = 0; i < reliable; i++)
		if (isfinite(h->rate[i]) && (!isfinite(h->rate[peak_all]) ||
		                             h->rate[i] > h->rate[peak_all]))
			peak_all = i;
	char labels[MAX_BARS][8], buf[900], a[32], b[32], e[32];
	const char *lp[MAX_BARS];
	double v[MAX_BARS], y;
	size_t highlight = 0;
	/* The hazard's period: a tenure month for dates and for durations in
	 * days, weeks or months (surv_run.h), a year for years. */
	const char *unit = in->time_in_days ? "month"
	                   : !in->time_unit ? "time unit"
	                   : strcmp(in->time_unit, "years") == 0 ? "year" : "month";

	y = page_begin(c, "When churn happens",
	               in->time_in_days
	                       ? "Churn hazard by tenure month: of the customers who reached a "
	                         "month of their life, the share who churned in it."
	                       : in->time_unit
	                       ? (strcmp(unit, "year") == 0
	                                  ? "Churn hazard by tenure year: of the customers who "
	                                    "reached a year of their life, the share who churned in it."
	                                  : "Churn hazard by tenure month: of the customers who "
	                                    "reached a month of their life, the share who churned "
	                                    "in it.")
	                       : "Churn hazard by tenure: of the customers who reached a unit "
	                         "of time, the share who churned in it.");
	for (size_t i = 0; i < n; i++) {
		snprintf(labels[i], sizeof labels[i], "%zu", i + 1);
		lp[i] = labels[i];
		v[i] = h->rate[i];
		/* Months that lie (at least partly) inside the early window. */
		if ((double)i * h->month_len < h->early_threshold)
			highlight = i + 1;
	}

	/* The headline numbers. */
	if (!(h->total_events > 0)) {
		y += pdf_paragraph(c->d, c->left, y, c->right - c->left,
		                   "No customer has churned yet: there is no hazard to show.", PDF_BOLD,
		                   12, 16, chart_ink, 1) + 6;
		page_note(c, y, "The chart and table fill in once customers churn.");
		return;
	}
	snprintf(buf, sizeof buf, "%s of all churn (%s of %s churned customers) happened in "
	         "the first %g %s of a customer's life.",
	         fmtnum_pct(h->early_share, 0, a, sizeof a), fmt_count(h->early_events, b, sizeof b),
	         fmt_count(h->total_events, e, sizeof e), h->early_threshold,
	         in->time_in_days ? "days" : in->time_unit ? in->time_unit : "time units");
	y += pdf_paragraph(c->d, c->left, y, c->right - c->left, buf, PDF_BOLD, 12, 16,
	                   chart_ink, 1) + 6;
	if (reliable > 0 && isfinite(h->rate[peak_all])) {
		snprintf(buf, sizeof buf,
		         "The risk is highest in %s %zu, when %s of the %s customers who reached it "
		         "churned.", unit, peak_all + 1, fmtnum_pct(h->rate[peak_all], 1, a, sizeof a),
		         fmt_count(h->n_risk[peak_all], b, sizeof b));
		y = page_para(c, c->left, y, 0, buf, PAGE_BODY + 1, chart_ink) + 8;
	}

	if (n == 0) {
		/* No month with --min-n customers at risk: no rate worth a bar. */
		snprintf(buf, sizeof buf, "No tenure %s had at least %zu customers at risk, so the "
		         "hazard by %s is not charted: a rate on fewer customers swings on one or "
		         "two of them.", unit, in->min_n, unit);
		y = page_note(c, y, buf);
	} else {
		y = hazard_chart(c, y, v, lp, n, highlight, reliable, unit);
	}
	char unit_note[96];
	snprintf(unit_note, sizeof unit_note, "Times are in %s, the duration column's unit.",
	         in->time_unit ? in->time_unit : "");
	page_note(c, y,
	          in->time_in_days
	                  ? "A tenure month is 30.4375 days (365.25 / 12). Onboarding (the first "
	                    "30 to 90 days) is when most customers decide whether to stay: a high "
	                    "early share calls for better onboarding."
	                  : in->time_unit ? unit_note
	                  : "Times are in the duration column's own unit.");
}

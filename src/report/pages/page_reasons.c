/* page_reasons.c - "Why customers leave" (issue 14; docs/outputs.md): the
 * reasons that grew, involuntary against voluntary churn and its action,
 * churn by reason this period against the last, and the stacked
 * cumulative incidence by reason (report_reasons.h, page.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/fmtnum.h"
#include "churnkit/report_reasons.h"
#include "report/chart/chart.h"
#include "report/chart/chart_stacked.h"
#include "report/pages/fmt.h"
#include "report/pages/page.h"
#include "report/pages/pages.h"

#define NCOLS 7
#define MAX_ROWS 24          /* reasons in the table (the rest summed) */
#define ROW_H 12.5
#define CELL 48
#define CHART_MIN_H 150.0
#define CHART_MAX_H 320.0

static const char *period_or(const reasons_breakdown *b, int k)
{
	return b->period[k] && b->period[k][0] ? b->period[k]
	       : k == 0 ? "this period" : "the previous period";
}

static const char *label_of(const reason_count *r)
{
	return r->label && r->label[0] ? r->label : "No reason given";
}

/* The sentences over the table: the reasons that grew, the involuntary
 * share and its action.  Returns the y below. */
static double sentences(report_page_ctx *c, double y, const report_reasons *rr)
{
	const reasons_breakdown *b = &rr->breakdown;
	const reasons_findings *f = rr->found;
	const char *cur = c->in->currency;
	char buf[900], a[32], m[32], s[32];
	size_t ngrew = 0;

	for (size_t i = 0; f && i < f->n; i++) {
		if (f->test[i].text == NULL)
			continue;
		snprintf(buf, sizeof buf, "%s.", f->test[i].text);
		y += pdf_paragraph(c->d, c->left, y, c->right - c->left, buf, PDF_BOLD, 11, 14.5,
		                   chart_ink, 1) + 5;
		ngrew++;
	}
	if (f && ngrew == 0) {
		snprintf(buf, sizeof buf, "No reason's share of customers grew significantly from "
		         "%s to %s.", period_or(b, 1), period_or(b, 0));
		y = page_para(c, c->left, y, 0, buf, PAGE_BODY + 1, chart_ink) + 4;
	}
	if (f && isfinite(f->invol_share)) {
		size_t len = (size_t)snprintf(buf, sizeof buf, "Involuntary churn (failed payments): "
		                              "%s of churned customers", fmtnum_pct_says(f->invol_share,
		                              a, sizeof a));
		if (isfinite(f->invol_mrr_share) && len < sizeof buf)
			len += (size_t)snprintf(buf + len, sizeof buf - len, ", %s of churned MRR",
			                        fmtnum_pct_says(f->invol_mrr_share, m, sizeof m));
		if (len < sizeof buf)
			len += (size_t)snprintf(buf + len, sizeof buf - len, " in %s", period_or(b, 0));
		if (f->unclassified_share > 0 && len < sizeof buf)
			snprintf(buf + len, sizeof buf - len, " (%s left for a reason not classified "
			         "as voluntary or involuntary).",
			         fmtnum_pct_says(f->unclassified_share, s, sizeof s));
		else if (len < sizeof buf)
			snprintf(buf + len, sizeof buf - len, "; the rest left by choice.");
		y = page_para(c, c->left, y, 0, buf, PAGE_BODY + 1, chart_ink) + 4;
	}
	if (f && f->has_action) {
		char cu[32], mr[32], sv[32], oe[32];
		int money = isfinite(f->action_mrr);
		snprintf(buf, sizeof buf, "Action (%s): %s. Aims at the next quarter's failed "
		         "payments, %s customer%s lost that way in %s%s%s%s.", f->team, f->action_text,
		         fmt_count(f->action_customers, cu, sizeof cu),
		         f->action_customers == 1 ? "" : "s", period_or(b, 0),
		         money ? ", " : "", money ? fmt_money(f->action_mrr, cur, mr, sizeof mr) : "",
		         money ? " MRR" : "");
		y = page_para(c, c->left, y, 0, buf, PAGE_BODY, chart_ink);
		if (isfinite(f->mrr_saved)) {
			snprintf(buf, sizeof buf, "If it recovers %s of as much churn a quarter (the "
			         "offer effect assumed), it keeps %s MRR a quarter.",
			         fmtnum_pct(f->offer_effect, 0, oe, sizeof oe),
			         fmt_money(f->mrr_saved, cur, sv, sizeof sv));
			y = page_para(c, c->left, y, 0, buf, PAGE_BODY, chart_ink);
		}
		y += 4;
	}
	return y;
}

/* The change cell: "+0.8 pp", with an arrow when significant. */
static void change_cell(const reason_test *t, char *buf, size_t n)
{
	char d[32];
	fmt_pp(t->change, d, sizeof d);
	if (!isfinite(t->change))
		snprintf(buf, n, "-");
	else if (t->significant)
		snprintf(buf, n, "%s %s", t->change > 0 ? "\xE2\x96\xB2" : "\xE2\x96\xBC", d);
	else
		snprintf(buf, n, "%s", d);
}

/* The breakdown table with a total row; returns the y below it. */
static double reasons_table(report_page_ctx *c, double y, const report_reasons *rr)
{
	const reasons_breakdown *b = &rr->breakdown;
	const reasons_findings *f = rr->found;
	size_t nr = b->nreasons < MAX_ROWS ? b->nreasons : MAX_ROWS;
	char (*cells)[NCOLS][CELL] = calloc(nr + 1, sizeof *cells);
	const char **cp = calloc((nr + 1) * NCOLS, sizeof *cp);
	unsigned char *bold = calloc(nr + 1, 1);
	double tot[2] = { 0, 0 }, left[2] = { 0, 0 }, totm = 0;
	int mrr_known = 1;

	if (cells == NULL || cp == NULL || bold == NULL)
		goto done;
	for (size_t i = 0; i < b->nreasons; i++) {
		tot[0] += b->reason[i].churned[0];
		tot[1] += b->reason[i].churned[1];
		left[0] += REASON_LEFT(&b->reason[i], 0);
		left[1] += REASON_LEFT(&b->reason[i], 1);
		if (isfinite(b->reason[i].mrr[0]))
			totm += b->reason[i].mrr[0];
		else
			mrr_known = 0;
	}
	for (size_t i = 0; i <= nr; i++) {
		int total = i == nr;
		const reason_count *r = total ? NULL : &b->reason[i];
		double x0 = total ? tot[0] : r->churned[0];
		double mr = total ? (mrr_known ? totm : NAN) : r->mrr[0];
		double l0 = total ? left[0] : REASON_LEFT(r, 0);
		double l1 = total ? left[1] : REASON_LEFT(r, 1);
		double s0 = b->at_start[0] > 0 ? l0 / b->at_start[0] : NAN;
		double s1 = b->at_start[1] > 0 ? l1 / b->at_start[1] : NAN;
		char p0[16], p1[16];
		snprintf(cells[i][0], CELL, "%s", total ? "All reasons" : label_of(r));
		fmt_count(x0, cells[i][1], CELL);
		fmtnum_pct(tot[0] > 0 ? x0 / tot[0] : NAN, 0, cells[i][2], CELL);
		fmt_money_full(mr, c->in->currency, cells[i][3], CELL);
		fmtnum_pct(mrr_known && totm > 0 ? mr / totm : NAN, 0, cells[i][4], CELL);
		snprintf(cells[i][5], CELL, "%s vs %s", fmtnum_pct(s0, 1, p0, sizeof p0),
		         fmtnum_pct(s1, 1, p1, sizeof p1));
		if (total || f == NULL)
			fmt_pp(s0 - s1, cells[i][6], CELL);
		else if (!f->test[i].significant)
			change_cell(&f->test[i], cells[i][6], CELL);
		bold[i] = (unsigned char)total;
		for (size_t k = 0; k < NCOLS; k++)
			cp[i * NCOLS + k] = cells[i][k];
	}
	char h5[64];
	snprintf(h5, sizeof h5, "Left / at start");
	chart_col cols[NCOLS] = { { "Reason", 0, PDF_LEFT }, { "Churned", 52, PDF_RIGHT },
	                          { "Share", 44, PDF_RIGHT }, { "MRR lost", 74, PDF_RIGHT },
	                          { "Share", 44, PDF_RIGHT }, { h5, 86, PDF_RIGHT },
	                          { "Change", 62, PDF_RIGHT } };
	chart_table_opts to = { .size = 8, .row_h = ROW_H, .zebra = 1, .bold_rows = bold };
	double th = ROW_H * (double)(nr + 2) + 4;
	chart_box tb = { c->left, y, c->right - c->left, th };
	size_t drawn = chart_table(c->d, tb, cols, NCOLS, cp, nr + 1, &to);
	/* The significant changes, coloured: a rise (bad) bold in the alert
	 * colour, a fall in the accent colour; right-aligned as the column. */
	for (size_t i = 0; f && i < nr && i < drawn; i++) {
		if (!f->test[i].significant)
			continue;
		char buf[CELL];
		change_cell(&f->test[i], buf, sizeof buf);
		double base = y + ROW_H + 1.5 + (double)i * ROW_H + ROW_H / 2 + 8 * 0.35;
		int up = f->test[i].change > 0;
		pdf_text(c->d, c->right - 4, base, buf, up ? PDF_BOLD : PDF_REGULAR, 8, PDF_RIGHT,
		         up ? chart_alert : chart_accent);
	}
	y += th + 4;
	if (b->nreasons > nr) {
		char buf[160];
		snprintf(buf, sizeof buf, "The table shows the first %zu of %zu reasons; All "
		         "reasons counts them all.", nr, b->nreasons);
		y = page_note(c, y, buf);
	}
done:
	free(cells);
	free(cp);
	free(bold);
	return y;
}

/* The stacked cumulative incidence chart in [y, y + h). */
static void reasons_chart(report_page_ctx *c, double y, double h, const report_reasons *rr)
{
	const reasons_breakdown *b = &rr->breakdown;
	chart_stacked_series *s = calloc(b->nreasons ? b->nreasons : 1, sizeof *s);
	char xl[96];
	if (s == NULL)
		return;
	for (size_t k = 0; k < b->nreasons; k++) {
		s[k].label = label_of(&b->reason[k]);
		s[k].est = rr->cuminc ? rr->cuminc[k] : NULL;
	}
	const char *u = rr->time_unit && rr->time_unit[0] ? rr->time_unit : NULL;
	if (u)
		snprintf(xl, sizeof xl, "Tenure (%s)", u);
	else
		snprintf(xl, sizeof xl, "Tenure");
	chart_stacked_opts o = { .title = NULL, .xlabel = xl,
	                         .ylabel = "Customers who have left",
	                         .months = u != NULL && strcmp(u, "months") == 0 };
	chart_stacked(c->d, (chart_box){ c->left, y, c->right - c->left, h }, rr->time,
	              rr->ntime, s, b->nreasons, &o);
	free(s);
}

/* Gray's test, one clause per reason; returns the y below. */
static double gray_note(report_page_ctx *c, double y, const report_reasons *rr)
{
	const reasons_breakdown *b = &rr->breakdown;
	char buf[1600], p[32];
	size_t len;

	if (rr->gray == NULL || rr->gray_by == NULL)
		return y;
	len = (size_t)snprintf(buf, sizeof buf, "Gray's test of whether the incidence of each "
	                       "reason differs between the groups of %s:", rr->gray_by);
	for (size_t k = 0; k < b->nreasons && len < sizeof buf; k++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s %s %s", k ? ";" : "",
		                        label_of(&b->reason[k]),
		                        isnan(rr->gray[k].p) ? "not tested"
		                        : fmtnum_p_says(rr->gray[k].p, c->in->alpha, p, sizeof p));
	if (len < sizeof buf)
		snprintf(buf + len, sizeof buf - len, ".");
	return page_note(c, y, buf);
}

void page_reasons(report_page_ctx *c)
{
	const report_reasons *rr = c->in->reasons;
	const reasons_breakdown *b = &rr->breakdown;
	char lead[400], head[200], note[700];
	double alpha = c->in->alpha > 0 && c->in->alpha < 1 ? c->in->alpha : 0.05;

	snprintf(lead, sizeof lead, "Churned customers by the reason they left, %s against %s; "
	         "and over a customer's life, the share who have left for each reason.",
	         period_or(b, 0), period_or(b, 1));
	double y = page_begin(c, "Why customers leave", lead);
	y = sentences(c, y, rr);
	snprintf(head, sizeof head, "Churn by reason, %s against %s", period_or(b, 0),
	         period_or(b, 1));
	y = page_h2(c, y + 4, head);
	y = reasons_table(c, y, rr);
	snprintf(note, sizeof note, "Churned and Share: every customer who left in %s, and "
	         "their MRR. Left / at start: those of them who were active at the start of %s "
	         "(and of %s), over the customers active then; those who joined and left "
	         "within the period are in Churned but not here, so its total is below the "
	         "logo churn rate. An arrow and colour mark a change only when the "
	         "two-proportion test (BH-adjusted over the reasons) gives p < %g and it is at "
	         "least 0.1 pp.", period_or(b, 0), period_or(b, 0), period_or(b, 1), alpha);
	y = page_note(c, y, note) + 6;
	if (rr->ntime == 0 || rr->time == NULL || rr->cuminc == NULL)
		return;
	y = page_h2(c, y, "Share of customers who have left, by reason and tenure");
	double h = fmin(CHART_MAX_H, c->bottom - y - 60);
	if (h < CHART_MIN_H) {
		y = page_continue(c);
		h = fmin(CHART_MAX_H, c->bottom - y - 60);
	}
	reasons_chart(c, y, h, rr);
	y += h + 8;
	y = page_note(c, y, "Cumulative incidence (Aalen-Johansen): the share of customers who "
	              "have left for each reason by each tenure, counting those who left for "
	              "another reason as no longer at risk of this one. The bands add up to all "
	              "churn (one minus retention); one minus a Kaplan-Meier curve per reason "
	              "would overstate each reason's share.");
	gray_note(c, y, rr);
}

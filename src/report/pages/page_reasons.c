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
#define TOP_REASONS 10       /* reasons in the table and chart; the rest are
                                folded into one "Other (N reasons)" */
#define OTHER ((size_t)-1)
#define MAX_GREW 3           /* sentences of reasons that grew; the rest counted */
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

/* What the table and the chart show: the TOP_REASONS reasons with the most
 * churned customers in the reporting period (ties by name), then, when more
 * are left, "Other (N reasons)" holding their sums (docs/outputs.md). */
typedef struct {
	size_t n;              /* rows, Other included */
	size_t idx[TOP_REASONS + 1]; /* reason index, or OTHER */
	reason_count other;    /* the folded reasons' sums */
	size_t nother;
	char other_label[48];
	double *other_cuminc;  /* [ntime] their incidence summed, or NULL */
	size_t *order;         /* [nreasons] every reason, most churned first */
} view;

/* A reason's sort key: its churned customers and name. */
typedef struct {
	double churned;
	const char *name;
	size_t i;
} rank_key;

static int by_churned(const void *pa, const void *pb)
{
	const rank_key *a = pa, *b = pb;
	if (a->churned != b->churned)
		return a->churned > b->churned ? -1 : 1;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* Fills v from rr; 0 when out of memory (v then empty). */
static int view_make(view *v, const report_reasons *rr)
{
	const reasons_breakdown *b = &rr->breakdown;
	rank_key *key = malloc((b->nreasons ? b->nreasons : 1) * sizeof *key);
	size_t *all = malloc((b->nreasons ? b->nreasons : 1) * sizeof *all);

	memset(v, 0, sizeof *v);
	if (key == NULL || all == NULL) {
		free(key);
		free(all);
		return 0;
	}
	for (size_t i = 0; i < b->nreasons; i++)
		key[i] = (rank_key){ b->reason[i].churned[0], label_of(&b->reason[i]), i };
	qsort(key, b->nreasons, sizeof *key, by_churned);
	for (size_t i = 0; i < b->nreasons; i++)
		all[i] = key[i].i;
	free(key);
	v->order = all;
	size_t top = b->nreasons > TOP_REASONS ? TOP_REASONS - 1 : b->nreasons;
	for (size_t i = 0; i < top; i++)
		v->idx[v->n++] = all[i];
	if (top < b->nreasons) {
		reason_count *o = &v->other;
		v->nother = b->nreasons - top;
		snprintf(v->other_label, sizeof v->other_label, "Other (%zu reasons)", v->nother);
		o->label = v->other_label;
		o->involuntary = -1;
		o->has_left = 1;
		if (rr->cuminc && rr->ntime > 0 &&
		    (v->other_cuminc = calloc(rr->ntime, sizeof *v->other_cuminc)) == NULL)
			return 0;
		for (size_t i = top; i < b->nreasons; i++) {
			const reason_count *r = &b->reason[all[i]];
			for (int k = 0; k < 2; k++) {
				o->churned[k] += r->churned[k];
				o->mrr[k] += r->mrr[k];  /* NaN stays NaN */
				o->left[k] += REASON_LEFT(r, k);
			}
			for (size_t t = 0; v->other_cuminc && t < rr->ntime; t++)
				if (isfinite(rr->cuminc[all[i]][t]))
					v->other_cuminc[t] += rr->cuminc[all[i]][t];
		}
		v->idx[v->n++] = OTHER;
	}
	return 1;
}

static void view_free(view *v)
{
	free(v->other_cuminc);
	free(v->order);
}

static const reason_count *view_reason(const view *v, const reasons_breakdown *b, size_t i)
{
	return v->idx[i] == OTHER ? &v->other : &b->reason[v->idx[i]];
}

/* The test of row i, or NULL (Other, no tests). */
static const reason_test *view_test(const view *v, const reasons_findings *f, size_t i)
{
	return f == NULL || v->idx[i] == OTHER ? NULL : &f->test[v->idx[i]];
}

/* The sentences over the table: the reasons that grew, the involuntary
 * share and its action.  Returns the y below. */
static double sentences(report_page_ctx *c, double y, const report_reasons *rr,
                        const view *v)
{
	const reasons_breakdown *b = &rr->breakdown;
	const reasons_findings *f = rr->found;
	const char *cur = c->in->currency;
	char buf[900], a[32], m[32], s[32];
	size_t ngrew = 0;

	if (rr->no_period != NULL)
		return page_para(c, c->left, y, 0, rr->no_period, PAGE_BODY + 1, chart_ink) + 4;
	/* The reasons that grew, most churned first, up to MAX_GREW. */
	for (size_t j = 0; f && j < f->n; j++) {
		size_t i = v->order[j];
		if (f->test[i].text == NULL || ngrew++ >= MAX_GREW)
			continue;
		snprintf(buf, sizeof buf, "%s.", f->test[i].text);
		y += pdf_paragraph(c->d, c->left, y, c->right - c->left, buf, PDF_BOLD, 11, 14.5,
		                   chart_ink, 1) + 5;
	}
	if (ngrew > MAX_GREW) {
		snprintf(buf, sizeof buf, "%zu other reasons grew significantly too; the JSON's "
		         "cohorts.reasons lists them all.", ngrew - MAX_GREW);
		y = page_para(c, c->left, y, 0, buf, PAGE_BODY + 1, chart_ink) + 4;
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

/* The change cell: "+0.8 pp", with an arrow when significant; the
 * difference of the two shares as the row prints them (fmt_pp_shown). */
static void change_cell(const reason_test *t, char *buf, size_t n)
{
	char d[32];
	fmt_pp_shown(t->share[0], t->share[1], d, sizeof d);
	if (!isfinite(t->change))
		snprintf(buf, n, "-");
	else if (t->significant)
		snprintf(buf, n, "%s %s", t->change > 0 ? "\xE2\x96\xB2" : "\xE2\x96\xBC", d);
	else
		snprintf(buf, n, "%s", d);
}

/* The breakdown table with a total row; returns the y below it. */
static double reasons_table(report_page_ctx *c, double y, const report_reasons *rr,
                            const view *v)
{
	const reasons_breakdown *b = &rr->breakdown;
	const reasons_findings *f = rr->found;
	size_t nr = v->n;
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
		const reason_count *r = total ? NULL : view_reason(v, b, i);
		const reason_test *t = total ? NULL : view_test(v, f, i);
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
		if (rr->no_period != NULL) {
			snprintf(cells[i][5], CELL, "-");
			snprintf(cells[i][6], CELL, "-");
		} else if (t == NULL)
			fmt_pp_shown(s0, s1, cells[i][6], CELL);
		else if (!t->significant)
			change_cell(t, cells[i][6], CELL);
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
	for (size_t i = 0; i < nr && i < drawn; i++) {
		const reason_test *t = view_test(v, f, i);
		if (t == NULL || !t->significant)
			continue;
		char buf[CELL];
		change_cell(t, buf, sizeof buf);
		double base = y + ROW_H + 1.5 + (double)i * ROW_H + ROW_H / 2 + 8 * 0.35;
		int up = t->change > 0;
		pdf_text(c->d, c->right - 4, base, buf, up ? PDF_BOLD : PDF_REGULAR, 8, PDF_RIGHT,
		         up ? chart_alert : chart_accent);
	}
	y += th + 4;
	if (v->nother > 0) {
		char buf[200];
		snprintf(buf, sizeof buf, "The %zu reasons with the most churned customers in %s "
		         "are shown; Other sums the remaining %zu (its change is not tested). "
		         "The JSON lists every reason.", nr - 1,
		         rr->no_period ? "the data" : period_or(b, 0), v->nother);
		y = page_note(c, y, buf);
	}
done:
	free(cells);
	free(cp);
	free(bold);
	return y;
}

/* The stacked cumulative incidence chart in [y, y + h), bands as the
 * table's rows. */
static void reasons_chart(report_page_ctx *c, double y, double h, const report_reasons *rr,
                          const view *v)
{
	const reasons_breakdown *b = &rr->breakdown;
	chart_stacked_series s[TOP_REASONS + 1];
	char xl[96];
	for (size_t k = 0; k < v->n; k++) {
		s[k].label = label_of(view_reason(v, b, k));
		s[k].est = v->idx[k] == OTHER ? v->other_cuminc
		           : rr->cuminc ? rr->cuminc[v->idx[k]] : NULL;
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
	              rr->ntime, s, v->n, &o);
}

/* Gray's test: the reasons whose incidence differs significantly between
 * the groups (p < alpha), or "none"; returns the y below. */
static double gray_note(report_page_ctx *c, double y, const report_reasons *rr, double alpha)
{
	const reasons_breakdown *b = &rr->breakdown;
	char buf[1600], p[32];
	size_t len, nsig = 0, ntested = 0;

	if (rr->gray == NULL || rr->gray_by == NULL)
		return y;
	len = (size_t)snprintf(buf, sizeof buf, "Gray's test of whether the incidence of each "
	                       "reason differs between the groups of %s:", rr->gray_by);
	for (size_t k = 0; k < b->nreasons; k++) {
		ntested += !isnan(rr->gray[k].p);
		if (!(rr->gray[k].p < alpha) || len >= sizeof buf)
			continue;
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s %s %s", nsig ? ";" : "",
		                        label_of(&b->reason[k]),
		                        fmtnum_p_says(rr->gray[k].p, alpha, p, sizeof p));
		nsig++;
	}
	if (len < sizeof buf && nsig == 0)
		snprintf(buf + len, sizeof buf - len, " none at p < %g (%zu of %zu reasons tested).",
		         alpha, ntested, b->nreasons);
	else if (len < sizeof buf && nsig < ntested)
		snprintf(buf + len, sizeof buf - len, "; no other reason at p < %g (%zu of %zu "
		         "tested).", alpha, ntested, b->nreasons);
	else if (len < sizeof buf)
		snprintf(buf + len, sizeof buf - len, " (every reason tested, %zu of %zu).", ntested,
		         b->nreasons);
	return page_note(c, y, buf);
}

void page_reasons(report_page_ctx *c)
{
	const report_reasons *rr = c->in->reasons;
	const reasons_breakdown *b = &rr->breakdown;
	char lead[400], head[200], note[700];
	double alpha = c->in->alpha > 0 && c->in->alpha < 1 ? c->in->alpha : 0.05;

	if (rr->no_period != NULL)
		snprintf(lead, sizeof lead, "Churned customers by the reason they left, over the "
		         "whole data; and over a customer's life, the share who have left for each "
		         "reason.");
	else
		snprintf(lead, sizeof lead, "Churned customers by the reason they left, %s against "
		         "%s; and over a customer's life, the share who have left for each reason.",
		         period_or(b, 0), period_or(b, 1));
	double y = page_begin(c, "Why customers leave", lead);
	view v;
	if (!view_make(&v, rr)) {
		view_free(&v);
		return;
	}
	y = sentences(c, y, rr, &v);
	if (rr->no_period != NULL)
		snprintf(head, sizeof head, "Churn by reason, every customer who left");
	else
		snprintf(head, sizeof head, "Churn by reason, %s against %s", period_or(b, 0),
		         period_or(b, 1));
	y = page_h2(c, y + 4, head);
	y = reasons_table(c, y, rr, &v);
	snprintf(note, sizeof note, "Churned and Share: every customer who left in %s, and "
	         "their MRR. Left / at start: those of them who were active at the start of %s "
	         "(and of %s), over the customers active then; those who joined and left "
	         "within the period are in Churned but not here, so its total is below the "
	         "logo churn rate. An arrow and colour mark a change only when the "
	         "two-proportion test (BH-adjusted over the reasons) gives p < %g and it is at "
	         "least 0.1 pp.", period_or(b, 0), period_or(b, 0), period_or(b, 1), alpha);
	if (rr->no_period != NULL)
		snprintf(note, sizeof note, "Churned and Share: every customer of the data who "
		         "left, and their MRR. Left / at start and Change need a calendar period "
		         "(dates).");
	y = page_note(c, y, note) + 6;
	if (rr->ntime == 0 || rr->time == NULL || rr->cuminc == NULL) {
		view_free(&v);
		return;
	}
	y = page_h2(c, y, "Share of customers who have left, by reason and tenure");
	double h = fmin(CHART_MAX_H, c->bottom - y - 60);
	if (h < CHART_MIN_H) {
		y = page_continue(c);
		h = fmin(CHART_MAX_H, c->bottom - y - 60);
	}
	reasons_chart(c, y, h, rr, &v);
	view_free(&v);
	y += h + 8;
	y = page_note(c, y, "Cumulative incidence (Aalen-Johansen): the share of customers who "
	              "have left for each reason by each tenure, counting those who left for "
	              "another reason as no longer at risk of this one. The bands add up to all "
	              "churn (one minus retention); one minus a Kaplan-Meier curve per reason "
	              "would overstate each reason's share.");
	gray_note(c, y, rr, alpha);
}

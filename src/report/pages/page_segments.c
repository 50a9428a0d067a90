/* page_segments.c - page 7: the value x risk matrix with customers, revenue
 * and expected loss per cell and each cell's playbook; page 8: the at-risk
 * accounts with the largest expected revenue loss, their main driver and
 * action (page.h). */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "report/chart/chart.h"
#include "churnkit/model_score.h"
#include "churnkit/fmtnum.h"
#include "churnkit/utf8.h"
#include "report/pages/fmt.h"
#include "report/pages/names.h"
#include "report/pages/page.h"
#include "report/pages/pages.h"

/* The at-risk table's main driver when no term raises the customer's risk
 * above the average customer's (the scores file leaves the cell empty). */
#define NO_DRIVER_MARK "\xE2\x80\x94"


static const score_band risk_cols[4] = { SCORE_BAND_HIGH, SCORE_BAND_MEDIUM, SCORE_BAND_LOW,
	                                   SCORE_BAND_NONE };

/* Shade of a cell: darker where value and risk are both high. */
static pdf_rgb cell_shade(size_t vrow, size_t nv, size_t rcol)
{
	double v = nv > 1 ? 1.0 - (double)vrow / (double)(nv - 1) : 1.0; /* 1 = high value */
	double r = 1.0 - (double)rcol / 2.0;                              /* 1 = high risk */
	double k = 0.15 + 0.85 * (v * 0.45 + r * 0.55);
	return (pdf_rgb){ 1 - 0.30 * k, 1 - 0.22 * k, 1 - 0.12 * k };
}

/* One line of a cell, shortened with "…" if it does not fit. */
static double cell_line(report_page_ctx *c, double x, double y, double w, const char *text,
                        pdf_weight wt)
{
	char fit[200];

	pdf_fit_text(c->d, text, wt, 7.5, w, fit, sizeof fit);
	pdf_text(c->d, x, y + 2, fit, wt, 7.5, PDF_LEFT, chart_ink);
	return y + 10;
}

/* A cell's playbook text; for the not-scored cell of customers beyond the
 * data, the real reason (the playbook's names only a missing or unseen
 * value). */
static const char *unscored_text(report_page_ctx *c, const segment_cell *cl, char *buf,
                                 size_t n)
{
	const segment_result *s = c->in->seg;
	size_t beyond = 0, none = 0;
	char why[120];

	/* An empty cell names the reason of the column's customers when it
	 * is the same for all of them. */
	if (cl->risk == SCORE_BAND_NONE)
		none = page_unscored(c->in, cl->customers > 0 ? (size_t)(cl - s->cells) : SIZE_MAX,
		                     &beyond);
	if (beyond == 0 || (cl->customers == 0 && beyond < none))
		return cl->playbook->text;
	if (beyond == none)
		snprintf(buf, n, "No probability: their tenure plus the horizon is beyond what the "
		         "data follow; review them by hand.");
	else
		snprintf(buf, n, "The model could not score these customers (%s); review them by "
		         "hand.", page_unscored_why(none, beyond, why, sizeof why));
	return buf;
}

static void cell_draw(report_page_ctx *c, double x, double y, double w, double h,
                      const segment_cell *cl, pdf_rgb shade, const char *unit)
{
	char buf[300], a[32];
	double ty = y + 13, tw = w - 14;

	pdf_fill_color(c->d, shade);
	pdf_rect_fill(c->d, x, y, w, h);
	pdf_stroke_color(c->d, (pdf_rgb){ 1, 1, 1 });
	pdf_line_width(c->d, 2);
	pdf_rect_stroke(c->d, x, y, w, h);
	pdf_line_width(c->d, 1);
	if (!cl)
		return;
	if (cl->playbook)
		ty += pdf_paragraph(c->d, x + 7, ty - 9, tw, cl->playbook->headline, PDF_BOLD, 8.5,
		                    10.5, chart_ink, 1);
	snprintf(buf, sizeof buf, "%s customer%s", fmt_count((double)cl->customers, a, sizeof a),
	         cl->customers == 1 ? "" : "s");
	ty = cell_line(c, x + 7, ty, tw, buf, PDF_REGULAR);
	if (isfinite(cl->mrr)) {
		snprintf(buf, sizeof buf, "MRR %s", fmt_money(cl->mrr, c->in->currency, a, sizeof a));
		ty = cell_line(c, x + 7, ty, tw, buf, PDF_REGULAR);
	}
	if (cl->risk != SCORE_BAND_NONE && isfinite(cl->expected_mrr_loss)) {
		snprintf(buf, sizeof buf, "Exp. loss %s%s",
		         fmt_money(cl->expected_mrr_loss, c->in->currency, a, sizeof a), unit);
		ty = cell_line(c, x + 7, ty, tw, buf, PDF_BOLD);
	}
	if (cl->incentive_customers > 0) {
		snprintf(buf, sizeof buf, "Offer pays for %s",
		         fmt_count((double)cl->incentive_customers, a, sizeof a));
		ty = cell_line(c, x + 7, ty, tw, buf, PDF_REGULAR);
	}
	if (cl->playbook && ty < y + h - 10)
		pdf_paragraph(c->d, x + 7, ty - 3, tw, unscored_text(c, cl, buf, sizeof buf),
		              PDF_REGULAR, 7, 8.8, chart_ink, 1);
}

void page_segments(report_page_ctx *c)
{
	const report_input *in = c->in;
	const segment_result *s = in->seg;
	char buf[900], a[32], b[32], e[32], f[32], bands[64];
	double y;
	size_t nv = 0;
	segment_value tiers[4];
	int has_unscored = 0;

	/* The value-unknown row only when some customer has no value. */
	for (size_t v = 0; v < s->nvalue_tiers && v < 4; v++)
		if (s->value_tiers[v] != SEGMENT_VALUE_UNKNOWN || s->nvalue_unknown > 0)
			tiers[nv++] = s->value_tiers[v];

	y = page_begin(c, "Value x risk segments",
	               "Active customers by value (MRR) and churn risk, with what to do for each "
	               "group. Expected loss = churn probability x MRR.");
	size_t unscored = 0;
	for (size_t i = 0; i < s->ncells; i++)
		if (s->cells[i].risk == SCORE_BAND_NONE)
			unscored += s->cells[i].customers;
	has_unscored = unscored > 0;
	/* A fourth column for the customers the model could not score. */
	size_t nrc = has_unscored ? 4 : 3;

	double lw = 78, gap = 0;
	double cw = (c->right - c->left - lw) / (double)nrc;
	double ch = nv > 1 ? (c->bottom - y - 190) / (double)nv : 170;
	if (ch > 150)
		ch = 150;
	/* Column headers. */
	for (size_t k = 0; k < nrc; k++)
		pdf_text(c->d, c->left + lw + cw * ((double)k + 0.5), y + 10,
		         segment_risk_title(risk_cols[k]), PDF_BOLD, 9, PDF_CENTER, chart_ink);
	y += 16;
	for (size_t v = 0; v < nv; v++) {
		double ry = y + (double)v * (ch + gap);
		pdf_paragraph(c->d, c->left, ry + ch / 2 - 12, lw - 8,
		              segment_value_title(tiers[v]), PDF_BOLD, 9, 11, chart_ink, 1);
		for (size_t k = 0; k < nrc; k++) {
			const segment_cell *cl = segment_cell_at(s, tiers[v], risk_cols[k]);
			pdf_rgb shade = k < 3 ? cell_shade(v, nv, k) : (pdf_rgb){ 0.96, 0.96, 0.96 };
			cell_draw(c, c->left + lw + cw * (double)k, ry, cw, ch, cl, shade, "/mo");
		}
	}
	y += (double)nv * (ch + gap) + 10;

	/* Totals and rules. */
	const segment_cell *t = &s->total;
	char g[32], risk[200];
	snprintf(risk, sizeof risk, "%s", in->risk_definition ? in->risk_definition : "churning");
	if (s->has_value)
		snprintf(buf, sizeof buf,
		         "%s active customers%s%s%s, MRR %s. Expected MRR loss: %s a month, at most "
		         "%s in revenue over %g months (every expected churner lost for the whole "
		         "period at today's MRR).",
		         fmt_count((double)t->customers, a, sizeof a), has_unscored ? " (" : "",
		         has_unscored ? fmt_count((double)unscored, g, sizeof g) : "",
		         has_unscored ? " not scored)" : "", fmt_money(t->mrr, c->in->currency, b, sizeof b),
		         fmt_money(t->expected_mrr_loss, c->in->currency, e, sizeof e),
		         fmt_money(t->expected_revenue_loss, c->in->currency, f, sizeof f),
		         s->horizon_months);
	else
		snprintf(buf, sizeof buf, "%s active customers%s%s%s; %s expected to churn.",
		         fmt_count((double)t->customers, a, sizeof a), has_unscored ? " (" : "",
		         has_unscored ? fmt_count((double)unscored, g, sizeof g) : "",
		         has_unscored ? " not scored)" : "",
		         fmt_count(t->expected_churners, e, sizeof e));
	y = page_para(c, c->left, y, 0, buf, PAGE_BODY, chart_ink) + 4;
	if (s->has_value) {
		snprintf(buf, sizeof buf,
		         "Value tiers: high = MRR at or above %s (the top 20%% of the active customers' "
		         "values), low = below their median %s. Risk: the probability of %s; %s.",
		         fmt_money(s->q80, c->in->currency, a, sizeof a),
		         fmt_money(s->q50, c->in->currency, b, sizeof b), risk,
		         segment_bands_text(bands, sizeof bands));
		y = page_note(c, y, buf);
	} else {
		snprintf(buf, sizeof buf, "No customer value is known: one value tier. Risk: the "
		         "probability of %s; %s.", risk, segment_bands_text(bands, sizeof bands));
		y = page_note(c, y, buf);
	}
	/* A cut at or above 100% is no probability: over a horizon this short
	 * no offer pays for itself, even for a customer certain to churn. */
	if (s->has_value && !(s->incentive_p < 1))
		snprintf(buf, sizeof buf,
		         "A retention offer (%g month%s of MRR) is recommended only where the revenue "
		         "it is expected to save exceeds its cost: probability x %.0f%% effect x %g "
		         "months of MRR > the offer. Over %g months no offer pays for itself, even for "
		         "a customer certain to churn, so none is recommended.%s",
		         s->incentive_months, s->incentive_months == 1 ? "" : "s",
		         s->offer_effect * 100, s->horizon_months, s->horizon_months,
		         in->horizon_assumed ? " The scores have no horizon in months, so the revenue "
		                               "figures assume 12." : "");
	else if (s->has_value)
		snprintf(buf, sizeof buf,
		         "A retention offer (%g month%s of MRR) is recommended only where the revenue "
		         "it is expected to save exceeds its cost: probability x %.0f%% effect x %g "
		         "months of MRR > the offer, i.e. a churn probability above %s; never for "
		         "low-value customers, whose playbook is low-cost care.%s",
		         s->incentive_months, s->incentive_months == 1 ? "" : "s",
		         s->offer_effect * 100, s->horizon_months,
		         fmtnum_pct(s->incentive_p, 1, a, sizeof a),
		         in->horizon_assumed ? " The scores have no horizon in months, so the revenue "
		                               "figures assume 12." : "");
	else
		snprintf(buf, sizeof buf, "Without customer values no retention offer can be priced, "
		         "so none is recommended.");
	y = page_note(c, y, buf);
	if (s->nvalue_unknown > 0) {
		snprintf(buf, sizeof buf, "%s customer%s no value and %s tiered by risk alone.",
		         fmt_count((double)s->nvalue_unknown, a, sizeof a),
		         s->nvalue_unknown == 1 ? " has" : "s have",
		         s->nvalue_unknown == 1 ? "is" : "are");
		y = page_note(c, y, buf);
	}
	y = page_beyond_note(c, y);
	if (has_unscored)
		page_note(c, y, "Customers the model could not score (a missing attribute, "
		                "unless missing values are imputed, or beyond the data) are left "
		                "for review by hand.");
}

/* The id of table row i as text. */
static const char *id_text(const table *t, const char *id_name, size_t i, char *buf, size_t n)
{
	const table_col *id = id_name ? table_find(t, id_name) : NULL;

	buf[0] = '\0';
	if (!id)
		snprintf(buf, n, "row %zu", i + 1);
	else if (id->kind == TABLE_CAT)
		snprintf(buf, n, "%s", id->codes[i] == TABLE_CODE_NA ? "" : id->levels[id->codes[i]]);
	else if (id->kind == TABLE_NUM && !isnan(id->num[i]))
		table_num_text(id->num[i], buf, n);
	return buf;
}

/* s fitted into width by cutting its middle, keeping the last characters:
 * ids often differ only at the end ("customer-account-C00474",
 * "customer-account-C00475"), which a cut at the end would hide. */
static char *fit_middle(pdf_doc *d, const char *s, pdf_weight w, double size, double width,
                        char *buf, size_t n)
{
	size_t len = strlen(s), tail = len, kept = 0;
	char head[300], fit[300];

	if (pdf_text_width(d, s, w, size) <= width) {
		snprintf(buf, n, "%s", s);
		return buf;
	}
	/* The last 8 characters (UTF-8: skip continuation bytes). */
	while (tail > 0 && kept < 8) {
		tail--;
		if (!utf8_continuation((unsigned char)s[tail]))
			kept++;
	}
	snprintf(head, sizeof head, "%.*s", (int)tail, s);
	pdf_fit_text(d, head, w, size, width - pdf_text_width(d, s + tail, w, size), fit,
	             sizeof fit);
	snprintf(buf, n, "%s%s", fit, s + tail);
	return buf;
}

/* id fitted into width, keeping the part that differs from the other ids
 * (they share pre bytes at the start and suf at the end): "custo…C002550…". */
static char *distinct_id(pdf_doc *d, const char *id, size_t pre, size_t suf, double width,
                         char *buf, size_t n)
{
	size_t len = strlen(id), head = 0, kept = 0;
	char shown[300];

	if (pdf_text_width(d, id, PDF_BOLD, 7.5) <= width || pre + suf >= len) {
		return fit_middle(d, id, PDF_BOLD, 7.5, width, buf, n);
	}
	/* Show the differing part as whole tokens: back to the separator before
	 * it, on to the separator after it ("C002362", not "2362"). */
	while (pre > 0 && isalnum((unsigned char)id[pre - 1]))
		pre--;
	while (suf > 0 && isalnum((unsigned char)id[len - suf]))
		suf--;
	/* Up to six characters of the shared prefix, then the distinct part. */
	while (head < pre && kept < 6) {
		head++;
		while (head < pre && utf8_continuation((unsigned char)id[head]))
			head++;
		kept++;
	}
	snprintf(shown, sizeof shown, "%.*s%s%.*s%s", (int)head, id, head < pre ? "\xE2\x80\xA6" : "",
	         (int)(len - pre - suf), id + pre, suf > 0 ? "\xE2\x80\xA6" : "");
	return fit_middle(d, shown, PDF_BOLD, 7.5, width, buf, n);
}

void page_accounts(report_page_ctx *c)
{
	const report_input *in = c->in;
	const segment_result *s = in->seg;
	const double rh = 23;               /* two lines per account */
	size_t fit = (size_t)((page_next_bottom(c) - c->top - 120) / rh);
	size_t pick[64], n = 0;

	/* At risk (segment.h), by expected loss (the list is sorted). */
	for (size_t k = 0; k < s->ntop && n < fit && n < 64; k++)
		if (segment_band_at_risk(s->customers[s->top[k]].risk))
			pick[n++] = s->top[k];
	char buf[600], a[32], id[128], drv[160], fitbuf[300];
	size_t no_driver = 0;
	double y, x0 = c->left, w = c->right - c->left;
	size_t pre = 0, suf = 0;

	/* The prefix and suffix all the ids on the page share (bytes, at
	 * character boundaries). */
	for (size_t i = 0; i < n; i++) {
		char other[128];
		id_text(in->t, in->id_name, s->customers[pick[i]].row, other, sizeof other);
		if (i == 0) {
			snprintf(id, sizeof id, "%s", other);
			pre = suf = strlen(id);
			continue;
		}
		size_t la = strlen(id), lb = strlen(other), k = 0;
		while (k < pre && k < lb && id[k] == other[k])
			k++;
		pre = k;
		k = 0;
		while (k < suf && k < la && k < lb && id[la - 1 - k] == other[lb - 1 - k])
			k++;
		suf = k;
	}
	if (n < 2)
		pre = suf = 0;
	while (pre > 0 && utf8_continuation((unsigned char)id[pre]))
		pre--;
	while (suf > 0 && utf8_continuation((unsigned char)id[strlen(id) - suf]))
		suf--;
	/* Columns of the first line: #, id, MRR, risk, expected loss, driver. */
	const double cx[6] = { x0 + 14, x0 + 20, x0 + 190, x0 + 235, x0 + 300, x0 + 312 };

	const char *risk = in->risk_definition ? in->risk_definition : "churning";
	if (n == 0)
		snprintf(buf, sizeof buf, "The medium- and high-risk customers (the probability "
		         "of %s), their main churn driver and the recommended action.", risk);
	else if (s->weighted) {
		/* A row stands for its weight's customers: the list is of rows. */
		size_t wsum = 0;
		for (size_t i = 0; i < n; i++)
			wsum += s->customers[pick[i]].weight;
		snprintf(buf, sizeof buf,
		         "The %zu medium- and high-risk rows (%zu customers by their weights) with "
		         "the largest %s, their main churn driver and the recommended action.", n,
		         wsum, s->has_value ? "expected MRR loss" : "churn probability");
	} else if (s->has_value)
		snprintf(buf, sizeof buf,
		         "The %zu medium- and high-risk customers with the largest expected MRR loss "
		         "(the probability of %s x MRR), their main churn driver and the "
		         "recommended action.", n, risk);
	else
		snprintf(buf, sizeof buf,
		         "The %zu medium- and high-risk customers most likely to churn (the "
		         "probability of %s), their main churn driver and the recommended action.",
		         n, risk);
	y = page_begin(c, "At-risk accounts", buf);
	if (n == 0) {
		char from[16], none[200];
		if (page_none_scored(in, none, sizeof none))
			snprintf(buf, sizeof buf, "%s, so none can be ranked by risk.", none);
		else
			snprintf(buf, sizeof buf, "No active customer is at medium or high risk (a "
			         "churn probability of %s or more).",
			         segment_at_risk_from_text(from, sizeof from));
		double below = page_para(c, c->left, y, 0, buf, PAGE_BODY + 1, chart_ink);
		page_beyond_note(c, fmax(y + 30, below + 10));
		return;
	}

	pdf_text(c->d, cx[0], y + 9, "#", PDF_BOLD, 7.5, PDF_RIGHT, chart_ink);
	pdf_text(c->d, cx[1], y + 9, in->id_name ? name_col(in, in->id_name) : "Customer",
	         PDF_BOLD, 7.5, PDF_LEFT, chart_ink);
	pdf_text(c->d, cx[2], y + 9, in->value_name ? name_col(in, in->value_name) : "MRR",
	         PDF_BOLD, 7.5,
	         PDF_RIGHT, chart_ink);
	pdf_text(c->d, cx[3], y + 9, "Risk", PDF_BOLD, 7.5, PDF_RIGHT, chart_ink);
	pdf_text(c->d, cx[4], y + 9, "Expected loss", PDF_BOLD, 7.5, PDF_RIGHT, chart_ink);
	pdf_text(c->d, cx[5], y + 9, "Main driver", PDF_BOLD, 7.5, PDF_LEFT, chart_ink);
	pdf_stroke_color(c->d, chart_ink);
	pdf_line_width(c->d, 0.8);
	pdf_line(c->d, x0, y + 13, x0 + w, y + 13);
	y += 15;
	for (size_t i = 0; i < n; i++) {
		const segment_customer *sc = &s->customers[pick[i]];
		const score_entry *e = &in->sc->rows[pick[i]];
		double ry = y + (double)i * rh;
		if (i % 2 == 1) {
			pdf_fill_color(c->d, (pdf_rgb){ 0.95, 0.96, 0.97 });
			pdf_rect_fill(c->d, x0, ry, w, rh);
		}
		snprintf(a, sizeof a, "%zu", i + 1);
		pdf_text(c->d, cx[0], ry + 9, a, PDF_REGULAR, 7.5, PDF_RIGHT, chart_text2);
		id_text(in->t, in->id_name, sc->row, id, sizeof id);
		/* An id too long for its column keeps what tells it from the others
		 * on the page (the part between their common prefix and suffix). */
		distinct_id(c->d, id, pre, suf, cx[2] - cx[1] - 50, fitbuf, sizeof fitbuf);
		pdf_text(c->d, cx[1], ry + 9, fitbuf, PDF_BOLD, 7.5, PDF_LEFT, chart_ink);
		pdf_text(c->d, cx[2], ry + 9, fmt_money_full(sc->value, in->currency, a, sizeof a),
		         PDF_REGULAR, 7.5, PDF_RIGHT, chart_ink);
		pdf_text(c->d, cx[3], ry + 9, fmtnum_pct(sc->p, 0, a, sizeof a), PDF_REGULAR, 7.5,
		         PDF_RIGHT, chart_ink);
		pdf_text(c->d, cx[4], ry + 9,
		         fmt_money_full(sc->expected_mrr_loss, in->currency, a, sizeof a),
		         PDF_BOLD, 7.5, PDF_RIGHT, chart_ink);
		drv[0] = '\0';
		if (in->dscore)
			name_driver(in, in->dscore, in->t, sc->row, &e->s, drv, sizeof drv);
		/* No term above the average customer's: a mark the note explains. */
		if (in->dscore && drv[0] == '\0') {
			snprintf(drv, sizeof drv, "%s", NO_DRIVER_MARK);
			no_driver++;
		}
		pdf_fit_text(c->d, drv, PDF_REGULAR, 7.5, x0 + w - cx[5], fitbuf, sizeof fitbuf);
		pdf_text(c->d, cx[5], ry + 9, fitbuf, PDF_REGULAR, 7.5, PDF_LEFT, chart_ink);
		snprintf(buf, sizeof buf, "\xE2\x86\x92 %s", segment_customer_action(s, pick[i]));
		pdf_fit_text(c->d, buf, PDF_REGULAR, 7.5, x0 + w - cx[1], fitbuf, sizeof fitbuf);
		pdf_text(c->d, cx[1], ry + 19, fitbuf, PDF_REGULAR, 7.5, PDF_LEFT, chart_accent);
	}
	y += (double)n * rh + 10;
	snprintf(buf, sizeof buf,
	         "Risk: the churn probability over the horizon. Expected loss: risk x %s, the "
	         "MRR the customer is expected to take away. Main driver: the attribute that "
	         "raises this customer's risk most compared with the average customer%s. The "
	         "scores file lists every active customer with its segment and action.",
	         in->value_name ? name_col(in, in->value_name) : "MRR",
	         no_driver > 0 ? "; " NO_DRIVER_MARK " where no attribute raises it above the "
	                         "average (the risk comes from the baseline: the base rate and "
	                         "the customer's tenure)" : "");
	y = page_note(c, y, buf);
	page_beyond_note(c, y);
}

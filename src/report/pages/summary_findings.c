/* summary_findings.c - page 2's findings, each with the action that
 * answers it, and the playbook's top actions when no finding has one
 * (summary_exec.h; docs/findings.md, "What a finding concerns"). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/chart/chart.h"
#include "churnkit/fmtnum.h"
#include "report/pages/fmt.h"
#include "report/pages/page.h"
#include "report/pages/pages.h"
#include "report/pages/summary_exec.h"

/* The action answering finding i (the first in the list: largest MRR
 * saved first, findings_actions.h), or NULL. */
const finding_action *summary_action_of(const findings *f, size_t i)
{
	for (size_t k = 0; f && k < f->nactions; k++)
		if (f->action[k].finding == i)
			return &f->action[k];
	return NULL;
}

/* The involuntary-churn action's words (findings.h): whom it aims at,
 * what it keeps, and, when it answers no finding, the share it rests on. */
static void involuntary_words(const report_page_ctx *c, const finding_action *a, char *buf,
                              size_t n)
{
	const findings *f = c->in->fd;
	char cu[32], mr[32], sv[32], tail[96], why[96] = "";
	/* Under its finding an action; answering none, it stands apart. */
	const char *lead = a->finding == FINDINGS_NO_FINDING ? "Also" : "Action";

	if (isfinite(a->mrr))
		snprintf(tail, sizeof tail, " with %s MRR",
		         fmt_money(a->mrr, c->in->currency, mr, sizeof mr));
	else
		tail[0] = '\0';
	if (a->finding == FINDINGS_NO_FINDING)
		snprintf(why, sizeof why, " (%.0f%% of the churn in %s)", 100 * a->churn_share,
		         f->reason_period);
	if (isfinite(a->mrr_saved))
		snprintf(buf, n, "%s: %s. Owner: %s. Aims at the next period's failed payments: "
		         "%s customers%s left that way in %s%s; would keep %s MRR a period.",
		         lead, a->text, a->team, fmt_count(a->customers, cu, sizeof cu), tail,
		         f->reason_period, why, fmt_money(a->mrr_saved, c->in->currency, sv, sizeof sv));
	else
		snprintf(buf, n, "%s: %s. Owner: %s. Aims at the next period's failed payments: "
		         "%s customers%s left that way in %s%s.", lead, a->text, a->team,
		         fmt_count(a->customers, cu, sizeof cu), tail, f->reason_period, why);
}

/* The action's line under its finding: what, for whom, who, and the MRR
 * it would save; "these N active customers with M MRR" when it targets
 * the customers the finding concerns (whose sentence then leaves them to
 * it), the targets in full otherwise (docs/findings.md, "Actions from the
 * findings"). */
static void action_line(const report_page_ctx *c, const finding_action *a, char *buf, size_t n)
{
	char cu[32], mr[32], sv[32], sc[32] = "", targets[128] = "", saved[128] = "";

	if (a->involuntary) {
		involuntary_words(c, a, buf, n);
		return;
	}
	if (!a->finding_group && isfinite(a->mrr))
		snprintf(targets, sizeof targets, " Targets %s active customers with %s MRR.",
		         fmt_count(a->customers, cu, sizeof cu),
		         fmt_money(a->mrr, c->in->currency, mr, sizeof mr));
	else if (!a->finding_group && isfinite(a->customers))
		snprintf(targets, sizeof targets, " Targets %s active customers.",
		         fmt_count(a->customers, cu, sizeof cu));
	if (isfinite(a->mrr_saved)) {
		/* Customers beyond the data have no probability: no saving is
		 * counted for them (docs/findings.md). */
		if (a->unscored > 0)
			snprintf(sc, sizeof sc, " from the %s scored",
			         fmt_count(a->customers - a->unscored, cu, sizeof cu));
		snprintf(saved, sizeof saved, " Would save %s MRR%s.",
		         fmt_money(a->mrr_saved, c->in->currency, sv, sizeof sv), sc);
	}
	if (a->finding_group && isfinite(a->mrr))
		snprintf(buf, n, "Action: %sthese %s active customers with %s MRR. Owner: %s.%s",
		         a->phrase, fmt_count(a->customers, cu, sizeof cu),
		         fmt_money(a->mrr, c->in->currency, mr, sizeof mr), a->team, saved);
	else if (a->finding_group)
		snprintf(buf, n, "Action: %sthese %s active customers. Owner: %s.%s", a->phrase,
		         fmt_count(a->customers, cu, sizeof cu), a->team, saved);
	else
		snprintf(buf, n, "Action: %s. Owner: %s.%s%s", a->text, a->team, targets, saved);
}

/* Findings first..last-1 (most MRR first) under `head`, each with the
 * action that answers it, and the assumption behind the MRR saved in a
 * note when `note`; with draw 0 only measures.  Returns the y below
 * them. */
double summary_findings(report_page_ctx *c, double y, size_t first, size_t last,
                               const char *head, int note, int draw)
{
	const findings *f = c->in->fd;
	size_t n = f ? (f->n < last ? f->n : last) : 0;
	char num[24], buf[700], act[700];
	int saved = 0;

	static const char none[] = "No difference between segments, driver or change between "
	                           "periods passed the report's significance test with enough "
	                           "customers.";

	y = draw ? page_h2(c, y, head) : y + PAGE_H2 + 7;
	if (n == 0 && !draw)
		return y + pdf_paragraph(c->d, c->left, y, c->right - c->left, none, PDF_REGULAR,
		                         PAGE_BODY, PAGE_BODY * 1.35, chart_text2, 0) + 6;
	if (n == 0) {
		return page_para(c, c->left, y, 0, none, PAGE_BODY, chart_text2) + 6;
	}
	for (size_t i = first; i < n; i++) {
		const finding *x = &f->item[i];
		const finding_action *a = summary_action_of(f, i);
		char cu[32], mr[32], concern[96] = "";
		snprintf(num, sizeof num, "%zu", i + 1);
		/* Plain words first, then what the finding concerns; the test in
		 * a small footnote (docs/findings.md); then its action. */
		if ((x->kind == FINDING_SEGMENT || x->kind == FINDING_DRIVER) &&
		    !(a && a->finding_group)) {
			if (isfinite(x->mrr))
				snprintf(concern, sizeof concern, " It concerns %s active customers "
				         "with %s MRR.", fmt_count(x->customers, cu, sizeof cu),
				         fmt_money(x->mrr, c->in->currency, mr, sizeof mr));
			else if (isfinite(x->customers))
				snprintf(concern, sizeof concern, " It concerns %s active customers.",
				         fmt_count(x->customers, cu, sizeof cu));
		}
		if (x->kind == FINDING_REASON && isfinite(x->customers)) {
			if (isfinite(x->mrr))
				snprintf(concern, sizeof concern, " It concerns the %s customers who left "
				         "for it, with %s MRR.", fmt_count(x->customers, cu, sizeof cu),
				         fmt_money(x->mrr, c->in->currency, mr, sizeof mr));
			else
				snprintf(concern, sizeof concern, " It concerns the %s customers who left "
				         "for it.", fmt_count(x->customers, cu, sizeof cu));
		}
		snprintf(buf, sizeof buf, "%s.%s", x->plain ? x->plain : x->text, concern);
		if (a)
			action_line(c, a, act, sizeof act);
		double w = c->right - c->left - 22, fs = PAGE_BODY, aw = w - 10, as = PAGE_BODY - 0.5;
		if (!draw) {
			y += pdf_paragraph(c->d, c->left + 22, y, w, buf, PDF_REGULAR, fs, fs * 1.35,
			                   chart_ink, 0);
			if (x->footnote && x->footnote[0])
				y += 1 + pdf_paragraph(c->d, c->left + 22, y, w, x->footnote, PDF_REGULAR,
				                       7, 7 * 1.35, chart_text2, 0);
			if (a)
				y += 2 + pdf_paragraph(c->d, c->left + 32, y, aw, act, PDF_REGULAR,
				                       as, as * 1.35, chart_ink, 0);
			y += 5;
			continue;
		}
		pdf_fill_color(c->d, chart_accent);
		pdf_circle(c->d, c->left + 7, y + 7, 7, 1);
		pdf_text(c->d, c->left + 7, y + 10, num, PDF_BOLD, 8, PDF_CENTER,
		         (pdf_rgb){ 1, 1, 1 });
		y = page_para(c, c->left + 22, y, 0, buf, fs, chart_ink);
		if (x->footnote && x->footnote[0])
			y = page_para(c, c->left + 22, y + 1, 0, x->footnote, 7, chart_text2);
		if (a) {
			y += 2;
			pdf_fill_color(c->d, chart_accent);
			pdf_rect_fill(c->d, c->left + 23, y + 3, 4, 4);
			y = page_para(c, c->left + 32, y, aw, act, as, chart_ink);
		}
		y += 5;
	}
	/* The failed-payment action answering no finding (findings.h) closes
	 * page 2's list. */
	const finding_action *inv = NULL;
	for (size_t k = 0; note && f && k < f->nactions; k++)
		if (f->action[k].involuntary && f->action[k].finding == FINDINGS_NO_FINDING)
			inv = &f->action[k];
	if (inv) {
		double aw = c->right - c->left - 32, as = PAGE_BODY - 0.5;
		involuntary_words(c, inv, act, sizeof act);
		if (draw) {
			pdf_fill_color(c->d, chart_accent);
			pdf_rect_fill(c->d, c->left + 23, y + 3, 4, 4);
			y = page_para(c, c->left + 32, y, aw, act, as, chart_ink) + 5;
		} else {
			y += pdf_paragraph(c->d, c->left + 32, y, aw, act, PDF_REGULAR, as, as * 1.35,
			                   chart_ink, 0) + 5;
		}
	}
	for (size_t k = 0; note && f && k < f->nactions; k++)
		if (isfinite(f->action[k].mrr_saved) &&
		    (f->action[k].finding < f->n || &f->action[k] == inv))
			saved |= f->action[k].involuntary ? 2 : 1;
	if (saved && note) {
		char sc[300] = "";
		/* The scores' own horizon, in the words of the at-risk pages
		 * (a duration's unit, or an outcome with none). */
		if (!(saved & 1))
			buf[0] = '\0';
		else if (c->in->risk_definition && c->in->risk_definition[0] && !c->in->risk_horizon)
			snprintf(buf, sizeof buf, "MRR saved assumes each action prevents %.0f%% of the "
			         "churn expected among its targets (their modelled probability of %s, "
			         "which has no time horizon, times MRR).", 100 * f->offer_effect,
			         c->in->risk_definition);
		else if (c->in->risk_definition && c->in->risk_definition[0])
			snprintf(buf, sizeof buf, "MRR saved assumes each action prevents %.0f%% of the "
			         "churn expected among its targets (the probability of %s, times "
			         "MRR).", 100 * f->offer_effect, c->in->risk_definition);
		else
			snprintf(buf, sizeof buf, "MRR saved assumes each action prevents %.0f%% of the "
			         "churn expected among its targets within %.0f months (their churn "
			         "probability times MRR).", 100 * f->offer_effect, f->horizon_months);
		/* The failed-payment action keeps a share of a period's such churn. */
		if (saved & 2)
			snprintf(sc, sizeof sc, "%sThe failed-payment action is assumed to prevent "
			         "%.0f%% of a period's failed-payment churn.", buf[0] ? " " : "",
			         100 * f->offer_effect);
		strncat(buf, sc, sizeof buf - strlen(buf) - 1);
		y = draw ? page_note(c, y, buf)
		         : y + pdf_paragraph(c->d, c->left, y, c->right - c->left, buf, PDF_REGULAR,
		                             PAGE_SMALL, PAGE_SMALL * 1.35, chart_text2, 0) + 3;
	}
	return y;
}

/* How much a cell matters: its expected MRR loss, or without values its
 * expected churners. */
static double cell_weight(const segment_cell *cl, int by_loss)
{
	double w = by_loss ? cl->expected_mrr_loss : cl->expected_churners;
	return isfinite(w) ? w : 0;
}

/* The playbook of the cells with the largest expected loss (or, without
 * values, the most expected churners). */
void summary_actions(report_page_ctx *c, double y, size_t shown)
{
	const segment_result *s = c->in->seg;
	const segment_cell *pick[3];
	size_t np = 0;
	char buf[700], a[32], b[32], e[32];

	for (size_t i = 0; i < shown; i++)
		if (summary_action_of(c->in->fd, i))
			return;  /* each finding's action is under it */
	if (!s)
		return;
	int by_loss = s->has_value && s->total.expected_mrr_loss > 0;
	y = page_h2(c, y, "Top actions");
	for (size_t k = 0; k < 3; k++) {
		const segment_cell *best = NULL;
		for (size_t i = 0; i < s->ncells; i++) {
			const segment_cell *cl = &s->cells[i];
			int used = 0;
			for (size_t j = 0; j < np; j++)
				used |= pick[j] == cl;
			if (used || cl->customers == 0 || !cl->playbook ||
			    !segment_band_at_risk(cl->risk) ||
			    !(cell_weight(cl, by_loss) > 0))
				continue;
			if (!best || cell_weight(cl, by_loss) > cell_weight(best, by_loss))
				best = cl;
		}
		if (best)
			pick[np++] = best;
	}
	if (np == 0) {
		char none[200];
		if (page_none_scored(c->in, none, sizeof none))
			snprintf(buf, sizeof buf, "%s, so none is known to be at medium or high risk.",
			         none);
		else
			snprintf(buf, sizeof buf, "No scored customer is at medium or high risk.");
		page_para(c, c->left, y, 0, buf, PAGE_BODY, chart_text2);
		return;
	}
	for (size_t i = 0; i < np && y < c->bottom - 40; i++) {
		const segment_cell *cl = pick[i];
		if (by_loss)
			snprintf(buf, sizeof buf,
			         "%s (%s): %s customers, %s MRR, expected MRR loss %s. %s",
			         cl->playbook->headline, segment_label(cl->value, cl->risk),
			         fmt_count((double)cl->customers, a, sizeof a),
			         fmt_money(cl->mrr, c->in->currency, b, sizeof b),
			         fmt_money(cl->expected_mrr_loss, c->in->currency, e, sizeof e), cl->playbook->text);
		else
			snprintf(buf, sizeof buf, "%s (%s): %s customers, %s expected to churn. %s",
			         cl->playbook->headline, segment_label(cl->value, cl->risk),
			         fmt_count((double)cl->customers, a, sizeof a),
			         fmt_count(cl->expected_churners, e, sizeof e), cl->playbook->text);
		pdf_fill_color(c->d, chart_ink);
		pdf_rect_fill(c->d, c->left + 4, y + 4, 5, 5);
		y = page_para(c, c->left + 22, y, 0, buf, PAGE_BODY + 0.5, chart_ink) + 5;
	}
	if (s->total.incentive_customers > 0) {
		snprintf(buf, sizeof buf,
		         "A retention offer pays for itself for %s customers (expected net %s); "
		         "the rest get service, not discounts.",
		         fmt_count((double)s->total.incentive_customers, a, sizeof a),
		         fmt_money(s->total.incentive_net, c->in->currency, b, sizeof b));
		page_note(c, y, buf);
	}
}


/* page_summary.c - page 2: the executive summary: KPI tiles with the change
 * against the previous period, three to five findings backed by a number
 * and its test, and the top actions (page.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/chart/chart.h"
#include "churnkit/date.h"
#include "churnkit/fmtnum.h"
#include "report/pages/fmt.h"
#include "report/pages/page.h"
#include "report/pages/pages.h"
#include "report/pages/summary_exec.h"

typedef enum { GOOD_UP, GOOD_DOWN, NEUTRAL } direction;
/* The test that says whether a tile's change is above the noise: none (the
 * floor of fmt_change_real), the period's two-proportion test of the churn,
 * or the ratio estimators' test of GRR or NRR (revenue.h). */
typedef enum { TEST_FLOOR, TEST_CHURN, TEST_GRR, TEST_NRR } change_test;

#define TILE_WRAP_SIZE 6.5      /* points: a change line in two lines */
#define TILE_WRAP_LEADING 7.5

typedef struct {
	const char *label;
	char label_buf[64];      /* a label made up here (label points at it) */
	char value[48];
	char change[96];         /* "+0.8 pp vs 2026Q2", or "" */
	int bad;                 /* the change goes the wrong way */
} tile;

/* s at size (shrunk to 6 points, then cut with "…") to fit width w. */
static void fit_text(report_page_ctx *c, double x, double y, double w, const char *s,
                     pdf_weight wt, double size, pdf_rgb col)
{
	char buf[128];
	while (size > 6 && pdf_text_width(c->d, s, wt, size) > w)
		size -= 0.25;
	pdf_fit_text(c->d, s, wt, size, w, buf, sizeof buf);
	pdf_text(c->d, x, y, buf, wt, size, PDF_LEFT, col);
}

static void tile_draw(report_page_ctx *c, double x, double y, double w, double h,
                      const tile *t)
{
	pdf_fill_color(c->d, (pdf_rgb){ 0.95, 0.96, 0.97 });
	pdf_rect_fill(c->d, x, y, w, h);
	pdf_fill_color(c->d, chart_accent);
	pdf_rect_fill(c->d, x, y, 3, h);
	/* A compact tile (under 50 points) beside the trend and the bridge. */
	int small = h < 50;
	fit_text(c, x + 10, y + (small ? 10 : 15), w - 14, t->label, PDF_REGULAR,
	         small ? 7 : 8, chart_text2);
	double vs = small ? 12 : 17;
	while (vs > 8 && pdf_text_width(c->d, t->value, PDF_BOLD, vs) > w - 16)
		vs -= 1;
	pdf_text(c->d, x + 10, y + (small ? 23.5 : 38), t->value, PDF_BOLD, vs, PDF_LEFT,
	         chart_ink);
	if (!t->change[0])
		return;
	pdf_weight cw = t->bad ? PDF_BOLD : PDF_REGULAR;
	pdf_rgb cc = t->bad ? chart_alert : chart_text2;
	/* A large tile's change line that would need a size below
	 * TILE_WRAP_SIZE wraps onto a second line above it instead of being
	 * cut, after its "; " when it has one ("of 38.5k MRR, 489 scored;" and
	 * "112 not scored"). */
	char two[sizeof t->change];
	char *semi = strstr(strcpy(two, t->change), "; ");
	if (semi)
		semi[1] = '\n';
	if (!small && pdf_text_width(c->d, t->change, cw, TILE_WRAP_SIZE) > w - 14 &&
	    pdf_paragraph(c->d, x + 10, 0, w - 14, two, cw, TILE_WRAP_SIZE, TILE_WRAP_LEADING, cc,
	                  0) <= 2 * TILE_WRAP_LEADING) {
		pdf_paragraph(c->d, x + 10, y + h - 9 - TILE_WRAP_LEADING - TILE_WRAP_SIZE, w - 14,
		              two, cw, TILE_WRAP_SIZE, TILE_WRAP_LEADING, cc, 1);
		return;
	}
	fit_text(c, x + 10, y + h - (small ? 4.5 : 9), w - 14, t->change, cw, small ? 6.3 : 7.5,
	         cc);
}

/* Fills the change line of a tile showing `now` from its value `before`
 * in the previous period.  Arrow and colour only when the change is larger
 * than the noise (summary_change_text) by the test `test`: the churned
 * customers, the churn rate and its mirror the retention rate (which must
 * not show an arrow the churn rate beside it is denied) by the period's
 * two-proportion test, revenue retention and its mirror gross revenue
 * churn by the ratio estimators' test, the others by a 0.1 pp floor (a
 * whole unit for counts and money); a change of zero reads "no change". */
static void change(tile *t, const report_input *in, double now, double before,
                   change_kind kind, direction good, change_test test)
{
	const kpi_change *ch = in->kpi ? &in->kpi->change : NULL;
	double d = now - before, p = NAN;
	int real;

	if (!ch || !ch->has_previous || !isfinite(d))
		return;
	const revenue_period *rc = &ch->current.mrr, *rp = &ch->previous.mrr;
	int mrr = rc->covered && rp->covered;
	if (test == TEST_CHURN && ch->test_ok)
		p = ch->p_value;
	else if (test == TEST_GRR && mrr)
		p = revenue_change_p(rc->grr, rc->grr_var, rp->grr, rp->grr_var);
	else if (test == TEST_NRR && mrr)
		p = revenue_change_p(rc->nrr, rc->nrr_var, rp->nrr, rp->nrr_var);
	summary_change_text(t->change, sizeof t->change, now, before, kind, ch->previous.label,
	                    p, in->alpha, in->currency, &real);
	t->bad = real && ((good == GOOD_UP && d < 0) || (good == GOOD_DOWN && d > 0));
}

/* Duration data (no calendar, docs/contract.md): customers, churned and
 * the churn share, the median lifetime, survival at --times and the MRR
 * the scores put at risk; only tiles that have a number. */
/* Under the MRR at risk tile: the active customers it leaves out, past
 * where the data reach (surv_run.h, revenue_at_risk). */
static void unscored_line(tile *t, const report_input *in)
{
	if (in->revenue_at_risk_unscored == 0 || !isfinite(in->revenue_at_risk))
		return;
	snprintf(t->change, sizeof t->change, "%zu not counted (note below)",
	         in->revenue_at_risk_unscored);
}

static size_t duration_tiles(report_page_ctx *c, tile *t, size_t max)
{
	const report_input *in = c->in;
	const surv_curve *all = in->surv && in->surv->ncurves > 0 ? &in->surv->curve[0] : NULL;
	/* Dated data without a reporting period count time in days, shown in
	 * months. */
	double f = in->time_in_days ? DATE_MONTH_DAYS : 1;
	const char *units = in->time_in_days ? "months" : in->time_unit ? in->time_unit
	                                                                 : "time units";
	char a[32], b[32], e[32];
	size_t n = 0;

	memset(t, 0, max * sizeof *t);
	if (all == NULL)
		return 0;
	t[n].label = "Customers";
	fmt_count(in->surv->n, t[n++].value, sizeof t[0].value);
	t[n].label = "Churned customers";
	fmt_count(in->surv->events, t[n++].value, sizeof t[0].value);
	t[n].label = "Churn share (all customers)";
	fmtnum_pct(in->surv->n > 0 ? in->surv->events / in->surv->n : NAN, 1, t[n].value,
	           sizeof t[n].value);
	n++;
	t[n].label = "Median customer lifetime";
	const km_curve *km = all->km;
	if (isfinite(all->stats.median)) {
		snprintf(t[n].value, sizeof t[n].value, "%.1f %s", all->stats.median / f, units);
	} else {
		snprintf(t[n].value, sizeof t[n].value, "not reached");
		if (km && km->m > 0)
			snprintf(t[n].change, sizeof t[n].change, in->time_in_days ? "%s remain at "
			         "%.1f %s" : "%s remain at %g %s",
			         fmtnum_pct(km->surv[km->m - 1], 1, a, sizeof a),
			         km->time[km->m - 1] / f, units);
	}
	n++;
	for (size_t k = 0; k < all->nat && n + 1 < max && k < 4; k++) {
		/* No survival past the data: a time beyond the last one
		 * (nobody left at risk) is not a tile. */
		if (!isfinite(all->at[k].surv) || !(all->at[k].n_risk > 0))
			continue;
		snprintf(t[n].label_buf, sizeof t[n].label_buf, "Survival at %g %s",
		         all->at[k].time / f, units);
		t[n].label = t[n].label_buf;
		fmtnum_pct(all->at[k].surv, 1, t[n++].value, sizeof t[0].value);
	}
	const segment_result *sg = in->seg;
	if (sg && sg->has_value && isfinite(sg->total.expected_mrr_loss) && n < max) {
		/* The scored customers' expected loss, on their own MRR: those
		 * beyond the data (no probability) are named apart. */
		size_t unscored = 0;
		double scored_mrr = 0;
		for (size_t i = 0; i < sg->n; i++) {  /* customers: by their weights */
			const segment_customer *sc = &sg->customers[i];
			if (isnan(sc->p))
				unscored += sc->weight;
			else if (isfinite(sc->value))
				scored_mrr += (double)sc->weight * sc->value;
		}
		t[n].label = "MRR at risk (scored customers)";
		fmt_money(sg->total.expected_mrr_loss, in->currency, t[n].value, sizeof t[n].value);
		if (unscored > 0)
			snprintf(t[n].change, sizeof t[n].change, "of %s MRR, %s scored; %s not scored",
			         fmt_money(scored_mrr, in->currency, a, sizeof a),
			         fmt_count((double)(sg->total.customers - unscored), b, sizeof b),
			         fmt_count((double)unscored, e, sizeof e));
		else
			snprintf(t[n].change, sizeof t[n].change, "of %s MRR, %s customers",
			         fmt_money(scored_mrr, in->currency, a, sizeof a),
			         fmt_count((double)sg->total.customers, b, sizeof b));
		n++;
	} else if (isfinite(in->revenue_at_risk) && n < max) {
		t[n].label = "MRR at risk next quarter";
		fmt_money(in->revenue_at_risk, in->currency, t[n].value, sizeof t[0].value);
		unscored_line(&t[n++], in);
	}
	return n;
}

static size_t tiles(report_page_ctx *c, tile *t)
{
	const report_input *in = c->in;
	const kpi_result *k = in->kpi;
	const kpi_row *cur = k && k->change.has_current ? &k->change.current : NULL;
	const kpi_change *ch = k ? &k->change : NULL;
	const kpi_row *prev = ch && ch->has_previous ? &ch->previous : NULL;
	int mrr = cur && cur->mrr.covered;
	int trend = in->ntrend > 0; /* the trend row shows end, churn rate, GRR, NRR */
	size_t n = 0;

	memset(t, 0, 12 * sizeof *t);
	t[n].label = "Customers at start";
	fmt_count(cur ? (double)cur->n_start : NAN, t[n].value, sizeof t[n].value);
	if (prev)
		change(&t[n], in, (double)cur->n_start, (double)prev->n_start, CHANGE_COUNT, GOOD_UP,
		       TEST_FLOOR);
	n++;
	t[n].label = "New customers";
	fmt_count(cur ? (double)cur->n_new : NAN, t[n].value, sizeof t[n].value);
	if (prev)
		change(&t[n], in, (double)cur->n_new, (double)prev->n_new, CHANGE_COUNT, GOOD_UP,
		       TEST_FLOOR);
	n++;
	t[n].label = "Churned customers";
	fmt_count(cur ? (double)cur->n_churned : NAN, t[n].value, sizeof t[n].value);
	if (prev)
		change(&t[n], in, (double)cur->n_churned, (double)prev->n_churned, CHANGE_COUNT,
		       GOOD_DOWN, TEST_CHURN);
	n++;
	if (!trend) {
		t[n].label = "Customers at end";
		fmt_count(cur ? (double)cur->n_end : NAN, t[n].value, sizeof t[n].value);
		if (prev)
			change(&t[n], in, (double)cur->n_end, (double)prev->n_end, CHANGE_COUNT,
			       GOOD_UP, TEST_FLOOR);
		n++;
		t[n].label = "Logo churn rate";
		fmtnum_pct(cur ? cur->churn_rate : NAN, 1, t[n].value, sizeof t[n].value);
		if (prev)
			change(&t[n], in, cur->churn_rate, prev->churn_rate, CHANGE_PP, GOOD_DOWN,
			       TEST_CHURN);
		n++;
	}
	t[n].label = "Retention rate";
	fmtnum_pct(cur ? cur->retention_rate : NAN, 1, t[n].value, sizeof t[n].value);
	if (prev)
		change(&t[n], in, cur->retention_rate, prev->retention_rate, CHANGE_PP, GOOD_UP,
		       TEST_CHURN);
	n++;
	/* On start MRR, as GRR: 100% - GRR, so the two tiles (or the tile and
	 * the trend's GRR) add up to 100%.  The MRR of customers who joined and
	 * left within the period is in the bridge's new and churned (docs/
	 * outputs.md, "Executive summary"). */
	if (mrr) {
		t[n].label = "Gross revenue churn";
		fmtnum_pct(1 - cur->mrr.grr, 1, t[n].value, sizeof t[n].value);
		if (prev)
			change(&t[n], in, 1 - cur->mrr.grr, 1 - prev->mrr.grr, CHANGE_PP, GOOD_DOWN,
			       TEST_GRR);
		n++;
	}
	if (!trend) {
		t[n].label = "Gross revenue retention";
		fmtnum_pct(mrr ? cur->mrr.grr : NAN, 1, t[n].value, sizeof t[n].value);
		if (mrr && prev)
			change(&t[n], in, cur->mrr.grr, prev->mrr.grr, CHANGE_PP, GOOD_UP, TEST_GRR);
		n++;
		t[n].label = "Net revenue retention";
		fmtnum_pct(mrr ? cur->mrr.nrr : NAN, 1, t[n].value, sizeof t[n].value);
		if (mrr && prev)
			change(&t[n], in, cur->mrr.nrr, prev->mrr.nrr, CHANGE_PP, GOOD_UP, TEST_NRR);
		n++;
	}
	t[n].label = "Median customer lifetime";
	if (in->surv && in->surv->ncurves > 0) {
		double m = in->surv->curve[0].stats.median;
		const km_curve *km = in->surv->curve[0].km;
		double f = in->time_in_days ? DATE_MONTH_DAYS : 1;
		if (isfinite(m)) {
			snprintf(t[n].value, sizeof t[n].value, "%.1f %s", m / f,
			         in->time_in_days ? "mo" : "");
		} else {
			char a[32];
			snprintf(t[n].value, sizeof t[n].value, "not reached");
			if (km && km->m > 0)
				snprintf(t[n].change, sizeof t[n].change, "%s remain at %.1f %s",
				         fmtnum_pct(km->surv[km->m - 1], 1, a, sizeof a),
				         km->time[km->m - 1] / f, in->time_in_days ? "months" : "");
		}
	} else {
		snprintf(t[n].value, sizeof t[n].value, "-");
	}
	n++;
	/* Money tiles only where there is a number (a value column, or a
	 * revenue history for the cost): never a tile of "-". */
	if (isfinite(in->revenue_at_risk)) {
		t[n].label = "MRR at risk next quarter";
		fmt_money(in->revenue_at_risk, c->in->currency, t[n].value, sizeof t[n].value);
		unscored_line(&t[n], in);
		n++;
	}
	/* No cost without any MRR (a value column with no value in it). */
	int cost_ok = k && k->has_cost && cur && cur->mrr.mrr_start > 0;
	if (cost_ok) {
		t[n].label = "Cost of churn (period)";
		fmt_money(k->cost.total, c->in->currency, t[n].value, sizeof t[n].value);
		if (isfinite(in->cost_previous))
			change(&t[n], in, k->cost.total, in->cost_previous, CHANGE_MONEY, GOOD_DOWN,
			       TEST_FLOOR);
		n++;
	}
	return n;
}

void page_summary(report_page_ctx *c)
{
	const report_input *in = c->in;
	tile t[12];
	char lead[300], buf[600];
	double y;

	if (c->period[0])
		snprintf(lead, sizeof lead, "Reporting period %s, compared with %s.", c->period,
		         in->kpi && in->kpi->change.has_previous ? in->kpi->change.previous.label
		                                                 : "no earlier period");
	else if (!in->time_in_days)
		snprintf(lead, sizeof lead, "Customer lifetimes in %s (durations, no calendar "
		         "dates): churn, lifetime and survival; no periods or trend.",
		         in->time_unit ? in->time_unit : "the duration column's unit");
	else if (in->kpi && in->kpi->nmonths > 0)
		/* Period metrics were computed, but the default period (the last
		 * complete quarter before as-of) is not among them. */
		snprintf(lead, sizeof lead, "No reporting period: the data hold no complete "
		         "quarter before the as-of date; a month such as %s can be chosen as the "
		         "period.", in->kpi->months[in->kpi->nmonths - 1].label);
	else
		snprintf(lead, sizeof lead, "No period metrics: they need signup dates, and whole "
		         "customers (no delayed entry or weights).");
	y = page_begin(c, "Executive summary", lead);

	/* Without a reporting period (durations, no complete period, or no
	 * period metrics) the tiles are those the survival data can fill. */
	size_t n = in->kpi && in->kpi->change.has_current ? tiles(c, t)
	                                                  : duration_tiles(c, t, 12);
	if (in->ntrend > 0) {
		/* The trend row, then the tiles in two columns beside the MRR
		 * bridge (or four across without one). */
		y = summary_trend(c, y, 86) + 8;
		int bridge = summary_has_bridge(in);
		size_t cols = bridge ? 2 : 4;
		double gap = 5, span = bridge ? (c->right - c->left) * 0.46 : c->right - c->left;
		double w = (span - (double)(cols - 1) * gap) / (double)cols, h = 36;
		double rows = (double)((n + cols - 1) / cols);
		for (size_t i = 0; i < n; i++)
			tile_draw(c, c->left + (double)(i % cols) * (w + gap),
			          y + (double)(i / cols) * (h + gap), w, h, &t[i]);
		double th = rows * (h + gap) - gap;
		if (bridge) {
			double bx = c->left + span + 14;
			summary_bridge(c, (chart_box){ bx, y, c->right - bx, fmax(th, 150) });
			th = fmax(th, 150);
		}
		y += th + 8;
	} else {
		double gap = 8, w = (c->right - c->left - 3 * gap) / 4, h = 62;
		for (size_t i = 0; i < n; i++) {
			double x = c->left + (double)(i % 4) * (w + gap);
			tile_draw(c, x, y + (double)(i / 4) * (h + gap), w, h, &t[i]);
		}
		y += (double)((n + 3) / 4) * (h + gap) + 6;
	}
	if (in->kpi && in->kpi->change.has_current) {
		const kpi_change *ch = &in->kpi->change;
		char p[32], d[32];
		char left[200] = "";
		if (in->revenue_at_risk_unscored > 0 && isfinite(in->revenue_at_risk))
			snprintf(left, sizeof left, " MRR at risk leaves out the %zu active customers "
			         "whose tenure a quarter on is longer than the data follow (fewer than "
			         "%zu customers observed that long).", in->revenue_at_risk_unscored,
			         in->min_n);
		int risk = isfinite(in->revenue_at_risk);
		snprintf(buf, sizeof buf, "Median customer lifetime%s %s as of %s, the data's "
		         "as-of date.%s", risk ? " and MRR at risk (the next 91 days)" : "",
		         risk ? "are" : "is", fmt_day(in->as_of, d, sizeof d), left);
		y = page_note(c, y, buf);
		if (ch->test_ok)
			snprintf(buf, sizeof buf,
			         "Churn rate against the previous period: two-proportion z-test, "
			         "z = %.2f, %s.", ch->z, fmtnum_p_says(ch->p_value, in->alpha, p, sizeof p));
		else
			snprintf(buf, sizeof buf, "Churn rate against the previous period: %s.",
			         ch->test_note && *ch->test_note ? ch->test_note : "not tested");
		y = page_note(c, y, buf);
	}

	if (in->model_note) {
		snprintf(buf, sizeof buf, "No churn model in this report: %s.", in->model_note);
		y = page_note(c, y + 2, buf);
	}
	/* As many of the five findings, each with its action, as the page
	 * holds (the lowest-ranked give way first; one at least).  The note
	 * under them may use the slack above the footer (page_note). */
	size_t shown = 5, nf = in->fd ? in->fd->n : 0;
	const char *head = nf > 0 && summary_action_of(in->fd, 0) ? "Findings and actions" : "Findings";
	for (; shown > 1; shown--)
		if (summary_findings(c, y + 6, 0, shown, head, 1, 0) - 3 <=
		    c->bottom + PAGE_NOTE_SLACK)
			break;
	y = summary_findings(c, y + 6, 0, shown, head, 1, 1);
	summary_actions(c, y + 6, shown);
	/* The rest of the five, which concern less MRR, on the next page rather
	 * than left out. */
	if (nf > shown && shown < 5)
		summary_findings(c, page_continue(c), shown, 5, "More findings, concerning less MRR",
		                 0, 1);
}

/* summary_exec.c - the executive summary's trend row and MRR bridge
 * (summary_exec.h; docs/contract.md, the report, item 2). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "churnkit/fmtnum.h"
#include "report/chart/chart_exec.h"
#include "report/pages/fmt.h"
#include "report/pages/summary_exec.h"

char *summary_change_text(char *buf, size_t n, double now, double before, change_kind kind,
                          const char *against, double p, double alpha, const char *currency,
                          int *real)
{
	char a[48];
	double d = now - before;

	buf[0] = '\0';
	*real = 0;
	if (!isfinite(d))
		return buf;
	if (d == 0) {
		snprintf(buf, n, "no change vs %s", against);
		return buf;
	}
	if (kind == CHANGE_MONEY)
		fmt_money_delta(d, currency, a, sizeof a);
	else if (kind == CHANGE_PP)
		fmt_pp_shown(now, before, a, sizeof a);
	else
		fmt_delta(d, a, sizeof a);
	*real = fmt_change_real(d, kind == CHANGE_PP, p, alpha) &&
	        (kind != CHANGE_PP || fmtnum_pct_change_shown(now, before, 1) != 0);
	/* ▲ / ▼ carry the direction without colour, only above the noise. */
	const char *arrow = !*real ? "" : d > 0 ? "\xE2\x96\xB2 " : "\xE2\x96\xBC ";
	snprintf(buf, n, "%s%s vs %s", arrow, a, against);
	return buf;
}

typedef enum { T_CUSTOMERS, T_MRR, T_CHURN, T_GRR, T_NRR } trend_what;

static double trend_value(const kpi_row *r, trend_what w)
{
	switch (w) {
	case T_CUSTOMERS: return (double)r->n_end;
	case T_CHURN: return r->churn_rate;
	case T_MRR: return r->mrr.covered ? r->mrr.mrr_end : NAN;
	case T_GRR: return r->mrr.covered ? r->mrr.grr : NAN;
	case T_NRR: return r->mrr.covered ? r->mrr.nrr : NAN;
	}
	return NAN;
}

static const struct {
	const char *title;
	change_kind kind;
	int good_up, bars;
} trend_spec[] = {
	[T_CUSTOMERS] = { "Customers at end", CHANGE_COUNT, 1, 1 },
	[T_MRR] = { "MRR at end", CHANGE_MONEY, 1, 1 },
	[T_CHURN] = { "Logo churn rate", CHANGE_PP, 0, 0 },
	[T_GRR] = { "Gross revenue retention", CHANGE_PP, 1, 0 },
	[T_NRR] = { "Net revenue retention", CHANGE_PP, 1, 0 },
};

static void fmt_value(double v, change_kind k, const char *currency, char *buf, size_t n)
{
	if (k == CHANGE_COUNT)
		fmt_count(v, buf, n);
	else if (k == CHANGE_MONEY)
		fmt_money(v, currency, buf, n);
	else
		fmtnum_pct(v, 1, buf, n);
}

/* One tile: the change against the period before and a year before. */
static void trend_tile(report_page_ctx *c, chart_box b, trend_what w)
{
	const report_input *in = c->in;
	const kpi_row *rows = in->trend, *cur = &rows[in->ntrend - 1];
	double y[KPI_TREND_MONTHS];
	char value[48], ch[2][96];
	chart_trend_tile t;

	memset(&t, 0, sizeof t);
	for (size_t i = 0; i < in->ntrend && i < KPI_TREND_MONTHS; i++)
		y[i] = trend_value(&rows[i], w);
	t.title = trend_spec[w].title;
	fmt_value(trend_value(cur, w), trend_spec[w].kind, in->currency, value, sizeof value);
	t.value = value;
	const kpi_row *ref[2] = { in->ntrend > 1 ? &rows[in->ntrend - 2] : NULL,
		                  kpi_year_before(in->kpi, cur) };
	for (size_t k = 0; k < 2; k++) {
		ch[k][0] = '\0';
		if (ref[k] == NULL)
			continue;
		double d = trend_value(cur, w) - trend_value(ref[k], w);
		/* The churn rate has the two-proportion test against either
		 * period (against the previous one, the summary's line under the
		 * tiles), GRR and NRR their ratio estimators' normal test
		 * (revenue.h); customers and MRR at end, counts of the whole
		 * base, the floor only. */
		const kpi_change *kc = &in->kpi->change;
		double p = NAN, z;
		if (w == T_CHURN && k == 0 && kc->test_ok)
			p = kc->p_value;
		else if (w == T_CHURN && k == 1 &&
		         !kpi_prop_test(cur->n_churned, cur->n_start, ref[k]->n_churned,
		                        ref[k]->n_start, &z, &p))
			p = NAN;
		else if (w == T_GRR)
			p = revenue_change_p(cur->mrr.grr, cur->mrr.grr_var, ref[k]->mrr.grr,
			                     ref[k]->mrr.grr_var);
		else if (w == T_NRR)
			p = revenue_change_p(cur->mrr.nrr, cur->mrr.nrr_var, ref[k]->mrr.nrr,
			                     ref[k]->mrr.nrr_var);
		int real;
		summary_change_text(ch[k], sizeof ch[k], trend_value(cur, w), trend_value(ref[k], w),
		                    trend_spec[w].kind, ref[k]->label, p, in->alpha, in->currency,
		                    &real);
		t.change[k] = ch[k];
		t.bad[k] = real && (trend_spec[w].good_up ? d < 0 : d > 0);
	}
	t.y = y;
	t.n = in->ntrend < KPI_TREND_MONTHS ? in->ntrend : KPI_TREND_MONTHS;
	t.first = rows[0].label;
	t.last = cur->label;
	t.bars = trend_spec[w].bars;
	chart_trend(c->d, b, &t);
}

double summary_trend(report_page_ctx *c, double y, double h)
{
	const report_input *in = c->in;
	trend_what show[5];
	size_t n = 0;
	int mrr = 0;

	if (in->trend == NULL || in->ntrend == 0)
		return y;
	for (size_t i = 0; i < in->ntrend; i++)
		mrr |= in->trend[i].mrr.covered;
	show[n++] = T_CUSTOMERS;
	if (mrr)
		show[n++] = T_MRR;
	show[n++] = T_CHURN;
	if (mrr) {
		show[n++] = T_GRR;
		show[n++] = T_NRR;
	}
	double gap = 6, w = (c->right - c->left - (double)(n - 1) * gap) / (double)n;
	for (size_t i = 0; i < n; i++)
		trend_tile(c, (chart_box){ c->left + (double)i * (w + gap), y, w, h }, show[i]);
	return y + h;
}

int summary_has_bridge(const report_input *in)
{
	return in->kpi && in->kpi->change.has_current && in->kpi->change.current.mrr.covered &&
	       isfinite(in->kpi->change.current.mrr.mrr_start);
}

void summary_bridge(report_page_ctx *c, chart_box b)
{
	const report_input *in = c->in;
	const kpi_row *cur = &in->kpi->change.current;
	const revenue_period *m = &cur->mrr;
	int hist = in->kpi->mrr_source == KPI_MRR_HISTORY;
	chart_step st[6];
	char txt[6][48], s0[40], s1[40], head[96], buf[640], a[40], r[40], q[96], p[96], l[96];
	size_t n = 0;

#define STEP(lab, v) do { st[n].label = (lab); st[n].value = (v); \
	st[n].text = fmt_money_delta((v), in->currency, txt[n], sizeof txt[n]); n++; } while (0)
	STEP("New", m->mrr_new);
	if (hist)
		STEP("Expansion", m->mrr_expansion);
	if (hist)
		STEP("Contraction", -m->mrr_contraction);
	STEP("Churned", -m->mrr_churned);
	if (hist)
		STEP("Reactivation", m->mrr_reactivation);
	if (hist && fabs(m->mrr_churn_change) >= 0.5)
		STEP("Adjustment", m->mrr_churn_change);
#undef STEP
	snprintf(head, sizeof head, "MRR bridge, %s", cur->label);
	pdf_text(c->d, b.x, b.y + 10, head, PDF_BOLD, 9, PDF_LEFT, chart_ink);
	/* The lines under the chart. */
	fmt_money(m->mrr_end, in->currency, a, sizeof a);
	/* A figure that is not defined says why instead of printing "-". */
	if (isfinite(m->quick_ratio))
		snprintf(q, sizeof q, "Quick ratio %s (MRR gained per MRR lost)",
		         fmtnum_ratio(m->quick_ratio, l, sizeof l));
	else
		snprintf(q, sizeof q, "No quick ratio (no MRR lost in the period)");
	if (isfinite(m->arpa))
		snprintf(p, sizeof p, " Average MRR per paying account (ARPA) %s",
		         fmt_money(m->arpa, in->currency, l, sizeof l));
	else
		p[0] = '\0';
	if (isfinite(m->ltv))
		snprintf(l, sizeof l, "%slifetime value (LTV) %s", p[0] ? "; " : " ",
		         fmt_money(m->ltv, in->currency, r, sizeof r));
	else
		l[0] = '\0';
	fmt_money(12 * m->mrr_end, in->currency, r, sizeof r);
	snprintf(buf, sizeof buf, "MRR %s, ARR %s. %s.%s%s%s%s%s", a, r, q, p, l,
	         p[0] || l[0] ? "." : "",
	         hist && fabs(m->mrr_churn_change) >= 0.5
	                 ? " Adjustment: price changes billed in a customer's churn month." : "",
	         hist ? "" : " Per-customer values only: new and churned MRR are shown; "
	                     "expansion, contraction and reactivation need a revenue history.");
	double th = pdf_paragraph(c->d, b.x, 0, b.w, buf, PDF_REGULAR, PAGE_SMALL, 9.5,
	                          chart_text2, 0);
	chart_waterfall_data w = { "Start MRR", fmt_money(m->mrr_start, in->currency, s0, sizeof s0),
		                   m->mrr_start, st, n, "End MRR",
		                   fmt_money(m->mrr_end, in->currency, s1, sizeof s1), m->mrr_end };
	chart_waterfall(c->d, (chart_box){ b.x, b.y + 14, b.w, b.h - 18 - th }, &w);
	pdf_paragraph(c->d, b.x, b.y + b.h - th, b.w, buf, PDF_REGULAR, PAGE_SMALL, 9.5,
	              chart_text2, 1);
}

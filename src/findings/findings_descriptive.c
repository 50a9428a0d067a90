/*
 * findings_descriptive.c - the descriptive findings, which make no test
 * claim (FINDING_PERIOD, FINDING_REVENUE and FINDING_EARLY in
 * include/churnkit/findings.h): the period's change of churn rate, the
 * revenue retained, and churn that comes early in the customer's life
 * (findings_kinds.h).
 */
#include "churnkit/findings.h"
#include "churnkit/fmtnum.h"
#include "findings/findings_common.h"
#include "findings/findings_kinds.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Churn rates print with one decimal, up to this many when two read alike. */
#define RATE_MAX_DECIMALS 3

/* ---- Period change and revenue retention -------------------------------- */

/* |log| of the ratio of two proportions, FINDINGS_ZERO_COUNT_ADD on zero counts. */
static double rate_strength(double c1, double s1, double c2, double s2)
{
	double add = (c1 == 0 || c2 == 0) ? FINDINGS_ZERO_COUNT_ADD : 0;
	return fabs(log((c1 + add) / s1) - log((c2 + add) / s2));
}

void findings_period(const findings_input *in, const findings_opts *o, flist *l)
{
	const kpi_change *c;
	char r1[32], r2[32], pb[32], tb[64];
	int sig;

	if (in->kpi == NULL)
		return;
	c = &in->kpi->change;
	if (!c->has_current || !c->has_previous)
		return;
	const kpi_row *cur = &c->current, *prev = &c->previous;
	if (!((double)cur->n_start >= o->min_n) || !((double)prev->n_start >= o->min_n) ||
	    !isfinite(cur->churn_rate) || !isfinite(prev->churn_rate))
		return;
	/* One decimal, more (up to RATE_MAX_DECIMALS) while the two read alike. */
	for (int d = 1; d <= RATE_MAX_DECIMALS; d++) {
		fmtnum_pct(cur->churn_rate, d, r1, sizeof r1);
		fmtnum_pct(prev->churn_rate, d, r2, sizeof r2);
		if (strcmp(r1, r2) != 0 || cur->churn_rate == prev->churn_rate)
			break;
	}
	sig = c->test_ok && c->p_value < o->alpha && cur->churn_rate != prev->churn_rate;
	if (c->test_ok)
		snprintf(tb, sizeof tb, "two-proportion test %s",
		         fmtnum_p_says(c->p_value, o->alpha, pb, sizeof pb));
	else
		tb[0] = '\0';

	strbuf b = {0};
	if (sig)
		strbuf_printf(&b, "Logo churn %s from %s in %s to %s in %s (%s)",
		                   cur->churn_rate > prev->churn_rate ? "rose" : "fell", r2,
		                   prev->label, r1, cur->label, tb);
	else if (c->test_ok)
		strbuf_printf(&b, "Logo churn was %s in %s and %s in %s: no statistically "
		                   "significant change (%s)", r1, cur->label, r2, prev->label, tb);
	else
		strbuf_printf(&b, "Logo churn was %s in %s and %s in %s (change not testable)",
		                   r1, cur->label, r2, prev->label);
	findings_list_add(l, FINDING_PERIOD, sig, strbuf_take(&b), cur->churn_rate,
	                  findings_strdup(tb), c->test_ok ? c->p_value : NAN,
	                  rate_strength((double)cur->n_churned, (double)cur->n_start,
	                                (double)prev->n_churned, (double)prev->n_start),
	                  NULL);
}

void findings_revenue(const findings_input *in, const findings_opts *o, flist *l)
{
	const kpi_row *cur;
	const revenue_period *r;
	char nb[32], gb[32];
	strbuf b = {0};
	double number;

	if (in->kpi == NULL || !in->kpi->change.has_current)
		return;
	cur = &in->kpi->change.current;
	r = &cur->mrr;
	if (!r->covered || !((double)cur->n_start >= o->min_n) || !isfinite(r->grr) ||
	    !isfinite(r->nrr) || !(r->grr >= 0) || !(r->nrr > 0))
		return;
	fmtnum_pct(r->nrr, 1, nb, sizeof nb);
	fmtnum_pct(r->grr, 1, gb, sizeof gb);
	if (in->kpi->mrr_source == KPI_MRR_CONSTANT) {
		strbuf_printf(&b, "Customers active at the start of %s kept %s of their MRR "
		                   "(gross revenue retention)", cur->label, gb);
		number = r->grr;
	} else {
		strbuf_printf(&b, "Net revenue retention was %s in %s", nb, cur->label);
		if (r->grr >= 1)
			strbuf_printf(&b, ", with no MRR lost to churn or contraction");
		else if (r->nrr > 1)
			strbuf_printf(&b, ": expansion more than offset churn and contraction "
			                   "(gross %s)", gb);
		else if (r->nrr == 1)
			strbuf_printf(&b, ": expansion offset churn and contraction "
			                   "(gross %s)", gb);
		else if (r->nrr > r->grr)
			strbuf_printf(&b, ": expansion did not offset churn and contraction "
			                   "(gross %s)", gb);
		else
			strbuf_printf(&b, ", with no expansion to offset churn and "
			                   "contraction");
		number = r->nrr;
	}
	findings_list_add(l, FINDING_REVENUE, 0, strbuf_take(&b), number,
	                  findings_strdup(""), NAN, fabs(log(number > 0 ? number : 1)), NULL);
}

/* ---- Early churn --------------------------------------------------------- */

/* Share of the time at risk in (0, thr] from the curve's steps: n_risk at
 * step i holds over (t_{i-1}, t_i] (t_{-1} = 0).  NaN without time at risk. */
static double early_time_share(const km_curve *c, double thr)
{
	double early = 0, total = 0, prev = 0;
	for (size_t i = 0; i < c->m; i++) {
		double t = c->time[i], len = t - prev;
		if (len > 0) {
			total += c->n_risk[i] * len;
			if (prev < thr)
				early += c->n_risk[i] * ((t < thr ? t : thr) - prev);
		}
		prev = t;
	}
	return total > 0 ? early / total : NAN;
}

void findings_early(const findings_input *in, const findings_opts *o, flist *l)
{
	const surv_analysis *a = in->surv;
	const hazard_table *h;
	const km_curve *km = NULL;
	char sb1[32], sb2[32], win[96];

	if (a == NULL || (h = a->hazard) == NULL)
		return;
	for (size_t i = 0; i < a->ncurves; i++)
		if (a->curve[i].by == NULL) {
			km = a->curve[i].km;
			break;
		}
	if (km == NULL || !isfinite(h->early_share) || !(h->total_events >= o->early_min_events) ||
	    !(a->n >= o->min_n) || !(h->early_threshold > 0))
		return;
	double ts = early_time_share(km, h->early_threshold);
	if (!(ts > 0) || !(h->early_share >= o->early_excess * ts))
		return;
	if (in->time_in_days)
		snprintf(win, sizeof win, "in the first %g days of tenure", h->early_threshold);
	else if (in->time_unit != NULL)
		snprintf(win, sizeof win, "in the first %g %s of tenure", h->early_threshold,
		         in->time_unit);
	else
		snprintf(win, sizeof win, "at tenure %g or less", h->early_threshold);
	strbuf b = {0};
	strbuf_printf(&b, "%s of churn happens %s, which make%s up only %s of the time "
	                   "customers were observed", fmtnum_pct_says(h->early_share, sb1, sizeof sb1),
	                   win, in->time_in_days || in->time_unit ? "" : "s",
	                   fmtnum_pct_says(ts, sb2, sizeof sb2));
	findings_list_add(l, FINDING_EARLY, 0, strbuf_take(&b), h->early_share,
	                  findings_strdup(""), NAN, log(h->early_share / ts), NULL);
}

/*
 * findings_segments.c - the segment findings (FINDING_SEGMENT in
 * include/churnkit/findings.h): for each --by column whose survival test
 * is significant, the level that churns fastest against the others, with
 * its test and medians (findings_kinds.h).
 */
#include "churnkit/findings.h"
#include "churnkit/date.h"
#include "churnkit/fmtnum.h"
#include "churnkit/utf8.h"
#include "findings/findings_common.h"
#include "findings/findings_kinds.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *test_name(double rho)
{
	return rho == 0 ? "log-rank" : "Peto-Peto";
}

static const char *level_name(const surv_test *t, uint32_t code)
{
	if (code < t->nlevels && t->levels != NULL && t->levels[code] != NULL)
		return t->levels[code];
	return "?";
}

/* Customers of a level in the column's test (0 when not compared). */
static double test_n(const logrank_result *r, uint32_t code)
{
	for (uint32_t a = 0; a < r->k; a++)
		if (r->level[a] == code)
			return r->n[a];
	return 0;
}

/* |log of the O/E ratio|, with FINDINGS_ZERO_COUNT_ADD on both observed counts when
 * one is zero; NaN when an expected count is not positive. */
static double oe_strength(const double o[2], const double e[2])
{
	double add = (o[0] == 0 || o[1] == 0) ? FINDINGS_ZERO_COUNT_ADD : 0;
	if (!(e[0] > 0) || !(e[1] > 0) || !isfinite(o[0]) || !isfinite(o[1]) ||
	    !isfinite(e[0]) || !isfinite(e[1]))
		return NAN;
	return fabs(log((o[0] + add) / e[0]) - log((o[1] + add) / e[1]));
}

/* The median of level `code` of column `by`, NaN when not reached or when
 * the level has no curve. */
static double level_median(const surv_analysis *a, const char *by, uint32_t code)
{
	for (size_t i = 0; i < a->ncurves; i++) {
		const surv_curve *c = &a->curve[i];
		if (c->by != NULL && c->level != NULL && c->code == code && strcmp(c->by, by) == 0)
			return c->stats.median;
	}
	return NAN;
}

/* "; median lifetime 5.0 vs 13.3 months" into b ("; median 5.0 vs 13.3
 * months" when `brief`), or nothing. */
static void median_clause(strbuf *b, const findings_input *in, double mf, double ms, int brief)
{
	const char *label = brief ? "median" : "median lifetime";
	double scale = in->time_in_days ? DATE_MONTH_DAYS : 1;
	const char *unit = in->time_in_days ? "months" : in->time_unit;
	const char *sp = unit != NULL ? " " : "";

	if (!isfinite(mf))
		return;
	mf /= scale;
	if (unit == NULL)
		unit = "";
	if (isfinite(ms)) {
		ms /= scale;
		int dec = (mf >= 9.95 && ms >= 9.95) ? 0 : 1;
		strbuf_printf(b, "; %s %.*f vs %.*f%s%s", label, dec, mf, dec, ms, sp, unit);
	} else {
		strbuf_printf(b, "; %s %.*f%s%s vs not reached", label, mf >= 9.95 ? 0 : 1,
		                   mf, sp, unit);
	}
}

/* The plain words of the segment finding last added (docs/findings.md):
 * the observed share of each level's customers who left (churned /
 * customers of the level, weighted), the faster level's share of all who
 * left, and the test for the footnote.  When the shares point the other
 * way than the log-rank ratio (the faster level was observed for less
 * time), the sentence says both. */
static void segment_plain(flist *l, const labelmap *lm, const logrank_result *r,
                          const surv_test *t, uint32_t cf, uint32_t cs, double of, double os,
                          double ratio, int pairwise, const char *pb)
{
	finding *x = &l->item[l->n - 1];
	double nf = test_n(r, cf), ns = test_n(r, cs), all = 0;
	char ra[32], rb[32], sh[32], xb[32];
	const char *col = findings_col_name(lm, t->by);
	const char *lf = findings_level_name(lm, t->by, level_name(t, cf));
	const char *ls = findings_level_name(lm, t->by, level_name(t, cs));
	strbuf b = {0}, fn = {0};

	for (uint32_t a = 0; a < r->k; a++)
		all += r->observed[a];
	x->rate[0] = nf > 0 ? of / nf : NAN;
	x->rate[1] = ns > 0 ? os / ns : NAN;
	x->group = FINDING_GROUP_LEVEL;
	x->level = findings_strdup(level_name(t, cf));
	x->group_b = FINDING_GROUP_LEVEL;
	x->level_b = findings_strdup(level_name(t, cs));
	findings_plain_pct(x->rate[0], x->rate[1], ra, rb, sizeof ra);
	fmtnum_pct_says(all > 0 ? of / all : NAN, sh, sizeof sh);
	strbuf_printf(&b, "%s of customers with %s = %s have left, against %s with %s = %s; "
	                  "%s of all who left had %s = %s", ra, col, lf, rb, col, ls, sh, col, lf);
	if (x->rate[0] < x->rate[1] && os > 0)
		strbuf_printf(&b, ", though allowing for how long each was observed, those with %s = %s "
		                  "churn %sx faster",
		                  col, lf, findings_format_ratio(ratio, xb, sizeof xb));
	strbuf_printf(&fn, "%s test, %s%s", test_name(r->rho), pairwise ? "BH-adjusted " : "",
	                   pb);
	if (x->level == NULL || x->level_b == NULL)
		l->oom = 1;
	findings_set_plain(l, strbuf_take(&b), strbuf_take(&fn));
}

static void segment_column(const findings_input *in, const findings_opts *o,
                           const surv_test *t, flist *l)
{
	const logrank_result *r = t->test;
	uint32_t code[2];
	double obs[2], exp_[2], p, strength = NAN;
	int pairwise;
	char pb[32], rb[32], tb[96];

	if (r == NULL || r->note != NULL || r->k < 2 || t->by == NULL)
		return;
	if (r->k == 2) {
		if (!(r->p < o->alpha) || !(r->n[0] >= o->min_n) || !(r->n[1] >= o->min_n))
			return;
		for (int j = 0; j < 2; j++) {
			code[j] = r->level[j];
			obs[j] = r->observed[j];
			exp_[j] = r->expected[j];
		}
		p = r->p;
		pairwise = 0;
		strength = oe_strength(obs, exp_);
	} else {
		const logrank_pair *best = NULL;
		if (t->pairs == NULL)
			return;
		for (size_t q = 0; q < t->pairs->npairs; q++) {
			const logrank_pair *x = &t->pairs->pair[q];
			if (x->note != NULL || !(x->p_adjusted < o->alpha) ||
			    !(test_n(r, x->a) >= o->min_n) || !(test_n(r, x->b) >= o->min_n))
				continue;
			double s = oe_strength(x->observed, x->expected);
			if (isnan(s))
				continue;
			if (best == NULL || s > strength ||
			    (s == strength && x->p_adjusted < best->p_adjusted)) {
				best = x;
				strength = s;
			}
		}
		if (best == NULL)
			return;
		code[0] = best->a;
		code[1] = best->b;
		for (int j = 0; j < 2; j++) {
			obs[j] = best->observed[j];
			exp_[j] = best->expected[j];
		}
		p = best->p_adjusted;
		pairwise = 1;
	}
	if (isnan(strength) || (obs[0] == 0 && obs[1] == 0))
		return;

	/* Faster-churning level first. */
	double ra = obs[0] / exp_[0], rbb = obs[1] / exp_[1];
	int f = rbb > ra ? 1 : 0, s = 1 - f;
	double ratio = (f == 0 ? ra : rbb) / (f == 0 ? rbb : ra);
	/* The sentence's names: the labels when given (findings.h, Text). */
	const char *by = findings_col_name(in->labels, t->by);
	const char *fast = findings_level_name(in->labels, t->by, level_name(t, code[f]));
	const char *slow = findings_level_name(in->labels, t->by, level_name(t, code[s]));

	fmtnum_p_says(p, o->alpha, pb, sizeof pb);
	if (pairwise) /* "log-rank, BH-adjusted p = 0.042" */
		snprintf(tb, sizeof tb, "%s, BH-adjusted %s", test_name(r->rho), pb);
	else /* "log-rank p < 0.001" */
		snprintf(tb, sizeof tb, "%s %s", test_name(r->rho), pb);

	/* Three wordings, longest first: medians "median lifetime", "median",
	 * none. */
	strbuf v[3] = {{0}};
	double mf = level_median(in->surv, t->by, code[f]);
	double ms = level_median(in->surv, t->by, code[s]);
	int oom = 0;
	char *text = NULL;
	findings_format_ratio(ratio, rb, sizeof rb);
	for (int k = 0; k < 3; k++) {
		if (obs[s] == 0)
			strbuf_printf(&v[k], "Customers with %s = %s churn faster than those "
			                   "with %s = %s, none of whom churned", by, fast, by, slow);
		else
			strbuf_printf(&v[k], "Customers with %s = %s churn %sx faster than "
			                   "with %s = %s", by, fast, rb, by, slow);
		if (k < 2)
			median_clause(&v[k], in, mf, ms, k == 1);
		strbuf_printf(&v[k], " (%s)", tb);
		oom |= v[k].oom;
	}
	for (int k = 0; k < 3; k++) {
		char *c = strbuf_take(&v[k]);
		if (c == NULL || text != NULL || (k < 2 && utf8_chars(c) > o->text_soft_max))
			free(c);
		else
			text = c;
	}
	if (oom || text == NULL) {
		free(text);
		l->oom = 1;
		return;
	}
	size_t before = l->n;
	findings_list_add(l, FINDING_SEGMENT, 1, text, ratio, findings_strdup(tb), p, strength,
	                  t->by);
	if (l->n > before)
		segment_plain(l, in->labels, r, t, code[f], code[s], obs[f], obs[s], ratio, pairwise,
		              pb);
}

void findings_segments(const findings_input *in, const findings_opts *o, flist *l)
{
	if (in->surv == NULL)
		return;
	for (size_t i = 0; i < in->surv->ntests; i++)
		segment_column(in, o, &in->surv->test[i], l);
}

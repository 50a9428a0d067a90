/*
 * findings.c - the executive summary's findings (include/churnkit/
 * findings.h): one pass per kind collects candidates into a list, then
 * the list is ranked and cut to max_findings.  The pass over the model's
 * terms is in findings_drivers.c; what both share is declared in
 * findings_internal.h and defined here.
 */
#include "churnkit/findings.h"
#include "findings/findings_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Added to zero observed counts when a strength needs a finite log ratio. */
#define ZERO_COUNT_ADD 0.5
/* Churn rates print with one decimal, up to this many when two read alike. */
#define RATE_MAX_DECIMALS 3

void findings_opts_init(findings_opts *o)
{
	o->alpha = 0.05;
	o->min_n = 30;
	o->max_findings = FINDINGS_MAX;
	o->max_drivers = FINDINGS_MAX_DRIVERS;
	o->early_excess = FINDINGS_EARLY_EXCESS;
	o->early_min_events = FINDINGS_EARLY_MIN_EVENTS;
	o->text_soft_max = FINDINGS_TEXT_SOFT_MAX;
}

/* ---- Number formatting ------------------------------------------------ */

char *findings_format_p(double p, double alpha, char *buf, size_t n)
{
	char num[32];
	int guard = alpha > 0 && alpha < 1;

	if (isnan(p)) {
		snprintf(buf, n, "p = NA");
		return buf;
	}
	if (p < 0.001) {
		snprintf(buf, n, "p < 0.001");
		return buf;
	}
	if (p >= 0.995) {
		snprintf(buf, n, "p > 0.99");
		return buf;
	}
	if (p < 0.01)
		snprintf(num, sizeof num, "%.3f", p);
	else
		snprintf(num, sizeof num, "%.2g", p);
	/* Rounding must not turn a p below alpha into one that reads as alpha
	 * or above ("p = 0.05" for 0.0496 at alpha 0.05). */
	if (guard && p < alpha && strtod(num, NULL) >= alpha)
		snprintf(buf, n, "p < %g", alpha);
	else
		snprintf(buf, n, "p = %s", num);
	return buf;
}

char *findings_format_ratio(double x, char *buf, size_t n)
{
	if (isnan(x))
		snprintf(buf, n, "NA");
	else if (isinf(x))
		snprintf(buf, n, x > 0 ? "Inf" : "-Inf");
	else if (fabs(x) >= 100)
		snprintf(buf, n, "%.0f", x);
	else if (fabs(x) >= 1.05)
		snprintf(buf, n, "%.1f", x);
	else
		snprintf(buf, n, "%.2f", x);
	return buf;
}

/* findings_internal.h */
const char *findings_pct(char *buf, size_t n, double x)
{
	double v = 100 * x;
	if (fabs(v) < 1 && v != 0)
		snprintf(buf, n, "%.2g%%", v);
	else if (fabs(v) < 9.95)
		snprintf(buf, n, "%.1f%%", v);
	else
		snprintf(buf, n, "%.0f%%", v);
	return buf;
}

/* A retention percentage, one decimal always ("99.6%"). */
static const char *fmt_pct1(char *buf, size_t n, double x)
{
	snprintf(buf, n, "%.1f%%", 100 * x);
	return buf;
}

/* ---- Growing strings and the candidate list (findings_internal.h) ------ */

void findings_sb_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (b->oom)
		return;
	va_start(ap, fmt);
	k = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
	va_end(ap);
	if (k < 0) {
		b->oom = 1;
		return;
	}
	if (b->s == NULL || b->len + (size_t)k + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 128;
		while (cap < b->len + (size_t)k + 1)
			cap *= 2;
		char *s = realloc(b->s, cap);
		if (s == NULL) {
			b->oom = 1;
			return;
		}
		b->s = s;
		b->cap = cap;
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)k;
}

char *findings_sb_take(sbuf *b)
{
	char *s = b->oom ? NULL : b->s;
	if (b->oom)
		free(b->s);
	if (s == NULL && !b->oom)
		s = calloc(1, 1);
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
	return s;
}

void findings_sb_reset(sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

size_t findings_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

char *findings_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

static void finding_clear(finding *f)
{
	free(f->text);
	free(f->test_text);
	free(f->subject);
}

void findings_list_add(flist *l, finding_kind kind, int significant, char *text,
                       double number, char *test, double p, double strength,
                       const char *subject)
{
	finding f = {.kind = kind, .significant = significant, .text = text,
	             .number = number, .test_text = test, .p = p, .strength = strength,
	             .rate = {NAN, NAN}, .predicted = {NAN, NAN}};

	if (subject != NULL)
		f.subject = findings_strdup(subject);
	if (l->oom || text == NULL || test == NULL || (subject != NULL && f.subject == NULL)) {
		l->oom = 1;
		finding_clear(&f);
		return;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		finding *it = realloc(l->item, cap * sizeof *it);
		if (it == NULL) {
			l->oom = 1;
			finding_clear(&f);
			return;
		}
		l->item = it;
		l->cap = cap;
	}
	l->item[l->n++] = f;
}

/* ---- Segment survival differences -------------------------------------- */

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

/* |log of the O/E ratio|, with ZERO_COUNT_ADD on both observed counts when
 * one is zero; NaN when an expected count is not positive. */
static double oe_strength(const double o[2], const double e[2])
{
	double add = (o[0] == 0 || o[1] == 0) ? ZERO_COUNT_ADD : 0;
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
static void median_clause(sbuf *b, const findings_input *in, double mf, double ms, int brief)
{
	const char *label = brief ? "median" : "median lifetime";
	double scale = in->time_in_days ? FINDINGS_DAYS_PER_MONTH : 1;
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
		findings_sb_printf(b, "; %s %.*f vs %.*f%s%s", label, dec, mf, dec, ms, sp, unit);
	} else {
		findings_sb_printf(b, "; %s %.*f%s%s vs not reached", label, mf >= 9.95 ? 0 : 1,
		                   mf, sp, unit);
	}
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
	const char *fast = level_name(t, code[f]), *slow = level_name(t, code[s]);

	findings_format_p(p, o->alpha, pb, sizeof pb);
	if (pairwise) /* "log-rank, BH-adjusted p = 0.042" */
		snprintf(tb, sizeof tb, "%s, BH-adjusted %s", test_name(r->rho), pb);
	else /* "log-rank p < 0.001" */
		snprintf(tb, sizeof tb, "%s %s", test_name(r->rho), pb);

	/* Three wordings, longest first: medians "median lifetime", "median",
	 * none. */
	sbuf v[3] = {{0}};
	double mf = level_median(in->surv, t->by, code[f]);
	double ms = level_median(in->surv, t->by, code[s]);
	int oom = 0;
	char *text = NULL;
	findings_format_ratio(ratio, rb, sizeof rb);
	for (int k = 0; k < 3; k++) {
		if (obs[s] == 0)
			findings_sb_printf(&v[k], "Customers with %s = %s churn faster than those "
			                   "with %s = %s, none of whom churned", t->by, fast, t->by,
			                   slow);
		else
			findings_sb_printf(&v[k], "Customers with %s = %s churn %sx faster than "
			                   "with %s = %s", t->by, fast, rb, t->by, slow);
		if (k < 2)
			median_clause(&v[k], in, mf, ms, k == 1);
		findings_sb_printf(&v[k], " (%s)", tb);
		oom |= v[k].oom;
	}
	for (int k = 0; k < 3; k++) {
		char *c = findings_sb_take(&v[k]);
		if (c == NULL || text != NULL || (k < 2 && findings_chars(c) > o->text_soft_max))
			free(c);
		else
			text = c;
	}
	if (oom || text == NULL) {
		free(text);
		l->oom = 1;
		return;
	}
	findings_list_add(l, FINDING_SEGMENT, 1, text, ratio, findings_strdup(tb), p, strength,
	                  t->by);
}

static void segment_findings(const findings_input *in, const findings_opts *o, flist *l)
{
	if (in->surv == NULL)
		return;
	for (size_t i = 0; i < in->surv->ntests; i++)
		segment_column(in, o, &in->surv->test[i], l);
}

/* ---- Period change and revenue retention -------------------------------- */

/* |log| of the ratio of two proportions, ZERO_COUNT_ADD on zero counts. */
static double rate_strength(double c1, double s1, double c2, double s2)
{
	double add = (c1 == 0 || c2 == 0) ? ZERO_COUNT_ADD : 0;
	return fabs(log((c1 + add) / s1) - log((c2 + add) / s2));
}

static void period_finding(const findings_input *in, const findings_opts *o, flist *l)
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
		snprintf(r1, sizeof r1, "%.*f%%", d, 100 * cur->churn_rate);
		snprintf(r2, sizeof r2, "%.*f%%", d, 100 * prev->churn_rate);
		if (strcmp(r1, r2) != 0 || cur->churn_rate == prev->churn_rate)
			break;
	}
	sig = c->test_ok && c->p_value < o->alpha && cur->churn_rate != prev->churn_rate;
	if (c->test_ok)
		snprintf(tb, sizeof tb, "two-proportion test %s",
		         findings_format_p(c->p_value, o->alpha, pb, sizeof pb));
	else
		tb[0] = '\0';

	sbuf b = {0};
	if (sig)
		findings_sb_printf(&b, "Logo churn %s from %s in %s to %s in %s (%s)",
		                   cur->churn_rate > prev->churn_rate ? "rose" : "fell", r2,
		                   prev->label, r1, cur->label, tb);
	else if (c->test_ok)
		findings_sb_printf(&b, "Logo churn was %s in %s and %s in %s: no statistically "
		                   "significant change (%s)", r1, cur->label, r2, prev->label, tb);
	else
		findings_sb_printf(&b, "Logo churn was %s in %s and %s in %s (change not testable)",
		                   r1, cur->label, r2, prev->label);
	findings_list_add(l, FINDING_PERIOD, sig, findings_sb_take(&b), cur->churn_rate,
	                  findings_strdup(tb), c->test_ok ? c->p_value : NAN,
	                  rate_strength((double)cur->n_churned, (double)cur->n_start,
	                                (double)prev->n_churned, (double)prev->n_start),
	                  NULL);
}

static void revenue_finding(const findings_input *in, const findings_opts *o, flist *l)
{
	const kpi_row *cur;
	const revenue_period *r;
	char nb[32], gb[32];
	sbuf b = {0};
	double number;

	if (in->kpi == NULL || !in->kpi->change.has_current)
		return;
	cur = &in->kpi->change.current;
	r = &cur->mrr;
	if (!r->covered || !((double)cur->n_start >= o->min_n) || !isfinite(r->grr) ||
	    !isfinite(r->nrr) || !(r->grr >= 0) || !(r->nrr > 0))
		return;
	fmt_pct1(nb, sizeof nb, r->nrr);
	fmt_pct1(gb, sizeof gb, r->grr);
	if (in->kpi->mrr_source == KPI_MRR_CONSTANT) {
		findings_sb_printf(&b, "Customers active at the start of %s kept %s of their MRR "
		                   "(gross revenue retention)", cur->label, gb);
		number = r->grr;
	} else {
		findings_sb_printf(&b, "Net revenue retention was %s in %s", nb, cur->label);
		if (r->grr >= 1)
			findings_sb_printf(&b, ", with no MRR lost to churn or contraction");
		else if (r->nrr > 1)
			findings_sb_printf(&b, ": expansion more than offset churn and contraction "
			                   "(gross %s)", gb);
		else if (r->nrr == 1)
			findings_sb_printf(&b, ": expansion offset churn and contraction "
			                   "(gross %s)", gb);
		else if (r->nrr > r->grr)
			findings_sb_printf(&b, ": expansion did not offset churn and contraction "
			                   "(gross %s)", gb);
		else
			findings_sb_printf(&b, ", with no expansion to offset churn and "
			                   "contraction");
		number = r->nrr;
	}
	findings_list_add(l, FINDING_REVENUE, 0, findings_sb_take(&b), number,
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

static void early_finding(const findings_input *in, const findings_opts *o, flist *l)
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
	sbuf b = {0};
	findings_sb_printf(&b, "%s of churn happens %s, which make%s up only %s of the time "
	                   "customers were observed", findings_pct(sb1, sizeof sb1, h->early_share),
	                   win, in->time_in_days || in->time_unit ? "" : "s",
	                   findings_pct(sb2, sizeof sb2, ts));
	findings_list_add(l, FINDING_EARLY, 0, findings_sb_take(&b), h->early_share,
	                  findings_strdup(""), NAN, log(h->early_share / ts), NULL);
}

/* ---- Ranking ------------------------------------------------------------- */

typedef struct {
	finding f;
	size_t order;
} ranked;

/* Descriptive findings' order: early churn, revenue, period. */
static int descriptive_rank(finding_kind k)
{
	switch (k) {
	case FINDING_EARLY: return 0;
	case FINDING_REVENUE: return 1;
	case FINDING_PERIOD: return 2;
	default: return 3;
	}
}

static int rank_cmp(const void *pa, const void *pb)
{
	const ranked *x = pa, *y = pb;
	const finding *a = &x->f, *b = &y->f;

	if (a->significant != b->significant)
		return a->significant ? -1 : 1;
	if (!a->significant && descriptive_rank(a->kind) != descriptive_rank(b->kind))
		return descriptive_rank(a->kind) < descriptive_rank(b->kind) ? -1 : 1;
	if (a->strength != b->strength && !(isnan(a->strength) && isnan(b->strength))) {
		if (isnan(a->strength))
			return 1;
		if (isnan(b->strength))
			return -1;
		return a->strength > b->strength ? -1 : 1;
	}
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->p != b->p && !(isnan(a->p) && isnan(b->p))) {
		if (isnan(a->p))
			return 1;
		if (isnan(b->p))
			return -1;
		return a->p < b->p ? -1 : 1;
	}
	int c = strcmp(a->text, b->text);
	if (c != 0)
		return c < 0 ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* ---- Assembly ------------------------------------------------------------ */

static churn_status check_model(const char *what, const design *d, size_t p, churn_err *err)
{
	if (d == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "findings: the %s model needs its design",
		                     what);
	if (d->ncols != p)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "findings: the %s model has %zu coefficients but its design "
		                     "%zu columns", what, p, d->ncols);
	return CHURN_OK;
}

churn_status findings_build(const findings_input *in, const findings_opts *opts,
                            findings **out, churn_err *err)
{
	findings_opts o;
	flist l = {0};
	findings *res = NULL;
	ranked *rk = NULL;
	churn_status st = CHURN_OK;

	if (out != NULL)
		*out = NULL;
	if (in == NULL || out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "findings: missing argument");
	if (opts != NULL)
		o = *opts;
	else
		findings_opts_init(&o);
	if (!(o.alpha > 0 && o.alpha < 1))
		return churn_err_set(err, CHURN_EUSAGE, "findings: alpha must lie in (0, 1)");
	if (!(o.min_n >= 0))
		return churn_err_set(err, CHURN_EUSAGE, "findings: min_n must be a number >= 0");
	if (o.max_findings == 0)
		return churn_err_set(err, CHURN_EUSAGE, "findings: max_findings must be at least 1");
	if (in->logit != NULL && (st = check_model("logistic", in->logit_design, in->logit->p,
	                                           err)) != CHURN_OK)
		return st;
	if (in->logit == NULL && in->cox != NULL &&
	    (st = check_model("Cox", in->cox_design, in->cox->p, err)) != CHURN_OK)
		return st;

	/* Segments first: the drivers skip columns that have one. */
	segment_findings(in, &o, &l);
	findings_drivers(in, &o, &l);
	period_finding(in, &o, &l);
	early_finding(in, &o, &l);
	revenue_finding(in, &o, &l);
	if (l.oom)
		goto nomem;

	res = calloc(1, sizeof *res);
	if (res == NULL)
		goto nomem;
	res->candidates = l.n;
	if (l.n > 0) {
		rk = malloc(l.n * sizeof *rk);
		if (rk == NULL)
			goto nomem;
		for (size_t i = 0; i < l.n; i++)
			rk[i] = (ranked){.f = l.item[i], .order = i};
		qsort(rk, l.n, sizeof *rk, rank_cmp);
		res->n = l.n < o.max_findings ? l.n : o.max_findings;
		/* Reuse the list's array for the kept findings; free the rest. */
		for (size_t i = 0; i < l.n; i++) {
			if (i < res->n)
				l.item[i] = rk[i].f;
			else
				finding_clear(&rk[i].f);
		}
		res->item = l.item;
		l.item = NULL;
		free(rk);
	}
	*out = res;
	return CHURN_OK;

nomem:
	for (size_t i = 0; i < l.n; i++)
		finding_clear(&l.item[i]);
	free(l.item);
	free(res);
	free(rk);
	return churn_err_set(err, CHURN_ENOMEM, "findings: out of memory");
}

void findings_free(findings *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++)
		finding_clear(&f->item[i]);
	free(f->item);
	free(f);
}

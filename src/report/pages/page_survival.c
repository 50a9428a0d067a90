/* page_survival.c - page 4: Kaplan-Meier curves by each --by column, with
 * confidence bands, the number at risk under the plot, medians, survival at
 * the chosen times and the log-rank test (page.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/chart/chart.h"
#include "churnkit/date.h"
#include "churnkit/km.h"
#include "churnkit/fmtnum.h"
#include "report/pages/fmt.h"
#include "report/pages/names.h"
#include "report/pages/page.h"
#include "report/pages/pages.h"

#define MAX_SERIES 6   /* the distinct line styles of chart_style_of */

size_t page_survival_count(const report_input *in)
{
	if (!in->surv)
		return 0;
	return in->surv->ntests > 0 ? in->surv->ntests : 1;
}

/* One curve as a chart series in months (or the duration unit). */
typedef struct {
	double *time, *surv, *lower, *upper, *risk;
} series_buf;

static void series_free(series_buf *b)
{
	free(b->time);
	free(b->surv);
	free(b->lower);
	free(b->upper);
	free(b->risk);
}

static int series_fill(const surv_curve *sc, double unit, const double *risk_t, size_t nrisk,
                       series_buf *b, chart_km_series *s, const char *label)
{
	const km_curve *k = sc->km;
	size_t m = k->m;

	memset(b, 0, sizeof *b);
	b->time = malloc((m + 1) * sizeof *b->time);
	b->surv = malloc((m + 1) * sizeof *b->surv);
	b->lower = malloc((m + 1) * sizeof *b->lower);
	b->upper = malloc((m + 1) * sizeof *b->upper);
	b->risk = calloc(nrisk + 1, sizeof *b->risk);
	if (!b->time || !b->surv || !b->lower || !b->upper || !b->risk)
		return -1;
	for (size_t i = 0; i < m; i++) {
		b->time[i] = k->time[i] / unit;
		b->surv[i] = k->surv[i];
		b->lower[i] = k->lower[i];
		b->upper[i] = k->upper[i];
	}
	/* Number at risk at the table's times: the customers still observed
	 * just before t, as summary(fit, times = t) reports. */
	for (size_t j = 0; j < nrisk; j++) {
		double t = risk_t[j] * unit, r = 0;
		for (size_t i = 0; i < m; i++)
			if (k->time[i] >= t) {
				r = k->n_risk[i];
				break;
			}
		b->risk[j] = r;
	}
	s->label = label;
	s->m = m;
	s->time = b->time;
	s->surv = b->surv;
	s->lower = b->lower;
	s->upper = b->upper;
	s->at_risk = b->risk;
	s->median = isfinite(sc->stats.median) ? sc->stats.median / unit : NAN;
	s->overall = sc->by == NULL;
	return 0;
}

/* The table under the chart: one row per curve. */
static double curve_table(report_page_ctx *c, double y, const surv_curve *const *cv, size_t n,
                          double unit, const char *unit_name)
{
	const report_input *in = c->in;
	size_t nt = in->ntimes < 4 ? in->ntimes : 4;
	chart_col cols[8];
	size_t nc = 0;
	char hdr[4][32], med_h[64];
	char *cells = NULL;
	const char **cellp = NULL;
	size_t ncols;

	(void)unit_name;
	snprintf(med_h, sizeof med_h, "Median (%g%% CI)", in->surv->opts.km.conf_level * 100);
	cols[nc++] = (chart_col){ "Segment", 0, PDF_LEFT };
	cols[nc++] = (chart_col){ "Customers", 60, PDF_RIGHT };
	cols[nc++] = (chart_col){ "Churned", 48, PDF_RIGHT };
	cols[nc++] = (chart_col){ med_h, 112, PDF_RIGHT };
	for (size_t j = 0; j < nt; j++) {
		snprintf(hdr[j], sizeof hdr[j], "%g%s", in->times[j], in->time_in_days ? " mo" : "");
		cols[nc++] = (chart_col){ hdr[j], 40, PDF_RIGHT };
	}
	ncols = nc;
	cells = calloc(n * ncols, 64);
	cellp = calloc(n * ncols, sizeof *cellp);
	if (!cells || !cellp) {
		free(cells);
		free(cellp);
		return y;
	}
	for (size_t i = 0; i < n; i++) {
		const surv_curve *s = cv[i];
		char *row = cells + i * ncols * 64;
		char a[32], b[32], m[32];
		snprintf(row, 64, "%s", s->level ? name_level(in, s->by, s->level) : "All customers");
		fmt_count(s->km->n, row + 64, 64);
		fmt_count(s->km->events, row + 128, 64);
		if (isfinite(s->stats.median)) {
			snprintf(m, sizeof m, "%.1f", s->stats.median / unit);
			snprintf(a, sizeof a, "%.1f", s->stats.median_lower / unit);
			if (isfinite(s->stats.median_upper))
				snprintf(b, sizeof b, "%.1f", s->stats.median_upper / unit);
			else
				snprintf(b, sizeof b, "not reached");
			char med[100];
			if (!isfinite(s->stats.median_lower))
				snprintf(med, sizeof med, "%s (no interval)", m);
			else
				snprintf(med, sizeof med, "%s (%s-%s)", m, a, b);
			snprintf(row + 192, 64, "%.63s", med);
		} else if (isfinite(s->stats.median_lower)) {
			/* Not reached, but its interval's lower end is (R's 0.95LCL). */
			snprintf(row + 192, 64, "not reached (from %.1f)",
			         s->stats.median_lower / unit);
		} else {
			snprintf(row + 192, 64, "not reached");
		}
		/* Survival at a time past the curve's last time is not known (R's
		 * summary(fit, times) leaves such times out): "-". */
		double last = s->km->m > 0 ? s->km->time[s->km->m - 1] : 0;
		for (size_t j = 0; j < nt; j++)
			fmtnum_pct(j < s->nat && s->at[j].time <= last ? s->at[j].surv : NAN, 1,
			        row + (4 + j) * 64, 64);
		for (size_t k = 0; k < ncols; k++)
			cellp[i * ncols + k] = row + k * 64;
	}
	chart_table_opts to = { .size = 8, .row_h = 12.5, .zebra = 1, .bold_rows = NULL };
	chart_box box = { c->left, y, c->right - c->left, 12.5 * (double)(n + 1) + 6 };
	chart_table(c->d, box, cols, ncols, cellp, n, &to);
	free(cells);
	free(cellp);
	return y + box.h + 8;
}

static void test_text(const surv_test *t, double alpha, char *buf, size_t n)
{
	char p[32];

	if (!t->test || t->test->note) {
		snprintf(buf, n, "Log-rank test: not computed (%s).",
		         t->test && t->test->note ? t->test->note : SURV_TEST_FEW_GROUPS);
		return;
	}
	fmtnum_p_says(t->test->p, alpha, p, sizeof p);
	snprintf(buf, n,
	         "Log-rank test%s: chi-square %.1f on %d degree%s of freedom, %s. %s",
	         t->test->rho == 1 ? " (Peto-Peto)" : "", t->test->chisq, t->test->df,
	         t->test->df == 1 ? "" : "s", p,
	         t->test->p < alpha ? "The curves differ by more than chance would explain."
	                            : "The difference could be chance.");
}

/* The pairwise tests: how many pairs differ, and the first of them. */
static double pairs_text(report_page_ctx *c, double y, const surv_test *t, double alpha)
{
	const report_input *in = c->in;
	char buf[1200], p[32];
	size_t len = 0, tested = 0, sig = 0, listed = 0;

	if (!t->pairs || t->pairs->npairs == 0)
		return y;
	tested = logrank_pairs_tested(t->pairs);
	for (size_t i = 0; i < t->pairs->npairs; i++)
		sig += !t->pairs->pair[i].note && t->pairs->pair[i].p_adjusted < alpha;
	if (tested == 0)
		return y;
	len = (size_t)snprintf(buf, sizeof buf,
	                       "Pairwise log-rank tests (Benjamini-Hochberg adjusted): %zu of %zu "
	                       "pairs differ at p < %g", sig, tested, alpha);
	for (size_t i = 0; i < t->pairs->npairs && listed < 8 && len < sizeof buf - 200; i++) {
		const logrank_pair *q = &t->pairs->pair[i];
		if (q->note || !(q->p_adjusted < alpha))
			continue;
		fmtnum_p_says(q->p_adjusted, alpha, p, sizeof p);
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s vs %s (%s)",
		                        listed ? "; " : ": ", name_level(in, t->by, t->levels[q->a]),
		                        name_level(in, t->by, t->levels[q->b]), p);
		listed++;
	}
	if (sig > listed && len < sizeof buf - 60)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "; and %zu more", sig - listed);
	if (len < sizeof buf - 2)
		snprintf(buf + len, sizeof buf - len, ".");
	return page_note(c, y, buf);
}

static void one_page(report_page_ctx *c, const surv_test *t)
{
	const report_input *in = c->in;
	const surv_analysis *a = in->surv;
	double unit = in->time_in_days ? DATE_MONTH_DAYS : 1.0;
	const char *unit_name = in->time_in_days ? "months" : NULL;
	const surv_curve *cv[MAX_SERIES + 1];  /* the segments, then all customers */
	chart_km_series s[MAX_SERIES + 1];
	series_buf b[MAX_SERIES + 1];
	size_t n = 0, shown = 0, nseg;
	char title[256], lead[512], xlabel[64], buf[900];
	double risk_t[16], tmax = 0;
	size_t nrisk = 0;

	if (t) {
		/* With more levels than line styles, the largest levels, shown in
		 * level order. */
		for (size_t i = 0; i < a->ncurves; i++) {
			if (!a->curve[i].by || strcmp(a->curve[i].by, t->by) != 0)
				continue;
			shown++;
			if (n < MAX_SERIES) {
				cv[n++] = &a->curve[i];
				continue;
			}
			size_t small = 0;
			for (size_t k = 1; k < n; k++)
				if (cv[k]->km->n < cv[small]->km->n)
					small = k;
			if (a->curve[i].km->n > cv[small]->km->n) {
				for (size_t k = small; k + 1 < n; k++)
					cv[k] = cv[k + 1];
				cv[n - 1] = &a->curve[i];
			}
		}
		snprintf(title, sizeof title, "Survival by %s", name_col(in, t->by));
		/* The pooled curve of all customers with the segments' (the
		 * analysis has it first, by = NULL). */
		nseg = n;
		if (a->ncurves > 0 && a->curve[0].by == NULL && n > 0)
			cv[n++] = &a->curve[0];
	} else {
		cv[n++] = &a->curve[0];
		shown = nseg = 1;
		snprintf(title, sizeof title, "Survival: all customers");
	}
	snprintf(lead, sizeof lead,
	         "Share of customers still active by %s since signup (Kaplan-Meier), with "
	         "%g%% confidence bands.", in->time_in_days ? "months" : "time",
	         a->opts.km.conf_level * 100);
	double y = page_begin(c, title, lead);

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < cv[i]->km->m; k++)
			if (cv[i]->km->time[k] / unit > tmax)
				tmax = cv[i]->km->time[k] / unit;
	/* The at-risk counts go under chart_km's own x ticks. */
	if (tmax > 0)
		nrisk = chart_km_ticks(tmax, c->right - c->left, risk_t, 16);
	size_t ok = 0;
	for (size_t i = 0; i < n; i++) {
		if (series_fill(cv[i], unit, risk_t, nrisk, &b[i], &s[i],
		                cv[i]->level ? name_level(in, cv[i]->by, cv[i]->level)
		                             : "All customers") != 0) {
			for (size_t k = 0; k <= i; k++)
				series_free(&b[k]);
			return;
		}
		ok++;
	}
	if (!in->time_in_days && in->time_unit) /* "Weeks since signup" */
		snprintf(xlabel, sizeof xlabel, "%c%s since signup", in->time_unit[0] - 'a' + 'A',
		         in->time_unit + 1);
	else
		snprintf(xlabel, sizeof xlabel, "%s since signup",
		         in->time_in_days ? "Months" : "Time");
	chart_km_opts o = { .title = NULL, .xlabel = xlabel, .xmax = tmax,
	                    .risk_times = risk_t, .nrisk = nrisk, .bands = 1,
	                    .ylabel = "Still active", .median_legend = 1,
	                    .median_unit = in->time_in_days ? "mo" : "" };
	double ch = (c->bottom - y) * 0.55;
	chart_km(c->d, (chart_box){ c->left, y, c->right - c->left, ch }, s, n, &o);
	y += ch + 12;
	for (size_t i = 0; i < ok; i++)
		series_free(&b[i]);

	y = curve_table(c, y, cv, n, unit, unit_name);
	if (t) {
		test_text(t, in->alpha, buf, sizeof buf);
		y = page_para(c, c->left, y, 0, buf, PAGE_BODY, chart_ink) + 4;
		y = pairs_text(c, y, t, in->alpha);
		if (t->missing_rows > 0) {
			char cnt[32];
			snprintf(buf, sizeof buf,
			         "%s customer%s with no %s %s in the all-customers figures only.",
			         fmt_count((double)t->missing_rows, cnt, sizeof cnt),
			         t->missing_rows == 1 ? "" : "s", name_col(in, t->by),
			         t->missing_rows == 1 ? "is" : "are");
			y = page_note(c, y, buf);
		}
	}
	if (shown > nseg && y < c->bottom - 12) {
		snprintf(buf, sizeof buf, "Shown: the %zu levels with the most customers, of %zu; "
		         "the survival tables of the CSV export give them all.", nseg, shown);
		y = page_note(c, y, buf);
	}
	if (y < c->bottom - 20)
		page_note(c, y,
		          "A median of \"not reached\" means fewer than half of the segment's "
		          "customers have churned so far. Number at risk: customers still observed "
		          "at that time.");
}

void page_survival(report_page_ctx *c)
{
	const surv_analysis *a = c->in->surv;

	if (!a)
		return;
	if (a->ntests == 0) {
		one_page(c, NULL);
		return;
	}
	for (size_t i = 0; i < a->ntests; i++)
		one_page(c, &a->test[i]);
}

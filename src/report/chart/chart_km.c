/*
 * chart_km.c - Kaplan-Meier curves: step lines over light confidence
 * bands, the 50% line with each median marked, a legend, and the
 * "Number at risk" table under the plot.
 */
#include "report/chart/chart_axis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RISK_HEAD 13.0   /* "Number at risk" line */
#define RISK_ROW 10.0
#define RISK_SAMPLE 14.0 /* line sample before a row label */

static const pdf_rgb black = { 0, 0, 0 };

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* S(t) of a series: 1 before its first time, NaN where undefined. */
static double surv_at(const chart_km_series *s, double t)
{
	double v = 1;
	for (size_t i = 0; i < s->m && s->time[i] <= t; i++)
		v = s->surv[i];
	return v;
}

/* The end of the drawn curve: its last time, cut at the axis end. */
static double curve_end(const chart_km_series *s, double xlim)
{
	if (s->m == 0)
		return 0;
	double e = s->time[s->m - 1];
	return isfinite(e) ? fmin(fmax(e, 0), xlim) : xlim;
}

static int series_has_data(const chart_km_series *s)
{
	if (s->time == NULL || s->surv == NULL)
		return 0;
	for (size_t i = 0; i < s->m; i++)
		if (isfinite(s->time[i]) && isfinite(s->surv[i]))
			return 1;
	return 0;
}

/* The step line of one series, split at NaN values of S. */
static void draw_curve(chart_pen *p, const chart_km_series *s, const chart_scale *sx,
                       const chart_scale *sy, double xlim)
{
	size_t cap = 2 * s->m + 2, n = 0;
	double *x = malloc(cap * sizeof *x), *y = malloc(cap * sizeof *y);
	if (x == NULL || y == NULL) {
		free(x);
		free(y);
		return;
	}
	double prev = 1, end = curve_end(s, xlim);
	x[n] = chart_scale_at(sx, 0);
	y[n++] = chart_scale_at(sy, 1);
	for (size_t i = 0; i < s->m; i++) {
		double t = fmax(s->time[i], 0);
		if (!isfinite(t) || t > xlim)
			break;
		double v = s->surv[i];
		if (!isfinite(v)) {
			if (isfinite(prev) && n > 0) {
				x[n] = chart_scale_at(sx, t);
				y[n++] = chart_scale_at(sy, clamp01(prev));
			}
			chart_pen_polyline(p, x, y, n);
			n = 0;
			prev = v;
			continue;
		}
		if (isfinite(prev)) {
			x[n] = chart_scale_at(sx, t);
			y[n++] = chart_scale_at(sy, clamp01(prev));
		}
		x[n] = chart_scale_at(sx, t);
		y[n++] = chart_scale_at(sy, clamp01(v));
		prev = v;
	}
	if (isfinite(prev) && n > 0) {
		x[n] = chart_scale_at(sx, end);
		y[n++] = chart_scale_at(sy, clamp01(prev));
	}
	chart_pen_polyline(p, x, y, n);
	free(x);
	free(y);
}

/* The band of one series: one filled step polygon per run of indices with
 * both bounds finite. */
static void draw_band(chart_pen *p, const chart_km_series *s, const chart_scale *sx,
                      const chart_scale *sy, double xlim)
{
	double end = curve_end(s, xlim);
	size_t i = 0;
	while (i < s->m) {
		if (!(isfinite(s->lower[i]) && isfinite(s->upper[i]) && isfinite(s->time[i]))) {
			i++;
			continue;
		}
		size_t j = i, k = i;
		while (k + 1 < s->m && isfinite(s->lower[k + 1]) && isfinite(s->upper[k + 1])
		       && isfinite(s->time[k + 1]) && s->time[k + 1] <= xlim)
			k++;
		if (s->time[j] > xlim)
			break;
		size_t cnt = 4 * (k - j + 1);
		double *x = malloc(cnt * sizeof *x), *y = malloc(cnt * sizeof *y);
		if (x != NULL && y != NULL) {
			size_t n = 0;
			for (size_t a = j; a <= k; a++) {
				double e = a < k ? s->time[a + 1]
				           : (a + 1 < s->m && isfinite(s->time[a + 1])
				              ? fmin(s->time[a + 1], end) : end);
				double u = chart_scale_at(sy, clamp01(s->upper[a]));
				x[n] = chart_scale_at(sx, fmax(s->time[a], 0));
				y[n++] = u;
				x[n] = chart_scale_at(sx, fmax(e, 0));
				y[n++] = u;
			}
			for (size_t a = k + 1; a-- > j;) {
				double e = a < k ? s->time[a + 1]
				           : (a + 1 < s->m && isfinite(s->time[a + 1])
				              ? fmin(s->time[a + 1], end) : end);
				double l = chart_scale_at(sy, clamp01(s->lower[a]));
				x[n] = chart_scale_at(sx, fmax(e, 0));
				y[n++] = l;
				x[n] = chart_scale_at(sx, fmax(s->time[a], 0));
				y[n++] = l;
			}
			chart_pen_polygon(p, x, y, n);
		}
		free(x);
		free(y);
		i = k + 1;
	}
}

/* About one x tick per 60 points of box width, 2 to 12 of them. */
static size_t km_tick_target(double b_w)
{
	return (size_t)fmax(2, fmin(12, (b_w - 60) / 60));
}

size_t chart_km_ticks(double xmax, double b_w, double *t, size_t max)
{
	chart_ticks tx;
	if (!(xmax > 0))
		xmax = 1;
	chart_month_ticks(0, xmax, km_tick_target(b_w), &tx);
	size_t n = 0;
	for (size_t k = 0; k < tx.n && n < max; k++)
		if (chart_tick_at(&tx, k) <= xmax + 1e-9)
			t[n++] = chart_tick_at(&tx, k);
	return n;
}

/* The x-y layout, with the plot moved right of the at-risk row labels. */
static int km_layout(chart_box b, const chart_km_opts *o, double legend_h, double ytw,
                     double xtw, double below, int table, double labw, double numw,
                     chart_xy_layout *L)
{
	int fits = chart_xy_layout_of(b, o->title != NULL, legend_h, ytw, xtw,
	                              o->xlabel != NULL, o->ylabel != NULL, below, L);
	double need = b.x + RISK_SAMPLE + 3 + labw + 1 + numw / 2 + CHART_PAD;
	if (table && L->plot.x < need) {
		L->plot.w -= need - L->plot.x;
		L->ylabel_x += need - L->plot.x;   /* the y title stays by its ticks */
		L->plot.x = need;
		fits = fits && L->plot.w >= CHART_MIN_PLOT;
	}
	return fits;
}

void chart_km_style_of(const chart_km_series *s, size_t i, chart_style *out)
{
	static const pdf_rgb dark = { 0.12, 0.12, 0.12 };
	if (!s[i].overall) {
		chart_style_of(i, out);
		return;
	}
	memset(out, 0, sizeof *out);
	out->color = dark;
	out->band = chart_mix(dark, (pdf_rgb){ 1, 1, 1 }, 0.88);
	out->dash[0] = 8.0;
	out->dash[1] = 3.0;
	out->ndash = 2;
	out->mark = CHART_MARK_NONE;
}

static const char *legend_label(const chart_km_series *s, int with_median,
                                const char *unit, char *buf, size_t n)
{
	const char *label = s->label ? s->label : "";
	if (!with_median)
		return label;
	if (isfinite(s->median))
		snprintf(buf, n, "%s (median %.1f%s%s)", label, s->median, unit && *unit ? " " : "",
		         unit ? unit : "");
	else
		snprintf(buf, n, "%s (median not reached)", label);
	return buf;
}

void chart_km_pen(chart_pen *p, chart_box b, const chart_km_series *s, size_t ns,
                  const chart_km_opts *o)
{
	static const chart_km_opts defaults = { NULL, NULL, 0, NULL, 0, 0, NULL, 0, NULL };
	if (o == NULL)
		o = &defaults;
	int any = 0;
	double tmax = 0;
	for (size_t i = 0; i < ns; i++) {
		if (!series_has_data(&s[i]))
			continue;
		any = 1;
		for (size_t j = 0; j < s[i].m; j++)
			if (isfinite(s[i].time[j]))
				tmax = fmax(tmax, s[i].time[j]);
	}
	if (!any) {
		chart_no_data(p, b, o->title);
		return;
	}
	double xmax = o->xmax > 0 ? o->xmax : tmax;
	if (!(xmax > 0))
		xmax = 1;

	/* Legend. */
	enum { MAXLEG = 16 };
	chart_leg_item leg[MAXLEG];
	char legbuf[MAXLEG][160];
	size_t nleg = 0;
	for (size_t i = 0; i < ns && nleg < MAXLEG; i++, nleg++) {
		memset(&leg[nleg], 0, sizeof leg[nleg]);
		leg[nleg].label = legend_label(&s[i], o->median_legend,
		                               o->median_unit ? o->median_unit : "mo", legbuf[nleg],
		                               sizeof legbuf[nleg]);
		leg[nleg].kind = CHART_LEG_LINE;
		chart_km_style_of(s, i, &leg[nleg].style);
	}

	/* The at-risk table: wanted when there are times and counts. */
	int table = 0;
	for (size_t i = 0; i < ns && o->nrisk > 0 && o->risk_times != NULL; i++)
		if (s[i].at_risk != NULL)
			table = 1;
	double labw = 0;
	for (size_t i = 0; table && i < ns; i++)
		labw = fmax(labw, chart_pen_text_width(p, s[i].label, PDF_REGULAR,
		                                       CHART_TICK_SIZE));
	labw = fmin(labw, 0.22 * b.w);
	double numw = chart_pen_text_width(p, "00,000", PDF_REGULAR, CHART_TICK_SIZE);

	chart_ticks ty;
	chart_nice_ticks(0, 1, b.h < 160 ? 2 : 5, &ty);
	double ytw = chart_ticks_width(p, &ty, 1, CHART_TICK_SIZE);
	chart_ticks tx;
	chart_month_ticks(0, xmax, km_tick_target(b.w), &tx);
	double xtw = chart_ticks_width(p, &tx, 0, CHART_TICK_SIZE);
	int fits = 0;
	chart_xy_layout L;
	double below = 0, legend_h = 0;
	/* Horizontal sizes do not depend on the vertical ones: lay out once to
	 * learn the plot's width, measure the legend at that width, then lay
	 * out for good, dropping the table (or squeezing its rows) when the
	 * plot would not fit. */
	for (int pass = 0; pass < 4 && !fits; pass++) {
		if (pass == 3)
			table = 0;
		double row = pass == 2 ? 8.5 : RISK_ROW;
		below = table && pass > 0 ? 4 + RISK_HEAD + (double)ns * row : 0;
		fits = km_layout(b, o, legend_h, ytw, table ? fmax(xtw, numw) : xtw, below,
		                 table, labw, numw, &L);
		if (pass == 0) {
			legend_h = chart_legend(p, L.plot.x, 0, L.plot.w, leg, nleg, 0);
			fits = 0;
		}
	}
	if (!fits) {
		chart_title(p, b, o->title);
		return;
	}
	chart_box pl = L.plot;
	double rowh = below > 0 ? (below - 4 - RISK_HEAD) / (double)ns : 0;

	chart_scale sx = { 0, chart_tick_at(&tx, tx.n - 1), pl.x, pl.x + pl.w, 0 };
	chart_scale sy = { chart_tick_at(&ty, 0), chart_tick_at(&ty, ty.n - 1), pl.y + pl.h,
	                   pl.y, 0 };
	double xlim = sx.hi;

	chart_title(p, b, o->title);
	chart_legend(p, pl.x, L.legend_top, pl.w, leg, nleg, 1);
	chart_ygrid(p, pl, &sy, &ty, 1);

	/* Bands first, all of them, so that no line is covered by a band. */
	if (o->bands) {
		for (size_t i = 0; i < ns; i++) {
			if (!series_has_data(&s[i]) || s[i].lower == NULL || s[i].upper == NULL ||
			    s[i].overall)
				continue; /* the overall curve has no band: it is the reference */
			chart_style st;
			chart_km_style_of(s, i, &st);
			chart_pen_fill(p, st.band);
			draw_band(p, &s[i], &sx, &sy, xlim);
		}
	}

	/* The 50% line. */
	static const double dash50[2] = { 2, 2 };
	double y50 = chart_scale_at(&sy, 0.5);
	chart_pen_stroke(p, chart_muted);
	chart_pen_width(p, 0.6);
	chart_pen_dash(p, dash50, 2);
	chart_pen_line(p, pl.x, y50, pl.x + pl.w, y50);

	for (size_t i = 0; i < ns; i++) {
		if (!series_has_data(&s[i]))
			continue;
		chart_style st;
		chart_km_style_of(s, i, &st);
		chart_pen_stroke(p, st.color);
		chart_pen_width(p, 1.5);
		chart_pen_dash(p, st.dash, st.ndash);
		draw_curve(p, &s[i], &sx, &sy, xlim);
		chart_pen_dash(p, NULL, 0);
		/* Markers, staggered between series, one per tick interval. */
		double end = curve_end(&s[i], xlim);
		for (size_t k = 0; k < tx.n; k++) {
			double t = ((double)k + (double)(i + 1) / (double)(ns + 1)) * tx.step;
			if (t > end)
				break;
			double v = surv_at(&s[i], t);
			if (isfinite(v))
				chart_marker(p, st.mark, chart_scale_at(&sx, t),
				             chart_scale_at(&sy, clamp01(v)), 2.4, st.color);
		}
		/* The median: a drop line to the axis and a dot on the 50% line. */
		if (isfinite(s[i].median) && s[i].median >= 0 && s[i].median <= xlim) {
			double xm = chart_scale_at(&sx, s[i].median);
			static const double dot[2] = { 1, 1.5 };
			chart_pen_width(p, 0.7);
			chart_pen_dash(p, dot, 2);
			chart_pen_line(p, xm, y50, xm, pl.y + pl.h);
			chart_pen_dash(p, NULL, 0);
			chart_pen_fill(p, st.color);
			chart_pen_circle(p, xm, y50, 2.0, 1);
		}
	}
	chart_pen_dash(p, NULL, 0);

	chart_xaxis(p, pl, &sx, &tx, 0, L.xtick_base);
	chart_axis_titles(p, pl, o->xlabel, L.xlabel_base, o->ylabel, L.ylabel_x);

	if (below <= 0)
		return;
	/* Number at risk: a row per series, each number centred under its time;
	 * when neighbours would touch, only every k-th time is printed. */
	double top = L.below_top + 4;
	double size = fmin(CHART_TICK_SIZE, rowh * 0.8);
	chart_pen_text(p, b.x, top + CHART_LABEL_SIZE + 1, "Number at risk", PDF_BOLD,
	               CHART_LABEL_SIZE, PDF_LEFT, chart_ink);
	double minsep = INFINITY, widest = 0;
	for (size_t k = 0; k + 1 < o->nrisk; k++)
		minsep = fmin(minsep, fabs(chart_scale_at(&sx, o->risk_times[k + 1])
		                           - chart_scale_at(&sx, o->risk_times[k])));
	for (size_t i = 0; i < ns; i++)
		for (size_t k = 0; s[i].at_risk && k < o->nrisk; k++) {
			char nb[32];
			chart_fmt_count(s[i].at_risk[k], nb, sizeof nb);
			widest = fmax(widest, chart_pen_text_width(p, nb, PDF_REGULAR, size));
		}
	size_t every = 1;
	while (every < o->nrisk && minsep * (double)every < widest + 4)
		every++;
	for (size_t i = 0; i < ns; i++) {
		chart_style st;
		chart_km_style_of(s, i, &st);
		double base = top + RISK_HEAD + (double)(i + 1) * rowh - rowh * 0.25;
		double mid = base - size * 0.35;
		chart_pen_stroke(p, st.color);
		chart_pen_width(p, 1.5);
		chart_pen_dash(p, st.dash, st.ndash);
		chart_pen_line(p, b.x, mid, b.x + RISK_SAMPLE, mid);
		chart_pen_dash(p, NULL, 0);
		chart_marker(p, st.mark, b.x + RISK_SAMPLE / 2, mid, 2.0, st.color);
		char lb[160];
		chart_pen_fit(p, s[i].label, PDF_REGULAR, size,
		              pl.x - numw / 2 - CHART_PAD - (b.x + RISK_SAMPLE + 3), lb, sizeof lb);
		pdf_rgb tc = chart_lightness(st.color) > 0.5 ? chart_mix(st.color, black, 0.35)
		                                              : st.color;
		chart_pen_text(p, b.x + RISK_SAMPLE + 3, base, lb, PDF_REGULAR, size, PDF_LEFT, tc);
		if (s[i].at_risk == NULL)
			continue;
		for (size_t k = 0; k < o->nrisk; k += every) {
			double t = o->risk_times[k];
			if (!isfinite(t) || t < 0 || t > xlim)
				continue;
			char nb[32];
			chart_fmt_count(s[i].at_risk[k], nb, sizeof nb);
			chart_pen_text(p, chart_scale_at(&sx, t), base, nb, PDF_REGULAR, size,
			               PDF_CENTER, chart_ink);
		}
	}
}

void chart_km(pdf_doc *d, chart_box b, const chart_km_series *s, size_t ns,
              const chart_km_opts *o)
{
	chart_pen p = chart_pen_of(d, NULL);
	chart_km_pen(&p, b, s, ns, o);
}

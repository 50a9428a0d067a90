/*
 * chart_stacked.c - stacked cumulative incidence by churn reason
 * (chart_stacked.h): step bands from the x axis up, a white rule on each
 * band's top, the total in a dark line, and a legend in stack order.
 */
#include "report/chart/chart_stacked.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEGEND_SIDE_MIN_W 260.0  /* narrower boxes put the legend above */
#define LEGEND_SWATCH 9.0
#define LEGEND_ROW 12.0
#define MAX_BANDS 64

static const pdf_rgb white = { 1, 1, 1 };

pdf_rgb chart_stacked_fill(size_t i, size_t n)
{
	/* The dark end of the heatmap's ramp (bottom band) mixed with white,
	 * evenly in lightness (a mix is linear in it) up to a light tint. */
	double t = n > 1 ? 0.85 * (double)i / (double)(n - 1) : 0.3;
	return chart_mix(chart_heat_color(1), white, t);
}

/* The stacked tops after each time: top[k * m + i] = sum of est_0..k at
 * time i (NaN holds the previous value, 0 before any).  Returns the
 * highest total, or -1 when no estimate is finite. */
static double stack_tops(const double *time, size_t m, const chart_stacked_series *s,
                         size_t ns, double *top)
{
	double hi = -1;
	for (size_t k = 0; k < ns; k++) {
		double held = 0;
		for (size_t i = 0; i < m; i++) {
			double v = s[k].est ? s[k].est[i] : NAN;
			if (isfinite(v) && isfinite(time[i])) {
				held = fmin(fmax(v, 0), 1);
				hi = fmax(hi, 0);
			}
			top[k * m + i] = (k > 0 ? top[(k - 1) * m + i] : 0) + held;
		}
	}
	if (hi < 0)
		return -1;
	for (size_t i = 0; i < m; i++)
		hi = fmax(hi, top[(ns - 1) * m + i]);
	return hi;
}

/* The step path of row r (NULL: the axis) as points, from x = 0 to the
 * last time (or xlim); returns the count written to x, y (cap 2 m + 2). */
static size_t step_path(const double *time, size_t m, const double *r, double xlim,
                        const chart_scale *sx, const chart_scale *sy, double *x, double *y)
{
	size_t n = 0;
	double prev = 0, end = 0;
	x[n] = chart_scale_at(sx, 0);
	y[n++] = chart_scale_at(sy, 0);
	for (size_t i = 0; i < m; i++) {
		double t = fmax(time[i], 0);
		if (!isfinite(t) || t > xlim)
			break;
		double v = r ? r[i] : 0;
		x[n] = chart_scale_at(sx, t);
		y[n++] = chart_scale_at(sy, prev);
		x[n] = chart_scale_at(sx, t);
		y[n++] = chart_scale_at(sy, v);
		prev = v;
		end = t;
	}
	x[n] = chart_scale_at(sx, end);
	y[n++] = chart_scale_at(sy, prev);
	return n;
}

/* Band k: the top path left to right, then the one below right to left. */
static void draw_band(chart_pen *p, const double *time, size_t m, const double *tops,
                      size_t k, double xlim, const chart_scale *sx, const chart_scale *sy,
                      double *x, double *y, double *x2, double *y2)
{
	size_t n = step_path(time, m, tops + k * m, xlim, sx, sy, x, y);
	size_t n2 = step_path(time, m, k > 0 ? tops + (k - 1) * m : NULL, xlim, sx, sy, x2, y2);
	for (size_t i = 0; i < n2; i++) {
		x[n + i] = x2[n2 - 1 - i];
		y[n + i] = y2[n2 - 1 - i];
	}
	chart_pen_polygon(p, x, y, n + n2);
}

/* The legend's text of series k: its label and share at the last time. */
static void legend_text(const chart_stacked_series *s, const double *tops, size_t m, size_t k,
                        char *buf, size_t n)
{
	double v = tops[k * m + m - 1] - (k > 0 ? tops[(k - 1) * m + m - 1] : 0);
	snprintf(buf, n, "%s %.1f%%", s[k].label ? s[k].label : "", 100 * v);
}

/* The legend right of the plot, top band first; its width. */
static double side_legend(chart_pen *p, double x, double y, double w, double h,
                          const chart_stacked_series *s, size_t ns, const double *tops,
                          size_t m, int draw)
{
	double need = 0;
	for (size_t j = 0; j < ns; j++) {
		char buf[256];
		legend_text(s, tops, m, j, buf, sizeof buf);
		need = fmax(need, chart_pen_text_width(p, buf, PDF_REGULAR, CHART_LABEL_SIZE));
	}
	need = fmin(need + LEGEND_SWATCH + 5, w);
	if (!draw)
		return need;
	for (size_t j = 0; j < ns; j++) {
		size_t k = ns - 1 - j;
		double ty = y + (double)j * LEGEND_ROW;
		if (ty + LEGEND_ROW > y + h)
			break;
		char buf[256], fit[256];
		legend_text(s, tops, m, k, buf, sizeof buf);
		chart_pen_fill(p, chart_stacked_fill(k, ns));
		chart_pen_rect_fill(p, x, ty + 1.5, LEGEND_SWATCH, LEGEND_SWATCH);
		chart_pen_fit(p, buf, PDF_REGULAR, CHART_LABEL_SIZE, need - LEGEND_SWATCH - 5, fit,
		              sizeof fit);
		chart_pen_text(p, x + LEGEND_SWATCH + 5, ty + 1.5 + LEGEND_SWATCH * 0.5
		               + CHART_LABEL_SIZE * 0.35, fit, PDF_REGULAR, CHART_LABEL_SIZE, PDF_LEFT,
		               chart_ink);
	}
	return need;
}

/* The legend in rows above the plot (narrow boxes), top band first. */
static double top_legend(chart_pen *p, double x, double y, double w,
                         const chart_stacked_series *s, size_t ns, const double *tops,
                         size_t m, int draw)
{
	chart_leg_item it[MAX_BANDS];
	char text[MAX_BANDS][96];
	size_t n = ns < MAX_BANDS ? ns : MAX_BANDS;
	memset(it, 0, sizeof it);
	for (size_t j = 0; j < n; j++) {
		size_t k = ns - 1 - j;
		legend_text(s, tops, m, k, text[j], sizeof text[j]);
		it[j].label = text[j];
		it[j].kind = CHART_LEG_SWATCH;
		it[j].swatch = chart_stacked_fill(k, ns);
	}
	return chart_legend(p, x, y, w, it, n, draw);
}

void chart_stacked_pen(chart_pen *p, chart_box b, const double *time, size_t m,
                       const chart_stacked_series *s, size_t ns, const chart_stacked_opts *o)
{
	static const chart_stacked_opts defaults = { NULL, NULL, NULL, 0 };
	if (o == NULL)
		o = &defaults;
	if (ns > MAX_BANDS)
		ns = MAX_BANDS;
	double *tops = m > 0 && ns > 0 && time ? malloc(ns * m * sizeof *tops) : NULL;
	double hi = tops ? stack_tops(time, m, s, ns, tops) : -1;
	double tmax = 0;
	for (size_t i = 0; tops && i < m; i++)
		if (isfinite(time[i]))
			tmax = fmax(tmax, time[i]);
	if (hi < 0) {
		free(tops);
		chart_no_data(p, b, o->title);
		return;
	}
	/* A band's polygon is two step paths of up to 2 m + 2 points each. */
	double *x = malloc((12 * m + 12) * sizeof *x);
	if (x == NULL) {
		free(tops);
		return;
	}
	double *y = x + 4 * m + 4, *x2 = y + 4 * m + 4, *y2 = x2 + 2 * m + 2;

	chart_ticks ty, tx;
	chart_nice_ticks(0, fmax(hi, 0.01), b.h < 160 ? 3 : 5, &ty);
	if (o->months)
		chart_month_ticks(0, fmax(tmax, 1), b.w < 200 ? 3 : 6, &tx);
	else
		chart_nice_ticks(0, fmax(tmax, 1e-9), b.w < 200 ? 3 : 6, &tx);
	double yw = chart_ticks_width(p, &ty, 1, CHART_TICK_SIZE);
	double xw = chart_ticks_width(p, &tx, 0, CHART_TICK_SIZE);

	/* The legend beside the plot in wide boxes, above it otherwise. */
	int side = b.w >= LEGEND_SIDE_MIN_W;
	double lw = side ? side_legend(p, 0, 0, b.w * 0.38, 0, s, ns, tops, m, 0) + 8 : 0;
	chart_box pb = { b.x, b.y, b.w - lw, b.h };
	chart_xy_layout L;
	double legend_h = side ? 0 : top_legend(p, b.x, 0, b.w, s, ns, tops, m, 0);
	if (!chart_xy_layout_of(pb, o->title != NULL, legend_h, yw, xw, o->xlabel != NULL,
	                        o->ylabel != NULL, 0, &L)) {
		chart_title(p, b, o->title);
		free(tops);
		free(x);
		return;
	}
	chart_box pl = L.plot;
	double yhi = chart_tick_at(&ty, ty.n - 1), xhi = chart_tick_at(&tx, tx.n - 1);
	chart_scale sx = { 0, xhi, pl.x, pl.x + pl.w, 0 };
	chart_scale sy = { 0, yhi, pl.y + pl.h, pl.y, 0 };

	chart_title(p, b, o->title);
	if (side)
		side_legend(p, pb.x + pb.w + 8, pl.y, lw - 8, b.y + b.h - pl.y, s, ns, tops, m, 1);
	else
		top_legend(p, pl.x, L.legend_top, pl.w, s, ns, tops, m, 1);
	chart_ygrid(p, pl, &sy, &ty, 1);
	for (size_t k = 0; k < ns; k++) {
		chart_pen_fill(p, chart_stacked_fill(k, ns));
		draw_band(p, time, m, tops, k, xhi, &sx, &sy, x, y, x2, y2);
	}
	/* White rules between the bands, the total in a dark line. */
	chart_pen_dash(p, NULL, 0);
	for (size_t k = 0; k < ns; k++) {
		size_t n = step_path(time, m, tops + k * m, xhi, &sx, &sy, x, y);
		chart_pen_stroke(p, k + 1 == ns ? chart_ink : white);
		chart_pen_width(p, k + 1 == ns ? 1.2 : 0.8);
		chart_pen_polyline(p, x + 1, y + 1, n - 1);
	}
	chart_pen_width(p, 1);
	chart_xaxis(p, pl, &sx, &tx, 0, L.xtick_base);
	chart_axis_titles(p, pl, o->xlabel, L.xlabel_base, o->ylabel, L.ylabel_x);
	free(tops);
	free(x);
}

void chart_stacked(pdf_doc *d, chart_box b, const double *time, size_t m,
                   const chart_stacked_series *s, size_t ns, const chart_stacked_opts *o)
{
	chart_pen p = chart_pen_of(d, NULL);
	chart_stacked_pen(&p, b, time, m, s, ns, o);
}

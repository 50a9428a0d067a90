/*
 * chart_trend.c - one small multiple of the executive summary's trend
 * (chart_exec.h), drawn through a pen (chart_axis.h) so that the tests can
 * check that the tile keeps inside its box.
 */
#include "config.h"

#include <math.h>

#include "report/chart/chart_exec.h"

static const pdf_rgb tile_bg = { 0.95, 0.96, 0.97 };

/* The y range of the finite points; bars start at 0.  0 when none. */
static int range(const chart_trend_tile *t, double *lo, double *hi)
{
	int any = 0;
	*lo = INFINITY;
	*hi = -INFINITY;
	for (size_t i = 0; i < t->n; i++) {
		if (!isfinite(t->y[i]))
			continue;
		any = 1;
		*lo = fmin(*lo, t->y[i]);
		*hi = fmax(*hi, t->y[i]);
	}
	if (!any)
		return 0;
	if (t->bars) {
		*lo = fmin(*lo, 0);
		*hi = fmax(*hi, 0);
	}
	if (*hi - *lo <= 1e-12 * fmax(fabs(*hi), 1)) {
		double pad = fmax(fabs(*hi) * 0.1, 0.01);
		*lo -= pad;
		*hi += pad;
	} else if (!t->bars) {
		double pad = (*hi - *lo) * 0.15;
		*lo -= pad;
		*hi += pad;
	}
	return 1;
}

/* The line of points [0, m), muted. */
static void trend_line(chart_pen *pen, const double *xs, const double *ys, size_t m)
{
	if (m < 2)
		return;
	chart_pen_stroke(pen, chart_muted);
	chart_pen_width(pen, 1.2);
	chart_pen_polyline(pen, xs, ys, m);
}

/* The first and last x labels under the plot; the first only when both fit
 * side by side, the last shortened to the plot's width. */
static void x_labels(chart_pen *pen, chart_box p, const chart_trend_tile *t)
{
	char buf[64];
	double y = p.y + p.h + 7;
	const char *last = t->last ? chart_pen_fit(pen, t->last, PDF_BOLD, 5.5, p.w, buf,
	                                           sizeof buf) : NULL;
	double lw = last ? chart_pen_text_width(pen, last, PDF_BOLD, 5.5) : 0;
	if (t->first && t->n > 1
	    && chart_pen_text_width(pen, t->first, PDF_REGULAR, 5.5) + lw + 4 <= p.w)
		chart_pen_text(pen, p.x, y, t->first, PDF_REGULAR, 5.5, PDF_LEFT, chart_text2);
	if (last)
		chart_pen_text(pen, p.x + p.w, y, last, PDF_BOLD, 5.5, PDF_RIGHT, chart_accent);
}

static void plot(chart_pen *pen, chart_box p, const chart_trend_tile *t, double lo, double hi)
{
	double step = t->n > 1 ? p.w / (double)t->n : p.w;
	double xs[16], ys[16];
	size_t m = 0;

	chart_pen_stroke(pen, chart_grid);
	chart_pen_width(pen, 0.5);
	chart_pen_line(pen, p.x, p.y + p.h, p.x + p.w, p.y + p.h);
	for (size_t i = 0; i < t->n && i < 16; i++) {
		double x = p.x + step * ((double)i + 0.5);
		int last = i + 1 == t->n;
		if (!isfinite(t->y[i])) {
			if (!t->bars)
				trend_line(pen, xs, ys, m);
			m = 0;
			continue;
		}
		double y = p.y + p.h - (t->y[i] - lo) / (hi - lo) * p.h;
		if (t->bars) {
			double y0 = p.y + p.h - (0 - lo) / (hi - lo) * p.h;
			chart_pen_fill(pen, last ? chart_accent : chart_muted);
			chart_pen_rect_fill(pen, x - step * 0.35, fmin(y, y0), step * 0.7, fabs(y0 - y));
		} else {
			xs[m] = x;
			ys[m] = y;
			m++;
		}
	}
	if (!t->bars) {
		trend_line(pen, xs, ys, m);
		for (size_t i = 0; i < t->n && i < 16; i++) {
			if (!isfinite(t->y[i]))
				continue;
			double x = p.x + step * ((double)i + 0.5);
			double y = p.y + p.h - (t->y[i] - lo) / (hi - lo) * p.h;
			int last = i + 1 == t->n;
			/* The dots keep inside their slot. */
			double r = fmin(last ? 2.6 : 1.4, step / 2);
			chart_pen_fill(pen, last ? chart_accent : chart_muted);
			chart_pen_circle(pen, x, y, r, 1);
		}
	}
	chart_pen_width(pen, 1);
	x_labels(pen, p, t);
}

void chart_trend_pen(chart_pen *pen, chart_box b, const chart_trend_tile *t)
{
	double lo, hi;
	char buf[128];

	chart_pen_fill(pen, tile_bg);
	chart_pen_rect_fill(pen, b.x, b.y, b.w, b.h);
	chart_pen_fill(pen, chart_accent);
	chart_pen_rect_fill(pen, b.x, b.y, fmin(3, b.w), b.h);
	if (b.w < 20)
		return;
	/* Each line only when it fits in the box's height. */
	double ts = 7;
	const char *title = t->title ? t->title : "";
	while (ts > 6 && chart_pen_text_width(pen, title, PDF_REGULAR, ts) > b.w - 12)
		ts -= 0.25;
	chart_pen_fit(pen, title, PDF_REGULAR, ts, b.w - 12, buf, sizeof buf);
	if (b.h >= 11 + CHART_DESCENT * ts)
		chart_pen_text(pen, b.x + 8, b.y + 11, buf, PDF_REGULAR, ts, PDF_LEFT, chart_text2);
	double vs = 13;
	const char *v = t->value ? t->value : "";
	while (vs > 8 && chart_pen_text_width(pen, v, PDF_BOLD, vs) > b.w - 14)
		vs -= 1;
	chart_pen_fit(pen, v, PDF_BOLD, vs, b.w - 14, buf, sizeof buf);
	if (b.h >= 26 + CHART_DESCENT * vs)
		chart_pen_text(pen, b.x + 8, b.y + 26, buf, PDF_BOLD, vs, PDF_LEFT, chart_ink);

	size_t nch = 0;
	for (size_t k = 0; k < 2; k++)
		nch += t->change[k] && t->change[k][0];
	/* The change lines go at the foot only when they clear the value. */
	if (b.y + b.h - 4 - 8.5 * (double)nch + 8 - 6.3 * CHART_ASCENT < b.y + 26 + 1)
		nch = 0;
	double bottom = b.y + b.h - 4 - 8.5 * (double)nch;
	chart_box p = { b.x + 9, b.y + 32, b.w - 16, bottom - (b.y + 32) - 10 };
	if (p.h >= 10 && t->y && t->n > 0 && range(t, &lo, &hi))
		plot(pen, p, t, lo, hi);
	else if (p.h >= 10)
		chart_pen_text(pen, p.x + p.w / 2, p.y + p.h / 2 + 3, "No data", PDF_REGULAR, 6.5,
		               PDF_CENTER, chart_text2);
	double y = bottom + 8;
	for (size_t k = 0; k < 2 && nch > 0; k++) {
		if (!t->change[k] || !t->change[k][0])
			continue;
		pdf_weight w = t->bad[k] ? PDF_BOLD : PDF_REGULAR;
		chart_pen_fit(pen, t->change[k], w, 6.3, b.w - 12, buf, sizeof buf);
		chart_pen_text(pen, b.x + 8, y, buf, w, 6.3, PDF_LEFT,
		               t->bad[k] ? chart_alert : chart_text2);
		y += 8.5;
	}
}

void chart_trend(pdf_doc *d, chart_box b, const chart_trend_tile *t)
{
	chart_pen p = chart_pen_of(d, NULL);
	chart_trend_pen(&p, b, t);
}

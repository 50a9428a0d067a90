/*
 * chart_trend.c - one small multiple of the executive summary's trend
 * (chart_exec.h).
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

static void plot(pdf_doc *d, chart_box p, const chart_trend_tile *t, double lo, double hi)
{
	double step = t->n > 1 ? p.w / (double)t->n : p.w;
	double xs[16], ys[16];
	size_t m = 0;

	pdf_stroke_color(d, chart_grid);
	pdf_line_width(d, 0.5);
	pdf_line(d, p.x, p.y + p.h, p.x + p.w, p.y + p.h);
	for (size_t i = 0; i < t->n && i < 16; i++) {
		double x = p.x + step * ((double)i + 0.5);
		int last = i + 1 == t->n;
		if (!isfinite(t->y[i])) {
			if (!t->bars && m > 1) {
				pdf_stroke_color(d, chart_muted);
				pdf_line_width(d, 1.2);
				pdf_polyline(d, xs, ys, m);
			}
			m = 0;
			continue;
		}
		double y = p.y + p.h - (t->y[i] - lo) / (hi - lo) * p.h;
		if (t->bars) {
			double y0 = p.y + p.h - (0 - lo) / (hi - lo) * p.h;
			pdf_fill_color(d, last ? chart_accent : chart_muted);
			pdf_rect_fill(d, x - step * 0.35, fmin(y, y0), step * 0.7, fabs(y0 - y));
		} else {
			xs[m] = x;
			ys[m] = y;
			m++;
		}
	}
	if (!t->bars) {
		if (m > 1) {
			pdf_stroke_color(d, chart_muted);
			pdf_line_width(d, 1.2);
			pdf_polyline(d, xs, ys, m);
		}
		for (size_t i = 0; i < t->n && i < 16; i++) {
			if (!isfinite(t->y[i]))
				continue;
			double x = p.x + step * ((double)i + 0.5);
			double y = p.y + p.h - (t->y[i] - lo) / (hi - lo) * p.h;
			int last = i + 1 == t->n;
			pdf_fill_color(d, last ? chart_accent : chart_muted);
			pdf_circle(d, x, y, last ? 2.6 : 1.4, 1);
		}
	}
	pdf_line_width(d, 1);
	if (t->first && t->n > 1)
		pdf_text(d, p.x, p.y + p.h + 7, t->first, PDF_REGULAR, 5.5, PDF_LEFT, chart_text2);
	if (t->last)
		pdf_text(d, p.x + p.w, p.y + p.h + 7, t->last, PDF_BOLD, 5.5, PDF_RIGHT,
		         chart_accent);
}

void chart_trend(pdf_doc *d, chart_box b, const chart_trend_tile *t)
{
	double lo, hi;
	char buf[128];

	pdf_fill_color(d, tile_bg);
	pdf_rect_fill(d, b.x, b.y, b.w, b.h);
	pdf_fill_color(d, chart_accent);
	pdf_rect_fill(d, b.x, b.y, 3, b.h);
	double ts = 7;
	const char *title = t->title ? t->title : "";
	while (ts > 6 && pdf_text_width(d, title, PDF_REGULAR, ts) > b.w - 12)
		ts -= 0.25;
	pdf_fit_text(d, title, PDF_REGULAR, ts, b.w - 12, buf, sizeof buf);
	pdf_text(d, b.x + 8, b.y + 11, buf, PDF_REGULAR, ts, PDF_LEFT, chart_text2);
	double vs = 13;
	const char *v = t->value ? t->value : "";
	while (vs > 8 && pdf_text_width(d, v, PDF_BOLD, vs) > b.w - 14)
		vs -= 1;
	pdf_text(d, b.x + 8, b.y + 26, v, PDF_BOLD, vs, PDF_LEFT, chart_ink);

	size_t nch = 0;
	for (size_t k = 0; k < 2; k++)
		nch += t->change[k] && t->change[k][0];
	double bottom = b.y + b.h - 4 - 8.5 * (double)nch;
	chart_box p = { b.x + 9, b.y + 32, b.w - 16, bottom - (b.y + 32) - 10 };
	if (p.h >= 10 && t->y && t->n > 0 && range(t, &lo, &hi))
		plot(d, p, t, lo, hi);
	else if (p.h >= 10)
		pdf_text(d, p.x + p.w / 2, p.y + p.h / 2 + 3, "No data", PDF_REGULAR, 6.5,
		         PDF_CENTER, chart_text2);
	double y = b.y + b.h - 4 - 8.5 * (double)nch + 8;
	for (size_t k = 0; k < 2; k++) {
		if (!t->change[k] || !t->change[k][0])
			continue;
		pdf_weight w = t->bad[k] ? PDF_BOLD : PDF_REGULAR;
		pdf_fit_text(d, t->change[k], w, 6.3, b.w - 12, buf, sizeof buf);
		pdf_text(d, b.x + 8, y, buf, w, 6.3, PDF_LEFT, t->bad[k] ? chart_alert : chart_text2);
		y += 8.5;
	}
}

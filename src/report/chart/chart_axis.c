/*
 * chart_axis.c - the charts' axes (chart_axis.h): nice and monthly ticks,
 * tick, count and ratio labels, the linear scale, and drawing the y grid,
 * the x axis and the axis titles.
 */
#include "report/chart/chart_axis.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- Ticks ---- */

void chart_nice_ticks(double lo, double hi, size_t target, chart_ticks *out)
{
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = isfinite(lo) ? lo : (isfinite(hi) ? hi : 0);
		hi = lo;
	}
	if (lo > hi) {
		double t = lo;
		lo = hi;
		hi = t;
	}
	if (target < 1)
		target = 1;
	/* A degenerate range is widened: [0, 1] around 0, else +-10%. */
	if (hi - lo <= 1e-12 * fmax(fabs(lo), fabs(hi))) {
		if (lo == 0 && hi == 0) {
			hi = 1;
		} else {
			double m = 0.1 * fmax(fabs(lo), fabs(hi));
			lo -= m;
			hi += m;
		}
	}
	double raw = (hi - lo) / (double)target;
	double mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	double step = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 2.5 + 1e-9 ? 2.5
	              : f <= 5 + 1e-9 ? 5 : 10;
	step *= mag;
	double a = floor(lo / step + 1e-9);
	double z = ceil(hi / step - 1e-9);
	out->first = a * step + 0.0;
	out->step = step;
	out->n = (size_t)(z - a + 0.5) + 1;
}

void chart_month_ticks(double lo, double hi, size_t target, chart_ticks *out)
{
	static const double steps[] = { 1, 2, 3, 6, 12, 24, 36, 60, 120, 240, 600, 1200 };
	if (!isfinite(lo))
		lo = 0;
	if (!isfinite(hi) || hi <= lo)
		hi = lo + 1;
	if (target < 1)
		target = 1;
	double step = steps[sizeof steps / sizeof steps[0] - 1];
	for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++)
		if ((hi - lo) / steps[k] <= 1.3 * (double)target + 1e-9) {
			step = steps[k];
			break;
		}
	double a = floor(lo / step + 1e-9);
	double z = ceil(hi / step - 1e-9);
	if (z <= a)
		z = a + 1;
	out->first = a * step + 0.0;
	out->step = step;
	out->n = (size_t)(z - a + 0.5) + 1;
}

double chart_tick_at(const chart_ticks *t, size_t k)
{
	double v = t->first + (double)k * t->step;
	if (fabs(v) < 1e-9 * t->step)
		v = 0;
	return v;
}

char *chart_fmt_tick(double v, double step, int percent, char *buf, size_t n)
{
	if (percent) {
		v *= 100;
		step *= 100;
	}
	int dec = 0;
	while (dec < 3) {
		double s = step * pow(10, dec);
		if (fabs(s - round(s)) < 1e-6 * fmax(1, s))
			break;
		dec++;
	}
	if (fabs(v) < 0.5 * pow(10, -dec))
		v = 0;
	snprintf(buf, n, percent ? "%.*f%%" : "%.*f", dec, v);
	return buf;
}

char *chart_fmt_count(double v, char *buf, size_t n)
{
	if (!isfinite(v)) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	char digits[32];
	snprintf(digits, sizeof digits, "%.0f", fabs(v));
	size_t len = strlen(digits), o = 0;
	char tmp[48];
	if (v <= -0.5)
		tmp[o++] = '-';
	for (size_t i = 0; i < len && o + 2 < sizeof tmp; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			tmp[o++] = ',';
		tmp[o++] = digits[i];
	}
	tmp[o] = '\0';
	snprintf(buf, n, "%s", tmp);
	return buf;
}

double chart_scale_at(const chart_scale *s, double v)
{
	double lo = s->lo, hi = s->hi;
	if (s->log) {
		if (!(lo > 0) || !(hi > 0) || !(v > 0))
			return 0.5 * (s->p0 + s->p1);
		lo = log(lo);
		hi = log(hi);
		v = log(v);
	}
	if (!isfinite(lo) || !isfinite(hi) || !isfinite(v) || hi - lo == 0)
		return 0.5 * (s->p0 + s->p1);
	return s->p0 + (v - lo) / (hi - lo) * (s->p1 - s->p0);
}

double chart_ticks_width(chart_pen *p, const chart_ticks *t, int percent, double size)
{
	double w = 0;
	for (size_t k = 0; k < t->n; k++) {
		char buf[32];
		chart_fmt_tick(chart_tick_at(t, k), t->step, percent, buf, sizeof buf);
		w = fmax(w, chart_pen_text_width(p, buf, PDF_REGULAR, size));
	}
	return w;
}

void chart_ygrid(chart_pen *p, chart_box plot, const chart_scale *sy, const chart_ticks *t,
                 int percent)
{
	chart_pen_width(p, 0.5);
	chart_pen_dash(p, NULL, 0);
	for (size_t k = 0; k < t->n; k++) {
		double v = chart_tick_at(t, k);
		double y = chart_scale_at(sy, v);
		char buf[32];
		chart_pen_stroke(p, chart_grid);
		chart_pen_line(p, plot.x, y, plot.x + plot.w, y);
		chart_fmt_tick(v, t->step, percent, buf, sizeof buf);
		chart_pen_text(p, plot.x - CHART_PAD, y + CHART_TICK_SIZE * 0.35, buf, PDF_REGULAR,
		               CHART_TICK_SIZE, PDF_RIGHT, chart_text2);
	}
}

void chart_axis_titles(chart_pen *p, chart_box plot, const char *xlabel, double xbase,
                       const char *ylabel, double yx)
{
	char buf[256];

	if (xlabel) {
		chart_pen_fit(p, xlabel, PDF_REGULAR, CHART_LABEL_SIZE, plot.w, buf, sizeof buf);
		chart_pen_text(p, plot.x + plot.w / 2, xbase, buf, PDF_REGULAR, CHART_LABEL_SIZE,
		               PDF_CENTER, chart_text2);
	}
	if (ylabel) {
		chart_pen_fit(p, ylabel, PDF_REGULAR, CHART_LABEL_SIZE, plot.h, buf, sizeof buf);
		chart_pen_text_up(p, yx, plot.y + plot.h / 2, buf, PDF_REGULAR, CHART_LABEL_SIZE,
		                  chart_text2);
	}
}

void chart_xaxis(chart_pen *p, chart_box plot, const chart_scale *sx, const chart_ticks *t,
                 int percent, double base)
{
	double y = plot.y + plot.h;
	chart_pen_dash(p, NULL, 0);
	chart_pen_stroke(p, chart_text2);
	chart_pen_width(p, 0.7);
	chart_pen_line(p, plot.x, y, plot.x + plot.w, y);
	chart_pen_width(p, 0.5);
	for (size_t k = 0; k < t->n; k++) {
		double v = chart_tick_at(t, k);
		double x = chart_scale_at(sx, v);
		char buf[32];
		chart_pen_line(p, x, y, x, y + 3);
		chart_fmt_tick(v, t->step, percent, buf, sizeof buf);
		chart_pen_text(p, x, base, buf, PDF_REGULAR, CHART_TICK_SIZE, PDF_CENTER,
		               chart_text2);
	}
}

/*
 * chart_forest.c - ratios with their intervals on a log axis: one row per
 * term, the label at left, a square on a horizontal interval line, the
 * reference line at 1, and the printed "1.85 (1.52-2.25)" at right.
 * Bounds that are infinite, zero, or beyond the axis (which spans at most
 * 1/1000 to 1000) end in an arrow at the axis edge.
 */
#include "report/chart/chart_axis.h"
#include "churnkit/fmtnum.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FOREST_LIMIT 1000.0      /* the axis spans at most [1/L, L] */
#define FOREST_MAX_ROW 18.0

/* Log-axis ticks: powers of 2 when the range spans at most 2^7, else
 * powers of 10 (0.01, 0.1, 1, 10).  Writes up to max ticks to v; returns
 * the count.  [*lo, *hi] is widened to the outer ticks. */
size_t chart_log_ticks(double *lo, double *hi, double *v, size_t max)
{
	double base = *hi / *lo <= 128.0 + 1e-9 ? 2.0 : 10.0;
	double a = floor(log(*lo) / log(base) + 1e-9), z = ceil(log(*hi) / log(base) - 1e-9);
	if (z <= a)
		z = a + 1;
	size_t n = 0;
	for (double k = a; k <= z + 1e-9 && n < max; k++)
		v[n++] = pow(base, k);
	*lo = pow(base, a);
	*hi = pow(base, z);
	return n;
}

static char *fmt_log_tick(double v, char *buf, size_t n)
{
	int dec = 0;
	while (dec < 4 && fabs(v * pow(10, dec) - round(v * pow(10, dec))) > 1e-9)
		dec++;
	snprintf(buf, n, "%.*f", dec, v);
	return buf;
}

/* "1.85 (1.52-2.25)" */
char *chart_fmt_ratio_ci(double est, double lo, double hi, char *buf, size_t n)
{
	char a[32], b[32], c[32];
	snprintf(buf, n, "%s (%s-%s)", fmtnum_ratio(est, a, sizeof a),
	         fmtnum_ratio(lo, b, sizeof b), fmtnum_ratio(hi, c, sizeof c));
	return buf;
}

static void arrow(chart_pen *p, double x, double y, int right)
{
	double d = right ? 1 : -1;
	double xs[3] = { x, x - d * 4.5, x - d * 4.5 }, ys[3] = { y, y - 2.5, y + 2.5 };
	chart_pen_polygon(p, xs, ys, 3);
}

void chart_forest_pen(chart_pen *p, chart_box b, const char *const *labels, const double *est,
                      const double *lo, const double *hi, size_t n, const chart_forest_opts *o)
{
	static const chart_forest_opts defaults = { NULL, NULL, NULL };
	if (o == NULL)
		o = &defaults;
	double vmin = 1, vmax = 1;
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		const double v[3] = { est[i], lo ? lo[i] : NAN, hi ? hi[i] : NAN };
		for (int k = 0; k < 3; k++)
			if (isfinite(v[k]) && v[k] > 0) {
				vmin = fmin(vmin, fmax(v[k], 1 / FOREST_LIMIT));
				vmax = fmax(vmax, fmin(v[k], FOREST_LIMIT));
				if (k == 0)
					any = 1;
			}
	}
	if (!any) {
		chart_no_data(p, b, o->title);
		return;
	}
	double ticks[16];
	size_t nt = chart_log_ticks(&vmin, &vmax, ticks, 16);

	/* Columns: labels, plot, values. */
	const double size = CHART_TICK_SIZE + 0.5;
	double labw = 0, valw = chart_pen_text_width(p, o->value_header, PDF_BOLD, CHART_TICK_SIZE);
	for (size_t i = 0; i < n; i++) {
		char buf[96];
		labw = fmax(labw, chart_pen_text_width(p, labels ? labels[i] : "", PDF_REGULAR, size));
		chart_fmt_ratio_ci(est[i], lo ? lo[i] : NAN, hi ? hi[i] : NAN, buf, sizeof buf);
		valw = fmax(valw, chart_pen_text_width(p, buf, PDF_REGULAR, size));
	}
	labw = fmin(labw + 8, 0.35 * b.w);
	char tb[32];
	double tickw = fmax(chart_pen_text_width(p, fmt_log_tick(ticks[0], tb, sizeof tb),
	                                         PDF_REGULAR, CHART_TICK_SIZE),
	                    chart_pen_text_width(p, fmt_log_tick(ticks[nt - 1], tb, sizeof tb),
	                                         PDF_REGULAR, CHART_TICK_SIZE));
	double px = b.x + fmax(labw, tickw / 2 + 2);
	double pr = b.x + b.w - valw - 12;
	double top = b.y + (o->title ? CHART_TITLE_SIZE + 6 : 0);
	double head = CHART_TICK_SIZE + 6;   /* the value column's header */
	double axis_h = CHART_TICK_SIZE + 8 + (o->xlabel ? CHART_LABEL_SIZE + 5 : 0);
	double rows_h = b.y + b.h - axis_h - top - head;
	double row = n > 0 ? fmin(FOREST_MAX_ROW, rows_h / (double)n) : 0;
	if (pr - px < CHART_MIN_PLOT || row < 4) {
		chart_title(p, b, o->title);
		return;
	}
	chart_box pl = { px, top + head, pr - px, row * (double)n };
	chart_scale sx = { vmin, vmax, pl.x + 4, pl.x + pl.w - 4, 1 };
	double rs = fmin(size, row * 0.75);

	chart_title(p, b, o->title);
	if (o->value_header)
		chart_pen_text(p, b.x + b.w, top + CHART_TICK_SIZE, o->value_header, PDF_BOLD,
		               CHART_TICK_SIZE, PDF_RIGHT, chart_ink);
	/* Zebra rows for the eye to follow from the label to the value. */
	for (size_t i = 1; i < n; i += 2) {
		chart_pen_fill(p, (pdf_rgb){ 0.955, 0.955, 0.955 });
		chart_pen_rect_fill(p, b.x, pl.y + (double)i * row, b.w, row);
	}
	/* Grid at the ticks, and the reference line at 1. */
	chart_pen_width(p, 0.5);
	chart_pen_dash(p, NULL, 0);
	double ybase = pl.y + pl.h;
	double tw = 0;
	for (size_t k = 0; k < nt; k++)
		tw = fmax(tw, chart_pen_text_width(p, fmt_log_tick(ticks[k], tb, sizeof tb),
		                                   PDF_REGULAR, CHART_TICK_SIZE));
	size_t every = 1, k1 = 0;   /* k1: the tick at 1, always labelled */
	for (size_t k = 0; k < nt; k++)
		if (fabs(ticks[k] - 1) < 1e-9)
			k1 = k;
	while (nt > 1 && every < nt && (sx.p1 - sx.p0) / (double)(nt - 1) * (double)every < tw + 4)
		every++;
	for (size_t k = 0; k < nt; k++) {
		double x = chart_scale_at(&sx, ticks[k]);
		char buf[32];
		chart_pen_stroke(p, chart_grid);
		if (ticks[k] != 1)
			chart_pen_line(p, x, pl.y, x, ybase);
		chart_pen_stroke(p, chart_text2);
		chart_pen_line(p, x, ybase, x, ybase + 3);
		if ((k > k1 ? k - k1 : k1 - k) % every == 0)
			chart_pen_text(p, x, ybase + 4 + CHART_TICK_SIZE * 0.8, fmt_log_tick(ticks[k], buf,
		               sizeof buf), PDF_REGULAR, CHART_TICK_SIZE, PDF_CENTER, chart_text2);
	}
	chart_pen_stroke(p, chart_text2);
	chart_pen_width(p, 0.7);
	chart_pen_line(p, pl.x, ybase, pl.x + pl.w, ybase);
	static const double refdash[2] = { 3, 2 };
	double x1 = chart_scale_at(&sx, 1);
	chart_pen_stroke(p, chart_ink);
	chart_pen_width(p, 0.8);
	chart_pen_dash(p, refdash, 2);
	chart_pen_line(p, x1, pl.y, x1, ybase);
	chart_pen_dash(p, NULL, 0);
	if (o->xlabel) {
		char buf[256];
		chart_pen_fit(p, o->xlabel, PDF_REGULAR, CHART_LABEL_SIZE, pl.w, buf, sizeof buf);
		chart_pen_text(p, pl.x + pl.w / 2, ybase + CHART_TICK_SIZE + 8 + CHART_LABEL_SIZE,
		               buf, PDF_REGULAR, CHART_LABEL_SIZE, PDF_CENTER, chart_text2);
	}

	double xl = sx.p0, xr = sx.p1;
	for (size_t i = 0; i < n; i++) {
		double yc = pl.y + ((double)i + 0.5) * row;
		double base = yc + rs * 0.35;
		char buf[160];
		chart_pen_fit(p, labels ? labels[i] : "", PDF_REGULAR, rs, labw - 8, buf, sizeof buf);
		chart_pen_text(p, b.x, base, buf, PDF_REGULAR, rs, PDF_LEFT, chart_ink);
		double e = est[i], l = lo ? lo[i] : NAN, h = hi ? hi[i] : NAN;
		chart_fmt_ratio_ci(e, l, h, buf, sizeof buf);
		chart_pen_text(p, b.x + b.w, base, buf, PDF_REGULAR, rs, PDF_RIGHT, chart_ink);
		if (isnan(e))
			continue;
		/* The interval: ends beyond the axis become arrows. */
		chart_pen_stroke(p, chart_accent);
		chart_pen_fill(p, chart_accent);
		chart_pen_width(p, 1.2);
		int larrow = !(l > 0) || !isfinite(l) || l < vmin;
		int rarrow = !isfinite(h) || h > vmax;
		/* An interval wholly beyond one end (a separated level's odds ratio
		 * of 1e-8) is only the arrow there: its ends are clamped to the
		 * axis, so nothing is drawn over the label or value columns. */
		double a = isnan(l) ? NAN : larrow ? xl : chart_scale_at(&sx, fmin(l, vmax));
		double z = isnan(h) ? NAN : rarrow ? xr : chart_scale_at(&sx, fmax(h, vmin));
		double xe = chart_scale_at(&sx, fmin(fmax(e, vmin), vmax));
		if (isfinite(a) && isfinite(z) && z - a > 6) {
			chart_pen_line(p, a + (larrow && !isnan(l) ? 3 : 0), yc,
			               z - (rarrow && !isnan(h) ? 3 : 0), yc);
			if (larrow)
				arrow(p, xl, yc, 0);
			if (rarrow)
				arrow(p, xr, yc, 1);
		}
		double r = fmin(3.2, row * 0.3);
		if (e < vmin || e > vmax)
			arrow(p, e < vmin ? xl : xr, yc, e > vmax);
		else
			chart_pen_rect_fill(p, xe - r, yc - r, 2 * r, 2 * r);
	}
}

void chart_forest(pdf_doc *d, chart_box b, const char *const *labels, const double *est,
                  const double *lo, const double *hi, size_t n, const chart_forest_opts *o)
{
	chart_pen p = chart_pen_of(d, NULL);
	chart_forest_pen(&p, b, labels, est, lo, hi, n, o);
}

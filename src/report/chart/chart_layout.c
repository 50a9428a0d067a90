/*
 * chart_layout.c - the parts every chart is laid out with (chart_axis.h):
 * the x-y layout of a box (plot area, tick and title positions), legends,
 * titles, the "No data" frame and the series markers.
 */
#include "report/chart/chart_axis.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- Layout ---- */

int chart_xy_layout_of(chart_box b, int has_title, double legend_h, double ytick_w,
                       double xtick_w, int has_xlabel, int has_ylabel, double below,
                       chart_xy_layout *out)
{
	memset(out, 0, sizeof *out);
	double y = b.y;
	if (has_title) {
		out->title_base = y + CHART_TITLE_SIZE;
		y += CHART_TITLE_SIZE + 6;
	}
	out->legend_top = y;
	if (legend_h > 0)
		y += legend_h + 3;
	/* Room for the top y tick label, which is centred on the top line. */
	y += CHART_TICK_SIZE * 0.5;
	double bottom = b.y + b.h - below;
	if (has_xlabel) {
		out->xlabel_base = bottom - CHART_LABEL_SIZE * CHART_DESCENT - 1;
		bottom -= CHART_LABEL_SIZE + 5;
	}
	out->xtick_base = bottom - CHART_TICK_SIZE * CHART_DESCENT;
	bottom -= CHART_TICK_SIZE + 6;   /* tick marks (3) and a gap (3) */
	double x = b.x;
	if (has_ylabel) {
		out->ylabel_x = x + CHART_LABEL_SIZE * CHART_ASCENT;
		x += CHART_LABEL_SIZE + 4;
	}
	x += ytick_w + CHART_PAD;
	double right = b.x + b.w - fmax(xtick_w / 2, 2);
	/* The leftmost x tick label is centred on the plot's left edge. */
	if (x < b.x + xtick_w / 2)
		x = b.x + xtick_w / 2;
	out->plot.x = x;
	out->plot.y = y;
	out->plot.w = right - x;
	out->plot.h = bottom - y;
	out->below_top = b.y + b.h - below;
	return out->plot.w >= CHART_MIN_PLOT && out->plot.h >= CHART_MIN_PLOT;
}

static double sample_w(chart_leg_kind k)
{
	return k == CHART_LEG_LINE ? 22 : k == CHART_LEG_MARK ? 8 : 9;
}

double chart_legend(chart_pen *p, double x, double y, double w, const chart_leg_item *it,
                    size_t n, int draw)
{
	if (n == 0)
		return 0;
	const double size = CHART_LABEL_SIZE, gap = 12, sgap = 4;
	double cx = x;
	size_t rows = 1;
	for (size_t i = 0; i < n; i++) {
		char buf[256];
		double sw = sample_w(it[i].kind);
		chart_pen_fit(p, it[i].label, PDF_REGULAR, size, fmax(w - sw - sgap, 10), buf,
		              sizeof buf);
		double iw = sw + sgap + chart_pen_text_width(p, buf, PDF_REGULAR, size);
		if (cx > x && cx + iw > x + w) {
			rows++;
			cx = x;
		}
		if (draw) {
			double ty = y + (double)(rows - 1) * CHART_LEG_ROW;
			double mid = ty + CHART_LEG_ROW / 2;
			const chart_style *st = &it[i].style;
			if (it[i].kind == CHART_LEG_SWATCH) {
				chart_pen_fill(p, it[i].swatch);
				chart_pen_rect_fill(p, cx, mid - 4, sw, 8);
			} else {
				if (it[i].kind == CHART_LEG_LINE) {
					chart_pen_stroke(p, st->color);
					chart_pen_width(p, 1.5);
					chart_pen_dash(p, st->dash, st->ndash);
					chart_pen_line(p, cx, mid, cx + sw, mid);
					chart_pen_dash(p, NULL, 0);
				}
				chart_marker(p, st->mark, cx + sw / 2, mid, 2.4, st->color);
			}
			chart_pen_text(p, cx + sw + sgap, mid + size * 0.35, buf, PDF_REGULAR, size,
			               PDF_LEFT, chart_ink);
		}
		cx += iw + gap;
	}
	return (double)rows * CHART_LEG_ROW;
}

double chart_title(chart_pen *p, chart_box b, const char *title)
{
	if (title == NULL || *title == '\0')
		return 0;
	char buf[512];
	chart_pen_fit(p, title, PDF_BOLD, CHART_TITLE_SIZE, b.w, buf, sizeof buf);
	chart_pen_text(p, b.x, b.y + CHART_TITLE_SIZE, buf, PDF_BOLD, CHART_TITLE_SIZE,
	               PDF_LEFT, chart_ink);
	return CHART_TITLE_SIZE + 6;
}

void chart_no_data(chart_pen *p, chart_box b, const char *title)
{
	double t = chart_title(p, b, title);
	if (t > b.h)
		return;
	chart_box f = { b.x + 0.5, b.y + t + 0.5, b.w - 1, b.h - t - 1 };
	if (f.w <= 0 || f.h <= 0)
		return;
	chart_pen_stroke(p, chart_grid);
	chart_pen_width(p, 1);
	chart_pen_dash(p, NULL, 0);
	chart_pen_rect_stroke(p, f.x, f.y, f.w, f.h);
	double size = fmin(9, f.h * 0.6);
	if (size >= 3)
		chart_pen_text(p, f.x + f.w / 2, f.y + f.h / 2 + size * 0.35, "No data",
		               PDF_REGULAR, size, PDF_CENTER, chart_text2);
}

void chart_marker(chart_pen *p, chart_mark m, double cx, double cy, double r, pdf_rgb c)
{
	chart_pen_fill(p, c);
	switch (m) {
	case CHART_MARK_SQUARE:
		r *= 0.9;
		chart_pen_rect_fill(p, cx - r, cy - r, 2 * r, 2 * r);
		break;
	case CHART_MARK_TRIANGLE: {
		double x[3] = { cx - r * 1.1, cx + r * 1.1, cx };
		double y[3] = { cy + r * 0.9, cy + r * 0.9, cy - r * 1.1 };
		chart_pen_polygon(p, x, y, 3);
		break;
	}
	case CHART_MARK_DIAMOND: {
		double x[4] = { cx, cx + r * 1.2, cx, cx - r * 1.2 };
		double y[4] = { cy - r * 1.2, cy, cy + r * 1.2, cy };
		chart_pen_polygon(p, x, y, 4);
		break;
	}
	case CHART_MARK_NONE:
		break;
	case CHART_MARK_CIRCLE:
	default:
		chart_pen_circle(p, cx, cy, r, 1);
		break;
	}
}

/*
 * chart_calib.c - calibration by decile: predicted churn rate (x) against
 * the observed rate (y), points joined by a line, and the dashed diagonal
 * of perfect calibration.  Both axes run from 0 to the same maximum, in %,
 * so that the diagonal is at 45 degrees when the box is square.
 */
#include "report/chart/chart_axis.h"

#include <math.h>
#include <string.h>

void chart_calibration_pen(chart_pen *p, chart_box b, const double *pred, const double *obs,
                           size_t n, const char *title)
{
	double vmax = 0;
	int any = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(pred[i]) && isfinite(obs[i])) {
			any = 1;
			vmax = fmax(vmax, fmax(pred[i], obs[i]));
		}
	if (!any) {
		chart_no_data(p, b, title);
		return;
	}
	if (!(vmax > 0))
		vmax = 0.01;
	chart_ticks t;
	chart_nice_ticks(0, fmin(vmax, 1e6), b.h < 160 ? 3 : 5, &t);
	double tw = chart_ticks_width(p, &t, 1, CHART_TICK_SIZE);

	chart_leg_item leg[2];
	memset(leg, 0, sizeof leg);
	leg[0].label = "Observed by decile";
	leg[0].kind = CHART_LEG_LINE;
	chart_style_of(0, &leg[0].style);
	leg[1].label = "Perfect calibration";
	leg[1].kind = CHART_LEG_LINE;
	leg[1].style.color = chart_text2;
	leg[1].style.dash[0] = 3;
	leg[1].style.dash[1] = 2;
	leg[1].style.ndash = 2;
	leg[1].style.mark = CHART_MARK_NONE;

	chart_xy_layout L;
	chart_xy_layout_of(b, title != NULL, 0, tw, tw, 1, 1, 0, &L);
	double legend_h = chart_legend(p, L.plot.x, 0, L.plot.w, leg, 2, 0);
	if (!chart_xy_layout_of(b, title != NULL, legend_h, tw, tw, 1, 1, 0, &L)) {
		chart_title(p, b, title);
		return;
	}
	chart_box pl = L.plot;
	double hi = chart_tick_at(&t, t.n - 1);
	chart_scale sx = { 0, hi, pl.x, pl.x + pl.w, 0 };
	chart_scale sy = { 0, hi, pl.y + pl.h, pl.y, 0 };

	chart_title(p, b, title);
	chart_legend(p, pl.x, L.legend_top, pl.w, leg, 2, 1);
	chart_ygrid(p, pl, &sy, &t, 1);
	/* Vertical grid too: both axes are read. */
	chart_pen_stroke(p, chart_grid);
	chart_pen_width(p, 0.5);
	for (size_t k = 1; k < t.n; k++) {
		double x = chart_scale_at(&sx, chart_tick_at(&t, k));
		chart_pen_line(p, x, pl.y, x, pl.y + pl.h);
	}
	static const double dash[2] = { 3, 2 };
	chart_pen_stroke(p, chart_text2);
	chart_pen_width(p, 0.8);
	chart_pen_dash(p, dash, 2);
	chart_pen_line(p, sx.p0, sy.p0, sx.p1, sy.p1);
	chart_pen_dash(p, NULL, 0);

	chart_style st;
	chart_style_of(0, &st);
	double xs[64], ys[64];
	size_t m = 0;
	for (size_t i = 0; i < n && m < 64; i++)
		if (isfinite(pred[i]) && isfinite(obs[i])) {
			xs[m] = chart_scale_at(&sx, fmin(fmax(pred[i], 0), hi));
			ys[m++] = chart_scale_at(&sy, fmin(fmax(obs[i], 0), hi));
		}
	chart_pen_stroke(p, st.color);
	chart_pen_width(p, 1.2);
	chart_pen_polyline(p, xs, ys, m);
	for (size_t i = 0; i < m; i++)
		chart_marker(p, st.mark, xs[i], ys[i], 2.6, st.color);

	chart_xaxis(p, pl, &sx, &t, 1, L.xtick_base);
	chart_axis_titles(p, pl, "Predicted churn rate", L.xlabel_base, "Observed churn rate",
	                  L.ylabel_x);
}

void chart_calibration(pdf_doc *d, chart_box b, const double *pred, const double *obs,
                       size_t n, const char *title)
{
	chart_pen p = chart_pen_of(d, NULL);
	chart_calibration_pen(&p, b, pred, obs, n, title);
}

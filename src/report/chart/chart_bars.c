/*
 * chart_bars.c - vertical bars (hazard by tenure month): the first
 * `highlight` bars in the accent colour, the rest muted, x labels thinned
 * to fit, values printed over the bars when there is room.
 */
#include "report/chart/chart_axis.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Label steps tried in turn when labels must be thinned. */
static const size_t label_steps[] = { 1, 2, 3, 4, 5, 6, 10, 12, 20, 24, 50, 100 };

size_t chart_bars_label_every(double pitch, double label_w)
{
	if (!(pitch > 0))
		return 1;
	for (size_t k = 0; k < sizeof label_steps / sizeof label_steps[0]; k++)
		if ((double)label_steps[k] * pitch >= label_w + 4)
			return label_steps[k];
	return (size_t)ceil((label_w + 4) / pitch);
}

static const char *bar_label(const char *const *labels, size_t i, char *buf, size_t n)
{
	if (labels != NULL)
		return labels[i] ? labels[i] : "";
	snprintf(buf, n, "%zu", i + 1);
	return buf;
}

void chart_bars_pen(chart_pen *p, chart_box b, const double *values,
                    const char *const *labels, size_t n, const chart_bars_opts *o)
{
	static const chart_bars_opts defaults = { NULL, NULL, NULL, 0, NULL, 0, 0 };
	if (o == NULL)
		o = &defaults;
	double vmax = 0, vmin = 0;
	int any = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(values[i])) {
			any = 1;
			vmax = fmax(vmax, values[i]);
			vmin = fmin(vmin, values[i]);
		}
	if (!any) {
		chart_no_data(p, b, o->title);
		return;
	}
	if (vmax == 0 && vmin == 0)
		vmax = o->percent ? 0.01 : 1;

	chart_leg_item leg[2];
	size_t nleg = 0;
	memset(leg, 0, sizeof leg);
	if (o->highlight > 0 && o->highlight_label != NULL) {
		leg[nleg].label = o->highlight_label;
		leg[nleg].kind = CHART_LEG_SWATCH;
		leg[nleg++].swatch = chart_accent;
	}

	chart_ticks ty;
	chart_nice_ticks(vmin, vmax, b.h < 160 ? 3 : 5, &ty);
	chart_ticks ty2;   /* the ticks with room for values over the bars */
	chart_nice_ticks(vmin, vmax * 1.3, b.h < 160 ? 3 : 5, &ty2);
	double ytw = fmax(chart_ticks_width(p, &ty, o->percent, CHART_TICK_SIZE),
	                  chart_ticks_width(p, &ty2, o->percent, CHART_TICK_SIZE));
	double xlw = 0;
	for (size_t i = 0; i < n; i++) {
		char buf[32];
		xlw = fmax(xlw, chart_pen_text_width(p, bar_label(labels, i, buf, sizeof buf),
		                                     PDF_REGULAR, CHART_TICK_SIZE));
	}
	chart_xy_layout L;
	chart_xy_layout_of(b, o->title != NULL, 0, ytw, xlw, o->xlabel != NULL,
	                   o->ylabel != NULL, 0, &L);
	double legend_h = chart_legend(p, L.plot.x, 0, L.plot.w, leg, nleg, 0);
	if (!chart_xy_layout_of(b, o->title != NULL, legend_h, ytw, xlw, o->xlabel != NULL,
	                        o->ylabel != NULL, 0, &L)) {
		chart_title(p, b, o->title);
		return;
	}
	chart_box pl = L.plot;
	double pitch = pl.w / (double)n;
	/* Values over the bars when each fits its slot; the y range then grows
	 * to keep room for the text over the highest bar. */
	int show = 1;
	double size = CHART_TICK_SIZE - 0.5;
	for (size_t i = 0; i < n && show; i++) {
		char buf[32];
		if (!isfinite(values[i]))
			continue;
		chart_fmt_tick(values[i], o->percent ? 0.001 : 0.1, o->percent, buf, sizeof buf);
		if (chart_pen_text_width(p, buf, PDF_REGULAR, size) > pitch - 2)
			show = 0;
	}
	if (show) {
		double range = chart_tick_at(&ty, ty.n - 1) - chart_tick_at(&ty, 0);
		double hi = vmax + (size + 3) / pl.h * range;
		if (hi > chart_tick_at(&ty, ty.n - 1))
			chart_nice_ticks(vmin, hi, b.h < 160 ? 3 : 5, &ty);
		/* Wider tick labels ("1.25%") move the plot right. */
		double w2 = chart_ticks_width(p, &ty, o->percent, CHART_TICK_SIZE);
		if (w2 > ytw) {
			if (!chart_xy_layout_of(b, o->title != NULL, legend_h, w2, xlw,
			                        o->xlabel != NULL, o->ylabel != NULL, 0, &L)) {
				chart_title(p, b, o->title);
				return;
			}
			pl = L.plot;
			pitch = pl.w / (double)n;
		}
	}
	/* Bars are centred in their slots; the x labels may stick out of the
	 * plot by half a label, which the layout kept free. */
	chart_scale sy = { chart_tick_at(&ty, 0), chart_tick_at(&ty, ty.n - 1), pl.y + pl.h,
	                   pl.y, 0 };
	chart_title(p, b, o->title);
	chart_legend(p, pl.x, L.legend_top, pl.w, leg, nleg, 1);
	chart_ygrid(p, pl, &sy, &ty, o->percent);

	size_t every = o->label_every ? o->label_every : chart_bars_label_every(pitch, xlw);
	double gap = fmin(pitch * 0.2, 6);
	double y0 = chart_scale_at(&sy, 0);
	for (size_t i = 0; i < n; i++) {
		double x = pl.x + (double)i * pitch;
		if (isfinite(values[i])) {
			double y1 = chart_scale_at(&sy, values[i]);
			chart_pen_fill(p, i < o->highlight ? chart_accent : chart_muted);
			chart_pen_rect_fill(p, x + gap / 2, fmin(y0, y1), pitch - gap, fabs(y1 - y0));
			if (show) {
				char buf[32];
				chart_fmt_tick(values[i], o->percent ? 0.001 : 0.1, o->percent, buf,
				               sizeof buf);
				double ty0 = values[i] >= 0 ? y1 - 2 : y1 + size;
				chart_pen_text(p, x + pitch / 2, ty0, buf, PDF_REGULAR, size,
				               PDF_CENTER, i < o->highlight ? chart_accent : chart_text2);
			}
		}
	}
	/* The baseline and the labels. */
	double ybase = pl.y + pl.h;
	chart_pen_dash(p, NULL, 0);
	chart_pen_stroke(p, chart_text2);
	chart_pen_width(p, 0.7);
	chart_pen_line(p, pl.x, y0, pl.x + pl.w, y0);
	chart_pen_width(p, 0.5);
	for (size_t i = 0; i < n; i += every) {
		char buf[32];
		double x = pl.x + ((double)i + 0.5) * pitch;
		chart_pen_line(p, x, ybase, x, ybase + 3);
		chart_pen_text(p, x, L.xtick_base, bar_label(labels, i, buf, sizeof buf),
		               PDF_REGULAR, CHART_TICK_SIZE, PDF_CENTER, chart_text2);
	}
	chart_axis_titles(p, pl, o->xlabel, L.xlabel_base, o->ylabel, L.ylabel_x);
}

void chart_bars(pdf_doc *d, chart_box b, const double *values, const char *const *labels,
                size_t n, const chart_bars_opts *o)
{
	chart_pen p = chart_pen_of(d, NULL);
	chart_bars_pen(&p, b, values, labels, n, o);
}

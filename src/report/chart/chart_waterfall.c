/*
 * chart_waterfall.c - the MRR bridge of the executive summary
 * (chart_exec.h): start, the movements, end.
 */
#include "config.h"

#include <math.h>

#include "report/chart/chart_exec.h"

#define WF_MAX 10

static void bar(pdf_doc *d, double x, double w, double ya, double yb, pdf_rgb fill)
{
	double top = fmin(ya, yb), h = fmax(fabs(yb - ya), 0.6);
	pdf_fill_color(d, fill);
	pdf_rect_fill(d, x, top, w, h);
}

void chart_waterfall(pdf_doc *d, chart_box b, const chart_waterfall_data *w)
{
	size_t n = (w->nstep < WF_MAX - 2 ? w->nstep : WF_MAX - 2) + 2;
	double run[WF_MAX + 1], lo = 0, hi = 0;
	const pdf_rgb gain = chart_accent, loss = chart_alert;
	const pdf_rgb total = { 0.62, 0.64, 0.67 };

	if (!isfinite(w->start) || !isfinite(w->end)) {
		pdf_text(d, b.x + b.w / 2, b.y + b.h / 2, "No data", PDF_REGULAR, 7.5, PDF_CENTER,
		         chart_text2);
		return;
	}
	/* run[i]: the total before bar i (bar 0 the start, n-1 the end). */
	run[0] = 0;
	run[1] = w->start;
	for (size_t i = 0; i + 2 < n; i++)
		run[i + 2] = run[i + 1] + (isfinite(w->step[i].value) ? w->step[i].value : 0);
	for (size_t i = 0; i < n; i++) {
		lo = fmin(lo, run[i]);
		hi = fmax(hi, run[i]);
	}
	hi = fmax(hi, w->end);
	/* When every running total stays high, the axis starts above 0 so the
	 * movements can be seen; the start and end bars then carry a break. */
	double low = INFINITY;
	for (size_t i = 1; i < n; i++)
		low = fmin(low, run[i]);
	low = fmin(low, w->end);
	int cut = lo >= 0 && low > 0.5 * hi;
	if (cut)
		lo = fmax(0, low - (hi - low) * 0.8);
	if (hi - lo <= 0)
		hi = lo + 1;
	double top = b.y + 12, base = b.y + b.h - 18;
	double pitch = b.w / (double)n, bw = pitch * 0.62;
#define WF_Y(v) (base - ((v) - lo) / (hi - lo) * (base - top))

	int stagger = 0;
	for (size_t i = 0; i < n; i++) {
		const char *l = i == 0 ? w->start_label : i + 1 == n ? w->end_label
		                : w->step[i - 1].label;
		if (l && pdf_text_width(d, l, PDF_REGULAR, 6.5) > pitch - 2)
			stagger = 1;
	}
	if (stagger)
		base -= 8;
	pdf_stroke_color(d, chart_grid);
	pdf_line_width(d, 0.5);
	/* The zero line, or the foot of a cut axis: never outside the box. */
	pdf_line(d, b.x, WF_Y(fmax(0, lo)), b.x + b.w, WF_Y(fmax(0, lo)));
	for (size_t i = 0; i < n; i++) {
		double x = b.x + pitch * (double)i + (pitch - bw) / 2;
		double a, z;
		const char *label, *text;
		pdf_rgb fill;
		if (i == 0 || i + 1 == n) {
			a = 0;
			z = i == 0 ? w->start : w->end;
			label = i == 0 ? w->start_label : w->end_label;
			text = i == 0 ? w->start_text : w->end_text;
			fill = total;
		} else {
			const chart_step *s = &w->step[i - 1];
			a = run[i];
			z = run[i + 1];
			label = s->label;
			text = s->text;
			fill = s->value < 0 ? loss : gain;
		}
		bar(d, x, bw, WF_Y(fmax(a, lo)), WF_Y(z), fill);
		if (cut && (i == 0 || i + 1 == n)) {
			/* The break: a white zigzag across the bar near its foot. */
			double yb = base - 6;
			pdf_stroke_color(d, (pdf_rgb){ 1, 1, 1 });
			pdf_line_width(d, 1.5);
			double zx[4] = { x - 1, x + bw / 3, x + 2 * bw / 3, x + bw + 1 };
			double zy[4] = { yb, yb - 3, yb + 1, yb - 2 };
			pdf_polyline(d, zx, zy, 4);
			pdf_line_width(d, 0.5);
		}
		if (i + 1 < n) {
			double yc = WF_Y(i == 0 ? w->start : run[i + 1]);
			pdf_stroke_color(d, chart_muted);
			pdf_line(d, x + bw, yc, x + pitch, yc);
		}
		if (text)
			pdf_text(d, x + bw / 2, WF_Y(fmax(a, z)) - 3, text, PDF_BOLD, 6.5, PDF_CENTER,
			         chart_ink);
		if (label) {
			char buf[64];
			double room = stagger ? 2 * pitch - 2 : pitch - 1;
			pdf_fit_text(d, label, PDF_REGULAR, 6.5, room, buf, sizeof buf);
			pdf_text(d, x + bw / 2, base + 10 + (stagger && i % 2 ? 8 : 0), buf, PDF_REGULAR, 6.5, PDF_CENTER,
			         chart_text2);
		}
	}
	pdf_line_width(d, 1);
#undef WF_Y
}

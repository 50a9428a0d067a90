/*
 * chart_waterfall.c - the MRR bridge of the executive summary
 * (chart_exec.h): start, the movements, end; drawn through a pen
 * (chart_axis.h) so that the tests can check that it keeps inside its box.
 */
#include "config.h"

#include <math.h>

#include "report/chart/chart_exec.h"

#define WF_MAX 10
#define WF_SIZE 6.5

static void bar(chart_pen *p, double x, double w, double ya, double yb, pdf_rgb fill)
{
	double top = fmin(ya, yb), h = fmax(fabs(yb - ya), 0.6);
	chart_pen_fill(p, fill);
	chart_pen_rect_fill(p, x, top, w, h);
}

static const char *bar_label(const chart_waterfall_data *w, size_t i, size_t n)
{
	return i == 0 ? w->start_label : i + 1 == n ? w->end_label : w->step[i - 1].label;
}

/* Text centred at cx, moved sideways to keep inside [x0, x1] (shortened to
 * that width first). */
static void text_in(chart_pen *p, double cx, double y, const char *s, pdf_weight wt,
                    double size, double x0, double x1, pdf_rgb c)
{
	char buf[64];
	chart_pen_fit(p, s, wt, size, x1 - x0, buf, sizeof buf);
	double half = chart_pen_text_width(p, buf, wt, size) / 2;
	cx = fmax(fmin(cx, x1 - half), x0 + half);
	chart_pen_text(p, cx, y, buf, wt, size, PDF_CENTER, c);
}

void chart_waterfall_pen(chart_pen *p, chart_box b, const chart_waterfall_data *w)
{
	size_t n = (w->nstep < WF_MAX - 2 ? w->nstep : WF_MAX - 2) + 2;
	double run[WF_MAX + 1], lo = 0, hi = 0;
	const pdf_rgb gain = chart_accent, loss = chart_alert;
	const pdf_rgb total = { 0.62, 0.64, 0.67 };

	/* Room for the amounts over the bars and a line of labels under them. */
	if (b.h < 12 + 18 + 10 || b.w < 20) {
		return;
	}
	if (!isfinite(w->start) || !isfinite(w->end)) {
		chart_pen_text(p, b.x + b.w / 2, b.y + b.h / 2, "No data", PDF_REGULAR, 7.5,
		               PDF_CENTER, chart_text2);
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
	lo = fmin(lo, w->end);
	hi = fmax(hi, w->end);
	/* When every running total stays high, the axis starts above 0 so the
	 * movements can be seen; the start and end bars then carry a break.
	 * Without movements, the bars stand from 0. */
	double low = INFINITY;
	for (size_t i = 1; i < n; i++)
		low = fmin(low, run[i]);
	low = fmin(low, w->end);
	int cut = lo >= 0 && low > 0.5 * hi && hi > low;
	if (cut)
		lo = fmax(0, low - (hi - low) * 0.8);
	if (hi - lo <= 0)
		hi = lo + 1;
	double top = b.y + 12, base = b.y + b.h - 18;
	double pitch = b.w / (double)n, bw = pitch * 0.62;
	/* The amounts over the bars share one size at which each keeps to its
	 * own slot (no two touch), down to 4.5 points. */
	double asize = WF_SIZE;
	for (size_t i = 0; i < n; i++) {
		const char *t = i == 0 ? w->start_text : i + 1 == n ? w->end_text : w->step[i - 1].text;
		double tw = t ? chart_pen_text_width(p, t, PDF_BOLD, WF_SIZE) : 0;
		if (tw > pitch - 1.5)
			asize = fmin(asize, fmax(4.5, WF_SIZE * (pitch - 1.5) / tw));
	}
#define WF_Y(v) (base - ((v) - lo) / (hi - lo) * (base - top))

	int stagger = 0;
	for (size_t i = 0; i < n; i++) {
		const char *l = bar_label(w, i, n);
		if (l && chart_pen_text_width(p, l, PDF_REGULAR, WF_SIZE) > pitch - 2)
			stagger = 1;
	}
	if (stagger)
		base -= 8;
	chart_pen_stroke(p, chart_grid);
	chart_pen_width(p, 0.5);
	/* The zero line, or the foot of a cut axis: never outside the box. */
	chart_pen_line(p, b.x, WF_Y(fmax(0, lo)), b.x + b.w, WF_Y(fmax(0, lo)));
	for (size_t i = 0; i < n; i++) {
		double x = b.x + pitch * (double)i + (pitch - bw) / 2;
		double a, z;
		const char *label = bar_label(w, i, n), *text;
		pdf_rgb fill;
		if (i == 0 || i + 1 == n) {
			a = 0;
			z = i == 0 ? w->start : w->end;
			text = i == 0 ? w->start_text : w->end_text;
			fill = total;
		} else {
			const chart_step *s = &w->step[i - 1];
			a = run[i];
			z = run[i + 1];
			text = s->text;
			fill = s->value < 0 ? loss : gain;
		}
		bar(p, x, bw, WF_Y(fmax(a, lo)), WF_Y(z), fill);
		if (cut && (i == 0 || i + 1 == n)) {
			/* The break: a white zigzag across the bar near its foot. */
			double yb = base - 6;
			chart_pen_stroke(p, (pdf_rgb){ 1, 1, 1 });
			chart_pen_width(p, 1.5);
			double zx[4] = { fmax(x - 1, b.x + 0.75), x + bw / 3, x + 2 * bw / 3,
				         fmin(x + bw + 1, b.x + b.w - 0.75) };
			double zy[4] = { yb, yb - 3, yb + 1, yb - 2 };
			chart_pen_polyline(p, zx, zy, 4);
			chart_pen_width(p, 0.5);
		}
		if (i + 1 < n) {
			double yc = WF_Y(i == 0 ? w->start : run[i + 1]);
			chart_pen_stroke(p, chart_muted);
			chart_pen_line(p, x + bw, yc, x + pitch, yc);
		}
		if (text)
			text_in(p, x + bw / 2, WF_Y(fmax(a, z)) - 3, text, PDF_BOLD, asize,
			        fmax(b.x, x + bw / 2 - pitch / 2 + 0.5),
			        fmin(b.x + b.w, x + bw / 2 + pitch / 2 - 0.5),
			        chart_ink);
		if (label) {
			/* Staggered labels may take two slots; the first and last
			 * one and a half, moved in from the box's edge. */
			double cx = x + bw / 2;
			double room = stagger ? 2 * pitch - 2 : pitch - 1;
			double x0 = cx - room / 2, x1 = cx + room / 2;
			if (stagger && i == 0)
				x0 = b.x, x1 = b.x + 1.5 * pitch - 1;
			else if (stagger && i + 1 == n)
				x0 = b.x + b.w - 1.5 * pitch + 1, x1 = b.x + b.w;
			text_in(p, cx, base + 10 + (stagger && i % 2 ? 8 : 0), label, PDF_REGULAR, WF_SIZE,
			        x0, x1, chart_text2);
		}
	}
	chart_pen_width(p, 1);
#undef WF_Y
}

void chart_waterfall(pdf_doc *d, chart_box b, const chart_waterfall_data *w)
{
	chart_pen p = chart_pen_of(d, NULL);
	chart_waterfall_pen(&p, b, w);
}

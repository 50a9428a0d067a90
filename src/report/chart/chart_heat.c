/*
 * chart_heat.c - the cohort retention triangle.
 *
 * Rows are cohorts (label and note, e.g. "2024-01" and "n=212"), columns
 * months since signup.  Cells are shaded on a one-hue ramp from light (0%)
 * to dark (100%), so that the order survives grayscale printing, and carry
 * their percentage when it fits (white on dark cells).  Thin rows are
 * hatched and their label gets a dagger; the last nsummary rows (mean,
 * Kaplan-Meier) sit below a rule with bold labels.  Rows shrink to fit the
 * box: first the font, then the cell text goes, then every other row label.
 */
#include "report/chart/chart_axis.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define HEAT_MAX_ROW 14.0       /* rows never taller than this */
#define HEAT_MAX_COL 40.0       /* nor columns wider */
#define HEAT_MIN_ROW 1.5        /* below this the chart does not fit */
#define HEAT_MIN_TEXT 4.5       /* smallest cell text, points */
#define HEAT_MAX_TEXT 7.0
#define HEAT_MIN_LABEL 4.0
#define HEAT_SUM_ROW 5.0        /* summary rows never lower than this */
#define HEAT_KEY_H 14.0         /* the colour key line at the bottom */
#define HEAT_DAGGER "\xe2\x80\xa0"

/* Light blue-gray to dark navy; lightness falls from 0.96 to 0.17. */
static const pdf_rgb ramp[] = {
	{ 0.95, 0.97, 0.99 }, { 0.78, 0.86, 0.93 }, { 0.49, 0.67, 0.83 },
	{ 0.20, 0.44, 0.69 }, { 0.03, 0.19, 0.42 },
};

pdf_rgb chart_heat_color(double t)
{
	const size_t n = sizeof ramp / sizeof ramp[0];
	if (!(t > 0))
		return ramp[0];
	if (t >= 1)
		return ramp[n - 1];
	double u = t * (double)(n - 1);
	size_t k = (size_t)u;
	return chart_mix(ramp[k], ramp[k + 1], u - (double)k);
}

/* Where value v falls on the ramp: (v - lo) / (1 - lo), clipped. */
static double ramp_pos(const chart_heat_opts *o, double v)
{
	double lo = o != NULL && o->lo > 0 && o->lo < 1 ? o->lo : 0;
	return (v - lo) / (1 - lo);
}

static const char *col_label(const chart_heat_opts *o, size_t j, char *buf, size_t n)
{
	if (o->col_labels != NULL && o->col_labels[j] != NULL)
		return o->col_labels[j];
	snprintf(buf, n, "%zu", j);
	return buf;
}

static int thin_row(const chart_heat_opts *o, size_t i)
{
	return o->thin != NULL && o->thin[i];
}

int chart_heat_layout_of(chart_pen *p, chart_box b, size_t nrows, size_t ncols,
                         const char *const *row_labels, const chart_heat_opts *o,
                         chart_heat_layout *L)
{
	memset(L, 0, sizeof *L);
	size_t nsum = o->nsummary < nrows ? o->nsummary : nrows;
	double y = b.y;
	if (o->title)
		y += CHART_TITLE_SIZE + 6;
	if (o->xlabel) {
		L->xlabel_base = y + CHART_LABEL_SIZE;
		y += CHART_LABEL_SIZE + 4;
	}
	L->collabel_base = y + CHART_TICK_SIZE;
	y += CHART_TICK_SIZE + 4;
	double bottom = b.y + b.h - HEAT_KEY_H;
	L->key_base = b.y + b.h - 3;
	L->gap = nsum > 0 && nsum < nrows ? 5 : 0;
	double avail = bottom - y - L->gap;
	if (nrows == 0 || ncols == 0 || avail <= 0)
		return 0;
	L->row_h = fmin(HEAT_MAX_ROW, avail / (double)nrows);
	L->sum_h = L->row_h;
	/* Summary rows keep room for their labels when cohort rows get thin. */
	if (L->row_h < HEAT_SUM_ROW && nsum > 0 && nsum < nrows) {
		L->sum_h = HEAT_SUM_ROW;
		L->row_h = (avail - HEAT_SUM_ROW * (double)nsum) / (double)(nrows - nsum);
	}
	if (L->row_h < HEAT_MIN_ROW)
		return 0;
	L->label_size = fmin(CHART_TICK_SIZE + 0.5, fmax(HEAT_MIN_LABEL, L->row_h * 0.72));
	L->label_every = L->row_h * 1.05 >= L->label_size ? 1
	                 : (size_t)ceil(L->label_size / (L->row_h * 1.05));

	/* The label column: widest label (+ dagger) and note, at most 35% of b. */
	double lw = chart_pen_text_width(p, o->corner, PDF_BOLD, CHART_TICK_SIZE);
	for (size_t i = 0; i < nrows; i++) {
		double w = chart_pen_text_width(p, row_labels ? row_labels[i] : "",
		                                i >= nrows - nsum ? PDF_BOLD : PDF_REGULAR,
		                                L->label_size);
		if (thin_row(o, i))
			w += chart_pen_text_width(p, HEAT_DAGGER, PDF_REGULAR, L->label_size);
		if (o->row_notes && o->row_notes[i])
			w += 6 + chart_pen_text_width(p, o->row_notes[i], PDF_REGULAR,
			                              L->label_size - 0.5);
		lw = fmax(lw, w);
	}
	L->label_w = fmin(lw + 6, 0.35 * b.w);
	/* Half a column label may stick out right of the last column. */
	double clw = 0;
	for (size_t j = 0; j < ncols; j++) {
		char buf[32];
		clw = fmax(clw, chart_pen_text_width(p, col_label(o, j, buf, sizeof buf),
		                                     PDF_REGULAR, CHART_TICK_SIZE));
	}
	L->col_w = fmin(HEAT_MAX_COL, (b.w - L->label_w - clw / 2) / (double)ncols);
	if (L->col_w < 1)
		return 0;
	L->grid.x = b.x + L->label_w;
	L->grid.y = y;
	L->grid.w = L->col_w * (double)ncols;
	L->grid.h = L->row_h * (double)(nrows - nsum) + L->sum_h * (double)nsum + L->gap;
	/* The key goes right under the cells. */
	L->key_base = fmin(L->key_base, L->grid.y + L->grid.h + HEAT_KEY_H - 3);

	/* Cell text: the largest size at which "100%" (or else "100") fits. */
	double size = fmin(HEAT_MAX_TEXT, L->row_h * 0.62);
	for (; size >= HEAT_MIN_TEXT && !L->show_text; size -= 0.25) {
		if (chart_pen_text_width(p, "100%", PDF_REGULAR, size) <= L->col_w - 2) {
			L->show_text = L->show_pct = 1;
			L->size = size;
		}
	}
	size = fmin(HEAT_MAX_TEXT, L->row_h * 0.62);
	for (; size >= HEAT_MIN_TEXT && !L->show_text; size -= 0.25) {
		if (chart_pen_text_width(p, "100", PDF_REGULAR, size) <= L->col_w - 2) {
			L->show_text = 1;
			L->size = size;
		}
	}
	if (!o->show_values)
		L->show_text = L->show_pct = 0;

	static const size_t steps[] = { 1, 2, 3, 6, 12, 24, 60, 120 };
	L->col_label_every = 120;
	for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++)
		if ((double)steps[k] * L->col_w >= clw + 3) {
			L->col_label_every = steps[k];
			break;
		}
	return 1;
}

/* Diagonal hatching of one cell (lines at 45 degrees, 3 points apart),
 * clipped to it by computing each segment's ends. */
static void hatch(chart_pen *p, double x, double y, double w, double h)
{
	const double step = 3;
	for (double c = -h + step / 2; c < w; c += step) {
		double t0 = fmax(0, -c), t1 = fmin(h, w - c);
		if (t0 < t1)
			chart_pen_line(p, x + c + t0, y + h - t0, x + c + t1, y + h - t1);
	}
}

void chart_heatmap_pen(chart_pen *p, chart_box b, const double *values, size_t nrows,
                       size_t ncols, const char *const *row_labels, const chart_heat_opts *o)
{
	static const chart_heat_opts defaults = { 0 };
	if (o == NULL)
		o = &defaults;
	int any = 0;
	for (size_t i = 0; values != NULL && i < nrows * ncols && !any; i++)
		any = isfinite(values[i]);
	if (!any) {
		chart_no_data(p, b, o->title);
		return;
	}
	chart_heat_layout L;
	if (!chart_heat_layout_of(p, b, nrows, ncols, row_labels, o, &L)) {
		chart_title(p, b, o->title);
		return;
	}
	size_t nsum = o->nsummary < nrows ? o->nsummary : nrows;
	size_t first_sum = nrows - nsum;
	chart_title(p, b, o->title);
	if (o->xlabel) {
		char buf[256];
		chart_pen_fit(p, o->xlabel, PDF_REGULAR, CHART_LABEL_SIZE, L.grid.w, buf, sizeof buf);
		chart_pen_text(p, L.grid.x + L.grid.w / 2, L.xlabel_base, buf, PDF_REGULAR,
		               CHART_LABEL_SIZE, PDF_CENTER, chart_text2);
	}
	if (o->corner) {
		char buf[128];
		chart_pen_fit(p, o->corner, PDF_BOLD, CHART_TICK_SIZE, L.label_w - 4, buf, sizeof buf);
		chart_pen_text(p, b.x, L.collabel_base, buf, PDF_BOLD, CHART_TICK_SIZE, PDF_LEFT,
		               chart_ink);
	}
	for (size_t j = 0; j < ncols; j += L.col_label_every) {
		char buf[32];
		chart_pen_text(p, L.grid.x + ((double)j + 0.5) * L.col_w, L.collabel_base,
		               col_label(o, j, buf, sizeof buf), PDF_REGULAR, CHART_TICK_SIZE,
		               PDF_CENTER, chart_text2);
	}

	double inset = fmin(0.3, L.row_h * 0.08);
	for (size_t i = 0; i < nrows; i++) {
		int sum = i >= first_sum;
		double rh = sum ? L.sum_h : L.row_h;
		double y = sum ? L.grid.y + (double)first_sum * L.row_h + L.gap
		                 + (double)(i - first_sum) * L.sum_h
		               : L.grid.y + (double)i * L.row_h;
		/* Row label and note. */
		if (i % L.label_every == 0 || sum) {
			char lab[160], buf[160];
			snprintf(lab, sizeof lab, "%s%s", row_labels && row_labels[i] ? row_labels[i] : "",
			         thin_row(o, i) ? HEAT_DAGGER : "");
			double base = y + rh / 2 + L.label_size * 0.35;
			double notew = 0;
			if (o->row_notes && o->row_notes[i]) {
				notew = chart_pen_text_width(p, o->row_notes[i], PDF_REGULAR,
				                             L.label_size - 0.5);
				if (notew > L.label_w * 0.5)
					notew = 0;
				else
					chart_pen_text(p, L.grid.x - 5, base, o->row_notes[i], PDF_REGULAR,
					               L.label_size - 0.5, PDF_RIGHT, chart_text2);
			}
			chart_pen_fit(p, lab, sum ? PDF_BOLD : PDF_REGULAR, L.label_size,
			              L.label_w - 5 - (notew > 0 ? notew + 4 : 0), buf, sizeof buf);
			chart_pen_text(p, b.x, base, buf, sum ? PDF_BOLD : PDF_REGULAR, L.label_size,
			               PDF_LEFT, chart_ink);
		}
		for (size_t j = 0; j < ncols; j++) {
			double v = values[i * ncols + j];
			if (!isfinite(v))
				continue;
			double x = L.grid.x + (double)j * L.col_w;
			pdf_rgb c = chart_heat_color(ramp_pos(o, v));
			chart_pen_fill(p, c);
			chart_pen_rect_fill(p, x + inset, y + inset, L.col_w - 2 * inset,
			                    rh - 2 * inset);
			int dark = chart_lightness(c) < 0.45;   /* white text below */
			if (thin_row(o, i)) {
				chart_pen_stroke(p, dark ? chart_mix(c, (pdf_rgb){ 1, 1, 1 }, 0.35)
				                         : chart_mix(c, (pdf_rgb){ 0, 0, 0 }, 0.18));
				chart_pen_width(p, 0.5);
				chart_pen_dash(p, NULL, 0);
				hatch(p, x + inset, y + inset, L.col_w - 2 * inset, rh - 2 * inset);
			}
			if (L.show_text) {
				char buf[16];
				snprintf(buf, sizeof buf, L.show_pct ? "%.0f%%" : "%.0f", 100 * v);
				chart_pen_text(p, x + L.col_w / 2, y + rh / 2 + L.size * 0.36, buf,
				               sum ? PDF_BOLD : PDF_REGULAR, L.size, PDF_CENTER,
				               dark ? (pdf_rgb){ 1, 1, 1 } : chart_ink);
			}
		}
	}
	if (nsum > 0 && first_sum > 0) {
		double y = L.grid.y + (double)first_sum * L.row_h + L.gap / 2;
		chart_pen_stroke(p, chart_ink);
		chart_pen_width(p, 0.8);
		chart_pen_dash(p, NULL, 0);
		chart_pen_line(p, b.x, y, L.grid.x + L.grid.w, y);
	}

	/* The key: the ramp in five steps, "values in %" when the cells print
	 * bare numbers, and the thin-row legend. */
	double kx = b.x, ky = L.key_base, ks = CHART_TICK_SIZE;
	char left[16];
	double lo = o != NULL && o->lo > 0 && o->lo < 1 ? o->lo : 0;
	snprintf(left, sizeof left, "%s%.0f%%", lo > 0 ? "\xe2\x89\xa4 " : "", 100 * lo);
	chart_pen_text(p, kx, ky, left, PDF_REGULAR, ks, PDF_LEFT, chart_text2);
	kx += chart_pen_text_width(p, left, PDF_REGULAR, ks) + 3;
	for (int k = 0; k < 5; k++) {
		chart_pen_fill(p, chart_heat_color(k / 4.0));
		chart_pen_rect_fill(p, kx, ky - ks * 0.8, 12, ks * 0.9);
		kx += 12;
	}
	kx += 3;
	/* Net revenue retention may pass 100% (expansion): such cells take the
	 * darkest shade, and the key says so. */
	int above = 0;
	for (size_t i = 0; i < nrows * ncols && !above; i++)
		above = isfinite(values[i]) && values[i] > 1.0;
	const char *right = L.show_text && !L.show_pct
	                            ? (above ? "\xe2\x89\xa5 100% (cells in %)" : "100% (cells in %)")
	                            : (above ? "\xe2\x89\xa5 100%" : "100%");
	chart_pen_text(p, kx, ky, right, PDF_REGULAR, ks, PDF_LEFT, chart_text2);
	kx += chart_pen_text_width(p, right, PDF_REGULAR, ks) + 14;
	int any_thin = 0;
	for (size_t i = 0; i < nrows; i++)
		any_thin |= thin_row(o, i);
	if (any_thin && o->thin_label) {
		char lab[256], buf[256];
		snprintf(lab, sizeof lab, HEAT_DAGGER " %s", o->thin_label);
		chart_pen_stroke(p, chart_mix(chart_heat_color(0.5), (pdf_rgb){ 1, 1, 1 }, 0.35));
		chart_pen_fill(p, chart_heat_color(0.5));
		if (kx + 16 < b.x + b.w) {
			chart_pen_rect_fill(p, kx, ky - ks * 0.8, 12, ks * 0.9);
			chart_pen_width(p, 0.5);
			hatch(p, kx, ky - ks * 0.8, 12, ks * 0.9);
			kx += 15;
		}
		chart_pen_fit(p, lab, PDF_REGULAR, ks, b.x + b.w - kx, buf, sizeof buf);
		chart_pen_text(p, kx, ky, buf, PDF_REGULAR, ks, PDF_LEFT, chart_text2);
	}
}

void chart_heatmap(pdf_doc *d, chart_box b, const double *values, size_t nrows,
                   size_t ncols, const char *const *row_labels, const chart_heat_opts *o)
{
	chart_pen p = chart_pen_of(d, NULL);
	chart_heatmap_pen(&p, b, values, nrows, ncols, row_labels, o);
}

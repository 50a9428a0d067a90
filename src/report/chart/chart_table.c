/*
 * chart_table.c - printed tables in the book style: a rule over and under
 * the bold header, optional zebra shading, a rule under the last row, text
 * shortened with "…" to fit its column, numbers right-aligned by the
 * caller's column alignment.
 */
#include "report/chart/chart_axis.h"

#include <math.h>
#include <stdio.h>

#define TABLE_PAD 4.0
#define TABLE_ZEBRA ((pdf_rgb){ 0.95, 0.95, 0.95 })

size_t chart_table_pen(chart_pen *p, chart_box b, const chart_col *cols, size_t ncols,
                       const char *const *cells, size_t nrows, const chart_table_opts *o)
{
	static const chart_table_opts defaults = { 0, 0, 0, NULL };
	if (o == NULL)
		o = &defaults;
	if (ncols == 0 || cols == NULL)
		return 0;
	double size = o->size > 0 ? o->size : 8;
	double row_h = o->row_h > 0 ? o->row_h : size * 1.6;
	if (size > row_h)
		size = row_h;
	if (b.h < 2 * row_h || b.w <= 0)
		return 0;

	/* Column widths: fixed ones first (scaled down together when they do
	 * not fit), the rest share what is left. */
	double fixed = 0;
	size_t nfree = 0;
	for (size_t j = 0; j < ncols; j++) {
		if (cols[j].width > 0)
			fixed += cols[j].width;
		else
			nfree++;
	}
	double scale = fixed > b.w ? b.w / fixed : 1;
	double share = nfree > 0 ? fmax(0, b.w - fixed * scale) / (double)nfree : 0;

	double y = b.y;
	double base_off = row_h / 2 + size * 0.35;
	chart_pen_dash(p, NULL, 0);
	chart_pen_stroke(p, chart_ink);
	chart_pen_width(p, 0.9);
	chart_pen_line(p, b.x, y + 0.45, b.x + b.w, y + 0.45);
	double x = b.x;
	for (size_t j = 0; j < ncols; j++) {
		double w = cols[j].width > 0 ? cols[j].width * scale : share;
		char buf[256];
		chart_pen_fit(p, cols[j].header, PDF_BOLD, size, w - 2 * TABLE_PAD, buf, sizeof buf);
		double tx = cols[j].align == PDF_RIGHT ? x + w - TABLE_PAD
		            : cols[j].align == PDF_CENTER ? x + w / 2 : x + TABLE_PAD;
		chart_pen_text(p, tx, y + 1 + base_off, buf, PDF_BOLD, size, cols[j].align, chart_ink);
		x += w;
	}
	y += row_h + 1;
	chart_pen_width(p, 0.6);
	chart_pen_line(p, b.x, y, b.x + b.w, y);
	y += 0.5;

	size_t fit = (size_t)floor((b.y + b.h - y - 0.6) / row_h);
	size_t drawn = nrows < fit ? nrows : fit;
	if (nrows == 0 && fit > 0) {
		chart_pen_text(p, b.x + TABLE_PAD, y + base_off, "No data", PDF_REGULAR, size,
		               PDF_LEFT, chart_text2);
		y += row_h;
	}
	for (size_t i = 0; i < drawn; i++) {
		double ry = y + (double)i * row_h;
		if (o->zebra && i % 2 == 1) {
			chart_pen_fill(p, TABLE_ZEBRA);
			chart_pen_rect_fill(p, b.x, ry, b.w, row_h);
		}
		pdf_weight wt = o->bold_rows && o->bold_rows[i] ? PDF_BOLD : PDF_REGULAR;
		x = b.x;
		for (size_t j = 0; j < ncols; j++) {
			double w = cols[j].width > 0 ? cols[j].width * scale : share;
			const char *s = cells[i * ncols + j];
			if (s != NULL && *s != '\0' && w > 2 * TABLE_PAD) {
				char buf[512];
				chart_pen_fit(p, s, wt, size, w - 2 * TABLE_PAD, buf, sizeof buf);
				double tx = cols[j].align == PDF_RIGHT ? x + w - TABLE_PAD
				            : cols[j].align == PDF_CENTER ? x + w / 2 : x + TABLE_PAD;
				chart_pen_text(p, tx, ry + base_off, buf, wt, size, cols[j].align, chart_ink);
			}
			x += w;
		}
	}
	y += (double)drawn * row_h;
	chart_pen_stroke(p, chart_ink);
	chart_pen_width(p, 0.6);
	chart_pen_line(p, b.x, y + 0.3, b.x + b.w, y + 0.3);
	return drawn;
}

size_t chart_table(pdf_doc *d, chart_box b, const chart_col *cols, size_t ncols,
                   const char *const *cells, size_t nrows, const chart_table_opts *o)
{
	chart_pen p = chart_pen_of(d, NULL);
	return chart_table_pen(&p, b, cols, ncols, cells, nrows, o);
}

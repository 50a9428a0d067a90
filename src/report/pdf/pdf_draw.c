/*
 * pdf_draw.c - drawing on the current page (pdf.h): fill and stroke
 * colours, line width, dash patterns, lines, polylines, polygons,
 * rectangles and circles.  Dash lengths are HPDF_UINT16 in libharu 2.3
 * (whole points only) and HPDF_REAL from 2.4: pdf_dash switches on
 * HPDF_VERSION_ID.
 */
#include "config.h"

#include "report/pdf/pdf.h"
#include "report/pdf/pdf_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hpdf.h>

/* libharu accepts at most 8 dash lengths. */
#define DASH_MAX 8

/* ---- graphics state ---------------------------------------------------- */

void pdf_fill_color(pdf_doc *d, pdf_rgb c)
{
	if (pdf_live(d, "pdf_fill_color"))
		HPDF_Page_SetRGBFill(d->page, pdf_unit(c.r), pdf_unit(c.g), pdf_unit(c.b));
}

void pdf_stroke_color(pdf_doc *d, pdf_rgb c)
{
	if (pdf_live(d, "pdf_stroke_color"))
		HPDF_Page_SetRGBStroke(d->page, pdf_unit(c.r), pdf_unit(c.g), pdf_unit(c.b));
}

void pdf_line_width(pdf_doc *d, double w)
{
	if (pdf_live(d, "pdf_line_width"))
		HPDF_Page_SetLineWidth(d->page, w > 0.0 ? (HPDF_REAL)w : 0.0f);
}

void pdf_dash(pdf_doc *d, const double *pattern, size_t n)
{
#if HPDF_VERSION_ID >= 20400
	HPDF_REAL ptn[DASH_MAX];
#else
	HPDF_UINT16 ptn[DASH_MAX];
#endif
	size_t m = 0;

	if (!pdf_live(d, "pdf_dash"))
		return;
	if (n > DASH_MAX)
		n = DASH_MAX;
	/* An odd pattern repeats (PDF semantics); libharu wants it even. */
	for (size_t i = 0; i < n && m < DASH_MAX; i++) {
		double v = pattern[i];

		if (!(v > 0.0))
			v = 0.0;
#if HPDF_VERSION_ID >= 20400
		ptn[m++] = (HPDF_REAL)v;
#else
		/* 2.3 takes whole points; a length below one point becomes 1. */
		v = floor(v + 0.5);
		ptn[m++] = (HPDF_UINT16)(v < 1.0 ? 1.0 : v > 65535.0 ? 65535.0 : v);
#endif
	}
	if (m % 2 == 1 && m > 1) {
		size_t k = m;

		for (size_t i = 0; i < k && m < DASH_MAX; i++)
			ptn[m++] = ptn[i];
		if (m % 2 == 1)
			m--;
	}
	HPDF_Page_SetDash(d->page, m ? ptn : NULL, (HPDF_UINT)m, 0);
}

/* ---- shapes ------------------------------------------------------------ */

void pdf_line(pdf_doc *d, double x1, double y1, double x2, double y2)
{
	if (!pdf_live(d, "pdf_line"))
		return;
	HPDF_Page_MoveTo(d->page, (HPDF_REAL)x1, pdf_py(d, y1));
	HPDF_Page_LineTo(d->page, (HPDF_REAL)x2, pdf_py(d, y2));
	HPDF_Page_Stroke(d->page);
}

static void path(pdf_doc *d, const double *x, const double *y, size_t n)
{
	HPDF_Page_MoveTo(d->page, (HPDF_REAL)x[0], pdf_py(d, y[0]));
	for (size_t i = 1; i < n; i++)
		HPDF_Page_LineTo(d->page, (HPDF_REAL)x[i], pdf_py(d, y[i]));
}

void pdf_polyline(pdf_doc *d, const double *x, const double *y, size_t n)
{
	if (!pdf_live(d, "pdf_polyline") || n < 2)
		return;
	path(d, x, y, n);
	HPDF_Page_Stroke(d->page);
}

void pdf_polygon(pdf_doc *d, const double *x, const double *y, size_t n)
{
	if (!pdf_live(d, "pdf_polygon") || n < 3)
		return;
	path(d, x, y, n);
	HPDF_Page_ClosePath(d->page);
	HPDF_Page_Fill(d->page);
}

void pdf_rect_fill(pdf_doc *d, double x, double y, double w, double h)
{
	if (!pdf_live(d, "pdf_rect_fill"))
		return;
	HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, pdf_py(d, y + h), (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(d->page);
}

void pdf_rect_stroke(pdf_doc *d, double x, double y, double w, double h)
{
	if (!pdf_live(d, "pdf_rect_stroke"))
		return;
	HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, pdf_py(d, y + h), (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Stroke(d->page);
}

void pdf_circle(pdf_doc *d, double cx, double cy, double r, int fill)
{
	if (!pdf_live(d, "pdf_circle") || !(r > 0.0))
		return;
	HPDF_Page_Circle(d->page, (HPDF_REAL)cx, pdf_py(d, cy), (HPDF_REAL)r);
	if (fill)
		HPDF_Page_Fill(d->page);
	else
		HPDF_Page_Stroke(d->page);
}

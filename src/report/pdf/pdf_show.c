/*
 * pdf_show.c - text on the page (pdf.h): measuring it, drawing a line of it
 * (level or turned up), a wrapped paragraph and a line shortened with "…".
 * Each string is cleaned to valid UTF-8 and set run by run in the fonts of
 * pdf_font.c; the layout that needs no libharu (wrapping, shortening) is
 * pdf_text.c, which measures through the ptext_measure given here.
 */
#include "config.h"

#include "report/pdf/pdf.h"
#include "report/pdf/pdf_font.h"
#include "report/pdf/pdf_internal.h"
#include "report/pdf/pdf_text.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hpdf.h>

/* ---- text -------------------------------------------------------------- */

double pdf_text_width(pdf_doc *d, const char *s, pdf_weight w, double size)
{
	char *t;
	double width;

	if (d == NULL || d->status != CHURN_OK || s == NULL || *s == '\0')
		return 0.0;
	d->op = "pdf_text_width";
	t = pdf_clean_utf8(d, s, strlen(s));
	if (t == NULL)
		return 0.0;
	width = pdf_width_n(d, t, strlen(t), w, size);
	free(t);
	return width;
}

struct show_ctx {
	double size;
	char *buf;   /* room for the longest run plus NUL */
};

static int show_run(pdf_doc *d, HPDF_Font f, const char *run, size_t len, void *arg)
{
	struct show_ctx *c = arg;

	memcpy(c->buf, run, len);
	c->buf[len] = '\0';
	HPDF_Page_SetFontAndSize(d->page, f, (HPDF_REAL)c->size);
	HPDF_Page_ShowText(d->page, c->buf);
	return d->status != CHURN_OK;
}

/* Draws s[0..n) (valid UTF-8) with the text matrix [a b -b a x y] (PDF
 * coordinates): (a, b) = (1, 0) for horizontal, (0, 1) for upward text. */
static void show(pdf_doc *d, const char *s, size_t n, pdf_weight w, double size,
                 pdf_rgb c, double a, double b, double x, double y)
{
	struct show_ctx ctx;

	if (n == 0 || !(size > 0.0))
		return;
	/* Load the CJK font (if needed) before the text object opens. */
	(void)pdf_width_n(d, s, n, w, size);
	if (d->status != CHURN_OK)
		return;
	ctx.size = size;
	ctx.buf = malloc(n + 1);
	if (ctx.buf == NULL) {
		pdf_fail(d, CHURN_ENOMEM, "PDF: out of memory in %s", d->op);
		return;
	}
	HPDF_Page_GSave(d->page);
	HPDF_Page_SetRGBFill(d->page, pdf_unit(c.r), pdf_unit(c.g), pdf_unit(c.b));
	HPDF_Page_BeginText(d->page);
	HPDF_Page_SetTextMatrix(d->page, (HPDF_REAL)a, (HPDF_REAL)b, (HPDF_REAL)-b,
	                        (HPDF_REAL)a, (HPDF_REAL)x, (HPDF_REAL)y);
	(void)pdf_for_each_run(d, s, n, w, show_run, &ctx);
	HPDF_Page_EndText(d->page);
	HPDF_Page_GRestore(d->page);
	free(ctx.buf);
}

/* Left-aligned text from s[0..n) (valid UTF-8) with its baseline at y. */
static void text_n(pdf_doc *d, double x, double y, const char *s, size_t n, pdf_weight w,
                   double size, pdf_rgb c)
{
	show(d, s, n, w, size, c, 1.0, 0.0, x, pdf_py(d, y));
}

void pdf_text(pdf_doc *d, double x, double y, const char *s, pdf_weight w, double size,
              pdf_align align, pdf_rgb c)
{
	char *t;
	size_t n;

	if (!pdf_live(d, "pdf_text") || s == NULL || *s == '\0')
		return;
	t = pdf_clean_utf8(d, s, strlen(s));
	if (t == NULL)
		return;
	n = strlen(t);
	if (align != PDF_LEFT) {
		double tw = pdf_width_n(d, t, n, w, size);

		x -= align == PDF_CENTER ? tw / 2.0 : tw;
	}
	text_n(d, x, y, t, n, w, size, c);
	free(t);
}

void pdf_text_up(pdf_doc *d, double x, double y, const char *s, pdf_weight w, double size,
                 pdf_rgb c)
{
	char *t;
	size_t n;
	double tw;

	if (!pdf_live(d, "pdf_text_up") || s == NULL || *s == '\0')
		return;
	t = pdf_clean_utf8(d, s, strlen(s));
	if (t == NULL)
		return;
	n = strlen(t);
	tw = pdf_width_n(d, t, n, w, size);
	/* Reading upward, so it starts at the lower end: y + tw/2 (y down). */
	show(d, t, n, w, size, c, 0.0, 1.0, x, pdf_py(d, y + tw / 2.0));
	free(t);
}

/* ---- paragraphs -------------------------------------------------------- */

/* The measurer pdf_text.c lays text out with: pdf_width_n in one weight and
 * size; failed once d has an error. */
struct measure_ctx {
	pdf_doc *d;
	pdf_weight w;
	double size;
};

static double measure_width(void *ctx, const char *s, size_t n)
{
	struct measure_ctx *c = ctx;

	return pdf_width_n(c->d, s, n, c->w, c->size);
}

static int measure_failed(void *ctx)
{
	const struct measure_ctx *c = ctx;

	return c->d->status != CHURN_OK;
}

double pdf_paragraph(pdf_doc *d, double x, double y, double width, const char *s,
                     pdf_weight w, double size, double leading, pdf_rgb c, int draw)
{
	struct measure_ctx mc = { d, w, size };
	const ptext_measure m = { measure_width, measure_failed, &mc };
	char *t;
	size_t n, pos = 0, nlines = 0;

	if (d == NULL || d->status != CHURN_OK || s == NULL)
		return 0.0;
	if (draw && !pdf_live(d, "pdf_paragraph"))
		return 0.0;
	d->op = "pdf_paragraph";
	t = pdf_clean_utf8(d, s, strlen(s));
	if (t == NULL)
		return 0.0;
	n = strlen(t);
	while (pos < n && d->status == CHURN_OK) {
		size_t start, end;

		if (ptext_wrap_line(t, n, &pos, width, &m, &start, &end) != 0)
			break;
		if (draw && end > start)
			text_n(d, x, y + size + (double)nlines * leading, t + start, end - start,
			       w, size, c);
		nlines++;
	}
	free(t);
	return d->status == CHURN_OK ? (double)nlines * leading : 0.0;
}

char *pdf_fit_text(pdf_doc *d, const char *s, pdf_weight w, double size, double width,
                   char *buf, size_t n)
{
	struct measure_ctx mc = { d, w, size };
	const ptext_measure m = { measure_width, measure_failed, &mc };
	char *t;

	if (n == 0)
		return buf;
	buf[0] = '\0';
	if (d == NULL || d->status != CHURN_OK || s == NULL)
		return buf;
	d->op = "pdf_fit_text";
	t = pdf_clean_utf8(d, s, strlen(s));
	if (t == NULL)
		return buf;
	ptext_fit(t, strlen(t), width, &m, buf, n);
	free(t);
	return buf;
}

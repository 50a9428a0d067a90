/* page_common.c - the furniture every page shares: the page heading and
 * bookmark, section headings, paragraphs and notes (page.h).  The pages
 * (page_*.c) and the page plan (report.c) call these; they call nothing
 * back. */
#include "config.h"

#include "report/chart/chart.h"
#include "report/pages/page.h"
#include "report/pdf/pdf.h"

#include <math.h>
#include <stdio.h>

double page_next_bottom(const report_page_ctx *c)
{
	size_t k = c->nbegun;
	return c->page_bottom - (c->squeeze != NULL && k < c->nsqueeze ? c->squeeze[k] : 0);
}

double page_begin(report_page_ctx *c, const char *title, const char *lead)
{
	double y = c->top;
	c->bottom = page_next_bottom(c);
	c->nbegun++;
	c->continued = 0;
	pdf_page_add(c->d);
	/* A title a long label made too wide is shortened with "…" to the
	 * content width, at a character boundary (the outline keeps it whole). */
	pdf_fit_text(c->d, title, PDF_BOLD, PAGE_H1, c->right - c->left, c->title,
	             sizeof c->title);
	pdf_outline_add(c->d, -1, title);
	pdf_text(c->d, c->left, y + PAGE_H1, c->title, PDF_BOLD, PAGE_H1, PDF_LEFT, chart_ink);
	y += PAGE_H1 + 6;
	if (lead && *lead) {
		y = page_para(c, c->left, y, 0, lead, PAGE_BODY, chart_text2);
	}
	pdf_stroke_color(c->d, chart_accent);
	pdf_line_width(c->d, 1.2);
	pdf_line(c->d, c->left, y + 4, c->right, y + 4);
	pdf_line_width(c->d, 1);
	return y + 16;
}

double page_h2(report_page_ctx *c, double y, const char *text)
{
	char fit[512];
	pdf_fit_text(c->d, text, PDF_BOLD, PAGE_H2, c->right - c->left, fit, sizeof fit);
	pdf_text(c->d, c->left, y + PAGE_H2, fit, PDF_BOLD, PAGE_H2, PDF_LEFT, chart_ink);
	return y + PAGE_H2 + 7;
}

double page_para(report_page_ctx *c, double x, double y, double w, const char *text,
                 double size, pdf_rgb color)
{
	if (w <= 0)
		w = c->right - x;
	return y + pdf_paragraph(c->d, x, y, w, text, PDF_REGULAR, size, size * 1.35, color, 1);
}

double page_continue(report_page_ctx *c)
{
	char head[200];
	double y = c->top;
	size_t k = c->nbegun - 1;

	/* A page that runs on by its own choice (not a closing note) is
	 * never squeezed. */
	if (!c->in_note && c->spill != NULL && c->nbegun > 0 && k < c->nsqueeze)
		c->spill[k] = NAN;
	c->bottom = c->page_bottom;
	c->continued = 1;
	pdf_page_add(c->d);
	char fit[sizeof head];
	snprintf(head, sizeof head, "%s (continued)", c->title);
	pdf_fit_text(c->d, head, PDF_BOLD, PAGE_H2, c->right - c->left, fit, sizeof fit);
	pdf_text(c->d, c->left, y + PAGE_H2, fit, PDF_BOLD, PAGE_H2, PDF_LEFT, chart_text2);
	return y + PAGE_H2 + 14;
}

double page_note(report_page_ctx *c, double y, const char *text)
{
	double w = c->right - c->left;
	double h = pdf_paragraph(c->d, c->left, y, w, text, PDF_REGULAR, PAGE_SMALL,
	                         PAGE_SMALL * 1.35, chart_text2, 0);
	/* Notes may use the gap above the footer's rule (PAGE_NOTE_SLACK). */
	if (y + h > c->page_bottom + PAGE_NOTE_SLACK && y > c->top + PAGE_H2 + 14) {
		c->in_note = 1;
		y = page_continue(c);
		c->in_note = 0;
	}
	if (c->continued && c->spill != NULL && c->nbegun > 0 && c->nbegun - 1 < c->nsqueeze)
		c->spill[c->nbegun - 1] += h + 3;
	return page_para(c, c->left, y, 0, text, PAGE_SMALL, chart_text2) + 3;
}

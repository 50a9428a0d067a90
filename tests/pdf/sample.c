/*
 * sample.c - the document the PDF tests draw (see sample.h).
 */
#include "config.h"

#include "sample.h"

#include <stdio.h>

static const pdf_rgb black = { 0, 0, 0 };
static const pdf_rgb red = { 0.8, 0.1, 0.1 };
static const pdf_rgb blue = { 0.1, 0.2, 0.8 };
static const pdf_rgb grey = { 0.4, 0.4, 0.4 };

void sample_draw(pdf_doc *d)
{
	static const double dash[] = { 6, 3 };
	static const double px[] = { 50, 150, 250, 350, 450 };
	static const double py[] = { 400, 350, 380, 300, 320 };
	static const double tx[] = { 300, 400, 350 };
	static const double ty[] = { 500, 500, 420 };
	double w = pdf_width(d), h = pdf_height(d);
	char footer[64];
	int top;

	/* Page 0: title, shapes, the cities, a dashed line. */
	pdf_page_add(d);
	top = pdf_outline_add(d, -1, SAMPLE_TITLE);
	pdf_text(d, 50, 60, SAMPLE_TITLE, PDF_BOLD, 24, PDF_LEFT, black);
	pdf_fill_color(d, red);
	pdf_rect_fill(d, 50, 100, 100, 100);
	pdf_stroke_color(d, blue);
	pdf_line_width(d, 2);
	pdf_circle(d, 400, 150, 50, 0);
	pdf_text(d, 50, 240, SAMPLE_CITIES, PDF_REGULAR, 14, PDF_LEFT, black);
	pdf_dash(d, dash, 2);
	pdf_stroke_color(d, grey);
	pdf_line(d, 50, 260, 545, 260);
	pdf_dash(d, NULL, 0);
	pdf_polyline(d, px, py, 5);
	pdf_fill_color(d, blue);
	pdf_polygon(d, tx, ty, 3);
	pdf_text_up(d, 30, 350, "Retention", PDF_REGULAR, 10, grey);

	/* Page 1: Zürich in the outline, CJK text. */
	pdf_page_add(d);
	pdf_outline_add(d, top, "Zürich");
	pdf_text(d, 50, 60, "Zürich", PDF_BOLD, 18, PDF_LEFT, black);
	pdf_text(d, 50, 100, SAMPLE_CJK, PDF_REGULAR, 18, PDF_LEFT, black);
	pdf_text(d, 50, 140, SAMPLE_MIXED, PDF_REGULAR, 12, PDF_LEFT, black);

	/* Page 2: a paragraph, centred text. */
	pdf_page_add(d);
	pdf_outline_add(d, top, "台北");
	pdf_paragraph(d, 50, 60, 300,
	              "Customers who joined in the first quarter stayed longer than "
	              "those who joined later in the year.",
	              PDF_REGULAR, 11, 14, black, 1);
	pdf_text(d, w / 2, 200, "centred", PDF_REGULAR, 11, PDF_CENTER, black);

	/* Footers, once the number of pages is known. */
	for (size_t i = 0; i < pdf_page_count(d); i++) {
		pdf_page_select(d, i);
		snprintf(footer, sizeof footer, "page %zu of %zu", i + 1, pdf_page_count(d));
		pdf_text(d, w - 50, h - 30, footer, PDF_REGULAR, 9, PDF_RIGHT, grey);
	}
}

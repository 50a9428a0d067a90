/*
 * sample.h - the three-page document that the PDF tests draw: Latin and
 * non-ASCII Latin text, CJK text, shapes, dashes, an outline and
 * "page N of 3" footers written on every page after the last one exists.
 * Shared by tests/unit/test_pdf.c and tests/pdf/write_sample.c, so that the
 * poppler checks in tests/pdf/sample.sh look at the same document.
 */
#ifndef CHURNKIT_TESTS_PDF_SAMPLE_H
#define CHURNKIT_TESTS_PDF_SAMPLE_H

#include "report/pdf/pdf.h"

/* Strings sample_draw puts on the pages (UTF-8). */
#define SAMPLE_TITLE "Retention report"
#define SAMPLE_CITIES "Zürich, Kraków, São Paulo"
#define SAMPLE_CJK "台北"
#define SAMPLE_MIXED "Office 台北 opened"

/* Draws the sample document on d (which must have no page yet).  Geometry
 * that the rendering check relies on (top-left origin, points):
 *   page 0: a filled red square 100x100 at (50, 100); the title's baseline
 *           at y = 60, left edge x = 50; a blue stroked circle centred at
 *           (400, 150), radius 50.
 *   every page: the footer "page N of 3" right-aligned at x = width - 50,
 *           baseline y = height - 30, drawn after page 2 was added. */
void sample_draw(pdf_doc *d);

#endif

/*
 * pdf.h - the drawing surface of the report: a thin layer over libharu.
 *
 * The files of src/report/pdf/ are the only ones of churnkit that call
 * HPDF_* (libharu 2.3 and 2.4 differ, e.g. HPDF_Page_SetDash; pdf_draw.c
 * switches on HPDF_VERSION_ID; tests/pdf/hpdf_boundary.sh checks that no
 * other file does).  Everything else draws through these functions:
 * pdf_doc.c (document, pages, outline, saving), pdf_draw.c (colours,
 * lines, shapes), pdf_show.c (text), over pdf_font.c (fonts, runs).
 *
 * Coordinates are PostScript points (1/72 inch) with the origin at the TOP
 * LEFT corner of the page and y growing DOWNWARD, as one lays out a page;
 * pdf/ converts to PDF's bottom-left origin.  Text is drawn at its
 * baseline: pdf_text(d, x, y, ...) puts the baseline at y.
 *
 * Text is UTF-8.  Latin, Greek and Cyrillic text is set in DejaVu Sans
 * (regular or bold); runs of CJK characters (U+2E80-U+9FFF, U+AC00-U+D7AF,
 * U+F900-U+FAFF, U+FF00-U+FFEF, U+3000-U+303F, U+20000-U+2FFFF) in
 * WenQuanYi Zen Hei, which is loaded only when a page needs it.  Both are
 * embedded.  libharu has no per-glyph fallback, so each string is split
 * into runs (pdf_text.c) and the font is chosen per run.  A string that is
 * not valid UTF-8 is drawn with U+FFFD for the bad bytes (the loader validates input, so
 * this does not happen on loaded data).  libharu 2.3's UTF-8 fonts use
 * 16-bit codes, so characters above U+FFFF (e.g. CJK Extension B) are drawn
 * and measured as U+FFFD as well.  Text widths need no page.
 *
 * Errors.  Drawing functions return nothing: the first failure (libharu
 * error, out of memory) is remembered in the document and every later call
 * does nothing; pdf_doc_status and pdf_save report it.  This keeps page
 * layout code readable (cairo's model).
 *
 * Determinism.  The same calls give byte-identical bytes: no creation date,
 * no random document id.  pdf_save gives the whole file in memory; the caller
 * writes it atomically (outfile.h).
 *
 * Ownership: the pdf_doc owns everything it allocates; strings passed in are
 * copied or used before the call returns.
 */
#ifndef CHURNKIT_PDF_H
#define CHURNKIT_PDF_H

#include <stddef.h>

#include "churnkit/err.h"

typedef struct pdf_doc pdf_doc;

typedef struct {
	double r, g, b;          /* 0..1 */
} pdf_rgb;

typedef enum { PDF_PAPER_A4 = 0, PDF_PAPER_LETTER } pdf_paper;
typedef enum { PDF_REGULAR = 0, PDF_BOLD } pdf_weight;
typedef enum { PDF_LEFT = 0, PDF_CENTER, PDF_RIGHT } pdf_align;

/* Where the fonts are.  NULL members take the configure-time defaults
 * (Debian: fonts-dejavu-core, fonts-wqy-zenhei).  A missing regular or bold
 * font is an error (CHURN_EIO naming the file and the Debian package); a
 * missing CJK font is an error only when CJK text is drawn. */
typedef struct {
	const char *sans;        /* DejaVuSans.ttf */
	const char *sans_bold;   /* DejaVuSans-Bold.ttf */
	const char *cjk;         /* wqy-zenhei.ttc */
	int cjk_index;           /* font index inside a .ttc (0) */
} pdf_fonts;

/* Parses "a4" / "letter" (case-insensitive); 0 on success, -1 otherwise. */
int pdf_paper_parse(const char *s, pdf_paper *out);

/* A new empty document (no page yet).  fonts may be NULL (defaults). */
churn_status pdf_doc_new(pdf_paper paper, const pdf_fonts *fonts, pdf_doc **out,
                         churn_err *err);
void pdf_doc_free(pdf_doc *d);

/* Title, author and subject in the document information (UTF-8; NULL = none). */
void pdf_doc_info(pdf_doc *d, const char *title, const char *author, const char *subject);

/* The creation date in the document information (UTC).  Not set unless
 * called: the report calls it only with SOURCE_DATE_EPOCH, so that the same
 * input otherwise gives the same bytes. */
void pdf_doc_created(pdf_doc *d, int year, int month, int day, int hour, int minute,
                     int second);

/* CHURN_OK, or the first error met while drawing (with its message in err). */
churn_status pdf_doc_status(const pdf_doc *d, churn_err *err);

/* Page size in points (A4 595.28 x 841.89, Letter 612 x 792). */
double pdf_width(const pdf_doc *d);
double pdf_height(const pdf_doc *d);

/* Appends a page and makes it the current page (drawing goes there). */
void pdf_page_add(pdf_doc *d);
size_t pdf_page_count(const pdf_doc *d);
/* Makes page i (0-based, < pdf_page_count) current again, e.g. to write
 * "page 3 of 12" footers once the number of pages is known. */
void pdf_page_select(pdf_doc *d, size_t i);

/* A bookmark to the top of the current page (/FitH at the top edge), shown
 * open.  parent: -1 for a top-level entry, or an id returned earlier.  The
 * title is UTF-8 (stored as UTF-16 when not ASCII).  Returns the new
 * entry's id (>= 0), -1 after an error. */
int pdf_outline_add(pdf_doc *d, int parent, const char *title);

/* Graphics state of the current page (kept until changed; a new page
 * starts with black, line width 1, solid lines). */
void pdf_fill_color(pdf_doc *d, pdf_rgb c);
void pdf_stroke_color(pdf_doc *d, pdf_rgb c);
void pdf_line_width(pdf_doc *d, double w);
/* Dash pattern in points (on, off, on, ...); n = 0 for solid lines.  At
 * most 8 lengths are used; with libharu 2.3 each is rounded to whole points
 * (at least 1), with 2.4 it is kept as given. */
void pdf_dash(pdf_doc *d, const double *pattern, size_t n);

/* Shapes.  Each opens and closes its own path. */
void pdf_line(pdf_doc *d, double x1, double y1, double x2, double y2);
void pdf_polyline(pdf_doc *d, const double *x, const double *y, size_t n);
/* Filled polygon (fill colour), not stroked. */
void pdf_polygon(pdf_doc *d, const double *x, const double *y, size_t n);
/* Rectangle with its top-left corner at (x, y). */
void pdf_rect_fill(pdf_doc *d, double x, double y, double w, double h);
void pdf_rect_stroke(pdf_doc *d, double x, double y, double w, double h);
/* Circle (marker): filled with the fill colour when fill, stroked otherwise. */
void pdf_circle(pdf_doc *d, double cx, double cy, double r, int fill);

/* Text.  Width in points of s at the given size. */
double pdf_text_width(pdf_doc *d, const char *s, pdf_weight w, double size);
/* Draws s with its baseline at y; x is the left edge, centre or right edge
 * according to align.  Colour c. */
void pdf_text(pdf_doc *d, double x, double y, const char *s, pdf_weight w, double size,
              pdf_align align, pdf_rgb c);
/* The same, rotated 90 degrees counter-clockwise (reading bottom to top),
 * centred on (x, y) along its length: for vertical axis titles. */
void pdf_text_up(pdf_doc *d, double x, double y, const char *s, pdf_weight w, double size,
                 pdf_rgb c);
/* Word-wrapped paragraph (greedy): lines no wider than width, breaking at
 * spaces (and between CJK characters); a word longer than the width is
 * broken between characters, at least one character a line.  "\n" ends a
 * line (an empty line still counts); spaces at line starts are dropped.  The first baseline is at y + size; each further line adds leading.
 * Draws only when draw is non-zero (so layout can measure first).  Returns
 * the height used: nlines * leading. */
double pdf_paragraph(pdf_doc *d, double x, double y, double width, const char *s,
                     pdf_weight w, double size, double leading, pdf_rgb c, int draw);
/* s shortened with a trailing "…" so that it fits in width (copied into
 * buf of n bytes, at character boundaries; spaces before the "…" are
 * dropped).  s is copied unchanged when it fits in both; the result is ""
 * when not even "…" fits.  A text fits when it is at most PDF_FIT_SLACK
 * wider than width: a caller that measured the widest text, padded it and
 * takes the padding off again ((w + 12) - 12) may get back a width a
 * rounding error short of it, which must not cut that text.  Returns buf. */
#define PDF_FIT_SLACK 1e-6   /* points */
char *pdf_fit_text(pdf_doc *d, const char *s, pdf_weight w, double size, double width,
                   char *buf, size_t n);

/* The whole file in memory: *out (malloc'd, owned by the caller) and its
 * length.  The document can no longer be drawn on afterwards (drawing calls
 * are ignored); saving it again gives the same bytes.  A document without a
 * page is an error (CHURN_EIO).  On error *out is NULL and *len 0. */
churn_status pdf_save(pdf_doc *d, unsigned char **out, size_t *len, churn_err *err);

#endif

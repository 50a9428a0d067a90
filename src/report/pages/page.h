/*
 * page.h - what the report's page modules share (private to src/report/pages).
 *
 * A report_page_ctx carries the document, the input and the page geometry;
 * the helpers below (page_common.c) draw the furniture every page shares.
 * The pages' entry points are in pages.h.
 *
 * Layout: A4 or Letter portrait, margins of 50 pt; each page starts with
 * page_begin, which adds the page and its bookmark, draws the heading and
 * returns the y where content starts.  Sizes are in points.
 */
#ifndef CHURNKIT_REPORT_PAGE_H
#define CHURNKIT_REPORT_PAGE_H

#include <stddef.h>

#include "report/chart/chart.h"
#include "churnkit/report.h"
#include "report/pdf/pdf.h"

#define PAGE_MARGIN 50.0
#define PAGE_BODY 9.5        /* body text size */
#define PAGE_SMALL 7.5       /* notes */
#define PAGE_H1 18.0         /* page heading */
#define PAGE_H2 11.5         /* section heading */
#define PAGE_NOTE_SLACK 14.0 /* how far a closing note may run below bottom:
                                the footer's rule is 22 points below it */

typedef struct {
	pdf_doc *d;
	const report_input *in;
	double w, h;             /* page size */
	double left, right;      /* content edges (x) */
	double top, bottom;      /* content edges (y, top-left origin) */
	char period[64];         /* "2026Q3 (1 Jul - 30 Sep 2026)" or "" */
	char title[160];         /* the current page's heading (page_begin) */
	/* Page fill (report.c): a page whose closing notes ran onto a
	 * continuation page is drawn again with its content's bottom raised,
	 * so that its charts give the notes room.  page_begin sets `bottom` to
	 * page_bottom - squeeze[k] for the k-th page begun; notes are fitted
	 * against page_bottom; spill[k] sums what page_note put on page k's
	 * continuation (NaN when the page code continued itself). */
	double page_bottom;      /* the page's real content bottom */
	size_t nbegun;           /* pages begun so far in this drawing */
	const double *squeeze;   /* [nsqueeze] or NULL */
	double *spill;           /* [nsqueeze] or NULL */
	size_t nsqueeze;
	int continued;           /* 1: the current page begun has run on */
	int in_note;             /* 1: page_note is continuing the page */
} report_page_ctx;

/* Adds a page with heading `title` and a muted one-line `lead` under it (may
 * be NULL); adds a top-level bookmark `title`.  Returns the content's top y. */
double page_begin(report_page_ctx *c, const char *title, const char *lead);
/* A section heading at y; returns the y below it. */
double page_h2(report_page_ctx *c, double y, const char *text);
/* A paragraph across the content width (or width w when w > 0) at x; returns
 * the y below it. */
double page_para(report_page_ctx *c, double x, double y, double w, const char *text,
                 double size, pdf_rgb color);
/* A muted note in small type across the content width; returns the y below.
 * A note that does not fit above the page's bottom goes on a continuation
 * page (page_continue). */
double page_note(report_page_ctx *c, double y, const char *text);
/* The content bottom the next page_begin will set (page fill, report.c):
 * for pages that size their content before beginning. */
double page_next_bottom(const report_page_ctx *c);
/* Adds a continuation page headed "<title> (continued)" in muted type, with
 * no bookmark; returns the content's top y on it. */
double page_continue(report_page_ctx *c);

/* page_ph.c: notes in plain words on the Cox model's proportional-hazards
 * test (nothing without in->zph) and on the customers beyond the data
 * (nothing when there are none); each returns the y below it. */
double page_ph_note(report_page_ctx *c, double y);
double page_beyond_note(report_page_ctx *c, double y);
/* The active customers of segment cell `cell` (SIZE_MAX: of every cell)
 * that have no probability: their number, and in *beyond those beyond the
 * data (the others have a missing or unseen value). */
size_t page_unscored(const report_input *in, size_t cell, size_t *beyond);
/* Those counts in words, into buf: "2 beyond the data", "1 with a missing
 * or unseen value", "1 beyond the data, 1 with a missing or unseen value".
 * Returns buf. */
char *page_unscored_why(size_t none, size_t beyond, char *buf, size_t n);
/* When there are active customers and none has a probability: "No active
 * customer has a churn probability (2 beyond the data)" into buf, and 1;
 * else 0 and buf untouched. */
int page_none_scored(const report_input *in, char *buf, size_t n);

#endif

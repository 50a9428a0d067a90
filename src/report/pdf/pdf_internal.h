/*
 * pdf_internal.h - what the files of the libharu layer share (private to
 * src/report/pdf): the pdf_doc itself, the conversions to libharu's units,
 * and the error record (pdf_error.c).
 *
 * Errors: the first error is recorded in the pdf_doc (status, msg, the
 * libharu codes and the pdf_* function that met it); later ones are
 * dropped, and every function of pdf/ is a no-op once d->status is set.
 */
#ifndef CHURNKIT_REPORT_PDF_INTERNAL_H
#define CHURNKIT_REPORT_PDF_INTERNAL_H

#include <stddef.h>

#include <hpdf.h>

#include "churnkit/err.h"
#include "report/pdf/pdf.h"

/* The Debian packages that ship the default fonts (for error messages). */
#define PKG_DEJAVU "fonts-dejavu-core"
#define PKG_WQY "fonts-wqy-zenhei"

struct pdf_doc {
	HPDF_Doc pdf;
	double width, height;

	HPDF_Page *pages;          /* every page, in order */
	size_t npages, cap_pages;
	HPDF_Page page;            /* the current page, NULL before the first */

	HPDF_Font font[2];         /* DejaVu regular, bold (indexed by pdf_weight) */
	HPDF_Font cjk;             /* NULL until the first CJK run */
	char *cjk_path;            /* owned copy */
	int cjk_index;

	HPDF_Outline *outlines;    /* ids are indexes into this */
	size_t noutlines, cap_outlines;

	int saved;                 /* pdf_save was called: no more drawing */

	/* The first error (CHURN_OK while there is none). */
	churn_status status;
	char msg[256];
	HPDF_STATUS hpdf_error, hpdf_detail;
	const char *op;            /* the pdf_* function calling libharu */
};

/* A colour component clamped to [0, 1] (NaN: 0). */
static inline HPDF_REAL pdf_unit(double v)
{
	if (!(v >= 0.0))     /* also NaN */
		return 0.0f;
	return v > 1.0 ? 1.0f : (HPDF_REAL)v;
}

/* A y from the top of the page (pdf.h) as libharu's y from the bottom. */
static inline HPDF_REAL pdf_py(const pdf_doc *d, double y)
{
	return (HPDF_REAL)(d->height - y);
}

/* libharu's error code in words ("out of memory"; "libharu error" when
 * unknown). */
const char *pdf_hpdf_error_text(HPDF_STATUS code);

/* Records the first error (code and printf-style message); later ones are
 * dropped. */
void pdf_fail(pdf_doc *d, churn_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* libharu's error handler (HPDF_New's user pointer is the pdf_doc):
 * records, never jumps. */
void pdf_on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data);

/* 1 when d may be drawn on (no error, not saved, a page exists); sets d->op
 * to op, the pdf_* function about to call libharu.  Records an error when
 * there is no page yet. */
int pdf_live(pdf_doc *d, const char *op);

#endif

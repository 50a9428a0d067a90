/*
 * pdf_error.c - how the libharu layer records its first error
 * (pdf_internal.h): libharu's error codes in words, the handler libharu
 * calls, and the check every drawing function makes first.
 *
 * HPDF_New takes a handler and a user pointer; the handler only records the
 * first error in the pdf_doc.  libharu keeps returning errors after the
 * first one, and every function of pdf/ is a no-op once d->status is set.
 */
#include "config.h"

#include "report/pdf/pdf_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hpdf.h>

/* ---- errors ------------------------------------------------------------ */

static const struct {
	HPDF_STATUS code;
	const char *text;
} hpdf_errors[] = {
	{ HPDF_FAILD_TO_ALLOC_MEM, "out of memory" },
	{ HPDF_FILE_IO_ERROR, "file I/O error" },
	{ HPDF_FILE_OPEN_ERROR, "cannot open file" },
	{ HPDF_INVALID_FONTDEF_DATA, "invalid font data" },
	{ HPDF_INVALID_TTC_FILE, "invalid TrueType collection" },
	{ HPDF_INVALID_TTC_INDEX, "font index not in the TrueType collection" },
	{ HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font does not allow embedding" },
	{ HPDF_TTF_INVALID_CMAP, "the font has no usable Unicode cmap" },
	{ HPDF_TTF_INVALID_FOMAT, "not a TrueType font" },
	{ HPDF_TTF_MISSING_TABLE, "the font lacks a required table" },
	{ HPDF_INVALID_PARAMETER, "invalid parameter" },
	{ HPDF_PAGE_INVALID_GMODE, "drawing operator in the wrong graphics mode" },
	{ HPDF_PAGE_INVALID_FONT_SIZE, "invalid font size" },
	{ HPDF_PAGE_OUT_OF_RANGE, "value out of range" },
	{ HPDF_REAL_OUT_OF_RANGE, "number out of range" },
	{ HPDF_STRING_OUT_OF_RANGE, "string too long" },
	{ HPDF_EXCEED_GSTATE_LIMIT, "graphics state nested too deeply" },
	{ HPDF_ZLIB_ERROR, "zlib error" },
	{ HPDF_INVALID_ENCODING_NAME, "unknown encoding" },
};

const char *pdf_hpdf_error_text(HPDF_STATUS code)
{
	for (size_t i = 0; i < sizeof hpdf_errors / sizeof hpdf_errors[0]; i++)
		if (hpdf_errors[i].code == code)
			return hpdf_errors[i].text;
	return "libharu error";
}

/* Records the first error; later ones are dropped. */
void pdf_fail(pdf_doc *d, churn_status code, const char *fmt, ...)
{
	va_list ap;

	if (d->status != CHURN_OK)
		return;
	d->status = code;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
}

/* libharu's error handler: records, never jumps. */
void pdf_on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	pdf_doc *d = user_data;

	if (d->status != CHURN_OK)
		return;
	d->hpdf_error = error_no;
	d->hpdf_detail = detail_no;
	pdf_fail(d, error_no == HPDF_FAILD_TO_ALLOC_MEM ? CHURN_ENOMEM : CHURN_EIO,
	     "PDF: %s (libharu error 0x%04X, detail %u) in %s",
	     pdf_hpdf_error_text(error_no), (unsigned)error_no, (unsigned)detail_no,
	     d->op ? d->op : "libharu");
}

/* 1 when d may be drawn on (no error, not saved, a page exists). */
int pdf_live(pdf_doc *d, const char *op)
{
	if (d == NULL || d->status != CHURN_OK || d->saved)
		return 0;
	d->op = op;
	if (d->page == NULL) {
		pdf_fail(d, CHURN_EIO, "PDF: %s before the first page", op);
		return 0;
	}
	return 1;
}

/*
 * pdf_doc.c - the document of the libharu layer (pdf.h): making it with its
 * fonts, its pages and the current page, the outline (bookmarks), the
 * document information, and saving it to memory.
 *
 * Written against libharu 2.3.0 (Debian 12) and kept compatible with 2.4.
 * Only the files of src/report/pdf/ call HPDF_*: pdf_doc.c (document),
 * pdf_font.c (fonts, runs), pdf_draw.c (shapes, colours, dash), pdf_show.c
 * (text on the page) and pdf_error.c (libharu's errors); the text layout
 * that needs no libharu (UTF-8, CJK runs, word wrapping, shortening) is in
 * pdf_text.c.
 *
 * What this file works around in libharu 2.3.0: strings in the outline and
 * the document information.  With the "UTF-8" encoder libharu writes the
 * UTF-8 bytes as they are, which viewers read as PDFDocEncoding
 * ("ZÃ¼rich").  Non-ASCII titles are therefore stored as UTF-16BE with a
 * byte-order mark, replacing the string libharu made (HPDF_Dict_Add on the
 * outline or information dictionary).
 */
#include "config.h"

#include "report/pdf/pdf.h"
#include "report/pdf/pdf_font.h"
#include "report/pdf/pdf_internal.h"
#include "report/pdf/pdf_text.h"

#include "churnkit/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hpdf.h>

/* ---- document ---------------------------------------------------------- */

int pdf_paper_parse(const char *s, pdf_paper *out)
{
	if (s == NULL)
		return -1;
	if (strcasecmp(s, "a4") == 0)
		*out = PDF_PAPER_A4;
	else if (strcasecmp(s, "letter") == 0)
		*out = PDF_PAPER_LETTER;
	else
		return -1;
	return 0;
}

churn_status pdf_doc_new(pdf_paper paper, const pdf_fonts *fonts, pdf_doc **out,
                         churn_err *err)
{
	const char *sans = CHURN_FONT_SANS, *bold = CHURN_FONT_SANS_BOLD;
	const char *cjk = CHURN_FONT_CJK;
	int cjk_index = 0;
	pdf_doc *d;
	churn_status st;

	*out = NULL;
	if (paper != PDF_PAPER_A4 && paper != PDF_PAPER_LETTER)
		return churn_err_set(err, CHURN_EUSAGE, "PDF: unknown paper size %d", (int)paper);
	if (fonts != NULL) {
		if (fonts->sans)
			sans = fonts->sans;
		if (fonts->sans_bold)
			bold = fonts->sans_bold;
		if (fonts->cjk)
			cjk = fonts->cjk;
		cjk_index = fonts->cjk_index;
	}
	d = calloc(1, sizeof *d);
	if (d == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "PDF: out of memory");
	if (paper == PDF_PAPER_A4) {
		d->width = 595.28;
		d->height = 841.89;
	} else {
		d->width = 612.0;
		d->height = 792.0;
	}
	d->cjk_index = cjk_index;
	d->cjk_path = strdup(cjk);
	if (d->cjk_path == NULL) {
		free(d);
		return churn_err_set(err, CHURN_ENOMEM, "PDF: out of memory");
	}
	d->op = "pdf_doc_new";
	d->pdf = HPDF_New(pdf_on_hpdf_error, d);
	if (d->pdf == NULL) {
		free(d->cjk_path);
		free(d);
		return churn_err_set(err, CHURN_ENOMEM, "PDF: out of memory (HPDF_New)");
	}
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(d->pdf);
	d->font[0] = pdf_font_load(d, sans, -1, PKG_DEJAVU);
	d->font[1] = pdf_font_load(d, bold, -1, PKG_DEJAVU);
	st = pdf_doc_status(d, err);
	if (st != CHURN_OK) {
		pdf_doc_free(d);
		return st;
	}
	*out = d;
	return CHURN_OK;
}

void pdf_doc_free(pdf_doc *d)
{
	if (d == NULL)
		return;
	if (d->pdf)
		HPDF_Free(d->pdf);
	free(d->pages);
	free(d->outlines);
	free(d->cjk_path);
	free(d);
}

churn_status pdf_doc_status(const pdf_doc *d, churn_err *err)
{
	if (d->status == CHURN_OK)
		return CHURN_OK;
	return churn_err_set(err, d->status, "%s", d->msg);
}

double pdf_width(const pdf_doc *d)
{
	return d->width;
}

double pdf_height(const pdf_doc *d)
{
	return d->height;
}

/* ---- strings for outline titles and document information --------------- */

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* A PDF text string for s (UTF-8): UTF-16BE with a byte-order mark, as a
 * binary (hex) string object owned by the document's memory manager.
 * NULL with the error recorded on failure. */
static HPDF_Binary utf16_string(pdf_doc *d, const char *s)
{
	size_t n = strlen(s), i = 0, o = 2;
	unsigned char *buf = malloc(2 + 4 * n);   /* each byte at most 4 bytes */
	HPDF_Binary b;

	if (buf == NULL) {
		pdf_fail(d, CHURN_ENOMEM, "PDF: out of memory in %s", d->op);
		return NULL;
	}
	buf[0] = 0xFE;
	buf[1] = 0xFF;
	while (i < n) {
		uint32_t cp;

		i += utf8_decode((const char *)s + i, n - i, &cp);
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000, hi = 0xD800 | (v >> 10), lo = 0xDC00 | (v & 0x3FF);

			buf[o++] = (unsigned char)(hi >> 8);
			buf[o++] = (unsigned char)hi;
			buf[o++] = (unsigned char)(lo >> 8);
			buf[o++] = (unsigned char)lo;
		} else {
			buf[o++] = (unsigned char)(cp >> 8);
			buf[o++] = (unsigned char)cp;
		}
	}
	b = HPDF_Binary_New(d->pdf->mmgr, buf, (HPDF_UINT)o);
	free(buf);
	if (b == NULL)
		pdf_fail(d, CHURN_ENOMEM, "PDF: out of memory in %s", d->op);
	return b;
}

/* Sets key of dict to the text string s: libharu's string for ASCII, else
 * UTF-16BE (see the top of the file). */
static void dict_set_text(pdf_doc *d, HPDF_Dict dict, const char *key, const char *s)
{
	HPDF_Binary b;

	if (is_ascii(s) || d->status != CHURN_OK)
		return;
	b = utf16_string(d, s);
	if (b != NULL)
		HPDF_Dict_Add(dict, key, b);   /* replaces, and frees the old value */
}

void pdf_doc_created(pdf_doc *d, int year, int month, int day, int hour, int minute,
                     int second)
{
	HPDF_Date date;

	if (d == NULL || d->status != CHURN_OK || d->saved)
		return;
	d->op = "pdf_doc_created";
	memset(&date, 0, sizeof date);
	date.year = year;
	date.month = month;
	date.day = day;
	date.hour = hour;
	date.minutes = minute;
	date.seconds = second;
	date.ind = 'Z';
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
}

void pdf_doc_info(pdf_doc *d, const char *title, const char *author, const char *subject)
{
	static const struct {
		HPDF_InfoType type;
		const char *key;
	} keys[] = {
		{ HPDF_INFO_TITLE, "Title" },
		{ HPDF_INFO_AUTHOR, "Author" },
		{ HPDF_INFO_SUBJECT, "Subject" },
	};
	const char *val[3] = { title, author, subject };

	if (d == NULL || d->status != CHURN_OK || d->saved)
		return;
	d->op = "pdf_doc_info";
	for (size_t i = 0; i < 3; i++) {
		if (val[i] == NULL)
			continue;
		/* ASCII text goes as is; otherwise a placeholder that is then
		 * replaced by the UTF-16 string. */
		HPDF_SetInfoAttr(d->pdf, keys[i].type, is_ascii(val[i]) ? val[i] : "-");
		if (d->status == CHURN_OK && d->pdf->info != NULL)
			dict_set_text(d, d->pdf->info, keys[i].key, val[i]);
	}
}

/* ---- pages ------------------------------------------------------------- */

void pdf_page_add(pdf_doc *d)
{
	HPDF_Page p;

	if (d == NULL || d->status != CHURN_OK || d->saved)
		return;
	d->op = "pdf_page_add";
	if (d->npages == d->cap_pages) {
		size_t cap = d->cap_pages ? 2 * d->cap_pages : 16;
		HPDF_Page *np = realloc(d->pages, cap * sizeof *np);

		if (np == NULL) {
			pdf_fail(d, CHURN_ENOMEM, "PDF: out of memory adding a page");
			return;
		}
		d->pages = np;
		d->cap_pages = cap;
	}
	p = HPDF_AddPage(d->pdf);
	if (p == NULL || d->status != CHURN_OK)
		return;
	HPDF_Page_SetWidth(p, (HPDF_REAL)d->width);
	HPDF_Page_SetHeight(p, (HPDF_REAL)d->height);
	d->pages[d->npages++] = p;
	d->page = p;
}

size_t pdf_page_count(const pdf_doc *d)
{
	return d->npages;
}

void pdf_page_select(pdf_doc *d, size_t i)
{
	if (d == NULL || d->status != CHURN_OK || d->saved)
		return;
	if (i >= d->npages) {
		pdf_fail(d, CHURN_EIO, "PDF: pdf_page_select: page %zu of %zu", i, d->npages);
		return;
	}
	d->page = d->pages[i];
}

int pdf_outline_add(pdf_doc *d, int parent, const char *title)
{
	HPDF_Outline par = NULL, o;
	HPDF_Destination dst;

	if (!pdf_live(d, "pdf_outline_add"))
		return -1;
	if (parent >= 0) {
		if ((size_t)parent >= d->noutlines) {
			pdf_fail(d, CHURN_EIO, "PDF: pdf_outline_add: no outline entry %d", parent);
			return -1;
		}
		par = d->outlines[parent];
	}
	if (d->noutlines == d->cap_outlines) {
		size_t cap = d->cap_outlines ? 2 * d->cap_outlines : 16;
		HPDF_Outline *no = realloc(d->outlines, cap * sizeof *no);

		if (no == NULL) {
			pdf_fail(d, CHURN_ENOMEM, "PDF: out of memory adding an outline entry");
			return -1;
		}
		d->outlines = no;
		d->cap_outlines = cap;
	}
	if (title == NULL)
		title = "";
	o = HPDF_CreateOutline(d->pdf, par, is_ascii(title) ? title : "-", NULL);
	if (o == NULL || d->status != CHURN_OK)
		return -1;
	dict_set_text(d, o, "Title", title);
	dst = HPDF_Page_CreateDestination(d->page);
	if (dst == NULL || d->status != CHURN_OK)
		return -1;
	/* /FitH at the top edge: 2.3's SetXYZ refuses zoom 0 ("unchanged"). */
	HPDF_Destination_SetFitH(dst, (HPDF_REAL)d->height);
	HPDF_Outline_SetDestination(o, dst);
	HPDF_Outline_SetOpened(o, HPDF_TRUE);
	if (d->noutlines == 0)
		HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	if (d->status != CHURN_OK)
		return -1;
	d->outlines[d->noutlines] = o;
	return (int)d->noutlines++;
}

/* ---- output ------------------------------------------------------------ */

churn_status pdf_save(pdf_doc *d, unsigned char **out, size_t *len, churn_err *err)
{
	HPDF_UINT32 size, got;
	unsigned char *buf;

	*out = NULL;
	*len = 0;
	if (d->status != CHURN_OK)
		return pdf_doc_status(d, err);
	d->saved = 1;
	d->op = "pdf_save";
	if (d->npages == 0)
		return churn_err_set(err, CHURN_EIO, "PDF: the document has no page");
	if (HPDF_SaveToStream(d->pdf) != HPDF_OK || d->status != CHURN_OK)
		return pdf_doc_status(d, err);
	/* libharu 2.3 does not rewind the read position when SaveToStream
	 * refills its stream, so a second pdf_save would read freed memory
	 * (valgrind: HPDF_MemStream_ReadFunc after HPDF_MemStream_FreeData). */
	HPDF_ResetStream(d->pdf);
	size = HPDF_GetStreamSize(d->pdf);
	buf = malloc(size ? size : 1);
	if (buf == NULL) {
		pdf_fail(d, CHURN_ENOMEM, "PDF: out of memory for a %lu-byte file",
		     (unsigned long)size);
		return pdf_doc_status(d, err);
	}
	got = size;
	/* Reading the whole stream may end with HPDF_STREAM_EOF, which is not an
	 * error here; what counts is getting every byte. */
	HPDF_ReadFromStream(d->pdf, buf, &got);
	if (d->hpdf_error == HPDF_STREAM_EOF) {
		d->status = CHURN_OK;
		d->hpdf_error = 0;
		HPDF_ResetError(d->pdf);
	}
	if (d->status != CHURN_OK || got != size) {
		free(buf);
		pdf_fail(d, CHURN_EIO, "PDF: read %lu of %lu bytes from libharu's stream",
		     (unsigned long)got, (unsigned long)size);
		return pdf_doc_status(d, err);
	}
	*out = buf;
	*len = size;
	return CHURN_OK;
}

/*
 * pdf_font.c - the fonts of the libharu layer (pdf_font.h): loading DejaVu
 * and, on first use, WenQuanYi Zen Hei; a valid ToUnicode map for them;
 * cutting text into runs that are all CJK or all not and choosing each
 * run's font; measuring text in those fonts.
 */
#include "config.h"

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

/* ---- UTF-8 ------------------------------------------------------------- */


/* A valid UTF-8 copy of s[0..n) (ptext_clean), cut to PDF_TEXT_MAX_BYTES;
 * NULL and the error recorded when out of memory.  Free with free(). */
char *pdf_clean_utf8(pdf_doc *d, const char *s, size_t n)
{
	char *out = ptext_clean(s, n > PDF_TEXT_MAX_BYTES ? PDF_TEXT_MAX_BYTES : n);

	if (out == NULL) {
		pdf_fail(d, CHURN_ENOMEM, "PDF: out of memory in %s", d->op ? d->op : "pdf");
		return NULL;
	}
	size_t len = strlen(out);
	if (n > PDF_TEXT_MAX_BYTES || len > PDF_TEXT_MAX_BYTES) {
		/* out holds at least PDF_TEXT_MAX_BYTES bytes: room for the cut
		 * text and the three bytes of U+2026. */
		size_t cut = len < PDF_TEXT_MAX_BYTES - 3 ? len : PDF_TEXT_MAX_BYTES - 3;
		while (cut > 0 && utf8_continuation((unsigned char)out[cut]))
			cut--;
		memcpy(out + cut, "\xE2\x80\xA6", 4);
	}
	return out;
}

/* ---- fonts ------------------------------------------------------------- */

static int readable(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return 0;
	fclose(f);
	return 1;
}

/* A ToUnicode CMap for libharu's UTF-8 fonts, whose codes are the Unicode
 * code points of the Basic Multilingual Plane (Identity-H, CID = U+XXXX).
 * libharu 2.3 writes a *cidrange* map as ToUnicode, which is not valid
 * there (pdftotext: "Invalid 'begincidrange' operator in ToUnicode CMap");
 * this one maps each code to itself with bfrange rows that stay within one
 * high byte, skipping the surrogates D800-DFFF. */
static HPDF_STATUS write_tounicode(HPDF_Stream st)
{
	char row[32];
	unsigned hi, rows = 0;
	HPDF_STATUS r;

	r = HPDF_Stream_WriteStr(st,
	        "/CIDInit /ProcSet findresource begin\n"
	        "12 dict begin\n"
	        "begincmap\n"
	        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	        "/CMapName /Adobe-Identity-UCS def\n"
	        "/CMapType 2 def\n"
	        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (hi = 0; hi < 0x100 && r == HPDF_OK; hi++) {
		if (hi >= 0xD8 && hi <= 0xDF)
			continue;
		if (rows % 100 == 0) {
			/* At most 100 rows a block: 248 rows = 100 + 100 + 48. */
			unsigned left = 248 - rows;

			snprintf(row, sizeof row, "%s%u beginbfrange\n", rows ? "endbfrange\n" : "",
			         left < 100 ? left : 100);
			r = HPDF_Stream_WriteStr(st, row);
		}
		snprintf(row, sizeof row, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
		if (r == HPDF_OK)
			r = HPDF_Stream_WriteStr(st, row);
		rows++;
	}
	if (r == HPDF_OK)
		r = HPDF_Stream_WriteStr(st,
		        "endbfrange\n"
		        "endcmap\n"
		        "CMapName currentdict /CMap defineresource pop\n"
		        "end\n"
		        "end\n");
	return r;
}

/* Replaces the ToUnicode stream of a font loaded by pdf_font_load. */
static void fix_tounicode(pdf_doc *d, HPDF_Font f)
{
	HPDF_Dict tu = HPDF_Dict_GetItem(f, "ToUnicode", HPDF_OCLASS_DICT);

	if (tu == NULL || tu->stream == NULL) {
		pdf_fail(d, CHURN_EIO, "PDF: libharu made a font without a ToUnicode map");
		return;
	}
	HPDF_MemStream_FreeData(tu->stream);
	if (write_tounicode(tu->stream) != HPDF_OK)
		pdf_fail(d, CHURN_ENOMEM, "PDF: out of memory writing a ToUnicode map");
}

/* Loads a TrueType font (index >= 0: a font inside a .ttc) with embedding,
 * with the UTF-8 encoder.  NULL with the error recorded on failure. */
HPDF_Font pdf_font_load(pdf_doc *d, const char *path, int index, const char *pkg)
{
	const char *name;
	HPDF_Font f;

	if (d->status != CHURN_OK)
		return NULL;
	if (!readable(path)) {
		pdf_fail(d, CHURN_EIO, "PDF: cannot read font %s (apt-get install %s)", path, pkg);
		return NULL;
	}
	d->op = "loading a font";
	if (index >= 0)
		name = HPDF_LoadTTFontFromFile2(d->pdf, path, (HPDF_UINT)index, HPDF_TRUE);
	else
		name = HPDF_LoadTTFontFromFile(d->pdf, path, HPDF_TRUE);
	f = name ? HPDF_GetFont(d->pdf, name, "UTF-8") : NULL;
	if (f == NULL || d->status != CHURN_OK) {
		/* Say which file, keeping libharu's reason. */
		char why[128];

		snprintf(why, sizeof why, "%s (libharu error 0x%04X)",
		         pdf_hpdf_error_text(d->hpdf_error), (unsigned)d->hpdf_error);
		d->status = CHURN_OK;
		pdf_fail(d, d->hpdf_error == HPDF_FAILD_TO_ALLOC_MEM ? CHURN_ENOMEM : CHURN_EIO,
		     "PDF: cannot load font %s: %s", path, why);
		return NULL;
	}
	fix_tounicode(d, f);
	return d->status == CHURN_OK ? f : NULL;
}

/* The font for a run: CJK (loaded on first use) or DejaVu by weight. */
static HPDF_Font run_font(pdf_doc *d, int cjk, pdf_weight w)
{
	if (!cjk)
		return d->font[w == PDF_BOLD ? 1 : 0];
	if (d->cjk == NULL) {
		const char *op = d->op;

		d->cjk = pdf_font_load(d, d->cjk_path, d->cjk_index, PKG_WQY);
		d->op = op;
	}
	return d->cjk;
}

/* Calls fn(d, font, run, len, arg) for each run of s[0..n) (valid UTF-8)
 * that is all CJK or all not.  Stops early when fn returns non-zero or an
 * error is recorded; returns fn's last value. */
int pdf_for_each_run(pdf_doc *d, const char *s, size_t n, pdf_weight w, pdf_run_fn fn,
                     void *arg)
{
	size_t i = 0;

	while (i < n && d->status == CHURN_OK) {
		size_t start = i;
		int cjk, r;
		HPDF_Font f;

		i = ptext_run_end(s, n, start, &cjk);
		f = run_font(d, cjk, w);
		if (f == NULL)
			return -1;
		r = fn(d, f, s + start, i - start, arg);
		if (r != 0)
			return r;
	}
	return 0;
}

struct width_acc {
	double size;
	double width;
};

static int add_run_width(pdf_doc *d, HPDF_Font f, const char *run, size_t len, void *arg)
{
	struct width_acc *a = arg;
	HPDF_TextWidth tw;

	(void)d;
	tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)run, (HPDF_UINT)len);
	a->width += tw.width * a->size / 1000.0;
	return 0;
}

/* Width of s[0..n) (valid UTF-8); 0 after an error. */
double pdf_width_n(pdf_doc *d, const char *s, size_t n, pdf_weight w, double size)
{
	struct width_acc a = { size, 0.0 };

	if (pdf_for_each_run(d, s, n, w, add_run_width, &a) != 0 || d->status != CHURN_OK)
		return 0.0;
	return a.width;
}

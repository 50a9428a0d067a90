/*
 * pdf.c - the drawing surface of the report over libharu (see pdf.h).
 *
 * The only file of churnkit that calls HPDF_*.  Written against libharu
 * 2.3.0 (Debian 12) and kept compatible with 2.4, where HPDF_Page_SetDash
 * takes HPDF_REAL lengths instead of HPDF_UINT16.  The text layout that
 * needs no libharu (UTF-8, CJK runs, word wrapping, shortening) is in
 * pdf_text.c, which measures text through the ptext_measure given here.
 *
 * What this file works around in libharu 2.3.0:
 *  - Strings in the outline and the document information: with the "UTF-8"
 *    encoder libharu writes the UTF-8 bytes as they are, which viewers read
 *    as PDFDocEncoding ("ZÃ¼rich").  Non-ASCII titles are therefore stored
 *    as UTF-16BE with a byte-order mark, replacing the string libharu made
 *    (HPDF_Dict_Add on the outline or information dictionary).
 *  - Errors: HPDF_New takes a handler and a user pointer; the handler only
 *    records the first error in the pdf_doc.  libharu keeps returning
 *    errors after the first one, and every function here is a no-op once
 *    d->status is set.
 *  - Dash lengths are HPDF_UINT16 in 2.3: whole points only.
 */
#include "config.h"

#include "report/pdf/pdf.h"
#include "report/pdf/pdf_text.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hpdf.h>

/* The Debian packages that ship the default fonts (for error messages). */
#define PKG_DEJAVU "fonts-dejavu-core"
#define PKG_WQY "fonts-wqy-zenhei"

/* libharu accepts at most 8 dash lengths. */
#define DASH_MAX 8

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

static const char *hpdf_error_text(HPDF_STATUS code)
{
	for (size_t i = 0; i < sizeof hpdf_errors / sizeof hpdf_errors[0]; i++)
		if (hpdf_errors[i].code == code)
			return hpdf_errors[i].text;
	return "libharu error";
}

static void fail(pdf_doc *d, churn_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records the first error; later ones are dropped. */
static void fail(pdf_doc *d, churn_status code, const char *fmt, ...)
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
static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	pdf_doc *d = user_data;

	if (d->status != CHURN_OK)
		return;
	d->hpdf_error = error_no;
	d->hpdf_detail = detail_no;
	fail(d, error_no == HPDF_FAILD_TO_ALLOC_MEM ? CHURN_ENOMEM : CHURN_EIO,
	     "PDF: %s (libharu error 0x%04X, detail %u) in %s",
	     hpdf_error_text(error_no), (unsigned)error_no, (unsigned)detail_no,
	     d->op ? d->op : "libharu");
}

/* 1 when d may be drawn on (no error, not saved, a page exists). */
static int live(pdf_doc *d, const char *op)
{
	if (d == NULL || d->status != CHURN_OK || d->saved)
		return 0;
	d->op = op;
	if (d->page == NULL) {
		fail(d, CHURN_EIO, "PDF: %s before the first page", op);
		return 0;
	}
	return 1;
}

/* ---- UTF-8 ------------------------------------------------------------- */

/* The longest text pdf.c hands libharu, in bytes.  libharu refuses a
 * string over 65535 bytes ("string too long", HPDF_LIMIT_MAX_STRING_LEN),
 * and a level name or a title from the data can be longer: such a text is
 * cut to this length at a whole character and ends with "…" (no text of
 * the report comes near it otherwise). */
#define PDF_TEXT_MAX_BYTES 16384

/* A valid UTF-8 copy of s[0..n) (ptext_clean), cut to PDF_TEXT_MAX_BYTES;
 * NULL and the error recorded when out of memory.  Free with free(). */
static char *clean_utf8(pdf_doc *d, const char *s, size_t n)
{
	char *out = ptext_clean(s, n > PDF_TEXT_MAX_BYTES ? PDF_TEXT_MAX_BYTES : n);

	if (out == NULL) {
		fail(d, CHURN_ENOMEM, "PDF: out of memory in %s", d->op ? d->op : "pdf");
		return NULL;
	}
	size_t len = strlen(out);
	if (n > PDF_TEXT_MAX_BYTES || len > PDF_TEXT_MAX_BYTES) {
		/* out holds at least PDF_TEXT_MAX_BYTES bytes: room for the cut
		 * text and the three bytes of U+2026. */
		size_t cut = len < PDF_TEXT_MAX_BYTES - 3 ? len : PDF_TEXT_MAX_BYTES - 3;
		while (cut > 0 && ((unsigned char)out[cut] & 0xC0) == 0x80)
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

/* Replaces the ToUnicode stream of a font loaded by load_font. */
static void fix_tounicode(pdf_doc *d, HPDF_Font f)
{
	HPDF_Dict tu = HPDF_Dict_GetItem(f, "ToUnicode", HPDF_OCLASS_DICT);

	if (tu == NULL || tu->stream == NULL) {
		fail(d, CHURN_EIO, "PDF: libharu made a font without a ToUnicode map");
		return;
	}
	HPDF_MemStream_FreeData(tu->stream);
	if (write_tounicode(tu->stream) != HPDF_OK)
		fail(d, CHURN_ENOMEM, "PDF: out of memory writing a ToUnicode map");
}

/* Loads a TrueType font (index >= 0: a font inside a .ttc) with embedding,
 * with the UTF-8 encoder.  NULL with the error recorded on failure. */
static HPDF_Font load_font(pdf_doc *d, const char *path, int index, const char *pkg)
{
	const char *name;
	HPDF_Font f;

	if (d->status != CHURN_OK)
		return NULL;
	if (!readable(path)) {
		fail(d, CHURN_EIO, "PDF: cannot read font %s (apt-get install %s)", path, pkg);
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
		         hpdf_error_text(d->hpdf_error), (unsigned)d->hpdf_error);
		d->status = CHURN_OK;
		fail(d, d->hpdf_error == HPDF_FAILD_TO_ALLOC_MEM ? CHURN_ENOMEM : CHURN_EIO,
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

		d->cjk = load_font(d, d->cjk_path, d->cjk_index, PKG_WQY);
		d->op = op;
	}
	return d->cjk;
}

/* Calls fn(d, font, run, len, arg) for each run of s[0..n) (valid UTF-8)
 * that is all CJK or all not.  Stops early when fn returns non-zero or an
 * error is recorded; returns fn's last value. */
typedef int (*run_fn)(pdf_doc *d, HPDF_Font f, const char *run, size_t len, void *arg);

static int for_each_run(pdf_doc *d, const char *s, size_t n, pdf_weight w, run_fn fn,
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
static double width_n(pdf_doc *d, const char *s, size_t n, pdf_weight w, double size)
{
	struct width_acc a = { size, 0.0 };

	if (for_each_run(d, s, n, w, add_run_width, &a) != 0 || d->status != CHURN_OK)
		return 0.0;
	return a.width;
}

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
	d->pdf = HPDF_New(on_hpdf_error, d);
	if (d->pdf == NULL) {
		free(d->cjk_path);
		free(d);
		return churn_err_set(err, CHURN_ENOMEM, "PDF: out of memory (HPDF_New)");
	}
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(d->pdf);
	d->font[0] = load_font(d, sans, -1, PKG_DEJAVU);
	d->font[1] = load_font(d, bold, -1, PKG_DEJAVU);
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
		fail(d, CHURN_ENOMEM, "PDF: out of memory in %s", d->op);
		return NULL;
	}
	buf[0] = 0xFE;
	buf[1] = 0xFF;
	while (i < n) {
		uint32_t cp;

		i += ptext_utf8_next((const unsigned char *)s + i, n - i, &cp);
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
		fail(d, CHURN_ENOMEM, "PDF: out of memory in %s", d->op);
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
			fail(d, CHURN_ENOMEM, "PDF: out of memory adding a page");
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
		fail(d, CHURN_EIO, "PDF: pdf_page_select: page %zu of %zu", i, d->npages);
		return;
	}
	d->page = d->pages[i];
}

int pdf_outline_add(pdf_doc *d, int parent, const char *title)
{
	HPDF_Outline par = NULL, o;
	HPDF_Destination dst;

	if (!live(d, "pdf_outline_add"))
		return -1;
	if (parent >= 0) {
		if ((size_t)parent >= d->noutlines) {
			fail(d, CHURN_EIO, "PDF: pdf_outline_add: no outline entry %d", parent);
			return -1;
		}
		par = d->outlines[parent];
	}
	if (d->noutlines == d->cap_outlines) {
		size_t cap = d->cap_outlines ? 2 * d->cap_outlines : 16;
		HPDF_Outline *no = realloc(d->outlines, cap * sizeof *no);

		if (no == NULL) {
			fail(d, CHURN_ENOMEM, "PDF: out of memory adding an outline entry");
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

/* ---- graphics state ---------------------------------------------------- */

static HPDF_REAL unit(double v)
{
	if (!(v >= 0.0))     /* also NaN */
		return 0.0f;
	return v > 1.0 ? 1.0f : (HPDF_REAL)v;
}

void pdf_fill_color(pdf_doc *d, pdf_rgb c)
{
	if (live(d, "pdf_fill_color"))
		HPDF_Page_SetRGBFill(d->page, unit(c.r), unit(c.g), unit(c.b));
}

void pdf_stroke_color(pdf_doc *d, pdf_rgb c)
{
	if (live(d, "pdf_stroke_color"))
		HPDF_Page_SetRGBStroke(d->page, unit(c.r), unit(c.g), unit(c.b));
}

void pdf_line_width(pdf_doc *d, double w)
{
	if (live(d, "pdf_line_width"))
		HPDF_Page_SetLineWidth(d->page, w > 0.0 ? (HPDF_REAL)w : 0.0f);
}

void pdf_dash(pdf_doc *d, const double *pattern, size_t n)
{
#if HPDF_VERSION_ID >= 20400
	HPDF_REAL ptn[DASH_MAX];
#else
	HPDF_UINT16 ptn[DASH_MAX];
#endif
	size_t m = 0;

	if (!live(d, "pdf_dash"))
		return;
	if (n > DASH_MAX)
		n = DASH_MAX;
	/* An odd pattern repeats (PDF semantics); libharu wants it even. */
	for (size_t i = 0; i < n && m < DASH_MAX; i++) {
		double v = pattern[i];

		if (!(v > 0.0))
			v = 0.0;
#if HPDF_VERSION_ID >= 20400
		ptn[m++] = (HPDF_REAL)v;
#else
		/* 2.3 takes whole points; a length below one point becomes 1. */
		v = floor(v + 0.5);
		ptn[m++] = (HPDF_UINT16)(v < 1.0 ? 1.0 : v > 65535.0 ? 65535.0 : v);
#endif
	}
	if (m % 2 == 1 && m > 1) {
		size_t k = m;

		for (size_t i = 0; i < k && m < DASH_MAX; i++)
			ptn[m++] = ptn[i];
		if (m % 2 == 1)
			m--;
	}
	HPDF_Page_SetDash(d->page, m ? ptn : NULL, (HPDF_UINT)m, 0);
}

/* ---- shapes ------------------------------------------------------------ */

static HPDF_REAL py(const pdf_doc *d, double y)
{
	return (HPDF_REAL)(d->height - y);
}

void pdf_line(pdf_doc *d, double x1, double y1, double x2, double y2)
{
	if (!live(d, "pdf_line"))
		return;
	HPDF_Page_MoveTo(d->page, (HPDF_REAL)x1, py(d, y1));
	HPDF_Page_LineTo(d->page, (HPDF_REAL)x2, py(d, y2));
	HPDF_Page_Stroke(d->page);
}

static void path(pdf_doc *d, const double *x, const double *y, size_t n)
{
	HPDF_Page_MoveTo(d->page, (HPDF_REAL)x[0], py(d, y[0]));
	for (size_t i = 1; i < n; i++)
		HPDF_Page_LineTo(d->page, (HPDF_REAL)x[i], py(d, y[i]));
}

void pdf_polyline(pdf_doc *d, const double *x, const double *y, size_t n)
{
	if (!live(d, "pdf_polyline") || n < 2)
		return;
	path(d, x, y, n);
	HPDF_Page_Stroke(d->page);
}

void pdf_polygon(pdf_doc *d, const double *x, const double *y, size_t n)
{
	if (!live(d, "pdf_polygon") || n < 3)
		return;
	path(d, x, y, n);
	HPDF_Page_ClosePath(d->page);
	HPDF_Page_Fill(d->page);
}

void pdf_rect_fill(pdf_doc *d, double x, double y, double w, double h)
{
	if (!live(d, "pdf_rect_fill"))
		return;
	HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, py(d, y + h), (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(d->page);
}

void pdf_rect_stroke(pdf_doc *d, double x, double y, double w, double h)
{
	if (!live(d, "pdf_rect_stroke"))
		return;
	HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, py(d, y + h), (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Stroke(d->page);
}

void pdf_circle(pdf_doc *d, double cx, double cy, double r, int fill)
{
	if (!live(d, "pdf_circle") || !(r > 0.0))
		return;
	HPDF_Page_Circle(d->page, (HPDF_REAL)cx, py(d, cy), (HPDF_REAL)r);
	if (fill)
		HPDF_Page_Fill(d->page);
	else
		HPDF_Page_Stroke(d->page);
}

/* ---- text -------------------------------------------------------------- */

double pdf_text_width(pdf_doc *d, const char *s, pdf_weight w, double size)
{
	char *t;
	double width;

	if (d == NULL || d->status != CHURN_OK || s == NULL || *s == '\0')
		return 0.0;
	d->op = "pdf_text_width";
	t = clean_utf8(d, s, strlen(s));
	if (t == NULL)
		return 0.0;
	width = width_n(d, t, strlen(t), w, size);
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
	(void)width_n(d, s, n, w, size);
	if (d->status != CHURN_OK)
		return;
	ctx.size = size;
	ctx.buf = malloc(n + 1);
	if (ctx.buf == NULL) {
		fail(d, CHURN_ENOMEM, "PDF: out of memory in %s", d->op);
		return;
	}
	HPDF_Page_GSave(d->page);
	HPDF_Page_SetRGBFill(d->page, unit(c.r), unit(c.g), unit(c.b));
	HPDF_Page_BeginText(d->page);
	HPDF_Page_SetTextMatrix(d->page, (HPDF_REAL)a, (HPDF_REAL)b, (HPDF_REAL)-b,
	                        (HPDF_REAL)a, (HPDF_REAL)x, (HPDF_REAL)y);
	(void)for_each_run(d, s, n, w, show_run, &ctx);
	HPDF_Page_EndText(d->page);
	HPDF_Page_GRestore(d->page);
	free(ctx.buf);
}

/* Left-aligned text from s[0..n) (valid UTF-8) with its baseline at y. */
static void text_n(pdf_doc *d, double x, double y, const char *s, size_t n, pdf_weight w,
                   double size, pdf_rgb c)
{
	show(d, s, n, w, size, c, 1.0, 0.0, x, py(d, y));
}

void pdf_text(pdf_doc *d, double x, double y, const char *s, pdf_weight w, double size,
              pdf_align align, pdf_rgb c)
{
	char *t;
	size_t n;

	if (!live(d, "pdf_text") || s == NULL || *s == '\0')
		return;
	t = clean_utf8(d, s, strlen(s));
	if (t == NULL)
		return;
	n = strlen(t);
	if (align != PDF_LEFT) {
		double tw = width_n(d, t, n, w, size);

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

	if (!live(d, "pdf_text_up") || s == NULL || *s == '\0')
		return;
	t = clean_utf8(d, s, strlen(s));
	if (t == NULL)
		return;
	n = strlen(t);
	tw = width_n(d, t, n, w, size);
	/* Reading upward, so it starts at the lower end: y + tw/2 (y down). */
	show(d, t, n, w, size, c, 0.0, 1.0, x, py(d, y + tw / 2.0));
	free(t);
}

/* ---- paragraphs -------------------------------------------------------- */

/* The measurer pdf_text.c lays text out with: width_n in one weight and
 * size; failed once d has an error. */
struct measure_ctx {
	pdf_doc *d;
	pdf_weight w;
	double size;
};

static double measure_width(void *ctx, const char *s, size_t n)
{
	struct measure_ctx *c = ctx;

	return width_n(c->d, s, n, c->w, c->size);
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
	if (draw && !live(d, "pdf_paragraph"))
		return 0.0;
	d->op = "pdf_paragraph";
	t = clean_utf8(d, s, strlen(s));
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
	t = clean_utf8(d, s, strlen(s));
	if (t == NULL)
		return buf;
	ptext_fit(t, strlen(t), width, &m, buf, n);
	free(t);
	return buf;
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
		fail(d, CHURN_ENOMEM, "PDF: out of memory for a %lu-byte file",
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
		fail(d, CHURN_EIO, "PDF: read %lu of %lu bytes from libharu's stream",
		     (unsigned long)got, (unsigned long)size);
		return pdf_doc_status(d, err);
	}
	*out = buf;
	*len = size;
	return CHURN_OK;
}

/*
 * test_pdf.c - the drawing layer over libharu (src/report/pdf.h).
 *
 * What is checked here, without poppler: paper sizes, text widths against
 * DejaVu Sans's own advance widths, word wrapping and shortening, errors
 * (missing fonts, bad page numbers) that leave no crash and no leak, the
 * sample document (tests/pdf/sample.h) saved twice to the same bytes, with
 * no date or /ID and with UTF-16 outline titles.  tests/pdf/sample.sh reads
 * the same document back with pdftotext, pdfinfo and pdffonts.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/pdf/pdf.h"
#include "pdf/sample.h"
#include "tap.h"

static const pdf_rgb black = { 0, 0, 0 };

/* DejaVu Sans 2.37 (Debian fonts-dejavu-core 2.37-6) advance width of 'M'
 * in font units, read from the font file's cmap and hmtx tables with a
 * separate script, not through libharu: 1767 of unitsPerEm 2048. */
#define DEJAVU_UPEM 2048.0
#define DEJAVU_M 1767.0

static int contains(const unsigned char *buf, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; n <= len && i + n <= len; i++)
		if (memcmp(buf + i, needle, n) == 0)
			return 1;
	return 0;
}

static pdf_doc *new_doc(pdf_paper paper)
{
	churn_err err;
	pdf_doc *d = NULL;

	if (pdf_doc_new(paper, NULL, &d, &err) != CHURN_OK)
		diag("pdf_doc_new: %s", err.msg);
	return d;
}

static void test_paper(void)
{
	pdf_paper p = PDF_PAPER_LETTER;
	pdf_doc *d;

	is_int(pdf_paper_parse("A4", &p), 0, "paper: 'A4' parses");
	is_int(p, PDF_PAPER_A4, "paper: 'A4' is A4");
	is_int(pdf_paper_parse("letter", &p), 0, "paper: 'letter' parses");
	is_int(p, PDF_PAPER_LETTER, "paper: 'letter' is Letter");
	is_int(pdf_paper_parse("legal", &p), -1, "paper: 'legal' is refused");

	d = new_doc(PDF_PAPER_A4);
	ok(d != NULL, "doc: a new A4 document with the default fonts");
	if (d) {
		is_double_abs(pdf_width(d), 595.28, 1e-9, "doc: A4 is 595.28 pt wide");
		is_double_abs(pdf_height(d), 841.89, 1e-9, "doc: A4 is 841.89 pt high");
		is_int((long long)pdf_page_count(d), 0, "doc: a new document has no page");
	}
	pdf_doc_free(d);
	d = new_doc(PDF_PAPER_LETTER);
	if (d) {
		is_double_abs(pdf_width(d), 612, 1e-9, "doc: Letter is 612 pt wide");
		is_double_abs(pdf_height(d), 792, 1e-9, "doc: Letter is 792 pt high");
	}
	pdf_doc_free(d);
	pdf_doc_free(NULL);
	ok(1, "doc: pdf_doc_free(NULL) does nothing");
}

static void test_widths(pdf_doc *d)
{
	double m = pdf_text_width(d, "M", PDF_REGULAR, 10);
	double mm = pdf_text_width(d, "MM", PDF_REGULAR, 10);
	double a = pdf_text_width(d, "A", PDF_REGULAR, 10);
	double tai = pdf_text_width(d, "台", PDF_REGULAR, 10);
	churn_err err;

	/* libharu keeps widths in thousandths of the em: 862.79 -> 862. */
	is_double_abs(m, 10 * DEJAVU_M / DEJAVU_UPEM, 0.011,
	              "width: 'M' at 10 pt is DejaVu's advance 1767/2048 em");
	is_double_rel(mm, 2 * m, 1e-12, "width: 'MM' is twice 'M'");
	is_double_rel(pdf_text_width(d, "M", PDF_REGULAR, 20), 2 * m, 1e-12,
	              "width: twice the size, twice the width");
	is_double_abs(pdf_text_width(d, "", PDF_REGULAR, 10), 0, 0, "width: '' is 0");
	ok(pdf_text_width(d, "Retention", PDF_BOLD, 10) >
	   pdf_text_width(d, "Retention", PDF_REGULAR, 10),
	   "width: bold is wider than regular");
	ok(tai > 9 && tai < 11, "width: a CJK ideograph at 10 pt is about 1 em (%g)", tai);
	is_double_rel(pdf_text_width(d, "A台", PDF_REGULAR, 10), a + tai, 1e-12,
	              "width: a mixed string is the sum of its runs");
	is_double_rel(pdf_text_width(d, "台", PDF_BOLD, 10), tai, 1e-12,
	              "width: bold CJK uses the same CJK font");
	is_double_rel(pdf_text_width(d, "a\xff", PDF_REGULAR, 10),
	              pdf_text_width(d, "a\xEF\xBF\xBD", PDF_REGULAR, 10), 1e-12,
	              "width: a bad byte measures as U+FFFD");
	is_double_rel(pdf_text_width(d, "\xF0\xA0\x80\x80", PDF_REGULAR, 10),
	              pdf_text_width(d, "\xEF\xBF\xBD", PDF_REGULAR, 10), 1e-12,
	              "width: U+20000 (beyond 16-bit codes) measures as U+FFFD");
	is_int(pdf_doc_status(d, &err), CHURN_OK, "width: measuring leaves no error");
}

static void test_paragraph(pdf_doc *d)
{
	const double size = 10, lead = 12;
	double w3 = pdf_text_width(d, "aaa", PDF_REGULAR, size);
	double w7 = pdf_text_width(d, "aaa bbb", PDF_REGULAR, size);
	double w4 = pdf_text_width(d, "abcd", PDF_REGULAR, size);
	double cjk2 = pdf_text_width(d, "台北", PDF_REGULAR, size);
	const char *s = "Customers who joined in the first quarter stayed longer than "
	                "those who joined later in the year.";

	is_double_abs(pdf_paragraph(d, 0, 0, w7 + 0.01, "aaa bbb ccc", PDF_REGULAR, size,
	                            lead, black, 0), 2 * lead, 1e-9,
	              "paragraph: 'aaa bbb ccc' in the width of 'aaa bbb' is 2 lines");
	is_double_abs(pdf_paragraph(d, 0, 0, w3, "aaa aaa aaa", PDF_REGULAR, size, lead,
	                            black, 0), 3 * lead, 1e-9,
	              "paragraph: 'aaa aaa aaa' in exactly the width of 'aaa' is 3 lines");
	is_double_abs(pdf_paragraph(d, 0, 0, 1000, "aaa   bbb ccc", PDF_REGULAR, size, lead,
	                            black, 0), lead, 1e-9,
	              "paragraph: a wide column holds it on 1 line");
	is_double_abs(pdf_paragraph(d, 0, 0, w4 + 0.01, "abcdefghij", PDF_REGULAR, size, lead,
	                            black, 0), 3 * lead, 1e-9,
	              "paragraph: an overlong word is broken at characters (abcd/efgh/ij)");
	is_double_abs(pdf_paragraph(d, 0, 0, 0.5, "ab", PDF_REGULAR, size, lead, black, 0),
	              2 * lead, 1e-9,
	              "paragraph: narrower than one character: one character a line");
	is_double_abs(pdf_paragraph(d, 0, 0, cjk2 + 0.01, "台北台北台", PDF_REGULAR, size,
	                            lead, black, 0), 3 * lead, 1e-9,
	              "paragraph: CJK text breaks between characters");
	is_double_abs(pdf_paragraph(d, 0, 0, 1000, "one\ntwo\n\nfour", PDF_REGULAR, size,
	                            lead, black, 0), 4 * lead, 1e-9,
	              "paragraph: newlines end lines (an empty line counts)");
	is_double_abs(pdf_paragraph(d, 0, 0, 100, "", PDF_REGULAR, size, lead, black, 0), 0,
	              0, "paragraph: '' uses no height");
	/* The sample's paragraph: the break after "stayed" is where greedy
	 * wrapping must put it, by the widths themselves. */
	ok(pdf_text_width(d, "Customers who joined in the first quarter stayed",
	                  PDF_REGULAR, 11) <= 300 &&
	   pdf_text_width(d, "Customers who joined in the first quarter stayed longer",
	                  PDF_REGULAR, 11) > 300,
	   "paragraph: the sample's first line ends at 'stayed' in 300 pt at 11 pt");
	is_double_abs(pdf_paragraph(d, 50, 60, 300, s, PDF_REGULAR, 11, 14, black, 0), 28,
	              1e-9, "paragraph: the sample paragraph is 2 lines of 14 pt");
}

static void test_fit(pdf_doc *d)
{
	char buf[64], small[8];
	const char *s = "Customers who joined in the first quarter";
	const char *ell = "\xE2\x80\xA6";
	size_t n;

	pdf_fit_text(d, s, PDF_REGULAR, 10, 100, buf, sizeof buf);
	n = strlen(buf);
	ok(n > strlen(ell) && strcmp(buf + n - strlen(ell), ell) == 0,
	   "fit: a long string is shortened and ends with '…' (%s)", buf);
	ok(pdf_text_width(d, buf, PDF_REGULAR, 10) <= 100, "fit: the result fits in 100 pt");
	ok(n < strlen(s) && strncmp(buf, s, n - strlen(ell)) == 0,
	   "fit: the result is a prefix of the string");
	if (n > strlen(ell) && n < strlen(s)) {
		/* One more character of s before the "…" would not fit. */
		char more[80];
		size_t keep = n - strlen(ell);

		snprintf(more, sizeof more, "%.*s%s", (int)keep + 1, s, ell);
		ok(pdf_text_width(d, more, PDF_REGULAR, 10) > 100,
		   "fit: as much as fits is kept ('%s' would not fit)", more);
	} else {
		ok(0, "fit: as much as fits is kept");
	}
	is_str(pdf_fit_text(d, "short", PDF_REGULAR, 10, 100, buf, sizeof buf), "short",
	       "fit: a string that fits is unchanged");
	is_str(pdf_fit_text(d, "Zürich", PDF_REGULAR, 10, 1, buf, sizeof buf), "",
	       "fit: when not even '…' fits, the result is empty");
	pdf_fit_text(d, "台北台北台北台北", PDF_REGULAR, 10, 35, buf, sizeof buf);
	is_str(buf, "台北…", "fit: CJK is cut at character boundaries");
	pdf_fit_text(d, s, PDF_REGULAR, 10, 1000, small, sizeof small);
	ok(strlen(small) < sizeof small && strcmp(small, "Cust…") == 0,
	   "fit: the buffer's size also limits the result (%s)", small);

	/* A legend or a label column measured at its widest text, padded and
	 * unpadded again ((w + pad) - pad), may come back a rounding error
	 * short of w: that text still fits ("payment 24.…" in the report). */
	const char *legend = "payment 24.6%";
	double w = pdf_text_width(d, legend, PDF_REGULAR, 7.5), pad = 0;
	for (int k = 1; k <= 1000 && pad == 0; k++) {
		volatile double padded = w + 0.25 * k;
		if (padded - 0.25 * k < w)
			pad = 0.25 * k;
	}
	ok(pad > 0, "fit: some padding loses a rounding error of the width (pad %g)", pad);
	volatile double padded = w + pad;
	is_str(pdf_fit_text(d, legend, PDF_REGULAR, 7.5, padded - pad, buf, sizeof buf), legend,
	       "fit: a text a rounding error wider than the width is not cut");
}

static int sample_bytes(unsigned char **out, size_t *len)
{
	churn_err err;
	pdf_doc *d = new_doc(PDF_PAPER_A4);
	churn_status st;

	if (d == NULL)
		return -1;
	pdf_doc_info(d, "Rapport Zürich", "churnkit tests", "São Paulo");
	sample_draw(d);
	st = pdf_save(d, out, len, &err);
	if (st != CHURN_OK)
		diag("pdf_save: %s", err.msg);
	pdf_doc_free(d);
	return st == CHURN_OK ? 0 : -1;
}

static void test_sample(void)
{
	churn_err err;
	pdf_doc *d = new_doc(PDF_PAPER_A4);
	unsigned char *a = NULL, *b = NULL, *c = NULL;
	size_t la = 0, lb = 0, lc = 0;

	if (d == NULL) {
		skip(12, "no document");
		return;
	}
	pdf_doc_info(d, "Rapport Zürich", "churnkit tests", "São Paulo");
	sample_draw(d);
	is_int(pdf_doc_status(d, &err), CHURN_OK, "sample: drawn without error");
	is_int((long long)pdf_page_count(d), 3, "sample: 3 pages");
	is_int(pdf_save(d, &a, &la, &err), CHURN_OK, "sample: saved");
	is_int(pdf_save(d, &b, &lb, &err), CHURN_OK, "sample: saved a second time");
	ok(la > 1000 && la == lb && memcmp(a, b, la) == 0,
	   "sample: saving twice gives the same bytes");
	ok(la > 5 && memcmp(a, "%PDF-", 5) == 0, "sample: the bytes are a PDF");
	ok(sample_bytes(&c, &lc) == 0 && lc == la && memcmp(a, c, la) == 0,
	   "sample: a second document drawn the same way has the same bytes");
	ok(!contains(a, la, "/CreationDate") && !contains(a, la, "/ModDate"),
	   "sample: no creation or modification date");
	ok(!contains(a, la, "/ID"), "sample: no document /ID");
	/* "Zürich" in UTF-16BE with a byte-order mark: FEFF 005A 00FC 0072 0069
	 * 0063 0068; "台北" is U+53F0 U+5317. */
	ok(contains(a, la, "/Title <FEFF005A00FC0072006900630068>"),
	   "sample: the outline title Zürich is UTF-16BE");
	ok(contains(a, la, "/Title <FEFF53F05317>"), "sample: the outline title 台北 is UTF-16BE");
	ok(contains(a, la, "/Title (Retention report)"),
	   "sample: an ASCII outline title stays a plain string");
	/* After saving, drawing does nothing and breaks nothing. */
	pdf_text(d, 10, 10, "late", PDF_REGULAR, 10, PDF_LEFT, black);
	is_int(pdf_doc_status(d, &err), CHURN_OK, "sample: drawing after pdf_save is ignored");
	free(a);
	free(b);
	free(c);
	pdf_doc_free(d);
}

static void test_errors(void)
{
	churn_err err;
	pdf_doc *d = (pdf_doc *)&err;   /* must be reset to NULL */
	pdf_fonts f = { "/nonexistent/DejaVuSans.ttf", NULL, NULL, 0 };
	pdf_fonts nocjk = { NULL, NULL, "/nonexistent/wqy-zenhei.ttc", 0 };
	unsigned char *buf = (unsigned char *)&err;
	size_t len = 1;

	churn_err_clear(&err);
	is_int(pdf_doc_new(PDF_PAPER_A4, &f, &d, &err), CHURN_EIO,
	       "errors: a missing regular font is an I/O error");
	ok(d == NULL, "errors: no document is returned");
	ok(strstr(err.msg, "/nonexistent/DejaVuSans.ttf") != NULL &&
	   strstr(err.msg, "fonts-dejavu-core") != NULL,
	   "errors: the message names the file and the package (%s)", err.msg);

	f.sans = NULL;
	f.sans_bold = "/nonexistent/DejaVuSans-Bold.ttf";
	is_int(pdf_doc_new(PDF_PAPER_A4, &f, &d, &err), CHURN_EIO,
	       "errors: a missing bold font is an I/O error");

	f.sans_bold = "/etc/hostname";   /* readable, not a font */
	is_int(pdf_doc_new(PDF_PAPER_A4, &f, &d, &err), CHURN_EIO,
	       "errors: a file that is not a font is an I/O error");
	ok(strstr(err.msg, "/etc/hostname") != NULL, "errors: ... naming the file (%s)",
	   err.msg);

	is_int(pdf_doc_new(PDF_PAPER_A4, &nocjk, &d, &err), CHURN_OK,
	       "errors: a missing CJK font is no error while no CJK text is drawn");
	if (d == NULL)
		return;
	pdf_page_add(d);
	pdf_text(d, 10, 20, "Zürich", PDF_REGULAR, 10, PDF_LEFT, black);
	is_int(pdf_doc_status(d, &err), CHURN_OK, "errors: Latin text draws");
	pdf_text(d, 10, 40, "台北", PDF_REGULAR, 10, PDF_LEFT, black);
	is_int(pdf_doc_status(d, &err), CHURN_EIO, "errors: CJK text then is an I/O error");
	ok(strstr(err.msg, "wqy-zenhei.ttc") != NULL && strstr(err.msg, "fonts-wqy-zenhei"),
	   "errors: naming the CJK font and its package (%s)", err.msg);
	pdf_page_add(d);
	pdf_line(d, 0, 0, 10, 10);
	is_double_abs(pdf_text_width(d, "M", PDF_REGULAR, 10), 0, 0,
	              "errors: after an error, widths are 0");
	is_int(pdf_outline_add(d, -1, "x"), -1, "errors: after an error, outline_add gives -1");
	is_int((long long)pdf_page_count(d), 1, "errors: after an error, no page is added");
	is_int(pdf_save(d, &buf, &len, &err), CHURN_EIO, "errors: pdf_save reports the error");
	ok(buf == NULL && len == 0, "errors: pdf_save gives no bytes");
	pdf_doc_free(d);

	d = new_doc(PDF_PAPER_A4);
	if (d == NULL)
		return;
	pdf_line(d, 0, 0, 1, 1);
	is_int(pdf_doc_status(d, &err), CHURN_EIO, "errors: drawing before the first page");
	pdf_doc_free(d);

	d = new_doc(PDF_PAPER_A4);
	if (d == NULL)
		return;
	pdf_page_add(d);
	pdf_page_select(d, 1);
	is_int(pdf_doc_status(d, &err), CHURN_EIO, "errors: selecting a page that is not there");
	pdf_doc_free(d);

	d = new_doc(PDF_PAPER_A4);
	if (d == NULL)
		return;
	pdf_page_add(d);
	is_int(pdf_outline_add(d, 3, "x"), -1, "errors: an unknown outline parent gives -1");
	is_int(pdf_doc_status(d, &err), CHURN_EIO, "errors: ... and an error");
	pdf_doc_free(d);
}

int main(void)
{
	pdf_doc *d;

	test_paper();
	d = new_doc(PDF_PAPER_A4);
	if (d != NULL) {
		test_widths(d);
		test_paragraph(d);
		test_fit(d);
	}
	pdf_doc_free(d);
	test_sample();
	test_errors();
	return done_testing();
}

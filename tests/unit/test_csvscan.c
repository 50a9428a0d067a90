/* test_csvscan.c - the loader's tokenizer read against libcsv itself: on
 * generated inputs full of quotes, blanks, delimiters, CR, LF and empty
 * fields, fed in chunks of every size, it must give the fields and record
 * ends libcsv gives (strict mode, as the loader drove it: a quote inside an
 * unquoted field read as text, and a quote closed and followed by text
 * stopping at the same byte with the same field so far). */
#include "churnkit/strbuf.h"
#include "churnkit/utf8.h"
#include "load/csvscan.h"
#include "load/loader.h"
#include "tap.h"

#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIBCSV_OPTIONS (CSV_STRICT | CSV_REPALL_NL | CSV_APPEND_NULL)

/* One side's reading, as text: F<len>:<bytes> per field, R<c> per record
 * end, Q<field> where a closed quote is followed by text, U<field> for a
 * quote never closed. */
static void log_field(strbuf *log, char tag, const char *s, size_t len)
{
	strbuf_printf(log, "%c%zu:", tag, len);
	strbuf_append(log, s, len);
}

/* --- libcsv, driven as the loader drove it before csvscan ------------- */

static void ref_field(void *s, size_t len, void *data)
{
	log_field(data, 'F', s, len);
}

static void ref_row(int c, void *data)
{
	strbuf_printf(data, "R%d", c);
}

static int space_only(unsigned char c) { return c == ' '; }

/* Skips the rest of a bad line (through its CR or LF) from *pos. */
static void skip_line(const char *s, size_t n, size_t *pos, strbuf *log)
{
	while (*pos < n && s[*pos] != '\n' && s[*pos] != '\r')
		(*pos)++;
	strbuf_printf(log, "S%zu", *pos);
	if (*pos < n)
		(*pos)++;
}

static void read_libcsv(const char *s, size_t n, char delim, strbuf *log)
{
	struct csv_parser p;
	size_t pos = 0;
	csv_init(&p, LIBCSV_OPTIONS);
	csv_set_delim(&p, (unsigned char)delim);
	if (delim == '\t')
		csv_set_space_func(&p, space_only);
	while (pos < n) {
		pos += csv_parse(&p, s + pos, n - pos, ref_field, ref_row, log);
		if (pos == n)
			break;
		if (p.pstate == 2 && !p.quoted) {  /* a quote in an unquoted field */
			csv_set_opts(&p, LIBCSV_OPTIONS & ~CSV_STRICT);
			pos += csv_parse(&p, s + pos, 1, ref_field, ref_row, log);
			csv_set_opts(&p, LIBCSV_OPTIONS);
			p.status = CSV_SUCCESS;
			continue;
		}
		log_field(log, 'Q', (char *)p.entry_buf, p.entry_pos);
		csv_fini(&p, NULL, NULL, NULL);
		skip_line(s, n, &pos, log);
	}
	if (p.quoted && p.pstate == 2)
		log_field(log, 'U', (char *)p.entry_buf, p.entry_pos);
	else
		csv_fini(&p, ref_field, ref_row, log);
	csv_free(&p);
}

/* --- csvscan ------------------------------------------------------------ */

typedef struct {
	scanrec rec;
	strbuf log;
	int extras_ok;   /* NUL, line break and UTF-8 notes agreed so far */
} scan_side;

static void log_fields(scan_side *t)
{
	for (size_t k = 0; k < t->rec.nf; k++)
		log_field(&t->log, 'F', t->rec.buf.s + t->rec.off[k], t->rec.len[k]);
}

/* What the record's notes should be, from its fields. */
static void check_notes(scan_side *t)
{
	long nul = 0, bad = 0, breaks = 0;
	for (size_t k = 0; k < t->rec.nf; k++) {
		const char *f = t->rec.buf.s + t->rec.off[k];
		size_t len = t->rec.len[k];
		if (nul == 0 && memchr(f, '\0', len) != NULL)
			nul = (long)k + 1;
		if (bad == 0 && !utf8_valid(f, len))
			bad = (long)k + 1;
		breaks += loader_line_breaks(f, len);
		if (f[len] != '\0')
			t->extras_ok = 0;
	}
	if (nul != t->rec.nul_field || bad != t->rec.bad_utf8_field ||
	    breaks != t->rec.newlines)
		t->extras_ok = 0;
}

static int scan_row(void *data, int c)
{
	scan_side *t = data;
	if (t->rec.nf > 0)
		check_notes(t);
	log_fields(t);
	strbuf_printf(&t->log, "R%d", c);
	scanrec_clear(&t->rec);
	return 0;
}

/* The tokenizer over s[0..n), given `chunk` bytes at a time. */
static void read_scan(const char *s, size_t n, char delim, size_t chunk, scan_side *t)
{
	scanner sc;
	size_t pos = 0;
	scanner_init(&sc, (unsigned char)delim);
	while (pos < n) {
		size_t m = n - pos < chunk ? n - pos : chunk;
		pos += scanner_feed(&sc, &t->rec, s + pos, m, scan_row, t);
		if (sc.stop != SCAN_BAD_QUOTE)
			continue;
		scanner_take_partial(&sc, &t->rec);
		t->rec.nf--;  /* logged apart */
		log_fields(t);
		log_field(&t->log, 'Q', t->rec.buf.s + t->rec.off[t->rec.nf],
		          t->rec.len[t->rec.nf]);
		scanrec_clear(&t->rec);
		skip_line(s, n, &pos, &t->log);
	}
	if (scanner_open_quote(&sc)) {
		scanner_take_partial(&sc, &t->rec);
		t->rec.nf--;
		log_fields(t);
		log_field(&t->log, 'U', t->rec.buf.s + t->rec.off[t->rec.nf],
		          t->rec.len[t->rec.nf]);
	} else {
		scanner_finish(&sc, &t->rec, scan_row, t);
	}
}

/* --- inputs ------------------------------------------------------------- */

static uint64_t next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* A random input of up to `most` bytes from an alphabet weighted towards
 * what the grammar cares about; its delimiter among those the loader
 * takes. */
static size_t make_input(uint64_t *x, char *s, size_t most)
{
	static const char alphabet[] = "ab  \t\"\"\"\",,;;\r\n\n|x\0\xC3\xA9\xFF";
	size_t n = next(x) % (most + 1);
	for (size_t k = 0; k < n; k++)
		s[k] = alphabet[next(x) % (sizeof alphabet - 1)];
	return n;
}

/* 1 when both sides read s[0..n) alike with every chunk size in `chunks`. */
static int same_reading(const char *s, size_t n, char delim, int *notes_ok)
{
	static const size_t chunks[] = {1, 2, 3, 7, 64};
	strbuf ref = STRBUF_INIT;
	int same = 1;
	read_libcsv(s, n, delim, &ref);
	for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++) {
		scan_side t = {.log = STRBUF_INIT, .extras_ok = 1};
		read_scan(s, n, delim, chunks[c], &t);
		if (t.log.len != ref.len || (ref.len > 0 && memcmp(t.log.s, ref.s, ref.len) != 0))
			same = 0;
		*notes_ok &= t.extras_ok;
		scanrec_free(&t.rec);
		strbuf_reset(&t.log);
	}
	strbuf_reset(&ref);
	return same;
}

static void test_generated(void)
{
	static const char delims[] = {',', ';', '\t', '|', ' ', '"'};
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	char s[64];
	long differ = 0, cases = 0;
	int notes_ok = 1;
	for (size_t d = 0; d < sizeof delims; d++) {
		for (int k = 0; k < 8000; k++) {
			size_t n = make_input(&x, s, sizeof s);
			cases++;
			if (!same_reading(s, n, delims[d], &notes_ok) && differ++ < 3) {
				strbuf b = STRBUF_INIT;
				for (size_t i = 0; i < n; i++)
					strbuf_printf(&b, "%02x", (unsigned char)s[i]);
				diag("delimiter %02x, input %s", (unsigned char)delims[d], b.s ? b.s : "");
				strbuf_reset(&b);
			}
		}
	}
	is_int(differ, 0, "csvscan: %ld generated inputs read as libcsv reads them", cases);
	ok(notes_ok, "csvscan: NUL, UTF-8 and line-break notes match the fields");
}

/* Hand-made cases, each with its fields as libcsv gives them. */
static void test_cases(void)
{
	static const struct {
		const char *in;
		char delim;
		const char *want;
	} cases[] = {
		{"a,b\n", ',', "F1:aF1:bR10"},
		{" a , b \r\n", ',', "F1:aF1:bR13R10"},
		{"\"x\"\"y\",\"\"\n", ',', "F3:x\"yF0:R10"},
		{"\"a\nb\",c", ',', "F3:a\nbF1:cR-1"},
		{"6\" screen,1\n", ',', "F9:6\" screenF1:1R10"},
		{"\"ab\"x,1\nc,d\n", ',', "Q3:ab\"S7F1:cF1:dR10"},
		{"\"open,1\n", ',', "U7:open,1\n"},
		{"a\tb \t c\n", '\t', "F1:aF1:bF1:cR10"},
		{",,\n\n", ',', "F0:F0:F0:R10R10"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		scan_side t = {.log = STRBUF_INIT, .extras_ok = 1};
		strbuf ref = STRBUF_INIT;
		size_t n = strlen(cases[k].in);
		read_scan(cases[k].in, n, cases[k].delim, 1 << 20, &t);
		read_libcsv(cases[k].in, n, cases[k].delim, &ref);
		is_str(t.log.s, cases[k].want, "csvscan: case %zu read as expected", k + 1);
		is_str(ref.s, cases[k].want, "csvscan: case %zu read so by libcsv", k + 1);
		scanrec_free(&t.rec);
		strbuf_reset(&t.log);
		strbuf_reset(&ref);
	}
}

int main(void)
{
	test_cases();
	test_generated();
	return done_testing();
}

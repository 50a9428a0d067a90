/* test_csvscan.c - the loader's tokenizer read against libcsv itself: on
 * generated inputs full of quotes, blanks, delimiters, CR, LF and empty
 * fields, fed in chunks of every size, it must give the fields and record
 * ends libcsv gives (strict mode, as the loader drove it: a quote inside an
 * unquoted field read as text, and a quote closed and followed by text
 * stopping at the same byte with the same field so far). */
#include "churnkit/strbuf.h"
#include "csvdiff.h"
#include "tap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	csvdiff_libcsv(s, n, delim, &ref);
	for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++) {
		strbuf log;
		csvdiff_scan(s, n, delim, chunks[c], &log, notes_ok);
		if (log.len != ref.len || (ref.len > 0 && memcmp(log.s, ref.s, ref.len) != 0))
			same = 0;
		strbuf_reset(&log);
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
		for (int k = 0; k < 4000; k++) {
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
		strbuf log, ref = STRBUF_INIT;
		size_t n = strlen(cases[k].in);
		int notes_ok = 1;
		csvdiff_scan(cases[k].in, n, cases[k].delim, 1 << 20, &log, &notes_ok);
		csvdiff_libcsv(cases[k].in, n, cases[k].delim, &ref);
		is_str(log.s, cases[k].want, "csvscan: case %zu read as expected", k + 1);
		is_str(ref.s, cases[k].want, "csvscan: case %zu read so by libcsv", k + 1);
		strbuf_reset(&log);
		strbuf_reset(&ref);
	}
}

int main(void)
{
	test_cases();
	test_generated();
	return done_testing();
}

/* test_loadopts.c - the loader's options for real exports: an input in
 * another encoding read through iconv (source_set_encoding: UTF-8 out, the
 * hash of the bytes as read, a byte the encoding cannot read as an error
 * by line and character, a character split across read buffers), and in
 * the loader --value-scale, --interval, --thousands, COL=VALUE matching
 * with its error listing the values, and the hint load_check gives.
 * Expected bytes and numbers are written by hand (the hash by sha256sum). */
#include "churnkit/load.h"
#include "churnkit/source.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads all of s into buf (cap bytes), `step` bytes a read. */
static churn_status read_all(source *s, char *buf, size_t cap, size_t step, size_t *n,
                             churn_err *e)
{
	size_t got;
	churn_status st;
	*n = 0;
	do {
		size_t want = step < cap - *n ? step : cap - *n;
		if ((st = source_read(s, buf + *n, want, &got, e)) != CHURN_OK)
			return st;
		*n += got;
	} while (got > 0 && *n < cap);
	return CHURN_OK;
}

static void test_cp1252(void)
{
	const char raw[] = "M\xfcller;\x80\n";
	source *s = NULL;
	churn_err e;

	churn_err_clear(&e);
	char buf[64], hex[65];
	size_t n;

	source_open_mem(raw, sizeof raw - 1, "w", &s, &e);
	is_int(source_set_encoding(s, "Windows-1252", &e), CHURN_OK,
	       "encoding: windows-1252 is accepted, in any case");
	is_int(read_all(s, buf, sizeof buf, 1, &n, &e), CHURN_OK,
	       "encoding: read a byte at a time");
	ok(n == 12 && memcmp(buf, "M\xc3\xbcller;\xe2\x82\xac\n", 12) == 0,
	   "encoding: ü and € come out as UTF-8, byte by byte");
	source_sha256_hex(s, hex);
	is_str(hex, "d3bc9e778fef1bf466a47bde4a7d6ec1fab1c9dcb13f566feddfdd10b9dd25b2",
	       "encoding: the hash is that of the bytes as read (sha256sum)");
	is_int((long long)source_bytes(s), 9, "encoding: the 9 bytes as read are counted");
	source_free(s);
}

static void test_bad_byte(void)
{
	/* 0x81 is no Windows-1252 character; it is the 3rd character of line 2
	 * (lines end with CRLF). */
	const char raw[] = "id,x\r\nab\x81,1\r\n";
	source *s = NULL;
	churn_err e;

	churn_err_clear(&e);
	char buf[64];
	size_t n;

	source_open_mem(raw, sizeof raw - 1, "bad.csv", &s, &e);
	source_set_encoding(s, "cp1252", &e);
	is_int(read_all(s, buf, sizeof buf, 64, &n, &e), CHURN_EDATA,
	       "encoding: a byte windows-1252 cannot read is a data error");
	ok(e.line == 2 && e.col == 3 && strstr(e.msg, "0x81") != NULL &&
	   strstr(e.msg, "windows-1252") != NULL,
	   "encoding: the error names line 2, character 3, the byte and the encoding (%ld:%ld %s)",
	   e.line, e.col, e.msg);
	source_free(s);

	/* UTF-8 read as windows-1252 would be garbled ("\xC3\xBC" as two
	 * characters): an error at the character, 4th of line 2. */
	source_open_mem("id\nab\xC3\xBCx\n", 9, "u8.csv", &s, &e);
	source_set_encoding(s, "windows-1252", &e);
	ok(read_all(s, buf, sizeof buf, 64, &n, &e) == CHURN_EDATA && e.line == 2 &&
	   e.col == 3 && strstr(e.msg, "looks like UTF-8") != NULL,
	   "encoding: a UTF-8 file read as windows-1252 is refused at its first UTF-8 "
	   "character (%ld:%ld %s)", e.line, e.col, e.msg);
	source_free(s);

	source_open_mem("a,b\n", 4, "u", &s, &e);
	is_int(source_set_encoding(s, "ebcdic", &e), CHURN_EUSAGE,
	       "encoding: an unknown name is a usage error");
	ok(strstr(e.msg, "windows-1252") != NULL, "encoding: the error lists the names");
	source_free(s);
}

static void test_utf16(void)
{
	/* "a\nb" in UTF-16LE with a byte-order mark, in UTF-16BE with one, and
	 * UTF-16LE cut inside its last character. */
	const char le[] = "\xff\xfe" "a\0\n\0b\0", be[] = "\xfe\xff" "\0a\0\n\0b",
	           cut[] = "a\0b";
	source *s = NULL;
	churn_err e;

	churn_err_clear(&e);
	char buf[16];
	size_t n;

	source_open_mem(le, sizeof le - 1, "le", &s, &e);
	source_set_encoding(s, "utf-16", &e);
	ok(read_all(s, buf, sizeof buf, 16, &n, &e) == CHURN_OK && n == 3 &&
	   memcmp(buf, "a\nb", 3) == 0, "utf-16: little-endian by its mark, the mark dropped");
	source_free(s);
	source_open_mem(be, sizeof be - 1, "be", &s, &e);
	source_set_encoding(s, "utf-16", &e);
	ok(read_all(s, buf, sizeof buf, 16, &n, &e) == CHURN_OK && n == 3 &&
	   memcmp(buf, "a\nb", 3) == 0, "utf-16: big-endian by its mark");
	source_free(s);
	/* Without a mark, "a\0" starts a little-endian file. */
	source_open_mem(le + 2, sizeof le - 3, "nobom", &s, &e);
	source_set_encoding(s, "utf-16", &e);
	ok(read_all(s, buf, sizeof buf, 16, &n, &e) == CHURN_OK && n == 3 &&
	   memcmp(buf, "a\nb", 3) == 0,
	   "utf-16: little-endian without a mark, by its zero bytes");
	source_free(s);
	source_open_mem(be + 2, sizeof be - 3, "nobom", &s, &e);
	source_set_encoding(s, "utf-16", &e);
	ok(read_all(s, buf, sizeof buf, 16, &n, &e) == CHURN_OK && n == 3 &&
	   memcmp(buf, "a\nb", 3) == 0, "utf-16: big-endian without a mark");
	source_free(s);
	source_open_mem(cut, sizeof cut - 1, "cut", &s, &e);
	source_set_encoding(s, "utf-16le", &e);
	ok(read_all(s, buf, sizeof buf, 16, &n, &e) == CHURN_EDATA &&
	   strstr(e.msg, "ends inside a character") != NULL,
	   "utf-16le: an input ending inside a character is a data error");
	source_free(s);
}

/* A character split between two of the decoder's 64 KiB input buffers, in
 * an input of 200,000 bytes read in odd steps: every byte comes out. */
static void test_split(void)
{
	size_t nraw = 200000, at = 65534, n;
	char *raw = malloc(nraw), *out = malloc(nraw);
	source *s = NULL;
	churn_err e;

	churn_err_clear(&e);

	for (size_t k = 0; k < nraw; k += 2) {
		raw[k] = 'x';
		raw[k + 1] = 0;
	}
	/* U+1F600 as a UTF-16LE surrogate pair D83D DE00, at bytes 65534..65537. */
	memcpy(raw + at, "\x3d\xd8\x00\xde", 4);
	source_open_mem(raw, nraw, "big", &s, &e);
	source_set_encoding(s, "utf-16le", &e);
	is_int(read_all(s, out, nraw, 4099, &n, &e), CHURN_OK, "split: read through");
	/* 99,998 x's and one 4-byte character. */
	ok(n == (nraw - 4) / 2 + 4 && memcmp(out + at / 2, "\xf0\x9f\x98\x80", 4) == 0 &&
	   out[at / 2 - 1] == 'x' && out[at / 2 + 4] == 'x' && out[n - 1] == 'x',
	   "split: the pair across the buffers comes out whole (%zu bytes)", n);
	source_free(s);
	free(raw);
	free(out);
}

/* A UTF-8 file read as windows-1252 whose first UTF-8 character (ü, C3 BC)
 * stands across the decoder's 64 KiB input buffers, at bytes 65535..65536:
 * refused like any other, not converted half by half into "Ã¼". */
static void test_split_utf8(void)
{
	size_t nraw = 70000, at = 65535, n;
	char *raw = malloc(nraw), *out = malloc(3 * nraw);
	source *s = NULL;
	churn_err e;

	churn_err_clear(&e);

	memset(raw, 'x', nraw);
	raw[1000] = '\n';
	memcpy(raw + at, "\xc3\xbc", 2);
	source_open_mem(raw, nraw, "split8", &s, &e);
	source_set_encoding(s, "windows-1252", &e);
	churn_status st = read_all(s, out, 3 * nraw, 4099, &n, &e);
	ok(st == CHURN_EDATA && e.line == 2 && e.col == (long)(at - 1000) &&
	   strstr(e.msg, "looks like UTF-8") != NULL,
	   "split: a UTF-8 character across the buffers is refused at line 2, character "
	   "%zu (%ld:%ld %s)", at - 1000, e.line, e.col, e.msg);
	source_free(s);
	free(raw);
	free(out);
}

/* Loads `text` with map m and options o. */
static churn_status load_text(const char *text, const load_map *m, const load_opts *o,
                              load_result **r, churn_err *e)
{
	source *s = NULL;
	source_open_mem(text, strlen(text), "t.csv", &s, e);
	churn_status st = load_csv_source(s, m, o, r, e);
	source_free(s);
	return st;
}

static void test_loader_encoding(void)
{
	load_map m;
	load_opts o;
	load_result *r = NULL;
	churn_err e;

	churn_err_clear(&e);

	memset(&m, 0, sizeof m);
	m.id = "id";
	load_opts_init(&o);
	o.encoding = "latin1";
	ok(load_text("id;name\n1;M\xfcller\n2;B\xe9la\n", &m, &o, &r, &e) == CHURN_OK &&
	   r->rows_rejected == 0 && strcmp(table_find(r->t, "name")->levels[0], "M\xc3\xbcller") == 0,
	   "loader: a Latin-1 file loads with its names in UTF-8");
	load_result_free(r);
}

static void test_value_options(void)
{
	load_map m;
	load_opts o;
	load_result *r = NULL;
	churn_err e;

	churn_err_clear(&e);
	const char *text = "id;start;cents;plan;every\n"
	                   "1;2024-01-01;123456;month;1\n"
	                   "2;2024-01-01;\"1.200.000\";Yearly;1\n"
	                   "3;2024-01-01;1000;week;2\n"
	                   "4;2024-01-01;;;\n";

	memset(&m, 0, sizeof m);
	m.id = "id";
	m.start = "start";
	m.value = "cents";
	m.interval = "plan";
	m.interval_count = "every";
	load_opts_init(&o);
	o.value_scale = 0.01;
	o.thousands = '.';
	o.decimal = ',';
	ok(load_text(text, &m, &o, &r, &e) == CHURN_OK && r->rows_rejected == 0,
	   "value: cents, thousands and intervals load (%s)", e.msg);
	if (r != NULL) {
		const double *v = table_find(r->t, "cents")->num;
		ok(v[0] == 1234.56, "value: 123456 cents a month is 1234.56 (123456 / 100)");
		ok(v[1] == 1000, "value: 1.200.000 cents a year is 1000 a month");
		is_double_rel(v[2], 10.0 * 52 / 24, 1e-15,
		              "value: 1000 cents every 2 weeks is 10 * 52 / 24 a month");
		ok(isnan(v[3]), "value: a missing value needs no interval");
	}
	load_result_free(r);

	ok(load_text("id;start;cents;plan;every\n1;2024-01-01;5;fortnight;1\n", &m, &o, &r, &e) ==
	   CHURN_OK && r->rows_rejected == 1 && r->by_reason[LOAD_BAD_INTERVAL] == 1 &&
	   r->rejects[0].line == 2 && r->rejects[0].col == 4 &&
	   strstr(r->rejects[0].msg, "'fortnight'") != NULL,
	   "value: an unknown interval is a bad row naming the value and its column");
	is_str(load_reason_name(LOAD_BAD_INTERVAL), "unknown interval",
	       "value: its reason is named 'unknown interval'");
	{
		int named = 1;
		for (int q = 0; q < LOAD_NREASONS; q++)
			named &= load_reason_name((load_reason)q) != NULL;
		ok(named, "value: every reason has a name");
	}
	load_result_free(r);
	ok(load_text("id;start;cents;plan;every\n1;2024-01-01;5;;1\n", &m, &o, &r, &e) ==
	   CHURN_OK && r->by_reason[LOAD_BAD_MISSING] == 1,
	   "value: a value without its interval is a bad row");
	load_result_free(r);
	ok(load_text("id;start;cents;plan;every\n1;2024-01-01;5;month;0\n", &m, &o, &r, &e) ==
	   CHURN_OK && r->by_reason[LOAD_BAD_NUMBER] == 1,
	   "value: an interval count of 0 is a bad row");
	load_result_free(r);

	o.thousands = ',';
	is_int(load_text(text, &m, &o, &r, &e), CHURN_EUSAGE,
	       "value: --thousands equal to --decimal is a usage error");
	o.thousands = 0;
	o.value_scale = -1;
	is_int(load_text(text, &m, &o, &r, &e), CHURN_EUSAGE,
	       "value: a scale at or below 0 is a usage error");
}

static void test_flag_value(void)
{
	load_map m;
	load_opts o;
	load_result *r = NULL;
	churn_err e;

	churn_err_clear(&e);
	const char *text = "id,months,Churn\n1,5,Yes\n2,7,No\n3,2, yes\n4,9,No\n";

	memset(&m, 0, sizeof m);
	m.id = "id";
	m.duration = "months";
	m.event = "Churn";
	m.event_value = "YES ";
	load_opts_init(&o);
	ok(load_text(text, &m, &o, &r, &e) == CHURN_OK &&
	   table_find(r->t, "Churn")->num[0] == 1 && table_find(r->t, "Churn")->num[1] == 0 &&
	   table_find(r->t, "Churn")->num[2] == 1, "flag: Churn=YES matches Yes and ' yes'");
	load_result_free(r);
	m.event_value = "churned";
	r = NULL;
	ok(load_text(text, &m, &o, &r, &e) == CHURN_EUSAGE && r == NULL &&
	   strstr(e.msg, "'Yes' (1), 'No' (2), 'yes' (1)") != NULL,
	   "flag: a value no row holds is a usage error listing the values (%s)", e.msg);
	m.event_value = NULL;
	ok(load_text("id,months,Churn\n1,5,ja\n2,7,nein\n3,2,JA\n", &m, &o, &r, &e) ==
	   CHURN_OK && r->rows_rejected == 0 && table_find(r->t, "Churn")->num[2] == 1,
	   "flag: ja/nein read as yes/no");
	load_result_free(r);
}

static void test_hint(void)
{
	load_map m;
	load_opts o;
	load_result *r = NULL;
	churn_err e;

	churn_err_clear(&e);
	const char *text = "id;start;mrr\n1;2024-01-01;21,05\n2;2024-01-01;3,5\n"
	                   "3;2024-01-01;12\n";

	memset(&m, 0, sizeof m);
	m.id = "id";
	m.start = "start";
	m.value = "mrr";
	load_opts_init(&o);
	ok(load_text(text, &m, &o, &r, &e) == CHURN_OK && r->rows_rejected == 2,
	   "hint: 2 of 3 values with a decimal comma are bad rows");
	ok(load_check(r, &o, &e) == CHURN_EDATA &&
	   strstr(e.msg, "most values of column 'mrr' would read with --decimal ,") != NULL,
	   "hint: load_check's error says --decimal , (%s)", e.msg);
	load_result_free(r);
	ok(load_text("id;start;mrr\n1;2024-01-01;21,05\n2;2024-01-01;3\n3;2024-01-01;12\n",
	             &m, &o, &r, &e) == CHURN_OK && r->hint[0] == '\0',
	   "hint: none when half or fewer of the values fail that way");
	load_result_free(r);
}

int main(void)
{
	test_cp1252();
	test_bad_byte();
	test_utf16();
	test_split();
	test_split_utf8();
	test_loader_encoding();
	test_value_options();
	test_flag_value();
	test_hint();
	return done_testing();
}

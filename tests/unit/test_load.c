/* test_load.c - the streaming CSV loader: formats, line numbers, bad rows. */
#include "churnkit/date.h"
#include "churnkit/load.h"
#include "churnkit/utf8.h"
#include "tap.h"

#if defined(__SANITIZE_ADDRESS__)
/* AddressSanitizer's own count (sanitizer/allocator_interface.h, which
 * Debian's gcc does not ship): under it, mallinfo2 sees nothing. */
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes `text` (len bytes) to a new temporary file; returns its path. */
static char *tmpfile_with(const char *text, size_t len)
{
	char *path = strdup("/tmp/churnkit-test-load-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len)
		return NULL;
	close(fd);
	return path;
}

static load_result *load_text(const char *text, size_t len, const load_map *m,
                              const load_opts *o, churn_err *e, churn_status *st)
{
	load_result *r = NULL;
	char *path = tmpfile_with(text, len);
	*st = load_csv(path, m, o, &r, e);
	unlink(path);
	free(path);
	return r;
}

static const table_col *col(const load_result *r, const char *name)
{
	return table_find(r->t, name);
}

static const char *level(const table_col *c, size_t i)
{
	return c->codes[i] == TABLE_CODE_NA ? NULL : c->levels[c->codes[i]];
}

static void test_basic(void)
{
	const char *csv =
		"id,start,end,plan,mrr\n"
		"a,2024-01-15,,Pro,100.5\n"
		"b,2024-02-01,2024-03-10,Basic,20\n"
		"c,2024-02-20,,Pro,\n";
	load_map m = {.id = "id", .start = "start", .end = "end", .value = "mrr"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_opts_init(&o);
	load_result *r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	is_int(st, CHURN_OK, "load: a plain comma file loads");
	if (r == NULL)
		return;
	is_int(r->rows_read, 3, "load: three data rows read");
	is_int((long long)r->t->nrows, 3, "load: three rows used");
	is_int(r->delimiter, ',', "load: comma detected");
	is_int(col(r, "start")->kind, TABLE_DATE, "load: start is a date column");
	is_int(col(r, "start")->date[1], date_from_civil(2024, 2, 1), "load: start of row 2");
	ok(col(r, "end")->date[0] == TABLE_DATE_NA, "load: empty end = still active");
	is_int(col(r, "end")->date[1], date_from_civil(2024, 3, 10), "load: end of row 2");
	is_int(r->as_of, date_from_civil(2024, 3, 10), "load: as-of defaults to the latest date");
	is_int(col(r, "plan")->kind, TABLE_CAT, "load: text column is categorical");
	is_str(level(col(r, "plan"), 2), "Pro", "load: level of row 3");
	is_int((long long)col(r, "plan")->nlevels, 2, "load: two plans");
	is_double_rel(col(r, "mrr")->num[0], 100.5, 0, "load: value parsed");
	ok(isnan(col(r, "mrr")->num[2]), "load: empty value is missing");
	is_int((long long)col(r, "mrr")->nmissing, 1, "load: one missing value counted");
	is_int(r->t->line[2], 4, "load: row 3 is on line 4");
	load_result_free(r);
}

static void test_bom_crlf_quotes(void)
{
	const char *csv =
		"\xEF\xBB\xBFid,start,note\r\n"
		"a,2024-01-15,\"two\r\nlines\"\r\n"
		"\r\n"
		"b,2024-02-01,\"say \"\"hi\"\", ok\"\r\n"
		"c,2024-02-20,Zürich";  /* no final newline */
	load_map m = {.id = "id", .start = "start"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_opts_init(&o);
	load_result *r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	is_int(st, CHURN_OK, "load: BOM + CRLF + quoted newline loads");
	if (r == NULL)
		return;
	ok(r->bom, "load: the BOM is noticed and skipped");
	ok(table_find(r->t, "id") != NULL, "load: the first column name has no BOM");
	is_int((long long)r->t->nrows, 3, "load: three rows (blank line skipped)");
	is_str(level(col(r, "note"), 0), "two\r\nlines", "load: quoted newline kept in the field");
	is_str(level(col(r, "note"), 1), "say \"hi\", ok", "load: doubled quotes and a comma inside quotes");
	is_str(level(col(r, "note"), 2), "Zürich", "load: UTF-8 kept verbatim");
	is_int(r->t->line[0], 2, "load: row 1 on line 2");
	is_int(r->t->line[1], 5, "load: row 2 on line 5 (after a two-line field and a blank line)");
	is_int(r->t->line[2], 6, "load: last row without newline on line 6");
	load_result_free(r);
}

static void test_semicolon_decimal_comma(void)
{
	const char *csv = "id;t;churned;mrr\nx;3;ja;1,5\ny;0;nein;2\n";
	load_map m = {.id = "id", .duration = "t", .event = "churned", .event_value = "ja"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_opts_init(&o);
	o.decimal = ',';
	load_result *r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	is_int(st, CHURN_OK, "load: semicolon file with decimal commas loads");
	if (r == NULL)
		return;
	is_int(r->delimiter, ';', "load: semicolon detected");
	is_double_rel(col(r, "mrr")->num[0], 1.5, 0, "load: 1,5 is 1.5 with --decimal ,");
	is_double_rel(col(r, "churned")->num[0], 1, 0, "load: event=VALUE matches");
	is_double_rel(col(r, "churned")->num[1], 0, 0, "load: event=VALUE does not match");
	is_double_rel(col(r, "t")->num[1], 0, 0, "load: duration 0 allowed");
	load_result_free(r);
}

static void test_tab(void)
{
	const char *csv = "id\tt\tev\tcity\nx\t3\tyes\tSão Paulo\ny\t5\tno\t台北\n";
	load_map m = {.id = "id", .duration = "t", .event = "ev"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_opts_init(&o);
	load_result *r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	is_int(st, CHURN_OK, "load: tab-delimited loads");
	if (r == NULL)
		return;
	is_int(r->delimiter, '\t', "load: tab detected");
	is_str(level(col(r, "city"), 0), "São Paulo", "load: a space inside a tab field is kept");
	is_double_rel(col(r, "ev")->num[0], 1, 0, "load: yes is an event");
	load_result_free(r);
}

static void test_bad_rows(void)
{
	const char *csv =
		"id,start,end,n\n"
		"a,2024-01-15,,1\n"                /* line 2 ok */
		"b,2024-02-30,,2\n"                /* line 3 impossible date, col 2 */
		"c,2024-02-01,2024-01-01,3\n"      /* line 4 end before start, col 3 */
		"a,2024-03-01,,4\n"                /* line 5 duplicate of line 2 */
		"d,2024-03-01\n"                   /* line 6 too few fields */
		"e,2024-03-01,,5,extra\n"          /* line 7 too many fields */
		",2024-03-01,,6\n"                 /* line 8 missing id */
		"f,,,7\n"                          /* line 9 missing start */
		"g,2024-03-02,,x\n";               /* line 10 ok: n becomes categorical */
	load_map m = {.id = "id", .start = "start", .end = "end"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_opts_init(&o);
	load_result *r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	is_int(st, CHURN_OK, "load: a file with bad rows still reads");
	if (r == NULL)
		return;
	is_int(r->rows_read, 9, "load: nine data rows read");
	is_int((long long)r->t->nrows, 2, "load: two good rows");
	is_int(r->rows_rejected, 7, "load: seven bad rows");
	is_int(r->by_reason[LOAD_BAD_DATE], 1, "load: one bad date");
	is_int(r->by_reason[LOAD_BAD_ORDER], 1, "load: one end before start");
	is_int(r->by_reason[LOAD_BAD_DUPLICATE], 1, "load: one duplicate id");
	is_int(r->by_reason[LOAD_BAD_FIELDS], 2, "load: two wrong field counts");
	is_int(r->by_reason[LOAD_BAD_MISSING], 2, "load: two missing required values");
	ok(r->rejects[0].line == 3 && r->rejects[0].col == 2, "load: bad date at line 3, column 2");
	ok(r->rejects[1].line == 4 && r->rejects[1].col == 3, "load: end before start at 4:3");
	ok(r->rejects[2].line == 5 && strstr(r->rejects[2].msg, "first on line 2") != NULL,
	   "load: duplicate id names the first line");
	ok(r->rejects[3].line == 6 && r->rejects[3].col == 3, "load: short row at 6:3");
	ok(r->rejects[4].line == 7 && r->rejects[4].col == 5, "load: long row at 7:5");
	is_int(col(r, "n")->kind, TABLE_CAT, "load: a column with text is categorical");
	is_str(level(col(r, "n"), 0), "1", "load: rows before the first text get their text back");
	is_str(level(col(r, "n"), 1), "x", "load: the text value itself is a level");
	is_int((long long)col(r, "n")->nlevels, 2, "load: levels only from good rows");
	is_str(level(col(r, "id"), 1), "g", "load: good rows keep their order");
	is_int(load_check(r, &o, &e), CHURN_EDATA, "load: 7 of 9 bad fails the 1%% limit");
	o.max_bad = 7;
	o.max_bad_is_fraction = 0;
	is_int(load_check(r, &o, &e), CHURN_OK, "load: a count limit of 7 allows 7 bad rows");
	load_result_free(r);
}

static void test_auto_columns(void)
{
	const char *csv =
		"id,a,b,c,d\n"
		"p,1.50,,x,7\n"
		"q,2, ,,8\n"
		"r,-3,,9,n/a\n"
		"s,1e2,,,\n";
	load_map m = {.id = "id"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_opts_init(&o);
	load_result *r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	is_int(st, CHURN_OK, "load: automatic column types");
	if (r == NULL)
		return;
	is_int(col(r, "a")->kind, TABLE_NUM, "load: all numbers -> numeric");
	is_double_rel(col(r, "a")->num[3], 100, 0, "load: 1e2 is 100");
	is_int(col(r, "b")->kind, TABLE_NUM, "load: all missing stays numeric");
	is_int((long long)col(r, "b")->nmissing, 4, "load: whitespace-only counts as missing");
	is_int(col(r, "c")->kind, TABLE_CAT, "load: text first -> categorical");
	is_str(level(col(r, "c"), 2), "9", "load: a number in a text column is a level");
	is_int((long long)col(r, "c")->nmissing, 2, "load: missing in a text column");
	is_int(col(r, "d")->kind, TABLE_CAT, "load: text after numbers -> categorical");
	is_str(level(col(r, "d"), 0), "7", "load: first rows refilled by a second pass");
	is_str(level(col(r, "d"), 1), "8", "load: second row refilled");
	is_str(level(col(r, "d"), 2), "n/a", "load: the text that turned it");
	ok(level(col(r, "d"), 3) == NULL, "load: a missing value after the turn");
	is_int((long long)col(r, "d")->nmissing, 1, "load: one missing in the turned column");
	load_result_free(r);
}

static void test_event_outcome(void)
{
	const char *csv = "id,t,Churn\na,3,Yes\nb,4,No\n";
	load_map m = {.id = "id", .duration = "t", .event = "Churn", .event_value = "Yes",
	              .outcome = "Churn", .outcome_value = "Yes"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_opts_init(&o);
	load_result *r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	ok(st == CHURN_OK && col(r, "Churn")->num[0] == 1 && col(r, "Churn")->num[1] == 0,
	   "load: one churn flag can be both --event and --outcome");
	load_result_free(r);
	m.outcome_value = "No";
	r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	ok(st == CHURN_EUSAGE && strstr(e.msg, "--event and to --outcome with different values"),
	   "load: --event and --outcome reading one column differently is a usage error");
	m.outcome = NULL;
	m.start = "t";
	m.duration = NULL;
	m.event = NULL;
	m.end = "t";
	r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	ok(st == CHURN_EUSAGE && strstr(e.msg, "given to --start and to --end") != NULL,
	   "load: a column given to two options names both");
}

static void test_errors(void)
{
	load_map m = {.id = "id", .start = "signup"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_result *r;
	load_opts_init(&o);

	const char *csv = "id,start\na,2024-01-01\n";
	r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	ok(st == CHURN_EUSAGE && r == NULL && strstr(e.msg, "no column 'signup'") != NULL,
	   "load: a mapped column that is absent is a usage error naming it");

	m.start = "start";
	const char *quote = "id,start\na,2024-01-01\nb,\"2024-01-02\nc,2024-01-03\n";
	r = load_text(quote, strlen(quote), &m, &o, &e, &st);
	ok(st == CHURN_OK && r->by_reason[LOAD_BAD_QUOTE] == 1 && r->rejects[0].line == 3 &&
	   r->rejects[0].col == 2, "load: an unclosed quote is a bad row at its line and column");
	load_result_free(r);

	const char *future = "id,start\na,2024-01-01\nb,2030-01-01\n";
	o.has_as_of = 1;
	o.as_of = date_from_civil(2025, 1, 1);
	r = load_text(future, strlen(future), &m, &o, &e, &st);
	ok(st == CHURN_OK && r->by_reason[LOAD_BAD_FUTURE] == 1 && r->as_of == o.as_of,
	   "load: a date after --as-of is a bad row");
	load_result_free(r);
	o.has_as_of = 0;

	const char nul[] = "id,start\na,2024-01-01\nb\0,2024-01-02\n";
	r = load_text(nul, sizeof nul - 1, &m, &o, &e, &st);
	ok(st == CHURN_OK && r->by_reason[LOAD_BAD_ENCODING] == 1 && r->rejects[0].line == 3,
	   "load: a NUL byte is a bad row");
	load_result_free(r);

	const char *latin1 = "id,start,city\na,2024-01-01,Z\xfcrich\nb,2024-01-02,Bern\n";
	r = load_text(latin1, strlen(latin1), &m, &o, &e, &st);
	ok(st == CHURN_OK && r->by_reason[LOAD_BAD_ENCODING] == 1 && r->rejects[0].line == 2 &&
	   r->rejects[0].col == 3 && strstr(r->rejects[0].msg, "not UTF-8") != NULL,
	   "load: a Latin-1 field is a bad row at its line and column");
	load_result_free(r);
	const char *latin1h = "id,start,St\xe4" "dte\na,2024-01-01,x\n";
	r = load_text(latin1h, strlen(latin1h), &m, &o, &e, &st);
	ok(st == CHURN_EDATA && e.line == 1 && e.col == 3 && strstr(e.msg, "not UTF-8") != NULL,
	   "load: a Latin-1 header is an error at 1:3");

	const char utf16[] = "\xFF\xFEi\0d\0";
	r = load_text(utf16, sizeof utf16 - 1, &m, &o, &e, &st);
	ok(st == CHURN_EDATA && strstr(e.msg, "UTF-16") != NULL, "load: UTF-16 is refused");

	r = load_text("", 0, &m, &o, &e, &st);
	ok(st == CHURN_EDATA && strstr(e.msg, "empty") != NULL, "load: an empty file is refused");

	const char *dup = "id,start,id\n";
	r = load_text(dup, strlen(dup), &m, &o, &e, &st);
	ok(st == CHURN_EDATA && e.line == 1 && e.col == 3, "load: a duplicate column name at 1:3");

	st = load_csv("/nonexistent/x.csv", &m, &o, &r, &e);
	is_int(st, CHURN_EIO, "load: a missing file is an I/O error");

	load_map none = {0};
	const char *hdr = "a,b\n";
	r = load_text(hdr, strlen(hdr), &none, &o, &e, &st);
	ok(st == CHURN_OK && load_check(r, &o, &e) == CHURN_EDATA &&
	   strstr(e.msg, "no data rows") != NULL, "load: a header alone has no data rows");
	load_result_free(r);
}

static void test_weights_entry(void)
{
	const char *csv = "id,t,e,w,in\na,5,1,2,1\nb,3,0,1.5,0\nc,4,0,0,0\nd,2,1,1,2\ne,6,1,1,\n";
	load_map m = {.id = "id", .duration = "t", .event = "e", .weight = "w", .entry = "in"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_opts_init(&o);
	load_result *r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	is_int(st, CHURN_OK, "load: weights and entry times load");
	if (r == NULL)
		return;
	is_int((long long)r->t->nrows, 4, "load: four good rows of five");
	is_int(r->by_reason[LOAD_BAD_NUMBER], 1, "load: weight 1.5 is not a whole number");
	is_double_rel(col(r, "w")->num[1], 0, 0, "load: weight 0 is allowed, as R allows it");
	is_int(r->by_reason[LOAD_BAD_ORDER], 0,
	       "load: entry 2 at duration 2 loads (no time at risk: the analyses leave it out)");
	is_double_rel(col(r, "in")->num[3], 0, 0, "load: a missing entry time is 0");
	load_result_free(r);
}

/* Quotes checked strictly: a quote closed and followed by text is a bad row
 * at the line where it opened, the rest of its line included; a quote inside
 * an unquoted field is text; an unclosed quote counts every line it holds. */
static void test_quotes(void)
{
	load_map m = {.id = "id", .start = "start"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_result *r;
	load_opts_init(&o);

	/* Lines: 1 header, 2 a, 3 b (a stray quote opens), 4 c, 5 d ("x" closes
	 * it and is followed by x), 6 e, 7 f. */
	const char *stray = "id,start,note\na,2024-01-01,ok\nb,2024-01-02,\"stray\n"
	                    "c,2024-01-03,fine\nd,2024-01-04,\"x\"x\ne,2024-01-05,ok\n"
	                    "f,2024-01-06,ok\n";
	r = load_text(stray, strlen(stray), &m, &o, &e, &st);
	is_int(st, CHURN_OK, "quote: a stray quote does not stop the load");
	if (r == NULL)
		return;
	is_int(r->rows_read, 4, "quote: records a, b (lines 3-5), e, f");
	is_int(r->rows_rejected, 1, "quote: the merged record is a bad row");
	is_int(r->lines_rejected, 3, "quote: it holds three physical lines");
	ok(r->nrejects_kept == 1 && r->rejects[0].line == 3 && r->rejects[0].col == 3 &&
	   r->rejects[0].reason == LOAD_BAD_QUOTE &&
	   strstr(r->rejects[0].msg, "closed on line 5") != NULL,
	   "quote: named at line 3, field 3, where the quote opened, and where it closed");
	ok(r->t->nrows == 3 && r->t->line[1] == 6 && r->t->line[2] == 7,
	   "quote: reading goes on with the next line (e on 6, f on 7)");
	ok(load_check(r, &o, &e) == CHURN_EDATA && strstr(e.msg, "3 bad rows of 6") != NULL,
	   "quote: the limit counts the swallowed lines: 3 of 6");
	o.max_bad = 0.5;
	is_int(load_check(r, &o, &e), CHURN_OK, "quote: 3 of 6 pass a 50%% limit");
	o.max_bad = 2;
	o.max_bad_is_fraction = 0;
	is_int(load_check(r, &o, &e), CHURN_EDATA, "quote: 3 lines exceed a count of 2");
	load_opts_init(&o);
	load_result_free(r);

	const char *same = "id,start\na,\"2024-01-01\"x\nb,2024-01-02\n";
	r = load_text(same, strlen(same), &m, &o, &e, &st);
	ok(st == CHURN_OK && r->rows_rejected == 1 && r->rejects[0].line == 2 &&
	   r->rejects[0].col == 2 && strstr(r->rejects[0].msg, "followed by 'x'") != NULL &&
	   r->t->nrows == 1, "quote: \"2024-01-01\"x is a bad row on its own line");
	load_result_free(r);

	const char *inch = "id,start,screen\na,2024-01-01,27\" wide\nb,2024-01-02,x\n";
	r = load_text(inch, strlen(inch), &m, &o, &e, &st);
	ok(st == CHURN_OK && r->rows_rejected == 0 && r->t->nrows == 2 &&
	   strcmp(level(col(r, "screen"), 0), "27\" wide") == 0,
	   "quote: a quote inside an unquoted field is text");
	load_result_free(r);

	const char *spaces = "id,start\na,\"2024-01-01\"  \nb,  \"2024-01-02\"  ,\n";
	m.start = "start";
	r = load_text(spaces, strlen(spaces), &m, &o, &e, &st);
	ok(st == CHURN_OK && r->rows_rejected == 1 && r->by_reason[LOAD_BAD_FIELDS] == 1 &&
	   r->t->nrows == 1, "quote: blanks after a closing quote are allowed");
	load_result_free(r);

	/* 6 data lines; an unclosed quote on line 4 holds lines 4-7. */
	const char *open = "id,start,note\na,2024-01-01,x\nb,2024-01-02,x\n"
	                   "c,2024-01-03,\"oops\nd,2024-01-04,x\ne,2024-01-05,x\n"
	                   "f,2024-01-06,x\n";
	r = load_text(open, strlen(open), &m, &o, &e, &st);
	ok(st == CHURN_OK && r->rows_read == 3 && r->rows_rejected == 1 &&
	   r->lines_rejected == 4 && r->rejects[0].line == 4 && r->rejects[0].col == 3,
	   "quote: an unclosed quote holds lines 4-7 (the final line end ends line 7)");
	ok(load_check(r, &o, &e) == CHURN_EDATA && strstr(e.msg, "4 bad rows of 6") != NULL,
	   "quote: an unclosed quote that eats most of the file fails the run");
	load_result_free(r);

	/* A stray quote closed properly later: the id holds a line break. */
	const char *idnl = "id,start\n\"a\nb\",2024-01-01\nc,2024-01-02\n";
	r = load_text(idnl, strlen(idnl), &m, &o, &e, &st);
	ok(st == CHURN_OK && r->by_reason[LOAD_BAD_QUOTE] == 1 && r->rejects[0].line == 2 &&
	   r->rejects[0].col == 1 && r->lines_rejected == 2,
	   "quote: a line break inside an id is a bad row");
	load_result_free(r);

	const char *hdr = "id,\"start\"x\na,2024-01-01\n";
	r = load_text(hdr, strlen(hdr), &m, &o, &e, &st);
	ok(st == CHURN_EDATA && r == NULL && e.line == 1 && e.col == 2,
	   "quote: a bad quote in the header is an error at 1:2");

	/* Across chunks: a stray quote that runs over the 1 MiB read size. */
	size_t big = (1u << 20) + 4096, n = 0;
	char *text = malloc(big + 256);
	n += (size_t)sprintf(text, "id,start,note\na,2024-01-01,\"");
	memset(text + n, 'y', big);
	n += big;
	n += (size_t)sprintf(text + n, "\"z more\nb,2024-01-02,ok\n");
	r = load_text(text, n, &m, &o, &e, &st);
	ok(st == CHURN_OK && r->rows_rejected == 1 && r->t->nrows == 1 && r->t->line[0] == 3,
	   "quote: a bad quote after a field longer than the read size");
	load_result_free(r);
	free(text);
}

/* Dates in a plausible range, --open-end, magnitudes, the rejects file. */
static void test_ranges(void)
{
	load_map m = {.id = "id", .start = "start", .end = "end", .value = "mrr"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_result *r;
	load_opts_init(&o);

	is_int(o.date_min, date_from_civil(1900, 1, 1), "range: default from 1900-01-01");
	is_int(o.date_max, date_from_civil(2199, 12, 31), "range: default to 2199-12-31");
	const char *csv = "id,start,end,mrr\na,2024-01-01,9999-12-31,10\nb,0001-01-01,,10\n"
	                  "c,2024-02-01,2024-03-01,1e308\nd,2024-02-01,,-1e16\n"
	                  "e,2024-02-01,,1e15\nf,1899-12-31,,1\ng,2199-12-31,,1\n";
	r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	is_int(st, CHURN_OK, "range: loads");
	if (r == NULL)
		return;
	is_int(r->by_reason[LOAD_BAD_RANGE], 3, "range: 9999-12-31, 0001-01-01 and 1899-12-31 are bad");
	ok(r->rejects[0].line == 2 && r->rejects[0].col == 3 &&
	   strstr(r->rejects[0].msg, "--open-end 9999-12-31") != NULL,
	   "range: an end far in the future suggests --open-end");
	ok(r->rejects[1].line == 3 && r->rejects[1].col == 2 &&
	   strstr(r->rejects[1].msg, "--open-end") == NULL,
	   "range: a start in year 1 is a bad row, without the suggestion");
	is_int(r->by_reason[LOAD_BAD_MAGNITUDE], 2, "range: 1e308 and -1e16 are too large");
	ok(r->rejects[2].line == 4 && r->rejects[2].col == 4, "range: 1e308 named at 4:4");
	is_int((long long)r->t->nrows, 2, "range: 1e15 and 2199-12-31 are allowed");
	is_int(r->as_of, date_from_civil(2199, 12, 31), "range: the as-of is the latest good date");
	load_result_free(r);

	o.open_end = date_from_civil(9999, 12, 31);
	o.date_min = date_from_civil(1, 1, 1);
	o.date_max = date_from_civil(2100, 12, 31);
	r = load_text(csv, strlen(csv), &m, &o, &e, &st);
	ok(st == CHURN_OK && r->by_reason[LOAD_BAD_RANGE] == 1 &&
	   col(r, "end")->date[0] == TABLE_DATE_NA,
	   "range: --open-end reads 9999-12-31 as still active; year 1 is in range; 2199 is not");
	ok(r->as_of == date_from_civil(2024, 2, 1),
	   "range: the as-of never comes from the open-end marker");
	load_result_free(r);
	load_opts_init(&o);

	/* The rejects file: formula cells escaped, a quoted value cut at a
	 * whole character (59 x then é straddles byte 60). */
	char tmpl[] = "/tmp/churnkit-test-rejects-XXXXXX";
	int fd = mkstemp(tmpl);
	FILE *rf = fd >= 0 ? fdopen(fd, "w+") : NULL;
	o.rejects = rf;
	char bad[256];
	char xs[60];
	memset(xs, 'x', 59);
	xs[59] = '\0';
	snprintf(bad, sizeof bad, "id,start,end,mrr\n=1+1,2024-13-01,,1\n@a,%s\xc3\xa9,,1\n", xs);
	r = load_text(bad, strlen(bad), &m, &o, &e, &st);
	ok(st == CHURN_OK && r->rows_rejected == 2 &&
	   utf8_valid(r->rejects[1].msg, strlen(r->rejects[1].msg)) &&
	   strstr(r->rejects[1].msg, "\xc3'") == NULL,
	   "rejects: a quoted value is cut before a character it would split");
	load_result_free(r);
	char got[1024] = "";
	if (rf != NULL) {
		rewind(rf);
		size_t k = fread(got, 1, sizeof got - 1, rf);
		got[k] = '\0';
		fclose(rf);
	}
	unlink(tmpl);
	ok(strstr(got, "\n2,2,unparseable date,") != NULL && strstr(got, ",'=1+1,2024-13-01,,1\n") != NULL,
	   "rejects: a cell beginning with = gets an apostrophe");
	ok(strstr(got, ",'@a,") != NULL, "rejects: a cell beginning with @ gets an apostrophe");
	ok(utf8_valid(got, strlen(got)), "rejects: the file is UTF-8");

	const char utf32[] = "\x00\x00\xFE\xFF\x00\x00\x00i";
	r = load_text(utf32, sizeof utf32 - 1, &m, &o, &e, &st);
	ok(st == CHURN_EDATA && strstr(e.msg, "UTF-32") != NULL, "load: UTF-32 (BE) is called UTF-32");
	const char utf32le[] = "\xFF\xFE\x00\x00i\x00\x00\x00";
	r = load_text(utf32le, sizeof utf32le - 1, &m, &o, &e, &st);
	ok(st == CHURN_EDATA && strstr(e.msg, "UTF-32") != NULL, "load: UTF-32 (LE) is called UTF-32");
}

/* The duplicate column check is linear: 100,000 names load at once, and a
 * repeat at the end is named with both fields. */
static void test_many_columns(void)
{
	size_t ncol = 100000, n = 0;
	char *text = malloc(ncol * 8 + 64);
	load_map none = {0};
	load_opts o;
	churn_err e;
	churn_status st;
	load_opts_init(&o);
	for (size_t j = 1; j <= ncol; j++)
		n += (size_t)sprintf(text + n, "c%zu,", j);
	n += (size_t)sprintf(text + n, "c7\n");
	none.id = "c7";  /* a repeat no option names is renamed, not refused */
	load_result *r = load_text(text, n, &none, &o, &e, &st);
	ok(st == CHURN_EDATA && r == NULL && e.col == 100001 &&
	   strstr(e.msg, "'c7' appears twice (fields 7 and 100001) and --id names it") != NULL,
	   "columns: a repeat after 100,000 names is found, naming both fields");
	free(text);
}

/* Bytes the allocator has handed out and not yet taken back. */
static size_t heap_in_use(void)
{
#if defined(__SANITIZE_ADDRESS__)
	return __sanitizer_get_current_allocated_bytes();
#else
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
#endif
}

/* A wide file costs what its bytes do: 100,000 columns over three rows
 * (about 1 MB as text) used to take 1024 rows of every column and 4 KiB of
 * kept text per column before the first row (0.8 GB, six seconds). */
static void test_wide_memory(void)
{
	size_t ncol = 100000, n = 0;
	char *text = malloc(ncol * 16 + 256);
	load_map m = {.id = "id", .start = "start"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_opts_init(&o);
	for (int numeric = 1; numeric >= 0; numeric--) {
		n = (size_t)sprintf(text, "id,start");
		for (size_t j = 1; j <= ncol; j++)
			n += (size_t)sprintf(text + n, ",c%zu", j);
		for (int i = 0; i < 3; i++) {
			n += (size_t)sprintf(text + n, "\n%d,2024-01-0%d", i, i + 1);
			for (size_t j = 1; j <= ncol; j++)
				n += (size_t)sprintf(text + n, numeric ? ",1" : ",x");
		}
		n += (size_t)sprintf(text + n, "\n");
		size_t before = heap_in_use();
		load_result *r = load_text(text, n, &m, &o, &e, &st);
		size_t used = heap_in_use() - before;
		ok(st == CHURN_OK && r != NULL && r->t->nrows == 3 && used < (size_t)32 << 20,
		   "columns: 100,000 %s columns over 3 rows keep under 32 MB (%zu MB)",
		   numeric ? "numeric" : "text", used >> 20);
		load_result_free(r);
	}
	free(text);
}

/* A field of 1 MiB (quoted, with a line break, past the 1 MiB read size)
 * in a good row: read whole into the record buffer (src/util/strbuf.c), the
 * next row's line number still right. */
static void test_big_field(void)
{
	load_map m = {.id = "id", .start = "start"};
	load_opts o;
	churn_err e;
	churn_status st;
	load_opts_init(&o);

	size_t big = 1u << 20, n = 0;
	char *text = malloc(big + 256);
	if (text == NULL) {
		ok(0, "big field: out of memory");
		return;
	}
	n += (size_t)sprintf(text, "id,start,note\na,2024-01-01,\"");
	memset(text + n, 'y', big);
	text[n + big / 2] = '\n';
	n += big;
	n += (size_t)sprintf(text + n, "\"\nb,2024-01-02,ok\n");
	load_result *r = load_text(text, n, &m, &o, &e, &st);
	free(text);
	ok(st == CHURN_OK && r != NULL && r->t->nrows == 2 && r->rows_rejected == 0,
	   "big field: a 1 MiB field loads (status %d)", (int)st);
	if (r == NULL)
		return;
	const table_col *c = col(r, "note");
	const char *v = c != NULL ? level(c, 0) : NULL;
	ok(v != NULL && strlen(v) == big && v[0] == 'y' && v[big / 2] == '\n' &&
	   v[big - 1] == 'y', "big field: its 1 MiB read whole, line break included");
	is_str(c != NULL ? level(c, 1) : NULL, "ok", "big field: the next row's field");
	ok(r->t->line != NULL && r->t->line[0] == 2 && r->t->line[1] == 4,
	   "big field: the next row is line 4 (the field holds one line break)");
	load_result_free(r);
}

int main(void)
{
	test_basic();
	test_bom_crlf_quotes();
	test_semicolon_decimal_comma();
	test_tab();
	test_bad_rows();
	test_auto_columns();
	test_errors();
	test_event_outcome();
	test_weights_entry();
	test_quotes();
	test_big_field();
	test_ranges();
	test_many_columns();
	test_wide_memory();
	return done_testing();
}

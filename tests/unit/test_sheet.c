/* test_sheet.c - spreadsheet-safe CSV cells and shortest number text. */
#include "churnkit/num.h"
#include "churnkit/sheet.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What sheet_text writes for s. */
static const char *text(const char *s, char *out, size_t n)
{
	memset(out, 0, n);
	FILE *f = fmemopen(out, n, "w");
	sheet_text(f, s);
	fclose(f);
	return out;
}

/* What sheet_text_append adds to a buffer that already holds "x;". */
static int append_matches(const char *s)
{
	char f[256];
	strbuf b = STRBUF_INIT;
	strbuf_append(&b, "x;", 2);
	sheet_text_append(&b, s);
	text(s, f, sizeof f);
	int same = b.len == 2 + strlen(f) && memcmp(b.s, "x;", 2) == 0 && strcmp(b.s + 2, f) == 0;
	strbuf_reset(&b);
	return same;
}

static const char *number(double x, char *out, size_t n)
{
	memset(out, 0, n);
	FILE *f = fmemopen(out, n, "w");
	sheet_num(f, x);
	fclose(f);
	return out;
}

int main(void)
{
	char b[128];

	is_str(text("plain", b, sizeof b), "plain", "sheet: plain text as it is");
	is_str(text("a,b", b, sizeof b), "\"a,b\"", "sheet: a comma is quoted");
	is_str(text("say \"hi\"", b, sizeof b), "\"say \"\"hi\"\"\"", "sheet: quotes are doubled inside quotes");
	is_str(text("two\nlines", b, sizeof b), "\"two\nlines\"", "sheet: a line break is quoted");
	is_str(text("=SUM(A1)", b, sizeof b), "'=SUM(A1)", "sheet: = is escaped with an apostrophe");
	is_str(text("+1", b, sizeof b), "'+1", "sheet: + is escaped");
	is_str(text("-2", b, sizeof b), "'-2", "sheet: - text is escaped");
	is_str(text("@cmd", b, sizeof b), "'@cmd", "sheet: @ is escaped");
	is_str(text("@x,y", b, sizeof b), "\"'@x,y\"", "sheet: escaped and quoted together");
	is_str(text("Zürich", b, sizeof b), "Zürich", "sheet: UTF-8 kept");
	is_str(text(NULL, b, sizeof b), "", "sheet: NULL writes nothing");

	/* perf (issue 15): the in-memory cell of the buffered scores writer. */
	const char *cells[] = {"plain", "a,b", "say \"hi\"", "\"\"\"", "end\"", "two\r\nlines",
	                       "=SUM(A1)", "-\"q\",", "\tx", "Zürich", ""};
	int same = 1;
	for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++)
		same &= append_matches(cells[k]);
	ok(same, "sheet: sheet_text_append adds the bytes sheet_text writes");
	strbuf nb = STRBUF_INIT;
	sheet_text_append(&nb, NULL);
	ok(nb.len == 0, "sheet: sheet_text_append adds nothing for NULL");
	sheet_text_append(&nb, "\"a\"\"b\"");
	is_str(nb.s, "\"\"\"a\"\"\"\"b\"\"\"", "sheet: every quote doubled, the cell quoted");
	strbuf_reset(&nb);

	is_str(number(0.1, b, sizeof b), "0.1", "sheet: 0.1 in the fewest digits");
	is_str(number(-2.5, b, sizeof b), "-2.5", "sheet: a negative number is not escaped");
	is_str(number(1.0 / 3.0, b, sizeof b), "0.3333333333333333", "sheet: 1/3 in 16 digits");
	is_str(number(0.1 + 0.2, b, sizeof b), "0.30000000000000004", "sheet: 0.1 + 0.2 needs 17 digits");
	is_str(number(NAN, b, sizeof b), "", "sheet: NaN is an empty cell");
	is_str(number(INFINITY, b, sizeof b), "", "sheet: infinity is an empty cell");

	/* Round trip over awkward values. */
	int bad = 0;
	double xs[] = {1e-300, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, 123456.789, 2.0 / 3.0};
	for (size_t k = 0; k < sizeof xs / sizeof xs[0]; k++) {
		char buf[32];
		if (strtod(num_format_shortest(xs[k], buf), NULL) != xs[k])
			bad++;
	}
	is_int(bad, 0, "num: shortest text reads back to the same double");
	return done_testing();
}

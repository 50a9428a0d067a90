/* test_num.c - strict number and flag parsing. */
#include "churnkit/num.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int num(const char *s, char dec, double *v)
{
	return num_parse(s, strlen(s), dec, v);
}

int main(void)
{
	double v = 0;
	int f = -1;

	ok(num("12", '.', &v) && v == 12, "num: an integer parses");
	ok(num("-0.5", '.', &v) && v == -0.5, "num: a negative decimal parses");
	ok(num("+3.25", '.', &v) && v == 3.25, "num: a plus sign is allowed");
	ok(num(" 7 ", '.', &v) && v == 7, "num: blanks around are allowed");
	ok(num("1e3", '.', &v) && v == 1000, "num: an exponent parses");
	ok(num(".5", '.', &v) && v == 0.5, "num: a leading decimal mark parses");
	ok(num("5.", '.', &v) && v == 5, "num: a trailing decimal mark parses");
	ok(num("1,5", ',', &v) && v == 1.5, "num: decimal comma with --decimal ,");
	ok(!num("1.5", ',', &v), "num: a point is refused under --decimal ,");
	ok(!num("1,5", '.', &v), "num: a comma is refused under the default decimal point");
	ok(!num("", '.', &v), "num: empty is not a number");
	ok(!num("  ", '.', &v), "num: blank is not a number");
	ok(!num("abc", '.', &v), "num: letters are not a number");
	ok(!num("inf", '.', &v), "num: inf is refused");
	ok(!num("nan", '.', &v), "num: nan is refused");
	ok(!num("0x10", '.', &v), "num: hex is refused");
	ok(!num("1.2.3", '.', &v), "num: two decimal marks are refused");
	ok(!num("1e", '.', &v), "num: an exponent without digits is refused");
	ok(!num("1e999", '.', &v), "num: overflow is refused");
	ok(!num("12abc", '.', &v), "num: trailing letters are refused");
	ok(!num("-", '.', &v), "num: a lone sign is refused");
	ok(num_parse("42junk", 2, '.', &v) && v == 42, "num: only len bytes are read");

	/* The fast decimal path must give exactly strtod's double. */
	unsigned long long state = 88172645463325252ULL;
	int mismatches = 0;
	for (int k = 0; k < 200000; k++) {
		char buf[64];
		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		int ndig = 1 + (int)(state % 17);          /* 1..17 digits */
		int point = (int)((state >> 8) % (unsigned)(ndig + 1));
		int n = 0;
		if ((state >> 20) & 1)
			buf[n++] = '-';
		unsigned long long x = state >> 24;
		for (int d = 0; d < ndig; d++) {
			if (d == point && d > 0)
				buf[n++] = '.';
			buf[n++] = (char)('0' + (x % 10));
			x = x / 10 ? x / 10 : state * 2654435761ULL;
		}
		buf[n] = '\0';
		double want = strtod(buf, NULL);
		if (!num(buf, '.', &v) || memcmp(&v, &want, sizeof v) != 0) {
			if (mismatches++ < 5)
				diag("num_parse('%s') = %.17g, strtod = %.17g", buf, v, want);
		}
	}
	is_int(mismatches, 0, "num: 200000 random decimals read exactly as strtod reads them");

	ok(num_is_blank(" \t\r\n", 4), "num: whitespace-only is blank");
	ok(!num_is_blank(" x", 2), "num: text is not blank");

	ok(flag_parse("Yes", 3, &f) && f == 1, "flag: Yes is 1");
	ok(flag_parse("y", 1, &f) && f == 1, "flag: y is 1");
	ok(flag_parse("TRUE", 4, &f) && f == 1, "flag: TRUE is 1");
	ok(flag_parse(" 1 ", 3, &f) && f == 1, "flag: 1 with blanks is 1");
	ok(flag_parse("no", 2, &f) && f == 0, "flag: no is 0");
	ok(flag_parse("False", 5, &f) && f == 0, "flag: False is 0");
	ok(flag_parse("0", 1, &f) && f == 0, "flag: 0 is 0");
	ok(!flag_parse("2", 1, &f), "flag: 2 is not a flag");
	ok(!flag_parse("yess", 4, &f), "flag: yess is not a flag");
	ok(!flag_parse("", 0, &f), "flag: empty is not a flag");
	/* num_print_zero: what prints as zero is +0.0, so "%+.2f" never gives
	 * "-0.00"; anything that prints as a number stays itself. */
	char pz[32];
	snprintf(pz, sizeof pz, "%+.2f", num_print_zero(0.3 - (0.1 + 0.2), 2));
	is_str(pz, "+0.00", "cancellation noise -5.6e-17 prints as +0.00");
	snprintf(pz, sizeof pz, "%+.2f", num_print_zero(-0.0, 2));
	is_str(pz, "+0.00", "-0.0 prints as +0.00");
	snprintf(pz, sizeof pz, "%+.2f", num_print_zero(-0.004999, 2));
	is_str(pz, "+0.00", "-0.004999 prints as +0.00 at two decimals");
	snprintf(pz, sizeof pz, "%+.2f", num_print_zero(-0.006, 2));
	is_str(pz, "-0.01", "-0.006 stays negative: it prints as -0.01");
	snprintf(pz, sizeof pz, "%+.0f", num_print_zero(-0.4, 0));
	is_str(pz, "+0", "-0.4 prints as +0 with no decimals");
	char sh[32];
	is_str(num_format_shortest(-0.0, sh), "0", "shortest form: -0.0 prints as 0");
	is_str(num_format_shortest(-0.5, sh), "-0.5", "shortest form: -0.5 keeps its sign");
	return done_testing();
}

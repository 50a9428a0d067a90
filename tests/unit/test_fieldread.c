/* test_fieldread.c - the loader's field readers (fieldread.h): numbers with
 * thousands separators and currencies, the hints for numbers another mark
 * reads, yes/no words in several languages, COL=VALUE matching and billing
 * intervals.  Expected values are written by hand from the texts. */
#include "churnkit/fieldread.h"
#include "tap.h"

#include <string.h>

/* Reads s with (decimal, thousands): 1 and *v on success. */
static int num(const char *s, char decimal, char thousands, double *v)
{
	*v = -999;
	return fieldread_number(s, strlen(s), decimal, thousands, v);
}

static void test_numbers(void)
{
	double v;

	ok(num("1234.5", '.', 0, &v) && v == 1234.5, "number: plain");
	ok(num("1.234,50", ',', '.', &v) && v == 1234.5, "number: German 1.234,50");
	ok(num("5.936,55", ',', '.', &v) && v == 5936.55, "number: 5.936,55");
	ok(num("1.234.567", ',', '.', &v) && v == 1234567, "number: two groups, no decimals");
	ok(num("1,234.50", '.', ',', &v) && v == 1234.5, "number: US 1,234.50");
	ok(num("1'234.50", '.', '\'', &v) && v == 1234.5, "number: Swiss 1'234.50");
	ok(num("1 234,50", ',', ' ', &v) && v == 1234.5, "number: French 1 234,50");
	ok(num("1\xC2\xA0" "234,50", ',', ' ', &v) && v == 1234.5,
	   "number: a no-break space (U+00A0) as the space separator");
	ok(num("1\xE2\x80\xAF" "234,50", ',', ' ', &v) && v == 1234.5,
	   "number: a narrow no-break space (U+202F) as the space separator");
	ok(num("-1.234,5", ',', '.', &v) && v == -1234.5, "number: a sign before the groups");
	ok(num("234,5", ',', '.', &v) && v == 234.5, "number: no separator needed");
	ok(!num("1.23,5", ',', '.', &v), "number: a group of 2 after a separator is refused");
	ok(!num("1234.567,5", ',', '.', &v), "number: 4 digits before a separator are refused");
	ok(!num("1.234.56", ',', '.', &v), "number: a short last group is refused");
	ok(!num(".234", ',', '.', &v), "number: a separator first is refused");
	ok(!num("0,001", '.', ',', &v), "number: 0,001 is no grouping (a first group 0), not 1");
	ok(!num("-0.500", ',', '.', &v), "number: -0.500 with --thousands . is refused, not -500");
	ok(!num("01.234", ',', '.', &v), "number: a first group with a leading zero is refused");
	ok(num("0,5", ',', '.', &v) && v == 0.5, "number: 0,5 with --thousands . is 0.5");
	ok(num("10.001", ',', '.', &v) && v == 10001, "number: 10.001 with --thousands . is 10001");
	ok(!num("1,5.234", ',', '.', &v), "number: a separator after the decimal mark is refused");
	ok(!num("1.234,50", '.', 0, &v), "number: 1.234,50 is no number without the options");
	ok(!num("1,234", '.', 0, &v), "number: 1,234 is no number without --thousands");
}

static void test_currency(void)
{
	double v;

	ok(num("\xE2\x82\xAC 1.234,50", ',', '.', &v) && v == 1234.5, "currency: € 1.234,50");
	ok(num("1234.50 EUR", '.', 0, &v) && v == 1234.5, "currency: 1234.50 EUR");
	ok(num("$1,234", '.', ',', &v) && v == 1234, "currency: $1,234");
	ok(num("-$5", '.', 0, &v) && v == -5, "currency: -$5 is -5");
	ok(num("$-5", '.', 0, &v) && v == -5, "currency: $-5 is -5");
	ok(num("\xC2\xA3" "12.5", '.', 0, &v) && v == 12.5, "currency: £12.5");
	ok(num("\xC2\xA5" "300", '.', 0, &v) && v == 300, "currency: ¥300");
	ok(num("CHF 12", '.', 0, &v) && v == 12, "currency: CHF 12");
	ok(num("12\xE2\x82\xAC", '.', 0, &v) && v == 12, "currency: 12€ (sign after)");
	ok(num("  USD 7.25  ", '.', 0, &v) && v == 7.25, "currency: blanks around");
	ok(num("1\xE2\x80\xAF" "234,50\xE2\x80\xAF\xE2\x82\xAC", ',', ' ', &v) && v == 1234.5,
	   "currency: French 1 234,50 € with narrow no-break spaces (U+202F) throughout");
	ok(num("1\xC2\xA0" "234,50\xC2\xA0\xE2\x82\xAC", ',', ' ', &v) && v == 1234.5,
	   "currency: 1 234,50 € with no-break spaces (U+00A0) throughout");
	ok(num("\xE2\x82\xAC\xC2\xA0" "5", '.', 0, &v) && v == 5,
	   "currency: a no-break space after the sign, without --thousands");
	ok(num("-\xE2\x82\xAC\xE2\x80\xAF" "5", '.', 0, &v) && v == -5,
	   "currency: -€ 5 with a narrow no-break space");
	ok(!num("\xC2\xA0" "5", '.', 0, &v), "currency: a no-break space without a currency "
	   "is no blank");
	ok(!num("SKU 12", '.', 0, &v), "currency: three capitals that are no currency stay text");
	ok(!num("XEUR 12", '.', 0, &v), "currency: a code inside a word is not a code");
	ok(!num("EUR", '.', 0, &v), "currency: a code alone is no number");
	ok(!num("$", '.', 0, &v), "currency: a sign alone is no number");
	ok(!num("-$-5", '.', 0, &v), "currency: two signs are refused");
	ok(!num("$5 EUR", '.', 0, &v), "currency: two currencies are refused");
	ok(!num("$1,234", '.', 0, &v), "currency: $1,234 needs --thousands ,");
}

static void test_hints(void)
{
	const char *h;

	h = fieldread_number_hint("21,05", 5, '.', 0);
	is_str(h ? h : "(none)", "--decimal ,", "hint: 21,05 reads with --decimal ,");
	h = fieldread_number_hint("5.936,55", 8, '.', 0);
	is_str(h ? h : "(none)", "--decimal , --thousands .",
	       "hint: 5.936,55 reads with --decimal , --thousands .");
	h = fieldread_number_hint("5.936,55", 8, ',', 0);
	is_str(h ? h : "(none)", "--thousands .",
	       "hint: with --decimal , given, 5.936,55 needs --thousands .");
	h = fieldread_number_hint("1,234.50", 8, '.', 0);
	is_str(h ? h : "(none)", "--thousands ,", "hint: 1,234.50 reads with --thousands ,");
	ok(fieldread_number_hint("abc", 3, '.', 0) == NULL, "hint: text reads with nothing");
}

static void test_flags(void)
{
	static const char *const yes[] = {"yes", "Yes", "Y", "1", "true", "TRUE", "t", "T", "ja", "Ja",
	                                  "oui", "s\xC3\xAD", "S\xC3\x8D", "si", "da", "igen",
	                                  "\xE6\x98\xAF", " ja "};
	static const char *const no[] = {"no", "N", "0", "false", "f", "F", "nein", "NEIN", "non", "nu",
	                                 "nem", "\xE5\x90\xA6"};
	int f, all = 1;

	for (size_t k = 0; k < sizeof yes / sizeof *yes; k++)
		if (!fieldread_flag(yes[k], strlen(yes[k]), &f) || f != 1) {
			diag("not read as yes: '%s'", yes[k]);
			all = 0;
		}
	ok(all, "flag: the yes words in every listed language and case");
	all = 1;
	for (size_t k = 0; k < sizeof no / sizeof *no; k++)
		if (!fieldread_flag(no[k], strlen(no[k]), &f) || f != 0) {
			diag("not read as no: '%s'", no[k]);
			all = 0;
		}
	ok(all, "flag: the no words in every listed language and case");
	ok(!fieldread_flag("churned", 7, &f), "flag: another word is no flag");
	ok(!fieldread_flag("", 0, &f), "flag: empty is no flag");
	ok(fieldread_same_word(" Yes ", 5, "yes"), "COL=VALUE: case and blanks ignored");
	ok(fieldread_same_word("yes", 3, " YES"), "COL=VALUE: blanks around VALUE ignored");
	ok(!fieldread_same_word("yess", 4, "yes"), "COL=VALUE: a longer word does not match");
}

static void test_intervals(void)
{
	double mul = 0, div = 0;

	ok(fieldread_interval("Month", 5, &mul, &div) && mul == 1 && div == 1, "interval: month");
	ok(fieldread_interval("monthly", 7, &mul, &div) && mul == 1 && div == 1,
	   "interval: monthly");
	ok(fieldread_interval("YEAR", 4, &mul, &div) && mul == 1 && div == 12, "interval: YEAR");
	ok(fieldread_interval("annual", 6, &mul, &div) && mul == 1 && div == 12,
	   "interval: annual");
	ok(fieldread_interval(" yearly ", 8, &mul, &div) && mul == 1 && div == 12,
	   "interval: yearly, blanks around");
	ok(fieldread_interval("weeks", 5, &mul, &div) && mul == 52 && div == 12,
	   "interval: weeks = 52/12");
	ok(fieldread_interval("daily", 5, &mul, &div) && mul == 365.25 && div == 12,
	   "interval: daily = 365.25/12");
	ok(fieldread_interval("Quarterly ", 10, &mul, &div) && mul == 1 && div == 3,
	   "interval: Quarterly = 1/3");
	ok(fieldread_interval("quarter", 7, &mul, &div) && 300 * mul / div == 100,
	   "interval: 300 a quarter is exactly 100 a month");
	ok(!fieldread_interval("fortnight", 9, &mul, &div), "interval: fortnight is not one");
	/* 1200 a year is exactly 100 a month; 10 every 2 weeks is 21.666.... */
	ok(fieldread_interval("year", 4, &mul, &div) && 1200 * mul / div == 100,
	   "interval: 1200 a year is exactly 100 a month");
	ok(fieldread_interval("week", 4, &mul, &div), "interval: week");
	is_double_rel(10 * mul / (div * 2), 520.0 / 24, 1e-15,
	              "interval: 10 every 2 weeks is 10 * 52 / 24 a month");
}

int main(void)
{
	test_numbers();
	test_currency();
	test_hints();
	test_flags();
	test_intervals();
	return done_testing();
}

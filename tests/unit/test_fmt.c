/* test_fmt.c - the report's number formats: grouping, rounding, signs,
 * the limits of each format and "-" for undefined values. */
#include "config.h"

#include <math.h>

#include "churnkit/date.h"
#include "report/pages/fmt.h"
#include "tap.h"

int main(void)
{
	char b[64];

	is_str(fmt_count(0, b, sizeof b), "0", "zero");
	is_str(fmt_count(999, b, sizeof b), "999", "three digits, no separator");
	is_str(fmt_count(1000, b, sizeof b), "1,000", "a thousand is grouped");
	is_str(fmt_count(1234567.4, b, sizeof b), "1,234,567", "millions, rounded");
	is_str(fmt_count(-12345, b, sizeof b), "-12,345", "negative grouped");
	is_str(fmt_count(-0.2, b, sizeof b), "0", "no negative zero");
	is_str(fmt_count(NAN, b, sizeof b), "-", "NaN count is a dash");
	is_str(fmt_count(INFINITY, b, sizeof b), "-", "infinite count is a dash");

	is_str(fmt_pp_shown(0.058, 0.05, b, sizeof b), "+0.8 pp", "rise in points");
	is_str(fmt_pp_shown(0.0375, 0.05, b, sizeof b), "-1.2 pp",
	       "fall in points: 3.8%% (3.75 printed half to even) against 5.0%%");
	is_str(fmt_pp_shown(0.0501, 0.05, b, sizeof b), "0.0 pp", "both print 5.0%%: no change");
	/* 22/172 = 12.791% and 24/196 = 12.245%: the tiles print 12.8% and
	 * 12.2%, so the change reads their difference, not the exact 0.546. */
	is_str(fmt_pp_shown(22.0 / 172, 24.0 / 196, b, sizeof b), "+0.6 pp",
	       "the difference of the printed rates (12.8%% - 12.2%%), not the exact +0.5");
	is_str(fmt_pp_shown(24.0 / 196, 22.0 / 172, b, sizeof b), "-0.6 pp", "and falling");
	is_str(fmt_pp_shown(NAN, 0.05, b, sizeof b), "-", "undefined rate: a dash");

	is_str(fmt_delta(12, b, sizeof b), "+12", "positive delta signed");
	is_str(fmt_delta(-3, b, sizeof b), "-3", "negative delta");
	is_str(fmt_delta(0, b, sizeof b), "0", "zero delta unsigned");
	is_str(fmt_delta(-1500, b, sizeof b), "-1,500", "delta grouped");

	/* One money format (issue 13): compact with the currency's symbol. */
	is_str(fmt_money(950, NULL, b, sizeof b), "950", "below a thousand: whole units");
	is_str(fmt_money(9870, NULL, b, sizeof b), "9.9k", "thousands compact");
	is_str(fmt_money(38400, "EUR", b, sizeof b), "\xE2\x82\xAC" "38.4k", "euro symbol first");
	is_str(fmt_money(999949, "USD", b, sizeof b), "$999.9k", "just under a million");
	is_str(fmt_money(999950, "USD", b, sizeof b), "$1.0M", "rounds up to a million");
	is_str(fmt_money(1.2e6, "GBP", b, sizeof b), "\xC2\xA3" "1.2M", "pounds, millions");
	is_str(fmt_money(1.2e9, "JPY", b, sizeof b), "\xC2\xA5" "1.2B", "yen, billions");
	is_str(fmt_money(38400, "CHF", b, sizeof b), "CHF 38.4k", "a symbol of letters, spaced");
	is_str(fmt_money(950, "SEK", b, sizeof b), "SEK 950", "an unknown code is printed as is");
	is_str(fmt_money(-25000, "EUR", b, sizeof b), "-\xE2\x82\xAC" "25.0k", "sign before symbol");
	is_str(fmt_money(-0.2, "EUR", b, sizeof b), "\xE2\x82\xAC" "0", "no negative zero");
	is_str(fmt_money(NAN, "EUR", b, sizeof b), "-", "NaN money is a dash");
	is_str(fmt_money_delta(8793, "EUR", b, sizeof b), "+\xE2\x82\xAC" "8.8k", "a rise signed");
	is_str(fmt_money_delta(-950, NULL, b, sizeof b), "-950", "a fall signed");
	is_str(fmt_money_delta(0.2, NULL, b, sizeof b), "0", "no change unsigned");
	is_str(fmt_money_full(1234.5, "EUR", b, sizeof b), "\xE2\x82\xAC" "1,234.50",
	       "tables: exact, grouped, cents");
	is_str(fmt_money_full(1234567.891, NULL, b, sizeof b), "1,234,567.89",
	       "tables without a currency: two decimals");
	is_str(fmt_money_full(1234.6, "JPY", b, sizeof b), "\xC2\xA5" "1,235", "yen have no cents");
	is_str(fmt_money_full(-49, "USD", b, sizeof b), "-$49.00", "negative exact");
	is_str(fmt_money_full(-0.001, "USD", b, sizeof b), "$0.00", "no negative zero exact");

	/* Colour and arrows only above the noise (issue 13). */
	ok(!fmt_change_real(0.0004, 1, NAN, 0.05), "0.04 pp without a test is noise");
	ok(!fmt_change_real(0, 1, NAN, 0.05), "0.0 pp is noise");
	ok(fmt_change_real(-0.001, 1, NAN, 0.05), "0.1 pp is the floor");
	ok(fmt_change_real(0.0011, 1, NAN, 0.05), "above the floor");
	ok(!fmt_change_real(0.05, 1, 0.2, 0.05), "a tested change with p >= alpha is noise");
	ok(fmt_change_real(0.0004, 1, 0.01, 0.05), "a tested change with p < alpha is real");
	ok(!fmt_change_real(0.4, 0, NAN, 0.05), "a count change that rounds to 0 is noise");
	ok(fmt_change_real(-1, 0, NAN, 0.05), "a count change of one is real");
	ok(!fmt_change_real(NAN, 1, NAN, 0.05), "no change known: nothing shown");

	is_str(fmt_months(365.25, b, sizeof b), "12.0", "a year is 12 months");
	is_str(fmt_months(45, b, sizeof b), "1.5", "45 days");
	is_str(fmt_day(date_from_civil(2026, 7, 1), b, sizeof b), "1 Jul 2026", "day format");
	is_str(fmt_day(date_from_civil(2024, 2, 29), b, sizeof b), "29 Feb 2024", "leap day");
	return done_testing();
}

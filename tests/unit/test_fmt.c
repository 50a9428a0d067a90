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

	is_str(fmt_pp(0.008, b, sizeof b), "+0.8 pp", "rise in points");
	is_str(fmt_pp(-0.0125, b, sizeof b), "-1.2 pp", "fall in points (round half even)");
	is_str(fmt_pp(0.0001, b, sizeof b), "0.0 pp", "tiny change is no change");

	is_str(fmt_delta(12, b, sizeof b), "+12", "positive delta signed");
	is_str(fmt_delta(-3, b, sizeof b), "-3", "negative delta");
	is_str(fmt_delta(0, b, sizeof b), "0", "zero delta unsigned");
	is_str(fmt_delta(-1500, b, sizeof b), "-1,500", "delta grouped");

	is_str(fmt_money(9870, b, sizeof b), "9,870", "below 10,000 in full");
	is_str(fmt_money(12345, b, sizeof b), "12.3k", "thousands compact");
	is_str(fmt_money(999949, b, sizeof b), "999.9k", "just under a million");
	is_str(fmt_money(999950, b, sizeof b), "1.00M", "rounds up to a million");
	is_str(fmt_money(4560000, b, sizeof b), "4.56M", "millions");
	is_str(fmt_money(1.2e9, b, sizeof b), "1.20B", "billions");
	is_str(fmt_money(-25000, b, sizeof b), "-25.0k", "negative money");

	is_str(fmt_ratio(1.854, b, sizeof b), "1.85", "ratio two decimals");
	is_str(fmt_ratio(INFINITY, b, sizeof b), "inf", "infinite ratio");
	is_str(fmt_ratio(2354428, b, sizeof b), "2.4e+06", "a huge but finite ratio is not inf");
	is_str(fmt_ratio(9999.4, b, sizeof b), "9999", "below 10,000: whole");
	is_str(fmt_ratio(25.55, b, sizeof b), "25.6", "below 100: one decimal");
	is_str(fmt_ratio(0, b, sizeof b), "0", "zero ratio");
	is_str(fmt_ratio(0.001, b, sizeof b), "<0.01", "tiny ratio");

	is_str(fmt_months(365.25, b, sizeof b), "12.0", "a year is 12 months");
	is_str(fmt_months(45, b, sizeof b), "1.5", "45 days");
	is_str(fmt_day(date_from_civil(2026, 7, 1), b, sizeof b), "1 Jul 2026", "day format");
	is_str(fmt_day(date_from_civil(2024, 2, 29), b, sizeof b), "29 Feb 2024", "leap day");
	return done_testing();
}

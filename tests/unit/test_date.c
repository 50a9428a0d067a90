/* test_date.c - day numbers, parsing and month/quarter indexes. */
#include "churnkit/date.h"
#include "tap.h"

#include <string.h>

static int parse(const char *s, const char *fmt, int32_t *d)
{
	return date_parse(s, strlen(s), fmt, d);
}

int main(void)
{
	int32_t d;
	char buf[16];
	int y, m, dd;

	is_int(date_from_civil(1970, 1, 1), 0, "date: 1970-01-01 is day 0");
	is_int(date_from_civil(1969, 12, 31), -1, "date: 1969-12-31 is day -1");
	is_int(date_from_civil(2000, 3, 1), 11017, "date: 2000-03-01 is day 11017");
	is_int(date_from_civil(2024, 2, 29), 19782, "date: 2024-02-29 is day 19782");

	/* Round trip over every day from 1900 to 2100. */
	int bad = 0;
	for (int32_t k = date_from_civil(1900, 1, 1); k <= date_from_civil(2100, 12, 31); k++) {
		date_to_civil(k, &y, &m, &dd);
		if (!date_valid(y, m, dd) || date_from_civil(y, m, dd) != k)
			bad++;
	}
	is_int(bad, 0, "date: every day 1900-2100 round-trips through civil form");

	ok(parse("2024-02-29", NULL, &d) && d == 19782, "date: ISO leap day parses");
	ok(!parse("2023-02-29", NULL, &d), "date: 2023-02-29 is refused");
	ok(!parse("2023-13-01", NULL, &d), "date: month 13 is refused");
	ok(!parse("2023-04-31", NULL, &d), "date: April 31st is refused");
	ok(!parse("2023-4-1", NULL, &d), "date: ISO needs two-digit month and day");
	ok(!parse("2023-04-01x", NULL, &d), "date: trailing text is refused");
	ok(!parse("", NULL, &d), "date: empty text is not a date");
	ok(parse(" 2023-04-01 ", NULL, &d) && d == date_from_civil(2023, 4, 1),
	   "date: surrounding blanks are allowed");
	ok(parse("31/12/2023", "%d/%m/%Y", &d) && d == date_from_civil(2023, 12, 31),
	   "date: --date-format %%d/%%m/%%Y parses");
	ok(!parse("31/12/2023 extra", "%d/%m/%Y", &d),
	   "date: strptime format must consume the whole text");
	ok(!parse("05/01/24", "%d/%m/%Y", &d),
	   "date: a two-digit year under %%Y is refused, not read as the year 24");
	ok(parse("05/01/24", "%d/%m/%y", &d) && d == date_from_civil(2024, 1, 5),
	   "date: a two-digit year under %%y is 2024");
	ok(!parse("31/02/2023", "%d/%m/%Y", &d),
	   "date: strptime format still refuses impossible dates");
	ok(date_parse("2023-04-01junk", 10, NULL, &d) && d == date_from_civil(2023, 4, 1),
	   "date: only len bytes are read");

	is_str(date_format(date_from_civil(2026, 9, 30), buf), "2026-09-30",
	       "date: formats as yyyy-mm-dd");
	int32_t mi = date_month_index(date_from_civil(2026, 1, 15));
	is_str(date_format_month(mi, buf), "2026-01", "date: month index formats yyyy-mm");
	is_int(date_month_start(mi - 1), date_from_civil(2025, 12, 1),
	       "date: the month before January is December of the year before");
	int32_t qi = date_quarter_index(date_from_civil(2026, 9, 30));
	is_str(date_format_quarter(qi, buf), "2026Q3", "date: 2026-09-30 is in 2026Q3");
	is_int(date_quarter_start(qi + 1), date_from_civil(2026, 10, 1),
	       "date: 2026Q4 starts on October 1st");
	is_int(date_days_in_month(1900, 2), 28, "date: 1900 is not a leap year");
	is_int(date_days_in_month(2000, 2), 29, "date: 2000 is a leap year");
	return done_testing();
}

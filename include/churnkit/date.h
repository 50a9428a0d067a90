/*
 * date.h - calendar dates as day numbers.
 *
 * A date is held as a day number: days since 1970-01-01 in the proleptic
 * Gregorian calendar (1970-01-01 = 0, 1969-12-31 = -1), in an int32_t.
 * Conversions use Howard Hinnant's days_from_civil/civil_from_days
 * algorithms, exact for every year 0001-9999.  Survival times from dates are
 * differences of day numbers (days).  A month index (`year * 12 + month - 1`)
 * numbers calendar months for cohorts and periods.
 * Nothing here allocates or keeps state.
 */
#ifndef CHURNKIT_DATE_H
#define CHURNKIT_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"

/* The day number of year-month-day; no validation. */
int32_t date_from_civil(int year, int month, int day);

/* The year, month (1-12) and day (1-31) of a day number. */
void date_to_civil(int32_t days, int *year, int *month, int *day);

/* 1 when y-m-d is a real calendar date in years 1..9999, 0 otherwise. */
int date_valid(int year, int month, int day);

/* Days in a month (leap years as Gregorian). */
int date_days_in_month(int year, int month);

/* Parses `s` (exactly `len` bytes, not necessarily NUL-terminated) as a
 * --date-format value `fmt` says (datetime.h, dt_spec_read): NULL, "auto"
 * and "iso" read ISO 8601 dates and datetimes, "epoch" and "epoch-ms" Unix
 * time, other text a strptime(3) format that must consume the whole text;
 * every reading in UTC.  Surrounding blanks are allowed.  Returns 1 and
 * sets *days to the UTC day on success, 0 on a malformed or impossible
 * date (2023-02-29) or a format dt_spec_read refuses.  Implemented in
 * datetime.c. */
int date_parse(const char *s, size_t len, const char *fmt, int32_t *days);

/* Writes yyyy-mm-dd (11 bytes with the NUL) into buf; returns buf. */
char *date_format(int32_t days, char buf[static 11]);

/* Month index year*12 + (month-1) of a day number, and the day number of the
 * first day of a month index. */
int32_t date_month_index(int32_t days);
int32_t date_month_start(int32_t month_index);

/* Writes a month index as yyyy-mm (8 bytes with the NUL); returns buf. */
char *date_format_month(int32_t month_index, char buf[static 8]);

/* Quarter index year*4 + (quarter-1) of a day number; first day of a quarter
 * index; "2026Q3" (7 bytes with the NUL). */
int32_t date_quarter_index(int32_t days);
int32_t date_quarter_start(int32_t quarter_index);
char *date_format_quarter(int32_t quarter_index, char buf[static 7]);

/* The length of a month in days, 365.25 / 12 = 30.4375 (exact in binary):
 * times in days are shown and grouped in months of this length (tenure
 * months, --times, --horizon, medians in months).  The one definition. */
#define DATE_MONTH_DAYS (365.25 / 12)

#endif

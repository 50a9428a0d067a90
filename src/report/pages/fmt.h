/*
 * fmt.h - how the report prints numbers (private to src/report).
 *
 * Every function writes into the caller's buffer and returns it; a NaN (or
 * otherwise undefined) input prints "-", as the text outputs do.  The
 * report is written in English: thousands are grouped with commas.
 * p-values and percentages are prose's (include/churnkit/fmtnum.h).
 */
#ifndef CHURNKIT_REPORT_FMT_H
#define CHURNKIT_REPORT_FMT_H

#include <stddef.h>
#include <stdint.h>

/* 12,345 (rounded to a whole number). */
char *fmt_count(double x, char *buf, size_t n);
/* A change of a fraction in percentage points with its sign: "+0.8 pp". */
char *fmt_pp(double dfrac, char *buf, size_t n);
/* A signed count: "+12", "-3", "0". */
char *fmt_delta(double x, char *buf, size_t n);
/* Money without a currency sign, compact: 980, 12.3k, 4.56M, 1.20B;
 * exact below 10,000 ("9,870"). */
char *fmt_money(double x, char *buf, size_t n);
/* Money in full with thousands separators: "1,234,567". */
char *fmt_money_full(double x, char *buf, size_t n);
/* A ratio as the forest plot prints it: 2 decimals below 10 ("1.85"), 1
 * below 100, none below 10,000, then 2 significant digits ("2.6e+06");
 * "inf" only when infinite, "0" at zero. */
char *fmt_ratio(double x, char *buf, size_t n);
/* Days as months of 30.4375 days with one decimal: "14.2". */
char *fmt_months(double days, char *buf, size_t n);
/* A day number as "1 Jul 2026". */
char *fmt_day(int32_t day, char *buf, size_t n);

#endif

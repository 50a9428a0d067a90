/*
 * fmt.h - how the report prints numbers (private to src/report).
 *
 * Every function writes into the caller's buffer and returns it; a NaN (or
 * otherwise undefined) input prints "-", as the text outputs do.  The
 * report is written in English: thousands are grouped with commas.
 * p-values, percentages and money are prose's (include/churnkit/fmtnum.h).
 */
#ifndef CHURNKIT_REPORT_FMT_H
#define CHURNKIT_REPORT_FMT_H

#include <stddef.h>
#include <stdint.h>

/* 12,345 (rounded to a whole number). */
char *fmt_count(double x, char *buf, size_t n);
/* The change from `before` to `now` (fractions printed as fmtnum_pct(x, 1)
 * beside it) in percentage points with its sign, the difference of the
 * printed values (fmtnum_pct_change_shown): 0.12791 against 0.12245 (12.8%
 * and 12.2%) is "+0.6 pp"; "0.0 pp" when both print the same. */
char *fmt_pp_shown(double now, double before, char *buf, size_t n);
/* A signed count: "+12", "-3", "0". */
char *fmt_delta(double x, char *buf, size_t n);
/* Money in tiles, charts and sentences, compact with the symbol of the
 * report's currency `cur` (report_input.currency, NULL: none): "€950",
 * "€38.4k", "€1.2M" (fmtnum_money, the one money format). */
char *fmt_money(double x, const char *cur, char *buf, size_t n);
/* A change of money with its sign: "+€8.8k", "-€950", "€0". */
char *fmt_money_delta(double x, const char *cur, char *buf, size_t n);
/* Money exact, for tables: "€1,234.50" (fmtnum_money_exact). */
char *fmt_money_full(double x, const char *cur, char *buf, size_t n);
/* Whether a KPI tile's change d is larger than the noise, so that it gets
 * an arrow and a colour (docs/outputs.md): with a test of the change (p
 * not NaN) when p < alpha; without one, a change of a fraction (pp 1) of
 * at least 0.1 percentage point, a count or money (pp 0) that rounds to a
 * whole unit.  0 for a change that is not finite. */
int fmt_change_real(double d, int pp, double p, double alpha);
/* Days as months of 30.4375 days with one decimal: "14.2". */
char *fmt_months(double days, char *buf, size_t n);
/* A day number as "1 Jul 2026". */
char *fmt_day(int32_t day, char *buf, size_t n);

#endif

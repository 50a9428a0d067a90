/*
 * fmtnum.h - how p-values, percentages and money are written, one rule per
 * medium.
 *
 * Two media: the terminal's text tables (churnkit survival, model, cohorts
 * print them), which follow R's printed output, and prose (the findings'
 * sentences and every page of the PDF report, tables included), which is
 * read by people who do not read R.  Each medium has one p-value rule and
 * one percentage rule, written here only; a caller chooses the spelling
 * (a table cell, or the "p = ..." of a sentence), never the digits.
 *
 * Every function writes into the caller's buffer (n bytes; 64 is enough
 * for any of them), returns it, allocates nothing and keeps no state.
 */
#ifndef CHURNKIT_FMTNUM_H
#define CHURNKIT_FMTNUM_H

#include <stddef.h>

/* ---- The terminal ------------------------------------------------------- */

/* The terminal's mark for a missing or undefined value, as R prints it
 * (docs/outputs.md, "Missing values"); cell.h's table cells use it too. */
#define FMTNUM_TEXT_NA "NA"

/* A p-value as R's format.pval(p, digits = 3) prints it: three significant
 * digits ("0.0712", "0.00123", "1.23e-05"), "<2e-16" below the machine
 * epsilon (2.220446e-16, also 0 and underflow), "NA" for NaN.  Below the
 * epsilon, a finite log_p (the natural log of p, which the log-rank tests
 * keep when p itself underflows) is added: "<2e-16 (log p = -1176.4)";
 * pass NAN when there is none. */
char *fmtnum_p_text(double p, double log_p, char *buf, size_t n);

/* The same p-value in a sentence of the text output: "p = 0.00123",
 * "p < 2e-16 (log p = -1176.4)", "p = NA". */
char *fmtnum_p_text_says(double p, double log_p, char *buf, size_t n);

/* A fraction as a percentage with `dec` decimals and no sign of zero:
 * 0.03125 -> "3.12%" (dec 2); "NA" (not defined) when not finite. */
char *fmtnum_pct_text(double frac, int dec, char *buf, size_t n);

/* ---- Prose and the PDF report ----------------------------------------- */

/* A p-value for a reader: "< 0.001" below 0.001 (also 0 and underflow);
 * from 0.001 to 0.01 three decimals ("0.004"); from 0.01 two significant
 * digits ("0.034", "0.21", "0.05"); "> 0.99" from 0.995.  When p < alpha
 * but the rounded value would not read below alpha (0.0496 -> "0.05" at
 * alpha 0.05), "< 0.05" (alpha as %g) instead, so that a significant p
 * never reads as alpha or above; alpha NaN or outside (0, 1) turns that
 * off.  "-" for NaN or a p outside [0, 1]. */
char *fmtnum_p(double p, double alpha, char *buf, size_t n);

/* The same p-value in a sentence: "p = 0.034", "p < 0.001", "p > 0.99",
 * "p < 0.05"; "p = NA" for NaN or a p outside [0, 1]. */
char *fmtnum_p_says(double p, double alpha, char *buf, size_t n);

/* A fraction as a percentage with `dec` decimals, no "-0.0%":
 * 0.0312 -> "3.1%" (dec 1); "-" when not finite. */
char *fmtnum_pct(double frac, int dec, char *buf, size_t n);

/* The change from `before` to `now` (fractions) in percentage points, as a
 * reader finds it from the two values printed with `dec` decimals
 * (fmtnum_pct, fmtnum_pct_text): the difference of the printed values,
 * rounded to `dec` decimals, so that a change printed beside them agrees
 * with their subtraction (0.12791 and 0.12245 print 12.8% and 12.2%: 0.6,
 * not the exact 0.546).  Its sign is never the opposite of now - before;
 * +0 when both print the same; NaN when either is not finite. */
double fmtnum_pct_change_shown(double now, double before, int dec);

/* A ratio (odds, hazard, quick ratio), the same in a table, the forest
 * plot and a sentence: 2 decimals below 10 ("1.85"), 1 below 100 ("25.6"),
 * none below 10,000 ("250"), then 2 significant digits ("2.4e+06", finite
 * however large); "<0.01" above 0 and below 0.005, "0" at 0 and below,
 * "inf" only when infinite, "-" for NaN. */
char *fmtnum_ratio(double x, char *buf, size_t n);

/* ---- Money (prose, charts and tables of the PDF report) ------------------ */

/* 1 when code is an ISO 4217 code as the report takes it: three letters
 * A-Z (upper case); 0 otherwise. */
int fmtnum_currency_ok(const char *code);

/* What the report prints for a currency code: its symbol for the common
 * ones ("EUR" -> "€", "USD" -> "$", "GBP" -> "£", "JPY" -> "¥", "CHF" ->
 * "CHF"), the code itself for any other; "" for NULL (no currency). */
const char *fmtnum_currency_symbol(const char *code);

/* Money in a tile, a chart or a sentence, compact, with the symbol of
 * `code` (NULL: none): "€950", "€38.4k", "€1.2M", "€3.4B", "-€1.2k";
 * a symbol of letters is followed by a space ("CHF 38.4k").  Below 1,000
 * whole units; then one decimal of thousands, millions or billions.
 * "-" when not finite. */
char *fmtnum_money(double x, const char *code, char *buf, size_t n);

/* Money exact, for tables: grouped thousands and the currency's minor
 * units ("€1,234.50"; "¥1,235" for JPY; two decimals without a code).
 * "-" when not finite. */
char *fmtnum_money_exact(double x, const char *code, char *buf, size_t n);
/* ---- Sentences (the findings) -------------------------------------------- */

/* A fraction as a percentage in a sentence, with as many digits as a
 * reader needs: two significant digits below 1% ("0.5%", "0.42%"), one
 * decimal below 9.95% ("4.2%", "0.0%" for 0), none from there ("50%",
 * "100%"); "NA" for NaN. */
char *fmtnum_pct_says(double frac, char *buf, size_t n);

/* Two fractions compared in one sentence, each as fmtnum_pct_says writes
 * it, but with more decimals (one to three, as fmtnum_pct) while the two
 * would read the same although they differ: 0.451 and 0.454 read "45.1%"
 * and "45.4%", not "45%" twice (0.0042 and 0.0049 differ as "0.42%" and
 * "0.49%" already).  Both buffers hold n bytes. */
void fmtnum_pct_pair_says(double a, double b, char *ba, char *bb, size_t n);

#endif

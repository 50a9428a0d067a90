/*
 * cell.h - a number as the text of a cell in the terminal's tables: the one
 * rule for every table churnkit prints (survival, model, cohorts and KPIs).
 *
 * The terminal follows R's printed output (docs/outputs.md, "Missing
 * values"): a missing or undefined value prints as "NA" (CELL_NA, the mark
 * of fmtnum.h's terminal p-values and percentages too), an infinite one as
 * "Inf" or "-Inf", never as printf's "nan" or "inf".  The caller pads the
 * cell to its column; the PDF report's cells are src/report/pages/fmt.h's.
 *
 * Every function writes into the caller's buffer (n bytes; 32 is enough
 * for any cell), returns it, allocates nothing and keeps no state.
 */
#ifndef CHURNKIT_CELL_H
#define CHURNKIT_CELL_H

#include <stddef.h>

#include "churnkit/fmtnum.h"

/* The terminal's mark for a missing or undefined value. */
#define CELL_NA FMTNUM_TEXT_NA

/* x with `digits` significant digits ("%.*g"), a whole number below 1e15
 * with all its digits and no decimals: 412 -> "412", 0.123456 -> "0.123"
 * (digits 3). */
const char *cell_num(double x, int digits, char *buf, size_t n);

/* x with `digits` significant digits, as printf's "%.*g" alone:
 * 1234567 -> "1.23457e+06" (digits 6), 0.5 -> "0.5". */
const char *cell_sig(double x, int digits, char *buf, size_t n);

/* x with `decimals` decimals ("%.*f"): 0.90046 -> "0.9005" (decimals 4). */
const char *cell_fix(double x, int decimals, char *buf, size_t n);

/* A count of customers: whole ("412", "%.15g"), or weighted with one
 * decimal ("37.5"). */
const char *cell_count(double x, char *buf, size_t n);

#endif

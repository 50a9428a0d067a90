/*
 * surv_print.h - a surv_analysis (surv_analysis.h) as plain text for a
 * person: per curve its size, median with interval, RMST, and a table of
 * survival at the chosen times; the log-rank tests with observed and
 * expected churn per level and pairwise adjusted p-values; median
 * follow-up; the hazard by tenure month and the early-churn share.
 *
 * Numbers are rounded for reading (4 significant digits for S, 1 decimal
 * for times that are not whole, 2 decimals for expected counts); a value R
 * gives as NA prints as "NA".  The exact values are in the JSON output
 * (surv_json.h).  Table columns that hold level names are padded by
 * display columns (textpad.h: Kraków is 6 wide, 台北 4), and every column
 * of the test tables grows to its widest cell, so rows stay aligned.  A
 * test that could not be made prints "not tested: " and why (logrank.h);
 * customers without a value in a grouping column are counted under its
 * test ("2 customers have no contract value: in the overall curve only").
 *
 * Borrows everything; writes only to the caller's stream.
 */
#ifndef CHURNKIT_SURV_PRINT_H
#define CHURNKIT_SURV_PRINT_H

#include <stdio.h>

#include "churnkit/err.h"
#include "churnkit/surv_analysis.h"

/* `time_unit` names the unit in headings ("days"; NULL = no unit).
 * Errors: CHURN_EUSAGE for a NULL argument; CHURN_EIO when writing fails. */
churn_status surv_print(FILE *f, const surv_analysis *a, const char *time_unit,
                        churn_err *err);

/* How surv_print_with labels and selects what it prints. */
typedef struct {
	const char *time_unit;    /* "days"; NULL = no unit */
	const char *times_unit;   /* the unit the chosen times were given in
	                             ("months"), shown beside time_unit; NULL =
	                             they were given in time_unit */
	double times_scale;       /* time_unit per times_unit (30.4375) */
	const char *period_name;  /* a hazard row: "month" (default) or "period" */
	double alpha;             /* findings: (adjusted) p below alpha (0.05) */
	double min_n;             /* ... and each group with at least min_n
	                             customers (30) */
	size_t max_periods;       /* hazard rows shown before the rest are only
	                             counted (36; 0 = all) */
} surv_print_opts;

/* time_unit NULL, times as given, "month", alpha 0.05, min_n 30, 36 rows. */
void surv_print_opts_default(surv_print_opts *o);

/* As surv_print, with the labels above and a findings section: for each
 * grouping column, the pairs of levels whose survival differs, stated only
 * when the test's p (Benjamini-Hochberg adjusted across the pairs of a
 * column with three or more levels) is below alpha and both levels have at
 * least min_n customers; the faster-churning level first, with the ratio of
 * observed to expected churn (O/E) of the two levels from that test, the
 * log-rank estimate of their hazard ratio.  A pairwise finding ends "in the
 * two-group test": its O/E come from the two levels tested alone, not from
 * the column's table.  `o` NULL = the defaults. */
churn_status surv_print_with(FILE *f, const surv_analysis *a, const surv_print_opts *o,
                             churn_err *err);

#endif

/*
 * surv_print.h - a surv_analysis (surv_analysis.h) as plain text for a
 * person: per curve its size, median with interval, RMST, and a table of
 * survival at the chosen times; the log-rank tests with observed and
 * expected churn per level and pairwise adjusted p-values; median
 * follow-up; the hazard by tenure month and the early-churn share.
 *
 * Numbers are rounded for reading (4 significant digits for S, 1 decimal
 * for times that are not whole); a value R gives as NA prints as "NA".
 * The exact values are in the JSON output (surv_json.h).
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

#endif

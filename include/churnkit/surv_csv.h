/*
 * surv_csv.h - a surv_analysis (surv_analysis.h) as CSV tables for
 * spreadsheets: what `--tables DIR` writes.
 *
 * Files, each written atomically (outfile.h) into DIR, which must exist:
 *   survival_curves.csv     one row per curve: by, level, n, rows, events,
 *                           median, median_lower, median_upper, q25, q75,
 *                           rmst, rmst_se, rmst_tau
 *   survival_steps.csv      the all-customers curve, one row per step: time,
 *                           n_risk, n_event, n_censor, surv, se, lower,
 *                           upper, cumhaz, cumhaz_se
 *   survival_<by>_<NN>_<level>_steps.csv
 *                           the same for each level of each --by column (NN
 *                           its 1-based level number; bytes other than
 *                           letters, digits, '.', '-' and '_' become '_')
 *   survival_at_risk.csv    survival at the chosen times, every curve: by,
 *                           level, [the times' own unit,] time, n_risk,
 *                           n_event, n_censor, surv, se, lower, upper
 *   survival_hazard.csv     month, tenure_from, tenure_to, n_risk, n_event,
 *                           rate (only when the analysis has a hazard table)
 *   survival_logrank.csv    one row per level of each test: by, test, rho,
 *                           chisq, df, p, level, n, observed, expected,
 *                           note (empty, or why the test could not be made)
 *   survival_pairwise.csv   by, level_a, level_b, chisq, df, p, p_adjusted,
 *                           observed_a, expected_a, observed_b, expected_b,
 *                           note
 * Times are in the analysis's unit.  Text cells (column and level names) are
 * quoted as RFC 4180 asks and formula-escaped: a cell beginning with = + - @
 * (or a tab or carriage return) gets a leading ' so that a spreadsheet shows
 * it as text.  Numbers are written with the fewest digits that read back to
 * the same double; NA (R's) is an empty cell.
 *
 * Borrows everything.
 */
#ifndef CHURNKIT_SURV_CSV_H
#define CHURNKIT_SURV_CSV_H

#include <stdio.h>

#include "churnkit/err.h"
#include "churnkit/outfile.h"
#include "churnkit/tabledest.h"
#include "churnkit/surv_analysis.h"

/* `times_unit` (e.g. "months") adds a first column to survival_at_risk.csv
 * holding each chosen time divided by `times_scale` (time units per
 * times_unit); NULL leaves it out.
 * Errors: CHURN_EUSAGE for a NULL argument; CHURN_EIO when a file cannot be
 * written (no file is left half-written); CHURN_ENOMEM. */
churn_status surv_write_tables(const table_dest *d, const surv_analysis *a,
                               const char *times_unit, double times_scale, churn_err *err);

#endif

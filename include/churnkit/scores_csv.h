/*
 * scores_csv.h - the scores file (scores.h's list) as CSV, for a
 * customer-success team to import into its CRM.
 *
 * CSV: a header row, then one row per customer, riskiest first (ties and
 * unscored customers in input order), comma-separated, LF line ends,
 * RFC 4180 quoting (a cell holding a comma, quote or line break is quoted,
 * quotes doubled).  Text cells (ids, drivers) beginning with = + - @, tab
 * or carriage return get a leading single quote so that a spreadsheet
 * shows them as text instead of running them as formulas; UTF-8 bytes are
 * written untouched.  Columns:
 *     id, value, churn_probability (6 decimals), risk_band, segment,
 *     main_driver, recommended_action
 * With frequency weights (s->weight, --weight) a column weight follows id:
 * the customers the row stands for (> 0; rows of weight 0 are not in the
 * list), so that the sum of the column counts the customers.
 * The segment and action texts come from the segments stage (segment.h),
 * one per entry of the list; the writer takes them as arrays so that this
 * module does not depend on that one.
 *
 * The design, scores and table are borrowed.
 */
#ifndef CHURNKIT_SCORES_CSV_H
#define CHURNKIT_SCORES_CSV_H

#include <stdio.h>

#include "churnkit/design.h"
#include "churnkit/err.h"
#include "churnkit/scores.h"
#include "churnkit/stagetime.h"
#include "churnkit/table.h"

/* Writes the CSV described above.  id_col names the id column of t (text
 * or number), value_col the value column or NULL (empty cells).
 * segments[k] and actions[k] are the texts of entry k of s (arrays of s->n
 * strings; either array may be NULL, leaving its column empty).
 * progress (NULL: none) is ticked with the rows written (stagetime.h).
 * CHURN_EUSAGE when a column is not in t, CHURN_EIO on a write error. */
churn_status scores_write_csv(FILE *f, const scores *s, const design *d, const table *t,
                              const char *id_col, const char *value_col,
                              const char *const *segments, const char *const *actions,
                              stagetime *progress, churn_err *err);

#endif

/*
 * reasons_out.h - the churn-reason breakdown (reasons.h) as text, JSON and
 * --tables CSV (docs/contract.md, "Churn reasons"; docs/outputs.md).
 *
 * JSON: reasons_json_survival adds "reasons" to the document's "survival"
 * object: the column, whether --involuntary named levels, the totals, the
 * levels[] (name, unknown, involuntary true/false, or null without
 * --involuntary, churned, churned_mrr, share, mrr_share), the voluntary and
 * involuntary totals (null without --involuntary) and by[] (per --by
 * column, per level, the same breakdown).  reasons_json_cohorts adds
 * "reasons" to the "cohorts" object: the reporting period and the one
 * before (null when not computed), each with its label, days, customers at
 * start, totals and levels[] with churned_from_start and share_of_start.
 * Numbers go through jsonout.h (NaN is null), percentages in the text
 * through fmtnum.h, counts through cell.h, CSV cells through tablecsv.h.
 *
 * Tables: survival_reasons.csv (overall), survival_reasons_by.csv (one row
 * per --by column, level and reason) and cohorts_reasons.csv (one row per
 * period and reason).
 *
 * Nothing here keeps what it is given; the result is borrowed for the call.
 */
#ifndef CHURNKIT_REASONS_OUT_H
#define CHURNKIT_REASONS_OUT_H

#include <stdio.h>

#include "churnkit/err.h"
#include "churnkit/outfile.h"
#include "churnkit/tabledest.h"
#include "churnkit/reasons.h"

/* The overall breakdown and the one per --by level, for `churnkit survival`. */
void reasons_print_survival(const reasons_result *r, FILE *f);
/* The reporting period against the one before, for `churnkit cohorts`. */
void reasons_print_period(const reasons_result *r, FILE *f);

/* Adds "reasons" to root's "survival" (or "cohorts") object; CHURN_ENOMEM,
 * or CHURN_EUSAGE when root has no such object.  root is a json_object *. */
churn_status reasons_json_survival(const reasons_result *r, void *root, churn_err *err);
churn_status reasons_json_cohorts(const reasons_result *r, void *root, churn_err *err);

/* Writes survival_reasons.csv and survival_reasons_by.csv (or
 * cohorts_reasons.csv) to d (tabledest.h; its directory must exist). */
churn_status reasons_write_survival_tables(const reasons_result *r, const table_dest *d,
                                           churn_err *err);
churn_status reasons_write_cohorts_tables(const reasons_result *r, const table_dest *d,
                                          churn_err *err);

#endif

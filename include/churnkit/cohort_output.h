/*
 * cohort_output.h - the cohorts and kpis results as JSON (json-c), as a
 * plain-text summary and as CSV tables for spreadsheets.
 *
 * JSON follows docs/contract.md's "cohorts" and "kpis" objects (stable names;
 * extra keys are added beside them, never renamed).  Numbers that are not
 * defined (NaN: a rate over 0 customers, MRR without values) are JSON null;
 * doubles are written with the fewest digits that read back to the same
 * double (at most 17), so nothing is rounded away.  Dates are yyyy-mm-dd,
 * cohorts yyyy-mm, periods "2026-09" or "2026Q3".
 *
 * The text summary prints the triangles as percentages of the cohort size
 * (thin rows marked "*"), the mean rows, the KPI table of customers, the
 * revenue movements and ratios (when there is MRR), the reporting period
 * against the previous one with its test, the cost of churn as an estimate
 * with its assumptions, and a notes block stating every convention used.
 *
 * CSV: comma-separated, RFC 4180 quoting, LF line ends, a header line.
 * Numbers are written in full precision with '.' as the decimal point;
 * undefined numbers are empty cells.  Text cells (cohort labels, group
 * levels, names) that begin with = + - @, tab or carriage return are
 * prefixed with a single quote so that a spreadsheet shows them as text
 * instead of running them as formulas (OWASP "CSV injection").
 *
 * Ownership: the JSON builders return a new json_object the caller owns
 * (json_object_put); every function borrows its inputs.  The writers write
 * only to the FILE* they are given and never close it.
 */
#ifndef CHURNKIT_COHORT_OUTPUT_H
#define CHURNKIT_COHORT_OUTPUT_H

#include <stdio.h>

#include <json-c/json.h>

#include "churnkit/cohort.h"
#include "churnkit/err.h"
#include "churnkit/outfile.h"
#include "churnkit/tabledest.h"
#include "churnkit/kpi.h"

/* Builds the "cohorts" object: {"rows": [...], "mean": {...}, "groups":
 * [...], ...}.  CHURN_ENOMEM when json-c fails to allocate. */
churn_status cohort_to_json(const cohort_result *r, json_object **out, churn_err *err);

/* The same for several results of the same customers, one per --by column
 * (each built by cohort_build with that column, or one without a group):
 * the overall triangle and the other keys are rs[0]'s, "groups" holds the
 * group triangles of every result in order (each with its "by" and
 * "level"), and "by" lists the columns with their level counts and
 * customers without a level.  nr >= 1. */
churn_status cohort_to_json_multi(const cohort_result *const *rs, size_t nr,
                                  json_object **out, churn_err *err);

/* Builds the "kpis" object: {"periods": [...], "reporting": {...},
 * "cost_of_churn": {...}, ...}. */
churn_status kpi_to_json(const kpi_result *r, json_object **out, churn_err *err);

/* Writes the plain-text summary of either or both results (NULL to leave
 * one out) to f.  CHURN_EIO when writing fails. */
churn_status cohort_print_text(FILE *f, const cohort_result *c, const kpi_result *k,
                               churn_err *err);

/* The same for several results (see cohort_to_json_multi): the overall
 * triangles of c[0], then the group triangles of each result, the KPIs,
 * the notes. */
churn_status cohort_print_text_multi(FILE *f, const cohort_result *const *c, size_t nc,
                                     const kpi_result *k, churn_err *err);

typedef enum {
	COHORT_CSV_RETAINED,        /* retained counts */
	COHORT_CSV_RETENTION,       /* retained / size, with the two mean rows */
	COHORT_CSV_VALUE_RETAINED,  /* value_retained sums */
	COHORT_CSV_VALUE_RETENTION  /* value_retained / value, with mean rows */
} cohort_csv_kind;

/* One triangle as CSV: cohort,size,value,thin,m0,m1,... (cells of months
 * that have not ended are empty).  The value kinds need values
 * (CHURN_EUSAGE otherwise). */
churn_status cohort_write_triangle_csv(FILE *f, const cohort_triangle *t,
                                       cohort_csv_kind kind, churn_err *err);

/* The KPI table as CSV: one line per period, months then quarters. */
churn_status kpi_write_csv(FILE *f, const kpi_result *r, churn_err *err);

/* Writes every table to d (tabledest.h: the --tables directory, which must
 * exist, and/or the workbook), each file atomically: cohorts_retained.csv, cohorts_retention.csv, with values
 * cohorts_value_retained.csv and cohorts_value_retention.csv, the same per
 * group level as cohorts_<by>_<NN>_<level>_<table>.csv (NN the level's
 * 1-based number; bytes other than letters, digits, '.', '-' and '_'
 * become '_'), and kpis.csv.  Either result may be NULL. */
churn_status cohort_write_tables(const table_dest *d, const cohort_result *c,
                                 const kpi_result *k, churn_err *err);

/* The same for several results (see cohort_to_json_multi); nc may be 0. */
churn_status cohort_write_tables_multi(const table_dest *d, const cohort_result *const *c,
                                       size_t nc, const kpi_result *k, churn_err *err);

#endif

/*
 * labels.h - the names a report gives columns and their levels.
 *
 * The report definition's [labels] section ("contract = Contract length",
 * "contract:month-to-month = Month to month") and --label COL=Text /
 * --label COL:LEVEL=Text name the input's columns and the levels of its
 * categorical columns in the PDF report (docs/outputs.md).  The JSON and
 * CSV outputs keep the raw names: they are data.
 *
 * A labels map owns copies of every string added to it.  Lookups take a
 * NULL map (no labels) and always return something printable: the label
 * when there is one, else the raw name given (borrowed from the caller).
 * A label added again for the same column or level replaces the earlier
 * one (the later wins: the command line after the report definition).
 */
#ifndef CHURNKIT_LABELS_H
#define CHURNKIT_LABELS_H

#include <stddef.h>

#include "churnkit/err.h"
#include "churnkit/table.h"

typedef struct labelmap labelmap;

/* An empty map, or NULL when out of memory. */
labelmap *labels_new(void);
void labels_free(labelmap *m);

/* Adds one label written "COL=Text" or "COL:LEVEL=Text": the column ends at
 * the first ':' before the first '=', the text is what follows the first
 * '=' (blanks around each part stripped).  `origin` ("command line",
 * "FILE:LINE") is kept for the messages of labels_check.  CHURN_EUSAGE
 * naming spec and origin when a part is empty or there is no '=';
 * CHURN_ENOMEM. */
churn_status labels_add(labelmap *m, const char *spec, const char *origin, churn_err *err);

/* Checks every label against the loaded table: the column must exist and
 * a level must be one of its column's levels (a number of a numeric column
 * as "%.15g" writes it: "0", "1", "2.5").
 * CHURN_EUSAGE naming the first label that names nothing. */
churn_status labels_check(const labelmap *m, const table *t, churn_err *err);

/* The number of labels held (0 for NULL). */
size_t labels_count(const labelmap *m);

/* The label of column `col`, or `col`. */
const char *labels_col(const labelmap *m, const char *col);

/* The label of level `level` of column `col`, or `level`. */
const char *labels_level(const labelmap *m, const char *col, const char *level);

/* A model term named by its column's label (the one rule for the report's
 * pages and the findings): the term `term` as given ("contract",
 * "log(mrr)") when its column `col` has no label, else the label, inside
 * "log(...)" when `log_term` ("log(Monthly revenue)").  Writes into buf;
 * returns it. */
char *labels_term(const labelmap *m, const char *term, const char *col, int log_term,
                  char *buf, size_t n);

#endif

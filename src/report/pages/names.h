/*
 * names.h - how the report names columns, levels and model terms (private
 * to src/report/pages): by the labels the report definition gives them
 * (report_input.labels, include/churnkit/labels.h), else by their raw
 * names.  The appendix's options list keeps the raw names.
 */
#ifndef CHURNKIT_REPORT_NAMES_H
#define CHURNKIT_REPORT_NAMES_H

#include <stddef.h>

#include "churnkit/design.h"
#include "churnkit/model_score.h"
#include "churnkit/report.h"

/* The label of column `col`, or `col` (NULL stays NULL). */
const char *name_col(const report_input *in, const char *col);
/* The label of level `level` of column `col`, or `level`. */
const char *name_level(const report_input *in, const char *col, const char *level);
/* A model term as given ("contract", "log(mrr)") with its column labelled:
 * "Contract length", "log(Monthly revenue)". */
char *name_term(const report_input *in, const design_term *t, char *buf, size_t n);
/* Column j of design d: "Contract length = Two years" for a category's
 * level, the term's name (name_term) for a number, "Logins missing" for
 * an imputed value's indicator, "(Intercept)". */
char *name_design_col(const report_input *in, const design *d, size_t j, char *buf,
                      size_t n);
/* Customer i's main churn driver (model_score_driver_label) with its
 * column and level labelled: "Contract length = Month to month". */
char *name_driver(const report_input *in, const design *d, const table *t, size_t i,
                  const model_score_row *s, char *buf, size_t n);

#endif

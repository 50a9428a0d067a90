/*
 * bylevels.h - the cap on the levels of a --by (segment) column, one rule
 * for every stage that groups customers by such a column (survival's
 * curves and tests, the cohort triangles) and for every command.
 *
 * A --by column has at most BY_LEVELS_MAX levels (docs/outputs.md, "--by
 * levels"): more is an identifier or free text, and would make a curve, a
 * triangle, tests and several files per level.  The rule takes a column's
 * name and level count rather than the table, so that it sits below the
 * loader and both stages (and the command line's check right after
 * loading) call the same function.
 */
#ifndef CHURNKIT_BYLEVELS_H
#define CHURNKIT_BYLEVELS_H

#include <stddef.h>

#include "churnkit/err.h"

#define BY_LEVELS_MAX 100

/* CHURN_OK when a --by column named `column` with nlevels levels is within
 * the cap; CHURN_EUSAGE "--by COL has N levels: a segment column has at
 * most 100 (is it an id or free text?)" otherwise. */
churn_status by_levels_check(const char *column, size_t nlevels, churn_err *err);

#endif

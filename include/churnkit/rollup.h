/*
 * rollup.h - one customer from several rows (--rollup, docs/inputs.md
 * "One customer from several rows").
 *
 * A billing export has one row per subscription; a customer who cancelled
 * and came back has two.  rollup_table merges the rows of a loaded table
 * (load.h, date mode) that share an id into one row per customer:
 *   start    the earliest start;
 *   end      missing (still active) when any row is active, else the
 *            latest end;
 *   value    the sum of the active rows' values, or, when every row ended,
 *            of the rows whose end is the latest end (missing values left
 *            out; missing when all are);
 *   outcome  1 only when every row's is 1;
 *   entry    the earliest entry, a row without one entering at its start
 *            (missing when no row has one);
 *   others   the values of the customer's current row: among the rows the
 *            value sums (the active ones, or those that ended last), the one
 *            with the latest start, the later line on a tie; so a
 *            categorical column whose rows disagree takes that row's level.
 * The customer's line (t->line) is its first row's.  A gap, a row starting
 * after every earlier row of the same id (by start) has ended, is a
 * reactivation: counted, the customer's start and end still spanning it.
 * Rows sharing an id keep their order: customer k is the k-th id in first
 * appearance order, its id code k.  Categorical columns keep only the
 * levels the current rows use.  Work is O(n log n) in rows, memory O(n).
 */
#ifndef CHURNKIT_ROLLUP_H
#define CHURNKIT_ROLLUP_H

#include "churnkit/err.h"
#include "churnkit/load.h"
#include "churnkit/table.h"

typedef struct {
	long customers;             /* rows after the merge */
	long reactivations;         /* gaps */
	long customers_reactivated; /* customers with at least one gap */
} rollup_counts;

/* CHURN_EUSAGE when `map` cannot be rolled up: no id, no start date, a
 * duration (no dates to merge by) or a weight (a weighted row stands for
 * several customers).  The loader calls it before reading. */
churn_status rollup_check_map(const load_map *map, churn_err *err);

/* Merges the rows of `t` by the id column map->id (categorical), with the
 * roles of `map` (start, end, entry, value, outcome).  On success `t` holds
 * one row per customer (its arrays replaced) and *c the counts.
 * CHURN_EUSAGE as rollup_check_map, or when the id is not categorical or
 * the start or entry not dates; CHURN_ENOMEM when out of memory (t can then only be freed). */
churn_status rollup_table(table *t, const load_map *map, rollup_counts *c,
                          churn_err *err);

#endif

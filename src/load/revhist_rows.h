/*
 * revhist_rows.h - private to the revenue history's files: the loaded rows
 * being checked, shared by revhist.c (loading, the whole) -> revhist_match.c
 * (ids, months, the per-row rules and duplicates) and revhist_rejects.c
 * (describing the bad rows and merging them with the loader's, by line).
 */
#ifndef CHURNKIT_REVHIST_ROWS_H
#define CHURNKIT_REVHIST_ROWS_H

#include <stdint.h>
#include <stdio.h>

#include "churnkit/load.h"
#include "churnkit/revhist.h"

#define MONTH_BAD INT32_MIN

/* Values of revhist_rows.bad besides 0 (good) and reason + 1 (bad, reported):
 * rows left out without a complaint. */
#define REVHIST_DROP_CHURN 0xFE  /* a 0 or empty MRR in or after the churn month */
#define REVHIST_DROP_LINE 0xFF   /* a wide line's other cells, when one is bad */
#define REVHIST_REPORTED(b) ((b) != 0 && (b) < REVHIST_DROP_CHURN)

/* The revenue file as loaded, and the verdict on each of its rows. */
typedef struct {
	const table *t;
	const table_col *id, *mon, *mrr;
	long id_field, mon_field, mrr_field;   /* 1-based */
	const size_t *cust_of;                 /* per id level */
	const int32_t *month_of;               /* per month level */
	const revhist_customers *c;
	uint8_t *bad;                          /* per row: reason + 1, 0 = good */
	long *first_line;                      /* per row: a duplicate's first line */
	/* A wide history (revhist_wide.c): each row above is one cell of `src`
	 * (the file as loaded), src_row[i] its row and field[i] its 1-based
	 * field; NULL for a long history (the rows are the file's). */
	const table *src;
	const size_t *src_row;
	const long *field;
} revhist_rows;

/* revhist_match.c: parses yyyy-mm (or a date yyyy-mm-dd, or an ISO
 * datetime, taken as the month of its day in UTC, as the loader reads
 * dates) into a month index; MONTH_BAD otherwise. */
int32_t revhist_parse_month(const char *s);

/* revhist_match.c: a wide history's month column name (docs/inputs.md
 * "Revenue history"): yyyy-mm, yyyy-mm-dd (its month), yyyy/mm, mm/yyyy,
 * an English month name or its first three letters with a four-digit
 * year before or after it (`Jan 2017`, `2017-Jan`, `January-2017`), any
 * case.  MONTH_BAD otherwise. */
int32_t revhist_header_month(const char *s);

/* revhist_match.c: per distinct id text of the revenue file (rid's
 * levels), the customer row, or SIZE_MAX; *out is new (free it). */
churn_status revhist_match_ids(const table_col *rid, const revhist_customers *c,
                               size_t **out, churn_err *err);

/* revhist_match.c: marks each row of k->t that is missing a value, holds
 * no month, an unknown customer, or a month before signup, after as-of or
 * after the churn month; then the second and later rows of a
 * customer-month among the rows left.  *m0, *m1 are the first and last
 * months of the good rows (*m0 > *m1 when none). */
churn_status revhist_mark_rows(revhist_rows *k, int32_t *m0, int32_t *m1,
                               churn_err *err);

/* revhist_rejects.c: the loader's reason as ours. */
revhist_reason revhist_from_load(load_reason r);

/* revhist_rejects.c: merges the loader's kept rejects (line order) with
 * the rows marked in k (row order = line order) into r->rejects. */
void revhist_merge_rejects(revhist *r, const load_result *lr, const revhist_rows *k);

/* revhist_rejects.c: writes the rejects file `out`: the loader's part was
 * written to `tmp` (its header, then the rows it refused, in line order);
 * the rows marked in k are merged in by line. */
churn_status revhist_write_rejects(FILE *tmp, FILE *out, const revhist_rows *k,
                                   churn_err *err);

#endif

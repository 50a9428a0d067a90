/*
 * revhist_wide.h - private to the revenue history's files: a wide history
 * (one column per month) turned into the rows of the long layout
 * (revhist_rows.h).  Used by revhist.c.
 */
#ifndef CHURNKIT_REVHIST_WIDE_H
#define CHURNKIT_REVHIST_WIDE_H

#include "revhist_rows.h"

/* The arrays behind the rows of a wide history; owned, free with
 * revhist_wide_free. */
typedef struct {
	table t;                /* the rows: id, month, MRR (views of the below) */
	table_col *cols;
	uint32_t *mcol;         /* per file column: its month level */
	char **mlevels;         /* month levels: the month columns' names (borrowed) */
	uint32_t *id_codes, *mon_codes;
	double *mrr;
	long *line, *field;
	size_t *src_row;
	uint8_t *bad;
} revhist_wide;

/* Chooses a wide header's id column (named as the customers' id column
 * `id_name`, else customer_id, else id, else the first column) into *id;
 * every other column must be a month (revhist_header_month), no month
 * twice and none skipped between the first and the last: CHURN_EUSAGE
 * naming `file` and the column otherwise. */
churn_status revhist_wide_columns(char **names, size_t n, const char *id_name,
                                  const char *file, long *id, churn_err *err);

/* From the file as loaded (`t`: every column as text; `id` its id column),
 * builds one row per non-empty cell (and one per line without an id) into
 * *w and points k's table, columns, bad marks and cell positions at them.
 * A cell that is not a number, negative or beyond LOAD_MAX_MAGNITUDE (read
 * with opts' decimal mark, thousands separator and value scale, as the
 * loader reads MRR) is marked bad.  CHURN_ENOMEM when out of memory (free
 * *w either way). */
churn_status revhist_wide_rows(const table *t, long id, const load_opts *opts,
                               revhist_wide *w, revhist_rows *k, churn_err *err);

/* After revhist_mark_rows: a line with a bad cell is refused whole, its
 * first bad cell reported, its other cells marked REVHIST_DROP_LINE. */
void revhist_wide_settle(revhist_rows *k);

void revhist_wide_free(revhist_wide *w);

#endif

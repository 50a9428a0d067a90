/*
 * tablecsv.h - one CSV file of the --tables folder: the one writer every
 * stage's tables go through (survival, cohorts, model, segments).
 *
 * A file is opened in the run's output set (outfile.h: written to a
 * temporary beside DIR/NAME, renamed into place with the other outputs),
 * gets a header line, then rows of cells.  The writer puts the commas and
 * line ends; each cell is written as sheet.h says (the one cell-to-text
 * rule): text quoted when needed and formula-safe, numbers in the fewest
 * digits that read back to the same double and empty when not finite,
 * counts as whole numbers, and our own words ("true", "glm") as they are.
 * LF line ends, no BOM.
 *
 * Ownership: a table_csv is the caller's (on the stack); table_csv_open
 * gives it an outfile that table_csv_close (commit) or table_csv_abort
 * frees.  table_csv_on wraps a stream the caller owns (no file, nothing to
 * close).  Writes after a stream error do nothing harmful; table_csv_close
 * reports it (CHURN_EIO naming the file).
 */
#ifndef CHURNKIT_TABLECSV_H
#define CHURNKIT_TABLECSV_H

#include <stddef.h>
#include <stdio.h>

#include "churnkit/err.h"
#include "churnkit/outfile.h"

typedef struct {
	outfile *out;  /* NULL for table_csv_on */
	FILE *f;
	size_t cells;  /* cells written on the current row */
} table_csv;

/* Opens DIR/NAME in the set `outs` (the directory must exist).  CHURN_ENOMEM,
 * or outfile_open's errors. */
churn_status table_csv_open(table_csv *t, outset *outs, const char *dir, const char *name,
                            churn_err *err);

/* A writer on the caller's stream `f`. */
table_csv table_csv_on(FILE *f);

/* The header: `names` is the whole comma-separated line, without its line
 * end (column names are ours, never quoted). */
void table_csv_header(table_csv *t, const char *names);

/* One cell each. */
void table_csv_text(table_csv *t, const char *s);   /* sheet_text; NULL: empty */
void table_csv_num(table_csv *t, double x);         /* sheet_num */
void table_csv_count(table_csv *t, size_t n);       /* 12 */
void table_csv_int(table_csv *t, long n);           /* -3 */
void table_csv_word(table_csv *t, const char *w);   /* as it is: "true", "month" */
void table_csv_empty(table_csv *t);                 /* an empty cell */

/* Ends the row. */
void table_csv_end_row(table_csv *t);

/* 1 when a write to the stream has failed. */
int table_csv_failed(const table_csv *t);

/* Commits the file (outfile_commit: CHURN_EIO naming it when any write
 * failed); the writer is then empty. */
churn_status table_csv_close(table_csv *t, churn_err *err);

/* Removes the file's temporary; the writer is then empty.  Accepts an
 * empty writer. */
void table_csv_abort(table_csv *t);

/* The names the --tables files may have, as fnmatch(3) patterns
 * ("survival_*.csv"), i = 0, 1, ...; NULL after the last.  Every writer of
 * the folder writes only names listed here (the output checks use them to
 * see that no input would be overwritten). */
const char *table_csv_name_pattern(size_t i);

#endif

/*
 * tablecsv.h - one table of the run's outputs: the one writer every
 * stage's tables go through (survival, cohorts, model, segments), with two
 * sinks: a CSV file of the --tables folder and a sheet of the --xlsx
 * workbook (tablebook.h).  A table goes to either or both, as the
 * table_dest says; the stages' code is the same for both.
 *
 * A table is opened in the run's output set (outfile.h: written to a
 * temporary beside DIR/NAME, renamed into place with the other outputs),
 * gets a header line, then rows of cells.  The writer puts the commas and
 * line ends; each cell is written as sheet.h says (the one cell-to-text
 * rule): text quoted when needed and formula-safe, numbers in the fewest
 * digits that read back to the same double and empty when not finite,
 * counts as whole numbers, and our own words ("true", "glm") as they are.
 * LF line ends, no BOM.
 *
 * Kinds of number (docs/outputs.md, "Workbook"): a CSV has only text, but
 * a sheet shows each number with a format.  The kind is given by the call
 * that writes the cell, so a column's cells all have the kind of the call
 * its writer makes for it: table_csv_num (a plain number), table_csv_count
 * and table_csv_int (whole numbers, "0"), table_csv_pct (a fraction shown
 * as a percent, "0.0%"), table_csv_money (an amount, "#,##0.00" with the
 * run's currency symbol) and table_csv_date (a day number, a real date
 * shown "yyyy-mm-dd").  In the CSV, pct and money write exactly what
 * table_csv_num writes (the fraction, not a percent) and a date its
 * ISO 8601 text, so the kinds change no byte of the CSV files.  The first
 * row is the header: in a sheet it is bold and frozen, and a header word
 * holding commas ("cohort,size") gives one cell per name.
 *
 * Ownership: a table_csv is the caller's (on the stack); table_csv_open
 * gives it an outfile (and a sheet) that table_csv_close (commit) or
 * table_csv_abort frees.  table_csv_on wraps a stream the caller owns (no
 * file, no sheet, nothing to close).  Writes after a stream error do
 * nothing harmful; table_csv_close reports it (CHURN_EIO naming the file).
 */
#ifndef CHURNKIT_TABLECSV_H
#define CHURNKIT_TABLECSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "churnkit/err.h"
#include "churnkit/outfile.h"
#include "churnkit/tabledest.h"

typedef struct {
	outfile *out;      /* NULL for table_csv_on and without a folder */
	FILE *f;           /* NULL: no CSV */
	table_book *book;  /* NULL: no sheet */
	size_t cells;      /* cells written on the current row */
} table_csv;

/* Opens table NAME ("kpis.csv") for d: the file DIR/NAME in d's output set
 * (the directory must exist) and/or a sheet of d's workbook.  CHURN_ENOMEM,
 * or outfile_open's or table_book_sheet's errors. */
churn_status table_csv_open(table_csv *t, const table_dest *d, const char *name,
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
void table_csv_pct(table_csv *t, double x);         /* sheet_num; a sheet: 0.0% */
void table_csv_money(table_csv *t, double x);       /* sheet_num; a sheet: money */
void table_csv_date(table_csv *t, int32_t day);     /* 2024-03-31; a sheet: a date */

/* Ends the row. */
void table_csv_end_row(table_csv *t);

/* 1 when a write to the stream has failed (the workbook's errors are
 * reported by table_csv_close). */
int table_csv_failed(const table_csv *t);

/* Commits the file (outfile_commit: CHURN_EIO naming it when any write
 * failed) and ends the sheet (table_book_end_sheet's errors); the writer
 * is then empty. */
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

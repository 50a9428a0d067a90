/*
 * tablebook.h - the --xlsx workbook: every table of a run as a sheet of one
 * Excel workbook (libxlsxwriter), the second sink of the tables writer
 * (tablecsv.h), which is the only caller of the cell functions below.
 *
 * The first sheet, "Contents", lists the sheets, each name a link to its
 * sheet (with the CSV name each
 * table has under --tables and what it holds) and then the run: the
 * notes its caller adds (the command, the options as parsed, the input,
 * the as-of date, the churnkit version).  Each table is a sheet named by
 * table_sheet_name (below) from its CSV name; its first row is the header,
 * bold, with the pane frozen under it; numbers are numbers, with the
 * formats of their kind (tablecsv.h); columns are as wide as their
 * longest cell, up to TABLE_BOOK_WIDTH_MAX characters.  docs/outputs.md,
 * "Workbook".
 *
 * Atomic like every output (outfile.h): the workbook is written to the
 * temporary of an outfile of the run's set (libxlsxwriter opens it again by
 * its /dev/fd name, since it writes to a file name) and renamed into place
 * with the other outputs; libxlsxwriter's own scratch files go to the
 * target's directory (its tmpdir option) and are unlinked as soon as they
 * are made.  The target must be a regular file or a new one: a zip file is
 * written with seeks, so a pipe or standard output cannot take it.
 *
 * Errors: every lxw_error is checked; the first one of a sheet's cells is
 * kept and reported when the sheet ends (CHURN_EIO naming the workbook,
 * the table and lxw_strerror's words).
 *
 * Ownership: table_book_open returns a new book that table_book_close
 * (commit) or table_book_free (abort) frees; the book copies every string
 * it is given.
 */
#ifndef CHURNKIT_TABLEBOOK_H
#define CHURNKIT_TABLEBOOK_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"
#include "churnkit/outfile.h"
#include "churnkit/tablecsv.h"

#define TABLE_BOOK_WIDTH_MAX 60   /* a column's width cap, in characters */
#define TABLE_SHEET_NAME_MAX 31   /* Excel's limit, in characters */

/* Opens the workbook `path` in the set `outs`.  `currency` is the symbol
 * money is shown with ("€", "CHF"; NULL or "": none).  CHURN_EUSAGE for
 * "-", CHURN_ENOMEM, CHURN_EIO naming path. */
churn_status table_book_open(table_book **out, outset *outs, const char *path,
                             const char *currency, churn_err *err);

/* Adds one line of the run to the Contents sheet: `key` and `value`
 * (NULL: empty), in the order added. */
churn_status table_book_note(table_book *b, const char *key, const char *value,
                             churn_err *err);

/* Writes the Contents sheet, closes the workbook and hands it to the set
 * (outfile_commit); frees b in every case.  CHURN_EIO naming the path. */
churn_status table_book_close(table_book *b, churn_err *err);

/* Removes the workbook's temporary and frees b.  Accepts NULL. */
void table_book_free(table_book *b);

/* ---- For tablecsv.c: one sheet at a time, row by row. ---- */

/* Starts the sheet of table `table` (its CSV name, "kpis.csv").  CHURN_EIO
 * when a sheet is still open or libxlsxwriter refuses it, CHURN_ENOMEM. */
churn_status table_book_sheet(table_book *b, const char *table, churn_err *err);
void table_book_text(table_book *b, const char *s);  /* NULL: empty */
void table_book_word(table_book *b, const char *w);  /* header: split on ',' */
void table_book_num(table_book *b, double x);
void table_book_whole(table_book *b, double x);      /* counts, "0" */
void table_book_pct(table_book *b, double x);
void table_book_money(table_book *b, double x);
void table_book_date(table_book *b, int32_t day);
void table_book_empty(table_book *b);
void table_book_end_row(table_book *b);
/* Ends the sheet: widths, the frozen header; reports the first error of
 * its cells.  Does nothing when no sheet is open. */
churn_status table_book_end_sheet(table_book *b, churn_err *err);

/* The sheet name of a table (tablebook_name.c), the rule every sheet
 * follows: the CSV name without ".csv"; each of [ ] : * ? / \ becomes
 * '_', as does an apostrophe that begins or ends it; cut to
 * TABLE_SHEET_NAME_MAX characters (whole UTF-8 characters); "Sheet" when
 * empty.  A name that equals one of taken[0..ntaken) or "History" without
 * regard to ASCII case (Excel's rule) is cut further and given "~2", "~3",
 * ...: the first that is free.  Writes the name into buf (n >= 4 *
 * TABLE_SHEET_NAME_MAX + 1 holds any). */
void table_sheet_name(const char *table, const char *const *taken, size_t ntaken, char *buf,
                      size_t n);

/* Excel's internal link to cell A1 of sheet `name` ("internal:'it''s'!A1":
 * the name quoted, its apostrophes doubled), for the Contents sheet, into
 * buf (n >= TABLE_SHEET_LINK_MAX holds the link of any sheet name). */
#define TABLE_SHEET_LINK_MAX (2 * 4 * TABLE_SHEET_NAME_MAX + 16)
void table_sheet_link(const char *name, char *buf, size_t n);

#endif

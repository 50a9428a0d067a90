/*
 * tabledest.h - where a run's tables go: the --tables folder (one CSV file
 * per table), the --xlsx workbook (one sheet per table), or both.  The
 * stages' table writers take one table_dest and write each table once
 * through the tables writer (tablecsv.h), which feeds both sinks
 * (docs/outputs.md).
 *
 * Ownership: a table_dest borrows everything it points to.
 */
#ifndef CHURNKIT_TABLEDEST_H
#define CHURNKIT_TABLEDEST_H

#include "churnkit/err.h"
#include "churnkit/outfile.h"

typedef struct table_book table_book;  /* the workbook (tablebook.h) */

typedef struct {
	outset *outs;      /* the run's output set */
	const char *dir;   /* --tables DIR, or NULL: no CSV files */
	table_book *book;  /* the --xlsx workbook, or NULL: no sheets */
} table_dest;

/* Makes sure d's directory exists (outset_mkdir), when it has one. */
churn_status table_dest_mkdir(const table_dest *d, churn_err *err);

#endif

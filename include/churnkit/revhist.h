/*
 * revhist.h - loading a monthly revenue history (`--revenue FILE`) and
 * matching it to the loaded customers.
 *
 * The file is a CSV read by the customers' loader (load.h: same delimiter
 * detection, BOM, CRLF, quoting and decimal rules), one row per customer and
 * month: customer id, month, MRR.  Which columns:
 *   - by name, when the header has all three: the id in the column named like
 *     the customers' id column (`id_name`, e.g. --id customer_id), else
 *     `customer_id`, else `id`; the month in `month`; the MRR in `mrr` (names
 *     compared without regard to ASCII case).  Other columns are ignored.
 *   - otherwise by position: the first three columns are id, month and MRR,
 *     whatever their names (`by_position` says so in the result).
 * A month is yyyy-mm (2026-03); a full date yyyy-mm-dd is taken as its month.
 * MRR is a number >= 0.
 *
 * A row is bad, and left out, when the loader rejects it (wrong field count,
 * NUL byte, a bad quote, MRR not a number, negative or beyond
 * LOAD_MAX_MAGNITUDE) or when:
 *   - the customer id, the month or the MRR is missing;
 *   - the month is not a month;
 *   - the customer id is not among the loaded customers (unknown, or its
 *     customers row was itself rejected);
 *   - the month is before the customer's signup month;
 *   - the month is after the as-of month;
 *   - the month is after the month of the customer's churn date (`end`)
 *     and the MRR is not 0: churn is counted at the churn date, so a paying
 *     row for a later month means the two files disagree (it would
 *     otherwise read as a reactivation); the churn month itself may have a
 *     row (billing usually has one);
 *   - the same customer and month appeared on an earlier line (one row per
 *     customer-month; a later row is a duplicate, not a second subscription).
 * A row of 0 or empty MRR in a month after the churn month, or of empty
 * MRR in the churn month, is neither used nor bad: it is the churn itself,
 * as MRR exports write it (counted in rows_churn_zero); a 0 row in the
 * churn month is used as a row of 0 (revenue.h then books the MRR of the
 * month before as churned).  A 0 row before the churn month is a month of
 * 0 (a pause); an empty MRR there is a bad row (missing).
 *
 * Wide layout (revhist_customers.wide, --revenue-layout wide): the header
 * is the customer id (named as for the long layout, else the first column)
 * and one column per month, every month from the first to the last once,
 * named yyyy-mm, yyyy-mm-dd, yyyy/mm, mm/yyyy or an English month name (or
 * its first three letters) with a four-digit year before or after it
 * (`Jan 2017`, `2017-Jan`); anything else (a `Total` column, `01/02/2024`)
 * is CHURN_EUSAGE naming the column.  Each cell is read as the long
 * layout's MRR (the loader's number reader, decimal mark, thousands
 * separator, value scale); an empty or 0 cell is no MRR and no row; every
 * other cell is a row of the long layout, checked by the rules above.  A
 * line with a bad cell is one bad row, reported at its first bad cell (its
 * line and column), and none of its cells is used; rows_read counts lines.
 * id_col names the id column, month_col and mrr_col "FIRST..LAST" (the
 * first and last month columns).  Memory: one row per non-empty cell.
 * In the long layout, a header with two or more columns named as months
 * and no `month` column is CHURN_EUSAGE saying --revenue-layout wide.
 *
 * Each bad row is counted by reason and the first REVHIST_KEEP_REJECTS, in
 * line order, are kept with their line, column (field number, 0 = the whole
 * row) and message, as load_reject does.  revhist_check then applies the
 * --max-bad-rows rule of load_check to the revenue file's own rows.
 *
 * The good rows are plain arrays (customer row, month index, MRR): the
 * cohort stage views them as its revenue_history (revenue.h).
 *
 * Ownership: revhist_load returns a new revhist owning its arrays.  Inputs
 * are borrowed.
 */
#ifndef CHURNKIT_REVHIST_H
#define CHURNKIT_REVHIST_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"
#include "churnkit/load.h"
#include "churnkit/table.h"

#define REVHIST_KEEP_REJECTS 50

typedef enum {
	REVHIST_BAD_FIELDS,     /* wrong number of fields */
	REVHIST_BAD_ENCODING,   /* NUL byte */
	REVHIST_BAD_QUOTE,      /* a quote never closed */
	REVHIST_BAD_MISSING,    /* id, month or MRR missing */
	REVHIST_BAD_NUMBER,     /* MRR not a number */
	REVHIST_BAD_NEGATIVE,   /* MRR below 0 */
	REVHIST_BAD_MONTH,      /* not a month */
	REVHIST_BAD_UNKNOWN,    /* customer id not among the customers */
	REVHIST_BAD_DUPLICATE,  /* customer and month seen on an earlier line */
	REVHIST_BAD_EARLY,      /* month before the signup month */
	REVHIST_BAD_FUTURE,     /* month after the as-of month */
	REVHIST_BAD_AFTER_CHURN, /* month after the customer's churn month */
	REVHIST_NREASONS
} revhist_reason;

/* A short English name for a reason ("unknown customer", ...). */
const char *revhist_reason_name(revhist_reason r);

/* The customers the history is matched to (borrowed). */
typedef struct {
	const table_col *id;    /* the customers' id column: categorical, unique
	                           ids (row i has level codes[i]) */
	const char *id_name;    /* its name, looked for in the revenue header */
	const int32_t *start;   /* signup day of each row; NULL = no check */
	const int32_t *end;     /* churn day of each row (TABLE_DATE_NA = not
	                           churned); NULL = no check */
	size_t n;               /* customer rows */
	int32_t as_of;          /* months after as-of's month are bad */
	int wide;               /* how the file is laid out: 0 long (a row per
	                           customer and month), 1 wide (a column per
	                           month); not a customers' property, but the
	                           one setting the loading needs beside them */
} revhist_customers;

typedef struct {
	long line;
	long col;               /* 1-based field; 0 = the whole row */
	revhist_reason reason;
	char msg[200];
} revhist_reject;

typedef struct {
	size_t *customer;       /* customer row of each good row */
	int32_t *month;         /* month index (date.h) */
	double *mrr;
	size_t n;               /* good rows */
	long rows_read;         /* data records of the file */
	long rows_rejected;
	long lines_rejected;    /* physical lines of the bad rows (a row found
	                           bad after loading counts as one line) */
	long rows_churn_zero;   /* rows (wide: cells) of 0 or no MRR in or after
	                           the churn month, left out as the churn itself */
	long by_reason[REVHIST_NREASONS];
	revhist_reject rejects[REVHIST_KEEP_REJECTS]; /* the first, by line */
	size_t nrejects_kept;
	char *id_col, *month_col, *mrr_col;  /* the columns used (names) */
	int by_position;        /* 1 when taken as the first three columns */
	int32_t first_month, last_month;     /* over good rows; 0 when none */
	char hint[200];         /* the loader's hint (load_result.hint) */
} revhist;

/* Reads `path` ("-" = standard input) once, header and rows (source.h: the
 * header chooses the columns from kept bytes), with the loader options `opts` (delimiter, decimal, display_name and
 * rejects: every bad row is written there in the loader's layout; its date
 * and as-of settings are not used) and matches it to `c`.
 * Succeeds whenever the file could be read, however many rows are bad;
 * CHURN_EUSAGE when the file has fewer than three columns, CHURN_EIO when it
 * cannot be read, CHURN_EDATA for an unreadable header; the wide layout's
 * header errors and the long layout's wide-header error above are
 * CHURN_EUSAGE.  On success *out is
 * a new revhist (free with revhist_free); on failure NULL. */
churn_status revhist_load(const char *path, const revhist_customers *c,
                          const load_opts *opts, revhist **out, churn_err *err);

/* As revhist_load, from `src` (borrowed), read from where it stands to its
 * end; messages name opts->display_name, else the source's name. */
churn_status revhist_load_source(source *src, const revhist_customers *c,
                                 const load_opts *opts, revhist **out, churn_err *err);

/* CHURN_EDATA when the file had no data rows, more bad rows than
 * opts->max_bad allows (load_check's rule and wording), or no good row. */
churn_status revhist_check(const revhist *r, const load_opts *opts, churn_err *err);

void revhist_free(revhist *r);

#endif

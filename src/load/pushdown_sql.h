/*
 * pushdown_sql.h - the SQL of the push-down (pushdown.h), built apart from
 * running it: plain PostgreSQL (CTEs, CASE, unnest in a LATERAL join, a
 * regular expression, GROUP BY), which Postgres-compatible distributed
 * engines run as it is.
 *
 * Every name in pd_cols is already quoted (PQescapeIdentifier) and `from`
 * is either "SELECT * FROM <quoted table>" or the user's --query; the other
 * values are day numbers (date.h) written as integers, so no literal from
 * the user reaches the text unquoted.
 *
 * The rows: r takes each mapped column as text, trimmed of blanks (space,
 * tab) as the loader trims an unquoted field, empty = missing (NULL); q
 * reads the dates as day numbers ds and de0 (text: yyyy-mm-dd only,
 * checked against the calendar with CASE so that no value makes the
 * statement fail; date types as they are); p takes an end equal to
 * --open-end as no end (de) and gives each row `bad`: NULL for a
 * row the loader would keep, else the first rule it breaks as a
 * load_reason (load.h) number: a missing id or start, a date that is not
 * yyyy-mm-dd, outside --date-range, an end before its start, a date after
 * --as-of, a line break in a mapped value.  A repeated id is counted by
 * a query of its own (a GROUP BY id, which engines run in parallel, as
 * they cannot run count(DISTINCT)).
 *
 * Ownership: each function returns a new string (free), or NULL when out
 * of memory.
 */
#ifndef CHURNKIT_PUSHDOWN_SQL_H
#define CHURNKIT_PUSHDOWN_SQL_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/pushdown.h"
#include "churnkit/strbuf.h"
#include "pg_session.h"

/* How a date column comes from the database: its type (the rows' first
 * statement asks, LIMIT 0).  Text is read as the loader reads it; the
 * date types are taken as they are (no parsing): a timestamp's date, a
 * timestamptz's date in UTC, as the loader reads their ISO text. */
typedef enum { PD_TEXT, PD_DATE, PD_TIMESTAMP, PD_TIMESTAMPTZ } pd_kind;

/* The blanks of num.h (a number's, and a blank field's). */
#define PDM_BLANKS "E' \\t\\r\\n'"
/* A plain number (num.h), once trimmed of the blanks. */
#define PDM_NUMBER "'^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'"
/* The least magnitude that strtod makes infinite (2^1024 - 2^970): num.h
 * reads such a value as no number. */
#define PDM_OVERFLOW "(2::numeric ^ 1024 - 2::numeric ^ 970)"
/* A number as fieldread.h reads more of them: a currency sign or code,
 * thousands separators (a wider net: such a column is refused). */
#define PDM_NUMBERISH "'^[[:space:]]*([A-Z]{3}[[:space:]]*)?[-+$\u20ac\u00a3\u00a5\u20b9\u20bd" \
	"\u20a9\u20ba\u20aa[:space:]\u00a0\u202f]*[0-9][0-9.,''[:space:]\u00a0\u202f]*" \
	"([[:space:]]*([A-Z]{3}|[$\u20ac\u00a3\u00a5\u20b9\u20bd\u20a9\u20ba\u20aa]))?" \
	"[[:space:]]*$'"

/* Codes of `bad` beyond the load reasons: a row the push-down cannot
 * judge, which refuses the run (exit 2) instead of calling it bad: a text
 * start or end date in a form other than yyyy-mm-dd (the loader reads more
 * forms: docs/inputs.md), a --value written with a currency or
 * separators (fieldread.h reads it). */
enum { PD_FORM_START = LOAD_NREASONS, PD_FORM_END, PD_FORM_VALUE };

typedef struct {
	const char *from;          /* the rows: a SELECT, without a final ';' */
	const char *id;            /* quoted names, NULL when not mapped */
	const char *start;
	const char *end;
	const char *value;         /* --value (cohorts), or NULL */
	pd_kind start_kind, end_kind;
	const char *const *by;     /* [nby] quoted --by columns */
	size_t nby;
	int32_t date_min, date_max;/* --date-range as day numbers */
	int32_t open_end;          /* TABLE_DATE_NA = none */
	int has_as_of;
	int32_t as_of;
	const char *const *extra;  /* [nextra] quoted columns more, as r's raw text
	                              x0, x1, ... (format('%s', col): the text COPY
	                              sends, untrimmed, '' for NULL) */
	size_t nextra;
} pd_cols;

/* The quoted names of pd_cols (pushdown.c), owned: pd_names_free. */
typedef struct {
	char *from, *id, *start, *end, *value;
	char **by;
	size_t nby;
} pd_names;
void pd_names_free(pd_names *n);

/* "CASE ... END": true when the SQL text x, a plain number (PDM_NUMBER:
 * the caller checks it first, in a CASE), reads as a finite double, as
 * num.h reads it: below PDM_OVERFLOW in magnitude.  An exponent of five
 * digits or more is false before any cast (numeric refuses the largest),
 * where strtod reads 1e-10000 as 0. */
void pd_sql_finite(strbuf *b, const char *x);

/* "WITH r AS (...), q AS (...), p AS (...) ": the rows' CTEs above, into
 * b (the model's statements go on from p, pushdown_model.c). */
void pd_sql_rows(strbuf *b, const pd_cols *c);

/* "WITH r AS (...), p AS (...) ": the rows once pd_sql_rows' checks have
 * passed in the same snapshot (every row good): r as above, p the day
 * numbers ds and de only, a text date cast as it is (it reads yyyy-mm-dd);
 * no per-row rule. */
void pd_sql_rows_good(strbuf *b, const pd_cols *c);

/* No row; its columns' types (PQftype) are those of --start and --end
 * (--start twice without --end). */
char *pd_sql_types(const pd_cols *c);

/* One row: the rows whose id an earlier row has (each id's rows less
 * one, over the ids present); "SELECT 0" without --id. */
char *pd_sql_repeats(const pd_cols *c);


/* The counts, one row per group: bad (NULL for the good rows, else the
 * load_reason: the bad rows make one group per rule, their other keys
 * NULL), the --by levels (text, NULL = missing), ev (1 churned: an end
 * date, else 0), k (the days from start to end when churned, the start's
 * day number when not: the time to as-of is then as_of - k, computed once
 * as-of is known), the rows, and the latest date of the group.  One scan
 * gives the check and the counts: the groups are few (levels x days). */
char *pd_sql_survival(const pd_cols *c);

/* The counts for the cohorts and period KPIs, one row per group of the
 * good rows with the same --by levels, signup month and churn month (no
 * churn: a group of its own), and one per rule of the bad rows: bad, the
 * --by levels, the first signup day and the first churn day of the group
 * (NULL: none), the rows, and the latest date of the group.  The cohort
 * stage reads a signup and a churn date by their months only, except the
 * first signup day of all (the first period KPI's: it must begin on or
 * after it), which the group's first day keeps; every date is on or
 * before as-of (a later one is a bad row), so the months are all it needs
 * (an end's first day is on or after the group's first start: each row's
 * end is on or after its own start). */
char *pd_sql_cohorts(const pd_cols *c);

/* (pushdown.c) Opens the session of src, begins the read-only snapshot
 * and checks the rows as pushdown_survival does (the types, the repeated
 * ids, the rules by row, without --by): on success *conn is open inside
 * the transaction (PQfinish it), *nm and *c name the rows (c's strings
 * are nm's; pd_names_free), p->rows_read and p->as_of set.  c->extra are
 * the caller's (borrowed). */
churn_status pd_open_checked(const pushdown_src *src, const load_map *m, const load_opts *lo,
                             const char *const *extra, size_t nextra, PGconn **conn,
                             pd_names *nm, pd_cols *c, pushdown_surv *p, churn_err *err);

/* (pushdown.c) Runs sql expecting `want`; *res the result (PQclear) on
 * success; CHURN_EUSAGE with the server's message. */
churn_status pd_run(PGconn *conn, const char *sql, ExecStatusType want, PGresult **res,
                    const char *name, churn_err *err);

#endif

/*
 * pushdown.h - the survival stage's counts computed by PostgreSQL (--db
 * with --push-down; docs/scaling.md): the rows stay in the database, one
 * GROUP BY gives the customers per --by levels, time and status.
 *
 * pushdown_survival connects (pg_session.h: no password in the string,
 * UTF-8, ISO dates, read-only) and runs, in one REPEATABLE READ READ ONLY
 * transaction (all statements see the same rows), three statements
 * (pushdown_sql.h): the types of the date columns, the repeated ids, and
 * one GROUP BY that gives both the rows the loader would reject (by rule)
 * and the counts of the good ones.  The mapped columns follow the
 * loader's rules for --id, --start, --end, --by, --as-of, --date-range
 * and --open-end: values trimmed of blanks, empty = missing, text dates
 * yyyy-mm-dd (date and timestamp types as they are, timestamptz in UTC),
 * --by levels case-sensitive.  A row the loader would reject does not
 * vanish: any is CHURN_EDATA with their count by rule and the advice to
 * run without --push-down to see them; no row at all is CHURN_EDATA too.
 * Options whose rules the SQL does not apply are refused by the command
 * line (cmd_pushdown.c).  Connection and SQL errors are CHURN_EUSAGE with
 * the server's message, as source_pg.h's.
 *
 * The result is a table of one row per (--by levels, time, status): the
 * --by columns (text levels, under their names), the --start and --end
 * columns as dates that give the time and status (churned: start 0, end
 * = time; active: start = as_of - time, no end) and PUSHDOWN_WEIGHT, the
 * customers of the row, to be read as frequency weights.
 *
 * pushdown_cohorts does the same for the cohort stage (cohort_run.h):
 * the GROUP BY is per (--by levels, signup month, churn month), and the
 * table's --start and --end columns hold the first signup and churn days
 * of each group (no end: active), which give the row path's months and
 * first day (pushdown_sql.h); PUSHDOWN_WEIGHT, the customers, is the
 * stage's weight column.  With the map's value (--value), the value is
 * checked as the loader checks it (a plain number, within +-1e15, not
 * negative; blank = missing) and the table holds the value column (the
 * group's mean, a marker: cohort_run reads the sums) and the four
 * PUSHDOWN_VALUE_SUMS columns, the group's customers with a value, with a
 * value above 0, the sum of their values and of their squares (exact
 * numeric sums in SQL, rounded once to double): cohort_run_input's
 * value_sums.
 *
 * Ownership: *out is zeroed first; pushdown_survival_free frees it (also
 * after a failure).
 */
#ifndef CHURNKIT_PUSHDOWN_H
#define CHURNKIT_PUSHDOWN_H

#include "churnkit/err.h"
#include "churnkit/load.h"
#include "churnkit/table.h"

/* The weight column's name: no CSV header can hold it (a NUL-free name
 * that the loader would have trimmed). */
#define PUSHDOWN_WEIGHT " customers "
/* The names of the value sums' columns (cohort_run_input.value_sums). */
#define PUSHDOWN_VALUE_SUMS {" values ", " paying ", " value sum ", " value sumsq "}

typedef struct {
	const char *conninfo;      /* --db */
	const char *table;         /* --table, or NULL */
	const char *query;         /* --query, or NULL */
	const char *name;          /* the source's name in messages */
} pushdown_src;

typedef struct {
	long rows_read;            /* the rows of the table or query */
	long customers;            /* the good rows (all of them) */
	int32_t as_of;             /* --as-of, or the latest date */
	table *t;                  /* the counts (above) */
} pushdown_surv;

churn_status pushdown_survival(const pushdown_src *src, const load_map *map,
                               const load_opts *lo, pushdown_surv *out, churn_err *err);
churn_status pushdown_cohorts(const pushdown_src *src, const load_map *map,
                              const load_opts *lo, pushdown_surv *out, churn_err *err);
void pushdown_survival_free(pushdown_surv *p);

#endif

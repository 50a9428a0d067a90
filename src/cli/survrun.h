/*
 * survrun.h - the survival stage of the command line, shared by `churnkit
 * survival` and `churnkit report`.
 *
 * It reads the survival options (--times, --rmst-tau, --conf-type,
 * --conf-level, --rho, --alpha, --min-n; the columns --start/--end or
 * --duration/--event, --entry, --weight and --by are cmd_load's), builds
 * the survival inputs from the loaded table (survdata.h) with each --by
 * column's levels in sorted order, leaves out the rows that have no time at
 * risk, and runs surv_analysis.h: Kaplan-Meier curves for all customers and
 * per level, log-rank tests, survival at --times, RMST, the hazard by tenure
 * month and the median follow-up.  Then it writes them: text, the
 * "survival" JSON object and the CSV tables.
 *
 * Units.  From dates (date_mode 1) the time is in days; --times and
 * --rmst-tau are given in months and converted with a month of 365.25 / 12
 * = 30.4375 days (month_len); the hazard table is by tenure month of that
 * length and the early-churn share counts churn within 90 days.  Without
 * --times, date mode uses 3, 6, 12 and 24 months.  From --duration
 * (date_mode 0) the time is the column as given; --times and --rmst-tau are
 * in that same unit (month_len 1; no default --times); the hazard table is
 * by one unit of it (a month when durations are months) and the early-churn
 * share counts churn at a duration of at most 3 units.
 *
 * Rows left out.  A row whose entry (--entry) is not before its exit time
 * adds no time at risk (R's Surv() makes it NA): it is removed from sd and
 * from the by codes, and counted in `excluded`.  sd is therefore compacted:
 * after survrun_fit its row i is no longer the table's row i, and its
 * by[j].codes (borrowed from the table) must not be used; the by[] of the
 * survrun hold the codes of the rows kept.  A customer with no value in a
 * --by column is in the all-customers curve only; surv_analysis counts them
 * (a->test[j].missing, missing_rows).
 *
 * Usage: survrun_options before loading (so that option mistakes fail
 * fast), then survrun_fit on the loaded data, then the writers.  No usable
 * customer (every entry at or after its exit, every weight 0) is
 * CHURN_EDATA with a message that says why.
 * Ownership: the survrun owns everything it holds except `event`, which is
 * borrowed from the cmd_data; the cli_opts and the cmd_data are borrowed
 * and must outlive it.  Free with survrun_free (even after a failure).
 */
#ifndef CHURNKIT_CLI_SURVRUN_H
#define CHURNKIT_CLI_SURVRUN_H

#include <stdint.h>
#include <stdio.h>

#include "churnkit/hazard.h"
#include "churnkit/surv_analysis.h"
#include "churnkit/survdata.h"
#include "cmd.h"

#define SURVRUN_DAYS_PER_MONTH HAZARD_MONTH_DAYS  /* 365.25 / 12 */
#define SURVRUN_EARLY_DAYS 90.0     /* date mode: "churn in the first 90 days" */
#define SURVRUN_EARLY_UNITS 3.0     /* the same for durations */
#define SURVRUN_ALPHA 0.05          /* --alpha's default */
#define SURVRUN_MIN_N 30            /* --min-n's default */

typedef struct {
	/* Options (survrun_options). */
	int date_mode;             /* 1: --start, time in days; 0: --duration, as given */
	double month_len;          /* time units per unit of --times and --rmst-tau:
	                              SURVRUN_DAYS_PER_MONTH in date mode, 1 otherwise */
	double *times;             /* [ntimes] --times as given (months for dates),
	                              or the default 3,6,12,24 */
	size_t ntimes;
	double *times_used;        /* [ntimes] the same in the time unit (days) */
	double rmst_tau;           /* as given; NaN = each curve's own last time */
	double alpha;              /* findings: p below alpha */
	long min_n;                /* findings: at least min_n customers per group */
	surv_opts so;              /* as passed to surv_analysis_run; so.times
	                              points at times_used */

	/* The inputs (survrun_fit). */
	survdata *sd;              /* compacted: rows without time at risk removed */
	uint32_t **codes;          /* [nby] per --by column: codes in sorted level
	                              order, one per row of sd */
	const char ***levels;      /* [nby] per --by column: the level names in
	                              sorted order (arrays owned, names borrowed
	                              from the table) */
	surv_by *by;               /* [nby] the columns as passed to the analysis */
	size_t nby;
	size_t excluded;           /* rows left out: entry not before the exit time */
	const char *event;         /* the event column's name, or NULL (borrowed) */

	/* The result. */
	surv_analysis *a;
} survrun;

/* Reads and checks the survival options of o.  Needs --start or
 * --duration; when neither is given the usage error quotes `synopsis`, the
 * command's usage line.  Usage errors name the option and where it was set.
 * Free s with survrun_free even on failure. */
churn_status survrun_options(survrun *s, const cli_opts *o, const char *synopsis,
                             churn_err *err);

/* Builds the survival inputs from the loaded data, leaves out the rows
 * without time at risk and runs the analysis (s->a).  CHURN_EUSAGE for a
 * --by column that is not text levels; CHURN_EDATA when no customer is
 * left to analyse; as surv_analysis_run otherwise. */
churn_status survrun_fit(survrun *s, const cmd_data *d, churn_err *err);

/* The text after the command's own first line: how time is measured, the
 * delayed entry, weights and rows left out, a blank line, then the curves,
 * tests, hazard and findings (surv_print_with).  CHURN_EIO on a write
 * error reported by surv_print_with. */
churn_status survrun_print(const survrun *s, const cmd_data *d, FILE *f, churn_err *err);

/* Adds "survival" to the document root (a json_object *, from
 * cmd_json_root): surv_json.h's object with the steps, and rows_excluded,
 * times_unit, times_given, alpha, min_n and event.  On failure root is
 * left unchanged. */
churn_status survrun_json(const survrun *s, void *root, churn_err *err);

/* Writes the CSV tables (surv_csv.h) into dir (created when missing). */
churn_status survrun_write_tables(const survrun *s, const char *dir, outset *outs,
                                  churn_err *err);

void survrun_free(survrun *s);

#endif

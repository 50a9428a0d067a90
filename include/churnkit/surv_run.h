/*
 * surv_run.h - the survival stage, run from the library: what `churnkit
 * survival` and `churnkit report` run once the command line has turned
 * its options (--times, --rmst-tau, --conf-type, --conf-level, --rho,
 * --alpha, --min-n) into a surv_run_opts and loaded the table (the
 * columns --start/--end or --duration/--event, --entry, --weight and --by
 * are the loader's map).
 *
 * It builds the survival inputs from the loaded table (survdata.h) with each --by
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
 * in that same unit (month_len 1; no default --times unless --time-unit
 * names the unit: then 3, 6, 12 and 24 months in round numbers of it, 90,
 * 180, 365 and 730 days, 13, 26, 52 and 104 weeks, 0.25, 0.5, 1 and 2
 * years); the hazard table is by one unit of it (a month when durations are
 * months) and the early-churn share counts churn at a duration of at most 3
 * units (90 days in the unit --time-unit names).
 *
 * Rows left out.  A row whose entry (--entry) is not before its exit time
 * adds no time at risk (R's Surv() makes it NA): it is removed from sd and
 * from the by codes, and counted in `excluded`.  sd is therefore compacted:
 * after surv_run_fit its row i is no longer the table's row i, and its
 * by[j].codes (borrowed from the table) must not be used; the by[] of the
 * surv_run hold the codes of the rows kept.  A customer with no value in a
 * --by column is in the all-customers curve only; surv_analysis counts them
 * (a->test[j].missing, missing_rows).
 *
 * Revenue at risk.  With dates and a value column, the fit also gives the
 * MRR expected to be lost in the next quarter (revenue_at_risk below), the
 * report's "MRR at risk" tile.
 *
 * Usage: surv_run_opts_init and the options, then surv_run_fit on the
 * loaded data, then the writers.  No usable customer (every entry at or
 * after its exit, every weight 0) is CHURN_EDATA with a message that says
 * why.
 * Ownership: the surv_run owns everything it holds except `event`, which is
 * borrowed from the input's map; the input (the load result and the map)
 * is borrowed and must outlive it.  Free with surv_run_free (even after a
 * failure).
 */
#ifndef CHURNKIT_SURV_RUN_H
#define CHURNKIT_SURV_RUN_H

#include <stdint.h>
#include <stdio.h>

#include "churnkit/date.h"
#include "churnkit/hazard.h"
#include "churnkit/surv_analysis.h"
#include "churnkit/surv_reasons.h"
#include "churnkit/survdata.h"
#include "churnkit/load.h"
#include "churnkit/outfile.h"
#include "churnkit/tabledest.h"

#define SURV_RUN_EARLY_DAYS 90.0     /* date mode: "churn in the first 90 days" */
#define SURV_RUN_EARLY_UNITS 3.0     /* the same for durations */
#define SURV_RUN_ALPHA 0.05          /* --alpha's default */
#define SURV_RUN_MIN_N 30            /* --min-n's default */
#define SURV_RUN_QUARTER_DAYS (3 * DATE_MONTH_DAYS) /* revenue at risk: the next quarter */

/* The duration's unit (--time-unit, docs/contract.md): "days", "weeks",
 * "months" or "years" (the plural, for texts) from day|week|month|year or
 * their plurals, case-insensitive; NULL when s names none of them. */
const char *surv_run_unit_name(const char *s);
/* Days in one unit (365.25 / 12 for a month, 365.25 for a year); NaN for
 * NULL or an unknown name. */
double surv_run_unit_days(const char *unit);

/* What revenue_at_risk is, in the words the report prints beside it. */
#define SURV_RUN_REVENUE_AT_RISK_NOTE                                                  \
	"MRR at risk next quarter: for every active customer with a value, the MRR times " \
	"the chance of churning in the next 91 days given the customer's tenure, "       \
	"1 - S(t + 91.3) / S(t), from the all-customers Kaplan-Meier curve S; customers " \
	"whose tenure 91 days on is past where the data reach (fewer than --min-n "     \
	"customers followed that long) are not counted and are named beside it."

/* The options of the stage, as values. */
typedef struct {
	int date_mode;             /* 1: times from dates, in days; 0: durations */
	km_conf_type conf_type;    /* --conf-type (log-log) */
	double conf_level;         /* --conf-level, in (0, 1) (0.95) */
	double rho;                /* --rho: 0 log-rank, 1 Peto-Peto (0) */
	const double *times;       /* [ntimes] --times as given (months for dates;
	                              borrowed, copied by surv_run_fit); date mode
	                              defaults to 3, 6, 12 and 24 months */
	size_t ntimes;
	double rmst_tau;           /* as given; NaN = each curve's own last time */
	double alpha;              /* findings: p below alpha (SURV_RUN_ALPHA) */
	long min_n;                /* findings: customers per group (SURV_RUN_MIN_N) */
} surv_run_opts;

/* What the stage reads. */
typedef struct {
	const load_result *res;    /* the loaded table, its as-of date */
	const load_map *map;       /* the columns the table was loaded with */
	const char *display_name;  /* the input's name in messages */
} surv_run_input;

typedef struct {
	/* Options (copied by surv_run_fit). */
	int date_mode;             /* 1: --start, time in days; 0: --duration, as given */
	double month_len;          /* time units per unit of --times and --rmst-tau:
	                              DATE_MONTH_DAYS in date mode, 1 otherwise */
	double *times;             /* [ntimes] --times as given (months for dates),
	                              or the default 3,6,12,24 (owned copy) */
	size_t ntimes;
	double *times_used;        /* [ntimes] the same in the time unit (days) */
	double rmst_tau;           /* as given; NaN = each curve's own last time */
	double alpha;              /* findings: p below alpha */
	long min_n;                /* findings: at least min_n customers per group */
	surv_opts so;              /* as passed to surv_analysis_run; so.times
	                              points at times_used */
	const load_map *map;       /* borrowed from the input */
	int32_t as_of;             /* the input's as-of date (text) */

	/* The inputs (surv_run_fit). */
	survdata *sd;              /* compacted: rows without time at risk removed */
	uint32_t **codes;          /* [nby] per --by column: codes in sorted level
	                              order, one per row of sd */
	const char ***levels;      /* [nby] per --by column: the level names in
	                              sorted order (arrays owned, names borrowed
	                              from the table) */
	surv_by *by;               /* [nby] the columns as passed to the analysis */
	size_t nby;
	size_t excluded;           /* rows left out: entry not before the exit time */
	uint32_t *cause;           /* --reason: per row of sd, 0 active, k the
	                              reason names[k - 1] (surv_reasons.h); NULL
	                              without --reason */
	const char **cause_names;  /* [ncause] (array owned, names borrowed) */
	uint32_t ncause;
	const char *event;         /* the event column's name, or NULL (borrowed) */

	/* The result. */
	surv_analysis *a;
	surv_reasons *reasons;     /* --reason: cumulative incidence and Gray's
	                              tests; NULL without it */
	double revenue_at_risk;    /* expected MRR lost next quarter (dates and a
	                              value column): the sum over the active
	                              customers with a value (no end date, tenure
	                              t = as-of - start >= 0, S(t) > 0) of value x
	                              (1 - S(t + SURV_RUN_QUARTER_DAYS) / S(t)), S
	                              the all-customers Kaplan-Meier curve (of the
	                              rows kept), over the customers with at least
	                              min_n still followed at t + the quarter; NaN
	                              without dates, a value column, or any such
	                              customer.  With --weight a row counts as its
	                              weight's customers (w x value; 0: none), in
	                              the sum and in the counts below */
	size_t revenue_at_risk_n;       /* the customers summed */
	size_t revenue_at_risk_unscored;/* active customers with a value whose
	                                   t + the quarter is past where the data
	                                   reach (fewer than min_n followed):
	                                   left out of the sum, counted here */
	double revenue_at_risk_unscored_mrr; /* their MRR */
} surv_run;

/* Sets the defaults of the options above for date_mode. */
void surv_run_opts_init(surv_run_opts *o, int date_mode);

/* Converts the times to the time unit, builds the survival inputs from the
 * loaded data, leaves out the rows without time at risk and runs the
 * analysis (s->a).  s is zeroed first (its earlier contents are not
 * freed); surv_run_free frees it, also after a failure.  CHURN_EUSAGE for
 * options out of range (a level not in (0, 1), a negative time, a time too
 * large to count in days), for a --by column that is not text levels and
 * for one with more than BY_LEVELS_MAX levels (bylevels.h);
 * CHURN_EDATA when no customer is left to analyse; as surv_analysis_run
 * otherwise. */
churn_status surv_run_fit(surv_run *s, const surv_run_input *in, const surv_run_opts *o,
                          churn_err *err);

/* The stage's renderings (text, JSON, --tables) are defined in
 * src/output/surv_run_out.c: the runner computes, the output layer renders. */

/* The text after the command's own first line: how time is measured, the
 * delayed entry, weights and rows left out, a blank line, then the curves,
 * tests, hazard and findings (surv_print_with).  CHURN_EIO on a write
 * error reported by surv_print_with. */
churn_status surv_run_print(const surv_run *s, FILE *f, churn_err *err);

/* Adds "survival" to the document root (a json_object *): surv_json.h's object with the steps, and rows_excluded,
 * times_unit, times_given, alpha, min_n and event.  On failure root is
 * left unchanged. */
churn_status surv_run_json(const surv_run *s, void *root, churn_err *err);

/* Writes the tables (surv_csv.h) to d (tabledest.h; its directory created
 * when missing). */
churn_status surv_run_write_tables(const surv_run *s, const table_dest *d, churn_err *err);

/* Frees what s holds and zeroes it; accepts NULL. */
void surv_run_free(surv_run *s);

#endif

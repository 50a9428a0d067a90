/*
 * surv_analysis.h - the whole survival analysis of `churnkit survival` (and
 * the report's survival pages) in one call: Kaplan-Meier curves for all
 * customers and for each level of each `--by` column, with median, quartiles,
 * RMST and survival at chosen times; a log-rank (or Peto-Peto) test per
 * column, with pairwise Benjamini-Hochberg tests for columns of three or
 * more levels; the churn hazard by tenure month; the median follow-up.
 *
 * The numbers are those of km.h, logrank.h and hazard.h (see there for the
 * formulas and the R functions matched); this module only runs them in
 * order on one shared sort.  surv_json.h turns the result into docs/contract.md's
 * "survival" object and surv_print.h into plain text.
 *
 * Ownership: surv_analysis_run copies what it keeps (column and level names,
 * chosen times); the caller's arrays and strings may be freed after it
 * returns.  The result is freed with surv_analysis_free (NULL is fine).
 */
#ifndef CHURNKIT_SURV_ANALYSIS_H
#define CHURNKIT_SURV_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"
#include "churnkit/hazard.h"
#include "churnkit/km.h"
#include "churnkit/logrank.h"
#include "churnkit/surv.h"

/* One grouping column: a level code per customer (SURV_GROUP_NA for a
 * missing value, left out of this column's curves and tests, and counted
 * in surv_test.missing) and the level names in code order.  nlevels may be
 * 0 when every value is missing. */
typedef struct {
	const char *name;
	const uint32_t *code;       /* [n] */
	uint32_t nlevels;
	const char *const *levels;  /* [nlevels] */
} surv_by;

typedef struct {
	km_opts km;              /* interval type and level */
	double rho;              /* 0 log-rank (default), 1 Peto-Peto */
	double rmst_tau;         /* NaN or <= 0: each curve's own last time */
	const double *times;     /* chosen times for at_times (may be NULL) */
	size_t ntimes;
	int extend;              /* 1 (default): keep chosen times past a curve's
	                            end, with n_risk 0, as summary(extend=TRUE) */
	double month_len;        /* hazard month; <= 0 or NaN: no hazard table */
	double early_threshold;  /* early-churn share threshold (90) */
	int timefix;             /* 1 (default): merge near-equal times as R */
	int pairwise;            /* 1 (default): pairwise tests for >= 3 levels */
} surv_opts;

/* log-log 0.95, rho 0, tau per curve, no chosen times, extend, month
 * DATE_MONTH_DAYS, early threshold 90, timefix, pairwise. */
void surv_opts_default(surv_opts *o);

/* The quartile probabilities of surv_curve.quart: 0.25, 0.5, 0.75. */
extern const double surv_quartile_p[3];

typedef struct {
	char *by;                 /* NULL for all customers */
	char *level;              /* NULL for all customers */
	uint32_t code;
	km_curve *km;
	km_stats stats;           /* median (print.survfit rule), RMST */
	double quart[3], quart_lower[3], quart_upper[3]; /* quantile.survfit */
	km_at *at;                /* [nat] survival at the chosen times */
	size_t nat;
} surv_curve;

/* Why a column has no test (surv_test.test NULL), in the words the text,
 * the JSON's logrank entry ("note") and the PDF quote. */
#define SURV_TEST_FEW_GROUPS "fewer than two groups with customers"

typedef struct {
	char *by;
	uint32_t nlevels;
	char **levels;            /* [nlevels] names by code */
	logrank_result *test;     /* NULL when fewer than two levels have customers */
	logrank_pairs *pairs;     /* NULL unless three or more levels are compared */
	double missing;           /* weighted customers with no level (SURV_GROUP_NA):
	                             in the all-customers curve only */
	size_t missing_rows;      /* their rows */
} surv_test;

typedef struct {
	surv_opts opts;           /* as run; opts.times points at `times` */
	double *times;
	size_t rows;              /* customers (rows) */
	double n, events;         /* weighted */
	size_t ncurves;
	surv_curve *curve;        /* all customers first, then by column, level */
	size_t ntests;
	surv_test *test;          /* one per column */
	hazard_table *hazard;     /* all customers; NULL when not asked or when
	                             it cannot be tabulated (hazard_note says why) */
	char hazard_note[CHURN_ERR_MSG]; /* "" or why there is no hazard table */
	km_stats followup;        /* of the reverse KM: median follow-up and CI */
} surv_analysis;

/* Runs everything.  `by` may be NULL when nby is 0.  `opts` NULL = defaults.
 * Levels without customers get no curve; a column with fewer than two
 * levels with customers gets no test (test NULL).  A hazard table that
 * cannot be made (more than 100000 months: a month length that does not
 * fit the time unit) is left out with a note, not an error.
 * Errors: as surv_prep_new and surv_groups_new; CHURN_EDATA when no
 * customer has a weight above 0 (nothing to analyse); CHURN_EUSAGE for a
 * bad option or a column without codes; CHURN_ENOMEM. */
churn_status surv_analysis_run(const surv_data *d, const surv_by *by, size_t nby,
                               const surv_opts *opts, surv_analysis **out,
                               churn_err *err);
void surv_analysis_free(surv_analysis *a);

#endif

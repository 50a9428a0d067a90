/*
 * reasons.h - why customers leave: churned customers and churned MRR per
 * churn reason (--reason COL), overall, for the reporting period against
 * the one before, and per --by level (docs/contract.md, "Churn reasons").
 *
 * Who counts.  A churned customer is a row with an end date (dates) or an
 * event of 1 (--duration/--event); the loader has refused a reason on any
 * other row (load.h, LOAD_BAD_REASON).  Its reason is the --reason level;
 * a churned customer without one is in the level "unknown" ("(not given)"
 * when a level reads "unknown": load_reason_unknown_name), kept apart
 * from the others and listed last.  The other levels are in byte order
 * (strcmp, R's factor() order in the C locale), as --by levels are.  A
 * weight (--weight) counts as that many identical customers: counts and
 * MRR are sums of weights and of weight x value.  MRR is the customer's
 * --value (a missing value counts 0); with no --value column the MRR
 * figures are NaN.
 *
 * Shares.  In every breakdown (overall, a period, a --by level) a level's
 * share is its churned customers over the breakdown's churned customers,
 * and its MRR share its churned MRR over the breakdown's churned MRR; NaN
 * when the denominator is 0 (a --by level without churn).
 *
 * Voluntary and involuntary.  With --involuntary (opts.involuntary, the
 * names matched to levels with blanks around trimmed and case kept, as
 * --by levels are told apart: load_reason_same), the named levels are involuntary churn and every other level
 * except "unknown" voluntary; "unknown" is in neither total.  Without it
 * no split is made (has_split 0, involuntary[] NULL).  A name that no
 * level carries is CHURN_EUSAGE naming it (reasons_check_involuntary).
 *
 * Periods (dates only, opts.has_period).  For a period [a, b] (kpi.h's
 * counts): at_start are the customers with start < a and (end NA or end
 * >= a); the period's churned customers are those with a <= end <= b
 * (less those who also started in [a, b] with exclude_same_period);
 * from_start[k] counts the churned of level k who were in at_start, and
 * share_of_start[k] = from_start[k] / at_start, the numerator and
 * denominator of a two-proportion test between two periods.  Customers
 * starting after as-of are left out of the periods.
 *
 * Per --by column, per level (sorted as reasons are): the breakdown of
 * the churned customers holding that level; customers with no value in the
 * column are in the overall breakdown only.
 *
 * Ownership: reasons_build returns a new reasons_result that borrows the
 * table's level names and column names (the load result must outlive it);
 * free with reasons_result_free.
 */
#ifndef CHURNKIT_REASONS_H
#define CHURNKIT_REASONS_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"
#include "churnkit/kpi.h"
#include "churnkit/load.h"

/* The name of the level of churned customers without a reason. */
#define REASONS_UNKNOWN LOAD_REASON_UNKNOWN

typedef struct {
	const char *const *involuntary; /* --involuntary names (borrowed); NULL = none */
	size_t ninvoluntary;
	int has_period;                 /* 1: the period breakdowns (dates only) */
	int32_t first_day, last_day;    /* the reporting period */
	char label[8];                  /* "2026Q3" */
	int has_previous;               /* 1: the period before is computed too */
	int32_t prev_first_day, prev_last_day;
	char prev_label[8];
	int exclude_same_period;        /* as kpi_opts */
} reasons_opts;

/* Churned customers and MRR of one level (or one total) of a breakdown. */
typedef struct {
	double churned;      /* customers (sum of weights) */
	double churned_mrr;  /* NaN without --value */
	double share;        /* churned / the breakdown's churned; NaN when 0 */
	double mrr_share;    /* churned_mrr / the breakdown's churned MRR */
} reasons_cell;

/* One breakdown: every reason level, the total, and with --involuntary the
 * voluntary and involuntary totals (zero cells otherwise). */
typedef struct {
	reasons_cell *cell;  /* [nlevels] */
	reasons_cell total;
	reasons_cell voluntary, involuntary;
} reasons_split;

typedef struct {
	char label[8];
	int32_t first_day, last_day;
	double at_start;        /* customers active on the first day */
	reasons_split s;        /* churned in the period */
	double *from_start;     /* [nlevels] churned in the period, in at_start */
	double *share_of_start; /* [nlevels] from_start / at_start (NaN when 0) */
	double from_start_total, share_of_start_total;
	double from_start_voluntary, from_start_involuntary; /* with has_split */
} reasons_period;

typedef struct {
	const char *column;     /* the --by column (borrowed) */
	size_t nlev;
	const char **levels;    /* [nlev] sorted (names borrowed) */
	reasons_split *s;       /* [nlev] */
} reasons_by;

typedef struct {
	const char *column;     /* the --reason column (borrowed) */
	size_t nlevels;         /* reason levels, "unknown" last when present */
	const char **names;     /* [nlevels] (borrowed; REASONS_UNKNOWN static) */
	int has_unknown;        /* 1: the last level is "unknown" */
	int has_split;          /* 1: --involuntary named levels */
	int *involuntary;       /* [nlevels] 1/0 with has_split, else NULL */
	int has_mrr;            /* 1: a --value column */
	int weighted;           /* 1: a --weight column */
	reasons_split overall;
	int has_period, has_previous;
	reasons_period current, previous;
	size_t nby;
	reasons_by *by;         /* [nby] */
} reasons_result;

/* CHURN_EUSAGE when a --involuntary name matches no level of the reason
 * column of `t` (load_reason_same), naming it and the level that differs
 * only in case, or listing the levels with their counts; also when names are given without a
 * reason column.  CHURN_OK otherwise. */
churn_status reasons_check_involuntary(const table *t, const char *reason_col,
                                       const char *const *names, size_t n,
                                       churn_err *err);

/* Sets the period members of `o` from the KPIs' reporting period and the
 * one before (kpi.h's change: has_current, has_previous), with the KPIs'
 * exclude_same_period rule: the periods `cohorts` and `report` compare. */
void reasons_opts_period(reasons_opts *o, const kpi_change *ch, int exclude_same_period);

/* Computes the breakdowns of the loaded `res` (mapping `map`, whose
 * map->reason must be set) with options `o`.  CHURN_EUSAGE as
 * reasons_check_involuntary, or when a mapped column has not loaded as
 * its kind; CHURN_ENOMEM.  On success *out is new; on failure NULL. */
churn_status reasons_build(const load_result *res, const load_map *map,
                           const reasons_opts *o, reasons_result **out, churn_err *err);

void reasons_result_free(reasons_result *r);

#endif

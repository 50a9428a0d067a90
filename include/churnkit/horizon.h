/*
 * horizon.h - the churn outcome over a horizon (`--horizon N`), built on a
 * sample chosen without looking at the outcome (docs/horizon.md).
 *
 * The clock of a row starts at its entry when one is given (delayed entry:
 * the customer was observed from then on), at its start otherwise; u =
 * time - entry is the time observed on that clock.  A row whose entry is
 * not before its time was never observed: it is left out and counted
 * (no_risk).
 *
 * Dates (followup given: days from the start to the as-of date, per row):
 * a row is in the sample when its potential follow-up, followup - entry,
 * is at least the horizon N, whatever happened to it; the others are left
 * out and counted (too_recent).  In the sample, y = 1 when the customer
 * churned at u <= N, 0 otherwise.  No weights: every row in the sample
 * could have been seen churning within N.
 *
 * Durations (followup NULL: there is no calendar, so the potential
 * follow-up is unknown): inverse probability of censoring weighting.  G is
 * the reverse Kaplan-Meier curve of censoring over every observed row, as
 * R's survfit(Surv(u, 1 - event) ~ 1) (with the frequency weights; km.h),
 * and G(t-) its left limit.  A row censored at u < N is left out and
 * counted (censored); the others are in: y = 1 when it churned at u <= N,
 * 0 otherwise (a row censored exactly at N is in, with y = 0), with weight
 * ipcw = 1 / G(min(u, N)-).  The weight does not include the frequency
 * weight; the caller multiplies them.  G(t-) > 0 for every row in the
 * sample (the row itself is at risk and uncensored before its own u).
 *
 * Ownership: horizon_build returns a new horizon_outcome; free it with
 * horizon_outcome_free.  The input arrays are borrowed for the call.
 */
#ifndef CHURNKIT_HORIZON_H
#define CHURNKIT_HORIZON_H

#include <stddef.h>

#include "churnkit/err.h"

typedef struct {
	size_t n;
	const double *time;      /* [n] start to churn or censoring, >= 0 */
	const int *event;        /* [n] 1 churned at time, 0 censored */
	const double *entry;     /* [n] the clock's start (delayed entry), or NULL */
	const double *followup;  /* [n] dates: start to as-of; NULL for durations */
	const double *weight;    /* [n] frequency weights (whole numbers), or NULL */
	double horizon;          /* N, in the unit of time (> 0) */
} horizon_input;

typedef struct {
	size_t n;
	double *y;          /* [n] 1 churned within N, 0 not, NaN when left out */
	double *ipcw;       /* [n] durations: 1 / G(min(u, N)-), NaN when left out;
	                       NULL for dates */
	size_t n_in;        /* rows in the sample */
	size_t too_recent;  /* dates: potential follow-up below N */
	size_t censored;    /* durations: censored before N */
	size_t no_risk;     /* entry not before time */
	double g_horizon;   /* durations: G(N-), the share still uncensored; NaN for dates */
} horizon_outcome;

/* Builds the outcome.  CHURN_EUSAGE for a horizon that is not > 0 or a
 * NULL array; CHURN_EDATA when the reverse Kaplan-Meier cannot be fitted
 * (surv.h's checks: a negative or non-finite time, a fractional weight);
 * CHURN_ENOMEM. */
churn_status horizon_build(const horizon_input *in, horizon_outcome **out, churn_err *err);
void horizon_outcome_free(horizon_outcome *h);

#endif

/*
 * hazard.h - when churn happens: the hazard by tenure month and the share of
 * churn early in the customer's life.
 *
 * The Nelson-Aalen cumulative hazard itself, H(t) = sum_{t_i <= t} d_i / n_i
 * with standard error sqrt(sum d_i / n_i^2) (R's survfit cumhaz and
 * std.chaz), is computed with the Kaplan-Meier curve: km_curve's cumhaz and
 * std_chaz (km.h), at the same steps.
 *
 * Tenure months.  With L the month length in the time unit (365.25 / 12 for
 * days; the caller passes it), month k covers tenure (k L, (k + 1) L], and
 * month 0 also holds time 0 (a customer who churns on the signup day churns
 * in month 0).  For each month, up to the month of the largest time:
 *   n_risk   customers with any time at risk in the month, i.e. those with
 *            entry < (k + 1) L and time > k L (every customer entering
 *            observation by month 0 for k = 0): "at risk entering the month",
 *            or entering it during the month with delayed entry;
 *   n_event  churn events with time in the month;
 *   rate     n_event / n_risk (NaN when nobody is at risk).
 * This is R's survSplit(Surv(entry, time, event) ~ ., cut = k * L) counted by
 * episode (with zero = -1 so that month 0 holds time 0).
 * early_share = weighted events with time <= threshold / all weighted events
 * (the share of churn within the first 90 days for threshold 90 in days);
 * NaN when there are no events.  Weights count as replicated customers.
 *
 * Ownership: hazard_by_month returns a new table; hazard_table_free (NULL is
 * fine) frees it.
 */
#ifndef CHURNKIT_HAZARD_H
#define CHURNKIT_HAZARD_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/date.h"
#include "churnkit/err.h"
#include "churnkit/surv.h"

typedef struct {
	double month_len;
	double early_threshold;
	size_t nmonths;
	double *n_risk;     /* [nmonths] weighted */
	double *n_event;    /* [nmonths] weighted */
	double *rate;       /* [nmonths] */
	double early_events, total_events;
	double early_share;
} hazard_table;

/* Tabulates one level of `g` (level 0 of an ungrouped surv_groups is every
 * customer).  Errors: CHURN_EUSAGE for month_len not > 0 and finite, or a
 * bad level; CHURN_EDATA for a level with no customers or more than 100000
 * months; CHURN_ENOMEM. */
churn_status hazard_by_month(const surv_groups *g, uint32_t level,
                             double month_len, double early_threshold,
                             hazard_table **out, churn_err *err);
void hazard_table_free(hazard_table *h);

#endif

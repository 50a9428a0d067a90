/*
 * surv.h - survival data for churnkit: the input record, its validation,
 * the one sort every survival estimator shares, and per-level tables.
 *
 * Input, one entry per customer (plain arrays, no table or CSV types):
 *   time    duration from start to churn or censoring, >= 0, in the caller's
 *           unit (days for date inputs);
 *   event   1 = churned at `time`, 0 = still active (censored) at `time`;
 *   weight  optional frequency weights (NULL = every customer counts once):
 *           whole numbers >= 0, as R's `weights=` for aggregated rows; a
 *           customer of weight 3 counts as three identical customers;
 *   entry   optional delayed entry (left truncation; NULL = none): the time at
 *           which the customer entered observation, 0 <= entry < time, as the
 *           start of R's counting-process Surv(entry, time, event).  The
 *           customer is at risk at t when entry < t <= time.
 *
 * surv_prep_new validates the input, sorts it once by time (and by entry),
 * an O(n) radix sort, and, like R's survfit and survdiff (timefix = TRUE,
 * aeqSurv), merges times that differ by no more than sqrt(DBL_EPSILON) in
 * absolute value or relative to the mean of the distinct times.
 *
 * surv_groups_new then splits the sorted rows by a level code (a `--by`
 * column) in O(n) into one table per level holding each distinct time with
 * its weighted events, censorings and number at risk.  Every estimator
 * (km.h, logrank.h, hazard.h) reads these tables, so a whole analysis costs
 * one O(n) sort plus O(n) per grouping column.
 *
 * Ownership: surv_prep_new copies what it needs; the caller's arrays may be
 * freed once it returns.  A surv_groups is independent of its surv_prep
 * after creation.  Each `_new` returns a new object that the caller frees
 * with the matching `_free`, which accepts NULL.
 */
#ifndef CHURNKIT_SURV_H
#define CHURNKIT_SURV_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"

/* A level code meaning "missing": the row takes no part in that grouping
 * (as R drops rows whose factor is NA). */
#define SURV_GROUP_NA UINT32_MAX

/* R's aeqSurv tolerance, sqrt(.Machine$double.eps). */
#define SURV_TIMEFIX_TOL 1.4901161193847656e-08

typedef struct {
	size_t n;              /* number of customers (rows) */
	const double *time;    /* [n] >= 0 */
	const int *event;      /* [n] 0 or 1 */
	const double *weight;  /* [n] whole numbers >= 0, or NULL */
	const double *entry;   /* [n] 0 <= entry < time, or NULL */
} surv_data;

typedef struct surv_prep surv_prep;
typedef struct surv_groups surv_groups;

/* Validates `d` and sorts it.  `timefix` != 0 merges near-equal times as R
 * does by default; 0 keeps every time as given.
 * Errors: CHURN_EDATA for an empty input, more than UINT32_MAX rows, a time
 * that is negative or not finite, an event other than 0/1, a weight that is
 * negative, fractional or not finite, an entry that is negative, not finite
 * or not below its time (also after merging near-equal times); the message
 * names the 1-based record.  CHURN_ENOMEM when out of memory.
 * On success *out is a new object; free with surv_prep_free. */
churn_status surv_prep_new(const surv_data *d, int timefix, surv_prep **out,
                           churn_err *err);
void surv_prep_free(surv_prep *p);

/* Which rows have any time at risk, for callers that leave the others out
 * before surv_prep_new (which refuses them).  keep[r] is set to 0 when row
 * r has an entry that is not before its time, either as given or after
 * R's merging of near-equal times (`timefix` != 0; the merging is done over
 * the rows whose entry is before their time as given, as R drops the others
 * when it builds Surv(entry, time, event) and only then merges).  Such a
 * row adds no time at risk: R's Surv() makes it NA (entry >= time) or
 * aeqSurv refuses it ("effective length 0").  Every other row, and every
 * row when d->entry is NULL, gets 1; rows with values surv_prep_new would
 * reject (negative, not finite) are kept for it to report.  *ndrop is the
 * number of zeros.  Dropping rows changes the set of distinct times, so the
 * merging is repeated over the rows left until it drops none: what is kept
 * has time at risk as it stands (a second call on it drops nothing).  This
 * is the one rule of time at risk, used by the survival stage, the Cox fit
 * and the --horizon outcome (docs/method.md).  `keep` has d->n entries.
 * Errors: CHURN_EUSAGE for a NULL argument; CHURN_ENOMEM. */
churn_status surv_entry_usable(const surv_data *d, int timefix, unsigned char *keep,
                               size_t *ndrop, churn_err *err);

/* R's time merging (aeqSurv, timefix = TRUE, as coxph applies it) on the
 * arrays time[0..n) and, when not NULL, entry[0..n), in place: the distinct
 * finite values of both, sorted, are merged where neighbours are within
 * SURV_TIMEFIX_TOL (absolute, or relative to their mean), each run to its
 * smallest.  Whole-day times never merge.  CHURN_ENOMEM. */
churn_status surv_timefix_values(double *time, double *entry, size_t n, churn_err *err);

size_t surv_prep_n(const surv_prep *p);
int surv_prep_has_entry(const surv_prep *p);
/* The i-th time in increasing order (after merging), and the row it came
 * from; 0 <= i < n. */
double surv_prep_time(const surv_prep *p, size_t i);
size_t surv_prep_row(const surv_prep *p, size_t i);

/* Splits the rows by `group` (codes 0..nlevels-1, or SURV_GROUP_NA) into
 * one table per level.  `group` NULL puts every row in one level 0 (then
 * `nlevels` must be 0 or 1).  A level no row carries is kept, empty.
 * Errors: CHURN_EUSAGE for nlevels 0 with a group column; CHURN_EDATA for a
 * code >= nlevels that is not SURV_GROUP_NA; CHURN_ENOMEM.
 * On success *out is new; free with surv_groups_free. */
churn_status surv_groups_new(const surv_prep *p, const uint32_t *group,
                             uint32_t nlevels, surv_groups **out, churn_err *err);
void surv_groups_free(surv_groups *g);

uint32_t surv_groups_nlevels(const surv_groups *g);
int surv_groups_has_entry(const surv_groups *g);
/* Rows of a level, their total weight and their weighted events. */
size_t surv_groups_rows(const surv_groups *g, uint32_t level);
double surv_groups_weight(const surv_groups *g, uint32_t level);
double surv_groups_events(const surv_groups *g, uint32_t level);

#endif

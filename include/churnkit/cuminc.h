/*
 * cuminc.h - cumulative incidence of competing churn reasons: the
 * Aalen-Johansen estimate of the probability of having churned for reason k
 * by time t, with the standard error and intervals of R's multi-state
 * survfit (survival 3.5-3):
 *
 *     survfit(Surv(time, factor(cause)) ~ group)                 (no entry)
 *     survfit(Surv(entry, time, factor(cause)) ~ group, id = 1:n) (entry)
 *
 * whose estimates equal cmprsk::cuminc's (docs/method.md, "Cumulative
 * incidence").  States: 0 = still active (R's "(s0)"), k = churned for
 * reason k, 1 <= k <= K.
 *
 * Input, one entry per customer, as surv.h's: time >= 0; cause 0 =
 * censored (still active at `time`), 1..K = churned at `time` for reason k;
 * optional whole-number frequency weights; optional delayed entry
 * (0 <= entry < time, at risk when entry < t <= time, each row its own
 * customer); optional group codes (a --by level; SURV_GROUP_NA = in no
 * group).  The rows are validated, sorted and their near-equal times merged
 * by surv_prep_new (with event = cause > 0) exactly as for the Kaplan-Meier
 * curves, and counted per level by surv_groups_new.
 *
 * Estimator (survfitci.c).  At each distinct time t_j of a level (a step
 * for every event or censoring time), with n_j the weighted number at risk,
 * d_kj the weighted churn for reason k and d_j = sum_k d_kj:
 *     S_j  = S_{j-1} (1 - d_j / n_j)             still active (all-cause KM)
 *     F_kj = F_k,j-1 + S_{j-1} d_kj / n_j       cumulative incidence of k
 * Ties: all events at t_j come before the censorings at t_j.
 * Standard error: the infinitesimal jackknife (survfit's only variance for
 * multi-state data; not cmprsk's Aalen/delta-method variance):
 *     se(F_k(t))^2 = sum_i w_i U_ik(t)^2
 * with U_i the influence of customer i on the state probabilities,
 * propagated as survfitci.c does (docs/method.md gives its closed form).
 * The sum runs in O((n + m) K) over the rows and the m steps, not O(n m K).
 * Intervals: survfit_confint(logse = FALSE) on each state probability p
 * with km.h's types; with s = se / p (0 when se = 0):
 *     log      p exp(-/+ z s), upper capped at 1    NaN where p = 0
 *     log-log  exp(-exp(log(-log p) -/+ z s / log p)) NaN where p = 0 or 1
 *     plain    p -/+ z se clipped to [0, 1]
 * R's default for multi-state fits is "log" (cuminc_opts_default).
 *
 * Frequency weights: churnkit's weights replicate rows (km.h).  The counts
 * and estimates therefore equal survfit(weights = w) (and the fit on the
 * replicated rows), and the standard error is that of the fit on the
 * replicated rows, sum_i w_i U_i^2.  survfit(weights =) treats the weights
 * as sampling weights in its IJ variance (sum_i w_i^2 U_i^2) and gives other
 * standard errors.  n_risk, n_event and n_censor are weighted sums (R's
 * multi-state n.risk counts rows).  A row of weight 0 still makes a step.
 *
 * Ownership: cuminc_fit returns a new result owning its curves;
 * cuminc_at_times returns a new curve.  Free them with cuminc_result_free
 * and cuminc_curve_free (both accept NULL).  The caller's arrays are
 * borrowed for the call only.
 */
#ifndef CHURNKIT_CUMINC_H
#define CHURNKIT_CUMINC_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"
#include "churnkit/km.h"
#include "churnkit/surv.h"

typedef struct {
	size_t n;              /* customers (rows) */
	const double *time;    /* [n] >= 0 */
	const uint32_t *cause; /* [n] 0 = censored, 1..ncause = churn reason */
	uint32_t ncause;       /* K >= 1 */
	const double *weight;  /* [n] whole numbers >= 0, or NULL */
	const double *entry;   /* [n] 0 <= entry < time, or NULL */
	const uint32_t *group; /* [n] 0..nlevels-1 or SURV_GROUP_NA, or NULL */
	uint32_t nlevels;      /* levels of `group`; 0 or 1 without it */
} cuminc_data;

typedef struct {
	km_conf_type conf_type; /* interval on each state probability */
	double conf_level;      /* in (0, 1) */
	int timefix;            /* != 0 merges near-equal times (R's default) */
} cuminc_opts;

/* Sets log intervals (R's default for multi-state fits) at 0.95, with
 * timefix. */
void cuminc_opts_default(cuminc_opts *o);

/* One curve: m rows (steps, or chosen times for cuminc_at_times) and
 * nstate = K + 1 states.  A state array is row-major: the value of state k
 * at row i is x[i * nstate + k] (CUMINC_AT). */
typedef struct {
	size_t m;
	uint32_t nstate;    /* K + 1 */
	double *time;       /* [m] increasing */
	double *n_risk;     /* [m] weighted number at risk */
	double *n_censor;   /* [m] weighted censorings */
	double *n_event;    /* [m * nstate] weighted churn for reason k; state
	                     * 0 holds all reasons together (R gives 0 there) */
	double *estimate;   /* [m * nstate] state probability (R's pstate):
	                     * S(t) at k = 0, F_k(t) at k >= 1 */
	double *se;         /* [m * nstate] R's std.err (IJ), of the estimate */
	double *lower;      /* [m * nstate] NaN where R gives NA */
	double *upper;      /* [m * nstate] */
	size_t rows;        /* customers in the curve */
	double n;           /* their total weight */
	double events;      /* their weighted churn, all reasons */
	cuminc_opts opts;   /* the options it was fitted with */
} cuminc_curve;

#define CUMINC_AT(c, i, k) ((size_t)(i) * (c)->nstate + (size_t)(k))

/* One curve per level of the group code (level 0 = every row without
 * one); a level no row carries has a curve with m = 0 and rows = 0. */
typedef struct {
	uint32_t nlevels;
	uint32_t ncause;
	cuminc_curve **curve; /* [nlevels] */
} cuminc_result;

/* Fits the cumulative incidence of every reason in every level of `d`.
 * `opts` NULL = cuminc_opts_default.
 * Errors: CHURN_EUSAGE for a NULL argument or array, ncause 0, a bad
 * confidence level or interval type, nlevels 0 with a group column or > 1
 * without; CHURN_EDATA for an empty input, a cause above ncause, a group
 * code >= nlevels (not SURV_GROUP_NA), and every input surv_prep_new
 * refuses (bad time, weight or entry; the message names the 1-based record);
 * CHURN_ENOMEM.  On success *out is new; free with cuminc_result_free. */
churn_status cuminc_fit(const cuminc_data *d, const cuminc_opts *opts,
                        cuminc_result **out, churn_err *err);
void cuminc_result_free(cuminc_result *r);
void cuminc_curve_free(cuminc_curve *c);

/* The curve at chosen times, as summary(fit, times =, extend = TRUE): each
 * row holds the step at or before its time; before the first step the
 * state at time 0 (estimate 1 still active, 0 for each reason, se 0, and
 * intervals [0, 0] for a reason, as R, and [1, 1] for the active state,
 * where R's summary gives [0, 0]); n_risk at the first step at or after the
 * time (0 past the last); n_event and n_censor summed over the steps since
 * the previous chosen time.  Times are sorted, non-finite ones dropped;
 * with `extend` 0, times after the last step are dropped, as R's default.
 * *out is a new curve of (*out)->m rows (possibly 0); free it with
 * cuminc_curve_free.  Errors: CHURN_EUSAGE for a NULL argument;
 * CHURN_ENOMEM. */
churn_status cuminc_at_times(const cuminc_curve *c, const double *times, size_t nt,
                             int extend, cuminc_curve **out, churn_err *err);

#endif

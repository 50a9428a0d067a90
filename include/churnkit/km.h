/*
 * km.h - Kaplan-Meier survival curves, as R's survfit (survival 3.5-3),
 * with their summaries: median and quartiles, restricted mean survival time,
 * survival at chosen times, and median follow-up by reverse Kaplan-Meier.
 *
 * Estimator (survfitkm.c, type 1).  At each distinct time t_i of a level's
 * rows (a step for every event or censoring time, in increasing order)
 *   n_i  weighted number at risk: rows with entry < t_i <= time,
 *   d_i  weighted events at t_i,  c_i weighted censorings at t_i.
 * Ties: events come before censorings at the same time, so the censored
 * rows at t_i are still at risk at t_i.
 *   S(t_i)     = prod_{j <= i} (n_j - d_j) / n_j               (only d_j > 0)
 *   std_err_i  = sqrt(sum_{j <= i} d_j / (n_j (n_j - d_j)))    Greenwood, the
 *                standard error of log S (R's std.err); +Inf once S = 0
 *   se_i       = S(t_i) * std_err_i, the standard error of S itself
 *                (docs/method.md; NaN where S = 0, as R's summary gives NaN)
 *   cumhaz_i   = sum_{j <= i} d_j / n_j                        Nelson-Aalen
 *   std_chaz_i = sqrt(sum_{j <= i} d_j / n_j^2)
 * Confidence intervals, z = qnorm(1 - (1 - level) / 2), R's survfit_confint:
 *   log-log  exp(-exp(log(-log S) -/+ z std_err / log S))   NaN at S = 0 or 1
 *   log      S exp(-/+ z std_err), upper capped at 1         NaN at S = 0
 *   plain    S -/+ z se, clipped to [0, 1]                   NaN when se is NaN
 * Weights are frequency weights (whole numbers): counts above are weighted
 * sums, exactly as survfit(weights=) with integer weights.  A row of weight 0
 * still makes a step (with zero counts), as in R.
 *
 * Ownership: km_fit returns a new curve; free it with km_curve_free (NULL is
 * fine).  Its arrays belong to the curve.  Other functions borrow.
 */
#ifndef CHURNKIT_KM_H
#define CHURNKIT_KM_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"
#include "churnkit/surv.h"

typedef enum {
	KM_CONF_LOGLOG = 0, /* R's conf.type = "log-log" (churnkit's default) */
	KM_CONF_LOG,        /* "log" (R's own default) */
	KM_CONF_PLAIN       /* "plain" */
} km_conf_type;

typedef struct {
	km_conf_type conf_type;
	double conf_level;  /* in (0, 1); 0.95 */
} km_opts;

/* Sets log-log intervals at 0.95. */
void km_opts_default(km_opts *o);
/* "log-log", "log", "plain"; NULL for an unknown value. */
const char *km_conf_name(km_conf_type t);
/* Parses one of the names above into *t; returns 0, or -1 when unknown. */
int km_conf_parse(const char *s, km_conf_type *t);

typedef struct {
	size_t m;           /* number of steps */
	double *time;       /* [m] increasing */
	double *n_risk;     /* [m] weighted */
	double *n_event;    /* [m] weighted */
	double *n_censor;   /* [m] weighted */
	double *surv;       /* [m] */
	double *std_err;    /* [m] of log S, R's std.err */
	double *se;         /* [m] of S: surv * std_err */
	double *lower;      /* [m] NaN where R gives NA */
	double *upper;      /* [m] */
	double *cumhaz;     /* [m] Nelson-Aalen */
	double *std_chaz;   /* [m] */
	size_t rows;        /* customers (rows) in the curve */
	double n;           /* their total weight */
	double events;      /* weighted events */
	km_opts opts;       /* the options it was fitted with */
} km_curve;

/* Fits the Kaplan-Meier curve of one level of `g` (level 0 of an ungrouped
 * surv_groups is every row).  `opts` NULL = km_opts_default.
 * `reverse` != 0 fits the reverse Kaplan-Meier instead: events and
 * censorings swapped, as survfit(Surv(time, 1 - event) ~ 1), whose median is
 * the median follow-up time.
 * Errors: CHURN_EUSAGE for a bad level or conf_level outside (0, 1);
 * CHURN_EDATA for a level with no rows; CHURN_ENOMEM. */
churn_status km_fit(const surv_groups *g, uint32_t level, const km_opts *opts,
                    int reverse, km_curve **out, churn_err *err);
void km_curve_free(km_curve *c);

/*
 * Summaries, each as the named R function computes it on the curve.
 *
 * Median (print.survfit, survmean's rule): the first step time with
 * S < 0.5 + tol, tol = sqrt(DBL_EPSILON); when that S is within tol of 0.5
 * and the curve drops again later, the midpoint between that time and the
 * next step time with a smaller S.  Its interval applies the same rule to
 * the lower and upper curves (steps where they are NaN are skipped).  NaN
 * when not reached.
 *
 * RMST (survmean with rmean = tau): the area under S from 0 to tau, S flat
 * after the last step; se from sum_j d_j/(n_j (n_j - d_j)) A_j^2, with A_j
 * the area between t_j and tau.  tau NaN or <= 0 = the curve's last time.
 */
typedef struct {
	double median, median_lower, median_upper;
	double rmst, rmst_se, rmst_tau;
} km_stats;

churn_status km_stats_compute(const km_curve *c, double tau, km_stats *out,
                              churn_err *err);

/* S(t) of curve c: the survival just after the last step time <= t (1
 * before the first), found by binary search. */
double km_surv_at(const km_curve *c, double t);

/* The median rule above on any curve y over step times x[0..m) (y may
 * hold NaN); returns NaN when y never falls below 0.5 + tol. */
double km_median_rule(const double *x, const double *y, size_t m);

/* Quantiles as quantile.survfit: for each p[k] in (0, 1) the time at which
 * 1 - S first reaches p (within tol), the midpoint to the next drop when S
 * sits on 1 - p (to the curve's last time when that is its last drop), and
 * the same rule on the lower and upper curves for q_lower[k], q_upper[k].
 * Like R, every p is answered NaN when 1 - S never reaches min(p).
 * Any output array may be NULL. */
churn_status km_quantiles(const km_curve *c, const double *p, size_t np,
                          double *q, double *q_lower, double *q_upper,
                          churn_err *err);

/* Survival at chosen times, as summary(fit, times=, extend=TRUE): the step
 * at or before each time (S = 1, se = 0, interval [1, 1] before the first
 * step), n_risk at the first step at or after the time (0 beyond the last),
 * and n_event, n_censor summed since the previous chosen time.  Times are
 * sorted; non-finite ones are dropped; with `extend` 0, times after the last
 * step are dropped as R's default does.  *out is a new array of *nout rows
 * (free with free()); *out is NULL when *nout is 0. */
typedef struct {
	double time, n_risk, n_event, n_censor, surv, se, lower, upper;
} km_at;

churn_status km_at_times(const km_curve *c, const double *times, size_t nt,
                         int extend, km_at **out, size_t *nout, churn_err *err);

#endif

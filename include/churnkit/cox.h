/*
 * cox.h - Cox proportional-hazards regression, as R's survival::coxph
 * (survival 3.5-3) with model-based standard errors.
 *
 * Estimator: maximum partial likelihood with Efron's approximation for tied
 * event times (the default) or Breslow's.  Newton-Raphson as coxph's
 * coxfit6: covariates centred on their weighted means and scaled by the
 * inverse of their weighted mean absolute deviation; start at beta = 0;
 * converged when |1 - loglik_best / loglik_new| <= eps (1e-9); a step that
 * lowers the log-likelihood is pulled back toward the last good beta
 * (beta + (new - beta) / (k + 1) after k failures, coxfit6's step halving);
 * at most maxit (20) iterations.  Reported on the original scale:
 * estimates, se = sqrt(diag(I^-1)), z, p = 2 Phi(-|z|), hazard ratios
 * exp(b) with Wald intervals exp(b -+ q se), the log partial likelihood at
 * beta = 0 and at the estimate, the likelihood-ratio test 2 (l - l0), the
 * Wald test b' I b and the score test U0' I0^-1 U0 at beta = 0, each with
 * rank degrees of freedom and chi-square p-values, and Harrell's
 * concordance as summary(coxph) prints it: over comparable pairs (one has
 * an event at t, the other is still at risk after t or censored at t;
 * pairs with tied event times are not comparable), (concordant + tied
 * risk / 2) / (concordant + discordant + tied risk), pairs weighted by
 * the product of their weights.
 *
 * Infinite coefficients, as coxph.fit checks them: after convergence, the
 * next Newton step s = I^-1 U at the estimate (original scale) flags
 * coefficient j when U_j is not finite or |s_j| > eps and
 * |s_j| > sqrt(eps) |b_j| (coxph's toler.inf): the log-likelihood converged
 * while b_j was still moving, so b_j may be infinite (a level in which
 * every customer churns, say).  Without convergence, any_infinite is set
 * when the centred linear predictor exceeds 500 in absolute value or a step
 * is not finite ("one or more coefficients may be infinite").  (survival
 * 3.5-3 often reports such a column as NA instead: its cholesky2 declares
 * the vanishing information singular below toler.chol.)
 *
 * Weights are case (frequency) weights.  Delayed entry (left truncation,
 * counting-process data (entry, time]) is supported: a row is at risk at t
 * when entry < t <= time, in the fit and in the concordance.  Strata and
 * robust variances are not.
 *
 * X holds the covariates without an intercept column (design_build with
 * intercept = 0); aliased columns (design.h) are left out and reported as
 * NaN, as coxph's NA.  Ownership: cox_fit returns a new result, freed with
 * cox_result_free; the data are borrowed for the call.
 */
#ifndef CHURNKIT_COX_H
#define CHURNKIT_COX_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>

#include "churnkit/err.h"

#define COX_MAXIT 20
#define COX_EPS 1e-9
#define COX_MAX_LP 500.0  /* coxph.fit: a larger centred lp without convergence */

typedef enum { COX_EFRON, COX_BRESLOW } cox_ties;

typedef struct {
	cox_ties ties;       /* COX_EFRON */
	int maxit;           /* COX_MAXIT */
	double eps;          /* COX_EPS */
	double conf_level;   /* 0.95 */
} cox_opts;

void cox_opts_init(cox_opts *o);

/* One fit's data.  time > 0 is the event or censoring time; status 1 for an
 * event, 0 for censored; entry NULL or the entry times (entry < time);
 * w NULL or case weights >= 0; rows NULL for all rows of X, or a subset. */
typedef struct {
	const gsl_matrix *X;
	const double *time;
	const double *status;
	const double *entry;
	const double *w;
	const size_t *rows;
	size_t nrows;
	const int *aliased;   /* NULL, or p flags (design's) */
} cox_data;

typedef struct {
	size_t p;
	double *coef, *se, *z, *pval;               /* NaN for aliased columns */
	double *hazard_ratio, *hr_lower, *hr_upper;
	double *mean;                               /* weighted means of X's columns */
	int *aliased;
	double *cov;                                /* p x p row-major; NaN for aliased */
	double conf_level;
	cox_ties ties;
	size_t n;              /* rows used (weight > 0), as coxph's n */
	size_t events;         /* rows with an event, as coxph's nevent */
	double wevents;        /* weighted events */
	size_t rank;
	double loglik_null, loglik;
	double lr_test, wald_test, score_test;      /* chi-square, rank df */
	double lr_p, wald_p, score_p;
	double concordance;
	int iterations;
	int converged;
	int halving;           /* 1 when the last step was a halved one (coxph's flag -2) */
	int *infinite;         /* p flags: coefficient may be infinite (coxph's warning) */
	size_t ninfinite;      /* how many are flagged */
	int any_infinite;      /* not converged and max |lp| > 500 or a non-finite step */
} cox_result;

/* Fits the model.  Returns CHURN_OK and a new result in *out (converged = 0
 * when maxit was reached), CHURN_EDATA for a bad time, status, entry or
 * weight (the message names the row), no event or no usable row,
 * CHURN_EMODEL when the information matrix is singular, CHURN_ENOMEM. */
churn_status cox_fit(const cox_data *data, const cox_opts *opts, cox_result **out,
                     churn_err *err);

void cox_result_free(cox_result *r);

/* Harrell's concordance of risk scores `lp` (higher = shorter survival)
 * with the data's times, as described above; NaN when no pair is
 * comparable.  Returns CHURN_ENOMEM or CHURN_OK. */
churn_status cox_concordance(const cox_data *data, const double *lp, double *c,
                             churn_err *err);

/*
 * Baseline survival of a fitted model, as survival's survfit.coxph for a
 * new subject (survfit(fit, newdata = ...), its default ctype and stype 2):
 * S(u | x) = exp(-H0(u) exp(lp(x))), lp(x) = sum_j b_j (x_j - mean_j) over
 * the columns that are not aliased (mean: the weighted training means,
 * cox_result.mean; the centring cancels out of S).  H0 is the step function
 * summed over the distinct event times t <= u of the data the model was
 * fitted on (weights > 0; at risk at t: entry < t <= time), with
 *   Breslow:  dH0(t) = D / R
 *   Efron:    dH0(t) = sum_{k=0}^{d-1} (D / d) / (R - (k / d) E)
 * (Efron for a model fitted with Efron ties, as R's ctype 2), where D is
 * the weighted number of events at t, d the unweighted number, R the sum
 * of w exp(lp) over the risk set and E that sum over the rows with an event
 * at t.  H0 is 0 before the first event time and flat after the last one:
 * times past last_time (the largest time of any row, event or censored)
 * are beyond the data.
 */
typedef struct {
	size_t n;           /* distinct event times */
	double *time;       /* n, ascending */
	double *cumhaz;     /* n: H0 at time[k] */
	double last_time;   /* the largest time of the rows used */
	cox_ties ties;
} cox_baseline;

/* Computes the baseline of result r fitted on data (the same data and
 * options given to cox_fit).  Returns CHURN_OK and a new baseline in *out
 * (free with cox_baseline_free), or the errors of cox_fit's data checks,
 * CHURN_ENOMEM. */
churn_status cox_baseline_fit(const cox_data *data, const cox_result *r, cox_baseline **out,
                              churn_err *err);
void cox_baseline_free(cox_baseline *b);

/* H0(t): 0 before the first event time, flat after the last. */
double cox_baseline_cumhaz(const cox_baseline *b, double t);

/* The centred linear predictor lp(x) above (x: the p columns of X). */
double cox_lp(const cox_result *r, const double *x);

/* S(t | x) = exp(-H0(t) exp(lp)) for the centred linear predictor lp. */
double cox_surv(const cox_baseline *b, double lp, double t);

#endif

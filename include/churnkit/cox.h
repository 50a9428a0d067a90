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
 * when entry < t <= time, in the fit and in the concordance.  Strata (R's
 * strata() term) give each stratum its own risk sets, so its own baseline
 * hazard, with common coefficients; the concordance then counts only pairs
 * within a stratum, as coxph's.  Robust variances are not supported.
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

#include "churnkit/coeftab.h"
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
	const size_t *strata; /* NULL (one stratum), or a stratum code per row of X */
} cox_data;

typedef struct {
	coeftab coefs;         /* one row per column of X (p rows), hazard ratios */
	double *mean;          /* p weighted means of X's columns */
	double *cov;           /* p x p row-major; NaN for aliased */
	cox_ties ties;
	size_t n;              /* rows used (weight > 0), as coxph's n */
	size_t events;         /* rows with an event, as coxph's nevent */
	double wevents;        /* weighted events */
	size_t rank;
	size_t nstrata;        /* strata among the rows used (1 without strata) */
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

/*
 * The data of several calls on the same fit, validated, sorted by stratum
 * and time, centred and scaled once (at a million rows the sort and the
 * scaled copy cost as much as a Newton pass or two): cox_fit_prep,
 * cox_baseline_fit_prep and cox_zph_prep give the results of cox_fit,
 * cox_baseline_fit_n and cox_zph on the data bit for bit.  The data are
 * borrowed until cox_prep_free.  cox_prep_new returns the errors of
 * cox_fit's data checks and CHURN_ENOMEM.
 */
typedef struct cox_prep cox_prep;

churn_status cox_prep_new(const cox_data *data, cox_prep **out, churn_err *err);
void cox_prep_free(cox_prep *p);
churn_status cox_fit_prep(const cox_prep *p, const cox_opts *opts, cox_result **out,
                          churn_err *err);

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
 * at t.  With strata, each stratum has its own H0 from its own rows (R's
 * survfit(fit, newdata) with the stratum in newdata).  H0 is 0 before the
 * first event time and flat after the last one: times past the stratum's
 * last time (event or censored) are beyond the data.
 *
 * How far the data reach (docs/proportional-hazards.md): for a count
 * min_n, limit[k] is the latest time u at which the rows of stratum k at
 * risk (entry < u <= time) weigh at least min_n (frequency weights count
 * customers), 0 when they never do.  A probability that needs H0 past
 * limit[k] rests on fewer than min_n customers.
 */
typedef struct {
	size_t n;           /* event times, all strata */
	double *time;       /* n, ascending within each stratum */
	double *cumhaz;     /* n: H0 of the stratum at time[k] */
	double last_time;   /* the largest time of the rows used */
	cox_ties ties;
	size_t nstrata;     /* 1 without strata */
	size_t *strata;     /* nstrata stratum codes (cox_data.strata), ascending */
	size_t *first;      /* nstrata + 1: stratum k's times are [first[k], first[k+1]) */
	double *stratum_last;  /* nstrata: the largest time of the stratum's rows */
	double min_n;       /* as given to cox_baseline_fit_n */
	double *limit;      /* nstrata: how far the data reach, above */
} cox_baseline;

/* Computes the baseline of result r fitted on data (the same data and
 * options given to cox_fit, strata included).  Returns CHURN_OK and a new
 * baseline in *out (free with cox_baseline_free), or the errors of
 * cox_fit's data checks, CHURN_ENOMEM.  cox_baseline_fit is
 * cox_baseline_fit_n with min_n 0. */
churn_status cox_baseline_fit(const cox_data *data, const cox_result *r, cox_baseline **out,
                              churn_err *err);
churn_status cox_baseline_fit_n(const cox_data *data, const cox_result *r, double min_n,
                                cox_baseline **out, churn_err *err);
churn_status cox_baseline_fit_prep(const cox_prep *p, const cox_result *r, double min_n,
                                   cox_baseline **out, churn_err *err);
void cox_baseline_free(cox_baseline *b);

/* The index k of the stratum whose code is `code`, or -1 (no such row). */
long cox_baseline_stratum(const cox_baseline *b, size_t code);

/* H0(t) of stratum index k: 0 before its first event time, flat after the
 * last.  cox_baseline_cumhaz is stratum index 0 (the only one without
 * strata). */
double cox_baseline_cumhaz_in(const cox_baseline *b, size_t k, double t);
double cox_baseline_cumhaz(const cox_baseline *b, double t);

/* The centred linear predictor lp(x) above (x: the p columns of X). */
double cox_lp(const cox_result *r, const double *x);

/* S(t | x) = exp(-H0(t) exp(lp)) for the centred linear predictor lp
 * (stratum index 0). */
double cox_surv(const cox_baseline *b, double lp, double t);

/*
 * Test of proportional hazards, as R's cox.zph(fit) with survival 3.x's
 * defaults (transform = "km", terms = TRUE, global = TRUE): the score test
 * of adding g(t) x_j for each column j to the fitted model, one step from
 * the estimate, as survival's zph1.c (right-censored data) and zph2.c
 * (delayed entry):
 *   g(t) = 1 - S(t-), S the unweighted Kaplan-Meier of all the rows used
 *          (pooled over the strata; with delayed entry at risk when
 *          entry < t <= time), centred on its unweighted mean over the
 *          rows with an event;
 *   U    = the 2q-vector of scores at (beta-hat, 0): zero for the first q
 *          (the fit's own score), sum over events of w g(t) (x - xbar(t))
 *          for the second q, xbar(t) the risk-weighted mean of the risk set
 *          (Efron ties split the tied events' sums in d equal parts, as in
 *          the fit);
 *   I    = the 2q x 2q information with blocks I, I_g, I_gg (weights g and
 *          g^2 on each event time's variance term).
 * Term k (its kept columns J) gets chisq = U_K' I_KK^-1 U_K with K = the
 * first q plus the second-block columns J, df = |J|; the global test uses
 * all 2q, df = q.  p = P(chi-square(df) > chisq).  q: the columns that are
 * not aliased; a term with none of its columns kept has df 0 and NaN
 * statistics.  Strata reset the risk sets, as the fit's.
 */
typedef struct {
	size_t nterms;
	double *chisq;      /* nterms; NaN for a term without a kept column */
	size_t *df;         /* nterms */
	double *p;          /* nterms */
	double global_chisq, global_p;
	size_t global_df;
} cox_zph_result;

/* Tests model r fitted on data (the same data given to cox_fit).
 * col_term[j] is the term of column j of X (0 .. nterms-1).  Returns
 * CHURN_OK and a new result in *out (free with cox_zph_free), the errors
 * of cox_fit's data checks, CHURN_EMODEL when the 2q x 2q information is
 * singular, CHURN_ENOMEM. */
churn_status cox_zph(const cox_data *data, const cox_result *r, const size_t *col_term,
                     size_t nterms, cox_zph_result **out, churn_err *err);
churn_status cox_zph_prep(const cox_prep *p, const cox_result *r, const size_t *col_term,
                          size_t nterms, cox_zph_result **out, churn_err *err);
void cox_zph_free(cox_zph_result *z);

#endif

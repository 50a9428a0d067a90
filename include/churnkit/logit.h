/*
 * logit.h - logistic regression for a 0/1 churn outcome, as R's
 * glm(y ~ ..., family = binomial).
 *
 * Estimator: maximum likelihood by iteratively reweighted least squares,
 * step for step as glm.fit does it: start from mu = (w y + 0.5)/(w + 1),
 * eta = logit(mu); each iteration solves the weighted least-squares problem
 * with working weights w mu(1 - mu) and working response
 * eta + (y - mu)/(mu(1 - mu)) (glm's clamping of eta at +-30 included);
 * converged when |dev - dev_old| / (|dev| + 0.1) < epsilon (1e-8), at most
 * maxit (25) iterations.  The columns are centred and scaled inside the fit
 * and the results reported on the original scale.  Standard errors are the
 * square roots of the diagonal of the inverse Fisher information X'WX
 * (with the weights of the last iteration, as summary.glm), z = b / se,
 * p = 2 Phi(-|z|), odds ratios exp(b) with Wald intervals
 * exp(b -+ q se), q the normal quantile of the confidence level
 * (1.959964 for 0.95).  Deviance -2 sum w log p(y), null deviance of the
 * intercept-only model, AIC = deviance + 2 rank.
 *
 * Weights are frequency weights (a row standing for w customers); rows of
 * weight 0 take no part, as in glm.
 *
 * Aliased columns (design.h) are left out of the fit and reported with NaN
 * estimates, as R's NA coefficients; the fit re-checks aliasing on its own
 * rows (a cross-validation fold can make a rare dummy constant).
 *
 * Separation: when a fitted probability comes within LOGIT_SEP_TRIGGER of
 * 0 or 1, the last IRLS step is examined.  Under separation the likelihood
 * keeps rising along a direction d with (2y - 1) x'd >= 0 for every row,
 * and IRLS walks along it (about one unit of x'd per step) while the rest
 * of the fit has converged.  The check takes d = the last step, and
 * declares separation when max |x'd| > LOGIT_SEP_MINSTEP and every row
 * satisfies (2y - 1) x'd >= -LOGIT_SEP_RTOL max |x'd|: complete when every
 * row is strictly on its side, quasi-complete otherwise.  That is a
 * certificate check on the data, not a guess from the coefficients' size.
 * The terms that move along d are flagged `diverging`.
 *
 * A second, exact check runs on every fit: for each 0/1 column (treatment
 * dummies, missing indicators, 0/1 flags; values exactly 0 or 1 on every
 * row of positive weight), when the rows where it is 1 (or, with an
 * intercept, the rows where it is 0) all have the same outcome, the
 * maximum-likelihood estimate does not exist (the direction +-e_j, or
 * e_j - e_0, certifies it); the column is flagged `diverging` and the
 * separation is quasi-complete (complete when both groups are pure with
 * opposite outcomes).  This catches a rare level whose glm estimate stops
 * at 16 with an SE of 800 before any fitted p reaches LOGIT_SEP_TRIGGER.
 *
 * Firth: with firth = LOGIT_FIRTH_AUTO (the default) a separated fit is
 * refitted by Firth's penalised likelihood (firth.h) and the result says
 * so (firth = 1, firth_auto = 1); LOGIT_FIRTH_ALWAYS fits Firth directly;
 * LOGIT_FIRTH_NEVER reports the glm fit with its separation flag.
 *
 * Sampling weights (inverse probability of censoring, horizon.h): with
 * `quasi` set the family is R's quasibinomial: the same estimates as the
 * weighted binomial fit (the weights need not be whole numbers), the same
 * deviance, but no likelihood: AIC and loglik are NaN (R prints AIC NA).
 * With `robust` set the covariance is the HC0 sandwich, as R's
 * sandwich::vcovHC(fit, type = "HC0"):
 *     V = B M B,  B = (X'WX)^-1,  M = sum_i (w_i / f_i)^2 f_i (y_i - mu_i)^2 x_i x_i'
 * with w the fit's weights and f the data's `freq` (frequency weights:
 * a row standing for f customers counts as f observations of weight
 * w / f, so that the result is the one R gives on the table with each row
 * repeated f times; f = 1 when freq is NULL).  Standard errors, z, p and
 * the intervals come from V.  Firth's penalised estimates have no such
 * sandwich here: with `robust`, LOGIT_FIRTH_AUTO acts as LOGIT_FIRTH_NEVER
 * (a separated fit is reported as glm's, flagged) and LOGIT_FIRTH_ALWAYS
 * is refused (CHURN_EUSAGE).
 *
 * Ownership: logit_fit returns a new result; free it with logit_result_free.
 * The data are borrowed for the call only.
 */
#ifndef CHURNKIT_LOGIT_H
#define CHURNKIT_LOGIT_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>

#include "churnkit/coeftab.h"
#include "churnkit/err.h"
#include "churnkit/stagetime.h"

#define LOGIT_MAXIT 25
#define LOGIT_EPSILON 1e-8
#define LOGIT_SEP_TRIGGER 1e-8   /* fitted p this close to 0 or 1 starts the check */
#define LOGIT_SEP_MINSTEP 0.1    /* the last step moved some x'b by more than this */
#define LOGIT_SEP_RTOL 1e-3      /* sign tolerance, relative to max |x'd| */

typedef enum { LOGIT_FIRTH_AUTO, LOGIT_FIRTH_NEVER, LOGIT_FIRTH_ALWAYS } logit_firth_mode;
typedef enum { LOGIT_SEP_NONE, LOGIT_SEP_QUASI, LOGIT_SEP_COMPLETE } logit_separation;

typedef struct {
	int maxit;               /* LOGIT_MAXIT */
	double epsilon;          /* LOGIT_EPSILON */
	double conf_level;       /* 0.95 */
	logit_firth_mode firth;  /* LOGIT_FIRTH_AUTO */
	int quasi;               /* 0; 1: quasibinomial (no AIC, no likelihood) */
	int robust;              /* 0; 1: HC0 sandwich standard errors */
	stagetime *progress;     /* NULL; else validate_cv ticks it once a fold
	                            (borrowed: the progress line, stagetime.h) */
} logit_opts;

/* Sets the defaults above. */
void logit_opts_init(logit_opts *o);

/* The data of one fit.  X is n x p with the intercept column first when
 * `intercept` is set (design.h builds it so); y is 0/1; w NULL or frequency
 * weights >= 0; rows NULL for all n rows, or the nrows row indices to use
 * (a cross-validation fold), in any order. */
typedef struct {
	const gsl_matrix *X;
	const double *y;
	const double *w;
	const size_t *rows;
	size_t nrows;
	int intercept;
	const int *aliased;      /* NULL, or p flags of columns to leave out (design's) */
	const double *freq;      /* NULL, or the frequency weights inside w (robust) */
} logit_data;

typedef struct {
	coeftab coefs;           /* one row per column of X (p rows), odds ratios */
	double *mean;            /* p weighted column means over the fit's rows (drivers) */
	int *diverging;          /* p flags, separation: columns along the separating direction */
	double *cov;             /* p x p row-major covariance; NaN rows for aliased */
	double n;                /* sum of weights (customers) */
	double events;           /* sum of w y */
	size_t rows;             /* rows with positive weight */
	size_t rank;
	double deviance, null_deviance, aic, loglik;
	int iterations;
	int converged;
	int fitted_01;           /* glm's "fitted probabilities numerically 0 or 1" */
	logit_separation separation;
	int firth;               /* coefficients are Firth's penalised estimates */
	int firth_auto;          /* ... because separation was found */
	double penalized_loglik; /* Firth: l(b) + log det I(b) / 2; NaN otherwise */
	int quasi;               /* quasibinomial: aic and loglik are NaN */
	int robust;              /* se, z, p, intervals and cov are HC0 sandwich */
} logit_result;

/* Fits the model.  Returns CHURN_OK and a new result in *out (also when
 * the fit did not converge or is separated: those are reported in the
 * result), CHURN_EDATA when y is not 0/1, a weight is negative, no row is
 * left or only one outcome occurs, CHURN_EMODEL when the information
 * matrix cannot be factored, CHURN_ENOMEM. */
churn_status logit_fit(const logit_data *data, const logit_opts *opts, logit_result **out,
                       churn_err *err);

/* The rows elsewhere (a database: docs/scaling.md, "Logistic model"):
 * the fit's sums come from callbacks, over rows of weight 1 with an
 * intercept, in z's coordinates, z = (1, x_1 - shift_1, ..., x_{p-1} -
 * shift_{p-1}).  M is sum z z' (p x p row-major, upper triangle read; row
 * 0: the rows and sum z), wsum the rows (nused of them), events sum y.
 * pass: at coefficients bz (p; eta = bz'z; NULL: glm's start,
 * logit_start_eta(y, 1)), logit_irls_row's sums: G += sum wt z z' (upper
 * triangle), r += sum wz z (p), *dev the deviance, the flags as
 * irls_pass's (G and r are zeroed by the caller).  direction: over the
 * rows, *maxabs = max |z'd|, *minside = min (2y - 1) z'd (the separation
 * check's certificate, logit.h).  groups: for column j, 1 and the sums of
 * y (pos) and of rows (tot) where it is 0 ([0]) and 1 ([1]) when it is 0
 * or 1 on every row, else 0 (the exact separation check).  A callback's
 * error is the fit's. */
typedef struct {
	size_t p;
	double wsum, events;
	size_t nused;
	const double *shift, *M;
	void *ctx;
	churn_status (*pass)(void *ctx, const double *bz, double *G, double *r, double *dev,
	                     int *near01, int *fitted01, churn_err *err);
	churn_status (*direction)(void *ctx, const double *d, double *maxabs, double *minside,
	                          churn_err *err);
	int (*groups)(void *ctx, size_t j, double pos[2], double tot[2]);
} logit_remote;

/* logit_fit from remote sums: the same IRLS (the same start, steps,
 * convergence, separation checks, standard errors), only the order of the
 * additions differs.  Firth's refit needs the rows: LOGIT_FIRTH_AUTO acts
 * as LOGIT_FIRTH_NEVER (a separated fit is reported as glm's, flagged);
 * LOGIT_FIRTH_ALWAYS and robust are CHURN_EUSAGE.  Errors as logit_fit's
 * and the callbacks'. */
churn_status logit_fit_remote(const logit_remote *src, const logit_opts *opts,
                              logit_result **out, churn_err *err);

void logit_result_free(logit_result *r);

/* The linear predictor x'b of one design row (aliased columns count 0). */
double logit_lp(const logit_result *r, const double *x);

/* Predicted probabilities for the rows of X (n x p, same columns as the
 * fit); prob has X->size1 entries.  A row with a NaN value gets NaN. */
void logit_predict(const logit_result *r, const gsl_matrix *X, double *prob);

#endif

/*
 * model_score.h - per-customer churn risk and main driver from a fitted
 * logistic model, or from a Cox model over a horizon.
 *
 * Probability: the rows of a (new) table are built with the training
 * design's rules (design_apply: same dummies and reference levels, the
 * training medians for imputation) and scored p = 1 / (1 + exp(-x'b)),
 * aliased coefficients counting 0.  A row that cannot be built (a missing
 * value the design does not impute, a level unseen in training, log of a
 * value <= 0) gets prob NaN and its reason in `status`.
 *
 * Main driver: for each term k, its contribution to this customer's log
 * odds relative to the average customer of the training data,
 *     c_k = sum over the term's columns j of b_j (x_ij - mean_j),
 * (mean_j the weighted training mean, logit_result.mean).  A categorical
 * term's dummies are summed, so the driver is the variable, named with the
 * customer's own level ("contract=monthly"); a numeric term with its
 * missing indicator counts as one.  The driver is the term with the
 * largest positive c_k; none (-1) when no term raises the risk above
 * average.
 *
 * From a Cox model (cox.h) instead: for a customer of current tenure t
 * (days from signup to as-of, or the duration) the probability of churning
 * within the next h, given that the customer has not churned by t:
 *     p = 1 - S(t + h | x) / S(t | x) = 1 - exp(-(H0(t + h) - H0(t)) exp(lp))
 * with lp the centred linear predictor (cox_lp) and H0 the baseline
 * (cox_baseline) of the customer's stratum (one without strata).  Beyond
 * the data (docs/proportional-hazards.md): when t + h is past the latest
 * time at which at least min_n customers of the stratum were still at
 * risk (cox_baseline.limit), the probability would rest on fewer than
 * min_n customers, so it is not given: prob NaN, `beyond` 1 and `limit`
 * that time.  The main driver is
 * chosen by the same rule on the linear predictor: c_k = sum over the
 * term's columns of b_j (x_ij - mean_j), mean_j cox_result.mean.
 *
 * The caller owns every array; nothing is kept.
 */
#ifndef CHURNKIT_MODEL_SCORE_H
#define CHURNKIT_MODEL_SCORE_H

#include <stddef.h>

#include "churnkit/cox.h"
#include "churnkit/design.h"
#include "churnkit/err.h"
#include "churnkit/logit.h"
#include "churnkit/table.h"

typedef struct {
	double prob;              /* predicted churn probability; NaN if not scorable */
	double lp;                /* log odds x'b; for Cox the centred lp */
	long driver;              /* design term index of the main driver, or -1 */
	double driver_contrib;    /* its contribution c_k to the log odds */
	design_row_status status; /* DESIGN_ROW_OK or why the row was not scored */
	int beyond;               /* Cox: t + h is beyond the data (prob NaN) */
	double limit;             /* Cox: how far the stratum's data reach */
	int driver_side;          /* a numeric driver: +1 when this customer's value is
	                             above the fit's mean, -1 below; 0 for a
	                             categorical one (or no driver) */
} model_score_row;

/* Scores every row of `t` (t->nrows entries of out) with model r fitted on
 * design d.  Errors as design_apply. */
churn_status model_score_table(const design *d, const logit_result *r, const table *t,
                               model_score_row *out, churn_err *err);

/* Scores one design row x (d->ncols values, e.g. a row of d->X). */
void model_score_x(const design *d, const logit_result *r, const double *x,
                   model_score_row *out);

/* The Cox model's probability of churning within h after tenure t, and
 * the driver, for one design row x of d (the Cox model's design), in the
 * baseline's stratum index k. */
void model_score_cox_x(const design *d, const cox_result *r, const cox_baseline *b,
                       size_t k, double t, double h, const double *x, model_score_row *out);

/* Scores every row of t by model_score_cox_x, tenure[i] the current tenure
 * of row i (NaN: not scored, as DESIGN_ROW_MISSING), stratum[i] its
 * stratum code (stratum NULL: no strata; a code without a baseline, or
 * (size_t)-1: not scored, as DESIGN_ROW_UNSEEN).  Errors as design_apply. */
churn_status model_score_cox_table(const design *d, const cox_result *r,
                                   const cox_baseline *b, const table *t,
                                   const double *tenure, const size_t *stratum, double h,
                                   model_score_row *out, churn_err *err);

/* The scores one row at a time, without a matrix of design rows: calls
 * fn(ctx, i, s) for each row i of t in order whose active[i] is nonzero
 * (active NULL: every row), s its score as model_score_table or
 * model_score_cox_table gives it (valid during the call only).  Errors as
 * design_apply. */
typedef void (*model_score_fn)(void *ctx, size_t i, const model_score_row *s);
churn_status model_score_each(const design *d, const logit_result *r, const table *t,
                              const unsigned char *active, model_score_fn fn, void *ctx,
                              churn_err *err);
churn_status model_score_cox_each(const design *d, const cox_result *r,
                                  const cox_baseline *b, const table *t,
                                  const double *tenure, const size_t *stratum, double h,
                                  const unsigned char *active, model_score_fn fn, void *ctx,
                                  churn_err *err);

/* Writes the driver's label for row i of t into buf: "col=level" (the
 * customer's level) for a categorical term, "term" for a numeric one,
 * "term (missing)" when the value was imputed; "" when there is no driver.
 * Returns buf. */
char *model_score_driver_label(const design *d, const table *t, size_t i,
                               const model_score_row *s, char *buf, size_t n);

#endif

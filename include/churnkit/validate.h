/*
 * validate.h - how well a churn model separates and calibrates.
 *
 * - AUC: the Mann-Whitney probability that a random churner scores above a
 *   random non-churner, ties counted one half (pairs weighted by the
 *   product of their frequency weights).
 * - Brier score: the weighted mean of (p - y)^2.
 * - Calibration by decile: rows ordered by predicted risk (ascending; ties
 *   keep row order), cut into ten groups of equal weight: a row whose
 *   predecessors weigh W_before of W falls in group floor(10 W_before / W)
 *   (with unit weights row i of n, from 0, in floor(10 i / n)); a weighted
 *   row is never split.  Per group the mean predicted risk and the observed
 *   churn rate.
 * - Lift and cumulative gains by decile: the same cut on descending risk
 *   (decile 1 = the riskiest tenth); lift = the decile's churn rate / the
 *   overall rate, cumulative gain = the share of all churners found in
 *   deciles 1..k, cumulative lift = their rate / the overall rate.
 * - Cross-validated AUC: k stratified folds (churners and non-churners
 *   shuffled separately with a seeded gsl_rng (mt19937) and dealt round
 *   the folds in turn); the model is refitted on the other k - 1 folds
 *   (logit_fit, with the caller's options, so a separated fold gets Firth)
 *   and scored on the held-out fold; cv_auc is the mean of the k fold AUCs.
 * - Cross-validated Brier score and calibration: every row predicted by the
 *   model of the fold that did not see it (the same folds and fits), then
 *   the Brier score and the calibration deciles above over those
 *   predictions, with the same weights.  Unlike the in-sample ones they do
 *   not reward a model for fitting its own rows.
 * The models are fitted with the caller's options, except that the
 * folds' fits skip the robust standard errors (only their predictions are
 * used) and then never fall back to Firth, as the full fit does not
 * (logit.h).
 *
 * The caller owns every array; validate_summary owns fold_auc (freed by
 * validate_summary_clear).
 */
#ifndef CHURNKIT_VALIDATE_H
#define CHURNKIT_VALIDATE_H

#include <stddef.h>

#include "churnkit/err.h"
#include "churnkit/logit.h"

#define VALIDATE_BINS 10
#define VALIDATE_FOLDS 5
#define VALIDATE_SEED 20240611UL

typedef struct {
	double n;           /* weight (rows) in the decile */
	double mean_pred;   /* mean predicted probability */
	double obs_rate;    /* observed churn rate */
	double min_pred, max_pred;
} validate_calib_bin;

typedef struct {
	double n;           /* weight (rows) in the decile */
	double events;      /* churners in the decile */
	double rate;        /* events / n */
	double lift;        /* rate / overall rate */
	double cum_gain;    /* share of all churners in deciles 1..k */
	double cum_lift;    /* rate of deciles 1..k / overall rate */
} validate_lift_bin;

/* AUC of `score` for 0/1 outcomes y (w NULL = unit weights); NaN when
 * either class is empty.  CHURN_ENOMEM or CHURN_OK. */
churn_status validate_auc(const double *score, const double *y, const double *w, size_t n,
                          double *auc, churn_err *err);

/* Brier score; NaN when the total weight is 0. */
double validate_brier(const double *p, const double *y, const double *w, size_t n);

/* Calibration and lift tables (VALIDATE_BINS entries each). */
churn_status validate_calibration(const double *p, const double *y, const double *w, size_t n,
                                  validate_calib_bin *bins, churn_err *err);
churn_status validate_lift(const double *p, const double *y, const double *w, size_t n,
                           validate_lift_bin *bins, churn_err *err);

/* validate_auc, validate_calibration and validate_lift of the same p, the
 * same numbers from one sort of p. */
churn_status validate_ranked_tables(const double *p, const double *y, const double *w,
                                    size_t n, double *auc, validate_calib_bin *calib,
                                    validate_lift_bin *lift, churn_err *err);

/* Stratified fold numbers 0..k-1 for n rows with 0/1 outcomes y, written to
 * fold (caller-allocated, n entries).  CHURN_EUSAGE when k < 2 or k > n. */
churn_status validate_folds(const double *y, size_t n, int k, unsigned long seed, int *fold,
                            churn_err *err);

/* Cross-validated AUC of the logistic model of `d` (d->rows must be NULL:
 * folds index the rows of d->X) with the given fold numbers; fold_auc
 * (k entries, caller-allocated) gets each fold's AUC. */
churn_status validate_cv_auc(const logit_data *d, const logit_opts *o, const int *fold, int k,
                             double *fold_auc, double *cv_auc, churn_err *err);

/* The same, and the cross-validated probability of every row into cv_prob
 * (X->size1 entries, caller-allocated; NaN for a row of weight 0 or one
 * that cannot be predicted) when cv_prob is not NULL. */
churn_status validate_cv(const logit_data *d, const logit_opts *o, const int *fold, int k,
                         double *fold_auc, double *cv_auc, double *cv_prob, churn_err *err);

/* Everything the model section reports, in one call. */
typedef struct {
	double auc, cv_auc, brier;
	double cv_brier;                        /* NaN without cross-validation */
	int folds;
	double *fold_auc;                       /* folds entries */
	validate_calib_bin calib[VALIDATE_BINS];
	validate_lift_bin lift[VALIDATE_BINS];
	int have_cv_calib;                      /* cv_calib is filled */
	int deciles_left_out;                   /* 1: calib and lift not computed
	                                           (--push-down: their ties go by
	                                           row order, which a table lacks) */
	validate_calib_bin cv_calib[VALIDATE_BINS];
} validate_summary;

/* Fills s for the fitted model r of data d: apparent AUC, Brier score,
 * calibration and lift of r's predictions, and cross-validated AUC, Brier
 * score and calibration over `folds` stratified folds (0 = leave
 * cross-validation out: cv_auc and cv_brier NaN, have_cv_calib 0).  Rows
 * of weight 0 take no part.  Clear with validate_summary_clear. */
churn_status validate_summarise(const logit_data *d, const logit_result *r, const logit_opts *o,
                                int folds, unsigned long seed, validate_summary *s,
                                churn_err *err);
void validate_summary_clear(validate_summary *s);

#endif

/*
 * model_json.h - the docs/contract.md `model` and `cox` JSON objects, the
 * plain-text summaries of the two models (as R's summary() prints them) and
 * their tables as CSV files.
 *
 * JSON: numbers through json_num (jsonout.h: the fewest digits that read
 * back to the same double); NaN and infinities become null; aliased
 * coefficients keep their row with null numbers and "aliased": true.  The
 * logistic n and events are sums of the fit's weights (weighted counts
 * under inverse probability of censoring weights; rows counts rows).  Keys
 * beyond docs/contract.md's (allowed: "more keys may be added"): rows,
 * rows_missing, rank, loglik, conf_level, reference_levels, aliased terms,
 * separation ("none", "quasi-complete", "complete") and the terms along
 * it, firth and firth_reason, penalized_loglik, folds and fold_auc,
 * calibration and lift tables, cv_brier and cv_calibration (validate.h:
 * from the cross-validated predictions; null without cross-validation),
 * constant_terms (categorical terms with a
 * single level: no column, not estimable), term_tests (both models: the
 * Wald test of each term of more than one column as a whole, termtest.h,
 * docs/outputs.md); for Cox also the tests' df and
 * p-values, iterations, infinite (the terms whose coefficient may be
 * infinite, coxph's check; cox.h) and any_infinite.  Each builder returns a new json_object the caller owns
 * (json_object_put), or NULL when out of memory.
 *
 * Text: model_print_logit / model_print_cox write to a FILE* the caller
 * gives: a coefficient table with odds or hazard ratios and intervals, the
 * reference level of each categorical term, aliased terms, the Wald tests
 * of terms of more than one column ("Wald tests of terms"), deviances and
 * AIC (or the three tests and the concordance), iterations, AUC, and every
 * separation, Firth or convergence note, never hidden.  model_print_quality
 * adds the calibration tables by decile (in-sample, then cross-validated
 * when there is one) and the lift table.  A quasi-binomial fit (logit.h)
 * prints "AIC: NA" (null in the JSON, as R's NA) and weighted counts; a
 * robust one says its standard errors are HC0 sandwich ones.
 *
 * CSV (--tables DIR): coefficients.csv (logistic: term, estimate, se, z, p,
 * odds_ratio, or_lower, or_upper, aliased, method: "glm" for maximum
 * likelihood, "firth" for Firth's estimates), calibration.csv (decile, n,
 * mean_predicted, observed_rate, min_predicted, max_predicted), lift.csv
 * (decile, n, events, rate, lift, cum_gain, cum_lift) and
 * cox_coefficients.csv (as coefficients.csv with hazard ratios, without
 * method), and cv_calibration.csv (as calibration.csv, over the
 * cross-validated predictions, when the model was cross-validated).  Comma-
 * separated, LF line ends, a header row; numbers in full precision (empty
 * when undefined, as for aliased terms); term names quoted when needed and
 * formula-escaped (a leading ' before = + - @, as cohort_output.h says).
 * Each file is written atomically (outfile.h).
 */
#ifndef CHURNKIT_MODEL_JSON_H
#define CHURNKIT_MODEL_JSON_H

#include <stdio.h>

#include <json-c/json.h>

#include "churnkit/cox.h"
#include "churnkit/design.h"
#include "churnkit/logit.h"
#include "churnkit/outfile.h"
#include "churnkit/tabledest.h"
#include "churnkit/validate.h"

/* The "model" object; q may be NULL (auc, cv_auc, brier null).  `outcome`
 * is the outcome's description ("churned", "churn within 12 months"). */
json_object *model_json_logit(const design *d, const logit_result *r,
                              const validate_summary *q, const char *outcome);

/* The "cox" object. */
json_object *model_json_cox(const design *d, const cox_result *r);

/* Plain-text summaries; q may be NULL.  Return 0, or -1 on a write error. */
int model_print_logit(FILE *fp, const design *d, const logit_result *r,
                      const validate_summary *q, const char *outcome);
int model_print_cox(FILE *fp, const design *d, const cox_result *r);

/* The proportional-hazards test (cox_zph) of a Cox model on design d: a
 * table of chisq, df and p per term ("fails" when p < alpha) and the
 * global test, as R prints cox.zph; and its JSON object {"transform":
 * "km", "terms": [{"term", "chisq", "df", "p"}], "global": {"chisq",
 * "df", "p"}} (terms without an estimated column are left out). */
int model_print_cox_zph(FILE *fp, const design *d, const cox_zph_result *z, double alpha);
json_object *model_json_cox_zph(const design *d, const cox_zph_result *z);

/* Calibration and lift by decile, as text tables.  0, or -1 on a write
 * error. */
int model_print_quality(FILE *fp, const validate_summary *q);

/* Writes the tables above to d (tabledest.h; its directory must exist): those of
 * the logistic model when dl and lr are given, calibration and lift when q
 * is, Cox's when dc and cr are.  CHURN_EIO when a file cannot be written. */
churn_status model_write_tables(const table_dest *d, const design *dl,
                                const logit_result *lr, const validate_summary *q,
                                const design *dc, const cox_result *cr, churn_err *err);

/* "none", "quasi-complete" or "complete". */
const char *model_separation_name(logit_separation s);

#endif

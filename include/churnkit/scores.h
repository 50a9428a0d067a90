/*
 * scores.h - the scores file: one row per active customer with the churn
 * probability of a fitted logistic model, a risk band and the main driver,
 * for a customer-success team to import into its CRM.
 *
 * Probability and driver: model_score.h (the training design's rules, the
 * term that raises this customer's log odds most above the average
 * customer's); from a logistic model (scores_build) or, over a horizon,
 * from a Cox model as the probability of churning in the next h given the
 * customer's current tenure (scores_build_cox).  A Cox probability that
 * would rest on fewer than min_n customers of the customer's stratum
 * (model_score.h, docs/proportional-hazards.md) is not given: the row keeps
 * an empty probability, band "beyond the data" and, in the driver's place,
 * the reason; like an unscored row it is never ranked nor counted in a
 * band.  A customer whose row cannot be built (a missing value the
 * design does not impute, a level the training data did not have, log of a
 * value <= 0) keeps its row with an empty probability, band "not scored"
 * and the reason in place of the driver, so that no active customer
 * silently disappears from the list.
 *
 * Risk bands are fixed probability cut points, the same in every run:
 *     low     p < 0.2
 *     medium  0.2 <= p < 0.5
 *     high    p >= 0.5   (more likely to churn than not)
 * Fixed cuts rather than deciles because a band is a call to action: a
 * customer-success team wants "high" to mean the same risk this quarter as
 * last, and to see the high band grow or shrink with the book; deciles
 * would always call a tenth of the customers high, even when none is
 * likely to leave, and hide it when half are.
 *
 * CSV: a header row, then one row per customer, riskiest first (ties and
 * unscored customers in input order), comma-separated, LF line ends,
 * RFC 4180 quoting (a cell holding a comma, quote or line break is quoted,
 * quotes doubled).  Text cells (ids, drivers) beginning with = + - @, tab
 * or carriage return get a leading single quote so that a spreadsheet
 * shows them as text instead of running them as formulas; UTF-8 bytes are
 * written untouched.  Columns:
 *     id, value, churn_probability (6 decimals), risk_band, segment,
 *     main_driver, recommended_action
 * The segment and action texts come from the segments stage (segment.h),
 * one per entry of the list; the writer takes them as arrays so that this
 * module does not depend on that one.
 *
 * Ownership: scores_build returns a new scores list (free with
 * scores_free); the design, result and table are borrowed and must outlive
 * the writing.
 */
#ifndef CHURNKIT_SCORES_H
#define CHURNKIT_SCORES_H

#include <stddef.h>
#include <stdio.h>

#include "churnkit/design.h"
#include "churnkit/err.h"
#include "churnkit/logit.h"
#include "churnkit/model_score.h"
#include "churnkit/table.h"

#define SCORE_MEDIUM_FROM 0.2   /* p >= this is at least medium risk */
#define SCORE_HIGH_FROM 0.5     /* p >= this is high risk */

typedef enum {
	SCORE_BAND_NONE = 0,  /* not scored */
	SCORE_BAND_LOW,
	SCORE_BAND_MEDIUM,
	SCORE_BAND_HIGH,
	SCORE_NBANDS
} score_band;

typedef struct {
	size_t row;            /* table row */
	score_band band;
	model_score_row s;     /* probability, driver, status */
} score_entry;

typedef struct {
	score_entry *rows;     /* n entries, riskiest first, unscored last */
	size_t n;
	size_t nband[SCORE_NBANDS];  /* customers per band ([0]: not scored) */
	size_t nunscored[4];   /* not scored, by design_row_status */
	int cox;               /* 1: from a Cox model over a horizon (scores_build_cox) */
	size_t nbeyond;        /* Cox: customers beyond the data (in nband[0],
	                          not in nunscored) */
} scores;

/* The band of probability p (SCORE_BAND_NONE for NaN), taken on p rounded
 * to the six decimals the scores file prints. */
score_band score_band_of(double p);
/* "low", "medium", "high" or "not scored" (the CSV writes "beyond the
 * data" for a row beyond the data). */
const char *score_band_name(score_band b);

/* Scores the rows of t whose active[i] is nonzero (active NULL: every row)
 * with model r fitted on design d, and orders them riskiest first.
 * Returns CHURN_OK and a new list in *out, or the errors of
 * model_score_table, CHURN_ENOMEM. */
churn_status scores_build(const design *d, const logit_result *r, const table *t,
                          const unsigned char *active, scores **out, churn_err *err);

/* The same from a Cox model r (fitted on design d, baseline b): row i's
 * probability of churning within h after its current tenure tenure[i], in
 * stratum stratum[i] (NULL: no strata; model_score_cox_table); counts
 * nbeyond. */
churn_status scores_build_cox(const design *d, const cox_result *r, const cox_baseline *b,
                              const table *t, const double *tenure, const size_t *stratum,
                              double h, const unsigned char *active, scores **out,
                              churn_err *err);

/* The reason written for a customer beyond the data, into buf. */
char *scores_beyond_reason(const model_score_row *s, char *buf, size_t n);
void scores_free(scores *s);

/* Writes the CSV described above.  id_col names the id column of t (text
 * or number), value_col the value column or NULL (empty cells).
 * segments[k] and actions[k] are the texts of entry k of s (arrays of s->n
 * strings; either array may be NULL, leaving its column empty).
 * CHURN_EUSAGE when a column is not in t, CHURN_EIO on a write error. */
churn_status scores_write_csv(FILE *f, const scores *s, const design *d, const table *t,
                              const char *id_col, const char *value_col,
                              const char *const *segments, const char *const *actions,
                              churn_err *err);

#endif

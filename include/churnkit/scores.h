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
 * The CSV file of a list: scores_csv.h.
 *
 * Ownership: scores_build returns a new scores list (free with
 * scores_free); the design, result and table are borrowed.
 */
#ifndef CHURNKIT_SCORES_H
#define CHURNKIT_SCORES_H

#include <stddef.h>

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
	size_t *weight;        /* [n] customers each entry stands for (--weight,
	                          scores_weigh), or NULL: one each.  With weights,
	                          nband, nunscored and nbeyond count customers */
	size_t customers;      /* with weights: the sum of weight[]; else unused
	                          (scores_customers) */
	size_t nzero;          /* with weights: active rows of weight 0, left
	                          out of the list (they stand for nobody) */
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

/* Frequency weights (--weight): w[i] customers for table row i, whole
 * numbers >= 0.  Drops the entries of weight 0 (counted in nzero; the
 * order of the others is kept), sets s->weight and recounts nband,
 * nunscored, nbeyond and customers as sums of the weights, so that the
 * list counts as the same data expanded (each row repeated w times) would.
 * CHURN_OK, or CHURN_ENOMEM (s unchanged). */
churn_status scores_weigh(scores *s, const double *w, churn_err *err);

/* The customers of the list: the sum of the weights, or n without. */
size_t scores_customers(const scores *s);

/* The customers entry k stands for: its weight, or 1 without weights. */
size_t scores_weight_at(const scores *s, size_t k);

/* Why a row was not scored (status st), written in the driver's place;
 * "" for DESIGN_ROW_OK.  A static string. */
const char *scores_unscored_reason(design_row_status st);
/* The reason written for a customer beyond the data, into buf. */
char *scores_beyond_reason(const model_score_row *s, char *buf, size_t n);
void scores_free(scores *s);

#endif

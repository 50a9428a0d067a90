/*
 * segment.h - value x risk segments of the scored customers, with expected
 * revenue loss, the playbook per segment, incentives where they pay for
 * themselves, and a recommended action per customer.
 *
 * Input: a scores list (scores.h: one entry per active customer, with its
 * churn probability p, risk band and main driver), the customers' value
 * (MRR) per table row, and options.  Rules, quoted on the report's
 * definitions page:
 *
 * Value tiers.  Over every customer of the scores list (the active
 * customers, scored or not) whose value is known (finite), the median q50
 * and the 80th percentile q80 are taken as R's quantile(x, c(.5, .8)) with
 * its default type 7 (linear interpolation between order statistics:
 * h = (n - 1) p, q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]),
 * 0-based on the sorted values).  Then
 *     high    value >= q80   (the "80% of future revenue from 20% of
 *                             customers" rule)
 *     low     value <  q50
 *     medium  otherwise (q50 <= value < q80)
 * Ties at a cut point go up.  With one valued customer, or all values
 * equal, every valued customer is high; medium is empty when q50 == q80.
 * A customer without a value (NaN, or infinite) is in its own tier
 * "unknown", never dropped.  Without a value column (value == NULL) there
 * is one tier, "all".
 *
 * Risk tiers: the score bands of scores.h (low p < 0.2 <= medium < 0.5 <=
 * high), plus "not scored" for customers the model could not score.
 *
 * Cells: value tier x risk tier, every combination present (4 x 4, or
 * 1 x 4 without a value column), even when empty.  Per cell, over its
 * customers i, with H the horizon in months:
 *     customers               count
 *     mrr                     sum value_i
 *     expected_churners       sum p_i
 *     expected_mrr_loss       sum p_i value_i
 *     expected_revenue_loss   sum p_i value_i H
 * expected_mrr_loss is the monthly recurring revenue expected to be lost
 * through churn within the horizon (churn probability times MRR).
 * expected_revenue_loss is the revenue those customers would bring over
 * the next H months, weighted by the probability that they churn: it
 * counts a churner as lost for the whole horizon, so it is an upper bound
 * on the revenue lost within the horizon itself (a customer who leaves in
 * month m still pays m months), undiscounted, at today's MRR (no
 * expansion).  H is the horizon of the probabilities (the logistic
 * outcome's or the Cox --horizon's), given by the caller; 12 months when
 * unknown.  Amounts that cannot be known are NaN: mrr and losses in the
 * "unknown" and "all" value tiers, expected_churners and losses in the
 * "not scored" risk tier.  Empty cells of a known tier hold 0.
 *
 * Incentives.  An incentive (e.g. one month's discount) costing
 * incentive_months x value_i is recommended for customer i only when the
 * expected revenue it saves exceeds its cost:
 *     p_i x offer_effect x value_i x H  >  incentive_months x value_i
 * offer_effect being the relative reduction of churn probability an offer
 * achieves (default 0.25) and incentive_months the offer's cost in months
 * of MRR (default 1).  For value_i > 0 this is p_i > incentive_months /
 * (offer_effect H) (1/3 with the defaults and H = 12).  It needs a scored
 * customer with a known value > 0: an offer that cannot be priced is not
 * recommended.  Low-value customers never get one, whatever their risk:
 * docs/domain.md's "never spend retention budget on customers unlikely to bring
 * significant revenue" (their playbook is low-cost care).  Per cell: the customers who qualify, the cost
 * sum incentive_months value_i, the expected saving sum p_i offer_effect
 * value_i H, and the net expected value saving - cost, over them (0 when
 * none qualifies).
 *
 * Actions: recommend.h (the cell's lead; for medium and high risk the
 * phrase of the main driver's kind, mapped from its column; then
 * "; retention offer" when the customer qualifies for the incentive).
 *
 * Frequency weights (scores->weight, --weight): an entry of weight w
 * stands for w identical customers, as in the data expanded (each row
 * repeated w times): the quantiles are those of the expanded values, and
 * every count (customers, incentive_customers, nvalue_known and
 * nvalue_unknown) and every sum of a cell is over the customers (w times
 * the entry's amounts).  The at-risk accounts stay entries (rows).
 *
 * At risk: a customer in the medium or high risk band (segment_band_at_risk),
 * the one definition the at-risk accounts of the report and of the JSON and
 * the report's top actions use.
 *
 * At-risk accounts: the top `top_n` customers by expected MRR loss
 * p_i value_i, largest first, ties in table-row (input) order; only
 * scored customers with a known value and a loss > 0.  Without a value
 * column, by p_i instead (customers with p_i > 0).
 *
 * Ownership: segment_build returns a new result that owns its arrays;
 * free it with segment_result_free.  The scores, design, table and value
 * array are only borrowed during the call.  Strings from the accessors
 * are static or owned by the result.
 */
#ifndef CHURNKIT_SEGMENT_H
#define CHURNKIT_SEGMENT_H

#include <stddef.h>

#include "churnkit/design.h"
#include "churnkit/err.h"
#include "churnkit/recommend.h"
#include "churnkit/scores.h"
#include "churnkit/table.h"

#define SEGMENT_HORIZON_DEFAULT 12.0       /* months, when the caller does not know */
#define SEGMENT_OFFER_EFFECT_DEFAULT 0.25  /* relative reduction of p by an offer */
#define SEGMENT_INCENTIVE_MONTHS_DEFAULT 1.0
#define SEGMENT_TOP_N_DEFAULT 20
#define SEGMENT_HIGH_QUANTILE 0.8          /* high value: at or above this quantile */
#define SEGMENT_LOW_QUANTILE 0.5           /* low value: below this quantile */
#define SEGMENT_NRISK SCORE_NBANDS         /* risk tiers, "not scored" included */
#define SEGMENT_MAX_CELLS (4 * SEGMENT_NRISK)

typedef struct {
	double horizon_months;     /* H; 0 or NaN: SEGMENT_HORIZON_DEFAULT */
	double offer_effect;       /* in [0, 1] */
	double incentive_months;   /* >= 0 */
	size_t top_n;              /* accounts in the at-risk list */
	const segment_driver_map *drivers;  /* column -> kind overrides, or NULL */
	size_t ndrivers;
} segment_opts;

/* Sets the defaults above (no overrides). */
void segment_opts_init(segment_opts *o);

typedef struct {
	segment_value value;
	score_band risk;           /* SCORE_BAND_NONE: not scored */
	size_t customers;
	double mrr;
	double expected_churners;
	double expected_mrr_loss;
	double expected_revenue_loss;
	size_t incentive_customers;
	double incentive_cost;
	double incentive_saving;
	double incentive_net;
	const segment_playbook *playbook;  /* static */
} segment_cell;

typedef struct {
	size_t row;                /* table row (= scores->rows[k].row) */
	size_t weight;             /* the customers it stands for (scores_weight_at) */
	segment_value value_tier;
	score_band risk;
	segment_driver driver;     /* kind of the main driver */
	double p;                  /* NaN when not scored */
	double value;              /* NaN when unknown */
	double expected_mrr_loss;  /* p value; NaN when either is unknown */
	int incentive;             /* 1 when the incentive rule holds */
	size_t cell;               /* index into segment_result.cells */
	size_t action;             /* index into the result's action texts */
} segment_customer;

typedef struct {
	size_t n;                  /* entries, = scores->n (rows; total.customers
	                              counts the customers they stand for) */
	segment_customer *customers;  /* n entries, in the scores list's order */
	int has_value;             /* 0: no value column, one tier "all" */
	int weighted;              /* 1: frequency weights (scores->weight) */
	size_t nvalue_known;
	size_t nvalue_unknown;
	double q50, q80;           /* value cut points; NaN when no value is known */
	double horizon_months;     /* H used */
	double offer_effect;
	double incentive_months;
	double incentive_p;        /* incentive_months / (offer_effect H): p must exceed it */
	size_t nvalue_tiers;       /* 4, or 1 without a value column */
	segment_value value_tiers[4];  /* high, medium, low, unknown; or all */
	size_t ncells;             /* nvalue_tiers x SEGMENT_NRISK */
	segment_cell cells[SEGMENT_MAX_CELLS];  /* by value tier as above, then risk high,
	                                           medium, low, not scored */
	segment_cell total;        /* sums over the cells where defined (mrr over known
	                              values, losses over scored customers with a value);
	                              value SEGMENT_VALUE_ALL, risk SCORE_BAND_NONE,
	                              playbook NULL */
	size_t ntop;
	size_t *top;               /* ntop indices into customers, riskiest loss first */
	char (*actions)[RECOMMEND_ACTION_MAX + 1];  /* every action text, owned */
} segment_result;

/* Builds the segments of scores s.  value holds the value (MRR) of every
 * table row that s refers to (index: scores->rows[k].row; NaN = missing),
 * or is NULL without a value column.  d is the design the scores' drivers
 * index (NULL: no driver kinds), t the scored table, used for a
 * categorical driver's level (NULL: no levels, so no contract kind).
 * o NULL takes the defaults.  Returns CHURN_OK and a new result in *out;
 * CHURN_EUSAGE for options out of range (a negative or infinite horizon,
 * offer_effect outside [0, 1], negative incentive_months); CHURN_ENOMEM. */
churn_status segment_build(const scores *s, const design *d, const table *t,
                           const double *value, const segment_opts *o,
                           segment_result **out, churn_err *err);

void segment_result_free(segment_result *r);

/* 1 when a customer or cell of risk band b is at risk: the medium and high
 * bands (p >= SCORE_MEDIUM_FROM); 0 for low and not scored. */
int segment_band_at_risk(score_band b);
/* The band cut points in words for the report, "low below 20%, high from
 * 50%" (from SCORE_MEDIUM_FROM and SCORE_HIGH_FROM), into buf (n bytes);
 * returns buf. */
const char *segment_bands_text(char *buf, size_t n);
/* The least probability at risk in words, "20%"; returns buf. */
const char *segment_at_risk_from_text(char *buf, size_t n);

/* The cell of value tier v and risk band b, or NULL when not in r. */
const segment_cell *segment_cell_at(const segment_result *r, segment_value v, score_band b);

/* Customer k's (k < r->n, as scores->rows[k]) segment label ("High value /
 * High risk"), action text and cell. */
const char *segment_customer_label(const segment_result *r, size_t k);
const char *segment_customer_action(const segment_result *r, size_t k);
const segment_cell *segment_customer_cell(const segment_result *r, size_t k);

/* R's quantile(x, prob, type = 7) of the n values of x sorted ascending
 * (NaN when n == 0), computed as R does. */
double segment_quantile_sorted(const double *x, size_t n, double prob);

#endif

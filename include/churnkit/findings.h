/*
 * findings.h - the executive summary's findings: computed results turned
 * into ranked sentences in plain English, each backed by a number and, when
 * it claims a difference, by its test (docs/contract.md, "The report", item 2).
 * Pure library code: it formats text into the result and prints nothing.
 *
 * Inputs (findings_input; any of them may be NULL, meaning "not computed",
 * and then yields no finding): the survival analysis (surv_analysis.h), the
 * period KPIs (kpi.h), the logistic model with its design (logit.h,
 * design.h) and the Cox model with its design (cox.h).
 *
 * The rule every finding obeys (docs/method.md's conventions): a difference is
 * stated only when its p (Benjamini-Hochberg adjusted for pairwise tests)
 * is below alpha and each group compared has at least min_n customers
 * (weighted).  Nothing is stated from a missing, NaN or untested input.
 * Descriptive findings make no test claim and are worded so.
 *
 * What is found, one candidate per rule below:
 *
 * FINDING_SEGMENT, per --by column with a log-rank test (logrank.h):
 *   - two levels: the column's own test.  The number is the ratio of the
 *     levels' observed-to-expected churn, (O_a/E_a) / (O_b/E_b), the
 *     log-rank estimate of their hazard ratio (Peto's O/E ratio; Berry,
 *     Kitchin and Mock 1991), faster-churning level first (>= 1);
 *   - three or more levels: the pairwise tests (each pair on its own rows)
 *     with BH-adjusted p.  Of the pairs with adjusted p < alpha and both
 *     levels >= min_n, the most extreme one: the largest |log| of the pair's
 *     own O/E ratio (ties: smaller adjusted p, then the earlier pair).  A
 *     column of three or more levels without pairwise tests gives nothing:
 *     its global test says the levels differ, not which two.
 *   With a zero observed count the ratio is infinite ("churn faster than
 *   ..., none of whom churned"); its strength adds 0.5 to the observed
 *   counts.  The Kaplan-Meier medians of the two levels follow when
 *   reached ("median lifetime 5.0 vs 13.3 months"; "14 months vs not
 *   reached"), in months of 30.4375 days when time is in days.
 *   "Customers with contract = monthly churn 1.8x faster than with
 *    contract = annual; median lifetime 5.0 vs 13.3 months (log-rank
 *    p < 0.001)"; a pair: "(log-rank, BH-adjusted p = 0.042)".  With
 *   rho = 1 the test is called Peto-Peto.  test_text is the parenthesis.
 *
 * FINDING_DRIVER, from the logistic model's terms (p < alpha), or from the
 * Cox model's when no logistic model is given (the rule and its reasons:
 * docs/findings.md).  Each column compares two groups of customers of the
 * model's own sample (its rows of positive weight, weighted), a against b:
 *   - a treatment dummy col=level: the level against the reference level;
 *   - a missing-value indicator col_missing: customers without a value
 *     against those with one; the "(missing)" level of a categorical term:
 *     customers without a value against the term's reference level (what
 *     its coefficient is measured against), "vs col = level (reference)";
 *   - yes/no: a numeric column holding only 0 and 1 (both present) in the
 *     fit's rows, 1 against 0; a categorical term of exactly two levels
 *     that read yes and no (yes/no, y/n, true/false, t/f, 1/0, any case),
 *     the "yes" level against the "no" one, whichever is the reference;
 *   - another number (log terms on the column's own scale): customers at
 *     or above its upper quartile against those at or below its lower
 *     quartile, the quartiles R's quantile(type = 7) of the column over the
 *     fit's rows, each row once; quartiles that coincide give no finding.
 *   Both groups need min_n customers (weighted).  The numbers of a pair:
 *   the plain churn rates (weighted mean of the outcome in each group); the
 *   adjusted ratio, exp(b) for a level or yes/no (exp(-b) when "yes" is the
 *   reference), exp(b (Q3 - Q1)) for a number (log(Q3) - log(Q1) for a log
 *   term), its interval alike; the predicted churn of each group
 *   (logistic only): the model's prediction plogis(b'x) for every customer
 *   of the sample with the term's own columns set to the group (the
 *   level's dummy 1 and the term's other dummies 0, all 0 for the
 *   reference, 1 or 0, the quartile) and the other terms at the customer's
 *   own values, averaged with the weights (R: weighted.mean(predict(fit,
 *   newdata, type = "response"), w)).
 *   When the plain rates and the adjusted ratio point the same way (or the
 *   rates are equal), the driver is stated:
 *     "Customers with channel = trial have 2.4x the odds of churn within
 *      12 months vs channel = organic (reference) (OR 2.40, 95% CI
 *      1.90-3.03, p < 0.001)" ("62% lower odds ... than"); a term of two
 *     levels "vs those with plan = basic"; yes/no "Customers with
 *     onboarded have 38% lower odds of churn than those without"; a
 *     missing value "Customers with no nps value ... than those with one";
 *     a number "Predicted churn within 12 months is 59% for customers with
 *     tickets at 3 (upper quartile), against 53% at 1 (lower quartile)
 *     (OR 1.58, ...)"; Cox: "Customers with tickets at 3 (upper quartile)
 *     have 1.6x the churn hazard of those at 1 (lower quartile)".
 *   When they point opposite ways (reversed = 1), the finding is not
 *   stated as a driver: it gives the plain rates first, then the adjusted
 *   comparison among customers alike in the model's other terms (named up
 *   to three, "and N other factors" beyond):
 *     "Customers with charge in the upper quartile (89.51 or more) churn
 *      more than those in the lower quartile (47.13 or less) (80% vs 23%
 *      churn), but among customers alike in internet, onboarded and 2
 *      other factors, predicted churn is lower at 89.51 than at 47.13
 *      (43% vs 66%) (OR 0.02, ..., p < 0.001)";
 *     a level or yes/no "Customers with onboarded churn more than those
 *     without (64% vs 43% churn), but among ..., their predicted churn is
 *     lower (50% vs 61%)"; Cox "..., they have 62% lower churn hazard" (its
 *     plain rates are the shares who churned during follow-up).
 *   A model that did not converge, or is separated and not refitted by
 *   Firth, gives no driver; a Firth fit says so in the test text; an
 *   aliased, diverging (separation) or possibly infinite (Cox) column is
 *   skipped.  A categorical term of more than one column gives a driver
 *   only when its Wald test as a whole (termtest.h, with the fit's
 *   covariance) has p < alpha (docs/findings.md).  At most one driver per
 *   term (its strongest column), none for
 *   a column that already has a segment finding (the same story twice),
 *   and, ranked by strength (no table), at most max_drivers in all; with a
 *   table every term's driver is a candidate of the ranking by concern.
 *
 * FINDING_PERIOD, the logo churn rate of the reporting period against the
 * previous one (kpi_change), both with >= min_n customers at the start:
 *   significant (p < alpha): "Logo churn rose from 2.1% in 2026Q2 to 2.9%
 *   in 2026Q3 (two-proportion test p = 0.03)"; otherwise descriptive:
 *   "... : no statistically significant change (two-proportion test
 *   p = 0.21)", or "(not testable)" when the test was left out.
 *
 * FINDING_EARLY (descriptive), from the hazard table: the share of churn at
 * tenure <= early_threshold, stated when it is at least early_excess (1.5)
 * times the share of the time at risk that falls in that window, i.e. when
 * the churn rate in the window is at least 1.5 times the overall rate, and
 * there are at least early_min_events (10) churn events among at least
 * min_n customers.  The time at risk comes from the all-customers
 * Kaplan-Meier curve: sum over steps of n_risk x the step's length inside
 * the window (exact without delayed entry; with delayed entry, entries
 * between two steps are counted from the next step).
 *   "55% of churn happens in the first 90 days of tenure, which make up
 *    only 26% of the time customers were observed".
 *
 * FINDING_REVENUE (descriptive), revenue retention of the reporting period
 * when its MRR is covered and it has >= min_n customers at the start: net
 * revenue retention with gross beside it ("Net revenue retention was 96.0%
 * in 2026Q3: expansion did not offset churn and contraction (gross
 * 91.0%)"), or, with constant values (no expansion data), gross alone.
 *
 * FINDING_REASON, from findings_input.reasons (findings_reasons.h): a
 * churn reason whose share of the customers active at the period's start
 * grew significantly (two-proportion test, BH-adjusted over the reasons,
 * the noise rule), "Churn for "Price" grew: 3.1% of the customers active
 * at the start of 2026Q3 left for this reason, against 1.9% in 2026Q2";
 * customers and mrr are those who left for it in the period (set even
 * without a table), rate[] the two shares, level the raw reason (NULL for
 * unknown, group MISSING).  Strength |log| of the ratio of the shares.
 *
 * Ranking with a table (findings_input.table): by the MRR each finding
 * concerns, largest first (by the customers when no finding has an MRR),
 * those concerning nothing known last; ties as below (docs/findings.md).
 *
 * Ranking without one.  Findings backed by a significant test come first, by strength
 * (descending), then the descriptive ones in the order EARLY, REVENUE,
 * PERIOD.  Strength is an absolute log ratio, so that the kinds compare:
 * segment |log O/E ratio|; driver |log| of its adjusted ratio (|b| for a
 * level or yes/no, |b| (Q3 - Q1) for a number: the two typical customers
 * its sentence compares); period |log| of the
 * ratio of the two churn rates (0.5 added to zero counts); early |log| of
 * early share / time share; revenue |log NRR|.  Ties: kind order (SEGMENT,
 * DRIVER, PERIOD, EARLY, REVENUE, REASON), then smaller p, then text (bytewise),
 * then input order, so the order is fully determined.  The result keeps
 * the first max_findings (5); the caller prints 3 to 5 of them.
 *
 * Text.  Column and level names are the user's, passed through byte for
 * byte (UTF-8 untouched), phrased "Customers with col = level", or their
 * labels (findings_input.labels) in every sentence: text, plain and the
 * actions' text; the fields that name a column or level (subject, level,
 * level_b) keep the raw names.  Sentences
 * aim at text_soft_max (140) characters: when the full sentence is longer,
 * a shorter variant is used (a segment finding with "median" for "median
 * lifetime", then without the medians; a driver without the interval,
 * which test_text keeps, and a reversed one with "among otherwise alike
 * customers" and the rates without the outcome); names can still make
 * it longer.  Numbers: p-values as fmtnum_p_says (fmtnum.h), ratios as
 * findings_format_ratio;
 * percentages with one decimal below 10% and none from 10% (retention with
 * one decimal always, so that 99.6% does not read 100%); churn rates with
 * one decimal (up to three while both would read alike).
 *
 * Plain words (docs/findings.md): besides `text` (the statistical
 * sentence above), each finding has `plain`, the sentence the report
 * prints, with the observed rates and shares first (a segment: the share
 * of each level's customers who left, churned / customers over the data's
 * window, and the faster level's share of all who left; a driver: the
 * plain churn rates of its two groups, the group that churns more first,
 * then the adjusted ratio turned the same way; a reversed driver keeps its
 * sentence), and `footnote`, its test ("log-rank test, p < 0.001").  With
 * a table, `customers` and `mrr` are what the finding concerns: the active
 * customers of the group that churns more and their value.
 *
 * Ownership: findings_build returns a new result owning every string;
 * free it with findings_free (NULL is fine).  Inputs are borrowed for the
 * call only.
 */
#ifndef CHURNKIT_FINDINGS_H
#define CHURNKIT_FINDINGS_H

#include <stddef.h>

#include "churnkit/cox.h"
#include "churnkit/design.h"
#include "churnkit/err.h"
#include "churnkit/findings_reasons.h"
#include "churnkit/kpi.h"
#include "churnkit/labels.h"
#include "churnkit/logit.h"
#include "churnkit/surv_analysis.h"
#include "churnkit/table.h"

#define FINDINGS_MAX 5                /* findings kept */
#define FINDINGS_MAX_DRIVERS 2        /* drivers kept when ranked by strength */
#define FINDINGS_EARLY_EXCESS 1.5     /* early share / time share to state it */
#define FINDINGS_EARLY_MIN_EVENTS 10  /* churn events needed for the early share */
#define FINDINGS_TEXT_SOFT_MAX 140    /* characters a sentence aims at */

typedef enum {
	FINDING_SEGMENT = 0, /* survival differs between two levels of a --by column */
	FINDING_DRIVER,      /* a model term */
	FINDING_PERIOD,      /* logo churn rate against the previous period */
	FINDING_EARLY,       /* share of churn early in tenure */
	FINDING_REVENUE,     /* revenue retention */
	FINDING_REASON       /* a churn reason grew against the previous period */
} finding_kind;

/* Which customers of the subject column a finding concerns. */
typedef enum {
	FINDING_GROUP_NONE = 0, /* no column: the period's churned customers
	                           (period, revenue) or nothing (early) */
	FINDING_GROUP_LEVEL,    /* the column's value is `level` */
	FINDING_GROUP_MISSING,  /* the column has no value */
	FINDING_GROUP_FLAG,     /* a 0/1 column's value is 1 */
	FINDING_GROUP_ATLEAST,  /* a number at or above `cut` */
	FINDING_GROUP_ATMOST,   /* a number at or below `cut` */
	FINDING_GROUP_NOFLAG,   /* a 0/1 column's value is 0 */
	FINDING_GROUP_PRESENT   /* the column has a value */
} finding_group;

typedef struct {
	finding_kind kind;
	int significant;   /* 1: backed by a test with p < alpha */
	char *text;        /* the sentence (no final period), test in parentheses */
	double number;     /* the headline number: segment O/E ratio (>= 1, may be
	                      +Inf), driver OR or HR of its two groups (upper
	                      against lower quartile for numbers), period
	                      current churn rate, early share,
	                      NRR (GRR with constant values); fractions, not % */
	char *test_text;   /* "log-rank p < 0.001"; "" when nothing is tested */
	double p;          /* the p the claim rests on (adjusted for pairs);
	                      NaN when untested */
	double strength;   /* ranking key, see Ranking above */
	char *subject;     /* the column concerned (segment, driver), else NULL */
	/* Drivers: the two groups compared, the one named first (the level,
	 * "with", the upper quartile) then the other (the reference, "without",
	 * the lower quartile); NaN for other kinds. */
	double rate[2];      /* plain churn rates on the model's sample */
	double predicted[2]; /* predicted churn of a typical customer (logistic;
	                        NaN for Cox) */
	int reversed;        /* 1: the model's (adjusted) direction is the opposite
	                        of the plain rates', and the sentence says both */

	/* For executives (docs/findings.md, "Plain words"): the sentence with
	 * the observed rates and shares first and no test, the test for a
	 * footnote, and what the finding concerns. */
	char *plain;         /* "42.7% of customers with contract = monthly left,
	                        against 2.8% with contract = two-year; 89% of
	                        those who left had contract = monthly" */
	char *footnote;      /* "log-rank test, BH-adjusted p < 0.001"; "" when
	                        nothing is tested */
	double customers;    /* active customers concerned (findings_concern);
	                        NaN when not known */
	double mrr;          /* their MRR; NaN without a value column */
	/* The group concerned, a column's (subject's) customers: */
	finding_group group;
	char *level;         /* FINDING_GROUP_LEVEL: the level's name, else NULL */
	double cut;          /* FINDING_GROUP_ATLEAST: the least value (the upper
	                        quartile, on the column's own scale) */
	/* The group it is compared with (the slower level, the reference,
	 * "without", the lower quartile: FINDING_GROUP_ATMOST), alike. */
	finding_group group_b;
	char *level_b;
	double cut_b;
	double lowest;       /* a number's least value on the model's sample: a
	                        lower quartile equal to it reads "at 0" or "with
	                        no ..." (docs/findings.md); NaN otherwise */
	int involuntary;     /* FINDING_REASON: 1 when its reason is involuntary */
} finding;

/* An action answering a finding (findings_actions.c; docs/domain.md,
 * "Actions from the findings"). */
typedef struct {
	size_t finding;      /* the finding it answers (index into findings.item) */
	int kind;            /* its driver kind (segment_driver, recommend.h) */
	char *text;          /* "Offer annual terms to customers with contract =
	                        monthly" */
	const char *team;    /* the owner: "Customer success", "Marketing",
	                        "Finance", "Product" (static) */
	const char *phrase;  /* text's start, what is done: "Fast service
	                        recovery for " (static) */
	int finding_group;   /* 1 when it targets the active customers the
	                        finding concerns (no tenure cut, the same
	                        count): "for these customers" says it */
	double customers;    /* active customers it targets */
	double mrr;          /* their MRR; NaN without values */
	double expected_loss;/* their expected MRR loss within the horizon (sum
	                        p x value over the scored ones); NaN without */
	double mrr_saved;    /* expected_loss x offer_effect; NaN without */
	double unscored;     /* targets with no churn probability (beyond the
	                        data: docs/proportional-hazards.md), in
	                        `customers` and `mrr` but not in expected_loss;
	                        0 when all are scored, NaN unknown */
	/* The involuntary-churn action (findings_reasons.h): `customers` and
	 * `mrr` are those who left for an involuntary reason in the reporting
	 * period, mrr_saved their MRR x offer_effect (a period's worth), and
	 * `finding` is FINDINGS_NO_FINDING unless an involuntary reason's
	 * finding is kept.  0 and NaN for the other actions. */
	int involuntary;
	double churn_share;  /* their share of the period's churned customers */
} finding_action;

/* finding_action.finding of an action that answers no kept finding. */
#define FINDINGS_NO_FINDING ((size_t)-1)

typedef struct {
	size_t n;          /* findings kept, ranked */
	finding *item;     /* [n] */
	size_t candidates; /* findings before the cut to max_findings */
	/* The actions answering them (findings_actions; none until it runs),
	 * largest MRR saved first (customers without values). */
	size_t nactions;
	finding_action *action;
	double offer_effect;   /* the assumption of mrr_saved; NaN before */
	double horizon_months; /* the horizon of the expected losses */
	/* The involuntary-churn action findings_actions adds (has_reason_action
	 * 1: involuntary churn was a notable share of the reporting period's,
	 * findings_reasons.h), its counts and the period's label. */
	int has_reason_action;
	double reason_action_customers, reason_action_mrr, reason_action_share;
	char reason_period[16];
} findings;

typedef struct {
	/* Survival: the analysis, and its time unit. */
	const surv_analysis *surv;
	int time_in_days;        /* 1: times are days (shown in months) */
	const char *time_unit;   /* otherwise the unit's name ("weeks"), or NULL */

	/* Period KPIs: the reporting period against the one before. */
	const kpi_result *kpi;

	/* Logistic model: the fit, its design (names, reference levels and the
	 * columns for the group counts), the frequency weights of the design's
	 * rows (design_take order; NULL = 1 each) and the outcome as a noun
	 * phrase following "the odds of" ("churn within 12 months"; NULL =
	 * "churn"). */
	const logit_result *logit;
	const design *logit_design;
	const double *logit_weights;
	const char *outcome;
	/* The 0/1 outcome of the design's rows (design_take order), the one the
	 * model was fitted to; without it no driver is stated, since the plain
	 * churn rates cannot be checked. */
	const double *logit_y;

	/* Cox model, used only when no logistic model is given; cox_event is
	 * the 0/1 churn event of its design's rows (NULL: no driver). */
	const cox_result *cox;
	const design *cox_design;
	const double *cox_weights;
	const double *cox_event;

	/* What the findings concern (findings_concern, docs/findings.md): the
	 * table, each row's value (MRR; NULL: none) and whether it is an
	 * active customer (NULL: none known).  With a table the findings are
	 * ranked by the MRR they concern (by customers without a value);
	 * without one (NULL), by strength as above.  weight: each row's
	 * frequency weight (--weight; NULL: 1), a row counting as that many
	 * customers with that many times its value (0: nobody). */
	const table *table;
	const double *value;
	const unsigned char *active;
	const double *weight;

	/* The names the report gives columns and levels (labels.h; NULL: the
	 * raw names): every column and level a sentence names goes through
	 * them (findings_col_name, findings_level_name). */
	const labelmap *labels;

	/* Churn reasons (findings_reasons.h; NULL: none): the reasons that grew
	 * significantly become FINDING_REASON findings, and a notable share of
	 * involuntary churn the involuntary-churn action (docs/findings.md,
	 * "Churn reasons"). */
	const reasons_breakdown *reasons;
} findings_input;

typedef struct {
	double alpha;            /* 0.05 */
	double min_n;            /* 30 */
	size_t max_findings;     /* FINDINGS_MAX */
	size_t max_drivers;      /* FINDINGS_MAX_DRIVERS */
	double early_excess;     /* FINDINGS_EARLY_EXCESS */
	double early_min_events; /* FINDINGS_EARLY_MIN_EVENTS */
	size_t text_soft_max;    /* FINDINGS_TEXT_SOFT_MAX */
} findings_opts;

void findings_opts_init(findings_opts *o);

/* Builds the ranked findings.  `in` must be given (its members may be
 * NULL); `opts` NULL = the defaults.  Returns CHURN_OK and a new result
 * in *out (possibly with no finding), or CHURN_EUSAGE for an alpha not in
 * (0, 1), a negative or NaN min_n, max_findings 0, a model without its
 * design or with a design of another width; CHURN_ENOMEM. */
churn_status findings_build(const findings_input *in, const findings_opts *opts,
                            findings **out, churn_err *err);

void findings_free(findings *f);

/* The name of column col, and of its level lvl, as a sentence prints
 * them: the label m gives it (labels.h), else the raw name (m NULL: the
 * raw names). */
const char *findings_col_name(const labelmap *m, const char *col);
const char *findings_level_name(const labelmap *m, const char *col, const char *lvl);

/* A ratio for "3.1x": one decimal from 1.05 ("3.1"), two below ("1.04",
 * "0.38"), none from 100.  "Inf" for +Inf, "NA" for NaN.  Returns buf. */
char *findings_format_ratio(double x, char *buf, size_t n);

#endif

/*
 * findings_compare.h - the numbers behind a driver finding (private to
 * src/findings; defined in findings_compare.c): one model seen alike
 * whether logistic or Cox, the two groups of customers a driver compares,
 * their plain and predicted churn, and the wording of their percentages
 * and values.  findings_drivers.c chooses and words the drivers from them.
 */
#ifndef CHURNKIT_FINDINGS_COMPARE_H
#define CHURNKIT_FINDINGS_COMPARE_H

#include <stddef.h>

#include "churnkit/findings.h"
#include "churnkit/strbuf.h"

/* A value of a user's column for a sentence ("89.51", "3", "1250"): at
 * most two decimals below 1000, trailing zeros dropped; whole numbers from
 * 1000; two significant digits below 1.  Writes into buf; returns it. */
const char *findings_value(char *buf, size_t n, double x);

/* One model's numbers, logistic or Cox, seen alike.  y is the outcome of
 * each design row (logistic) or its churn event (Cox), w the weights (NULL:
 * 1 each); rows of weight <= 0 take no part.  lp is the linear predictor
 * x'b of each design row (logistic; aliased columns count 0), NULL for
 * Cox. */
typedef struct {
	int cox;
	const design *d;
	const double *w, *y, *lp;
	const double *coef, *pval, *ratio, *lower, *upper;
	double conf_level;
	int firth;
	const int *aliased, *skip1;
} model_view;

/* How a driver's two groups are named (include/churnkit/findings.h). */
typedef enum {
	COMPARE_LEVEL,   /* a categorical level against the reference level */
	COMPARE_MISSING, /* no value (an indicator, or the "(missing)" level) */
	COMPARE_YESNO,   /* a 0/1 column, or two levels that read yes and no */
	COMPARE_NUMBER   /* the upper quartile of a number against its lower */
} compare_kind;

/* A driver's comparison of two groups of customers: a (the level, "yes",
 * the upper quartile) against b (the reference, "no", the lower quartile).
 * Every number is a's first. */
typedef struct {
	compare_kind kind;
	size_t term;         /* the design term */
	int two_levels;      /* COMPARE_LEVEL: the term has exactly two levels */
	int flipped;         /* COMPARE_YESNO of a dummy for the "no" level: a is
	                        the reference ("yes"), b the dummy's level */
	const char *level_a; /* COMPARE_LEVEL/MISSING: a's level name (NULL: missing) */
	const char *level_b; /* b's level: the reference (NULL: "with a value") */
	double n[2];         /* weighted customers in the fit's rows */
	double rate[2];      /* plain churn rates: weighted mean of y in each group */
	double pred[2];      /* predicted churn of each group (logistic; NaN for
	                        Cox and until findings_predict) */
	double value[2];     /* COMPARE_NUMBER: upper and lower quartile (type 7),
	                        on the column's own scale; NaN otherwise */
	double lowest;       /* COMPARE_NUMBER: the least value, alike */
	double log_ratio;    /* adjusted log OR (HR) of a against b */
	double log_lo, log_hi; /* its confidence interval */
	int reversed;        /* rate and log_ratio point opposite ways */
} driver_compare;

/* Fills c for column j of the model (a dummy, a missing indicator or a
 * numeric column; see findings.h for the groups): everything but the
 * predictions (findings_predict).
 * Returns 0 when the comparison is defined, 1 when it is not (an empty
 * group, quartiles that coincide), -1 when out of memory. */
int findings_compare(const model_view *m, size_t j, driver_compare *c);

/* Fills c[q]->pred for column j[q], q < n, after findings_compare (NaN
 * for Cox or without m->lp): one pass over the rows for them all, so it
 * is run only for the findings stated. */
void findings_predict(const model_view *m, const size_t *j, driver_compare *const *c, size_t n);

/* "customers with contract = monthly", "customers without onboarded",
 * "customers with logins at 3 or less": group g of column `column`
 * (level, cut as in finding), names through findings_col_name and
 * findings_level_name with the labels m (NULL: the raw names).  A lower
 * group whose cut is the column's least value `lowest` (NaN: unknown) has
 * no "or less": "customers with logins at 1", and at 0 "customers with no
 * logins". */
void findings_group_words(strbuf *b, const labelmap *m, const char *column, finding_group g,
                          const char *level, double cut, double lowest);

#endif

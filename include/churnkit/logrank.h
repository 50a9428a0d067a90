/*
 * logrank.h - comparing survival curves: the log-rank test and the
 * Peto-Peto (rho = 1) test as R's survdiff (survival 3.5-3, survdiff2.c),
 * and pairwise tests with Benjamini-Hochberg adjusted p-values.
 *
 * At each distinct time t with D > 0 weighted events among the compared
 * levels, with n_g at risk in level g (entry < t <= time), N = sum n_g and
 * d_g events in level g, and the weight w = S(t-)^rho from the left-
 * continuous Kaplan-Meier of the pooled levels:
 *   observed_g += w d_g,   expected_g += w D n_g / N,
 *   V_gh       += w^2 D (N - D) / (N (N - 1)) n_g (delta_gh - n_h / N)  (N > 1).
 * chisq = z' V^-1 z over the levels with expected > 0, less the first of
 * them (z = observed - expected); df = their number - 1; p = P(chi2_df >
 * chisq).  With rho != 0 the observed and expected counts are the weighted
 * ones, as survdiff prints.
 *
 * Degenerate cases are "not tested" rather than given survdiff's numbers
 * (chisq 0 on -1 df with p NA when nobody churned; chisq 0 on 0 df, p 1 when
 * one level alone is at risk at the churn times; an error from solve() when
 * V is singular, e.g. when every customer churned on day 0): chisq, p and
 * log_p are NaN, df is 0 and `note` says why, in words a report can quote
 * ("no churn in any group").  Observed and expected are still filled in.
 *
 * Levels with no customers (zero total weight) are dropped, as R drops
 * unused factor levels.  Frequency weights count as replicated rows (R's
 * survdiff has no weights; the fixtures replicate rows).  Delayed entry
 * (which survdiff refuses) uses the risk sets above; with rho = 0 that is
 * the score test of coxph(Surv(entry, time, event) ~ group, ties = "exact").
 *
 * Ownership: each function returns a new result, freed by its _free, which
 * accepts NULL.
 */
#ifndef CHURNKIT_LOGRANK_H
#define CHURNKIT_LOGRANK_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"
#include "churnkit/surv.h"

typedef struct {
	double rho;
	uint32_t k;           /* levels compared */
	uint32_t *level;      /* [k] their codes, increasing */
	double *n;            /* [k] weighted customers */
	double *observed;     /* [k] */
	double *expected;     /* [k] */
	double *var;          /* [k * k] row-major variance of observed - expected */
	double chisq;
	int df;
	double p;             /* may underflow to 0 */
	double log_p;         /* natural log of p, finite when p underflows */
	int singular;         /* 1 when V could not be inverted: chisq, p NaN */
	const char *note;     /* NULL when tested; else why not (a static
	                         string); then chisq, p, log_p NaN and df 0 */
} logrank_result;

/* Tests all levels of `g` that have customers.  rho >= 0 (0 = log-rank,
 * 1 = Peto-Peto).  Errors: CHURN_EUSAGE for a negative or non-finite rho;
 * CHURN_EDATA when fewer than two levels have customers; CHURN_ENOMEM. */
churn_status logrank_test(const surv_groups *g, double rho, logrank_result **out,
                          churn_err *err);

/* The same on the listed levels only (distinct codes, increasing). */
churn_status logrank_test_levels(const surv_groups *g, const uint32_t *levels,
                                 uint32_t k, double rho, logrank_result **out,
                                 churn_err *err);
void logrank_result_free(logrank_result *r);

typedef struct {
	uint32_t a, b;        /* level codes, a < b */
	double chisq;
	int df;
	double p, log_p;
	double p_adjusted;    /* Benjamini-Hochberg over the pairs tested */
	double observed[2];   /* of a and b in this pair's own test */
	double expected[2];
	const char *note;     /* as logrank_result's: NULL when tested */
} logrank_pair;

typedef struct {
	double rho;
	size_t npairs;
	logrank_pair *pair;   /* [npairs] in order (0,1), (0,2), ..., (1,2), ... */
} logrank_pairs;

/* Every pair of levels with customers, each tested on its own rows, then
 * p.adjust(p, "BH").  Errors as logrank_test. */
churn_status logrank_pairwise(const surv_groups *g, double rho,
                              logrank_pairs **out, churn_err *err);
void logrank_pairs_free(logrank_pairs *pp);

/* The number of pairs tested (those without a note, whose p is not NaN):
 * the n of the Benjamini-Hochberg adjustment, as R's p.adjust counts the
 * p-values that are not NA.  0 for NULL. */
size_t logrank_pairs_tested(const logrank_pairs *pp);

/* R's p.adjust(p, method = "BH"): NaN entries stay NaN and are not counted.
 * `out` may equal `p`.  Returns CHURN_ENOMEM or CHURN_OK. */
churn_status logrank_bh_adjust(const double *p, size_t n, double *out,
                               churn_err *err);

/* log P(chi2_df > x), accurate where the probability underflows
 * (pchisq(x, df, lower.tail = FALSE, log.p = TRUE)). */
double logrank_chisq_log_q(double x, double df);

#endif

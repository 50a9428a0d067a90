/*
 * gray.h - Gray's test comparing the cumulative incidence of each churn
 * reason (cause) between groups, as cmprsk::cuminc(ftime, fstatus, group,
 * strata, rho)$Tests (cmprsk 2.2-11/2.2-12, the Fortran routine crstm).
 *
 * Gray (1988), "A class of K-sample tests for comparing the cumulative
 * incidence of a competing risk", Ann. Statist. 16:1141-1154.  For a cause c
 * and groups g = 1..k, at each distinct time t with churn, the score of
 * group g adds
 *   w(t) [ d_gc - D_c R_g (1 - F_g(t-)) / (S_g(t-) Q) ],
 *   Q = sum_h R_h (1 - F_h(t-)) / S_h(t-),   w(t) = (1 - F(t-))^rho,
 * where R_g is group g's number at risk, S_g its left-continuous Kaplan-Meier
 * (any churn), F_g its cumulative incidence of c, d_gc its churn from c,
 * D_c = sum_g d_gc, and F the pooled estimate F(t) = F(t-) + D_c / sum_h
 * R_h / S_h(t-): the scores use the subdistribution risk sets R_g (1 - F_g)
 * / S_g, which keep those who churned from another reason.  The variance of
 * the first k - 1 scores is Gray's estimator, ported step by step from
 * crstm (its terms for churn from c and from the other reasons, with the
 * tie corrections 1 - (D - 1)/(n - 1)).  With strata the scores and
 * variances of each stratum are summed.  The statistic is score' var^-1
 * score with df = k - 1, k counting every group level that has at least one
 * customer compared (also one with no churn, or nobody left at risk), as
 * cuminc drops only the levels without rows; p = P(chi2_df > stat).
 * docs/method.md, "Gray's test".
 *
 * Where we differ from cuminc, and why:
 * - Times: cmprsk ties only times that are exactly equal.  Here, with
 *   opts.timefix (the default, as every churnkit estimator), times are first
 *   merged as survival's aeqSurv does (surv.h), as survfit does for the
 *   cumulative incidence curves the test goes with; the merging is done over
 *   the rows compared (group and stratum not missing), as R drops NA rows
 *   first.  timefix = 0 reproduces cuminc on the times as given.  Times that
 *   differ by 1e-10 relative can change the statistic (test_gray.c, "near").
 * - Degenerate cases are "not tested", as logrank.h: stat, p and log_p NaN,
 *   df 0 and `note` says why in words a report can quote.  cuminc instead
 *   leaves out a cause nobody churned from, has no Tests at all with one
 *   group, and prints stat -1, p 1 (and df k - 1) when qr() finds the
 *   variance singular (rank below k - 1 at tolerance 1e-7, R's dqrdc2, which
 *   this module reproduces), e.g. when a group has nobody at risk when the
 *   cause churns.
 * - p: cuminc prints 1 - pchisq(stat, df), which is 0 below about 1e-16;
 *   p here is the upper tail itself and log_p its logarithm (finite when p
 *   underflows), as pchisq(stat, df, lower.tail = FALSE, log.p = TRUE).
 * - Codes: cuminc's group and strata are factors; here they are codes, the
 *   levels taken in increasing code order (the statistic does not depend on
 *   the order).  A stratum without rows adds nothing (crstm is not written
 *   for one: its loop over a stratum's times reads one row even when there
 *   is none).
 * - crstm 2.2-12 skips a term a(i,j) nd / (tr (1 - F)) when a(i,j) is 0,
 *   which 2.2-11 computed as 0/0 = NaN when the pooled incidence F reached
 *   1; this port follows 2.2-12 (the fixtures, made with 2.2-11, agree
 *   wherever 2.2-11 gives a number).
 * - Weights and delayed entry: cuminc has neither; gray_test refuses both
 *   (CHURN_EUSAGE) rather than approximate them.
 * - Counts are doubles: crstm multiplies two integer counts (overflows past
 *   2^31, e.g. 50,000 tied churns among 50,000 at risk); here no overflow.
 *
 * Cost: one sort (surv.h) and O(ncause n k^2) for k groups.
 *
 * Ownership: gray_test copies what it needs from the caller's arrays and
 * returns a new result, freed by gray_result_free, which accepts NULL.
 */
#ifndef CHURNKIT_GRAY_H
#define CHURNKIT_GRAY_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"
#include "churnkit/surv.h"

/* One entry per customer. */
typedef struct {
	size_t n;
	const double *time;     /* [n] >= 0, time of churn or of censoring */
	const uint32_t *cause;  /* [n] 0 = censored (still active), 1..ncause =
	                           the reason the customer churned for */
	uint32_t ncause;        /* >= 1 */
	const uint32_t *group;  /* [n] 0..ngroup-1, or SURV_GROUP_NA: left out */
	uint32_t ngroup;        /* >= 1 */
	const uint32_t *strata; /* [n] 0..nstrata-1, or SURV_GROUP_NA: left out;
	                           NULL = one stratum (then nstrata is ignored) */
	uint32_t nstrata;
	const double *weight;   /* must be NULL: weights are refused */
	const double *entry;    /* must be NULL: delayed entry is refused */
} gray_data;

typedef struct {
	double rho;   /* power of the weight (1 - F(t-))^rho, any finite value
	                 as cmprsk's rho; default 0 */
	int timefix;  /* 1: merge near-equal times (surv.h); 0: as given as
	                 cmprsk does; default 1 */
} gray_opts;

/* Sets the defaults: rho 0, timefix 1. */
void gray_opts_init(gray_opts *o);

/* Gray's test for one cause. */
typedef struct {
	uint32_t cause;       /* the code, 1..ncause */
	size_t events;        /* compared customers who churned from it */
	double stat;          /* chi-square; NaN when not tested */
	int df;               /* k - 1; 0 when not tested */
	double p;             /* upper tail; may underflow to 0; NaN */
	double log_p;         /* natural log of p, finite when p underflows */
	double *score;        /* [k - 1] scores of levels level[0..k-2] (crstm's
	                         s), NULL when k < 2 or nobody churned from it */
	double *var;          /* [(k - 1)^2] their variance, row-major (crstm's
	                         vs), NULL with score */
	const char *note;     /* NULL when tested; else why not (a static
	                         string); then stat, p, log_p NaN and df 0 */
} gray_cause;

typedef struct {
	double rho;
	int timefix;
	size_t n;             /* customers compared (group, stratum not missing) */
	uint32_t k;           /* group levels with customers compared */
	uint32_t *level;      /* [k] their codes, increasing */
	size_t *rows;         /* [k] their customers */
	uint32_t nstrata;     /* strata with customers compared (1 without a
	                         strata column, 0 when nobody is compared) */
	uint32_t ncause;
	gray_cause *cause;    /* [ncause]: cause[c - 1] is reason code c */
} gray_result;

/* Tests each cause 1..ncause between the group levels of `d`.  `opts` NULL
 * takes the defaults.
 * Errors: CHURN_EUSAGE for a NULL argument, ncause or ngroup 0, nstrata 0
 * with a strata column, rho not finite, and when d->weight or d->entry is
 * given ("Gray's test does not support weights" / "delayed entry", as
 * cmprsk::cuminc); CHURN_EDATA for more than UINT32_MAX rows, a cause
 * above ncause, a group or stratum code out of range that is not
 * SURV_GROUP_NA, or a compared time that is negative or not finite (the
 * message names the 1-based record);
 * CHURN_ENOMEM.  No customer compared is not an error: every cause gets a
 * note.  On success *out is new; free with gray_result_free. */
churn_status gray_test(const gray_data *d, const gray_opts *opts, gray_result **out,
                       churn_err *err);
void gray_result_free(gray_result *r);

#endif

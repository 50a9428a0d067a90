/*
 * termtest.h - the Wald test of a model term as a whole.
 *
 * A categorical term of L levels has L - 1 dummies, each measured against
 * the reference level; the smallest of their p-values is no test of the
 * term (the more levels, the likelier one of them is small by chance, and
 * the reference is only the first level in sorted order).  The term's own
 * test asks whether any level differs: over the term's estimable columns S
 * (not aliased), with b_S their estimates and V_SS their block of the
 * covariance the fit reports,
 *     chisq = b_S' V_SS^-1 b_S,  df = |S|,  p = P(chi-square(df) > chisq),
 * as R computes it with
 *     b <- coef(fit)[idx]; V <- vcov(fit)[idx, idx]
 *     drop(t(b) %*% solve(V, b)); pchisq(chisq, df, lower.tail = FALSE)
 * (for a glm, the same as car::Anova(fit, test = "Wald")).  V is whichever
 * covariance the fit has: model-based, the HC0 sandwich of a robust fit
 * (logit.h; R's sandwich::vcovHC(fit, type = "HC0")), Firth's, or Cox's.
 * A term of one column gets z^2 on 1 df, its Wald row's test.
 *
 * The module reads a fit; it allocates only the term's block for the call.
 */
#ifndef CHURNKIT_TERMTEST_H
#define CHURNKIT_TERMTEST_H

#include <stddef.h>

#include "churnkit/coeftab.h"
#include "churnkit/design.h"
#include "churnkit/err.h"

typedef struct {
	double chisq;   /* NaN when df is 0 or V_SS is not positive definite */
	size_t df;      /* the term's estimable columns */
	double p;       /* NaN with chisq */
} term_test;

/* The test of term k of design d, from the fit's table t (one row per
 * column of d) and its covariance cov (t->p x t->p, row-major).  Aliased
 * columns are left out; a non-finite estimate or variance among the others,
 * or cov NULL (a result that carries none), gives NaN.  Returns CHURN_OK (the result in *out) or CHURN_ENOMEM. */
churn_status term_test_wald(const design *d, size_t k, const coeftab *t, const double *cov,
                            term_test *out, churn_err *err);

/* 1 when term k of d has more than one column: its test differs from the
 * Wald row of a coefficient and is reported apart. */
int term_test_joint(const design *d, size_t k);

#endif

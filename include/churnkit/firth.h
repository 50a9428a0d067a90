/*
 * firth.h - Firth's penalised-likelihood logistic regression (Firth 1993,
 * Biometrika 80:27-38; Heinze and Schemper 2002, Stat Med 21:2409-2419).
 *
 * Estimator: the maximiser of l(b) + log det I(b) / 2, where l is the
 * (frequency-weighted) binomial log-likelihood and I(b) = X'WX,
 * W = w p (1 - p).  It exists under separation, where the ordinary MLE does
 * not.  Newton-Raphson on the modified score
 *     U*(b) = X'(w (y - p) + h (1/2 - p)),   h = diag(W^1/2 X I^-1 X' W^1/2),
 * with the step J(b)^-1 U*(b), J = X' diag(p (1 - p) (w + h)) X (the
 * derivative of -U* with h held fixed; logistf's I(b)^-1 U*(b) contracts
 * only by max h per step and cycles forever when h = 1): a step is capped at
 * FIRTH_MAX_STEP in its largest coordinate and halved (at most
 * FIRTH_MAX_HALVING times) while the penalised log-likelihood falls.
 * Converged when the largest step (in the fit's centred and scaled
 * coordinates) is below FIRTH_XTOL; at most FIRTH_MAXIT iterations.
 * Standard errors from I(b)^-1 at the estimate (Wald, as brglm2 reports;
 * logistf's default intervals are profile-likelihood ones instead).  The
 * deviance reported is -2 l(b) at the penalised estimate.
 *
 * The result is a logit_result (logit.h) with firth = 1; ownership as there.
 */
#ifndef CHURNKIT_FIRTH_H
#define CHURNKIT_FIRTH_H

#include "churnkit/logit.h"

#define FIRTH_MAXIT 100
#define FIRTH_XTOL 1e-10
#define FIRTH_MAX_STEP 5.0
#define FIRTH_MAX_HALVING 25

/* Fits Firth's model to `data` (as logit_fit; opts->conf_level is used).
 * Returns CHURN_OK and a new result in *out (converged = 0 when the
 * iteration limit was hit), CHURN_EDATA / CHURN_EMODEL / CHURN_ENOMEM as
 * logit_fit. */
churn_status firth_fit(const logit_data *data, const logit_opts *opts, logit_result **out,
                       churn_err *err);

#endif

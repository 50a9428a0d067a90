/*
 * logit_internal.h - the scaled coordinates shared by logit.c and firth.c.
 *
 * Both fits work on the kept (non-aliased) columns, centred and scaled to
 * unit standard deviation (not centred when there is no intercept), which
 * keeps X'WX well conditioned.  A coefficient vector bs in these
 * coordinates maps back to the original ones by b = T bs with
 * b_j = bs_j / s_j and b_0 = bs_0 - sum_j bs_j m_j / s_j; a covariance C
 * maps to T C T'.  logit_space owns its arrays; it borrows the data.
 */
#ifndef CHURNKIT_MODEL_LOGIT_INTERNAL_H
#define CHURNKIT_MODEL_LOGIT_INTERNAL_H

#include "churnkit/logit.h"
#include "model/colscan.h"

typedef struct {
	const logit_data *data;
	size_t p, q;        /* all columns, kept columns */
	size_t *keep;       /* q column indices */
	double *m, *s;      /* q: centre and scale of each kept column */
	double *is;         /* q: 1 / s */
	size_t n;           /* rows to visit */
	colscan cs;
	double events;      /* sum of w y over the rows */
} logit_space;

/* Scans the data (aliasing, means, scales) and validates y and w.
 * Clear with logit_space_clear. */
churn_status logit_space_init(const logit_data *d, logit_space *sp, churn_err *err);
void logit_space_clear(logit_space *sp);

/* The scaled kept values of data row i into xs (q values). */
static inline void logit_space_row(const logit_space *sp, size_t i, double *xs)
{
	const double *x = gsl_matrix_const_ptr(sp->data->X, i, 0);
	for (size_t j = 0; j < sp->q; j++)
		xs[j] = (x[sp->keep[j]] - sp->m[j]) * sp->is[j];
}

#define LOGIT_LINK_THRESH 30.0

/* glm's logit inverse link and its derivative, with its clamping at |eta| > 30. */
double logit_linkinv(double eta);
double logit_mu_eta(double eta);

/* Allocates a result of p coefficients (all NaN, aliased from the space). */
logit_result *logit_result_new(const logit_space *sp, double conf_level);

/* Fills coef, se, z, p, odds ratios and cov of r from the scaled
 * coefficients bs (q) and the scaled information matrix's Cholesky factor
 * L (q x q, lower, as gsl_linalg_cholesky_decomp1 leaves it).  Returns
 * CHURN_EMODEL when the inverse cannot be formed. */
churn_status logit_space_finish(const logit_space *sp, const double *bs, const gsl_matrix *L,
                                logit_result *r, churn_err *err);

/* Deviance, null deviance and AIC of r from its final deviance. */
void logit_set_deviance(const logit_space *sp, double dev, logit_result *r);

#endif

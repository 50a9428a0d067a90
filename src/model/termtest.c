/* termtest.c - the Wald test of a model term as a whole; see
 * include/churnkit/termtest.h. */
#include "churnkit/termtest.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

int term_test_joint(const design *d, size_t k)
{
	return k < d->nterms && d->terms[k].ncols > 1;
}

churn_status term_test_wald(const design *d, size_t k, const coeftab *t, const double *cov,
                            term_test *out, churn_err *err)
{
	const design_term *term = &d->terms[k];
	size_t p = t->p, m = 0, *idx = NULL;
	gsl_matrix *V = NULL;
	gsl_vector *b = NULL, *x = NULL;
	churn_status st = CHURN_OK;

	*out = (term_test){.chisq = NAN, .df = 0, .p = NAN};
	for (size_t j = term->first_col; j < term->first_col + term->ncols; j++)
		m += !t->aliased[j];
	out->df = m;
	if (m == 0 || cov == NULL)
		return CHURN_OK;
	idx = malloc(m * sizeof *idx);
	V = gsl_matrix_alloc(m, m);
	b = gsl_vector_alloc(m);
	x = gsl_vector_alloc(m);
	if (idx == NULL || V == NULL || b == NULL || x == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for the test of term %s",
		                   term->name);
		goto done;
	}
	m = 0;
	for (size_t j = term->first_col; j < term->first_col + term->ncols; j++)
		if (!t->aliased[j])
			idx[m++] = j;
	for (size_t u = 0; u < m; u++) {
		double bu = t->coef[idx[u]];
		if (!isfinite(bu))
			goto done;
		gsl_vector_set(b, u, bu);
		for (size_t v = 0; v < m; v++) {
			double c = cov[idx[u] * p + idx[v]];
			if (!isfinite(c))
				goto done;
			gsl_matrix_set(V, u, v, c);
		}
	}
	/* V_SS is a covariance: Cholesky, or no test when it is not positive
	 * definite (a direction of no variance). */
	if (gsl_linalg_cholesky_decomp1(V) != GSL_SUCCESS ||
	    gsl_linalg_cholesky_solve(V, b, x) != GSL_SUCCESS)
		goto done;
	double q = 0;
	gsl_blas_ddot(b, x, &q);
	if (isfinite(q)) {
		out->chisq = q;
		out->p = gsl_cdf_chisq_Q(q, (double)m);
	}
done:
	free(idx);
	gsl_matrix_free(V);
	gsl_vector_free(b);
	gsl_vector_free(x);
	return st;
}

/* firth.c - Firth's penalised-likelihood logistic regression; see
 * include/churnkit/firth.h. */
#include "churnkit/firth.h"
#include "model/logit_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

/* log p and log(1 - p) of p = 1 / (1 + exp(-eta)), without cancellation. */
static double log_p(double eta)
{
	return eta > 0 ? -log1p(exp(-eta)) : eta - log1p(exp(eta));
}

/* Evaluates the penalised log-likelihood at b: builds I(b) into G and
 * factors it.  Returns NaN when I(b) is not positive definite; *loglik
 * gets l(b). */
static double penalised(const logit_space *sp, const double *b, gsl_matrix *G, double *xs,
                        double *loglik)
{
	const logit_data *d = sp->data;
	size_t q = sp->q;
	double l = 0;
	gsl_matrix_set_zero(G);
	for (size_t k = 0; k < sp->n; k++) {
		size_t i = colscan_row(d->rows, k);
		double wi = d->w != NULL ? d->w[i] : 1.0;
		if (!(wi > 0))
			continue;
		logit_space_row(sp, i, xs);
		double eta = 0;
		for (size_t j = 0; j < q; j++)
			eta += xs[j] * b[j];
		double mu = 1 / (1 + exp(-eta));
		l += wi * (d->y[i] == 1 ? log_p(eta) : log_p(-eta));
		colscan_gram_add(G->data, q, xs, wi * mu * (1 - mu));
	}
	colscan_gram_symm(G->data, q);
	*loglik = l;
	if (gsl_linalg_cholesky_decomp1(G) != GSL_SUCCESS)
		return NAN;
	double logdet = 0;
	for (size_t j = 0; j < q; j++)
		logdet += 2 * log(gsl_matrix_get(G, j, j));
	return l + logdet / 2;
}

/* The modified score U*(b) = X'(w (y - p) + h (1/2 - p)), with the
 * leverages h from the factor L of I(b) in G, and the matrix of the step
 * J = X' diag(p (1 - p) (w + h)) X into J (full, unfactored): minus the
 * derivative of U* with the leverages held fixed.  Stepping with I(b)
 * alone (J without h) undershoots the derivative by the h term: the
 * iteration then contracts only by a factor max h per step and never
 * when the model is saturated (h = 1, e.g. two rows and two columns),
 * where it flips between two points around the estimate. */
static void mod_score(const logit_space *sp, const double *b, const gsl_matrix *L, double *xs,
                      double *v, double *U, gsl_matrix *J)
{
	const logit_data *d = sp->data;
	size_t q = sp->q;
	memset(U, 0, q * sizeof *U);
	gsl_matrix_set_zero(J);
	for (size_t k = 0; k < sp->n; k++) {
		size_t i = colscan_row(d->rows, k);
		double wi = d->w != NULL ? d->w[i] : 1.0;
		if (!(wi > 0))
			continue;
		logit_space_row(sp, i, xs);
		double eta = 0;
		for (size_t j = 0; j < q; j++)
			eta += xs[j] * b[j];
		double mu = 1 / (1 + exp(-eta));
		/* h = W x' I^-1 x = W |L^-1 x|^2 */
		double h = 0;
		for (size_t j = 0; j < q; j++) {
			double s = xs[j];
			for (size_t m = 0; m < j; m++)
				s -= gsl_matrix_get(L, j, m) * v[m];
			v[j] = s / gsl_matrix_get(L, j, j);
			h += v[j] * v[j];
		}
		h *= wi * mu * (1 - mu);
		double a = wi * (d->y[i] - mu) + h * (0.5 - mu);
		for (size_t j = 0; j < q; j++)
			U[j] += a * xs[j];
		colscan_gram_add(J->data, q, xs, mu * (1 - mu) * (wi + h));
	}
	colscan_gram_symm(J->data, q);
}

churn_status firth_fit(const logit_data *data, const logit_opts *opts, logit_result **out,
                       churn_err *err)
{
	logit_opts def;
	logit_space sp;
	logit_result *res = NULL;
	churn_status st;
	gsl_matrix *G = NULL, *Gn = NULL;
	double *b = NULL, *bn = NULL, *delta = NULL, *U = NULL, *xs = NULL, *v = NULL;

	*out = NULL;
	if (opts == NULL) {
		logit_opts_init(&def);
		opts = &def;
	}
	if ((st = logit_space_init(data, &sp, err)) != CHURN_OK)
		return st;
	size_t q = sp.q, qa = q ? q : 1;
	G = gsl_matrix_alloc(qa, qa);
	Gn = gsl_matrix_alloc(qa, qa);
	b = calloc(qa, sizeof *b);
	bn = calloc(qa, sizeof *bn);
	delta = calloc(qa, sizeof *delta);
	U = calloc(qa, sizeof *U);
	xs = calloc(qa, sizeof *xs);
	v = calloc(qa, sizeof *v);
	res = logit_result_new(&sp, opts->conf_level);
	if (!G || !Gn || !b || !bn || !delta || !U || !xs || !v || !res) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory fitting Firth's model");
		goto done;
	}

	double l, ln, pl = penalised(&sp, b, G, xs, &l);
	if (isnan(pl)) {
		st = churn_err_set(err, CHURN_EMODEL, "Firth: the information matrix is singular");
		goto done;
	}
	int conv = 0, it;
	for (it = 1; it <= FIRTH_MAXIT; it++) {
		/* Gn is free until the line search: it holds J and its factor. */
		mod_score(&sp, b, G, xs, v, U, Gn);
		memcpy(delta, U, q * sizeof *delta);
		gsl_vector_view dv = gsl_vector_view_array(delta, q);
		if (gsl_linalg_cholesky_decomp1(Gn) == GSL_SUCCESS)
			gsl_linalg_cholesky_svx(Gn, &dv.vector);
		else
			gsl_linalg_cholesky_svx(G, &dv.vector);  /* I(b) is positive definite */
		double mx = 0;
		for (size_t j = 0; j < q; j++)
			if (fabs(delta[j]) > mx)
				mx = fabs(delta[j]);
		if (mx > FIRTH_MAX_STEP)
			for (size_t j = 0; j < q; j++)
				delta[j] *= FIRTH_MAX_STEP / mx;
		if (mx < FIRTH_XTOL) {
			conv = 1;
			break;
		}
		double pln = NAN;
		for (int h = 0; h <= FIRTH_MAX_HALVING; h++) {
			for (size_t j = 0; j < q; j++)
				bn[j] = b[j] + delta[j];
			pln = penalised(&sp, bn, Gn, xs, &ln);
			if (!isnan(pln) && pln >= pl - 1e-12 * (1 + fabs(pl)))
				break;
			for (size_t j = 0; j < q; j++)
				delta[j] /= 2;
		}
		if (isnan(pln)) {
			st = churn_err_set(err, CHURN_EMODEL,
			                   "Firth: the information matrix became singular");
			goto done;
		}
		memcpy(b, bn, q * sizeof *b);
		gsl_matrix *tmp = G;
		G = Gn;
		Gn = tmp;
		pl = pln;
		l = ln;
	}
	res->iterations = conv ? it : FIRTH_MAXIT;
	res->converged = conv;
	res->firth = 1;
	if ((st = logit_space_finish(&sp, b, G, res, err)) != CHURN_OK)
		goto done;
	logit_set_deviance(&sp, -2 * l, res);
	/* Back to the original coordinates: log det I changes by 2 sum log s. */
	double shift = 0;
	for (size_t j = 0; j < q; j++)
		shift += log(sp.s[j]);
	res->penalized_loglik = pl + shift;
done:
	gsl_matrix_free(G);
	gsl_matrix_free(Gn);
	free(b);
	free(bn);
	free(delta);
	free(U);
	free(xs);
	free(v);
	logit_space_clear(&sp);
	if (st != CHURN_OK) {
		logit_result_free(res);
		return st;
	}
	*out = res;
	return CHURN_OK;
}

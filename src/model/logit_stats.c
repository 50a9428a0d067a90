/* logit_stats.c - scaled coordinates, Wald statistics, prediction for the
 * logistic fits; see include/churnkit/logit.h and logit_internal.h. */
#include "model/logit_internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

#define LINK_THRESH LOGIT_LINK_THRESH

/* Here, with the other pieces both fits use, rather than in logit.c: the
 * Firth fit takes the defaults too, and logit.c calls firth_fit, so the
 * two would depend on each other. */
void logit_opts_init(logit_opts *o)
{
	memset(o, 0, sizeof *o);  /* every field, those added later too */
	o->maxit = LOGIT_MAXIT;
	o->epsilon = LOGIT_EPSILON;
	o->conf_level = 0.95;
	o->firth = LOGIT_FIRTH_AUTO;
	o->quasi = 0;
	o->robust = 0;
}


double logit_linkinv(double eta)
{
	double t = eta < -LINK_THRESH ? DBL_EPSILON
	           : (eta > LINK_THRESH ? 1 / DBL_EPSILON : exp(eta));
	return t / (1 + t);
}

double logit_mu_eta(double eta)
{
	double opexp = 1 + exp(eta);
	return (eta > LINK_THRESH || eta < -LINK_THRESH) ? DBL_EPSILON
	       : exp(eta) / (opexp * opexp);
}

void logit_space_clear(logit_space *sp)
{
	if (sp == NULL)
		return;
	free(sp->keep);
	free(sp->m);
	free(sp->s);
	free(sp->is);
	colscan_clear(&sp->cs);
	memset(sp, 0, sizeof *sp);
}

/* The kept columns, centres and scales of a space whose colscan is done;
 * pos and neg the weights of the two outcomes. */
static churn_status space_setup(logit_space *sp, double pos, double neg, churn_err *err)
{
	const logit_data *d = sp->data;
	if (pos == 0 || neg == 0) {
		logit_space_clear(sp);
		return churn_err_set(err, CHURN_EDATA,
		                     "the outcome is %s in every row used; nothing to model",
		                     pos == 0 ? "0" : "1");
	}
	sp->events = pos;
	sp->q = sp->cs.rank;
	sp->keep = malloc((sp->q ? sp->q : 1) * sizeof *sp->keep);
	sp->m = malloc((sp->q ? sp->q : 1) * sizeof *sp->m);
	sp->s = malloc((sp->q ? sp->q : 1) * sizeof *sp->s);
	sp->is = malloc((sp->q ? sp->q : 1) * sizeof *sp->is);
	if (sp->keep == NULL || sp->m == NULL || sp->s == NULL || sp->is == NULL) {
		logit_space_clear(sp);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	size_t q = 0;
	for (size_t j = 0; j < sp->p; j++) {
		if (sp->cs.aliased[j])
			continue;
		sp->keep[q] = j;
		int icpt = d->intercept && j == 0;
		sp->m[q] = (icpt || !d->intercept) ? 0.0 : sp->cs.mean[j];
		sp->s[q] = icpt ? 1.0 : sp->cs.scale[j];
		sp->is[q] = 1 / sp->s[q];
		q++;
	}
	return CHURN_OK;
}

churn_status logit_space_init(const logit_data *d, logit_space *sp, churn_err *err)
{
	churn_status st;
	memset(sp, 0, sizeof *sp);
	sp->data = d;
	if (d->X == NULL || d->y == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "logit_fit: no data");
	sp->p = d->X->size2;
	sp->n = colscan_nrows(d->X, d->rows, d->nrows);
	double pos = 0, neg = 0;
	for (size_t k = 0; k < sp->n; k++) {
		size_t i = colscan_row(d->rows, k);
		double wi = d->w != NULL ? d->w[i] : 1.0;
		if (d->y[i] != 0 && d->y[i] != 1)
			return churn_err_set(err, CHURN_EDATA,
			                     "outcome in row %zu is %g; a churn outcome is 0 or 1", i + 1,
			                     d->y[i]);
		if (wi > 0) {
			pos += wi * d->y[i];
			neg += wi * (1 - d->y[i]);
		}
	}
	st = colscan_run(d->X, d->w, d->rows, d->nrows, d->intercept, d->aliased, &sp->cs, err);
	if (st != CHURN_OK)
		return st;
	return space_setup(sp, pos, neg, err);
}

churn_status logit_space_init_sums(const logit_data *d, const logit_sums *sums,
                                   logit_space *sp, churn_err *err)
{
	churn_status st;
	size_t p = d->X != NULL ? d->X->size2 : sums->p;
	double *S = malloc((p ? p * p : 1) * sizeof *S), *s = malloc((p ? p : 1) * sizeof *s);

	memset(sp, 0, sizeof *sp);
	sp->data = d;
	sp->p = p;
	sp->n = d->X != NULL ? colscan_nrows(d->X, d->rows, d->nrows) : 0;
	if (S == NULL || s == NULL) {
		free(S);
		free(s);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	memcpy(S, sums->M, p * p * sizeof *S);
	for (size_t j = 0; j < p; j++)
		s[j] = sums->M[j];  /* row 0: sum w z0 z = sum w d */
	st = colscan_finish(S, s, sums->shift, p, sums->wsum, sums->nused, 1, d->aliased,
	                    &sp->cs, err);
	free(S);
	free(s);
	if (st != CHURN_OK)
		return st;
	return space_setup(sp, sums->events, sums->wsum - sums->events, err);
}

logit_result *logit_result_new(const logit_space *sp, double conf_level)
{
	size_t p = sp->p, pa = p ? p : 1;
	logit_result *r = calloc(1, sizeof *r);
	if (r == NULL)
		return NULL;
	if (!coeftab_init(&r->coefs, p, COEFTAB_ODDS, conf_level))
		goto fail;
	r->mean = malloc(pa * sizeof *r->mean);
	r->cov = malloc(pa * pa * sizeof *r->cov);
	r->diverging = calloc(pa, sizeof *r->diverging);
	if (r->mean == NULL || r->cov == NULL || r->diverging == NULL)
		goto fail;
	for (size_t j = 0; j < p * p; j++)
		r->cov[j] = NAN;
	for (size_t j = 0; j < p; j++) {
		r->coefs.aliased[j] = sp->cs.aliased[j];
		r->mean[j] = sp->cs.mean[j];
	}
	if (sp->data->intercept && p > 0)
		r->mean[0] = 1.0;
	r->n = sp->cs.wsum;
	r->events = sp->events;
	r->rows = sp->cs.nused;
	r->rank = sp->q;
	r->penalized_loglik = NAN;
	return r;
fail:
	logit_result_free(r);
	return NULL;
}

void logit_result_free(logit_result *r)
{
	if (r == NULL)
		return;
	coeftab_clear(&r->coefs);
	free(r->mean);
	free(r->diverging);
	free(r->cov);
	free(r);
}

churn_status logit_space_finish(const logit_space *sp, const double *bs, const gsl_matrix *L,
                                logit_result *r, churn_err *err)
{
	size_t q = sp->q, p = sp->p;
	int icpt = sp->data->intercept && q > 0 && sp->keep[0] == 0;
	gsl_matrix *C = gsl_matrix_alloc(q, q), *T = gsl_matrix_calloc(q, q),
	           *TC = gsl_matrix_alloc(q, q), *V = gsl_matrix_alloc(q, q);
	churn_status st = CHURN_OK;

	if (C == NULL || T == NULL || TC == NULL || V == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	gsl_matrix_memcpy(C, L);
	int gs = gsl_linalg_cholesky_invert(C);
	if (gs != GSL_SUCCESS) {
		st = churn_err_set(err, CHURN_EMODEL, "cannot invert the information matrix: %s",
		                   gsl_strerror(gs));
		goto done;
	}
	/* T: b = T bs. */
	for (size_t j = 0; j < q; j++) {
		gsl_matrix_set(T, j, j, 1 / sp->s[j]);
		if (icpt && j > 0)
			gsl_matrix_set(T, 0, j, -sp->m[j] / sp->s[j]);
	}
	gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, T, C, 0.0, TC);
	gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, TC, T, 0.0, V);

	for (size_t a = 0; a < q; a++) {
		size_t j = sp->keep[a];
		double b = 0;
		for (size_t c = 0; c < q; c++)
			b += gsl_matrix_get(T, a, c) * bs[c];
		coeftab_set(&r->coefs, j, b, sqrt(gsl_matrix_get(V, a, a)));
		for (size_t c = 0; c < q; c++)
			r->cov[j * p + sp->keep[c]] = gsl_matrix_get(V, a, c);
	}
done:
	gsl_matrix_free(C);
	gsl_matrix_free(T);
	gsl_matrix_free(TC);
	gsl_matrix_free(V);
	return st;
}

void logit_set_deviance(const logit_space *sp, double dev, logit_result *r)
{
	double ybar = sp->events / sp->cs.wsum, nd = 0;
	const logit_data *d = sp->data;
	if (d->intercept) {
		/* every row's fitted value is ybar: -2 sum w log p(y) in two terms */
		nd = -2 * (sp->events * log(ybar) + (sp->cs.wsum - sp->events) * log(1 - ybar));
	} else {
		nd = 2 * sp->cs.wsum * log(2.0);  /* mu = 1/2 for every row */
	}
	r->deviance = dev;
	r->loglik = r->quasi ? NAN : -dev / 2;
	r->null_deviance = nd;
	r->aic = r->quasi ? NAN : dev + 2.0 * (double)r->rank;
}

churn_status logit_robust_cov(const logit_space *sp, logit_result *r, churn_err *err)
{
	const logit_data *d = sp->data;
	size_t p = r->coefs.p, q = sp->q, qq = q > 0 ? q * q : 1;
	int icpt = d->intercept && q > 0 && sp->keep[0] == 0;
	churn_status st = CHURN_OK;
	gsl_matrix *A = gsl_matrix_calloc(q ? q : 1, q ? q : 1);
	gsl_matrix *M = gsl_matrix_calloc(q ? q : 1, q ? q : 1);
	gsl_matrix *T = gsl_matrix_calloc(q ? q : 1, q ? q : 1);
	gsl_matrix *W1 = gsl_matrix_alloc(q ? q : 1, q ? q : 1);
	gsl_matrix *W2 = gsl_matrix_alloc(q ? q : 1, q ? q : 1);
	double *xs = malloc(qq * sizeof *xs);

	if (A == NULL || M == NULL || T == NULL || W1 == NULL || W2 == NULL || xs == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for the robust standard errors");
		goto done;
	}
	/* In the scaled coordinates, at the final estimates: the bread
	 * A = sum w mu (1 - mu) xs xs' and the meat
	 * M = sum (w/f)^2 f (y - mu)^2 xs xs' over the fit's rows. */
	for (size_t k = 0; k < sp->n; k++) {
		size_t i = colscan_row(d->rows, k);
		double wi = d->w != NULL ? d->w[i] : 1.0;
		if (!(wi > 0))
			continue;
		double fi = d->freq != NULL ? d->freq[i] : 1.0;
		double mu = logit_linkinv(logit_lp(r, gsl_matrix_const_ptr(d->X, i, 0)));
		double s = wi * (d->y[i] - mu), c = fi > 0 ? s * s / fi : 0;
		double a = wi * mu * (1 - mu);
		logit_space_row(sp, i, xs);
		for (size_t u = 0; u < q; u++)
			for (size_t v = u; v < q; v++) {
				A->data[u * q + v] += a * xs[u] * xs[v];
				M->data[u * q + v] += c * xs[u] * xs[v];
			}
	}
	for (size_t u = 0; u < q; u++)
		for (size_t v = 0; v < u; v++) {
			A->data[u * q + v] = A->data[v * q + u];
			M->data[u * q + v] = M->data[v * q + u];
		}
	int gs = gsl_linalg_cholesky_decomp1(A);
	if (gs == GSL_SUCCESS)
		gs = gsl_linalg_cholesky_invert(A);
	if (gs != GSL_SUCCESS) {
		st = churn_err_set(err, CHURN_EMODEL, "cannot invert the information matrix for the "
		                   "robust standard errors: %s", gsl_strerror(gs));
		goto done;
	}
	/* V_s = A^-1 M A^-1, then V = T V_s T' (b = T bs, logit_internal.h). */
	gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, A, M, 0.0, W1);
	gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, W1, A, 0.0, W2);
	for (size_t j = 0; j < q; j++) {
		gsl_matrix_set(T, j, j, 1 / sp->s[j]);
		if (icpt && j > 0)
			gsl_matrix_set(T, 0, j, -sp->m[j] / sp->s[j]);
	}
	gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, T, W2, 0.0, W1);
	gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, W1, T, 0.0, W2);
	for (size_t u = 0; u < q; u++) {
		size_t j = sp->keep[u];
		for (size_t v = 0; v < q; v++)
			r->cov[j * p + sp->keep[v]] = gsl_matrix_get(W2, u, v);
		coeftab_set(&r->coefs, j, r->coefs.coef[j], sqrt(gsl_matrix_get(W2, u, u)));
	}
	r->robust = 1;
done:
	gsl_matrix_free(A);
	gsl_matrix_free(M);
	gsl_matrix_free(T);
	gsl_matrix_free(W1);
	gsl_matrix_free(W2);
	free(xs);
	return st;
}

double logit_lp(const logit_result *r, const double *x)
{
	double eta = 0;
	const coeftab *t = &r->coefs;
	for (size_t j = 0; j < t->p; j++)
		if (!t->aliased[j])
			eta += t->coef[j] * x[j];
	return eta;
}

void logit_predict(const logit_result *r, const gsl_matrix *X, double *prob)
{
	for (size_t i = 0; i < X->size1; i++) {
		double eta = logit_lp(r, gsl_matrix_const_ptr(X, i, 0));
		prob[i] = isnan(eta) ? NAN : 1 / (1 + exp(-eta));
	}
}

/* cox.c - Cox proportional hazards by Newton-Raphson as survival's coxfit6,
 * with Efron or Breslow ties and delayed entry; see include/churnkit/cox.h. */
#include "churnkit/cox.h"
#include "churnkit/logit.h"
#include "model/colscan.h"
#include "model/cox_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

void cox_opts_init(cox_opts *o)
{
	o->ties = COX_EFRON;
	o->maxit = COX_MAXIT;
	o->eps = COX_EPS;
	o->conf_level = 0.95;
}

/* cox_internal.h.  Walks the rows from the latest time back, as
 * coxfit6_iter; with delayed entry, rows whose entry is at or after the
 * current time leave the risk set before its events are counted. */
double cox_iter_dense(const cox_work *cw, int efron, const double *beta, double *u,
                      double *imat, double *risk)
{
	size_t q = cw->q;
	double *a = cw->a, *a2 = cw->a2, *cmat = cw->cmat, *cmat2 = cw->cmat2;
	double loglik = 0, denom = 0;
	size_t out = 0;  /* rows removed so far, in entry-descending order */

	memset(u, 0, q * sizeof *u);
	memset(imat, 0, q * q * sizeof *imat);
	memset(a, 0, q * sizeof *a);
	memset(a2, 0, q * sizeof *a2);
	memset(cmat, 0, q * q * sizeof *cmat);
	memset(cmat2, 0, q * q * sizeof *cmat2);

	size_t cur = (size_t)-1;  /* the stratum being walked */
	for (size_t person = cw->n; person > 0;) {
		if (cw->strat != NULL && cw->strat[person - 1] != cur) {
			/* A new stratum: its own risk sets. */
			cur = cw->strat[person - 1];
			denom = 0;
			memset(a, 0, q * sizeof *a);
			memset(cmat, 0, q * q * sizeof *cmat);
			while (cw->entry != NULL && out < cw->n && cw->strat[cw->eorder[out]] != cur)
				out++;
		}
		double dtime = cw->time[person - 1], deadwt = 0, denom2 = 0;
		int ndead = 0;
		while (person > 0 && cw->time[person - 1] == dtime &&
		       (cw->strat == NULL || cw->strat[person - 1] == cur)) {
			size_t i = --person;
			const double *z = cw->z + i * q;
			double zbeta = 0;
			for (size_t j = 0; j < q; j++)
				zbeta += beta[j] * z[j];
			double r = exp(zbeta) * cw->w[i];
			risk[i] = r;
			if (cw->status[i] == 0) {
				denom += r;
				cox_risk_add(r, z, q, a, cmat);
			} else {
				ndead++;
				deadwt += cw->w[i];
				denom2 += r;
				loglik += cw->w[i] * zbeta;
				for (size_t j = 0; j < q; j++) {
					u[j] += cw->w[i] * z[j];
					a2[j] += r * z[j];
					for (size_t k = 0; k <= j; k++)
						cmat2[j * q + k] += r * z[j] * z[k];
				}
			}
		}
		/* Delayed entry: drop rows not yet at risk at dtime. */
		cox_drop_entered(cw, &out, cur, dtime, risk, &denom, a, cmat);
		if (ndead == 0)
			continue;
		if (!efron || ndead == 1) {
			denom += denom2;
			loglik -= deadwt * log(denom);
			for (size_t j = 0; j < q; j++) {
				a[j] += a2[j];
				double mean = a[j] / denom;
				u[j] -= deadwt * mean;
				for (size_t k = 0; k <= j; k++) {
					cmat[j * q + k] += cmat2[j * q + k];
					imat[k * q + j] += deadwt * (cmat[j * q + k] - mean * a[k]) / denom;
				}
			}
		} else {
			/* Efron: the tied deaths leave the sums in ndead equal parts. */
			double wtave = deadwt / ndead;
			for (int m = 0; m < ndead; m++) {
				denom += denom2 / ndead;
				loglik -= wtave * log(denom);
				for (size_t j = 0; j < q; j++) {
					a[j] += a2[j] / ndead;
					double mean = a[j] / denom;
					u[j] -= wtave * mean;
					for (size_t k = 0; k <= j; k++) {
						cmat[j * q + k] += cmat2[j * q + k] / ndead;
						imat[k * q + j] += wtave * (cmat[j * q + k] - mean * a[k]) / denom;
					}
				}
			}
		}
		memset(a2, 0, q * sizeof *a2);
		memset(cmat2, 0, q * q * sizeof *cmat2);
	}
	colscan_gram_symm(imat, q);
	return loglik;
}

/* One iteration on the cells (*cells 1) while they suit beta, else on
 * the dense walk; *cells becomes -1 when the cells were in use and no
 * longer suit (the caller then redoes the fit on the dense walk). */
static double cox_iter(const cox_work *cw, int efron, const double *beta, double *u,
                       double *imat, double *risk, int *cells)
{
	if (*cells == 1 && cox_cells_suit(cw, beta))
		return cox_iter_cells(cw, efron, beta, u, imat, risk);
	if (*cells == 1)
		*cells = -1;
	return cox_iter_dense(cw, efron, beta, u, imat, risk);
}

static int all_finite(const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(v[i]))
			return 0;
	return 1;
}

/* coxph.fit's test for infinite coefficients (cox.h), from the score u
 * and the factored information I at the final beta (scaled coordinates;
 * u is overwritten with the step I^-1 u). */
static void infinite_check(const cox_work *cw, const cox_opts *opts, int conv,
                           const double *beta, double *u, const gsl_matrix *I, cox_result *res)
{
	size_t q = cw->q;
	int finite_u = all_finite(u, q);
	int *bad_u = calloc(q ? q : 1, sizeof *bad_u);
	if (bad_u == NULL)
		return;
	for (size_t a = 0; a < q; a++)
		bad_u[a] = !isfinite(u[a]);
	gsl_vector_view uv = gsl_vector_view_array(u, q);
	int solved = finite_u && gsl_linalg_cholesky_svx(I, &uv.vector) == GSL_SUCCESS;
	if (conv) {
		double tol_inf = sqrt(opts->eps);
		for (size_t a = 0; a < q; a++) {
			double b = beta[a] * cw->scale[a];
			double step = solved ? fabs(u[a] * cw->scale[a]) : INFINITY;
			if (bad_u[a] || !isfinite(step) ||
			    (step > opts->eps && step > tol_inf * fabs(b))) {
				res->infinite[cw->keep[a]] = 1;
				res->ninfinite++;
			}
		}
	} else {
		double maxlp = 0;
		for (size_t r = 0; r < cw->n; r++) {
			double s = 0;
			for (size_t c = 0; c < q; c++)
				s += beta[c] * cw->z[r * q + c];
			if (fabs(s) > maxlp)
				maxlp = fabs(s);
		}
		res->any_infinite = maxlp > COX_MAX_LP || !solved || !all_finite(u, q);
	}
	free(bad_u);
}

churn_status cox_fit(const cox_data *data, const cox_opts *opts, cox_result **out,
                     churn_err *err)
{
	cox_prep *p;
	churn_status st;

	*out = NULL;
	if ((st = cox_prep_new(data, &p, err)) != CHURN_OK)
		return st;
	st = cox_fit_prep(p, opts, out, err);
	cox_prep_free(p);
	return st;
}

churn_status cox_fit_prep(const cox_prep *p, const cox_opts *opts, cox_result **out,
                          churn_err *err)
{
	cox_opts def;
	const cox_work *cw = &p->cw;
	cox_result *res = NULL;
	churn_status st = CHURN_OK;
	gsl_matrix *I = NULL;
	double *beta = NULL, *newbeta = NULL, *u = NULL, *risk = NULL, *u0 = NULL;

	*out = NULL;
	if (opts == NULL) {
		cox_opts_init(&def);
		opts = &def;
	}
	size_t q = cw->q, qa = q ? q : 1;
	I = gsl_matrix_alloc(qa, qa);
	beta = calloc(qa, sizeof *beta);
	newbeta = calloc(qa, sizeof *newbeta);
	u = calloc(qa, sizeof *u);
	u0 = calloc(qa, sizeof *u0);
	risk = calloc(cw->n, sizeof *risk);
	res = cox_result_new(cw, opts);
	if (!I || !beta || !newbeta || !u || !u0 || !risk || !res) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory fitting the Cox model");
		goto done;
	}
	int efron = opts->ties == COX_EFRON;
	/* The cells while the linear predictors of the cells spread at most
	 * COX_CELLS_SPREAD; a fit that goes past it (a coefficient heading to
	 * infinity, where the steps are mostly rounding) is redone from the
	 * start on the dense walk, coxfit6's order of rounding, which decides
	 * its iterations and its flags. */
	int cells = cw->cells.nc > 0;
restart:
	memset(beta, 0, qa * sizeof *beta);

	/* Initial step at beta = 0: null log-likelihood and the score test. */
	double lk0 = cox_iter(cw, efron, beta, u, I->data, risk, &cells);
	double best = lk0, newlk = lk0;
	memcpy(u0, u, q * sizeof *u);
	int gs = gsl_linalg_cholesky_decomp1(I);
	if (gs != GSL_SUCCESS) {
		st = churn_err_set(err, CHURN_EMODEL,
		                   "the Cox model's information matrix is singular: %s",
		                   gsl_strerror(gs));
		goto done;
	}
	gsl_vector_view av = gsl_vector_view_array(u0, q);
	gsl_linalg_cholesky_svx(I, &av.vector);  /* u0 <- I^-1 U */
	double sc = 0;
	for (size_t j = 0; j < q; j++)
		sc += u[j] * u0[j];
	res->score_test = sc;
	res->loglik_null = lk0;
	for (size_t j = 0; j < q; j++)
		newbeta[j] = beta[j] + u0[j];

	int halving = 0, conv = 0, iter;
	for (iter = 1; iter <= opts->maxit; iter++) {
		newlk = cox_iter(cw, efron, newbeta, u, I->data, risk, &cells);
		if (cells < 0) {
			cells = 0;
			goto restart;
		}
		int finite = isfinite(newlk) && all_finite(u, q) && all_finite(I->data, q * q);
		gs = finite ? gsl_linalg_cholesky_decomp1(I) : GSL_EDOM;
		if (finite && gs == GSL_SUCCESS && fabs(1 - best / newlk) <= opts->eps) {
			best = newlk;
			memcpy(beta, newbeta, q * sizeof *beta);
			conv = 1;
			break;
		}
		if (!finite || gs != GSL_SUCCESS || newlk < best) {
			halving++;
			for (size_t j = 0; j < q; j++)
				newbeta[j] = (newbeta[j] + halving * beta[j]) / (halving + 1.0);
		} else {
			halving = 0;
			best = newlk;
			gsl_vector_view uv = gsl_vector_view_array(u, q);
			gsl_linalg_cholesky_svx(I, &uv.vector);
			for (size_t j = 0; j < q; j++) {
				beta[j] = newbeta[j];
				newbeta[j] += u[j];
			}
		}
	}
	if (!conv) {
		/* Out of iterations: report the last good beta, as coxfit6. */
		iter = opts->maxit;
		best = cox_iter(cw, efron, beta, u, I->data, risk, &cells);
		if (cells < 0) {
			cells = 0;
			goto restart;
		}
		gs = gsl_linalg_cholesky_decomp1(I);
		if (gs != GSL_SUCCESS) {
			st = churn_err_set(err, CHURN_EMODEL,
			                   "the Cox model's information matrix is singular: %s",
			                   gsl_strerror(gs));
			goto done;
		}
	}
	res->iterations = iter;
	res->converged = conv;
	res->halving = conv && halving > 0;
	res->loglik = best;
	infinite_check(cw, opts, conv, beta, u, I, res);
	st = cox_finish(cw, beta, I, res, err);
done:
	gsl_matrix_free(I);
	free(beta);
	free(newbeta);
	free(u);
	free(u0);
	free(risk);
	if (st != CHURN_OK) {
		cox_result_free(res);
		return st;
	}
	*out = res;
	return CHURN_OK;
}

/* cox_zph.c - the test of proportional hazards of a Cox fit, as R's
 * cox.zph (survival's zph1.c and zph2.c); see include/churnkit/cox.h. */
#include "model/cox_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>

void cox_zph_free(cox_zph_result *z)
{
	if (z == NULL)
		return;
	free(z->chisq);
	free(z->df);
	free(z->p);
	free(z);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Sorts v ascending; values already in order (the fit's times without
 * strata, whose rows are sorted once by cox_work_init) are left as they
 * are, without a second sort. */
static void sort_ascending(double *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (v[i] < v[i - 1]) {
			qsort(v, n, sizeof *v, cmp_double);
			return;
		}
}

/* How many of the n ascending values v are >= x. */
static size_t count_ge(const double *v, size_t n, double x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return n - lo;
}

/* cox.zph's "km" transform: gt[r] = 1 - S(time[r]-) for every sorted row
 * r with an event, S the unweighted Kaplan-Meier of all rows (pooled over
 * strata; at risk when entry < t <= time), then centred on its mean over
 * the event rows.  Rows without an event get 0 (not read). */
static int km_transform(const cox_work *cw, double *gt)
{
	size_t n = cw->n, ne = 0;
	double *tt = malloc(n * sizeof *tt), *te = malloc(n * sizeof *te);
	double *et = malloc(n * sizeof *et);
	if (tt == NULL || te == NULL || et == NULL) {
		free(tt);
		free(te);
		free(et);
		return -1;
	}
	for (size_t r = 0; r < n; r++) {
		tt[r] = cw->time[r];
		te[r] = cw->entry ? cw->entry[r] : -INFINITY;
		if (cw->status[r] == 1)
			et[ne++] = cw->time[r];
	}
	sort_ascending(tt, n);
	sort_ascending(te, n);
	sort_ascending(et, ne);
	/* S just before each distinct event time (tmp_t, tmp_s); a row's value
	 * is then found by binary search. */
	size_t nd = 0;
	double s = 1;
	double *tmp_s = malloc((ne ? ne : 1) * sizeof *tmp_s);
	double *tmp_t = malloc((ne ? ne : 1) * sizeof *tmp_t);
	if (tmp_s == NULL || tmp_t == NULL) {
		free(tt);
		free(te);
		free(et);
		free(tmp_s);
		free(tmp_t);
		return -1;
	}
	for (size_t k = 0; k < ne;) {
		double t = et[k];
		size_t d = 0;
		while (k < ne && et[k] == t) {
			d++;
			k++;
		}
		double atrisk = (double)count_ge(tt, n, t) - (double)count_ge(te, n, t);
		tmp_t[nd] = t;
		tmp_s[nd++] = s;
		s *= 1 - (double)d / atrisk;
	}
	double sum = 0;
	for (size_t r = 0; r < n; r++) {
		gt[r] = 0;
		if (cw->status[r] != 1)
			continue;
		size_t lo = 0, hi = nd;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (tmp_t[mid] < cw->time[r])
				lo = mid + 1;
			else
				hi = mid;
		}
		gt[r] = 1 - tmp_s[lo];
		sum += gt[r];
	}
	double mean = sum / (double)cw->events;
	for (size_t r = 0; r < n; r++)
		if (cw->status[r] == 1)
			gt[r] -= mean;
	free(tt);
	free(te);
	free(et);
	free(tmp_s);
	free(tmp_t);
	return 0;
}

/* cox_internal.h: walks the sorted rows from the last stratum's latest
 * time back as cox_iter does. */
void cox_zph_dense(const cox_work *cw, int efron, const double *beta, const double *gt,
                   double *u2, double *M, double *risk)
{
	size_t q = cw->q, Q = 2 * q;
	double *a = cw->a, *a2 = cw->a2, *cmat = cw->cmat, *cmat2 = cw->cmat2;
	double denom = 0;
	size_t out = 0, cur = (size_t)-1;

	memset(u2, 0, q * sizeof *u2);
	memset(M, 0, Q * Q * sizeof *M);
	memset(a2, 0, q * sizeof *a2);
	memset(cmat2, 0, q * q * sizeof *cmat2);
	for (size_t person = cw->n; person > 0;) {
		if (cur == (size_t)-1 || (cw->strat != NULL && cw->strat[person - 1] != cur)) {
			cur = cw->strat ? cw->strat[person - 1] : 0;
			denom = 0;
			memset(a, 0, q * sizeof *a);
			memset(cmat, 0, q * q * sizeof *cmat);
			while (cw->entry != NULL && out < cw->n && !cox_same_stratum(cw, cw->eorder[out], cur))
				out++;
		}
		double dtime = cw->time[person - 1], deadwt = 0, denom2 = 0, tw = 0;
		int ndead = 0;
		while (person > 0 && cw->time[person - 1] == dtime && cox_same_stratum(cw, person - 1, cur)) {
			size_t i = --person;
			const double *z = cw->z + i * q;
			double zbeta = 0;
			for (size_t j = 0; j < q; j++)
				zbeta += beta[j] * z[j];
			double r = exp(zbeta) * cw->w[i];
			risk[i] = r;
			double *A = a, *C = cmat;
			if (cw->status[i] == 0) {
				denom += r;
			} else {
				tw = gt[i];
				ndead++;
				deadwt += cw->w[i];
				denom2 += r;
				for (size_t j = 0; j < q; j++)
					u2[j] += tw * cw->w[i] * z[j];
				A = a2;
				C = cmat2;
			}
			cox_risk_add(r, z, q, A, C);
		}
		cox_drop_entered(cw, &out, cur, dtime, risk, &denom, a, cmat);
		if (ndead == 0)
			continue;
		/* Breslow adds the deaths at once; Efron in ndead equal parts. */
		int parts = efron ? ndead : 1;
		double wpart = deadwt / parts;
		for (int m = 0; m < parts; m++) {
			denom += denom2 / parts;
			for (size_t i = 0; i < q; i++) {
				a[i] += a2[i] / parts;
				double mean = a[i] / denom;
				u2[i] -= tw * wpart * mean;
				for (size_t j = 0; j <= i; j++) {
					cmat[i * q + j] += cmat2[i * q + j] / parts;
					double v = wpart * (cmat[i * q + j] - mean * a[j]) / denom;
					M[j * Q + i] += v;
					M[j * Q + i + q] += v * tw;
					M[(j + q) * Q + i + q] += v * tw * tw;
				}
			}
		}
		memset(a2, 0, q * sizeof *a2);
		memset(cmat2, 0, q * q * sizeof *cmat2);
	}
	/* Fill the rest of the symmetric matrix, as zph1.c. */
	for (size_t i = 0; i < q; i++)
		for (size_t j = 0; j < i; j++) {
			M[i * Q + j] = M[j * Q + i];
			M[i * Q + j + q] = M[j * Q + i + q];
			M[(i + q) * Q + j + q] = M[(j + q) * Q + i + q];
		}
	for (size_t i = 0; i < q; i++)
		for (size_t j = 0; j < q; j++)
			M[(i + q) * Q + j] = M[j * Q + i + q];
}

/* u' M_KK^-1 u for the k indices K of M (Q x Q) and u the K-vector with
 * zeros on the first q and u2[K - q] after; NaN when M_KK is singular. */
static double score_stat(const double *M, size_t Q, size_t q, const size_t *K, size_t k,
                         const double *u2, gsl_matrix *S, gsl_vector *u, gsl_vector *x,
                         gsl_permutation *perm)
{
	gsl_matrix_view Sv = gsl_matrix_submatrix(S, 0, 0, k, k);
	gsl_vector_view uv = gsl_vector_subvector(u, 0, k), xv = gsl_vector_subvector(x, 0, k);
	gsl_permutation pv = {k, perm->data};
	int sgn;
	for (size_t a = 0; a < k; a++) {
		for (size_t b = 0; b < k; b++)
			gsl_matrix_set(&Sv.matrix, a, b, M[K[a] * Q + K[b]]);
		gsl_vector_set(&uv.vector, a, K[a] < q ? 0.0 : u2[K[a] - q]);
	}
	if (gsl_linalg_LU_decomp(&Sv.matrix, &pv, &sgn) != GSL_SUCCESS ||
	    gsl_linalg_LU_solve(&Sv.matrix, &pv, &uv.vector, &xv.vector) != GSL_SUCCESS)
		return NAN;
	double s = 0;
	gsl_blas_ddot(&uv.vector, &xv.vector, &s);
	return s;
}

churn_status cox_zph(const cox_data *data, const cox_result *r, const size_t *col_term,
                     size_t nterms, cox_zph_result **out, churn_err *err)
{
	cox_prep *pr;
	churn_status st;

	*out = NULL;
	if ((st = cox_prep_new(data, &pr, err)) != CHURN_OK)
		return st;
	st = cox_zph_prep(pr, r, col_term, nterms, out, err);
	cox_prep_free(pr);
	return st;
}

churn_status cox_zph_prep(const cox_prep *pr, const cox_result *r, const size_t *col_term,
                          size_t nterms, cox_zph_result **out, churn_err *err)
{
	const cox_work *cw = &pr->cw;
	churn_status st = CHURN_OK;
	cox_zph_result *z = NULL;
	double *beta = NULL, *gt = NULL, *u2 = NULL, *M = NULL, *risk = NULL;
	size_t *K = NULL;
	gsl_matrix *S = NULL;
	gsl_vector *u = NULL, *x = NULL;
	gsl_permutation *perm = NULL;

	*out = NULL;
	size_t q = cw->q, Q = 2 * q, Qa = Q ? Q : 1, n = cw->n;
	z = calloc(1, sizeof *z);
	if (z != NULL) {
		z->nterms = nterms;
		z->chisq = calloc(nterms ? nterms : 1, sizeof *z->chisq);
		z->df = calloc(nterms ? nterms : 1, sizeof *z->df);
		z->p = calloc(nterms ? nterms : 1, sizeof *z->p);
	}
	beta = calloc(q ? q : 1, sizeof *beta);
	gt = calloc(n ? n : 1, sizeof *gt);
	u2 = calloc(q ? q : 1, sizeof *u2);
	M = calloc(Qa * Qa, sizeof *M);
	risk = calloc(n ? n : 1, sizeof *risk);
	K = calloc(Qa, sizeof *K);
	S = gsl_matrix_alloc(Qa, Qa);
	u = gsl_vector_alloc(Qa);
	x = gsl_vector_alloc(Qa);
	perm = gsl_permutation_alloc(Qa);
	if (!z || !z->chisq || !z->df || !z->p || !beta || !gt || !u2 || !M || !risk || !K || !S ||
	    !u || !x || !perm || km_transform(cw, gt) != 0) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for the proportional-hazards test");
		goto done;
	}
	for (size_t c = 0; c < q; c++)
		beta[c] = r->coefs.coef[cw->keep[c]] / cw->scale[c];
	if (!cox_cells_suit(cw, beta) ||
	    cox_zph_cells(cw, r->ties == COX_EFRON, beta, gt, u2, M, risk) != 0)
		cox_zph_dense(cw, r->ties == COX_EFRON, beta, gt, u2, M, risk);

	for (size_t t = 0; t < nterms; t++) {
		size_t k = 0;
		for (size_t c = 0; c < q; c++)
			K[k++] = c;
		for (size_t c = 0; c < q; c++)
			if (col_term[cw->keep[c]] == t)
				K[k++] = q + c;
		z->df[t] = k - q;
		if (z->df[t] == 0) {
			z->chisq[t] = z->p[t] = NAN;
			continue;
		}
		z->chisq[t] = score_stat(M, Q, q, K, k, u2, S, u, x, perm);
		z->p[t] = gsl_cdf_chisq_Q(z->chisq[t], (double)z->df[t]);
	}
	for (size_t c = 0; c < Q; c++)
		K[c] = c;
	z->global_df = q;
	z->global_chisq = q ? score_stat(M, Q, q, K, Q, u2, S, u, x, perm) : NAN;
	z->global_p = q ? gsl_cdf_chisq_Q(z->global_chisq, (double)q) : NAN;
	if (q > 0 && isnan(z->global_chisq))
		st = churn_err_set(err, CHURN_EMODEL,
		                   "the proportional-hazards test cannot be computed: its information "
		                   "matrix is singular");
done:
	free(beta);
	free(gt);
	free(u2);
	free(M);
	free(risk);
	free(K);
	gsl_matrix_free(S);
	gsl_vector_free(u);
	gsl_vector_free(x);
	gsl_permutation_free(perm);
	if (st != CHURN_OK) {
		cox_zph_free(z);
		return st;
	}
	*out = z;
	return CHURN_OK;
}

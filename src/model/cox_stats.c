/* cox_stats.c - set-up, statistics and concordance of the Cox fit; see
 * include/churnkit/cox.h and cox_internal.h. */
#include "model/cox_internal.h"

#include "churnkit/memhint.h"
#include "churnkit/order.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

void cox_work_clear(cox_work *cw)
{
	if (cw == NULL)
		return;
	free(cw->keep);
	free(cw->src);
	free(cw->z);
	free(cw->time);
	free(cw->status);
	free(cw->w);
	free(cw->entry);
	free(cw->eorder);
	free(cw->strat);
	free(cw->mean);
	free(cw->scale);
	free(cw->a);
	free(cw->a2);
	free(cw->cmat);
	free(cw->cmat2);
	colscan_clear(&cw->cs);
	cox_cells_clear(&cw->cells);
	memset(cw, 0, sizeof *cw);
}

/* Checks one row's time, status, entry and weight. */
static churn_status check_row(const cox_data *d, size_t i, churn_err *err)
{
	double t = d->time[i], s = d->status[i], wi = d->w ? d->w[i] : 1.0;
	if (!isfinite(t) || t < 0)
		return churn_err_set(err, CHURN_EDATA, "survival time %g in row %zu is not a time >= 0",
		                     t, i + 1);
	if (s != 0 && s != 1)
		return churn_err_set(err, CHURN_EDATA, "event status %g in row %zu is not 0 or 1", s,
		                     i + 1);
	if (!isfinite(wi) || wi < 0)
		return churn_err_set(err, CHURN_EDATA, "weight %g in row %zu is not a number >= 0", wi,
		                     i + 1);
	if (d->entry != NULL && !(isfinite(d->entry[i]) && d->entry[i] < t))
		return churn_err_set(err, CHURN_EDATA,
		                     "entry time %g in row %zu is not before its end time %g",
		                     d->entry[i], i + 1, t);
	return CHURN_OK;
}

/* Sorts ord (n rows, idx ascending as given) by stratum, then key, then
 * idx, as qsort with cmp_skeyed_asc, by two stable counting sorts (key,
 * then stratum) when every key is a whole number and the keys' and the
 * strata's ranges are at most a few times n (times in whole days, small
 * stratum codes): linear instead of n log n, the same order.  Returns 0
 * when it sorted, -1 when the rows do not qualify or memory is short (ord
 * is then unchanged). */
static int counting_sort(skeyed *ord, size_t n)
{
	if (n < 2)
		return -1;
	double lo = ord[0].key, hi = ord[0].key;
	size_t smax = 0, limit = 4 * n + 1024;
	for (size_t r = 0; r < n; r++) {
		double k = ord[r].key;
		if (!(k == floor(k)) || (r > 0 && ord[r].idx <= ord[r - 1].idx))
			return -1;
		lo = k < lo ? k : lo;
		hi = k > hi ? k : hi;
		smax = ord[r].s > smax ? ord[r].s : smax;
	}
	if (hi - lo >= (double)limit || smax >= limit)
		return -1;
	size_t nk = (size_t)(hi - lo) + 1, nc = (nk > smax + 1 ? nk : smax + 1) + 1;
	size_t *cnt = calloc(nc, sizeof *cnt);
	skeyed *tmp = malloc(n * sizeof *tmp);
	if (cnt == NULL || tmp == NULL) {
		free(cnt);
		free(tmp);
		return -1;
	}
	for (size_t r = 0; r < n; r++)
		cnt[(size_t)(ord[r].key - lo) + 1]++;
	for (size_t k = 1; k <= nk; k++)
		cnt[k] += cnt[k - 1];
	for (size_t r = 0; r < n; r++)
		tmp[cnt[(size_t)(ord[r].key - lo)]++] = ord[r];
	if (smax == 0) {
		memcpy(ord, tmp, n * sizeof *ord);
	} else {
		memset(cnt, 0, nc * sizeof *cnt);
		for (size_t r = 0; r < n; r++)
			cnt[tmp[r].s + 1]++;
		for (size_t k = 1; k <= smax + 1; k++)
			cnt[k] += cnt[k - 1];
		for (size_t r = 0; r < n; r++)
			ord[cnt[tmp[r].s]++] = tmp[r];
	}
	free(cnt);
	free(tmp);
	return 0;
}

/* Copies the data of the sorted rows ord (cw->n) into cw: their data row,
 * time, status, weight, entry and stratum, the events, and the kept
 * columns of X as they are into z (cw->keep and cw->mean set), adding
 * each row's weighted |x - mean| to cw->scale (coxfit6's scaling, in the
 * sorted rows' order).  One pass that reads each data row once, the rows
 * COX_AHEAD ahead fetched early (cox_internal.h). */
static void gather_rows(cox_work *cw, const cox_data *d, const skeyed *ord)
{
	size_t n = cw->n, q = cw->q;
	for (size_t r = 0; r < n; r++) {
		if (r + COX_AHEAD < n) {
			size_t a = ord[r + COX_AHEAD].idx;
			const double *xa = gsl_matrix_const_ptr(d->X, a, 0);
			__builtin_prefetch(xa);
			__builtin_prefetch(xa + (cw->p ? cw->p - 1 : 0));
			__builtin_prefetch(&d->status[a]);
			if (d->w)
				__builtin_prefetch(&d->w[a]);
		}
		size_t i = ord[r].idx;
		const double *x = gsl_matrix_const_ptr(d->X, i, 0);
		double *z = cw->z + r * q;
		cw->src[r] = i;
		cw->time[r] = ord[r].key;
		cw->status[r] = d->status[i];
		cw->w[r] = d->w ? d->w[i] : 1.0;
		if (cw->entry)
			cw->entry[r] = d->entry[i];
		if (cw->strat) {
			cw->strat[r] = ord[r].s;
			if (r == 0 || cw->strat[r] != cw->strat[r - 1])
				cw->nstrata++;
		}
		if (cw->status[r] == 1) {
			cw->events++;
			cw->wevents += cw->w[r];
		}
		for (size_t c = 0; c < q; c++) {
			z[c] = x[cw->keep[c]];
			cw->scale[c] += cw->w[r] * fabs(z[c] - cw->mean[c]);
		}
	}
}

churn_status cox_work_init(const cox_data *d, cox_work *cw, churn_err *err)
{
	churn_status st;
	skeyed *ord = NULL;
	memset(cw, 0, sizeof *cw);
	if (d->X == NULL || d->time == NULL || d->status == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cox_fit: no data");
	size_t N = colscan_nrows(d->X, d->rows, d->nrows);
	for (size_t k = 0; k < N; k++)
		if ((st = check_row(d, colscan_row(d->rows, k), err)) != CHURN_OK)
			return st;
	if ((st = colscan_run(d->X, d->w, d->rows, d->nrows, 0, d->aliased, &cw->cs, err)) !=
	    CHURN_OK)
		return st;
	cw->p = d->X->size2;
	cw->q = cw->cs.rank;
	cw->n = cw->cs.nused;
	size_t n = cw->n, q = cw->q, qa = q ? q : 1;
	ord = malloc(n * sizeof *ord);
	cw->keep = malloc(qa * sizeof *cw->keep);
	cw->src = malloc(n * sizeof *cw->src);
	cw->z = malloc(n * qa * sizeof *cw->z);
	mem_hint_huge(cw->z, n * qa * sizeof *cw->z);  /* filled in time order below */
	cw->time = malloc(n * sizeof *cw->time);
	cw->status = malloc(n * sizeof *cw->status);
	cw->w = malloc(n * sizeof *cw->w);
	cw->mean = calloc(qa, sizeof *cw->mean);
	cw->scale = calloc(qa, sizeof *cw->scale);
	cw->a = malloc(qa * sizeof *cw->a);
	cw->a2 = malloc(qa * sizeof *cw->a2);
	cw->cmat = malloc(qa * qa * sizeof *cw->cmat);
	cw->cmat2 = malloc(qa * qa * sizeof *cw->cmat2);
	if (d->entry != NULL) {
		cw->entry = malloc(n * sizeof *cw->entry);
		cw->eorder = malloc(n * sizeof *cw->eorder);
	}
	if (d->strata != NULL)
		cw->strat = malloc(n * sizeof *cw->strat);
	if (!ord || !cw->keep || !cw->src || !cw->z || !cw->time || !cw->status || !cw->w ||
	    !cw->mean || !cw->scale || !cw->a || !cw->a2 || !cw->cmat || !cw->cmat2 ||
	    (d->entry && (!cw->entry || !cw->eorder)) || (d->strata && !cw->strat)) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for the Cox fit of %zu rows", n);
		goto fail;
	}
	size_t m = 0;
	for (size_t k = 0; k < N; k++) {
		size_t i = colscan_row(d->rows, k);
		if ((d->w ? d->w[i] : 1.0) > 0) {
			ord[m].s = d->strata ? d->strata[i] : 0;
			ord[m].key = d->time[i];
			ord[m++].idx = i;
		}
	}
	if (counting_sort(ord, n) != 0)
		qsort(ord, n, sizeof *ord, cmp_skeyed_asc);
	for (size_t j = 0, c = 0; j < cw->p; j++)
		if (!cw->cs.aliased[j])
			cw->keep[c++] = j;
	for (size_t c = 0; c < q; c++) {
		cw->mean[c] = cw->cs.mean[cw->keep[c]];
		cw->scale[c] = 0;
	}
	gather_rows(cw, d, ord);
	if (cw->events == 0) {
		st = churn_err_set(err, CHURN_EDATA, "no events among the %zu rows: no Cox model", n);
		goto fail;
	}
	/* coxfit6's centring and scaling: scale = 1 / weighted mean |x - mean|.
	 * Row by row, each column's sum in the sorted rows' order (added up by
	 * gather_rows; scale holds the sums of absolute deviations until they
	 * are complete).  z holds the gathered x until it is centred and scaled
	 * in place. */
	for (size_t c = 0; c < q; c++)
		cw->scale[c] = cw->scale[c] > 0 ? cw->cs.wsum / cw->scale[c] : 1.0;
	for (size_t r = 0; r < n; r++) {
		double *z = cw->z + r * q;
		for (size_t c = 0; c < q; c++)
			z[c] = (z[c] - cw->mean[c]) * cw->scale[c];
	}
	if (cw->strat == NULL)
		cw->nstrata = 1;
	if (cw->entry) {
		/* Entry order: by stratum, latest entry first, as the walks from
		 * the last stratum's latest time back read it. */
		for (size_t r = 0; r < n; r++) {
			ord[r].s = cw->strat ? cw->strat[r] : 0;
			ord[r].key = cw->entry[r];
			ord[r].idx = r;
		}
		qsort(ord, n, sizeof *ord, cmp_skeyed_desc);
		for (size_t r = 0; r < n; r++)
			cw->eorder[r] = ord[r].idx;
	}
	free(ord);
	cox_cells_init(cw, d);
	return CHURN_OK;
fail:
	free(ord);
	cox_work_clear(cw);
	return st;
}

churn_status cox_prep_new(const cox_data *data, cox_prep **out, churn_err *err)
{
	churn_status st;
	cox_prep *p = calloc(1, sizeof *p);

	*out = NULL;
	if (p == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the Cox fit");
	if ((st = cox_work_init(data, &p->cw, err)) != CHURN_OK) {
		free(p);
		return st;
	}
	p->d = *data;
	*out = p;
	return CHURN_OK;
}

void cox_prep_free(cox_prep *p)
{
	if (p == NULL)
		return;
	cox_work_clear(&p->cw);
	free(p);
}

cox_result *cox_result_new(const cox_work *cw, const cox_opts *o)
{
	size_t p = cw->p, pa = p ? p : 1;
	cox_result *r = calloc(1, sizeof *r);
	if (r == NULL)
		return NULL;
	if (!coeftab_init(&r->coefs, p, COEFTAB_HAZARD, o->conf_level))
		goto fail;
	r->mean = malloc(pa * sizeof *r->mean);
	r->cov = malloc(pa * pa * sizeof *r->cov);
	r->infinite = calloc(pa, sizeof *r->infinite);
	if (r->mean == NULL || r->cov == NULL || r->infinite == NULL)
		goto fail;
	for (size_t j = 0; j < p * p; j++)
		r->cov[j] = NAN;
	for (size_t j = 0; j < p; j++) {
		r->coefs.aliased[j] = cw->cs.aliased[j];
		r->mean[j] = cw->cs.mean[j];
	}
	r->ties = o->ties;
	r->n = cw->n;
	r->events = cw->events;
	r->wevents = cw->wevents;
	r->rank = cw->q;
	r->nstrata = cw->nstrata;
	return r;
fail:
	cox_result_free(r);
	return NULL;
}

void cox_result_free(cox_result *r)
{
	if (r == NULL)
		return;
	coeftab_clear(&r->coefs);
	free(r->mean);
	free(r->infinite);
	free(r->cov);
	free(r);
}

churn_status cox_finish(const cox_work *cw, const double *beta,
                        const gsl_matrix *I, cox_result *r, churn_err *err)
{
	size_t q = cw->q, p = cw->p;
	churn_status st = CHURN_OK;
	gsl_matrix *C = gsl_matrix_alloc(q ? q : 1, q ? q : 1);
	double *lp = malloc((cw->n ? cw->n : 1) * sizeof *lp);
	if (C == NULL || lp == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	gsl_matrix_memcpy(C, I);
	int gs = gsl_linalg_cholesky_invert(C);
	if (gs != GSL_SUCCESS) {
		st = churn_err_set(err, CHURN_EMODEL, "cannot invert the Cox information matrix: %s",
		                   gsl_strerror(gs));
		goto done;
	}
	for (size_t a = 0; a < q; a++) {
		size_t j = cw->keep[a];
		double b = beta[a] * cw->scale[a];
		double se = sqrt(gsl_matrix_get(C, a, a)) * cw->scale[a];
		coeftab_set(&r->coefs, j, b, se);
		for (size_t c = 0; c < q; c++)
			r->cov[j * p + cw->keep[c]] = gsl_matrix_get(C, a, c) * cw->scale[a] * cw->scale[c];
	}
	/* Wald test b' V^-1 b = beta' I beta = |L' beta|^2 in the scaled coordinates. */
	double wald = 0;
	for (size_t j = 0; j < q; j++) {
		double s = 0;
		for (size_t k = j; k < q; k++)
			s += gsl_matrix_get(I, k, j) * beta[k];
		wald += s * s;
	}
	double df = (double)q;
	r->wald_test = wald;
	r->lr_test = 2 * (r->loglik - r->loglik_null);
	r->lr_p = q ? gsl_cdf_chisq_Q(r->lr_test, df) : NAN;
	r->wald_p = q ? gsl_cdf_chisq_Q(r->wald_test, df) : NAN;
	r->score_p = q ? gsl_cdf_chisq_Q(r->score_test, df) : NAN;

	/* Concordance of the fitted risk scores (scaled coordinates keep exact
	 * ties of identical covariate rows). */
	for (size_t r2 = 0; r2 < cw->n; r2++) {
		double s = 0;
		for (size_t c = 0; c < q; c++)
			s += beta[c] * cw->z[r2 * q + c];
		lp[r2] = s;
	}
	st = cox_concordance_sorted(cw, lp, &r->concordance, err);
done:
	gsl_matrix_free(C);
	free(lp);
	return st;
}

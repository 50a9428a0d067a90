/* cox_baseline.c - the baseline cumulative hazard of a Cox fit, stratum by
 * stratum, and how far each stratum's data reach; see include/churnkit/cox.h. */
#include "model/cox_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double cox_lp(const cox_result *r, const double *x)
{
	double lp = 0;
	const coeftab *t = &r->coefs;
	for (size_t j = 0; j < t->p; j++)
		if (!t->aliased[j] && !isnan(t->coef[j]))
			lp += t->coef[j] * (x[j] - r->mean[j]);
	return lp;
}

void cox_baseline_free(cox_baseline *b)
{
	if (b == NULL)
		return;
	free(b->time);
	free(b->cumhaz);
	free(b->strata);
	free(b->first);
	free(b->stratum_last);
	free(b->limit);
	free(b);
}

long cox_baseline_stratum(const cox_baseline *b, size_t code)
{
	for (size_t k = 0; k < b->nstrata; k++)
		if (b->strata[k] == code)
			return (long)k;
	return -1;
}

double cox_baseline_cumhaz_between(const cox_baseline *b, size_t base, size_t lo, size_t hi,
                                   double t)
{
	/* The last event time <= t among [lo, hi). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->time[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == base ? 0.0 : b->cumhaz[lo - 1];
}

double cox_baseline_cumhaz_in(const cox_baseline *b, size_t k, double t)
{
	return cox_baseline_cumhaz_between(b, b->first[k], b->first[k], b->first[k + 1], t);
}

double cox_baseline_cumhaz(const cox_baseline *b, double t)
{
	return cox_baseline_cumhaz_in(b, 0, t);
}

double cox_surv(const cox_baseline *b, double lp, double t)
{
	return exp(-cox_baseline_cumhaz(b, t) * exp(lp));
}

/* Stratum by stratum (sorted rows cw->strat), the latest time u at which
 * the weight of the rows at risk (entry < u <= time) is at least min_n;
 * 0 when it never is.  The candidates are the times and the entry times:
 * the at-risk weight is constant between two consecutive candidates and
 * reaches its value on each interval at the interval's right end. */
static churn_status risk_limits(const cox_work *cw, double min_n, cox_baseline *b,
                                churn_err *err)
{
	size_t n = cw->n;
	keyed *ent = cw->entry ? malloc((n ? n : 1) * sizeof *ent) : NULL;
	if (cw->entry && ent == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the Cox baseline hazard");
	for (size_t k = 0, lo = 0; k < b->nstrata; k++) {
		size_t hi = lo;
		while (hi < n && cox_same_stratum(cw, hi, cw->strat ? cw->strat[lo] : 0))
			hi++;
		/* Rows lo..hi-1 (times ascending); their entries, descending. */
		size_t ne = 0;
		if (ent) {
			for (size_t r = lo; r < hi; r++)
				ent[ne++] = (keyed){cw->entry[r], r};
			qsort(ent, ne, sizeof *ent, cmp_keyed_desc);
		}
		double lim = 0, wt = 0, we = 0;  /* weight with time >= u, with entry >= u */
		size_t pt = hi, pe = 0;
		while (pt > lo || pe < ne) {
			/* The next candidate u, from the top. */
			double u = pt > lo ? cw->time[pt - 1] : -INFINITY;
			if (pe < ne && ent[pe].key > u)
				u = ent[pe].key;
			while (pt > lo && cw->time[pt - 1] >= u)
				wt += cw->w[--pt];
			while (pe < ne && ent[pe].key >= u)
				we += cw->w[ent[pe++].idx];
			if (wt - we >= min_n) {
				lim = u;
				break;
			}
		}
		b->limit[k] = lim;
		lo = hi;
	}
	free(ent);
	return CHURN_OK;
}

churn_status cox_baseline_fit(const cox_data *data, const cox_result *r, cox_baseline **out,
                              churn_err *err)
{
	return cox_baseline_fit_n(data, r, 0, out, err);
}

churn_status cox_baseline_fit_n(const cox_data *data, const cox_result *r, double min_n,
                                cox_baseline **out, churn_err *err)
{
	cox_prep *p;
	churn_status st;

	*out = NULL;
	if ((st = cox_prep_new(data, &p, err)) != CHURN_OK)
		return st;
	st = cox_baseline_fit_prep(p, r, min_n, out, err);
	cox_prep_free(p);
	return st;
}

churn_status cox_baseline_fit_prep(const cox_prep *p, const cox_result *r, double min_n,
                                   cox_baseline **out, churn_err *err)
{
	const cox_work *cw = &p->cw;
	const cox_data *data = &p->d;
	churn_status st = CHURN_OK;
	double *risk = NULL;
	cox_baseline *b = NULL;

	*out = NULL;
	size_t n = cw->n, na = n ? n : 1, ns = cw->nstrata;
	risk = malloc(na * sizeof *risk);
	b = calloc(1, sizeof *b);
	if (b != NULL) {
		b->time = malloc(na * sizeof *b->time);
		b->cumhaz = malloc(na * sizeof *b->cumhaz);
		b->strata = calloc(ns, sizeof *b->strata);
		b->first = calloc(ns + 1, sizeof *b->first);
		b->stratum_last = calloc(ns, sizeof *b->stratum_last);
		b->limit = calloc(ns, sizeof *b->limit);
	}
	if (risk == NULL || b == NULL || b->time == NULL || b->cumhaz == NULL ||
	    b->strata == NULL || b->first == NULL || b->stratum_last == NULL || b->limit == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for the Cox baseline hazard");
		goto done;
	}
	b->ties = r->ties;
	b->nstrata = ns;
	b->min_n = min_n;
	b->last_time = 0;
	for (size_t i = 0; i < n; i++) {
		/* The rows of X in time order are scattered: ask early. */
		if (i + COX_AHEAD < n)
			__builtin_prefetch(gsl_matrix_const_ptr(data->X, cw->src[i + COX_AHEAD], 0));
		risk[i] = cw->w[i] * exp(cox_lp(r, gsl_matrix_const_ptr(data->X, cw->src[i], 0)));
		if (cw->time[i] > b->last_time)
			b->last_time = cw->time[i];
	}
	/* The strata and their last times (rows sorted by stratum, then time). */
	for (size_t i = 0, k = 0; i < n; i++) {
		if (i > 0 && cw->strat != NULL && cw->strat[i] != cw->strat[i - 1])
			k++;
		b->strata[k] = cw->strat ? cw->strat[i] : 0;
		b->stratum_last[k] = cw->time[i];
	}

	/* From the latest time back, as cox_iter: the risk set holds the rows
	 * of the stratum with time >= t, less those entering at or after t.
	 * The increments go into cumhaz[] from the end (so that the strata come
	 * out in ascending order), then are summed forward within each stratum. */
	double denom = 0;
	size_t out_ = 0, k = n, cur = (size_t)-1, sk = ns;
	for (size_t person = n; person > 0;) {
		if (cur == (size_t)-1 || (cw->strat != NULL && cw->strat[person - 1] != cur)) {
			cur = cw->strat ? cw->strat[person - 1] : 0;
			b->first[sk--] = k;
			denom = 0;
			while (cw->entry != NULL && out_ < n && !cox_same_stratum(cw, cw->eorder[out_], cur))
				out_++;
		}
		double dtime = cw->time[person - 1], deadwt = 0, erisk = 0;
		size_t ndead = 0;
		while (person > 0 && cw->time[person - 1] == dtime &&
		       cox_same_stratum(cw, person - 1, cur)) {
			size_t i = --person;
			denom += risk[i];
			if (cw->status[i] != 0) {
				ndead++;
				deadwt += cw->w[i];
				erisk += risk[i];
			}
		}
		while (cw->entry != NULL && out_ < n && cox_same_stratum(cw, cw->eorder[out_], cur) &&
		       cw->entry[cw->eorder[out_]] >= dtime)
			denom -= risk[cw->eorder[out_++]];
		if (ndead == 0)
			continue;
		double dh = 0;
		if (r->ties == COX_BRESLOW || ndead == 1) {
			dh = deadwt / denom;
		} else {
			double d = (double)ndead;
			for (size_t m = 0; m < ndead; m++)
				dh += (deadwt / d) / (denom - ((double)m / d) * erisk);
		}
		k--;
		b->time[k] = dtime;
		b->cumhaz[k] = dh;
	}
	b->first[0] = k;
	b->n = n - k;
	memmove(b->time, b->time + k, b->n * sizeof *b->time);
	memmove(b->cumhaz, b->cumhaz + k, b->n * sizeof *b->cumhaz);
	for (size_t s = 0; s <= ns; s++)
		b->first[s] -= k;
	for (size_t s = 0; s < ns; s++)
		for (size_t j = b->first[s] + 1; j < b->first[s + 1]; j++)
			b->cumhaz[j] += b->cumhaz[j - 1];
	st = risk_limits(cw, min_n, b, err);
done:
	free(risk);
	if (st != CHURN_OK) {
		cox_baseline_free(b);
		return st;
	}
	*out = b;
	return CHURN_OK;
}

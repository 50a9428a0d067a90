/*
 * km_summary.c - what R prints about a survfit curve (include/churnkit/km.h):
 * median and its interval and the restricted mean (survival:::survmean, used
 * by print.survfit), quantiles (quantile.survfit's findq), and survival at
 * chosen times (summary.survfit with times=, on survfit0's curve that starts
 * with S(0) = 1).
 */
#include "churnkit/km.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#define KM_TOL 1.4901161193847656e-08 /* sqrt(.Machine$double.eps) */

/* survmean's minmin(y, x). */
double km_median_rule(const double *x, const double *y, size_t m)
{
	size_t k = 0;
	while (k < m && !(!isnan(y[k]) && y[k] < 0.5 + KM_TOL))
		k++;
	if (k == m)
		return NAN;
	if (fabs(y[k] - 0.5) < KM_TOL) {
		for (size_t j = k + 1; j < m; j++)
			if (!isnan(y[j]) && y[j] < y[k])
				return (x[k] + x[j]) / 2;
	}
	return x[k];
}

churn_status km_stats_compute(const km_curve *c, double tau, km_stats *out,
                              churn_err *err)
{
	if (c == NULL || out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "km_stats_compute: missing argument");
	size_t m = c->m;
	if (m == 0)
		return churn_err_set(err, CHURN_EDATA, "survival: empty curve");
	if (!(tau > 0))
		tau = c->time[m - 1];

	out->median = km_median_rule(c->time, c->surv, m);
	out->median_lower = km_median_rule(c->time, c->lower, m);
	out->median_upper = km_median_rule(c->time, c->upper, m);
	out->rmst_tau = tau;

	/* survmean's pfun: the steps at or before tau, then tau itself */
	size_t keep = 0;
	while (keep < m && c->time[keep] <= tau)
		keep++;
	if (keep == 0) {
		out->rmst = tau;
		out->rmst_se = 0;
		return CHURN_OK;
	}
	/* rectangles r_j = (t_j - t_{j-1}) S_{j-1}, j = 0..keep (t_keep = tau,
	 * t_{-1} = 0, S_{-1} = 1) */
	long double area = 0, acc = 0, var = 0;
	size_t nr = keep + 1;
	double *rect = malloc(nr * sizeof *rect);
	if (rect == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	for (size_t j = 0; j < nr; j++) {
		double tj = j < keep ? c->time[j] : tau;
		double tprev = j == 0 ? 0.0 : c->time[j - 1];
		double sprev = j == 0 ? 1.0 : c->surv[j - 1];
		rect[j] = (tj - tprev) * sprev;
		area += rect[j];
	}
	/* var = sum_j hh_j (sum_{i > j} r_i)^2, summed from the end as R does */
	for (size_t j = nr - 1; j >= 1; j--) {
		size_t h = j - 1; /* the step whose hazard pairs with the area after it */
		acc += rect[j];
		double nr_h = c->n_risk[h], d = c->n_event[h];
		double hh = (nr_h - d == 0) ? 0.0 : d / (nr_h * (nr_h - d));
		double a = (double)acc;
		var += (long double)(a * a * hh);
	}
	free(rect);
	out->rmst = (double)area;
	out->rmst_se = sqrt((double)var);
	return CHURN_OK;
}

/* ---- quantile.survfit ------------------------------------------------------ */

/* approx(xs, idx, v, method = "constant", f = 1, rule = 1) on points sorted
 * by xs (R's approx1); returns an index or (size_t)-1 for NA. */
static size_t approx_const(const double *xs, const size_t *idx, size_t n, double v)
{
	if (n == 0 || v < xs[0] || v > xs[n - 1])
		return (size_t)-1;
	size_t i = 0, j = n - 1;
	while (i + 1 < j) {
		size_t ij = (i + j) / 2;
		if (v < xs[ij])
			j = ij;
		else
			i = ij;
	}
	if (v == xs[j])
		return idx[j];
	if (v == xs[i])
		return idx[i];
	return idx[j];
}

typedef struct {
	double v;
	size_t i;
} vpair;

static int vpair_cmp(const void *a, const void *b)
{
	const vpair *x = a, *y = b;
	if (x->v < y->v)
		return -1;
	if (x->v > y->v)
		return 1;
	return x->i < y->i ? -1 : x->i > y->i; /* stable, as order() */
}

/* findq(x, y, p, tol) for x = c(0, time), y = c(0, 1 - curve); writes one
 * quantile per p.  Work arrays hold m + 1 entries each.  When the non-NaN
 * y never decrease (always so for S, nearly always for its bounds) the
 * duplicates are neighbours and the points are already sorted, so the work
 * is linear; otherwise both steps sort. */
static void findq(const double *time, const double *curve, size_t m,
                  const double *p, size_t np, double pmin, double *q,
                  vpair *work, double *xs, double *xs2, size_t *ix, double *xd,
                  double *yd, unsigned char *keep)
{
	size_t n = 0, m1 = m + 1;
	double ymax = -INFINITY, last = -INFINITY;
	double xmax = m ? time[m - 1] : 0.0;
	int monotone = 1;

	for (size_t k = 0; k < m1; k++) {
		double yk = k == 0 ? 0.0 : 1 - curve[k - 1];
		if (isnan(yk))
			continue;
		if (yk < last)
			monotone = 0;
		last = yk;
		if (yk > ymax)
			ymax = yk;
	}
	if (ymax < pmin) {
		for (size_t k = 0; k < np; k++)
			q[k] = NAN;
		return;
	}

	/* duplicated(y): keep the first of each value, NaN equal to NaN */
	if (monotone) {
		int seen_nan = 0, have = 0;
		double prev = 0;
		for (size_t k = 0; k < m1; k++) {
			double yk = k == 0 ? 0.0 : 1 - curve[k - 1];
			if (isnan(yk)) {
				keep[k] = !seen_nan;
				seen_nan = 1;
			} else {
				keep[k] = !(have && yk == prev);
				prev = yk;
				have = 1;
			}
		}
	} else {
		size_t nv = 0;
		int seen_nan = 0;
		for (size_t k = 0; k < m1; k++) {
			double yk = k == 0 ? 0.0 : 1 - curve[k - 1];
			keep[k] = 0;
			if (isnan(yk)) {
				keep[k] = !seen_nan;
				seen_nan = 1;
			} else {
				work[nv].v = yk;
				work[nv].i = k;
				nv++;
			}
		}
		qsort(work, nv, sizeof *work, vpair_cmp);
		for (size_t l = 0; l < nv; l++)
			if (l == 0 || work[l].v != work[l - 1].v)
				keep[work[l].i] = 1;
	}
	for (size_t k = 0; k < m1; k++) {
		if (!keep[k])
			continue;
		xd[n] = k == 0 ? 0.0 : time[k - 1];
		yd[n] = k == 0 ? 0.0 : 1 - curve[k - 1];
		n++;
	}

	/* the points (y + tol, index) and (y - tol, index), sorted by value */
	size_t nv = 0;
	for (size_t l = 0; l < n; l++) {
		if (isnan(yd[l]))
			continue;
		work[nv].v = yd[l];
		work[nv].i = l;
		nv++;
	}
	if (!monotone)
		qsort(work, nv, sizeof *work, vpair_cmp);
	for (size_t l = 0; l < nv; l++) {
		xs[l] = work[l].v + KM_TOL;
		xs2[l] = work[l].v - KM_TOL;
		ix[l] = work[l].i;
	}
	for (size_t k = 0; k < np; k++) {
		size_t i1 = approx_const(xs, ix, nv, p[k]);
		size_t i2 = approx_const(xs2, ix, nv, p[k]);
		double quant = (i1 == (size_t)-1 || i2 == (size_t)-1)
		                       ? NAN
		                       : (xd[i1] + xd[i2]) / 2;
		if (p[k] == 0)
			quant = xd[0];
		if (!isnan(yd[n - 1]) && fabs(p[k] - yd[n - 1]) < KM_TOL)
			quant = i1 == (size_t)-1 ? NAN : (xd[i1] + xmax) / 2;
		q[k] = quant;
	}
}

churn_status km_quantiles(const km_curve *c, const double *p, size_t np,
                          double *q, double *q_lower, double *q_upper,
                          churn_err *err)
{
	if (c == NULL || (np > 0 && p == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "km_quantiles: missing argument");
	double pmin = INFINITY;
	for (size_t k = 0; k < np; k++) {
		if (!(p[k] >= 0 && p[k] <= 1))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "survival: quantile %g is not in [0, 1]", p[k]);
		if (p[k] < pmin)
			pmin = p[k];
	}
	if (np == 0)
		return CHURN_OK;
	size_t m1 = c->m + 1;
	vpair *work = malloc(m1 * sizeof *work);
	double *xs = malloc(m1 * sizeof *xs);
	double *xs2 = malloc(m1 * sizeof *xs2);
	size_t *ix = malloc(m1 * sizeof *ix);
	double *xd = malloc(m1 * sizeof *xd);
	double *yd = malloc(m1 * sizeof *yd);
	double *tmp = malloc(np * sizeof *tmp);
	unsigned char *keep = malloc(m1);
	churn_status st = CHURN_OK;
	if (!work || !xs || !xs2 || !ix || !xd || !yd || !tmp || !keep) {
		st = churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
		goto done;
	}
	findq(c->time, c->surv, c->m, p, np, pmin, q ? q : tmp, work, xs, xs2, ix, xd, yd,
	      keep);
	findq(c->time, c->lower, c->m, p, np, pmin, q_lower ? q_lower : tmp, work, xs,
	      xs2, ix, xd, yd, keep);
	findq(c->time, c->upper, c->m, p, np, pmin, q_upper ? q_upper : tmp, work, xs,
	      xs2, ix, xd, yd, keep);
done:
	free(work);
	free(xs);
	free(xs2);
	free(ix);
	free(xd);
	free(yd);
	free(tmp);
	free(keep);
	return st;
}

/* ---- summary.survfit(times=) ----------------------------------------------- */

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

churn_status km_at_times(const km_curve *c, const double *times, size_t nt,
                         int extend, km_at **out, size_t *nout, churn_err *err)
{
	if (c == NULL || out == NULL || nout == NULL || (nt > 0 && times == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "km_at_times: missing argument");
	*out = NULL;
	*nout = 0;
	size_t m = c->m;
	if (m == 0 || nt == 0)
		return CHURN_OK;
	double *ts = malloc(nt * sizeof *ts);
	if (ts == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	size_t k = 0;
	for (size_t j = 0; j < nt; j++)
		if (isfinite(times[j]) && (extend || times[j] <= c->time[m - 1]))
			ts[k++] = times[j];
	if (k == 0) {
		free(ts);
		return CHURN_OK;
	}
	qsort(ts, k, sizeof *ts, dbl_cmp);
	km_at *a = malloc(k * sizeof *a);
	if (a == NULL) {
		free(ts);
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	}

	/* survfit0: a row (0, S = 1, se 0, [1, 1], n_risk of the first step)
	 * goes before the steps unless the first step is at time 0. */
	int lead = c->time[0] != 0;
	double cum_ev = 0, cum_ce = 0, prev_ev = 0, prev_ce = 0;
	size_t i = 0; /* steps with time <= t seen so far */
	for (size_t j = 0; j < k; j++) {
		double t = ts[j];
		while (i < m && c->time[i] <= t) {
			cum_ev += c->n_event[i];
			cum_ce += c->n_censor[i];
			i++;
		}
		/* row index1 of the fit0 curve, pmax(1, index1) */
		km_at *r = &a[j];
		r->time = t;
		if (i == 0 && (lead || m == 0)) {
			r->surv = 1;
			r->se = 0;
			r->lower = r->upper = 1;
		} else {
			size_t s = i == 0 ? 0 : i - 1;
			r->surv = c->surv[s];
			r->se = c->std_err[s] * c->surv[s];
			r->lower = c->lower[s];
			r->upper = c->upper[s];
		}
		/* n_risk at the first step with time >= t */
		size_t f = i;
		if (f > 0 && c->time[f - 1] == t)
			while (f > 0 && c->time[f - 1] == t)
				f--;
		r->n_risk = f < m ? c->n_risk[f] : 0;
		r->n_event = cum_ev - prev_ev;
		r->n_censor = cum_ce - prev_ce;
		prev_ev = cum_ev;
		prev_ce = cum_ce;
	}
	free(ts);
	*out = a;
	*nout = k;
	return CHURN_OK;
}

/*
 * cuminc.c - the Aalen-Johansen cumulative incidence of competing churn
 * reasons with the infinitesimal-jackknife standard error of R's
 * multi-state survfit (include/churnkit/cuminc.h, docs/method.md).
 *
 * survfitci.c keeps an n x (K + 1) influence matrix U and, at each time with
 * an event, multiplies it by the transition matrix H and adds each at-risk
 * customer's own term: O(n m K).  For competing risks H has one row that is
 * not the identity, so every U_i is a linear function of the curve that is
 * fixed between the steps where i is at risk:
 *   - while at risk (entry < t_j, time > t_j), U_ik moves by
 *     dF_kj x_i + alpha_kj, and x_i by beta_j, where
 *     alpha_kj = -S_{j-1} d_kj / n_j^2,  beta_j = d_j / (n_j (n_j - d_j));
 *     a customer enters with x = beta_j, U_k = alpha_kj;
 *   - after leaving, U_ik moves by dF_kj a_i (a_i fixed), and U_i0 = S a_i.
 * So sum_i w_i U_ik^2 is kept through a few weighted sums that move with the
 * curve (the in-risk set: W, sum w x, sum w x^2, sum w U_k, sum w U_k^2,
 * sum w x U_k; the left set: sum w U_k^2, sum w a U_k, sum w a^2): O(1) a
 * step and state, O(K) a row.  A customer's values at step j come from the
 * cumulative sums CB_j = sum beta, CY_kj = sum (beta F_k - alpha_k).
 */
#include "churnkit/cuminc.h"
#include "cuminc_curve.h"
#include "surv_tab.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

void cuminc_opts_default(cuminc_opts *o)
{
	o->conf_type = KM_CONF_LOG;
	o->conf_level = 0.95;
	o->timefix = 1;
}

/* survfit_confint(p, se, logse = FALSE) for one value. */
static void conf_interval(km_conf_type type, double z, double p, double se,
                          double *lo, double *hi)
{
	double s = se == 0 ? 0.0 : se / p;   /* the se of log p */

	if (type == KM_CONF_PLAIN) {
		double l = p - s * p * z, u = p + s * p * z;
		*lo = isnan(l) ? l : fmax(l, 0.0);
		*hi = isnan(u) ? u : fmin(u, 1.0);
	} else if (type == KM_CONF_LOG) {
		if (p == 0) {
			*lo = *hi = NAN;
			return;
		}
		double u = exp(log(p) + z * s);
		*lo = exp(log(p) - z * s);
		*hi = isnan(u) ? u : fmin(u, 1.0);
	} else { /* log-log */
		if (p == 0 || p == 1) {
			*lo = *hi = NAN;
			return;
		}
		double se2 = z * s / log(p), ll = log(-log(p));
		*lo = exp(-exp(ll - se2));
		*hi = exp(-exp(ll + se2));
	}
}

/* The rows of one level, as positions into the sorted surv_prep arrays. */
typedef struct {
	const surv_prep *p;
	const uint32_t *cause;  /* by row */
	const size_t *bytime;   /* [rows] positions i (time order) */
	const size_t *byentry;  /* [rows] positions k (entry order), or NULL */
	size_t rows;
	uint32_t K;
} level_rows;

/* Per-step arrays of one level, filled by curve_steps. */
typedef struct {
	double *prev;   /* [m] S_{j-1} */
	double *beta;   /* [m] */
	double *alpha;  /* [m K] */
	double *cb;     /* [m] CB_j */
	double *cy;     /* [m K] CY_kj */
} steps;

static double row_weight(const surv_prep *p, size_t i)
{
	return p->has_weight ? p->weight[i] : 1.0;
}

/* Counts, estimates, alpha, beta and the cumulative sums (pass 1). */
static void curve_steps(const surv_tab *t, const level_rows *lr, cuminc_curve *c,
                        steps *st)
{
	uint32_t K = lr->K, ns = K + 1;
	size_t q = 0;
	double S = 1, cb = 0;

	for (size_t j = 0; j < t->m; j++) {
		double *dk = &c->n_event[CUMINC_AT(c, j, 0)];
		c->time[j] = t->time[j];
		c->n_risk[j] = t->nrisk[j];
		c->n_censor[j] = t->ncensor[j];
		for (; q < lr->rows && lr->p->time[lr->bytime[q]] == t->time[j]; q++) {
			size_t i = lr->bytime[q];
			uint32_t k = lr->cause[lr->p->order[i]];
			if (k > 0)
				dk[k] += row_weight(lr->p, i);
		}
		double n = t->nrisk[j], d = 0;
		for (uint32_t k = 1; k < ns; k++)
			d += dk[k];
		dk[0] = d;
		double *est = &c->estimate[CUMINC_AT(c, j, 0)];
		const double *before = j > 0 ? &c->estimate[CUMINC_AT(c, j - 1, 0)] : NULL;
		st->prev[j] = S;
		st->beta[j] = 0;
		for (uint32_t k = 1; k < ns; k++) {
			est[k] = before ? before[k] : 0.0;
			st->alpha[j * K + k - 1] = 0;
		}
		if (d > 0) { /* survfitci.c's update, H = I + dH */
			for (uint32_t k = 1; k < ns; k++) {
				est[k] += S * (dk[k] / n);
				st->alpha[j * K + k - 1] = -S * dk[k] / (n * n);
			}
			if (n > d)
				st->beta[j] = d / (n * (n - d));
			S = S * (1 - d / n);
		}
		est[0] = S;
		cb += st->beta[j];
		st->cb[j] = cb;
		for (uint32_t k = 0; k < K; k++) {
			double prevcy = j > 0 ? st->cy[(j - 1) * K + k] : 0.0;
			st->cy[j * K + k] = prevcy + st->beta[j] * est[k + 1] - st->alpha[j * K + k];
		}
	}
}

/* The weighted sums of the IJ variance (see the top of this file). */
typedef struct {
	long double w, wx, wxx;        /* in-risk set */
	long double *wu, *wuu, *wxu;   /* [K] in-risk set */
	long double *luu, *lau;        /* [K] left set */
	long double laa;
} ijsums;

/* Moves every sum from step j - 1 to step j. */
static void sums_step(ijsums *s, uint32_t K, double beta, const double *alpha,
                      const double *dF)
{
	long double w = s->w, wx = s->wx, wxx = s->wxx, b = beta;
	for (uint32_t k = 0; k < K; k++) {
		long double a = alpha[k], D = dF[k];
		long double wu = s->wu[k], wuu = s->wuu[k], wxu = s->wxu[k];
		s->wuu[k] = wuu + 2 * D * wxu + 2 * a * wu + D * D * wxx + 2 * D * a * wx
		            + a * a * w;
		s->wu[k] = wu + D * wx + a * w;
		s->wxu[k] = wxu + D * wxx + a * wx + b * (wu + D * wx + a * w);
		s->luu[k] += 2 * D * s->lau[k] + D * D * s->laa;
		s->lau[k] += D * s->laa;
	}
	s->wxx = wxx + 2 * b * wx + b * b * w;
	s->wx = wx + b * w;
}

/* Adds (sign +1) or removes (-1) one customer of the in-risk set. */
static void sums_in(ijsums *s, uint32_t K, double sign, double w, double x,
                    const double *u)
{
	long double sw = (long double)sign * w;
	s->w += sw;
	s->wx += sw * x;
	s->wxx += sw * x * x;
	for (uint32_t k = 0; k < K; k++) {
		s->wu[k] += sw * u[k];
		s->wuu[k] += sw * (long double)u[k] * u[k];
		s->wxu[k] += sw * (long double)x * u[k];
	}
}

/* The IJ standard errors and intervals of one level (pass 2).  `first` is
 * scratch [n], by row: the step at which each row enters the risk set;
 * `s` starts at zero; `scratch` has 3 K doubles. */
static void curve_se(const surv_tab *t, const level_rows *lr, const steps *st,
                     cuminc_curve *c, size_t *first, ijsums *s, double *scratch)
{
	const surv_prep *p = lr->p;
	uint32_t K = lr->K, ns = K + 1;
	double *dF = scratch, *x_u = scratch + K, *l_u = scratch + 2 * K;
	double z = gsl_cdf_ugaussian_Pinv(1 - (1 - c->opts.conf_level) / 2);
	size_t q = 0, qe = 0;

	for (size_t j = 0; j < t->m; j++) {
		const double *est = &c->estimate[CUMINC_AT(c, j, 0)];
		const double *al = &st->alpha[j * K];
		for (uint32_t k = 0; k < K; k++)
			dF[k] = est[k + 1] - (j > 0 ? c->estimate[CUMINC_AT(c, j - 1, k + 1)] : 0.0);
		sums_step(s, K, st->beta[j], al, dF);

		/* entrants: entry < t_j (every row at the first step without entry);
		 * the entry step is kept by row position in time order */
		if (lr->byentry != NULL) {
			for (; qe < lr->rows && p->entry[lr->byentry[qe]] < t->time[j]; qe++) {
				size_t k = lr->byentry[qe];
				first[p->eorder[k]] = j;
				double w = p->has_weight ? p->eweight[k] : 1.0;
				if (w > 0)
					sums_in(s, K, 1, w, st->beta[j], al);
			}
		} else if (j == 0) {
			for (size_t r = 0; r < lr->rows; r++) {
				size_t i = lr->bytime[r];
				first[p->order[i]] = 0;
				double w = row_weight(p, i);
				if (w > 0)
					sums_in(s, K, 1, w, st->beta[0], al);
			}
		}

		/* leavers: time = t_j, from the in-risk set to the left set */
		for (; q < lr->rows && p->time[lr->bytime[q]] == t->time[j]; q++) {
			size_t i = lr->bytime[q], row = p->order[i];
			double w = row_weight(p, i);
			if (!(w > 0))
				continue;
			size_t e = first[row];
			double c0 = e > 0 ? st->cb[e - 1] : 0.0;
			double x = st->cb[j] - c0;
			for (uint32_t k = 0; k < K; k++) {
				double y = e > 0 ? st->cy[(e - 1) * K + k] : 0.0;
				x_u[k] = est[k + 1] * x - (st->cy[j * K + k] - y);
			}
			sums_in(s, K, -1, w, x, x_u);
			uint32_t cause = lr->cause[row];
			double a = x;
			if (cause == 0) {
				for (uint32_t k = 0; k < K; k++)
					l_u[k] = x_u[k];
			} else {
				double n = t->nrisk[j];
				double xb = (j > 0 ? st->cb[j - 1] : 0.0) - c0;
				a = xb - 1 / n;
				for (uint32_t k = 0; k < K; k++) {
					double y = e > 0 ? st->cy[(e - 1) * K + k] : 0.0;
					double cyb = j > 0 ? st->cy[(j - 1) * K + k] : 0.0;
					l_u[k] = est[k + 1] * xb - (cyb - y) + al[k]
					         + (k + 1 == cause ? st->prev[j] / n : 0.0);
				}
			}
			s->laa += (long double)w * a * a;
			for (uint32_t k = 0; k < K; k++) {
				s->luu[k] += (long double)w * l_u[k] * l_u[k];
				s->lau[k] += (long double)w * a * l_u[k];
			}
		}

		double *se = &c->se[CUMINC_AT(c, j, 0)];
		double v0 = (double)(s->laa + s->wxx);
		se[0] = v0 > 0 ? est[0] * sqrt(v0) : 0.0;
		for (uint32_t k = 0; k < K; k++) {
			double v = (double)(s->luu[k] + s->wuu[k]);
			se[k + 1] = v > 0 ? sqrt(v) : 0.0;
		}
		for (uint32_t k = 0; k < ns; k++)
			conf_interval(c->opts.conf_type, z, est[k], se[k],
			              &c->lower[CUMINC_AT(c, j, k)], &c->upper[CUMINC_AT(c, j, k)]);
	}
}

/* Positions 0..n of the sorted arrays grouped by level, each level's in
 * their sorted order (a stable counting sort); start[l] is where level l
 * begins, start[nlevels] the rows in some level. */
static void by_level(const uint32_t *group, uint32_t nlevels, const uint32_t *order,
                     size_t n, size_t *start, size_t *pos)
{
	for (uint32_t l = 0; l <= nlevels; l++)
		start[l] = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t g = group ? group[order[i]] : 0;
		if (g != SURV_GROUP_NA)
			start[g + 1]++;
	}
	for (uint32_t l = 0; l < nlevels; l++)
		start[l + 1] += start[l];
	size_t *fill = pos + n; /* n more entries of scratch */
	for (uint32_t l = 0; l < nlevels; l++)
		fill[l] = start[l];
	for (size_t i = 0; i < n; i++) {
		uint32_t g = group ? group[order[i]] : 0;
		if (g != SURV_GROUP_NA)
			pos[fill[g]++] = i;
	}
}

static churn_status check_input(const cuminc_data *d, const cuminc_opts *o,
                                churn_err *err)
{
	if (d->time == NULL || d->cause == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cuminc_fit: missing time or cause");
	if (d->ncause == 0 || d->ncause >= UINT32_MAX / 2)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "cumulative incidence: %lu churn reasons",
		                     (unsigned long)d->ncause);
	if (!(o->conf_level > 0 && o->conf_level < 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "cumulative incidence: confidence level %g is not in (0, 1)",
		                     o->conf_level);
	if (km_conf_name(o->conf_type) == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "cumulative incidence: unknown interval type");
	if (d->n == 0)
		return churn_err_set(err, CHURN_EDATA, "cumulative incidence: no customers");
	for (size_t r = 0; r < d->n; r++)
		if (d->cause[r] > d->ncause)
			return churn_err_set(err, CHURN_EDATA,
			                     "cumulative incidence: record %zu: reason code %lu "
			                     "is not in 0..%lu", r + 1,
			                     (unsigned long)d->cause[r], (unsigned long)d->ncause);
	return CHURN_OK;
}

churn_status cuminc_fit(const cuminc_data *d, const cuminc_opts *opts,
                        cuminc_result **out, churn_err *err)
{
	cuminc_opts o;
	churn_status st;
	surv_prep *p = NULL;
	surv_groups *g = NULL;
	cuminc_result *res = NULL;
	int *event = NULL;
	size_t *idx = NULL;
	double *work = NULL;
	long double *lwork = NULL;

	if (out == NULL || d == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cuminc_fit: missing argument");
	*out = NULL;
	if (opts == NULL)
		cuminc_opts_default(&o);
	else
		o = *opts;
	st = check_input(d, &o, err);
	if (st != CHURN_OK)
		return st;

	size_t n = d->n;
	uint32_t K = d->ncause;
	event = malloc(n * sizeof *event);
	if (event == NULL)
		goto nomem;
	for (size_t r = 0; r < n; r++)
		event[r] = d->cause[r] > 0;
	surv_data sd = { n, d->time, event, d->weight, d->entry };
	st = surv_prep_new(&sd, o.timefix, &p, err);
	if (st != CHURN_OK)
		goto done;
	st = surv_groups_new(p, d->group, d->nlevels, &g, err);
	if (st != CHURN_OK)
		goto done;
	uint32_t nl = g->nlevels;

	res = calloc(1, sizeof *res);
	if (res == NULL || (res->curve = calloc(nl, sizeof *res->curve)) == NULL)
		goto nomem;
	res->nlevels = nl;
	res->ncause = K;

	/* by time: start [nl + 1], pos [n], fill [nl]; the same by entry; first [n] */
	size_t ni = 2 * (nl + 1 + n + nl) + n;
	idx = malloc(ni * sizeof *idx);
	size_t mmax = 0;
	for (uint32_t l = 0; l < nl; l++)
		if (g->tab[l].m > mmax)
			mmax = g->tab[l].m;
	work = malloc(((3 + 2 * (size_t)K) * mmax + 3 * (size_t)K + 1) * sizeof *work);
	lwork = malloc((5 * (size_t)K + 1) * sizeof *lwork);
	if (idx == NULL || work == NULL || lwork == NULL)
		goto nomem;
	size_t *tstart = idx, *tpos = tstart + nl + 1;
	size_t *estart = tpos + n + nl, *epos = estart + nl + 1;
	size_t *first = epos + n + nl;
	by_level(d->group, nl, p->order, n, tstart, tpos);
	if (p->has_entry)
		by_level(d->group, nl, p->eorder, n, estart, epos);

	for (uint32_t l = 0; l < nl; l++) {
		const surv_tab *t = &g->tab[l];
		cuminc_curve *c = cuminc_curve_alloc(t->m, K + 1);
		if (c == NULL)
			goto nomem;
		res->curve[l] = c;
		c->rows = t->rows;
		c->n = t->weight;
		c->events = t->events;
		c->opts = o;
		level_rows lr = { p, d->cause, tpos + tstart[l],
		                  p->has_entry ? epos + estart[l] : NULL,
		                  tstart[l + 1] - tstart[l], K };
		size_t m = t->m;
		steps sp = { work, work + m, work + 2 * m, work + 2 * m + m * K,
		             work + 3 * m + m * K };
		curve_steps(t, &lr, c, &sp);
		for (size_t k = 0; k < 5 * (size_t)K + 1; k++)
			lwork[k] = 0;
		ijsums s = { 0, 0, 0, lwork, lwork + K, lwork + 2 * K, lwork + 3 * K,
		             lwork + 4 * K, 0 };
		curve_se(t, &lr, &sp, c, first, &s, work + (3 + 2 * (size_t)K) * m);
	}
	*out = res;
	res = NULL;
	st = CHURN_OK;
	goto done;
nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "cumulative incidence: out of memory");
done:
	cuminc_result_free(res);
	free(lwork);
	free(work);
	free(idx);
	surv_groups_free(g);
	surv_prep_free(p);
	free(event);
	return st;
}

/*
 * gray.c - Gray's test between groups for each churn reason
 * (include/churnkit/gray.h), a port of cmprsk's crstm/crst (cmprsk 2.2-12,
 * src/crstm.f) and of the rank decision of R's qr() (dqrdc2, tol 1e-7) that
 * cuminc uses before it inverts the variance.
 *
 * The rows compared are sorted once (surv_prep, with R's time merging when
 * asked), stored by stratum in that order, and each cause is a pass over
 * every stratum: crst's sweep over the distinct times, then the strata's
 * scores and packed variances summed, as crstm does.
 */
#include "churnkit/gray.h"
#include "churnkit/logrank.h"

#include <gsl/gsl_cdf.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* R's qr() default tolerance (qr.default, tol = 1e-07). */
#define GRAY_QR_TOL 1e-7
/* dqrdc2 recomputes a column norm when its squared ratio falls below this. */
#define GRAY_QR_RENORM 1e-6

static const char note_no_rows[] = "no customers in any group";
static const char note_one_group[] = "only one group has customers";
static const char note_no_churn[] = "no churn from this reason";
static const char note_singular[] =
	"the variance matrix is singular (a group has no customers at risk, or "
	"no variance, when this reason churns)";

void gray_opts_init(gray_opts *o)
{
	o->rho = 0;
	o->timefix = 1;
}

/* The rows compared, sorted by time, stratum by stratum. */
typedef struct {
	size_t n;
	uint32_t k, ns;
	double *y;        /* [n] times, increasing within a stratum */
	uint32_t *g;      /* [n] level index 0..k-1 */
	uint32_t *cause;  /* [n] */
	size_t *sbeg;     /* [ns + 1] stratum s is rows sbeg[s]..sbeg[s+1]-1 */
	unsigned char *m; /* [n] crst's code for the cause under test */
} gray_rows;

/* crst's work arrays for k groups (crstm's wk and iwk). */
typedef struct {
	double *rs, *f1m, *f1, *skmm, *skm, *v3;  /* [k] */
	double *d;                                /* [3 k]: censored, cause, other */
	double *a, *c;                            /* [k k] row-major */
	double *v2;                               /* [(k - 1) k] */
	double *s, *v;                            /* [k - 1], [k (k - 1) / 2] packed */
	double *block;
} gray_ws;

/* One stratum (crstm's crst): rows y[0..n) sorted, m[] 0 censored, 1 the
 * cause, 2 another cause; g[] levels 0..k-1.  Leaves the stratum's scores
 * in w->s and the lower triangle of their variance, packed, in w->v. */
static void crst(const double *y, const unsigned char *m, const uint32_t *g, size_t n,
                 uint32_t k, double rho, gray_ws *w)
{
	uint32_t k1 = k - 1;
	double *rs = w->rs, *f1m = w->f1m, *f1 = w->f1, *skmm = w->skmm, *skm = w->skm;
	double *v3 = w->v3, *a = w->a, *c = w->c, *v2 = w->v2, *s = w->s, *v = w->v;
	double *d1 = w->d + k, *d2 = w->d + 2 * (size_t)k;

	for (uint32_t i = 0; i < k; i++) {
		rs[i] = 0;
		f1m[i] = f1[i] = 0;
		skmm[i] = skm[i] = 1;
		v3[i] = 0;
	}
	for (size_t r = 0; r < n; r++)
		rs[g[r]] += 1;
	memset(s, 0, k1 * sizeof *s);
	memset(v, 0, (size_t)k * k1 / 2 * sizeof *v);
	memset(v2, 0, (size_t)k1 * k * sizeof *v2);
	memset(c, 0, (size_t)k * k * sizeof *c);
	double fm = 0, f = 0;
	for (size_t ll = 0; ll < n;) {
		size_t lu = ll;
		while (lu + 1 < n && !(y[lu + 1] > y[ll]))
			lu++;
		memset(w->d, 0, 3 * (size_t)k * sizeof *w->d);
		for (size_t r = ll; r <= lu; r++)
			w->d[m[r] * (size_t)k + g[r]] += 1;
		double nd1 = 0, nd2 = 0;
		for (uint32_t i = 0; i < k; i++) {
			nd1 += d1[i];
			nd2 += d2[i];
		}
		if (nd1 > 0 || nd2 > 0) {
			/* tr = sum of h_r, tq = sum of R_r in the paper's notation */
			double tr = 0, tq = 0;
			for (uint32_t i = 0; i < k; i++) {
				if (rs[i] <= 0)
					continue;
				double td = d1[i] + d2[i];
				skm[i] = skmm[i] * (rs[i] - td) / rs[i];
				f1[i] = f1m[i] + (skmm[i] * d1[i]) / rs[i];
				tr += rs[i] / skmm[i];
				tq += rs[i] * (1 - f1m[i]) / skmm[i];
			}
			f = fm + nd1 / tr;
			double fb = pow(1 - fm, rho);
			for (uint32_t i = 0; i < k; i++) {
				double *ai = a + (size_t)i * k, *ci = c + (size_t)i * k;
				for (uint32_t j = i; j < k; j++)
					ai[j] = 0;
				if (rs[i] <= 0)
					continue;
				double t1 = rs[i] / skmm[i];
				ai[i] = fb * t1 * (1 - t1 / tr);
				if (ai[i] != 0)  /* the guard cmprsk 2.2-12 added */
					ci[i] += ai[i] * nd1 / (tr * (1 - fm));
				for (uint32_t j = i + 1; j < k; j++) {
					if (rs[j] <= 0)
						continue;
					ai[j] = -fb * t1 * rs[j] / (skmm[j] * tr);
					if (ai[j] != 0)
						ci[j] += ai[j] * nd1 / (tr * (1 - fm));
				}
			}
			for (uint32_t i = 1; i < k; i++)
				for (uint32_t j = 0; j < i; j++) {
					a[(size_t)i * k + j] = a[(size_t)j * k + i];
					c[(size_t)i * k + j] = c[(size_t)j * k + i];
				}
			for (uint32_t i = 0; i < k1; i++)
				if (rs[i] > 0)
					s[i] += fb * (d1[i] - nd1 * rs[i] * (1 - f1m[i]) / (skmm[i] * tq));
			/* variance: churn from the cause */
			for (uint32_t q = 0; nd1 > 0 && q < k; q++) {
				if (rs[q] <= 0)
					continue;
				double t4 = 1, t5 = 1;
				if (skm[q] > 0)
					t4 = 1 - (1 - f) / skm[q];
				if (nd1 > 1)
					t5 = 1 - (nd1 - 1) / (tr * skmm[q] - 1);
				double t3 = t5 * skmm[q] * nd1 / (tr * rs[q]);
				v3[q] += t4 * t4 * t3;
				for (uint32_t i = 0; i < k1; i++) {
					double t1 = a[(size_t)i * k + q] - t4 * c[(size_t)i * k + q];
					v2[(size_t)i * k + q] += t1 * t4 * t3;
					for (uint32_t j = 0; j <= i; j++) {
						double t2 = a[(size_t)j * k + q] - t4 * c[(size_t)j * k + q];
						v[(size_t)i * (i + 1) / 2 + j] += t1 * t2 * t3;
					}
				}
			}
			/* variance: churn from the other causes */
			for (uint32_t q = 0; nd2 > 0 && q < k; q++) {
				if (skm[q] <= 0 || d2[q] <= 0)
					continue;
				double t4 = (1 - f) / skm[q], t5 = 1;
				if (d2[q] > 1)
					t5 = 1 - (d2[q] - 1) / (rs[q] - 1);
				double t3 = t5 * ((skmm[q] * skmm[q]) * d2[q]) / (rs[q] * rs[q]);
				v3[q] += t4 * t4 * t3;
				for (uint32_t i = 0; i < k1; i++) {
					double t1 = t4 * c[(size_t)i * k + q];
					v2[(size_t)i * k + q] -= t1 * t4 * t3;
					for (uint32_t j = 0; j <= i; j++) {
						double t2 = t4 * c[(size_t)j * k + q];
						v[(size_t)i * (i + 1) / 2 + j] += t1 * t2 * t3;
					}
				}
			}
		}
		if (lu + 1 >= n)
			break;
		for (size_t r = ll; r <= lu; r++)
			rs[g[r]] -= 1;
		fm = f;
		memcpy(f1m, f1, k * sizeof *f1m);
		memcpy(skmm, skm, k * sizeof *skmm);
		ll = lu + 1;
	}
	for (uint32_t i = 0; i < k1; i++)
		for (uint32_t j = 0; j <= i; j++) {
			double *vl = &v[(size_t)i * (i + 1) / 2 + j];
			for (uint32_t q = 0; q < k; q++) {
				*vl += c[(size_t)i * k + q] * c[(size_t)j * k + q] * v3[q];
				*vl += c[(size_t)i * k + q] * v2[(size_t)j * k + q];
				*vl += c[(size_t)j * k + q] * v2[(size_t)i * k + q];
			}
		}
}

static double col_norm(const double *x, size_t len)
{
	double ss = 0;
	for (size_t i = 0; i < len; i++)
		ss += x[i] * x[i];
	return sqrt(ss);
}

/* R's qr(V) (dqrdc2) on the q x q matrix x, column-major, then, when the
 * rank is q, qr.coef's solve of V b = s (Q' s, then back substitution).
 * Returns the rank; b is set only at full rank.  x is overwritten; `work`
 * has 3 q entries.  dqrdc2 moves a column whose reduced norm falls below
 * tol times its original norm to the end; full rank means none moved. */
static size_t qr_solve(double *x, size_t q, const double *s, double *b, double *work)
{
	double *qraux = work, *w1 = work + q, *w2 = work + 2 * q;
	for (size_t j = 0; j < q; j++) {
		qraux[j] = w1[j] = w2[j] = col_norm(x + j * q, q);
		if (w2[j] == 0)
			w2[j] = 1;
	}
	for (size_t l = 0; l < q; l++) {
		if (qraux[l] < w2[l] * GRAY_QR_TOL)
			return l;  /* dqrdc2 would pivot it away: rank < q */
		if (l + 1 == q)
			break;
		double *xl = x + l * q;
		double nrm = col_norm(xl + l, q - l);
		if (nrm == 0)
			continue;
		if (xl[l] != 0)
			nrm = copysign(nrm, xl[l]);
		for (size_t i = l; i < q; i++)
			xl[i] *= 1 / nrm;
		xl[l] = 1 + xl[l];
		for (size_t j = l + 1; j < q; j++) {
			double *xj = x + j * q, dot = 0;
			for (size_t i = l; i < q; i++)
				dot += xl[i] * xj[i];
			double t = -dot / xl[l];
			for (size_t i = l; i < q; i++)
				xj[i] += t * xl[i];
			if (qraux[j] != 0) {
				double r = fabs(xj[l]) / qraux[j];
				double tt = fmax(1 - r * r, 0);
				if (fabs(tt) >= GRAY_QR_RENORM) {
					qraux[j] *= sqrt(tt);
				} else {
					qraux[j] = col_norm(xj + l + 1, q - l - 1);
					w1[j] = qraux[j];
				}
			}
		}
		qraux[l] = xl[l];
		xl[l] = -nrm;
	}
	/* Q' s (dqrsl), then R b = Q' s */
	memcpy(b, s, q * sizeof *b);
	for (size_t j = 0; j + 1 < q; j++) {
		double *xj = x + j * q;
		if (qraux[j] == 0)
			continue;
		double keep = xj[j], dot = 0;
		xj[j] = qraux[j];
		for (size_t i = j; i < q; i++)
			dot += xj[i] * b[i];
		double t = -dot / xj[j];
		for (size_t i = j; i < q; i++)
			b[i] += t * xj[i];
		xj[j] = keep;
	}
	for (size_t j = q; j-- > 0;) {
		b[j] /= x[j * q + j];
		for (size_t i = 0; i < j; i++)
			b[i] -= b[j] * x[j * q + i];
	}
	return q;
}

static churn_status check_data(const gray_data *d, const gray_opts *o, churn_err *err)
{
	if (d == NULL || d->time == NULL || d->cause == NULL || d->group == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "survival: Gray's test needs time, reason and group columns");
	if (d->weight != NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "survival: Gray's test does not support weights "
		                     "(R's cmprsk::cuminc has none)");
	if (d->entry != NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "survival: Gray's test does not support delayed entry "
		                     "(R's cmprsk::cuminc has none)");
	if (d->ncause == 0 || d->ngroup == 0 || (d->strata != NULL && d->nstrata == 0))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "survival: Gray's test needs at least one reason, group "
		                     "and stratum code");
	if (!isfinite(o->rho))
		return churn_err_set(err, CHURN_EUSAGE, "survival: rho %g is not a finite number",
		                     o->rho);
	if (d->n > UINT32_MAX)
		return churn_err_set(err, CHURN_EDATA,
		                     "survival: %zu customers is more than supported", d->n);
	for (size_t r = 0; r < d->n; r++) {
		uint32_t g = d->group[r], s = d->strata ? d->strata[r] : 0;
		if (d->cause[r] > d->ncause)
			return churn_err_set(err, CHURN_EDATA,
			                     "survival: record %zu: reason code %" PRIu32
			                     " is not in 0..%" PRIu32, r + 1, d->cause[r], d->ncause);
		if (g != SURV_GROUP_NA && g >= d->ngroup)
			return churn_err_set(err, CHURN_EDATA,
			                     "survival: record %zu: group code %" PRIu32
			                     " is not below %" PRIu32, r + 1, g, d->ngroup);
		if (d->strata != NULL && s != SURV_GROUP_NA && s >= d->nstrata)
			return churn_err_set(err, CHURN_EDATA,
			                     "survival: record %zu: stratum code %" PRIu32
			                     " is not below %" PRIu32, r + 1, s, d->nstrata);
		double t = d->time[r];
		if (g != SURV_GROUP_NA && s != SURV_GROUP_NA && (!isfinite(t) || t < 0))
			return churn_err_set(err, CHURN_EDATA,
			                     "survival: record %zu: time %g is not a number >= 0",
			                     r + 1, t);
	}
	return CHURN_OK;
}

static void rows_free(gray_rows *R)
{
	free(R->y);
	free(R->g);
	free(R->cause);
	free(R->sbeg);
	free(R->m);
}

static int compared(const gray_data *d, size_t r)
{
	return d->group[r] != SURV_GROUP_NA && (d->strata == NULL || d->strata[r] != SURV_GROUP_NA);
}

/* The compared rows in time order, stratum by stratum, into R; the levels
 * with rows into res (level, rows, k, n, nstrata).  Sorting (and merging
 * near-equal times) goes through surv_prep over the compared rows only. */
static churn_status rows_build(const gray_data *d, int timefix, gray_rows *R,
                               gray_result *res, churn_err *err)
{
	uint32_t nst = d->strata ? d->nstrata : 1;
	uint32_t *gidx = calloc(d->ngroup, sizeof *gidx);
	uint32_t *sidx = calloc(nst, sizeof *sidx);
	size_t *scount = calloc(nst, sizeof *scount), n = 0;
	uint32_t *back = NULL;
	double *tc = NULL;
	int *ev = NULL;
	surv_prep *p = NULL;
	churn_status st = CHURN_OK;
	if (gidx == NULL || sidx == NULL || scount == NULL)
		goto nomem;
	for (size_t r = 0; r < d->n; r++)
		if (compared(d, r)) {
			gidx[d->group[r]]++;
			scount[d->strata ? d->strata[r] : 0]++;
			n++;
		}
	uint32_t k = 0, ns = 0;
	for (uint32_t l = 0; l < d->ngroup; l++)
		k += gidx[l] > 0;
	res->level = malloc((k ? k : 1) * sizeof *res->level);
	res->rows = malloc((k ? k : 1) * sizeof *res->rows);
	if (res->level == NULL || res->rows == NULL)
		goto nomem;
	for (uint32_t l = 0; l < d->ngroup; l++)
		if (gidx[l] > 0) {
			res->level[res->k] = l;
			res->rows[res->k] = gidx[l];
			gidx[l] = res->k++;
		}
	for (uint32_t s = 0; s < nst; s++)
		if (scount[s] > 0)
			sidx[s] = ns++;
	res->n = n;
	res->nstrata = ns;
	R->n = n;
	R->k = k;
	R->ns = ns;
	if (n == 0)
		goto done;
	R->y = malloc(n * sizeof *R->y);
	R->g = malloc(n * sizeof *R->g);
	R->cause = malloc(n * sizeof *R->cause);
	R->m = malloc(n);
	R->sbeg = calloc((size_t)ns + 1, sizeof *R->sbeg);
	back = malloc(n * sizeof *back);
	tc = malloc(n * sizeof *tc);
	ev = malloc(n * sizeof *ev);
	if (!R->y || !R->g || !R->cause || !R->m || !R->sbeg || !back || !tc || !ev)
		goto nomem;
	for (size_t r = 0, i = 0; r < d->n; r++)
		if (compared(d, r)) {
			back[i] = (uint32_t)r;
			tc[i] = d->time[r];
			ev[i++] = d->cause[r] > 0;
		}
	for (uint32_t s = 0; s < nst; s++)
		if (scount[s] > 0)
			R->sbeg[sidx[s] + 1] = scount[s];
	for (uint32_t s = 0; s < ns; s++)
		R->sbeg[s + 1] += R->sbeg[s];
	surv_data sd = { n, tc, ev, NULL, NULL };
	st = surv_prep_new(&sd, timefix, &p, err);
	if (st != CHURN_OK)
		goto done;
	memset(scount, 0, nst * sizeof *scount);  /* now rows placed per stratum */
	for (size_t i = 0; i < n; i++) {
		size_t r = back[surv_prep_row(p, i)];
		uint32_t s = sidx[d->strata ? d->strata[r] : 0];
		size_t at = R->sbeg[s] + scount[s]++;
		R->y[at] = surv_prep_time(p, i);
		R->g[at] = gidx[d->group[r]];
		R->cause[at] = d->cause[r];
	}
	goto done;
nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
done:
	surv_prep_free(p);
	free(gidx);
	free(sidx);
	free(scount);
	free(back);
	free(tc);
	free(ev);
	return st;
}

/* The work arrays of crst for k >= 2 groups, in one block. */
static int ws_alloc(gray_ws *w, uint32_t k)
{
	size_t kk = k, k1 = kk - 1;
	size_t len = 6 * kk + 3 * kk + 2 * kk * kk + k1 * kk + k1 + kk * k1 / 2;
	double *b = malloc(len * sizeof *b);
	if (b == NULL)
		return -1;
	w->block = b;
	w->rs = b;
	w->f1m = b + kk;
	w->f1 = b + 2 * kk;
	w->skmm = b + 3 * kk;
	w->skm = b + 4 * kk;
	w->v3 = b + 5 * kk;
	w->d = b + 6 * kk;
	w->a = w->d + 3 * kk;
	w->c = w->a + kk * kk;
	w->v2 = w->c + kk * kk;
	w->s = w->v2 + k1 * kk;
	w->v = w->s + k1;
	return 0;
}

/* The test of one cause with k >= 2 levels and some churn from it: the
 * strata's scores and variances summed (crstm), then cuminc's qr(). */
static churn_status test_cause(const gray_rows *R, double rho, gray_ws *w,
                               gray_cause *gc, churn_err *err)
{
	size_t q = R->k - 1, nv = q * (q + 1) / 2;
	double *vt = calloc(nv + q * q + 4 * q, sizeof *vt);
	gc->score = calloc(q, sizeof *gc->score);
	gc->var = malloc(q * q * sizeof *gc->var);
	if (vt == NULL || gc->score == NULL || gc->var == NULL) {
		free(vt);
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	}
	double *x = vt + nv, *work = x + q * q, *b = work + 3 * q;
	for (size_t i = 0; i < R->n; i++)
		R->m[i] = R->cause[i] == 0 ? 0 : (R->cause[i] == gc->cause ? 1 : 2);
	for (uint32_t s = 0; s < R->ns; s++) {
		size_t b0 = R->sbeg[s], len = R->sbeg[s + 1] - b0;
		crst(R->y + b0, R->m + b0, R->g + b0, len, R->k, rho, w);
		for (size_t i = 0; i < q; i++)
			gc->score[i] += w->s[i];
		for (size_t l = 0; l < nv; l++)
			vt[l] += w->v[l];
	}
	for (size_t i = 0; i < q; i++)
		for (size_t j = 0; j <= i; j++)
			gc->var[i * q + j] = gc->var[j * q + i] = vt[i * (i + 1) / 2 + j];
	memcpy(x, gc->var, q * q * sizeof *x);  /* symmetric: column-major too */
	if (qr_solve(x, q, gc->score, b, work) == q) {
		double stat = 0;
		for (size_t i = 0; i < q; i++)
			stat += gc->score[i] * b[i];
		gc->stat = stat;
		if (isfinite(stat)) {
			gc->df = (int)q;
			gc->p = gsl_cdf_chisq_Q(stat, q);
			gc->log_p = logrank_chisq_log_q(stat, q);
		} else {
			gc->note = note_singular;
		}
	} else {
		gc->note = note_singular;
	}
	free(vt);
	return CHURN_OK;
}

void gray_result_free(gray_result *r)
{
	if (r == NULL)
		return;
	for (uint32_t c = 0; r->cause != NULL && c < r->ncause; c++) {
		free(r->cause[c].score);
		free(r->cause[c].var);
	}
	free(r->cause);
	free(r->level);
	free(r->rows);
	free(r);
}

churn_status gray_test(const gray_data *d, const gray_opts *opts, gray_result **out,
                       churn_err *err)
{
	gray_opts o;
	gray_opts_init(&o);
	if (opts != NULL)
		o = *opts;
	if (out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "survival: Gray's test has no output");
	*out = NULL;
	churn_status st = check_data(d, &o, err);
	if (st != CHURN_OK)
		return st;

	gray_rows R = { 0 };
	gray_ws w = { 0 };
	gray_result *res = calloc(1, sizeof *res);
	if (res == NULL || (res->cause = calloc(d->ncause, sizeof *res->cause)) == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
		goto done;
	}
	res->rho = o.rho;
	res->timefix = o.timefix != 0;
	res->ncause = d->ncause;
	st = rows_build(d, res->timefix, &R, res, err);
	if (st != CHURN_OK)
		goto done;
	if (R.k >= 2 && ws_alloc(&w, R.k) != 0) {
		st = churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
		goto done;
	}
	for (uint32_t c = 0; c < d->ncause; c++) {
		gray_cause *gc = &res->cause[c];
		gc->cause = c + 1;
		for (size_t i = 0; i < R.n; i++)
			gc->events += R.cause[i] == gc->cause;
		if (R.n == 0)
			gc->note = note_no_rows;
		else if (R.k < 2)
			gc->note = note_one_group;
		else if (gc->events == 0)
			gc->note = note_no_churn;
		else if ((st = test_cause(&R, o.rho, &w, gc, err)) != CHURN_OK)
			goto done;
		if (gc->note != NULL) {
			gc->stat = gc->p = gc->log_p = NAN;
			gc->df = 0;
		}
	}
done:
	rows_free(&R);
	free(w.block);
	if (st != CHURN_OK)
		gray_result_free(res);
	else
		*out = res;
	return st;
}

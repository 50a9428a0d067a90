/*
 * logrank.c - survdiff's test for k levels and pairwise tests with BH
 * adjustment (include/churnkit/logrank.h).
 *
 * The levels' distinct-time tables are merged on the fly: a cursor per level
 * walks its stop times and entry times, so one test costs O(k (m_1 + ... +
 * m_k)) after the shared sort, and a pairwise table costs (k - 1) times the
 * rows.  The chi-square solves V z = o - e by LU decomposition (GSL), as R's
 * solve() does with LAPACK.
 */
#include "churnkit/logrank.h"
#include "surv_tab.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>

/* Continued fraction for the upper incomplete gamma function (modified
 * Lentz), valid for x > a + 1: log Q(a, x). */
static double log_gamma_q_cf(double a, double x)
{
	const double tiny = 1e-300;
	double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
	for (int i = 1; i < 10000; i++) {
		double an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (fabs(d) < tiny)
			d = tiny;
		c = b + an / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		double del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-16)
			break;
	}
	return -x + a * log(x) - gsl_sf_lngamma(a) + log(h);
}

double logrank_chisq_log_q(double x, double df)
{
	if (isnan(x) || isnan(df) || df < 0)
		return NAN;
	if (df == 0)
		return 0; /* all mass at 0: P(X > x) = 1 for R's pchisq at x = 0 */
	double p = gsl_cdf_chisq_Q(x, df);
	double a = df / 2, h = x / 2;
	if (p < 1e-100 && h > a + 1)
		return log_gamma_q_cf(a, h);
	return log(p);
}

/* Why a test could not be made (logrank.h: "not tested"). */
static const char note_no_churn[] = "no churn in any group";
static const char note_one_at_risk[] =
	"only one group has customers at risk when churn happens";
static const char note_no_variance[] =
	"every customer at risk churned at each churn time (no variance)";
static const char note_singular[] = "the variance matrix is singular";

static void p_values(logrank_result *r)
{
	if (r->note != NULL) {
		r->chisq = r->p = r->log_p = NAN;
		r->df = 0;
	} else {
		r->p = gsl_cdf_chisq_Q(r->chisq, r->df);
		r->log_p = logrank_chisq_log_q(r->chisq, r->df);
	}
}

/* survdiff2's sums over the merged tables of `k` levels. */
static void lr_sums(const surv_tab *const *tab, uint32_t k, double rho,
                    size_t *ci, size_t *cj, double *r, double *d, double *obs,
                    double *ex, double *var)
{
	double km = 1;
	for (uint32_t g = 0; g < k; g++) {
		ci[g] = cj[g] = 0;
		obs[g] = ex[g] = 0;
	}
	for (size_t q = 0; q < (size_t)k * k; q++)
		var[q] = 0;
	for (;;) {
		double t = INFINITY;
		for (uint32_t g = 0; g < k; g++)
			if (ci[g] < tab[g]->m && tab[g]->time[ci[g]] < t)
				t = tab[g]->time[ci[g]];
		if (t == INFINITY)
			break;
		double N = 0, D = 0;
		for (uint32_t g = 0; g < k; g++) {
			r[g] = surv_tab_risk_at(tab[g], t, &ci[g], &cj[g]);
			d[g] = 0;
			if (ci[g] < tab[g]->m && tab[g]->time[ci[g]] == t) {
				d[g] = tab[g]->nevent[ci[g]];
				ci[g]++;
			}
			N += r[g];
			D += d[g];
		}
		if (!(D > 0))
			continue;
		double wt = rho == 0 ? 1.0 : pow(km, rho);
		for (uint32_t g = 0; g < k; g++) {
			obs[g] += d[g] * wt;
			ex[g] += wt * D * r[g] / N;
		}
		if (N != 1) {
			/* survdiff2: tmp_a = w^2 D r_a (N - D) / (N (N - 1)),
			 * V_aa += tmp_a, V_ab -= tmp_a r_b / N (factored; same value
			 * to a few ulps) */
			double f = wt * wt * D * (N - D) / (N * (N - 1));
			for (uint32_t a = 0; a < k; a++) {
				if (r[a] == 0)
					continue;
				double tmp = f * r[a];
				double tn = tmp / N;
				double *row = var + (size_t)a * k;
				row[a] += tmp;
				for (uint32_t b = 0; b < k; b++)
					row[b] -= tn * r[b];
			}
		}
		km = km * (N - D) / N;
	}
}

/* chisq over the levels with expected > 0, the first of them left out. */
static churn_status lr_chisq(logrank_result *res, churn_err *err)
{
	uint32_t k = res->k, s = 0;
	uint32_t *use = malloc((k ? k : 1) * sizeof *use);
	if (use == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	for (uint32_t g = 0; g < k; g++)
		if (res->expected[g] > 0)
			use[s++] = g;
	res->df = (int)s - 1;
	res->chisq = 0;
	res->singular = 0;
	res->note = s == 0 ? note_no_churn : (s == 1 ? note_one_at_risk : NULL);
	if (s >= 2) {
		size_t q = s - 1;
		gsl_matrix *v = gsl_matrix_alloc(q, q);
		gsl_vector *z = gsl_vector_alloc(q);
		gsl_vector *x = gsl_vector_alloc(q);
		gsl_permutation *perm = gsl_permutation_alloc(q);
		if (!v || !z || !x || !perm) {
			gsl_matrix_free(v);
			gsl_vector_free(z);
			gsl_vector_free(x);
			gsl_permutation_free(perm);
			free(use);
			return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
		}
		int zero = 1;  /* V all 0: no variance at all */
		for (size_t a = 0; a < q; a++) {
			uint32_t ga = use[a + 1];
			gsl_vector_set(z, a, res->observed[ga] - res->expected[ga]);
			for (size_t b = 0; b < q; b++) {
				double vab = res->var[(size_t)ga * k + use[b + 1]];
				gsl_matrix_set(v, a, b, vab);
				zero = zero && vab == 0;
			}
		}
		int signum, gs = gsl_linalg_LU_decomp(v, perm, &signum);
		for (size_t a = 0; gs == GSL_SUCCESS && a < q; a++)
			if (gsl_matrix_get(v, a, a) == 0)
				gs = GSL_ESING;
		if (gs == GSL_SUCCESS)
			gs = gsl_linalg_LU_solve(v, perm, z, x);
		if (gs == GSL_SUCCESS) {
			double chi = 0;
			for (size_t a = 0; a < q; a++)
				chi += gsl_vector_get(x, a) * gsl_vector_get(z, a);
			res->chisq = chi;
		} else {
			res->singular = 1;
			res->note = zero ? note_no_variance : note_singular;
		}
		gsl_matrix_free(v);
		gsl_vector_free(z);
		gsl_vector_free(x);
		gsl_permutation_free(perm);
	}
	free(use);
	p_values(res);
	return CHURN_OK;
}

void logrank_result_free(logrank_result *r)
{
	if (r == NULL)
		return;
	free(r->level);
	free(r->n);
	free(r->observed);
	free(r->expected);
	free(r->var);
	free(r);
}

churn_status logrank_test_levels(const surv_groups *g, const uint32_t *levels,
                                 uint32_t k, double rho, logrank_result **out,
                                 churn_err *err)
{
	if (g == NULL || out == NULL || (k > 0 && levels == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "logrank: missing argument");
	*out = NULL;
	if (!isfinite(rho) || rho < 0)
		return churn_err_set(err, CHURN_EUSAGE, "survival: rho %g is not >= 0", rho);
	if (k < 2)
		return churn_err_set(err, CHURN_EDATA,
		                     "survival: a test needs two groups with customers");
	for (uint32_t a = 0; a < k; a++)
		if (levels[a] >= g->nlevels || (a > 0 && levels[a] <= levels[a - 1]))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "logrank: levels must be distinct, increasing codes");

	logrank_result *res = calloc(1, sizeof *res);
	const surv_tab **tab = malloc(k * sizeof *tab);
	size_t *cur = malloc(2 * (size_t)k * sizeof *cur);
	double *rd = malloc(2 * (size_t)k * sizeof *rd);
	churn_status st = CHURN_OK;
	if (res == NULL || tab == NULL || cur == NULL || rd == NULL)
		goto nomem;
	res->rho = rho;
	res->k = k;
	res->level = malloc(k * sizeof *res->level);
	res->n = malloc(k * sizeof *res->n);
	res->observed = malloc(k * sizeof *res->observed);
	res->expected = malloc(k * sizeof *res->expected);
	res->var = malloc((size_t)k * k * sizeof *res->var);
	if (!res->level || !res->n || !res->observed || !res->expected || !res->var)
		goto nomem;
	for (uint32_t a = 0; a < k; a++) {
		res->level[a] = levels[a];
		tab[a] = &g->tab[levels[a]];
		res->n[a] = tab[a]->weight;
	}
	lr_sums(tab, k, rho, cur, cur + k, rd, rd + k, res->observed, res->expected,
	        res->var);
	st = lr_chisq(res, err);
	if (st != CHURN_OK)
		goto fail;
	free(tab);
	free(cur);
	free(rd);
	*out = res;
	return CHURN_OK;
nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
fail:
	free(tab);
	free(cur);
	free(rd);
	logrank_result_free(res);
	return st;
}

/* The codes of the levels with customers; *k their number. */
static churn_status present_levels(const surv_groups *g, uint32_t **lv, uint32_t *k,
                                   churn_err *err)
{
	*k = 0;
	*lv = malloc((g->nlevels ? g->nlevels : 1) * sizeof **lv);
	if (*lv == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	for (uint32_t l = 0; l < g->nlevels; l++)
		if (g->tab[l].weight > 0)
			(*lv)[(*k)++] = l;
	return CHURN_OK;
}

churn_status logrank_test(const surv_groups *g, double rho, logrank_result **out,
                          churn_err *err)
{
	uint32_t *lv, k;
	if (g == NULL || out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "logrank: missing argument");
	churn_status st = present_levels(g, &lv, &k, err);
	if (st != CHURN_OK)
		return st;
	st = logrank_test_levels(g, lv, k, rho, out, err);
	free(lv);
	return st;
}

void logrank_pairs_free(logrank_pairs *pp)
{
	if (pp == NULL)
		return;
	free(pp->pair);
	free(pp);
}

size_t logrank_pairs_tested(const logrank_pairs *pp)
{
	size_t n = 0;
	for (size_t q = 0; pp != NULL && q < pp->npairs; q++)
		n += !isnan(pp->pair[q].p);
	return n;
}

churn_status logrank_pairwise(const surv_groups *g, double rho,
                              logrank_pairs **out, churn_err *err)
{
	uint32_t *lv = NULL, k;
	logrank_pairs *pp = NULL;
	double *p = NULL;
	churn_status st;

	if (g == NULL || out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "logrank: missing argument");
	*out = NULL;
	st = present_levels(g, &lv, &k, err);
	if (st != CHURN_OK)
		return st;
	if (k < 2) {
		free(lv);
		return churn_err_set(err, CHURN_EDATA,
		                     "survival: a test needs two groups with customers");
	}
	size_t np = (size_t)k * (k - 1) / 2, q = 0;
	pp = calloc(1, sizeof *pp);
	p = malloc(np * sizeof *p);
	if (pp == NULL || p == NULL || (pp->pair = malloc(np * sizeof *pp->pair)) == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
		goto done;
	}
	pp->rho = rho;
	pp->npairs = np;
	for (uint32_t a = 0; a < k; a++) {
		for (uint32_t b = a + 1; b < k; b++, q++) {
			uint32_t two[2] = {lv[a], lv[b]};
			logrank_result *r;
			st = logrank_test_levels(g, two, 2, rho, &r, err);
			if (st != CHURN_OK)
				goto done;
			logrank_pair *x = &pp->pair[q];
			x->a = lv[a];
			x->b = lv[b];
			x->chisq = r->chisq;
			x->df = r->df;
			x->p = r->p;
			x->log_p = r->log_p;
			x->note = r->note;
			for (int j = 0; j < 2; j++) {
				x->observed[j] = r->k == 2 ? r->observed[j] : NAN;
				x->expected[j] = r->k == 2 ? r->expected[j] : NAN;
			}
			p[q] = r->p;
			logrank_result_free(r);
		}
	}
	st = logrank_bh_adjust(p, np, p, err);
	if (st != CHURN_OK)
		goto done;
	for (q = 0; q < np; q++)
		pp->pair[q].p_adjusted = p[q];
	*out = pp;
	pp = NULL;
done:
	free(lv);
	free(p);
	logrank_pairs_free(pp);
	return st;
}

typedef struct {
	double p;
	size_t i;
} bh_item;

/* decreasing p, ties in index order (order(p, decreasing = TRUE)) */
static int bh_cmp(const void *a, const void *b)
{
	const bh_item *x = a, *y = b;
	if (x->p > y->p)
		return -1;
	if (x->p < y->p)
		return 1;
	return (x->i > y->i) - (x->i < y->i);
}

churn_status logrank_bh_adjust(const double *p, size_t n, double *out,
                               churn_err *err)
{
	size_t m = 0;
	bh_item *it = malloc((n ? n : 1) * sizeof *it);
	if (it == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	for (size_t i = 0; i < n; i++) {
		if (!isnan(p[i])) {
			it[m].p = p[i];
			it[m].i = i;
			m++;
		}
	}
	qsort(it, m, sizeof *it, bh_cmp);
	for (size_t i = 0; i < n; i++)
		if (isnan(p[i]))
			out[i] = p[i];
	/* pmin(1, cummin(n / i * p[o]))[ro], i = n..1 */
	double cm = INFINITY;
	for (size_t r = 0; r < m; r++) {
		double v = (double)m / (double)(m - r) * it[r].p;
		if (v < cm)
			cm = v;
		out[it[r].i] = cm < 1 ? cm : 1;
	}
	free(it);
	return CHURN_OK;
}

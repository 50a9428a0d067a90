/* revenue.c - MRR movements from a revenue history, revenue ratios and the
 * cost of churn; see include/churnkit/revenue.h for the definitions.
 *
 * The history rows are grouped by customer with a counting sort; each
 * customer's MRR is laid out month by month in one reused buffer over the
 * history's months, then classified month against month before.  Monthly
 * sums are kept per month and added up per span at the end; the
 * start-versus-end comparison for grr/nrr is made per customer and span.
 * Cost: O(rows + customers * (months + spans)). */
#include "churnkit/revenue.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void revenue_period_clear(revenue_period *p)
{
	memset(p, 0, sizeof *p);
	p->mrr_start = p->mrr_new = p->mrr_expansion = p->mrr_contraction = NAN;
	p->mrr_churned = p->mrr_reactivation = p->mrr_end = p->mrr_churn_change = NAN;
	p->start_churned = p->start_contraction = p->start_expansion = NAN;
	p->grr = p->nrr = p->gross_mrr_churn = p->net_mrr_churn = NAN;
	p->quick_ratio = p->arpa = p->ltv = p->ltv_churn_rate = NAN;
	p->grr_var = p->nrr_var = NAN;
}

/* The delta-method variance of the ratio estimator R = sum(y) / sum(x)
 * over n customers from the sums of x^2, x y and y^2 (revenue.h). */
static double ratio_var(double r, double sx, double sx2, double sxy, double sy2, size_t n)
{
	if (n < 2 || !(sx > 0) || !isfinite(r))
		return NAN;
	double ss = sy2 - 2 * r * sxy + r * r * sx2;
	return (double)n / (double)(n - 1) * (ss > 0 ? ss : 0) / (sx * sx);
}

double revenue_change_p(double r1, double var1, double r2, double var2)
{
	double v = var1 + var2;
	if (!isfinite(r1) || !isfinite(r2) || !isfinite(v) || !(v > 0))
		return NAN;
	return erfc(fabs(r1 - r2) / sqrt(v) / sqrt(2.0));
}

static double ratio(double num, double den)
{
	return den != 0.0 ? num / den : NAN;
}

/* A difference d of sums of non-negative terms whose magnitudes add up to
 * `scale`: 0 when |d| is within the rounding of those sums, so that a
 * cancellation (all of the start MRR churned, churn equal to expansion)
 * gives 0, never a -1e-17 that prints as -0.00 or -0.0 (revenue.h). */
static double settle(double d, double scale)
{
	return fabs(d) <= 16 * DBL_EPSILON * scale ? 0.0 : d;
}

void revenue_period_finish(revenue_period *p)
{
	if (!p->covered)
		return;
	double lost = p->start_churned + p->start_contraction;
	double moved = p->mrr_churned + p->mrr_contraction + p->mrr_expansion + p->mrr_reactivation;
	p->grr = ratio(settle(p->mrr_start - p->start_churned - p->start_contraction,
	                      p->mrr_start + lost),
	               p->mrr_start);
	p->nrr = ratio(settle(p->mrr_start - p->start_churned - p->start_contraction +
	                      p->start_expansion, p->mrr_start + lost + p->start_expansion),
	               p->mrr_start);
	p->gross_mrr_churn = ratio(p->mrr_churned + p->mrr_contraction, p->mrr_start);
	p->net_mrr_churn = ratio(settle(p->mrr_churned + p->mrr_contraction - p->mrr_expansion -
	                                p->mrr_reactivation, moved),
	                         p->mrr_start);
	p->quick_ratio = ratio(p->mrr_new + p->mrr_expansion + p->mrr_reactivation,
	                       p->mrr_churned + p->mrr_contraction);
	p->arpa = p->n_end > 0 ? p->mrr_end / (double)p->n_end : NAN;
	p->grr_var = ratio_var(p->grr, p->mrr_start, p->s_x2, p->s_xg, p->s_g2, p->n_start);
	p->nrr_var = ratio_var(p->nrr, p->mrr_start, p->s_x2, p->s_xn, p->s_n2, p->n_start);
}

churn_status revenue_history_check(const revenue_history *h, churn_err *err)
{
	if (h == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "revenue: no history given");
	if (h->n > 0 && (h->customer == NULL || h->month == NULL || h->mrr == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "revenue: history arrays missing");
	for (size_t i = 0; i < h->n; i++) {
		if (h->customer[i] >= h->ncustomers)
			return churn_err_set(err, CHURN_EDATA,
			                     "revenue: row %zu names customer %zu of %zu", i,
			                     h->customer[i], h->ncustomers);
		if (!isfinite(h->mrr[i]) || h->mrr[i] < 0.0)
			return churn_err_set(err, CHURN_EDATA,
			                     "revenue: row %zu has MRR %g (must be a number >= 0)", i,
			                     h->mrr[i]);
	}
	return CHURN_OK;
}

/* Monthly sums over the history's months m0..last. */
typedef struct {
	double *total, *new_, *react, *exp, *con, *churn, *chg;
	size_t *npay, *nnew, *nreact, *nchurn;
} monthly;

static void monthly_free(monthly *m)
{
	free(m->chg);
	free(m->total);
	free(m->new_);
	free(m->react);
	free(m->exp);
	free(m->con);
	free(m->churn);
	free(m->npay);
	free(m->nnew);
	free(m->nreact);
	free(m->nchurn);
}

static int monthly_alloc(monthly *m, size_t nm)
{
	memset(m, 0, sizeof *m);
	m->total = calloc(nm, sizeof(double));
	m->new_ = calloc(nm, sizeof(double));
	m->react = calloc(nm, sizeof(double));
	m->exp = calloc(nm, sizeof(double));
	m->con = calloc(nm, sizeof(double));
	m->churn = calloc(nm, sizeof(double));
	m->chg = calloc(nm, sizeof(double));
	m->npay = calloc(nm, sizeof(size_t));
	m->nnew = calloc(nm, sizeof(size_t));
	m->nreact = calloc(nm, sizeof(size_t));
	m->nchurn = calloc(nm, sizeof(size_t));
	return m->total && m->new_ && m->react && m->exp && m->con && m->churn && m->chg && m->npay &&
	       m->nnew && m->nreact && m->nchurn;
}

/* Classifies one customer's months buf[0..nm-1] into the monthly sums.
 * buf holds no MRR from the churn month on.  When the customer's churn
 * month lies in the history it is month je (SIZE_MAX otherwise) and `last`
 * is the MRR of their rows for that month (0 without one): the churn month
 * is classified by the churn-date rule of revenue.h. */
static void classify(const double *buf, size_t nm, size_t je, double last, monthly *m)
{
	int ever = 0;
	double booked = 0.0;
	for (size_t j = 0; j < nm; j++) {
		double v = buf[j], p = j > 0 ? buf[j - 1] : 0.0;
		m->total[j] += v;
		if (v > 0.0)
			m->npay[j]++;
		if (j > 0 && j == je) {
			/* The churn month: paying nothing at its end. */
			if (p == 0.0 && last > 0.0) {
				/* Joined (or came back) in the month they churned. */
				if (ever) {
					m->react[j] += last;
					m->nreact[j]++;
				} else {
					m->new_[j] += last;
					m->nnew[j]++;
				}
			}
			booked = last > 0.0 ? last : p;
			if (booked > 0.0) {
				m->churn[j] += booked;
				m->nchurn[j]++;
				if (p > 0.0)
					m->chg[j] += booked - p;
			}
		} else if (j > 0) {
			if (p == 0.0 && v > 0.0) {
				if (ever) {
					m->react[j] += v;
					m->nreact[j]++;
				} else {
					m->new_[j] += v;
					m->nnew[j]++;
				}
			} else if (p > 0.0 && v == 0.0) {
				m->churn[j] += p;
				m->nchurn[j]++;
			} else if (p > 0.0 && v > p) {
				m->exp[j] += v - p;
			} else if (p > 0.0 && v < p) {
				m->con[j] += p - v;
			}
		}
		if (v > 0.0)
			ever = 1;
	}
}

churn_status revenue_from_history(const revenue_history *h, int32_t last_month,
                                  const revenue_span *spans, size_t nspans,
                                  revenue_period *out, churn_err *err)
{
	churn_status st;
	int32_t m0 = INT32_MAX;
	size_t nm, *count = NULL, *order = NULL;
	double *buf = NULL;
	monthly mo;

	memset(&mo, 0, sizeof mo);
	if (nspans > 0 && (spans == NULL || out == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "revenue: no spans or no output");
	st = revenue_history_check(h, err);
	if (st != CHURN_OK)
		return st;
	for (size_t j = 0; j < nspans; j++)
		revenue_period_clear(&out[j]);
	for (size_t i = 0; i < h->n; i++)
		if (h->month[i] <= last_month && h->month[i] < m0)
			m0 = h->month[i];
	if (m0 == INT32_MAX || m0 >= last_month)
		return CHURN_OK; /* fewer than two months: nothing is covered */
	nm = (size_t)(last_month - m0) + 1;

	/* Counting sort of the rows by customer. */
	count = calloc(h->ncustomers + 1, sizeof *count);
	order = malloc((h->n > 0 ? h->n : 1) * sizeof *order);
	buf = calloc(nm, sizeof *buf);
	if (count == NULL || order == NULL || buf == NULL || !monthly_alloc(&mo, nm))
		goto nomem;
	for (size_t i = 0; i < h->n; i++)
		count[h->customer[i] + 1]++;
	for (size_t c = 0; c < h->ncustomers; c++)
		count[c + 1] += count[c];
	for (size_t i = 0; i < h->n; i++)
		order[count[h->customer[i]]++] = i;
	/* count[c] is now the end of customer c's rows (= start of c+1's). */

	for (size_t j = 0; j < nspans; j++) {
		const revenue_span *s = &spans[j];
		revenue_period *p = &out[j];
		if (s->first_month - 1 >= m0 && s->last_month <= last_month &&
		    s->first_month <= s->last_month) {
			p->covered = 1;
			p->start_churned = p->start_contraction = p->start_expansion = 0.0;
		}
	}

	for (size_t c = 0, lo = 0; c < h->ncustomers; lo = count[c], c++) {
		size_t hi = count[c];
		if (hi == lo)
			continue;
		int32_t cm = h->churn_month != NULL ? h->churn_month[c] : INT32_MAX;
		size_t je = cm >= m0 && cm <= last_month ? (size_t)(cm - m0) : SIZE_MAX;
		double last = 0.0;
		memset(buf, 0, nm * sizeof *buf);
		for (size_t k = lo; k < hi; k++) {
			size_t i = order[k];
			if (h->month[i] > last_month || h->month[i] > cm)
				continue; /* after the last month, or after the churn month */
			if (h->month[i] == cm)
				last += h->mrr[i];
			else
				buf[h->month[i] - m0] += h->mrr[i];
		}
		classify(buf, nm, je, last, &mo);
		for (size_t j = 0; j < nspans; j++) {
			revenue_period *p = &out[j];
			double sv, ev;
			if (!p->covered)
				continue;
			sv = buf[spans[j].first_month - 1 - m0];
			ev = buf[spans[j].last_month - m0];
			if (sv <= 0.0)
				continue;
			/* What of sv is kept, without (g) and with (e) expansion: start
			 * against end.  One churned inside the span (paying nothing at
			 * its end) loses the sv it brought in, whatever it paid between
			 * (revenue.h), so 0 <= grr <= 1. */
			double g, e;
			if (ev == 0.0) {
				p->start_churned += sv;
				g = e = 0.0;
			} else if (ev < sv) {
				p->start_contraction += sv - ev;
				g = e = ev;
			} else {
				p->start_expansion += ev - sv;
				g = sv;
				e = ev;
			}
			p->s_x2 += sv * sv;
			p->s_xg += sv * g;
			p->s_g2 += g * g;
			p->s_xn += sv * e;
			p->s_n2 += e * e;
		}
	}

	for (size_t j = 0; j < nspans; j++) {
		revenue_period *p = &out[j];
		size_t a, b;
		if (!p->covered)
			continue;
		a = (size_t)(spans[j].first_month - 1 - m0);
		b = (size_t)(spans[j].last_month - m0);
		p->mrr_start = mo.total[a];
		p->mrr_end = mo.total[b];
		p->n_start = mo.npay[a];
		p->n_end = mo.npay[b];
		p->mrr_new = p->mrr_reactivation = p->mrr_expansion = 0.0;
		p->mrr_contraction = p->mrr_churned = p->mrr_churn_change = 0.0;
		for (size_t k = a + 1; k <= b; k++) {
			p->mrr_new += mo.new_[k];
			p->mrr_reactivation += mo.react[k];
			p->mrr_expansion += mo.exp[k];
			p->mrr_contraction += mo.con[k];
			p->mrr_churned += mo.churn[k];
			p->mrr_churn_change += mo.chg[k];
			p->n_new += mo.nnew[k];
			p->n_reactivated += mo.nreact[k];
			p->n_churned += mo.nchurn[k];
		}
		revenue_period_finish(p);
	}
	st = CHURN_OK;
	goto done;
nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "revenue: out of memory");
done:
	monthly_free(&mo);
	free(count);
	free(order);
	free(buf);
	return st;
}

void revenue_cost_opts_init(revenue_cost_opts *o)
{
	o->expansion_rate = 0.20;
	o->cac = NAN;
	o->months_per_year = 12.0;
}

churn_status revenue_cost_of_churn(const revenue_cost_opts *o, double mrr_churned,
                                   size_t customers_lost, revenue_cost *out,
                                   churn_err *err)
{
	if (o == NULL || out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cost of churn: no options or no output");
	if (!isfinite(o->expansion_rate) || o->expansion_rate < 0.0)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "cost of churn: expansion rate must be a number >= 0");
	if (!isnan(o->cac) && (!isfinite(o->cac) || o->cac < 0.0))
		return churn_err_set(err, CHURN_EUSAGE, "cost of churn: CAC must be a number >= 0");
	if (!isfinite(o->months_per_year) || o->months_per_year <= 0.0)
		return churn_err_set(err, CHURN_EUSAGE, "cost of churn: months per year must be > 0");
	if (!isfinite(mrr_churned))
		return churn_err_set(err, CHURN_EUSAGE, "cost of churn: churned MRR is not known");
	out->mrr_churned = mrr_churned;
	out->customers_lost = customers_lost;
	out->months_per_year = o->months_per_year;
	out->annual_value = o->months_per_year * mrr_churned;
	out->expansion_rate = o->expansion_rate;
	out->lost_expansion = o->expansion_rate * out->annual_value;
	out->cac = o->cac;
	out->cac_known = !isnan(o->cac);
	out->sunk_cac = out->cac_known ? o->cac * (double)customers_lost : NAN;
	out->total = out->annual_value + out->lost_expansion +
	             (out->cac_known ? out->sunk_cac : 0.0);
	return CHURN_OK;
}

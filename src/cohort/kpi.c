/* kpi.c - period KPIs from customer start and churn dates; see
 * include/churnkit/kpi.h for the definitions.
 *
 * One pass over the customers fills per-month bins (starts, churns, and
 * those who start and churn in the same month or quarter), each holding a
 * count, a count of paying customers and a value sum.  Every period is then
 * read off prefix sums of the bins: start = started before a - churned
 * before a.  Cost: O(n + months). */
#include "churnkit/kpi.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/date.h"
#include "churnkit/table.h"
#include "cohort/kpi_private.h"

#define KPI_LTV_MONTHS 6

typedef struct {
	size_t n;    /* customers */
	size_t pay;  /* of which with a value > 0 */
	double v;    /* sum of their values (missing = 0) */
	double v2;   /* sum of their squares (the GRR's noise, revenue.h) */
} bin;

/* Adds w customers of value v each, or (s not NULL) of the values s sums. */
static void bin_add(bin *b, double v, size_t w, const cohort_value_sums *s)
{
	b->n += w;
	if (s != NULL) {
		b->pay += s->npay;
		b->v += s->sum;
		b->v2 += s->sumsq;
	} else if (v > 0.0) {
		b->pay += w;
		b->v += w == 1 ? v : v * (double)w;
		b->v2 += w == 1 ? v * v : v * v * (double)w;
	}
}

static bin bin_sub(bin a, bin b)
{
	bin r;
	r.n = a.n - b.n;
	r.pay = a.pay - b.pay;
	r.v = a.v - b.v;
	r.v2 = a.v2 - b.v2;
	return r;
}

void kpi_opts_init(kpi_opts *o)
{
	memset(o, 0, sizeof *o);
	o->ltv_months = KPI_LTV_MONTHS;
	o->revenue = NULL;
	revenue_cost_opts_init(&o->cost);
}

void kpi_result_free(kpi_result *r)
{
	if (r == NULL)
		return;
	free(r->months);
	free(r->quarters);
	free(r);
}

/* Per-month bins over months mf .. mf+nm-1 and quarter bins from mf/3. */
typedef struct {
	int32_t mf;
	size_t nm, nq;
	bin *pre_new;    /* nm+1 prefix sums of starts */
	bin *pre_churn;  /* nm+1 prefix sums of churns */
	bin *same_m;     /* nm: start and churn in the same month */
	bin *same_q;     /* nq: start and churn in the same quarter */
} bins;

static void bins_free(bins *b)
{
	free(b->pre_new);
	free(b->pre_churn);
	free(b->same_m);
	free(b->same_q);
}

static int bins_fill(bins *b, const cohort_customers *c, int32_t mf, int32_t last)
{
	memset(b, 0, sizeof *b);
	b->mf = mf;
	b->nm = (size_t)(last - mf) + 1;
	b->nq = (size_t)(last / 3 - mf / 3) + 1;
	b->pre_new = calloc(b->nm + 1, sizeof *b->pre_new);
	b->pre_churn = calloc(b->nm + 1, sizeof *b->pre_churn);
	b->same_m = calloc(b->nm, sizeof *b->same_m);
	b->same_q = calloc(b->nq, sizeof *b->same_q);
	if (!b->pre_new || !b->pre_churn || !b->same_m || !b->same_q)
		return 0;
	for (size_t i = 0; i < c->n; i++) {
		int32_t sm, em;
		double v = c->value != NULL ? c->value[i] : 0.0;
		size_t w = c->weight != NULL ? c->weight[i] : 1;
		const cohort_value_sums *s = c->value != NULL && c->sums != NULL ? &c->sums[i] : NULL;
		if (c->start[i] > c->as_of)
			continue;
		sm = date_month_index(c->start[i]);
		if (sm > last)
			continue;
		bin_add(&b->pre_new[sm - mf + 1], v, w, s);
		if (c->end[i] == TABLE_DATE_NA || c->end[i] > c->as_of)
			continue;
		em = date_month_index(c->end[i]);
		if (em > last)
			continue;
		bin_add(&b->pre_churn[em - mf + 1], v, w, s);
		if (em == sm)
			bin_add(&b->same_m[sm - mf], v, w, s);
		if (em / 3 == sm / 3)
			bin_add(&b->same_q[sm / 3 - mf / 3], v, w, s);
	}
	for (size_t j = 0; j < b->nm; j++) {
		bin *n = &b->pre_new[j + 1], *p = &b->pre_new[j];
		bin *cn = &b->pre_churn[j + 1], *cp = &b->pre_churn[j];
		n->n += p->n, n->pay += p->pay, n->v += p->v, n->v2 += p->v2;
		cn->n += cp->n, cn->pay += cp->pay, cn->v += cp->v, cn->v2 += cp->v2;
	}
	return 1;
}

static void row_fill(kpi_row *row, kpi_period p, const bins *b, int exclude, int values)
{
	size_t ja = (size_t)(kpi_period_first_month(p) - b->mf);
	size_t jb = (size_t)(kpi_period_last_month(p) - b->mf);
	bin start = bin_sub(b->pre_new[ja], b->pre_churn[ja]);
	bin nw = bin_sub(b->pre_new[jb + 1], b->pre_new[ja]);
	bin ch = bin_sub(b->pre_churn[jb + 1], b->pre_churn[ja]);
	bin same = p.kind == KPI_QUARTER ? b->same_q[p.index - b->mf / 3] : b->same_m[ja];
	bin chs = bin_sub(ch, same); /* churned who were in start */

	memset(row, 0, sizeof *row);
	row->period = p;
	kpi_period_format(p, row->label);
	row->first_day = kpi_period_first_day(p);
	row->last_day = kpi_period_last_day(p);
	if (exclude) {
		nw = bin_sub(nw, same);
		ch = chs;
	}
	row->n_start = start.n;
	row->n_new = nw.n;
	row->n_churned = ch.n;
	row->n_end = start.n + nw.n - ch.n;
	row->n_churned_start = chs.n;
	row->n_same_period = same.n;
	row->churn_rate = start.n > 0 ? (double)ch.n / (double)start.n : NAN;
	row->retention_rate =
		start.n > 0 ? ((double)row->n_end - (double)nw.n) / (double)start.n : NAN;

	revenue_period_clear(&row->mrr);
	if (!values)
		return;
	row->mrr.covered = 1;
	row->mrr.mrr_start = start.v;
	row->mrr.mrr_new = nw.v;
	row->mrr.mrr_churned = ch.v;
	row->mrr.mrr_end = start.v + nw.v - ch.v;
	row->mrr.mrr_expansion = row->mrr.mrr_contraction = row->mrr.mrr_reactivation = 0.0;
	row->mrr.mrr_churn_change = 0.0;
	row->mrr.start_churned = chs.v;
	row->mrr.start_contraction = row->mrr.start_expansion = 0.0;
	row->mrr.n_start = start.pay;
	/* A start customer keeps all of its value or, churned, none of it. */
	row->mrr.s_x2 = start.v2;
	row->mrr.s_xg = row->mrr.s_g2 = row->mrr.s_xn = row->mrr.s_n2 = start.v2 - chs.v2;
	row->mrr.n_new = nw.pay;
	row->mrr.n_churned = ch.pay;
	row->mrr.n_end = start.pay + nw.pay - ch.pay;
	revenue_period_finish(&row->mrr);
}

/* ltv of one row from the monthly rows (see kpi.h). */
static void row_ltv(kpi_row *row, const kpi_result *r)
{
	int32_t last = kpi_period_last_month(row->period);
	double sum = 0.0;
	size_t used = 0;

	for (size_t k = 0; k < r->ltv_months; k++) {
		kpi_period m = {KPI_MONTH, last - (int32_t)k};
		const kpi_row *mr = kpi_find(r, m);
		if (mr == NULL || !mr->mrr.covered || mr->mrr.n_start == 0)
			continue;
		sum += (double)mr->mrr.n_churned / (double)mr->mrr.n_start;
		used++;
	}
	row->mrr.ltv_months = used;
	row->mrr.ltv_churn_rate = used > 0 ? sum / (double)used : NAN;
	row->mrr.ltv = used > 0 && sum > 0.0 ? row->mrr.arpa / row->mrr.ltv_churn_rate : NAN;
}

/* MRR movements from the history, with the customers' churn months (churn
 * dates up to as-of) so that revenue churn is counted at the churn date as
 * the customer counts are (revenue.h). */
static churn_status apply_history(kpi_result *r, const cohort_customers *c,
                                  const revenue_history *hist, int32_t last, churn_err *err)
{
	size_t n = r->nmonths + r->nquarters;
	revenue_span *spans = malloc((n > 0 ? n : 1) * sizeof *spans);
	revenue_period *out = malloc((n > 0 ? n : 1) * sizeof *out);
	int32_t *cm = malloc((c->n > 0 ? c->n : 1) * sizeof *cm);
	revenue_history h = *hist;
	churn_status st;

	if (spans == NULL || out == NULL || cm == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "kpi: out of memory");
		goto done;
	}
	if (hist->ncustomers != c->n) {
		st = churn_err_set(err, CHURN_EUSAGE, "kpi: the revenue history is for %zu "
		                   "customers, not the %zu given", hist->ncustomers, c->n);
		goto done;
	}
	for (size_t i = 0; i < c->n; i++)
		cm[i] = c->end[i] != TABLE_DATE_NA && c->end[i] <= c->as_of &&
		                c->start[i] <= c->as_of
		        ? date_month_index(c->end[i]) : INT32_MAX;
	h.churn_month = cm;
	for (size_t j = 0; j < n; j++) {
		const kpi_row *row = j < r->nmonths ? &r->months[j] : &r->quarters[j - r->nmonths];
		spans[j].first_month = kpi_period_first_month(row->period);
		spans[j].last_month = kpi_period_last_month(row->period);
	}
	st = revenue_from_history(&h, last, spans, n, out, err);
	if (st != CHURN_OK)
		goto done;
	for (size_t j = 0; j < n; j++) {
		kpi_row *row = j < r->nmonths ? &r->months[j] : &r->quarters[j - r->nmonths];
		row->mrr = out[j];
	}
done:
	free(spans);
	free(out);
	free(cm);
	return st;
}

churn_status kpi_compute(const cohort_customers *c, const kpi_opts *o, kpi_result **out,
                         churn_err *err)
{
	kpi_result *r = NULL;
	churn_status st;
	bins b;
	int32_t first = INT32_MAX, last, m0, q0, qlast;
	const kpi_row *cur = NULL, *prev = NULL;

	memset(&b, 0, sizeof b);
	if (out == NULL || o == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "kpi: no options or no result pointer");
	*out = NULL;
	st = cohort_customers_check(c, err);
	if (st != CHURN_OK)
		return st;
	r = calloc(1, sizeof *r);
	if (r == NULL)
		goto nomem;
	r->as_of = c->as_of;
	r->exclude_same_period = o->exclude_same_period;
	r->ltv_months = o->ltv_months;
	r->mrr_source = o->revenue != NULL ? KPI_MRR_HISTORY
	                : c->value != NULL ? KPI_MRR_CONSTANT : KPI_MRR_NONE;
	for (size_t i = 0; i < c->n; i++)
		if (c->start[i] <= c->as_of && c->start[i] < first)
			first = c->start[i];
	r->first_day = first == INT32_MAX ? TABLE_DATE_NA : first;
	last = date_month_index(c->as_of + 1) - 1;
	qlast = date_quarter_index(c->as_of + 1) - 1;

	if (first != INT32_MAX) {
		m0 = date_month_index(first);
		q0 = date_quarter_index(first);
		/* The period tables are linear in the span, but bounded like the
		 * cohorts' before anything is allocated. */
		if ((st = cohort_span_check(m0, last, err)) != CHURN_OK)
			goto fail;
		if (!bins_fill(&b, c, m0, last > m0 ? last : m0))
			goto nomem;
		if (date_month_start(m0) != first)
			m0++;
		if (date_quarter_start(q0) != first)
			q0++;
		r->nmonths = last >= m0 ? (size_t)(last - m0) + 1 : 0;
		r->nquarters = qlast >= q0 ? (size_t)(qlast - q0) + 1 : 0;
		r->months = calloc(r->nmonths + 1, sizeof *r->months);
		r->quarters = calloc(r->nquarters + 1, sizeof *r->quarters);
		if (r->months == NULL || r->quarters == NULL)
			goto nomem;
		for (size_t j = 0; j < r->nmonths; j++) {
			kpi_period p = {KPI_MONTH, m0 + (int32_t)j};
			row_fill(&r->months[j], p, &b, o->exclude_same_period,
			         r->mrr_source == KPI_MRR_CONSTANT);
		}
		for (size_t j = 0; j < r->nquarters; j++) {
			kpi_period p = {KPI_QUARTER, q0 + (int32_t)j};
			row_fill(&r->quarters[j], p, &b, o->exclude_same_period,
			         r->mrr_source == KPI_MRR_CONSTANT);
		}
	}
	if (o->revenue != NULL && c->weight != NULL) {
		st = churn_err_set(err, CHURN_EUSAGE, "kpi: a revenue history is per customer: "
		                   "not with weighted entries");
		goto fail;
	}
	if (o->revenue != NULL) {
		st = apply_history(r, c, o->revenue, last, err);
		if (st != CHURN_OK)
			goto fail;
	}
	for (size_t j = 0; j < r->nmonths; j++)
		row_ltv(&r->months[j], r);
	for (size_t j = 0; j < r->nquarters; j++)
		row_ltv(&r->quarters[j], r);

	if (o->has_period) {
		char lab[8];
		cur = kpi_find(r, o->period);
		if (cur == NULL) {
			st = churn_err_set(err, CHURN_EUSAGE,
			                   "period %s is not a complete period of the data "
			                   "(it must have ended by as-of and begin after the first start date)",
			                   kpi_period_format(o->period, lab));
			goto fail;
		}
	} else {
		cur = kpi_find(r, kpi_default_period(c->as_of));
	}
	if (cur != NULL) {
		kpi_period pp = cur->period;
		pp.index--;
		prev = kpi_find(r, pp);
	}
	kpi_change_fill(&r->change, cur, prev);
	if (cur != NULL && cur->mrr.covered) {
		st = revenue_cost_of_churn(&o->cost, cur->mrr.mrr_churned, cur->n_churned,
		                           &r->cost, err);
		if (st != CHURN_OK)
			goto fail;
		r->has_cost = 1;
	}
	/* The previous period's cost of churn by the same rule, for the
	 * change (NaN when its MRR is not covered or cannot be costed). */
	r->cost_previous = NAN;
	if (r->has_cost && r->change.has_previous && r->change.previous.mrr.covered) {
		revenue_cost pc;
		if (revenue_cost_of_churn(&o->cost, r->change.previous.mrr.mrr_churned,
		                          r->change.previous.n_churned, &pc, NULL) == CHURN_OK)
			r->cost_previous = pc.total;
	}
	bins_free(&b);
	*out = r;
	return CHURN_OK;

nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "kpi: out of memory");
fail:
	bins_free(&b);
	kpi_result_free(r);
	return st;
}

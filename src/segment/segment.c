/* segment.c - value x risk segments, expected loss, incentives and the
 * at-risk list; see include/churnkit/segment.h. */
#include "churnkit/segment.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/memhint.h"
#include "churnkit/order.h"

/* Index of an action text: value tier, risk band, driver kind, incentive. */
#define NACTIONS (SEGMENT_NVALUE * SCORE_NBANDS * SEGMENT_NDRIVER * 2)

static size_t action_index(segment_value v, score_band b, segment_driver k, int inc)
{
	return (((size_t)v * SCORE_NBANDS + (size_t)b) * SEGMENT_NDRIVER + (size_t)k) * 2 +
	       (inc != 0);
}

int segment_band_at_risk(score_band b)
{
	return b == SCORE_BAND_MEDIUM || b == SCORE_BAND_HIGH;
}

const char *segment_bands_text(char *buf, size_t n)
{
	snprintf(buf, n, "low below %g%%, high from %g%%", SCORE_MEDIUM_FROM * 100,
	         SCORE_HIGH_FROM * 100);
	return buf;
}

const char *segment_at_risk_from_text(char *buf, size_t n)
{
	snprintf(buf, n, "%g%%", SCORE_MEDIUM_FROM * 100);
	return buf;
}

/* Column of risk band b in the matrix: high, medium, low, not scored. */
static size_t risk_pos(score_band b)
{
	switch (b) {
	case SCORE_BAND_HIGH:
		return 0;
	case SCORE_BAND_MEDIUM:
		return 1;
	case SCORE_BAND_LOW:
		return 2;
	default:
		return 3;
	}
}

static const score_band risk_order[SEGMENT_NRISK] = {
	SCORE_BAND_HIGH, SCORE_BAND_MEDIUM, SCORE_BAND_LOW, SCORE_BAND_NONE
};

void segment_opts_init(segment_opts *o)
{
	o->horizon_months = SEGMENT_HORIZON_DEFAULT;
	o->offer_effect = SEGMENT_OFFER_EFFECT_DEFAULT;
	o->incentive_months = SEGMENT_INCENTIVE_MONTHS_DEFAULT;
	o->top_n = SEGMENT_TOP_N_DEFAULT;
	o->drivers = NULL;
	o->ndrivers = 0;
}

void segment_result_free(segment_result *r)
{
	if (r == NULL)
		return;
	free(r->customers);
	free(r->top);
	free(r->actions);
	free(r);
}

/* The type-7 quantile at the 1-based index (see below) from the sorted
 * values at[0] at floor(index) and at[1] at floor(index) + 1. */
static double type7_at(double index, const double at[2])
{
	double lo = floor(index), qs = at[0];
	if (index > lo && at[1] != qs) {
		double h = index - lo;
		qs = (1 - h) * qs + h * at[1];
	}
	return qs;
}

double segment_quantile_sorted(const double *x, size_t n, double prob)
{
	/* R's quantile.default, type 7: index = 1 + (n - 1) p (1-based),
	 * qs = x[lo]; where index > lo and x[hi] != qs,
	 * qs = (1 - h) qs + h x[hi] with h = index - lo. */
	if (n == 0)
		return NAN;
	double index = 1.0 + (double)(n - 1) * prob;
	double at[2] = {x[(size_t)floor(index) - 1], x[(size_t)ceil(index) - 1]};
	return type7_at(index, at);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* segment_quantile_sorted of x[0..m-1] sorted, by selecting the two
 * values it reads instead of sorting; nonzero when out of memory. */
static int quantile_selected(const double *x, size_t m, double prob, double *q)
{
	double at[2], index = 1.0 + (double)(m ? m - 1 : 0) * prob;
	if (m == 0) {
		*q = NAN;
		return 0;
	}
	if (order_select2(x, m, (size_t)floor(index) - 1, at) != 0)
		return -1;
	*q = type7_at(index, at);
	return 0;
}

/* A known value and its weight, for the weighted quantiles. */
typedef struct {
	double v;
	size_t w;
} valued;

static int cmp_valued(const void *a, const void *b)
{
	return cmp_double(&((const valued *)a)->v, &((const valued *)b)->v);
}

/* The type-7 quantile of the values x[0..m) sorted ascending, x[j].v
 * repeated x[j].w times (total W > 0): segment_quantile_sorted of the
 * expanded values, read from the cumulative weights. */
static double quantile_weighted(const valued *x, size_t m, size_t W, double prob)
{
	double index = 1.0 + (double)(W - 1) * prob, at[2];
	size_t lo = (size_t)floor(index) - 1, cum = 0, j = 0;  /* 0-based order statistic */
	for (int k = 0; k < 2; k++) {
		size_t want = lo + (size_t)k < W ? lo + (size_t)k : W - 1;
		while (j < m && cum + x[j].w <= want)
			cum += x[j++].w;
		at[k] = x[j < m ? j : m - 1].v;
	}
	return type7_at(index, at);
}

/* q50 and q80 of the known values of s's customers weighted by the
 * frequency weights (s->weight), as the expanded values would give; the
 * known and unknown counts are of customers. */
static churn_status cut_points_weighted(const scores *s, const double *value, segment_result *r,
                                        churn_err *err)
{
	valued *x = malloc((s->n ? s->n : 1) * sizeof *x);
	size_t m = 0, W = 0, all = 0;

	if (x == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory segmenting %zu customers",
		                     s->n);
	for (size_t k = 0; k < s->n; k++) {
		double v = value[s->rows[k].row];
		all += s->weight[k];
		if (isfinite(v)) {
			x[m].v = v;
			x[m++].w = s->weight[k];
			W += s->weight[k];
		}
	}
	r->nvalue_known = W;
	r->nvalue_unknown = all - W;
	if (W > 0) {
		qsort(x, m, sizeof *x, cmp_valued);
		r->q50 = quantile_weighted(x, m, W, SEGMENT_LOW_QUANTILE);
		r->q80 = quantile_weighted(x, m, W, SEGMENT_HIGH_QUANTILE);
	}
	free(x);
	return CHURN_OK;
}

/* Finds q50 and q80 of the known values of s's customers. */
static churn_status cut_points(const scores *s, const double *value, segment_result *r,
                               churn_err *err)
{
	if (s->weight != NULL)
		return cut_points_weighted(s, value, r, err);

	double *x = malloc((s->n ? s->n : 1) * sizeof *x);
	size_t m = 0;

	if (x == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory segmenting %zu customers",
		                     s->n);
	for (size_t k = 0; k < s->n; k++) {
		double v = value[s->rows[k].row];
		if (isfinite(v))
			x[m++] = v;
	}
	r->nvalue_known = m;
	r->nvalue_unknown = s->n - m;
	if (quantile_selected(x, m, SEGMENT_LOW_QUANTILE, &r->q50) != 0 ||
	    quantile_selected(x, m, SEGMENT_HIGH_QUANTILE, &r->q80) != 0) {
		qsort(x, m, sizeof *x, cmp_double);
		r->q50 = segment_quantile_sorted(x, m, SEGMENT_LOW_QUANTILE);
		r->q80 = segment_quantile_sorted(x, m, SEGMENT_HIGH_QUANTILE);
	}
	free(x);
	return CHURN_OK;
}

static segment_value tier_of(const segment_result *r, double v)
{
	if (!r->has_value)
		return SEGMENT_VALUE_ALL;
	if (!isfinite(v))
		return SEGMENT_VALUE_UNKNOWN;
	if (v >= r->q80)
		return SEGMENT_VALUE_HIGH;
	return v < r->q50 ? SEGMENT_VALUE_LOW : SEGMENT_VALUE_MEDIUM;
}

static void init_cell(segment_cell *c, segment_value v, score_band b)
{
	int priced = v != SEGMENT_VALUE_UNKNOWN && v != SEGMENT_VALUE_ALL;
	int scored = b != SCORE_BAND_NONE;

	memset(c, 0, sizeof *c);
	c->value = v;
	c->risk = b;
	c->mrr = priced ? 0 : NAN;
	c->expected_churners = scored ? 0 : NAN;
	c->expected_mrr_loss = priced && scored ? 0 : NAN;
	c->expected_revenue_loss = c->expected_mrr_loss;
	c->playbook = recommend_playbook(v, b);
}

/* Customers ahead whose cells are prefetched (segment_build). */
#define SEGMENT_AHEAD 16

/* Cached driver kinds of design term k: without a level, and with a level
 * naming a month (they differ only for contract/term/plan columns). */
typedef struct {
	segment_driver plain, month;
	int risky;             /* recommend_risky_side of plain on the column */
	const table_col *col;  /* categorical terms: the table column, or NULL */
	segment_driver *by_code;  /* a text column's: the kind of each level code
	                             (plain != month), or NULL: asked per row */
} term_kind;

static segment_driver driver_of(const design *d, const term_kind *tk, size_t row,
                                long drv, int side, const segment_opts *o)
{
	const term_kind *k;
	const char *level = NULL;
	char num[64];

	if (d == NULL || drv < 0 || (size_t)drv >= d->nterms)
		return SEGMENT_DRIVER_NONE;
	k = &tk[drv];
	/* A numeric driver on the side its playbook does not take for risky
	 * (more logins, more churn) gets no kind (recommend.h). */
	if (!d->terms[drv].categorical && side != 0 && k->risky == -side)
		return SEGMENT_DRIVER_NONE;
	if (k->plain == k->month || k->col == NULL)
		return k->plain;
	if (k->col->kind == TABLE_CAT && k->by_code != NULL && k->col->codes[row] < k->col->nlevels)
		return k->by_code[k->col->codes[row]];
	if (k->col->kind == TABLE_CAT) {
		if (k->col->codes[row] != TABLE_CODE_NA)
			level = k->col->levels[k->col->codes[row]];
	} else if (k->col->kind == TABLE_NUM && !isnan(k->col->num[row])) {
		snprintf(num, sizeof num, "%.15g", k->col->num[row]);
		level = num;
	}
	return recommend_driver(d->terms[drv].column, level, o->drivers, o->ndrivers);
}

/* Larger expected loss (or p without values) first, then table row. */
typedef struct {
	double key;
	size_t row;
	size_t k;
} top_item;

static int by_loss(const void *a, const void *b)
{
	const top_item *x = a, *y = b;
	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

/* Moves the item at i down the heap h[0..n), whose root is the item that
 * by_loss ranks last. */
static void heap_down(top_item *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, w = i;
		if (l < n && by_loss(&h[l], &h[w]) > 0)
			w = l;
		if (l + 1 < n && by_loss(&h[l + 1], &h[w]) > 0)
			w = l + 1;
		if (w == i)
			return;
		top_item tmp = h[i];
		h[i] = h[w];
		h[w] = tmp;
		i = w;
	}
}

/* Sorts the first `keep` of it[0..m) into by_loss order, holding the items
 * by_loss ranks first: a partial selection (a heap of `keep` items over
 * the rest) when keep < m, in O(m log keep) instead of a full sort.
 * by_loss is a total order (the table row breaks ties), so the result is
 * the first `keep` items of the full sort. */
static void top_select(top_item *it, size_t m, size_t keep)
{
	if (keep < m && keep > 0) {
		for (size_t i = keep / 2; i-- > 0;)
			heap_down(it, keep, i);
		for (size_t k = keep; k < m; k++) {
			if (by_loss(&it[k], &it[0]) < 0) {
				it[0] = it[k];
				heap_down(it, keep, 0);
			}
		}
	}
	qsort(it, keep < m ? keep : m, sizeof *it, by_loss);
}

static churn_status top_list(segment_result *r, size_t top_n, churn_err *err)
{
	top_item *it = malloc((r->n ? r->n : 1) * sizeof *it);
	size_t m = 0;

	if (it == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory ranking %zu customers", r->n);
	for (size_t k = 0; k < r->n; k++) {
		const segment_customer *c = &r->customers[k];
		double key = r->has_value ? c->expected_mrr_loss : c->p;
		if (c->risk != SCORE_BAND_NONE && key > 0) {  /* NaN fails */
			it[m].key = key;
			it[m].row = c->row;
			it[m].k = k;
			m++;
		}
	}
	top_select(it, m, top_n);
	r->ntop = m < top_n ? m : top_n;
	r->top = malloc((r->ntop ? r->ntop : 1) * sizeof *r->top);
	if (r->top == NULL) {
		free(it);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory ranking %zu customers", r->n);
	}
	for (size_t j = 0; j < r->ntop; j++)
		r->top[j] = it[j].k;
	free(it);
	return CHURN_OK;
}

/* Adds customer c, standing for w customers (its frequency weight, 1
 * without), to cell x (and the totals t): w times its amounts. */
static void add_to(segment_cell *x, const segment_customer *c, size_t w, double H, double e,
                   double months)
{
	double dw = (double)w;
	x->customers += w;
	if (isfinite(c->value))
		x->mrr += dw * c->value;
	if (c->risk != SCORE_BAND_NONE)
		x->expected_churners += dw * c->p;
	if (c->risk != SCORE_BAND_NONE && isfinite(c->value)) {
		x->expected_mrr_loss += dw * (c->p * c->value);
		x->expected_revenue_loss += dw * (c->p * c->value * H);
	}
	if (c->incentive) {
		double saving = c->p * e * c->value * H, cost = months * c->value;
		x->incentive_customers += w;
		x->incentive_cost += dw * cost;
		x->incentive_saving += dw * saving;
		x->incentive_net += dw * (saving - cost);
	}
}

static churn_status check_opts(const segment_opts *o, double *H, churn_err *err)
{
	*H = o->horizon_months;
	if (isnan(*H) || *H == 0)
		*H = SEGMENT_HORIZON_DEFAULT;
	if (!(*H > 0) || !isfinite(*H))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "segments: the horizon must be a positive number of months, not %g",
		                     o->horizon_months);
	if (!(o->offer_effect >= 0 && o->offer_effect <= 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "segments: the offer effect must be a fraction in [0, 1], not %g",
		                     o->offer_effect);
	if (!(o->incentive_months >= 0) || !isfinite(o->incentive_months))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "segments: the incentive must cost 0 or more months, not %g",
		                     o->incentive_months);
	return CHURN_OK;
}

churn_status segment_build(const scores *s, const design *d, const table *t,
                           const double *value, const segment_opts *o,
                           segment_result **out, churn_err *err)
{
	segment_opts def;
	segment_result *r = NULL;
	term_kind *tk = NULL;
	double H, e, months;
	churn_status st;

	*out = NULL;
	if (o == NULL) {
		segment_opts_init(&def);
		o = &def;
	}
	if ((st = check_opts(o, &H, err)) != CHURN_OK)
		return st;
	e = o->offer_effect;
	months = o->incentive_months;

	r = calloc(1, sizeof *r);
	if (r == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory segmenting customers");
	r->n = s->n;
	r->has_value = value != NULL;
	r->weighted = s->weight != NULL;
	r->horizon_months = H;
	r->offer_effect = e;
	r->incentive_months = months;
	r->incentive_p = e * H > 0 ? months / (e * H) : INFINITY;
	r->q50 = r->q80 = NAN;
	r->customers = malloc((s->n ? s->n : 1) * sizeof *r->customers);
	if (r->customers != NULL)  /* filled customer after customer */
		mem_hint_huge(r->customers, (s->n ? s->n : 1) * sizeof *r->customers);
	r->actions = malloc(NACTIONS * sizeof *r->actions);
	if (d != NULL)
		tk = calloc(d->nterms ? d->nterms : 1, sizeof *tk);
	if (r->customers == NULL || r->actions == NULL || (d != NULL && tk == NULL)) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory segmenting %zu customers",
		                   s->n);
		goto done;
	}

	/* Tiers and cells. */
	if (r->has_value) {
		if ((st = cut_points(s, value, r, err)) != CHURN_OK)
			goto done;
		r->nvalue_tiers = 4;
		for (size_t v = 0; v < 4; v++)
			r->value_tiers[v] = (segment_value)v;  /* high, medium, low, unknown */
	} else {
		r->nvalue_tiers = 1;
		r->value_tiers[0] = SEGMENT_VALUE_ALL;
	}
	r->ncells = r->nvalue_tiers * SEGMENT_NRISK;
	for (size_t v = 0; v < r->nvalue_tiers; v++)
		for (size_t b = 0; b < SEGMENT_NRISK; b++)
			init_cell(&r->cells[v * SEGMENT_NRISK + b], r->value_tiers[v], risk_order[b]);
	/* Totals: sums start at 0; without a value column the amounts of
	 * money stay unknown (set after the loop, since add_to sums them). */
	memset(&r->total, 0, sizeof r->total);
	r->total.value = SEGMENT_VALUE_ALL;
	r->total.risk = SCORE_BAND_NONE;

	/* Action texts. */
	for (int v = 0; v < SEGMENT_NVALUE; v++)
		for (int b = 0; b < SCORE_NBANDS; b++)
			for (int k = 0; k < SEGMENT_NDRIVER; k++)
				for (int inc = 0; inc < 2; inc++)
					recommend_action((segment_value)v, (score_band)b, (segment_driver)k,
					                 inc, r->actions[action_index((segment_value)v,
					                                              (score_band)b,
					                                              (segment_driver)k, inc)],
					                 sizeof r->actions[0]);

	/* Driver kinds per design term. */
	for (size_t k = 0; d != NULL && k < d->nterms; k++) {
		const char *col = d->terms[k].column;
		tk[k].plain = recommend_driver(col, NULL, o->drivers, o->ndrivers);
		tk[k].month = recommend_driver(col, "month", o->drivers, o->ndrivers);
		tk[k].risky = recommend_risky_side(tk[k].plain, col);
		tk[k].col = d->terms[k].categorical && t != NULL ? table_find(t, col) : NULL;
		/* A level's kind once per level, not once per customer. */
		const table_col *tc = tk[k].col;
		if (tc != NULL && tc->kind == TABLE_CAT && tk[k].plain != tk[k].month &&
		    (tk[k].by_code = malloc((tc->nlevels ? tc->nlevels : 1) * sizeof *tk[k].by_code)))
			for (size_t l = 0; l < tc->nlevels; l++)
				tk[k].by_code[l] = recommend_driver(col, tc->levels[l], o->drivers,
				                                    o->ndrivers);
	}

	/* Customers, in risk order: each reads the value and the driver's
	 * column at a random row, asked for SEGMENT_AHEAD customers early. */
	for (size_t k = 0; k < s->n; k++) {
		const score_entry *en = &s->rows[k];
		segment_customer *c = &r->customers[k];
		size_t vpos;

		if (k + SEGMENT_AHEAD < s->n) {
			const score_entry *a = &s->rows[k + SEGMENT_AHEAD];
			if (value != NULL)
				__builtin_prefetch(&value[a->row]);
			const table_col *dc = d != NULL && a->s.driver >= 0 &&
			                      (size_t)a->s.driver < d->nterms ? tk[a->s.driver].col : NULL;
			if (dc != NULL && dc->kind == TABLE_CAT && dc->codes != NULL)
				__builtin_prefetch(&dc->codes[a->row]);
		}

		c->row = en->row;
		c->weight = scores_weight_at(s, k);
		c->risk = en->band;
		c->p = en->band == SCORE_BAND_NONE ? NAN : en->s.prob;
		c->value = value != NULL && isfinite(value[en->row]) ? value[en->row] : NAN;
		c->value_tier = tier_of(r, c->value);
		c->expected_mrr_loss = c->p * c->value;
		c->driver = c->risk == SCORE_BAND_NONE
		                ? SEGMENT_DRIVER_NONE
		                : driver_of(d, tk, en->row, en->s.driver, en->s.driver_side, o);
		c->incentive = 0;
		/* No retention budget for low-value customers (docs/domain.md), and an
		 * offer only where it pays for itself. */
		if (c->risk != SCORE_BAND_NONE && isfinite(c->value) && c->value > 0 &&
		    c->value_tier != SEGMENT_VALUE_LOW)
			c->incentive = c->p * e * c->value * H > months * c->value;
		vpos = r->has_value ? (size_t)c->value_tier : 0;
		c->cell = vpos * SEGMENT_NRISK + risk_pos(c->risk);
		c->action = action_index(c->value_tier, c->risk, c->driver, c->incentive);
		add_to(&r->cells[c->cell], c, c->weight, H, e, months);
		add_to(&r->total, c, c->weight, H, e, months);
	}
	if (!r->has_value)
		r->total.mrr = r->total.expected_mrr_loss = r->total.expected_revenue_loss = NAN;

	st = top_list(r, o->top_n, err);
done:
	for (size_t k = 0; tk != NULL && k < d->nterms; k++)
		free(tk[k].by_code);
	free(tk);
	if (st != CHURN_OK) {
		segment_result_free(r);
		return st;
	}
	*out = r;
	return CHURN_OK;
}

const segment_cell *segment_cell_at(const segment_result *r, segment_value v, score_band b)
{
	for (size_t i = 0; i < r->nvalue_tiers; i++)
		if (r->value_tiers[i] == v && (int)b >= 0 && b < SCORE_NBANDS)
			return &r->cells[i * SEGMENT_NRISK + risk_pos(b)];
	return NULL;
}

const char *segment_customer_label(const segment_result *r, size_t k)
{
	return segment_label(r->customers[k].value_tier, r->customers[k].risk);
}

const char *segment_customer_action(const segment_result *r, size_t k)
{
	return r->actions[r->customers[k].action];
}

const segment_cell *segment_customer_cell(const segment_result *r, size_t k)
{
	return &r->cells[r->customers[k].cell];
}

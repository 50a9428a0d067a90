/* test_segment_weights.c - frequency weights in the scores list and the
 * segments (scores.h scores_weigh, segment.h): a list weighted by w counts
 * as the same customers expanded (each entry repeated w times) would; the
 * entries of weight 0 leave the list; the value cut points are the
 * expanded values' quantiles; every cell's customers and sums are the
 * expanded ones. */
#include "churnkit/scores.h"
#include "churnkit/segment.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define N 12

/* The rows' probabilities (NaN: not scored), values and weights. */
static const double P[N] = { 0.9, 0.6, 0.45, 0.3, 0.25, 0.15, 0.1, 0.05, NAN, 0.7, 0.35, 0.02 };
static const double V[N] = { 120, 40, 300, 15, 80, 60, NAN, 10, 55, 500, 25, 90 };
static const double W[N] = { 3, 1, 0, 2, 5, 1, 2, 0, 4, 1, 3, 2 };

/* A list of the n rows row[k] (table rows), riskiest first as built. */
static scores *make_scores(size_t n, const size_t *row)
{
	scores *s = calloc(1, sizeof *s);
	s->rows = calloc(n ? n : 1, sizeof *s->rows);
	s->n = n;
	for (size_t k = 0; k < n; k++) {
		score_entry *e = &s->rows[k];
		e->row = row[k];
		e->s.prob = P[row[k]];
		e->s.driver = -1;
		e->s.status = isnan(P[row[k]]) ? DESIGN_ROW_MISSING : DESIGN_ROW_OK;
		e->band = score_band_of(P[row[k]]);
		s->nband[e->band]++;
		if (e->band == SCORE_BAND_NONE)
			s->nunscored[e->s.status]++;
	}
	return s;
}

int main(void)
{
	churn_err err;
	size_t row[N], erow[64], m = 0;

	for (size_t i = 0; i < N; i++) {
		row[i] = i;
		for (size_t k = 0; k < (size_t)W[i]; k++)
			erow[m++] = i;  /* the expanded list: row i, W[i] times */
	}
	scores *w = make_scores(N, row), *e = make_scores(m, erow);

	/* The weighted list. */
	is_int(scores_weigh(w, W, &err), CHURN_OK, "scores_weigh");
	is_int((long long)w->n, N - 2, "the two rows of weight 0 leave the list");
	is_int((long long)w->nzero, 2, "and are counted apart");
	is_int((long long)scores_customers(w), (long long)m, "customers: the sum of the weights");
	is_int((long long)scores_customers(e), (long long)m, "an unweighted list counts its entries");
	for (int b = 0; b < SCORE_NBANDS; b++)
		is_int((long long)w->nband[b], (long long)e->nband[b], "band %d: as expanded", b);
	is_int((long long)w->nunscored[DESIGN_ROW_MISSING], 4, "not scored: 4 customers");
	static const size_t kept[N - 2] = { 0, 1, 3, 4, 5, 6, 8, 9, 10, 11 };
	int order = w->n == N - 2;
	for (size_t k = 0; order && k < w->n; k++)
		order &= w->rows[k].row == kept[k] && w->weight[k] == (size_t)W[kept[k]];
	ok(order, "the order of the rows kept, each with its weight");

	/* The segments of both. */
	segment_result *rw = NULL, *re = NULL;
	is_int(segment_build(w, NULL, NULL, V, NULL, &rw, &err), CHURN_OK, "segments, weighted");
	is_int(segment_build(e, NULL, NULL, V, NULL, &re, &err), CHURN_OK, "segments, expanded");
	if (rw == NULL || re == NULL)
		return done_testing();
	ok(rw->weighted && !re->weighted, "the weighted result says so");
	is_double_rel(rw->q50, re->q50, 1e-15, "q50 of the expanded values (%g)", re->q50);
	is_double_rel(rw->q80, re->q80, 1e-15, "q80 of the expanded values (%g)", re->q80);
	ok(rw->q50 != 60 && rw->q80 != 102, "not the rows' own (60, 102)");
	is_int((long long)rw->nvalue_known, (long long)re->nvalue_known, "valued customers");
	is_int((long long)rw->nvalue_unknown, (long long)re->nvalue_unknown, "unvalued customers");
	int cells = 1;
	for (size_t c = 0; c < rw->ncells; c++) {
		const segment_cell *a = &rw->cells[c], *b = &re->cells[c];
		cells &= a->customers == b->customers && a->incentive_customers == b->incentive_customers;
		const double x[] = { a->mrr, a->expected_churners, a->expected_mrr_loss,
		                     a->expected_revenue_loss, a->incentive_cost, a->incentive_net };
		const double y[] = { b->mrr, b->expected_churners, b->expected_mrr_loss,
		                     b->expected_revenue_loss, b->incentive_cost, b->incentive_net };
		for (size_t j = 0; j < sizeof x / sizeof x[0]; j++)
			cells &= (isnan(x[j]) && isnan(y[j])) ||
			         fabs(x[j] - y[j]) <= 1e-12 * (fabs(y[j]) > 1 ? fabs(y[j]) : 1);
	}
	ok(cells, "every cell's customers and sums as expanded");
	is_int((long long)rw->total.customers, (long long)m, "total: every customer");
	is_double_rel(rw->total.mrr, re->total.mrr, 1e-12, "total MRR as expanded (%g)",
	              re->total.mrr);
	size_t wsum = 0;
	for (size_t k = 0; k < rw->n; k++)
		wsum += rw->customers[k].weight;
	is_int((long long)wsum, (long long)m, "each customer entry carries its weight");

	segment_result_free(rw);
	segment_result_free(re);
	scores_free(w);
	scores_free(e);
	return done_testing();
}

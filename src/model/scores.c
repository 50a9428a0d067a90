/* scores.c - the per-customer scores list; see include/churnkit/scores.h
 * (its CSV file: src/output/scores_csv.c). */
#include "churnkit/scores.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/memhint.h"
#include "churnkit/order.h"

score_band score_band_of(double p)
{
	if (isnan(p))
		return SCORE_BAND_NONE;
	/* Banded as the file prints it (six decimals), so that a row never
	 * reads 0.500000 next to "medium". */
	p = round(p * 1e6) / 1e6;
	if (p >= SCORE_HIGH_FROM)
		return SCORE_BAND_HIGH;
	return p >= SCORE_MEDIUM_FROM ? SCORE_BAND_MEDIUM : SCORE_BAND_LOW;
}

const char *score_band_name(score_band b)
{
	switch (b) {
	case SCORE_BAND_LOW:
		return "low";
	case SCORE_BAND_MEDIUM:
		return "medium";
	case SCORE_BAND_HIGH:
		return "high";
	default:
		return "not scored";
	}
}

const char *scores_unscored_reason(design_row_status st)
{
	switch (st) {
	case DESIGN_ROW_MISSING:
		return "not scored: a model term is missing (--impute scores it)";
	case DESIGN_ROW_UNSEEN:
		return "not scored: a level the model was not fitted on";
	case DESIGN_ROW_NONPOS:
		return "not scored: log of a value <= 0";
	default:
		return "";
	}
}

/* Riskiest first; equal or unscored rows in table order. */
static int by_risk(const void *a, const void *b)
{
	const score_entry *x = a, *y = b;
	int xn = isnan(x->s.prob), yn = isnan(y->s.prob);
	if (xn != yn)
		return xn - yn;
	if (!xn && x->s.prob != y->s.prob)
		return x->s.prob > y->s.prob ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

/* Puts s's rows (in table order) in by_risk's order through the radix
 * sort: the key is the probability descending, NaN last, equal keys
 * (-0 and +0 alike, as by_risk) in table order.  The rows are gathered
 * into a new list in that order, each asked for RANK_AHEAD rows early
 * (they are read at random).  -1 when out of memory, the rows then as
 * they were. */
#define RANK_AHEAD 8

static int rank_rows(scores *s)
{
	size_t n = s->n ? s->n : 1;
	uint64_t *key = malloc(n * sizeof *key);
	size_t *idx = malloc(n * sizeof *idx);
	score_entry *to = malloc(n * sizeof *to);
	int st = key && idx && to ? 0 : -1;
	for (size_t k = 0; st == 0 && k < s->n; k++) {
		double p = s->rows[k].s.prob;
		key[k] = isnan(p) ? UINT64_MAX : ~order_key_asc(p);
		idx[k] = k;
	}
	if (st == 0 && (st = order_sort_u64(key, idx, s->n)) == 0) {
		mem_hint_huge(to, n * sizeof *to);
		for (size_t k = 0; k < s->n; k++) {
			if (k + RANK_AHEAD < s->n)
				__builtin_prefetch(&s->rows[idx[k + RANK_AHEAD]]);
			to[k] = s->rows[idx[k]];
		}
		score_entry *old = s->rows;
		s->rows = to;
		to = old;
	}
	free(key);
	free(idx);
	free(to);
	return st;
}

void scores_free(scores *s)
{
	if (s == NULL)
		return;
	free(s->rows);
	free(s->weight);
	free(s);
}

/* model_score_fn of build: the scored row i appended to the list. */
static void add_row(void *ctx, size_t i, const model_score_row *r)
{
	scores *s = ctx;
	score_entry *e = &s->rows[s->n++];
	e->row = i;
	e->s = *r;
	e->band = score_band_of(r->prob);
	s->nband[e->band]++;
	if (r->beyond)
		s->nbeyond++;
	else if (e->band == SCORE_BAND_NONE)
		s->nunscored[r->status]++;
}

/* Builds the list from the scores of the active rows of t, one row at a
 * time (lr: logistic model; else the Cox one of c). */
typedef struct {
	const cox_result *r;
	const cox_baseline *b;
	const double *tenure;
	const size_t *stratum;
	double h;
} cox_args;

static churn_status build(const design *d, const logit_result *lr, const cox_args *c,
                          const table *t, const unsigned char *active, scores **out,
                          churn_err *err)
{
	size_t m = t->nrows ? t->nrows : 1;
	scores *s = calloc(1, sizeof *s);
	churn_status st;

	*out = NULL;
	if (s == NULL || (s->rows = malloc(m * sizeof *s->rows)) == NULL) {
		scores_free(s);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory scoring %zu customers",
		                     t->nrows);
	}
	mem_hint_huge(s->rows, m * sizeof *s->rows);  /* filled row after row */
	s->cox = lr == NULL;
	st = lr != NULL ? model_score_each(d, lr, t, active, add_row, s, err)
	     : model_score_cox_each(d, c->r, c->b, t, c->tenure, c->stratum, c->h, active,
	                            add_row, s, err);
	if (st != CHURN_OK) {
		scores_free(s);
		return st;
	}
	if (rank_rows(s) != 0)
		qsort(s->rows, s->n, sizeof *s->rows, by_risk);
	*out = s;
	return CHURN_OK;
}

churn_status scores_build(const design *d, const logit_result *r, const table *t,
                          const unsigned char *active, scores **out, churn_err *err)
{
	return build(d, r, NULL, t, active, out, err);
}

churn_status scores_build_cox(const design *d, const cox_result *r, const cox_baseline *b,
                              const table *t, const double *tenure, const size_t *stratum,
                              double h, const unsigned char *active, scores **out,
                              churn_err *err)
{
	cox_args c = {r, b, tenure, stratum, h};
	return build(d, NULL, &c, t, active, out, err);
}

churn_status scores_weigh(scores *s, const double *w, churn_err *err)
{
	size_t *wt = malloc((s->n ? s->n : 1) * sizeof *wt), m = 0;

	if (wt == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory weighting %zu customers",
		                     s->n);
	memset(s->nband, 0, sizeof s->nband);
	memset(s->nunscored, 0, sizeof s->nunscored);
	s->nbeyond = s->customers = s->nzero = 0;
	for (size_t k = 0; k < s->n; k++) {
		const score_entry *e = &s->rows[k];
		size_t c = (size_t)w[e->row];
		if (c == 0) {
			s->nzero++;
			continue;
		}
		s->rows[m] = *e;
		wt[m++] = c;
		s->nband[e->band] += c;
		s->customers += c;
		if (e->s.beyond)
			s->nbeyond += c;
		else if (e->band == SCORE_BAND_NONE)
			s->nunscored[e->s.status] += c;
	}
	s->n = m;
	free(s->weight);
	s->weight = wt;
	return CHURN_OK;
}

size_t scores_customers(const scores *s)
{
	return s->weight != NULL ? s->customers : s->n;
}

size_t scores_weight_at(const scores *s, size_t k)
{
	return s->weight != NULL ? s->weight[k] : 1;
}

char *scores_beyond_reason(const model_score_row *s, char *buf, size_t n)
{
	if (s->limit > 0)
		snprintf(buf, n, "beyond the data: tenure + horizon passes %.15g, after which fewer "
		         "than the --min-n customers of this stratum were still at risk", s->limit);
	else
		snprintf(buf, n, "beyond the data: this stratum never had --min-n customers at risk");
	return buf;
}

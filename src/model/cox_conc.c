/* cox_conc.c - Harrell's concordance of a Cox model's risk scores, as
 * summary(coxph) prints it; see include/churnkit/cox.h and cox_internal.h.
 *
 * Each stratum's rows are walked in the order of (time, data row) from the
 * latest time back, with a Fenwick tree of the weights at risk over the
 * ranks of the distinct risk scores.  The rows travel as arrays in that
 * order (conc_rows), so the walk reads them one after the other: the fit's
 * sorted rows are already in it, and cox_concordance sorts other data into
 * it once. */
#include "model/cox_internal.h"

#include "churnkit/order.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One stratum's rows in the order of (time, data row): their time, event
 * status, weight (NULL: all 1), entry (NULL: none), risk score and data
 * row (read only to order equal entry times as the data rows order them),
 * n of each.  The arrays are borrowed. */
typedef struct {
	const double *time, *status, *w, *entry, *lp;
	const size_t *row;
	size_t n;
} conc_rows;

/* Fenwick tree of weights over risk-score ranks. */
typedef struct {
	size_t k;
	double *t, *at;
} fenwick;

static void fw_add(fenwick *f, size_t r, double w)
{
	f->at[r] += w;
	for (size_t i = r + 1; i <= f->k; i += i & (~i + 1))
		f->t[i] += w;
}

/* Sum of weights at ranks < r. */
static double fw_below(const fenwick *f, size_t r)
{
	double s = 0;
	for (size_t i = r; i > 0; i -= i & (~i + 1))
		s += f->t[i];
	return s;
}

/* rank[m] = how many distinct values of lp[0..n) are below lp[m] (no lp
 * NaN), by a radix sort of the scores' keys (order.h); *nk the number of
 * distinct values.  0, or -1 when out of memory. */
static int ranks_of(const double *lp, size_t n, size_t *rank, size_t *nk)
{
	size_t na = n ? n : 1, k = 0;
	uint64_t *key = malloc(na * sizeof *key);
	size_t *pos = malloc(na * sizeof *pos);
	int rc = -1;

	if (key == NULL || pos == NULL)
		goto done;
	for (size_t m = 0; m < n; m++) {
		key[m] = order_key_asc(lp[m]);
		pos[m] = m;
	}
	if (order_sort_u64(key, pos, n) != 0)
		goto done;
	/* Equal keys are equal scores (order_key_asc without NaN). */
	for (size_t m = 0; m < n; m++) {
		if (m > 0 && key[m] != key[m - 1])
			k++;
		rank[pos[m]] = k;
	}
	*nk = n ? k + 1 : 0;
	rc = 0;
done:
	free(key);
	free(pos);
	return rc;
}

/* A row's place in the entry order: latest entry first, equal entries by
 * data row, the later first. */
typedef struct {
	double key;
	size_t row, pos;
} entry_key;

static int cmp_entry_desc(const void *a, const void *b)
{
	const entry_key *x = a, *y = b;
	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return (x->row < y->row) - (x->row > y->row);
}

static double weight_of(const conc_rows *g, size_t m)
{
	return g->w ? g->w[m] : 1.0;
}

/* Adds the concordant, discordant and tied-risk pair weights among the
 * rows of g (one stratum) to sums[0..2].  0, or -1 when out of memory. */
static int conc_group(const conc_rows *g, double sums[3])
{
	size_t n = g->n, na = n ? n : 1;
	size_t *rank = malloc(na * sizeof *rank);
	entry_key *bye = g->entry ? malloc(na * sizeof *bye) : NULL;
	fenwick f = {0};
	int rc = -1;
	if (rank == NULL || (g->entry && bye == NULL) || ranks_of(g->lp, n, rank, &f.k) != 0)
		goto done;
	if (bye) {
		for (size_t m = 0; m < n; m++)
			bye[m] = (entry_key){g->entry[m], g->row[m], m};
		qsort(bye, n, sizeof *bye, cmp_entry_desc);
	}
	f.t = calloc(f.k + 1, sizeof *f.t);
	f.at = calloc(f.k + 1, sizeof *f.at);
	if (f.t == NULL || f.at == NULL)
		goto done;
	double total = 0;
	size_t out = 0;
	for (size_t pos = n; pos > 0;) {
		double t = g->time[pos - 1];
		size_t g0 = pos;
		while (g0 > 0 && g->time[g0 - 1] == t)
			g0--;
		for (size_t m = g0; m < pos; m++) {
			if (g->status[m] == 0) {
				double wi = weight_of(g, m);
				fw_add(&f, rank[m], wi);
				total += wi;
			}
		}
		while (bye && out < n && bye[out].key >= t) {
			size_t m = bye[out++].pos;
			double wi = weight_of(g, m);
			fw_add(&f, rank[m], -wi);
			total -= wi;
		}
		for (size_t m = g0; m < pos; m++) {
			if (g->status[m] != 1)
				continue;
			double wi = weight_of(g, m);
			double below = fw_below(&f, rank[m]), eq = f.at[rank[m]];
			sums[0] += wi * below;
			sums[2] += wi * eq;
			sums[1] += wi * (total - below - eq);
		}
		for (size_t m = g0; m < pos; m++) {
			if (g->status[m] == 1) {
				double wi = weight_of(g, m);
				fw_add(&f, rank[m], wi);
				total += wi;
			}
		}
		pos = g0;
	}
	rc = 0;
done:
	free(f.t);
	free(f.at);
	free(rank);
	free(bye);
	return rc;
}

/* The concordance from the pair sums (concordant, discordant, tied risk);
 * rc -1: out of memory. */
static churn_status conc_result(int rc, const double sums[3], double *c, churn_err *err)
{
	if (rc != 0)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the concordance");
	if (sums[0] + sums[1] + sums[2] > 0)
		*c = (sums[0] + sums[2] / 2) / (sums[0] + sums[1] + sums[2]);
	return CHURN_OK;
}

/* Rows of the data as conc_rows, owned: the arrays of the rows kept, in
 * order. */
typedef struct {
	double *time, *status, *w, *entry, *lp;
	size_t *row;
} conc_copy;

static void conc_copy_free(conc_copy *cc)
{
	free(cc->time);
	free(cc->status);
	free(cc->w);
	free(cc->entry);
	free(cc->lp);
	free(cc->row);
}

/* Allocates cc for n rows (w, entry only when the data have them); 0 or -1. */
static int conc_copy_alloc(conc_copy *cc, size_t n, int weighted, int entry)
{
	size_t na = n ? n : 1;
	memset(cc, 0, sizeof *cc);
	cc->time = malloc(na * sizeof *cc->time);
	cc->status = malloc(na * sizeof *cc->status);
	cc->lp = malloc(na * sizeof *cc->lp);
	cc->row = malloc(na * sizeof *cc->row);
	if (weighted)
		cc->w = malloc(na * sizeof *cc->w);
	if (entry)
		cc->entry = malloc(na * sizeof *cc->entry);
	return cc->time && cc->status && cc->lp && cc->row && (!weighted || cc->w) &&
	       (!entry || cc->entry) ? 0 : -1;
}

churn_status cox_concordance(const cox_data *d, const double *lp, double *c, churn_err *err)
{
	size_t N = colscan_nrows(d->X, d->rows, d->nrows), n = 0;
	skeyed *idx = malloc((N ? N : 1) * sizeof *idx);
	conc_copy cc;
	double sums[3] = {0, 0, 0};  /* concordant, discordant, tied risk */
	int rc = conc_copy_alloc(&cc, N, d->w != NULL, d->entry != NULL);
	*c = NAN;
	if (idx == NULL)
		rc = -1;
	for (size_t k = 0; rc == 0 && k < N; k++) {
		size_t i = colscan_row(d->rows, k);
		if (!((d->w ? d->w[i] : 1.0) > 0) || isnan(lp[i]))
			continue;
		idx[n++] = (skeyed){d->strata ? d->strata[i] : 0, d->time[i], i};
	}
	if (rc == 0)
		qsort(idx, n, sizeof *idx, cmp_skeyed_asc);  /* stratum, time, row */
	for (size_t m = 0; rc == 0 && m < n; m++) {
		size_t i = idx[m].idx;
		cc.time[m] = d->time[i];
		cc.status[m] = d->status[i];
		cc.lp[m] = lp[i];
		cc.row[m] = i;
		if (cc.w)
			cc.w[m] = d->w[i];
		if (cc.entry)
			cc.entry[m] = d->entry[i];
	}
	for (size_t lo = 0; rc == 0 && lo < n;) {
		size_t hi = lo;
		while (hi < n && idx[hi].s == idx[lo].s)
			hi++;
		conc_rows g = {cc.time + lo, cc.status + lo, cc.w ? cc.w + lo : NULL,
		               cc.entry ? cc.entry + lo : NULL, cc.lp + lo, cc.row + lo, hi - lo};
		rc = conc_group(&g, sums);
		lo = hi;
	}
	free(idx);
	conc_copy_free(&cc);
	return conc_result(rc, sums, c, err);
}

churn_status cox_concordance_sorted(const cox_work *cw, const double *lp, double *c,
                                    churn_err *err)
{
	size_t n = cw->n;
	conc_copy cc;
	double sums[3] = {0, 0, 0};
	int rc = 0, copied = 0;
	*c = NAN;
	for (size_t lo = 0; rc == 0 && lo < n;) {
		size_t hi = lo, nan = 0;
		while (hi < n && cox_same_stratum(cw, hi, cw->strat ? cw->strat[lo] : 0))
			nan += isnan(lp[hi++]);
		conc_rows g = {cw->time + lo, cw->status + lo, cw->w + lo,
		               cw->entry ? cw->entry + lo : NULL, lp + lo, cw->src + lo, hi - lo};
		if (nan > 0) {
			/* Rows without a score are left out: the others, copied. */
			if (!copied && conc_copy_alloc(&cc, n, 1, cw->entry != NULL) != 0) {
				conc_copy_free(&cc);
				rc = -1;
				break;
			}
			copied = 1;
			size_t m = 0;
			for (size_t r = lo; r < hi; r++) {
				if (isnan(lp[r]))
					continue;
				cc.time[m] = cw->time[r];
				cc.status[m] = cw->status[r];
				cc.w[m] = cw->w[r];
				if (cc.entry)
					cc.entry[m] = cw->entry[r];
				cc.lp[m] = lp[r];
				cc.row[m++] = cw->src[r];
			}
			g = (conc_rows){cc.time, cc.status, cc.w, cc.entry, cc.lp, cc.row, m};
		}
		if (g.n > 0)
			rc = conc_group(&g, sums);
		lo = hi;
	}
	if (copied)
		conc_copy_free(&cc);
	return conc_result(rc, sums, c, err);
}

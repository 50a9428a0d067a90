/* logit_cells.c - the IRLS pass on sufficient statistics: the design's 0/1
 * columns (and the intercept) as cells; see logit_internal.h. */
#include "model/cellmap.h"
#include "model/logit_internal.h"

#include <stdlib.h>
#include <string.h>

void logit_cells_clear(logit_cells *c)
{
	if (c == NULL)
		return;
	free(c->cidx);
	free(c->nidx);
	free(c->code);
	free(c->xc);
	free(c->bits);
	free(c->tot);
	free(c->pos);
	free(c->bc);
	free(c->acc);
	memset(c, 0, sizeof *c);
}

/* Marks in bin[a] whether kept column a is 0 or 1 on every row of
 * positive weight. */
static void binary_columns(const logit_space *sp, int *bin)
{
	const logit_data *d = sp->data;
	for (size_t a = 0; a < sp->q; a++)
		bin[a] = 1;
	for (size_t k = 0; k < sp->n; k++) {
		size_t i = colscan_row(d->rows, k);
		if (!((d->w != NULL ? d->w[i] : 1.0) > 0))
			continue;
		const double *x = gsl_matrix_const_ptr(d->X, i, 0);
		for (size_t a = 0; a < sp->q; a++) {
			double v = x[sp->keep[a]];
			bin[a] &= v == 0 || v == 1;
		}
	}
}

/* Each visited row's cell (its pattern of the cell columns); -1 past
 * CELLMAP_MAX patterns or out of memory. */
static int assign_codes(const logit_space *sp, logit_cells *c)
{
	const logit_data *d = sp->data;
	cellmap map;
	if (cellmap_init(&map) != 0)
		return -1;
	for (size_t k = 0; k < sp->n; k++) {
		size_t i = colscan_row(d->rows, k);
		if (!((d->w != NULL ? d->w[i] : 1.0) > 0))
			continue;
		const double *x = gsl_matrix_const_ptr(d->X, i, 0);
		uint64_t bits = 0;
		int fresh;
		for (size_t a = 0; a < c->qc; a++)
			if (x[sp->keep[c->cidx[a]]] == 1)
				bits |= (uint64_t)1 << a;
		long code = cellmap_code(&map, bits, &fresh);
		if (code < 0) {
			cellmap_clear(&map);
			return -1;
		}
		for (size_t a = 0; fresh && a < c->qc; a++) {
			size_t j = c->cidx[a];
			c->xc[(size_t)code * c->qc + a] = (x[sp->keep[j]] - sp->m[j]) * sp->is[j];
		}
		if (fresh) {
			c->bits[code] = bits;
			c->tot[code] = c->pos[code] = 0;
		}
		double wi = d->w != NULL ? d->w[i] : 1.0;
		c->tot[code] += wi;
		c->pos[code] += wi * d->y[i];
		c->code[k] = (uint32_t)code;
	}
	c->nc = map.nc;
	cellmap_clear(&map);
	return 0;
}

int logit_cells_init(const logit_space *sp, logit_cells *c)
{
	size_t q = sp->q, qa = q ? q : 1;
	int *bin = malloc(qa * sizeof *bin);
	memset(c, 0, sizeof *c);
	c->cidx = malloc(qa * sizeof *c->cidx);
	c->nidx = malloc(qa * sizeof *c->nidx);
	if (bin == NULL || c->cidx == NULL || c->nidx == NULL)
		goto none;
	binary_columns(sp, bin);
	for (size_t a = 0; a < q; a++) {
		if (c->qc < CELLMAP_BITS && bin[a]) {
			c->cidx[c->qc++] = a;
		} else {
			c->nidx[c->qn++] = a;
			c->capped |= bin[a];
		}
	}
	if (c->qc == 0 || !cellmap_worth(q, c->qn))
		goto none;
	c->code = malloc((sp->n ? sp->n : 1) * sizeof *c->code);
	c->xc = malloc(CELLMAP_MAX * c->qc * sizeof *c->xc);
	c->bits = malloc(CELLMAP_MAX * sizeof *c->bits);
	c->tot = malloc(CELLMAP_MAX * sizeof *c->tot);
	c->pos = malloc(CELLMAP_MAX * sizeof *c->pos);
	if (c->code == NULL || c->xc == NULL || c->bits == NULL || c->tot == NULL ||
	    c->pos == NULL || assign_codes(sp, c) != 0)
		goto none;
	size_t qn = c->qn;
	c->bc = malloc(c->nc * sizeof *c->bc);
	c->acc = malloc((2 * c->nc + c->nc * qn + qn * qn + 3 * qn) * sizeof *c->acc);
	if (c->bc == NULL || c->acc == NULL)
		goto none;
	free(bin);
	return 1;
none:
	free(bin);
	logit_cells_clear(c);
	return 0;
}

double logit_cells_pass(const logit_space *sp, const logit_cells *c, const gsl_vector *b,
                        double *G, double *r, int *near01, int *fitted01)
{
	const logit_data *d = sp->data;
	size_t q = sp->q, qc = c->qc, qn = c->qn, nc = c->nc;
	/* per cell: sum wt, sum wz, sum wt xn (qn); global: sum wt xn xn', sum wz xn, bn */
	double *W = c->acc, *Z = W + nc, *WN = Z + nc, *GN = WN + nc * qn, *ZN = GN + qn * qn;
	double *bn = ZN + qn, *xn = bn + qn, dev = 0;
	const double eta_w1[2] = {logit_start_eta(0, 1), logit_start_eta(1, 1)};
	memset(c->acc, 0, (2 * nc + nc * qn + qn * qn + qn) * sizeof *c->acc);
	*near01 = *fitted01 = 0;
	if (b != NULL) {
		for (size_t k = 0; k < nc; k++) {
			double s = 0;
			for (size_t a = 0; a < qc; a++)
				s += c->xc[k * qc + a] * b->data[c->cidx[a]];
			c->bc[k] = s;
		}
		for (size_t l = 0; l < qn; l++)
			bn[l] = b->data[c->nidx[l]];
	}
	for (size_t k = 0; k < sp->n; k++) {
		size_t i = colscan_row(d->rows, k);
		double wi = d->w != NULL ? d->w[i] : 1.0;
		if (!(wi > 0))
			continue;
		const double *x = gsl_matrix_const_ptr(d->X, i, 0);
		for (size_t l = 0; l < qn; l++) {
			size_t j = c->nidx[l];
			xn[l] = (x[sp->keep[j]] - sp->m[j]) * sp->is[j];
		}
		double y = d->y[i], eta, wt, wz;
		uint32_t cell = c->code[k];
		if (b == NULL) {
			eta = wi == 1 ? eta_w1[y == 1] : logit_start_eta(y, wi);
		} else {
			eta = c->bc[cell];
			for (size_t l = 0; l < qn; l++)
				eta += xn[l] * bn[l];
		}
		logit_irls_row(eta, y, wi, &wt, &wz, &dev, near01, fitted01);
		if (wt == 0)
			continue;
		W[cell] += wt;
		Z[cell] += wz;
		double *wn = WN + cell * qn;
		for (size_t l = 0; l < qn; l++) {
			double t = wt * xn[l];
			wn[l] += t;
			ZN[l] += wz * xn[l];
			for (size_t m = 0; m < qn; m++)  /* the full square: vectorised */
				GN[l * qn + m] += t * xn[m];
		}
	}
	/* X'WX and X'Wz from the sums. */
	for (size_t a = 0; a < qc; a++) {
		size_t ja = c->cidx[a];
		double s = 0;
		for (size_t k = 0; k < nc; k++)
			s += Z[k] * c->xc[k * qc + a];
		r[ja] = s;
		for (size_t e = a; e < qc; e++) {
			s = 0;
			for (size_t k = 0; k < nc; k++)
				s += W[k] * c->xc[k * qc + a] * c->xc[k * qc + e];
			G[cellmap_upper(q, ja, c->cidx[e])] = s;
		}
		for (size_t l = 0; l < qn; l++) {
			s = 0;
			for (size_t k = 0; k < nc; k++)
				s += c->xc[k * qc + a] * WN[k * qn + l];
			G[cellmap_upper(q, ja, c->nidx[l])] = s;
		}
	}
	for (size_t l = 0; l < qn; l++) {
		r[c->nidx[l]] = ZN[l];
		for (size_t m = l; m < qn; m++)
			G[cellmap_upper(q, c->nidx[l], c->nidx[m])] = GN[l * qn + m];
	}
	colscan_gram_symm(G, q);
	return dev;
}

int logit_cells_groups(const logit_cells *c, size_t a, double pos[2], double tot[2])
{
	size_t e = 0;
	while (e < c->qc && c->cidx[e] != a)
		e++;
	if (e == c->qc)
		return 0;
	pos[0] = pos[1] = tot[0] = tot[1] = 0;
	for (size_t k = 0; k < c->nc; k++) {
		int g = (int)(c->bits[k] >> e & 1);
		tot[g] += c->tot[k];
		pos[g] += c->pos[k];
	}
	return 1;
}

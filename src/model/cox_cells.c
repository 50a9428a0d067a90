/* cox_cells.c - the Cox fit's iterations and cox.zph's sums on sufficient
 * statistics: the design's 0/1 columns as cells; see cox_internal.h. */
#include "model/cellmap.h"
#include "model/cox_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void cox_cells_clear(cox_cells *c)
{
	if (c == NULL)
		return;
	free(c->cidx);
	free(c->nidx);
	free(c->code);
	free(c->zc);
	free(c->xn);
	free(c->jk);
	free(c->lk);
	free(c->ev);
	free(c->suf);
	free(c->bc);
	free(c->bn);
	free(c->acc);
	memset(c, 0, sizeof *c);
}

/* Marks in bin[c] (q flags) whether kept column c takes only the values
 * 0 and 1 in X on the rows used (a treatment dummy, a missing indicator, a
 * 0/1 flag): X read in its own row order. */
static void binary_columns(const cox_work *cw, const cox_data *d, int *bin)
{
	size_t N = colscan_nrows(d->X, d->rows, d->nrows);
	for (size_t c = 0; c < cw->q; c++)
		bin[c] = 1;
	for (size_t k = 0; k < N; k++) {
		size_t i = colscan_row(d->rows, k);
		if (!((d->w ? d->w[i] : 1.0) > 0))
			continue;
		const double *x = gsl_matrix_const_ptr(d->X, i, 0);
		for (size_t c = 0; c < cw->q; c++) {
			double v = x[cw->keep[c]];
			bin[c] &= v == 0 || v == 1;
		}
	}
}

/* Assigns each sorted row the code of its pattern of the qc cell columns,
 * read from z (a cell column's z is that of x = 0 or of x = 1); -1 when
 * the patterns are more than CELLMAP_MAX or memory is short. */
static int assign_codes(cox_work *cw, size_t qc)
{
	cox_cells *c = &cw->cells;
	size_t q = cw->q;
	double z0[CELLMAP_BITS];
	cellmap map;
	if (cellmap_init(&map) != 0)
		return -1;
	for (size_t k = 0; k < qc; k++) {
		size_t j = c->cidx[k];
		z0[k] = (0 - cw->mean[j]) * cw->scale[j];
	}
	for (size_t r = 0; r < cw->n; r++) {
		const double *z = cw->z + r * q;
		uint64_t bits = 0;
		int fresh;
		for (size_t k = 0; k < qc; k++)
			if (z[c->cidx[k]] != z0[k])
				bits |= (uint64_t)1 << k;
		long code = cellmap_code(&map, bits, &fresh);
		if (code < 0) {
			cellmap_clear(&map);
			return -1;
		}
		if (fresh)  /* the cell's pattern: the scaled values of its first row */
			for (size_t k = 0; k < qc; k++)
				c->zc[(size_t)code * qc + k] = z[c->cidx[k]];
		c->code[r] = (uint32_t)code;
	}
	c->nc = map.nc;
	cellmap_clear(&map);
	return 0;
}

int cox_cells_init(cox_work *cw, const cox_data *d)
{
	cox_cells *c = &cw->cells;
	size_t q = cw->q, n = cw->n;
	memset(c, 0, sizeof *c);
	int *bin = malloc((q ? q : 1) * sizeof *bin);
	c->cidx = malloc((q ? q : 1) * sizeof *c->cidx);
	c->nidx = malloc((q ? q : 1) * sizeof *c->nidx);
	if (bin == NULL || c->cidx == NULL || c->nidx == NULL) {
		free(bin);
		goto none;
	}
	binary_columns(cw, d, bin);
	for (size_t k = 0; k < q; k++) {
		if (c->qc < CELLMAP_BITS && bin[k])
			c->cidx[c->qc++] = k;
		else
			c->nidx[c->qn++] = k;
	}
	free(bin);
	if (c->qc == 0 || !cellmap_worth(q, c->qn))
		goto none;
	size_t qn = c->qn;
	c->code = malloc((n ? n : 1) * sizeof *c->code);
	c->zc = malloc(CELLMAP_MAX * c->qc * sizeof *c->zc);
	c->jk = malloc((n ? n : 1) * sizeof *c->jk);
	c->lk = malloc((n ? n : 1) * sizeof *c->lk);
	c->ev = malloc((n ? 2 * n : 1) * sizeof *c->ev);
	c->suf = malloc((n + 1) * sizeof *c->suf);
	if (!c->code || !c->zc || !c->jk || !c->lk || !c->ev || !c->suf ||
	    assign_codes(cw, c->qc) != 0)
		goto none;
	c->bc = malloc(c->nc * sizeof *c->bc);
	c->bn = malloc((qn ? qn : 1) * sizeof *c->bn);
	c->xn = malloc((qn ? qn : 1) * sizeof *c->xn);
	c->acc = malloc((c->nc * (1 + qn) + qn * qn) * sizeof *c->acc);
	if (c->bc == NULL || c->bn == NULL || c->xn == NULL || c->acc == NULL)
		goto none;
	return 1;
none:
	cox_cells_clear(c);
	return 0;
}

double cox_cells_spread(const cox_work *cw, const double *beta)
{
	const cox_cells *c = &cw->cells;
	double lo = INFINITY, hi = -INFINITY;
	for (size_t k = 0; k < c->nc; k++) {
		double s = 0;
		for (size_t j = 0; j < c->qc; j++)
			s += beta[c->cidx[j]] * c->zc[k * c->qc + j];
		lo = s < lo ? s : lo;
		hi = s > hi ? s : hi;
	}
	return c->nc > 0 ? hi - lo : 0;
}

int cox_cells_suit(const cox_work *cw, const double *beta)
{
	return cw->cells.nc > 0 && cox_cells_spread(cw, beta) <= COX_CELLS_SPREAD;
}

/* The scratch of one walk on the cells: nw time weights g^0 .. g^(nw-1)
 * (g NULL: nw 1, the fit's information; g the zph time transform: nw 3).
 * The death times walked in the stratum so far are K; for each, per
 * weight, g^e c and g^e d (ev: nw blocks of two rows of n); per row the
 * death times walked before it joined (jk) and left (lk, SIZE_MAX: at the
 * stratum's end).  suf (n + 1) and acc (nw blocks of WALK_ACC(c) cell
 * sums) are scratch. */
typedef struct {
	size_t nw, K;
	const double *g;
	size_t *jk, *lk;
	double *ev, *suf, *acc;
} walk;

#define WALK_ACC(c) ((c)->nc * (1 + (c)->qn) + (c)->qn * (c)->qn)

/* Adds the rows [lo, hi) of one stratum to each weight's cell sums: per
 * cell sum v and sum v zn, and the global sum v zn zn', with v = r times
 * the sum of c_t over the death times at which the row was at risk (a
 * death at its own time d_t, Efron's share).  Those sums are suffix sums
 * over the stratum's death times, added from its earliest time on: a
 * row's sum holds no difference of the whole stratum's (its rounding is
 * that of its own terms) unless it left early (delayed entry). */
static void add_rows(const cox_work *cw, const walk *wk, size_t lo, size_t hi,
                     const double *risk)
{
	const cox_cells *c = &cw->cells;
	size_t qn = c->qn, n = cw->n, K = wk->K;
	double *suf = wk->suf;
	for (size_t e = 0; e < wk->nw; e++) {
		double *V = wk->acc + e * WALK_ACC(c), *VN = V + c->nc, *G = VN + c->nc * qn;
		const double *ct = wk->ev + 2 * e * n, *dt = ct + n;
		suf[K] = 0;
		for (size_t k = K; k > 0; k--)
			suf[k - 1] = suf[k] + ct[k - 1];
		for (size_t i = lo; i < hi; i++) {
			size_t j = wk->jk[i], l = wk->lk[i] == SIZE_MAX ? K : wk->lk[i];
			double h = cw->status[i] != 0 ? suf[j + 1] + dt[j] : suf[j];
			double v = risk[i] * (l == K ? h : h - suf[l]);
			uint32_t k = c->code[i];
			const double *z = cw->z + i * cw->q;
			double *zn = c->xn;  /* the row's numeric columns, gathered */
			for (size_t a = 0; a < qn; a++)
				zn[a] = z[c->nidx[a]];
			V[k] += v;
			double *vn = VN + k * qn;
			/* The full square (the upper triangle is read): a loop
			 * the compiler vectorises. */
			for (size_t a = 0; a < qn; a++) {
				double t = v * zn[a];
				vn[a] += t;
				for (size_t m = 0; m < qn; m++)
					G[a * qn + m] += t * zn[m];
			}
		}
	}
}

/* imat (upper triangle) += the cell sums acc expanded into the q x q
 * matrix sum v z z'. */
static void expand(const cox_work *cw, const double *acc, double *imat)
{
	const cox_cells *c = &cw->cells;
	size_t q = cw->q, qc = c->qc, qn = c->qn;
	const double *V = acc, *VN = V + c->nc, *G = VN + c->nc * qn;
	for (size_t a = 0; a < qc; a++) {
		for (size_t b = a; b < qc; b++) {
			double s = 0;
			for (size_t k = 0; k < c->nc; k++)
				s += V[k] * c->zc[k * qc + a] * c->zc[k * qc + b];
			imat[cellmap_upper(q, c->cidx[a], c->cidx[b])] += s;
		}
		for (size_t l = 0; l < qn; l++) {
			double s = 0;
			for (size_t k = 0; k < c->nc; k++)
				s += c->zc[k * qc + a] * VN[k * qn + l];
			imat[cellmap_upper(q, c->cidx[a], c->nidx[l])] += s;
		}
	}
	for (size_t l = 0; l < qn; l++)
		for (size_t m = l; m < qn; m++)
			imat[cellmap_upper(q, c->nidx[l], c->nidx[m])] += G[l * qn + m];
}

/* Delayed entry: as cox_drop_entered without the q x q sums; a leaving
 * row's death times walked are recorded in lk. */
static void drop_entered(const cox_work *cw, walk *wk, size_t *out, size_t cur, double dtime,
                         const double *risk, double *denom, double *a)
{
	while (cw->entry != NULL && *out < cw->n && cox_same_stratum(cw, cw->eorder[*out], cur) &&
	       cw->entry[cw->eorder[*out]] >= dtime) {
		size_t i = cw->eorder[(*out)++];
		const double *z = cw->z + i * cw->q;
		*denom -= risk[i];
		for (size_t j = 0; j < cw->q; j++)
			a[j] -= risk[i] * z[j];
		wk->lk[i] = wk->K;
	}
}

/* The deaths at one time (ndead of weight deadwt, risk denom2, time
 * weight g): Efron's or Breslow's parts m at S1_m = a + f_m a2,
 * f_m = (m + 1) / parts, c_m = wpart / S0_m.  The information block of
 * weight g^e gets -g^e sum c_m S1_m S1_m' / S0_m (three sums over the
 * parts); u (and u2 with g) -= sum c_m S1_m part by part, as the dense
 * walk; the time's c = sum c_m and d = sum c_m f_m (the deaths' own share)
 * are recorded.  Returns the log likelihood's part. */
static double deaths(const cox_work *cw, walk *wk, int efron, int ndead, double deadwt,
                     double denom2, double g, double *denom, double *u, double *u2,
                     double *imat)
{
	size_t q = cw->q;
	double *a = cw->a, *a2 = cw->a2;
	double ct = 0, dt = 0, s0 = 0, s1 = 0, s2 = 0, d0 = *denom, loglik = 0;
	int parts = efron ? ndead : 1;
	double wpart = deadwt / parts;
	for (int m = 0; m < parts; m++) {
		*denom += denom2 / parts;
		loglik -= wpart * log(*denom);
		double cm = wpart / *denom, f = (m + 1.0) / parts;
		ct += cm;
		dt += cm * f;
		s0 += cm / *denom;
		s1 += cm * f / *denom;
		s2 += cm * f * f / *denom;
	}
	double ge = 1;
	for (size_t e = 0; e < wk->nw; e++, ge *= g) {
		double *blk = imat + e * q * q;
		for (size_t j = 0; j < q; j++) {
			double *row = blk + j * q;
			for (size_t k = j; k < q; k++)
				row[k] -= ge * (s0 * a[j] * a[k] + s1 * (a[j] * a2[k] + a2[j] * a[k]) +
				                s2 * a2[j] * a2[k]);
		}
		wk->ev[2 * e * cw->n + wk->K] = ge * ct;
		wk->ev[(2 * e + 1) * cw->n + wk->K] = ge * dt;
	}
	wk->K++;
	for (int m = 0; m < parts; m++) {
		d0 += denom2 / parts;
		for (size_t j = 0; j < q; j++) {
			a[j] += a2[j] / parts;
			double du = wpart * (a[j] / d0);
			u[j] -= du;
			if (u2 != NULL)
				u2[j] -= g * du;
		}
	}
	return loglik;
}

/* The information matrix's sum over the death times of c_t S2(t) (c_t
 * the deaths' weight over the risk set's, S2 = sum r z z') is a sum over
 * rows of r z z' times the sum of c_t over the times the row was at risk:
 * each row's weight goes to its cell's sums once per stratum (add_rows),
 * and the q x q matrix is formed once per walk.  With time weights g_t,
 * the same for sum c_t g_t^e S2(t).  imat: nw blocks q x q (upper
 * triangles); u2 NULL without g. */
static double walk_cells(const cox_work *cw, walk *wk, int efron, const double *beta,
                         double *u, double *u2, double *imat, double *risk)
{
	const cox_cells *c = &cw->cells;
	size_t q = cw->q, qc = c->qc, qn = c->qn;
	double *a = cw->a, *a2 = cw->a2, *bc = c->bc;
	double loglik = 0, denom = 0;
	size_t out = 0, hi = cw->n;  /* hi: the end of the stratum being walked */

	memset(u, 0, q * sizeof *u);
	if (u2 != NULL)
		memset(u2, 0, q * sizeof *u2);
	memset(imat, 0, wk->nw * q * q * sizeof *imat);
	memset(a, 0, q * sizeof *a);
	memset(a2, 0, q * sizeof *a2);
	memset(wk->acc, 0, wk->nw * WALK_ACC(c) * sizeof *wk->acc);
	wk->K = 0;
	for (size_t k = 0; k < c->nc; k++) {
		double s = 0;
		for (size_t j = 0; j < qc; j++)
			s += beta[c->cidx[j]] * c->zc[k * qc + j];
		bc[k] = s;
	}
	for (size_t l = 0; l < qn; l++)
		c->bn[l] = beta[c->nidx[l]];

	size_t cur = (size_t)-1;
	for (size_t person = cw->n; person > 0;) {
		if (cw->strat != NULL && cw->strat[person - 1] != cur) {
			if (cur != (size_t)-1)
				add_rows(cw, wk, person, hi, risk);
			hi = person;
			cur = cw->strat[person - 1];
			denom = 0;
			wk->K = 0;
			memset(a, 0, q * sizeof *a);
			while (cw->entry != NULL && out < cw->n && cw->strat[cw->eorder[out]] != cur)
				out++;
		}
		double dtime = cw->time[person - 1], deadwt = 0, denom2 = 0, g = 0;
		int ndead = 0;
		while (person > 0 && cw->time[person - 1] == dtime &&
		       (cw->strat == NULL || cw->strat[person - 1] == cur)) {
			size_t i = --person;
			const double *z = cw->z + i * q;
			double zbeta = bc[c->code[i]];
			for (size_t l = 0; l < qn; l++)
				zbeta += c->bn[l] * z[c->nidx[l]];
			double r = exp(zbeta) * cw->w[i];
			risk[i] = r;
			wk->jk[i] = wk->K;
			wk->lk[i] = SIZE_MAX;  /* not left before the stratum's end */
			if (cw->status[i] == 0) {
				denom += r;
				for (size_t j = 0; j < q; j++)
					a[j] += r * z[j];
			} else {
				ndead++;
				deadwt += cw->w[i];
				denom2 += r;
				loglik += cw->w[i] * zbeta;
				g = wk->g != NULL ? wk->g[i] : 0;
				for (size_t j = 0; j < q; j++) {
					u[j] += cw->w[i] * z[j];
					if (u2 != NULL)
						u2[j] += g * cw->w[i] * z[j];
					a2[j] += r * z[j];
				}
			}
		}
		drop_entered(cw, wk, &out, cur, dtime, risk, &denom, a);
		if (ndead == 0)
			continue;
		loglik += deaths(cw, wk, efron, ndead, deadwt, denom2, g, &denom, u, u2, imat);
		memset(a2, 0, q * sizeof *a2);
	}
	add_rows(cw, wk, 0, hi, risk);
	for (size_t e = 0; e < wk->nw; e++)
		expand(cw, wk->acc + e * WALK_ACC(c), imat + e * q * q);
	return loglik;
}

double cox_iter_cells(const cox_work *cw, int efron, const double *beta, double *u,
                      double *imat, double *risk)
{
	const cox_cells *c = &cw->cells;
	walk wk = {.nw = 1, .jk = c->jk, .lk = c->lk, .ev = c->ev, .suf = c->suf, .acc = c->acc};
	double loglik = walk_cells(cw, &wk, efron, beta, u, NULL, imat, risk);
	colscan_gram_symm(imat, cw->q);
	return loglik;
}

int cox_zph_cells(const cox_work *cw, int efron, const double *beta, const double *g,
                  double *u2, double *M, double *risk)
{
	const cox_cells *c = &cw->cells;
	size_t q = cw->q, Q = 2 * q, n = cw->n;
	walk wk = {.nw = 3, .g = g};
	double *blk = malloc((q > 0 ? 3 * q * q : 1) * sizeof *blk);
	double *u = malloc((q ? q : 1) * sizeof *u);
	wk.jk = c->jk;
	wk.lk = c->lk;
	wk.suf = c->suf;
	wk.ev = malloc((n > 0 ? 6 * n : 1) * sizeof *wk.ev);
	wk.acc = malloc(3 * WALK_ACC(c) * sizeof *wk.acc);
	int rc = -1;
	if (blk == NULL || u == NULL || wk.ev == NULL ||
	    wk.acc == NULL)
		goto done;
	walk_cells(cw, &wk, efron, beta, u, u2, blk, risk);
	/* M = [B0 B1; B1 B2], each block symmetric from its upper triangle. */
	for (size_t e = 0; e < 3; e++)
		colscan_gram_symm(blk + e * q * q, q);
	for (size_t i = 0; i < q; i++)
		for (size_t j = 0; j < q; j++) {
			M[i * Q + j] = blk[i * q + j];
			M[i * Q + j + q] = M[(j + q) * Q + i] = blk[q * q + i * q + j];
			M[(i + q) * Q + j + q] = blk[2 * q * q + i * q + j];
		}
	rc = 0;
done:
	free(blk);
	free(u);
	free(wk.ev);
	free(wk.acc);
	return rc;
}

/* cox_cells.c - the Cox fit's iteration on sufficient statistics: the
 * design's 0/1 columns as cells; see cox_internal.h. */
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
	free(c->zn);
	free(c->hj);
	free(c->hl);
	free(c->bc);
	free(c->bn);
	free(c->acc);
	memset(c, 0, sizeof *c);
}

/* Marks in bin[c] (q flags) whether kept column c takes only the values
 * 0 and 1 in X on the sorted rows (a treatment dummy, a missing
 * indicator, a 0/1 flag). */
static void binary_columns(const cox_work *cw, const cox_data *d, int *bin)
{
	for (size_t c = 0; c < cw->q; c++)
		bin[c] = 1;
	for (size_t r = 0; r < cw->n; r++) {
		const double *x = gsl_matrix_const_ptr(d->X, cw->src[r], 0);
		for (size_t c = 0; c < cw->q; c++) {
			double v = x[cw->keep[c]];
			bin[c] &= v == 0 || v == 1;
		}
	}
}

/* Assigns each sorted row the code of its pattern of the qc cell columns;
 * -1 when the patterns are more than CELLMAP_MAX or memory is short. */
static int assign_codes(cox_work *cw, const cox_data *d, size_t qc)
{
	cox_cells *c = &cw->cells;
	cellmap map;
	if (cellmap_init(&map) != 0)
		return -1;
	for (size_t r = 0; r < cw->n; r++) {
		const double *x = gsl_matrix_const_ptr(d->X, cw->src[r], 0);
		uint64_t bits = 0;
		int fresh;
		for (size_t k = 0; k < qc; k++)
			if (x[cw->keep[c->cidx[k]]] == 1)
				bits |= (uint64_t)1 << k;
		long code = cellmap_code(&map, bits, &fresh);
		if (code < 0) {
			cellmap_clear(&map);
			return -1;
		}
		if (fresh)  /* the cell's pattern: the scaled values of its first row */
			for (size_t k = 0; k < qc; k++)
				c->zc[(size_t)code * qc + k] = cw->z[r * cw->q + c->cidx[k]];
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
	if (c->qc == 0)
		goto none;
	size_t qn = c->qn;
	c->code = malloc((n ? n : 1) * sizeof *c->code);
	c->zc = malloc(CELLMAP_MAX * c->qc * sizeof *c->zc);
	c->zn = malloc((n * qn > 0 ? n * qn : 1) * sizeof *c->zn);
	c->hj = malloc((n ? n : 1) * sizeof *c->hj);
	c->hl = cw->entry != NULL ? malloc((n ? n : 1) * sizeof *c->hl) : NULL;
	if (!c->code || !c->zc || !c->zn || !c->hj || (cw->entry && !c->hl) || assign_codes(cw, d, c->qc) != 0)
		goto none;
	c->bc = malloc(c->nc * sizeof *c->bc);
	c->bn = malloc((qn ? qn : 1) * sizeof *c->bn);
	c->acc = malloc((c->nc * (1 + qn) + qn * qn) * sizeof *c->acc);
	if (c->bc == NULL || c->bn == NULL || c->acc == NULL)
		goto none;
	for (size_t r = 0; r < n; r++)
		for (size_t l = 0; l < qn; l++)
			c->zn[r * qn + l] = cw->z[r * q + c->nidx[l]];
	return 1;
none:
	cox_cells_clear(c);
	return 0;
}

/* Adds the rows [lo, hi) of one stratum, each with weight v = r (hl - hj)
 * (hl[i] NaN or no entry times: the row left at H, the stratum's end),
 * to the cell sums: per cell sum v and sum v zn, and the global sum
 * v zn zn' (upper triangle). */
static void add_rows(const cox_work *cw, size_t lo, size_t hi, const double *risk, double H)
{
	const cox_cells *c = &cw->cells;
	size_t qn = c->qn;
	double *V = c->acc, *VN = V + c->nc, *G = VN + c->nc * qn;
	for (size_t i = lo; i < hi; i++) {
		double hl = cw->entry != NULL && !isnan(c->hl[i]) ? c->hl[i] : H;
		double v = risk[i] * (hl - c->hj[i]);
		uint32_t k = c->code[i];
		const double *zn = c->zn + i * qn;
		V[k] += v;
		double *vn = VN + k * qn;
		for (size_t l = 0; l < qn; l++) {
			double a = v * zn[l];
			vn[l] += a;
			for (size_t m = l; m < qn; m++)
				G[l * qn + m] += a * zn[m];
		}
	}
}

/* imat (upper triangle) += the cell sums expanded into the q x q matrix
 * sum v z z'. */
static void expand(const cox_work *cw, double *imat)
{
	const cox_cells *c = &cw->cells;
	size_t q = cw->q, qc = c->qc, qn = c->qn;
	const double *V = c->acc, *VN = V + c->nc, *G = VN + c->nc * qn;
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
 * row's H is recorded in hl. */
static void drop_entered(const cox_work *cw, size_t *out, size_t cur, double dtime,
                         const double *risk, double H, double *denom, double *a)
{
	while (cw->entry != NULL && *out < cw->n && cox_same_stratum(cw, cw->eorder[*out], cur) &&
	       cw->entry[cw->eorder[*out]] >= dtime) {
		size_t i = cw->eorder[(*out)++];
		const double *z = cw->z + i * cw->q;
		*denom -= risk[i];
		for (size_t j = 0; j < cw->q; j++)
			a[j] -= risk[i] * z[j];
		cw->cells.hl[i] = H;
	}
}

int cox_cells_suit(const cox_work *cw, const double *beta)
{
	const cox_cells *c = &cw->cells;
	double lo = INFINITY, hi = -INFINITY;
	if (c->nc == 0)
		return 0;
	for (size_t k = 0; k < c->nc; k++) {
		double s = 0;
		for (size_t j = 0; j < c->qc; j++)
			s += beta[c->cidx[j]] * c->zc[k * c->qc + j];
		lo = s < lo ? s : lo;
		hi = s > hi ? s : hi;
	}
	return hi - lo <= COX_CELLS_SPREAD;
}

/* The information matrix's sum over the death times of c_t S2(t) (c_t
 * the deaths' weight over the risk set's, S2 = sum r z z') is a sum over
 * rows of r z z' (H_leave - H_join), H the running sum of c_t from the
 * latest time back: each row's r (H_leave - H_join) goes to its cell's
 * sums once per stratum, and the q x q matrix is formed once per
 * iteration.  Efron's tied deaths take part in their own time's sums at
 * (m + 1) / ndead: they join at H_after - sum_m c_m (m + 1) / ndead. */
double cox_iter_cells(const cox_work *cw, int efron, const double *beta, double *u,
                      double *imat, double *risk)
{
	const cox_cells *c = &cw->cells;
	size_t q = cw->q, qc = c->qc, qn = c->qn;
	double *a = cw->a, *a2 = cw->a2, *bc = c->bc;
	double loglik = 0, denom = 0, H = 0;
	size_t out = 0, hi = cw->n;  /* hi: the end of the stratum being walked */

	memset(u, 0, q * sizeof *u);
	memset(imat, 0, q * q * sizeof *imat);
	memset(a, 0, q * sizeof *a);
	memset(a2, 0, q * sizeof *a2);
	memset(c->acc, 0, (c->nc * (1 + qn) + qn * qn) * sizeof *c->acc);
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
				add_rows(cw, person, hi, risk, H);
			hi = person;
			cur = cw->strat[person - 1];
			denom = 0;
			H = 0;
			memset(a, 0, q * sizeof *a);
			while (cw->entry != NULL && out < cw->n && cw->strat[cw->eorder[out]] != cur)
				out++;
		}
		double dtime = cw->time[person - 1], deadwt = 0, denom2 = 0;
		int ndead = 0;
		size_t top = person;
		while (person > 0 && cw->time[person - 1] == dtime &&
		       (cw->strat == NULL || cw->strat[person - 1] == cur)) {
			size_t i = --person;
			const double *z = cw->z + i * q, *zn = c->zn + i * qn;
			double zbeta = bc[c->code[i]];
			for (size_t l = 0; l < qn; l++)
				zbeta += c->bn[l] * zn[l];
			double r = exp(zbeta) * cw->w[i];
			risk[i] = r;
			c->hj[i] = H;
			if (cw->entry != NULL)
				c->hl[i] = NAN;  /* not left before the stratum's end */
			if (cw->status[i] == 0) {
				denom += r;
				for (size_t j = 0; j < q; j++)
					a[j] += r * z[j];
			} else {
				ndead++;
				deadwt += cw->w[i];
				denom2 += r;
				loglik += cw->w[i] * zbeta;
				for (size_t j = 0; j < q; j++) {
					u[j] += cw->w[i] * z[j];
					a2[j] += r * z[j];
				}
			}
		}
		drop_entered(cw, &out, cur, dtime, risk, H, &denom, a);
		if (ndead == 0)
			continue;
		/* The parts m of the deaths (ndead with Efron, else 1) at
		 * S1_m = a + f_m a2, f_m = (m + 1) / parts, c_m = wpart / S0_m:
		 * imat -= sum c_m S1_m S1_m' / S0_m from three sums over the
		 * parts; u -= sum c_m S1_m part by part, as the dense walk. */
		double ct = 0, dt = 0, s0 = 0, s1 = 0, s2 = 0, d0 = denom;
		int parts = efron ? ndead : 1;
		double wpart = deadwt / parts;
		for (int m = 0; m < parts; m++) {
			denom += denom2 / parts;
			loglik -= wpart * log(denom);
			double cm = wpart / denom, f = (m + 1.0) / parts;
			ct += cm;
			dt += cm * f;
			s0 += cm / denom;
			s1 += cm * f / denom;
			s2 += cm * f * f / denom;
		}
		for (size_t j = 0; j < q; j++) {
			double *row = imat + j * q;
			for (size_t k = j; k < q; k++)
				row[k] -= s0 * a[j] * a[k] + s1 * (a[j] * a2[k] + a2[j] * a[k]) +
				          s2 * a2[j] * a2[k];
		}
		for (int m = 0; m < parts; m++) {
			d0 += denom2 / parts;
			for (size_t j = 0; j < q; j++) {
				a[j] += a2[j] / parts;
				u[j] -= wpart * (a[j] / d0);
			}
		}
		for (size_t i = person; i < top; i++)
			if (cw->status[i] != 0)
				c->hj[i] += ct - dt;
		H += ct;
		memset(a2, 0, q * sizeof *a2);
	}
	add_rows(cw, 0, hi, risk, H);
	expand(cw, imat);
	colscan_gram_symm(imat, q);
	return loglik;
}

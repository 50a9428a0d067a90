/* test_logit_cells.c - the IRLS pass on cell sums (src/model/logit_cells.c)
 * against the normal equations summed here row by row, X'WX = sum wt xs
 * xs' and X'Wz = sum wz xs over the rows of positive weight, on a random
 * design with an intercept, a factor, a 0/1 flag, numeric columns, weights
 * (some 0) and a subset of rows. */
#include "model/logit_internal.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#define N 500
#define P 8

/* The pass summed row by row at b (NULL: glm's start). */
static double dense_pass(const logit_space *sp, const double *b, double *G, double *r,
                         int *near01, int *fitted01)
{
	const logit_data *d = sp->data;
	size_t q = sp->q;
	double xs[P], dev = 0;
	memset(G, 0, q * q * sizeof *G);
	memset(r, 0, q * sizeof *r);
	*near01 = *fitted01 = 0;
	for (size_t k = 0; k < sp->n; k++) {
		size_t i = colscan_row(d->rows, k);
		double wi = d->w[i], wt, wz, eta = 0;
		if (!(wi > 0))
			continue;
		logit_space_row(sp, i, xs);
		if (b == NULL)
			eta = logit_start_eta(d->y[i], wi);
		else
			for (size_t j = 0; j < q; j++)
				eta += b[j] * xs[j];
		logit_irls_row(eta, d->y[i], wi, &wt, &wz, &dev, near01, fitted01);
		for (size_t j = 0; j < q; j++) {
			r[j] += wz * xs[j];
			for (size_t l = 0; l < q; l++)
				G[j * q + l] += wt * xs[j] * xs[l];
		}
	}
	return dev;
}

static double maxabs(const double *x, size_t n)
{
	double m = 0;
	for (size_t i = 0; i < n; i++)
		m = fabs(x[i]) > m ? fabs(x[i]) : m;
	return m;
}

static double maxdiff(const double *x, const double *y, size_t n)
{
	double m = 0;
	for (size_t i = 0; i < n; i++)
		m = fabs(x[i] - y[i]) > m ? fabs(x[i] - y[i]) : m;
	return m;
}

static void compare(const char *name, const logit_data *d, gsl_rng *rng, double bscale)
{
	logit_space sp;
	logit_cells cells;
	churn_err err;
	if (!ok(logit_space_init(d, &sp, &err) == CHURN_OK, "%s: space", name)) {
		diag("%s", err.msg);
		return;
	}
	size_t q = sp.q;
	ok(logit_cells_init(&sp, &cells) == 1, "%s: cells built", name);
	is_int((long long)cells.qc, 6, "%s: six cell columns (intercept, four dummies, a flag)",
	       name);
	is_int((long long)cells.qn, 2, "%s: two numeric columns", name);
	ok(cells.nc >= 2 && cells.nc <= 10, "%s: %zu cells of at most 5 x 2 patterns", name,
	   cells.nc);
	double b[P], G1[P * P], G2[P * P], r1[P], r2[P];
	for (size_t j = 0; j < q; j++)
		b[j] = bscale * (gsl_rng_uniform(rng) - 0.5);
	for (int start = 0; start <= 1; start++) {
		const char *at = start ? "start" : "random b";
		int n1, f1, n2, f2;
		gsl_vector_view bv = gsl_vector_view_array(b, q);
		double d1 = dense_pass(&sp, start ? NULL : b, G1, r1, &n1, &f1);
		double d2 = logit_cells_pass(&sp, &cells, start ? NULL : &bv.vector, G2, r2, &n2, &f2);
		is_double_rel(d2, d1, 1e-12, "%s, %s: deviance as row by row", name, at);
		ok(maxdiff(G1, G2, q * q) <= 1e-12 * maxabs(G1, q * q), "%s, %s: X'WX as row by row",
		   name, at);
		ok(maxdiff(r1, r2, q) <= 1e-12 * maxabs(r1, q), "%s, %s: X'Wz as row by row", name, at);
		ok(n1 == n2 && f1 == f2, "%s, %s: the same near-0/1 flags", name, at);
	}
	/* The separation check's groups of each 0/1 column, summed here. */
	for (size_t a = 0; a < q; a++) {
		size_t j = sp.keep[a];
		double pos[2], tot[2], epos[2] = {0, 0}, etot[2] = {0, 0};
		int binary = 1;
		for (size_t k = 0; k < sp.n; k++) {
			size_t i = colscan_row(d->rows, k);
			double x = gsl_matrix_get(d->X, i, j);
			if (!(d->w[i] > 0))
				continue;
			binary &= x == 0 || x == 1;
			etot[x == 1] += d->w[i];
			epos[x == 1] += d->w[i] * d->y[i];
		}
		int got = logit_cells_groups(&cells, a, pos, tot);
		is_int(got, binary, "%s: column %zu is %sa cell column", name, j, binary ? "" : "not ");
		if (got && binary)
			ok(fabs(pos[0] - epos[0]) <= 1e-12 * etot[0] &&
			       fabs(pos[1] - epos[1]) <= 1e-12 * etot[1] &&
			       fabs(tot[0] - etot[0]) <= 1e-12 * etot[0] &&
			       fabs(tot[1] - etot[1]) <= 1e-12 * etot[1],
			   "%s: column %zu's weights and outcomes where 0 and where 1", name, j);
	}
	logit_cells_clear(&cells);
	logit_space_clear(&sp);
}

int main(void)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 20261207);
	gsl_matrix *X = gsl_matrix_alloc(N, P);
	double *y = malloc(N * sizeof *y), *w = malloc(N * sizeof *w), *w1 = malloc(N * sizeof *w1);
	size_t *rows = malloc(N * sizeof *rows), nrows = 0;
	for (size_t i = 0; i < N; i++) {
		unsigned lvl = (unsigned)gsl_rng_uniform_int(rng, 5);
		gsl_matrix_set(X, i, 0, 1);
		gsl_matrix_set(X, i, 1, lvl == 1);
		gsl_matrix_set(X, i, 2, log(1 + 100 * gsl_rng_uniform(rng)));
		gsl_matrix_set(X, i, 3, lvl == 2);
		gsl_matrix_set(X, i, 4, gsl_rng_uniform(rng) < 0.3);
		gsl_matrix_set(X, i, 5, (double)gsl_rng_uniform_int(rng, 7));
		gsl_matrix_set(X, i, 6, lvl == 3);
		gsl_matrix_set(X, i, 7, lvl == 4);
		y[i] = gsl_rng_uniform(rng) < 0.35;
		w[i] = i % 13 == 0 ? 0 : 0.5 + 1.5 * gsl_rng_uniform(rng);
		w1[i] = 1;
		if (i % 4 != 0)
			rows[nrows++] = i;
	}
	logit_data unit = {.X = X, .y = y, .w = w1, .intercept = 1};
	compare("unit weights", &unit, rng, 1.0);
	logit_data weighted = {.X = X, .y = y, .w = w, .intercept = 1};
	compare("weights", &weighted, rng, 1.0);
	logit_data subset = {.X = X, .y = y, .w = w, .rows = rows, .nrows = nrows, .intercept = 1};
	compare("weights and a row subset", &subset, rng, 1.0);
	compare("large coefficients (fitted p near 0 or 1)", &subset, rng, 40.0);

	/* One numeric column, no intercept: no cell column. */
	gsl_matrix_view num = gsl_matrix_submatrix(X, 0, 2, N, 1);
	logit_data few = {.X = &num.matrix, .y = y, .w = w1, .intercept = 0};
	logit_space sp;
	logit_cells cells;
	churn_err err;
	if (ok(logit_space_init(&few, &sp, &err) == CHURN_OK, "numeric only: space")) {
		is_int(logit_cells_init(&sp, &cells), 0, "numeric only: no cells, the dense pass");
		is_int((long long)cells.nc, 0, "numeric only: the cells are clear");
		logit_space_clear(&sp);
	}
	gsl_matrix_free(X);
	free(y);
	free(w);
	free(w1);
	free(rows);
	gsl_rng_free(rng);
	return done_testing();
}

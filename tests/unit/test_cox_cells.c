/* test_cox_cells.c - the Cox iteration on cell sums (src/model/cox_cells.c)
 * against the dense iteration, an independent walk kept in cox.c that adds
 * r z z' row by row: on a small random design with a factor, a 0/1 flag,
 * numeric columns, tied times, strata, weights and delayed entry, the log
 * likelihood, score and information agree to rounding, and so do the
 * proportional-hazards test's sums (cox_zph_cells against cox_zph.c's
 * dense walk). */
#include "model/cox_internal.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#define N 400

/* Largest |x| of n values. */
static double maxabs(const double *x, size_t n)
{
	double m = 0;
	for (size_t i = 0; i < n; i++)
		m = fabs(x[i]) > m ? fabs(x[i]) : m;
	return m;
}

/* Largest |x - y| of n values. */
static double maxdiff(const double *x, const double *y, size_t n)
{
	double m = 0;
	for (size_t i = 0; i < n; i++)
		m = fabs(x[i] - y[i]) > m ? fabs(x[i] - y[i]) : m;
	return m;
}

/* Both iterations at a random beta scaled to the cells' spread `spread`
 * (0: as drawn), Efron and Breslow. */
static void compare(const char *name, const cox_data *cd, gsl_rng *rng, double spread)
{
	cox_work cw;
	churn_err err;
	if (!ok(cox_work_init(cd, &cw, &err) == CHURN_OK, "%s: prepared", name)) {
		diag("%s", err.msg);
		return;
	}
	size_t q = cw.q;
	ok(cw.cells.nc > 0 && cw.cells.nc <= 5 * 2, "%s: the factor and the flag make %zu cells",
	   name, cw.cells.nc);
	is_int((long long)cw.cells.qc, 5, "%s: five cell columns (four dummies, a flag)", name);
	is_int((long long)cw.cells.qn, 2, "%s: two numeric columns", name);
	double beta[8], u1[8], u2[8], im1[64], im2[64];
	double *r1 = malloc(cw.n * sizeof *r1), *r2 = malloc(cw.n * sizeof *r2);
	for (size_t j = 0; j < q; j++)
		beta[j] = gsl_rng_uniform(rng) - 0.5;
	if (spread > 0) {
		double f = spread / cox_cells_spread(&cw, beta);
		for (size_t j = 0; j < q; j++)
			beta[j] *= f;
		ok(cox_cells_suit(&cw, beta), "%s: the cells suit a spread of %g", name, spread);
		for (size_t j = 0; j < q; j++)
			beta[j] *= (COX_CELLS_SPREAD + 0.5) / spread;
		ok(!cox_cells_suit(&cw, beta), "%s: and not one past COX_CELLS_SPREAD", name);
		for (size_t j = 0; j < q; j++)
			beta[j] *= spread / (COX_CELLS_SPREAD + 0.5);
	}
	for (int efron = 0; efron <= 1; efron++) {
		const char *ties = efron ? "Efron" : "Breslow";
		double l1 = cox_iter_dense(&cw, efron, beta, u1, im1, r1);
		double l2 = cox_iter_cells(&cw, efron, beta, u2, im2, r2);
		is_double_rel(l2, l1, 1e-12, "%s, %s: log likelihood as the dense walk", name, ties);
		ok(maxdiff(u1, u2, q) <= 1e-11 * maxabs(u1, q), "%s, %s: score as the dense walk",
		   name, ties);
		ok(maxdiff(im1, im2, q * q) <= 1e-11 * maxabs(im1, q * q),
		   "%s, %s: information as the dense walk", name, ties);
		ok(maxdiff(r1, r2, cw.n) <= 1e-12 * maxabs(r1, cw.n),
		   "%s, %s: each row's risk as the dense walk", name, ties);
	}
	/* The proportional-hazards test's sums, time transform g = the time. */
	double *g = malloc(cw.n * sizeof *g), v1[8], v2[8], M1[256], M2[256];
	for (size_t i = 0; i < cw.n; i++)
		g[i] = cw.time[i] / 40 - 0.5;
	for (int efron = 0; efron <= 1; efron++) {
		const char *ties = efron ? "Efron" : "Breslow";
		cox_zph_dense(&cw, efron, beta, g, v1, M1, r1);
		ok(cox_zph_cells(&cw, efron, beta, g, v2, M2, r2) == 0, "%s, %s: zph sums", name,
		   ties);
		ok(maxdiff(v1, v2, q) <= 1e-11 * maxabs(v1, q),
		   "%s, %s: zph time-weighted score as the dense walk", name, ties);
		ok(maxdiff(M1, M2, 4 * q * q) <= 1e-11 * maxabs(M1, 4 * q * q),
		   "%s, %s: zph information (2q x 2q) as the dense walk", name, ties);
	}
	free(g);
	free(r1);
	free(r2);
	cox_work_clear(&cw);
}

int main(void)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 20261207);
	gsl_matrix *X = gsl_matrix_alloc(N, 7);
	double *time = malloc(N * sizeof *time), *status = malloc(N * sizeof *status);
	double *w = malloc(N * sizeof *w), *entry = malloc(N * sizeof *entry);
	size_t *strata = malloc(N * sizeof *strata);
	for (size_t i = 0; i < N; i++) {
		unsigned lvl = (unsigned)gsl_rng_uniform_int(rng, 5);
		gsl_matrix_set(X, i, 0, lvl == 1);      /* factor, level 0 the reference */
		gsl_matrix_set(X, i, 1, lvl == 2);
		gsl_matrix_set(X, i, 2, log(1 + 100 * gsl_rng_uniform(rng)));  /* numeric */
		gsl_matrix_set(X, i, 3, gsl_rng_uniform(rng) < 0.3);         /* 0/1 flag */
		gsl_matrix_set(X, i, 4, (double)gsl_rng_uniform_int(rng, 7)); /* a count */
		gsl_matrix_set(X, i, 5, lvl == 3);
		gsl_matrix_set(X, i, 6, lvl == 4);
		time[i] = 1 + (double)gsl_rng_uniform_int(rng, 40);  /* whole days: ties */
		status[i] = gsl_rng_uniform(rng) < 0.6;
		w[i] = i % 17 == 0 ? 0 : 0.5 + 1.5 * gsl_rng_uniform(rng);  /* some weight 0 */
		entry[i] = i % 3 == 0 ? floor(gsl_rng_uniform(rng) * time[i]) : 0;
		strata[i] = (size_t)gsl_rng_uniform_int(rng, 3);
	}
	cox_data plain = {.X = X, .time = time, .status = status};
	compare("plain", &plain, rng, 0);
	cox_data weighted = {.X = X, .time = time, .status = status, .w = w};
	compare("weights", &weighted, rng, 0);
	cox_data strat = {.X = X, .time = time, .status = status, .w = w, .strata = strata};
	compare("weights and strata", &strat, rng, 0);
	cox_data all = {.X = X, .time = time, .status = status, .w = w, .strata = strata,
	                .entry = entry};
	compare("weights, strata and delayed entry", &all, rng, 0);
	compare("large coefficients (cells' spread 14.5)", &all, rng, 14.5);

	/* No 0/1 column: the fit keeps the dense walk. */
	gsl_matrix_view num = gsl_matrix_submatrix(X, 0, 2, N, 1);
	cox_data dense = {.X = &num.matrix, .time = time, .status = status};
	cox_work cw;
	churn_err err;
	if (ok(cox_work_init(&dense, &cw, &err) == CHURN_OK, "numeric only: prepared")) {
		is_int((long long)cw.cells.nc, 0, "numeric only: no cells, the dense walk");
		cox_work_clear(&cw);
	}
	/* A flag and three numeric columns: the cells would add more per row
	 * than the dense walk's q (q + 1) / 2 products; the dense walk. */
	gsl_matrix_view few = gsl_matrix_submatrix(X, 0, 2, N, 3);
	cox_data fewd = {.X = &few.matrix, .time = time, .status = status};
	if (ok(cox_work_init(&fewd, &cw, &err) == CHURN_OK, "a flag, two numeric: prepared")) {
		is_int((long long)cw.cells.nc, 0, "a flag, two numeric: no cells, the dense walk");
		cox_work_clear(&cw);
	}
	gsl_matrix_free(X);
	free(time);
	free(status);
	free(w);
	free(entry);
	free(strata);
	gsl_rng_free(rng);
	return done_testing();
}

/*
 * colscan.h - private helpers shared by the model fits (src/model only).
 *
 * colscan_run makes one pass over the rows a fit uses and returns, per
 * column of X, the weighted mean and standard deviation (for centring and
 * scaling inside the fits) and whether the column is aliased: constant, or
 * a linear combination of the non-aliased columns before it.  The test is
 * a Cholesky elimination of the centred, unit-scaled cross-product matrix
 * in column order: column j is aliased when the share of its variance left
 * after regressing it on the earlier kept columns is below
 * COLSCAN_ALIAS_TOL.  This keeps the first of a collinear set and drops the
 * later ones, as R's pivoting QR (dqrdc2) does; R's tolerance is 1e-7 on the
 * ratio of norms (1e-14 on variances), ours 1e-9 on variances, so the two
 * can differ only for columns with 1e-14 < 1 - R^2 < 1e-9.
 *
 * Row subsets: every routine here reads the rows `rows[0..nrows)` of X when
 * `rows` is non-NULL, all rows of X otherwise.  Weights NULL mean 1.
 */
#ifndef CHURNKIT_MODEL_COLSCAN_H
#define CHURNKIT_MODEL_COLSCAN_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>

#include "churnkit/err.h"

#define COLSCAN_ALIAS_TOL 1e-9

typedef struct {
	size_t p;
	double *mean;    /* p; 0 for the intercept column */
	double *scale;   /* p; standard deviation, 1 for the intercept or a constant */
	int *aliased;    /* p */
	size_t rank;     /* columns not aliased (the intercept counts) */
	double wsum;     /* sum of weights over the rows */
	size_t nused;    /* rows with positive weight */
} colscan;

/* Scans X.  `intercept`: column 0 is the intercept (never aliased, not
 * centred).  `pre` (may be NULL) marks columns to treat as aliased from the
 * start.  Allocates cs's arrays; free with colscan_clear.  CHURN_EDATA when
 * no row has positive weight or a value is not finite, CHURN_ENOMEM. */
churn_status colscan_run(const gsl_matrix *X, const double *w, const size_t *rows,
                         size_t nrows, int intercept, const int *pre, colscan *cs,
                         churn_err *err);
void colscan_clear(colscan *cs);

/* colscan_run's result from sums made elsewhere (cross-validation folds):
 * S (p x p row-major, upper triangle read, overwritten) = sum w d d' and
 * s = sum w d over the rows, d = x - shift; wsum and nused the rows' total
 * weight and count.  With an intercept, column 0 of S and s is not read.
 * CHURN_EDATA when nused is 0, CHURN_ENOMEM. */
churn_status colscan_finish(double *S, const double *s, const double *shift, size_t p,
                            double wsum, size_t nused, int intercept, const int *pre,
                            colscan *cs, churn_err *err);

static inline size_t colscan_nrows(const gsl_matrix *X, const size_t *rows, size_t nrows)
{
	return rows != NULL ? nrows : X->size1;
}

static inline size_t colscan_row(const size_t *rows, size_t k)
{
	return rows != NULL ? rows[k] : k;
}

/* G += wt * x x' on the upper triangle of the q x q row-major matrix G. */
static inline void colscan_gram_add(double *G, size_t q, const double *x, double wt)
{
	for (size_t j = 0; j < q; j++) {
		double a = wt * x[j];
		double *g = G + j * q;
		for (size_t k = j; k < q; k++)
			g[k] += a * x[k];
	}
}

/* G += sum_r wt[r] * x_r x_r' over four rows x_r = x + r q (upper
 * triangle): four rows per load and store of G, the fits' inner loop. */
static inline void colscan_gram_add4(double *restrict G, size_t q, const double *restrict x,
                                     const double *restrict wt)
{
	const double *x0 = x, *x1 = x + q, *x2 = x + 2 * q, *x3 = x + 3 * q;
	for (size_t j = 0; j < q; j++) {
		double a0 = wt[0] * x0[j], a1 = wt[1] * x1[j], a2 = wt[2] * x2[j], a3 = wt[3] * x3[j];
		double *g = G + j * q;
		for (size_t k = j; k < q; k++)
			g[k] += a0 * x0[k] + a1 * x1[k] + a2 * x2[k] + a3 * x3[k];
	}
}

/* As colscan_gram_add4 on padded storage: G is qp x qp and the four rows
 * have stride qp, qp a multiple of 4 with the padding columns zero.  The
 * fixed four-wide body lets the compiler use vector instructions. */
static inline void colscan_gram_add4p(double *restrict G, size_t qp, const double *restrict x,
                                      const double *restrict wt)
{
	const double *x0 = x, *x1 = x + qp, *x2 = x + 2 * qp, *x3 = x + 3 * qp;
	for (size_t j = 0; j < qp; j++) {
		double a0 = wt[0] * x0[j], a1 = wt[1] * x1[j], a2 = wt[2] * x2[j], a3 = wt[3] * x3[j];
		double *g = G + j * qp;
		for (size_t k = j & ~(size_t)3; k < qp; k += 4) {
			g[k] += a0 * x0[k] + a1 * x1[k] + a2 * x2[k] + a3 * x3[k];
			g[k + 1] += a0 * x0[k + 1] + a1 * x1[k + 1] + a2 * x2[k + 1] + a3 * x3[k + 1];
			g[k + 2] += a0 * x0[k + 2] + a1 * x1[k + 2] + a2 * x2[k + 2] + a3 * x3[k + 2];
			g[k + 3] += a0 * x0[k + 3] + a1 * x1[k + 3] + a2 * x2[k + 3] + a3 * x3[k + 3];
		}
	}
}

/* Copies the upper triangle of G to the lower. */
static inline void colscan_gram_symm(double *G, size_t q)
{
	for (size_t j = 0; j < q; j++)
		for (size_t k = j + 1; k < q; k++)
			G[k * q + j] = G[j * q + k];
}

#endif

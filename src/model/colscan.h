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

/* Copies the upper triangle of G to the lower. */
static inline void colscan_gram_symm(double *G, size_t q)
{
	for (size_t j = 0; j < q; j++)
		for (size_t k = j + 1; k < q; k++)
			G[k * q + j] = G[j * q + k];
}

#endif

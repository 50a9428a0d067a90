/* colscan.c - column means, scales and aliasing for the model fits; see colscan.h. */
#include "model/colscan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void colscan_clear(colscan *cs)
{
	if (cs == NULL)
		return;
	free(cs->mean);
	free(cs->scale);
	free(cs->aliased);
	memset(cs, 0, sizeof *cs);
}

churn_status colscan_run(const gsl_matrix *X, const double *w, const size_t *rows,
                         size_t nrows, int intercept, const int *pre, colscan *cs,
                         churn_err *err)
{
	size_t p = X->size2, n = colscan_nrows(X, rows, nrows);
	churn_status st = CHURN_OK;
	double *shift = NULL, *s = NULL, *S = NULL, wsum = 0;
	size_t nused = 0;

	memset(cs, 0, sizeof *cs);
	shift = calloc(p ? p : 1, sizeof *shift);
	s = calloc(p ? p : 1, sizeof *s);
	S = calloc(p > 0 ? p * p : 1, sizeof *S);
	if (!shift || !s || !S) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory scanning %zu columns", p);
		goto done;
	}

	/* One pass of shifted sums (shift = the first used row), which keeps
	 * the centred cross-products accurate without a separate mean pass:
	 * C = S - s s' / W with d = x - shift. */
	int have_shift = 0;
	size_t nb = 0, pp = (p + 3) / 4 * 4 + 4 * (p == 0);  /* padded width */
	double wb[4] = {0, 0, 0, 0};
	double *d = calloc(4 * pp, sizeof *d), *Sp = calloc(pp * pp, sizeof *Sp);
	if (d == NULL || Sp == NULL) {
		free(d);
		free(Sp);
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory scanning columns");
		goto done;
	}
	for (size_t k = 0; k < n; k++) {
		size_t i = colscan_row(rows, k);
		double wi = w != NULL ? w[i] : 1.0;
		if (!(wi > 0)) {
			if (wi < 0 || isnan(wi)) {
				free(d);
				free(Sp);
				st = churn_err_set(err, CHURN_EDATA,
				                   "weight %g in row %zu is not a non-negative number",
				                   wi, i + 1);
				goto done;
			}
			continue;
		}
		const double *x = gsl_matrix_const_ptr(X, i, 0);
		if (!have_shift) {
			for (size_t j = 0; j < p; j++)
				shift[j] = x[j];
			have_shift = 1;
		}
		double *dr = d + nb * pp;
		for (size_t j = 0; j < p; j++) {
			dr[j] = x[j] - shift[j];
			if (!isfinite(dr[j])) {
				free(d);
				free(Sp);
				st = churn_err_set(err, CHURN_EDATA,
				                   "design value in row %zu, column %zu is not finite",
				                   i + 1, j + 1);
				goto done;
			}
			s[j] += wi * dr[j];
		}
		wb[nb] = wi;
		if (++nb == 4) {
			colscan_gram_add4p(Sp, pp, d, wb);
			nb = 0;
		}
		wsum += wi;
		nused++;
	}
	if (nb > 0) {
		for (size_t b = nb; b < 4; b++)
			wb[b] = 0;
		colscan_gram_add4p(Sp, pp, d, wb);
	}
	for (size_t j = 0; j < p; j++)
		for (size_t k = j; k < p; k++)
			S[j * p + k] = Sp[j * pp + k];
	free(d);
	free(Sp);
	st = colscan_finish(S, s, shift, p, wsum, nused, intercept, pre, cs, err);
done:
	free(shift);
	free(s);
	free(S);
	return st;
}

churn_status colscan_finish(double *S, const double *s, const double *shift, size_t p,
                            double wsum, size_t nused, int intercept, const int *pre,
                            colscan *cs, churn_err *err)
{
	churn_status st = CHURN_OK;

	memset(cs, 0, sizeof *cs);
	cs->p = p;
	cs->wsum = wsum;
	cs->nused = nused;
	cs->mean = calloc(p ? p : 1, sizeof *cs->mean);
	cs->scale = calloc(p ? p : 1, sizeof *cs->scale);
	cs->aliased = calloc(p ? p : 1, sizeof *cs->aliased);
	if (!cs->mean || !cs->scale || !cs->aliased) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory scanning %zu columns", p);
		goto done;
	}
	if (cs->nused == 0) {
		st = churn_err_set(err, CHURN_EDATA, "no rows with positive weight to fit");
		goto done;
	}

	/* Centred cross-products, means and scales. */
	for (size_t j = 0; j < p; j++) {
		cs->mean[j] = shift[j] + s[j] / cs->wsum;
		for (size_t k = j; k < p; k++)
			S[j * p + k] -= s[j] * s[k] / cs->wsum;
	}
	for (size_t j = 0; j < p; j++) {
		double v = S[j * p + j] / cs->wsum;
		cs->scale[j] = v > 0 ? sqrt(v) : 1.0;
	}
	if (intercept && p > 0) {
		cs->mean[0] = 0;
		cs->scale[0] = 1;
	}

	/* Correlation matrix of the non-constant columns (upper triangle). */
	size_t j0 = intercept ? 1 : 0;
	for (size_t j = j0; j < p; j++) {
		if (pre != NULL && pre[j])
			cs->aliased[j] = 1;
		if (!(S[j * p + j] > 0))
			cs->aliased[j] = 1;
	}
	for (size_t j = j0; j < p; j++)
		for (size_t k = j + 1; k < p; k++)
			if (!cs->aliased[j] && !cs->aliased[k])
				S[j * p + k] /= sqrt(S[j * p + j]) * sqrt(S[k * p + k]);

	/* Upper Cholesky factor U of the correlation matrix, built column by
	 * column in order; U[k][j] overwrites C[k][j] (k < j), U[j][j] the
	 * diagonal.  Column j is aliased when 1 - sum_k U[k][j]^2 (its share of
	 * variance not explained by the earlier kept columns) is below the
	 * tolerance; it then takes no part in later columns. */
	for (size_t j = j0; j < p; j++) {
		if (cs->aliased[j])
			continue;
		double r = 1.0;
		for (size_t k = j0; k < j; k++) {
			if (cs->aliased[k])
				continue;
			double u = S[k * p + j];
			for (size_t m = j0; m < k; m++)
				if (!cs->aliased[m])
					u -= S[m * p + k] * S[m * p + j];
			u /= S[k * p + k];
			S[k * p + j] = u;
			r -= u * u;
		}
		if (r < COLSCAN_ALIAS_TOL)
			cs->aliased[j] = 1;
		else
			S[j * p + j] = sqrt(r);
	}
	for (size_t j = 0; j < p; j++)
		if (!cs->aliased[j])
			cs->rank++;
done:
	if (st != CHURN_OK)
		colscan_clear(cs);
	return st;
}

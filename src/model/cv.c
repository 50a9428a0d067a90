/* cv.c - stratified folds, cross-validated AUC and the model-quality
 * summary; see include/churnkit/validate.h. */
#include "churnkit/validate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

churn_status validate_folds(const double *y, size_t n, int k, unsigned long seed, int *fold,
                            churn_err *err)
{
	if (k < 2 || (size_t)k > n)
		return churn_err_set(err, CHURN_EUSAGE, "%d folds for %zu rows: need 2 <= folds <= rows",
		                     k, n);
	size_t *idx = malloc(n * sizeof *idx);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (idx == NULL || rng == NULL) {
		free(idx);
		gsl_rng_free(rng);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the folds");
	}
	gsl_rng_set(rng, seed);
	size_t dealt = 0;
	for (int cls = 1; cls >= 0; cls--) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if ((y[i] == 1) == (cls == 1))
				idx[m++] = i;
		gsl_ran_shuffle(rng, idx, m, sizeof *idx);
		/* Continue the round where the churners left off, so fold sizes
		 * differ by at most one overall as well. */
		for (size_t j = 0; j < m; j++)
			fold[idx[j]] = (int)((dealt + j) % (size_t)k);
		dealt += m;
	}
	free(idx);
	gsl_rng_free(rng);
	return CHURN_OK;
}

churn_status validate_cv_auc(const logit_data *d, const logit_opts *o, const int *fold, int k,
                             double *fold_auc, double *cv_auc, churn_err *err)
{
	size_t n = d->X->size1;
	churn_status st = CHURN_OK;
	size_t *train = malloc(n * sizeof *train), *test = malloc(n * sizeof *test);
	double *p = malloc(n * sizeof *p), *yt = malloc(n * sizeof *yt);
	double *wt = d->w ? malloc(n * sizeof *wt) : NULL;

	*cv_auc = NAN;
	if (d->rows != NULL) {
		st = churn_err_set(err, CHURN_EUSAGE, "validate_cv_auc: folds need all rows of X");
		goto done;
	}
	if (!train || !test || !p || !yt || (d->w && !wt)) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for cross-validation");
		goto done;
	}
	double sum = 0;
	for (int f = 0; f < k; f++) {
		size_t ntr = 0, nte = 0;
		for (size_t i = 0; i < n; i++) {
			if (fold[i] == f)
				test[nte++] = i;
			else
				train[ntr++] = i;
		}
		logit_data fd = *d;
		fd.rows = train;
		fd.nrows = ntr;
		logit_result *r = NULL;
		if ((st = logit_fit(&fd, o, &r, err)) != CHURN_OK)
			goto done;
		for (size_t m = 0; m < nte; m++) {
			size_t i = test[m];
			p[m] = logit_lp(r, gsl_matrix_const_ptr(d->X, i, 0));
			yt[m] = d->y[i];
			if (wt)
				wt[m] = d->w[i];
		}
		logit_result_free(r);
		/* The linear predictor ranks rows as the probability does. */
		if ((st = validate_auc(p, yt, wt, nte, &fold_auc[f], err)) != CHURN_OK)
			goto done;
		sum += fold_auc[f];
	}
	*cv_auc = sum / k;
done:
	free(train);
	free(test);
	free(p);
	free(yt);
	free(wt);
	return st;
}

void validate_summary_clear(validate_summary *s)
{
	if (s == NULL)
		return;
	free(s->fold_auc);
	memset(s, 0, sizeof *s);
}

churn_status validate_summarise(const logit_data *d, const logit_result *r, const logit_opts *o,
                                int folds, unsigned long seed, validate_summary *s,
                                churn_err *err)
{
	size_t n = d->X->size1;
	churn_status st;
	double *p = malloc((n ? n : 1) * sizeof *p);
	int *fold = NULL;

	memset(s, 0, sizeof *s);
	s->cv_auc = NAN;
	if (p == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the model summary");
	logit_predict(r, d->X, p);
	if ((st = validate_auc(p, d->y, d->w, n, &s->auc, err)) != CHURN_OK)
		goto done;
	s->brier = validate_brier(p, d->y, d->w, n);
	if ((st = validate_calibration(p, d->y, d->w, n, s->calib, err)) != CHURN_OK ||
	    (st = validate_lift(p, d->y, d->w, n, s->lift, err)) != CHURN_OK)
		goto done;
	if (folds > 0) {
		fold = malloc(n * sizeof *fold);
		s->fold_auc = calloc((size_t)folds, sizeof *s->fold_auc);
		if (fold == NULL || s->fold_auc == NULL) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory for cross-validation");
			goto done;
		}
		s->folds = folds;
		if ((st = validate_folds(d->y, n, folds, seed, fold, err)) != CHURN_OK ||
		    (st = validate_cv_auc(d, o, fold, folds, s->fold_auc, &s->cv_auc, err)) != CHURN_OK)
			goto done;
	}
done:
	free(p);
	free(fold);
	if (st != CHURN_OK)
		validate_summary_clear(s);
	return st;
}

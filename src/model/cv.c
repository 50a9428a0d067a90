/* cv.c - stratified folds, cross-validated AUC and the model-quality
 * summary; see include/churnkit/validate.h. */
#include "churnkit/validate.h"
#include "model/logit_internal.h"

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

/* One fold's share of the start sums (logit_internal.h), accumulated four
 * rows at a time on padded storage as colscan does. */
typedef struct {
	double *Mp, *M0p;   /* pp x pp */
	double *buf;        /* 4 rows of pp values */
	double wb[4], w0b[4];
	size_t nb;
	double *r0;         /* p */
	double wsum, events, dev0;
	size_t nused;
	int near01, fitted01;
} fold_acc;

static void acc_flush(fold_acc *a, size_t pp)
{
	for (size_t b = a->nb; b < 4; b++)
		a->wb[b] = a->w0b[b] = 0;
	colscan_gram_add4p(a->Mp, pp, a->buf, a->wb);
	colscan_gram_add4p(a->M0p, pp, a->buf, a->w0b);
	a->nb = 0;
}

/* The sums of each fold's rows in one pass over X, shifted by the first
 * used row.  Returns 0, or -1 when a row is not fit for the fast path (an
 * outcome other than 0/1, a bad weight, a value that is not finite): the
 * folds are then fitted the ordinary way, which reports it. */
static int fold_sums(const logit_data *d, const int *fold, int k, size_t pp, double *shift,
                     fold_acc *acc)
{
	size_t n = d->X->size1, p = d->X->size2;
	int have_shift = 0;
	for (size_t i = 0; i < n; i++) {
		double wi = d->w != NULL ? d->w[i] : 1.0, y = d->y[i];
		if (y != 0 && y != 1)
			return -1;
		if (!(wi > 0)) {
			if (wi < 0 || isnan(wi))
				return -1;
			continue;
		}
		if (fold[i] < 0 || fold[i] >= k)
			return -1;
		const double *x = gsl_matrix_const_ptr(d->X, i, 0);
		if (!have_shift) {
			memcpy(shift, x, p * sizeof *shift);
			have_shift = 1;
		}
		fold_acc *a = &acc[fold[i]];
		double *z = a->buf + a->nb * pp, wt, wz;
		z[0] = 1;
		for (size_t j = 1; j < p; j++) {
			z[j] = x[j] - shift[j];
			if (!isfinite(z[j]))
				return -1;
		}
		logit_irls_row(logit_start_eta(y, wi), y, wi, &wt, &wz, &a->dev0, &a->near01,
		               &a->fitted01);
		for (size_t j = 0; j < p; j++)
			a->r0[j] += wz * z[j];
		a->wb[a->nb] = wi;
		a->w0b[a->nb] = wt;
		a->wsum += wi;
		a->events += wi * y;
		a->nused++;
		if (++a->nb == 4)
			acc_flush(a, pp);
	}
	for (int f = 0; f < k; f++)
		if (acc[f].nb > 0)
			acc_flush(&acc[f], pp);
	return 0;
}

/* The training sums of fold f: the other folds' sums added up. */
static void train_sums(const fold_acc *acc, int k, int f, size_t p, size_t pp, logit_sums *s)
{
	memset(s->M, 0, p * p * sizeof *s->M);
	memset(s->M0, 0, p * p * sizeof *s->M0);
	memset(s->r0, 0, p * sizeof *s->r0);
	s->wsum = s->events = s->dev0 = 0;
	s->nused = 0;
	s->near01 = s->fitted01 = 0;
	for (int g = 0; g < k; g++) {
		if (g == f)
			continue;
		const fold_acc *a = &acc[g];
		for (size_t j = 0; j < p; j++) {
			s->r0[j] += a->r0[j];
			for (size_t c = j; c < p; c++) {
				s->M[j * p + c] += a->Mp[j * pp + c];
				s->M0[j * p + c] += a->M0p[j * pp + c];
			}
		}
		s->wsum += a->wsum;
		s->events += a->events;
		s->dev0 += a->dev0;
		s->nused += a->nused;
		s->near01 |= a->near01;
		s->fitted01 |= a->fitted01;
	}
}

static void acc_free(fold_acc *acc, int k)
{
	for (int f = 0; acc && f < k; f++) {
		free(acc[f].Mp);
		free(acc[f].M0p);
		free(acc[f].buf);
		free(acc[f].r0);
	}
	free(acc);
}

/* Cross-validation: each fold's model fitted on the other folds' rows and
 * scored on its own.  With an intercept, the sums that glm's first IRLS
 * pass and the column scan need are made for every fold in one pass over
 * the data and added up per training set (logit_fit_sums), which spares
 * two of the passes over the training rows per fold; the fits are the same
 * up to rounding. */
churn_status validate_cv_auc(const logit_data *d, const logit_opts *o, const int *fold, int k,
                             double *fold_auc, double *cv_auc, churn_err *err)
{
	return validate_cv(d, o, fold, k, fold_auc, cv_auc, NULL, err);
}

churn_status validate_cv(const logit_data *d, const logit_opts *o, const int *fold, int k,
                         double *fold_auc, double *cv_auc, double *cv_prob, churn_err *err)
{
	size_t n = d->X->size1, p = d->X->size2, pp = (p + 3) / 4 * 4 + 4 * (p == 0);
	churn_status st = CHURN_OK;
	size_t *train = malloc(n * sizeof *train), *test = malloc(n * sizeof *test);
	double *pr = malloc(n * sizeof *pr), *yt = malloc(n * sizeof *yt);
	double *wt = d->w ? malloc(n * sizeof *wt) : NULL;
	double *shift = NULL;
	fold_acc *acc = NULL;
	logit_sums sums = {0};
	int fast = d->intercept && p > 0 && k > 0;
	logit_opts fo;

	/* Only the folds' predictions are used: no sandwich, and no Firth
	 * where the full fit has none (logit.h). */
	if (o != NULL)
		fo = *o;
	else
		logit_opts_init(&fo);
	if (fo.robust) {
		fo.robust = 0;
		if (fo.firth == LOGIT_FIRTH_AUTO)
			fo.firth = LOGIT_FIRTH_NEVER;
	}
	o = &fo;
	*cv_auc = NAN;
	if (cv_prob != NULL)
		for (size_t i = 0; i < n; i++)
			cv_prob[i] = NAN;
	if (d->rows != NULL) {
		st = churn_err_set(err, CHURN_EUSAGE, "validate_cv_auc: folds need all rows of X");
		goto done;
	}
	if (!train || !test || !pr || !yt || (d->w && !wt)) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for cross-validation");
		goto done;
	}
	if (fast) {
		shift = malloc(p * sizeof *shift);
		acc = calloc((size_t)k, sizeof *acc);
		sums.M = malloc(p * p * sizeof *sums.M);
		sums.M0 = malloc(p * p * sizeof *sums.M0);
		sums.r0 = malloc(p * sizeof *sums.r0);
		int bad = !shift || !acc || !sums.M || !sums.M0 || !sums.r0;
		for (int f = 0; !bad && f < k; f++) {
			acc[f].Mp = calloc(pp * pp, sizeof *acc[f].Mp);
			acc[f].M0p = calloc(pp * pp, sizeof *acc[f].M0p);
			acc[f].buf = calloc(4 * pp, sizeof *acc[f].buf);
			acc[f].r0 = calloc(p, sizeof *acc[f].r0);
			bad = !acc[f].Mp || !acc[f].M0p || !acc[f].buf || !acc[f].r0;
		}
		if (bad) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory for cross-validation");
			goto done;
		}
		fast = fold_sums(d, fold, k, pp, shift, acc) == 0;
		sums.shift = shift;
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
		if (fast) {
			train_sums(acc, k, f, p, pp, &sums);
			st = logit_fit_sums(&fd, o, &sums, &r, err);
		} else {
			st = logit_fit(&fd, o, &r, err);
		}
		if (st != CHURN_OK)
			goto done;
		for (size_t m = 0; m < nte; m++) {
			size_t i = test[m];
			pr[m] = logit_lp(r, gsl_matrix_const_ptr(d->X, i, 0));
			if (cv_prob != NULL && (d->w == NULL || d->w[i] > 0))
				cv_prob[i] = isnan(pr[m]) ? NAN : 1 / (1 + exp(-pr[m]));
			yt[m] = d->y[i];
			if (wt)
				wt[m] = d->w[i];
		}
		logit_result_free(r);
		/* The linear predictor ranks rows as the probability does. */
		if ((st = validate_auc(pr, yt, wt, nte, &fold_auc[f], err)) != CHURN_OK)
			goto done;
		sum += fold_auc[f];
		stagetime_tick(o->progress, f + 1);
	}
	*cv_auc = sum / k;
done:
	free(train);
	free(test);
	free(pr);
	free(yt);
	free(wt);
	free(shift);
	free(sums.M);
	free(sums.M0);
	free(sums.r0);
	acc_free(acc, k);
	return st;
}

void validate_summary_clear(validate_summary *s)
{
	if (s == NULL)
		return;
	free(s->fold_auc);
	memset(s, 0, sizeof *s);
}

/* The cross-validated Brier score and calibration from the held-out
 * probabilities cvp (NaN rows, of weight 0, left out). */
static churn_status cv_quality(const logit_data *d, const double *cvp, validate_summary *s,
                               churn_err *err)
{
	size_t n = d->X->size1, m = 0;
	double *pp = malloc((n ? n : 1) * sizeof *pp), *yy = malloc((n ? n : 1) * sizeof *yy);
	double *ww = d->w ? malloc((n ? n : 1) * sizeof *ww) : NULL;
	churn_status st = CHURN_OK;

	if (pp == NULL || yy == NULL || (d->w && ww == NULL)) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for cross-validation");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		if (isnan(cvp[i]))
			continue;
		pp[m] = cvp[i];
		yy[m] = d->y[i];
		if (ww)
			ww[m] = d->w[i];
		m++;
	}
	s->cv_brier = validate_brier(pp, yy, ww, m);
	if ((st = validate_calibration(pp, yy, ww, m, s->cv_calib, err)) == CHURN_OK)
		s->have_cv_calib = 1;
done:
	free(pp);
	free(yy);
	free(ww);
	return st;
}

churn_status validate_summarise(const logit_data *d, const logit_result *r, const logit_opts *o,
                                int folds, unsigned long seed, validate_summary *s,
                                churn_err *err)
{
	size_t n = d->X->size1;
	churn_status st;
	double *p = malloc((n ? n : 1) * sizeof *p), *cvp = NULL;
	int *fold = NULL;

	memset(s, 0, sizeof *s);
	s->cv_auc = s->cv_brier = NAN;
	if (p == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the model summary");
	logit_predict(r, d->X, p);
	if ((st = validate_ranked_tables(p, d->y, d->w, n, &s->auc, s->calib, s->lift, err)) !=
	    CHURN_OK)
		goto done;
	s->brier = validate_brier(p, d->y, d->w, n);
	if (folds > 0) {
		fold = malloc(n * sizeof *fold);
		cvp = malloc(n * sizeof *cvp);
		s->fold_auc = calloc((size_t)folds, sizeof *s->fold_auc);
		if (fold == NULL || cvp == NULL || s->fold_auc == NULL) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory for cross-validation");
			goto done;
		}
		s->folds = folds;
		if ((st = validate_folds(d->y, n, folds, seed, fold, err)) != CHURN_OK ||
		    (st = validate_cv(d, o, fold, folds, s->fold_auc, &s->cv_auc, cvp, err)) !=
		        CHURN_OK ||
		    (st = cv_quality(d, cvp, s, err)) != CHURN_OK)
			goto done;
	}
done:
	free(p);
	free(cvp);
	free(fold);
	if (st != CHURN_OK)
		validate_summary_clear(s);
	return st;
}

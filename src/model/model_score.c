/* model_score.c - churn probability and main driver per customer; see
 * include/churnkit/model_score.h. */
#include "churnkit/model_score.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "model/cumhaz_days.h"

/* The term with the largest positive b'(x - mean) over its columns. */
static void main_driver(const design *d, const double *coef, const double *mean,
                        const int *aliased, const double *x, model_score_row *out)
{
	out->driver = -1;
	out->driver_contrib = NAN;
	out->driver_side = 0;
	double best = 0;
	for (size_t k = 0; k < d->nterms; k++) {
		const design_term *tm = &d->terms[k];
		double c = 0;
		for (size_t j = tm->first_col; j < tm->first_col + tm->ncols; j++)
			if (!aliased[j])
				c += coef[j] * (x[j] - mean[j]);
		if (c > best) {
			best = c;
			out->driver = (long)k;
			out->driver_contrib = c;
		}
	}
	/* The side of a numeric driver: its value column (the first; a second
	 * one is the missing indicator), whose contribution pushes risk up. */
	if (out->driver >= 0 && !d->terms[out->driver].categorical) {
		size_t j = d->terms[out->driver].first_col;
		out->driver_side = x[j] > mean[j] ? 1 : x[j] < mean[j] ? -1 : 0;
	}
}

void model_score_x(const design *d, const logit_result *r, const double *x,
                   model_score_row *out)
{
	out->status = DESIGN_ROW_OK;
	out->beyond = 0;
	out->limit = NAN;
	out->lp = logit_lp(r, x);
	out->prob = isnan(out->lp) ? NAN : 1 / (1 + exp(-out->lp));
	main_driver(d, r->coefs.coef, r->mean, r->coefs.aliased, x, out);
}

/* model_score_cox_x with the baseline's increase dh = H0(t + h) - H0(t). */
static void cox_row(const design *d, const cox_result *r, const cox_baseline *b, size_t k,
                    double t, double h, double dh, const double *x, model_score_row *out)
{
	out->status = DESIGN_ROW_OK;
	out->lp = cox_lp(r, x);
	out->limit = b->limit[k];
	out->beyond = !(t + h <= b->limit[k]);
	out->prob = out->beyond ? NAN : -expm1(-dh * exp(out->lp));
	main_driver(d, r->coefs.coef, r->mean, r->coefs.aliased, x, out);
}

void model_score_cox_x(const design *d, const cox_result *r, const cox_baseline *b,
                       size_t k, double t, double h, const double *x, model_score_row *out)
{
	double dh = cox_baseline_cumhaz_in(b, k, t + h) - cox_baseline_cumhaz_in(b, k, t);
	cox_row(d, r, b, k, t, h, dh, x, out);
}

churn_status model_score_cox_table(const design *d, const cox_result *r,
                                   const cox_baseline *b, const table *t,
                                   const double *tenure, const size_t *stratum, double h,
                                   model_score_row *out, churn_err *err)
{
	gsl_matrix *X = NULL;
	design_row_status *st = malloc((t->nrows ? t->nrows : 1) * sizeof *st);
	if (st == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory scoring %zu rows", t->nrows);
	cumhaz_days H0;
	(void)cumhaz_days_build(b, &H0); /* without its table it searches */
	churn_status s = design_apply(d, t, &X, st, err);
	if (s == CHURN_OK)
		for (size_t i = 0; i < t->nrows; i++) {
			long k = stratum == NULL ? 0
			         : stratum[i] == (size_t)-1 ? -1 : cox_baseline_stratum(b, stratum[i]);
			if (st[i] == DESIGN_ROW_OK && k < 0)
				st[i] = DESIGN_ROW_UNSEEN;
			if (st[i] == DESIGN_ROW_OK && !isnan(tenure[i]))
				cox_row(d, r, b, (size_t)k, tenure[i], h,
				        cumhaz_days_at(&H0, (size_t)k, tenure[i] + h) -
				            cumhaz_days_at(&H0, (size_t)k, tenure[i]),
				        gsl_matrix_const_ptr(X, i, 0), &out[i]);
			else
				out[i] = (model_score_row){NAN, NAN, -1, NAN,
				                           st[i] == DESIGN_ROW_OK ? DESIGN_ROW_MISSING : st[i],
				                           0, NAN, 0};
		}
	cumhaz_days_clear(&H0);
	gsl_matrix_free(X);
	free(st);
	return s;
}

churn_status model_score_table(const design *d, const logit_result *r, const table *t,
                               model_score_row *out, churn_err *err)
{
	gsl_matrix *X = NULL;
	design_row_status *st = malloc((t->nrows ? t->nrows : 1) * sizeof *st);
	if (st == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory scoring %zu rows", t->nrows);
	churn_status s = design_apply(d, t, &X, st, err);
	if (s == CHURN_OK)
		for (size_t i = 0; i < t->nrows; i++) {
			if (st[i] == DESIGN_ROW_OK) {
				model_score_x(d, r, gsl_matrix_const_ptr(X, i, 0), &out[i]);
			} else {
				out[i] = (model_score_row){NAN, NAN, -1, NAN, st[i], 0, NAN, 0};
			}
		}
	gsl_matrix_free(X);
	free(st);
	return s;
}

char *model_score_driver_label(const design *d, const table *t, size_t i,
                               const model_score_row *s, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	buf[0] = 0;
	if (s->driver < 0 || (size_t)s->driver >= d->nterms)
		return buf;
	const design_term *tm = &d->terms[s->driver];
	const table_col *c = table_find(t, tm->column);
	if (c == NULL)
		return buf;
	if (tm->categorical) {
		char num[64];
		const char *lv = NULL;
		if (c->kind == TABLE_CAT) {
			lv = c->codes[i] == TABLE_CODE_NA ? DESIGN_MISSING_LEVEL : c->levels[c->codes[i]];
		} else if (isnan(c->num[i])) {
			lv = DESIGN_MISSING_LEVEL;
		} else {
			lv = table_num_text(c->num[i], num, sizeof num);
		}
		snprintf(buf, n, "%s=%s", tm->column, lv);
	} else if (c->kind == TABLE_NUM && isnan(c->num[i])) {
		snprintf(buf, n, "%s (missing)", tm->name);
	} else {
		snprintf(buf, n, "%s", tm->name);
	}
	return buf;
}

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

/* design_apply_each's step for model_score_each and model_score_cox_each:
 * scores row i (lr: logistic; else Cox) and hands it to fn. */
typedef struct {
	const design *d;
	const logit_result *lr;
	const cox_result *cr;
	const cox_baseline *b;
	const cumhaz_days *H0;
	const double *tenure;
	const size_t *stratum;
	double h;
	const unsigned char *active;
	model_score_fn fn;
	void *ctx;
} score_pass;

static void score_row(void *ctx, size_t i, const double *x, design_row_status rs)
{
	const score_pass *p = ctx;
	model_score_row out;

	if (p->active != NULL && !p->active[i])
		return;
	if (p->lr != NULL) {
		if (rs == DESIGN_ROW_OK)
			model_score_x(p->d, p->lr, x, &out);
		else
			out = (model_score_row){NAN, NAN, -1, NAN, rs, 0, NAN, 0};
		p->fn(p->ctx, i, &out);
		return;
	}
	long k = p->stratum == NULL ? 0
	         : p->stratum[i] == (size_t)-1 ? -1 : cox_baseline_stratum(p->b, p->stratum[i]);
	if (rs == DESIGN_ROW_OK && k < 0)
		rs = DESIGN_ROW_UNSEEN;
	double t = p->tenure[i];
	if (rs == DESIGN_ROW_OK && !isnan(t))
		cox_row(p->d, p->cr, p->b, (size_t)k, t, p->h,
		        cumhaz_days_at(p->H0, (size_t)k, t + p->h) - cumhaz_days_at(p->H0, (size_t)k, t),
		        x, &out);
	else
		out = (model_score_row){NAN, NAN, -1, NAN,
		                        rs == DESIGN_ROW_OK ? DESIGN_ROW_MISSING : rs, 0, NAN, 0};
	p->fn(p->ctx, i, &out);
}

churn_status model_score_each(const design *d, const logit_result *r, const table *t,
                              const unsigned char *active, model_score_fn fn, void *ctx,
                              churn_err *err)
{
	score_pass p = {.d = d, .lr = r, .active = active, .fn = fn, .ctx = ctx};
	return design_apply_each(d, t, score_row, &p, err);
}

churn_status model_score_cox_each(const design *d, const cox_result *r,
                                  const cox_baseline *b, const table *t,
                                  const double *tenure, const size_t *stratum, double h,
                                  const unsigned char *active, model_score_fn fn, void *ctx,
                                  churn_err *err)
{
	cumhaz_days H0;
	(void)cumhaz_days_build(b, &H0); /* without its table it searches */
	score_pass p = {d, NULL, r, b, &H0, tenure, stratum, h, active, fn, ctx};
	churn_status st = design_apply_each(d, t, score_row, &p, err);
	cumhaz_days_clear(&H0);
	return st;
}

/* model_score_fn of the _table functions: row i into out[i]. */
static void store_row(void *ctx, size_t i, const model_score_row *s)
{
	((model_score_row *)ctx)[i] = *s;
}

churn_status model_score_cox_table(const design *d, const cox_result *r,
                                   const cox_baseline *b, const table *t,
                                   const double *tenure, const size_t *stratum, double h,
                                   model_score_row *out, churn_err *err)
{
	return model_score_cox_each(d, r, b, t, tenure, stratum, h, NULL, store_row, out, err);
}

churn_status model_score_table(const design *d, const logit_result *r, const table *t,
                               model_score_row *out, churn_err *err)
{
	return model_score_each(d, r, t, NULL, store_row, out, err);
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

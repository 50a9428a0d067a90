/*
 * findings_compare.c - the numbers behind a driver finding
 * (include/churnkit/findings.h, FINDING_DRIVER; docs/findings.md): the two
 * groups of customers a model column compares, their plain churn rates on
 * the model's own sample, the predicted churn of a typical customer of
 * each, the adjusted log ratio between them, and whether the plain and the
 * adjusted comparisons point opposite ways.
 */
#include "churnkit/fmtnum.h"
#include "churnkit/order.h"
#include "findings/findings_common.h"
#include "findings/findings_compare.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double row_weight(const model_view *m, size_t i)
{
	double w = m->w ? m->w[i] : 1;
	return w > 0 ? w : 0;
}

static double x_at(const model_view *m, size_t i, size_t j)
{
	return gsl_matrix_get(m->d->X, i, j);
}

/* ASCII case-insensitive equality. */
static int same_word(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int ca = (unsigned char)*a, cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb)
			return 0;
	}
	return *a == *b;
}

/* A level that reads "yes" (1) or "no" (0), else -1. */
static int yes_no(const char *s)
{
	static const char *const yes[] = {"yes", "y", "true", "t", "1"};
	static const char *const no[] = {"no", "n", "false", "f", "0"};
	for (size_t k = 0; k < sizeof yes / sizeof *yes; k++) {
		if (same_word(s, yes[k]))
			return 1;
		if (same_word(s, no[k]))
			return 0;
	}
	return -1;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return (a > b) - (a < b);
}

/* Type 7's interpolation at fraction f between the order statistics
 * at[0] (at floor(h)) and at[1] (the next one; at[0] when f is 0). */
static double quantile7_at(double f, const double at[2])
{
	if (f == 0 || at[1] == at[0])
		return at[0];
	return (1 - f) * at[0] + f * at[1];
}

/* R's quantile(x, p, type = 7) of the sorted x[0..n-1], n >= 1:
 * h = 1 + (n - 1) p, the order statistics at floor(h) and ceil(h)
 * interpolated as (1 - f) x_lo + f x_hi, f = h - floor(h). */
static double quantile7(const double *x, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h), hi = (size_t)ceil(h);
	if (hi >= n)
		hi = n - 1;
	return quantile7_at(h - (double)lo, (double[2]){x[lo], x[hi]});
}

/* The value of numeric column j on the column's own scale (exp for a log
 * term). */
static double own_scale(const model_view *m, const design_term *t, size_t i, size_t j)
{
	double v = x_at(m, i, j);
	return t->log ? exp(v) : v;
}

/* Membership of a number v on its own scale: 0 at or above the upper
 * quartile (group a), 1 at or below the lower (group b), -1 between. */
static int number_group(const driver_compare *c, double v)
{
	return v >= c->value[0] ? 0 : v <= c->value[1] ? 1 : -1;
}

/* Membership of row i: 0 in group a, 1 in group b, -1 in neither. */
static int group_of(const model_view *m, const driver_compare *c, size_t i, size_t j)
{
	const design_term *t = &m->d->terms[c->term];
	if (c->kind == COMPARE_NUMBER)
		return number_group(c, own_scale(m, t, i, j));
	if (x_at(m, i, j) == 1)
		return 0;
	if (m->d->cols[j].kind != DESIGN_COL_DUMMY)
		return x_at(m, i, j) == 0 ? 1 : -1;
	for (size_t k = t->first_col; k < t->first_col + t->ncols; k++)
		if (m->d->cols[k].kind == DESIGN_COL_DUMMY && x_at(m, i, k) != 0)
			return -1;
	return 1; /* every dummy of the term 0: the reference level */
}

/* The type-7 quartiles of the n values v (unsorted): value[0] the upper,
 * value[1] the lower, *lowest the least; by selecting the five order
 * statistics they read (order.h), or by sorting a copy when v has a NaN
 * or memory runs out.  0, or -1 when out of memory. */
static int quartiles_of(const double *v, size_t n, double value[2], double *lowest)
{
	const double p[2] = {0.75, 0.25};
	double h[2], at[5];
	size_t rank[5];
	for (int q = 0; q < 2; q++) {
		h[q] = (double)(n - 1) * p[q];
		rank[2 * q] = (size_t)floor(h[q]);
		rank[2 * q + 1] = rank[2 * q] + 1 < n ? rank[2 * q] + 1 : rank[2 * q];
	}
	rank[4] = 0;
	if (order_select_ranks(v, n, rank, 5, at) == 0) {
		for (int q = 0; q < 2; q++)
			value[q] = quantile7_at(h[q] - (double)rank[2 * q], at + 2 * q);
		*lowest = at[4];
		return 0;
	}
	double *s = malloc(n * sizeof *s);
	if (s == NULL)
		return -1;
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, cmp_double);
	value[0] = quantile7(s, n, 0.75);
	value[1] = quantile7(s, n, 0.25);
	*lowest = s[0];
	free(s);
	return 0;
}

/* The type-7 quartiles of numeric column j over the rows of positive
 * weight, each row once: value[0] the upper, value[1] the lower; *lowest
 * the least value.  *own: the column's values on its own scale, one per
 * row of positive weight in row order (free it), for group_of. */
static int quartiles(const model_view *m, const design_term *t, size_t j, double value[2],
                     double *lowest, double **own)
{
	size_t n = 0;
	double *v = malloc((m->d->nrows ? m->d->nrows : 1) * sizeof *v);
	*own = NULL;
	if (v == NULL)
		return -1;
	for (size_t i = 0; i < m->d->nrows; i++)
		if (row_weight(m, i) > 0)
			v[n++] = own_scale(m, t, i, j);
	if (n == 0 || quartiles_of(v, n, value, lowest) != 0) {
		free(v);
		return n == 0 ? 1 : -1;
	}
	*own = v;
	return value[0] > value[1] ? 0 : 1;
}

/* A 0/1 column: every row of positive weight holds 0 or 1, and both occur. */
static int zero_one(const model_view *m, size_t j)
{
	int seen[2] = {0, 0};
	for (size_t i = 0; i < m->d->nrows; i++) {
		if (!(row_weight(m, i) > 0))
			continue;
		double v = x_at(m, i, j);
		if (v != 0 && v != 1)
			return 0;
		seen[v == 1] = 1;
	}
	return seen[0] && seen[1];
}

/* Stated drivers whose predictions one pass over the rows computes. */
#define PREDICT_BATCH 16

/* One driver of predict_batch: the group values of column j, and the
 * columns the groups set (the term's dummies, or column j). */
typedef struct {
	size_t j;
	driver_compare *c;
	double x[2];
	size_t set[DESIGN_MAX_COLS];
	size_t nset;
	double sw, sp[2];
} predict_one;

static void predict_batch(const model_view *m, predict_one *p, size_t np)
{
	const design *d = m->d;
	for (size_t i = 0; i < d->nrows; i++) {
		double w = row_weight(m, i);
		if (!(w > 0))
			continue;
		for (size_t q = 0; q < np; q++) {
			predict_one *o = &p[q];
			/* The customer's own x'b without the columns the group sets. */
			double rest = m->lp[i];
			for (size_t s = 0; s < o->nset; s++)
				rest -= m->coef[o->set[s]] * x_at(m, i, o->set[s]);
			o->sw += w;
			for (int g = 0; g < 2; g++)
				o->sp[g] += w / (1 + exp(-(rest + m->coef[o->j] * o->x[g])));
		}
	}
	for (size_t q = 0; q < np; q++)
		if (p[q].sw > 0)
			for (int g = 0; g < 2; g++)
				p[q].c->pred[g] = p[q].sp[g] / p[q].sw;
}

/* The predicted churn of each group: the model's prediction for every
 * customer of the sample with the term set to the group's value (the
 * level's dummy 1 and the term's other dummies 0, the reference all 0, 1
 * or 0, the quartile) and every other term at the customer's own values,
 * averaged with the weights.  Logistic models only (findings_compare.h).
 * The drivers share one pass over the rows, each one's sums in row order. */
void findings_predict(const model_view *m, const size_t *j, driver_compare *const *c, size_t n)
{
	const design *d = m->d;
	predict_one p[PREDICT_BATCH];
	size_t np = 0;

	for (size_t q = 0; q < n; q++) {
		c[q]->pred[0] = c[q]->pred[1] = NAN;
		if (m->cox || m->lp == NULL)
			continue;
		const design_term *t = &d->terms[c[q]->term];
		predict_one *o = &p[np++];
		*o = (predict_one){.j = j[q], .c = c[q]};
		for (int g = 0; g < 2; g++) {
			if (c[q]->kind == COMPARE_NUMBER)
				o->x[g] = t->log ? log(c[q]->value[g]) : c[q]->value[g];
			else
				o->x[g] = (g == 0) != c[q]->flipped; /* a flipped yes/no: the dummy is 1 in b */
		}
		for (size_t k = t->first_col; k < t->first_col + t->ncols; k++) {
			int set = d->cols[j[q]].kind == DESIGN_COL_DUMMY
			                  ? d->cols[k].kind == DESIGN_COL_DUMMY
			                  : k == j[q];
			if (set && !(m->aliased && m->aliased[k]) && isfinite(m->coef[k]))
				o->set[o->nset++] = k;
		}
		if (np == PREDICT_BATCH) {
			predict_batch(m, p, np);
			np = 0;
		}
	}
	if (np > 0)
		predict_batch(m, p, np);
}

int findings_compare(const model_view *m, size_t j, driver_compare *c)
{
	const design *d = m->d;
	const design_col *col = &d->cols[j];
	const design_term *t = &d->terms[col->term];
	double scale = 1, sy[2] = {0, 0}, *own = NULL;

	memset(c, 0, sizeof *c);
	c->term = col->term;
	c->value[0] = c->value[1] = c->lowest = NAN;
	if (m->y == NULL)
		return 1;
	if (col->kind == DESIGN_COL_NUM) {
		if (!t->log && zero_one(m, j)) {
			c->kind = COMPARE_YESNO;
		} else {
			int r = quartiles(m, t, j, c->value, &c->lowest, &own);
			if (r != 0) {
				free(own);
				return r;
			}
			c->kind = COMPARE_NUMBER;
			scale = t->log ? log(c->value[0]) - log(c->value[1]) : c->value[0] - c->value[1];
		}
	} else if (col->kind == DESIGN_COL_MISSING) {
		c->kind = COMPARE_MISSING;
	} else if (col->kind == DESIGN_COL_DUMMY) {
		const char *lev = t->levels[col->level], *ref = design_reference(d, col->term);
		c->level_a = lev;
		c->level_b = ref;
		c->two_levels = t->nlevels == 2;
		if (t->missing_level && col->level + 1 == t->nlevels) {
			c->kind = COMPARE_MISSING;
			c->level_a = NULL;
		} else if (c->two_levels && ref != NULL && yes_no(lev) >= 0 &&
		           yes_no(ref) == 1 - yes_no(lev)) {
			c->kind = COMPARE_YESNO;
			c->flipped = yes_no(lev) == 0; /* read the "yes" level first */
			if (c->flipped) {
				c->level_a = ref;
				c->level_b = lev;
			}
		} else {
			c->kind = COMPARE_LEVEL;
		}
	} else {
		return 1;
	}
	for (size_t i = 0, at = 0; i < d->nrows; i++) {
		double w = row_weight(m, i);
		if (!(w > 0))
			continue;
		/* A number's own-scale value as quartiles computed it, row by row. */
		int g = own ? number_group(c, own[at++]) : group_of(m, c, i, j);
		if (g < 0)
			continue;
		if (c->flipped)
			g = 1 - g;
		c->n[g] += w;
		sy[g] += w * m->y[i];
	}
	free(own);
	if (!(c->n[0] > 0) || !(c->n[1] > 0))
		return 1;
	for (int g = 0; g < 2; g++)
		c->rate[g] = sy[g] / c->n[g];
	c->log_ratio = m->coef[j] * scale;
	c->log_lo = log(m->lower[j]) * scale;
	c->log_hi = log(m->upper[j]) * scale;
	if (c->flipped) {
		double lo = c->log_lo;
		c->log_ratio = -c->log_ratio;
		c->log_lo = -c->log_hi;
		c->log_hi = -lo;
	}
	c->pred[0] = c->pred[1] = NAN;
	c->reversed = (c->rate[0] - c->rate[1]) * c->log_ratio < 0;
	return 0;
}

/* findings_compare.h */
const char *findings_value(char *buf, size_t n, double x)
{
	if (!isfinite(x)) {
		snprintf(buf, n, "NA");
	} else if (fabs(x) >= 1000) {
		snprintf(buf, n, "%.0f", x);
	} else if (fabs(x) < 1 && x != 0) {
		snprintf(buf, n, "%.2g", x);
	} else {
		snprintf(buf, n, "%.2f", x);
		char *dot = strchr(buf, '.');
		if (dot != NULL) {
			char *e = buf + strlen(buf) - 1;
			while (e > dot && *e == '0')
				*e-- = '\0';
			if (e == dot)
				*e = '\0';
		}
	}
	return buf;
}

/* findings_compare.h */
void findings_group_words(strbuf *b, const labelmap *m, const char *column, finding_group g,
                          const char *level, double cut, double lowest)
{
	const char *col = findings_col_name(m, column);
	char v[48];
	switch (g) {
	case FINDING_GROUP_LEVEL:
		strbuf_printf(b, "customers with %s = %s", col, findings_level_name(m, column, level));
		break;
	case FINDING_GROUP_MISSING: strbuf_printf(b, "customers with no %s value", col); break;
	case FINDING_GROUP_PRESENT: strbuf_printf(b, "customers with a %s value", col); break;
	case FINDING_GROUP_FLAG: strbuf_printf(b, "customers with %s", col); break;
	case FINDING_GROUP_NOFLAG: strbuf_printf(b, "customers without %s", col); break;
	case FINDING_GROUP_ATLEAST:
		strbuf_printf(b, "customers with %s at %s or more", col,
		              findings_value(v, sizeof v, cut));
		break;
	case FINDING_GROUP_ATMOST:
		if (cut <= lowest && cut == 0)
			strbuf_printf(b, "customers with no %s", col);
		else
			strbuf_printf(b, "customers with %s at %s%s", col,
			              findings_value(v, sizeof v, cut),
			              cut <= lowest ? "" : " or less");
		break;
	default: strbuf_printf(b, "customers"); break;
	}
}

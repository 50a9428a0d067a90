/* design_terms.c - the terms of a design, resolved against a column table
 * (design_internal.h): "log(col)" terms, categorical or numeric, their
 * levels and reference level, a row's level and whether its value is
 * missing.  design.c builds the matrix from them (include/churnkit/design.h). */
#include "churnkit/design.h"
#include "model/design_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *design_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *c = malloc(n);
	if (c != NULL)
		memcpy(c, s, n);
	return c;
}

/* Splits "log(col)" into its column; returns 1 for a log term. */
static int parse_log(const char *term, char *col, size_t n)
{
	size_t len = strlen(term);
	if (len > 5 && strncmp(term, "log(", 4) == 0 && term[len - 1] == ')') {
		snprintf(col, n, "%.*s", (int)(len - 5), term + 4);
		return 1;
	}
	snprintf(col, n, "%s", term);
	return 0;
}

static int named_in(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] != NULL && strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

/* The value of numeric term tm in table row i (log applied), NaN if missing. */
double design_term_value(const design_term *tm, const table_col *c, size_t i)
{
	double v = c->num[i];
	if (isnan(v))
		return NAN;
	return tm->log ? log(v) : v;
}


static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* R's median of v[0..n) (sorts v). */
double design_median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

typedef struct {
	double v, w;
} vw_pair;

static int cmp_pair(const void *a, const void *b)
{
	double x = ((const vw_pair *)a)->v, y = ((const vw_pair *)b)->v;
	return (x > y) - (x < y);
}

double design_median_weighted(double *v, double *w, size_t n)
{
	vw_pair *p = malloc((n ? n : 1) * sizeof *p);
	double total = 0, lo = NAN, hi = NAN, run = 0;
	if (p == NULL)
		return NAN;
	for (size_t k = 0; k < n; k++) {
		p[k] = (vw_pair){v[k], w[k]};
		total += w[k];
	}
	qsort(p, n, sizeof *p, cmp_pair);
	/* The expanded values' positions total / 2 and total / 2 + 1 (1-based)
	 * when the total is even, else (total + 1) / 2 for both. */
	double a = floor((total + 1) / 2), b = floor(total / 2) + 1;
	for (size_t k = 0; k < n && isnan(hi); k++) {
		run += p[k].w;
		if (isnan(lo) && run >= a)
			lo = p[k].v;
		if (run >= b)
			hi = p[k].v;
	}
	for (size_t k = 0; k < n; k++)
		v[k] = p[k].v, w[k] = p[k].w;
	free(p);
	return (lo + hi) / 2;
}

churn_status design_term_levels(design_term *tm, const table_col *c, const unsigned char *used,
                                size_t nrows, const char *ref, int add_missing,
                                churn_err *err)
{
	size_t n = 0, cap = 0;
	char **lv = NULL;
	double *vals = NULL;

	if (tm->numeric_levels) {
		vals = malloc((nrows ? nrows : 1) * sizeof *vals);
		if (vals == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		for (size_t i = 0; i < nrows; i++)
			if (used[i] && !isnan(c->num[i]))
				vals[n++] = c->num[i];
		qsort(vals, n, sizeof *vals, cmp_double);
		size_t u = 0;
		for (size_t i = 0; i < n; i++)
			if (u == 0 || vals[i] != vals[u - 1])
				vals[u++] = vals[i];
		n = u;
		cap = n + 1;
		lv = calloc(cap, sizeof *lv);
		double *v2 = realloc(vals, cap * sizeof *v2);
		if (lv == NULL || v2 == NULL) {
			free(lv);
			free(v2 ? v2 : vals);
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		}
		vals = v2;
		for (size_t l = 0; l < n; l++) {
			char buf[64];
			table_num_text(vals[l], buf, sizeof buf);
			lv[l] = design_strdup(buf);
			if (lv[l] == NULL)
				goto nomem;
		}
	} else {
		unsigned char *seen = calloc(c->nlevels ? c->nlevels : 1, 1);
		if (seen == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		for (size_t i = 0; i < nrows; i++)
			if (used[i] && c->codes[i] != TABLE_CODE_NA)
				seen[c->codes[i]] = 1;
		for (size_t l = 0; l < c->nlevels; l++)
			n += seen[l];
		cap = n + 1;
		lv = calloc(cap, sizeof *lv);
		if (lv == NULL) {
			free(seen);
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		}
		size_t m = 0;
		for (size_t l = 0; l < c->nlevels; l++)
			if (seen[l] && (lv[m++] = design_strdup(c->levels[l])) == NULL) {
				free(seen);
				goto nomem;
			}
		free(seen);
		qsort(lv, n, sizeof *lv, cmp_str);
	}

	if (ref != NULL) {
		size_t r = n;
		for (size_t l = 0; l < n; l++)
			if (strcmp(lv[l], ref) == 0)
				r = l;
		if (r == n) {
			for (size_t l = 0; l < n; l++)
				free(lv[l]);
			free(lv);
			free(vals);
			return churn_err_set(err, CHURN_EUSAGE,
			                     "reference level '%s' of column '%s' does not occur in the data used",
			                     ref, tm->column);
		}
		/* Move the reference to the front, keeping the others sorted. */
		char *s = lv[r];
		double v = vals ? vals[r] : 0;
		for (size_t l = r; l > 0; l--) {
			lv[l] = lv[l - 1];
			if (vals)
				vals[l] = vals[l - 1];
		}
		lv[0] = s;
		if (vals)
			vals[0] = v;
	}
	if (add_missing) {
		if ((lv[n] = design_strdup(DESIGN_MISSING_LEVEL)) == NULL)
			goto nomem;
		if (vals)
			vals[n] = NAN;
		n++;
		tm->missing_level = 1;
	}
	tm->levels = lv;
	tm->values = vals;
	tm->nlevels = n;
	return CHURN_OK;
nomem:
	for (size_t l = 0; l < cap; l++)
		free(lv[l]);
	free(lv);
	free(vals);
	return churn_err_set(err, CHURN_ENOMEM, "out of memory");
}

/* The level index of table row i for categorical term tm; (size_t)-1 when
 * the row's level is not one of the term's levels (missing without a
 * "(missing)" level, or unseen). */
size_t design_term_level_of(const design_term *tm, const table_col *c, size_t i)
{
	if (tm->numeric_levels) {
		double v = c->num[i];
		if (isnan(v))
			return tm->missing_level ? tm->nlevels - 1 : (size_t)-1;
		for (size_t l = 0; l < tm->nlevels - (size_t)tm->missing_level; l++)
			if (tm->values[l] == v)
				return l;
		return (size_t)-1;
	}
	if (c->codes[i] == TABLE_CODE_NA)
		return tm->missing_level ? tm->nlevels - 1 : (size_t)-1;
	return design_term_text_level(tm, c->levels[c->codes[i]]);
}

size_t design_term_text_level(const design_term *tm, const char *s)
{
	for (size_t l = 0; l < tm->nlevels - (size_t)tm->missing_level; l++)
		if (strcmp(tm->levels[l], s) == 0)
			return l;
	return (size_t)-1;
}

/* Resolves spec terms against the table: names, kinds, reference levels. */
churn_status design_terms_resolve(const table *t, const design_spec *spec, design *d,
                                  term_src *src, churn_err *err)
{
	for (size_t r = 0; r < spec->nreferences; r++) {
		const char *ref = spec->references[r];
		const char *eq = strchr(ref, '=');
		if (eq == NULL || eq == ref)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "reference '%s' is not of the form column=level", ref);
		int found = 0;
		for (size_t k = 0; k < spec->nterms; k++)
			if (strlen(spec->terms[k]) == (size_t)(eq - ref) &&
			    strncmp(spec->terms[k], ref, (size_t)(eq - ref)) == 0)
				found = 1;
		if (!found)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "reference '%s' names a column that is not a model term", ref);
	}
	for (size_t k = 0; k < spec->nterms; k++) {
		char colname[512];
		design_term *tm = &d->terms[k];
		tm->log = parse_log(spec->terms[k], colname, sizeof colname);
		tm->impute_value = NAN;
		if ((tm->name = design_strdup(spec->terms[k])) == NULL ||
		    (tm->column = design_strdup(colname)) == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		for (size_t k2 = 0; k2 < k; k2++)
			if (strcmp(d->terms[k2].name, tm->name) == 0)
				return churn_err_set(err, CHURN_EUSAGE, "term '%s' is given twice",
				                     tm->name);
		src[k].col_index = table_find_index(t, colname);
		if (src[k].col_index < 0)
			return churn_err_set(err, CHURN_EUSAGE, "no column '%s' for model term '%s'",
			                     colname, tm->name);
		src[k].col = &t->cols[src[k].col_index];
		if (src[k].col->kind == TABLE_DATE)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "column '%s' holds dates and cannot be a model term", colname);
		tm->categorical = src[k].col->kind == TABLE_CAT ||
		                  named_in(spec->categorical, spec->ncategorical, colname);
		tm->numeric_levels = tm->categorical && src[k].col->kind == TABLE_NUM;
		if (tm->categorical && tm->log)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "log(%s): column '%s' is categorical", colname, colname);
	}
	return CHURN_OK;
}

const char *design_term_reference(const design_spec *spec, const char *term)
{
	size_t n = strlen(term);
	for (size_t r = 0; r < spec->nreferences; r++)
		if (strncmp(spec->references[r], term, n) == 0 && spec->references[r][n] == '=')
			return spec->references[r] + n + 1;
	return NULL;
}

/* Lays out the columns of every term; fills d->cols and terms' first_col. */

/* design.c - design matrices from a column table; see include/churnkit/design.h. */
#include "churnkit/design.h"
#include "model/colscan.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A term's source column and how to read it, resolved once. */
typedef struct {
	const table_col *col;
	long col_index;
} term_src;

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *c = malloc(n);
	if (c != NULL)
		memcpy(c, s, n);
	return c;
}

static char *dup_printf(const char *fmt, const char *a, const char *b)
{
	int n = snprintf(NULL, 0, fmt, a, b);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (s != NULL)
		snprintf(s, (size_t)n + 1, fmt, a, b);
	return s;
}

void design_free(design *d)
{
	if (d == NULL)
		return;
	gsl_matrix_free(d->X);
	free(d->row);
	for (size_t j = 0; j < d->ncols; j++)
		free(d->cols[j].name);
	free(d->cols);
	for (size_t k = 0; k < d->nterms; k++) {
		design_term *tm = &d->terms[k];
		free(tm->name);
		free(tm->column);
		for (size_t l = 0; l < tm->nlevels; l++)
			free(tm->levels[l]);
		free(tm->levels);
		free(tm->values);
	}
	free(d->terms);
	free(d);
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
static double num_value(const design_term *tm, const table_col *c, size_t i)
{
	double v = c->num[i];
	if (isnan(v))
		return NAN;
	return tm->log ? log(v) : v;
}

static int row_missing(const design_term *tm, const table_col *c, size_t i)
{
	if (tm->categorical && !tm->numeric_levels)
		return c->codes[i] == TABLE_CODE_NA;
	return isnan(c->num[i]);
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
static double median_of(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static churn_status set_levels(design_term *tm, const table_col *c, const unsigned char *used,
                               size_t nrows, const char *ref, int add_missing, churn_err *err)
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
			snprintf(buf, sizeof buf, "%.15g", vals[l]);
			lv[l] = dup_str(buf);
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
			if (seen[l] && (lv[m++] = dup_str(c->levels[l])) == NULL) {
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
		if ((lv[n] = dup_str(DESIGN_MISSING_LEVEL)) == NULL)
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
static size_t level_of(const design_term *tm, const table_col *c, size_t i)
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
	const char *s = c->levels[c->codes[i]];
	for (size_t l = 0; l < tm->nlevels - (size_t)tm->missing_level; l++)
		if (strcmp(tm->levels[l], s) == 0)
			return l;
	return (size_t)-1;
}

/* Resolves spec terms against the table: names, kinds, reference levels. */
static churn_status resolve_terms(const table *t, const design_spec *spec, design *d,
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
		if ((tm->name = dup_str(spec->terms[k])) == NULL ||
		    (tm->column = dup_str(colname)) == NULL)
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

static const char *reference_for(const design_spec *spec, const char *term)
{
	size_t n = strlen(term);
	for (size_t r = 0; r < spec->nreferences; r++)
		if (strncmp(spec->references[r], term, n) == 0 && spec->references[r][n] == '=')
			return spec->references[r] + n + 1;
	return NULL;
}

/* Lays out the columns of every term; fills d->cols and terms' first_col. */
static churn_status layout_columns(design *d)
{
	size_t p = d->intercept ? 1 : 0;
	for (size_t k = 0; k < d->nterms; k++) {
		design_term *tm = &d->terms[k];
		tm->first_col = p;
		tm->ncols = tm->categorical ? (tm->nlevels ? tm->nlevels - 1 : 0)
		                            : 1 + (size_t)tm->has_missing_col;
		p += tm->ncols;
	}
	d->ncols = p;
	d->cols = calloc(p ? p : 1, sizeof *d->cols);
	if (d->cols == NULL)
		return CHURN_ENOMEM;
	if (d->intercept) {
		d->cols[0].kind = DESIGN_COL_INTERCEPT;
		d->cols[0].term = (size_t)-1;
		if ((d->cols[0].name = dup_str(DESIGN_INTERCEPT_NAME)) == NULL)
			return CHURN_ENOMEM;
	}
	for (size_t k = 0; k < d->nterms; k++) {
		design_term *tm = &d->terms[k];
		for (size_t c = 0; c < tm->ncols; c++) {
			design_col *dc = &d->cols[tm->first_col + c];
			dc->term = k;
			if (tm->categorical) {
				dc->kind = DESIGN_COL_DUMMY;
				dc->level = c + 1;
				dc->name = dup_printf("%s=%s", tm->column, tm->levels[c + 1]);
			} else if (c == 0) {
				dc->kind = DESIGN_COL_NUM;
				dc->name = dup_str(tm->name);
			} else {
				dc->kind = DESIGN_COL_MISSING;
				dc->name = dup_printf("%s%s", tm->column, "_missing");
			}
			if (dc->name == NULL)
				return CHURN_ENOMEM;
		}
	}
	return CHURN_OK;
}

/* Refuses, before any matrix is built, a design too wide to fit: more
 * than DESIGN_MAX_COLS columns, or a categorical term with more than
 * DESIGN_LEVELS_FREE levels and more than one level per
 * DESIGN_ROWS_PER_LEVEL rows used (an identifier or free text).  The
 * message names the term and its level count. */
static churn_status check_width(const design *d, churn_err *err)
{
	size_t p = d->intercept ? 1 : 0, widest = 0, wcols = 0;
	for (size_t k = 0; k < d->nterms; k++) {
		const design_term *tm = &d->terms[k];
		size_t nc = tm->categorical ? (tm->nlevels ? tm->nlevels - 1 : 0)
		                            : 1 + (size_t)tm->has_missing_col;
		p += nc;
		if (nc > wcols) {
			wcols = nc;
			widest = k;
		}
		if (tm->categorical && tm->nlevels > DESIGN_LEVELS_FREE &&
		    tm->nlevels * DESIGN_ROWS_PER_LEVEL > d->nrows)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "term '%s' has %zu levels in the %zu rows used (more than "
			                     "one per %d rows): an identifier or free-text column cannot "
			                     "be a model term; leave it out or group its levels",
			                     tm->name, tm->nlevels, d->nrows, DESIGN_ROWS_PER_LEVEL);
	}
	if (p > DESIGN_MAX_COLS) {
		const design_term *tm = &d->terms[widest];
		if (tm->categorical)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "the model would have %zu columns (at most %d): term '%s' "
			                     "alone has %zu levels; leave it out or group its levels",
			                     p, DESIGN_MAX_COLS, tm->name, tm->nlevels);
		return churn_err_set(err, CHURN_EUSAGE,
		                     "the model would have %zu columns (at most %d); give fewer terms",
		                     p, DESIGN_MAX_COLS);
	}
	return CHURN_OK;
}

/* Writes the design row of table row i into x (d->ncols values); returns
 * the row status.  Used both for training and for new data. */
static design_row_status fill_row(const design *d, const term_src *src, size_t i, double *x)
{
	if (d->intercept)
		x[0] = 1.0;
	for (size_t k = 0; k < d->nterms; k++) {
		const design_term *tm = &d->terms[k];
		const table_col *c = src[k].col;
		double *xc = x + tm->first_col;
		if (tm->categorical) {
			size_t l = level_of(tm, c, i);
			if (l == (size_t)-1)
				return row_missing(tm, c, i) ? DESIGN_ROW_MISSING : DESIGN_ROW_UNSEEN;
			for (size_t m = 0; m < tm->ncols; m++)
				xc[m] = (l == m + 1) ? 1.0 : 0.0;
			continue;
		}
		double raw = c->num[i];
		if (isnan(raw)) {
			if (isnan(tm->impute_value))
				return DESIGN_ROW_MISSING;
			xc[0] = tm->impute_value;
			if (tm->has_missing_col)
				xc[1] = 1.0;
			continue;
		}
		if (tm->log && !(raw > 0))
			return DESIGN_ROW_NONPOS;
		xc[0] = tm->log ? log(raw) : raw;
		if (tm->has_missing_col)
			xc[1] = 0.0;
	}
	return DESIGN_ROW_OK;
}

churn_status design_build(const table *t, const design_spec *spec, design **out,
                          churn_err *err)
{
	churn_status st = CHURN_OK;
	design *d = NULL;
	term_src *src = NULL;
	unsigned char *used = NULL;
	double *buf = NULL;
	colscan cs = {0};

	*out = NULL;
	if (t == NULL || spec == NULL || (spec->nterms > 0 && spec->terms == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "design_build: no table or terms");
	if (spec->nterms == 0 && !spec->intercept)
		return churn_err_set(err, CHURN_EUSAGE, "a model needs at least one term");
	d = calloc(1, sizeof *d);
	src = calloc(spec->nterms ? spec->nterms : 1, sizeof *src);
	used = calloc(t->nrows ? t->nrows : 1, 1);
	if (d == NULL || src == NULL || used == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory building the design");
		goto done;
	}
	d->intercept = spec->intercept != 0;
	d->impute = spec->impute != 0;
	d->nterms = spec->nterms;
	d->terms = calloc(spec->nterms ? spec->nterms : 1, sizeof *d->terms);
	if (d->terms == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory building the design");
		goto done;
	}
	if ((st = resolve_terms(t, spec, d, src, err)) != CHURN_OK)
		goto done;

	/* Pass 1: which rows are used.  Without impute, a row missing any
	 * term's value is left out; with impute every unmasked row is used. */
	for (size_t i = 0; i < t->nrows; i++) {
		if (spec->row_mask != NULL && !spec->row_mask[i]) {
			d->rows_masked++;
			continue;
		}
		int miss = 0;
		for (size_t k = 0; k < d->nterms; k++)
			if (row_missing(&d->terms[k], src[k].col, i)) {
				d->terms[k].nmissing++;
				miss = 1;
			}
		if (miss && !d->impute) {
			d->rows_missing++;
			continue;
		}
		used[i] = 1;
		d->nrows++;
	}
	if (d->nrows == 0) {
		st = churn_err_set(err, CHURN_EDATA,
		                   "no rows left for the model (%zu with a missing value, %zu left out)",
		                   d->rows_missing, d->rows_masked);
		goto done;
	}

	/* Log terms: every used, present value must be positive. */
	for (size_t k = 0; k < d->nterms; k++) {
		design_term *tm = &d->terms[k];
		if (!tm->log)
			continue;
		const double *v = src[k].col->num;
		for (size_t i = 0; i < t->nrows; i++)
			if (used[i] && !isnan(v[i]) && !(v[i] > 0)) {
				long line = t->line != NULL ? t->line[i] : 0;
				st = churn_err_at(err, CHURN_EDATA, NULL, line, src[k].col_index + 1,
				                  "%s: column '%s' is %g in data row %zu; log needs values > 0",
				                  tm->name, tm->column, v[i], i + 1);
				goto done;
			}
	}

	/* Levels, medians and missing-indicator columns. */
	buf = malloc(t->nrows * sizeof *buf);
	if (buf == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory building the design");
		goto done;
	}
	for (size_t k = 0; k < d->nterms; k++) {
		design_term *tm = &d->terms[k];
		const table_col *c = src[k].col;
		if (tm->categorical) {
			st = set_levels(tm, c, used, t->nrows, reference_for(spec, tm->column),
			                d->impute && tm->nmissing > 0, err);
			if (st != CHURN_OK)
				goto done;
			continue;
		}
		if (!d->impute)
			continue;
		size_t m = 0;
		for (size_t i = 0; i < t->nrows; i++)
			if (used[i] && !isnan(c->num[i]))
				buf[m++] = num_value(tm, c, i);
		if (m == 0) {
			st = churn_err_set(err, CHURN_EDATA,
			                   "column '%s' has no values to impute from", tm->column);
			goto done;
		}
		tm->impute_value = median_of(buf, m);
		tm->has_missing_col = tm->nmissing > 0;
	}
	if ((st = check_width(d, err)) != CHURN_OK)
		goto done;
	if (layout_columns(d) != CHURN_OK) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory building the design");
		goto done;
	}

	/* Pass 2: fill X. */
	d->X = gsl_matrix_alloc(d->nrows, d->ncols ? d->ncols : 1);
	d->row = malloc(d->nrows * sizeof *d->row);
	if (d->X == NULL || d->row == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for a %zu x %zu design",
		                   d->nrows, d->ncols);
		goto done;
	}
	size_t r = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		if (!used[i])
			continue;
		d->row[r] = i;
		(void)fill_row(d, src, i, gsl_matrix_ptr(d->X, r, 0));
		r++;
	}

	/* Aliasing over the used rows, unweighted. */
	if (d->ncols > 0) {
		st = colscan_run(d->X, NULL, NULL, 0, d->intercept, NULL, &cs, err);
		if (st != CHURN_OK)
			goto done;
		for (size_t j = 0; j < d->ncols; j++) {
			d->cols[j].aliased = cs.aliased[j];
			d->naliased += (size_t)cs.aliased[j];
		}
	}
done:
	colscan_clear(&cs);
	free(src);
	free(used);
	free(buf);
	if (st != CHURN_OK)
		design_free(d);
	else
		*out = d;
	return st;
}

churn_status design_apply(const design *d, const table *t, gsl_matrix **X,
                          design_row_status *status, churn_err *err)
{
	churn_status st = CHURN_OK;
	term_src *src = calloc(d->nterms ? d->nterms : 1, sizeof *src);

	*X = NULL;
	if (src == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t k = 0; k < d->nterms; k++) {
		const design_term *tm = &d->terms[k];
		src[k].col_index = table_find_index(t, tm->column);
		if (src[k].col_index < 0) {
			st = churn_err_set(err, CHURN_EUSAGE, "no column '%s' for model term '%s'",
			                   tm->column, tm->name);
			goto done;
		}
		src[k].col = &t->cols[src[k].col_index];
		table_kind want = (tm->categorical && !tm->numeric_levels) ? TABLE_CAT : TABLE_NUM;
		if (src[k].col->kind != want) {
			st = churn_err_set(err, CHURN_EUSAGE,
			                   "column '%s' is %s here but was %s when the model was fitted",
			                   tm->column, want == TABLE_CAT ? "not categorical" : "not numeric",
			                   want == TABLE_CAT ? "categorical" : "numeric");
			goto done;
		}
	}
	*X = gsl_matrix_alloc(t->nrows ? t->nrows : 1, d->ncols ? d->ncols : 1);
	if (*X == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for %zu rows to score", t->nrows);
		goto done;
	}
	for (size_t i = 0; i < t->nrows; i++) {
		double *x = gsl_matrix_ptr(*X, i, 0);
		status[i] = fill_row(d, src, i, x);
		if (status[i] != DESIGN_ROW_OK)
			for (size_t j = 0; j < d->ncols; j++)
				x[j] = NAN;
	}
done:
	free(src);
	return st;
}

void design_take(const design *d, const double *full, double *out)
{
	for (size_t i = 0; i < d->nrows; i++)
		out[i] = full[d->row[i]];
}

long design_col_index(const design *d, const char *name)
{
	for (size_t j = 0; j < d->ncols; j++)
		if (strcmp(d->cols[j].name, name) == 0)
			return (long)j;
	return -1;
}

const char *design_reference(const design *d, size_t k)
{
	if (k >= d->nterms || !d->terms[k].categorical || d->terms[k].nlevels < 2)
		return NULL;
	return d->terms[k].levels[0];
}

int design_term_constant(const design *d, size_t k)
{
	return k < d->nterms && d->terms[k].categorical && d->terms[k].nlevels == 1;
}

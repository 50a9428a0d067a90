/* design.c - design matrices from a column table (include/churnkit/design.h):
 * the columns of every term, the rows used, the matrix, applying a design to
 * new data, and the accessors.  The terms themselves are resolved by
 * design_terms.c. */
#include "churnkit/design.h"
#include "churnkit/memhint.h"
#include "churnkit/load.h"
#include "model/colscan.h"
#include "model/design_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		if ((d->cols[0].name = design_strdup(DESIGN_INTERCEPT_NAME)) == NULL)
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
				dc->name = design_strdup(tm->name);
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

/* The level of every table code of text categorical term tm (column c):
 * a new array of c->nlevels entries, looked up once per code instead of
 * by strcmp once per row; NULL for other terms or when out of memory
 * (the rows are then looked up one by one). */
static size_t *level_map(const design_term *tm, const table_col *c)
{
	if (!tm->categorical || tm->numeric_levels || c->kind != TABLE_CAT)
		return NULL;
	size_t *map = malloc((c->nlevels ? c->nlevels : 1) * sizeof *map);
	for (size_t l = 0; map != NULL && l < c->nlevels; l++)
		map[l] = design_term_text_level(tm, c->levels[l]);
	return map;
}

/* Sets src[k].level_of_code for each text categorical term (level_map). */
static void level_maps(const design *d, term_src *src)
{
	for (size_t k = 0; k < d->nterms; k++)
		src[k].level_of_code = level_map(&d->terms[k], src[k].col);
}

/* The level of table row i of categorical term tm read from src (its
 * level map when it has one); (size_t)-1 when it has none. */
static size_t row_level(const design_term *tm, const term_src *src, size_t i)
{
	const table_col *c = src->col;
	return src->level_of_code && c->codes[i] != TABLE_CODE_NA ? src->level_of_code[c->codes[i]]
	                                                           : design_term_level_of(tm, c, i);
}

churn_status design_row_levels(const design *d, const table *t, size_t k, uint32_t *out,
                               churn_err *err)
{
	const design_term *tm = &d->terms[k];
	long ci = tm->categorical ? table_find_index(t, tm->column) : -1;
	if (ci < 0)
		return churn_err_set(err, CHURN_EUSAGE, "no categorical column '%s' for model term '%s'",
		                     tm->column, tm->name);
	term_src src = {.col = &t->cols[ci], .col_index = ci};
	src.level_of_code = level_map(tm, src.col);
	for (size_t r = 0; r < d->nrows; r++)
		out[r] = (uint32_t)row_level(tm, &src, d->row[r]);
	free(src.level_of_code);
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
			size_t l = row_level(tm, &src[k], i);
			if (l == (size_t)-1)
				return design_term_missing(tm, c, i) ? DESIGN_ROW_MISSING : DESIGN_ROW_UNSEEN;
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

/* Sets used[i] to 2 for the rows used (used[i] != 0) that lack term tm's
 * value; returns how many there are. */
static size_t mark_missing(const design_term *tm, const table_col *c, unsigned char *used,
                           size_t n)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (used[i] && design_term_missing(tm, c, i)) {
			used[i] = 2;
			m++;
		}
	return m;
}

/* Whether column a of design d means column b of design s: the same
 * name and kind, and for a term's value the same imputed median, for a
 * dummy the same level (its number, and whether it is the missing level):
 * then a row of the same table has the same value in both. */
static int same_column(const design *d, const design_col *a, const design *s,
                       const design_col *b)
{
	if (a->kind != b->kind || strcmp(a->name, b->name) != 0)
		return 0;
	if (a->kind == DESIGN_COL_INTERCEPT)
		return 1;
	const design_term *ta = &d->terms[a->term], *tb = &s->terms[b->term];
	if (ta->log != tb->log || ta->categorical != tb->categorical)
		return 0;
	if (a->kind == DESIGN_COL_DUMMY) {
		int ma = ta->missing_level && a->level + 1 == ta->nlevels;
		int mb = tb->missing_level && b->level + 1 == tb->nlevels;
		if (ma != mb || ta->numeric_levels != tb->numeric_levels)
			return 0;
		return !ta->numeric_levels || ta->values[a->level] == tb->values[b->level];
	}
	double ia = ta->impute_value, ib = tb->impute_value;
	return memcmp(&ia, &ib, sizeof ia) == 0 || (isnan(ia) && isnan(ib));
}

/* The first column of s's block [j0, j0 + d->ncols) that holds d's columns
 * in d's order, when s has exactly the rows flagged in used (nt of them):
 * X of d can then be a view of that block (design_spec's share).
 * (size_t)-1 when there is none. */
static size_t shared_block(const design *d, const design *s, const unsigned char *used,
                           size_t nt)
{
	if (s == NULL || s->X == NULL || s->row == NULL || d->ncols == 0 || s->nrows != d->nrows)
		return (size_t)-1;
	long j0 = design_col_index(s, d->cols[0].name);
	if (j0 < 0 || (size_t)j0 + d->ncols > s->ncols)
		return (size_t)-1;
	for (size_t j = 0; j < d->ncols; j++)
		if (!same_column(d, &d->cols[j], s, &s->cols[(size_t)j0 + j]))
			return (size_t)-1;
	for (size_t i = 0, r = 0; i < nt; i++)
		if (used[i] && s->row[r++] != i)
			return (size_t)-1;
	return (size_t)j0;
}

churn_status design_build(const table *t, const design_spec *spec, design **out,
                          churn_err *err)
{
	churn_status st = CHURN_OK;
	design *d = NULL;
	term_src *src = NULL;
	unsigned char *used = NULL;
	double *buf = NULL, *wbuf = NULL;
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
	if ((st = design_terms_resolve(t, spec, d, src, err)) != CHURN_OK)
		goto done;

	/* Pass 1: which rows are used.  Without impute, a row missing any
	 * term's value is left out; with impute every unmasked row is used.
	 * A term at a time (used[i]: 1 unmasked, 2 unmasked and missing a
	 * value), then the rows. */
	for (size_t i = 0; i < t->nrows; i++)
		used[i] = spec->row_mask == NULL || spec->row_mask[i];
	for (size_t k = 0; k < d->nterms; k++)
		d->terms[k].nmissing = mark_missing(&d->terms[k], src[k].col, used, t->nrows);
	for (size_t i = 0; i < t->nrows; i++) {
		if (used[i] == 0) {
			d->rows_masked++;
			continue;
		}
		if (used[i] == 2 && !d->impute) {
			used[i] = 0;
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

	/* Numeric terms: every used, present value within the loader's bound on
	 * a magnitude (an unmapped column is not checked while loading: a long
	 * numeric id is fine there, but not as a model term, where 1e308 would
	 * overflow the fit and read as "not estimable"). */
	for (size_t k = 0; k < d->nterms; k++) {
		const design_term *tm = &d->terms[k];
		if (tm->categorical)
			continue;
		const double *v = src[k].col->num;
		for (size_t i = 0; i < t->nrows; i++)
			if (used[i] && !isnan(v[i]) && !(fabs(v[i]) <= LOAD_MAX_MAGNITUDE)) {
				long line = t->line != NULL ? t->line[i] : 0;
				st = churn_err_at(err, CHURN_EDATA, NULL, line, src[k].col_index + 1,
				                  "%s: column '%s' is %g in data row %zu; a model term's "
				                  "values must be within +-1e15", tm->name, tm->column, v[i],
				                  i + 1);
				goto done;
			}
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
	if (spec->freq != NULL)
		wbuf = malloc(t->nrows * sizeof *wbuf);
	if (buf == NULL || (spec->freq != NULL && wbuf == NULL)) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory building the design");
		goto done;
	}
	for (size_t k = 0; k < d->nterms; k++) {
		design_term *tm = &d->terms[k];
		const table_col *c = src[k].col;
		if (tm->categorical) {
			st = design_term_levels(tm, c, used, t->nrows, design_term_reference(spec, tm->column),
			                d->impute && tm->nmissing > 0, err);
			if (st != CHURN_OK)
				goto done;
			continue;
		}
		if (!d->impute)
			continue;
		size_t m = 0;
		for (size_t i = 0; i < t->nrows; i++)
			if (used[i] && !isnan(c->num[i]) && (spec->freq == NULL || spec->freq[i] > 0)) {
				if (wbuf != NULL)
					wbuf[m] = spec->freq[i];
				buf[m++] = design_term_value(tm, c, i);
			}
		if (m == 0) {
			st = churn_err_set(err, CHURN_EDATA,
			                   "column '%s' has no values to impute from", tm->column);
			goto done;
		}
		tm->impute_value = wbuf != NULL ? design_median_weighted(buf, wbuf, m)
		                                : design_median(buf, m);
		if (isnan(tm->impute_value)) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory building the design");
			goto done;
		}
		tm->has_missing_col = tm->nmissing > 0;
	}
	if ((st = check_width(d, err)) != CHURN_OK)
		goto done;
	if (layout_columns(d) != CHURN_OK) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory building the design");
		goto done;
	}

	/* Pass 2: fill X, or view the same columns of spec->share. */
	size_t j0 = shared_block(d, spec->share, used, t->nrows);
	d->row = malloc(d->nrows * sizeof *d->row);
	if (j0 != (size_t)-1)
		d->X = gsl_matrix_alloc_from_matrix(spec->share->X, 0, j0, d->nrows, d->ncols);
	else
		d->X = gsl_matrix_alloc(d->nrows, d->ncols ? d->ncols : 1);
	if (d->X != NULL && j0 == (size_t)-1)  /* written once, row after row (memhint.h) */
		mem_hint_huge(d->X->data, d->X->size1 * d->X->tda * sizeof *d->X->data);
	if (d->X == NULL || d->row == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for a %zu x %zu design",
		                   d->nrows, d->ncols);
		goto done;
	}
	size_t r = 0;
	if (j0 == (size_t)-1)
		level_maps(d, src);
	for (size_t i = 0; i < t->nrows; i++) {
		if (!used[i])
			continue;
		d->row[r] = i;
		if (j0 == (size_t)-1)
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
	for (size_t k = 0; src != NULL && k < spec->nterms; k++)
		free(src[k].level_of_code);
	free(src);
	free(used);
	free(buf);
	free(wbuf);
	if (st != CHURN_OK)
		design_free(d);
	else
		*out = d;
	return st;
}

/* design_apply and design_apply_each: with X, every row into a new
 * matrix *X and its status into status[i]; else (fn) each row into one
 * buffer, handed to fn with its status. */
static churn_status apply(const design *d, const table *t, gsl_matrix **X,
                          design_row_status *status, design_row_fn fn, void *ctx,
                          churn_err *err)
{
	churn_status st = CHURN_OK;
	term_src *src = calloc(d->nterms ? d->nterms : 1, sizeof *src);
	double *row = NULL;

	if (X)
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
	level_maps(d, src);
	if (X)
		*X = gsl_matrix_alloc(t->nrows ? t->nrows : 1, d->ncols ? d->ncols : 1);
	if (X && *X)
		mem_hint_huge((*X)->data, (*X)->size1 * (*X)->tda * sizeof *(*X)->data);
	if (!X)
		row = malloc((d->ncols ? d->ncols : 1) * sizeof *row);
	if (X ? *X == NULL : row == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for %zu rows to score", t->nrows);
		goto done;
	}
	for (size_t i = 0; i < t->nrows; i++) {
		double *x = X ? gsl_matrix_ptr(*X, i, 0) : row;
		design_row_status rs = fill_row(d, src, i, x);
		if (rs != DESIGN_ROW_OK)
			for (size_t j = 0; j < d->ncols; j++)
				x[j] = NAN;
		if (X)
			status[i] = rs;
		else
			fn(ctx, i, x, rs);
	}
done:
	for (size_t k = 0; k < d->nterms; k++)
		free(src[k].level_of_code);
	free(src);
	free(row);
	return st;
}

churn_status design_apply(const design *d, const table *t, gsl_matrix **X,
                          design_row_status *status, churn_err *err)
{
	return apply(d, t, X, status, NULL, NULL, err);
}

churn_status design_apply_each(const design *d, const table *t, design_row_fn fn, void *ctx,
                               churn_err *err)
{
	return apply(d, t, NULL, NULL, fn, ctx, err);
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

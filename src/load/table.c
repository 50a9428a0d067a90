/* table.c - see include/churnkit/table.h. */
#include "churnkit/table.h"
#include "util/intern.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

table *table_new(size_t nrows)
{
	table *t = calloc(1, sizeof *t);
	if (t == NULL)
		return NULL;
	t->nrows = nrows;
	return t;
}

static void col_clear(table_col *c)
{
	free(c->name);
	free(c->num);
	free(c->date);
	free(c->codes);
	if (c->levels != NULL && c->level_text == NULL)
		for (size_t k = 0; k < c->nlevels; k++)
			free(c->levels[k]);
	free(c->level_text);
	free(c->levels);
	memset(c, 0, sizeof *c);
}

void table_free(table *t)
{
	if (t == NULL)
		return;
	for (size_t j = 0; j < t->ncols; j++)
		col_clear(&t->cols[j]);
	free(t->cols);
	free(t->line);
	free(t);
}

/* Appends an empty column named `name`; NULL when out of memory or taken. */
static table_col *add_col(table *t, const char *name, table_kind kind)
{
	if (table_find(t, name) != NULL)
		return NULL;
	table_col *cols = realloc(t->cols, (t->ncols + 1) * sizeof *cols);
	if (cols == NULL)
		return NULL;
	t->cols = cols;
	table_col *c = &t->cols[t->ncols];
	memset(c, 0, sizeof *c);
	c->name = strdup(name);
	if (c->name == NULL)
		return NULL;
	c->kind = kind;
	t->ncols++;
	return c;
}

/* Removes the last column (after a failed fill). */
static void drop_last(table *t)
{
	col_clear(&t->cols[--t->ncols]);
}

table_col *table_add_num(table *t, const char *name, const double *values)
{
	table_col *c = add_col(t, name, TABLE_NUM);
	if (c == NULL)
		return NULL;
	c->num = malloc((t->nrows ? t->nrows : 1) * sizeof *c->num);
	if (c->num == NULL) {
		drop_last(t);
		return NULL;
	}
	for (size_t i = 0; i < t->nrows; i++) {
		c->num[i] = values[i];
		c->nmissing += isnan(values[i]) != 0;
	}
	return c;
}

table_col *table_add_date(table *t, const char *name, const int32_t *values)
{
	table_col *c = add_col(t, name, TABLE_DATE);
	if (c == NULL)
		return NULL;
	c->date = malloc((t->nrows ? t->nrows : 1) * sizeof *c->date);
	if (c->date == NULL) {
		drop_last(t);
		return NULL;
	}
	for (size_t i = 0; i < t->nrows; i++) {
		c->date[i] = values[i];
		c->nmissing += values[i] == TABLE_DATE_NA;
	}
	return c;
}

table_col *table_add_cat(table *t, const char *name, const char *const *values)
{
	intern *in = intern_new();
	table_col *c = in ? add_col(t, name, TABLE_CAT) : NULL;
	if (c == NULL)
		goto fail;
	c->codes = malloc((t->nrows ? t->nrows : 1) * sizeof *c->codes);
	if (c->codes == NULL)
		goto fail_col;
	for (size_t i = 0; i < t->nrows; i++) {
		if (values[i] == NULL || values[i][0] == '\0') {
			c->codes[i] = TABLE_CODE_NA;
			c->nmissing++;
			continue;
		}
		c->codes[i] = intern_add(in, values[i], strlen(values[i]), NULL);
		if (c->codes[i] == UINT32_MAX)
			goto fail_col;
	}
	c->nlevels = intern_count(in);
	c->levels = intern_take_text(in, &c->level_text);
	if (c->levels == NULL) {
		c->nlevels = 0;
		goto fail_col;
	}
	intern_free(in);
	return c;
fail_col:
	drop_last(t);
fail:
	intern_free(in);
	return NULL;
}

const table_col *table_find(const table *t, const char *name)
{
	long j = table_find_index(t, name);
	return j < 0 ? NULL : &t->cols[j];
}

long table_find_index(const table *t, const char *name)
{
	for (size_t j = 0; j < t->ncols; j++)
		if (strcmp(t->cols[j].name, name) == 0)
			return (long)j;
	return -1;
}

uint32_t table_level_index(const table_col *c, const char *s)
{
	if (c->kind != TABLE_CAT)
		return TABLE_CODE_NA;
	for (size_t k = 0; k < c->nlevels; k++)
		if (strcmp(c->levels[k], s) == 0)
			return (uint32_t)k;
	return TABLE_CODE_NA;
}

int table_is_missing(const table_col *c, size_t i)
{
	switch (c->kind) {
	case TABLE_NUM:
		return isnan(c->num[i]) != 0;
	case TABLE_DATE:
		return c->date[i] == TABLE_DATE_NA;
	case TABLE_CAT:
		return c->codes[i] == TABLE_CODE_NA;
	}
	return 1;
}

static int cmp_level(const void *a, const void *b)
{
	return strcmp(**(const char *const *const *)a, **(const char *const *const *)b);
}

churn_status table_sort_levels(const uint32_t *codes, size_t nrows,
                               const char *const *levels, size_t nlevels,
                               uint32_t **sorted_codes, const char ***sorted_levels,
                               churn_err *err)
{
	const char *const **ord = malloc((nlevels + 1) * sizeof *ord);
	const char **lv = malloc((nlevels + 1) * sizeof *lv);
	uint32_t *rank = malloc((nlevels + 1) * sizeof *rank);
	uint32_t *out = malloc((nrows + 1) * sizeof *out);

	*sorted_codes = NULL;
	*sorted_levels = NULL;
	if (ord == NULL || lv == NULL || rank == NULL || out == NULL) {
		free(ord);
		free(lv);
		free(rank);
		free(out);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	for (size_t k = 0; k < nlevels; k++)
		ord[k] = &levels[k];
	qsort(ord, nlevels, sizeof *ord, cmp_level);
	for (size_t k = 0; k < nlevels; k++) {
		size_t old = (size_t)(ord[k] - levels);
		rank[old] = (uint32_t)k;
		lv[k] = levels[old];
	}
	for (size_t i = 0; i < nrows; i++)
		out[i] = codes[i] == TABLE_CODE_NA ? TABLE_CODE_NA : rank[codes[i]];
	free(ord);
	free(rank);
	*sorted_codes = out;
	*sorted_levels = lv;
	return CHURN_OK;
}

char *table_num_text(double x, char *buf, size_t n)
{
	if (isnan(x))
		buf[0] = '\0';
	else
		snprintf(buf, n, "%.15g", x);
	return buf;
}

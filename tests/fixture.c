/* fixture.c - the R fixture reader of the unit tests; see fixture.h. */
#include "fixture.h"
#include "tap.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints "Bail out! FILE:LINE: message" (LINE left out when 0) and ends the
 * test program. */
static void bail(const char *path, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));
static void bail(const char *path, size_t line, const char *fmt, ...)
{
	va_list ap;
	if (line > 0)
		printf("Bail out! %s:%zu: ", path, line);
	else
		printf("Bail out! %s: ", path);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	exit(1);
}

static void *xrealloc(void *p, size_t n, const char *path)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL)
		bail(path, 0, "out of memory");
	return q;
}

static char *xstrdup(const char *s, const char *path)
{
	size_t n = strlen(s) + 1;
	return memcpy(xrealloc(NULL, n, path), s, n);
}

/* Splits line (modified) into a new array of *n copied fields: at each comma
 * when csv, else at runs of blanks. */
static char **split(char *line, int csv, size_t *n, const char *path)
{
	size_t cap = 8, k = 0;
	char **f = xrealloc(NULL, cap * sizeof *f, path);
	char *p = line, *save = NULL, *tok;

	line[strcspn(line, "\r\n")] = 0;
	if (!csv) {
		for (tok = strtok_r(p, " \t", &save); tok != NULL; tok = strtok_r(NULL, " \t", &save)) {
			if (k == cap)
				f = xrealloc(f, (cap *= 2) * sizeof *f, path);
			f[k++] = xstrdup(tok, path);
		}
		*n = k;
		return f;
	}
	for (;;) {
		char *c = strchr(p, ',');
		if (c != NULL)
			*c = 0;
		if (k == cap)
			f = xrealloc(f, (cap *= 2) * sizeof *f, path);
		f[k++] = xstrdup(p, path);
		if (c == NULL)
			break;
		p = c + 1;
	}
	*n = k;
	return f;
}

static fx_csv *read_fixture(const char *rel, int csv)
{
	char path[1024];
	FILE *fp = fopen(tap_srcpath(path, sizeof path, rel), "r");
	size_t cap = 0, lineno = 0, len = 0;
	char *buf = NULL;
	fx_csv *c;

	if (fp == NULL)
		bail(rel, 0, "cannot open the fixture (%s)", path);
	c = xrealloc(NULL, sizeof *c, rel);
	memset(c, 0, sizeof *c);
	c->path = xstrdup(rel, rel);
	while (getline(&buf, &len, fp) >= 0) {
		size_t n;
		lineno++;
		if (buf[0] == '#' || (!csv && buf[strspn(buf, " \t\r\n")] == 0))
			continue;
		char **f = split(buf, csv, &n, rel);
		if (csv && c->names == NULL) {
			c->names = f;
			c->ncols = n;
			continue;
		}
		if (csv && n != c->ncols)
			bail(rel, lineno, "%zu fields, but the header names %zu", n, c->ncols);
		if (c->nrows == cap) {
			cap = cap ? 2 * cap : 256;
			c->cells = xrealloc(c->cells, cap * sizeof *c->cells, rel);
			c->width = xrealloc(c->width, cap * sizeof *c->width, rel);
			c->line = xrealloc(c->line, cap * sizeof *c->line, rel);
		}
		c->cells[c->nrows] = f;
		c->width[c->nrows] = n;
		c->line[c->nrows++] = lineno;
	}
	free(buf);
	if (ferror(fp))
		bail(rel, lineno, "read error");
	fclose(fp);
	if (csv && c->names == NULL)
		bail(rel, 0, "no header line");
	return c;
}

fx_csv *fx_csv_read(const char *rel)
{
	return read_fixture(rel, 1);
}

fx_csv *fx_words_read(const char *rel)
{
	return read_fixture(rel, 0);
}

void fx_csv_free(fx_csv *c)
{
	if (c == NULL)
		return;
	for (size_t r = 0; r < c->nrows; r++) {
		for (size_t j = 0; j < c->width[r]; j++)
			free(c->cells[r][j]);
		free(c->cells[r]);
	}
	for (size_t j = 0; j < c->ncols; j++)
		free(c->names[j]);
	free(c->names);
	free(c->cells);
	free(c->width);
	free(c->line);
	free(c->path);
	free(c);
}

long fx_col(const fx_csv *c, const char *name)
{
	for (size_t j = 0; j < c->ncols; j++)
		if (strcmp(c->names[j], name) == 0)
			return (long)j;
	return -1;
}

/* s as a number (fixture.h's rules); returns 0 when it is not one. */
static int parse(const char *s, double *v)
{
	char *end;
	if (*s == 0 || strcmp(s, "NA") == 0 || strcmp(s, "NaN") == 0 || strcmp(s, "nan") == 0) {
		*v = NAN;
		return 1;
	}
	if (strcmp(s, "Inf") == 0 || strcmp(s, "-Inf") == 0) {
		*v = s[0] == '-' ? -INFINITY : INFINITY;
		return 1;
	}
	*v = strtod(s, &end);
	return *end == 0;
}

static size_t need_col(const fx_csv *c, size_t row, const char *col)
{
	long j = fx_col(c, col);
	if (j < 0)
		bail(c->path, 0, "no column '%s'", col);
	if (row >= c->nrows)
		bail(c->path, 0, "no row %zu (the file has %zu)", row + 1, c->nrows);
	return (size_t)j;
}

const char *fx_str(const fx_csv *c, size_t row, const char *col)
{
	return c->cells[row][need_col(c, row, col)];
}

double fx_num(const fx_csv *c, size_t row, const char *col)
{
	size_t j = need_col(c, row, col);
	double v;
	if (!parse(c->cells[row][j], &v))
		bail(c->path, c->line[row], "column %s: '%s' is not a number", col, c->cells[row][j]);
	return v;
}

double *fx_nums(const fx_csv *c, const char *col)
{
	double *v = xrealloc(NULL, (c->nrows ? c->nrows : 1) * sizeof *v, c->path);
	if (fx_col(c, col) < 0)
		bail(c->path, 0, "no column '%s'", col);
	for (size_t r = 0; r < c->nrows; r++)
		v[r] = fx_num(c, r, col);
	return v;
}

double fx_wnum(const fx_csv *c, size_t row, size_t k)
{
	double v;
	if (row >= c->nrows || k >= c->width[row] || !parse(c->cells[row][k], &v))
		return NAN;
	return v;
}

long fx_tag_row(const fx_csv *c, const char *tag)
{
	for (size_t r = 0; r < c->nrows; r++)
		if (c->width[r] > 0 && strcmp(c->cells[r][0], tag) == 0)
			return (long)r;
	return -1;
}

double fx_stat(const fx_csv *kv, const char *key)
{
	long r = fx_tag_row(kv, key);
	double v;
	if (r < 0 || kv->width[r] < 2) {
		diag("%s has no key '%s'", kv->path, key);
		return NAN;
	}
	if (!parse(kv->cells[r][1], &v))
		bail(kv->path, kv->line[r], "key %s: '%s' is not a number", key, kv->cells[r][1]);
	return v;
}

long fx_term_row(const fx_csv *coef, const char *term)
{
	return fx_tag_row(coef, term);
}

table *fx_table(const char *rel, const char *const *cats, size_t ncats)
{
	fx_csv *c = fx_csv_read(rel);
	table *t = table_new(c->nrows);
	size_t na = c->nrows ? c->nrows : 1;
	double *num = xrealloc(NULL, na * sizeof *num, rel);
	const char **str = xrealloc(NULL, na * sizeof *str, rel);
	for (size_t j = 0; j < c->ncols; j++) {
		int cat = 0;
		for (size_t k = 0; k < ncats; k++)
			if (strcmp(cats[k], c->names[j]) == 0)
				cat = 1;
		for (size_t r = 0; r < c->nrows && !cat; r++)
			if (!parse(c->cells[r][j], &num[r]))
				cat = 1;
		if (cat) {
			for (size_t r = 0; r < c->nrows; r++)
				str[r] = c->cells[r][j];
			if (table_add_cat(t, c->names[j], str) == NULL)
				bail(rel, 0, "cannot add column %s", c->names[j]);
		} else if (table_add_num(t, c->names[j], num) == NULL) {
			bail(rel, 0, "cannot add column %s", c->names[j]);
		}
	}
	free(num);
	free((void *)str);
	fx_csv_free(c);
	return t;
}

double *fx_column(const table *t, const char *name)
{
	const table_col *c = table_find(t, name);
	if (c == NULL || c->kind != TABLE_NUM)
		bail(name, 0, "not a numeric column of the table");
	double *v = xrealloc(NULL, (t->nrows ? t->nrows : 1) * sizeof *v, name);
	memcpy(v, c->num, t->nrows * sizeof *v);
	return v;
}

void fx_check_coefs(const char *label, const char *rel, char *const *names, size_t p,
                    const double *est, const double *se, const double *z, const double *pv,
                    const int *aliased, double rtol)
{
	fx_csv *c = fx_csv_read(rel);
	size_t kept = 0, want_kept = 0;
	for (size_t j = 0; j < p; j++)
		kept += !aliased[j];
	for (size_t r = 0; r < c->nrows; r++) {
		const char *term = c->cells[r][0];
		long j = -1;
		for (size_t k = 0; k < p; k++)
			if (strcmp(names[k], term) == 0)
				j = (long)k;
		double e = fx_num(c, r, "estimate");
		if (j < 0) {
			ok(0, "%s: term %s is in the model", label, term);
			continue;
		}
		if (isnan(e)) {
			ok(aliased[j], "%s: %s is aliased, as R's NA", label, term);
			continue;
		}
		want_kept++;
		double s = fx_num(c, r, "se"), zz = fx_num(c, r, "z"), pp = fx_num(c, r, "p");
		int good = !aliased[j] && fabs(est[j] - e) <= rtol * fabs(e) &&
		           fabs(se[j] - s) <= rtol * fabs(s) && fabs(z[j] - zz) <= rtol * fabs(zz) &&
		           (fabs(pv[j] - pp) <= rtol * fabs(pp) || fabs(pv[j] - pp) < 1e-15);
		ok(good, "%s: %s estimate, se, z, p agree with R within %g", label, term, rtol);
		if (!good)
			diag("got %.15g %.15g %.15g %.15g want %.15g %.15g %.15g %.15g", est[j], se[j],
			     z[j], pv[j], e, s, zz, pp);
	}
	is_int((long long)kept, (long long)want_kept, "%s: as many coefficients as R estimates",
	       label);
	fx_csv_free(c);
}

/*
 * colbuild.c - the typed columns that good rows fill: growing them, storing
 * a checked row, an automatic column kept numeric while its values are
 * numbers (its text kept so that it can turn categorical without reading
 * the input again), and handing the columns over to the table.
 */
#include "churnkit/memhint.h"
#include "churnkit/fieldread.h"
#include "churnkit/num.h"
#include "loader.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Rows the column arrays first hold: 1024, fewer for a wide file, so
 * that the first allocation (rows x columns) stays near 64 Ki cells and a
 * header of 100,000 columns over a few rows costs what its bytes do. */
#define FIRST_CELLS 65536

/* The first room, when the file's rows can be estimated (ld->rows_hint):
 * the estimate and an eighth more, so that a file of ten million rows
 * fills its columns without growing them (each doubling copied every
 * column into new pages); rows past it double the columns as before.  Room
 * never written is never paged in. */
static size_t first_rows(const loader *ld)
{
	size_t first = ld->nfields > FIRST_CELLS / 1024 ? FIRST_CELLS / ld->nfields : 1024;
	size_t hint = ld->rows_hint + ld->rows_hint / 8;
	if (first == 0)
		first = 1;
	return hint > first ? hint : first;
}

int loader_grow(loader *ld)
{
	size_t cap = ld->cap ? ld->cap * 2 : first_rows(ld);
	long *line = realloc(ld->line, cap * sizeof *line);
	if (line == NULL)
		return 0;
	ld->line = line;
	for (size_t j = 0; j < ld->nfields; j++) {
		load_colbuild *c = &ld->cols[j];
		if (c->kind == TABLE_NUM) {
			double *v = realloc(c->num, cap * sizeof *v);
			if (v == NULL)
				return 0;
			c->num = v;
			mem_hint_huge(v, cap * sizeof *v);  /* filled row after row */
		} else if (c->kind == TABLE_DATE) {
			int32_t *v = realloc(c->date, cap * sizeof *v);
			if (v == NULL)
				return 0;
			c->date = v;
			mem_hint_huge(v, cap * sizeof *v);
		} else {
			uint32_t *v = realloc(c->codes, cap * sizeof *v);
			if (v == NULL)
				return 0;
			c->codes = v;
			mem_hint_huge(v, cap * sizeof *v);
		}
	}
	ld->cap = cap;
	return 1;
}

static void track_date(load_result *r, int32_t d)
{
	if (d == TABLE_DATE_NA)
		return;
	if (r->min_date == TABLE_DATE_NA || d < r->min_date)
		r->min_date = d;
	if (r->max_date == TABLE_DATE_NA || d > r->max_date)
		r->max_date = d;
}

/* Keeps field j's text for an automatic column that is numeric so far, as
 * the entry of good row ld->nrows: a length (7 bits a byte, high bit =
 * more) then the bytes; a blank field as length 0.  An entry left by a row
 * refused after it was written is replaced.  Returns 0 when out of memory. */
static int keep_raw(loader *ld, load_colbuild *c, size_t j)
{
	size_t len = num_is_blank(loader_field(ld, j), ld->rec.len[j]) ? 0 : ld->rec.len[j];
	if (c->raw_rows > ld->nrows) {
		c->rawlen = c->raw_last;
		c->raw_rows--;
	}
	c->raw_last = c->rawlen;
	c->raw_rows++;
	if (c->rawlen + len + 10 > c->rawcap) {
		size_t cap = c->rawcap ? c->rawcap : 64;
		while (cap < c->rawlen + len + 10)
			cap *= 2;
		char *p = realloc(c->raw, cap);
		if (p == NULL) {
			ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			return 0;
		}
		c->raw = p;
		c->rawcap = cap;
	}
	for (size_t k = len; ; k >>= 7) {
		c->raw[c->rawlen++] = (char)((k & 0x7F) | (k >= 0x80 ? 0x80 : 0));
		if (k < 0x80)
			break;
	}
	memcpy(c->raw + c->rawlen, loader_field(ld, j), len);
	c->rawlen += len;
	return 1;
}

/* Field j of an automatic column that has been numeric so far, in row i, is
 * not a number: the column turns categorical, and rows 0..i-1 get their
 * levels from the kept text (in row order, so levels stay in first-seen
 * order).  Returns 0 when out of memory. */
static int turn_categorical(loader *ld, load_colbuild *c)
{
	size_t i = ld->nrows, at = 0;
	c->codes = malloc(ld->cap * sizeof *c->codes);
	c->in = intern_new();
	if (c->codes == NULL || c->in == NULL) {
		ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
		return 0;
	}
	for (size_t r = 0; r < i; r++) {
		size_t len = 0;
		for (int shift = 0; ; shift += 7) {
			unsigned char b = (unsigned char)c->raw[at++];
			len |= (size_t)(b & 0x7F) << shift;
			if (!(b & 0x80))
				break;
		}
		if (len == 0) {
			c->codes[r] = TABLE_CODE_NA;
			continue;
		}
		c->codes[r] = intern_add(c->in, c->raw + at, len, NULL);
		at += len;
		if (c->codes[r] == UINT32_MAX) {
			ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			return 0;
		}
	}
	free(c->raw);
	c->raw = NULL;
	c->rawlen = c->rawcap = 0;
	free(c->num);
	c->num = NULL;
	c->kind = TABLE_CAT;
	return 1;
}

void loader_store_row(loader *ld)
{
	for (size_t j = 0; j < ld->nfields; j++) {
		load_colbuild *c = &ld->cols[j];
		size_t i = ld->nrows;
		if ((long)j == ld->id_col)
			continue;
		if (c->kind == TABLE_NUM && c->role == ROLE_AUTO &&
		    fieldread_number(loader_field(ld, j), ld->rec.len[j], ld->decimal,
		                     ld->thousands, &c->num[i])) {
			if (!keep_raw(ld, c, j))
				return;
			continue;  /* a number, the common case */
		} else if (c->kind == TABLE_NUM && c->role == ROLE_AUTO &&
		    num_is_blank(loader_field(ld, j), ld->rec.len[j])) {
			c->num[i] = NAN;
			c->nmissing++;
			if (!keep_raw(ld, c, j))
				return;
		} else if (c->kind == TABLE_NUM && c->role != ROLE_AUTO) {
			c->num[i] = c->tmp_num;
			c->nmissing += isnan(c->tmp_num) != 0;
		} else if (c->kind == TABLE_DATE) {
			c->date[i] = c->tmp_date;
			c->nmissing += c->tmp_date == TABLE_DATE_NA;
			track_date(ld->res, c->tmp_date);
		} else if (num_is_blank(loader_field(ld, j), ld->rec.len[j])) {
			c->codes[i] = TABLE_CODE_NA;
			c->nmissing++;
		} else {
			if (c->kind == TABLE_NUM && !turn_categorical(ld, c))
				return;
			c->codes[i] = intern_add(c->in, loader_field(ld, j), ld->rec.len[j], NULL);
			if (c->codes[i] == UINT32_MAX) {
				ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
				return;
			}
		}
	}
	ld->line[ld->nrows++] = ld->line_no;
}

churn_status loader_finish_table(loader *ld)
{
	table *t = table_new(ld->nrows);
	if (t == NULL || (t->cols = calloc(ld->nfields ? ld->nfields : 1, sizeof *t->cols)) == NULL) {
		table_free(t);
		return churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
	}
	ld->res->t = t;
	t->line = ld->line;
	ld->line = NULL;
	for (size_t j = 0; j < ld->nfields; j++) {
		load_colbuild *c = &ld->cols[j];
		table_col *tc = &t->cols[t->ncols++];
		tc->name = c->name;
		c->name = NULL;
		tc->kind = c->kind;
		tc->nmissing = c->nmissing;
		if (c->kind == TABLE_NUM) {
			tc->num = c->num;
			c->num = NULL;
		} else if (c->kind == TABLE_DATE) {
			tc->date = c->date;
			c->date = NULL;
		} else {
			tc->codes = c->codes;
			c->codes = NULL;
			tc->nlevels = intern_count(c->in);
			tc->levels = intern_take_text(c->in, &tc->level_text);
			if (tc->levels == NULL) {
				tc->nlevels = 0;
				return churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			}
		}
	}
	return CHURN_OK;
}

void loader_free_cols(loader *ld)
{
	if (ld->cols == NULL)
		return;
	for (size_t j = 0; j < ld->nfields; j++) {
		load_colbuild *c = &ld->cols[j];
		free(c->name);
		free(c->num);
		free(c->date);
		free(c->codes);
		free(c->raw);
		intern_free(c->in);
	}
	free(ld->cols);
	ld->cols = NULL;
}

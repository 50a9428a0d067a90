/*
 * table.h - the loaded customer table, stored by column.
 *
 * A table holds `nrows` rows and `ncols` named columns.  Each column has one
 * kind, decided when it is loaded:
 *   TABLE_NUM   doubles; a missing value is NaN.
 *   TABLE_DATE  day numbers (date.h); a missing value is TABLE_DATE_NA.
 *   TABLE_CAT   interned strings: `codes[i]` indexes `levels`; a missing value
 *               is TABLE_CODE_NA.  The order of the levels is not
 *               meaningful (sort them for display); the bytes are kept
 *               verbatim (UTF-8 untouched).
 * Missing values are empty or whitespace-only fields.
 *
 * Ownership: the table owns its columns, their names, arrays and level
 * strings; table_free releases everything.  Pointers into a table stay valid
 * until the table is freed or a column is added (adding may move the column
 * array, never the data arrays).
 */
#ifndef CHURNKIT_TABLE_H
#define CHURNKIT_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"

#define TABLE_DATE_NA INT32_MIN
#define TABLE_CODE_NA UINT32_MAX

typedef enum { TABLE_NUM, TABLE_DATE, TABLE_CAT } table_kind;

typedef struct {
	char *name;
	table_kind kind;
	double *num;      /* TABLE_NUM, nrows values */
	int32_t *date;    /* TABLE_DATE, nrows values */
	uint32_t *codes;  /* TABLE_CAT, nrows values */
	char **levels;    /* TABLE_CAT, nlevels NUL-terminated strings */
	char *level_text; /* when set, every level points into this one block
	                     (freed once); else each level is its own */
	size_t nlevels;
	size_t nmissing;  /* count of missing values */
} table_col;

typedef struct {
	size_t nrows;
	size_t ncols;
	table_col *cols;
	long *line;       /* physical line (1-based) each row started on; may be NULL */
} table;

/* Returns a new empty table of `nrows` rows, or NULL when out of memory.
 * Free with table_free. */
table *table_new(size_t nrows);
void table_free(table *t);

/* Adds a column that takes a copy of `values` (nrows entries).  Returns the
 * new column, or NULL when out of memory or when the name is taken. */
table_col *table_add_num(table *t, const char *name, const double *values);
table_col *table_add_date(table *t, const char *name, const int32_t *values);
/* Adds a categorical column from strings (NULL or "" = missing), interning
 * each distinct string once. */
table_col *table_add_cat(table *t, const char *name, const char *const *values);

/* The column called `name` (exact, case-sensitive match), or NULL. */
const table_col *table_find(const table *t, const char *name);
/* Its index, or -1. */
long table_find_index(const table *t, const char *name);

/* A number as the tables' text writes it wherever a number stands for a
 * name (an id, a category level): "%.15g", "" for NaN.  Returns buf. */
char *table_num_text(double x, char *buf, size_t n);

/* The level index of `s` in a categorical column, or TABLE_CODE_NA. */
uint32_t table_level_index(const table_col *c, const char *s);

/* Renumbers a categorical column's codes so that its levels sort by their
 * bytes (strcmp; R's factor() order in the C locale).  `codes` has nrows
 * entries (TABLE_CODE_NA kept), `levels` nlevels names.  On success
 * *sorted_codes is a new array of nrows codes and *sorted_levels a new array
 * of nlevels pointers into `levels` (borrowed strings); free both arrays. */
churn_status table_sort_levels(const uint32_t *codes, size_t nrows,
                               const char *const *levels, size_t nlevels,
                               uint32_t **sorted_codes, const char ***sorted_levels,
                               churn_err *err);

/* 1 when row i of column c is missing. */
int table_is_missing(const table_col *c, size_t i);

#endif

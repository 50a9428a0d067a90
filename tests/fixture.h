/*
 * fixture.h - the one reader of the R fixtures for the C unit tests.
 *
 * The fixtures under tests/fixtures/ were written once by the R scripts
 * committed beside them; the tests read them here.  Two layouts:
 *
 * - A CSV with a header (fx_csv_read): lines starting with '#' are
 *   comments; the first other line names the columns; fields are separated
 *   by commas and never quoted (the R scripts write no commas inside
 *   values); every row has as many fields as the header.
 * - A word file (fx_words_read): lines starting with '#' and blank lines
 *   are skipped; every other line is a row of words separated by spaces or
 *   tabs, rows of any length (the .expect files and the survival .data
 *   files: a tag, then numbers).
 *
 * Numbers: an empty field, "NA", "NaN" and "nan" are NaN (R's NA); "Inf"
 * and "-Inf" are infinities; anything else must be a whole number in C's
 * strtod syntax.  Paths are relative to the source tree
 * ("tests/fixtures/model/lung.data.csv"; tap_srcpath prefixes top_srcdir).
 *
 * Failures (a file that cannot be read, a ragged row, a column that is not
 * there, a field that is not a number where one is asked for) print a TAP
 * "Bail out!" naming the file, its line and the column, and end the test
 * program: a fixture that cannot be read is a broken test, not a failed
 * assertion.  Everything returned is owned by the fx_csv and freed by
 * fx_csv_free, except where a function says "new".
 */
#ifndef CHURNKIT_TEST_FIXTURE_H
#define CHURNKIT_TEST_FIXTURE_H

#include <stddef.h>

#include "churnkit/table.h"

typedef struct {
	char *path;     /* as given, for messages */
	size_t nrows, ncols;
	char **names;   /* [ncols] the header; NULL (ncols 0) in a word file */
	char ***cells;  /* cells[row][k], "" for an empty field */
	size_t *width;  /* [nrows] fields of each row (ncols in a CSV) */
	size_t *line;   /* [nrows] the row's line in the file, from 1 */
} fx_csv;

/* A CSV fixture with a header; never NULL (bails instead). */
fx_csv *fx_csv_read(const char *rel);
/* A word fixture; never NULL (bails instead). */
fx_csv *fx_words_read(const char *rel);
void fx_csv_free(fx_csv *c);

/* Column index by name, or -1. */
long fx_col(const fx_csv *c, const char *name);
/* A cell of a named column as text; bails when the column is not there. */
const char *fx_str(const fx_csv *c, size_t row, const char *col);
/* A cell of a named column as a number (NaN for R's NA); bails when the
 * column is not there or the cell is not a number. */
double fx_num(const fx_csv *c, size_t row, const char *col);
/* A named column as a new array of nrows numbers (free it). */
double *fx_nums(const fx_csv *c, const char *col);

/* Field k of a row as a number, or NaN when it is not one or the row is
 * shorter (word files mix names and numbers). */
double fx_wnum(const fx_csv *c, size_t row, size_t k);
/* The first row whose first field is `tag`, or -1. */
long fx_tag_row(const fx_csv *c, const char *tag);

/* A key,value file's value for `key` (the row whose first field is key);
 * NaN, with a TAP diagnostic, when absent. */
double fx_stat(const fx_csv *kv, const char *key);

/* The row of a term,estimate,se,z,p file whose term is `term`, or -1. */
long fx_term_row(const fx_csv *coef, const char *term);

/* A CSV data fixture as a new table (free with table_free): a column is
 * categorical when named in `cats` or when one of its values is not a
 * number; others are numeric (NA = NaN). */
table *fx_table(const char *rel, const char *const *cats, size_t ncats);

/* A numeric column of a table as a new array copy of nrows doubles. */
double *fx_column(const table *t, const char *name);

/* Compares coefficients with a term,estimate,se,z,p fixture: every term in
 * the file must be among `names` (p columns); an NA estimate in the file
 * must be aliased here; the others agree within rtol (estimate, se, z;
 * p-values within rtol or 1e-15 absolute).  Also checks that the number of
 * non-aliased coefficients matches.  One TAP line per term. */
void fx_check_coefs(const char *label, const char *rel, char *const *names, size_t p,
                    const double *est, const double *se, const double *z, const double *pv,
                    const int *aliased, double rtol);

#endif

/*
 * tablebuild.h - small input tables for the unit tests, built in memory
 * from text written in the test.
 *
 * tb_load goes through the library's loader (load_csv), so the table a
 * stage runner receives is exactly what the command line would give it
 * for the same CSV text: column kinds, dates, the as-of date, rejects.
 */
#ifndef CHURNKIT_TEST_TABLEBUILD_H
#define CHURNKIT_TEST_TABLEBUILD_H

#include <stddef.h>

#include "churnkit/load.h"
#include "churnkit/table.h"

/* Loads the CSV `text` (a header line, then rows) with the column map `m`
 * and the options `o` (load_opts_init's defaults when NULL), through a
 * temporary file that is removed before returning.  Returns a new
 * load_result (free with load_result_free), or NULL after a TAP diagnostic
 * saying why the text did not load. */
load_result *tb_load(const char *text, const load_map *m, const load_opts *o);

/* A new table of n rows (free with table_free): a text column `idcol`
 * holding "c0", "c1", ... and a numeric column `numcol` holding value[i]
 * (NaN in every row when value is NULL). */
table *tb_ids(size_t n, const char *idcol, const char *numcol, const double *value);

#endif

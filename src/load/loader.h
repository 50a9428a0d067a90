/*
 * loader.h - private state shared by load.c (reading, libcsv, lines) and
 * loadrow.c (the header, per-row validation and column building).
 */
#ifndef CHURNKIT_LOADER_H
#define CHURNKIT_LOADER_H

#include <stdint.h>
#include <stdio.h>

#include "churnkit/load.h"
#include "util/intern.h"

typedef enum {
	ROLE_AUTO = 0, ROLE_ID, ROLE_START, ROLE_END, ROLE_ENTRY, ROLE_DURATION,
	ROLE_EVENT, ROLE_OUTCOME, ROLE_VALUE, ROLE_WEIGHT, ROLE_CAT
} load_role;

typedef struct {
	char *name;
	load_role role;
	table_kind kind;
	double *num;
	int32_t *date;
	uint32_t *codes;
	intern *in;
	size_t nmissing;
	char *raw;         /* an automatic column while numeric: each good row's
	                      field text, length-prefixed, so that the column
	                      can turn categorical without reading the input
	                      again */
	size_t rawlen, rawcap;
	size_t raw_rows;   /* entries in raw: one per good row, or one more
	                      when the last row was refused after its entry */
	size_t raw_last;   /* where the last entry starts */
	double tmp_num;    /* the current row's parsed value */
	int32_t tmp_date;
} load_colbuild;

typedef struct {
	const char *name;        /* for messages */
	const load_map *map;
	const load_opts *opts;
	char decimal;
	load_result *res;

	/* the header */
	int have_header;
	size_t nfields;
	load_colbuild *cols;
	long id_col;             /* -1 when no id */
	long role_col[ROLE_CAT + 1];  /* column of each single role; -1 = none */

	/* the rows loaded so far */
	size_t nrows, cap;
	long *line;

	/* the record being read */
	char *buf;               /* field bytes, each NUL-terminated */
	size_t buflen, bufcap;
	size_t *off;             /* field k starts at buf + off[k] */
	size_t *len;
	size_t nf, fcap;
	long nul_field;          /* 1-based field with a NUL byte; 0 = none */
	long bad_utf8_field;     /* 1-based field that is not UTF-8; 0 = none */
	long newlines;           /* newlines inside the record's fields */
	long line_no;            /* physical line where the record starts */
	int cr_pending;          /* the last record ended on CR */
	int header_only;         /* 1: stop after the header (load_read_header) */

	churn_status st;         /* a fatal error inside a callback */
	churn_err *err;
} loader;

/* loadrow.c: handles one complete record (the header first). */
void loader_record(loader *ld);
/* loadrow.c: records a bad row (counted, kept, written to rejects). */
void loader_reject(loader *ld, long col, load_reason reason, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* loadrow.c: moves the built columns into res->t; frees the builders. */
churn_status loader_finish_table(loader *ld);
/* loadrow.c: frees whatever builders remain. */
void loader_free_cols(loader *ld);

#endif

/*
 * pushdown_model_int.h - the session of pushdown_model.c, shared with
 * pushdown_model_sums.c (the IRLS statements); src/load only.
 */
#ifndef CHURNKIT_PUSHDOWN_MODEL_INT_H
#define CHURNKIT_PUSHDOWN_MODEL_INT_H

#include "churnkit/pushdown_model.h"
#include "churnkit/strbuf.h"
#include "pg_session.h"
#include "pushdown_sql.h"

struct pushdown_model {
	PGconn *conn;
	const char *name;
	pd_names nm;
	pd_cols c;
	char **quoted;         /* ncol + 1: the features' and --outcome's quoted names */
	size_t ncol;
	int *numeric;          /* ncol */
	char *base;            /* "WITH r ..., u AS (...)": every statement's start */
	char **x;              /* p: the design's column expressions (x[0] unused) */
	double *sumx, *sumyx;  /* p: sums over the used rows */
	long *nonbin;          /* p: rows whose x is not 0 or 1 */
	double *shift, *M;
	int *cell;             /* p: 1 for a level column (0 or 1: a pass groups by them) */
	size_t *numidx;        /* p: scratch of a pass */
	double *scratch;       /* p: scratch of a pass */
	pushdown_model_info info;
};

/* Runs b's statement (b reset here) expecting nrows (-1: any) rows of
 * ncols columns; *res the result (PQclear). */
churn_status pdm_query(pushdown_model *pm, strbuf *b, int nrows, int ncols, PGresult **res,
                       churn_err *err);

/* A result's number (0 when NULL). */
double pdm_cell(const PGresult *r, int row, int col);

#endif

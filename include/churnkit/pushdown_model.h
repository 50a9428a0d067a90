/*
 * pushdown_model.h - the logistic model's sums computed by PostgreSQL
 * (--db with --push-down, docs/scaling.md "Logistic model"): the rows stay
 * in the database; each statement returns a few sums over them.
 *
 * pushdown_model_open connects and, in one REPEATABLE READ READ ONLY
 * transaction, checks the rows as pushdown_survival does (pushdown.h: the
 * date columns' types, the repeated ids, every rule by row: a bad row is
 * CHURN_EDATA with the counts by rule), then --outcome's column (missing
 * or not a yes/no value: CHURN_EDATA with the counts), then reads each
 * feature column as the loader would: numeric when every non-blank value
 * is a plain number (num.h: sign, digits, one '.', exponent; blanks
 * around), categorical otherwise; a value's text is the one COPY sends
 * (format('%s', col): 't' for a boolean), untrimmed, as the loader keeps
 * a level; blank (spaces, tabs, line ends only, or NULL) is missing.
 *
 * The sample, as model_run.h's: with --outcome every row, y its flag
 * (yes/no words, or COL=VALUE compared ignoring blanks around and ASCII
 * case); with --horizon (days) the rows whose as-of minus start is at
 * least the horizon, y = churned (an end, not --open-end) at most the
 * horizon after the start; the others are too recent.  A row of the
 * sample missing a feature value is left out (rows_missing); the rest are
 * the model's rows (used).
 *
 * Then: pushdown_model_levels gives the levels of the categorical
 * columns over the used rows; pushdown_model_design takes the design's
 * columns (pushdown_model_col) and computes their sums (info.shift, M,
 * the 0/1 groups); pushdown_model_pass, _direction and _groups are
 * logit_remote's callbacks (logit.h) with the session as ctx;
 * pushdown_model_quality the Brier score and AUC at final coefficients.
 *
 * Every name is quoted with PQescapeIdentifier, every level with
 * PQescapeLiteral; every other value in a statement is a number churnkit
 * computed, written with 17 significant digits (the same double read
 * back).  Errors: connection and SQL errors are CHURN_EUSAGE with the
 * server's message (pushdown.h).
 *
 * Ownership: pushdown_model_open returns a new session (the connection
 * and the sums); pushdown_model_free closes it (NULL accepted).
 */
#ifndef CHURNKIT_PUSHDOWN_MODEL_H
#define CHURNKIT_PUSHDOWN_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"
#include "churnkit/load.h"
#include "churnkit/pushdown.h"

typedef struct {
	const char *const *columns;  /* [ncolumns] the feature columns, each once */
	size_t ncolumns;
	const char *outcome;         /* --outcome's column, or NULL: --horizon */
	const char *outcome_value;   /* its VALUE, or NULL: a yes/no flag */
	double horizon_days;         /* --horizon in days (without --outcome) */
} pushdown_model_spec;

/* What the statements found. */
typedef struct {
	long rows_read;              /* the rows of the table or query */
	int32_t as_of;               /* --as-of, or the latest date */
	long too_recent;             /* --horizon: left out, too recent */
	long rows_missing;           /* in the sample, missing a feature value */
	long used;                   /* the model's rows */
	double events;               /* their sum of y */
	/* after pushdown_model_design: p columns (intercept first), z = (1,
	 * x - shift), M = sum z z' (p x p, row-major, upper triangle) */
	size_t p;
	const double *shift, *M;
} pushdown_model_info;

typedef struct pushdown_model pushdown_model;

churn_status pushdown_model_open(const pushdown_src *src, const load_map *map,
                                 const load_opts *lo, const pushdown_model_spec *spec,
                                 pushdown_model **out, churn_err *err);
void pushdown_model_free(pushdown_model *pm);
const pushdown_model_info *pushdown_model_get(const pushdown_model *pm);

/* 1 when feature column k's non-blank values are all numbers. */
int pushdown_model_numeric(const pushdown_model *pm, size_t k);

/* The distinct values of the columns k with want[k] set, over the used
 * rows: (*levels)[k] a new array of (*nlevels)[k] new strings (the raw
 * text), in no order.  Free each string, each array
 * and both outer arrays. */
churn_status pushdown_model_levels(pushdown_model *pm, const int *want, char ****levels,
                                   size_t **nlevels, churn_err *err);

/* A design column (x_j, j >= 1) as the statement computes it. */
typedef enum { PDM_NUM, PDM_LOG, PDM_LEVEL } pushdown_model_kind;
typedef struct {
	pushdown_model_kind kind;
	size_t column;       /* the feature column */
	const char *level;   /* PDM_LEVEL: x = 1 when the text is this level */
} pushdown_model_col;

/* Sets the design's p - 1 columns (after the intercept) and computes the
 * sums of info (two statements).  CHURN_EDATA when a log column has a
 * value <= 0 in a used row (the count). */
churn_status pushdown_model_design(pushdown_model *pm, const pushdown_model_col *cols,
                                   size_t ncols, churn_err *err);

/* logit_remote's callbacks (logit.h); ctx is the session. */
churn_status pushdown_model_pass(void *ctx, const double *bz, double *G, double *r, double *dev,
                                 int *near01, int *fitted01, churn_err *err);
churn_status pushdown_model_direction(void *ctx, const double *d, double *maxabs,
                                      double *minside, churn_err *err);
int pushdown_model_groups(void *ctx, size_t j, double pos[2], double tot[2]);

/* At coefficients b (p, on x's scale, aliased columns 0): the Brier score
 * (mean of (mu - y)^2) and the AUC (ties of the linear predictor count
 * one half), mu as glm's inverse link. */
churn_status pushdown_model_quality(pushdown_model *pm, const double *b, double *brier,
                                    double *auc, churn_err *err);

#endif

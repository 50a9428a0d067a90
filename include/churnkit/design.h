/*
 * design.h - model design matrices built from a column table.
 *
 * A design turns a term list ("age", "log(mrr)", "plan") into the numeric
 * matrix X that the logistic (logit.h) and Cox (cox.h) fits read:
 *
 *   - the intercept "(Intercept)" first, when asked for (logistic models);
 *   - a numeric column as itself, term name `col`;
 *   - `log(col)` as the natural log; a value <= 0 in a row that is used is
 *     an error naming the column and the row;
 *   - a categorical column (a TABLE_CAT column, or any column named in
 *     `categorical`) as treatment dummies `col=level`, one per level except
 *     the reference.  The reference is the first level in sorted order
 *     (strcmp byte order, as R's sort() in the C locale; numeric columns
 *     treated as categorical sort numerically, as R's factor() does) unless
 *     a reference "col=level" is given.  Levels that no used row has are
 *     left out, as glm's drop.unused.levels does.
 *
 * Rows: a row that the caller masks out (row_mask[i] == 0, for example an
 * unknown outcome) is skipped and counted in rows_masked.  A row missing a
 * value of a used term is left out and counted in rows_missing, unless
 * `impute` is set: then a numeric term's missing value is replaced by the
 * median of the term (on the term's own scale, log for log terms) over the
 * used rows and a 0/1 column `col_missing` is added after it; a missing
 * categorical value becomes its own last level "(missing)", never the
 * reference.  The medians and levels are kept in the design, so that
 * design_apply can build rows for new data (scoring) with the training rules.
 *
 * Aliasing: a column that is constant or a linear combination of the
 * columns before it (after centring; tolerance COLSCAN_ALIAS_TOL in
 * src/model/colscan.h on the unexplained share of its variance) is flagged
 * `aliased`, as R reports NA coefficients.  Fits leave such columns out.
 *
 * Constant terms: a categorical term with a single level in the rows used
 * gets no column (ncols == 0, as R cannot form contrasts for it); callers
 * report it as not estimable (design_term_constant).
 *
 * Width: a design of more than DESIGN_MAX_COLS columns, or a categorical
 * term with more than DESIGN_LEVELS_FREE levels and more than one level per
 * DESIGN_ROWS_PER_LEVEL rows used (an identifier, free text), is refused
 * before any matrix is built: such a fit would take very long and could
 * not be estimated.
 *
 * Sharing: with spec->share, a design already built over the same table
 * (the Cox model's, for its stratified refit on fewer terms), a design
 * whose rows are exactly share's and whose columns are a run of share's
 * columns with the same meaning (names, kinds, levels, imputed medians)
 * gets X as a view of those columns of share->X (a gsl_matrix that does
 * not own its block, its tda share's) instead of a copy: the same values,
 * without filling n x p new doubles.  Otherwise X is built as usual.  A
 * design sharing X is read and freed before share is freed.
 *
 * Ownership: design_build returns a new design that owns its matrix (or,
 * sharing, the view), names and levels; free it with design_free.  The
 * table is only borrowed.
 */
#ifndef CHURNKIT_DESIGN_H
#define CHURNKIT_DESIGN_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>

#include "churnkit/err.h"
#include "churnkit/table.h"

#define DESIGN_INTERCEPT_NAME "(Intercept)"
#define DESIGN_MISSING_LEVEL "(missing)"
#define DESIGN_MAX_COLS 200       /* columns of X, intercept included */
#define DESIGN_LEVELS_FREE 20     /* levels a term may have whatever the rows */
#define DESIGN_ROWS_PER_LEVEL 10  /* beyond that, rows used per level at least */

typedef struct {
	const char *const *terms;       /* "col" or "log(col)", nterms entries */
	size_t nterms;
	const char *const *categorical; /* extra columns to treat as categorical */
	size_t ncategorical;
	const char *const *references;  /* "col=level" entries */
	size_t nreferences;
	int impute;                     /* median-impute numeric NAs, "(missing)" level */
	int intercept;                  /* 1: put "(Intercept)" first (logistic) */
	const unsigned char *row_mask;  /* NULL, or table->nrows flags; 0 = skip row */
	const struct design *share;     /* NULL, or a design over the same table (Sharing) */
	const double *freq;             /* NULL, or table->nrows frequency weights (--weight):
	                                   the imputed medians are the customers' (a row of
	                                   weight w counts w times), as the expanded rows' */
} design_spec;

typedef enum {
	DESIGN_COL_INTERCEPT,
	DESIGN_COL_NUM,      /* the term's value (log applied for log terms) */
	DESIGN_COL_DUMMY,    /* 1 when the row has `level` */
	DESIGN_COL_MISSING   /* 1 when the term's value was missing and imputed */
} design_col_kind;

typedef struct {
	char *name;           /* "(Intercept)", "age", "log(mrr)", "plan=pro", "nps_missing" */
	design_col_kind kind;
	size_t term;          /* index into design.terms; (size_t)-1 for the intercept */
	size_t level;         /* DESIGN_COL_DUMMY: index into the term's levels */
	int aliased;          /* constant or collinear with earlier columns */
} design_col;

typedef struct {
	char *name;           /* as given: "plan", "log(mrr)" */
	char *column;         /* table column: "plan", "mrr" */
	int categorical;
	int log;
	/* Categorical terms: the levels kept, reference first, then the others in
	 * sorted order, then "(missing)" when imputed.  For numeric columns
	 * treated as categorical, `values` holds each level's number. */
	size_t nlevels;
	char **levels;
	double *values;
	int numeric_levels;
	int missing_level;    /* 1 when the last level is "(missing)" */
	/* Numeric terms with impute: the median (NaN without impute), and
	 * whether a `col_missing` column was added (only when some used row
	 * lacked the value; new rows missing it are still imputed). */
	double impute_value;
	int has_missing_col;
	size_t first_col;     /* this term's columns in X: [first_col, first_col + ncols) */
	size_t ncols;
	size_t nmissing;      /* used-or-masked-out-for-missing rows lacking this term */
} design_term;

typedef struct design {
	gsl_matrix *X;        /* nrows x ncols, row-major; NULL when nrows == 0 */
	size_t nrows;
	size_t *row;          /* table row of each design row */
	size_t ncols;
	design_col *cols;
	size_t nterms;
	design_term *terms;
	size_t rows_missing;  /* left out for a missing value */
	size_t rows_masked;   /* left out by the caller's row_mask */
	size_t naliased;
	int intercept;
	int impute;
} design;

/* Builds the design of `spec` over table `t`.  Returns CHURN_OK and a new
 * design in *out, or: CHURN_EUSAGE for an unknown column, a date column, a
 * log of a categorical column, a malformed or unknown reference;
 * a design too wide (see Width above; the message names the term and its
 * level count); CHURN_EDATA for a log term with a value <= 0 in a used row (the message
 * names the column and the row, and err->line holds its physical line when
 * the table knows it) or when no row is left; CHURN_ENOMEM. */
churn_status design_build(const table *t, const design_spec *spec, design **out,
                          churn_err *err);

void design_free(design *d);

/* Row outcomes of design_apply. */
typedef enum {
	DESIGN_ROW_OK = 0,
	DESIGN_ROW_MISSING,   /* a used value is missing and the design does not impute it */
	DESIGN_ROW_UNSEEN,    /* a categorical level the training data did not have */
	DESIGN_ROW_NONPOS     /* a log term's value is <= 0 */
} design_row_status;

/* Builds the design rows of every row of `t` with the rules of the training
 * design `d` (same dummies and reference levels, the training medians for
 * imputation).  Returns a new t->nrows x d->ncols matrix in *X (free with
 * gsl_matrix_free); rows that cannot be built are NaN and their reason is
 * written to status[i] (caller-allocated, t->nrows entries).  Returns
 * CHURN_EUSAGE when a term's column is absent from `t` or of another kind,
 * CHURN_ENOMEM. */
churn_status design_apply(const design *d, const table *t, gsl_matrix **X,
                          design_row_status *status, churn_err *err);

/* design_apply without the matrix: calls fn(ctx, i, x, status) for each
 * row i of t in order, x its d->ncols design values (NaN when status is not
 * DESIGN_ROW_OK) in a buffer reused for the next row.  For a pass that
 * reads each row once (the Cox strata of a million customers) without
 * building t->nrows x d->ncols doubles.  Errors as design_apply. */
typedef void (*design_row_fn)(void *ctx, size_t i, const double *x, design_row_status status);
churn_status design_apply_each(const design *d, const table *t, design_row_fn fn, void *ctx,
                               churn_err *err);

/* Copies full[d->row[i]] into out[i] for every design row: takes the rows of
 * a per-table-row array (outcome, time, weights) that the design kept. */
void design_take(const design *d, const double *full, double *out);

/* The index of the column called `name`, or -1. */
long design_col_index(const design *d, const char *name);

/* The reference level of categorical term k, or NULL for other terms
 * (and for a constant categorical term, which has no columns). */
const char *design_reference(const design *d, size_t k);

/* 1 when term k is a categorical term with a single level in the rows
 * used: it has no column and cannot be estimated. */
int design_term_constant(const design *d, size_t k);

#endif

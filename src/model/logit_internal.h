/*
 * logit_internal.h - the scaled coordinates shared by logit.c and firth.c.
 *
 * Both fits work on the kept (non-aliased) columns, centred and scaled to
 * unit standard deviation (not centred when there is no intercept), which
 * keeps X'WX well conditioned.  A coefficient vector bs in these
 * coordinates maps back to the original ones by b = T bs with
 * b_j = bs_j / s_j and b_0 = bs_0 - sum_j bs_j m_j / s_j; a covariance C
 * maps to T C T'.  logit_space owns its arrays; it borrows the data.
 */
#ifndef CHURNKIT_MODEL_LOGIT_INTERNAL_H
#define CHURNKIT_MODEL_LOGIT_INTERNAL_H

#include <float.h>
#include <math.h>
#include <stdint.h>

#include "churnkit/logit.h"
#include "model/colscan.h"

typedef struct {
	const logit_data *data;
	size_t p, q;        /* all columns, kept columns */
	size_t *keep;       /* q column indices */
	double *m, *s;      /* q: centre and scale of each kept column */
	double *is;         /* q: 1 / s */
	size_t n;           /* rows to visit */
	colscan cs;
	double events;      /* sum of w y over the rows */
} logit_space;

/* Scans the data (aliasing, means, scales) and validates y and w.
 * Clear with logit_space_clear. */
churn_status logit_space_init(const logit_data *d, logit_space *sp, churn_err *err);
void logit_space_clear(logit_space *sp);

/* The scaled kept values of data row i into xs (q values). */
static inline void logit_space_row(const logit_space *sp, size_t i, double *xs)
{
	const double *x = gsl_matrix_const_ptr(sp->data->X, i, 0);
	for (size_t j = 0; j < sp->q; j++)
		xs[j] = (x[sp->keep[j]] - sp->m[j]) * sp->is[j];
}

#define LOGIT_LINK_THRESH 30.0

/* glm's starting linear predictor for a row of outcome y and weight w:
 * logit((w y + 0.5) / (w + 1)). */
static inline double logit_start_eta(double y, double w)
{
	double mus = (w * y + 0.5) / (w + 1);
	return log(mus / (1 - mus));
}

/* One row's part of an IRLS pass at linear predictor eta: its working
 * weight *wt and weight times working response *wz (both 0 when the row
 * adds nothing), added to *dev its deviance; *near01 and *fitted01 set
 * when its fitted p is within LOGIT_SEP_TRIGGER or 10 DBL_EPSILON of 0 or
 * 1.  mu and d mu / d eta are glm's (binomial()$linkinv and $mu.eta,
 * clamped at |eta| > 30), from one exp. */
static inline void logit_irls_row(double eta, double y, double w, double *wt, double *wz,
                                  double *dev, int *near01, int *fitted01)
{
	double mu, me;
	if (eta < -LOGIT_LINK_THRESH || eta > LOGIT_LINK_THRESH) {
		double t = eta < 0 ? DBL_EPSILON : 1 / DBL_EPSILON;
		mu = t / (1 + t);
		me = DBL_EPSILON;
	} else {
		double e = exp(eta), ope = 1 + e;
		mu = e / ope;
		me = e / (ope * ope);
	}
	if (mu < LOGIT_SEP_TRIGGER || mu > 1 - LOGIT_SEP_TRIGGER)
		*near01 = 1;
	if (mu < 10 * DBL_EPSILON || mu > 1 - 10 * DBL_EPSILON)
		*fitted01 = 1;
	*dev += 2 * w * (y == 1 ? log(1 / mu) : log(1 / (1 - mu)));
	if (me == 0) {
		*wt = *wz = 0;
		return;
	}
	*wt = w * me * me / (mu * (1 - mu));
	*wz = *wt * (eta + (y - mu) / me);
}

/* The space's kept columns split into the cell columns (0 or 1 on every
 * row of positive weight: the intercept, treatment dummies, 0/1 flags) and
 * the numeric ones; the rows take few patterns ("cells") of the cell
 * columns.  An IRLS pass then adds per row only the sums of its cell and
 * of its numeric columns, and forms X'WX and X'Wz once (logit_cells.c).
 * Built by logit_cells_init when there are cell columns, at most
 * CELLMAP_MAX patterns and they save work (cellmap.h). */
typedef struct {
	size_t nc, qc, qn;   /* cells, cell columns, numeric columns */
	size_t *cidx, *nidx; /* qc, qn: their indices among the kept columns */
	uint32_t *code;      /* sp->n: the cell of each visited row (weight > 0) */
	double *xc;          /* nc x qc: each cell's scaled pattern */
	uint64_t *bits;      /* nc: each cell's pattern, bit e for cell column e */
	double *tot, *pos;   /* nc: each cell's sum of w and of w y */
	int capped;          /* a 0/1 column past CELLMAP_BITS is among the numeric */
	double *bc, *acc;    /* scratch of a pass */
} logit_cells;

/* 1 when the cells are built (free with logit_cells_clear), 0 when the
 * fit keeps the dense pass (no cell columns, too many cells, no work
 * saved, or memory short; c is then clear). */
int logit_cells_init(const logit_space *sp, logit_cells *c);
void logit_cells_clear(logit_cells *c);

/* For kept column a, a cell column: the sums of w (tot) and w y (pos) over
 * the rows where it is 0 ([0]) and 1 ([1]), and 1; 0 when a is not a
 * cell column. */
int logit_cells_groups(const logit_cells *c, size_t a, double pos[2], double tot[2]);

/* irls_pass (logit.c) from the cells: the same deviance, flags and normal
 * equations G (q x q, full), r up to rounding. */
double logit_cells_pass(const logit_space *sp, const logit_cells *c, const gsl_vector *b,
                        double *G, double *r, int *near01, int *fitted01);

/* Sums that start a cross-validation fold's fit without passes over its
 * rows (cv.c).  Over the fold's training rows, with z = (1, x_1 - g_1,
 * ..., x_{p-1} - g_{p-1}) (column 0 of X the intercept, g = shift):
 *     M = sum w z z'      (colscan's sums: row 0 holds sum w (x - g))
 *     M0 = sum wt z z', r0 = sum wz z   (glm's first IRLS pass, with
 *                                        logit_irls_row at logit_start_eta)
 * and the pass's deviance and flags.  M and M0 are p x p row-major, upper
 * triangles used.  Only for models with an intercept. */
typedef struct {
	const double *shift;
	double *M, *M0, *r0;
	double wsum, events, dev0;
	size_t nused;
	int near01, fitted01;
	size_t p;           /* the columns when d->X is NULL (logit_fit_remote) */
} logit_sums;

/* As logit_space_init, from the sums (y and w were checked by the caller). */
churn_status logit_space_init_sums(const logit_data *d, const logit_sums *sums,
                                   logit_space *sp, churn_err *err);

/* logit_fit of d (an intercept model; d->rows the training rows) started
 * from sums over exactly those rows.  The same fit up to rounding. */
churn_status logit_fit_sums(const logit_data *d, const logit_opts *opts,
                            const logit_sums *sums, logit_result **out, churn_err *err);

/* glm's logit inverse link and its derivative, with its clamping at |eta| > 30. */
double logit_linkinv(double eta);
double logit_mu_eta(double eta);

/* Allocates a result of p coefficients (all NaN, aliased from the space). */
logit_result *logit_result_new(const logit_space *sp, double conf_level);

/* Fills coef, se, z, p, odds ratios and cov of r from the scaled
 * coefficients bs (q) and the scaled information matrix's Cholesky factor
 * L (q x q, lower, as gsl_linalg_cholesky_decomp1 leaves it).  Returns
 * CHURN_EMODEL when the inverse cannot be formed. */
churn_status logit_space_finish(const logit_space *sp, const double *bs, const gsl_matrix *L,
                                logit_result *r, churn_err *err);

/* Deviance, null deviance and AIC of r from its final deviance (AIC and
 * loglik NaN when r->quasi). */
void logit_set_deviance(const logit_space *sp, double dev, logit_result *r);

/* Replaces r's covariance by the HC0 sandwich over the space's rows
 * (logit.h), bread and meat both at r's final estimates (as vcovHC of a
 * fully converged glm), and se, z, p and the intervals with it; sets
 * r->robust. */
churn_status logit_robust_cov(const logit_space *sp, logit_result *r, churn_err *err);

#endif

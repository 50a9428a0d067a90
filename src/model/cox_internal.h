/*
 * cox_internal.h - the sorted, scaled working copy of a Cox fit's data,
 * shared by cox.c (the iterations) and cox_stats.c (set-up, statistics,
 * concordance).  cox_work owns its arrays and borrows the cox_data.
 */
#ifndef CHURNKIT_MODEL_COX_INTERNAL_H
#define CHURNKIT_MODEL_COX_INTERNAL_H

#include <stdint.h>

#include "churnkit/cox.h"
#include "model/colscan.h"

/* The kept columns split into the cell columns (0/1 in X on every row
 * used: treatment dummies, 0/1 flags) and the numeric ones; the rows
 * take few patterns ("cells") of the cell columns.  Built by
 * cox_cells_init when there are cell columns, at most CELLMAP_MAX
 * patterns and they save work (cellmap.h); nc 0 otherwise: the fit walks
 * the dense z. */
typedef struct {
	size_t nc, qc, qn;   /* cells, cell columns, numeric columns */
	size_t *cidx, *nidx; /* qc, qn: their indices among the kept columns */
	uint32_t *code;      /* n: each sorted row's cell */
	double *zc;          /* nc x qc: each cell's scaled pattern */
	double *xn;          /* qn: scratch, a row's numeric columns */
	size_t *jk, *lk;     /* n: iteration scratch (cox_cells.c's walk) */
	double *ev, *suf;    /* 2 n, n + 1: iteration scratch */
	double *bc, *bn;     /* nc, qn: scratch, beta's part per cell and numeric */
	double *acc;         /* nc (1 + qn) + qn qn: scratch, the cell sums */
} cox_cells;

typedef struct {
	size_t n, p, q;      /* rows used, columns of X, kept columns */
	size_t *keep;        /* q kept column indices */
	size_t *src;         /* n: data row of each sorted row */
	double *z;           /* n x q: (x - mean) * scale, rows by ascending time */
	double *time, *status, *w, *entry;   /* n each, sorted; entry NULL without */
	size_t *eorder;      /* n: sorted-row indices by descending stratum, then entry */
	size_t *strat;       /* n: stratum of each sorted row; NULL without strata */
	size_t nstrata;      /* distinct strata among the rows used (1 without) */
	double *mean, *scale;                /* q */
	double *a, *a2, *cmat, *cmat2;       /* iteration scratch */
	colscan cs;
	size_t events;
	double wevents;
	cox_cells cells;
} cox_work;

/* How many sorted rows ahead a pass over the data rows in time order
 * (scattered over the data) asks for the row it will read. */
#define COX_AHEAD 16

/* Rows keyed by a time (or risk score), and by stratum then time, for
 * qsort. */
typedef struct {
	double key;
	size_t idx;
} keyed;

static inline int cmp_keyed_asc(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static inline int cmp_keyed_desc(const void *a, const void *b)
{
	return cmp_keyed_asc(b, a);
}

/* Rows keyed by stratum, then a time. */
typedef struct {
	size_t s;
	double key;
	size_t idx;
} skeyed;

static inline int cmp_skeyed_asc(const void *a, const void *b)
{
	const skeyed *x = a, *y = b;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static inline int cmp_skeyed_desc(const void *a, const void *b)
{
	return cmp_skeyed_asc(b, a);
}

/* Whether sorted row i is in stratum cur (always, without strata). */
static inline int cox_same_stratum(const cox_work *cw, size_t i, size_t cur)
{
	return cw->strat == NULL || cw->strat[i] == cur;
}

/* Adds r z and r z z' (lower triangle) to a risk set's sums a (q) and cmat
 * (q x q): a row joining the set (r its weighted risk), or leaving it with
 * -r (the same bits as subtracting). */
static inline void cox_risk_add(double r, const double *z, size_t q, double *a, double *cmat)
{
	for (size_t j = 0; j < q; j++) {
		a[j] += r * z[j];
		for (size_t k = 0; k <= j; k++)
			cmat[j * q + k] += r * z[j] * z[k];
	}
}

/* Delayed entry: takes out of the risk set of stratum cur the rows, in
 * cw->eorder from *out on, that entered at or after dtime (not yet at risk
 * then); risk[] holds each row's weighted risk. */
static inline void cox_drop_entered(const cox_work *cw, size_t *out, size_t cur, double dtime,
                                    const double *risk, double *denom, double *a, double *cmat)
{
	while (cw->entry != NULL && *out < cw->n && cox_same_stratum(cw, cw->eorder[*out], cur) &&
	       cw->entry[cw->eorder[*out]] >= dtime) {
		size_t i = cw->eorder[(*out)++];
		*denom -= risk[i];
		cox_risk_add(-risk[i], cw->z + i * cw->q, cw->q, a, cmat);
	}
}

/* Validates and copies the data (rows of weight 0 are left out), sorted by
 * stratum, then time; centres and scales the kept columns as coxfit6.  Clear with
 * cox_work_clear. */
churn_status cox_work_init(const cox_data *d, cox_work *cw, churn_err *err);
void cox_work_clear(cox_work *cw);

/* Builds cw->cells from the sorted rows (d: their data); 1 when the
 * cells are in use, 0 when the fit keeps the dense path (no cell
 * columns, too many cells, no work saved, or memory short).  Freed by
 * cox_work_clear. */
int cox_cells_init(cox_work *cw, const cox_data *d);
void cox_cells_clear(cox_cells *c);

/* One evaluation of the log partial likelihood at beta (scaled
 * coordinates) with its score u and information imat (q x q, full), as
 * survival's coxfit6_iter; risk (n) receives each row's weighted risk.
 * cox_iter_dense walks the dense z and adds r z z' per row;
 * cox_iter_cells (cw->cells.nc > 0) the same sums from the cells
 * (cox_cells.c), equal up to rounding. */
double cox_iter_dense(const cox_work *cw, int efron, const double *beta, double *u,
                      double *imat, double *risk);

/* cox_zph.c's time-weighted score u2 (q) and the full 2q x 2q information
 * M at beta (scaled coordinates), with the time transform g (n, read on
 * the deaths' rows).  cox_zph_dense walks the dense z; cox_zph_cells
 * (cox_cells.c) the cells, equal up to rounding, and returns 0, or -1
 * when memory is short (nothing written). */
void cox_zph_dense(const cox_work *cw, int efron, const double *beta, const double *gt,
                   double *u2, double *M, double *risk);
int cox_zph_cells(const cox_work *cw, int efron, const double *beta, const double *g,
                  double *u2, double *M, double *risk);

/* Whether the cells suit an iteration at beta: they are built and the
 * cells' linear predictors spread at most COX_CELLS_SPREAD.  (The cells'
 * sums agree with the dense walk's to 1e-13 of the information's largest
 * entry at spreads up to 36 on test_cox_cells's design.)  Past it a fit
 * has a coefficient heading to infinity, where the Newton steps are mostly
 * rounding and any change in the last digits changes the path:
 * cox_fit_prep then redoes the fit on the dense walk from the start,
 * whose steps follow coxfit6's rounding, and so its iterations and
 * flags. */
#define COX_CELLS_SPREAD 15.0
int cox_cells_suit(const cox_work *cw, const double *beta);
/* The spread of the cells' linear predictors at beta (0 without cells). */
double cox_cells_spread(const cox_work *cw, const double *beta);
double cox_iter_cells(const cox_work *cw, int efron, const double *beta, double *u,
                      double *imat, double *risk);

/* The data of a fit prepared once (cox.h's cox_prep): the borrowed data and
 * their working copy. */
struct cox_prep {
	cox_data d;
	cox_work cw;
};

cox_result *cox_result_new(const cox_work *cw, const cox_opts *o);

/* Fills coefficients, covariance, tests and concordance from the scaled
 * estimate beta and the factored information matrix I at beta. */
churn_status cox_finish(const cox_work *cw, const double *beta,
                        const gsl_matrix *I, cox_result *r, churn_err *err);

/* cox_concordance on the fit's sorted rows (cox_conc.c): lp (cw->n) is
 * the risk score of each sorted row, NaN to leave the row out.  The rows
 * are by stratum, then (time, data row), the order cox_concordance sorts
 * them into, so the sums are added in the same order (the same bits)
 * without a sort by time. */
churn_status cox_concordance_sorted(const cox_work *cw, const double *lp, double *c,
                                    churn_err *err);

/* H0 at the last event time <= t of a stratum whose times start at base,
 * given that the times before lo are <= t and those from hi on are > t
 * (base <= lo <= hi); 0 when no time is <= t.  cox_baseline_cumhaz_in is
 * the stratum's whole range. */
double cox_baseline_cumhaz_between(const cox_baseline *b, size_t base, size_t lo, size_t hi,
                                   double t);

#endif

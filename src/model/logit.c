/* logit.c - logistic regression by IRLS as R's glm.fit, with a separation
 * check and the Firth fallback; see include/churnkit/logit.h. */
#include "churnkit/firth.h"
#include "churnkit/logit.h"
#include "model/logit_internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

#define IRLS_BLOCK 4  /* rows per update of X'WX */
#define IRLS_PAD(q) (((q) + 3) / 4 * 4 + 4 * ((q) == 0))  /* padded width */

/* The IRLS work of one fit: normal equations for the next step. */
typedef struct {
	gsl_matrix *G[2];   /* X'WX of the current and the next iteration */
	gsl_vector *r[2];   /* X'Wz */
	gsl_vector *b, *bprev;
	double *xs;         /* IRLS_BLOCK padded rows */
	double *Gp;         /* padded X'WX and X'Wz accumulators */
	int cur;
	logit_cells cells;  /* nc 0: the dense pass */
	const logit_remote *rm;  /* NULL, or the sums come from rm (no rows) */
	double *bz, *Gz;    /* rm: coefficients and X'WX in z's coordinates */
	churn_status rst;   /* rm: the first failed call's status */
	churn_err *err;     /* rm: where it was reported */
} irls_work;

static void work_free(irls_work *w)
{
	for (int k = 0; k < 2; k++) {
		gsl_matrix_free(w->G[k]);
		gsl_vector_free(w->r[k]);
	}
	gsl_vector_free(w->b);
	gsl_vector_free(w->bprev);
	free(w->xs);
	free(w->Gp);
	free(w->bz);
	free(w->Gz);
	logit_cells_clear(&w->cells);
}

static int work_alloc(irls_work *w, size_t q, size_t p)
{
	memset(w, 0, sizeof *w);
	w->bz = malloc((p + 1) * sizeof *w->bz);
	w->Gz = malloc((p * p + p + 1) * sizeof *w->Gz);
	if (w->bz == NULL || w->Gz == NULL)
		return -1;
	for (int k = 0; k < 2; k++) {
		w->G[k] = gsl_matrix_alloc(q, q);
		w->r[k] = gsl_vector_alloc(q);
		if (w->G[k] == NULL || w->r[k] == NULL)
			return -1;
	}
	w->b = gsl_vector_calloc(q);
	w->bprev = gsl_vector_calloc(q);
	w->xs = malloc(IRLS_BLOCK * IRLS_PAD(q) * sizeof *w->xs);
	w->Gp = malloc(IRLS_PAD(q) * (IRLS_PAD(q) + 1) * sizeof *w->Gp);
	return (w->b && w->bprev && w->xs && w->Gp) ? 0 : -1;
}

/* Adds the buffered rows (nb of IRLS_BLOCK) to the normal equations. */
static void flush_block(size_t qp, double *Gp, double *r, double *buf, double *wt, double *wz,
                        size_t nb)
{
	for (size_t b = nb; b < IRLS_BLOCK; b++)
		wt[b] = wz[b] = 0;
	colscan_gram_add4p(Gp, qp, buf, wt);
	for (size_t b = 0; b < IRLS_BLOCK; b++)
		for (size_t j = 0; j < qp; j++)
			r[j] += wz[b] * buf[b * qp + j];
}

/* One pass at coefficients b (or at glm's starting values when b == NULL):
 * returns the deviance and accumulates the next normal equations into
 * G, r (logit_irls_row per row).  Sets *near01 / *fitted01 when a fitted
 * p is within LOGIT_SEP_TRIGGER / 10 DBL_EPSILON of 0 or 1; buf holds
 * IRLS_BLOCK rows of q values. */
static double irls_pass(const logit_space *sp, const gsl_vector *b, double *G, double *r,
                        double *buf, double *Gp, int *near01, int *fitted01)
{
	const logit_data *d = sp->data;
	size_t q = sp->q, qp = IRLS_PAD(q), nb = 0;
	double dev = 0, wt[IRLS_BLOCK], wz[IRLS_BLOCK];
	double *rp = Gp + qp * qp;
	/* glm's start for weight 1: mu = 0.75 or 0.25, computed once */
	const double eta_w1[2] = {logit_start_eta(0, 1), logit_start_eta(1, 1)};
	memset(Gp, 0, qp * (qp + 1) * sizeof *Gp);
	memset(buf, 0, IRLS_BLOCK * qp * sizeof *buf);
	*near01 = *fitted01 = 0;
	for (size_t k = 0; k < sp->n; k++) {
		size_t i = colscan_row(d->rows, k);
		double wi = d->w != NULL ? d->w[i] : 1.0;
		if (!(wi > 0))
			continue;
		double y = d->y[i], eta, *xs = buf + nb * qp;
		logit_space_row(sp, i, xs);
		if (b == NULL && wi == 1) {
			eta = eta_w1[y == 1];
		} else if (b == NULL) {
			eta = logit_start_eta(y, wi);
		} else {
			eta = 0;
			for (size_t j = 0; j < q; j++)
				eta += xs[j] * b->data[j];
		}
		logit_irls_row(eta, y, wi, &wt[nb], &wz[nb], &dev, near01, fitted01);
		if (wt[nb] == 0)
			continue;
		if (++nb == IRLS_BLOCK) {
			flush_block(qp, Gp, rp, buf, wt, wz, nb);
			nb = 0;
		}
	}
	if (nb > 0)
		flush_block(qp, Gp, rp, buf, wt, wz, nb);
	for (size_t j = 0; j < q; j++) {
		r[j] = rp[j];
		for (size_t k = j; k < q; k++)
			G[j * q + k] = Gp[j * qp + k];
	}
	colscan_gram_symm(G, q);
	return dev;
}

static double remote_pass(const logit_space *sp, irls_work *w, const gsl_vector *b, double *G,
                          double *r, int *near01, int *fitted01);

/* One pass as irls_pass, from the remote sums (logit_remote) or the cells
 * when they are built. */
static double pass(const logit_space *sp, irls_work *w, const gsl_vector *b, int next,
                   int *near01, int *fitted01)
{
	double *G = w->G[next]->data, *r = w->r[next]->data;
	if (w->rm != NULL)
		return remote_pass(sp, w, b, G, r, near01, fitted01);
	if (w->cells.nc > 0)
		return logit_cells_pass(sp, &w->cells, b, G, r, near01, fitted01);
	return irls_pass(sp, b, G, r, w->xs, w->Gp, near01, fitted01);
}

/* Normal equations in the space's coordinates from sums in z's: with
 * xs = T z (the space's centring and scaling, T's row a: 1 on z_0 for the
 * intercept, else 1/s on z_j and -c/s on z_0 with c the column's mean of
 * z, M's row 0 over wsum), G = T M0 T' and r = T r0 (M0 p x p, upper
 * triangle read). */
static void sums_to_space(const logit_space *sp, const double *M, double wsum,
                          const double *M0, const double *r0, double *G, double *r)
{
	size_t q = sp->q, p = sp->p;
	for (size_t a = 0; a < q; a++) {
		size_t ja = sp->keep[a];
		double ca = ja == 0 ? 0 : M[ja] / wsum;  /* mean of x - g */
		double ia = sp->is[a];
		r[a] = ja == 0 ? r0[0] : (r0[ja] - ca * r0[0]) * ia;
		for (size_t c = a; c < q; c++) {
			size_t jc = sp->keep[c];
			double cc = jc == 0 ? 0 : M[jc] / wsum, ic = sp->is[c];
			double m00 = M0[0], m0a = M0[ja], m0c = M0[jc];
			double mac = ja <= jc ? M0[ja * p + jc] : M0[jc * p + ja];
			double g;
			if (ja == 0 && jc == 0)
				g = m00;
			else if (ja == 0)
				g = (m0c - cc * m00) * ic;
			else
				g = (mac - ca * m0c - cc * m0a + ca * cc * m00) * ia * ic;
			G[a * q + c] = g;
		}
	}
	colscan_gram_symm(G, q);
}

/* The start pass's normal equations from fold sums (sums_to_space). */
static double start_from_sums(const logit_space *sp, const logit_sums *sm, double *G,
                              double *r, int *near01, int *fitted01)
{
	sums_to_space(sp, sm->M, sm->wsum, sm->M0, sm->r0, G, r);
	*near01 = sm->near01;
	*fitted01 = sm->fitted01;
	return sm->dev0;
}

/* A vector v of the space's coordinates (q) as z's (p, aliased columns 0):
 * v'xs = vz'z (sums_to_space's T: vz = T'v). */
static void space_to_z(const logit_space *sp, const double *M, double wsum, const double *v,
                       double *vz)
{
	size_t a0 = sp->q;
	for (size_t j = 0; j < sp->p; j++)
		vz[j] = 0;
	for (size_t a = 0; a < sp->q; a++) {
		size_t ja = sp->keep[a];
		if (ja == 0) {
			a0 = a;
			continue;
		}
		vz[ja] = v[a] * sp->is[a];
		vz[0] -= v[a] * (M[ja] / wsum) * sp->is[a];
	}
	if (a0 < sp->q)
		vz[0] += v[a0];
}

/* One pass from the remote sums (logit_remote) at b (NULL: glm's start):
 * the deviance, or NaN with w->rst set when the source failed. */
static double remote_pass(const logit_space *sp, irls_work *w, const gsl_vector *b, double *G,
                          double *r, int *near01, int *fitted01)
{
	const logit_remote *rm = w->rm;
	size_t p = sp->p;
	double dev = NAN, *rz = w->Gz + p * p;
	if (w->rst != CHURN_OK)
		return NAN;
	if (b != NULL)
		space_to_z(sp, rm->M, rm->wsum, b->data, w->bz);
	memset(w->Gz, 0, (p * p + p) * sizeof *w->Gz);
	*near01 = *fitted01 = 0;
	w->rst = rm->pass(rm->ctx, b != NULL ? w->bz : NULL, w->Gz, rz, &dev, near01, fitted01,
	                  w->err);
	if (w->rst != CHURN_OK)
		return NAN;
	sums_to_space(sp, rm->M, rm->wsum, w->Gz, rz, G, r);
	return dev;
}

/* The separation certificate check on the last step d = b - bprev (see
 * logit.h).  Returns the kind found and flags diverging columns. */
static logit_separation separation_check(const logit_space *sp, irls_work *w,
                                         logit_result *res)
{
	const logit_data *d = sp->data;
	const gsl_vector *b = w->b, *bprev = w->bprev;
	double *xs = w->xs;
	size_t q = sp->q;
	double maxd = 0, minside = INFINITY;
	double *dir = malloc(q * sizeof *dir);
	if (dir == NULL)
		return LOGIT_SEP_NONE;
	for (size_t j = 0; j < q; j++)
		dir[j] = b->data[j] - bprev->data[j];
	if (w->rm != NULL) {
		/* the rows' sides from the source, d in z's coordinates */
		space_to_z(sp, w->rm->M, w->rm->wsum, dir, w->bz);
		w->rst = w->rm->direction(w->rm->ctx, w->bz, &maxd, &minside, w->err);
		if (w->rst != CHURN_OK)
			maxd = 0;
	}
	for (size_t k = 0; w->rm == NULL && k < sp->n; k++) {
		size_t i = colscan_row(d->rows, k);
		double wi = d->w != NULL ? d->w[i] : 1.0;
		if (!(wi > 0))
			continue;
		logit_space_row(sp, i, xs);
		double e = 0;
		for (size_t j = 0; j < q; j++)
			e += xs[j] * dir[j];
		if (fabs(e) > maxd)
			maxd = fabs(e);
		double side = (2 * d->y[i] - 1) * e;
		if (side < minside)
			minside = side;
	}
	logit_separation kind = LOGIT_SEP_NONE;
	if (maxd > LOGIT_SEP_MINSTEP && minside >= -LOGIT_SEP_RTOL * maxd)
		kind = minside > LOGIT_SEP_RTOL * maxd ? LOGIT_SEP_COMPLETE : LOGIT_SEP_QUASI;
	if (kind != LOGIT_SEP_NONE) {
		double big = 0;
		for (size_t j = 0; j < q; j++)
			if (fabs(dir[j]) > big)
				big = fabs(dir[j]);
		for (size_t j = 0; j < q; j++)
			if (fabs(dir[j]) > 0.01 * big && !(d->intercept && sp->keep[j] == 0))
				res->diverging[sp->keep[j]] = 1;
	}
	free(dir);
	return kind;
}

/* The exact check on the 0/1 columns (see logit.h): for every kept column
 * whose values on the fit's rows (weight > 0) are all 0 or 1 (treatment
 * dummies, missing indicators, 0/1 flags), the weighted outcomes of the rows
 * where it is 1, and (with an intercept) of those where it is 0.  When
 * either group's outcome is all 0 or all 1, the direction +-e_j (or
 * e_j - e_0 for the 0 group) certifies separation: the column is flagged
 * diverging.  Returns the kind: complete when a column's two groups are
 * pure with opposite outcomes, quasi-complete otherwise.  The groups' sums
 * come from the cells when every 0/1 column is a cell column. */
static logit_separation binary_check(const logit_space *sp, const logit_cells *cells,
                                     const logit_remote *rm, logit_result *res)
{
	const logit_data *d = sp->data;
	logit_separation kind = LOGIT_SEP_NONE;
	/* With the cells (every 0/1 column among them), their sums. */
	int from_cells = cells->nc > 0 && !cells->capped;
	for (size_t a = 0; a < sp->q; a++) {
		size_t j = sp->keep[a];
		if (d->intercept && j == 0)
			continue;
		double pos[2] = {0, 0}, tot[2] = {0, 0};
		int binary = 1;
		if (rm != NULL) {
			binary = rm->groups(rm->ctx, j, pos, tot);
		} else if (from_cells) {
			binary = logit_cells_groups(cells, a, pos, tot);
		} else {
			/* Column j read through its first element and the row
			 * stride: the same values as gsl_matrix_get without a call
			 * per element. */
			const double *colj = d->X->data + j;
			size_t tda = d->X->tda;
			for (size_t k = 0; k < sp->n && binary; k++) {
				size_t i = colscan_row(d->rows, k);
				double wi = d->w != NULL ? d->w[i] : 1.0;
				if (!(wi > 0))
					continue;
				double x = colj[i * tda];
				if (x != 0 && x != 1) {
					binary = 0;
					break;
				}
				int g = x == 1;
				tot[g] += wi;
				pos[g] += wi * d->y[i];
			}
		}
		if (!binary || tot[0] == 0 || tot[1] == 0)
			continue;
		int pure1 = pos[1] == 0 || pos[1] == tot[1];
		int pure0 = d->intercept && (pos[0] == 0 || pos[0] == tot[0]);
		if (!pure1 && !pure0)
			continue;
		res->diverging[j] = 1;
		if (pure1 && pure0 && (pos[1] == 0) != (pos[0] == 0))
			kind = LOGIT_SEP_COMPLETE;
		else if (kind == LOGIT_SEP_NONE)
			kind = LOGIT_SEP_QUASI;
	}
	return kind;
}

/* The fit in the space sp (initialised by the caller, cleared here),
 * started by a pass over the rows or from the sums sm, or with every pass
 * from the remote sums rm. */
static churn_status fit_space(logit_space *sp, const logit_opts *opts, const logit_sums *sm,
                              const logit_remote *rm, logit_result **out, churn_err *err)
{
	const logit_data *data = sp->data;
	logit_opts def;
	irls_work w;
	logit_result *res = NULL;
	churn_status st = CHURN_OK;
	int near01 = 0, fitted01 = 0, gs;
	size_t q = sp->q;

	*out = NULL;
	if (opts == NULL) {
		logit_opts_init(&def);
		opts = &def;
	}
	if (opts->robust && opts->firth == LOGIT_FIRTH_ALWAYS) {
		logit_space_clear(sp);
		return churn_err_set(err, CHURN_EUSAGE,
		                     "Firth's penalised likelihood has no robust (sandwich) standard "
		                     "errors here; it cannot be combined with them");
	}
	if (rm != NULL && (opts->robust || opts->firth == LOGIT_FIRTH_ALWAYS)) {
		logit_space_clear(sp);
		return churn_err_set(err, CHURN_EUSAGE,
		                     "the fit from sums has no %s: it needs the rows",
		                     opts->robust ? "robust standard errors"
		                                  : "Firth's penalised likelihood");
	}
	if (work_alloc(&w, q, sp->p) != 0 ||
	    (res = logit_result_new(sp, opts->conf_level)) == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory fitting the logistic model");
		goto done;
	}
	w.rm = rm;
	w.err = err;
	if (rm == NULL)
		logit_cells_init(sp, &w.cells);

	/* glm.fit's loop; one pass per iteration computes the deviance at the
	 * new coefficients and the normal equations for the next step. */
	double devold = sm != NULL
	                    ? start_from_sums(sp, sm, w.G[0]->data, w.r[0]->data, &near01, &fitted01)
	                    : pass(sp, &w, NULL, 0, &near01, &fitted01);
	double dev = devold;
	int conv = 0, iter, have_prev = 0, last_ok = 0;
	if (w.rst != CHURN_OK) {
		st = w.rst;
		goto done;
	}
	w.cur = 0;
	for (iter = 1; iter <= opts->maxit; iter++) {
		gsl_matrix *G = w.G[w.cur];
		gs = gsl_linalg_cholesky_decomp1(G);
		if (gs != GSL_SUCCESS) {
			if (iter == 1) {
				st = churn_err_set(err, CHURN_EMODEL,
				                   "the logistic model's information matrix is singular: %s",
				                   gsl_strerror(gs));
				goto done;
			}
			iter--;  /* keep the last good iterate and its factor */
			w.cur ^= 1;
			break;
		}
		gsl_vector_memcpy(w.bprev, w.b);
		have_prev = iter > 1;
		gsl_linalg_cholesky_solve(G, w.r[w.cur], w.b);
		dev = pass(sp, &w, w.b, w.cur ^ 1, &near01, &fitted01);
		if (w.rst != CHURN_OK) {
			st = w.rst;
			goto done;
		}
		last_ok = 1;
		if (fabs(dev - devold) / (fabs(dev) + 0.1) < opts->epsilon) {
			conv = 1;
			break;
		}
		devold = dev;
		if (iter < opts->maxit)
			w.cur ^= 1;
	}
	if (iter > opts->maxit)
		iter = opts->maxit;
	if (!last_ok) {
		st = churn_err_set(err, CHURN_EMODEL, "the logistic fit made no step");
		goto done;
	}
	res->iterations = iter;
	res->converged = conv;
	res->fitted_01 = fitted01;
	res->quasi = opts->quasi;
	if ((st = logit_space_finish(sp, w.b->data, w.G[w.cur], res, err)) != CHURN_OK)
		goto done;
	logit_set_deviance(sp, dev, res);
	if (opts->robust && (st = logit_robust_cov(sp, res, err)) != CHURN_OK)
		goto done;

	if ((near01 || !conv) && have_prev)
		res->separation = separation_check(sp, &w, res);
	if (w.rst != CHURN_OK) {
		st = w.rst;
		goto done;
	}
	/* The exact check on 0/1 columns finds what the step check can miss:
	 * a rare level whose estimate glm stops early on (its fitted p is
	 * still 1e-7 from 0 or 1 when the deviance stops changing). */
	logit_separation exact = binary_check(sp, &w.cells, rm, res);
	if (exact > res->separation)
		res->separation = exact;

	/* Firth's estimates have no sandwich here (logit.h): never with robust;
	 * nor from remote sums (its penalty needs each row's leverage). */
	if (!opts->robust && rm == NULL && (opts->firth == LOGIT_FIRTH_ALWAYS ||
	                      (opts->firth == LOGIT_FIRTH_AUTO &&
	                       res->separation != LOGIT_SEP_NONE))) {
		logit_result *fr = NULL;
		st = firth_fit(data, opts, &fr, err);
		if (st != CHURN_OK)
			goto done;
		fr->separation = res->separation;
		memcpy(fr->diverging, res->diverging, res->coefs.p * sizeof *fr->diverging);
		fr->fitted_01 = res->fitted_01;
		fr->firth_auto = opts->firth == LOGIT_FIRTH_AUTO;
		logit_result_free(res);
		res = fr;
	}
done:
	work_free(&w);
	logit_space_clear(sp);
	if (st != CHURN_OK) {
		logit_result_free(res);
		return st;
	}
	*out = res;
	return CHURN_OK;
}

churn_status logit_fit(const logit_data *data, const logit_opts *opts, logit_result **out,
                       churn_err *err)
{
	logit_space sp;
	churn_status st;

	*out = NULL;
	if ((st = logit_space_init(data, &sp, err)) != CHURN_OK)
		return st;
	return fit_space(&sp, opts, NULL, NULL, out, err);
}

churn_status logit_fit_sums(const logit_data *d, const logit_opts *opts,
                            const logit_sums *sums, logit_result **out, churn_err *err)
{
	logit_space sp;
	churn_status st;

	*out = NULL;
	if (!d->intercept)
		return logit_fit(d, opts, out, err);
	if ((st = logit_space_init_sums(d, sums, &sp, err)) != CHURN_OK)
		return st;
	return fit_space(&sp, opts, sums, NULL, out, err);
}

churn_status logit_fit_remote(const logit_remote *rm, const logit_opts *opts,
                              logit_result **out, churn_err *err)
{
	logit_data d = {.intercept = 1};
	logit_sums sums = {.shift = rm->shift, .M = (double *)rm->M, .wsum = rm->wsum,
	                   .events = rm->events, .nused = rm->nused, .p = rm->p};
	logit_space sp;
	churn_status st;

	*out = NULL;
	if ((st = logit_space_init_sums(&d, &sums, &sp, err)) != CHURN_OK)
		return st;
	return fit_space(&sp, opts, NULL, rm, out, err);
}

/* pushdown_model_sums.c - the logistic model's statements over the used
 * rows: the design's sums, an IRLS pass, the separation certificate and
 * the Brier score and AUC; see include/churnkit/pushdown_model.h. */
#include "pushdown_model_int.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* glm's clamp of the linear predictor and the separation trigger: logit.h's
 * LOGIT_LINK_THRESH and LOGIT_SEP_TRIGGER (logit_irls_row), whose rules
 * each pass's statement applies to every row. */
#define PDM_LINK_THRESH 30.0
#define PDM_SEP_TRIGGER 1e-8
/* exp(-eta) overflows (PostgreSQL raises an error) beyond this |eta|. */
#define PDM_EXP_SAFE 700.0

/* " FROM u CROSS JOIN LATERAL unnest(ARRAY[0::float8], ARRAY[e1], ...) AS
 * a(z0, z1, ...)": the design's columns, shifted by g when not NULL. */
static void from_columns(strbuf *b, const pushdown_model *pm, const double *g)
{
	size_t p = pm->info.p;
	strbuf_printf(b, " FROM u CROSS JOIN LATERAL unnest(ARRAY[0::float8]");
	for (size_t j = 1; j < p; j++) {
		if (g != NULL)
			strbuf_printf(b, ", ARRAY[%s - (%.17g)]", pm->x[j], g[j]);
		else
			strbuf_printf(b, ", ARRAY[%s]", pm->x[j]);
	}
	strbuf_printf(b, ") AS a(z0");
	for (size_t j = 1; j < p; j++)
		strbuf_printf(b, ", z%zu", j);
	strbuf_printf(b, ")");
}

/* "c0 + c1 * z1 + ...", the linear predictor; "+ 0" terms left out. */
static void linear(strbuf *b, const double *c, size_t p)
{
	strbuf_printf(b, "(%.17g::float8", c[0]);
	for (size_t j = 1; j < p; j++)
		if (c[j] != 0)
			strbuf_printf(b, " + (%.17g) * z%zu", c[j], j);
	strbuf_printf(b, ")");
}

/* The expression of design column c (pushdown_model.h). */
static char *column_sql(pushdown_model *pm, const pushdown_model_col *c)
{
	strbuf b = STRBUF_INIT;
	char *lit = NULL;

	switch (c->kind) {
	case PDM_NUM:
		strbuf_printf(&b, "v%zu", c->column);
		break;
	case PDM_LOG:
		strbuf_printf(&b, "ln(CASE WHEN v%zu > 0 THEN v%zu END)", c->column, c->column);
		break;
	case PDM_LEVEL:
		if ((lit = PQescapeLiteral(pm->conn, c->level, strlen(c->level))) == NULL)
			return NULL;
		strbuf_printf(&b, "(x%zu = %s)::int::float8", c->column, lit);
		PQfreemem(lit);
		break;
	}
	if (b.oom) {
		strbuf_reset(&b);
		return NULL;
	}
	return strbuf_take(&b);
}

/* The rows, their outcomes, each column's sum, sum with y, rows not 0 or 1,
 * and (log columns) values <= 0. */
static churn_status moments(pushdown_model *pm, const pushdown_model_col *cols, churn_err *err)
{
	strbuf b = STRBUF_INIT;
	PGresult *r = NULL;
	size_t p = pm->info.p;
	churn_status st;

	strbuf_printf(&b, "%sSELECT count(*), sum(y)", pm->base);
	for (size_t j = 1; j < p; j++) {
		strbuf_printf(&b, ", sum(z%zu), sum(y * z%zu), count(*) FILTER (WHERE z%zu NOT IN (0, "
		              "1))", j, j, j);
		if (cols[j - 1].kind == PDM_LOG)
			strbuf_printf(&b, ", count(*) FILTER (WHERE v%zu <= 0)", cols[j - 1].column);
		else
			strbuf_printf(&b, ", 0");
	}
	from_columns(&b, pm, NULL);
	strbuf_printf(&b, " WHERE ins AND complete");
	if ((st = pdm_query(pm, &b, 1, 2 + 4 * ((int)p - 1), &r, err)) != CHURN_OK)
		return st;
	pm->info.used = (long)pdm_cell(r, 0, 0);
	pm->info.events = pdm_cell(r, 0, 1);
	for (size_t j = 1; j < p && st == CHURN_OK; j++) {
		int at = 2 + 4 * ((int)j - 1);
		long nonpos = (long)pdm_cell(r, 0, at + 3);
		pm->sumx[j] = pdm_cell(r, 0, at);
		pm->sumyx[j] = pdm_cell(r, 0, at + 1);
		pm->nonbin[j] = (long)pdm_cell(r, 0, at + 2);
		if (nonpos > 0)
			st = churn_err_at(err, CHURN_EDATA, pm->name, 0, 0,
			                  "a log() term's column has a value <= 0 in %ld of the rows used "
			                  "(%s); its log is not defined", nonpos, pm->x[j]);
	}
	PQclear(r);
	return st;
}

/* M = sum z z' with z = (1, x - shift), the shift the columns' means. */
static churn_status gram(pushdown_model *pm, churn_err *err)
{
	strbuf b = STRBUF_INIT;
	PGresult *r = NULL;
	size_t p = pm->info.p;
	double n = (double)pm->info.used;
	churn_status st;
	int at = 0;

	pm->shift[0] = 0;
	for (size_t j = 1; j < p; j++)
		pm->shift[j] = n > 0 ? pm->sumx[j] / n : 0;
	strbuf_printf(&b, "%sSELECT count(*)", pm->base);
	for (size_t j = 1; j < p; j++)
		strbuf_printf(&b, ", sum(z%zu)", j);
	for (size_t j = 1; j < p; j++)
		for (size_t k = j; k < p; k++)
			strbuf_printf(&b, ", sum(z%zu * z%zu)", j, k);
	from_columns(&b, pm, pm->shift);
	strbuf_printf(&b, " WHERE ins AND complete");
	if ((st = pdm_query(pm, &b, 1, (int)(p + (p - 1) * p / 2), &r, err)) != CHURN_OK)
		return st;
	memset(pm->M, 0, p * p * sizeof *pm->M);
	for (size_t j = 0; j < p; j++)
		pm->M[j] = pdm_cell(r, 0, at++);
	for (size_t j = 1; j < p; j++)
		for (size_t k = j; k < p; k++)
			pm->M[j * p + k] = pdm_cell(r, 0, at++);
	PQclear(r);
	return CHURN_OK;
}

churn_status pushdown_model_design(pushdown_model *pm, const pushdown_model_col *cols,
                                   size_t ncols, churn_err *err)
{
	size_t p = ncols + 1;
	churn_status st;

	pm->info.p = p;
	pm->x = calloc(p, sizeof *pm->x);
	pm->sumx = calloc(p, sizeof *pm->sumx);
	pm->sumyx = calloc(p, sizeof *pm->sumyx);
	pm->nonbin = calloc(p, sizeof *pm->nonbin);
	pm->shift = calloc(p, sizeof *pm->shift);
	pm->M = calloc(p * p, sizeof *pm->M);
	pm->cell = calloc(p, sizeof *pm->cell);
	pm->numidx = calloc(p, sizeof *pm->numidx);
	pm->scratch = calloc(p, sizeof *pm->scratch);
	if (!pm->x || !pm->sumx || !pm->sumyx || !pm->nonbin || !pm->shift || !pm->M ||
	    !pm->cell || !pm->numidx || !pm->scratch)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t j = 1; j < p; j++) {
		if ((pm->x[j] = column_sql(pm, &cols[j - 1])) == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		pm->cell[j] = cols[j - 1].kind == PDM_LEVEL;
	}
	if ((st = moments(pm, cols, err)) != CHURN_OK || (st = gram(pm, err)) != CHURN_OK)
		return st;
	pm->info.shift = pm->shift;
	pm->info.M = pm->M;
	return CHURN_OK;
}

/* glm's start, logit((y + 0.5) / 2) for a row of weight 1 (logit.h). */
static double start_eta(double y)
{
	double mus = (y + 0.5) / 2;
	return log(mus / (1 - mus));
}

/* One result row of a pass (a cell: the rows with one pattern of the 0/1
 * level columns) added to G and r: with zc the cell's z of the constant
 * columns (the intercept 1, the level columns), and over its rows S0 = sum
 * wt, S[a] = sum wt z_a, S[a, b] = sum wt z_a z_b for the numeric columns
 * a, b, R0 = sum wz, R[a] = sum wz z_a: G[j, k] += zc_j zc_k S0, zc_j S[k]
 * or S[j, k]; r[j] += zc_j R0 or R[j]. */
static void add_cell(const pushdown_model *pm, const PGresult *res, int row, double *G,
                     double *r)
{
	size_t p = pm->info.p, nn = 0, at = 0;
	double *zc = pm->scratch, S0, R0;
	size_t *num = pm->numidx;  /* column j's index among the numeric ones */

	zc[0] = 1;
	for (size_t j = 1; j < p; j++)
		if (pm->cell[j])
			zc[j] = pdm_cell(res, row, (int)at++);
		else
			num[j] = nn++;
	int base = (int)at;
	S0 = pdm_cell(res, row, base);
	/* the columns after the keys: S0, S[a] (nn), S[a, b] (a <= b), R0, R[a] */
	int sa = base + 1, sab = sa + (int)nn, r0 = sab + (int)(nn * (nn + 1) / 2);
	R0 = pdm_cell(res, row, r0);
	for (size_t j = 0; j < p; j++) {
		int cj = j == 0 || pm->cell[j];
		r[j] += cj ? zc[j] * R0 : pdm_cell(res, row, r0 + 1 + (int)num[j]);
		for (size_t k = j; k < p; k++) {
			int ck = pm->cell[k] || k == 0;
			double g;
			if (cj && ck)
				g = zc[j] * zc[k] * S0;
			else if (cj || ck)
				g = (cj ? zc[j] : zc[k]) * pdm_cell(res, row, sa + (int)num[cj ? k : j]);
			else {
				size_t a = num[j], b = num[k];  /* a <= b: row a of the triangle */
				g = pdm_cell(res, row, sab + (int)(a * nn - a * (a - 1) / 2 + (b - a)));
			}
			G[j * p + k] += g;
		}
	}
}

churn_status pushdown_model_pass(void *ctx, const double *bz, double *G, double *r, double *dev,
                                 int *near01, int *fitted01, churn_err *err)
{
	pushdown_model *pm = ctx;
	strbuf b = STRBUF_INIT;
	PGresult *res = NULL;
	size_t p = pm->info.p, nkey = 0, nn = 0;
	double lo = DBL_EPSILON, hi = 1 / DBL_EPSILON;
	churn_status st;

	/* Grouped by the level columns' patterns (few), so that each row adds
	 * only the sums of its numeric columns (logit_cells' plan, in SQL). */
	strbuf_printf(&b, "%sSELECT ", pm->base);
	for (size_t j = 1; j < p; j++)
		if (pm->cell[j])
			strbuf_printf(&b, "z%zu, ", j);
	strbuf_printf(&b, "sum(wt)");
	for (size_t j = 1; j < p; j++)
		if (!pm->cell[j])
			strbuf_printf(&b, ", sum(wt * z%zu)", j);
	for (size_t j = 1; j < p; j++)
		for (size_t k = j; k < p; k++)
			if (!pm->cell[j] && !pm->cell[k])
				strbuf_printf(&b, ", sum(wt * z%zu * z%zu)", j, k);
	strbuf_printf(&b, ", sum(wz)");
	for (size_t j = 1; j < p; j++)
		if (!pm->cell[j])
			strbuf_printf(&b, ", sum(wz * z%zu)", j);
	strbuf_printf(&b, ", sum(dv), bool_or(mu < %.17g OR mu > %.17g), bool_or(mu < %.17g OR "
	              "mu > %.17g)", PDM_SEP_TRIGGER, 1 - PDM_SEP_TRIGGER, 10 * DBL_EPSILON,
	              1 - 10 * DBL_EPSILON);
	from_columns(&b, pm, pm->shift);
	strbuf_printf(&b, " CROSS JOIN LATERAL unnest(ARRAY[");
	if (bz == NULL)
		strbuf_printf(&b, "CASE WHEN y = 1 THEN %.17g::float8 ELSE %.17g::float8 END",
		              start_eta(1), start_eta(0));
	else
		linear(&b, bz, p);
	/* logit_irls_row, step for step: mu and mu.eta from one exp, clamped */
	strbuf_printf(&b, "]) AS b(eta) CROSS JOIN LATERAL unnest(ARRAY[CASE WHEN eta < %.17g OR "
	              "eta > %.17g THEN NULL ELSE exp(eta) END]) AS c(e) CROSS JOIN LATERAL "
	              "unnest(ARRAY[COALESCE(e / (1 + e), CASE WHEN eta < 0 THEN %.17g ELSE %.17g "
	              "END)], ARRAY[COALESCE(e / ((1 + e) * (1 + e)), %.17g)]) AS d(mu, me) "
	              "CROSS JOIN LATERAL unnest(ARRAY[me * me / (mu * (1 - mu))], ARRAY[2 * CASE "
	              "WHEN y = 1 THEN ln(1 / mu) ELSE ln(1 / (1 - mu)) END]) AS f(wt, dv) CROSS "
	              "JOIN LATERAL unnest(ARRAY[wt * (eta + (y - mu) / me)]) AS g(wz) WHERE ins "
	              "AND complete", -PDM_LINK_THRESH, PDM_LINK_THRESH, lo / (1 + lo), hi / (1 + hi),
	              DBL_EPSILON);
	for (size_t j = 1; j < p; j++) {
		nkey += pm->cell[j] != 0;
		nn += pm->cell[j] == 0;
	}
	for (size_t k = 1; k <= nkey; k++)
		strbuf_printf(&b, "%s%zu", k == 1 ? " GROUP BY " : ", ", k);
	int ncols = (int)(nkey + 1 + nn + nn * (nn + 1) / 2 + 1 + nn + 3);
	if ((st = pdm_query(pm, &b, -1, ncols, &res, err)) != CHURN_OK)
		return st;
	*dev = 0;
	*near01 = *fitted01 = 0;
	for (int i = 0; i < PQntuples(res); i++) {
		add_cell(pm, res, i, G, r);
		*dev += pdm_cell(res, i, ncols - 3);
		*near01 |= strcmp(PQgetvalue(res, i, ncols - 2), "t") == 0;
		*fitted01 |= strcmp(PQgetvalue(res, i, ncols - 1), "t") == 0;
	}
	PQclear(res);
	return CHURN_OK;
}

churn_status pushdown_model_direction(void *ctx, const double *d, double *maxabs,
                                      double *minside, churn_err *err)
{
	pushdown_model *pm = ctx;
	strbuf b = STRBUF_INIT;
	PGresult *res = NULL;
	churn_status st;

	strbuf_printf(&b, "%sSELECT max(abs(e)), min((2 * y - 1) * e)", pm->base);
	from_columns(&b, pm, pm->shift);
	strbuf_printf(&b, " CROSS JOIN LATERAL unnest(ARRAY[");
	linear(&b, d, pm->info.p);
	strbuf_printf(&b, "]) AS b(e) WHERE ins AND complete");
	if ((st = pdm_query(pm, &b, 1, 2, &res, err)) != CHURN_OK)
		return st;
	*maxabs = pdm_cell(res, 0, 0);
	*minside = pdm_cell(res, 0, 1);
	PQclear(res);
	return CHURN_OK;
}

int pushdown_model_groups(void *ctx, size_t j, double pos[2], double tot[2])
{
	const pushdown_model *pm = ctx;
	if (j == 0 || j >= pm->info.p || pm->nonbin[j] > 0)
		return 0;
	tot[1] = pm->sumx[j];
	pos[1] = pm->sumyx[j];
	tot[0] = (double)pm->info.used - tot[1];
	pos[0] = pm->info.events - pos[1];
	return 1;
}

churn_status pushdown_model_quality(pushdown_model *pm, const double *b, double *brier,
                                    double *auc, churn_err *err)
{
	strbuf s = STRBUF_INIT;
	PGresult *res = NULL;
	size_t p = pm->info.p;
	churn_status st;

	/* eta as logit_lp sums it (0 + b_0 + b_1 x_1 + ... in column order),
	 * the probability as logit_predict's: the same doubles, the same ties */
	strbuf_printf(&s, "%s, v AS (SELECT y, pr FROM (SELECT y", pm->base);
	for (size_t j = 1; j < p; j++)
		strbuf_printf(&s, ", %s AS c%zu", pm->x[j], j);
	strbuf_printf(&s, " FROM u WHERE ins AND complete OFFSET 0) AS a CROSS JOIN LATERAL "
	              "unnest(ARRAY[0::float8 + (%.17g)::float8", b[0]);
	for (size_t j = 1; j < p; j++)
		strbuf_printf(&s, " + (%.17g) * c%zu", b[j], j);
	strbuf_printf(&s, "]) AS e(eta) CROSS JOIN LATERAL unnest(ARRAY[CASE WHEN eta < -%.17g "
	              "THEN 0::float8 WHEN eta > %.17g THEN 1::float8 ELSE 1 / (1 + exp(-eta)) "
	              "END]) AS m(pr)), g AS (SELECT pr, sum(y) AS n1, count(*) - sum(y) AS n0, "
	              "sum((pr - y) * (pr - y)) AS sq FROM v GROUP BY pr) SELECT sum(sq), sum(n1), "
	              "sum(n0), sum(n1::numeric * (c0 - n0::numeric / 2)) FROM (SELECT g.*, "
	              "sum(n0) OVER (ORDER BY pr) AS c0 FROM g) AS h", PDM_EXP_SAFE, PDM_EXP_SAFE);
	if ((st = pdm_query(pm, &s, 1, 4, &res, err)) != CHURN_OK)
		return st;
	double n1 = pdm_cell(res, 0, 1), n0 = pdm_cell(res, 0, 2);
	*brier = n1 + n0 > 0 ? pdm_cell(res, 0, 0) / (n1 + n0) : NAN;
	*auc = n1 > 0 && n0 > 0 ? pdm_cell(res, 0, 3) / (n1 * n0) : NAN;
	PQclear(res);
	return CHURN_OK;
}

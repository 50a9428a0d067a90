/* model_run_push.c - the logistic model with its rows in the database
 * (--push-down): the design resolved from the database's levels, the IRLS
 * fit from its sums; see model_run.h and docs/scaling.md. */
#include "config.h"

#include "churnkit/model_run.h"
#include "churnkit/pushdown_model.h"
#include "model_run_outcome.h"

#include "churnkit/date.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The distinct columns of the terms ("log(col)" reads col), borrowed
 * from the terms into cols (nterms entries); *n of them.  Column names
 * of log terms are copied into own[] (freed by the caller). */
static churn_status term_columns(const model_run *m, const char **cols, char **own, size_t *n,
                                 churn_err *err)
{
	*n = 0;
	for (size_t k = 0; k < m->nfeatures; k++) {
		const char *t = m->features[k];
		size_t len = strlen(t);
		own[k] = NULL;
		if (len > 5 && strncmp(t, "log(", 4) == 0 && t[len - 1] == ')') {
			if ((own[k] = malloc(len - 4)) == NULL)
				return churn_err_set(err, CHURN_ENOMEM, "out of memory");
			snprintf(own[k], len - 4, "%.*s", (int)(len - 5), t + 4);
			t = own[k];
		}
		size_t j = 0;
		while (j < *n && strcmp(cols[j], t) != 0)
			j++;
		if (j == *n)
			cols[(*n)++] = t;
	}
	return CHURN_OK;
}

static int named(const load_map *map, const char *col)
{
	for (size_t k = 0; k < map->ncategorical; k++)
		if (strcmp(map->categorical[k], col) == 0)
			return 1;
	return 0;
}

/* A table of the columns' levels only (nrows: enough rows that
 * design_build's width rule never trips on it; the real rule is applied
 * by the caller): each categorical column's levels in turn (text, as
 * the loader keeps them), a numeric column 1.  design_build on it gives the terms, levels, reference and
 * columns of the rows' design; its matrix is not the rows'. */
static churn_status skeleton(const pushdown_model *pm, const char **cols, size_t ncol,
                             const int *want, char ***lv, const size_t *nlv, table **out,
                             churn_err *err)
{
	size_t rows = 1;
	for (size_t k = 0; k < ncol; k++)
		if (nlv[k] * DESIGN_ROWS_PER_LEVEL > rows)
			rows = nlv[k] * DESIGN_ROWS_PER_LEVEL;
	table *t = table_new(rows);
	const char **s = malloc(rows * sizeof *s);
	double *v = malloc(rows * sizeof *v);
	churn_status st = CHURN_OK;

	if (t == NULL || s == NULL || v == NULL)
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t k = 0; k < ncol && st == CHURN_OK; k++) {
		for (size_t i = 0; i < rows; i++) {
			size_t l = nlv[k] ? i % nlv[k] : 0;
			s[i] = nlv[k] ? lv[k][l] : NULL;
			v[i] = 1;
		}
		if (want[k] ? table_add_cat(t, cols[k], s) == NULL
		                 : table_add_num(t, cols[k], v) == NULL)
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	(void)pm;
	free(s);
	free(v);
	if (st != CHURN_OK) {
		table_free(t);
		return st;
	}
	*out = t;
	return CHURN_OK;
}

/* design.h's width rule on the rows used (the skeleton's rows are not). */
static churn_status check_width(const design *d, long used, churn_err *err)
{
	for (size_t k = 0; k < d->nterms; k++) {
		const design_term *tm = &d->terms[k];
		if (tm->categorical && tm->nlevels > DESIGN_LEVELS_FREE &&
		    tm->nlevels * DESIGN_ROWS_PER_LEVEL > (size_t)used)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "term '%s' has %zu levels in the %ld rows used (more than "
			                     "one per %d rows): an identifier or free-text column cannot "
			                     "be a model term; leave it out or group its levels",
			                     tm->name, tm->nlevels, used, DESIGN_ROWS_PER_LEVEL);
	}
	return CHURN_OK;
}

/* The design of the rows: the skeleton's, its matrix dropped. */
static churn_status build_design(model_run *m, pushdown_model *pm, const load_map *map,
                                 const char **cols, size_t ncol, churn_err *err)
{
	int *want = calloc(ncol + 1, sizeof *want);
	char ***lv = NULL;
	size_t *nlv = NULL;
	table *t = NULL;
	const pushdown_model_info *in = pushdown_model_get(pm);
	churn_status st = CHURN_OK;

	if (want == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t k = 0; k < ncol; k++)
		/* a --categorical column is text to the loader: its levels sort as
		 * text ("10" before "2"), as the rows' run sorts them */
		want[k] = !pushdown_model_numeric(pm, k) || named(map, cols[k]);
	if (in->used == 0)
		st = churn_err_set(err, CHURN_EMODEL,
		                   "the logistic model cannot be fitted: no rows left for the model "
		                   "(%ld with a missing value, %ld left out)", in->rows_missing,
		                   in->too_recent);
	if (st == CHURN_OK)
		st = pushdown_model_levels(pm, want, &lv, &nlv, err);
	if (st == CHURN_OK)
		st = skeleton(pm, cols, ncol, want, lv, nlv, &t, err);
	if (st == CHURN_OK) {
		design_spec spec = {.terms = (const char *const *)m->features,
		                    .nterms = m->nfeatures, .categorical = map->categorical,
		                    .ncategorical = map->ncategorical,
		                    .references = (const char *const *)m->references,
		                    .nreferences = m->nreferences, .intercept = 1};
		st = design_build(t, &spec, &m->dl, err);
	}
	if (st == CHURN_OK)
		st = check_width(m->dl, in->used, err);
	for (size_t k = 0; lv != NULL && k < ncol; k++) {
		for (size_t l = 0; l < nlv[k]; l++)
			free(lv[k][l]);
		free(lv[k]);
	}
	free(lv);
	free(nlv);
	free(want);
	table_free(t);
	if (st != CHURN_OK)
		return st;
	design *d = m->dl;
	gsl_matrix_free(d->X);
	free(d->row);
	d->X = NULL;
	d->row = NULL;
	d->nrows = (size_t)in->used;
	d->rows_missing = (size_t)in->rows_missing;
	d->rows_masked = (size_t)in->too_recent;
	return CHURN_OK;
}

/* The design's columns as the statements compute them. */
static churn_status send_design(const model_run *m, pushdown_model *pm, const char **cols,
                                size_t ncol, churn_err *err)
{
	const design *d = m->dl;
	pushdown_model_col *pc = calloc(d->ncols ? d->ncols : 1, sizeof *pc);
	churn_status st;

	if (pc == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t j = 1; j < d->ncols; j++) {
		const design_term *tm = &d->terms[d->cols[j].term];
		pushdown_model_col *c = &pc[j - 1];
		for (c->column = 0; c->column < ncol; c->column++)
			if (strcmp(cols[c->column], tm->column) == 0)
				break;
		if (d->cols[j].kind == DESIGN_COL_NUM) {
			c->kind = tm->log ? PDM_LOG : PDM_NUM;
		} else {
			c->kind = PDM_LEVEL;
			c->level = tm->levels[d->cols[j].level];
		}
	}
	st = pushdown_model_design(pm, pc, d->ncols - 1, err);
	free(pc);
	return st;
}

/* The fit from the sums, and its Brier score and AUC. */
static churn_status fit(model_run *m, pushdown_model *pm, churn_err *err)
{
	const pushdown_model_info *in = pushdown_model_get(pm);
	logit_remote rm = {.p = in->p, .wsum = (double)in->used, .events = in->events,
	                   .nused = (size_t)in->used, .shift = in->shift, .M = in->M, .ctx = pm,
	                   .pass = pushdown_model_pass, .direction = pushdown_model_direction,
	                   .groups = pushdown_model_groups};
	char cols[200];
	churn_status st;

	if (in->events == 0 || in->events == (double)in->used)
		return churn_err_set(err, CHURN_EMODEL,
		                     "the logistic model cannot be fitted: %s of the %ld customers "
		                     "used has the outcome (%s), so there is nothing to tell apart",
		                     in->events == 0 ? "none" : "every one", in->used, m->outcome);
	if ((st = logit_fit_remote(&rm, &m->lopts, &m->lr, err)) != CHURN_OK)
		return st;
	if (m->lr->rank <= 1)
		return churn_err_set(err, CHURN_EMODEL,
		                     "the logistic model cannot be fitted: every term is constant or "
		                     "collinear in the rows used (%s)",
		                     model_run_column_list(m->dl, cols, sizeof cols));
	m->dl->naliased = 0;
	for (size_t j = 0; j < m->dl->ncols; j++) {
		m->dl->cols[j].aliased = m->lr->coefs.aliased[j];
		m->dl->naliased += (size_t)m->lr->coefs.aliased[j];
	}
	double *b = malloc(in->p * sizeof *b);
	if (b == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t j = 0; j < in->p; j++)
		b[j] = m->lr->coefs.aliased[j] ? 0 : m->lr->coefs.coef[j];
	memset(&m->q, 0, sizeof m->q);
	m->q.cv_auc = m->q.cv_brier = NAN;
	m->q.deciles_left_out = 1;
	st = pushdown_model_quality(pm, b, &m->q.brier, &m->q.auc, err);
	free(b);
	m->have_q = st == CHURN_OK;
	return st;
}

churn_status model_run_fit_pushdown(model_run *m, const pushdown_src *src, const load_map *map,
                                    const load_opts *lo, const model_run_opts *o,
                                    long *rows_read, int32_t *as_of, churn_err *err)
{
	const char **cols = calloc(o->nfeatures + 1, sizeof *cols);
	char **own = calloc(o->nfeatures + 1, sizeof *own);
	pushdown_model *pm = NULL;
	size_t ncol = 0;
	churn_status st = CHURN_OK;

	model_run_set_options(m, o);
	m->pushed_down = 1;
	if (cols == NULL || own == NULL || (m->sd = calloc(1, sizeof *m->sd)) == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	m->sd->date_mode = 1;  /* the push-down reads dates (pushdown.h) */
	m->horizon_time = m->horizon * DATE_MONTH_DAYS;
	if (m->outcome_col != NULL && map->outcome_value != NULL)
		snprintf(m->outcome, sizeof m->outcome, "%s = %s", map->outcome, map->outcome_value);
	else if (m->outcome_col != NULL)
		snprintf(m->outcome, sizeof m->outcome, "%s", map->outcome);
	else
		snprintf(m->outcome, sizeof m->outcome, "churn within %g month%s", m->horizon,
		         m->horizon == 1 ? "" : "s");
	if ((st = term_columns(m, cols, own, &ncol, err)) != CHURN_OK)
		goto done;
	pushdown_model_spec spec = {.columns = cols, .ncolumns = ncol,
	                            .outcome = m->outcome_col ? map->outcome : NULL,
	                            .outcome_value = map->outcome_value,
	                            .horizon_days = m->horizon_time};
	stagetime_begin(m->timer, "push-down", 0, NULL);
	st = pushdown_model_open(src, map, lo, &spec, &pm, err);
	if (st != CHURN_OK)
		goto done;
	*rows_read = pushdown_model_get(pm)->rows_read;
	*as_of = pushdown_model_get(pm)->as_of;
	m->n_too_recent = (size_t)pushdown_model_get(pm)->too_recent;
	stagetime_begin(m->timer, "logistic model", 0, NULL);
	if ((st = build_design(m, pm, map, cols, ncol, err)) == CHURN_OK &&
	    (st = send_design(m, pm, cols, ncol, err)) == CHURN_OK)
		st = fit(m, pm, err);
done:
	pushdown_model_free(pm);
	for (size_t k = 0; own != NULL && k < o->nfeatures; k++)
		free(own[k]);
	free(own);
	free(cols);
	return st;
}

/* cohort_run.c - the cohort and KPI stage, run from the library; see
 * cohort_run.h. */
#include "config.h"

#include "churnkit/cohort_run.h"

#include "churnkit/bylevels.h"
#include "churnkit/date.h"
#include "churnkit/outfile.h"

#include <stdlib.h>
#include <string.h>

void cohort_run_free(cohort_run *c)
{
	if (c == NULL)
		return;
	for (size_t j = 0; j < c->nby; j++) {
		free(c->codes ? c->codes[j] : NULL);
		free(c->levels ? (void *)c->levels[j] : NULL);
	}
	free(c->codes);
	free(c->levels);
	for (size_t j = 0; j < c->ncoh; j++)
		cohort_result_free(c->coh[j]);
	free(c->coh);
	kpi_result_free(c->kpi);
	cohort_revenue_free(c->revcoh);
	revhist_free(c->rev);
	free(c->end_na);
	free(c->weight);
	free(c->sums);
	memset(c, 0, sizeof *c);
}

void cohort_run_opts_init(cohort_run_opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_n = COHORT_RUN_MIN_N;
	kpi_opts_init(&o->ko);
}

const char *cohort_run_excluded_by(const char *entry_col)
{
	return entry_col ? "--entry" : NULL;
}

/* Reads the revenue file (or `src` when not NULL) into c->rev, matched to
 * the customers c->cc, writing its rejects file. */
static churn_status load_revenue(cohort_run *c, const cohort_run_input *in, source *src,
                                 churn_err *err)
{
	const table *t = in->res->t;
	revhist_customers rc;
	load_opts lo = *in->lopts;
	outfile *rej = NULL;
	churn_status st;

	memset(&rc, 0, sizeof rc);
	rc.id = table_find(t, in->map->id);
	rc.id_name = in->map->id;
	rc.start = c->cc.start;
	rc.end = c->cc.end;
	rc.n = c->cc.n;
	rc.as_of = c->cc.as_of;
	rc.wide = c->revenue_wide;
	lo.display_name = strcmp(c->revenue_path, "-") == 0 ? "<stdin>" : c->revenue_path;
	lo.rejects = NULL;
	if (c->revenue_rejects != NULL) {
		if ((st = outfile_open(in->outs, c->revenue_rejects, &rej, err)) != CHURN_OK)
			return st;
		lo.rejects = outfile_stream(rej);
	}
	if (src != NULL)
		st = revhist_load_source(src, &rc, &lo, &c->rev, err);
	else
		st = revhist_load(c->revenue_path, &rc, &lo, &c->rev, err);
	lo.rejects = NULL;
	if (st != CHURN_OK) {
		outfile_abort(rej);
		return st;
	}
	if (rej != NULL && (st = outfile_commit(rej, err)) != CHURN_OK)
		return st;
	st = revhist_check(c->rev, &lo, err);
	c->revenue_failed = st != CHURN_OK;
	if (st == CHURN_EDATA && rej != NULL) {
		/* Too many bad revenue rows: the reject files, the only outputs
		 * made so far, explain the failure and are kept (docs/outputs.md). */
		churn_err e2;
		churn_err_clear(&e2);
		if (outset_commit(in->outs, &e2) != CHURN_OK)
			*err = e2;
	}
	return st;
}

/* The input's value_sums columns as c->sums (cohort.h). */
static churn_status map_sums(cohort_run *c, const cohort_run_input *in, churn_err *err)
{
	const table *t = in->res->t;
	const table_col *col[4];

	for (int k = 0; k < 4; k++)
		if ((col[k] = table_find(t, in->value_sums[k])) == NULL || col[k]->kind != TABLE_NUM)
			return churn_err_set(err, CHURN_EUSAGE, "cohorts: the value sums did not load");
	if ((c->sums = malloc((t->nrows + 1) * sizeof *c->sums)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t i = 0; i < t->nrows; i++)
		c->sums[i] = (cohort_value_sums){(size_t)col[0]->num[i], (size_t)col[1]->num[i],
		                                 col[2]->num[i], col[3]->num[i]};
	c->cc.sums = c->sums;
	return CHURN_OK;
}

/* Maps the loaded table into the customers of cohort.h (group unset). */
static churn_status map_customers(cohort_run *c, const cohort_run_input *in, churn_err *err)
{
	const table *t = in->res->t;
	const load_map *m = in->map;
	const table_col *start = m->start ? table_find(t, m->start) : NULL;
	const table_col *end = m->end ? table_find(t, m->end) : NULL;
	const table_col *value = m->value ? table_find(t, m->value) : NULL;
	const table_col *w = in->weight_col ? table_find(t, in->weight_col) : NULL;
	cohort_customers *cc = &c->cc;

	if (start == NULL || start->kind != TABLE_DATE || (end && end->kind != TABLE_DATE) ||
	    (value && value->kind != TABLE_NUM) ||
	    (in->weight_col && (w == NULL || w->kind != TABLE_NUM)))
		return churn_err_set(err, CHURN_EUSAGE, "cohorts: the mapped columns did not load "
		                     "as dates and numbers");
	memset(cc, 0, sizeof *cc);
	cc->n = t->nrows;
	cc->start = start->date;
	if (end != NULL) {
		cc->end = end->date;
	} else {
		c->end_na = malloc((t->nrows + 1) * sizeof *c->end_na);
		if (c->end_na == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		for (size_t i = 0; i < t->nrows; i++)
			c->end_na[i] = TABLE_DATE_NA;
		cc->end = c->end_na;
	}
	cc->value = value ? value->num : NULL;
	cc->as_of = in->res->as_of;
	if (w == NULL)
		return CHURN_OK;
	if ((c->weight = malloc((t->nrows + 1) * sizeof *c->weight)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t i = 0; i < t->nrows; i++) {
		double x = w->num[i];
		if (!(x >= 0.0 && x <= 1e15 && x == (double)(size_t)x))
			return churn_err_set(err, CHURN_EDATA, "cohorts: row %zu of %s is not a "
			                     "whole number of customers", i + 1, w->name);
		c->weight[i] = (size_t)x;
	}
	cc->weight = c->weight;
	return value != NULL && in->value_sums != NULL ? map_sums(c, in, err) : CHURN_OK;
}

/* One cohort_result per --by column (levels in sorted order), or one for
 * all customers. */
static churn_status build_cohorts(cohort_run *c, const cohort_run_input *in, churn_err *err)
{
	const table *t = in->res->t;
	size_t nby = in->map->nby;
	churn_status st;

	c->ncoh = 0;
	c->coh = calloc(nby > 0 ? nby : 1, sizeof *c->coh);
	c->codes = calloc(nby + 1, sizeof *c->codes);
	c->levels = calloc(nby + 1, sizeof *c->levels);
	if (c->coh == NULL || c->codes == NULL || c->levels == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	c->nby = nby;
	if (nby == 0) {
		st = cohort_build(&c->cc, c->min_n, &c->coh[0], err);
		c->ncoh = st == CHURN_OK;
		return st;
	}
	for (size_t j = 0; j < nby; j++) {
		const table_col *g = table_find(t, in->map->by[j]);
		cohort_customers cg = c->cc;
		if (g == NULL || g->kind != TABLE_CAT)
			return churn_err_set(err, CHURN_EUSAGE, "--by %s: not a categorical column",
			                     in->map->by[j]);
		if ((st = by_levels_check(g->name, g->nlevels, err)) != CHURN_OK)
			return st;
		st = table_sort_levels(g->codes, t->nrows, (const char *const *)g->levels, g->nlevels,
		                       &c->codes[j], &c->levels[j], err);
		if (st != CHURN_OK)
			return st;
		cg.group = c->codes[j];
		cg.group_name = g->name;
		cg.group_levels = c->levels[j];
		cg.ngroup_levels = g->nlevels;
		st = cohort_build(&cg, c->min_n, &c->coh[j], err);
		if (st != CHURN_OK)
			return st;
		c->ncoh++;
	}
	return CHURN_OK;
}

churn_status cohort_run_fit(cohort_run *c, const cohort_run_input *in,
                            const cohort_run_opts *o, churn_err *err)
{
	churn_status st;

	c->min_n = o->min_n;
	c->ko = o->ko;
	c->revenue_path = o->revenue_path;
	c->revenue_rejects = o->revenue_rejects;
	c->revenue_wide = o->revenue_wide;
	if (c->revenue_path != NULL && in->weight_col != NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cohorts: a revenue history is per "
		                     "customer: not with weighted rows");
	if ((st = map_customers(c, in, err)) != CHURN_OK)
		return st;
	if (c->revenue_path != NULL) {
		if ((st = load_revenue(c, in, o->revenue_src, err)) != CHURN_OK)
			return st;
		c->rev_history.n = c->rev->n;
		c->rev_history.customer = c->rev->customer;
		c->rev_history.month = c->rev->month;
		c->rev_history.mrr = c->rev->mrr;
		c->rev_history.ncustomers = c->cc.n;
		c->ko.revenue = &c->rev_history;
	}
	if ((st = build_cohorts(c, in, err)) != CHURN_OK)
		return st;
	if (c->rev != NULL &&
	    (st = cohort_revenue_build(&c->cc, &c->rev_history, &c->revcoh, err)) != CHURN_OK)
		return st;
	return kpi_compute(&c->cc, &c->ko, &c->kpi, err);
}

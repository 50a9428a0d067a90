/* segment_run.c - the segments stage, run from the library (segment_run.h). */
#include "config.h"

#include "churnkit/segment_run.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void segment_run_input_of_model(segment_run_input *in, const model_run *m,
                                const load_result *res, const char *value_col,
                                const scores *s)
{
	memset(in, 0, sizeof *in);
	in->t = res->t;
	in->value_col = value_col;
	in->s = s;
	in->score_design = model_run_score_design(m);
	/* The scores' horizon in months: --horizon on dated data.  A given
	 * churn flag, or durations of unknown unit, have none. */
	in->horizon_known = m->horizon_given && m->sd && res->date_mode;
	in->horizon_months = m->horizon;
	in->score_cox = m->score_cox;
	in->date_mode = res->date_mode;
	in->horizon = m->horizon;
	in->outcome = m->outcome;
}

/* What a churn probability is the probability of (segment_run.h). */
static void risk_definition(segment_run *g, const segment_run_input *in)
{
	char *b = g->risk_definition;
	size_t n = sizeof g->risk_definition;

	g->risk_horizon = in->score_cox;
	if (in->score_cox && in->date_mode)
		snprintf(b, n, "churning within %g month%s", in->horizon, in->horizon == 1 ? "" : "s");
	else if (in->score_cox)
		snprintf(b, n, "churning within %g %s", in->horizon,
		         in->time_unit ? in->time_unit : "time units");
	else
		snprintf(b, n, "%s", in->outcome ? in->outcome : "churning");
}

churn_status segment_run_build(segment_run *g, const segment_run_input *in,
                               const segment_opts *o, churn_err *err)
{
	const table *t = in->t;
	const scores *s = in->s;
	segment_opts so = *o;
	churn_status st;

	g->nbeyond = s->nbeyond;
	if (in->value_col) {
		const table_col *c = table_find(t, in->value_col);
		if (c && c->kind == TABLE_NUM)
			g->value = malloc((t->nrows ? t->nrows : 1) * sizeof *g->value);
		if (c && c->kind == TABLE_NUM && g->value == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		if (g->value)
			memcpy(g->value, c->num, t->nrows * sizeof *g->value);
	}
	/* A --driver column must be a column of the data. */
	for (size_t i = 0; i < o->ndrivers; i++)
		if (table_find(t, o->drivers[i].column) == NULL)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--driver %s=%s: the data has no column '%s'",
			                     o->drivers[i].column, segment_driver_name(o->drivers[i].kind),
			                     o->drivers[i].column);
	/* Without a single known value the value tiers say nothing: one tier,
	 * at-risk accounts ranked by probability. */
	if (g->value) {
		size_t known = 0;
		for (size_t i = 0; i < t->nrows; i++)
			known += isfinite(g->value[i]) != 0;
		if (known == 0) {
			free(g->value);
			g->value = NULL;
		}
	}
	/* Without a horizon in months (a given churn flag, or durations of
	 * unknown unit) the revenue figures assume 12 months, and say so
	 * (horizon_assumed). */
	g->horizon_assumed = !in->horizon_known;
	so.horizon_months = g->horizon_assumed ? SEGMENT_HORIZON_DEFAULT : in->horizon_months;
	risk_definition(g, in);
	st = segment_build(s, in->score_design, t, g->value, &so, &g->r, err);
	if (st != CHURN_OK)
		return st;
	g->labels = calloc(s->n ? s->n : 1, sizeof *g->labels);
	g->actions = calloc(s->n ? s->n : 1, sizeof *g->actions);
	if (g->labels == NULL || g->actions == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t k = 0; k < s->n; k++) {
		g->labels[k] = segment_customer_label(g->r, k);
		g->actions[k] = segment_customer_action(g->r, k);
	}
	return CHURN_OK;
}

void segment_run_free(segment_run *g)
{
	if (g == NULL)
		return;
	segment_result_free(g->r);
	free(g->value);
	free((void *)g->labels);
	free((void *)g->actions);
	memset(g, 0, sizeof *g);
}

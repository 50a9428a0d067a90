/* model_run_outcome.c - the model's churn outcome (--outcome, or --horizon
 * on a sample chosen without looking at the outcome), and what the text,
 * the JSON and the report say about it; see model_run_outcome.h and
 * docs/horizon.md. */
#include "config.h"

#include "churnkit/model_run.h"
#include "model_run_outcome.h"

#include "churnkit/date.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The --horizon outcome (horizon.h, docs/horizon.md): dates keep the
 * customers whose potential follow-up reaches the horizon; durations
 * weight by the inverse probability of remaining uncensored. */
static churn_status horizon_outcome_of(model_run *m, const model_run_input *d, churn_err *err)
{
	const survdata *s = m->sd;
	const table *t = d->res->t;
	size_t n = t->nrows;
	double *followup = NULL;
	horizon_outcome *h = NULL;
	churn_status st;

	m->horizon_time = m->horizon * (s->date_mode ? DATE_MONTH_DAYS : 1);
	if (s->date_mode)
		snprintf(m->outcome, sizeof m->outcome, "churn within %g month%s", m->horizon,
		         m->horizon == 1 ? "" : "s");
	else
		snprintf(m->outcome, sizeof m->outcome, "churn within %g %s", m->horizon,
		         d->map->time_unit ? d->map->time_unit : "time units");
	if (s->date_mode) {
		const table_col *start = table_find(t, d->map->start);
		if ((followup = malloc((n ? n : 1) * sizeof *followup)) == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory for the outcome");
		for (size_t i = 0; i < n; i++)
			followup[i] = (double)(d->res->as_of - start->date[i]);
	}
	horizon_input hi = {.n = n, .time = s->time, .event = s->event, .entry = s->entry,
	                    .followup = followup, .weight = s->weight, .horizon = m->horizon_time};
	st = horizon_build(&hi, &h, err);
	free(followup);
	if (st == CHURN_EDATA) {
		char msg[sizeof err->msg];
		snprintf(msg, sizeof msg, "%s", err->msg);
		return churn_err_set(err, CHURN_EMODEL, "the logistic model cannot be fitted: %s", msg);
	}
	if (st != CHURN_OK)
		return st;
	for (size_t i = 0; i < n; i++) {
		m->y[i] = h->y[i];
		m->has_y[i] = !isnan(h->y[i]);
	}
	m->n_too_recent = h->too_recent;
	m->n_censored = h->censored;
	m->n_no_risk = h->no_risk;
	m->g_horizon = h->g_horizon;
	m->ipcw = h->ipcw;
	h->ipcw = NULL;
	horizon_outcome_free(h);
	return CHURN_OK;
}

/* A sentence on how the model's sample was chosen, for the report. */
static void sample_note(model_run *m, const char *unit)
{
	size_t len = 0, cap = sizeof m->sample_note;
	char *b = m->sample_note;
	int k;

	if (m->outcome_col != NULL) {
		snprintf(b, cap, "The outcome is the column %s, for every customer.", m->outcome_col);
		return;
	}
	if (m->sd->date_mode)
		k = snprintf(b, cap,
		             "The outcome is churn within %g month%s (%g days) of %s. Only customers "
		             "who could have been followed that long (the as-of date at least %g days "
		             "after %s) are in the model, whatever happened to them, so that recent "
		             "churners are not counted without the recent customers who stayed: %zu "
		             "customer%s too recent left out.",
		             m->horizon, m->horizon == 1 ? "" : "s", m->horizon_time,
		             m->sd->entry ? "the entry date" : "signup", m->horizon_time,
		             m->sd->entry ? "entry" : "signup", m->n_too_recent,
		             m->n_too_recent == 1 ? "" : "s");
	else
		k = snprintf(b, cap,
		             "The outcome is churn within %g %s%s. Customers censored before "
		             "then (%zu) are left out and the others weighted by the inverse "
		             "probability of remaining uncensored, 1 / G(min(T, %g)-), G the reverse "
		             "Kaplan-Meier curve of censoring (inverse probability of censoring "
		             "weighting); the fit is quasi-binomial with robust (HC0 sandwich) "
		             "standard errors.",
		             m->horizon, unit, m->sd->entry ? " of entry" : "", m->n_censored,
		             m->horizon);
	if (k < 0 || (size_t)k >= cap)
		return;
	len = (size_t)k;
	if (m->n_no_risk > 0)
		snprintf(b + len, cap - len, " %zu row%s whose entry is not before the exit were "
		         "never observed and are left out.", m->n_no_risk, m->n_no_risk == 1 ? "" : "s");
}

churn_status model_run_build_outcome(model_run *m, const model_run_input *d, churn_err *err)
{
	const table *t = d->res->t;
	size_t n = t->nrows, na = n ? n : 1, known = 0;
	churn_status st;

	m->y = malloc(na * sizeof *m->y);
	m->has_y = malloc(na);
	if (m->y == NULL || m->has_y == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the outcome");
	if (m->outcome_col != NULL) {
		const table_col *c = table_find(t, d->map->outcome);
		if (d->map->outcome_value)
			snprintf(m->outcome, sizeof m->outcome, "%s = %s", d->map->outcome,
			         d->map->outcome_value);
		else
			snprintf(m->outcome, sizeof m->outcome, "%s", d->map->outcome);
		for (size_t i = 0; i < n; i++) {
			m->y[i] = c->num[i];
			m->has_y[i] = !isnan(c->num[i]);
		}
	} else if ((st = horizon_outcome_of(m, d, err)) != CHURN_OK) {
		return st;
	}
	for (size_t i = 0; i < n; i++)
		known += m->has_y[i];
	sample_note(m, d->map->time_unit ? d->map->time_unit : "time units");
	if (known == 0 && m->ipcw == NULL && m->outcome_col == NULL)
		return churn_err_set(err, CHURN_EMODEL,
		                     "the logistic model cannot be fitted: none of the %zu customers "
		                     "could have been followed for the horizon (%s): the as-of date "
		                     "is less than %g days after every %s; try a shorter --horizon",
		                     n, m->outcome, m->horizon_time,
		                     m->sd->entry ? "entry" : "signup");
	if (known == 0)
		return churn_err_set(err, CHURN_EMODEL,
		                     "the logistic model cannot be fitted: no customer's outcome "
		                     "(%s) is known: all %zu were censored before the horizon; try a "
		                     "shorter --horizon", m->outcome, m->n_censored);
	return CHURN_OK;
}


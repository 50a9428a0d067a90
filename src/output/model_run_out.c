/*
 * model_run_out.c - the model stage's renderings (include/churnkit/
 * model_run.h): its text summary, its "model" and "cox" JSON objects and
 * its --tables files, written from a fitted model_run (src/model/
 * model_run*.c compute; they render nothing).
 */
#include "config.h"

#include "churnkit/model_run.h"

#include "churnkit/date.h"
#include "churnkit/jsonout.h"
#include "churnkit/model_json.h"
#include "churnkit/outfile.h"

#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>

/* ---- The outcome and the sample (text, JSON) --------------------------- */

/* The text's lines on the outcome, the sample and the rows left out. */
static void print_outcome(const model_run *m, const model_run_input *d, FILE *f)
{
	const char *from = m->sd && m->sd->entry
	                       ? "entry (signup for a customer without an entry date)"
	                       : "the start date";
	if (m->outcome_col != NULL) {
		fprintf(f, "Outcome: %s (--outcome %s): 1 for a churner, 0 otherwise.\n", m->outcome,
		        m->outcome_col);
	} else if (m->sd->date_mode) {
		fprintf(f, "Outcome: %s (--horizon %g): 1 when the customer churned at most %g days "
		           "after %s,\n  0 otherwise; a month is 365.25/12 = 30.4375 days.\n"
		           "Sample: only the customers who could have been followed for the "
		           "horizon (as-of at least %g days\n  after %s), whatever happened to "
		           "them.\n", m->outcome, m->horizon, m->horizon_time, from, m->horizon_time,
		        m->sd->entry ? "entry" : "signup");
		fprintf(f, "Left out: %zu customer%s too recent to have been followed for the "
		           "horizon.\n", m->n_too_recent, m->n_too_recent == 1 ? "" : "s");
	} else {
		fprintf(f, "Outcome: %s (--horizon %g, in %s): 1 when the customer churned at a "
		           "duration\n  <= %g%s, 0 otherwise.\n", m->outcome, m->horizon,
		        d->map->time_unit ? d->map->time_unit : "the duration's own unit", m->horizon,
		        m->sd->entry ? " after entry" : "");
		fprintf(f, "Weighting: inverse probability of censoring, 1 / G(min(T, %g)-), G the "
		           "reverse Kaplan-Meier\n  curve of censoring (G(%g-) = %.4f)%s; quasi-"
		           "binomial fit, robust (HC0 sandwich)\n  standard errors.\n", m->horizon,
		        m->horizon, m->g_horizon,
		        d->map->weight ? ", multiplied by the frequency weights" : "");
		fprintf(f, "Left out: %zu customer%s censored before the horizon (still active, too "
		           "recent to tell).\n", m->n_censored, m->n_censored == 1 ? "" : "s");
		if (m->lr->separation != LOGIT_SEP_NONE)
			fputs("Note: Firth's penalised likelihood is not used under these weights (it "
			      "has no robust standard errors here).\n", f);
	}
	if (m->n_no_risk > 0)
		fprintf(f, "Left out: %zu row%s whose entry is not before the exit (never observed).\n",
		        m->n_no_risk, m->n_no_risk == 1 ? "" : "s");
	if (m->dl->rows_missing > 0 && !m->impute)
		fputs("Rows missing a value of a model term are left out; --impute keeps them.\n", f);
	if (m->impute)
		fputs("Missing values: numbers imputed with the median plus a COL_missing indicator, "
		      "categories as a level \"(missing)\".\n", f);
	if (d->map->weight)
		fprintf(f, "Weights: frequency weights from column %s.\n", d->map->weight);
	fputc('\n', f);
}

/* Adds the outcome's keys to the "model" object o: rows_censored,
 * rows_too_recent, rows_no_time_at_risk, weighting, se_type, family,
 * censoring_survival_at_horizon. */
static void outcome_json(const model_run *m, json_object *o)
{
	json_object_object_add(o, "rows_censored",
	                       json_object_new_int64((int64_t)m->n_censored));
	json_object_object_add(o, "rows_too_recent",
	                       json_object_new_int64((int64_t)m->n_too_recent));
	json_object_object_add(o, "rows_no_time_at_risk",
	                       json_object_new_int64((int64_t)m->n_no_risk));
	json_object_object_add(o, "weighting",
	                       json_object_new_string(m->ipcw ? "ipcw" : "none"));
	json_object_object_add(o, "se_type",
	                       json_object_new_string(m->lr->robust ? "robust" : "model"));
	json_object_object_add(o, "family",
	                       json_object_new_string(m->lr->quasi ? "quasibinomial" : "binomial"));
	json_object_object_add(o, "censoring_survival_at_horizon",
	                       json_num(m->g_horizon));
}

/* ---- The proportional-hazards test and the strata ---------------------- */

/* Text of the test and the strata, after model_print_cox. */
static int cox_print(const model_run *m, FILE *f)
{
	const design *dc = m->dc;
	int bad = 0;
	if (m->zph != NULL)
		bad |= model_print_cox_zph(f, dc, m->zph, m->ph_alpha);
	if (m->ph_note[0])
		fprintf(f, "Note: %s.\n", m->ph_note);
	for (size_t k = 0; m->zph != NULL && k < dc->nterms; k++) {
		if (!dc->terms[k].categorical && m->zph->df[k] > 0 && m->zph->p[k] < m->ph_alpha)
			fprintf(f, "%s fails proportional hazards (p < %g): its effect changes with "
			           "tenure; a number is not stratified, so the scores of customers far "
			           "from its average rest on an assumption the data reject.\n",
			        dc->terms[k].name, m->ph_alpha);
		if (m->ph_small && m->ph_small[k])
			fprintf(f, "%s fails proportional hazards (p < %g) but is not stratified: some "
			           "of its groups%s would have fewer than %ld churners; the scores of "
			           "those customers rest on an assumption the data reject.\n",
			        dc->terms[k].name, m->ph_alpha, m->nph_strat ? " within the strata" : "",
			        m->min_n);
	}
	if (m->crs != NULL) {
		fputs("\nStratified by ", f);
		for (size_t k = 0, first = 1; k < dc->nterms; k++)
			if (m->ph_strat[k]) {
				fprintf(f, "%s%s", first ? "" : " and ", dc->terms[k].name);
				first = 0;
			}
		fprintf(f, " (proportional hazards fails, p < %g): each stratum has its own "
		           "baseline hazard,\nas R's coxph(... + strata(...)); the scores come from "
		           "this model.\n\n", m->ph_alpha);
		bad |= model_print_cox(f, m->dcs, m->crs);
	}
	return bad || ferror(f) ? -1 : 0;
}

/* The test and the strata into the "cox" object. */
static churn_status cox_json(const model_run *m, json_object *cox, churn_err *err)
{
	const design *dc = m->dc;
	if (m->zph != NULL) {
		json_object *z = model_json_cox_zph(dc, m->zph);
		if (z == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory for the JSON");
		json_object_object_add(z, "alpha", json_num(m->ph_alpha));
		json_object *fails = json_object_new_array();
		for (size_t k = 0; k < dc->nterms; k++)
			if (m->zph->df[k] > 0 && m->zph->p[k] < m->ph_alpha)
				json_object_array_add(fails, json_object_new_string(dc->terms[k].name));
		json_object_object_add(z, "fails", fails);
		json_object *small = json_object_new_array();
		for (size_t k = 0; k < dc->nterms; k++)
			if (m->ph_small && m->ph_small[k])
				json_object_array_add(small, json_object_new_string(dc->terms[k].name));
		json_object_object_add(z, "not_stratified_small", small);
		json_object_object_add(cox, "ph_test", z);
	} else {
		json_object_object_add(cox, "ph_test", NULL);
	}
	json_object_object_add(cox, "ph_note", m->ph_note[0] ? json_object_new_string(m->ph_note)
	                                                     : NULL);
	json_object_object_add(cox, "min_n", json_object_new_int64((int64_t)m->min_n));
	json_object_object_add(cox, "data_reach", m->cb != NULL && m->crs == NULL
	                       ? json_num(m->cb->limit[0]) : NULL);
	if (m->crs == NULL) {
		json_object_object_add(cox, "strata", NULL);
		return CHURN_OK;
	}
	json_object *s = model_json_cox(m->dcs, m->crs), *terms = json_object_new_array();
	json_object *levels = json_object_new_array();
	if (s == NULL || terms == NULL || levels == NULL) {
		json_object_put(s);
		json_object_put(terms);
		json_object_put(levels);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the JSON");
	}
	for (size_t k = 0; k < dc->nterms; k++)
		if (m->ph_strat[k])
			json_object_array_add(terms, json_object_new_string(dc->terms[k].name));
	json_object_object_add(s, "terms", terms);
	if (m->cb != NULL) {
		for (size_t k = 0; k < m->cb->nstrata; k++) {
			json_object *l = json_object_new_object();
			size_t code = m->cb->strata[k];
			json_object_object_add(l, "level", json_object_new_string(
			                       code < m->nstrata_label ? m->strata_label[code] : ""));
			json_object_object_add(l, "last_time", json_num(m->cb->stratum_last[k]));
			json_object_object_add(l, "data_reach", json_num(m->cb->limit[k]));
			json_object_array_add(levels, l);
		}
	}
	json_object_object_add(s, "levels", levels);
	json_object_object_add(cox, "strata", s);
	return CHURN_OK;
}

/* ---- The stage's outputs ------------------------------------------------ */

churn_status model_run_print(const model_run *m, const model_run_input *d, FILE *f, churn_err *err)
{
	int bad = 0;
	char a[11];

	if (m->lr != NULL) {
		print_outcome(m, d, f);
		bad |= model_print_logit(f, m->dl, m->lr, m->have_q ? &m->q : NULL, m->outcome);
		if (m->cv_note[0])
			fprintf(f, "Cross-validated AUC: not computed: %s.\n", m->cv_note);
		if (m->pushed_down && m->lr->separation != LOGIT_SEP_NONE)
			fputs("Note: Firth's refit is left out with --push-down (its penalty needs each "
			      "customer's leverage);\n  run without --push-down for it.\n", f);
		if (m->have_q)
			bad |= model_print_quality(f, &m->q);
	}
	if (m->cr != NULL) {
		if (m->lr != NULL)
			fputs("\n\n", f);
		if (m->sd->date_mode)
			fprintf(f, "Time to churn: days from the start date to the churn date, or to "
			           "%s (as-of) for active customers.\n", date_format(d->res->as_of, a));
		else
			fprintf(f, "Time to churn: the duration column %s %s%s; event: %s.\n",
			        d->map->duration, d->map->time_unit ? "in " : "as given",
			        d->map->time_unit ? d->map->time_unit : "", d->map->event);
		if (m->sd->entry)
			fprintf(f, "Delayed entry: at risk only after %s (left truncation).\n",
			        d->map->entry);
		if (m->cox_no_risk > 0)
			fprintf(f, "Left out: %zu row%s whose entry is not before the exit time "
			        "(no time at risk).\n", m->cox_no_risk, m->cox_no_risk == 1 ? "" : "s");
		bad |= model_print_cox(f, m->dc, m->cr);
		bad |= cox_print(m, f);
	}
	if (bad || ferror(f))
		return churn_err_set(err, CHURN_EIO, "standard output: write error");
	return CHURN_OK;
}

/* A duration's unit as the JSON names it: the one --time-unit names, else
 * "as given" (docs/contract.md). */
static const char *duration_unit(const model_run *m)
{
	return m->time_unit != NULL ? m->time_unit : "as given";
}

churn_status model_run_json(const model_run *m, void *root_, churn_err *err)
{
	json_object *root = root_;
	/* report and score: the model left out, and why (model_run.h). */
	if (m->dropped_note[0])
		json_object_object_add(root, "model_left_out",
		                       json_object_new_string(m->dropped_note));
	if (m->lr != NULL) {
		json_object *o = model_json_logit(m->dl, m->lr, m->have_q ? &m->q : NULL, m->outcome);
		if (o == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory for the JSON");
		json_object_object_add(o, "horizon", m->horizon_given ? json_num(m->horizon)
		                                                      : NULL);
		json_object_object_add(o, "horizon_unit",
		                       !m->horizon_given ? NULL
		                       : json_object_new_string(m->sd->date_mode ? "months"
		                                                : duration_unit(m)));
		json_object_object_add(o, "horizon_days",
		                       m->horizon_given && m->sd->date_mode
		                           ? json_num(m->horizon_time) : NULL);
		outcome_json(m, o);
		json_object_object_add(o, "cv_note",
		                       m->cv_note[0] ? json_object_new_string(m->cv_note) : NULL);
		json_object_object_add(root, "model", o);
	}
	if (m->cr != NULL) {
		json_object *o = model_json_cox(m->dc, m->cr);
		if (o == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory for the JSON");
		json_object_object_add(o, "time_unit",
		                       json_object_new_string(m->sd->date_mode ? "days"
		                                                               : duration_unit(m)));
		json_object_object_add(o, "rows_no_time_at_risk",
		                       json_object_new_int64((int64_t)m->cox_no_risk));
		json_object_object_add(root, "cox", o);
		churn_status st = cox_json(m, o, err);
		if (st != CHURN_OK)
			return st;
	}
	return CHURN_OK;
}

churn_status model_run_write_tables(const model_run *m, const table_dest *d, churn_err *err)
{
	churn_status st = table_dest_mkdir(d, err);

	if (st != CHURN_OK)
		return st;
	return model_write_tables(d, m->dl, m->lr, m->have_q ? &m->q : NULL, m->dc, m->cr, err);
}

/* cohort_json.c - the "cohorts" and "kpis" objects of docs/contract.md's JSON
 * schema, built with json-c; see include/churnkit/cohort_output.h.
 *
 * Building: every helper returns 0 when json-c could not allocate; the
 * object under construction is then released with json_object_put by the
 * caller of the helper, so each allocation has one owner at all times
 * (json_object_object_add and json_object_array_add take ownership of the
 * value, also of NULL = JSON null). */
#include "churnkit/cohort_output.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "churnkit/date.h"
#include "churnkit/jsonout.h"

/* Adds key: value (value NULL = JSON null, except when `fail` says the
 * allocation failed).  Returns 0 on failure. */
static int put(json_object *o, const char *key, json_object *v, int fail)
{
	if (fail)
		return 0;
	if (json_object_object_add(o, key, v) != 0) {
		json_object_put(v);
		return 0;
	}
	return 1;
}

static int put_num(json_object *o, const char *key, double d)
{
	json_object *v = json_num(d);
	return put(o, key, v, isfinite(d) && v == NULL);
}

static int put_int(json_object *o, const char *key, size_t n)
{
	json_object *v = json_object_new_int64((int64_t)n);
	return put(o, key, v, v == NULL);
}

static int put_str(json_object *o, const char *key, const char *s)
{
	json_object *v = s != NULL ? json_object_new_string(s) : NULL;
	return put(o, key, v, s != NULL && v == NULL);
}

static int put_bool(json_object *o, const char *key, int b)
{
	json_object *v = json_object_new_boolean(b != 0);
	return put(o, key, v, v == NULL);
}

static int put_day(json_object *o, const char *key, int32_t day)
{
	char buf[11];
	return put_str(o, key, date_format(day, buf));
}

static int put_month(json_object *o, const char *key, int32_t m)
{
	char buf[8];
	return put_str(o, key, date_format_month(m, buf));
}

/* Adds an array of n doubles (or of size_t when sz is given). */
static int put_array(json_object *o, const char *key, const double *d, const size_t *sz,
                     size_t n)
{
	json_object *a;
	if (d == NULL && sz == NULL)
		return put(o, key, NULL, 0);
	a = json_object_new_array_ext((int)n);
	if (a == NULL)
		return 0;
	for (size_t i = 0; i < n; i++) {
		json_object *v = sz != NULL ? json_object_new_int64((int64_t)sz[i])
		                            : json_num(d[i]);
		if ((v == NULL && (sz != NULL || isfinite(d[i]))) ||
		    json_object_array_add(a, v) != 0) {
			json_object_put(v);
			json_object_put(a);
			return 0;
		}
	}
	return put(o, key, a, 0);
}

static json_object *triangle_json(const cohort_triangle *t, const char *by)
{
	json_object *o = json_object_new_object(), *rows, *mean;
	if (o == NULL)
		return NULL;
	if (t->level != NULL && (!put_str(o, "by", by) || !put_str(o, "level", t->level)))
		goto fail;
	if (!put_int(o, "customers", t->ncustomers))
		goto fail;
	rows = json_object_new_array_ext((int)t->nrows);
	if (!put(o, "rows", rows, rows == NULL))
		goto fail;
	for (size_t r = 0; r < t->nrows; r++) {
		const cohort_row *row = &t->rows[r];
		json_object *j = json_object_new_object();
		if (j == NULL || json_object_array_add(rows, j) != 0) {
			json_object_put(j);
			goto fail;
		}
		if (!put_month(j, "cohort", row->cohort) || !put_int(j, "size", row->size) ||
		    !put_num(j, "value", row->value) ||
		    !put_array(j, "retained", NULL, row->retained, row->nk) ||
		    !put_array(j, "value_retained", row->value_retained, NULL, row->nk) ||
		    !put_bool(j, "thin", row->thin))
			goto fail;
		if (row->value_retained != NULL && !put_int(j, "n_value", row->nvalue))
			goto fail;
	}
	mean = json_object_new_object();
	if (!put(o, "mean", mean, mean == NULL) ||
	    !put_array(mean, "n_cohorts", NULL, t->n_cohorts, t->kmax) ||
	    !put_array(mean, "simple", t->mean_simple, NULL, t->kmax) ||
	    !put_array(mean, "weighted", t->mean_weighted, NULL, t->kmax) ||
	    !put_array(mean, "value_simple", t->value_mean_simple, NULL, t->kmax) ||
	    !put_array(mean, "value_weighted", t->value_mean_weighted, NULL, t->kmax))
		goto fail;
	return o;
fail:
	json_object_put(o);
	return NULL;
}

churn_status cohort_to_json_multi(const cohort_result *const *rs, size_t nr,
                                  json_object **out, churn_err *err)
{
	json_object *o = NULL, *all = NULL, *groups, *by, *conv;
	json_object_iter it;
	const cohort_result *r;
	size_t ngroups = 0;

	if (rs == NULL || nr == 0 || rs[0] == NULL || out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cohort json: no result");
	*out = NULL;
	r = rs[0];
	all = triangle_json(&r->all, NULL);
	o = json_object_new_object();
	if (all == NULL || o == NULL)
		goto nomem;
	/* docs/contract.md's keys ("rows") first, then the mean rows and extras. */
	json_object_object_foreachC(all, it)
	{
		if (!put(o, it.key, json_object_get(it.val), 0))
			goto nomem;
	}
	json_object_put(all);
	all = NULL;
	if (!put_day(o, "as_of", r->as_of) || !put_month(o, "first_month", r->first_month) ||
	    !put_month(o, "last_month", r->last_month) || !put_int(o, "min_n", r->min_n) ||
	    !put_int(o, "n_future", r->n_future) || !put_int(o, "n_partial", r->n_partial))
		goto nomem;
	for (size_t j = 0; j < nr; j++)
		ngroups += rs[j]->ngroups;
	groups = json_object_new_array_ext((int)ngroups);
	if (!put(o, "groups", groups, groups == NULL))
		goto nomem;
	if (nr == 1 && r->ngroups > 0 && !put_int(o, "n_group_missing", r->n_group_missing))
		goto nomem;
	by = json_object_new_array_ext((int)nr);
	if (!put(o, "by", by, by == NULL))
		goto nomem;
	for (size_t j = 0; j < nr; j++) {
		const cohort_result *rj = rs[j];
		json_object *b;
		if (rj->group_name == NULL)
			continue;
		b = json_object_new_object();
		if (b == NULL || json_object_array_add(by, b) != 0) {
			json_object_put(b);
			goto nomem;
		}
		if (!put_str(b, "column", rj->group_name) || !put_int(b, "levels", rj->ngroups) ||
		    !put_int(b, "n_group_missing", rj->n_group_missing))
			goto nomem;
		for (size_t g = 0; g < rj->ngroups; g++) {
			json_object *t = triangle_json(&rj->groups[g], rj->group_name);
			if (t == NULL || json_object_array_add(groups, t) != 0) {
				json_object_put(t);
				goto nomem;
			}
		}
	}
	conv = json_object_new_object();
	if (!put(o, "conventions", conv, conv == NULL) ||
	    !put_str(conv, "cohort", "calendar month of the start date") ||
	    !put_str(conv, "retained",
	             "customers not churned by the end of calendar month cohort+k "
	             "(k = 0 the signup month); months ended by as-of only") ||
	    !put_str(conv, "month_ended", "a month has ended when as-of is on or after its last day") ||
	    !put_str(conv, "mean_simple",
	             "mean over cohorts having month k and size > 0 of retained[k]/size") ||
	    !put_str(conv, "mean_weighted",
	             "sum of retained[k] / sum of size over cohorts having month k") ||
	    !put_str(conv, "thin", "size below min_n"))
		goto nomem;
	*out = o;
	return CHURN_OK;
nomem:
	json_object_put(all);
	json_object_put(o);
	return churn_err_set(err, CHURN_ENOMEM, "cohort json: out of memory");
}

churn_status cohort_to_json(const cohort_result *r, json_object **out, churn_err *err)
{
	return cohort_to_json_multi(&r, 1, out, err);
}

static int period_json(json_object *a, const kpi_row *p)
{
	const revenue_period *m = &p->mrr;
	json_object *o = json_object_new_object();
	if (o == NULL || json_object_array_add(a, o) != 0) {
		json_object_put(o);
		return 0;
	}
	return put_str(o, "period", p->label) &&
	       put_str(o, "kind", p->period.kind == KPI_QUARTER ? "quarter" : "month") &&
	       put_day(o, "first_day", p->first_day) && put_day(o, "last_day", p->last_day) &&
	       put_int(o, "start", p->n_start) && put_int(o, "new", p->n_new) &&
	       put_int(o, "churned", p->n_churned) && put_int(o, "end", p->n_end) &&
	       put_int(o, "churned_from_start", p->n_churned_start) &&
	       put_int(o, "same_period", p->n_same_period) &&
	       put_num(o, "churn_rate", p->churn_rate) &&
	       put_num(o, "retention_rate", p->retention_rate) &&
	       put_num(o, "mrr_start", m->mrr_start) && put_num(o, "mrr_new", m->mrr_new) &&
	       put_num(o, "mrr_expansion", m->mrr_expansion) &&
	       put_num(o, "mrr_contraction", m->mrr_contraction) &&
	       put_num(o, "mrr_churned", m->mrr_churned) &&
	       put_num(o, "mrr_reactivation", m->mrr_reactivation) &&
	       put_num(o, "mrr_churn_change", m->mrr_churn_change) &&
	       put_num(o, "mrr_end", m->mrr_end) && put_num(o, "grr", m->grr) &&
	       put_num(o, "nrr", m->nrr) && put_num(o, "gross_mrr_churn", m->gross_mrr_churn) &&
	       put_num(o, "net_mrr_churn", m->net_mrr_churn) &&
	       put_num(o, "quick_ratio", m->quick_ratio) && put_num(o, "arpa", m->arpa) &&
	       put_num(o, "ltv", m->ltv) && put_num(o, "ltv_churn_rate", m->ltv_churn_rate) &&
	       put_int(o, "ltv_months", m->ltv_months) &&
	       (m->covered ? put_int(o, "paying_start", m->n_start) &&
	                         put_int(o, "paying_end", m->n_end)
	                   : put(o, "paying_start", NULL, 0) && put(o, "paying_end", NULL, 0));
}

static int reporting_json(json_object *o, const kpi_result *r)
{
	const kpi_change *c = &r->change;
	json_object *rep, *ch, *test;

	if (!c->has_current)
		return put(o, "reporting", NULL, 0);
	rep = json_object_new_object();
	if (!put(o, "reporting", rep, rep == NULL) || !put_str(rep, "period", c->current.label) ||
	    !(c->has_previous ? put_str(rep, "previous", c->previous.label)
	                      : put(rep, "previous", NULL, 0)))
		return 0;
	ch = json_object_new_object();
	test = json_object_new_object();
	if (!put(rep, "change", ch, ch == NULL) || !put(rep, "churn_rate_test", test, test == NULL))
		return 0;
	return put_num(ch, "start", c->d_start) && put_num(ch, "new", c->d_new) &&
	       put_num(ch, "churned", c->d_churned) && put_num(ch, "end", c->d_end) &&
	       put_num(ch, "churn_rate", c->d_churn_rate) &&
	       put_num(ch, "retention_rate", c->d_retention_rate) &&
	       put_num(ch, "mrr_churned", c->d_mrr_churned) && put_num(ch, "grr", c->d_grr) &&
	       put_num(ch, "nrr", c->d_nrr) &&
	       put_str(test, "method",
	               "two-proportion z test, pooled, no continuity correction, two-sided") &&
	       put_num(test, "z", c->z) && put_num(test, "p", c->p_value) &&
	       put_bool(test, "ok", c->test_ok) && put_str(test, "note", c->test_note);
}

static int cost_json(json_object *o, const kpi_result *r)
{
	const revenue_cost *c = &r->cost;
	json_object *j;
	if (!r->has_cost)
		return put(o, "cost_of_churn", NULL, 0);
	j = json_object_new_object();
	return put(o, "cost_of_churn", j, j == NULL) &&
	       put_str(j, "period", r->change.current.label) &&
	       put_num(j, "mrr_churned", c->mrr_churned) &&
	       put_int(j, "customers_lost", c->customers_lost) &&
	       put_num(j, "months_per_year", c->months_per_year) &&
	       put_num(j, "annual_value", c->annual_value) &&
	       put_num(j, "expansion_rate", c->expansion_rate) &&
	       put_num(j, "lost_expansion", c->lost_expansion) && put_num(j, "cac", c->cac) &&
	       put_bool(j, "cac_known", c->cac_known) && put_num(j, "sunk_cac", c->sunk_cac) &&
	       put_num(j, "total", c->total);
}

churn_status kpi_to_json(const kpi_result *r, json_object **out, churn_err *err)
{
	static const char *const source[] = {"none", "constant", "history"};
	json_object *o, *periods;

	if (r == NULL || out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "kpi json: no result");
	*out = NULL;
	o = json_object_new_object();
	if (o == NULL)
		goto nomem;
	periods = json_object_new_array_ext((int)(r->nmonths + r->nquarters));
	if (!put(o, "periods", periods, periods == NULL))
		goto nomem;
	for (size_t j = 0; j < r->nmonths; j++)
		if (!period_json(periods, &r->months[j]))
			goto nomem;
	for (size_t j = 0; j < r->nquarters; j++)
		if (!period_json(periods, &r->quarters[j]))
			goto nomem;
	if (!put_day(o, "as_of", r->as_of) ||
	    !put_bool(o, "exclude_same_period", r->exclude_same_period) ||
	    !put_str(o, "mrr_source", source[r->mrr_source]) ||
	    !put_int(o, "ltv_months", r->ltv_months) || !reporting_json(o, r) ||
	    !cost_json(o, r))
		goto nomem;
	*out = o;
	return CHURN_OK;
nomem:
	json_object_put(o);
	return churn_err_set(err, CHURN_ENOMEM, "kpi json: out of memory");
}

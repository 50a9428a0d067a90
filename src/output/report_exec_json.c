/* report_exec_json.c - the trend and the MRR bridge of the executive
 * summary in the report's JSON (report_exec_json.h). */
#include "config.h"

#include <math.h>

#include "churnkit/jsonout.h"
#include "churnkit/report_exec_json.h"

static int add(json_object *o, const char *key, json_object *v)
{
	return json_object_object_add(o, key, v) == 0;
}

static json_object *trend_json(const kpi_result *k)
{
	const kpi_row *first = NULL;
	size_t n = kpi_trend(k, &first);
	json_object *a = json_object_new_array();

	for (size_t i = 0; a && i < n; i++) {
		const kpi_row *r = &first[i];
		json_object *p = json_object_new_object();
		if (p == NULL || json_object_array_add(a, p) != 0) {
			json_object_put(p);
			json_object_put(a);
			return NULL;
		}
		int cov = r->mrr.covered;
		add(p, "period", json_object_new_string(r->label));
		add(p, "customers_end", json_object_new_int64((int64_t)r->n_end));
		add(p, "mrr_end", json_num(cov ? r->mrr.mrr_end : NAN));
		add(p, "churn_rate", json_num(r->churn_rate));
		add(p, "grr", json_num(cov ? r->mrr.grr : NAN));
		add(p, "nrr", json_num(cov ? r->mrr.nrr : NAN));
	}
	return a;
}

static json_object *bridge_json(const kpi_result *k)
{
	if (k == NULL || !k->change.has_current || !k->change.current.mrr.covered)
		return NULL;
	const revenue_period *m = &k->change.current.mrr;
	json_object *b = json_object_new_object();
	if (b == NULL)
		return NULL;
	add(b, "period", json_object_new_string(k->change.current.label));
	add(b, "source", json_object_new_string(k->mrr_source == KPI_MRR_HISTORY ? "history"
	                                                                         : "constant"));
	add(b, "start", json_num(m->mrr_start));
	add(b, "new", json_num(m->mrr_new));
	add(b, "expansion", json_num(m->mrr_expansion));
	add(b, "contraction", json_num(m->mrr_contraction));
	add(b, "churned", json_num(m->mrr_churned));
	add(b, "reactivation", json_num(m->mrr_reactivation));
	add(b, "churn_change", json_num(m->mrr_churn_change));
	add(b, "end", json_num(m->mrr_end));
	return b;
}

int report_exec_json_add(json_object *rep, const kpi_result *k)
{
	json_object *t = trend_json(k);
	if (t == NULL)
		return 0;
	add(rep, "trend", t);
	json_object *b = bridge_json(k);
	if (b == NULL && k && k->change.has_current && k->change.current.mrr.covered)
		return 0;
	add(rep, "bridge", b);
	return 1;
}

/* cohort_run_out.c - the cohort stage's renderings (include/churnkit/
 * cohort_run.h): text summary, "cohorts"/"kpis"/"revenue" JSON and --tables
 * files of a fitted cohort_run (src/cohort/cohort_run.c computes, renders
 * nothing). */
#include "config.h"

#include "churnkit/cohort_run.h"

#include "churnkit/cohort_output.h"
#include "churnkit/cohort_revenue_out.h"
#include "churnkit/date.h"
#include "churnkit/jsonout.h"
#include "churnkit/outfile.h"

#include <json-c/json.h>
#include <stdio.h>

churn_status cohort_run_print(const cohort_run *c, FILE *f, churn_err *err)
{
	const revhist *r = c->rev;
	if (r != NULL) {
		char zero[96] = "";
		if (r->rows_churn_zero > 0)
			snprintf(zero, sizeof zero, ", %ld of no MRR at or after churn, taken as the churn",
			         r->rows_churn_zero);
		fprintf(f, "Revenue history: %s, %zu rows used of %ld read (%ld rejected%s); columns "
		           "%s (id), %s (month), %s (MRR)%s\n", c->revenue_path, r->n, r->rows_read,
		        r->rows_rejected, zero, r->id_col, r->month_col, r->mrr_col,
		        r->by_position ? ", taken by position" : "");
	}
	fputc('\n', f);
	return cohort_print_text_multi(f, (const cohort_result *const *)c->coh, c->ncoh, c->kpi,
	                               err);
}

static json_object *revenue_json(const revhist *v, const char *path)
{
	json_object *o = json_object_new_object(), *cols = json_object_new_object(),
	            *reasons = json_object_new_object();
	char m[8];
	json_object_object_add(o, "file", json_object_new_string(path));
	json_object_object_add(o, "rows_read", json_object_new_int64(v->rows_read));
	json_object_object_add(o, "rows_used", json_object_new_int64((int64_t)v->n));
	json_object_object_add(o, "rows_rejected", json_object_new_int64(v->rows_rejected));
	/* rows of 0 or no MRR in or after the churn month: the churn itself */
	json_object_object_add(o, "rows_churn_zero", json_object_new_int64(v->rows_churn_zero));
	for (int k = 0; k < REVHIST_NREASONS; k++)
		if (v->by_reason[k] > 0)
			json_object_object_add(reasons, revhist_reason_name((revhist_reason)k),
			                       json_object_new_int64(v->by_reason[k]));
	json_object_object_add(o, "rejected_by_reason", reasons);
	json_object_object_add(cols, "id", json_object_new_string(v->id_col));
	json_object_object_add(cols, "month", json_object_new_string(v->month_col));
	json_object_object_add(cols, "mrr", json_object_new_string(v->mrr_col));
	json_object_object_add(cols, "by_position", json_object_new_boolean(v->by_position));
	json_object_object_add(o, "columns", cols);
	json_object_object_add(o, "first_month", v->n > 0 ? json_object_new_string(
	                                                        date_format_month(v->first_month, m))
	                                                  : NULL);
	json_object_object_add(o, "last_month", v->n > 0 ? json_object_new_string(
	                                                       date_format_month(v->last_month, m))
	                                                 : NULL);
	return o;
}

churn_status cohort_run_json(const cohort_run *c, void *root_, churn_err *err)
{
	json_object *root = root_, *data = NULL, *coh = NULL, *kpi = NULL;
	churn_status st;

	st = cohort_to_json_multi((const cohort_result *const *)c->coh, c->ncoh, &coh, err);
	if (st == CHURN_OK)
		st = kpi_to_json(c->kpi, &kpi, err);
	if (st != CHURN_OK) {
		json_object_put(coh);
		return st;
	}
	if (c->revcoh != NULL) {
		json_object *rr = cohort_revenue_json(c->revcoh);
		if (rr == NULL) {
			json_object_put(coh);
			json_object_put(kpi);
			return churn_err_set(err, CHURN_ENOMEM, "cohort json: out of memory");
		}
		json_object_object_add(coh, "revenue_retention", rr);
	}
	if (c->rev != NULL && json_object_object_get_ex(root, "data", &data))
		json_object_object_add(data, "revenue", revenue_json(c->rev, c->revenue_path));
	json_object_object_add(root, "cohorts", coh);
	json_object_object_add(root, "kpis", kpi);
	return CHURN_OK;
}

churn_status cohort_run_write_tables(const cohort_run *c, const table_dest *d,
                                     churn_err *err)
{
	churn_status st = table_dest_mkdir(d, err);

	if (st != CHURN_OK)
		return st;
	st = cohort_write_tables_multi(d, (const cohort_result *const *)c->coh, c->ncoh, c->kpi,
	                               err);
	if (st == CHURN_OK && c->revcoh != NULL)
		st = cohort_revenue_write_csv(d, c->revcoh, err);
	return st;
}

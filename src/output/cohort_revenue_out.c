/* cohort_revenue_out.c - JSON and CSV of the revenue retention by cohort;
 * see include/churnkit/cohort_revenue_out.h. */
#include "config.h"

#include "churnkit/cohort_revenue_out.h"

#include "churnkit/date.h"
#include "churnkit/jsonout.h"
#include "churnkit/tablecsv.h"

#include <json-c/json.h>
#include <stdio.h>

static json_object *num_array(const double *d, size_t n)
{
	json_object *a = json_object_new_array_ext((int)n);
	for (size_t i = 0; a != NULL && i < n; i++)
		json_object_array_add(a, json_num(d[i]));
	return a;
}

static json_object *month_or_null(int32_t m, int known)
{
	char b[8];
	return known ? json_object_new_string(date_format_month(m, b)) : NULL;
}

void *cohort_revenue_json(const cohort_revenue *r)
{
	json_object *o = json_object_new_object(), *rows, *mean, *nc;
	int known = r->history_first <= r->history_last;
	char b[8];

	if (o == NULL)
		return NULL;
	json_object_object_add(o, "mrr", json_object_new_string("revenue history"));
	json_object_object_add(o, "history_first_month", month_or_null(r->history_first, known));
	json_object_object_add(o, "history_last_month", month_or_null(r->history_last, known));
	rows = json_object_new_array_ext((int)r->nrows);
	json_object_object_add(o, "rows", rows);
	for (size_t i = 0; rows != NULL && i < r->nrows; i++) {
		const cohort_revenue_row *row = &r->rows[i];
		json_object *j = json_object_new_object();
		json_object_array_add(rows, j);
		json_object_object_add(j, "cohort",
		                       json_object_new_string(date_format_month(row->cohort, b)));
		json_object_object_add(j, "size", json_object_new_int64((int64_t)row->size));
		json_object_object_add(j, "mrr", num_array(row->mrr, row->nk));
		json_object_object_add(j, "retention", num_array(row->retention, row->nk));
	}
	mean = json_object_new_object();
	json_object_object_add(o, "mean", mean);
	nc = json_object_new_array_ext((int)r->kmax);
	for (size_t k = 0; nc != NULL && k < r->kmax; k++)
		json_object_array_add(nc, json_object_new_int64((int64_t)r->n_cohorts[k]));
	json_object_object_add(mean, "n_cohorts", nc);
	json_object_object_add(mean, "weighted", num_array(r->mean_weighted, r->kmax));
	return o;
}

churn_status cohort_revenue_write_csv(const table_dest *d, const cohort_revenue *r,
                                      churn_err *err)
{
	table_csv c;
	char col[32], b[8];
	churn_status st = table_csv_open(&c, d, "cohorts_mrr_retention.csv", err);

	if (st != CHURN_OK)
		return st;
	table_csv_word(&c, "cohort,size,mrr0");
	for (size_t k = 0; k < r->kmax; k++) {
		snprintf(col, sizeof col, "m%zu", k);
		table_csv_word(&c, col);
	}
	table_csv_end_row(&c);
	for (size_t i = 0; i < r->nrows; i++) {
		const cohort_revenue_row *row = &r->rows[i];
		table_csv_text(&c, date_format_month(row->cohort, b));
		table_csv_count(&c, row->size);
		table_csv_money(&c, row->mrr[0]);
		for (size_t k = 0; k < r->kmax; k++) {
			if (k < row->nk)
				table_csv_pct(&c, row->retention[k]);
			else
				table_csv_empty(&c);
		}
		table_csv_end_row(&c);
	}
	table_csv_text(&c, "mean (MRR-weighted)");
	table_csv_empty(&c);
	table_csv_empty(&c);
	for (size_t k = 0; k < r->kmax; k++)
		table_csv_pct(&c, r->mean_weighted[k]);
	table_csv_end_row(&c);
	return table_csv_close(&c, err);
}

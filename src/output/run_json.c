/* run_json.c - the JSON document of a command's run; see
 * include/churnkit/run_json.h. */
#include "churnkit/run_json.h"

#include <stdint.h>

#include "churnkit/date.h"
#include "churnkit/jsonout.h"
#include "churnkit/scores_out.h"

json_object *run_json_data(const load_result *r, const load_map *map)
{
	char b[11];
	json_object *data = json_object_new_object();
	json_object *reasons = json_object_new_object();

	/* The hash of the bytes parsed (load.h), as the report's appendix prints. */
	json_object_object_add(data, "sha256", json_object_new_string(r->sha256));
	json_object_object_add(data, "rows_read", json_object_new_int64(r->rows_read));
	json_object_object_add(data, "rows_used", json_object_new_int64((int64_t)r->t->nrows));
	json_object_object_add(data, "rows_rejected", json_object_new_int64(r->rows_rejected));
	json_object_object_add(data, "lines_rejected", json_object_new_int64(r->lines_rejected));
	/* --where and --rollup (docs/inputs.md): only when given. */
	if (map->nwhere > 0)
		json_object_object_add(data, "rows_filtered", json_object_new_int64(r->rows_filtered));
	if (r->rolled_up) {
		json_object_object_add(data, "customers", json_object_new_int64(r->customers));
		json_object_object_add(data, "reactivations", json_object_new_int64(r->reactivations));
		json_object_object_add(data, "customers_reactivated",
		                       json_object_new_int64(r->customers_reactivated));
	}
	/* --weight: the customers the rows stand for, and the rows that stand
	 * for nobody (docs/contract.md). */
	if (map->weight != NULL) {
		size_t zero;
		json_object *w = json_object_new_object();
		json_object_object_add(w, "column", json_object_new_string(map->weight));
		json_object_object_add(w, "customers", json_num(load_customer_count(r, map->weight, &zero)));
		json_object_object_add(w, "rows_weight_zero", json_object_new_int64((int64_t)zero));
		json_object_object_add(data, "weighted", w);
	}
	for (int k = 0; k < LOAD_NREASONS; k++)
		if (r->by_reason[k] > 0)
			json_object_object_add(reasons, load_reason_name((load_reason)k),
			                       json_object_new_int64(r->by_reason[k]));
	json_object_object_add(data, "rejected_by_reason", reasons);
	json_object_object_add(data, "as_of", r->as_of == TABLE_DATE_NA ? NULL
	                       : json_object_new_string(date_format(r->as_of, b)));
	return data;
}

json_object *run_json_root(const load_result *r, const load_map *map, const char *version)
{
	json_object *root = json_object_new_object();

	json_object_object_add(root, "tool", json_tool(version));
	json_object_object_add(root, "data", run_json_data(r, map));
	return root;
}

json_object *run_json_check_root(const profile *p, const char *version)
{
	json_object *root = json_object_new_object();

	json_object_object_add(root, "tool", json_tool(version));
	json_object_object_add(root, "data", profile_json(p));
	return root;
}

churn_status run_json_add_score(const model_run *m, const scores *s, const char *path,
                                const segment_run *g, const table *t, const char *id_col,
                                json_object *root, churn_err *err)
{
	churn_status st = model_run_json(m, root, err);

	if (st != CHURN_OK)
		return st;
	json_object_object_add(root, "scores", scores_out_json(m, s, path));
	segment_run_json(g, t, id_col, root);
	return CHURN_OK;
}

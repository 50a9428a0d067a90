/*
 * run_json.h - the JSON document every command's --json writes (docs/
 * outputs.md): {"tool": {...}, "data": {...}} for the loaded input, to
 * which each stage adds its objects (surv_run_json, cohort_run_json,
 * model_run_json, segment_run_json, ...).
 *
 * Ownership: the inputs are borrowed; the objects returned are the
 * caller's (json_object_put).
 */
#ifndef CHURNKIT_RUN_JSON_H
#define CHURNKIT_RUN_JSON_H

#include <json-c/json.h>

#include "churnkit/err.h"
#include "churnkit/load.h"
#include "churnkit/model_run.h"
#include "churnkit/profile.h"
#include "churnkit/scores.h"
#include "churnkit/segment_run.h"

/* The "data" block of a loaded input: sha256, rows_read, rows_used,
 * rows_rejected, lines_rejected; rows_filtered when map has a --where;
 * customers, reactivations and customers_reactivated after --rollup;
 * with --weight, weighted: {column, customers (the sum of the weights),
 * rows_weight_zero (rows standing for nobody)};
 * rejected_by_reason (the reasons seen) and as_of (null when none). */
json_object *run_json_data(const load_result *r, const load_map *map);

/* A new document {"tool": json_tool(version), "data": run_json_data}. */
json_object *run_json_root(const load_result *r, const load_map *map, const char *version);

/* The check command's document: {"tool": ..., "data": profile_json(p)}. */
json_object *run_json_check_root(const profile *p, const char *version);

/* Adds the score command's objects to root: the model's (model_run_json),
 * "scores" (scores_out_json, with the file written to path) and the
 * segments' (segment_run_json, naming accounts by table t's column id_col).
 * On failure root holds part of them. */
churn_status run_json_add_score(const model_run *m, const scores *s, const char *path,
                                const segment_run *g, const table *t, const char *id_col,
                                json_object *root, churn_err *err);

#endif

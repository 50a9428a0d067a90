/* segment_run_out.c - the segment stage's renderings (include/churnkit/
 * segment_run.h): the "segments" and "at_risk_accounts" JSON and
 * segments.csv (src/segment/segment_run.c computes, renders nothing). */
#include "config.h"

#include "churnkit/segment_run.h"

#include "churnkit/jsonout.h"
#include "churnkit/outfile.h"
#include "churnkit/tablecsv.h"

#include <json-c/json.h>
#include <stdio.h>

#define SEGMENT_RUN_JSON_ACCOUNTS 30  /* at-risk accounts in the JSON */

static json_object *cell_json(const segment_cell *c)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "value", json_object_new_string(segment_value_name(c->value)));
	json_object_object_add(o, "risk", json_object_new_string(
		c->risk == SCORE_BAND_NONE ? "not_scored" : score_band_name(c->risk)));
	json_object_object_add(o, "label", json_object_new_string(segment_label(c->value,
	                                                                          c->risk)));
	json_object_object_add(o, "customers", json_object_new_int64((int64_t)c->customers));
	json_object_object_add(o, "mrr", json_num(c->mrr));
	json_object_object_add(o, "expected_churners", json_num(c->expected_churners));
	json_object_object_add(o, "expected_mrr_loss", json_num(c->expected_mrr_loss));
	json_object_object_add(o, "expected_revenue_loss", json_num(c->expected_revenue_loss));
	json_object_object_add(o, "incentive_customers",
	                       json_object_new_int64((int64_t)c->incentive_customers));
	json_object_object_add(o, "incentive_cost", json_num(c->incentive_cost));
	json_object_object_add(o, "incentive_saving", json_num(c->incentive_saving));
	json_object_object_add(o, "incentive_net", json_num(c->incentive_net));
	if (c->playbook) {
		json_object_object_add(o, "playbook", json_object_new_string(c->playbook->headline));
		json_object_object_add(o, "playbook_text", json_object_new_string(c->playbook->text));
	}
	return o;
}

void segment_run_json(const segment_run *g, const table *t, const char *id_col, void *rootp)
{
	json_object *root = rootp, *a = json_object_new_array();
	const table_col *id = id_col ? table_find(t, id_col) : NULL;
	json_object *list = json_object_new_array();

	json_object_object_add(root, "segments", a);
	json_object_object_add(root, "at_risk_accounts", list);
	if (g->r == NULL)
		return;
	json_object *rules = json_object_new_object();
	json_object_object_add(rules, "value_tiers", json_object_new_string(
		g->r->has_value ? "high: value >= q80, low: value < q50 (R type-7 quantiles of the "
		                  "active customers' known values)" : "one tier: no value"));
	json_object_object_add(rules, "q50", json_num(g->r->q50));
	json_object_object_add(rules, "q80", json_num(g->r->q80));
	json_object_object_add(rules, "horizon_months", json_num(g->r->horizon_months));
	json_object_object_add(rules, "horizon_assumed", json_object_new_boolean(g->horizon_assumed));
	json_object_object_add(rules, "offer_effect", json_num(g->r->offer_effect));
	json_object_object_add(rules, "incentive_months", json_num(g->r->incentive_months));
	json_object_object_add(rules, "incentive_min_probability", json_num(g->r->incentive_p));
	json_object_object_add(rules, "customers_beyond_the_data",
	                       json_object_new_int64((int64_t)g->nbeyond));
	json_object_object_add(root, "segment_rules", rules);
	for (size_t i = 0; i < g->r->ncells; i++)
		json_object_array_add(a, cell_json(&g->r->cells[i]));
	for (size_t k = 0, kept = 0; k < g->r->ntop && kept < SEGMENT_RUN_JSON_ACCOUNTS; k++) {
		const segment_customer *c = &g->r->customers[g->r->top[k]];
		if (!segment_band_at_risk(c->risk))
			continue;
		kept++;
		json_object *o = json_object_new_object();
		if (id && id->kind == TABLE_CAT && id->codes[c->row] != TABLE_CODE_NA)
			json_object_object_add(o, "id",
			                       json_object_new_string(id->levels[id->codes[c->row]]));
		else if (id && id->kind == TABLE_NUM)
			json_object_object_add(o, "id", json_num(id->num[c->row]));
		if (g->r->weighted)  /* the customers the row stands for */
			json_object_object_add(o, "weight", json_object_new_int64((int64_t)c->weight));
		json_object_object_add(o, "value", json_num(c->value));
		json_object_object_add(o, "churn_probability", json_num(c->p));
		json_object_object_add(o, "expected_mrr_loss", json_num(c->expected_mrr_loss));
		json_object_object_add(o, "segment",
		                       json_object_new_string(segment_customer_label(g->r,
		                                                                     g->r->top[k])));
		json_object_object_add(o, "recommended_action",
		                       json_object_new_string(segment_customer_action(g->r,
		                                                                      g->r->top[k])));
		json_object_array_add(list, o);
	}
}

churn_status segment_run_write_tables(const segment_run *g, const table_dest *d,
                                      churn_err *err)
{
	table_csv f;
	churn_status st;

	if (g->r == NULL)
		return CHURN_OK;
	if ((st = table_dest_mkdir(d, err)) != CHURN_OK)
		return st;
	if ((st = table_csv_open(&f, d, "segments.csv", err)) != CHURN_OK)
		return st;
	table_csv_header(&f, "value_tier,risk,segment,customers,mrr,expected_churners,"
	                     "expected_mrr_loss,expected_revenue_loss,incentive_customers,"
	                     "incentive_cost,incentive_saving,incentive_net,playbook,playbook_text");
	for (size_t i = 0; i < g->r->ncells; i++) {
		const segment_cell *c = &g->r->cells[i];
		const double loss[] = { c->expected_mrr_loss, c->expected_revenue_loss };
		const double inc[] = { c->incentive_cost, c->incentive_saving, c->incentive_net };
		table_csv_word(&f, segment_value_name(c->value));
		table_csv_word(&f, c->risk == SCORE_BAND_NONE ? "not_scored"
		                                              : score_band_name(c->risk));
		table_csv_text(&f, segment_label(c->value, c->risk));
		table_csv_count(&f, c->customers);
		table_csv_money(&f, c->mrr);
		table_csv_num(&f, c->expected_churners);
		for (size_t k = 0; k < 2; k++)
			table_csv_money(&f, loss[k]);
		table_csv_count(&f, c->incentive_customers);
		for (size_t k = 0; k < 3; k++)
			table_csv_money(&f, inc[k]);
		table_csv_text(&f, c->playbook ? c->playbook->headline : "");
		table_csv_text(&f, c->playbook ? c->playbook->text : "");
		table_csv_end_row(&f);
	}
	return table_csv_close(&f, err);
}

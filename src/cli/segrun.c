/* segrun.c - the segments stage of the command line (segrun.h). */
#include "config.h"

#include "segrun.h"

#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "churnkit/jsonout.h"
#include "churnkit/outfile.h"
#include "churnkit/sheet.h"

#define SEGRUN_JSON_ACCOUNTS 30  /* at-risk accounts in the JSON */
#define SEGRUN_TOP_N 200         /* top accounts by expected loss, of which the
                                    medium- and high-risk ones are shown */

churn_status segrun_options(segrun *g, const cli_opts *o, churn_err *err)
{
	churn_status st;

	memset(g, 0, sizeof *g);
	segment_opts_init(&g->so);
	g->so.top_n = SEGRUN_TOP_N;
	if ((st = opt_double(o, OPT_OFFER_EFFECT, 0, 1, &g->so.offer_effect, err)) != CHURN_OK)
		return st;
	if ((st = opt_double(o, OPT_INCENTIVE_MONTHS, 0, 1200, &g->so.incentive_months, err)) !=
	    CHURN_OK)
		return st;
	if ((st = opt_list(o, OPT_DRIVER, &g->driver_opts, &g->ndrivers, err)) != CHURN_OK)
		return st;
	if (g->ndrivers == 0)
		return CHURN_OK;
	g->map = calloc(g->ndrivers, sizeof *g->map);
	if (g->map == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t i = 0; i < g->ndrivers; i++) {
		char *eq = strrchr(g->driver_opts[i], '=');
		char where[300];
		if (eq == NULL || eq == g->driver_opts[i])
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--driver '%s'%s: expected COL=KIND", g->driver_opts[i],
			                     opt_origin(o, OPT_DRIVER, where, sizeof where));
		*eq = '\0';
		g->map[i].column = g->driver_opts[i];
		if ((st = segment_driver_parse(eq + 1, &g->map[i].kind, err)) != CHURN_OK) {
			churn_err e2;
			churn_err_set(&e2, CHURN_EUSAGE, "--driver %s=%s%s: %s", g->driver_opts[i],
			              eq + 1, opt_origin(o, OPT_DRIVER, where, sizeof where), err->msg);
			*err = e2;
			return CHURN_EUSAGE;
		}
	}
	for (size_t i = 0; i < g->ndrivers; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(g->map[i].column, g->map[j].column) == 0)
				return churn_err_set(err, CHURN_EUSAGE,
				                     "--driver names column '%s' twice", g->map[i].column);
	g->so.drivers = g->map;
	g->so.ndrivers = g->ndrivers;
	return CHURN_OK;
}

churn_status segrun_build(segrun *g, const modelrun *m, const cmd_data *d, const scores *s,
                          churn_err *err)
{
	const table *t = d->res->t;
	churn_status st;

	g->nbeyond = s->nbeyond;
	if (d->map.value) {
		const table_col *c = table_find(t, d->map.value);
		if (c && c->kind == TABLE_NUM)
			g->value = malloc((t->nrows ? t->nrows : 1) * sizeof *g->value);
		if (c && c->kind == TABLE_NUM && g->value == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		if (g->value)
			memcpy(g->value, c->num, t->nrows * sizeof *g->value);
	}
	/* A --driver column must be a column of the data. */
	for (size_t i = 0; i < g->ndrivers; i++)
		if (table_find(t, g->map[i].column) == NULL)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--driver %s=%s: the data has no column '%s'",
			                     g->map[i].column, segment_driver_name(g->map[i].kind),
			                     g->map[i].column);
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
	/* The scores' horizon in months: --horizon on dated data.  A given
	 * churn flag, or durations of unknown unit, have none: the revenue
	 * figures then assume 12 months, and say so (horizon_assumed). */
	g->horizon_assumed = !(m->horizon_given && m->sd && d->res->date_mode);
	g->so.horizon_months = g->horizon_assumed ? SEGMENT_HORIZON_DEFAULT : m->horizon;
	st = segment_build(s, modelrun_score_design(m), t, g->value, &g->so, &g->r, err);
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

void segrun_json(const segrun *g, const cmd_data *d, void *rootp)
{
	json_object *root = rootp, *a = json_object_new_array();
	const table *t = d->res->t;
	const table_col *id = d->map.id ? table_find(t, d->map.id) : NULL;
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
	for (size_t k = 0, kept = 0; k < g->r->ntop && kept < SEGRUN_JSON_ACCOUNTS; k++) {
		const segment_customer *c = &g->r->customers[g->r->top[k]];
		if (c->risk != SCORE_BAND_MEDIUM && c->risk != SCORE_BAND_HIGH)
			continue;   /* at risk: medium or high */
		kept++;
		json_object *o = json_object_new_object();
		if (id && id->kind == TABLE_CAT && id->codes[c->row] != TABLE_CODE_NA)
			json_object_object_add(o, "id",
			                       json_object_new_string(id->levels[id->codes[c->row]]));
		else if (id && id->kind == TABLE_NUM)
			json_object_object_add(o, "id", json_num(id->num[c->row]));
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

churn_status segrun_write_tables(const segrun *g, const char *dir, outset *outs,
                                 churn_err *err)
{
	char path[4096];
	outfile *of = NULL;
	churn_status st;

	if (g->r == NULL)
		return CHURN_OK;
	if ((st = cmd_tables_dir(dir, outs, err)) != CHURN_OK)
		return st;
	if ((size_t)snprintf(path, sizeof path, "%s/segments.csv", dir) >= sizeof path)
		return churn_err_at(err, CHURN_EIO, dir, 0, 0, "--tables: path too long");
	if ((st = outfile_open(outs, path, &of, err)) != CHURN_OK)
		return st;
	FILE *f = outfile_stream(of);
	fputs("value_tier,risk,segment,customers,mrr,expected_churners,expected_mrr_loss,"
	      "expected_revenue_loss,incentive_customers,incentive_cost,incentive_saving,"
	      "incentive_net,playbook,playbook_text\n", f);
	for (size_t i = 0; i < g->r->ncells; i++) {
		const segment_cell *c = &g->r->cells[i];
		const double num[] = { c->mrr, c->expected_churners, c->expected_mrr_loss,
		                       c->expected_revenue_loss };
		const double inc[] = { c->incentive_cost, c->incentive_saving, c->incentive_net };
		fprintf(f, "%s,%s,", segment_value_name(c->value),
		        c->risk == SCORE_BAND_NONE ? "not_scored" : score_band_name(c->risk));
		sheet_text(f, segment_label(c->value, c->risk));
		fprintf(f, ",%zu", c->customers);
		for (size_t k = 0; k < 4; k++) {
			fputc(',', f);
			sheet_num(f, num[k]);
		}
		fprintf(f, ",%zu", c->incentive_customers);
		for (size_t k = 0; k < 3; k++) {
			fputc(',', f);
			sheet_num(f, inc[k]);
		}
		fputc(',', f);
		sheet_text(f, c->playbook ? c->playbook->headline : "");
		fputc(',', f);
		sheet_text(f, c->playbook ? c->playbook->text : "");
		fputc('\n', f);
	}
	if (ferror(f)) {
		outfile_abort(of);
		return churn_err_at(err, CHURN_EIO, path, 0, 0, "write error");
	}
	return outfile_commit(of, err);
}

void segrun_free(segrun *g)
{
	if (g == NULL)
		return;
	segment_result_free(g->r);
	opt_list_free(g->driver_opts);
	free(g->map);
	free(g->value);
	free((void *)g->labels);
	free((void *)g->actions);
	memset(g, 0, sizeof *g);
}

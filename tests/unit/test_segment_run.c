/* test_segment_run.c - the segments runner (segment_run.h) on tables built
 * here: the 12-month horizon assumed without a horizon in months (and the
 * given one used otherwise), one value tier when no customer has a value,
 * a driver override naming no column, the labels and actions per entry,
 * the customers beyond the data, and the JSON's at-risk accounts (medium
 * or high risk only, at most 30, named by the id column). */
#include "churnkit/segment_run.h"
#include "tablebuild.h"
#include "tap.h"

#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 40

/* Scores of the n rows with probability p[k] for row k, riskiest first. */
static scores *make_scores(size_t n, const double *p)
{
	scores *s = calloc(1, sizeof *s);
	s->rows = calloc(n, sizeof *s->rows);
	s->n = n;
	for (size_t k = 0; k < n; k++) {
		score_entry *e = &s->rows[k];
		e->row = k;
		e->s.prob = p[k];
		e->s.driver = -1;
		e->s.status = DESIGN_ROW_OK;
		e->band = score_band_of(p[k]);
		s->nband[e->band]++;
	}
	return s;
}

static void free_scores(scores *s)
{
	if (s != NULL)
		free(s->rows);
	free(s);
}

int main(void)
{
	double p[N], mrr[N];
	segment_opts so;
	segment_run g;
	segment_run_input in;
	churn_err err;

	/* Riskiest first: 35 high (0.9 down to 0.55), 5 low (0.1). */
	for (size_t k = 0; k < N; k++) {
		p[k] = k < 35 ? 0.9 - 0.01 * (double)k : 0.1;
		mrr[k] = 10 + (double)k;
	}
	table *t = tb_ids(N, "id", "mrr", mrr);
	scores *s = make_scores(N, p);
	s->nbeyond = 3;

	segment_opts_init(&so);
	so.top_n = SEGMENT_RUN_TOP_N;
	memset(&in, 0, sizeof in);
	in.t = t;
	in.value_col = "mrr";
	in.s = s;

	/* No horizon in months: 12 assumed. */
	memset(&g, 0, sizeof g);
	is_int(segment_run_build(&g, &in, &so, &err), CHURN_OK, "builds without a horizon");
	ok(g.horizon_assumed == 1, "horizon assumed without one in months");
	is_double_abs(g.r->horizon_months, SEGMENT_HORIZON_DEFAULT, 0, "12 months assumed");
	ok(g.value != NULL && g.r->has_value, "the value column is used");
	is_int((long long)g.nbeyond, 3, "customers beyond the data carried over");
	int same = 1;
	for (size_t k = 0; k < N; k++)
		same &= strcmp(g.labels[k], segment_customer_label(g.r, k)) == 0 &&
		        strcmp(g.actions[k], segment_customer_action(g.r, k)) == 0;
	ok(same, "a label and an action per scored customer");

	/* The JSON's at-risk accounts: 35 high-risk customers, 30 shown, the
	 * first the largest expected loss (row 34: 0.56 x 44 > 0.9 x 10). */
	json_object *root = json_object_new_object(), *a, *first, *id, *rules, *ha;
	segment_run_json(&g, t, "id", root);
	ok(json_object_object_get_ex(root, "at_risk_accounts", &a), "at_risk_accounts present");
	is_int((long long)json_object_array_length(a), 30, "at most 30 at-risk accounts");
	first = json_object_array_get_idx(a, 0);
	double best = 0;
	size_t best_k = 0;
	for (size_t k = 0; k < 35; k++)
		if (p[k] * mrr[k] > best) {
			best = p[k] * mrr[k];
			best_k = k;
		}
	char want[32];
	snprintf(want, sizeof want, "c%zu", best_k);
	ok(json_object_object_get_ex(first, "id", &id), "an account is named by its id");
	is_str(json_object_get_string(id), want, "the first account has the largest expected loss");
	int only_at_risk = 1;
	for (size_t i = 0; i < json_object_array_length(a); i++) {
		json_object *o = json_object_array_get_idx(a, i), *pr;
		json_object_object_get_ex(o, "churn_probability", &pr);
		only_at_risk &= json_object_get_double(pr) >= SCORE_MEDIUM_FROM;
	}
	ok(only_at_risk, "only medium- or high-risk accounts are listed");
	ok(json_object_object_get_ex(root, "segment_rules", &rules) &&
	   json_object_object_get_ex(rules, "horizon_assumed", &ha) && json_object_get_boolean(ha),
	   "segment_rules says the horizon was assumed");
	json_object_put(root);
	segment_run_free(&g);
	ok(g.r == NULL && g.labels == NULL, "free zeroes the run");
	segment_run_free(NULL);

	/* A horizon in months is used as given. */
	in.horizon_known = 1;
	in.horizon_months = 6;
	is_int(segment_run_build(&g, &in, &so, &err), CHURN_OK, "builds with a horizon");
	ok(g.horizon_assumed == 0, "no horizon assumed");
	is_double_abs(g.r->horizon_months, 6, 0, "the given horizon");
	segment_run_free(&g);

	/* No customer has a value: one value tier. */
	table *t0 = tb_ids(N, "id", "mrr", NULL);
	in.t = t0;
	is_int(segment_run_build(&g, &in, &so, &err), CHURN_OK, "builds without any value");
	ok(g.value == NULL && !g.r->has_value, "no known value: no value column");
	is_int((long long)g.r->nvalue_tiers, 1, "one value tier");
	segment_run_free(&g);

	/* A driver override naming no column of the data. */
	segment_driver_map map = { "no_such_column", SEGMENT_DRIVER_USAGE };
	so.drivers = &map;
	so.ndrivers = 1;
	in.t = t;
	is_int(segment_run_build(&g, &in, &so, &err), CHURN_EUSAGE, "a driver on no column fails");
	ok(strstr(err.msg, "no column 'no_such_column'") != NULL, "the message names it: %s",
	   err.msg);
	segment_run_free(&g);

	table_free(t0);
	table_free(t);
	free_scores(s);
	return done_testing();
}

/*
 * test_surv_analysis.c - the one-call analysis, its JSON object and its
 * text summary.
 *
 * The numbers are checked against R in test_km/test_logrank/test_hazard;
 * here: that the analysis wires them to the right columns and levels (spot
 * values from the lung and edge fixtures), that the JSON carries them with
 * full precision (every double read back equals the computed one bit for
 * bit) and NaN as null, and that the text names what a reader needs.
 */
#include "churnkit/surv_analysis.h"
#include "churnkit/surv_json.h"
#include "churnkit/surv_print.h"
#include "tap.h"
#include "test_surv_fixture.h"

#include <gsl/gsl_errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_object *get(json_object *o, const char *k)
{
	json_object *v = NULL;
	if (o == NULL || !json_object_object_get_ex(o, k, &v))
		return NULL;
	return v;
}

/* The key is present and holds null (json-c reads null back as NULL). */
static int is_null_key(json_object *o, const char *k)
{
	json_object *v = NULL;
	return o != NULL && json_object_object_get_ex(o, k, &v) && v == NULL;
}

/* A JSON number read back, NaN for null or missing. */
static double num(json_object *o, const char *k)
{
	json_object *v = get(o, k);
	return v == NULL ? NAN : json_object_get_double(v);
}

static int same_bits(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static surv_analysis *run_fixture(const char *name, fx_expect *e, fx_case *c,
                                  fx_data *d, int nby)
{
	churn_err err;
	surv_analysis *a = NULL;
	static const char *const lev_sex[] = {"male", "female"};
	static const char *const lev_ecog[] = {"ecog0", "ecog1", "ecog2", "ecog3"};
	static const char *const lev_edge[] = {"ties", "allcens", "single", "zero",
	                                       "half", "halflast", "empty"};

	if (fx_expect_read(name, e) != 0 || fx_case_read(e, c) != 0 ||
	    fx_data_read(c->data, d) != 0)
		return NULL;
	surv_data sd = {.n = d->n, .time = d->time, .event = d->event,
	                .weight = c->use_weight ? d->weight : NULL,
	                .entry = c->use_entry ? d->entry : NULL};
	int edge = strcmp(name, "edge") == 0;
	surv_by by[2] = {
		{.name = edge ? "case" : "sex", .code = d->g1, .nlevels = c->nlev[1],
		 .levels = edge ? lev_edge : lev_sex},
		{.name = edge ? "half" : "ph.ecog", .code = d->g2, .nlevels = c->nlev[2],
		 .levels = edge ? NULL : lev_ecog},
	};
	surv_opts o;
	surv_opts_default(&o);
	o.km = c->km;
	o.times = c->times;
	o.ntimes = c->ntimes;
	o.month_len = c->month;
	o.early_threshold = c->thr;
	if (surv_analysis_run(&sd, by, (size_t)nby, &o, &a, &err) != CHURN_OK) {
		diag("%s", err.msg);
		return NULL;
	}
	return a;
}

static void lung_checks(void)
{
	fx_expect e;
	fx_case c;
	fx_data d;
	churn_err err;
	surv_analysis *a = run_fixture("lung", &e, &c, &d, 2);

	if (!ok(a != NULL, "analysis: lung runs with two columns")) {
		fx_expect_free(&e);
		fx_data_free(&d);
		return;
	}
	/* 1 + 2 sexes + 4 ph.ecog levels (one missing value left out) */
	is_int((long long)a->ncurves, 7, "analysis: a curve for all and for each level");
	is_str(a->curve[1].by, "sex", "analysis: curves carry their column");
	is_str(a->curve[2].level, "female", "analysis: and their level name");
	const fx_line *st = fx_find(&e, "stats", 2, (double[]){1, 1});
	ok(st && fx_close(a->curve[2].stats.median, st->v[5]),
	   "analysis: female median is R's");
	const fx_line *q = fx_find(&e, "quant", 3, (double[]){2, 2, 0.75});
	ok(q && fx_close(a->curve[5].quart[2], q->v[3]),
	   "analysis: ph.ecog=2 third quartile is R's");
	const fx_line *lr = fx_find(&e, "logrank", 2, (double[]){2, 0});
	ok(a->ntests == 2 && a->test[1].test && lr &&
	           fx_close(a->test[1].test->chisq, lr->v[2]),
	   "analysis: ph.ecog log-rank is R's");
	ok(a->test[0].pairs == NULL && a->test[1].pairs != NULL &&
	           a->test[1].pairs->npairs == 6,
	   "analysis: pairwise tests only for columns with three or more levels");
	/* R: sum(is.na(lung$sex)) = 0, sum(is.na(lung$ph.ecog)) = 1 */
	ok(a->test[0].missing == 0 && a->test[1].missing == 1 && a->test[1].missing_rows == 1,
	   "analysis: the one customer without ph.ecog is counted as missing");
	const fx_line *fl = fx_find(&e, "followup", 0, NULL);
	ok(fl && fx_close(a->followup.median, fl->v[0]),
	   "analysis: median follow-up is R's");
	const fx_line *hz = fx_find(&e, "hazard", 1, (double[]){3});
	ok(a->hazard && hz && fx_close(a->hazard->rate[3], hz->v[3]),
	   "analysis: hazard month 3 is R's");

	/* JSON */
	json_object *js = NULL;
	if (ok(surv_json_build(a, "days", 1, &js, &err) == CHURN_OK,
	       "json: survival object built")) {
		const char *text = json_object_to_json_string_ext(js, JSON_C_TO_STRING_PLAIN);
		json_object *back = json_tokener_parse(text);
		ok(back != NULL, "json: the text parses");
		is_str(json_object_get_string(get(back, "conf_type")), "log-log",
		       "json: conf_type");
		is_str(json_object_get_string(get(back, "time_unit")), "days", "json: time_unit");
		json_object *curves = get(back, "curves");
		is_int((long long)json_object_array_length(curves), 7, "json: seven curves");
		json_object *c0 = json_object_array_get_idx(curves, 0);
		ok(is_null_key(c0, "by") && is_null_key(c0, "level"),
		   "json: the all-customers curve has by null");
		int exact = 1;
		for (size_t i = 0; i < a->ncurves; i++) {
			json_object *cj = json_object_array_get_idx(curves, i);
			json_object *steps = get(cj, "steps");
			const km_curve *k = a->curve[i].km;
			if (json_object_array_length(steps) != k->m) {
				exact = 0;
				continue;
			}
			for (size_t s = 0; s < k->m; s++) {
				json_object *sj = json_object_array_get_idx(steps, s);
				exact = exact && same_bits(num(sj, "time"), k->time[s]) &&
				        same_bits(num(sj, "surv"), k->surv[s]) &&
				        same_bits(num(sj, "se"), k->se[s]) &&
				        same_bits(num(sj, "lower"), k->lower[s]) &&
				        same_bits(num(sj, "upper"), k->upper[s]) &&
				        same_bits(num(sj, "cumhaz"), k->cumhaz[s]) &&
				        same_bits(num(sj, "n_risk"), k->n_risk[s]);
			}
			exact = exact && same_bits(num(cj, "median"), a->curve[i].stats.median) &&
			        same_bits(num(cj, "rmst_se"), a->curve[i].stats.rmst_se);
		}
		ok(exact, "json: every step and summary reads back bit for bit");
		json_object *l0 = json_object_array_get_idx(get(back, "logrank"), 0);
		ok(same_bits(num(l0, "p"), a->test[0].test->p) &&
		           json_object_get_int(get(l0, "df")) == 1,
		   "json: log-rank p and df");
		json_object *g0 = json_object_array_get_idx(get(l0, "groups"), 1);
		is_str(json_object_get_string(get(g0, "level")), "female",
		       "json: log-rank groups are named");
		json_object *l1 = json_object_array_get_idx(get(back, "logrank"), 1);
		is_int((long long)json_object_array_length(get(l1, "pairwise")), 6,
		       "json: pairwise tests for ph.ecog");
		ok(!json_object_object_get_ex(l0, "pairwise", NULL),
		   "json: no pairwise key for two levels");
		ok(num(l0, "missing") == 0 && num(l1, "missing") == 1 && is_null_key(l0, "note"),
		   "json: each test has its missing count and a null note");
		json_object *bm = get(back, "by_missing");
		ok(num(bm, "sex") == 0 && num(bm, "ph.ecog") == 1,
		   "json: by_missing per column");
		json_object *hz0 = get(back, "hazard");
		ok(same_bits(num(hz0, "early_share"), a->hazard->early_share),
		   "json: early-churn share");
		json_object_put(back);
		json_object *nosteps = NULL;
		surv_json_build(a, "days", 0, &nosteps, &err);
		ok(!json_object_object_get_ex(json_object_array_get_idx(get(nosteps, "curves"), 0),
		                              "steps", NULL),
		   "json: steps can be left out");
		json_object_put(nosteps);
	}
	json_object_put(js);

	/* text */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	is_int(surv_print(f, a, "days", &err), CHURN_OK, "print: writes");
	fclose(f);
	ok(strstr(buf, "All customers: 228 customers, 165 churned") != NULL,
	   "print: the all-customers headline");
	ok(strstr(buf, "sex = female: 90 customers, 53 churned") != NULL,
	   "print: a level headline");
	ok(strstr(buf, "Log-rank test by sex: chi-square 10.33 on 1 df, p = 0.0013") != NULL,
	   "print: the log-rank line");
	ok(strstr(buf, "ecog0 vs ecog1") != NULL, "print: pairwise lines");
	ok(strstr(buf, "  1 customer has no ph.ecog value: in the overall curve only\n") != NULL &&
	           strstr(buf, "no sex value") == NULL,
	   "print: the customer without ph.ecog is said to be in the overall curve only");
	ok(strstr(buf, "Share of churn at tenure <= 90 days") != NULL,
	   "print: the early-churn share");
	ok(strstr(buf, "time   at risk   churned   survival") != NULL,
	   "print: the table at the chosen times");
	free(buf);
	surv_analysis_free(a);
	fx_expect_free(&e);
	fx_data_free(&d);
}

static void edge_checks(void)
{
	fx_expect e;
	fx_case c;
	fx_data d;
	churn_err err;
	surv_analysis *a = run_fixture("edge", &e, &c, &d, 2);

	if (!ok(a != NULL, "analysis: edge cases run")) {
		fx_expect_free(&e);
		fx_data_free(&d);
		return;
	}
	/* all + 6 non-empty of 7 levels + 2 */
	is_int((long long)a->ncurves, 9, "analysis: the empty level gets no curve");
	is_str(a->test[1].levels[1], "1", "analysis: levels without names are numbered");
	json_object *js = NULL;
	surv_json_build(a, "as given", 1, &js, &err);
	const char *text = json_object_to_json_string_ext(js, JSON_C_TO_STRING_PLAIN);
	json_object *back = json_tokener_parse(text);
	json_object *curves = get(back, "curves");
	json_object *allc = json_object_array_get_idx(curves, 2); /* case = allcens */
	is_str(json_object_get_string(get(allc, "level")), "allcens", "json: level name");
	ok(is_null_key(allc, "median") && is_null_key(allc, "median_lower"),
	   "json: a median not reached is null");
	json_object *zero = json_object_array_get_idx(curves, 4); /* drops to zero */
	json_object *steps = get(zero, "steps");
	json_object *last = json_object_array_get_idx(steps, json_object_array_length(steps) - 1);
	ok(num(last, "surv") == 0 && is_null_key(last, "se") && is_null_key(last, "lower") &&
	           is_null_key(last, "upper"),
	   "json: at S = 0 the se and interval are null");
	json_object_put(back);
	json_object_put(js);

	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	surv_print(f, a, NULL, &err);
	fclose(f);
	ok(strstr(buf, "case = allcens: 3 customers, 0 churned\n  median not reached") != NULL,
	   "print: a median not reached says so");
	ok(strstr(buf, "NA") != NULL, "print: R's NA prints as NA");
	free(buf);
	surv_analysis_free(a);
	fx_expect_free(&e);
	fx_data_free(&d);
}

static void usage_checks(void)
{
	churn_err err;
	surv_analysis *a = NULL;
	double t[2] = {1, 2};
	int ev[2] = {1, 1};
	surv_data d = {.n = 2, .time = t, .event = ev};
	surv_by by = {.name = "x", .code = NULL, .nlevels = 2};
	is_int(surv_analysis_run(&d, &by, 1, NULL, &a, &err), CHURN_EUSAGE,
	       "analysis: a column without codes is a usage error");
	ok(a == NULL, "analysis: nothing is returned on failure");
	int bad[2] = {1, 2};
	d.event = bad;
	is_int(surv_analysis_run(&d, NULL, 0, NULL, &a, &err), CHURN_EDATA,
	       "analysis: bad input is a data error");
	d.event = ev;
	uint32_t one[2] = {0, 0};
	by.code = one;
	is_int(surv_analysis_run(&d, &by, 1, NULL, &a, &err), CHURN_OK,
	       "analysis: a column with one level runs");
	ok(a && a->ntests == 1 && a->test[0].test == NULL,
	   "analysis: and has no test");
	surv_analysis_free(a);

	/* a month length that does not fit the unit: no hazard, a note */
	double big[2] = {1e9, 2e9};
	d.time = big;
	surv_opts o;
	surv_opts_default(&o);
	is_int(surv_analysis_run(&d, NULL, 0, &o, &a, &err), CHURN_OK,
	       "analysis: runs when the hazard table cannot be made");
	ok(a && a->hazard == NULL && strstr(a->hazard_note, "months") != NULL,
	   "analysis: and says why there is no hazard table");
	json_object *js = NULL;
	surv_json_build(a, "as given", 0, &js, &err);
	ok(is_null_key(js, "hazard") && get(js, "hazard_note") != NULL,
	   "json: hazard null with a note");
	json_object_put(js);
	surv_analysis_free(a);
}

/* Blank values with weights, a column with no value at all, a test that
 * cannot be made, and nobody with a weight above 0. */
static void missing_checks(void)
{
	churn_err err;
	surv_analysis *a = NULL;
	double t[6] = {1, 2, 3, 4, 5, 6}, w[6] = {2, 1, 3, 0, 4, 1};
	int ev[6] = {0, 0, 0, 0, 0, 0};
	uint32_t half[6] = {0, 1, SURV_GROUP_NA, SURV_GROUP_NA, 0, SURV_GROUP_NA};
	uint32_t none[6] = {SURV_GROUP_NA, SURV_GROUP_NA, SURV_GROUP_NA,
	                    SURV_GROUP_NA, SURV_GROUP_NA, SURV_GROUP_NA};
	static const char *const lv[] = {"a", "b"};
	surv_data d = {.n = 6, .time = t, .event = ev, .weight = w};
	surv_by by[2] = {{.name = "half", .code = half, .nlevels = 2, .levels = lv},
	                 {.name = "none", .code = none, .nlevels = 0, .levels = NULL}};

	if (!ok(surv_analysis_run(&d, by, 2, NULL, &a, &err) == CHURN_OK,
	        "analysis: blank values and an all-blank column run")) {
		diag("%s", err.msg);
		return;
	}
	/* weights of the blank rows: 3 + 0 + 1 */
	ok(a->test[0].missing == 4 && a->test[0].missing_rows == 3,
	   "analysis: blank values counted by weight (4) and by row (3)");
	ok(a->test[1].test == NULL && a->test[1].missing == 11 && a->test[1].missing_rows == 6,
	   "analysis: a column with no value at all: no test, everyone missing");
	ok(a->test[0].test != NULL && a->test[0].test->note != NULL,
	   "analysis: everyone censored: the test is there, marked not tested");
	json_object *js = NULL;
	surv_json_build(a, "as given", 0, &js, &err);
	json_object *l0 = json_object_array_get_idx(get(js, "logrank"), 0);
	ok(is_null_key(l0, "chisq") && is_null_key(l0, "p") &&
	           json_object_get_int(get(l0, "df")) == 0 &&
	           strcmp(json_object_get_string(get(l0, "note")), "no churn in any group") == 0,
	   "json: a test not made has chisq and p null, df 0 and a note");
	json_object *bm = get(js, "by_missing");
	ok(num(bm, "half") == 4 && num(bm, "none") == 11,
	   "json: by_missing also for the column without a test");
	json_object_put(js);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	surv_print(f, a, NULL, &err);
	fclose(f);
	ok(strstr(buf, "Log-rank test by half: not tested: no churn in any group\n") != NULL &&
	           strstr(buf, "-1 df") == NULL,
	   "print: 'not tested: no churn in any group', no -1 df");
	ok(strstr(buf, "  4 customers have no half value: in the overall curve only\n") != NULL &&
	           strstr(buf, "No test by none: fewer than two groups with customers.\n"
	                       "  11 customers have no none value: in the overall curve only\n") !=
	                   NULL,
	   "print: blank values said for the tested and the untested column");
	ok(strstr(buf, "Findings") == NULL, "print: no findings when nothing could be tested");
	free(buf);
	surv_analysis_free(a);

	double zero[6] = {0, 0, 0, 0, 0, 0};
	d.weight = zero;
	a = NULL;
	is_int(surv_analysis_run(&d, NULL, 0, NULL, &a, &err), CHURN_EDATA,
	       "analysis: nobody with a weight above 0 is a data error");
	ok(a == NULL && strstr(err.msg, "no customer has a weight above 0") != NULL,
	   "analysis: and says so");
}

int main(void)
{
	gsl_set_error_handler_off();
	lung_checks();
	edge_checks();
	usage_checks();
	missing_checks();
	return done_testing();
}

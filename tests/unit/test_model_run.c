/* test_model_run.c - the model runner (model_run.h) on a small table
 * written here: the --horizon outcome on dates (the customers whose
 * potential follow-up is shorter than the horizon are too recent and left
 * out; the others are 1 when they churned within it), a given 0/1 flag,
 * no churner within a short horizon (the model cannot be fitted), a Cox
 * model without the survival columns, and on durations with --entry the
 * horizon's boundaries (churned or censored exactly at N, censored before
 * it, no time at risk) and the Cox model's rows without time at risk. */
#include "churnkit/load.h"
#include "churnkit/model_run.h"
#include "tablebuild.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The default options with the one feature x. */
static void opts_x(model_run_opts *o, char **features)
{
	model_run_opts_init(o);
	o->features = features;
	o->nfeatures = 1;
}

/* Sums of y and has_y over the table's rows. */
static void outcome_sums(const model_run *m, size_t n, double *ysum, size_t *nhas)
{
	*ysum = 0;
	*nhas = 0;
	for (size_t i = 0; i < n; i++)
		if (m->has_y[i]) {
			*ysum += m->y[i];
			(*nhas)++;
		}
}

int main(void)
{
	/* As of 2024-12-31 (the latest date).  A horizon of 1 month is
	 * 30.4375 days: i and j signed up 11 days before as-of (too recent,
	 * even j, who churned); a, d and f churned within it; b churned after
	 * 60 days; c, e, g are active and h churned months later. */
	const char *text = "id,start,end,x,flag\n"
	                   "a,2024-01-01,2024-01-15,1,1\n"
	                   "b,2024-01-01,2024-03-01,1,1\n"
	                   "c,2024-02-01,,2,0\n"
	                   "d,2024-02-01,2024-02-10,2,1\n"
	                   "e,2024-03-01,,3,0\n"
	                   "f,2024-03-01,2024-03-20,3,1\n"
	                   "g,2024-04-01,,1,0\n"
	                   "h,2024-04-01,2024-12-31,2,1\n"
	                   "i,2024-12-20,,1,0\n"
	                   "j,2024-12-20,2024-12-25,2,1\n";
	static char x_[] = "x";
	char *features[] = {x_};
	load_map map = {.id = "id", .start = "start", .end = "end"};
	load_result *r = tb_load(text, &map, NULL);
	churn_err e;
	model_run m;
	model_run_opts o;
	double ysum;
	size_t nhas;

	ok(r != NULL, "the table loads");
	if (r == NULL)
		return done_testing();
	model_run_input in = {.res = r, .map = &map, .display_name = "t.csv"};

	opts_x(&o, features);
	is_int(o.folds, 0, "no cross-validation by default");
	o.horizon_given = 1;
	o.horizon = 1;
	o.want_logit = 1;
	memset(&m, 0, sizeof m);
	is_int(model_run_fit(&m, &in, &o, &e), CHURN_OK, "fits churn within 1 month");
	is_int((long long)m.n_too_recent, 2, "two customers too recent for the horizon");
	is_double_rel(m.horizon_time, 365.25 / 12, 1e-15, "1 month is 30.4375 days");
	outcome_sums(&m, 10, &ysum, &nhas);
	is_int((long long)nhas, 8, "eight customers have an outcome");
	is_double_abs(ysum, 3, 0, "three churned within the horizon (a, d, f)");
	ok(m.has_y[9] == 0, "j churned, but too recently to count");
	ok(m.lr != NULL && m.cr == NULL, "a logistic model, no Cox model");
	model_run_free(&m);

	/* A given flag: every row's own value. */
	opts_x(&o, features);
	o.outcome_col = "flag";
	o.want_logit = 1;
	map.outcome = "flag";
	is_int(model_run_fit(&m, &in, &o, &e), CHURN_OK, "fits the flag");
	outcome_sums(&m, 10, &ysum, &nhas);
	is_int((long long)nhas, 10, "every row has the flag");
	is_double_abs(ysum, 6, 0, "six flagged");
	is_int((long long)m.n_too_recent, 0, "nobody too recent with a flag");
	model_run_free(&m);
	map.outcome = NULL;

	/* Nobody churns within 3 days: nothing to fit. */
	opts_x(&o, features);
	o.horizon_given = 1;
	o.horizon = 0.1;
	o.want_logit = 1;
	is_int(model_run_fit(&m, &in, &o, &e), CHURN_EMODEL, "no churner within 0.1 month");
	ok(strstr(e.msg, "none of the 10 customers used has the outcome") != NULL,
	   "the message says no one has the outcome: %s", e.msg);
	model_run_free(&m);

	/* A Cox model needs how long each customer stayed. */
	load_map nodates = {.id = "id", .outcome = "flag"};
	load_result *r2 = tb_load(text, &nodates, NULL);
	model_run_input in2 = {.res = r2, .map = &nodates, .display_name = "t.csv"};
	opts_x(&o, features);
	o.want_cox = 1;
	is_int(model_run_fit(&m, &in2, &o, &e), CHURN_EUSAGE, "--cox without dates or durations");
	model_run_free(&m);
	model_run_free(NULL);

	load_result_free(r2);
	load_result_free(r);

	/* Durations and the horizon rules of docs/horizon.md, with N = 5 and
	 * --entry (the clock starts at entry): b churned at exactly N (1); c
	 * was censored exactly at N (in, 0); d was censored before N (left
	 * out, censored); g's entry is its exit (no time at risk, left out);
	 * j entered at 1 and churned at 7, 6 after entry (0).  In: a b c e f h
	 * i j, of whom a, b and i churned within N. */
	const char *dur = "id,t,e,x,entry\n"
	                  "a,3,1,1,0\nb,5,1,2,0\nc,5,0,1,0\nd,4,0,2,0\ne,6,1,3,0\n"
	                  "f,10,0,1,0\ng,2,1,2,2\nh,8,1,3,0\ni,1,1,3,0\nj,7,1,2,1\n";
	load_map md = {.id = "id", .duration = "t", .event = "e", .entry = "entry"};
	load_result *r3 = tb_load(dur, &md, NULL);
	model_run_input in3 = {.res = r3, .map = &md, .display_name = "dur.csv"};
	ok(r3 != NULL, "the durations load");
	if (r3 == NULL)
		return done_testing();
	opts_x(&o, features);
	o.horizon_given = 1;
	o.horizon = 5;
	o.want_logit = 1;
	is_int(model_run_fit(&m, &in3, &o, &e), CHURN_OK, "fits churn within 5 units");
	outcome_sums(&m, 10, &ysum, &nhas);
	is_int((long long)nhas, 8, "eight rows in the sample");
	is_double_abs(ysum, 3, 0, "three churned within the horizon (a, b, i)");
	ok(m.has_y[1] && m.y[1] == 1, "churned exactly at the horizon: outcome 1");
	ok(m.has_y[2] && m.y[2] == 0, "censored exactly at the horizon: in, outcome 0");
	ok(!m.has_y[3], "censored before the horizon: left out");
	is_int((long long)m.n_censored, 1, "one row censored before the horizon");
	ok(!m.has_y[6], "entry at the exit: left out");
	is_int((long long)m.n_no_risk, 1, "one row without time at risk");
	ok(m.has_y[9] && m.y[9] == 0, "churned 6 after entry: outcome 0");
	model_run_free(&m);

	/* The Cox model leaves out the row without time at risk and says so. */
	opts_x(&o, features);
	o.want_cox = 1;
	is_int(model_run_fit(&m, &in3, &o, &e), CHURN_OK, "fits a Cox model with --entry");
	is_int((long long)m.cox_no_risk, 1, "Cox: the row whose entry is its exit is left out");
	ok(m.cr != NULL && m.dc != NULL && m.dc->nrows == 9, "Cox: fitted on the other nine rows");
	model_run_free(&m);
	load_result_free(r3);

	/* One rule of time at risk (surv.h, docs/method.md): k's entry is
	 * 1e-12 before its exit, equal once near-equal times are merged as R
	 * merges them, so the --horizon outcome and the Cox fit leave it out as
	 * the survival stage does. */
	char dur4[512];
	snprintf(dur4, sizeof dur4, "%sk,6,1,2,5.999999999999\n", dur);
	load_result *r4 = tb_load(dur4, &md, NULL);
	model_run_input in4 = {.res = r4, .map = &md, .display_name = "dur.csv"};
	ok(r4 != NULL, "the durations with k load");
	if (r4 == NULL)
		return done_testing();
	opts_x(&o, features);
	o.horizon_given = 1;
	o.horizon = 5;
	o.want_logit = 1;
	is_int(model_run_fit(&m, &in4, &o, &e), CHURN_OK, "fits churn within 5 units with k");
	ok(!m.has_y[10], "entry 1e-12 before the exit: left out of the outcome");
	is_int((long long)m.n_no_risk, 2, "two rows without time at risk (g and k)");
	model_run_free(&m);
	opts_x(&o, features);
	o.want_cox = 1;
	is_int(model_run_fit(&m, &in4, &o, &e), CHURN_OK, "fits a Cox model with k");
	is_int((long long)m.cox_no_risk, 2, "Cox: k is left out like g");
	ok(m.cr != NULL && m.dc != NULL && m.dc->nrows == 9, "Cox: fitted on the same nine rows");
	model_run_free(&m);
	load_result_free(r4);
	return done_testing();
}

/* test_model_run.c - the model runner (model_run.h) on a small table
 * written here: the --horizon outcome on dates (the customers whose
 * potential follow-up is shorter than the horizon are too recent and left
 * out; the others are 1 when they churned within it), a given 0/1 flag,
 * no churner within a short horizon (the model cannot be fitted), and a
 * Cox model without the survival columns. */
#include "churnkit/load.h"
#include "churnkit/model_run.h"
#include "tablebuild.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

	model_run_opts_init(&o);
	is_int(o.folds, 0, "no cross-validation by default");
	o.features = features;
	o.nfeatures = 1;
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
	model_run_opts_init(&o);
	o.features = features;
	o.nfeatures = 1;
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
	model_run_opts_init(&o);
	o.features = features;
	o.nfeatures = 1;
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
	model_run_opts_init(&o);
	o.features = features;
	o.nfeatures = 1;
	o.want_cox = 1;
	is_int(model_run_fit(&m, &in2, &o, &e), CHURN_EUSAGE, "--cox without dates or durations");
	model_run_free(&m);
	model_run_free(NULL);

	load_result_free(r2);
	load_result_free(r);
	return done_testing();
}

/* test_cohort_run.c - the cohort runner (cohort_run.h) on small tables
 * written here: the cohorts by signup month with the partial month left
 * out, thin cohorts below min_n, one cohort result per --by column with
 * its levels in sorted order, no --end (nobody churned), a --by column
 * that is not categorical, and two --by columns with a missing level;
 * and which options keep cohorts out (cohort_run_excluded_by). */
#include "churnkit/cohort_run.h"
#include "churnkit/load.h"
#include "tablebuild.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	/* As of 2024-03-15 (the latest date): the January cohort is a, b, c,
	 * February's d and e; f signed up in March, which has not ended. */
	const char *text = "id,start,end,plan,mrr\n"
	                   "a,2024-01-05,2024-02-10,X,10\n"
	                   "b,2024-01-20,,X,20\n"
	                   "c,2024-01-25,,Y,30\n"
	                   "d,2024-02-03,2024-03-15,Y,40\n"
	                   "e,2024-02-10,,X,50\n"
	                   "f,2024-03-01,,Y,60\n";
	const char *by[] = {"plan"};
	load_map m = {.id = "id", .start = "start", .end = "end", .value = "mrr",
	              .by = by, .nby = 1};
	load_opts lo;
	churn_err e;
	cohort_run c;
	cohort_run_opts o;

	ok(cohort_run_excluded_by(NULL) == NULL, "no --entry: cohorts fit");
	is_str(cohort_run_excluded_by("entry"), "--entry", "delayed entry keeps cohorts out");

	load_opts_init(&lo);
	load_result *r = tb_load(text, &m, &lo);
	ok(r != NULL, "the table loads");
	if (r == NULL)
		return done_testing();
	outset *outs = NULL;
	is_int(outset_new(&outs, &e), CHURN_OK, "an output set");
	cohort_run_input in = {.res = r, .map = &m, .lopts = &lo, .outs = outs};

	cohort_run_opts_init(&o);
	is_int((long long)o.min_n, COHORT_RUN_MIN_N, "min_n defaults to 30");
	o.min_n = 3;
	memset(&c, 0, sizeof c);
	is_int(cohort_run_fit(&c, &in, &o, &e), CHURN_OK, "fits by plan");
	is_int((long long)c.ncoh, 1, "one cohort result for one --by column");
	const cohort_result *cr = c.coh[0];
	is_int((long long)cr->all.nrows, 2, "two complete cohorts: January and February");
	is_int((long long)cr->all.rows[0].size, 3, "January: three customers");
	is_int((long long)cr->all.rows[1].size, 2, "February: two customers");
	ok(!cr->all.rows[0].thin && cr->all.rows[1].thin, "below min_n 3 only February is thin");
	is_int((long long)cr->n_partial, 1, "March's customer is in a cohort not yet ended");
	is_int((long long)cr->ngroups, 2, "two plans");
	is_str(cr->groups[0].level, "X", "levels in sorted order: X first");
	is_int((long long)cr->groups[0].ncustomers, 3, "X: a, b, e");
	is_int((long long)cr->groups[1].ncustomers, 2, "Y: c, d (f is partial)");
	ok(c.kpi != NULL && c.rev == NULL, "KPIs computed, no revenue history");
	ok(c.end_na == NULL, "the end column is used");
	cohort_run_free(&c);
	ok(c.coh == NULL && c.kpi == NULL, "free zeroes the run");
	cohort_run_free(NULL);

	/* A --by column of numbers is refused. */
	const char *num_by[] = {"mrr"};
	load_map mn = m;
	mn.by = num_by;
	in.map = &mn;
	is_int(cohort_run_fit(&c, &in, &o, &e), CHURN_EUSAGE, "--by of numbers is refused");
	ok(strstr(e.msg, "--by mrr: not a categorical column") != NULL, "it says so: %s", e.msg);
	cohort_run_free(&c);

	/* Without an end column nobody churned: every cohort keeps all its
	 * customers. */
	load_map me = {.id = "id", .start = "start"};
	load_result *r2 = tb_load(text, &me, &lo);
	in.res = r2;
	in.map = &me;
	is_int(cohort_run_fit(&c, &in, &o, &e), CHURN_OK, "fits without an end column");
	ok(c.end_na != NULL, "all-missing end dates made");
	const cohort_row *jan = &c.coh[0]->all.rows[0];
	int kept = 1;
	for (size_t k = 0; k < jan->nk; k++)
		kept &= jan->retained[k] == jan->size;
	ok(jan->nk > 0 && kept, "January keeps its three customers in every month");
	cohort_run_free(&c);

	/* Two --by columns: one cohort result each, every one with the same
	 * all-customers triangle; b has no plan, so b is in the triangle and in
	 * a region but in no plan. */
	const char *two = "id,start,end,plan,region\n"
	                  "a,2024-01-05,2024-02-10,X,N\n"
	                  "b,2024-01-20,,,S\n"
	                  "c,2024-01-25,,Y,N\n"
	                  "d,2024-02-03,2024-03-15,Y,S\n"
	                  "e,2024-02-10,,X,N\n"
	                  "f,2024-03-01,,Y,S\n";
	const char *by2[] = {"plan", "region"};
	load_map m2 = {.id = "id", .start = "start", .end = "end", .by = by2, .nby = 2};
	load_result *r3 = tb_load(two, &m2, &lo);
	in.res = r3;
	in.map = &m2;
	is_int(cohort_run_fit(&c, &in, &o, &e), CHURN_OK, "fits by plan and region");
	is_int((long long)c.ncoh, 2, "one cohort result per --by column");
	if (c.ncoh == 2) {
		const cohort_result *p = c.coh[0], *g = c.coh[1];
		is_int((long long)(p->all.rows[0].size + p->all.rows[1].size), 5,
		       "by plan: the triangle holds all five complete customers");
		is_int((long long)(g->all.rows[0].size + g->all.rows[1].size), 5,
		       "by region: the same five");
		is_int((long long)(p->groups[0].ncustomers + p->groups[1].ncustomers), 4,
		       "by plan: b, without a plan, is in no plan");
		is_int((long long)(g->groups[0].ncustomers + g->groups[1].ncustomers), 5,
		       "by region: everyone has a region");
		is_str(g->groups[1].level, "S", "regions in sorted order: N, S");
	}
	cohort_run_free(&c);

	outset_free(outs);
	load_result_free(r3);
	load_result_free(r2);
	load_result_free(r);
	return done_testing();
}

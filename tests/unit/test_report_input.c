/* test_report_input.c - the report's input from the stage runs
 * (report_input.h; issue 11: cmd_report.c assembled it): the settings are
 * copied (the default title when none), the survival run's revenue at risk
 * is NaN without a value column, the previous period's cost of churn is
 * NaN without cohorts and the cohort run's with them, and the model's and
 * the segments' members (the risk definition, the horizon) come from their
 * runs only when those were run. */
#include "churnkit/cohort_run.h"
#include "churnkit/date.h"
#include "churnkit/load.h"
#include "churnkit/report_input.h"
#include "churnkit/surv_run.h"
#include "tablebuild.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char customers[] = "id,start,end,mrr\n"
                                "a,2023-01-05,2023-05-10,10\n"
                                "b,2023-01-20,2023-08-02,20\n"
                                "c,2023-02-25,,30\n"
                                "d,2023-03-03,2023-09-15,40\n"
                                "e,2023-04-10,2023-11-20,50\n"
                                "f,2023-05-01,,60\n"
                                "g,2023-06-01,2023-12-05,70\n";

/* Loads customers with mapping m (as of 2024-01-01, options into *lo) and
 * fits the survival stage into *s; NULL when the table does not load. */
static load_result *fit_survival(const load_map *m, load_opts *lo, surv_run *s,
                                 const char *what)
{
	churn_err e;
	surv_run_opts so;

	load_opts_init(lo);
	lo->has_as_of = 1;
	lo->as_of = date_from_civil(2024, 1, 1);
	load_result *r = tb_load(customers, m, lo);
	ok(r != NULL, "%s: the table loads", what);
	if (r == NULL)
		return NULL;
	surv_run_input si = {.res = r, .map = m, .display_name = "in.csv"};
	surv_run_opts_init(&so, 1);
	memset(s, 0, sizeof *s);
	is_int(surv_run_fit(s, &si, &so, &e), CHURN_OK, "%s: the survival fit", what);
	return r;
}

/* Survival only, without --value: no cohorts, no model, no segments. */
static void survival_only(void)
{
	load_map m = {.id = "id", .start = "start", .end = "end"};
	load_opts lo;
	surv_run s;
	report_option opt = {"--alpha", "0.1", NULL};
	report_settings set = {.letter = 1, .generated = "2023-11-14 22:13 UTC",
	                       .generated_ymdhms = {2023, 11, 14, 22, 13, 20}, .version = "9.9",
	                       .options = &opt, .noptions = 1, .input_name = "in.csv"};
	report_runs runs = {0};
	report_input in;

	load_result *r = fit_survival(&m, &lo, &s, "survival only");
	if (r == NULL)
		return;
	runs.load = r;
	runs.map = &m;
	runs.sv = &s;
	memset(&in, 0xff, sizeof in);
	report_input_from_runs(&set, &runs, &in);

	is_str(in.title, REPORT_TITLE_DEFAULT, "no title: the default one");
	ok(in.company == NULL, "no company");
	is_int(in.letter, 1, "the paper is the settings'");
	is_str(in.generated, "2023-11-14 22:13 UTC", "the generation time is the settings'");
	is_int(in.generated_ymdhms[5], 20, "and so are its numbers");
	is_str(in.version, "9.9", "the version is the settings'");
	ok(in.options == &opt && in.noptions == 1, "the options list is the settings'");
	is_str(in.input_name, "in.csv", "the input's name is the settings'");
	ok(in.load == r && in.t == r->t, "the load result and its table");
	is_str(in.sha256, r->sha256, "the input's SHA-256 is the loader's");
	is_int(in.as_of, date_from_civil(2024, 1, 1), "as-of is the loader's");
	is_int(in.time_in_days, 1, "times from dates are in days");
	ok(in.value_name == NULL, "no --value: no value column named");
	is_str(in.id_name, "id", "the --id column");
	ok(isnan(in.revenue_at_risk), "no --value: revenue at risk is NaN");
	ok(in.revenue_at_risk_note != NULL && strstr(in.revenue_at_risk_note, "MRR") != NULL,
	   "the revenue at risk note is the survival stage's");
	ok(in.kpi == NULL && in.cohorts == NULL && in.revenue_history == 0,
	   "no cohorts: no KPIs, no cohort triangle, no revenue history");
	ok(isnan(in.cost_previous), "no cohorts: the previous period's cost is NaN");
	ok(in.surv == s.a, "the survival analysis is the run's");
	is_double_rel(in.alpha, SURV_RUN_ALPHA, 1e-15, "--alpha is the run's");
	ok(in.times == s.times && in.ntimes == s.ntimes && in.ntimes == 4,
	   "the --times are the run's (3, 6, 12, 24 months)");
	ok(in.dl == NULL && in.lr == NULL && in.q == NULL && in.outcome == NULL &&
	   in.dc == NULL && in.cr == NULL && in.zph == NULL, "no model: no model members");
	ok(in.model_note == NULL, "no model note");
	ok(in.sc == NULL && in.seg == NULL && in.dscore == NULL && in.risk_definition == NULL,
	   "no segments: no scores, segments or risk definition");
	is_double_abs(in.max_bad_fraction, 0, 0, "max_bad_fraction is left zero");
	ok(in.fd == NULL, "no findings given: none");
	surv_run_free(&s);
	load_result_free(r);
}

/* Cohorts run (with --value), a model and segments given as results. */
static void with_cohorts_model_segments(void)
{
	load_map m = {.id = "id", .start = "start", .end = "end", .value = "mrr"};
	load_opts lo;
	churn_err e;
	surv_run s;
	cohort_run c;
	cohort_run_opts co;
	model_run mr;
	design dl;
	segment_run g;
	segment_result sr;
	findings fd = {0};
	report_settings set = {.title = "Quarterly review", .company = "ACME",
	                       .version = "9.9", .input_name = "in.csv"};
	report_runs runs = {0};
	report_input in;

	load_result *r = fit_survival(&m, &lo, &s, "every stage");
	if (r == NULL)
		return;
	cohort_run_input ci = {.res = r, .map = &m, .lopts = &lo, .outs = NULL};
	cohort_run_opts_init(&co);
	memset(&c, 0, sizeof c);
	is_int(cohort_run_fit(&c, &ci, &co, &e), CHURN_OK, "every stage: the cohort fit");

	memset(&mr, 0, sizeof mr);
	memset(&dl, 0, sizeof dl);
	mr.dl = &dl;
	mr.have_q = 1;
	mr.ph_alpha = 0.05;
	snprintf(mr.outcome, sizeof mr.outcome, "churn within 12 months");
	memset(&g, 0, sizeof g);
	memset(&sr, 0, sizeof sr);
	sr.horizon_months = 12;
	g.r = &sr;
	g.horizon_assumed = 1;
	snprintf(g.risk_definition, sizeof g.risk_definition, "churning within 12 months");

	runs.load = r;
	runs.map = &m;
	runs.sv = &s;
	runs.co = &c;
	runs.m = &mr;
	runs.g = &g;
	runs.sc = (const scores *)&sr;   /* only its address is copied */
	runs.fd = &fd;
	runs.model_note = "not used";
	report_input_from_runs(&set, &runs, &in);

	is_str(in.title, "Quarterly review", "the title given");
	is_str(in.company, "ACME", "the company given");
	is_int(in.letter, 0, "A4");
	ok(in.generated == NULL, "no generation time");
	is_str(in.value_name, "mrr", "the --value column");
	/* c and f, active, are past where the data reach a quarter on: left
	 * out of the revenue at risk and counted apart, as the run says. */
	ok(isnan(in.revenue_at_risk) && isnan(s.revenue_at_risk),
	   "with --value: revenue at risk is the survival run's (%g)", in.revenue_at_risk);
	ok(in.revenue_at_risk_unscored == 2 && s.revenue_at_risk_unscored == 2 &&
	   in.revenue_at_risk_unscored_mrr == 90,
	   "with --value: the 2 active customers (90 MRR) past the data, as the run counts them");
	ok(in.kpi == c.kpi, "the KPIs are the cohort run's");
	ok(c.ncoh > 0 && in.cohorts == c.coh[0], "the first cohort triangle");
	is_int(in.revenue_history, 0, "no --revenue: no revenue history");
	ok(isfinite(in.cost_previous), "with cohorts: the previous period's cost is known");
	is_double_rel(in.cost_previous, c.kpi->cost_previous, 1e-15,
	              "and is the cohort run's (%g)", in.cost_previous);
	ok(in.dl == &dl && in.q == &mr.q, "the model's design and validation");
	is_str(in.outcome, "churn within 12 months", "the model's outcome");
	ok(in.model_sample == NULL, "no sample note: none");
	is_double_rel(in.ph_alpha, 0.05, 1e-15, "the proportional-hazards level");
	ok(in.dscore == &dl, "the scores' design is the logistic one");
	ok(in.seg == &sr && in.sc == (const scores *)&sr, "the segments and scores given");
	is_double_rel(in.horizon_months, 12, 1e-15, "the segments' horizon");
	is_int(in.horizon_assumed, 1, "a horizon assumed");
	is_str(in.risk_definition, "churning within 12 months",
	       "the risk definition is the segment run's");
	ok(in.risk_definition == g.risk_definition, "borrowed, not copied");
	ok(in.fd == &fd, "the findings");
	is_str(in.model_note, "not used", "the model note is passed on");
	cohort_run_free(&c);
	surv_run_free(&s);
	load_result_free(r);
}

int main(void)
{
	survival_only();
	with_cohorts_model_segments();
	return done_testing();
}

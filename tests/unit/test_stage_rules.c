/* test_stage_rules.c - rules the stages hold for every caller, from C
 * (issue 11: they used to live in src/cli): the cap on a --by column's
 * levels (survival and cohorts: 100 accepted, 101 refused with the
 * command line's message), the revenue at risk next quarter (survival,
 * worked by hand below), the previous period's cost of churn (cohorts:
 * the same rule as the reporting period's, checked by asking for that
 * period), and the one definition of "at risk" and of what a
 * probability is of (segments: the report's "probability of X"). */
#include "churnkit/bylevels.h"
#include "churnkit/cohort_run.h"
#include "churnkit/date.h"
#include "churnkit/load.h"
#include "churnkit/segment.h"
#include "churnkit/segment_run.h"
#include "churnkit/surv_run.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static load_result *load_text(const char *text, const load_map *m, const load_opts *o)
{
	char path[] = "/tmp/churnkit-test-stage-rules-XXXXXX";
	int fd = mkstemp(path);
	load_result *r = NULL;
	churn_err e;

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return NULL;
	close(fd);
	if (load_csv(path, m, o, &r, &e) != CHURN_OK)
		diag("load failed: %s", e.msg);
	unlink(path);
	return r;
}

/* A table of 2 * nlevels customers, two per level of seg (one churned),
 * signed up in January to March 2023, as of 2024-01-01. */
static char *levels_table(size_t nlevels)
{
	size_t cap = 64 + nlevels * 120, len = 0;
	char *s = malloc(cap);
	len += (size_t)snprintf(s + len, cap - len, "id,start,end,seg\n");
	for (size_t k = 0; k < nlevels; k++) {
		len += (size_t)snprintf(s + len, cap - len, "a%zu,2023-0%zu-05,2023-06-01,L%03zu\n",
		                        k, 1 + k % 3, k);
		len += (size_t)snprintf(s + len, cap - len, "b%zu,2023-0%zu-10,,L%03zu\n", k,
		                        1 + k % 3, k);
	}
	return s;
}

static void by_levels(size_t nlevels, churn_status want)
{
	const char *by[] = {"seg"};
	load_map m = {.id = "id", .start = "start", .end = "end", .by = by, .nby = 1};
	load_opts lo;
	churn_err e;
	char *text = levels_table(nlevels);

	load_opts_init(&lo);
	lo.has_as_of = 1;
	lo.as_of = date_from_civil(2024, 1, 1);
	load_result *r = load_text(text, &m, &lo);
	free(text);
	ok(r != NULL, "%zu levels: the table loads", nlevels);
	if (r == NULL)
		return;

	surv_run s;
	surv_run_opts so;
	surv_run_input si = {.res = r, .map = &m, .display_name = "levels.csv"};
	surv_run_opts_init(&so, 1);
	memset(&s, 0, sizeof s);
	memset(&e, 0, sizeof e);
	is_int(surv_run_fit(&s, &si, &so, &e), want, "survival: --by with %zu levels is %s",
	       nlevels, want == CHURN_OK ? "accepted" : "refused");
	if (want != CHURN_OK)
		ok(strstr(e.msg, "--by seg has 101 levels: a segment column has at most 100 (is it "
		                 "an id or free text?)") != NULL, "survival: the message: %s", e.msg);
	surv_run_free(&s);

	cohort_run c;
	cohort_run_opts co;
	cohort_run_input ci = {.res = r, .map = &m, .lopts = &lo, .outs = NULL};
	cohort_run_opts_init(&co);
	memset(&c, 0, sizeof c);
	memset(&e, 0, sizeof e);
	is_int(cohort_run_fit(&c, &ci, &co, &e), want, "cohorts: --by with %zu levels is %s",
	       nlevels, want == CHURN_OK ? "accepted" : "refused");
	if (want != CHURN_OK)
		ok(strstr(e.msg, "--by seg has 101 levels: a segment column has at most 100") != NULL,
		   "cohorts: the message: %s", e.msg);
	cohort_run_free(&c);
	load_result_free(r);
}

/* As of 2024-01-01, in days: a churned at 31, d active at 31 (censored),
 * b churned at 59, e churned at 122, c active at 122 (censored), f active
 * at 365 (censored; no value).  KM: S = 5/6 from 31 (6 at risk), 5/8 from
 * 59 (4 at risk), 5/12 from 122 (3 at risk), flat after.  The active
 * customers with a value: c (100, t = 122): S(122 + 91.3125) / S(122) = 1,
 * nothing at risk; d (50, t = 31): S(122.3125) / S(31) = (5/12) / (5/6) =
 * 1/2, so 50 x 1/2 at risk.  f has no value and is left out of the sum
 * (not of the curve).  Total 25. */
static void revenue_at_risk(void)
{
	const char *text = "id,start,end,mrr\n"
	                   "a,2023-01-01,2023-02-01,70\n"
	                   "b,2023-01-01,2023-03-01,80\n"
	                   "c,2023-09-01,,100\n"
	                   "d,2023-12-01,,50\n"
	                   "e,2023-06-01,2023-10-01,90\n"
	                   "f,2023-01-01,,\n";
	load_map m = {.id = "id", .start = "start", .end = "end", .value = "mrr"};
	load_opts lo;
	churn_err e;
	surv_run s;
	surv_run_opts so;

	load_opts_init(&lo);
	lo.has_as_of = 1;
	lo.as_of = date_from_civil(2024, 1, 1);
	load_result *r = load_text(text, &m, &lo);
	ok(r != NULL, "revenue at risk: the table loads");
	if (r == NULL)
		return;
	surv_run_input si = {.res = r, .map = &m, .display_name = "rar.csv"};
	surv_run_opts_init(&so, 1);
	so.min_n = 1;  /* f (365 days) is followed past 213 and 122 days */
	memset(&s, 0, sizeof s);
	is_int(surv_run_fit(&s, &si, &so, &e), CHURN_OK, "revenue at risk: the survival fit");
	is_double_rel(s.revenue_at_risk, 25, 1e-12,
	              "revenue at risk next quarter: 50 x (1 - (5/12) / (5/6)) + 100 x 0");
	ok(s.revenue_at_risk_n == 2 && s.revenue_at_risk_unscored == 0,
	   "min_n 1: both active customers with a value are counted");
	surv_run_free(&s);

	/* Past where the data reach: at 213.3 and 122.3 days only f is still
	 * followed, fewer than 2: c and d are left out, counted apart. */
	so.min_n = 2;
	memset(&s, 0, sizeof s);
	is_int(surv_run_fit(&s, &si, &so, &e), CHURN_OK, "min_n 2: the fit");
	ok(isnan(s.revenue_at_risk), "min_n 2: no customer counts, revenue at risk is NaN");
	ok(s.revenue_at_risk_unscored == 2 && s.revenue_at_risk_unscored_mrr == 150,
	   "min_n 2: c and d (150 MRR) are past the data, counted apart");
	surv_run_free(&s);
	so.min_n = 1;

	/* Without a value column there is nothing to sum. */
	load_map mv = m;
	mv.value = NULL;
	si.map = &mv;
	memset(&s, 0, sizeof s);
	is_int(surv_run_fit(&s, &si, &so, &e), CHURN_OK, "no value column: the fit");
	ok(isnan(s.revenue_at_risk), "no value column: revenue at risk is NaN");
	surv_run_free(&s);
	load_result_free(r);
}

/* The previous period's cost of churn is the cost the previous period
 * has when it is the reporting period. */
static void cost_previous(void)
{
	const char *text = "id,start,end,mrr\n"
	                   "a,2023-01-05,2023-05-10,10\n"
	                   "b,2023-01-20,2023-08-02,20\n"
	                   "c,2023-02-25,,30\n"
	                   "d,2023-03-03,2023-09-15,40\n"
	                   "e,2023-04-10,2023-11-20,50\n"
	                   "f,2023-05-01,,60\n"
	                   "g,2023-06-01,2023-12-05,70\n";
	load_map m = {.id = "id", .start = "start", .end = "end", .value = "mrr"};
	load_opts lo;
	churn_err e;
	cohort_run c;
	cohort_run_opts co;

	load_opts_init(&lo);
	lo.has_as_of = 1;
	lo.as_of = date_from_civil(2024, 1, 1);
	load_result *r = load_text(text, &m, &lo);
	ok(r != NULL, "cost of churn: the table loads");
	if (r == NULL)
		return;
	cohort_run_input ci = {.res = r, .map = &m, .lopts = &lo, .outs = NULL};
	cohort_run_opts_init(&co);
	memset(&c, 0, sizeof c);
	is_int(cohort_run_fit(&c, &ci, &co, &e), CHURN_OK, "cost of churn: the default period");
	ok(c.kpi->has_cost && c.kpi->change.has_previous, "a cost and a previous period");
	double prev = c.kpi->cost_previous, now = c.kpi->cost.total;
	kpi_period pp = c.kpi->change.current.period;
	cohort_run_free(&c);
	ok(isfinite(prev) && prev > 0, "the previous period's cost is known: %g", prev);
	pp.index--;
	co.ko.has_period = 1;
	co.ko.period = pp;
	memset(&c, 0, sizeof c);
	is_int(cohort_run_fit(&c, &ci, &co, &e), CHURN_OK, "cost of churn: the previous period");
	is_double_rel(prev, c.kpi->cost.total, 1e-15,
	              "the previous period's cost is its own cost as the reporting period");
	ok(now != prev, "and differs from the reporting period's (%g)", now);
	cohort_run_free(&c);
	load_result_free(r);
}

/* What a probability is of: Cox scores over a horizon on dates (months,
 * singular for one), on durations (time units), else the logistic
 * outcome's text. */
static void risk_definition(int score_cox, int date_mode, double horizon, const char *outcome,
                            const char *want)
{
	const double v[1] = {10};
	table *t = table_new(1);
	scores s;
	segment_opts so;
	segment_run g;
	churn_err e;

	table_add_num(t, "mrr", v);
	memset(&s, 0, sizeof s);
	segment_opts_init(&so);
	segment_run_input in = {.t = t, .value_col = "mrr", .s = &s, .score_cox = score_cox,
	                        .date_mode = date_mode, .horizon = horizon, .outcome = outcome};
	memset(&g, 0, sizeof g);
	is_int(segment_run_build(&g, &in, &so, &e), CHURN_OK, "segments of no scored customer");
	is_str(g.risk_definition, want, "the probability is of %s", want);
	segment_run_free(&g);
	table_free(t);
}

int main(void)
{
	by_levels(100, CHURN_OK);
	by_levels(101, CHURN_EUSAGE);
	is_int(by_levels_check("x", BY_LEVELS_MAX, NULL), CHURN_OK, "the cap itself: 100 is fine");
	is_int(by_levels_check("x", BY_LEVELS_MAX + 1, NULL), CHURN_EUSAGE, "101 is not");

	revenue_at_risk();
	cost_previous();

	risk_definition(1, 1, 12, NULL, "churning within 12 months");
	risk_definition(1, 1, 1, NULL, "churning within 1 month");
	risk_definition(1, 0, 90, NULL, "churning within 90 time units");
	risk_definition(0, 1, 12, "churn within 12 months", "churn within 12 months");
	ok(!segment_band_at_risk(SCORE_BAND_NONE) && !segment_band_at_risk(SCORE_BAND_LOW),
	   "at risk: not the unscored nor the low band");
	ok(segment_band_at_risk(SCORE_BAND_MEDIUM) && segment_band_at_risk(SCORE_BAND_HIGH),
	   "at risk: the medium and high bands");
	char b[64];
	is_str(segment_bands_text(b, sizeof b), "low below 20%, high from 50%",
	       "the bands in the report's words, from the cut points");
	is_str(segment_at_risk_from_text(b, sizeof b), "20%", "at risk from a probability of 20%%");
	return done_testing();
}

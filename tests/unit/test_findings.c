/*
 * test_findings.c - the executive summary's findings.
 *
 * The survival numbers come from running the real analysis on a small table
 * (tests/fixtures/findings/surv.csv) whose log-rank counts, BH-adjusted
 * pairwise p-values, medians and early-churn shares R computed
 * independently (make_findings.R -> surv.expect).  The model and KPI inputs
 * are built by hand, with the numbers the sentences must show worked out
 * here (per-doubling odds ratios as 2^b, not through the code under test).
 */
#include "churnkit/findings.h"
#include "tap.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- The R fixture ------------------------------------------------------- */

/* Reads the numbers after `key` in surv.expect into v (at most max);
 * returns how many, or -1 when the key is missing. */
static int expect_get(const char *key, double *v, int max)
{
	char path[1024], line[1024];
	FILE *f = fopen(tap_srcpath(path, sizeof path, "tests/fixtures/findings/surv.expect"), "r");
	int n = -1;
	size_t kl = strlen(key);

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, key, kl) != 0 || line[kl] != ' ')
			continue;
		char *p = line + kl, *end;
		n = 0;
		while (n < max) {
			double x = strtod(p, &end);
			if (end == p)
				break;
			v[n++] = x;
			p = end;
		}
		break;
	}
	fclose(f);
	return n;
}

static double expect1(const char *key)
{
	double v = NAN;
	if (expect_get(key, &v, 1) != 1)
		diag("missing fixture key %s", key);
	return v;
}

#define MAXROWS 400

typedef struct {
	size_t n;
	double time[MAXROWS];
	int event[MAXROWS];
	uint32_t contract[MAXROWS], plan[MAXROWS], region[MAXROWS];
} fx_table;

static uint32_t code_of(const char *s, const char *const *levels, uint32_t k)
{
	for (uint32_t i = 0; i < k; i++)
		if (strcmp(s, levels[i]) == 0)
			return i;
	return SURV_GROUP_NA;
}

static const char *const lev_contract[] = {"annual", "monthly"};
static const char *const lev_plan[] = {"basic", "enterprise", "pro"};
static const char *const lev_region[] = {"north", "south"};

static int read_table(fx_table *t)
{
	char path[1024], line[256], c[32], p[32], r[32];
	FILE *f = fopen(tap_srcpath(path, sizeof path, "tests/fixtures/findings/surv.csv"), "r");
	if (f == NULL || fgets(line, sizeof line, f) == NULL) {
		if (f)
			fclose(f);
		return -1;
	}
	t->n = 0;
	while (t->n < MAXROWS && fgets(line, sizeof line, f) != NULL) {
		double time;
		int ev;
		if (sscanf(line, "%lf,%d,%31[^,],%31[^,],%31[^,\r\n]", &time, &ev, c, p, r) != 5)
			continue;
		t->time[t->n] = time;
		t->event[t->n] = ev;
		t->contract[t->n] = code_of(c, lev_contract, 2);
		t->plan[t->n] = code_of(p, lev_plan, 3);
		t->region[t->n] = code_of(r, lev_region, 2);
		t->n++;
	}
	fclose(f);
	return 0;
}

static surv_analysis *run_fixture(const fx_table *t)
{
	surv_data d = {.n = t->n, .time = t->time, .event = t->event};
	surv_by by[3] = {
		{.name = "contract", .code = t->contract, .nlevels = 2, .levels = lev_contract},
		{.name = "region", .code = t->region, .nlevels = 2, .levels = lev_region},
		{.name = "plan", .code = t->plan, .nlevels = 3, .levels = lev_plan},
	};
	surv_opts o;
	surv_analysis *a = NULL;
	churn_err err;

	surv_opts_default(&o);
	if (surv_analysis_run(&d, by, 3, &o, &a, &err) != CHURN_OK) {
		diag("surv_analysis_run: %s", err.msg);
		return NULL;
	}
	return a;
}

static const finding *find_subject(const findings *f, finding_kind k, const char *subject)
{
	for (size_t i = 0; f != NULL && i < f->n; i++)
		if (f->item[i].kind == k &&
		    (subject == NULL ? f->item[i].subject == NULL
		                     : f->item[i].subject && strcmp(f->item[i].subject, subject) == 0))
			return &f->item[i];
	return NULL;
}

static findings *build(const findings_input *in, const findings_opts *o)
{
	findings *f = NULL;
	churn_err err;
	if (findings_build(in, o, &f, &err) != CHURN_OK) {
		diag("findings_build: %s", err.msg);
		return NULL;
	}
	return f;
}

static void test_fixture(void)
{
	static fx_table t;
	double o[3], e[3], padj[3];
	findings_opts fo;
	findings *f;
	const finding *x;

	if (read_table(&t) != 0 || t.n == 0) {
		ok(0, "fixture: surv.csv read");
		return;
	}
	surv_analysis *a = run_fixture(&t);
	ok(a != NULL, "fixture: the survival analysis runs on surv.csv");
	if (a == NULL)
		return;
	findings_input in = {.surv = a, .time_in_days = 1};
	findings_opts_init(&fo);
	f = build(&in, &fo);
	ok(f != NULL, "fixture: findings built");

	/* contract: two levels, the column's own test. */
	x = find_subject(f, FINDING_SEGMENT, "contract");
	ok(x != NULL, "contract: a segment finding (R: p = %g)", expect1("contract.p"));
	if (x != NULL) {
		expect_get("contract.obs", o, 2);
		expect_get("contract.exp", e, 2);
		double want = (o[1] / e[1]) / (o[0] / e[0]); /* monthly over annual */
		is_double_rel(x->number, want, 1e-9,
		              "contract: ratio (O/E monthly) / (O/E annual) as R's survdiff");
		is_double_rel(x->p, expect1("contract.p"), 1e-6, "contract: p is survdiff's");
		ok(x->significant, "contract: significant");
		is_double_rel(x->strength, log(want), 1e-9, "contract: strength is log of the ratio");
		/* R: medians 405 and 152 days = 13.3 and 5.0 months. */
		double med[2];
		expect_get("contract.median", med, 2);
		char want_text[256];
		snprintf(want_text, sizeof want_text,
		         "Customers with contract = monthly churn %.1fx faster than with "
		         "contract = annual; median lifetime %.1f vs %.1f months (log-rank p < 0.001)",
		         want, med[1] / 30.4375, med[0] / 30.4375);
		is_str(x->text, want_text, "contract: the sentence");
		is_str(x->text,
		       "Customers with contract = monthly churn 1.8x faster than with "
		       "contract = annual; median lifetime 5.0 vs 13.3 months (log-rank p < 0.001)",
		       "contract: the sentence, written out");
		is_str(x->test_text, "log-rank p < 0.001", "contract: the test text");
		is_str(x->subject, "contract", "contract: subject is the column");
	}

	/* region: R's p = 0.76, no finding. */
	ok(expect1("region.p") > 0.05 && find_subject(f, FINDING_SEGMENT, "region") == NULL,
	   "region: a non-significant difference gives no finding");

	/* plan: three levels, pairwise; the most extreme significant pair is
	 * basic vs enterprise (pair 1). */
	x = find_subject(f, FINDING_SEGMENT, "plan");
	ok(x != NULL, "plan: a pairwise finding");
	expect_get("plan.padj", padj, 3);
	if (x != NULL) {
		expect_get("plan.pair1.obs", o, 2);
		expect_get("plan.pair1.exp", e, 2);
		double want = (o[0] / e[0]) / (o[1] / e[1]); /* basic over enterprise */
		is_double_rel(x->number, want, 1e-9,
		              "plan: ratio from the basic-enterprise pair's own survdiff");
		is_double_rel(x->p, padj[0], 1e-6, "plan: p is the BH-adjusted p of that pair");
		is_str(x->text,
		       "Customers with plan = basic churn 2.2x faster than with plan = "
		       "enterprise; median 4.1 vs 16.7 months (log-rank, BH-adjusted p < 0.001)",
		       "plan: the sentence, shortened to 140 characters (R medians 126, 509 days)");
		is_str(x->test_text, "log-rank, BH-adjusted p < 0.001", "plan: the test text");
	}

	/* Ranking: plan (log 2.19) before contract (log 1.80), then early churn. */
	if (f != NULL && f->n >= 3) {
		is_int(f->item[0].kind, FINDING_SEGMENT, "rank: first a segment");
		is_str(f->item[0].subject, "plan", "rank: the strongest segment (plan) first");
		is_str(f->item[1].subject, "contract", "rank: then contract");
		is_int(f->item[2].kind, FINDING_EARLY, "rank: the descriptive early share last");
	} else {
		ok(0, "rank: three findings");
	}
	is_int(f ? (long long)f->n : -1, 3, "fixture: three findings in all");

	/* Early churn: R's share 0.547 and time share 0.265 (ratio >= 1.5). */
	x = find_subject(f, FINDING_EARLY, NULL);
	ok(x != NULL, "early: stated when the share is 1.5x the time share");
	if (x != NULL) {
		double share = expect1("early.share"), ts = expect1("early.exposure");
		is_double_rel(x->number, share, 1e-12, "early: the share of churn by 90 days");
		is_double_rel(x->strength, log(share / ts), 1e-9,
		              "early: time share from the KM steps as R's sum(pmin(time, 90))");
		is_str(x->text,
		       "55% of churn happens in the first 90 days of tenure, which make up only 26% "
		       "of the time customers were observed",
		       "early: the sentence");
		ok(!x->significant && isnan(x->p) && strcmp(x->test_text, "") == 0,
		   "early: descriptive, no test claimed");
	}
	findings_free(f);

	/* A higher threshold on the excess: no early finding. */
	findings_opts_init(&fo);
	fo.early_excess = 2.2;
	f = build(&in, &fo);
	ok(f != NULL && find_subject(f, FINDING_EARLY, NULL) == NULL,
	   "early: not stated when the share is below early_excess x the time share");
	findings_free(f);

	/* min_n 70 leaves enterprise (63 customers) out: only basic-pro (101,
	 * 76) is eligible, with BH-adjusted p = 0.042 (raw 0.028). */
	findings_opts_init(&fo);
	fo.min_n = 70;
	f = build(&in, &fo);
	x = find_subject(f, FINDING_SEGMENT, "plan");
	ok(x != NULL, "plan, min_n 70: the basic-pro pair");
	if (x != NULL) {
		expect_get("plan.pair2.obs", o, 2);
		expect_get("plan.pair2.exp", e, 2);
		is_double_rel(x->number, (o[0] / e[0]) / (o[1] / e[1]), 1e-9,
		              "plan, min_n 70: basic over pro from their own test");
		is_double_rel(x->p, padj[1], 1e-6, "plan, min_n 70: the pair's adjusted p");
		ok(strstr(x->text, "BH-adjusted p = 0.042") != NULL,
		   "plan, min_n 70: the adjusted p in the text: %s", x->text);
	}
	findings_free(f);

	/* At alpha 0.04 the raw p (0.028) would pass but the adjusted (0.042)
	 * does not: no finding. */
	double praw = expect1("plan.pair2.p");
	fo.alpha = 0.04;
	f = build(&in, &fo);
	ok(praw < 0.04 && padj[1] > 0.04 && f != NULL &&
	   find_subject(f, FINDING_SEGMENT, "plan") == NULL,
	   "plan, alpha 0.04: raw p %.3f passes, adjusted %.3f does not: no finding", praw,
	   padj[1]);
	findings_free(f);

	/* min_n above the smaller contract group (105): no contract finding. */
	findings_opts_init(&fo);
	fo.min_n = 106;
	f = build(&in, &fo);
	ok(f != NULL && find_subject(f, FINDING_SEGMENT, "contract") == NULL,
	   "contract, min_n 106: a group below min_n gives no finding");
	findings_free(f);
	fo.min_n = 105;
	f = build(&in, &fo);
	ok(f != NULL && find_subject(f, FINDING_SEGMENT, "contract") != NULL,
	   "contract, min_n 105: a group of exactly min_n is enough");
	findings_free(f);

	/* Durations in another unit: no conversion to months. */
	findings_opts_init(&fo);
	in.time_in_days = 0;
	in.time_unit = "days";
	f = build(&in, &fo);
	x = find_subject(f, FINDING_SEGMENT, "contract");
	ok(x != NULL && strstr(x->text, "median lifetime 152 vs 405 days") != NULL,
	   "contract: medians in the data's own unit: %s", x ? x->text : "(none)");
	findings_free(f);
	surv_analysis_free(a);
}

int main(void)
{
	gsl_set_error_handler_off();
	test_fixture();
	return done_testing();
}

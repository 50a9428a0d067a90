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
#include "churnkit/design.h"
#include "churnkit/findings.h"
#include "churnkit/logit.h"
#include "churnkit/table.h"
#include "fixture.h"
#include "tap.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- The R fixture ------------------------------------------------------- */

/* Reads the numbers after `key` in the word file rel (fixture.h) into v (at
 * most max, up to the first word that is not a number); returns how many,
 * or -1 when the key is missing. */
static int expect_read(const char *rel, const char *key, double *v, int max)
{
	fx_csv *c = fx_words_read(rel);
	long r = fx_tag_row(c, key);
	int n = -1;

	if (r >= 0)
		for (n = 0; n < max; n++) {
			double x = fx_wnum(c, (size_t)r, (size_t)n + 1);
			if (isnan(x))
				break;
			v[n] = x;
		}
	fx_csv_free(c);
	return n;
}

static int expect_get(const char *key, double *v, int max)
{
	return expect_read("tests/fixtures/findings/surv.expect", key, v, max);
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
} surv_fx;

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

static int read_table(surv_fx *t)
{
	fx_csv *c = fx_csv_read("tests/fixtures/findings/surv.csv");
	t->n = 0;
	for (size_t i = 0; i < c->nrows && t->n < MAXROWS; i++) {
		t->time[t->n] = fx_num(c, i, "time");
		t->event[t->n] = (int)fx_num(c, i, "event");
		t->contract[t->n] = code_of(fx_str(c, i, "contract"), lev_contract, 2);
		t->plan[t->n] = code_of(fx_str(c, i, "plan"), lev_plan, 3);
		t->region[t->n] = code_of(fx_str(c, i, "region"), lev_region, 2);
		t->n++;
	}
	fx_csv_free(c);
	return 0;
}

static surv_analysis *run_fixture(const surv_fx *t)
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
	static surv_fx t;
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

	/* Durations without a unit name. */
	in.time_unit = NULL;
	f = build(&in, &fo);
	x = find_subject(f, FINDING_SEGMENT, "contract");
	ok(x != NULL && strstr(x->text, "; median lifetime 152 vs 405 (log-rank") != NULL,
	   "contract: medians without a unit: %s", x ? x->text : "(none)");
	x = find_subject(f, FINDING_EARLY, NULL);
	ok(x != NULL && strcmp(x->text, "55% of churn happens at tenure 90 or less, which makes up "
	                                "only 26% of the time customers were observed") == 0,
	   "early: without a unit name: %s", x ? x->text : "(none)");
	findings_free(f);
	surv_analysis_free(a);
}

/* ---- Number formatting -------------------------------------------------- */

static void test_format(void)
{
	char b[32];
	is_str(findings_format_ratio(3.14, b, sizeof b), "3.1", "ratio: one decimal");
	is_str(findings_format_ratio(3.05, b, sizeof b), "3.0", "ratio: 3.05 (binary 3.04999...)");
	is_str(findings_format_ratio(1.04, b, sizeof b), "1.04", "ratio: two decimals near 1");
	is_str(findings_format_ratio(0.38, b, sizeof b), "0.38", "ratio: below 1");
	is_str(findings_format_ratio(150.4, b, sizeof b), "150", "ratio: none from 100");
	is_str(findings_format_ratio(INFINITY, b, sizeof b), "Inf", "ratio: infinite");
	is_str(findings_format_ratio(NAN, b, sizeof b), "NA", "ratio: NaN");
}

/* ---- Survival results built by hand --------------------------------------- */

typedef struct {
	surv_analysis a;
	surv_test t;
	logrank_result r;
	logrank_pairs pp;
	logrank_pair pair[3];
	char *levels[3];
	uint32_t level[3];
	double n[3], obs[3], exp_[3];
} hand_surv;

/* One column `by` with k levels (2 or 3), its test with p, and no curves. */
static void hand_init(hand_surv *h, char *by, uint32_t k, double p)
{
	memset(h, 0, sizeof *h);
	h->a.ntests = 1;
	h->a.test = &h->t;
	h->t.by = by;
	h->t.nlevels = k;
	h->t.levels = h->levels;
	h->t.test = &h->r;
	h->r.k = k;
	h->r.level = h->level;
	h->r.n = h->n;
	h->r.observed = h->obs;
	h->r.expected = h->exp_;
	h->r.p = p;
	h->r.chisq = 10;
	h->r.df = (int)k - 1;
	for (uint32_t i = 0; i < k; i++)
		h->level[i] = i;
}

static void hand_level(hand_surv *h, uint32_t i, char *name, double n, double o, double e)
{
	h->levels[i] = name;
	h->n[i] = n;
	h->obs[i] = o;
	h->exp_[i] = e;
}

static void hand_pair(hand_surv *h, size_t q, uint32_t a, uint32_t b, double oa, double ea,
                      double ob, double eb, double p, double padj)
{
	h->t.pairs = &h->pp;
	h->pp.npairs = 3;
	h->pp.pair = h->pair;
	h->pair[q] = (logrank_pair){.a = a, .b = b, .chisq = 5, .df = 1, .p = p, .p_adjusted = padj,
	                            .observed = {oa, ob}, .expected = {ea, eb}};
}

static size_t count_kind(const findings *f, finding_kind k)
{
	size_t n = 0;
	for (size_t i = 0; f != NULL && i < f->n; i++)
		n += f->item[i].kind == k;
	return n;
}

static void test_segments_by_hand(void)
{
	static hand_surv h;
	findings_input in = {.surv = &h.a, .time_in_days = 1};
	findings *f;
	const finding *x;

	/* Two levels at the edges of alpha and min_n. */
	hand_init(&h, "contract", 2, 0.0499);
	hand_level(&h, 0, "annual", 30, 10, 20);
	hand_level(&h, 1, "monthly", 30, 30, 20);
	f = build(&in, NULL);
	x = find_subject(f, FINDING_SEGMENT, "contract");
	ok(x != NULL, "two levels: p 0.0499 < alpha 0.05 with 30 and 30 customers: a finding");
	if (x != NULL) {
		is_double_rel(x->number, 3.0, 1e-15, "two levels: (30/20) / (10/20) = 3");
		is_str(x->text, "Customers with contract = monthly churn 3.0x faster than with "
		                "contract = annual (log-rank p < 0.05)",
		       "two levels: the sentence, no medians without curves, p not rounded up to alpha");
	}
	findings_free(f);

	h.r.p = 0.05;
	f = build(&in, NULL);
	is_int(f ? (long long)count_kind(f, FINDING_SEGMENT) : -1, 0, "two levels: p = alpha: none");
	findings_free(f);
	h.r.p = NAN;
	f = build(&in, NULL);
	is_int(f ? (long long)count_kind(f, FINDING_SEGMENT) : -1, 0, "two levels: p NaN: none");
	findings_free(f);
	h.r.p = 1e-6;
	h.r.note = "no churn in any group";
	f = build(&in, NULL);
	is_int(f ? (long long)count_kind(f, FINDING_SEGMENT) : -1, 0,
	       "two levels: an untested column (note): none");
	findings_free(f);
	h.r.note = NULL;
	h.n[0] = 29.5;
	f = build(&in, NULL);
	is_int(f ? (long long)count_kind(f, FINDING_SEGMENT) : -1, 0,
	       "two levels: 29.5 weighted customers < min_n 30: none");
	findings_free(f);
	h.n[0] = 30;
	h.r.rho = 1;
	f = build(&in, NULL);
	x = find_subject(f, FINDING_SEGMENT, "contract");
	ok(x != NULL && strcmp(x->test_text, "Peto-Peto p < 0.001") == 0,
	   "two levels, rho 1: the test is named Peto-Peto");
	findings_free(f);
	h.r.rho = 0;

	/* Nobody churned in the slower level. */
	h.obs[0] = 0;
	f = build(&in, NULL);
	x = find_subject(f, FINDING_SEGMENT, "contract");
	ok(x != NULL && isinf(x->number) && x->number > 0, "zero churn: the ratio is +Inf");
	if (x != NULL) {
		is_str(x->text, "Customers with contract = monthly churn faster than those with "
		                "contract = annual, none of whom churned (log-rank p < 0.001)",
		       "zero churn: worded without a ratio");
		is_double_rel(x->strength, log((30.5 / 20) / (0.5 / 20)), 1e-12,
		              "zero churn: strength with 0.5 added to the observed counts");
	}
	findings_free(f);

	/* UTF-8 names pass through untouched. */
	hand_init(&h, "région", 2, 1e-4);
	hand_level(&h, 0, "Zürich", 40, 10, 20);
	hand_level(&h, 1, "台北", 40, 30, 20);
	f = build(&in, NULL);
	x = find_subject(f, FINDING_SEGMENT, "région");
	ok(x != NULL && strcmp(x->text, "Customers with région = 台北 churn 3.0x faster than with "
	                                "région = Zürich (log-rank p < 0.001)") == 0,
	   "UTF-8 column and level names pass through: %s", x ? x->text : "(none)");
	findings_free(f);

	/* Three levels: the BH-adjusted p decides, then the most extreme pair. */
	hand_init(&h, "plan", 3, 1e-6);
	hand_level(&h, 0, "basic", 100, 50, 25);
	hand_level(&h, 1, "pro", 100, 30, 30);
	hand_level(&h, 2, "team", 100, 20, 45);
	/* (0,1): raw p passes, adjusted does not, and it is not the most extreme;
	 * (0,2): ratio (50/25)/(20/45) = 4.5, raw 0.001, adjusted 0.2: out;
	 * (1,2): ratio (30/30)/(20/45) = 2.25, adjusted 0.03: in;
	 * so the finding is pro vs team, although basic vs team has the
	 * smaller raw p and the larger ratio. */
	hand_pair(&h, 0, 0, 1, 50, 30, 30, 50, 0.02, 0.06);
	hand_pair(&h, 1, 0, 2, 50, 25, 20, 45, 0.001, 0.2);
	hand_pair(&h, 2, 1, 2, 30, 30, 20, 45, 0.025, 0.03);
	f = build(&in, NULL);
	x = find_subject(f, FINDING_SEGMENT, "plan");
	ok(x != NULL, "three levels: a finding from the one pair with adjusted p < alpha");
	if (x != NULL) {
		is_double_rel(x->p, 0.03, 0, "three levels: p is the adjusted p, not the raw 0.025");
		is_double_rel(x->number, 2.25, 1e-15, "three levels: that pair's own O/E ratio");
		is_str(x->text, "Customers with plan = pro churn 2.2x faster than with plan = team "
		                "(log-rank, BH-adjusted p = 0.03)",
		       "three levels: the sentence");
	}
	findings_free(f);
	/* Two eligible pairs: the most extreme wins. */
	h.pair[1].p_adjusted = 0.01;
	f = build(&in, NULL);
	x = find_subject(f, FINDING_SEGMENT, "plan");
	ok(x != NULL && x->number == 4.5 && x->p == 0.01,
	   "three levels: of two significant pairs, the larger O/E ratio (basic vs team)");
	is_int(f ? (long long)count_kind(f, FINDING_SEGMENT) : -1, 1,
	       "three levels: one finding per column");
	findings_free(f);
	/* Without pairwise tests the global test names no pair: none. */
	h.t.pairs = NULL;
	f = build(&in, NULL);
	is_int(f ? (long long)count_kind(f, FINDING_SEGMENT) : -1, 0,
	       "three levels without pairwise tests: none, whatever the global p");
	findings_free(f);
}

/* ---- Models built by hand -------------------------------------------------- */

#define NROW 100
#define NCOL 5

typedef struct {
	design d;
	design_col cols[NCOL];
	design_term terms[3];
	char *levels[3];
	logit_result lr;
	cox_result cr;
	double coef[NCOL], se[NCOL], z[NCOL], pval[NCOL], ratio[NCOL], lo[NCOL], hi[NCOL];
	double cov[NCOL * NCOL]; /* diagonal, se^2: the terms' tests (termtest.h) */
	int aliased[NCOL], diverging[NCOL];
	double y[NROW];
} hand_model;

/* Columns: (Intercept), tickets (i % 6), log(mrr) (log(50 + i)),
 * channel=paid (rows 0-9), channel=trial (rows 10-49); organic is the
 * reference (rows 50-99).  Worked out by hand: tickets' type-7 quartiles
 * are 1 and 4 (sorted, 17 zeros, 17 ones, ..., 16 fives; positions 25.75
 * and 75.25), 34 customers at or below 1 and 32 at or above 4; mrr's are
 * 74.75 and 124.25.  The outcome y = 1 when tickets >= 2 in rows 0-49 and
 * tickets >= 4 in rows 50-99: customers with tickets >= 4 all churn, those
 * with <= 1 none (rates 1 and 0), trial churns more than organic, and
 * higher mrr churns less: every plain direction agrees with the model's. */
static int hand_model_init(hand_model *m)
{
	static char *names[NCOL] = {"(Intercept)", "tickets", "log(mrr)", "channel=paid",
	                            "channel=trial"};
	memset(m, 0, sizeof *m);
	m->d.X = gsl_matrix_alloc(NROW, NCOL);
	if (m->d.X == NULL)
		return -1;
	for (size_t i = 0; i < NROW; i++) {
		gsl_matrix_set(m->d.X, i, 0, 1);
		gsl_matrix_set(m->d.X, i, 1, (double)(i % 6));
		m->y[i] = i < 50 ? i % 6 >= 2 : i % 6 >= 4;
		gsl_matrix_set(m->d.X, i, 2, log(50.0 + (double)i));
		gsl_matrix_set(m->d.X, i, 3, i < 10);
		gsl_matrix_set(m->d.X, i, 4, i >= 10 && i < 50);
	}
	m->d.nrows = NROW;
	m->d.ncols = NCOL;
	m->d.cols = m->cols;
	m->d.nterms = 3;
	m->d.terms = m->terms;
	m->d.intercept = 1;
	for (size_t j = 0; j < NCOL; j++)
		m->cols[j].name = names[j];
	m->cols[0] = (design_col){.name = names[0], .kind = DESIGN_COL_INTERCEPT, .term = (size_t)-1};
	m->cols[1] = (design_col){.name = names[1], .kind = DESIGN_COL_NUM, .term = 0};
	m->cols[2] = (design_col){.name = names[2], .kind = DESIGN_COL_NUM, .term = 1};
	m->cols[3] = (design_col){.name = names[3], .kind = DESIGN_COL_DUMMY, .term = 2, .level = 1};
	m->cols[4] = (design_col){.name = names[4], .kind = DESIGN_COL_DUMMY, .term = 2, .level = 2};
	m->levels[0] = "organic";
	m->levels[1] = "paid";
	m->levels[2] = "trial";
	m->terms[0] = (design_term){.name = "tickets", .column = "tickets", .first_col = 1, .ncols = 1};
	m->terms[1] = (design_term){.name = "log(mrr)", .column = "mrr", .log = 1, .first_col = 2,
	                            .ncols = 1};
	m->terms[2] = (design_term){.name = "channel", .column = "channel", .categorical = 1,
	                            .nlevels = 3, .levels = m->levels, .first_col = 3, .ncols = 2};
	/* tickets OR 1.18 (1.12-1.24), p 1e-5; log(mrr) b -0.3 (-0.45, -0.15),
	 * p 0.004; paid OR 5 p 0.001 (only 10 customers); trial OR 2.4
	 * (1.9-3.03), p 1e-4. */
	double b[NCOL] = {-2, log(1.18), -0.3, log(5), log(2.4)};
	double l[NCOL] = {NAN, 1.12, exp(-0.45), 2, 1.9};
	double u[NCOL] = {NAN, 1.24, exp(-0.15), 12, 3.03};
	double p[NCOL] = {1e-9, 1e-5, 0.004, 0.001, 1e-4};
	for (size_t j = 0; j < NCOL; j++) {
		m->coef[j] = b[j];
		m->ratio[j] = exp(b[j]);
		m->lo[j] = l[j];
		m->hi[j] = u[j];
		m->pval[j] = p[j];
		m->se[j] = 0.1;
		m->z[j] = b[j] / 0.1;
		m->cov[j * NCOL + j] = 0.01;
	}
	coeftab t = {.p = NCOL, .coef = m->coef, .se = m->se, .z = m->z, .pval = m->pval,
	             .ratio = m->ratio, .lower = m->lo, .upper = m->hi, .aliased = m->aliased,
	             .conf_level = 0.95};
	m->lr = (logit_result){.coefs = t, .diverging = m->diverging, .n = NROW, .converged = 1,
	                       .separation = LOGIT_SEP_NONE, .cov = m->cov};
	m->cr = (cox_result){.coefs = t, .infinite = m->diverging, .converged = 1, .cov = m->cov};
	m->aliased[0] = 0;
	m->pval[0] = NAN; /* the Cox model has no intercept: NaN like an aliased column */
	return 0;
}

static void test_drivers_by_hand(void)
{
	static hand_model m;
	findings_opts fo;
	findings *f;
	const finding *x;

	if (hand_model_init(&m) != 0) {
		ok(0, "drivers: matrix allocated");
		return;
	}
	findings_input in = {.logit = &m.lr, .logit_design = &m.d, .logit_y = m.y,
	                     .outcome = "churn within 12 months"};
	findings_opts_init(&fo);
	fo.max_drivers = 3;
	fo.min_n = 20; /* mrr's quartile groups have 25 customers each */
	f = build(&in, &fo);
	is_int(f ? (long long)count_kind(f, FINDING_DRIVER) : -1, 3,
	       "drivers: three significant terms, one per term");
	x = find_subject(f, FINDING_DRIVER, "tickets");
	ok(x != NULL, "drivers: tickets");
	if (x != NULL) {
		/* OR 1.18^3 between the quartiles 4 and 1 (1.64, 1.12^3 = 1.40,
		 * 1.24^3 = 1.91); the predicted rates are checked against R below. */
		const char *head = "Predicted churn within 12 months is ";
		const char *mid = " for customers with tickets at 4 (upper quartile), against ";
		const char *tail = " at 1 (lower quartile) (OR 1.64, p < 0.001)";
		size_t tl = strlen(x->text), nl = strlen(tail);
		ok(strncmp(x->text, head, strlen(head)) == 0 && strstr(x->text, mid) != NULL &&
		   tl > nl && strcmp(x->text + tl - nl, tail) == 0,
		   "drivers: a number compares customers at its quartiles: %s", x->text);
		ok(strstr(x->text, "unit") == NULL, "drivers: no \"per unit\"");
		is_str(x->test_text, "OR 1.64, 95% CI 1.40-1.91, p < 0.001",
		       "drivers: a number's test text, interval between the quartiles");
		is_double_rel(x->number, pow(1.18, 3), 1e-12, "drivers: tickets OR Q3 vs Q1 = OR^3");
		ok(!x->reversed && x->rate[0] == 1 && x->rate[1] == 0,
		   "drivers: tickets' plain rates 1 (>= 4) and 0 (<= 1), agreeing with the model");
		ok(x->predicted[0] > x->predicted[1], "drivers: predicted churn higher at Q3");
	}
	x = find_subject(f, FINDING_DRIVER, "mrr");
	ok(x != NULL, "drivers: log(mrr)");
	if (x != NULL) {
		is_double_rel(x->number, pow(124.25 / 74.75, -0.3), 1e-12,
		              "drivers: log term OR (Q3/Q1)^b on the column's own scale");
		is_str(x->test_text, "OR 0.86, 95% CI 0.80-0.93, p = 0.004",
		       "drivers: a log term's interval (Q3/Q1)^(b -+ q se)");
		ok(strstr(x->text, "mrr at 124.25 (upper quartile), against ") != NULL &&
		   strstr(x->text, " at 74.75 (lower quartile)") != NULL,
		   "drivers: a log term's quartiles on the column's scale: %s", x->text);
	}
	x = find_subject(f, FINDING_DRIVER, "channel");
	ok(x != NULL, "drivers: channel");
	if (x != NULL) {
		is_double_rel(x->number, 2.4, 1e-12,
		              "drivers: channel=trial, not channel=paid (10 customers < min_n)");
		is_str(x->text, "Customers with channel = trial have 2.4x the odds of churn within "
		                "12 months vs channel = organic (reference) (OR 2.40, p < 0.001)",
		       "drivers: a dummy against the reference, interval dropped past 140 chars");
		is_str(x->test_text, "OR 2.40, 95% CI 1.90-3.03, p < 0.001",
		       "drivers: the test text keeps the interval");
	}
	/* Order by strength: trial |b| 0.875 > tickets |b| (4 - 1) 0.50 > mrr. */
	if (f != NULL && f->n == 3) {
		ok(strcmp(f->item[0].subject, "channel") == 0 &&
		   strcmp(f->item[1].subject, "tickets") == 0 && strcmp(f->item[2].subject, "mrr") == 0,
		   "drivers: ranked by strength (dummy |b|, numeric |b| (Q3 - Q1))");
	} else {
		ok(0, "drivers: three findings to rank");
	}
	findings_free(f);

	/* Default max_drivers 2: the weakest (mrr) goes. */
	f = build(&in, NULL);
	ok(f != NULL && count_kind(f, FINDING_DRIVER) == 2 &&
	   find_subject(f, FINDING_DRIVER, "mrr") == NULL,
	   "drivers: at most max_drivers (2), the strongest kept");
	findings_free(f);

	/* A non-significant term gives nothing; neither does a term whose
	 * reference group is small. */
	m.pval[1] = 0.2;
	f = build(&in, &fo);
	ok(f != NULL && find_subject(f, FINDING_DRIVER, "tickets") == NULL,
	   "drivers: p 0.2: no finding");
	m.pval[1] = 1e-5;
	findings_free(f);
	fo.min_n = 51;
	f = build(&in, &fo);
	ok(f != NULL && find_subject(f, FINDING_DRIVER, "channel") == NULL,
	   "drivers: reference organic has 50 customers < min_n 51: no channel finding");
	findings_free(f);
	fo.min_n = 20;
	/* A level of a term of several columns needs the term as a whole
	 * significant: with variances 1 for channel's two dummies its Wald
	 * test is (log 5)^2 + (log 2.4)^2 = 3.36 on 2 df, p = 0.19, and no
	 * level is stated, whatever trial's own p (1e-4); at 0.3 (chisq 11.2,
	 * p = 0.004) trial is. */
	m.cov[3 * NCOL + 3] = m.cov[4 * NCOL + 4] = 1;
	f = build(&in, &fo);
	ok(f != NULL && find_subject(f, FINDING_DRIVER, "channel") == NULL &&
	   find_subject(f, FINDING_DRIVER, "tickets") != NULL,
	   "drivers: channel as a whole p = 0.19: no channel finding (tickets still one)");
	findings_free(f);
	m.cov[3 * NCOL + 3] = m.cov[4 * NCOL + 4] = 0.3;
	f = build(&in, &fo);
	x = f != NULL ? find_subject(f, FINDING_DRIVER, "channel") : NULL;
	ok(x != NULL && x->level != NULL && strcmp(x->level, "trial") == 0,
	   "drivers: channel as a whole p = 0.004: channel = trial stated");
	findings_free(f);
	m.cov[3 * NCOL + 3] = m.cov[4 * NCOL + 4] = 0.01;

	/* Fits that cannot be trusted. */
	m.lr.converged = 0;
	f = build(&in, &fo);
	is_int(f ? (long long)count_kind(f, FINDING_DRIVER) : -1, 0, "drivers: not converged: none");
	findings_free(f);
	m.lr.converged = 1;
	m.lr.separation = LOGIT_SEP_QUASI;
	f = build(&in, &fo);
	is_int(f ? (long long)count_kind(f, FINDING_DRIVER) : -1, 0,
	       "drivers: separation without Firth: none");
	findings_free(f);
	m.lr.firth = 1;
	m.lr.firth_auto = 1;
	f = build(&in, &fo);
	x = find_subject(f, FINDING_DRIVER, "tickets");
	ok(x != NULL && strstr(x->test_text, "Firth-penalised fit") != NULL,
	   "drivers: separation refitted by Firth: stated, and said so");
	findings_free(f);
	/* The separating column itself: its Firth estimate's size only reflects
	 * the penalty, so it is never a finding. */
	m.diverging[1] = 1;
	f = build(&in, &fo);
	ok(f != NULL && find_subject(f, FINDING_DRIVER, "tickets") == NULL,
	   "drivers: the separating column of a Firth fit: none");
	findings_free(f);
	m.diverging[1] = 0;
	m.lr.firth = m.lr.firth_auto = 0;
	m.lr.separation = LOGIT_SEP_NONE;
	m.aliased[1] = 1;
	f = build(&in, &fo);
	ok(f != NULL && find_subject(f, FINDING_DRIVER, "tickets") == NULL,
	   "drivers: an aliased column: none");
	findings_free(f);
	m.aliased[1] = 0;

	/* A column with a segment finding gives no driver. */
	static hand_surv h;
	hand_init(&h, "channel", 2, 1e-4);
	hand_level(&h, 0, "organic", 50, 10, 20);
	hand_level(&h, 1, "trial", 50, 30, 20);
	in.surv = &h.a;
	f = build(&in, &fo);
	ok(f != NULL && find_subject(f, FINDING_SEGMENT, "channel") != NULL &&
	   find_subject(f, FINDING_DRIVER, "channel") == NULL,
	   "drivers: channel already has a segment finding: no channel driver");
	findings_free(f);
	in.surv = NULL;

	/* The Cox model, when no logistic model is given. */
	findings_input ic = {.cox = &m.cr, .cox_design = &m.d, .cox_event = m.y};
	f = build(&ic, &fo);
	x = find_subject(f, FINDING_DRIVER, "tickets");
	ok(x != NULL && strcmp(x->text, "Customers with tickets at 4 (upper quartile) have 1.6x the "
	                                "churn hazard of those at 1 (lower quartile) (HR 1.64, Cox "
	                                "p < 0.001)") == 0,
	   "cox: a numeric term's sentence: %s", x ? x->text : "(none)");
	ok(x != NULL && isnan(x->predicted[0]) && x->rate[0] == 1,
	   "cox: plain rates (churned), no predicted churn");
	x = find_subject(f, FINDING_DRIVER, "channel");
	ok(x != NULL && strcmp(x->text, "Customers with channel = trial have 2.4x the churn hazard "
	                                "vs channel = organic (reference) (HR 2.40, 95% CI "
	                                "1.90-3.03, Cox p < 0.001)") == 0,
	   "cox: a dummy's sentence: %s", x ? x->text : "(none)");
	findings_free(f);
	/* A Cox driver the plain shares contradict: both said, without
	 * predictions. */
	m.coef[1] = -log(1.18);
	m.ratio[1] = 1 / 1.18;
	m.lo[1] = 1 / 1.24;
	m.hi[1] = 1 / 1.12;
	f = build(&ic, &fo);
	x = find_subject(f, FINDING_DRIVER, "tickets");
	ok(x != NULL && x->reversed &&
	   strcmp(x->text, "Customers with tickets in the upper quartile (4 or more) churn more "
	                   "than those in the lower quartile (1 or less) (100% vs 0.0%), but among "
	                   "otherwise alike customers, those at 4 have 39% lower churn hazard than "
	                   "those at 1 (HR 0.61, Cox p < 0.001)") == 0,
	   "cox: reversed, both said: %s", x ? x->text : "(none)");
	findings_free(f);
	m.coef[1] = log(1.18);
	m.ratio[1] = 1.18;
	m.lo[1] = 1.12;
	m.hi[1] = 1.24;
	m.diverging[1] = 1; /* the Cox model's `infinite` flags */
	f = build(&ic, &fo);
	ok(f != NULL && find_subject(f, FINDING_DRIVER, "tickets") == NULL,
	   "cox: a possibly infinite coefficient: none");
	findings_free(f);
	m.diverging[1] = 0;

	/* Without the model's outcome the plain rates cannot be checked. */
	in.logit_y = NULL;
	f = build(&in, &fo);
	is_int(f ? (long long)count_kind(f, FINDING_DRIVER) : -1, 0,
	       "drivers: no outcome to check the plain rates against: none");
	findings_free(f);
	in.logit_y = m.y;

	/* The model says fewer tickets churn more, the plain rates the opposite
	 * (100% at >= 4, 0% at <= 1): not stated as a driver, both said. */
	m.coef[1] = -log(1.18);
	m.ratio[1] = 1 / 1.18;
	m.lo[1] = 1 / 1.24;
	m.hi[1] = 1 / 1.12;
	f = build(&in, &fo);
	x = find_subject(f, FINDING_DRIVER, "tickets");
	ok(x != NULL && x->reversed, "reversed: flagged");
	if (x != NULL) {
		const char *head = "Customers with tickets in the upper quartile (4 or more) churn "
		                   "more than those in the lower quartile (1 or less) (100% vs 0.0%), "
		                   "but among otherwise alike customers, predicted churn is lower at "
		                   "4 than at 1 (";
		ok(strncmp(x->text, head, strlen(head)) == 0,
		   "reversed: the plain rates first, then the adjusted comparison: %s", x->text);
		ok(strstr(x->text, "(OR 0.61, p < 0.001)") != NULL, "reversed: the test kept");
		ok(x->predicted[0] < x->predicted[1], "reversed: predicted lower at Q3");
		is_double_rel(x->number, pow(1.18, -3), 1e-12, "reversed: OR Q3 vs Q1");
	}
	findings_free(f);
	/* A dummy whose plain rate disagrees: trial churns more than organic
	 * (0.65 vs 0.32), the model says less. */
	m.coef[1] = log(1.18);
	m.ratio[1] = 1.18;
	m.lo[1] = 1.12;
	m.hi[1] = 1.24;
	m.coef[4] = -log(2.4);
	m.ratio[4] = 1 / 2.4;
	m.lo[4] = 1 / 3.03;
	m.hi[4] = 1 / 1.9;
	f = build(&in, &fo);
	x = find_subject(f, FINDING_DRIVER, "channel");
	ok(x != NULL && x->reversed &&
	   strncmp(x->text, "Customers with channel = trial churn more than those with channel = "
	                    "organic (65% vs 32%", 87) == 0 &&
	   strstr(x->text, "their predicted churn is lower (") != NULL,
	   "reversed: a level against the reference: %s", x ? x->text : "(none)");
	if (x != NULL) {
		is_double_rel(x->rate[0], 26.0 / 40, 1e-12, "reversed: trial's rate 26/40");
		is_double_rel(x->rate[1], 16.0 / 50, 1e-12, "reversed: organic's rate 16/50");
	}
	findings_free(f);
	m.coef[4] = log(2.4);
	m.ratio[4] = 2.4;
	m.lo[4] = 1.9;
	m.hi[4] = 3.03;

	/* A 0/1 column reads yes/no, never "per unit": tickets made i % 2 with
	 * every odd row churning. */
	double ysave[NROW];
	memcpy(ysave, m.y, sizeof ysave);
	for (size_t i = 0; i < NROW; i++) {
		gsl_matrix_set(m.d.X, i, 1, (double)(i % 2));
		m.y[i] = (double)(i % 2);
	}
	f = build(&in, &fo);
	x = find_subject(f, FINDING_DRIVER, "tickets");
	ok(x != NULL && strcmp(x->text, "Customers with tickets have 1.2x the odds of churn within "
	                                "12 months vs those without (OR 1.18, 95% CI 1.12-1.24, "
	                                "p < 0.001)") == 0,
	   "yes/no: a 0/1 column: %s", x ? x->text : "(none)");
	ok(x != NULL && x->rate[0] == 1 && x->rate[1] == 0 && !x->reversed,
	   "yes/no: rates of the 1s and the 0s");
	findings_free(f);
	memcpy(m.y, ysave, sizeof ysave);
	for (size_t i = 0; i < NROW; i++)
		gsl_matrix_set(m.d.X, i, 1, (double)(i % 6));

	/* Arguments. */
	churn_err err;
	findings_input bad = {.logit = &m.lr};
	f = NULL;
	is_int(findings_build(&bad, NULL, &f, &err), CHURN_EUSAGE, "usage: a model without its design");
	m.lr.coefs.p = 4;
	bad.logit_design = &m.d;
	is_int(findings_build(&bad, NULL, &f, &err), CHURN_EUSAGE,
	       "usage: a design of another width");
	m.lr.coefs.p = NCOL;
	ok(f == NULL, "usage: *out stays NULL on failure");
	gsl_matrix_free(m.d.X);
}

/* ---- A planted Simpson's paradox, against R ------------------------------ */

#define SIMPSON "tests/fixtures/findings/simpson.expect"

/* Two numbers of simpson.expect; NaN (and a diagnostic) when missing. */
static void simpson2(const char *key, double v[2])
{
	v[0] = v[1] = NAN;
	if (expect_read(SIMPSON, key, v, 2) != 2)
		diag("missing fixture key %s", key);
}

/* One fit of the Simpson table and its findings (every driver kept). */
typedef struct {
	table *t;
	design *d;
	logit_result *lr;
	double *y, *w;
	findings *f;
} simpson_run;

static int simpson_fit(simpson_run *r, const char *const *terms, const char *const *refs,
                       size_t nrefs, int cat_onboarded, int weighted)
{
	static const char *const cats[] = {"internet", "plan", "onboarded"};
	churn_err err;
	memset(r, 0, sizeof *r);
	r->t = fx_table("tests/fixtures/findings/simpson.csv", cats, cat_onboarded ? 3 : 2);
	design_spec spec = {.terms = terms, .nterms = 5, .intercept = 1, .references = refs,
	                    .nreferences = nrefs};
	if (design_build(r->t, &spec, &r->d, &err) != CHURN_OK) {
		diag("design_build: %s", err.msg);
		return -1;
	}
	double *yall = fx_column(r->t, "y"), *wall = fx_column(r->t, "w");
	r->y = malloc(r->d->nrows * sizeof *r->y);
	r->w = malloc(r->d->nrows * sizeof *r->w);
	if (yall == NULL || wall == NULL || r->y == NULL || r->w == NULL) {
		free(yall);
		free(wall);
		return -1;
	}
	design_take(r->d, yall, r->y);
	design_take(r->d, wall, r->w);
	free(yall);
	free(wall);
	logit_data ld = {.X = r->d->X, .y = r->y, .w = weighted ? r->w : NULL, .intercept = 1};
	if (logit_fit(&ld, NULL, &r->lr, &err) != CHURN_OK) {
		diag("logit_fit: %s", err.msg);
		return -1;
	}
	findings_opts fo;
	findings_opts_init(&fo);
	fo.max_drivers = 5;
	findings_input in = {.logit = r->lr, .logit_design = r->d, .logit_y = r->y,
	                     .logit_weights = weighted ? r->w : NULL};
	r->f = build(&in, &fo);
	return r->f != NULL ? 0 : -1;
}

static void simpson_free(simpson_run *r)
{
	findings_free(r->f);
	logit_result_free(r->lr);
	design_free(r->d);
	table_free(r->t);
	free(r->y);
	free(r->w);
}

/* A driver's rates (1e-9: closed form) and predictions (1e-6: from the
 * fit) against R's, and its direction flag. */
static void simpson_check(const simpson_run *r, const char *tag, const char *subject,
                          const char *key, size_t coef_index, int reversed)
{
	char k[128];
	double rates[2], pred[2], coef[7];
	const finding *x = find_subject(r->f, FINDING_DRIVER, subject);
	snprintf(k, sizeof k, "%s.%s.rates", tag, key);
	simpson2(k, rates);
	snprintf(k, sizeof k, "%s.%s.pred", tag, key);
	simpson2(k, pred);
	ok(x != NULL, "simpson %s: a finding about %s", tag, subject);
	if (x == NULL)
		return;
	for (int g = 0; g < 2; g++) {
		is_double_rel(x->rate[g], rates[g], 1e-9, "simpson %s: %s plain rate %d as R", tag,
		              key, g);
		is_double_rel(x->predicted[g], pred[g], 1e-6, "simpson %s: %s predicted %d as R", tag,
		              key, g);
	}
	is_int(x->reversed, reversed, "simpson %s: %s %s", tag, key,
	       reversed ? "contradicts the plain rates, said so" : "agrees with the plain rates");
	/* The plant, in R's own numbers: the sign of glm's coefficient against
	 * the plain rates. */
	snprintf(k, sizeof k, "%s.coef", tag);
	ok(expect_read(SIMPSON, k, coef, 7) == 7 &&
	   (((rates[0] - rates[1]) * coef[coef_index] < 0) == reversed),
	   "simpson %s: R's coefficient and rates %s", tag,
	   reversed ? "disagree (the planted paradox)" : "agree");
	ok(strstr(x->text, "unit") == NULL && strstr(x->text, "doubling") == NULL,
	   "simpson %s: %s never per unit or per doubling", tag, key);
}

static void test_simpson(void)
{
	static const char *const terms[] = {"charge", "internet", "onboarded", "plan", "tickets"};
	static const char *const lterms[] = {"log(charge)", "internet", "onboarded", "plan",
	                                     "tickets"};
	simpson_run r;
	double coef[7], q[2];
	const finding *x;

	if (simpson_fit(&r, terms, NULL, 0, 0, 0) != 0) {
		ok(0, "simpson: fitted");
		simpson_free(&r);
		return;
	}
	/* The fit itself is R's (so that the rest compares like with like). */
	if (expect_read(SIMPSON, "plain.coef", coef, 7) == 7 && r.lr->coefs.p == 7)
		for (size_t j = 0; j < 7; j++)
			is_double_rel(r.lr->coefs.coef[j], coef[j], 1e-6,
			              "simpson: glm coefficient %s as R", r.d->cols[j].name);
	else
		ok(0, "simpson: seven coefficients");
	/* The plant: the model says a higher charge lowers churn, the plain
	 * rates that it goes with more churn. */
	ok(coef[1] < 0, "simpson: R's adjusted charge coefficient is negative");
	simpson2("plain.charge.quartiles", q);
	simpson_check(&r, "plain", "charge", "charge", 1, 1);
	simpson_check(&r, "plain", "tickets", "tickets", 6, 0);
	simpson_check(&r, "plain", "onboarded", "onboarded", 4, 1);
	simpson_check(&r, "plain", "plan", "plan", 5, 0);
	simpson_check(&r, "plain", "internet", "internet.fiber", 2, 0);
	x = find_subject(r.f, FINDING_DRIVER, "charge");
	is_str(x ? x->text : "",
	       "Customers with charge in the upper quartile (89.51 or more) churn more than those "
	       "in the lower quartile (47.13 or less) (80% vs 23%), but among otherwise alike "
	       "customers, predicted churn is lower at 89.51 than at 47.13 (43% vs 66%) "
	       "(OR 0.02, p < 0.001)",
	       "simpson: a number whose plain and adjusted directions disagree says both");
	is_double_rel(x ? x->number : NAN, exp(coef[1] * (q[0] - q[1])), 1e-6,
	              "simpson: charge's OR between R's quartiles 89.5125 and 47.1275");
	x = find_subject(r.f, FINDING_DRIVER, "onboarded");
	const char *onb = "Customers with onboarded churn more than those without (64% vs 43%), "
	                  "but among otherwise alike customers, their predicted churn is lower "
	                  "(50% vs 61%) (OR 0.39, p = 0.001)";
	is_str(x ? x->text : "", onb, "simpson: a 0/1 column reads yes/no, both directions said");
	x = find_subject(r.f, FINDING_DRIVER, "plan");
	const char *pl = "Customers with plan = pro have 2.1x the odds of churn vs those with "
	                 "plan = basic (OR 2.05, ";
	ok(x != NULL && strncmp(x->text, pl, strlen(pl)) == 0 && strstr(x->text, "p = 0.002)"),
	   "simpson: a two-level categorical reads against the other level: %s",
	   x ? x->text : "(none)");
	x = find_subject(r.f, FINDING_DRIVER, "tickets");
	const char *tk = "Predicted churn is 59% for customers with tickets at 3 (upper quartile), "
	                 "against 53% at 1 (lower quartile) (OR 1.58, ";
	ok(x != NULL && strncmp(x->text, tk, strlen(tk)) == 0 && strstr(x->text, "p = 0.007)"),
	   "simpson: a number compares customers at its quartiles: %s", x ? x->text : "(none)");
	x = find_subject(r.f, FINDING_DRIVER, "internet");
	const char *it = "Customers with internet = fiber have 534x the odds of churn vs "
	                 "internet = dsl (reference) (OR ";
	ok(x != NULL && strncmp(x->text, it, strlen(it)) == 0,
	   "simpson: a level of three against the reference: %s", x ? x->text : "(none)");
	simpson_free(&r);

	/* onboarded as a categorical: levels 0 and 1 read yes and no, whichever
	 * is the reference; the same groups, the same sentence. */
	static const char *const ref1[] = {"onboarded=1"};
	for (size_t k = 0; k < 2; k++) {
		if (simpson_fit(&r, terms, ref1, k, 1, 0) != 0) {
			ok(0, "simpson: categorical onboarded fitted");
			simpson_free(&r);
			return;
		}
		x = find_subject(r.f, FINDING_DRIVER, "onboarded");
		is_str(x ? x->text : "", onb, "simpson: onboarded as levels 0/1, reference %s",
		       k ? "1 (the yes level first all the same)" : "0");
		simpson_check(&r, "plain", "onboarded", "onboarded", 4, 1);
		simpson_free(&r);
	}

	/* Weighted, with log(charge): rates, quartiles and predictions weighted. */
	if (simpson_fit(&r, lterms, NULL, 0, 0, 1) != 0) {
		ok(0, "simpson: weighted fit");
		simpson_free(&r);
		return;
	}
	if (expect_read(SIMPSON, "weighted.coef", coef, 7) == 7 && r.lr->coefs.p == 7)
		for (size_t j = 0; j < 7; j++)
			is_double_rel(r.lr->coefs.coef[j], coef[j], 1e-6,
			              "simpson weighted: glm coefficient %s as R", r.d->cols[j].name);
	simpson_check(&r, "weighted", "charge", "charge", 1, 1);
	simpson_check(&r, "weighted", "tickets", "tickets", 6, 0);
	simpson_check(&r, "weighted", "onboarded", "onboarded", 4, 1);
	simpson_check(&r, "weighted", "plan", "plan", 5, 0);
	/* Weighted, internet=none is the stronger level (|b| 4.97 against 4.51). */
	simpson_check(&r, "weighted", "internet", "internet.none", 3, 0);
	x = find_subject(r.f, FINDING_DRIVER, "charge");
	simpson2("weighted.charge.quartiles", q);
	is_double_rel(x ? x->number : NAN, pow(q[0] / q[1], coef[1]), 1e-6,
	              "simpson weighted: log(charge)'s OR (Q3/Q1)^b on the column's scale");
	ok(x != NULL && strstr(x->text, "(89.51 or more)") != NULL,
	   "simpson weighted: log term's quartiles on the column's scale");
	simpson_free(&r);
}

/* ---- Period KPIs built by hand -------------------------------------------- */

/* Current and previous quarter with churned c of start s each. */
static void hand_kpi(kpi_result *k, size_t c1, size_t s1, size_t c2, size_t s2)
{
	memset(k, 0, sizeof *k);
	kpi_change *c = &k->change;
	c->has_current = c->has_previous = 1;
	snprintf(c->current.label, sizeof c->current.label, "2026Q3");
	snprintf(c->previous.label, sizeof c->previous.label, "2026Q2");
	c->current.n_start = s1;
	c->current.n_churned = c1;
	c->current.churn_rate = (double)c1 / (double)s1;
	c->previous.n_start = s2;
	c->previous.n_churned = c2;
	c->previous.churn_rate = (double)c2 / (double)s2;
	c->test_ok = kpi_prop_test(c1, s1, c2, s2, &c->z, &c->p_value);
	c->test_note = "";
	revenue_period_clear(&c->current.mrr);
	revenue_period_clear(&c->previous.mrr);
	k->mrr_source = KPI_MRR_NONE;
}

static void test_kpi_by_hand(void)
{
	static kpi_result k;
	double cnt[4];
	findings_input in = {.kpi = &k};
	findings *f;
	const finding *x;

	expect_get("period.sig.counts", cnt, 4);
	hand_kpi(&k, (size_t)cnt[0], (size_t)cnt[1], (size_t)cnt[2], (size_t)cnt[3]);
	is_double_rel(k.change.p_value, expect1("period.sig.p"), 1e-9,
	              "period: the two-proportion p is R's prop.test(correct = FALSE)");
	f = build(&in, NULL);
	x = find_subject(f, FINDING_PERIOD, NULL);
	ok(x != NULL && x->significant, "period: 116/4000 against 84/4000, p 0.022: significant");
	if (x != NULL) {
		is_str(x->text, "Logo churn rose from 2.1% in 2026Q2 to 2.9% in 2026Q3 "
		                "(two-proportion test p = 0.022)",
		       "period: the sentence");
		is_double_rel(x->number, 0.029, 1e-12, "period: the number is the current rate");
		is_double_rel(x->strength, log(116.0 / 84.0), 1e-12, "period: strength |log rate ratio|");
	}
	findings_free(f);

	expect_get("period.ns.counts", cnt, 4);
	hand_kpi(&k, (size_t)cnt[0], (size_t)cnt[1], (size_t)cnt[2], (size_t)cnt[3]);
	is_double_rel(k.change.p_value, expect1("period.ns.p"), 1e-9, "period: R's p = 0.105");
	f = build(&in, NULL);
	x = find_subject(f, FINDING_PERIOD, NULL);
	ok(x != NULL && !x->significant, "period: 58/2000 against 42/2000: not significant");
	if (x != NULL)
		is_str(x->text, "Logo churn was 2.9% in 2026Q3 and 2.1% in 2026Q2: no statistically "
		                "significant change (two-proportion test p = 0.11)",
		       "period: worded as no significant change");
	findings_free(f);

	/* Falling churn, and the rates printed with two decimals when one
	 * would read alike. */
	hand_kpi(&k, 2100, 100000, 2400, 100000);
	k.change.current.churn_rate = 0.02104;
	k.change.previous.churn_rate = 0.02096;
	k.change.current.n_churned = 2104;
	k.change.previous.n_churned = 2096;
	k.change.p_value = 0.001; /* any p below alpha */
	f = build(&in, NULL);
	x = find_subject(f, FINDING_PERIOD, NULL);
	ok(x != NULL && strcmp(x->text, "Logo churn rose from 2.096% in 2026Q2 to 2.104% in "
	                                "2026Q3 (two-proportion test p = 0.001)") == 0,
	   "period: rates that round alike get more decimals: %s", x ? x->text : "(none)");
	findings_free(f);

	hand_kpi(&k, 2, 20, 8, 200);
	f = build(&in, NULL);
	ok(f != NULL && find_subject(f, FINDING_PERIOD, NULL) == NULL,
	   "period: 20 customers at the start < min_n: none");
	findings_free(f);
	hand_kpi(&k, 30, 200, 20, 200);
	k.change.has_previous = 0;
	f = build(&in, NULL);
	ok(f != NULL && find_subject(f, FINDING_PERIOD, NULL) == NULL,
	   "period: no previous period: none");
	findings_free(f);
	hand_kpi(&k, 30, 200, 20, 200);
	k.change.test_ok = 0;
	k.change.p_value = NAN;
	f = build(&in, NULL);
	x = find_subject(f, FINDING_PERIOD, NULL);
	ok(x != NULL && !x->significant && isnan(x->p) &&
	   strcmp(x->text, "Logo churn was 15.0% in 2026Q3 and 10.0% in 2026Q2 (change not "
	                   "testable)") == 0,
	   "period: no test: no claim: %s", x ? x->text : "(none)");
	findings_free(f);

	/* Revenue retention. */
	hand_kpi(&k, 30, 200, 20, 200);
	k.mrr_source = KPI_MRR_HISTORY;
	k.change.current.mrr.covered = 1;
	k.change.current.mrr.nrr = 0.96;
	k.change.current.mrr.grr = 0.91;
	f = build(&in, NULL);
	x = find_subject(f, FINDING_REVENUE, NULL);
	ok(x != NULL && strcmp(x->text, "Net revenue retention was 96.0% in 2026Q3: expansion did "
	                                "not offset churn and contraction (gross 91.0%)") == 0,
	   "revenue: NRR below 1: %s", x ? x->text : "(none)");
	ok(x != NULL && !x->significant && x->number == 0.96, "revenue: descriptive, number NRR");
	findings_free(f);
	k.change.current.mrr.nrr = 1.042;
	f = build(&in, NULL);
	x = find_subject(f, FINDING_REVENUE, NULL);
	ok(x != NULL && strcmp(x->text, "Net revenue retention was 104.2% in 2026Q3: expansion more "
	                                "than offset churn and contraction (gross 91.0%)") == 0,
	   "revenue: NRR above 1: %s", x ? x->text : "(none)");
	findings_free(f);
	k.change.current.mrr.nrr = 0.996;
	k.change.current.mrr.grr = 0.996;
	k.mrr_source = KPI_MRR_CONSTANT;
	f = build(&in, NULL);
	x = find_subject(f, FINDING_REVENUE, NULL);
	ok(x != NULL && strcmp(x->text, "Customers active at the start of 2026Q3 kept 99.6% of "
	                                "their MRR (gross revenue retention)") == 0,
	   "revenue: constant values, gross only, 99.6%% not rounded to 100%%: %s",
	   x ? x->text : "(none)");
	findings_free(f);
	k.change.current.mrr.covered = 0;
	f = build(&in, NULL);
	ok(f != NULL && find_subject(f, FINDING_REVENUE, NULL) == NULL,
	   "revenue: not covered: none");
	findings_free(f);
	k.change.current.mrr.covered = 1;
	k.change.current.mrr.nrr = NAN;
	f = build(&in, NULL);
	ok(f != NULL && find_subject(f, FINDING_REVENUE, NULL) == NULL, "revenue: NaN: none");
	findings_free(f);
}

/* ---- Everything together: ranking, the cut, NULL inputs -------------------- */

static void test_ranking_and_null(void)
{
	static hand_surv h;
	static hand_model m;
	static kpi_result k;
	findings_opts fo;
	findings *f = NULL, *g = NULL;
	churn_err err;

	findings_input none = {0};
	is_int(findings_build(&none, NULL, &f, &err), CHURN_OK, "null: no inputs is fine");
	ok(f != NULL && f->n == 0 && f->candidates == 0, "null: no inputs, no findings");
	findings_free(f);
	findings_free(NULL);
	ok(1, "null: findings_free(NULL)");
	f = NULL;
	is_int(findings_build(NULL, NULL, &f, &err), CHURN_EUSAGE, "null: no input struct");
	is_int(findings_build(&none, NULL, NULL, &err), CHURN_EUSAGE, "null: no output");
	findings_opts_init(&fo);
	fo.alpha = 0;
	is_int(findings_build(&none, &fo, &f, &err), CHURN_EUSAGE, "usage: alpha 0");
	fo.alpha = 1;
	is_int(findings_build(&none, &fo, &f, &err), CHURN_EUSAGE, "usage: alpha 1");
	findings_opts_init(&fo);
	fo.min_n = NAN;
	is_int(findings_build(&none, &fo, &f, &err), CHURN_EUSAGE, "usage: min_n NaN");
	findings_opts_init(&fo);
	fo.max_findings = 0;
	is_int(findings_build(&none, &fo, &f, &err), CHURN_EUSAGE, "usage: max_findings 0");

	if (hand_model_init(&m) != 0) {
		ok(0, "ranking: matrix allocated");
		return;
	}
	/* contract 3.0 (log 1.10) > channel=trial (0.875) > tickets (0.50) >
	 * period (log 116/84 = 0.32); then revenue, descriptive. */
	hand_init(&h, "contract", 2, 1e-4);
	hand_level(&h, 0, "annual", 40, 10, 20);
	hand_level(&h, 1, "monthly", 40, 30, 20);
	hand_kpi(&k, 116, 4000, 84, 4000);
	k.mrr_source = KPI_MRR_HISTORY;
	k.change.current.mrr.covered = 1;
	k.change.current.mrr.nrr = 0.3; /* strength 1.2, yet descriptive: last */
	k.change.current.mrr.grr = 0.2;
	findings_input in = {.surv = &h.a, .time_in_days = 1, .kpi = &k, .logit = &m.lr,
	                     .logit_design = &m.d, .logit_y = m.y};
	f = build(&in, NULL);
	ok(f != NULL && f->n == 5 && f->candidates == 5, "ranking: five findings");
	if (f != NULL && f->n == 5) {
		ok(f->item[0].kind == FINDING_SEGMENT && f->item[1].kind == FINDING_DRIVER &&
		   strcmp(f->item[1].subject, "channel") == 0 && f->item[2].kind == FINDING_DRIVER &&
		   strcmp(f->item[2].subject, "tickets") == 0 && f->item[3].kind == FINDING_PERIOD &&
		   f->item[4].kind == FINDING_REVENUE,
		   "ranking: significant by strength (segment, channel, tickets, period), then "
		   "descriptive (revenue, though its strength is larger)");
		ok(strstr(f->item[1].text, "the odds of churn vs") != NULL,
		   "drivers: outcome NULL reads \"churn\": %s", f->item[1].text);
	}
	fo.max_findings = 3;
	fo.alpha = 0.05;
	fo.min_n = 30;
	g = build(&in, &fo);
	ok(g != NULL && g->n == 3 && g->candidates == 5, "ranking: cut to max_findings 3 of 5");
	if (f != NULL && g != NULL && f->n == 5 && g->n == 3) {
		int same = 1;
		for (size_t i = 0; i < 3; i++)
			same &= strcmp(f->item[i].text, g->item[i].text) == 0;
		ok(same, "ranking: the cut keeps the first three, in order");
	}
	findings_free(g);
	/* Same inputs, same order. */
	g = build(&in, NULL);
	if (f != NULL && g != NULL && f->n == g->n) {
		int same = 1;
		for (size_t i = 0; i < f->n; i++)
			same &= strcmp(f->item[i].text, g->item[i].text) == 0;
		ok(same, "ranking: deterministic");
	} else {
		ok(0, "ranking: deterministic");
	}
	findings_free(g);
	findings_free(f);

	/* Equal strengths: the kind order breaks the tie (segment before driver). */
	m.pval[1] = m.pval[2] = m.pval[3] = 0.5;
	/* The segment's O/E ratio 2.4 and the trial dummy's |b| = log 2.4, made
	 * bit-equal by computing |b| the way the segment strength is computed. */
	h.obs[0] = 20;
	h.exp_[0] = 20;
	h.obs[1] = 20;
	h.exp_[1] = 20 / 2.4;
	m.coef[4] = fabs(log(20.0 / 20) - log(20 / (20 / 2.4)));
	m.ratio[4] = exp(m.coef[4]);
	f = build(&in, NULL);
	if (f != NULL && f->n >= 2)
		ok(f->item[0].kind == FINDING_SEGMENT && f->item[1].kind == FINDING_DRIVER &&
		   fabs(f->item[0].strength - f->item[1].strength) < 1e-12,
		   "ranking: a tie in strength goes to the kind order");
	else
		ok(0, "ranking: a tie");
	findings_free(f);
	gsl_matrix_free(m.d.X);
}

int main(void)
{
	gsl_set_error_handler_off();
	test_format();
	test_fixture();
	test_segments_by_hand();
	test_drivers_by_hand();
	test_simpson();
	test_kpi_by_hand();
	test_ranking_and_null();
	return done_testing();
}

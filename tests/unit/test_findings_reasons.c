/* test_findings_reasons.c - which churn reasons grew (findings_reasons.h):
 * the two-proportion test and its BH adjustment against R's prop.test and
 * p.adjust (tests/fixtures/findings/reasons, make_reasons.R), the noise
 * rule, the finding's sentence, the involuntary share and the action. */
#include "churnkit/findings_reasons.h"
#include "fixture.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define RTOL 1e-9

static void test_fixture(void)
{
	fx_csv *c = fx_csv_read("tests/fixtures/findings/reasons/reasons.csv");
	size_t start = 0;
	while (start < c->nrows) {
		/* One group of cases is one report's reasons. */
		size_t end = start;
		while (end < c->nrows && fx_num(c, end, "group") == fx_num(c, start, "group")) {
			const char *name = fx_str(c, end, "case");
			double x1 = fx_num(c, end, "x1"), n1 = fx_num(c, end, "n1");
			double x2 = fx_num(c, end, "x2"), n2 = fx_num(c, end, "n2");
			double chisq, p;
			int done = findings_reasons_prop_test(x1, n1, x2, n2, &chisq, &p);
			double want_chisq = fx_num(c, end, "chisq"), want_p = fx_num(c, end, "p");
			if (isnan(want_p)) {
				ok(!done && isnan(chisq) && isnan(p), "prop.test %s: undefined as in R (NaN)",
				   name);
			} else {
				ok(done, "prop.test %s: tested", name);
				if (want_chisq == 0)
					is_double_abs(chisq, 0, 1e-12, "prop.test %s: X-squared 0", name);
				else
					is_double_rel(chisq, want_chisq, RTOL, "prop.test %s: X-squared", name);
				is_double_rel(p, want_p, RTOL, "prop.test %s: p", name);
			}
			end++;
		}
		start = end;
	}
	fx_csv_free(c);
}

/* The BH adjustment through findings_reasons_build: group 1 of the fixture
 * (every n 1000) as one report's five reasons. */
static void test_adjusted(void)
{
	/* Counts over 1000 customers at each start (group 1 of the fixture). */
	reason_count r[5] = {
		{ "Price", 0, { 19, 11 }, { 950, 500  }, 0, { 0, 0 }, NULL },
		{ "Service", 0, { 30, 45 }, { 1500, 2200  }, 0, { 0, 0 }, NULL },
		{ "Product gaps", 0, { 12, 12 }, { 600, 600  }, 0, { 0, 0 }, NULL },
		{ "Payment failed", 1, { 0, 7 }, { 0, 300  }, 0, { 0, 0 }, NULL },
		{ "", -1, { 0, 0 }, { 0, 0  }, 0, { 0, 0 }, NULL },
	};
	reasons_breakdown b = { r, 5, { 1000, 1000 }, { "2026 Q3", "2026 Q2" } };
	reasons_findings *f = NULL;
	churn_err err;
	memset(&err, 0, sizeof err);
	fx_csv *c = fx_csv_read("tests/fixtures/findings/reasons/reasons.csv");
	ok(findings_reasons_build(&b, 0.05, 0.25, &f, &err) == CHURN_OK && f != NULL,
	   "build: group 1 of the fixture");
	for (size_t i = 0; f && i < 5; i++) {
		double want = fx_num(c, i, "p_adj");
		if (isnan(want))
			ok(isnan(f->test[i].p_adj), "build %s: absent in both periods is untested",
			   fx_str(c, i, "case"));
		else
			is_double_rel(f->test[i].p_adj, want, RTOL, "build %s: BH-adjusted p as R's",
			              fx_str(c, i, "case"));
	}
	if (f) {
		/* zero_now: 0 vs 0.7%, adjusted p 0.032 < 0.05 and 0.7 pp: it fell. */
		ok(f->test[3].significant && f->test[3].change < 0 && f->test[3].text == NULL,
		   "a reason gone this period fell significantly; no 'grew' sentence");
		ok(!f->test[0].significant && f->test[0].text == NULL,
		   "Price 1.9%% vs 1.1%% is not significant after BH (p_adj 0.19)");
		ok(!f->test[2].significant, "no change is not significant");
		/* Involuntary churn: none this period, so no action. */
		is_double_abs(f->invol_share, 0, 0, "involuntary share 0 of 61 churned");
		ok(!f->has_action, "no involuntary churn this period: no action");
	}
	findings_reasons_free(f);
	fx_csv_free(c);
}

static void test_sentence_and_action(void)
{
	/* Payment failures 1.9% of 4000 against 1.1% of 4000: p = 0.00325 by
	 * prop.test, 0.00974 after BH over the three reasons (R). */
	reason_count r[3] = {
		{ "Payment failed", 1, { 76, 44 }, { 3800, 2100  }, 0, { 0, 0 }, NULL },
		{ "Price", 0, { 100, 98 }, { 12000, 11000  }, 0, { 0, 0 }, NULL },
		{ "", -1, { 24, 30 }, { 1000, 1500  }, 0, { 0, 0 }, NULL },
	};
	reasons_breakdown b = { r, 3, { 4000, 4000 }, { "2026 Q3", "2026 Q2" } };
	reasons_findings *f = NULL;
	churn_err err;
	memset(&err, 0, sizeof err);
	ok(findings_reasons_build(&b, 0.05, 0.25, &f, &err) == CHURN_OK, "build: payments grew");
	if (f == NULL)
		return;
	ok(f->test[0].significant && f->test[0].text != NULL, "payment failures grew significantly");
	is_str(f->test[0].text, "Churn for \"Payment failed\" grew: 1.9% of customers at the start "
	       "of 2026 Q3 left for this reason, against 1.1% in 2026 Q2 (two-proportion test, "
	       "BH-adjusted p = 0.010)", "the finding's sentence (R: p.adjust 0.00974)");
	ok(f->test[1].text == NULL, "price did not grow significantly: no sentence");
	is_double_rel(f->invol_share, 76.0 / 200, 1e-12, "involuntary: 38%% of churned customers");
	is_double_rel(f->invol_mrr_share, 3800.0 / 16800, 1e-12, "involuntary: its share of MRR");
	is_double_rel(f->unclassified_share, 24.0 / 200, 1e-12, "12%% not classified");
	ok(f->has_action, "involuntary churn: the action");
	is_str(f->action_text, "Recover failed payments: dunning emails, card updater, payment "
	       "reminders before renewal", "the action's words");
	is_str(f->team, "Finance", "owned by Finance, as the payment actions");
	is_double_rel(f->action_customers, 76, 1e-12, "targets: the 76 involuntary churners");
	is_double_rel(f->action_mrr, 3800, 1e-12, "their MRR");
	is_double_rel(f->mrr_saved, 950, 1e-12, "saves 25%% of it");
	findings_reasons_free(f);

	/* n equal and p tiny: 20% vs 5% of 2000 (fixture case 'tiny'). */
	reason_count t[1] = { { "Price", -1, { 400, 100 }, { NAN, NAN  }, 0, { 0, 0 }, NULL } };
	reasons_breakdown bt = { t, 1, { 2000, 2000 }, { NULL, NULL } };
	ok(findings_reasons_build(&bt, 0.05, NAN, &f, &err) == CHURN_OK, "build: p tiny");
	if (f) {
		is_double_rel(f->test[0].p_adj, 1.1828568142337221e-46, RTOL,
		              "one reason: the adjusted p is its own, tiny as R's");
		ok(f->test[0].text && strstr(f->test[0].text, "p < 0.001")
		   && strstr(f->test[0].text, "this period") && strstr(f->test[0].text, "20%"),
		   "tiny p says p < 0.001; unnamed periods read 'this period' (%s)",
		   f->test[0].text ? f->test[0].text : "none");
		ok(isnan(f->invol_share) && !f->has_action,
		   "no reason said to be involuntary: the share is unknown, no action");
	}
	findings_reasons_free(f);

	/* Below 0.1 pp the change is not stated, however small p is. */
	reason_count s[1] = { { "Price", 0, { 5090, 5000 }, { NAN, NAN  }, 0, { 0, 0 }, NULL } };
	reasons_breakdown bs = { s, 1, { 1000000, 1000000 }, { "Q3", "Q2" } };
	ok(findings_reasons_build(&bs, 0.05, NAN, &f, &err) == CHURN_OK, "build: large n");
	if (f)
		ok(!f->test[0].significant, "a 0.009 pp change is noise whatever its p (%g)",
		   f->test[0].p_adj);
	findings_reasons_free(f);

	/* No reasons, no customers: nothing to test, no failure. */
	reasons_breakdown be = { NULL, 0, { 0, 0 }, { NULL, NULL } };
	ok(findings_reasons_build(&be, 0.05, 0.25, &f, &err) == CHURN_OK && f && f->n == 0,
	   "build: no reasons");
	findings_reasons_free(f);
	ok(findings_reasons_build(&be, 1.5, 0.25, &f, &err) == CHURN_EUSAGE && f == NULL,
	   "build: alpha outside (0, 1) is a usage error");
}

/* With has_left, the test and the shares at start use left[] (those
 * active at the start), not churned[] (every churner of the period). */
static void test_left(void)
{
	reason_count r[1] = { { "Price", 0, { 50, 10 }, { NAN, NAN }, 1, { 19, 11 }, NULL } };
	reasons_breakdown b = { r, 1, { 1000, 1000 }, { "Q3", "Q2" } };
	reasons_findings *f = NULL;
	churn_err err;
	double chisq, p;

	churn_err_clear(&err);
	ok(findings_reasons_prop_test(19, 1000, 11, 1000, &chisq, &p) == 1, "left: prop test");
	ok(findings_reasons_build(&b, 0.05, NAN, &f, &err) == CHURN_OK && f != NULL, "left: build");
	if (f != NULL) {
		ok(f->test[0].chisq == chisq && f->test[0].p == p,
		   "left: the test is on left[] over at_start, not churned[]");
		ok(f->test[0].share[0] == 0.019 && f->test[0].share[1] == 0.011,
		   "left: the shares at start are left[] / at_start");
	}
	findings_reasons_free(f);
}

int main(void)
{
	test_fixture();
	test_adjusted();
	test_sentence_and_action();
	test_left();
	return done_testing();
}

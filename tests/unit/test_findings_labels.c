/*
 * test_findings_labels.c - the findings and their actions name columns
 * and levels by the report's labels (findings.h, "Text"; labels.h;
 * docs/findings.md): a driver on a level, a driver on a number and a
 * segment finding, their sentences (text and plain) and the actions
 * answering them, built once without a labelmap (the raw names, as
 * before) and once with one (the labels, and no raw name left); the
 * fields that name a column or level keep the raw names.
 */
#include "churnkit/findings.h"
#include "churnkit/findings_actions.h"
#include "churnkit/labels.h"
#include "churnkit/logit.h"
#include "fixture.h"
#include "tap.h"

#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const label_specs[] = {
	"internet = Internet service", "internet:fiber = Fiber optic", "internet:dsl = DSL line",
	"tickets = Support tickets",   "charge = Monthly charge",     "plan = Price plan",
	"plan:basic = Basic plan",     "plan:pro = Pro plan",          "onboarded = Onboarded",
};

static labelmap *make_labels(void)
{
	churn_err err;
	labelmap *m = labels_new();
	for (size_t i = 0; m != NULL && i < sizeof label_specs / sizeof *label_specs; i++)
		if (labels_add(m, label_specs[i], "test", &err) != CHURN_OK) {
			diag("labels_add: %s", err.msg);
			labels_free(m);
			return NULL;
		}
	return m;
}

/* The Simpson fixture's logistic fit (test_findings.c) and its drivers. */
typedef struct {
	table *t;
	design *d;
	logit_result *lr;
	double *y;
} fit;

static int fit_make(fit *r)
{
	static const char *const cats[] = {"internet", "plan"};
	static const char *const terms[] = {"charge", "internet", "onboarded", "plan", "tickets"};
	churn_err err;
	memset(r, 0, sizeof *r);
	r->t = fx_table("tests/fixtures/findings/simpson.csv", cats, 2);
	design_spec spec = {.terms = terms, .nterms = 5, .intercept = 1};
	if (r->t == NULL || design_build(r->t, &spec, &r->d, &err) != CHURN_OK)
		return -1;
	double *yall = fx_column(r->t, "y");
	r->y = malloc(r->d->nrows * sizeof *r->y);
	if (yall == NULL || r->y == NULL) {
		free(yall);
		return -1;
	}
	design_take(r->d, yall, r->y);
	free(yall);
	logit_data ld = {.X = r->d->X, .y = r->y, .intercept = 1};
	return logit_fit(&ld, NULL, &r->lr, &err) == CHURN_OK ? 0 : -1;
}

static void fit_free(fit *r)
{
	logit_result_free(r->lr);
	design_free(r->d);
	table_free(r->t);
	free(r->y);
}

/* The drivers of the fit, and their actions, named by lm. */
static findings *drivers(const fit *r, const labelmap *lm)
{
	findings_opts fo;
	findings *f = NULL;
	churn_err err;
	findings_opts_init(&fo);
	fo.max_drivers = 5;
	findings_input in = {.logit = r->lr, .logit_design = r->d, .logit_y = r->y,
	                     .labels = lm};
	findings_actions_input ai = {.t = r->t, .labels = lm};
	if (findings_build(&in, &fo, &f, &err) != CHURN_OK ||
	    findings_actions(f, &ai, &err) != CHURN_OK) {
		diag("findings: %s", err.msg);
		findings_free(f);
		return NULL;
	}
	return f;
}

static const finding *about(const findings *f, const char *subject)
{
	for (size_t i = 0; f != NULL && i < f->n; i++)
		if (f->item[i].subject != NULL && strcmp(f->item[i].subject, subject) == 0)
			return &f->item[i];
	return NULL;
}

static const char *action_of(const findings *f, const finding *x)
{
	for (size_t i = 0; x != NULL && i < f->nactions; i++)
		if (&f->item[f->action[i].finding] == x)
			return f->action[i].text;
	return "";
}

static int has(const char *s, const char *what)
{
	return s != NULL && strstr(s, what) != NULL;
}

static void test_drivers(void)
{
	fit r;
	labelmap *lm = make_labels();
	if (lm == NULL || fit_make(&r) != 0) {
		ok(0, "the Simpson fit and the labels are made");
		labels_free(lm);
		return;
	}
	findings *raw = drivers(&r, NULL), *lab = drivers(&r, lm);
	ok(raw != NULL && lab != NULL && raw->n == lab->n && raw->nactions == lab->nactions,
	   "the same drivers and actions with and without labels");

	/* A level against the reference: internet = fiber vs dsl. */
	const finding *a = about(raw, "internet"), *b = about(lab, "internet");
	ok(a != NULL && b != NULL, "a driver on internet");
	ok(has(a ? a->text : NULL, "internet = fiber") &&
	   has(a ? a->plain : NULL, "customers with internet = fiber"),
	   "without labels: the raw column and level (text, plain)");
	ok(has(b ? b->text : NULL, "Internet service = Fiber optic") &&
	   has(b ? b->plain : NULL, "customers with Internet service = Fiber optic") &&
	   has(b ? b->plain : NULL, "customers with Internet service = DSL line"),
	   "with labels: the column's and both levels' labels (text, plain)");
	ok(b != NULL && !has(b->text, "internet") && !has(b->plain, "internet") &&
	   !has(b->text, "fiber") && !has(b->plain, "dsl"),
	   "with labels: no raw name of the column or its levels");
	is_str(b ? b->subject : NULL, "internet", "with labels: the subject keeps the raw name");
	is_str(b ? (b->level ? b->level : b->level_b) : NULL, a ? (a->level ? a->level : a->level_b)
	                                                       : "",
	       "with labels: the level field keeps the raw name");
	ok(has(action_of(raw, a), "customers with internet = fiber"),
	   "without labels: the action names the raw column and level");
	ok(has(action_of(lab, b), "customers with Internet service = Fiber optic") &&
	   !has(action_of(lab, b), "internet"),
	   "with labels: the action names the labels");

	/* A number: its quartiles, with its label. */
	a = about(raw, "tickets");
	b = about(lab, "tickets");
	ok(has(a ? a->plain : NULL, "customers with tickets at "),
	   "without labels: a number's raw name");
	ok(has(b ? b->plain : NULL, "customers with Support tickets at ") &&
	   !has(b ? b->plain : NULL, "with tickets") && !has(b ? b->text : NULL, "with tickets"),
	   "with labels: a number's label, no raw name");
	ok(has(action_of(lab, b), "customers with Support tickets at "),
	   "with labels: the number's action");

	/* The reversed driver names the model's other factors by their labels. */
	b = about(lab, "charge");
	ok(b != NULL && has(b->text, "Monthly charge") && !has(b->text, "with charge") &&
	   (!has(b->text, "alike in") || has(b->text, "Internet service")),
	   "with labels: a reversed driver's column and the other factors");

	/* Nothing in any sentence or action names a labelled column raw: no
	 * "with col", "in col", ", col", "and col" (the labels are capitalised). */
	static const char *const col[] = {"internet", "tickets", "charge", "plan", "onboarded"};
	static const char *const before[] = {"with ", "without ", "in ", ", ", "and ", "no "};
	int clean = lab != NULL;
	size_t named = 0;
	for (size_t k = 0; k < sizeof col / sizeof *col; k++)
		for (size_t q = 0; q < sizeof before / sizeof *before; q++) {
			char pat[64];
			snprintf(pat, sizeof pat, "%s%s", before[q], col[k]);
			for (size_t i = 0; lab != NULL && i < lab->n; i++) {
				if (has(lab->item[i].text, pat) || has(lab->item[i].plain, pat)) {
					diag("finding %zu names '%s': %s", i + 1, pat, lab->item[i].text);
					clean = 0;
				}
			}
			for (size_t i = 0; lab != NULL && i < lab->nactions; i++)
				if (has(lab->action[i].text, pat)) {
					diag("action %zu names '%s': %s", i + 1, pat, lab->action[i].text);
					clean = 0;
				}
			for (size_t i = 0; raw != NULL && i < raw->n; i++)
				named += has(raw->item[i].text, pat) || has(raw->item[i].plain, pat);
		}
	ok(clean, "with labels: no raw column name in any sentence or action");
	ok(raw != NULL && named >= raw->n, "without labels: every finding names a raw column");
	findings_free(raw);
	findings_free(lab);
	fit_free(&r);
	labels_free(lm);
}

/* A segment finding: the log-rank test of contract, monthly against
 * annual, by hand (as test_findings.c's hand-made survival analyses). */
static void test_segment(void)
{
	static char by[] = "contract", lm_[] = "monthly", la_[] = "annual";
	char *lev[2] = {la_, lm_};
	uint32_t code[2] = {0, 1};
	double n[2] = {200, 200}, o[2] = {20, 90}, e[2] = {60, 50};
	logrank_result lr = {.k = 2, .level = code, .n = n, .observed = o, .expected = e,
	                     .p = 1e-6};
	surv_test st = {.by = by, .test = &lr, .nlevels = 2, .levels = lev};
	surv_analysis a = {.ntests = 1, .test = &st};
	churn_err err;
	labelmap *lm = labels_new();
	findings *f[2] = {NULL, NULL};

	if (lm == NULL || labels_add(lm, "contract=Contract length", "test", &err) != CHURN_OK ||
	    labels_add(lm, "contract:monthly=Month to month", "test", &err) != CHURN_OK) {
		ok(0, "the labels are made");
		labels_free(lm);
		return;
	}
	for (int k = 0; k < 2; k++) {
		findings_input in = {.surv = &a, .time_in_days = 1, .labels = k ? lm : NULL};
		findings_actions_input ai = {.labels = k ? lm : NULL};
		if (findings_build(&in, NULL, &f[k], &err) != CHURN_OK ||
		    findings_actions(f[k], &ai, &err) != CHURN_OK)
			diag("findings: %s", err.msg);
	}
	ok(f[0] && f[1] && f[0]->n == 1 && f[1]->n == 1 && f[0]->nactions == 1 &&
	   f[1]->nactions == 1, "a segment finding and its action, with and without labels");
	if (f[0] && f[1] && f[0]->n == 1 && f[1]->n == 1 && f[0]->nactions == 1 &&
	    f[1]->nactions == 1) {
		is_str(f[0]->item[0].text,
		       "Customers with contract = monthly churn 5.4x faster than with "
		       "contract = annual (log-rank p < 0.001)",
		       "without labels: the raw names");
		is_str(f[1]->item[0].text,
		       "Customers with Contract length = Month to month churn 5.4x faster than "
		       "with Contract length = annual (log-rank p < 0.001)",
		       "with labels: the column's and the level's labels, a level without one raw");
		is_str(f[1]->item[0].plain,
		       "45.0% of customers with Contract length = Month to month have left, against "
		       "10.0% with Contract length = annual; 82% of all who left had Contract "
		       "length = Month to month",
		       "with labels: the plain sentence alike");
		is_str(f[0]->action[0].text,
		       "Offer annual terms to customers with contract = monthly",
		       "without labels: the action's raw names");
		is_str(f[1]->action[0].text,
		       "Offer annual terms to customers with Contract length = Month to month",
		       "with labels: the action's labels");
		is_str(f[1]->item[0].level, "monthly", "with labels: the level field is raw");
	}
	findings_free(f[0]);
	findings_free(f[1]);
	labels_free(lm);
}

/* The one rule for a model term's name (labels_term): the term as given
 * without a label, the label (inside log()) with one. */
static void test_term(void)
{
	char buf[64];
	labelmap *lm = labels_new();
	churn_err err;
	if (lm == NULL || labels_add(lm, "mrr=Monthly revenue", "test", &err) != CHURN_OK) {
		ok(0, "the labels are made");
		labels_free(lm);
		return;
	}
	is_str(labels_term(NULL, "log(mrr)", "mrr", 1, buf, sizeof buf), "log(mrr)",
	       "labels_term: no labels, the term as given");
	is_str(labels_term(lm, "log(mrr)", "mrr", 1, buf, sizeof buf), "log(Monthly revenue)",
	       "labels_term: a log term reads log(Label)");
	is_str(labels_term(lm, "mrr", "mrr", 0, buf, sizeof buf), "Monthly revenue",
	       "labels_term: a plain term reads its label");
	is_str(labels_term(lm, "plan", "plan", 0, buf, sizeof buf), "plan",
	       "labels_term: a column without a label keeps its name");
	labels_free(lm);
}

int main(void)
{
	gsl_set_error_handler_off();
	test_drivers();
	test_segment();
	test_term();
	return done_testing();
}

/* test_coeftab.c - the logistic and the Cox result hold their coefficients
 * in one type (coeftab.h), read here by one function for both fits against
 * R's glm and coxph (fixtures made by tests/fixtures/model/make_fixtures.R,
 * the ones test_logit and test_cox use); and the table's own functions. */
#include "churnkit/coeftab.h"
#include "churnkit/cox.h"
#include "churnkit/design.h"
#include "churnkit/logit.h"
#include "fixture.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FX "tests/fixtures/model/"

/* The normal quantile of a 95% interval, as R's qnorm(0.975). */
#define Q975 1.959963984540054

/* Reads a coefficient table the same way whichever model filled it: the
 * rows against R's fixture `coef`, the ratio columns from the estimates
 * and standard errors, the names the outputs give them. */
static void check_table(const char *label, const coeftab *t, const design *d, const char *coef,
                        coeftab_kind kind)
{
	int hazard = kind == COEFTAB_HAZARD;
	char **names = malloc(d->ncols * sizeof *names);
	for (size_t j = 0; j < d->ncols; j++)
		names[j] = d->cols[j].name;
	is_int((long long)t->p, (long long)d->ncols, "%s: one row per design column", label);
	is_int(t->kind, kind, "%s: the ratio is %s", label,
	       hazard ? "a hazard ratio" : "an odds ratio");
	is_double_rel(t->conf_level, 0.95, 0, "%s: interval level 0.95", label);
	fx_check_coefs(label, coef, names, t->p, t->coef, t->se, t->z, t->pval, t->aliased, 1e-6);
	int bad = 0;
	for (size_t j = 0; j < t->p; j++) {
		if (t->aliased[j])
			continue;
		double b = t->coef[j], s = t->se[j];
		bad += fabs(t->ratio[j] - exp(b)) > 1e-12 * exp(b);
		bad += fabs(t->lower[j] - exp(b - Q975 * s)) > 1e-12 * exp(b - Q975 * s);
		bad += fabs(t->upper[j] - exp(b + Q975 * s)) > 1e-12 * exp(b + Q975 * s);
	}
	is_int(bad, 0, "%s: ratio exp(b) and interval exp(b -+ 1.959964 se) on every row", label);
	is_str(t->ratio_key, hazard ? "hazard_ratio" : "odds_ratio", "%s: ratio key", label);
	is_str(t->lower_key, hazard ? "hr_lower" : "or_lower", "%s: lower key", label);
	is_str(t->upper_key, hazard ? "hr_upper" : "or_upper", "%s: upper key", label);
	is_str(t->ratio_title, hazard ? "Hazard ratio" : "Odds ratio", "%s: ratio title", label);
	free(names);
}

/* The churn data's design on `terms`, rows with a missing `outcome` left
 * out; NULL on failure. */
static design *churn_design(table *t, const char *const *terms, size_t nterms,
                            const char *outcome, int intercept)
{
	const table_col *yc = table_find(t, outcome);
	unsigned char *mask = malloc(t->nrows);
	for (size_t i = 0; i < t->nrows; i++)
		mask[i] = !isnan(yc->num[i]);
	design_spec spec = {.terms = terms, .nterms = nterms, .intercept = intercept,
	                    .row_mask = mask};
	design *d = NULL;
	churn_err err;
	if (!ok(design_build(t, &spec, &d, &err) == CHURN_OK, "%s design builds", outcome))
		diag("%s", err.msg);
	free(mask);
	return d;
}

static void test_logit_table(table *t)
{
	static const char *const terms[] = {"plan", "contract", "channel", "log(mrr)",
	                                    "logins_30d", "tickets", "nps"};
	design *d = churn_design(t, terms, 7, "churned", 1);
	if (d == NULL)
		return;
	double *y = malloc(d->nrows * sizeof *y);
	design_take(d, table_find(t, "churned")->num, y);
	logit_data data = {.X = d->X, .y = y, .intercept = 1};
	logit_result *r = NULL;
	churn_err err;
	if (ok(logit_fit(&data, NULL, &r, &err) == CHURN_OK, "logistic fit succeeds"))
		check_table("logistic", &r->coefs, d, FX "churn_logit.coef.csv", COEFTAB_ODDS);
	else
		diag("%s", err.msg);
	logit_result_free(r);
	free(y);
	design_free(d);
}

static void test_cox_table(table *t)
{
	static const char *const terms[] = {"plan", "contract", "log(mrr)", "tickets"};
	design *d = churn_design(t, terms, 4, "duration", 0);
	if (d == NULL)
		return;
	double *tm = malloc(d->nrows * sizeof *tm), *st = malloc(d->nrows * sizeof *st);
	design_take(d, table_find(t, "duration")->num, tm);
	design_take(d, table_find(t, "event")->num, st);
	cox_data data = {.X = d->X, .time = tm, .status = st};
	cox_result *r = NULL;
	churn_err err;
	if (ok(cox_fit(&data, NULL, &r, &err) == CHURN_OK, "Cox fit succeeds"))
		check_table("Cox", &r->coefs, d, FX "churn_cox_efron.coef.csv", COEFTAB_HAZARD);
	else
		diag("%s", err.msg);
	cox_result_free(r);
	free(tm);
	free(st);
	design_free(d);
}

/* The table's own life: NaN rows until set, the Wald row of b and se. */
static void test_table_functions(void)
{
	coeftab t;
	if (!ok(coeftab_init(&t, 2, COEFTAB_ODDS, 0.9), "init: two rows"))
		return;
	ok(isnan(t.coef[0]) && isnan(t.se[1]) && isnan(t.pval[0]) && isnan(t.upper[1]) &&
	   !t.aliased[0] && !t.aliased[1], "init: every number NaN, no row aliased");
	coeftab_set(&t, 1, 0.5, 0.25);
	double q = 1.6448536269514722;  /* qnorm(0.95), a 90% interval */
	ok(t.coef[1] == 0.5 && t.se[1] == 0.25 && t.z[1] == 2, "set: estimate, se, z = b / se");
	is_double_rel(t.pval[1], 0.04550026389635842, 1e-12, "set: p = 2 pnorm(-2) as R");
	is_double_rel(t.ratio[1], exp(0.5), 1e-15, "set: ratio exp(b)");
	is_double_rel(t.lower[1], exp(0.5 - q * 0.25), 1e-12, "set: lower bound at the table's level");
	is_double_rel(t.upper[1], exp(0.5 + q * 0.25), 1e-12, "set: upper bound at the table's level");
	ok(isnan(t.coef[0]), "set: the other row untouched");
	coeftab_clear(&t);
	ok(t.coef == NULL && t.aliased == NULL && t.p == 0, "clear: arrays freed, table zeroed");
	coeftab_clear(&t);
	coeftab_clear(NULL);
	ok(1, "clear: a cleared table and NULL are no-ops");
	ok(coeftab_init(&t, 0, COEFTAB_HAZARD, 0.95) && t.p == 0 &&
	   strcmp(t.ratio_key, "hazard_ratio") == 0, "init: an empty hazard table");
	coeftab_clear(&t);
}

int main(void)
{
	table *t = fx_table(FX "churn.data.csv", NULL, 0);
	test_logit_table(t);
	test_cox_table(t);
	table_free(t);
	test_table_functions();
	return done_testing();
}

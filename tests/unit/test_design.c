/* test_design.c - design matrices: term names, reference levels, missing
 * values, imputation, log terms, aliasing, rules applied to new rows. */
#include "churnkit/design.h"
#include "fixture.h"
#include "tap.h"
#include "model/design_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#define FX "tests/fixtures/model/"

/* design_apply_each's rows against design_apply's matrix X and statuses. */
typedef struct {
	const gsl_matrix *X;
	const design_row_status *st;
	size_t next;
	int good;
} each_check;

static void each_row(void *ctx, size_t i, const double *x, design_row_status st)
{
	each_check *c = ctx;
	c->good &= i == c->next++ && st == c->st[i];
	for (size_t j = 0; j < c->X->size2; j++) {
		double a = x[j], b = gsl_matrix_get(c->X, i, j);
		c->good &= memcmp(&a, &b, sizeof a) == 0;
	}
}

static int names_are(const design *d, const char *const *want, size_t n)
{
	if (d->ncols != n)
		return 0;
	for (size_t j = 0; j < n; j++)
		if (strcmp(d->cols[j].name, want[j]) != 0) {
			diag("column %zu is %s, want %s", j, d->cols[j].name, want[j]);
			return 0;
		}
	return 1;
}

static void test_churn(void)
{
	table *t = fx_table(FX "churn.data.csv", NULL, 0);
	static const char *const terms[] = {"plan", "contract", "channel", "log(mrr)",
	                                    "logins_30d", "tickets", "nps"};
	static const char *const want[] = {"(Intercept)", "plan=basic", "plan=pro",
	                                   "contract=monthly", "channel=sales", "channel=web",
	                                   "log(mrr)", "logins_30d", "tickets", "nps"};
	design_spec spec = {.terms = terms, .nterms = 7, .intercept = 1};
	design *d = NULL;
	churn_err err;
	is_int(design_build(t, &spec, &d, &err), CHURN_OK, "churn: design builds");
	ok(names_are(d, want, 10), "churn: intercept first, then `col` and `col=level` in term order");
	is_str(design_reference(d, 0), "Enterprise",
	       "churn: reference is the first level in byte order (uppercase before lowercase)");
	is_str(design_reference(d, 2), "partner", "churn: channel's reference is sorted first");
	ok(design_reference(d, 3) == NULL, "churn: a numeric term has no reference");
	fx_csv *s = fx_csv_read(FX "churn_logit.stats.csv");
	is_int((long long)d->rows_missing, (long long)fx_stat(s, "rows_missing"),
	       "churn: rows missing a used value are left out and counted as R's na.omit");
	fx_csv_free(s);
	is_int((long long)d->nrows + (long long)d->rows_missing, 3000, "churn: every row accounted for");
	is_int((long long)d->terms[4].nmissing, 150, "churn: logins_30d's missing values counted");
	is_double_rel(gsl_matrix_get(d->X, 0, 6), log(table_find(t, "mrr")->num[d->row[0]]), 1e-15,
	              "churn: log(mrr) holds the natural log");
	is_int((long long)d->naliased, 0, "churn: nothing aliased");
	is_int(design_col_index(d, "tickets"), 8, "churn: column lookup by name");
	design_free(d);

	/* a given reference level */
	static const char *const refs[] = {"contract=monthly"};
	static const char *const t2[] = {"contract"};
	spec = (design_spec){.terms = t2, .nterms = 1, .intercept = 1, .references = refs,
	                     .nreferences = 1};
	design_build(t, &spec, &d, &err);
	is_str(d->cols[1].name, "contract=annual", "reference: contract=monthly makes the dummy annual");
	is_str(design_reference(d, 0), "monthly", "reference: reported as monthly");
	design_free(d);
	static const char *const badrefs[][1] = {{"contract"}, {"contract=weekly"}, {"plan=pro"}};
	const char *why[] = {"not col=level", "a level the data lack", "a column not in the model"};
	for (int k = 0; k < 3; k++) {
		spec.references = badrefs[k];
		is_int(design_build(t, &spec, &d, &err), CHURN_EUSAGE, "reference %s: usage error",
		       why[k]);
	}

	/* imputation */
	spec = (design_spec){.terms = terms, .nterms = 7, .intercept = 1, .impute = 1};
	design_build(t, &spec, &d, &err);
	s = fx_csv_read(FX "churn_impute.stats.csv");
	is_double_rel(d->terms[4].impute_value, fx_stat(s, "median_logins_30d"), 1e-15,
	              "impute: logins_30d's median as R's median()");
	is_double_rel(d->terms[6].impute_value, fx_stat(s, "median_nps"), 1e-15,
	              "impute: nps's median as R's median()");
	fx_csv_free(s);
	is_int((long long)d->rows_missing, 0, "impute: no row is left out");
	long jm = design_col_index(d, "logins_30d_missing"), jc = design_col_index(d, "channel=(missing)");
	ok(jm == design_col_index(d, "logins_30d") + 1, "impute: logins_30d_missing follows logins_30d");
	ok(jc > 0, "impute: a missing channel is its own level, never the reference");
	int row_ok = 0;
	const double *lg = table_find(t, "logins_30d")->num;
	for (size_t i = 0; i < d->nrows; i++)
		if (isnan(lg[d->row[i]])) {
			row_ok = gsl_matrix_get(d->X, i, (size_t)jm) == 1 &&
			         gsl_matrix_get(d->X, i, (size_t)jm - 1) == d->terms[4].impute_value;
			break;
		}
	ok(row_ok, "impute: a missing value holds the median and its indicator 1");
	design_free(d);

	/* aliasing */
	static const char *const at[] = {"tickets", "calls", "total_contacts", "const_one", "contract"};
	spec = (design_spec){.terms = at, .nterms = 5, .intercept = 1};
	design_build(t, &spec, &d, &err);
	ok(d->cols[3].aliased && d->cols[4].aliased && !d->cols[1].aliased && !d->cols[2].aliased &&
	   !d->cols[5].aliased && !d->cols[0].aliased,
	   "alias: tickets + calls = total_contacts and a constant are aliased, the first kept");
	is_int((long long)d->naliased, 2, "alias: two aliased columns");
	design_free(d);

	/* the caller's row mask */
	unsigned char *mask = malloc(t->nrows);
	for (size_t i = 0; i < t->nrows; i++)
		mask[i] = i % 2;
	spec = (design_spec){.terms = t2, .nterms = 1, .intercept = 1, .row_mask = mask};
	design_build(t, &spec, &d, &err);
	is_int((long long)d->rows_masked, 1500, "mask: masked rows are counted apart");
	is_int((long long)d->row[0], 1, "mask: the first kept row is table row 1");
	design_free(d);
	free(mask);
	table_free(t);
}

static void test_edges(void)
{
	table *t = table_new(5);
	double mrr[5] = {10, 20, 0, 40, 50}, x[5] = {1, 2, 3, 4, 5}, g[5] = {2, 10, 1, 1, 2};
	int32_t day[5] = {1, 2, 3, 4, 5};
	const char *plan[5] = {"a", "b", "a", "b", "a"};
	const char *plan2[5] = {"a", "b", "a", "b", "a"};
	table_add_num(t, "mrr", mrr);
	table_add_num(t, "x", x);
	table_add_num(t, "g", g);
	table_add_date(t, "day", day);
	table_add_cat(t, "plan", plan);
	table_add_cat(t, "plan_copy", plan2);
	t->line = malloc(5 * sizeof *t->line);
	for (int i = 0; i < 5; i++)
		t->line[i] = i + 2;
	design *d = NULL;
	churn_err err;

	static const char *const lt[] = {"log(mrr)"};
	design_spec spec = {.terms = lt, .nterms = 1, .intercept = 1};
	is_int(design_build(t, &spec, &d, &err), CHURN_EDATA, "log: a zero is a data error");
	ok(strstr(err.msg, "mrr") && strstr(err.msg, "row 3"), "log: the message names column and row (%s)",
	   err.msg);
	is_int(err.line, 4, "log: err.line is the row's physical line");
	is_int(err.col, 1, "log: err.col is the column's position");

	const char *const bad[][1] = {{"nope"}, {"day"}, {"log(plan)"}};
	const char *why[] = {"an unknown column", "a date column", "log of a categorical"};
	for (int k = 0; k < 3; k++) {
		spec.terms = bad[k];
		is_int(design_build(t, &spec, &d, &err), CHURN_EUSAGE, "terms: %s is a usage error", why[k]);
	}
	static const char *const dup[] = {"x", "x"};
	spec.terms = dup;
	spec.nterms = 2;
	is_int(design_build(t, &spec, &d, &err), CHURN_EUSAGE, "terms: a term given twice");

	/* numeric column as categorical: levels sort as numbers */
	static const char *const gt[] = {"g", "plan", "plan_copy"};
	static const char *const cats[] = {"g"};
	spec = (design_spec){.terms = gt, .nterms = 3, .intercept = 1, .categorical = cats,
	                     .ncategorical = 1};
	design_build(t, &spec, &d, &err);
	static const char *const want[] = {"(Intercept)", "g=2", "g=10", "plan=b", "plan_copy=b"};
	ok(names_are(d, want, 5), "categorical numbers: reference 1, then 2 and 10 in numeric order");
	ok(d->cols[4].aliased && !d->cols[3].aliased, "a copied categorical column's dummy is aliased");
	design_free(d);

	/* rules applied to new rows */
	static const char *const nt[] = {"x", "plan", "log(mrr)"};
	spec = (design_spec){.terms = nt, .nterms = 3, .intercept = 1};
	mrr[2] = 30;
	table *t2 = table_new(5);
	table_add_num(t2, "mrr", mrr);
	table_add_num(t2, "x", x);
	table_add_cat(t2, "plan", plan);
	is_int(design_build(t2, &spec, &d, &err), CHURN_OK, "apply: training design builds");
	table *nw = table_new(4);
	double nx[4] = {7, NAN, 1, 2}, nm[4] = {100, 10, 10, -5};
	const char *np[4] = {"b", "a", "c", "a"};
	table_add_num(nw, "x", nx);
	table_add_num(nw, "mrr", nm);
	table_add_cat(nw, "plan", np);
	gsl_matrix *X = NULL;
	design_row_status st[4];
	is_int(design_apply(d, nw, &X, st, &err), CHURN_OK, "apply: runs");
	ok(st[0] == DESIGN_ROW_OK && gsl_matrix_get(X, 0, 1) == 7 && gsl_matrix_get(X, 0, 2) == 1 &&
	   fabs(gsl_matrix_get(X, 0, 3) - log(100)) < 1e-15,
	   "apply: a complete row is built with the training dummies");
	is_int(st[1], DESIGN_ROW_MISSING, "apply: a missing value without imputation");
	is_int(st[2], DESIGN_ROW_UNSEEN, "apply: a level unseen in training");
	is_int(st[3], DESIGN_ROW_NONPOS, "apply: log of a negative value");
	ok(isnan(gsl_matrix_get(X, 1, 0)), "apply: an unusable row is NaN");
	gsl_matrix_free(X);
	design_free(d);
	spec.impute = 1;
	design_build(t2, &spec, &d, &err);
	design_apply(d, nw, &X, st, &err);
	ok(st[1] == DESIGN_ROW_OK && gsl_matrix_get(X, 1, 1) == 3,
	   "apply: with impute, a missing value takes the training median");
	gsl_matrix_free(X);
	design_free(d);
	/* Levels coded in another order than training's, repeated: each row
	 * gets the dummy of its level's name (plan=b is column 2). */
	design_build(t2, &spec, &d, &err);
	table *re = table_new(6);
	double rx[6] = {1, 1, 1, 1, 1, 1}, rm[6] = {5, 5, 5, 5, 5, 5};
	const char *rp[6] = {"b", "b", "a", "zzz", "a", "b"};
	table_add_num(re, "x", rx);
	table_add_num(re, "mrr", rm);
	table_add_cat(re, "plan", rp);
	design_row_status rs[6];
	design_apply(d, re, &X, rs, &err);
	ok(rs[0] == DESIGN_ROW_OK && rs[1] == DESIGN_ROW_OK && rs[2] == DESIGN_ROW_OK &&
	   rs[3] == DESIGN_ROW_UNSEEN && rs[4] == DESIGN_ROW_OK && rs[5] == DESIGN_ROW_OK,
	   "apply, levels recoded: the unseen level alone is unseen");
	ok(gsl_matrix_get(X, 0, 2) == 1 && gsl_matrix_get(X, 1, 2) == 1 &&
	   gsl_matrix_get(X, 2, 2) == 0 && gsl_matrix_get(X, 4, 2) == 0 &&
	   gsl_matrix_get(X, 5, 2) == 1,
	   "apply, levels recoded: plan=b is 1 on the b rows and 0 on the a rows");
	/* Row by row: design_apply's rows and statuses, in row order. */
	each_check ec = {X, rs, 0, 1};
	is_int(design_apply_each(d, re, each_row, &ec, &err), CHURN_OK, "apply_each: runs");
	ok(ec.good && ec.next == 6, "apply_each: every row as design_apply's, bit for bit, in order");
	gsl_matrix_free(X);
	table_free(re);
	design_free(d);
	table *wrong = table_new(1);
	double one = 1;
	table_add_num(wrong, "x", &one);
	table_add_num(wrong, "plan", &one);
	table_add_num(wrong, "mrr", &one);
	design_build(t2, &spec, &d, &err);
	is_int(design_apply(d, wrong, &X, st, &err), CHURN_EUSAGE,
	       "apply: a column of another kind is a usage error");
	design_free(d);
	table_free(wrong);

	/* nothing left */
	double nan5[5] = {NAN, NAN, NAN, NAN, NAN};
	table_add_num(t2, "empty", nan5);
	static const char *const et[] = {"empty"};
	spec = (design_spec){.terms = et, .nterms = 1, .intercept = 1};
	is_int(design_build(t2, &spec, &d, &err), CHURN_EDATA, "no rows left: a data error");
	table_free(nw);
	table_free(t2);
	table_free(t);
	design_free(NULL);
}

/* A categorical term with one level gets no column and is reported
 * constant; an identifier-like term is refused before anything is built. */
static void test_constant_and_wide(void)
{
	table *t = fx_table("tests/data/model/rare8.csv", NULL, 0);
	static const char *const one[] = {"x", "one"};
	design_spec spec = {.terms = one, .nterms = 2, .intercept = 1};
	design *d = NULL;
	churn_err err;
	is_int(design_build(t, &spec, &d, &err), CHURN_OK, "one-level term: the design builds");
	is_int((long long)d->terms[1].ncols, 0, "one-level term: no column");
	ok(design_term_constant(d, 1) && !design_term_constant(d, 0),
	   "one-level term: design_term_constant says so (and not for x)");
	ok(design_reference(d, 1) == NULL, "one-level term: no reference level to report");
	design_free(d);

	static const char *const idt[] = {"x", "id"};
	spec.terms = idt;
	d = NULL;
	is_int(design_build(t, &spec, &d, &err), CHURN_EUSAGE,
	       "a term with a level per row is a usage error");
	ok(d == NULL, "... and no design is returned");
	ok(strstr(err.msg, "term 'id' has 200 levels in the 200 rows used") != NULL,
	   "... naming the term and its level count: %s", err.msg);
	table_free(t);
}

/* The customers' median under frequency weights: R's median(rep(v, w)). */
static void test_weighted_median(void)
{
	static const struct {
		double v[4], w[4];
		size_t n;
		double want;
		const char *what;
	} c[] = {
		{{5, 1, 3}, {1, 1, 1}, 3, 3, "weights 1: the plain median"},
		{{1, 2}, {1, 1}, 2, 1.5, "weights 1, even: the mean of the middle two"},
		{{1, 2, 3}, {0, 2, 1}, 3, 2, "rep(1:3, c(0, 2, 1)) = 2 2 3: 2"},
		{{4, 1}, {2, 2}, 2, 2.5, "rep(c(4, 1), 2) sorted 1 1 4 4: 2.5"},
		{{7}, {3}, 1, 7, "one value"},
		{{9, 1}, {1, 3}, 2, 1, "1 1 1 9: 1, not the rows' median 5"},
		{{5, 9, 1, 6}, {1, 2, 1, 4}, 4, 6, "1 5 6 6 6 6 9 9: 6"},
	};
	for (size_t k = 0; k < sizeof c / sizeof *c; k++) {
		double v[4], w[4];
		memcpy(v, c[k].v, sizeof v);
		memcpy(w, c[k].w, sizeof w);
		is_double_abs(design_median_weighted(v, w, c[k].n), c[k].want, 0, c[k].what);
	}
}

int main(void)
{
	gsl_set_error_handler_off();
	test_churn();
	test_edges();
	test_constant_and_wide();
	test_weighted_median();
	return done_testing();
}

/* test_logit.c - logistic regression against R's glm (fixtures made by
 * tests/fixtures/model/make_fixtures.R). */
#include "churnkit/design.h"
#include "churnkit/logit.h"
#include "churnkit/model_json.h"
#include "churnkit/model_score.h"
#include "churnkit/validate.h"
#include "fixture.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#define RTOL_COEF 1e-6
#define RTOL_DEV 1e-8
#define FX "tests/fixtures/model/"

typedef struct {
	const char *name;          /* fixture stem */
	const char *data;          /* data file */
	const char *outcome;
	const char *const *terms;
	size_t nterms;
	const char *const *refs;
	size_t nrefs;
	int impute;
	const char *weight;        /* column, or NULL */
	const char *const *cats;   /* numeric columns to treat as categorical */
	size_t ncats;
} glm_case;

static char **col_names(const design *d)
{
	char **n = malloc(d->ncols * sizeof *n);
	for (size_t j = 0; j < d->ncols; j++)
		n[j] = d->cols[j].name;
	return n;
}

/* Builds the case's design, fits it and compares with R. */
static void run_case(const glm_case *c)
{
	char path[256], coef[256], stats[256];
	snprintf(path, sizeof path, FX "%s", c->data);
	snprintf(coef, sizeof coef, FX "%s.coef.csv", c->name);
	snprintf(stats, sizeof stats, FX "%s.stats.csv", c->name);
	table *t = fx_table(path, NULL, 0);
	design_spec spec = {.terms = c->terms, .nterms = c->nterms, .references = c->refs,
	                    .nreferences = c->nrefs, .impute = c->impute, .intercept = 1,
	                    .categorical = c->cats, .ncategorical = c->ncats};
	/* rows with an unknown outcome are the caller's to mask */
	const table_col *yc = table_find(t, c->outcome);
	unsigned char *mask = malloc(t->nrows);
	for (size_t i = 0; i < t->nrows; i++)
		mask[i] = !isnan(yc->num[i]);
	spec.row_mask = mask;
	design *d = NULL;
	churn_err err;
	churn_status st = design_build(t, &spec, &d, &err);
	if (!ok(st == CHURN_OK, "%s: design builds", c->name)) {
		diag("%s", err.msg);
		free(mask);
		table_free(t);
		return;
	}
	double *y = malloc(d->nrows * sizeof *y), *w = NULL;
	design_take(d, yc->num, y);
	if (c->weight != NULL) {
		w = malloc(d->nrows * sizeof *w);
		design_take(d, table_find(t, c->weight)->num, w);
	}
	logit_data ld = {.X = d->X, .y = y, .w = w, .intercept = 1, .aliased = NULL};
	logit_opts o;
	logit_opts_init(&o);
	logit_result *r = NULL;
	st = logit_fit(&ld, &o, &r, &err);
	if (ok(st == CHURN_OK, "%s: logistic fit succeeds", c->name)) {
		char **names = col_names(d);
		fx_check_coefs(c->name, coef, names, d->ncols, r->coefs.coef, r->coefs.se,
		               r->coefs.z, r->coefs.pval, r->coefs.aliased, RTOL_COEF);
		free(names);
		fx_csv *s = fx_csv_read(stats);
		is_double_rel(r->deviance, fx_stat(s, "deviance"), RTOL_DEV, "%s: deviance", c->name);
		is_double_rel(r->null_deviance, fx_stat(s, "null_deviance"), RTOL_DEV,
		              "%s: null deviance", c->name);
		is_double_rel(r->aic, fx_stat(s, "aic"), RTOL_DEV, "%s: AIC = deviance + 2k", c->name);
		is_int(r->iterations, (long long)fx_stat(s, "iterations"),
		       "%s: as many IRLS iterations as glm", c->name);
		is_int(r->converged, (long long)fx_stat(s, "converged"), "%s: converged as glm",
		       c->name);
		is_int((long long)r->rank, (long long)fx_stat(s, "rank"), "%s: rank", c->name);
		is_double_rel(r->n, fx_stat(s, "n"), 1e-15, "%s: n is the sum of weights", c->name);
		is_double_rel(r->events, fx_stat(s, "events"), 1e-15, "%s: events", c->name);
		is_int((long long)d->nrows, (long long)fx_stat(s, "rows"),
		       "%s: rows with a missing value are left out as na.omit does", c->name);
		ok(r->separation == LOGIT_SEP_NONE && !r->firth,
		   "%s: no separation reported, no Firth", c->name);
		/* odds-ratio interval = exp(b -+ 1.959964 se) */
		size_t j = d->ncols - 1;
		is_double_rel(r->coefs.lower[j],
		              exp(r->coefs.coef[j] - 1.959963984540054 * r->coefs.se[j]), 1e-12,
		              "%s: odds-ratio lower bound exp(b - 1.959964 se)", c->name);
		is_double_rel(r->coefs.upper[j],
		              exp(r->coefs.coef[j] + 1.959963984540054 * r->coefs.se[j]), 1e-12,
		              "%s: odds-ratio upper bound", c->name);
		fx_csv_free(s);
	} else {
		diag("%s", err.msg);
	}
	logit_result_free(r);
	design_free(d);
	free(y);
	free(w);
	free(mask);
	table_free(t);
}

static void test_cases(void)
{
	static const char *const churn_terms[] = {"plan",       "contract", "channel", "log(mrr)",
	                                          "logins_30d", "tickets",  "nps"};
	static const char *const ref_terms[] = {"contract", "tickets"};
	static const char *const refs[] = {"contract=monthly"};
	static const char *const alias_terms[] = {"tickets", "calls", "total_contacts", "const_one",
	                                          "contract"};
	static const char *const w_terms[] = {"plan", "contract", "tickets"};
	static const char *const lung_terms[] = {"age", "sex", "ph_ecog", "wt_loss", "log(meal_cal)"};
	static const char *const colon_terms[] = {"rx", "sex", "age", "obstruct", "nodes", "differ"};
	const glm_case cases[] = {
		{"churn_logit", "churn.data.csv", "churned", churn_terms, 7, NULL, 0, 0, NULL, NULL, 0},
		{"churn_ref", "churn.data.csv", "churned", ref_terms, 2, refs, 1, 0, NULL, NULL, 0},
		{"churn_impute", "churn.data.csv", "churned", churn_terms, 7, NULL, 0, 1, NULL, NULL, 0},
		{"churn_alias", "churn.data.csv", "churned", alias_terms, 5, NULL, 0, 0, NULL, NULL, 0},
		{"churn_weighted", "churn.data.csv", "churned", w_terms, 3, NULL, 0, 0, "weight", NULL, 0},
		{"lung_logit", "lung.data.csv", "dead", lung_terms, 5, NULL, 0, 0, NULL, NULL, 0},
		{"colon_logit", "colon.data.csv", "status", colon_terms, 6, NULL, 0, 0, NULL, NULL, 0},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		run_case(&cases[k]);
}

/* Builds X = [1, x1, x2] from arrays. */
static gsl_matrix *small_x(size_t n, const double *x1, const double *x2)
{
	gsl_matrix *X = gsl_matrix_alloc(n, x2 ? 3 : 2);
	for (size_t i = 0; i < n; i++) {
		gsl_matrix_set(X, i, 0, 1);
		gsl_matrix_set(X, i, 1, x1[i]);
		if (x2)
			gsl_matrix_set(X, i, 2, x2[i]);
	}
	return X;
}

static void test_separation(void)
{
	/* Endometrial data: NV separates quasi-completely; glm "converges" at
	 * iteration 17 with NV = 18.19 (R's numbers in the fixture). */
	table *t = fx_table(FX "endometrial.data.csv", NULL, 0);
	static const char *const terms[] = {"NV", "PI", "EH"};
	design_spec spec = {.terms = terms, .nterms = 3, .intercept = 1};
	design *d = NULL;
	churn_err err;
	design_build(t, &spec, &d, &err);
	double *y = malloc(d->nrows * sizeof *y);
	design_take(d, table_find(t, "HG")->num, y);
	logit_data ld = {.X = d->X, .y = y, .intercept = 1};
	logit_opts o;
	logit_opts_init(&o);
	o.firth = LOGIT_FIRTH_NEVER;
	logit_result *r = NULL;
	logit_fit(&ld, &o, &r, &err);
	is_int(r->separation, LOGIT_SEP_QUASI, "endometrial: quasi-complete separation detected");
	ok(r->diverging[1] && !r->diverging[2] && !r->diverging[3],
	   "endometrial: NV (and only NV) diverges");
	ok(!r->firth, "endometrial: Firth not used when told never");
	char **names = col_names(d);
	fx_check_coefs("endometrial glm", FX "endometrial_glm.coef.csv", names, d->ncols,
	               r->coefs.coef, r->coefs.se, r->coefs.z, r->coefs.pval, r->coefs.aliased,
	               1e-5);
	fx_csv *s = fx_csv_read(FX "endometrial_glm.stats.csv");
	is_int(r->iterations, (long long)fx_stat(s, "iterations"),
	       "endometrial: glm's 17 iterations before its rule stops it");
	is_double_rel(r->deviance, fx_stat(s, "deviance"), 1e-8, "endometrial: glm deviance");
	fx_csv_free(s);
	logit_result_free(r);

	o.firth = LOGIT_FIRTH_AUTO;
	logit_fit(&ld, &o, &r, &err);
	ok(r->firth && r->firth_auto && r->separation == LOGIT_SEP_QUASI,
	   "endometrial: separation makes Firth the automatic fallback, and says so");
	is_double_rel(r->coefs.coef[1], 2.929273353197094, 1e-6, "endometrial: Firth NV estimate");
	logit_result_free(r);
	free(names);
	free(y);
	design_free(d);
	table_free(t);

	/* Complete separation: y = 1 exactly when x > 6. */
	double x[12], z[12] = {0.3, -1.2, 0.8, 0.1, -0.5, 1.4, -0.9, 0.6, 0.2, -0.3, 1.1, -0.7};
	double yy[12];
	for (int i = 0; i < 12; i++) {
		x[i] = i + 1;
		yy[i] = x[i] > 6;
	}
	gsl_matrix *X = small_x(12, x, z);
	logit_data cd = {.X = X, .y = yy, .intercept = 1};
	o.firth = LOGIT_FIRTH_NEVER;
	logit_fit(&cd, &o, &r, &err);
	is_int(r->separation, LOGIT_SEP_COMPLETE, "complete separation detected");
	ok(r->diverging[1], "complete separation: x diverges");
	ok(r->fitted_01 || !r->converged || r->deviance < 1e-6,
	   "complete separation: fitted probabilities at 0/1, deviance near 0");
	logit_result_free(r);
	gsl_matrix_free(X);

	/* An extreme but not separating row: a fitted p near 1 alone is not
	 * separation. */
	double x3[41], y3[41];
	for (int i = 0; i < 40; i++) {
		x3[i] = (i % 10) - 4.5;
		y3[i] = ((i * 7) % 10) < 3 + (i % 10) / 3;
	}
	x3[40] = 40;
	y3[40] = 1;
	X = small_x(41, x3, NULL);
	logit_data ed = {.X = X, .y = y3, .intercept = 1};
	logit_fit(&ed, &o, &r, &err);
	is_int(r->separation, LOGIT_SEP_NONE, "an extreme row without separation is not flagged");
	ok(r->converged, "the extreme-row fit converges");
	logit_result_free(r);
	gsl_matrix_free(X);
}

/* rare8.csv: all 8 customers on plan d churned.  glm stops with plan=d
 * 16.3 (SE 816) and no fitted p near 0 or 1; the exact check on 0/1
 * columns finds the quasi-complete separation and Firth takes over
 * (brglm2's estimates in rare8_firth.coef.csv). */
static void test_rare_level(void)
{
	static const char *const terms[] = {"x", "z", "plan"};
	table *t = fx_table("tests/data/model/rare8.csv", NULL, 0);
	design_spec spec = {.terms = terms, .nterms = 3, .intercept = 1};
	design *d = NULL;
	logit_result *r = NULL;
	churn_err err;
	logit_opts o;
	if (design_build(t, &spec, &d, &err) != CHURN_OK) {
		printf("Bail out! %s\n", err.msg);
		exit(1);
	}
	double *y = malloc(d->nrows * sizeof *y);
	design_take(d, table_find(t, "churned")->num, y);
	logit_data ld = {.X = d->X, .y = y, .intercept = 1};
	long jd = design_col_index(d, "plan=d");

	logit_opts_init(&o);
	o.firth = LOGIT_FIRTH_NEVER;
	is_int(logit_fit(&ld, &o, &r, &err), CHURN_OK, "rare level: glm fit runs");
	is_int(r->separation, LOGIT_SEP_QUASI, "rare level: quasi-complete separation detected");
	int others = 0;
	for (size_t j = 0; j < r->coefs.p; j++)
		others += (long)j != jd && r->diverging[j];
	ok(jd >= 0 && r->diverging[jd] && others == 0,
	   "rare level: plan=d, and only it, is named as separating");
	logit_result_free(r);

	logit_opts_init(&o);
	is_int(logit_fit(&ld, &o, &r, &err), CHURN_OK, "rare level: default fit runs");
	ok(r->firth && r->firth_auto && r->converged,
	   "rare level: Firth is the automatic fallback and converges");
	char **names = col_names(d);
	fx_check_coefs("rare level, Firth", FX "rare8_firth.coef.csv", names, d->ncols,
	               r->coefs.coef, r->coefs.se, r->coefs.z, r->coefs.pval, r->coefs.aliased,
	               RTOL_COEF);
	free(names);
	fx_csv *s = fx_csv_read(FX "rare8_firth.stats.csv");
	is_double_rel(r->deviance, fx_stat(s, "deviance"), RTOL_DEV,
	              "rare level: deviance at the Firth estimate as brglm2");
	fx_csv_free(s);
	logit_result_free(r);
	free(y);
	design_free(d);
	table_free(t);

	/* A missing-value indicator (as --impute adds) whose rows all churned:
	 * x_missing = 1 on rows 0, 5, 10, 15, each with y = 1. */
	double x[20], xm[20], yy[20];
	for (int i = 0; i < 20; i++) {
		xm[i] = i % 5 == 0;
		x[i] = xm[i] ? 0.5 : (i % 7) / 7.0;
		yy[i] = xm[i] ? 1 : (i * 3) % 4 == 0;
	}
	gsl_matrix *X = small_x(20, x, xm);
	logit_data md = {.X = X, .y = yy, .intercept = 1};
	logit_opts_init(&o);
	o.firth = LOGIT_FIRTH_NEVER;
	logit_fit(&md, &o, &r, &err);
	ok(r->separation == LOGIT_SEP_QUASI && r->diverging[2] && !r->diverging[1],
	   "missing indicator whose rows all churned: quasi-complete separation on it");
	logit_result_free(r);
	/* The same column with mixed outcomes where it is 1: no separation. */
	yy[10] = 0;
	logit_fit(&md, &o, &r, &err);
	is_int(r->separation, LOGIT_SEP_NONE, "missing indicator with both outcomes: no separation");
	logit_result_free(r);
	gsl_matrix_free(X);
}

static void test_errors(void)
{
	double x[4] = {1, 2, 3, 4}, y0[4] = {0, 0, 0, 0}, y2[4] = {0, 1, 2, 1};
	double wneg[4] = {1, -1, 1, 1};
	gsl_matrix *X = small_x(4, x, NULL);
	logit_result *r = NULL;
	churn_err err;
	logit_data d = {.X = X, .y = y0, .intercept = 1};
	is_int(logit_fit(&d, NULL, &r, &err), CHURN_EDATA, "all-zero outcome: a data error");
	ok(strstr(err.msg, "every row") != NULL, "all-zero outcome: the message says why");
	d.y = y2;
	is_int(logit_fit(&d, NULL, &r, &err), CHURN_EDATA, "outcome 2: a data error");
	y2[2] = 0;
	d.w = wneg;
	is_int(logit_fit(&d, NULL, &r, &err), CHURN_EDATA, "negative weight: a data error");
	ok(r == NULL, "no result on error");
	gsl_matrix_free(X);
}

static void test_subset(void)
{
	/* A fit on a row subset equals the fit on the copied rows. */
	table *t = fx_table(FX "lung.data.csv", NULL, 0);
	static const char *const terms[] = {"age", "sex", "ph_ecog"};
	design_spec spec = {.terms = terms, .nterms = 3, .intercept = 1};
	design *d = NULL;
	churn_err err;
	design_build(t, &spec, &d, &err);
	double *y = malloc(d->nrows * sizeof *y);
	design_take(d, table_find(t, "dead")->num, y);
	size_t *rows = malloc(d->nrows * sizeof *rows), m = 0;
	for (size_t i = 0; i < d->nrows; i++)
		if (i % 3 != 0)
			rows[m++] = i;
	gsl_matrix *Xs = gsl_matrix_alloc(m, d->ncols);
	double *ys = malloc(m * sizeof *ys), *w = malloc(d->nrows * sizeof *w);
	for (size_t k = 0; k < m; k++) {
		gsl_vector_const_view rv = gsl_matrix_const_row(d->X, rows[k]);
		gsl_matrix_set_row(Xs, k, &rv.vector);
		ys[k] = y[rows[k]];
	}
	for (size_t i = 0; i < d->nrows; i++)
		w[i] = i % 3 != 0;
	logit_data a = {.X = d->X, .y = y, .rows = rows, .nrows = m, .intercept = 1};
	logit_data b = {.X = Xs, .y = ys, .intercept = 1};
	logit_data c = {.X = d->X, .y = y, .w = w, .intercept = 1};
	logit_result *ra, *rb, *rc;
	logit_fit(&a, NULL, &ra, &err);
	logit_fit(&b, NULL, &rb, &err);
	logit_fit(&c, NULL, &rc, &err);
	int same = 1;
	for (size_t j = 0; j < d->ncols; j++) {
		double bj = rb->coefs.coef[j];
		same &= fabs(ra->coefs.coef[j] - bj) <= 1e-10 * fabs(bj) &&
		        fabs(rc->coefs.coef[j] - bj) <= 1e-10 * fabs(bj);
	}
	ok(same, "a row subset, the copied rows and zero weights give one fit");
	is_double_rel(ra->deviance, rb->deviance, 1e-12, "row subset: same deviance");
	logit_result_free(ra);
	logit_result_free(rb);
	logit_result_free(rc);
	free(rows);
	free(ys);
	free(w);
	free(y);
	gsl_matrix_free(Xs);
	design_free(d);
	table_free(t);
}

/* Scoring, drivers, JSON and the text summary of the churn model. */
static void test_outputs(void)
{
	table *t = fx_table(FX "churn.data.csv", NULL, 0);
	static const char *const terms[] = {"plan", "contract", "channel", "log(mrr)",
	                                    "logins_30d", "tickets", "nps"};
	design_spec spec = {.terms = terms, .nterms = 7, .intercept = 1};
	design *d = NULL;
	churn_err err;
	design_build(t, &spec, &d, &err);
	double *y = malloc(d->nrows * sizeof *y);
	design_take(d, table_find(t, "churned")->num, y);
	logit_data ld = {.X = d->X, .y = y, .intercept = 1};
	logit_result *r = NULL;
	logit_fit(&ld, NULL, &r, &err);

	/* probabilities for the table's rows with the training rules */
	model_score_row *sc = malloc(t->nrows * sizeof *sc);
	is_int(model_score_table(d, r, t, sc, &err), CHURN_OK, "score: the table is scored");
	fx_csv *pred = fx_csv_read(FX "churn_logit.pred.csv");
	int same = 1;
	for (size_t k = 0; k < pred->nrows; k++) {
		size_t i = (size_t)fx_num(pred, k, "row");
		double want = fx_num(pred, k, "prob");
		same &= sc[i].status == DESIGN_ROW_OK && fabs(sc[i].prob - want) <= 1e-7 * want;
	}
	ok(same, "score: probabilities of new rows built by the design rules agree with R's predict");
	size_t i_miss = 0;
	while (!isnan(table_find(t, "nps")->num[i_miss]))
		i_miss++;
	ok(sc[i_miss].status == DESIGN_ROW_MISSING && isnan(sc[i_miss].prob),
	   "score: a row missing nps is not scored, and says why");
	fx_csv_free(pred);

	/* main driver: recomputed here from the plain column means of X */
	double *mean = calloc(d->ncols, sizeof *mean);
	for (size_t i = 0; i < d->nrows; i++)
		for (size_t j = 0; j < d->ncols; j++)
			mean[j] += gsl_matrix_get(d->X, i, j) / (double)d->nrows;
	int drivers_ok = 1, n_none = 0;
	for (size_t i = 0; i < d->nrows; i++) {
		long best = -1;
		double bc = 0;
		for (size_t k = 0; k < d->nterms; k++) {
			double c = 0;
			for (size_t j = d->terms[k].first_col; j < d->terms[k].first_col + d->terms[k].ncols; j++)
				c += r->coefs.coef[j] * (gsl_matrix_get(d->X, i, j) - mean[j]);
			if (c > bc + 1e-12) {
				bc = c;
				best = (long)k;
			}
		}
		const model_score_row *s = &sc[d->row[i]];
		drivers_ok &= s->driver == best && (best < 0 || fabs(s->driver_contrib - bc) < 1e-9);
		n_none += best < 0;
	}
	ok(drivers_ok, "driver: the term with the largest b (x - mean) over the average customer");
	size_t i0 = d->row[0];
	char label[128];
	model_score_driver_label(d, t, i0, &sc[i0], label, sizeof label);
	diag("row %zu: p = %.3f, driver %s (+%.3f log odds); %d rows have none", i0, sc[i0].prob,
	     label, sc[i0].driver_contrib, n_none);
	if (sc[i0].driver >= 0 && d->terms[sc[i0].driver].categorical) {
		const table_col *c = table_find(t, d->terms[sc[i0].driver].column);
		char want[128];
		snprintf(want, sizeof want, "%s=%s", c->name, c->levels[c->codes[i0]]);
		is_str(label, want, "driver label: a categorical driver names the customer's level");
	} else {
		is_str(label, sc[i0].driver >= 0 ? d->terms[sc[i0].driver].name : "",
		       "driver label: a numeric driver names the term");
	}
	free(mean);
	free(sc);

	/* JSON */
	validate_summary q;
	validate_summarise(&ld, r, NULL, 5, VALIDATE_SEED, &q, &err);
	json_object *j = model_json_logit(d, r, &q, "churned");
	const char *txt = json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN);
	json_object *back = json_tokener_parse(txt), *coefs, *c1, *v;
	ok(back != NULL && json_object_object_get_ex(back, "coefficients", &coefs),
	   "json: the model object parses back and has coefficients");
	c1 = json_object_array_get_idx(coefs, 1);
	json_object_object_get_ex(c1, "term", &v);
	is_str(json_object_get_string(v), "plan=basic", "json: coefficient 1 is plan=basic");
	json_object_object_get_ex(c1, "estimate", &v);
	ok(json_object_get_double(v) == r->coefs.coef[1],
	   "json: the estimate round-trips at full precision");
	json_object_object_get_ex(back, "aic", &v);
	ok(json_object_get_double(v) == r->aic, "json: aic at full precision");
	json_object_object_get_ex(back, "cv_auc", &v);
	ok(json_object_get_double(v) == q.cv_auc, "json: cv_auc present");
	json_object_object_get_ex(back, "separation", &v);
	is_str(json_object_get_string(v), "none", "json: separation none");
	static const char *const keys[] = {"outcome", "n", "events", "converged", "iterations",
	                                   "deviance", "null_deviance", "auc", "brier",
	                                   "calibration", "lift", "reference_levels"};
	int all = 1;
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		all &= json_object_object_get_ex(back, keys[k], NULL);
	ok(all, "json: every docs/contract.md key of `model` is present");
	json_object_put(back);
	json_object_put(j);

	/* text */
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	model_print_logit(fp, d, r, &q, "churned");
	fclose(fp);
	ok(strstr(buf, "Reference levels: plan=Enterprise, contract=annual, channel=partner") != NULL,
	   "text: reference levels named");
	ok(strstr(buf, "AIC: 2384.03") != NULL, "text: AIC as R prints it");
	ok(strstr(buf, "516 rows left out") != NULL, "text: rows left out are said");
	ok(strstr(buf, "separation") == NULL, "text: no separation note for a fine fit");
	free(buf);
	validate_summary_clear(&q);
	logit_result_free(r);
	design_free(d);
	free(y);

	/* aliased and separated fits in JSON and text */
	static const char *const at[] = {"tickets", "calls", "total_contacts", "contract"};
	spec = (design_spec){.terms = at, .nterms = 4, .intercept = 1};
	design_build(t, &spec, &d, &err);
	y = malloc(d->nrows * sizeof *y);
	design_take(d, table_find(t, "churned")->num, y);
	ld = (logit_data){.X = d->X, .y = y, .intercept = 1};
	logit_fit(&ld, NULL, &r, &err);
	j = model_json_logit(d, r, NULL, "churned");
	back = json_tokener_parse(json_object_to_json_string(j));
	json_object_object_get_ex(back, "coefficients", &coefs);
	c1 = json_object_array_get_idx(coefs, 3);
	json_object_object_get_ex(c1, "estimate", &v);
	ok(v == NULL, "json: an aliased estimate is null");
	json_object_object_get_ex(c1, "aliased", &v);
	ok(json_object_get_boolean(v), "json: and marked aliased");
	json_object_object_get_ex(back, "auc", &v);
	ok(v == NULL, "json: no validation summary -> auc null");
	json_object_put(back);
	json_object_put(j);
	fp = open_memstream(&buf, &len);
	model_print_logit(fp, d, r, NULL, "churned");
	fclose(fp);
	ok(strstr(buf, "Not estimable (constant or collinear, as R's NA): total_contacts") != NULL,
	   "text: aliased terms named");
	free(buf);
	logit_result_free(r);
	design_free(d);
	free(y);
	table_free(t);

	t = fx_table(FX "endometrial.data.csv", NULL, 0);
	static const char *const et[] = {"NV", "PI", "EH"};
	spec = (design_spec){.terms = et, .nterms = 3, .intercept = 1};
	design_build(t, &spec, &d, &err);
	y = malloc(d->nrows * sizeof *y);
	design_take(d, table_find(t, "HG")->num, y);
	ld = (logit_data){.X = d->X, .y = y, .intercept = 1};
	logit_fit(&ld, NULL, &r, &err);
	fp = open_memstream(&buf, &len);
	model_print_logit(fp, d, r, NULL, "HG");
	fclose(fp);
	ok(strstr(buf, "quasi-complete separation on NV") != NULL &&
	   strstr(buf, "Firth's penalised likelihood was used instead (automatic fallback)") != NULL,
	   "text: separation and the Firth fallback are stated");
	free(buf);
	j = model_json_logit(d, r, NULL, "HG");
	json_object_object_get_ex(j, "firth_reason", &v);
	is_str(json_object_get_string(v), "separation", "json: firth_reason separation");
	json_object_object_get_ex(j, "separation_terms", &v);
	is_str(json_object_get_string(json_object_array_get_idx(v, 0)), "NV", "json: separation on NV");
	json_object_put(j);
	logit_result_free(r);
	design_free(d);
	free(y);
	table_free(t);
}

/* Robust (HC0) standard errors and the quasi-binomial family (logit.h):
 * a row of frequency f counts as f customers in the sandwich, so the fit
 * with weights f (freq f) has the SEs of the fit on the repeated rows. */
static void test_robust(void)
{
	enum { N = 40 };
	size_t m = 0;
	double y[N], f[N], ye[3 * N];
	gsl_matrix *X = gsl_matrix_alloc(N, 2), *Xe = gsl_matrix_alloc(3 * N, 2);
	for (size_t i = 0; i < N; i++) {
		double x = (double)((i * 7) % 13) - 6;
		y[i] = ((i * 11) % 7) < 3 + (x > 0);
		f[i] = 1 + (double)(i % 3);
		gsl_matrix_set(X, i, 0, 1);
		gsl_matrix_set(X, i, 1, x);
		for (int k = 0; k < (int)f[i]; k++, m++) {
			gsl_matrix_set(Xe, m, 0, 1);
			gsl_matrix_set(Xe, m, 1, x);
			ye[m] = y[i];
		}
	}
	gsl_matrix_view Xv = gsl_matrix_submatrix(Xe, 0, 0, m, 2);
	logit_opts o;
	logit_opts_init(&o);
	o.robust = o.quasi = 1;
	logit_data a = {.X = X, .y = y, .w = f, .intercept = 1, .freq = f};
	logit_data b = {.X = &Xv.matrix, .y = ye, .intercept = 1};
	logit_result *ra = NULL, *rb = NULL, *rm = NULL;
	churn_err err;
	is_int(logit_fit(&a, &o, &ra, &err), CHURN_OK, "robust: the weighted fit runs");
	is_int(logit_fit(&b, &o, &rb, &err), CHURN_OK, "robust: the repeated-rows fit runs");
	if (ra && rb) {
		for (int j = 0; j < 2; j++)
			is_double_rel(ra->coefs.se[j], rb->coefs.se[j], 1e-6,
			              "robust: column %d: a row of frequency f is f customers in the sandwich",
			              j);
		ok(ra->robust && ra->quasi && isnan(ra->aic) && isnan(ra->loglik) && isfinite(ra->deviance),
		   "quasi: AIC and log-likelihood NaN (R's NA), the deviance kept");
		is_double_rel(ra->coefs.ratio[1], exp(ra->coefs.coef[1]), 1e-12,
		              "robust: odds ratio exp(b)");
		is_double_rel(ra->coefs.upper[1],
		              exp(ra->coefs.coef[1] + 1.959963984540054 * ra->coefs.se[1]), 1e-12,
		              "robust: the interval from the robust SE");
		is_double_rel(ra->coefs.z[1], ra->coefs.coef[1] / ra->coefs.se[1], 1e-12,
		              "robust: z from the robust SE");
	}
	/* without freq the weights are sampling weights: a different meat */
	a.freq = NULL;
	logit_fit(&a, &o, &rm, &err);
	ok(rm && ra && fabs(rm->coefs.se[1] - ra->coefs.se[1]) > 1e-3 * ra->coefs.se[1],
	   "robust: without freq, a weight-f row is one observation (other SEs)");
	logit_result_free(rm);
	rm = NULL;
	o.robust = o.quasi = 0;
	logit_fit(&a, &o, &rm, &err);
	ok(rm && ra &&
	       fabs(rm->coefs.coef[1] - ra->coefs.coef[1]) <= 1e-12 * fabs(ra->coefs.coef[1]) &&
	       isfinite(rm->aic) && !rm->robust,
	   "binomial: the same estimates, an AIC, model-based SEs");
	logit_result_free(rm);
	rm = NULL;
	o.robust = 1;
	o.firth = LOGIT_FIRTH_ALWAYS;
	is_int(logit_fit(&a, &o, &rm, &err), CHURN_EUSAGE, "robust: Firth on request is refused");
	ok(rm == NULL, "robust: no result then");
	logit_result_free(ra);
	logit_result_free(rb);
	gsl_matrix_free(X);
	gsl_matrix_free(Xe);

	/* Separation under robust: reported as glm's, no Firth fallback. */
	double xs[8] = {1, 0, 1, 0, 1, 0, 1, 2}, ys[8] = {0, 0, 0, 0, 0, 1, 1, 1};
	double xd[16];
	for (int i = 0; i < 8; i++) {
		xd[2 * i] = 1;
		xd[2 * i + 1] = xs[i] == 2;
	}
	gsl_matrix_view Xs = gsl_matrix_view_array(xd, 8, 2);
	logit_data sd = {.X = &Xs.matrix, .y = ys, .intercept = 1};
	logit_opts_init(&o);
	o.robust = o.quasi = 1;
	is_int(logit_fit(&sd, &o, &rm, &err), CHURN_OK, "robust separated: fits");
	ok(rm && rm->separation != LOGIT_SEP_NONE && !rm->firth,
	   "robust separated: separation flagged, no Firth fallback");
	logit_result_free(rm);
}

int main(void)
{
	gsl_set_error_handler_off();
	test_robust();
	test_cases();
	test_separation();
	test_rare_level();
	test_errors();
	test_subset();
	test_outputs();
	is_double_rel(model_conf_quantile(0.95), 1.959963984540054, 1e-12,
	              "the 0.95 normal quantile is 1.959964");
	return done_testing();
}

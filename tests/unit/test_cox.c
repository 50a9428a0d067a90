/* test_cox.c - Cox regression against R's coxph (survival 3.5-3), fixtures
 * made by tests/fixtures/model/make_fixtures.R. */
#include "churnkit/cox.h"
#include "churnkit/design.h"
#include "churnkit/model_json.h"
#include "fixture.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#define FX "tests/fixtures/model/"

typedef struct {
	const char *name;
	const char *data;
	const char *time, *status, *entry, *weight;
	const char *const *terms;
	size_t nterms;
	cox_ties ties;
} cox_case;

/* The baseline against survfit(fit, newdata) at the fixture's probe times
 * (make_fixtures.R surv_probe): S itself and, stricter where S is near 1,
 * the cumulative hazard -log S, both at 1e-6 relative. */
static void check_baseline(const cox_case *c, const design *d, const cox_data *cd,
                           const cox_result *r, const fx_csv *s)
{
	char key[64];
	cox_baseline *b = NULL;
	churn_err err;
	if (!ok(cox_baseline_fit(cd, r, &b, &err) == CHURN_OK, "%s: baseline hazard", c->name)) {
		diag("%s", err.msg);
		return;
	}
	ok(b->n > 0 && b->time[0] > 0 && b->cumhaz[0] > 0, "%s: baseline starts at the first "
	   "event with a positive hazard", c->name);
	int bad = 0;
	for (size_t k = 1; k < b->n; k++)
		bad += !(b->time[k] > b->time[k - 1] && b->cumhaz[k] > b->cumhaz[k - 1]);
	is_int(bad, 0, "%s: baseline times and cumulative hazard strictly increasing", c->name);
	is_double_rel(cox_baseline_cumhaz(b, b->last_time + 1e6), b->cumhaz[b->n - 1], 0,
	              "%s: baseline flat past the data", c->name);
	for (int a = 1; a <= 3; a++) {
		snprintf(key, sizeof key, "probe_row_%d", a);
		size_t row = (size_t)fx_stat(s, key), i;
		for (i = 0; i < d->nrows && d->row[i] != row; i++)
			;
		if (!ok(i < d->nrows, "%s: probe row %zu is in the design", c->name, row))
			continue;
		double lp = cox_lp(r, gsl_matrix_const_ptr(d->X, i, 0));
		for (int k = 1; k <= 7; k++) {
			snprintf(key, sizeof key, "probe_time_%d", k);
			double t = fx_stat(s, key);
			snprintf(key, sizeof key, "probe_surv_%d_%d", a, k);
			double want = fx_stat(s, key), got = cox_surv(b, lp, t);
			is_double_rel(got, want, 1e-6, "%s: S(%g | row %zu) as survfit(fit, newdata)",
			              c->name, t, row);
			if (want < 1)
				is_double_rel(-log(got), -log(want), 1e-6,
				              "%s: cumulative hazard at %g, row %zu", c->name, t, row);
			else
				is_double_abs(got, 1, 0, "%s: S = 1 before the first event", c->name);
		}
	}
	cox_baseline_free(b);
}

static void run_case(const cox_case *c)
{
	char path[256], coef[256], stats[256];
	snprintf(path, sizeof path, FX "%s", c->data);
	snprintf(coef, sizeof coef, FX "%s.coef.csv", c->name);
	snprintf(stats, sizeof stats, FX "%s.stats.csv", c->name);
	table *t = fx_table(path, NULL, 0);
	design_spec spec = {.terms = c->terms, .nterms = c->nterms, .intercept = 0};
	design *d = NULL;
	churn_err err;
	if (!ok(design_build(t, &spec, &d, &err) == CHURN_OK, "%s: design builds", c->name)) {
		diag("%s", err.msg);
		table_free(t);
		return;
	}
	double *tm = malloc(d->nrows * sizeof *tm), *st = malloc(d->nrows * sizeof *st);
	double *en = NULL, *w = NULL;
	design_take(d, table_find(t, c->time)->num, tm);
	design_take(d, table_find(t, c->status)->num, st);
	for (size_t i = 0; i < d->nrows; i++)
		st[i] = strcmp(c->status, "status") == 0 && strncmp(c->name, "lung", 4) == 0
		        ? st[i] - 1 : st[i];  /* lung codes status 1/2 */
	if (c->entry) {
		en = malloc(d->nrows * sizeof *en);
		design_take(d, table_find(t, c->entry)->num, en);
	}
	if (c->weight) {
		w = malloc(d->nrows * sizeof *w);
		design_take(d, table_find(t, c->weight)->num, w);
	}
	cox_data cd = {.X = d->X, .time = tm, .status = st, .entry = en, .w = w};
	cox_opts o;
	cox_opts_init(&o);
	o.ties = c->ties;
	cox_result *r = NULL;
	if (ok(cox_fit(&cd, &o, &r, &err) == CHURN_OK, "%s: Cox fit succeeds", c->name)) {
		char **names = malloc(d->ncols * sizeof *names);
		for (size_t j = 0; j < d->ncols; j++)
			names[j] = d->cols[j].name;
		fx_check_coefs(c->name, coef, names, d->ncols, r->coefs.coef, r->coefs.se,
		               r->coefs.z, r->coefs.pval, r->coefs.aliased, 1e-6);
		free(names);
		fx_csv *s = fx_csv_read(stats);
		is_double_rel(r->loglik_null, fx_stat(s, "loglik_null"), 1e-8, "%s: null loglik",
		              c->name);
		is_double_rel(r->loglik, fx_stat(s, "loglik"), 1e-8, "%s: loglik", c->name);
		is_double_rel(r->lr_test, fx_stat(s, "lr_test"), 1e-6, "%s: likelihood-ratio test",
		              c->name);
		is_double_rel(r->wald_test, fx_stat(s, "wald_test"), 1e-6, "%s: Wald test", c->name);
		is_double_rel(r->score_test, fx_stat(s, "score_test"), 1e-6, "%s: score test",
		              c->name);
		is_double_rel(r->concordance, fx_stat(s, "concordance"), 1e-9, "%s: concordance",
		              c->name);
		is_int(r->iterations, (long long)fx_stat(s, "iterations"),
		       "%s: as many Newton iterations as coxph", c->name);
		ok(r->converged, "%s: converged", c->name);
		ok(r->ninfinite == 0 && !r->any_infinite,
		   "%s: no coefficient flagged as possibly infinite (coxph warns of none)", c->name);
		is_int((long long)r->n, (long long)fx_stat(s, "n"), "%s: n", c->name);
		is_int((long long)r->events, (long long)fx_stat(s, "events"), "%s: events", c->name);
		size_t j = d->ncols - 1;
		is_double_rel(r->coefs.upper[j],
		              exp(r->coefs.coef[j] + 1.959963984540054 * r->coefs.se[j]), 1e-12,
		              "%s: hazard-ratio upper bound exp(b + 1.959964 se)", c->name);
		if (strncmp(c->name, "churn_cox", 9) == 0)
			check_baseline(c, d, &cd, r, s);
		fx_csv_free(s);
	} else {
		diag("%s", err.msg);
	}
	cox_result_free(r);
	design_free(d);
	free(tm);
	free(st);
	free(en);
	free(w);
	table_free(t);
}

static void test_outputs(void)
{
	table *t = fx_table(FX "veteran.data.csv", NULL, 0);
	static const char *const terms[] = {"trt", "celltype", "karno", "age"};
	design_spec spec = {.terms = terms, .nterms = 4, .intercept = 0};
	design *d = NULL;
	churn_err err;
	design_build(t, &spec, &d, &err);
	double *tm = malloc(d->nrows * sizeof *tm), *st = malloc(d->nrows * sizeof *st);
	design_take(d, table_find(t, "time")->num, tm);
	design_take(d, table_find(t, "status")->num, st);
	cox_data cd = {.X = d->X, .time = tm, .status = st};
	cox_result *r = NULL;
	cox_fit(&cd, NULL, &r, &err);
	json_object *j = model_json_cox(d, r), *v, *c;
	json_object *back = json_tokener_parse(json_object_to_json_string(j));
	static const char *const keys[] = {"ties", "n", "events", "converged", "coefficients",
	                                   "loglik", "loglik_null", "lr_test", "wald_test",
	                                   "score_test", "concordance"};
	int all = back != NULL;
	for (size_t k = 0; all && k < sizeof keys / sizeof keys[0]; k++)
		all &= json_object_object_get_ex(back, keys[k], NULL);
	ok(all, "cox json: every docs/contract.md key of `cox` is present");
	json_object_object_get_ex(back, "ties", &v);
	is_str(json_object_get_string(v), "efron", "cox json: ties efron by default");
	json_object_object_get_ex(back, "coefficients", &v);
	c = json_object_array_get_idx(v, 1);
	json_object_object_get_ex(c, "term", &v);
	is_str(json_object_get_string(v), "celltype=large", "cox json: reference adeno left out");
	json_object_object_get_ex(c, "hazard_ratio", &v);
	ok(json_object_get_double(v) == r->coefs.ratio[1],
	   "cox json: hazard ratio at full precision");
	json_object_put(back);
	json_object_put(j);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	model_print_cox(fp, d, r);
	fclose(fp);
	ok(strstr(buf, "Reference levels: celltype=adeno") != NULL, "cox text: reference level named");
	ok(strstr(buf, "Concordance = 0.73") != NULL, "cox text: concordance printed");
	ok(strstr(buf, "Likelihood ratio test = 61.") != NULL, "cox text: likelihood-ratio test printed");
	free(buf);
	cox_result_free(r);
	design_free(d);
	free(tm);
	free(st);
	table_free(t);
}

static void test_errors(void)
{
	double x[4] = {1, 2, 3, 4}, tm[4] = {5, 6, 7, 8}, st0[4] = {0, 0, 0, 0};
	double st[4] = {1, 0, 1, 1}, en[4] = {0, 6, 0, 0};
	gsl_matrix_view X = gsl_matrix_view_array(x, 4, 1);
	cox_data d = {.X = &X.matrix, .time = tm, .status = st0};
	cox_result *r = NULL;
	churn_err err;
	is_int(cox_fit(&d, NULL, &r, &err), CHURN_EDATA, "cox: no events is a data error");
	d.status = st;
	d.entry = en;
	is_int(cox_fit(&d, NULL, &r, &err), CHURN_EDATA, "cox: entry not before the end time");
	ok(strstr(err.msg, "row 2") != NULL, "cox: the message names the row");
	d.entry = NULL;
	tm[2] = -1;
	is_int(cox_fit(&d, NULL, &r, &err), CHURN_EDATA, "cox: a negative time is a data error");
	ok(r == NULL, "cox: no result on error");
}

/* coxinf.data.csv: g = 1 for the earliest failures only, so its
 * coefficient is infinite; coxph converges (14 iterations) and warns
 * "Loglik converged before variable 2; coefficient may be infinite". */
static void test_infinite(void)
{
	table *t = fx_table(FX "coxinf.data.csv", NULL, 0);
	static const char *const terms[] = {"x", "g"};
	design_spec spec = {.terms = terms, .nterms = 2, .intercept = 0};
	design *d = NULL;
	cox_result *r = NULL;
	churn_err err;
	design_build(t, &spec, &d, &err);
	double *tm = malloc(d->nrows * sizeof *tm), *st = malloc(d->nrows * sizeof *st);
	design_take(d, table_find(t, "t")->num, tm);
	design_take(d, table_find(t, "s")->num, st);
	cox_data cd = {.X = d->X, .time = tm, .status = st};
	if (ok(cox_fit(&cd, NULL, &r, &err) == CHURN_OK, "coxinf: Cox fit succeeds")) {
		fx_csv *inf = fx_csv_read(FX "coxinf.infinite.csv");
		fx_csv *s = fx_csv_read(FX "coxinf_efron.stats.csv");
		fx_csv *cf = fx_csv_read(FX "coxinf_efron.coef.csv");
		is_int((long long)r->ninfinite, (long long)inf->nrows,
		       "coxinf: as many coefficients flagged as coxph's warning names");
		for (size_t k = 0; k < inf->nrows; k++) {
			long j = design_col_index(d, inf->cells[k][0]);
			ok(j >= 0 && r->infinite[j], "coxinf: %s flagged 'coefficient may be infinite', as R",
			   inf->cells[k][0]);
		}
		ok(!r->infinite[0], "coxinf: x, finite, is not flagged");
		ok(r->converged, "coxinf: converged, as coxph says (no iteration warning)");
		is_int(r->iterations, (long long)fx_stat(s, "iterations"),
		       "coxinf: as many Newton iterations as coxph");
		is_double_rel(r->loglik, fx_stat(s, "loglik"), 1e-8, "coxinf: loglik as coxph");
		long row = fx_term_row(cf, "x");
		is_double_rel(r->coefs.coef[0], fx_num(cf, (size_t)row, "estimate"), 1e-6,
		              "coxinf: the finite coefficient x as coxph");
		is_double_rel(r->coefs.se[0], fx_num(cf, (size_t)row, "se"), 1e-6,
		              "coxinf: its SE as coxph");
		fx_csv_free(inf);
		fx_csv_free(s);
		fx_csv_free(cf);
	} else {
		diag("%s", err.msg);
	}
	cox_result_free(r);
	design_free(d);
	free(tm);
	free(st);
	table_free(t);
}

int main(void)
{
	static const char *const churn_terms[] = {"plan", "contract", "log(mrr)", "tickets"};
	static const char *const churn3[] = {"plan", "contract", "tickets"};
	static const char *const lung_terms[] = {"age", "sex", "ph_ecog", "wt_loss"};
	static const char *const vet_terms[] = {"trt", "celltype", "karno", "age"};
	static const char *const colon_terms[] = {"rx", "sex", "age", "nodes"};
	const cox_case cases[] = {
		{"churn_cox_efron", "churn.data.csv", "duration", "event", NULL, NULL, churn_terms, 4, COX_EFRON},
		{"churn_cox_breslow", "churn.data.csv", "duration", "event", NULL, NULL, churn_terms, 4, COX_BRESLOW},
		{"churn_coxw_efron", "churn.data.csv", "duration", "event", NULL, "weight", churn3, 3, COX_EFRON},
		{"churn_coxw_breslow", "churn.data.csv", "duration", "event", NULL, "weight", churn3, 3, COX_BRESLOW},
		{"churn_coxentry_efron", "churn.data.csv", "duration", "event", "entry", NULL, churn3, 3, COX_EFRON},
		{"churn_coxentry_breslow", "churn.data.csv", "duration", "event", "entry", NULL, churn3, 3, COX_BRESLOW},
		{"lung_cox_efron", "lung.data.csv", "time", "status", NULL, NULL, lung_terms, 4, COX_EFRON},
		{"lung_cox_breslow", "lung.data.csv", "time", "status", NULL, NULL, lung_terms, 4, COX_BRESLOW},
		{"veteran_cox_efron", "veteran.data.csv", "time", "status", NULL, NULL, vet_terms, 4, COX_EFRON},
		{"veteran_cox_breslow", "veteran.data.csv", "time", "status", NULL, NULL, vet_terms, 4, COX_BRESLOW},
		{"veteran_month_efron", "veteran.data.csv", "month", "status", NULL, NULL, vet_terms, 4, COX_EFRON},
		{"veteran_month_breslow", "veteran.data.csv", "month", "status", NULL, NULL, vet_terms, 4, COX_BRESLOW},
		{"colon_cox_efron", "colon.data.csv", "time", "status", NULL, NULL, colon_terms, 4, COX_EFRON},
		{"colon_cox_breslow", "colon.data.csv", "time", "status", NULL, NULL, colon_terms, 4, COX_BRESLOW},
	};
	gsl_set_error_handler_off();
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		run_case(&cases[k]);
	test_errors();
	test_outputs();
	test_infinite();
	return done_testing();
}

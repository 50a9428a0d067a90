/* test_coxph.c - the proportional-hazards test (cox.zph), the stratified
 * Cox model and how far each stratum's data reach, against R (survival
 * 3.5-3); fixtures made by tests/fixtures/cox/make_fixtures.R. */
#include "churnkit/cox.h"
#include "churnkit/design.h"
#include "churnkit/scores_csv.h"
#include "fixture.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#define FX "tests/fixtures/cox/"
#define CHURN "tests/fixtures/model/churn.data.csv"

typedef struct {
	const char *name;
	int weighted, entry, strata;   /* strata: stratified by contract */
	const char *const *terms;
	size_t nterms;
	cox_ties ties;
} zcase;

/* The columns of one fit, taken from the churn table. */
typedef struct {
	design *d;
	double *time, *status, *entry, *w;
	size_t *strata;
	cox_data cd;
} fitdata;

static int build(const table *t, const zcase *c, fitdata *f)
{
	churn_err err;
	design_spec spec = {.terms = c->terms, .nterms = c->nterms, .intercept = 0};
	memset(f, 0, sizeof *f);
	if (!ok(design_build(t, &spec, &f->d, &err) == CHURN_OK, "%s: design builds", c->name)) {
		diag("%s", err.msg);
		return 0;
	}
	size_t n = f->d->nrows;
	f->time = malloc(n * sizeof *f->time);
	f->status = malloc(n * sizeof *f->status);
	design_take(f->d, table_find(t, "duration")->num, f->time);
	design_take(f->d, table_find(t, "event")->num, f->status);
	if (c->entry) {
		f->entry = malloc(n * sizeof *f->entry);
		design_take(f->d, table_find(t, "entry")->num, f->entry);
	}
	if (c->weighted) {
		f->w = malloc(n * sizeof *f->w);
		design_take(f->d, table_find(t, "weight")->num, f->w);
	}
	if (c->strata) {
		const table_col *k = table_find(t, "contract");
		f->strata = malloc(n * sizeof *f->strata);
		for (size_t i = 0; i < n; i++)
			f->strata[i] = (size_t)k->codes[f->d->row[i]];
	}
	f->cd = (cox_data){.X = f->d->X, .time = f->time, .status = f->status, .entry = f->entry,
	                   .w = f->w, .strata = f->strata};
	return 1;
}

static void fitdata_clear(fitdata *f)
{
	design_free(f->d);
	free(f->time);
	free(f->status);
	free(f->entry);
	free(f->w);
	free(f->strata);
}

/* cox.zph per term and global at 1e-6 relative; df exactly. */
static void check_zph(const zcase *c, const fitdata *f, const cox_result *r)
{
	char path[256];
	churn_err err;
	cox_zph_result *z = NULL;
	size_t *col_term = malloc(f->d->ncols * sizeof *col_term);
	for (size_t j = 0; j < f->d->ncols; j++)
		col_term[j] = f->d->cols[j].term;
	if (!ok(cox_zph(&f->cd, r, col_term, f->d->nterms, &z, &err) == CHURN_OK,
	        "%s: cox.zph computes", c->name)) {
		diag("%s", err.msg);
		free(col_term);
		return;
	}
	snprintf(path, sizeof path, FX "%s.zph.csv", c->name);
	fx_csv *fx = fx_csv_read(path);
	for (size_t k = 0; k < f->d->nterms; k++) {
		long row = fx_term_row(fx, f->d->terms[k].name);
		if (!ok(row >= 0, "%s: term %s is in R's table", c->name, f->d->terms[k].name))
			continue;
		is_double_rel(z->chisq[k], fx_num(fx, (size_t)row, "chisq"), 1e-6,
		              "%s: cox.zph chisq of %s", c->name, f->d->terms[k].name);
		is_int((long long)z->df[k], (long long)fx_num(fx, (size_t)row, "df"),
		       "%s: cox.zph df of %s", c->name, f->d->terms[k].name);
		is_double_rel(z->p[k], fx_num(fx, (size_t)row, "p"), 1e-6, "%s: cox.zph p of %s",
		              c->name, f->d->terms[k].name);
	}
	long g = fx_term_row(fx, "GLOBAL");
	is_double_rel(z->global_chisq, fx_num(fx, (size_t)g, "chisq"), 1e-6,
	              "%s: cox.zph global chisq", c->name);
	is_int((long long)z->global_df, (long long)fx_num(fx, (size_t)g, "df"),
	       "%s: cox.zph global df", c->name);
	is_double_rel(z->global_p, fx_num(fx, (size_t)g, "p"), 1e-6, "%s: cox.zph global p",
	              c->name);
	fx_csv_free(fx);
	cox_zph_free(z);
	free(col_term);
}

/* The stratified fit: coefficients, log-likelihoods, concordance; each
 * probe customer's survival from its own stratum's baseline, the horizon
 * probability and the strata's at-risk limits (30 customers). */
static void check_strata(const zcase *c, const table *t, const fitdata *f, const cox_result *r)
{
	char path[256], key[64];
	churn_err err;
	snprintf(path, sizeof path, FX "%s.coef.csv", c->name);
	char **names = malloc(f->d->ncols * sizeof *names);
	for (size_t j = 0; j < f->d->ncols; j++)
		names[j] = f->d->cols[j].name;
	fx_check_coefs(c->name, path, names, f->d->ncols, r->coefs.coef, r->coefs.se, r->coefs.z,
	               r->coefs.pval, r->coefs.aliased, 1e-6);
	free(names);
	snprintf(path, sizeof path, FX "%s.stats.csv", c->name);
	fx_csv *s = fx_csv_read(path);
	is_double_rel(r->loglik, fx_stat(s, "loglik"), 1e-8, "%s: loglik", c->name);
	is_double_rel(r->loglik_null, fx_stat(s, "loglik_null"), 1e-8, "%s: null loglik", c->name);
	is_double_rel(r->concordance, fx_stat(s, "concordance"), 1e-9,
	              "%s: concordance within strata", c->name);
	is_int((long long)r->nstrata, 2, "%s: two strata", c->name);
	cox_baseline *b = NULL;
	if (!ok(cox_baseline_fit_n(&f->cd, r, 30, &b, &err) == CHURN_OK, "%s: baselines",
	        c->name)) {
		diag("%s", err.msg);
		fx_csv_free(s);
		return;
	}
	is_int((long long)b->nstrata, 2, "%s: one baseline per stratum", c->name);
	const table_col *k = table_find(t, "contract");
	double h = fx_stat(s, "horizon");
	for (int a = 1; a <= 4; a++) {
		snprintf(key, sizeof key, "probe_row_%d", a);
		size_t row = (size_t)fx_stat(s, key), i;
		for (i = 0; i < f->d->nrows && f->d->row[i] != row; i++)
			;
		if (!ok(i < f->d->nrows, "%s: probe row %zu is in the design", c->name, row))
			continue;
		long sk = cox_baseline_stratum(b, (size_t)k->codes[row]);
		double lp = cox_lp(r, gsl_matrix_const_ptr(f->d->X, i, 0));
		for (int m = 1; m <= 6; m++) {
			snprintf(key, sizeof key, "probe_time_%d", m);
			double tm = fx_stat(s, key);
			snprintf(key, sizeof key, "probe_surv_%d_%d", a, m);
			double want = fx_stat(s, key);
			double got = exp(-cox_baseline_cumhaz_in(b, (size_t)sk, tm) * exp(lp));
			is_double_rel(got, want, 1e-6, "%s: S(%g) of customer %d (contract=%s) from "
			              "its stratum's baseline", c->name, tm, a, k->levels[k->codes[row]]);
		}
		snprintf(key, sizeof key, "tenure_%d", a);
		double ten = fx_stat(s, key);
		double dh = cox_baseline_cumhaz_in(b, (size_t)sk, ten + h) -
		            cox_baseline_cumhaz_in(b, (size_t)sk, ten);
		snprintf(key, sizeof key, "hprob_%d", a);
		is_double_rel(-expm1(-dh * exp(lp)), fx_stat(s, key), 1e-6,
		              "%s: customer %d's probability of churning within %g after %g", c->name,
		              a, h, ten);
	}
	for (size_t lv = 0; lv < k->nlevels; lv++) {
		long sk = cox_baseline_stratum(b, lv);
		snprintf(key, sizeof key, "limit_%s", k->levels[lv]);
		if (ok(sk >= 0, "%s: stratum %s has a baseline", c->name, k->levels[lv]))
			is_double_rel(b->limit[sk], fx_stat(s, key), 0,
			              "%s: stratum %s: data reach to the last time with 30 at risk",
			              c->name, k->levels[lv]);
	}
	cox_baseline_free(b);
	fx_csv_free(s);
}

static void run(const table *t, const zcase *c)
{
	fitdata f;
	churn_err err;
	cox_opts o;
	cox_result *r = NULL;
	if (!build(t, c, &f))
		return;
	cox_opts_init(&o);
	o.ties = c->ties;
	if (ok(cox_fit(&f.cd, &o, &r, &err) == CHURN_OK, "%s: Cox fit", c->name)) {
		check_zph(c, &f, r);
		if (c->strata)
			check_strata(c, t, &f, r);
	} else {
		diag("%s", err.msg);
	}
	cox_result_free(r);
	fitdata_clear(&f);
}

/* The at-risk limits by hand.  Stratum 0: times 1..5 with weights
 * 1, 1, 1, 2, 1, all entering at 0: weight at risk 1 at u = 5, 3 at u = 4.
 * Stratum 1: (entry, time] = (0,2], (0,3], (2,8], (4,9]: weight at risk 1
 * on (8,9], 2 on (4,8], 1 on (3,4], 2 on (2,3] and 2 on (0,2]: never 3. */
static void test_limits_by_hand(void)
{
	double X[9] = {0.1, 0.5, 0.2, 0.9, 0.3, 0.4, 0.8, 0.6, 0.7};
	double tm[9] = {1, 2, 3, 4, 5, 2, 3, 8, 9};
	double st[9] = {1, 0, 1, 1, 0, 1, 0, 1, 0};
	double en[9] = {0, 0, 0, 0, 0, 0, 0, 2, 4};
	double w[9] = {1, 1, 1, 2, 1, 1, 1, 1, 1};
	size_t sv[9] = {0, 0, 0, 0, 0, 1, 1, 1, 1};
	gsl_matrix_view Xv = gsl_matrix_view_array(X, 9, 1);
	cox_data cd = {.X = &Xv.matrix, .time = tm, .status = st, .entry = en, .w = w, .strata = sv};
	cox_result *r = NULL;
	cox_baseline *b = NULL;
	churn_err err;
	if (!ok(cox_fit(&cd, NULL, &r, &err) == CHURN_OK, "hand: stratified fit with entry")) {
		diag("%s", err.msg);
		return;
	}
	ok(cox_baseline_fit_n(&cd, r, 3, &b, &err) == CHURN_OK, "hand: baseline with min_n 3");
	is_double_rel(b->limit[0], 4, 0, "hand: stratum 0 reaches to 4 (weights 2 + 1 at risk)");
	is_double_rel(b->limit[1], 0, 0, "hand: stratum 1 never has 3 at risk: limit 0");
	cox_baseline_free(b);
	ok(cox_baseline_fit_n(&cd, r, 2, &b, &err) == CHURN_OK, "hand: baseline with min_n 2");
	is_double_rel(b->limit[0], 4, 0, "hand: min_n 2: stratum 0 still reaches to 4, not to "
	              "its last time 5 (weight 1 at risk there)");
	is_double_rel(b->limit[1], 8, 0, "hand: min_n 2: stratum 1 reaches to 8 ((2,8] and (4,9])");
	is_double_rel(b->stratum_last[1], 9, 0, "hand: stratum 1's last time is 9");
	cox_baseline_free(b);
	cox_result_free(r);
}

/* Who is beyond the data, by hand (tests/fixtures/cox/beyond.data.csv),
 * stratified by grp, --min-n 2, horizon 2.  At risk in A (times 1..5):
 * 5, 4, 3, 2, 1 on (0,1], (1,2], ..., (4,5]: A reaches 4.  In B (times 2,
 * 3, 6, 7, 9): 5, 4, 3, 2, 1 on (0,2], (2,3], (3,6], (6,7], (7,9]: B
 * reaches 7.  The active customers (status 0): A2 (2 + 2 = 4 <= 4) and B2
 * (3 + 2 = 5 <= 7) are scored; A5 (7 > 4), B3 (8 > 7) and B5 (11 > 7) are
 * beyond the data. */
static void test_beyond_by_hand(void)
{
	table *t = fx_table(FX "beyond.data.csv", NULL, 0);
	static const char *const terms[] = {"x"};
	design_spec spec = {.terms = terms, .nterms = 1, .intercept = 0};
	design *d = NULL;
	churn_err err;
	cox_result *r = NULL;
	cox_baseline *b = NULL;
	scores *sc = NULL;
	if (!ok(design_build(t, &spec, &d, &err) == CHURN_OK, "beyond: design builds")) {
		table_free(t);
		return;
	}
	size_t n = d->nrows;
	double *tm = fx_column(t, "time"), *st = fx_column(t, "status");
	const table_col *g = table_find(t, "grp");
	size_t *code = malloc(n * sizeof *code);
	unsigned char *active = malloc(n);
	for (size_t i = 0; i < n; i++) {
		code[i] = (size_t)g->codes[i];
		active[i] = st[i] == 0;
	}
	cox_data cd = {.X = d->X, .time = tm, .status = st, .strata = code};
	ok(cox_fit(&cd, NULL, &r, &err) == CHURN_OK, "beyond: stratified fit");
	ok(r != NULL && cox_baseline_fit_n(&cd, r, 2, &b, &err) == CHURN_OK, "beyond: baselines");
	if (r == NULL || b == NULL)
		goto done;
	is_double_rel(b->limit[cox_baseline_stratum(b, code[0])], 4, 0, "beyond: A reaches 4");
	is_double_rel(b->limit[cox_baseline_stratum(b, code[5])], 7, 0, "beyond: B reaches 7");
	if (!ok(scores_build_cox(d, r, b, t, tm, code, 2, active, &sc, &err) == CHURN_OK,
	        "beyond: scores"))
		goto done;
	is_int((long long)sc->n, 5, "beyond: five active customers listed");
	is_int((long long)sc->nbeyond, 3, "beyond: three of them beyond the data");
	is_int((long long)sc->nband[SCORE_BAND_NONE], 3, "beyond: in no risk band");
	const table_col *id = table_find(t, "id");
	char marked[64] = "", *p = marked;
	for (size_t k = 0; k < sc->n; k++) {
		const score_entry *e = &sc->rows[k];
		if (e->s.beyond)
			p += snprintf(p, sizeof marked - (size_t)(p - marked), "%s ",
			              id->levels[id->codes[e->row]]);
		else
			ok(k < 2 && isfinite(e->s.prob), "beyond: %s scored, ranked first",
			   id->levels[id->codes[e->row]]);
	}
	is_str(marked, "A5 B3 B5 ", "beyond: A5, B3 and B5 are marked, last, in table order");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	scores_write_csv(f, sc, d, t, "id", NULL, NULL, NULL, NULL, &err);
	fclose(f);
	if (!ok(strstr(buf, "\nA5,,,beyond the data,,\"beyond the data: tenure + horizon passes 4, "
	           "after which fewer than the --min-n customers of this stratum were still at "
	           "risk\",\n") != NULL, "beyond: the CSV row has no probability, the band and the reason"))
		diag("%s", buf);
	free(buf);
done:
	scores_free(sc);
	cox_baseline_free(b);
	cox_result_free(r);
	design_free(d);
	free(tm);
	free(st);
	free(code);
	free(active);
	table_free(t);
}

int main(void)
{
	static const char *const t4[] = {"plan", "contract", "log(mrr)", "tickets"};
	static const char *const t3[] = {"plan", "contract", "tickets"};
	static const char *const s3[] = {"plan", "log(mrr)", "tickets"};
	static const char *const s2[] = {"plan", "tickets"};
	const zcase cases[] = {
		{"zph_efron", 0, 0, 0, t4, 4, COX_EFRON},
		{"zph_breslow", 0, 0, 0, t4, 4, COX_BRESLOW},
		{"zphw_efron", 1, 0, 0, t3, 3, COX_EFRON},
		{"zphw_breslow", 1, 0, 0, t3, 3, COX_BRESLOW},
		{"zphentry_efron", 1, 1, 0, t3, 3, COX_EFRON},
		{"zphentry_breslow", 1, 1, 0, t3, 3, COX_BRESLOW},
		{"strat_efron", 0, 0, 1, s3, 3, COX_EFRON},
		{"strat_breslow", 0, 0, 1, s3, 3, COX_BRESLOW},
		{"stratw_efron", 1, 0, 1, s2, 2, COX_EFRON},
		{"stratw_breslow", 1, 0, 1, s2, 2, COX_BRESLOW},
		{"stratentry_efron", 1, 1, 1, s2, 2, COX_EFRON},
		{"stratentry_breslow", 1, 1, 1, s2, 2, COX_BRESLOW},
	};
	gsl_set_error_handler_off();
	table *t = fx_table(CHURN, NULL, 0);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		run(t, &cases[k]);
	table_free(t);
	test_limits_by_hand();
	test_beyond_by_hand();
	return done_testing();
}

/*
 * test_gray.c - Gray's test (include/churnkit/gray.h) against
 * cmprsk::cuminc(...)$Tests, from tests/fixtures/gray/ (make_gray.R).
 *
 * Every case of gray_cases.csv: the statistic, df, p and log p at 1e-9
 * relative (p against pchisq's upper tail; cuminc's own 1 - pchisq at 1e-6
 * where it is not rounded to 0), the scores and their variance as crstm
 * returns them at 1e-9; the causes cuminc leaves out and the cases where it
 * prints stat -1 or no Tests are "not tested" here, with a note.  Then the
 * refusals (weights, delayed entry) and the bad codes.
 */
#include "churnkit/gray.h"
#include "fixture.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RTOL 1e-9     /* docs/method.md: closed forms at 1e-9 relative */
#define RTOL_PV 1e-6  /* cuminc's 1 - pchisq loses digits as p gets small */
#define ATOL0 1e-12   /* where R's value is exactly 0 */

typedef struct {
	size_t n;
	double *time;
	uint32_t *cause, *group, *strata;
} data_set;

static uint32_t code(double v)
{
	return v < 0 ? SURV_GROUP_NA : (uint32_t)v;
}

static void load_set(const fx_csv *dat, const char *name, data_set *s)
{
	memset(s, 0, sizeof *s);
	size_t n = dat->nrows;
	s->time = malloc(n * sizeof *s->time);
	s->cause = malloc(n * sizeof *s->cause);
	s->group = malloc(n * sizeof *s->group);
	s->strata = malloc(n * sizeof *s->strata);
	for (size_t r = 0; r < n; r++) {
		if (strcmp(fx_str(dat, r, "data"), name) != 0)
			continue;
		s->time[s->n] = fx_num(dat, r, "time");
		s->cause[s->n] = code(fx_num(dat, r, "cause"));
		s->group[s->n] = code(fx_num(dat, r, "group"));
		s->strata[s->n++] = code(fx_num(dat, r, "strata"));
	}
}

static void free_set(data_set *s)
{
	free(s->time);
	free(s->cause);
	free(s->group);
	free(s->strata);
}

static int close_to(double got, double want, double rtol)
{
	if (isnan(want))
		return isnan(got);
	if (want == 0)
		return fabs(got) <= ATOL0;
	return fabs(got - want) <= rtol * fabs(want);
}

/* crstm's scores and variance of one cause, from gray_score.csv. */
static void check_scores(const fx_csv *sc, const char *cs, const gray_cause *gc,
                         uint32_t k)
{
	size_t q = k - 1, seen = 0, bad = 0;
	for (size_t r = 0; r < sc->nrows; r++) {
		if (strcmp(fx_str(sc, r, "case"), cs) != 0 ||
		    fx_num(sc, r, "cause") != gc->cause)
			continue;
		size_t i = (size_t)fx_num(sc, r, "i") - 1, j = (size_t)fx_num(sc, r, "j");
		double want = fx_num(sc, r, "value");
		double got = j == 0 ? gc->score[i] : gc->var[i * q + j - 1];
		seen++;
		if (!close_to(got, want, RTOL)) {
			bad++;
			diag("%s cause %u: %s[%zu,%zu] = %.17g, R %.17g", cs, gc->cause,
			     j == 0 ? "score" : "var", i + 1, j, got, want);
		}
	}
	ok(seen == q + q * q && bad == 0,
	   "gray %s cause %u: scores and variance as crstm's (%zu values)", cs, gc->cause,
	   seen);
}

/* One cuminc Tests row against our test of that cause. */
static void check_row(const fx_csv *ex, size_t r, const fx_csv *sc, const char *cs,
                      const gray_result *res)
{
	uint32_t c = (uint32_t)fx_num(ex, r, "cause");
	double stat = fx_num(ex, r, "stat"), pv = fx_num(ex, r, "pv");
	double df = fx_num(ex, r, "df"), p = fx_num(ex, r, "p"), lp = fx_num(ex, r, "log_p");
	if (c == 0) {  /* cuminc has no Tests: one group */
		ok(res->k < 2, "gray %s: one group compared, as cuminc (no Tests)", cs);
		for (uint32_t i = 0; i < res->ncause; i++)
			ok(res->cause[i].note != NULL && isnan(res->cause[i].stat) &&
			   res->cause[i].df == 0 && isnan(res->cause[i].p),
			   "gray %s cause %u: not tested, note '%s'", cs, i + 1,
			   res->cause[i].note ? res->cause[i].note : "(none)");
		return;
	}
	const gray_cause *gc = &res->cause[c - 1];
	is_int(res->k - 1, (long long)df,
	       "gray %s cause %u: df as cuminc's, counting every level with rows", cs, c);
	if (stat == -1) {  /* cuminc: qr() found the variance singular */
		ok(gc->note != NULL && isnan(gc->stat) && gc->df == 0 && isnan(gc->p) &&
		   isnan(gc->log_p),
		   "gray %s cause %u: singular variance (cuminc stat -1, p %g) is not tested: %s",
		   cs, c, pv, gc->note ? gc->note : "(none)");
		return;
	}
	if (!ok(gc->note == NULL, "gray %s cause %u: tested", cs, c)) {
		diag("note: %s", gc->note);
		return;
	}
	is_double_rel(gc->stat, stat, RTOL, "gray %s cause %u: statistic as cuminc", cs, c);
	is_int(gc->df, (long long)df, "gray %s cause %u: df", cs, c);
	is_double_rel(gc->p, p, RTOL, "gray %s cause %u: p, pchisq's upper tail", cs, c);
	is_double_rel(gc->log_p, lp, RTOL, "gray %s cause %u: log p", cs, c);
	if (pv > 0)
		is_double_rel(gc->p, pv, RTOL_PV, "gray %s cause %u: p as cuminc prints it", cs,
		              c);
	else
		ok(gc->p > 0 && gc->p < 1e-15 && isfinite(gc->log_p),
		   "gray %s cause %u: cuminc's p rounds to 0; ours %g, log p %g", cs, c, gc->p,
		   gc->log_p);
	check_scores(sc, cs, gc, res->k);
}

static void run_case(const fx_csv *cases, size_t ci, const fx_csv *dat,
                     const fx_csv *ex, const fx_csv *sc)
{
	const char *cs = fx_str(cases, ci, "case");
	data_set s;
	load_set(dat, fx_str(cases, ci, "data"), &s);
	uint32_t nstrata = (uint32_t)fx_num(cases, ci, "nstrata");
	gray_data d = { s.n, s.time, s.cause, (uint32_t)fx_num(cases, ci, "ncause"),
		        s.group, (uint32_t)fx_num(cases, ci, "ngroup"),
		        nstrata > 0 ? s.strata : NULL, nstrata, NULL, NULL };
	gray_opts o = { fx_num(cases, ci, "rho"), (int)fx_num(cases, ci, "timefix") };
	gray_result *res = NULL;
	churn_err err;
	if (!ok(gray_test(&d, &o, &res, &err) == CHURN_OK, "gray %s: runs", cs)) {
		diag("%s", err.msg);
		free_set(&s);
		return;
	}
	unsigned char *seen = calloc(d.ncause + 1, 1);
	for (size_t r = 0; r < ex->nrows; r++)
		if (strcmp(fx_str(ex, r, "case"), cs) == 0) {
			uint32_t c = (uint32_t)fx_num(ex, r, "cause");
			if (c <= d.ncause)
				seen[c] = 1;
			check_row(ex, r, sc, cs, res);
		}
	/* causes cuminc leaves out: nobody churned from them */
	for (uint32_t c = 1; !seen[0] && c <= d.ncause; c++)
		if (!seen[c])
			ok(res->cause[c - 1].events == 0 && res->cause[c - 1].note != NULL &&
			   strcmp(res->cause[c - 1].note, "no churn from this reason") == 0 &&
			   isnan(res->cause[c - 1].stat) && res->cause[c - 1].df == 0,
			   "gray %s cause %u: no churn from it (cuminc leaves it out): not tested",
			   cs, c);
	free(seen);
	gray_result_free(res);
	free_set(&s);
}

static gray_result *run(const gray_data *d, const gray_opts *o)
{
	gray_result *res = NULL;
	churn_err err;
	if (gray_test(d, o, &res, &err) != CHURN_OK)
		diag("%s", err.msg);
	return res;
}

/* Facts of particular cases beyond the Tests rows. */
static void check_cases(const fx_csv *dat, const fx_csv *ex)
{
	data_set s;
	load_set(dat, "empty_level", &s);
	gray_data d = { s.n, s.time, s.cause, 2, s.group, 4, NULL, 0, NULL, NULL };
	gray_result *r = run(&d, NULL);
	size_t na = 0;
	for (size_t i = 0; i < s.n; i++)
		na += s.group[i] == SURV_GROUP_NA;
	ok(r && r->k == 3 && r->level[0] == 0 && r->level[1] == 1 && r->level[2] == 3 &&
	   r->n == s.n - na && na > 0,
	   "gray empty_level: levels 0, 1, 3 of 4 compared, %zu rows without group left out",
	   na);
	gray_result_free(r);
	free_set(&s);

	/* near-equal times: cmprsk (timefix 0) and the merged times differ */
	double raw = NAN, fix = NAN;
	for (size_t i = 0; i < ex->nrows; i++)
		if (fx_num(ex, i, "cause") == 1) {
			if (strcmp(fx_str(ex, i, "case"), "near_raw") == 0)
				raw = fx_num(ex, i, "stat");
			if (strcmp(fx_str(ex, i, "case"), "near_fix") == 0)
				fix = fx_num(ex, i, "stat");
		}
	ok(fabs(raw - fix) > 1e-3 * fabs(fix),
	   "gray near: merging times 1e-10 apart changes the statistic (%g vs %g)", raw, fix);
	load_set(dat, "near", &s);
	gray_data dn = { s.n, s.time, s.cause, 2, s.group, 2, NULL, 0, NULL, NULL };
	r = run(&dn, NULL);
	ok(r && r->timefix == 1 && close_to(r->cause[0].stat, fix, RTOL),
	   "gray near: timefix is the default");
	gray_result_free(r);
	free_set(&s);

	/* relabelled levels: the same statistic (the order does not matter) */
	load_set(dat, "three", &s);
	gray_data dt = { s.n, s.time, s.cause, 3, s.group, 3, NULL, 0, NULL, NULL };
	gray_result *a = run(&dt, NULL);
	for (size_t i = 0; i < s.n; i++)
		s.group[i] = 2 - s.group[i];
	gray_result *b = run(&dt, NULL);
	ok(a && b && close_to(b->cause[0].stat, a->cause[0].stat, 1e-12) &&
	   close_to(b->cause[2].stat, a->cause[2].stat, 1e-12),
	   "gray three: levels in reverse order give the same statistics");
	gray_result_free(a);
	gray_result_free(b);

	/* a stratum code SURV_GROUP_NA leaves the row out, as a missing group */
	for (size_t i = 0; i < s.n; i++)
		if (i % 7 == 3)
			s.strata[i] = SURV_GROUP_NA;
	dt.strata = s.strata;
	dt.nstrata = 2;
	a = run(&dt, NULL);
	for (size_t i = 0; i < s.n; i++)
		if (i % 7 == 3)
			s.group[i] = SURV_GROUP_NA;
	b = run(&dt, NULL);
	ok(a && b && a->n == b->n && a->nstrata == 2 &&
	   close_to(a->cause[1].stat, b->cause[1].stat, 1e-15),
	   "gray three: a row without stratum is left out like one without group");
	gray_result_free(a);
	gray_result_free(b);
	free_set(&s);
}

static void check_errors(void)
{
	double t[4] = {1, 2, 3, 4}, w[4] = {1, 1, 1, 1}, e[4] = {0, 0, 0, 0};
	uint32_t c[4] = {1, 0, 2, 1}, g[4] = {0, 1, 0, 1}, na[4];
	gray_data d = { 4, t, c, 2, g, 2, NULL, 0, NULL, NULL };
	gray_result *r = NULL;
	churn_err err;

	d.weight = w;
	ok(gray_test(&d, NULL, &r, &err) == CHURN_EUSAGE && r == NULL &&
	   strstr(err.msg, "Gray's test does not support weights") != NULL,
	   "gray: weights refused (cuminc has none): %s", err.msg);
	d.weight = NULL;
	d.entry = e;
	ok(gray_test(&d, NULL, &r, &err) == CHURN_EUSAGE && r == NULL &&
	   strstr(err.msg, "Gray's test does not support delayed entry") != NULL,
	   "gray: delayed entry refused (cuminc has none): %s", err.msg);
	d.entry = NULL;

	c[2] = 3;
	ok(gray_test(&d, NULL, &r, &err) == CHURN_EDATA && strstr(err.msg, "record 3"),
	   "gray: a reason code above ncause is a data error: %s", err.msg);
	c[2] = 2;
	g[1] = 2;
	ok(gray_test(&d, NULL, &r, &err) == CHURN_EDATA && strstr(err.msg, "record 2"),
	   "gray: a group code out of range is a data error: %s", err.msg);
	g[1] = 1;
	t[3] = -1;
	ok(gray_test(&d, NULL, &r, &err) == CHURN_EDATA && strstr(err.msg, "record 4"),
	   "gray: a negative time is a data error: %s", err.msg);
	t[3] = 4;
	gray_opts o = { NAN, 1 };
	ok(gray_test(&d, &o, &r, &err) == CHURN_EUSAGE, "gray: rho NaN is a usage error");
	d.ncause = 0;
	ok(gray_test(&d, NULL, &r, &err) == CHURN_EUSAGE, "gray: ncause 0 is a usage error");
	d.ncause = 2;
	d.strata = g;
	ok(gray_test(&d, NULL, &r, &err) == CHURN_EUSAGE,
	   "gray: a strata column with nstrata 0 is a usage error");
	d.strata = NULL;

	for (int i = 0; i < 4; i++)
		na[i] = SURV_GROUP_NA;
	d.group = na;
	t[0] = NAN;  /* not compared, so not checked */
	r = run(&d, NULL);
	ok(r && r->n == 0 && r->k == 0 && r->cause[0].note && r->cause[1].note &&
	   strcmp(r->cause[0].note, "no customers in any group") == 0 &&
	   isnan(r->cause[1].stat) && r->cause[1].df == 0,
	   "gray: no row with a group: every reason not tested, said so");
	gray_result_free(r);
	gray_result_free(NULL);
}

int main(void)
{
	fx_csv *dat = fx_csv_read("tests/fixtures/gray/gray_data.csv");
	fx_csv *cases = fx_csv_read("tests/fixtures/gray/gray_cases.csv");
	fx_csv *ex = fx_csv_read("tests/fixtures/gray/gray_expect.csv");
	fx_csv *sc = fx_csv_read("tests/fixtures/gray/gray_score.csv");
	for (size_t i = 0; i < cases->nrows; i++)
		run_case(cases, i, dat, ex, sc);
	check_cases(dat, ex);
	check_errors();
	fx_csv_free(dat);
	fx_csv_free(cases);
	fx_csv_free(ex);
	fx_csv_free(sc);
	return done_testing();
}

/*
 * test_cuminc.c - the cumulative incidence of competing churn reasons
 * against R (tests/fixtures/cuminc/, written by make_cuminc.R with
 * survival's multi-state survfit, checked there against cmprsk::cuminc).
 *
 * For every case (ties between reasons and with censorings, a reason with
 * one event, all churn from one reason, censoring only, delayed entry,
 * frequency weights against replicated rows, two groups, random data with
 * everything together) and each interval type (log, log-log, plain): every
 * step's time, n at risk, estimate, std.err, lower and upper of every state,
 * then the same at chosen times as summary(times =, extend = TRUE), at 1e-9
 * relative (absolute near 0).  Then the errors of bad input.
 */
#include "churnkit/cuminc.h"
#include "fixture.h"
#include "tap.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RTOL 1e-9
#define ATOL 1e-15   /* for values R gives as 0 */
#define NCAUSE 3

static const char *const cases[] = {
	"ties", "onecause", "censonly", "entry", "gap", "timefix", "weights", "groups",
	"random",
	"random_ewg",
};
static const km_conf_type confs[] = { KM_CONF_LOG, KM_CONF_LOGLOG, KM_CONF_PLAIN };
static const char *const conf_cols[] = { "log", "loglog", "plain" };

/* Both NaN (R's NA), or within RTOL relative / ATOL absolute. */
static int close_to(double got, double want)
{
	if (isnan(want) || isnan(got))
		return isnan(want) && isnan(got);
	return fabs(got - want) <= RTOL * fabs(want) + ATOL;
}

/* Counts the mismatches of one column, reporting the first. */
typedef struct {
	const char *what;
	size_t bad, n;
} tally;

static void see(tally *t, double got, double want, const fx_csv *f, size_t row)
{
	t->n++;
	if (close_to(got, want))
		return;
	if (t->bad++ == 0)
		diag("%s: line %zu: got %.17g, R %.17g", t->what, f->line[row], got, want);
}

/* The input rows of one case. */
typedef struct {
	size_t n;
	double *time, *weight, *entry;
	uint32_t *cause, *group;
	uint32_t nlevels;
} input;

static void input_read(const fx_csv *data, const char *name, input *in)
{
	memset(in, 0, sizeof *in);
	size_t cap = data->nrows;
	in->time = calloc(cap, sizeof *in->time);
	in->weight = calloc(cap, sizeof *in->weight);
	in->entry = calloc(cap, sizeof *in->entry);
	in->cause = calloc(cap, sizeof *in->cause);
	in->group = calloc(cap, sizeof *in->group);
	int has_w = 0, has_e = 0;
	for (size_t r = 0; r < data->nrows; r++) {
		if (strcmp(fx_str(data, r, "case"), name) != 0)
			continue;
		size_t i = in->n++;
		in->time[i] = fx_num(data, r, "time");
		in->cause[i] = (uint32_t)fx_num(data, r, "status");
		in->weight[i] = fx_num(data, r, "weight");
		in->entry[i] = fx_num(data, r, "entry");
		in->group[i] = (uint32_t)fx_num(data, r, "group");
		has_w |= !isnan(in->weight[i]);
		has_e |= !isnan(in->entry[i]);
		if (in->group[i] + 1 > in->nlevels)
			in->nlevels = in->group[i] + 1;
	}
	if (!has_w) {
		free(in->weight);
		in->weight = NULL;
	}
	if (!has_e) {
		free(in->entry);
		in->entry = NULL;
	}
}

static void input_free(input *in)
{
	free(in->time);
	free(in->weight);
	free(in->entry);
	free(in->cause);
	free(in->group);
}

static cuminc_result *fit_case(const input *in, km_conf_type ct)
{
	cuminc_data d = { in->n, in->time, in->cause, NCAUSE, in->weight, in->entry,
	                  in->group, in->nlevels };
	cuminc_opts o;
	cuminc_opts_default(&o);
	o.conf_type = ct;
	cuminc_result *r = NULL;
	churn_err err;
	if (cuminc_fit(&d, &o, &r, &err) != CHURN_OK) {
		diag("%s", err.msg);
		return NULL;
	}
	return r;
}

/* The rows of `f` for one case, in the file's order (group, time within
 * each state): checks each against curve[group] row by row.  `times` != 0
 * takes each curve at the file's times first (summary.csv). */
static void check_file(const fx_csv *f, const char *name, cuminc_result *const *fits,
                       int times)
{
	tally t_time = { "time", 0, 0 }, t_risk = { "n_risk", 0, 0 };
	tally t_est = { "estimate", 0, 0 }, t_se = { "se", 0, 0 };
	tally t_ev = { "n_event", 0, 0 }, t_lo[3], t_hi[3];
	for (int c = 0; c < 3; c++) {
		t_lo[c] = (tally){ "lower", 0, 0 };
		t_hi[c] = (tally){ "upper", 0, 0 };
	}
	uint32_t nl = fits[0]->nlevels;
	cuminc_curve *at[3][8] = { { NULL } };
	size_t next[8][NCAUSE + 1] = { { 0 } };

	for (int c = 0; c < 3; c++) {
		for (uint32_t l = 0; l < nl && l < 8; l++) {
			if (!times) {
				at[c][l] = fits[c]->curve[l];
				continue;
			}
			/* this group's chosen times: those of its state-0 rows */
			double ts[64];
			size_t nt = 0;
			for (size_t r = 0; r < f->nrows && nt < 64; r++)
				if (strcmp(fx_str(f, r, "case"), name) == 0 &&
				    fx_num(f, r, "group") == l && fx_num(f, r, "state") == 0)
					ts[nt++] = fx_num(f, r, "time");
			churn_err err;
			if (cuminc_at_times(fits[c]->curve[l], ts, nt, 1, &at[c][l], &err) != CHURN_OK)
				diag("%s", err.msg);
		}
	}
	size_t rows = 0, missing = 0;
	for (size_t r = 0; r < f->nrows; r++) {
		if (strcmp(fx_str(f, r, "case"), name) != 0)
			continue;
		uint32_t l = (uint32_t)fx_num(f, r, "group");
		uint32_t s = (uint32_t)fx_num(f, r, "state");
		rows++;
		if (l >= nl || l >= 8 || s > NCAUSE || at[0][l] == NULL ||
		    next[l][s] >= at[0][l]->m) {
			missing++;
			continue;
		}
		size_t i = next[l][s]++;
		const cuminc_curve *c0 = at[0][l];
		size_t o = CUMINC_AT(c0, i, s);
		see(&t_time, c0->time[i], fx_num(f, r, "time"), f, r);
		see(&t_risk, c0->n_risk[i], fx_num(f, r, "n_risk"), f, r);
		see(&t_est, c0->estimate[o], fx_num(f, r, "estimate"), f, r);
		see(&t_se, c0->se[o], fx_num(f, r, "se"), f, r);
		if (times && s > 0)
			see(&t_ev, c0->n_event[o], fx_num(f, r, "n_event"), f, r);
		/* before the first step R's summary gives the active state [0, 0];
		 * churnkit gives [1, 1] (cuminc.h), checked below */
		int before = times && s == 0 && (fits[0]->curve[l]->m == 0 ||
		                                 c0->time[i] < fits[0]->curve[l]->time[0]);
		for (int c = 0; c < 3; c++) {
			char col[32];
			const cuminc_curve *cc = at[c][l];
			if (before) {
				t_lo[c].n++;
				if (cc->lower[o] != 1 || cc->upper[o] != 1)
					t_lo[c].bad++;
				continue;
			}
			snprintf(col, sizeof col, "lower_%s", conf_cols[c]);
			see(&t_lo[c], cc->lower[o], fx_num(f, r, col), f, r);
			snprintf(col, sizeof col, "upper_%s", conf_cols[c]);
			see(&t_hi[c], cc->upper[o], fx_num(f, r, col), f, r);
		}
	}
	const char *what = times ? "at chosen times" : "every step";
	ok(rows > 0 && missing == 0, "cuminc %s, %s: one row per R row (%zu rows, %zu missing)",
	   name, what, rows, missing);
	ok(t_time.bad == 0 && t_risk.bad == 0, "cuminc %s, %s: times and n at risk are R's",
	   name, what);
	ok(t_est.bad == 0, "cuminc %s, %s: estimates are R's pstate (%zu values)", name, what,
	   t_est.n);
	ok(t_se.bad == 0, "cuminc %s, %s: se is R's IJ std.err (%zu values)", name, what,
	   t_se.n);
	if (times)
		ok(t_ev.bad == 0, "cuminc %s, %s: events per reason since the previous time are R's",
		   name, what);
	for (int c = 0; c < 3; c++)
		ok(t_lo[c].bad == 0 && t_hi[c].bad == 0,
		   "cuminc %s, %s: %s intervals are R's", name, what, km_conf_name(confs[c]));
	if (times)
		for (int c = 0; c < 3; c++)
			for (uint32_t l = 0; l < nl && l < 8; l++)
				cuminc_curve_free(at[c][l]);
}

/* Probabilities of the K + 1 states add to 1 at every step. */
static void check_sum(const char *name, const cuminc_result *r)
{
	double worst = 0;
	for (uint32_t l = 0; l < r->nlevels; l++) {
		const cuminc_curve *c = r->curve[l];
		for (size_t i = 0; i < c->m; i++) {
			double s = 0;
			for (uint32_t k = 0; k < c->nstate; k++)
				s += c->estimate[CUMINC_AT(c, i, k)];
			worst = fmax(worst, fabs(s - 1));
		}
	}
	ok(worst < 1e-12, "cuminc %s: still active + every reason's incidence = 1", name);
}

static void check_case(const fx_csv *data, const fx_csv *curves, const fx_csv *summ,
                       const char *name)
{
	input in;
	input_read(data, name, &in);
	cuminc_result *fits[3] = { NULL };
	int good = 1;
	for (int c = 0; c < 3; c++) {
		fits[c] = fit_case(&in, confs[c]);
		good &= fits[c] != NULL;
	}
	if (ok(good, "cuminc %s: fits (%zu rows)", name, in.n)) {
		check_file(curves, name, fits, 0);
		check_file(summ, name, fits, 1);
		check_sum(name, fits[0]);
	}
	if (good && strcmp(name, "censonly") == 0) {
		const cuminc_curve *c = fits[0]->curve[0];
		int zero = 1;
		for (size_t i = 0; i < c->m * c->nstate; i++)
			zero &= c->se[i] == 0 && (i % c->nstate == 0 ? c->estimate[i] == 1
			                                              : c->estimate[i] == 0);
		ok(zero, "cuminc censoring only: incidence 0 and se 0 at every step, S = 1");
	}
	for (int c = 0; c < 3; c++)
		cuminc_result_free(fits[c]);
	input_free(&in);
}

static churn_status try_fit(cuminc_data d, churn_err *err)
{
	cuminc_result *r = NULL;
	churn_status st = cuminc_fit(&d, NULL, &r, err);
	cuminc_result_free(r);
	return st;
}

static void check_errors(void)
{
	double time[] = { 1, 2, 3 };
	uint32_t cause[] = { 0, 1, 4 }, group[] = { 0, 2, 1 };
	churn_err err;

	cuminc_data d = { 3, time, cause, 3, NULL, NULL, NULL, 0 };
	is_int(try_fit(d, &err), CHURN_EDATA, "cuminc: a reason code above K is a data error");
	ok(strstr(err.msg, "record 3") != NULL, "cuminc: ... naming its record (%s)", err.msg);
	cause[2] = 2;
	d.n = 0;
	is_int(try_fit(d, &err), CHURN_EDATA, "cuminc: no customers is a data error");
	d.n = 3;
	d.ncause = 0;
	is_int(try_fit(d, &err), CHURN_EUSAGE, "cuminc: no reasons is a usage error");
	d.ncause = 3;
	d.cause = NULL;
	is_int(try_fit(d, &err), CHURN_EUSAGE, "cuminc: no cause column is a usage error");
	d.cause = cause;
	d.group = group;
	d.nlevels = 2;
	is_int(try_fit(d, &err), CHURN_EDATA, "cuminc: a group code >= nlevels is a data error");
	double bad_time[] = { 1, -2, 3 };
	d.group = NULL;
	d.nlevels = 0;
	d.time = bad_time;
	is_int(try_fit(d, &err), CHURN_EDATA, "cuminc: a negative time is a data error");
	d.time = time;
	cuminc_result *r = NULL;
	cuminc_opts o;
	cuminc_opts_default(&o);
	o.conf_level = 1.5;
	is_int(cuminc_fit(&d, &o, &r, &err), CHURN_EUSAGE,
	       "cuminc: a confidence level outside (0, 1) is a usage error");
	is_int(cuminc_fit(&d, NULL, NULL, &err), CHURN_EUSAGE, "cuminc: no output is a usage error");
	is_int(cuminc_fit(&d, NULL, &r, &err), CHURN_OK, "cuminc: good input fits");
	cuminc_curve *at = NULL;
	double ts[] = { NAN, 10, 0.5 };
	if (r != NULL) {
		is_int(cuminc_at_times(r->curve[0], ts, 3, 0, &at, &err), CHURN_OK,
		       "cuminc: chosen times without extend");
		ok(at != NULL && at->m == 1 && at->time[0] == 0.5,
		   "cuminc: ... drop NaN and times past the last step");
	}
	cuminc_curve_free(at);
	cuminc_result_free(r);
}

/* A level no row carries gets an empty curve; its summary is time 0's. */
static void check_empty_level(void)
{
	double time[] = { 1, 2, 3, 4 };
	uint32_t cause[] = { 1, 0, 2, 1 }, group[] = { 0, 1, 0, SURV_GROUP_NA };
	cuminc_data d = { 4, time, cause, 2, NULL, NULL, group, 3 };
	cuminc_result *r = NULL;
	cuminc_curve *at = NULL;
	churn_err err;
	double ts[] = { 5 };

	if (!ok(cuminc_fit(&d, NULL, &r, &err) == CHURN_OK, "cuminc: fits with an empty level"))
		return;
	ok(r->curve[2]->m == 0 && r->curve[2]->rows == 0 && r->curve[0]->rows == 2 &&
	   r->curve[1]->rows == 1, "cuminc: ... whose curve has no steps, NA rows in none");
	ok(cuminc_at_times(r->curve[2], ts, 1, 1, &at, &err) == CHURN_OK && at->m == 1 &&
	   at->estimate[0] == 1 && at->estimate[1] == 0 && at->se[1] == 0 && at->n_risk[0] == 0,
	   "cuminc: ... and its summary is the state at time 0 with no one at risk");
	cuminc_curve_free(at);
	cuminc_result_free(r);
}

int main(void)
{
	gsl_set_error_handler_off();
	fx_csv *data = fx_csv_read("tests/fixtures/cuminc/data.csv");
	fx_csv *curves = fx_csv_read("tests/fixtures/cuminc/curves.csv");
	fx_csv *summ = fx_csv_read("tests/fixtures/cuminc/summary.csv");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_case(data, curves, summ, cases[i]);
	check_errors();
	check_empty_level();
	fx_csv_free(data);
	fx_csv_free(curves);
	fx_csv_free(summ);
	return done_testing();
}

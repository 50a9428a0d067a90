/* test_horizon.c - the horizon outcome (horizon.h): the dates rule and the
 * inverse probability of censoring weights against R (make_horizon.R) and
 * on small cases worked by hand. */
#include "churnkit/horizon.h"
#include "fixture.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>

#define FX "tests/fixtures/model/"

/* Every row's y and weight as R has them: y exactly (NaN = left out),
 * weights within 1e-9. */
static void compare(const char *what, const horizon_outcome *h, const fx_csv *c,
                    const char *ycol, const char *wcol)
{
	size_t ybad = 0, wbad = 0, in = 0;
	for (size_t i = 0; i < c->nrows; i++) {
		double yr = fx_num(c, i, ycol);
		if (isnan(yr) != isnan(h->y[i]) || (!isnan(yr) && yr != h->y[i]))
			ybad++;
		in += !isnan(yr);
		if (wcol != NULL) {
			double wr = fx_num(c, i, wcol), wg = h->ipcw[i];
			if (isnan(wr) != isnan(wg) || (!isnan(wr) && fabs(wg - wr) > 1e-9 * wr))
				wbad++;
		}
	}
	is_int((long long)ybad, 0, "%s: every row's outcome (or left out) as R's", what);
	is_int((long long)h->n_in, (long long)in, "%s: %zu rows in the sample, as R", what, in);
	if (wcol != NULL)
		is_int((long long)wbad, 0, "%s: every weight 1 / G(min(u, N)-) as R's within 1e-9", what);
}

static void test_against_r(void)
{
	fx_csv *c = fx_csv_read(FX "horizon.data.csv");
	size_t n = c->nrows;
	double *time = malloc(n * sizeof *time), *fu = malloc(n * sizeof *fu);
	double *dur = malloc(n * sizeof *dur), *entry = malloc(n * sizeof *entry);
	double *w = malloc(n * sizeof *w);
	int *st = malloc(n * sizeof *st), *ev = malloc(n * sizeof *ev);
	churn_err err;
	horizon_outcome *h = NULL;
	size_t recent = 0, cens = 0;

	for (size_t i = 0; i < n; i++) {
		time[i] = fx_num(c, i, "time");
		st[i] = fx_num(c, i, "status") == 1;
		fu[i] = fx_num(c, i, "followup");
		dur[i] = fx_num(c, i, "duration");
		ev[i] = fx_num(c, i, "event") == 1;
		entry[i] = fx_num(c, i, "entry");
		w[i] = fx_num(c, i, "weight");
		recent += fu[i] < 365.25;
		cens += !ev[i] && dur[i] < 364;
	}
	horizon_input dates = {.n = n, .time = time, .event = st, .followup = fu,
	                       .horizon = 365.25};
	is_int(horizon_build(&dates, &h, &err), CHURN_OK, "dates: builds");
	compare("dates", h, c, "y_dates", NULL);
	ok(h->ipcw == NULL && isnan(h->g_horizon), "dates: no weights");
	is_int((long long)h->too_recent, (long long)recent, "dates: %zu too recent", recent);
	horizon_outcome_free(h);

	horizon_input dw = {.n = n, .time = dur, .event = ev, .weight = w, .horizon = 364};
	is_int(horizon_build(&dw, &h, &err), CHURN_OK, "ipcw: builds");
	compare("ipcw with frequency weights", h, c, "y_ipcw", "w_ipcw");
	is_int((long long)h->censored, (long long)cens, "ipcw: %zu censored before 364", cens);
	horizon_outcome_free(h);

	horizon_input de = {.n = n, .time = dur, .event = ev, .entry = entry, .horizon = 364};
	is_int(horizon_build(&de, &h, &err), CHURN_OK, "ipcw with entry: builds");
	compare("ipcw from entry", h, c, "y_ipcwe", "w_ipcwe");
	horizon_outcome_free(h);

	free(time);
	free(fu);
	free(dur);
	free(entry);
	free(w);
	free(st);
	free(ev);
	fx_csv_free(c);
}

/* u: 2 censored, 3 churned, 3 censored, 5 censored, 5 churned, 6 censored;
 * N = 5.  Reverse Kaplan-Meier: at 2, 1 of 6 censored (G = 5/6); at 3, 1
 * of 5 (the churner at 3 is still at risk: 4/6); at 5, 1 of 3 (4/9). */
static void test_by_hand(void)
{
	double t[6] = {2, 3, 3, 5, 5, 6};
	int e[6] = {0, 1, 0, 0, 1, 0};
	horizon_input in = {.n = 6, .time = t, .event = e, .horizon = 5};
	horizon_outcome *h = NULL;
	churn_err err;

	is_int(horizon_build(&in, &h, &err), CHURN_OK, "by hand: builds");
	ok(isnan(h->y[0]) && isnan(h->y[2]) && isnan(h->ipcw[0]),
	   "by hand: censored before N: left out");
	ok(h->y[1] == 1 && h->y[3] == 0 && h->y[4] == 1 && h->y[5] == 0,
	   "by hand: churned at 3 and at N: 1; censored at N and after: 0");
	is_double_rel(h->ipcw[1], 6.0 / 5, 1e-15, "by hand: churner at 3: 1 / G(3-) = 6/5");
	is_double_rel(h->ipcw[3], 6.0 / 4, 1e-15,
	              "by hand: censored exactly at N: in, 1 / G(N-) = 6/4, its own censoring not "
	              "counted");
	is_double_rel(h->ipcw[4], 6.0 / 4, 1e-15, "by hand: churner at N: 1 / G(N-)");
	is_double_rel(h->ipcw[5], 6.0 / 4, 1e-15, "by hand: beyond N: 1 / G(N-)");
	is_double_rel(h->g_horizon, 4.0 / 6, 1e-15, "by hand: G(N-) = 4/6");
	ok(h->n_in == 4 && h->censored == 2 && h->too_recent == 0 && h->no_risk == 0,
	   "by hand: 4 in, 2 censored before N");
	horizon_outcome_free(h);

	/* Frequency weights count as repeated rows: the 2-censored row twice. */
	double f[6] = {2, 1, 1, 1, 1, 1};
	in.weight = f;
	horizon_build(&in, &h, &err);
	is_double_rel(h->ipcw[1], 7.0 / 5, 1e-15,
	              "by hand: a weight-2 censored row at 2 counts twice: G(3-) = 5/7");
	horizon_outcome_free(h);
	in.weight = NULL;

	/* Delayed entry: the clock starts at entry; entry >= time: never seen. */
	double en[6] = {1, 0, 3, 0, 0, 0.5};
	in.entry = en;
	horizon_build(&in, &h, &err);
	ok(h->no_risk == 1 && isnan(h->y[2]), "entry: a row entering at its exit is left out");
	ok(isnan(h->y[0]) && h->y[5] == 0 && h->y[4] == 1,
	   "entry: u = time - entry (2 - 1 = 1 censored: out; 6 - 0.5 = 5.5: 0)");
	horizon_outcome_free(h);
	/* An entry 1e-12 before its exit is equal to it once near-equal times
	 * are merged (R's timefix): no time at risk either (surv.h). */
	en[5] = 6 - 1e-12;
	horizon_build(&in, &h, &err);
	ok(h->no_risk == 2 && isnan(h->y[5]), "entry: one within rounding of its exit is left out");
	horizon_outcome_free(h);
	in.entry = NULL;

	/* Dates: follow-up (as-of - start) decides, not the outcome. */
	double tt[4] = {1, 4, 4, 9}, fu[4] = {4.9, 4, 5, 9}, en2[4] = {0, 0, 0, 4.5};
	int ee[4] = {1, 0, 1, 0};
	horizon_input d = {.n = 4, .time = tt, .event = ee, .followup = fu, .horizon = 5};
	horizon_build(&d, &h, &err);
	ok(isnan(h->y[0]) && isnan(h->y[1]) && h->y[2] == 1 && h->y[3] == 0,
	   "dates: a recent churner is left out like a recent active customer");
	ok(h->too_recent == 2 && h->n_in == 2, "dates: 2 too recent, 2 in");
	horizon_outcome_free(h);
	d.entry = en2;
	horizon_build(&d, &h, &err);
	ok(isnan(h->y[3]) && h->too_recent == 3,
	   "dates with entry: follow-up counted from entry (9 - 4.5 < 5: too recent)");
	horizon_outcome_free(h);

	in.horizon = 0;
	is_int(horizon_build(&in, &h, &err), CHURN_EUSAGE, "a horizon of 0 is refused");
	ok(h == NULL, "and nothing is returned");
}

int main(void)
{
	test_against_r();
	test_by_hand();
	return done_testing();
}

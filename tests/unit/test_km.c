/*
 * test_km.c - Kaplan-Meier curves and their summaries against R.
 *
 * For every fixture case and every curve R fitted (all rows, each level of
 * g1 and of g2): each step (time, counts, S, std.err, interval, Nelson-Aalen
 * cumhaz and std.chaz), the median and RMST (survmean), the quartiles
 * (quantile.survfit), survival at chosen times (summary(times=, extend=TRUE))
 * and median follow-up (reverse KM), all at 1e-9 relative.
 */
#include "churnkit/km.h"
#include "churnkit/surv.h"
#include "tap.h"
#include "test_surv_fixture.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const cases[] = {
	"lung", "lung_log90", "lung_plain", "aml", "veteran", "ovarian", "colon",
	"heart", "edge", "edge_log", "edge_plain", "wts", "entry", "entry_w",
	"bigchisq", "timefix",
};

static const char *const step_names[] = {
	"time", "n_risk", "n_event", "n_censor", "surv", "std_err",
	"lower", "upper", "cumhaz", "std_chaz",
};
static const char *const stat_names[] = {
	"tau", "rmean", "se(rmean)", "median", "median_lower", "median_upper",
};
static const char *const quant_names[] = {"q", "lower", "upper"};
static const char *const at_names[] = {
	"time", "n_risk", "n_event", "n_censor", "surv", "se", "lower", "upper",
};

static void check_curve(const fx_case *c, const fx_expect *e, const fx_line *cl,
                        const surv_groups *g)
{
	int G = (int)cl->v[0];
	uint32_t L = (uint32_t)cl->v[1];
	const char *nm = c->name;
	km_curve *k = NULL;
	churn_err err;

	if (!ok(km_fit(g, L, &c->km, 0, &k, &err) == CHURN_OK,
	        "km %s G%d L%u: fits", nm, G, L)) {
		diag("%s", err.msg);
		return;
	}
	double gotc[4] = {(double)k->rows, k->n, k->events, (double)k->m};
	fx_check(gotc, cl->v + 2, (const char *const[]){"rows", "n", "events", "steps"},
	         4, "km %s G%d L%u: rows, n, events and number of steps as R", nm, G, L);

	int steps_ok = 1;
	for (size_t i = 0; i < k->m; i++) {
		double key[3] = {G, L, (double)i};
		const fx_line *s = fx_find(e, "step", 3, key);
		if (s == NULL || s->nf < 13) {
			steps_ok = 0;
			diag("no R step %zu", i);
			continue;
		}
		double got[10] = {k->time[i], k->n_risk[i], k->n_event[i], k->n_censor[i],
		                  k->surv[i], k->std_err[i], k->lower[i], k->upper[i],
		                  k->cumhaz[i], k->std_chaz[i]};
		for (int f = 0; f < 10; f++) {
			if (!fx_close(got[f], s->v[3 + f])) {
				if (steps_ok)
					diag("step %zu %s: got %.17g, R %.17g", i, step_names[f], got[f],
					     s->v[3 + f]);
				steps_ok = 0;
			}
		}
		/* se of S itself is surv * std.err (NaN where S = 0) */
		double se = k->surv[i] * s->v[8];
		if (!fx_close(k->se[i], se)) {
			if (steps_ok)
				diag("step %zu se: got %.17g, want %.17g", i, k->se[i], se);
			steps_ok = 0;
		}
	}
	ok(steps_ok, "km %s G%d L%u: all %zu steps match survfit", nm, G, L, k->m);

	/* km_surv_at: R's S at each step time, the earlier step's between two
	 * times, 1 before the first. */
	int at_ok = 1;
	double prev_t = 0, prev_s = 1;
	for (size_t i = 0; i < k->m; i++) {
		double key[3] = {G, L, (double)i};
		const fx_line *s = fx_find(e, "step", 3, key);
		if (s == NULL || s->nf < 13)
			continue;
		double t = s->v[3], sv = s->v[7];
		if (!fx_close(km_surv_at(k, t), sv) ||
		    !fx_close(km_surv_at(k, (prev_t + t) / 2), prev_s)) {
			if (at_ok)
				diag("km_surv_at at step %zu (t %.17g)", i, t);
			at_ok = 0;
		}
		prev_t = t;
		prev_s = sv;
	}
	at_ok &= fx_close(km_surv_at(k, prev_t + 1e6), prev_s);
	ok(at_ok, "km %s G%d L%u: km_surv_at is R's step function at and between times", nm, G,
	   L);

	double key2[2] = {G, L};
	const fx_line *sl = fx_find(e, "stats", 2, key2);
	km_stats st;
	double tau = c->tau;
	if (ok(sl != NULL && km_stats_compute(k, isnan(tau) ? NAN : tau, &st, &err) ==
	                             CHURN_OK,
	       "km %s G%d L%u: summary computed", nm, G, L)) {
		double got[6] = {st.rmst_tau, st.rmst, st.rmst_se, st.median,
		                 st.median_lower, st.median_upper};
		fx_check(got, sl->v + 2, stat_names, 6,
		         "km %s G%d L%u: RMST, its se, median and CI as print.survfit", nm, G,
		         L);
	}

	double p[3] = {0.25, 0.5, 0.75}, q[3], ql[3], qu[3];
	if (ok(km_quantiles(k, p, 3, q, ql, qu, &err) == CHURN_OK,
	       "km %s G%d L%u: quantiles computed", nm, G, L)) {
		for (int j = 0; j < 3; j++) {
			double key3[3] = {G, L, p[j]};
			const fx_line *ql_ = fx_find(e, "quant", 3, key3);
			double got[3] = {q[j], ql[j], qu[j]};
			if (ql_ == NULL) {
				ok(0, "km %s: R quantile line", nm);
				continue;
			}
			fx_check(got, ql_->v + 3, quant_names, 3,
			         "km %s G%d L%u: quantile %.2f and CI as quantile.survfit", nm, G,
			         L, p[j]);
		}
	}

	km_at *at = NULL;
	size_t nat = 0;
	if (ok(km_at_times(k, c->times, c->ntimes, 1, &at, &nat, &err) == CHURN_OK,
	       "km %s G%d L%u: survival at chosen times", nm, G, L)) {
		size_t nr = 0;
		for (size_t i = 0; i < e->nlines; i++) {
			const fx_line *l = &e->line[i];
			if (strcmp(l->tag, "at") != 0 || l->v[0] != G || l->v[1] != L)
				continue;
			if (nr < nat) {
				double got[8] = {at[nr].time, at[nr].n_risk, at[nr].n_event,
				                 at[nr].n_censor, at[nr].surv, at[nr].se,
				                 at[nr].lower, at[nr].upper};
				fx_check(got, l->v + 2, at_names, 8,
				         "km %s G%d L%u: at t=%g as summary(times=, extend=TRUE)", nm,
				         G, L, l->v[2]);
			}
			nr++;
		}
		is_int((long long)nat, (long long)nr, "km %s G%d L%u: as many rows as R", nm,
		       G, L);
	}
	free(at);
	km_curve_free(k);
}

static void run_case(const char *name)
{
	fx_expect e;
	fx_case c;
	fx_setup s;
	churn_err err;

	if (!ok(fx_expect_read(name, &e) == 0 && fx_case_read(&e, &c) == 0,
	        "km %s: fixture read", name))
		return;
	if (!ok(fx_setup_case(&c, &s) == 0, "km %s: data prepared", name)) {
		fx_expect_free(&e);
		return;
	}
	size_t ncurves[3] = {0, 0, 0};
	for (size_t i = 0; i < e.nlines; i++) {
		const fx_line *l = &e.line[i];
		if (strcmp(l->tag, "curve") != 0)
			continue;
		int G = (int)l->v[0];
		ncurves[G]++;
		check_curve(&c, &e, l, s.g[G]);
	}
	/* R fits one curve per level that has rows: so do we */
	for (int G = 1; G < 3; G++) {
		size_t have = 0;
		for (uint32_t L = 0; L < c.nlev[G]; L++)
			have += surv_groups_rows(s.g[G], L) > 0;
		is_int((long long)have, (long long)ncurves[G],
		       "km %s G%d: a curve for each level with customers", name, G);
	}

	/* median follow-up: reverse Kaplan-Meier */
	const fx_line *fl = fx_find(&e, "followup", 0, NULL);
	km_curve *rk = NULL;
	km_stats st;
	if (ok(fl != NULL && km_fit(s.g[0], 0, &c.km, 1, &rk, &err) == CHURN_OK &&
	               km_stats_compute(rk, NAN, &st, &err) == CHURN_OK,
	       "km %s: reverse KM fitted", name)) {
		double got[3] = {st.median, st.median_lower, st.median_upper};
		fx_check(got, fl->v, (const char *const[]){"median", "lower", "upper"}, 3,
		         "km %s: median follow-up and CI as survfit(Surv(time, 1 - event))",
		         name);
	}
	km_curve_free(rk);
	fx_setup_free(&s);
	fx_expect_free(&e);
}

static void edge_cases(void)
{
	churn_err err;
	surv_prep *p = NULL;
	surv_groups *g = NULL;
	km_curve *k = NULL;
	km_opts o;

	/* every customer censored: S = 1 throughout, no median */
	double t[3] = {5, 1, 3};
	int ev[3] = {0, 0, 0};
	surv_data d = {.n = 3, .time = t, .event = ev};
	surv_prep_new(&d, 1, &p, &err);
	surv_groups_new(p, NULL, 0, &g, &err);
	km_opts_default(&o);
	is_int(km_fit(g, 0, &o, 0, &k, &err), CHURN_OK, "km: all censored fits");
	int all1 = k->m == 3;
	for (size_t i = 0; i < k->m; i++)
		all1 = all1 && k->surv[i] == 1 && k->std_err[i] == 0 && isnan(k->lower[i]);
	ok(all1, "km: all censored -> S(t)=1, se 0, log-log CI NaN at every t");
	km_stats st;
	km_stats_compute(k, NAN, &st, &err);
	ok(isnan(st.median), "km: all censored -> median not reached (NaN)");
	is_double_rel(st.rmst, 5, 1e-12, "km: all censored -> RMST = tau = last time");
	is_double_abs(st.rmst_se, 0, 0, "km: all censored -> RMST se 0");
	km_curve_free(k);

	o.conf_level = 1.5;
	is_int(km_fit(g, 0, &o, 0, &k, &err), CHURN_EUSAGE,
	       "km: a confidence level outside (0, 1) is a usage error");
	o.conf_level = 0.95;
	is_int(km_fit(g, 3, &o, 0, &k, &err), CHURN_EUSAGE, "km: an unknown level is refused");
	surv_groups_free(g);

	/* a level with no rows */
	uint32_t code[3] = {0, 0, SURV_GROUP_NA};
	surv_groups_new(p, code, 2, &g, &err);
	is_int(km_fit(g, 1, &o, 0, &k, &err), CHURN_EDATA, "km: an empty level has no curve");
	is_int((long long)surv_groups_rows(g, 0), 2, "km: missing level codes are left out");
	surv_groups_free(g);
	surv_prep_free(p);

	km_conf_type ct;
	ok(km_conf_parse("log-log", &ct) == 0 && ct == KM_CONF_LOGLOG &&
	           km_conf_parse("plain", &ct) == 0 && ct == KM_CONF_PLAIN &&
	           km_conf_parse("logit", &ct) == -1,
	   "km: interval type names parse, unknown ones are refused");
	is_str(km_conf_name(KM_CONF_LOG), "log", "km: interval type names print");

	/* chosen times without extend drop times past the last step */
	double t2[2] = {1, 2};
	int e2[2] = {1, 0};
	surv_data d2 = {.n = 2, .time = t2, .event = e2};
	surv_prep_new(&d2, 1, &p, &err);
	surv_groups_new(p, NULL, 0, &g, &err);
	km_fit(g, 0, &o, 0, &k, &err);
	double want[3] = {3, 0.5, NAN};
	km_at *at;
	size_t nat;
	km_at_times(k, want, 3, 0, &at, &nat, &err);
	ok(nat == 1 && at[0].time == 0.5 && at[0].surv == 1,
	   "km: without extend, times past the curve and non-finite times are dropped");
	free(at);
	km_curve_free(k);
	surv_groups_free(g);
	surv_prep_free(p);
}

int main(void)
{
	gsl_set_error_handler_off();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(cases[i]);
	edge_cases();
	return done_testing();
}

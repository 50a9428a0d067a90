/*
 * test_hazard.c - churn hazard by tenure month and the early-churn share
 * against R (survSplit at k * month length, summed by month).  The Nelson-
 * Aalen cumulative hazard is checked step by step in test_km.c.
 */
#include "churnkit/date.h"
#include "churnkit/hazard.h"
#include "churnkit/surv.h"
#include "tap.h"
#include "test_surv_fixture.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const cases[] = {
	"lung", "aml", "veteran", "ovarian", "colon", "heart", "edge", "wts",
	"entry", "entry_w",
};

static void run_case(const char *name)
{
	fx_expect e;
	fx_case c;
	fx_setup s;
	hazard_table *h = NULL;
	churn_err err;

	if (!ok(fx_expect_read(name, &e) == 0 && fx_case_read(&e, &c) == 0,
	        "hazard %s: fixture read", name))
		return;
	if (!ok(fx_setup_case(&c, &s) == 0, "hazard %s: data prepared", name)) {
		fx_expect_free(&e);
		return;
	}
	if (ok(hazard_by_month(s.g[0], 0, c.month, c.thr, &h, &err) == CHURN_OK,
	       "hazard %s: tabulated", name)) {
		size_t nm = 0;
		for (size_t i = 0; i < e.nlines; i++) {
			const fx_line *l = &e.line[i];
			if (strcmp(l->tag, "hazard") != 0)
				continue;
			size_t k = (size_t)l->v[0];
			if (k < h->nmonths) {
				double got[3] = {h->n_risk[k], h->n_event[k], h->rate[k]};
				fx_check(got, l->v + 1,
				         (const char *const[]){"n_risk", "n_event", "rate"}, 3,
				         "hazard %s: month %zu at risk, events, rate", name, k);
			}
			nm++;
		}
		is_int((long long)h->nmonths, (long long)nm,
		       "hazard %s: months up to the largest time", name);
		const fx_line *el = fx_find(&e, "early", 0, NULL);
		ok(el != NULL && fx_close(h->early_share, el->v[1]),
		   "hazard %s: share of events at tenure <= %g", name, c.thr);
	}
	hazard_table_free(h);
	fx_setup_free(&s);
	fx_expect_free(&e);
}

static void unit_cases(void)
{
	churn_err err;
	surv_prep *p = NULL;
	surv_groups *g = NULL;
	hazard_table *h = NULL;

	/* month boundaries: time 0 and time L are month 0, L + tiny month 1 */
	double t[4] = {0, 30.4375, 30.5, 61};
	int ev[4] = {1, 1, 1, 0};
	surv_data d = {.n = 4, .time = t, .event = ev};
	surv_prep_new(&d, 0, &p, &err);
	surv_groups_new(p, NULL, 0, &g, &err);
	is_int(hazard_by_month(g, 0, DATE_MONTH_DAYS, 90, &h, &err), CHURN_OK,
	       "hazard: tabulates");
	ok(h->nmonths == 3 && h->n_event[0] == 2 && h->n_event[1] == 1 &&
	           h->n_risk[0] == 4 && h->n_risk[1] == 2 && h->n_risk[2] == 1 &&
	           h->rate[2] == 0,
	   "hazard: months are (kL, (k+1)L] with time 0 in month 0");
	is_double_rel(h->early_share, 1, 1e-15, "hazard: all churn within 90 days -> 1");
	hazard_table_free(h);
	is_int(hazard_by_month(g, 0, 0, 90, &h, &err), CHURN_EUSAGE,
	       "hazard: month length 0 refused");
	surv_groups_free(g);
	surv_prep_free(p);

	/* no events: the early share is undefined */
	int none[4] = {0, 0, 0, 0};
	d.event = none;
	surv_prep_new(&d, 0, &p, &err);
	surv_groups_new(p, NULL, 0, &g, &err);
	hazard_by_month(g, 0, DATE_MONTH_DAYS, 90, &h, &err);
	ok(isnan(h->early_share) && h->rate[0] == 0,
	   "hazard: no churn -> rate 0, early share NaN");
	hazard_table_free(h);
	surv_groups_free(g);
	surv_prep_free(p);
}

int main(void)
{
	gsl_set_error_handler_off();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(cases[i]);
	unit_cases();
	return done_testing();
}

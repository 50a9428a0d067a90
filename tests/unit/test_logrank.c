/*
 * test_logrank.c - log-rank and Peto-Peto tests, pairwise BH, against R.
 *
 * For every fixture case and grouping column: chisq, df, p and log p
 * (survdiff; with delayed entry the risk-set sums checked against coxph's
 * exact score test), observed and expected per level, and every pair's
 * chisq, p and Benjamini-Hochberg adjusted p, all at 1e-9 relative.
 */
#include "churnkit/logrank.h"
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

static void check_test(const char *nm, const fx_expect *e, const fx_line *tl,
                       const surv_groups *g)
{
	int G = (int)tl->v[0];
	double rho = tl->v[1];
	logrank_result *r = NULL;
	logrank_pairs *pp = NULL;
	churn_err err;

	if (!ok(logrank_test(g, rho, &r, &err) == CHURN_OK,
	        "logrank %s G%d rho %g: test runs", nm, G, rho)) {
		diag("%s", err.msg);
		return;
	}
	double got[4] = {r->chisq, r->df, r->p, r->log_p};
	fx_check(got, tl->v + 2, (const char *const[]){"chisq", "df", "p", "log_p"}, 4,
	         "logrank %s G%d rho %g: chisq, df, p, log p as survdiff", nm, G, rho);
	size_t nlev = 0;
	for (size_t i = 0; i < e->nlines; i++) {
		const fx_line *l = &e->line[i];
		if (strcmp(l->tag, "lrgroup") != 0 || l->v[0] != G || l->v[1] != rho)
			continue;
		uint32_t L = (uint32_t)l->v[2];
		uint32_t a = 0;
		while (a < r->k && r->level[a] != L)
			a++;
		nlev++;
		if (!ok(a < r->k, "logrank %s G%d: level %u compared", nm, G, L))
			continue;
		double go[2] = {r->observed[a], r->expected[a]};
		fx_check(go, l->v + 3, (const char *const[]){"observed", "expected"}, 2,
		         "logrank %s G%d rho %g L%u: observed and expected as survdiff", nm, G,
		         rho, L);
	}
	is_int(r->k, (long long)nlev,
	       "logrank %s G%d rho %g: the levels R compares (empty ones dropped)", nm, G,
	       rho);
	logrank_result_free(r);

	if (!ok(logrank_pairwise(g, rho, &pp, &err) == CHURN_OK,
	        "logrank %s G%d rho %g: pairwise tests run", nm, G, rho))
		return;
	size_t np = 0;
	for (size_t i = 0; i < e->nlines; i++) {
		const fx_line *l = &e->line[i];
		if (strcmp(l->tag, "pair") != 0 || l->v[0] != G || l->v[1] != rho)
			continue;
		if (np < pp->npairs) {
			const logrank_pair *x = &pp->pair[np];
			double gp[6] = {x->a, x->b, x->chisq, x->df, x->p, x->p_adjusted};
			fx_check(gp, l->v + 2,
			         (const char *const[]){"a", "b", "chisq", "df", "p", "p_bh"}, 6,
			         "logrank %s G%d rho %g: pair %g-%g and its BH-adjusted p", nm, G,
			         rho, l->v[2], l->v[3]);
		}
		np++;
	}
	is_int((long long)pp->npairs, (long long)np,
	       "logrank %s G%d rho %g: one test per pair of levels", nm, G, rho);
	logrank_pairs_free(pp);
}

static void run_case(const char *name)
{
	fx_expect e;
	fx_case c;
	fx_setup s;

	if (!ok(fx_expect_read(name, &e) == 0 && fx_case_read(&e, &c) == 0,
	        "logrank %s: fixture read", name))
		return;
	if (!ok(fx_setup_case(&c, &s) == 0, "logrank %s: data prepared", name)) {
		fx_expect_free(&e);
		return;
	}
	for (size_t i = 0; i < e.nlines; i++)
		if (strcmp(e.line[i].tag, "logrank") == 0)
			check_test(name, &e, &e.line[i], s.g[(int)e.line[i].v[0]]);
	fx_setup_free(&s);
	fx_expect_free(&e);
}

static void unit_cases(void)
{
	churn_err err;

	/* print(p.adjust(c(0.01, 0.04, 0.03, NA, 0.5), "BH"), digits = 17):
	 * 0.04 0.05333333333333333 0.05333333333333333 NA 0.5 */
	double p[5] = {0.01, 0.04, 0.03, NAN, 0.5}, q[5];
	logrank_bh_adjust(p, 5, q, &err);
	ok(fabs(q[0] - 0.04) < 1e-15 && fabs(q[1] - 0.05333333333333333) < 1e-15 &&
	           fabs(q[2] - 0.05333333333333333) < 1e-15 && isnan(q[3]) && q[4] == 0.5,
	   "logrank: BH leaves NA out of the count and keeps it NA");
	double one[1] = {0.2};
	logrank_bh_adjust(one, 1, one, &err);
	is_double_rel(one[0], 0.2, 1e-15, "logrank: BH of a single p is that p");

	/* print(pchisq(c(2000, 30), c(1, 3), lower.tail = FALSE, log.p = TRUE),
	 * digits = 17): -1004.026741958951902 -13.493385732625001 */
	is_double_rel(logrank_chisq_log_q(2000, 1), -1004.026741958951902, 1e-12,
	              "logrank: log p where p underflows");
	is_double_rel(logrank_chisq_log_q(30, 3), -13.493385732625001, 1e-12,
	              "logrank: log p in the ordinary range");

	/* one level only: no test */
	double t[3] = {1, 2, 3};
	int ev[3] = {1, 0, 1};
	uint32_t code[3] = {1, 1, SURV_GROUP_NA};
	surv_data d = {.n = 3, .time = t, .event = ev};
	surv_prep *pr = NULL;
	surv_groups *g = NULL;
	logrank_result *r = NULL;
	logrank_pairs *pp = NULL;
	surv_prep_new(&d, 1, &pr, &err);
	surv_groups_new(pr, code, 3, &g, &err);
	is_int(logrank_test(g, 0, &r, &err), CHURN_EDATA,
	       "logrank: a column with one level with customers has no test");
	is_int(logrank_pairwise(g, 0, &pp, &err), CHURN_EDATA,
	       "logrank: nor pairwise tests");
	is_int(logrank_test(g, -1, &r, &err), CHURN_EUSAGE, "logrank: negative rho refused");
	surv_groups_free(g);
	surv_prep_free(pr);
}

/* Runs logrank_test and logrank_pairwise on one small column; the caller
 * frees both. */
static int run_small(size_t n, const double *t, const int *ev, const uint32_t *code,
                     uint32_t nlev, logrank_result **r, logrank_pairs **pp)
{
	churn_err err;
	surv_data d = {.n = n, .time = t, .event = ev};
	surv_prep *pr = NULL;
	surv_groups *g = NULL;
	int okay = surv_prep_new(&d, 1, &pr, &err) == CHURN_OK &&
	           surv_groups_new(pr, code, nlev, &g, &err) == CHURN_OK &&
	           logrank_test(g, 0, r, &err) == CHURN_OK &&
	           (pp == NULL || logrank_pairwise(g, 0, pp, &err) == CHURN_OK);
	if (!okay)
		diag("%s", err.msg);
	surv_groups_free(g);
	surv_prep_free(pr);
	return okay;
}

/* A test that cannot be made says so: chisq, p, log p NaN, df 0, a note
 * (survdiff gives chisq 0 on -1 df with p NA, chisq 0 on 0 df with p 1,
 * or stops in solve()). */
static void untested_cases(void)
{
	logrank_result *r = NULL;
	logrank_pairs *pp = NULL;

	/* everyone censored: R prints "Chisq= 0 on -1 degrees of freedom" */
	double t1[5] = {1, 2, 3, 4, 5};
	int e1[5] = {0, 0, 0, 0, 0};
	uint32_t c1[5] = {0, 1, 2, 0, SURV_GROUP_NA};
	if (ok(run_small(5, t1, e1, c1, 3, &r, &pp), "logrank: all censored: runs")) {
		ok(r->note != NULL && strcmp(r->note, "no churn in any group") == 0,
		   "logrank: all censored: not tested, 'no churn in any group'");
		ok(isnan(r->chisq) && isnan(r->p) && isnan(r->log_p) && r->df == 0,
		   "logrank: all censored: chisq, p, log p NaN and df 0 (not -1)");
		ok(r->k == 3 && r->observed[0] == 0 && r->expected[2] == 0,
		   "logrank: all censored: observed and expected still given (0)");
		ok(pp->npairs == 3 && pp->pair[1].note == r->note && pp->pair[1].df == 0 &&
		           isnan(pp->pair[1].p) && isnan(pp->pair[1].p_adjusted),
		   "logrank: all censored: each pair not tested, p and adjusted p NaN");
		is_int(logrank_pairs_tested(pp), 0, "logrank: all censored: no pair tested");
	}
	logrank_result_free(r);
	logrank_pairs_free(pp);
	r = NULL;
	pp = NULL;

	/* everyone churned on day 0: every risk set churns whole, V = 0 (R:
	 * "system is exactly singular") */
	double t2[4] = {0, 0, 0, 0};
	int e2[4] = {1, 1, 1, 1};
	uint32_t c2[4] = {0, 0, 1, 1};
	if (ok(run_small(4, t2, e2, c2, 2, &r, NULL), "logrank: all churned on day 0: runs")) {
		ok(r->note != NULL && strstr(r->note, "no variance") != NULL && r->singular,
		   "logrank: all churned on day 0: not tested, no variance");
		ok(isnan(r->chisq) && isnan(r->p) && r->df == 0,
		   "logrank: all churned on day 0: chisq and p NaN, df 0 (not NA on 1 df)");
	}
	logrank_result_free(r);
	r = NULL;

	/* level 1 leaves before the first churn: only level 0 is at risk when
	 * churn happens (R: chisq 0 on 0 df, p 1) */
	double t3[5] = {5, 6, 7, 1, 2};
	int e3[5] = {1, 1, 0, 0, 0};
	uint32_t c3[5] = {0, 0, 0, 1, 1};
	if (ok(run_small(5, t3, e3, c3, 2, &r, NULL), "logrank: one group at risk: runs")) {
		ok(r->note != NULL && strstr(r->note, "only one group") != NULL,
		   "logrank: one group at risk at the churn times: not tested");
		ok(isnan(r->p) && r->df == 0, "logrank: one group at risk: p NaN, df 0");
	}
	logrank_result_free(r);
	r = NULL;

	/* Levels 1 and 2 without churn: the pair 1 vs 2 is not tested, and the
	 * BH adjustment is over the other two (R's p.adjust leaves NA out). */
	double t5[6] = {1, 2, 3, 4, 5, 6};
	int e5[6] = {1, 1, 0, 0, 0, 0};
	uint32_t c5[6] = {0, 0, 1, 1, 2, 2};
	if (ok(run_small(6, t5, e5, c5, 3, &r, &pp), "logrank: two levels without churn: runs")) {
		is_int(pp->npairs, 3, "logrank: two levels without churn: 3 pairs");
		is_int(logrank_pairs_tested(pp), 2,
		       "logrank: two levels without churn: 2 pairs tested (1 vs 2 is not)");
		ok(pp->pair[2].note != NULL && isfinite(pp->pair[0].p_adjusted),
		   "logrank: two levels without churn: 1 vs 2 has a note, 0 vs 1 an adjusted p");
	}
	logrank_result_free(r);
	logrank_pairs_free(pp);
	r = NULL;
	pp = NULL;
	is_int(logrank_pairs_tested(NULL), 0, "logrank: no pairs, none tested");

	/* an ordinary test has no note */
	double t4[4] = {1, 2, 3, 4};
	int e4[4] = {1, 1, 0, 1};
	uint32_t c4[4] = {0, 1, 0, 1};
	if (ok(run_small(4, t4, e4, c4, 2, &r, NULL), "logrank: small ordinary test runs"))
		ok(r->note == NULL && r->df == 1 && isfinite(r->chisq),
		   "logrank: an ordinary test has no note and df 1");
	logrank_result_free(r);
}

int main(void)
{
	gsl_set_error_handler_off();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(cases[i]);
	unit_cases();
	untested_cases();
	return done_testing();
}

/*
 * test_findings_plain.c - the findings in plain words (docs/findings.md,
 * "Plain words"): a segment finding's sentence carries the observed share
 * of each level's customers who left and the faster level's share of all
 * who left, computed here from a small table, its test goes to the
 * footnote, it concerns the level's active customers and their MRR
 * (counted here), the findings are ranked by that MRR (customers without a
 * value) and at most five are kept; the actions answering them name the
 * team and save the targets' expected loss times the offer effect.
 */
#include "churnkit/findings.h"
#include "churnkit/findings_actions.h"
#include "churnkit/segment.h"
#include "churnkit/surv_analysis.h"
#include "churnkit/table.h"
#include "tap.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 600
#define NCOL 6

static const char *levels[2] = {"annual", "monthly"};
static const char *names[NCOL] = {"contract_a", "contract_b", "contract_c",
                                  "contract_d", "contract_e", "contract_f"};

typedef struct {
	double time[N];
	int event[N];
	uint32_t code[NCOL][N];
	double value[N];
	unsigned char active[N];
	table *t;
	surv_analysis *a;
} data;

/* Column 0: monthly customers mostly churn, annual ones rarely; column k
 * the same but with the first 15 k rows' levels swapped, so that each
 * column's monthly level has its own customers and MRR. */
static int make(data *d)
{
	const char *cells[N];
	d->t = table_new(N);
	if (d->t == NULL)
		return -1;
	for (size_t i = 0; i < N; i++) {
		int monthly = i % 2 == 0;
		d->event[i] = monthly ? i % 3 != 0 : i % 5 == 0;
		d->time[i] = d->event[i] ? 30.0 + (double)(i % 50) : 200.0 + (double)(i % 100);
		d->value[i] = 10.0 + 5.0 * (double)(i % 7);
		d->active[i] = d->event[i] == 0;
		for (size_t k = 0; k < NCOL; k++)
			d->code[k][i] = (uint32_t)(i < 15 * k ? !monthly : monthly);
	}
	for (size_t k = 0; k < NCOL; k++) {
		for (size_t i = 0; i < N; i++)
			cells[i] = levels[d->code[k][i]];
		if (table_add_cat(d->t, names[k], cells) == NULL)
			return -1;
	}
	surv_data sd = {.n = N, .time = d->time, .event = d->event};
	surv_by by[NCOL];
	for (size_t k = 0; k < NCOL; k++)
		by[k] = (surv_by){.name = names[k], .code = d->code[k], .nlevels = 2,
		                  .levels = levels};
	surv_opts o;
	churn_err err;
	surv_opts_default(&o);
	if (surv_analysis_run(&sd, by, NCOL, &o, &d->a, &err) != CHURN_OK) {
		diag("surv_analysis_run: %s", err.msg);
		return -1;
	}
	return 0;
}

static findings *build(const data *d, int with_value)
{
	findings_input in = {.surv = d->a, .time_in_days = 1, .table = d->t,
	                     .value = with_value ? d->value : NULL, .active = d->active};
	findings *f = NULL;
	churn_err err;
	if (findings_build(&in, NULL, &f, &err) != CHURN_OK) {
		diag("findings_build: %s", err.msg);
		return NULL;
	}
	return f;
}

static long col_of(const char *subject)
{
	for (long k = 0; k < NCOL; k++)
		if (subject != NULL && strcmp(subject, names[k]) == 0)
			return k;
	return -1;
}

/* The percentage as findings print a share: one decimal below 10%, none from. */
static void share_text(char *buf, size_t n, double x)
{
	snprintf(buf, n, 100 * x < 9.95 ? "%.1f%%" : "%.0f%%", 100 * x);
}

static void test_sentences(const data *d, const findings *f)
{
	for (size_t j = 0; j < f->n; j++) {
		const finding *x = &f->item[j];
		long k = col_of(x->subject);
		ok(x->kind == FINDING_SEGMENT && k >= 0, "finding %zu: a segment finding", j + 1);
		if (k < 0)
			continue;
		double n[2] = {0, 0}, left[2] = {0, 0}, act = 0, mrr = 0;
		for (size_t i = 0; i < N; i++) {
			uint32_t c = d->code[k][i];
			n[c]++;
			left[c] += d->event[i];
			if (c == 1 && d->active[i]) {
				act++;
				mrr += d->value[i];
			}
		}
		char want[400], sh[32];
		share_text(sh, sizeof sh, left[1] / (left[0] + left[1]));
		snprintf(want, sizeof want,
		         "%.1f%% of customers with %s = monthly have left, against %.1f%% with "
		         "%s = annual; %s of all who left had %s = monthly",
		         100 * left[1] / n[1], names[k], 100 * left[0] / n[0], names[k], sh,
		         names[k]);
		is_str(x->plain, want, "%s: the plain sentence's rates are churned / customers",
		       names[k]);
		is_double_rel(x->rate[0], left[1] / n[1], 1e-12, "%s: rate of monthly", names[k]);
		is_double_rel(x->rate[1], left[0] / n[0], 1e-12, "%s: rate of annual", names[k]);
		ok(strstr(x->plain, "log-rank") == NULL && strstr(x->plain, "p <") == NULL,
		   "%s: no test in the sentence", names[k]);
		is_str(x->footnote, "log-rank test, p < 0.001", "%s: the test is the footnote",
		       names[k]);
		is_double_rel(x->customers, act, 1e-12, "%s: the active monthly customers",
		              names[k]);
		is_double_rel(x->mrr, mrr, 1e-12, "%s: their MRR", names[k]);
	}
}

static void test_ranking(const data *d)
{
	findings *f = build(d, 1);
	ok(f != NULL && f->n == 5 && f->candidates >= NCOL,
	   "at most five findings of six candidates");
	if (f == NULL)
		return;
	test_sentences(d, f);
	int sorted = 1;
	for (size_t j = 1; j < f->n; j++)
		sorted &= f->item[j - 1].mrr >= f->item[j].mrr;
	ok(sorted, "ranked by the MRR they concern, largest first");
	/* The column whose monthly level has the least MRR is left out. */
	double least = INFINITY;
	long out = -1;
	for (long k = 0; k < NCOL; k++) {
		double m = 0;
		for (size_t i = 0; i < N; i++)
			if (d->code[k][i] == 1 && d->active[i])
				m += d->value[i];
		if (m < least) {
			least = m;
			out = k;
		}
	}
	int kept = 0;
	for (size_t j = 0; j < f->n; j++)
		kept |= col_of(f->item[j].subject) == out;
	ok(!kept, "the finding concerning the least MRR (%s) is the one cut", names[out]);

	/* The actions: one per finding, the owner of a contract column, the
	 * targets' expected loss times the offer effect. */
	segment_result seg = {0};
	segment_customer sc[N];
	size_t ns = 0;
	for (size_t i = 0; i < N; i++)
		if (d->active[i]) {
			double p = d->code[0][i] ? 0.4 : 0.1;
			sc[ns++] = (segment_customer){.row = i, .weight = 1, .p = p, .value = d->value[i],
			                              .expected_mrr_loss = p * d->value[i]};
		}
	seg.n = ns;
	seg.customers = sc;
	seg.has_value = 1;
	seg.offer_effect = 0.25;
	seg.horizon_months = 12;
	churn_err err;
	findings_actions_input ai = {.t = d->t, .seg = &seg};
	ok(findings_actions(f, &ai, &err) == CHURN_OK && f->nactions == f->n,
	   "an action per finding");
	for (size_t j = 0; j < f->nactions; j++) {
		const finding_action *a = &f->action[j];
		long k = col_of(f->item[a->finding].subject);
		double n = 0, loss = 0;
		for (size_t s = 0; k >= 0 && s < ns; s++)
			if (d->code[k][sc[s].row] == 1) {
				n++;
				loss += sc[s].expected_mrr_loss;
			}
		char want[128];
		snprintf(want, sizeof want, "Offer annual terms to customers with %s = monthly",
		         k >= 0 ? names[k] : "?");
		is_str(a->text, want, "action %zu: answers its finding (contract, monthly)", j + 1);
		is_str(a->team, "Finance", "action %zu: owned by finance (contract terms)", j + 1);
		is_double_rel(a->customers, n, 1e-12, "action %zu: targets the active monthly",
		              j + 1);
		is_double_rel(a->mrr_saved, 0.25 * loss, 1e-12,
		              "action %zu: saves the expected loss times the offer effect", j + 1);
		if (j > 0)
			ok(f->action[j - 1].mrr_saved >= a->mrr_saved, "action %zu: ranked by MRR saved",
			   j + 1);
	}
	/* Dated data: annual terms for the monthly customers past month 3. */
	static double ten[N];
	for (size_t i = 0; i < N; i++)
		ten[i] = i % 4 == 1 ? 2.0 : 10.0;
	ai.tenure_months = ten;
	ok(findings_actions(f, &ai, &err) == CHURN_OK && f->nactions > 0, "actions with tenures");
	if (f->nactions > 0) {
		const finding_action *a = &f->action[0];
		long k = col_of(f->item[a->finding].subject);
		double n = 0;
		for (size_t s = 0; k >= 0 && s < ns; s++)
			n += d->code[k][sc[s].row] == 1 && ten[sc[s].row] > 3;
		char want[128];
		snprintf(want, sizeof want,
		         "Offer annual terms to customers with %s = monthly past month 3",
		         k >= 0 ? names[k] : "?");
		is_str(a->text, want, "contract action: past month 3");
		is_double_rel(a->customers, n, 1e-12, "contract action: targets past month 3 only");
	}
	findings_free(f);

	f = build(d, 0);
	sorted = f != NULL && f->n == 5;
	for (size_t j = 1; f != NULL && j < f->n; j++)
		sorted &= f->item[j - 1].customers >= f->item[j].customers && isnan(f->item[j].mrr);
	ok(sorted, "without a value: ranked by the customers they concern, no MRR");
	findings_free(f);
}

int main(void)
{
	static data d;
	gsl_set_error_handler_off();
	if (make(&d) == 0)
		test_ranking(&d);
	else
		ok(0, "the test table is made");
	surv_analysis_free(d.a);
	table_free(d.t);
	return done_testing();
}

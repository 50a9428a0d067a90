/*
 * findings_reason_story.c - churn reasons in the executive summary
 * (docs/findings.md, "Churn reasons"): the breakdown of the reasons
 * result for the tests (findings_reasons_from, findings_reasons.h), and
 * the findings pass that turns each reason that grew significantly into a
 * FINDING_REASON and a notable share of involuntary churn into the
 * involuntary-churn action (findings_reason_pass, findings_kinds.h).
 */
#include "churnkit/findings.h"
#include "churnkit/findings_reasons.h"
#include "churnkit/fmtnum.h"
#include "findings/findings_common.h"
#include "findings/findings_kinds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

churn_status findings_reasons_from(const reasons_result *rr, const labelmap *labels,
                                   reasons_breakdown *b, reason_count **counts,
                                   churn_err *err)
{
	reason_count *c;

	memset(b, 0, sizeof *b);
	*counts = NULL;
	if (rr == NULL || !rr->has_period || !rr->has_previous || rr->nlevels == 0)
		return CHURN_OK;
	if ((c = calloc(rr->nlevels, sizeof *c)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "reasons: out of memory");
	for (size_t k = 0; k < rr->nlevels; k++) {
		int unknown = rr->has_unknown && k + 1 == rr->nlevels;
		c[k].label = unknown ? NULL : labels_level(labels, rr->column, rr->names[k]);
		c[k].name = unknown ? NULL : rr->names[k];
		c[k].involuntary = rr->has_split && !unknown ? rr->involuntary[k] : -1;
		c[k].churned[0] = rr->current.s.cell[k].churned;
		c[k].churned[1] = rr->previous.s.cell[k].churned;
		c[k].has_left = 1;
		c[k].left[0] = rr->current.from_start[k];
		c[k].left[1] = rr->previous.from_start[k];
		c[k].mrr[0] = rr->has_mrr ? rr->current.s.cell[k].churned_mrr : NAN;
		c[k].mrr[1] = rr->has_mrr ? rr->previous.s.cell[k].churned_mrr : NAN;
	}
	*b = (reasons_breakdown){c, rr->nlevels, {rr->current.at_start, rr->previous.at_start},
	                         {rr->current.label, rr->previous.label}};
	*counts = c;
	return CHURN_OK;
}

/* |log| of the ratio of the two shares, FINDINGS_ZERO_COUNT_ADD on zero
 * counts (as the period finding's strength). */
static double share_strength(const reason_count *r, const reasons_breakdown *b)
{
	double x1 = REASON_LEFT(r, 0), x2 = REASON_LEFT(r, 1);
	double add = (x1 == 0 || x2 == 0) ? FINDINGS_ZERO_COUNT_ADD : 0;
	return fabs(log((x1 + add) / b->at_start[0]) - log((x2 + add) / b->at_start[1]));
}

/* The finding of reason i, which grew (its test t). */
static void add_grew(const reasons_breakdown *b, size_t i, const reason_test *t,
                     double alpha, flist *l)
{
	const reason_count *r = &b->reason[i];
	const char *name = r->label && r->label[0] ? r->label : "no reason given";
	const char *now = b->period[0] ? b->period[0] : "this period";
	const char *before = b->period[1] ? b->period[1] : "the previous period";
	char a[32], c[32], p[32], foot[96];
	strbuf plain = STRBUF_INIT;

	fmtnum_pct_pair_says(t->share[0], t->share[1], a, c, sizeof a);
	fmtnum_p_says(t->p_adj, alpha, p, sizeof p);
	snprintf(foot, sizeof foot, "two-proportion test, BH-adjusted %s", p);
	findings_list_add(l, FINDING_REASON, 1, findings_strdup(t->text), t->share[0],
	                  findings_strdup(foot), t->p_adj, share_strength(r, b), NULL);
	if (l->oom)
		return;
	strbuf_printf(&plain, "Churn for \"%s\" grew: %s of the customers active at the start "
	              "of %s left for this reason, against %s in %s", name, a, now, c, before);
	findings_set_plain(l, strbuf_take(&plain), findings_strdup(foot));
	if (l->oom)
		return;
	finding *f = &l->item[l->n - 1];
	f->rate[0] = t->share[0];
	f->rate[1] = t->share[1];
	f->customers = r->churned[0];
	f->mrr = r->mrr[0];
	f->involuntary = r->involuntary == 1;
	if (r->name != NULL) {
		f->group = FINDING_GROUP_LEVEL;
		if ((f->level = findings_strdup(r->name)) == NULL)
			l->oom = 1;
	} else {
		f->group = FINDING_GROUP_MISSING;
	}
}

/* findings_kinds.h */
void findings_reason_pass(const findings_input *in, const findings_opts *o, flist *l,
                          findings_reason_action *act)
{
	const reasons_breakdown *b = in->reasons;
	reasons_findings *rf = NULL;
	churn_err e = {0};

	memset(act, 0, sizeof *act);
	if (b == NULL || b->nreasons == 0)
		return;
	if (findings_reasons_build(b, o->alpha, NAN, &rf, &e) != CHURN_OK) {
		l->oom = e.code == CHURN_ENOMEM;
		return;
	}
	for (size_t i = 0; i < rf->n && !l->oom; i++)
		if (rf->test[i].text != NULL)
			add_grew(b, i, &rf->test[i], o->alpha, l);
	/* The action when involuntary churn is a notable share of the
	 * period's customers or MRR (findings_reasons.h). */
	if (rf->has_action && (rf->invol_share >= FINDINGS_REASONS_NOTABLE ||
	                       rf->invol_mrr_share >= FINDINGS_REASONS_NOTABLE)) {
		act->has = 1;
		act->customers = rf->action_customers;
		act->mrr = rf->action_mrr;
		act->share = rf->invol_share;
		snprintf(act->period, sizeof act->period, "%s",
		         b->period[0] ? b->period[0] : "the period");
	}
	findings_reasons_free(rf);
}

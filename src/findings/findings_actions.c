/*
 * findings_actions.c - the actions answering the findings
 * (include/churnkit/findings_actions.h; the table of kinds, actions and
 * teams is docs/domain.md's "Actions from the findings").
 */
#include "churnkit/findings_actions.h"
#include "churnkit/strbuf.h"
#include "findings/findings_common.h"
#include "findings/findings_compare.h"
#include "findings/findings_kinds.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *team, *phrase;
} playbook[SEGMENT_NDRIVER] = {
	[SEGMENT_DRIVER_NONE] = {"Customer success", "Find out why they leave, and act on it: "},
	[SEGMENT_DRIVER_SERVICE] = {"Customer success", "Fast service recovery for "},
	[SEGMENT_DRIVER_USAGE] = {"Product", "Usage alerts and in-product guidance for "},
	[SEGMENT_DRIVER_PAYMENT] = {"Finance", "Dunning and card updater for "},
	[SEGMENT_DRIVER_CONTRACT] = {"Finance", "Offer annual terms to "},
	[SEGMENT_DRIVER_CONTACT] = {"Customer success", "Regular check-ins with "},
	[SEGMENT_DRIVER_ONBOARDING] = {"Customer success", "Onboarding programme for "},
	[SEGMENT_DRIVER_SATISFACTION] = {"Customer success", "Detractor follow-up for "},
	[SEGMENT_DRIVER_VALUE] = {"Marketing", "Value reminders before renewal for "},
};

const char *findings_action_team(segment_driver k)
{
	return (unsigned)k < SEGMENT_NDRIVER ? playbook[k].team : playbook[0].team;
}

const char *findings_action_phrase(segment_driver k)
{
	return (unsigned)k < SEGMENT_NDRIVER ? playbook[k].phrase : playbook[0].phrase;
}

/* An action whose targets targets() counts: its group's test, and the
 * tenure in months when only customers past the early window count. */
typedef struct {
	finding_action *a;
	finding_group_test gt;
	const double *past;
	size_t nloss;  /* customers whose expected loss is known */
} target;

/* Actions whose targets one pass counts: a bit each in a byte per row. */
#define TARGETS_BATCH 8

/* targets() for tg[0..nt-1], nt <= TARGETS_BATCH, in[row] holding bit j
 * when table row `row` is in the group of tg[j] (and past its early
 * window). */
static void targets_batch(target *tg, size_t nt, const segment_result *seg,
                          const uint8_t *in)
{
	for (size_t k = 0; k < seg->n; k++) {
		const segment_customer *sc = &seg->customers[k];
		unsigned bits = in[sc->row];
		if (bits == 0)
			continue;
		double w = (double)sc->weight;  /* customers: by the frequency weights */
		for (size_t j = 0; j < nt; j++) {
			if (!(bits >> j & 1))
				continue;
			finding_action *a = tg[j].a;
			a->customers += w;
			a->unscored += isnan(sc->p) ? w : 0;
			if (isfinite(sc->value))
				a->mrr += w * sc->value;
			if (isfinite(sc->expected_mrr_loss)) {
				a->expected_loss += w * sc->expected_mrr_loss;
				tg[j].nloss++;
			}
		}
	}
}

/* The targets' counts of each of the nt actions: active customers (seg's,
 * each entry standing for its weight's customers) in the group, their MRR,
 * expected loss, each action's sums taken in the customers' order.  The
 * groups are tested in table order first (a byte of flags per row), so
 * that the pass in the customers' (risk) order reads one small array
 * rather than the columns at random.  nrows: the table's rows.  0, or -1
 * when out of memory. */
static int targets(target *tg, size_t nt, const segment_result *seg, size_t nrows)
{
	uint8_t *in = malloc(nrows ? nrows : 1);
	if (in == NULL)
		return -1;
	for (size_t j = 0; j < nt; j++) {
		finding_action *a = tg[j].a;
		a->customers = a->unscored = a->mrr = a->expected_loss = 0;
	}
	for (size_t j0 = 0; j0 < nt; j0 += TARGETS_BATCH) {
		size_t nb = nt - j0 < TARGETS_BATCH ? nt - j0 : TARGETS_BATCH;
		memset(in, 0, nrows);
		for (size_t j = 0; j < nb; j++) {
			const target *x = &tg[j0 + j];
			uint8_t bit = (uint8_t)(1u << j);
			findings_group_test_rows(&x->gt, nrows, bit, in);
			for (size_t i = 0; x->past != NULL && i < nrows; i++)
				if (!(x->past[i] > FINDINGS_ACTION_PAST_MONTHS))
					in[i] &= (uint8_t)~bit;
		}
		targets_batch(tg + j0, nb, seg, in);
	}
	free(in);
	for (size_t j = 0; j < nt; j++) {
		finding_action *a = tg[j].a;
		a->mrr = seg->has_value ? a->mrr : NAN;
		a->expected_loss = seg->has_value && tg[j].nloss ? a->expected_loss : NAN;
		a->mrr_saved = a->expected_loss * seg->offer_effect;
	}
	return 0;
}

static int action_cmp(const void *pa, const void *pb)
{
	const finding_action *a = pa, *b = pb;
	double x = isfinite(a->mrr_saved) ? a->mrr_saved : -1;
	double y = isfinite(b->mrr_saved) ? b->mrr_saved : -1;
	if (x != y)
		return x > y ? -1 : 1;
	if (a->customers != b->customers && !isnan(a->customers) && !isnan(b->customers))
		return a->customers > b->customers ? -1 : 1;
	return a->finding < b->finding ? -1 : a->finding > b->finding;
}

static void actions_clear(findings *f)
{
	for (size_t i = 0; i < f->nactions; i++)
		free(f->action[i].text);
	free(f->action);
	f->action = NULL;
	f->nactions = 0;
}

/* The involuntary-churn action (findings.h, findings_reasons.h): it
 * answers the first kept finding of an involuntary reason, else none.
 * 0 when out of memory. */
static int involuntary_action(const findings *f, finding_action *a)
{
	a->finding = FINDINGS_NO_FINDING;
	for (size_t i = 0; i < f->n; i++)
		if (f->item[i].kind == FINDING_REASON && f->item[i].involuntary) {
			a->finding = i;
			break;
		}
	a->kind = (int)SEGMENT_DRIVER_PAYMENT;
	a->team = findings_action_team(SEGMENT_DRIVER_PAYMENT);
	a->involuntary = 1;
	a->churn_share = f->reason_action_share;
	a->customers = f->reason_action_customers;
	a->mrr = f->reason_action_mrr;
	a->expected_loss = a->unscored = NAN;
	a->mrr_saved = a->mrr * f->offer_effect;
	return (a->text = findings_strdup(FINDINGS_REASONS_ACTION)) != NULL;
}

churn_status findings_actions(findings *f, const findings_actions_input *in, churn_err *err)
{
	const table *t = in->t;
	const segment_result *seg = in->seg;

	actions_clear(f);
	f->offer_effect = seg ? seg->offer_effect : NAN;
	f->horizon_months = seg ? seg->horizon_months : NAN;
	if (f->n == 0 && !f->has_reason_action)
		return CHURN_OK;
	f->action = calloc(f->n + 1, sizeof *f->action);
	target *tg = calloc(f->n + 1, sizeof *tg);
	size_t nt = 0;
	if (f->action == NULL || tg == NULL) {
		free(tg);
		return churn_err_set(err, CHURN_ENOMEM, "findings: out of memory");
	}
	for (size_t i = 0; i < f->n; i++) {
		const finding *x = &f->item[i];
		if ((x->kind != FINDING_SEGMENT && x->kind != FINDING_DRIVER) || x->subject == NULL)
			continue;
		int side = findings_target_side(x);
		finding_group g = side ? x->group_b : x->group;
		const char *level = side ? x->level_b : x->level;
		double cut = side ? x->cut_b : x->cut;
		const table_col *c = t ? table_find(t, x->subject) : NULL;
		finding_action *a = &f->action[f->nactions];
		/* The group's side of a numeric column: its playbook must take that
		 * side for the risky one (recommend_driver_sided). */
		int gside = g == FINDING_GROUP_ATLEAST || g == FINDING_GROUP_FLAG     ? 1
		            : g == FINDING_GROUP_ATMOST || g == FINDING_GROUP_NOFLAG ? -1
		                                                                    : 0;
		segment_driver k = recommend_driver_sided(x->subject,
		                                          g == FINDING_GROUP_LEVEL ? level : NULL,
		                                          gside, in->map, in->nmap);
		/* Annual terms for the monthly customers past the early window. */
		const double *past = k == SEGMENT_DRIVER_CONTRACT && seg != NULL && c != NULL
		                             ? in->tenure_months : NULL;
		strbuf b = {0};
		strbuf_printf(&b, "%s", findings_action_phrase(k));
		findings_group_words(&b, in->labels, x->subject, g, level, cut, x->lowest);
		if (past != NULL)
			strbuf_printf(&b, " past month %d", FINDINGS_ACTION_PAST_MONTHS);
		if ((a->text = strbuf_take(&b)) == NULL) {
			actions_clear(f);
			free(tg);
			return churn_err_set(err, CHURN_ENOMEM, "findings: out of memory");
		}
		a->finding = i;
		a->kind = (int)k;
		a->team = findings_action_team(k);
		a->phrase = findings_action_phrase(k);
		a->customers = side ? NAN : x->customers;
		a->mrr = side ? NAN : x->mrr;
		a->expected_loss = a->mrr_saved = a->unscored = a->churn_share = NAN;
		/* The concern is counted on the same side (findings_concern.c). */
		a->finding_group = past == NULL && k != SEGMENT_DRIVER_NONE;
		if (c != NULL && seg != NULL) {
			tg[nt] = (target){a, .past = past};
			findings_group_test_init(&tg[nt++].gt, g, level, cut, c);
		}
		f->nactions++;
	}
	int oom = nt > 0 && targets(tg, nt, seg, t->nrows) != 0;
	free(tg);
	if (oom) {
		actions_clear(f);
		return churn_err_set(err, CHURN_ENOMEM, "findings: out of memory");
	}
	for (size_t j = 0; j < f->nactions; j++) {
		finding_action *a = &f->action[j];
		a->finding_group = a->finding_group && a->customers == f->item[a->finding].customers;
	}
	if (f->has_reason_action && !involuntary_action(f, &f->action[f->nactions++])) {
		actions_clear(f);
		return churn_err_set(err, CHURN_ENOMEM, "findings: out of memory");
	}
	qsort(f->action, f->nactions, sizeof *f->action, action_cmp);
	return CHURN_OK;
}

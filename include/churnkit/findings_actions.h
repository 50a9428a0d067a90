/*
 * findings_actions.h - the top actions of the executive summary, each
 * answering one finding (docs/domain.md, "Actions from the findings"):
 * for every segment or driver finding, the group of customers that churns
 * more (the finding's own group, or the one it is compared with when that
 * one churns more), the kind of its column and level (recommend.h's
 * keywords: contract, onboarding, payment, usage, ...), the action and
 * the team that owns it by that kind, the active customers it targets
 * and their MRR, and the MRR it would save: the targets' expected MRR loss
 * (sum p x value over the scored ones, segment.h) times the offer effect.
 * A contract action ("Offer annual terms to customers with contract =
 * monthly past month 3") targets only the customers past month
 * FINDINGS_ACTION_PAST_MONTHS when tenures are known.  The text names the
 * column and level by their labels when given ("... with Contract =
 * Month-to-month ...").
 *
 * Ownership: the actions go into f (findings_free frees them); the other
 * inputs are borrowed for the call.
 */
#ifndef CHURNKIT_FINDINGS_ACTIONS_H
#define CHURNKIT_FINDINGS_ACTIONS_H

#include "churnkit/err.h"
#include "churnkit/findings.h"
#include "churnkit/segment.h"
#include "churnkit/table.h"

/* The team that owns the action of driver kind k ("Customer success",
 * "Marketing", "Finance", "Product"), and the action's verb phrase
 * ("Offer annual terms to"). */
const char *findings_action_team(segment_driver k);
const char *findings_action_phrase(segment_driver k);

/* A contract action targets the customers past this many months of
 * tenure (the early-churn window of docs/domain.md, 90 days): the early
 * leavers are not the ones a longer term keeps. */
#define FINDINGS_ACTION_PAST_MONTHS 3

/* What the actions read. */
typedef struct {
	const table *t;                /* the loaded table */
	const segment_result *seg;     /* NULL: targets from the findings' own
	                                  counts, no MRR saved */
	const segment_driver_map *map; /* the caller's column -> kind list */
	size_t nmap;
	const double *tenure_months;   /* per table row, the active customer's
	                                  tenure in months (NaN unknown); NULL:
	                                  none (durations), no tenure rule */
	const labelmap *labels;        /* the names of columns and levels in the
	                                  actions' text (labels.h); NULL: raw */
} findings_actions_input;

/* Builds the actions of f's findings.  Replaces any actions f had.
 * CHURN_OK, or CHURN_ENOMEM (f keeps no action). */
churn_status findings_actions(findings *f, const findings_actions_input *in, churn_err *err);

#endif

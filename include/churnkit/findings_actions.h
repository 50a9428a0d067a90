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

/* Builds the actions of f's findings on table t (the loaded table) with
 * the segments seg (NULL: targets from the findings' own counts, no MRR
 * saved) and the caller's column -> kind list map[0..nmap).  Replaces any
 * actions f had.  CHURN_OK, or CHURN_ENOMEM (f keeps no action). */
churn_status findings_actions(findings *f, const table *t, const segment_result *seg,
                              const segment_driver_map *map, size_t nmap, churn_err *err);

#endif

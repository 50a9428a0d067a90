/*
 * findings_json.h - the findings (findings.h) as the "findings" array of
 * the report's --json: per finding its text (the plain words), footnote
 * (the test), detail (the statistical sentence), customers and mrr it
 * concerns (null when not known), test, p (null when none) and whether
 * it is significant; a segment also has its column and the observed
 * rates of its two levels; a driver also has its subject, whether it is
 * reversed, and the observed and predicted rates of its two groups
 * (docs/findings.md).
 *
 * Ownership: f is borrowed (NULL gives an empty array); the array returned
 * is the caller's (json_object_put).
 */
#ifndef CHURNKIT_FINDINGS_JSON_H
#define CHURNKIT_FINDINGS_JSON_H

#include <stdio.h>

#include <json-c/json.h>

#include "churnkit/findings.h"

json_object *findings_json(const findings *f);

/* The actions answering the findings (findings_actions.h) as the
 * "actions" array: per action its text, team, finding (index into
 * "findings"), customers, mrr, expected_mrr_loss, mrr_saved and the
 * offer_effect assumed (null when not known). */
json_object *findings_actions_json(const findings *f);

/* The first max findings of f for the text summary, one numbered line
 * each: the plain words, what it concerns, the test in brackets. */
void findings_text(FILE *out, const findings *f, size_t max);

/* The first max actions of f for the text summary, one numbered line
 * each: the action, its owner, targets and MRR saved. */
void findings_actions_text(FILE *out, const findings *f, size_t max);

#endif

/*
 * findings_json.h - the findings (findings.h) as the "findings" array of
 * the report's --json: per finding its text, test, p (null when none) and
 * whether it is significant; a driver also has its subject, whether it is
 * reversed, and the observed and predicted rates of its two groups
 * (docs/findings.md).
 *
 * Ownership: f is borrowed (NULL gives an empty array); the array returned
 * is the caller's (json_object_put).
 */
#ifndef CHURNKIT_FINDINGS_JSON_H
#define CHURNKIT_FINDINGS_JSON_H

#include <json-c/json.h>

#include "churnkit/findings.h"

json_object *findings_json(const findings *f);

#endif

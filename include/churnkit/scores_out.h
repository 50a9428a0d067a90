/*
 * scores_out.h - the scores list of `churnkit score` (scores.h, from a
 * model run, model_run.h) in JSON and in plain text; the CSV file itself
 * is scores_csv.h's.
 *
 * Ownership: the run and the list are borrowed; the JSON object returned
 * is the caller's (json_object_put).
 */
#ifndef CHURNKIT_SCORES_OUT_H
#define CHURNKIT_SCORES_OUT_H

#include <stdio.h>

#include <json-c/json.h>

#include "churnkit/model_run.h"
#include "churnkit/scores.h"

/* The "scores" block of the score command's --json: the file written
 * (path), customers, customers per band, the band cut points, the model
 * ("cox" or "logistic"), what the probability is of, and for a Cox model
 * the customers beyond the data, --min-n and the last time. */
json_object *scores_out_json(const model_run *m, const scores *s, const char *path);

/* The score command's summary on f: customers written to path, the
 * probability's definition and model, the bands, the unscored, and the
 * model's notes and warnings. */
void scores_out_summary(FILE *f, const model_run *m, const scores *s, const char *path);

#endif

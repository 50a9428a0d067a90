/*
 * modelrun_outcome.h - the churn outcome of the logistic model, for
 * modelrun.c (private to src/cli).
 *
 * --outcome COL[=VALUE]: the loaded 0/1 flag, for every row.  --horizon N:
 * horizon.h's rule (docs/horizon.md): dates keep the customers whose
 * potential follow-up reaches N; durations leave out those censored before
 * N and weight the rest by the inverse probability of censoring (m->ipcw),
 * the fit then being quasi-binomial with robust standard errors.
 */
#ifndef CHURNKIT_CLI_MODELRUN_OUTCOME_H
#define CHURNKIT_CLI_MODELRUN_OUTCOME_H

#include <stdio.h>

#include "modelrun.h"

/* Fills m->y, m->has_y, m->outcome, the counts left out, m->ipcw and
 * m->sample_note.  CHURN_EMODEL when no customer has an outcome. */
churn_status modelrun_build_outcome(modelrun *m, const cmd_data *d, churn_err *err);

/* The text's lines on the outcome, the sample and the rows left out. */
void modelrun_print_outcome(const modelrun *m, const cmd_data *d, FILE *f);

/* Adds the outcome's keys to the "model" object o (a json_object *):
 * rows_censored, rows_too_recent, rows_no_time_at_risk, weighting,
 * se_type, family, censoring_survival_at_horizon. */
void modelrun_outcome_json(const modelrun *m, void *o);

#endif

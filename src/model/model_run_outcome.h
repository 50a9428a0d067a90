/*
 * model_run_outcome.h - the churn outcome of the logistic model, for
 * model_run.c (private to src/model).
 *
 * --outcome COL[=VALUE]: the loaded 0/1 flag, for every row.  --horizon N:
 * horizon.h's rule (docs/horizon.md): dates keep the customers whose
 * potential follow-up reaches N; durations leave out those censored before
 * N and weight the rest by the inverse probability of censoring (m->ipcw),
 * the fit then being quasi-binomial with robust standard errors.
 */
#ifndef CHURNKIT_MODEL_RUN_OUTCOME_H
#define CHURNKIT_MODEL_RUN_OUTCOME_H

#include "churnkit/model_run.h"

/* Fills m->y, m->has_y, m->outcome, the counts left out, m->ipcw and
 * m->sample_note.  CHURN_EMODEL when no customer has an outcome. */
churn_status model_run_build_outcome(model_run *m, const model_run_input *d, churn_err *err);

/* (model_run.c) Copies the options into m. */
void model_run_set_options(model_run *m, const model_run_opts *o);

/* (model_run.c) The design's columns (all but the intercept), then the
 * terms that have no column (a single level in the rows used), into buf. */
const char *model_run_column_list(const design *dz, char *buf, size_t n);
#endif

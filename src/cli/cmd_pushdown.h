/*
 * cmd_pushdown.h - --push-down on the command line (pushdown.h,
 * docs/scaling.md): which options it refuses, the load that leaves the
 * rows in the database, and the survival and cohort stages run on its
 * counts.
 */
#ifndef CHURNKIT_CMD_PUSHDOWN_H
#define CHURNKIT_CMD_PUSHDOWN_H

#include "churnkit/model_run.h"
#include "churnkit/surv_run.h"
#include "cmd.h"
#include "stage_opts.h"

/* In place of the load (cmd_load.c): refuses the options whose rules the
 * SQL does not apply (CHURN_EUSAGE naming them), runs the push-down and
 * sets d->pushed to its counts and d->res to a result without columns
 * whose rows are the customers counted (the JSON's and the header's
 * counts). */
churn_status cmd_pushdown_load(const cli_opts *o, cmd_data *d, churn_err *err);

/* cli_surv_run on the counts: the counts are frequency weights, the rows
 * of every curve the customers they count; the texts name the user's map
 * (no --weight). */
churn_status cmd_pushdown_surv(surv_run *s, const cli_surv_opts *so, const cmd_data *d,
                               churn_err *err);

/* cli_cohort_run on the counts: each row of the counts is that many
 * customers (cohort_run.h's weight_col); no revenue history. */
churn_status cmd_pushdown_cohorts(cohort_run *c, const cli_cohort_opts *co, const cmd_data *d,
                                  churn_err *err);

/* The model stage with --push-down (model_run_fit_pushdown), after
 * cmd_pushdown_load (which only refuses options for the model): a
 * default cross-validation is left out, said in m->cv_note; --folds N
 * given is CHURN_EUSAGE.  Sets d->res's rows read and as-of date. */
churn_status cmd_pushdown_model(model_run *m, cli_model_opts *mo, const cli_opts *o,
                                cmd_data *d, churn_err *err);

#endif

/*
 * surv_reasons_out.h - renderings of the survival stage's competing risks
 * (surv_reasons.h, with --reason): the cumulative incidence of each reason
 * at the chosen times and Gray's tests as text; "cuminc" (one entry per
 * reason and curve, all customers first, then each --by level: by, level,
 * reason, n, at_times[] and steps[] with time, n_risk, estimate, se, lower,
 * upper), "cuminc_conf_type", "gray_test" (by, reason, events, statistic,
 * df, p, note) and "gray_note" inside survival.reasons; and the --tables
 * files survival_cuminc.csv (steps), survival_cuminc_at.csv (the chosen
 * times) and survival_gray.csv (docs/contract.md, "Churn reasons").
 * Each does nothing when the run has no reasons.  Borrows everything.
 */
#ifndef CHURNKIT_SURV_REASONS_OUT_H
#define CHURNKIT_SURV_REASONS_OUT_H

#include <stdio.h>

#include "churnkit/err.h"
#include "churnkit/outfile.h"
#include "churnkit/tabledest.h"
#include "churnkit/surv_run.h"

void surv_reasons_print(const surv_run *s, FILE *f);
/* Adds to root's survival.reasons (made when absent); root is a
 * json_object * with a "survival" member. */
churn_status surv_reasons_json(const surv_run *s, void *root, churn_err *err);
churn_status surv_reasons_write_tables(const surv_run *s, const table_dest *d,
                                       churn_err *err);

#endif

/*
 * findings_run.h - the findings stage, run from the library on the
 * results of the other stages' runners: what `churnkit report` states on
 * its executive summary (findings.h says how each finding is made).
 *
 * It takes alpha and min_n from the survival run (--alpha, --min-n), the
 * period KPIs from the cohort run when there is one, and from the model
 * run the logistic fit (its design, and the outcome and weights of the
 * fit's own sample, so that a driver is stated only when the plain churn
 * rates agree with it) and the Cox fit.  The outcome reads "churn" for a
 * given flag (--outcome), else the horizon's phrase ("churn within 12
 * months").
 *
 * With a model, it also gives the findings the loaded table, the active
 * customers (as the scores count them) and the value column, so that each
 * finding says the customers and MRR it concerns and the findings are
 * ranked by that MRR (docs/findings.md).
 *
 * Ownership: the runs are borrowed during the call; *out is new (free with
 * findings_free).
 */
#ifndef CHURNKIT_FINDINGS_RUN_H
#define CHURNKIT_FINDINGS_RUN_H

#include "churnkit/cohort_run.h"
#include "churnkit/findings.h"
#include "churnkit/labels.h"
#include "churnkit/model_run.h"
#include "churnkit/segment_run.h"
#include "churnkit/surv_run.h"

/* Builds the findings of sv, co (NULL: no cohorts), m fitted on mi
 * (NULL: no model) and the churn reasons' breakdown rb (NULL: none;
 * findings_reasons_from), their sentences naming columns and levels by
 * the labels lm (NULL: the raw names).  The errors of model_run_logit_sample
 * and findings_build. */
churn_status findings_run(const surv_run *sv, const cohort_run *co, const model_run *m,
                          const model_run_input *mi, const labelmap *lm,
                          const reasons_breakdown *rb, findings **out, churn_err *err);

/* Builds the actions answering fd's findings (findings_actions.h) on the
 * loaded table t: their targets from the segment run g (NULL: from the
 * findings' own counts, no MRR saved), the driver kinds from map[nmap],
 * and, on dated data, the active customers' tenure from the model run m's
 * survival data (NULL: no tenure rule); their text names columns and
 * levels by the labels lm (NULL: the raw names).  CHURN_ENOMEM, or the
 * errors of findings_actions. */
churn_status findings_run_actions(findings *fd, const table *t, const model_run *m,
                                  const segment_run *g, const segment_driver_map *map,
                                  size_t nmap, const labelmap *lm, churn_err *err);

#endif

/*
 * report_reasons_in.h - the page "Why customers leave" (report_reasons.h)
 * filled from the stage results of `churnkit report --reason COL`: the
 * reason breakdown of the reporting period and the one before (reasons.h),
 * the cumulative incidence and Gray's test of the survival stage
 * (surv_reasons.h), the tests and action of findings_reasons.h.
 *
 * The breakdown's counts and MRR are the period's churned customers (as
 * cohorts.reasons gives them); the test's numerators (reason_count.left)
 * are those of them who were active at the period's start
 * (reasons_period.from_start), over those active at the start (at_start).  Reasons are named through the
 * labels (--label, [labels]); "unknown" stays the unknown level.  The curves
 * are the all-customers incidence, in months for dates; Gray's test is the
 * first --by column's.
 *
 * Without a reporting period and the one before (duration data, or
 * cohorts left out), the page shows every churned customer of the data by
 * reason (reasons_result.overall) and the chart, with a line saying why no
 * period is compared (report_reasons.no_period), and no test or action.
 * No page (report_reasons_of gives NULL) without a reason column or
 * without a churned customer.
 *
 * Ownership: *out owns every array the report_reasons points at; it borrows
 * the names of the runs and labels, which must outlive it.  Free with
 * report_reasons_hold_free (NULL is fine).
 */
#ifndef CHURNKIT_REPORT_REASONS_IN_H
#define CHURNKIT_REPORT_REASONS_IN_H

#include "churnkit/err.h"
#include "churnkit/labels.h"
#include "churnkit/reasons.h"
#include "churnkit/report_reasons.h"
#include "churnkit/surv_run.h"

typedef struct report_reasons_hold report_reasons_hold;

/* rr and sv may be NULL (no page).  alpha: the findings' level;
 * offer_effect: the action's assumed effect (NaN: no saving). */
churn_status report_reasons_from_runs(const reasons_result *rr, const surv_run *sv,
                                      const labelmap *labels, double alpha,
                                      double offer_effect, report_reasons_hold **out,
                                      churn_err *err);
/* The page's input, or NULL for no page. */
const report_reasons *report_reasons_of(const report_reasons_hold *h);
void report_reasons_hold_free(report_reasons_hold *h);

#endif

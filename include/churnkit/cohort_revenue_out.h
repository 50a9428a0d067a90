/*
 * cohort_revenue_out.h - renderings of the revenue retention by cohort
 * (cohort_revenue.h): the "revenue_retention" object of the cohorts JSON
 * and the --tables file cohorts_mrr_retention.csv (docs/outputs.md).
 */
#ifndef CHURNKIT_COHORT_REVENUE_OUT_H
#define CHURNKIT_COHORT_REVENUE_OUT_H

#include "churnkit/cohort_revenue.h"
#include "churnkit/err.h"
#include "churnkit/outfile.h"
#include "churnkit/tabledest.h"

/* A new json_object (returned as void *, a json_object *):
 * {"mrr": "revenue history", "history_first_month", "history_last_month",
 *  "rows": [{"cohort", "size", "mrr": [...], "retention": [...]}],
 *  "mean": {"n_cohorts": [...], "weighted": [...]}}; NULL when out of memory. */
void *cohort_revenue_json(const cohort_revenue *r);

/* Writes cohorts_mrr_retention.csv to d (tabledest.h): cohort,size,mrr0,m0,m1,...
 * (retention per month since signup), then the weighted mean row. */
churn_status cohort_revenue_write_csv(const table_dest *d, const cohort_revenue *r,
                                      churn_err *err);

#endif

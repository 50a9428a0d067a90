/*
 * report_exec_json.h - the executive summary's trend and MRR bridge as
 * members of the report's --json "report" object (docs/contract.md):
 *   "trend":  the periods kpi_trend picks, oldest first, each
 *             {period, customers_end, mrr_end, churn_rate, grr, nrr}, the
 *             same numbers as `churnkit cohorts --json`'s kpis.periods
 *             (end, mrr_end, churn_rate, grr, nrr); [] without a
 *             reporting period;
 *   "bridge": the reporting period's MRR movements {period, source
 *             ("history" or "constant"), start, new, expansion, contraction,
 *             churned, reactivation, churn_change, end}, where exactly
 *             end = start + new + expansion - contraction - churned
 *                   + reactivation + churn_change (revenue.h);
 *             null without MRR for the period.
 *
 * Ownership: k is borrowed (NULL: an empty trend and a null bridge); the
 * members added belong to rep.  Returns 0 when memory runs out.
 */
#ifndef CHURNKIT_REPORT_EXEC_JSON_H
#define CHURNKIT_REPORT_EXEC_JSON_H

#include <json-c/json.h>

#include "churnkit/kpi.h"

int report_exec_json_add(json_object *rep, const kpi_result *k);

#endif

/*
 * surv_json.h - the "survival" object of docs/contract.md's JSON schema, built
 * from a surv_analysis (surv_analysis.h).
 *
 *   {"time_unit", "conf_type", "conf_level", "rho", "n", "events",
 *    "followup_median", "followup_lower", "followup_upper",
 *    "curves": [{"by", "level", "n", "rows", "events", "median",
 *                "median_lower", "median_upper", "rmst", "rmst_se", "rmst_tau",
 *                "quantiles": [{"p", "time", "lower", "upper"}],
 *                "at_times": [{"time", "n_risk", "n_event", "n_censor", "surv",
 *                              "se", "lower", "upper"}],
 *                "steps": [{"time", "n_risk", "n_event", "n_censor", "surv",
 *                           "se", "lower", "upper", "cumhaz", "cumhaz_se"}]}],
 *    "logrank": [{"by", "rho", "chisq", "df", "p", "log_p", "note",
 *                 "missing",
 *                 "groups": [{"level", "n", "observed", "expected"}],
 *                 "pairwise": [{"a", "b", "chisq", "df", "p", "log_p",
 *                               "p_adjusted", "note", "observed_a",
 *                               "expected_a", "observed_b", "expected_b"}]}],
 *    "by_missing": {"COL": n, ...},
 *    "hazard": {"month_length", "early_threshold", "early_share",
 *               "early_events", "events",
 *               "months": [{"month", "n_risk", "n_event", "rate"}]}}
 *
 * "se" is the standard error of S itself.  Keys beyond docs/contract.md's
 * (quantiles, cumhaz, pairwise, hazard, ...) only add.  Every number goes
 * through jsonout.h's json_num: full round-trip precision, NaN and
 * infinities as null (R's NA).  "pairwise" is present only for columns
 * with three or more levels; "hazard" only when it was asked for (null,
 * with a "hazard_note" saying why, when it could not be made).
 * A test that could not be made (logrank.h: nobody churned, ...) has chisq,
 * p and log_p null, df 0 and "note" saying why; "note" is null otherwise.
 * "missing" (in a test) and "by_missing" (per grouping column, tested or
 * not) count the weighted customers with no value in that column, who are
 * in the all-customers curve only.
 *
 * Ownership: *out is a new json-c object (reference count 1) the caller
 * releases with json_object_put.
 */
#ifndef CHURNKIT_SURV_JSON_H
#define CHURNKIT_SURV_JSON_H

#include <json-c/json.h>

#include "churnkit/err.h"
#include "churnkit/surv_analysis.h"

/* `time_unit` is docs/contract.md's "days" or "as given".  `steps` 0 leaves the
 * per-step arrays out (they can be long); 1 writes them.
 * Errors: CHURN_EUSAGE for a NULL argument; CHURN_ENOMEM. */
churn_status surv_json_build(const surv_analysis *a, const char *time_unit,
                             int steps, json_object **out, churn_err *err);

#endif

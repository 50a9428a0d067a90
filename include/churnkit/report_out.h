/*
 * report_out.h - what `churnkit report` writes beside the PDF: the --json
 * document's stage objects with its "findings" and "report" blocks, and the
 * plain-text summary printed once the outputs are in place.
 *
 * The report's stages are passed as their results (a NULL stage was not
 * run); nothing is computed here.  Ownership: everything is borrowed.
 */
#ifndef CHURNKIT_REPORT_OUT_H
#define CHURNKIT_REPORT_OUT_H

#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

#include "churnkit/cohort_run.h"
#include "churnkit/err.h"
#include "churnkit/findings.h"
#include "churnkit/model_run.h"
#include "churnkit/reasons.h"
#include "churnkit/segment_run.h"
#include "churnkit/surv_run.h"
#include "churnkit/table.h"

/* What a report run produced. */
typedef struct {
	const char *path;           /* the PDF written */
	size_t pages, bytes;        /* its pages and length */
	const char *sha256;         /* the input's SHA-256 (64 hex digits) */
	const surv_run *sv;         /* survival (always run) */
	const cohort_run *co;       /* cohorts and KPIs, or NULL when not run */
	const model_run *m;         /* the churn model, or NULL when not fitted */
	const segment_run *g;       /* the segments, or NULL */
	const table *t;             /* the loaded table and its --id column, for */
	const char *id_col;         /* the at-risk accounts of the segments */
	const findings *fd;         /* the findings, or NULL */
	const reasons_result *rr;   /* --reason: the churn-reason breakdown, or NULL */
	const char *no_cohorts_why; /* the option that kept cohorts out, or NULL */
	const char *no_model_why;   /* why the model could not be fitted, or NULL */
} report_outcome;

/* The "report" block: pages, input_sha256, revenue_at_risk_next_quarter
 * (null when unknown), and the executive summary's trend and bridge
 * (report_exec_json.h).  NULL when memory runs out. */
json_object *report_out_json(const report_outcome *o);

/* Adds the run's objects to the document root: survival, cohorts and KPIs,
 * the model, the segments (each when run), "findings" and "report".  On
 * failure (a stage's writer's status) root holds part of them. */
churn_status report_out_json_add(const report_outcome *o, json_object *root, churn_err *err);

/* The summary on f: the PDF written, its pages and bytes, the first five
 * findings, and why pages were left out (cohorts, model, segments). */
void report_out_summary(FILE *f, const report_outcome *o);

#endif

/*
 * report_input.h - the report's input (report.h) assembled from the stage
 * runs of `churnkit report`: what each page shows, taken from the results
 * the survival, cohort, model, segment and findings stages computed.
 *
 * The caller runs the stages (surv_run.h, cohort_run.h, model_run.h,
 * segment_run.h, findings_run.h) and passes their results with the report
 * settings; report_input_from_runs fills a report_input that borrows from
 * them, for report_render.  A stage that was not run is a NULL member of
 * report_runs, and the members it would feed stay NULL (cost_previous NaN),
 * so its pages are left out.  Nothing is computed here.
 *
 * Ownership: everything is borrowed; the report_input is valid while the
 * settings and the runs are.
 */
#ifndef CHURNKIT_REPORT_INPUT_H
#define CHURNKIT_REPORT_INPUT_H

#include <stddef.h>

#include "churnkit/cohort_run.h"
#include "churnkit/findings.h"
#include "churnkit/load.h"
#include "churnkit/model_run.h"
#include "churnkit/report.h"
#include "churnkit/scores.h"
#include "churnkit/segment_run.h"
#include "churnkit/surv_run.h"

/* The title used when report_settings.title is NULL. */
#define REPORT_TITLE_DEFAULT "Customer retention report"

/* The report definition, as the options give it. */
typedef struct {
	const char *title;          /* --title, or NULL: REPORT_TITLE_DEFAULT */
	const char *company;        /* --company, or NULL */
	int letter;                 /* 1: US Letter, 0: A4 */
	const char *generated;      /* "2026-11-23 10:15 UTC", or NULL (not printed) */
	int generated_ymdhms[6];    /* the same as numbers */
	const char *version;        /* churnkit's */
	const report_option *options;
	size_t noptions;
	const char *input_name;     /* the CSV's path as given */
	const labelmap *labels;     /* --label and [labels], or NULL */
	const char *currency;       /* --currency (ISO 4217), or NULL */
} report_settings;

/* The results of the stages the report was run with. */
typedef struct {
	const load_result *load;    /* the loaded input (table, counts, as-of, SHA-256) */
	const load_map *map;        /* its mapping: the --id and --value names */
	const surv_run *sv;         /* survival (always run) */
	const cohort_run *co;       /* cohorts and KPIs, or NULL when not run */
	const model_run *m;         /* the churn model, or NULL (not asked for, or
	                               not fitted: see model_note) */
	const char *model_note;     /* why the model could not be fitted, or NULL */
	const segment_run *g;       /* the segments, or NULL (no model or no --id) */
	const scores *sc;           /* the scores the segments are of (with g) */
	const findings *fd;         /* the findings for the summary, or NULL */
} report_runs;

/* Fills *in from the settings and the runs (every member report.h lists
 * that the runs give; the rest zero). */
void report_input_from_runs(const report_settings *set, const report_runs *runs,
                            report_input *in);

#endif

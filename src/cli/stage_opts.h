/*
 * stage_opts.h - the command line's options turned into the option
 * structs of the stages' runners in the library (surv_run.h,
 * cohort_run.h, model_run.h, segment_run.h), the runners' inputs made
 * from the loaded data (cmd_data), and what the command line adds around
 * a runner (the revenue file's warnings, the scores file): what the
 * subcommands share.  The options are read before loading, so that option
 * mistakes fail fast; usage errors name the option (and, for most, where
 * it was given).
 *
 * Ownership: each struct owns the option text its fields point into; free
 * it with its _free function even after a failure.
 */
#ifndef CHURNKIT_CLI_STAGE_OPTS_H
#define CHURNKIT_CLI_STAGE_OPTS_H

#include "churnkit/cohort_run.h"
#include "churnkit/model_run.h"
#include "churnkit/segment_run.h"
#include "churnkit/surv_run.h"
#include "cmd.h"

/* The segments stage's options: --offer-effect F (share of churn a
 * retention offer prevents, 0-1, default 0.25), --incentive-months M (an
 * offer's cost in months of MRR, default 1), --driver COL=KIND
 * (repeatable: the action kind of a driver column, overriding the keyword
 * rules of recommend.h; named once per column); top_n SEGMENT_RUN_TOP_N. */
typedef struct {
	segment_opts so;             /* drivers point into map */
	char **driver_opts;          /* --driver list (owned) */
	size_t ndrivers;
	segment_driver_map *map;     /* [ndrivers]: columns point into driver_opts */
} cli_segment_opts;

churn_status cli_segment_opts_read(cli_segment_opts *g, const cli_opts *o, churn_err *err);
void cli_segment_opts_free(cli_segment_opts *g);

/* Runs the segments stage on the scores s of the model m fitted on d. */
churn_status cli_segment_run(segment_run *g, const cli_segment_opts *go, const model_run *m,
                             const cmd_data *d, const scores *s, churn_err *err);

/* The survival stage's options: --times (a list of times >= 0, in months
 * for dates, in the duration's unit otherwise), --rmst-tau, --conf-type,
 * --conf-level, --rho, --alpha, --min-n.  Needs --start or --duration;
 * when neither is given the usage error quotes `synopsis`, the command's
 * usage line. */
typedef struct {
	surv_run_opts so;            /* times point into `times` when given */
	double *times;               /* --times (owned) */
} cli_surv_opts;

churn_status cli_surv_opts_read(cli_surv_opts *s, const cli_opts *o, const char *synopsis,
                               churn_err *err);
void cli_surv_opts_free(cli_surv_opts *s);

/* Runs the survival stage on the loaded data d. */
churn_status cli_surv_run(surv_run *s, const cli_surv_opts *so, const cmd_data *d,
                          churn_err *err);

/* The cohort stage's options: --period, --exclude-same-period, --revenue
 * FILE and --revenue-rejects FILE, --expansion-rate (a fraction 0..1),
 * --cac, --min-n, and --alpha (not used here, but a config shared with
 * survival passes it, so it is checked alike); refused: --duration
 * (cohorts are signup months and need dates), --entry and --weight (every
 * customer counts once from signup), a missing --start (the usage error
 * quotes `synopsis`), --revenue without --id, --revenue-rejects without
 * --revenue. */
typedef struct {
	cohort_run_opts co;          /* revenue paths borrowed from the cli_opts */
	int quiet;                   /* --quiet: no warnings about revenue rows */
	const char *revenue_db;      /* --db with --revenue-table or --revenue-query,
	                                else NULL (borrowed) */
	const char *revenue_table, *revenue_query;
	char revenue_name[300];      /* their name ("postgresql:TABLE"), which
	                                co.revenue_path points to */
} cli_cohort_opts;

churn_status cli_cohort_opts_read(cli_cohort_opts *c, const cli_opts *o, const char *synopsis,
                                 churn_err *err);

/* Runs the cohort stage on the loaded data d (reading the revenue history
 * from the database with --revenue-table or --revenue-query), then (unless --quiet) warns
 * on stderr about the revenue file's bad rows as cmd_load does for the
 * customers: the first ten, and how many were left out (or, when there
 * were too many, the run's own error says the rest). */
churn_status cli_cohort_run(cohort_run *c, const cli_cohort_opts *co, const cmd_data *d,
                            churn_err *err);

/* What the model stage's options ask for (cli_model_opts_read's flags). */
enum {
	CLI_MODEL_NEED_LOGIT = 1 << 0,  /* an outcome is required (score, report) */
	CLI_MODEL_CV_DEFAULT = 1 << 1,  /* cross-validate unless --folds 0 (model) */
	CLI_MODEL_HORIZON_COX = 1 << 2  /* --horizon scores from the Cox model (score) */
};

/* The model stage's options: --features, --reference, --outcome or
 * --horizon, --cox, --ties, --folds, --seed, --conf-level, --firth,
 * --impute, --alpha, --min-n.  Usage errors name the option. */
typedef struct {
	model_run_opts mo;           /* the lists point into features, references */
	char **features, **references;  /* owned (opt_list) */
} cli_model_opts;

churn_status cli_model_opts_read(cli_model_opts *c, const cli_opts *o, unsigned flags,
                                churn_err *err);
void cli_model_opts_free(cli_model_opts *c);

/* The model stage's input from the loaded data d. */
model_run_input cli_model_input(const cmd_data *d);

/* Writes the scores CSV (scores.h) atomically to path ("-" = stdout), with
 * the segment and action texts of each entry (arrays of s->n, or NULL). */
churn_status cli_model_write_scores(const model_run *m, const cmd_data *d, const char *path,
                                   const scores *s, const char *const *segments,
                                   const char *const *actions, outset *outs,
                                   churn_err *err);
/* The same into of, a file of the set already open for path (the report
 * opens it before it writes it on a thread of its own); commits of, or
 * aborts it on an error. */
churn_status cli_model_write_scores_to(outfile *of, const model_run *m, const cmd_data *d,
                                      const char *path, const scores *s,
                                      const char *const *segments, const char *const *actions,
                                      churn_err *err);

#endif

/*
 * segment_run.h - the segments stage, run from the library: value x risk
 * segments, the playbook per cell, incentives only where they pay, and the
 * action per scored customer (segment.h), from a model's scores.  Used by
 * `churnkit score` and `churnkit report`, which turn their options
 * (--offer-effect, --incentive-months, --driver COL=KIND) into a
 * segment_opts (segment.h) and call segment_run_build, then the writers.
 *
 * The value of a customer is the value column (when no active customer has
 * one, there is one value tier, and the at-risk accounts are ranked by
 * probability); the horizon of the scores is the model's horizon in months,
 * or SEGMENT_HORIZON_DEFAULT (12) months assumed, and said so
 * (horizon_assumed), when the scores have no horizon in months (a given
 * churn flag, or durations of unknown unit).  A driver override must name
 * a column of the table (CHURN_EUSAGE otherwise).
 *
 * Ownership: the segment_run owns its result and its arrays; the input's
 * table, scores and design and the options' driver map are borrowed and
 * must outlive it.  Free with segment_run_free even after a failure.
 */
#ifndef CHURNKIT_SEGMENT_RUN_H
#define CHURNKIT_SEGMENT_RUN_H

#include "churnkit/design.h"
#include "churnkit/load.h"
#include "churnkit/model_run.h"
#include "churnkit/outfile.h"
#include "churnkit/tabledest.h"
#include "churnkit/scores.h"
#include "churnkit/segment.h"
#include "churnkit/table.h"

/* The top accounts by expected loss that segment_opts.top_n keeps for
 * `churnkit score`, of which the medium- and high-risk ones are shown. */
#define SEGMENT_RUN_TOP_N 200

/* What the stage reads. */
typedef struct {
	const table *t;              /* the loaded table */
	const char *value_col;       /* the value column (--value), or NULL */
	const scores *s;             /* the scored customers */
	const design *score_design;  /* the design the scores were computed on */
	int horizon_known;           /* 1: the scores' horizon is horizon_months */
	double horizon_months;       /* the scores' horizon in months (dated data) */
	/* What the probabilities are of (risk_definition): */
	int score_cox;               /* 1: Cox probabilities over `horizon` */
	int date_mode;               /* 1: `horizon` is in months (dates) */
	double horizon;              /* the model's --horizon as given */
	const char *time_unit;       /* durations: their unit ("months"), or NULL */
	const char *outcome;         /* the logistic outcome's text ("churn within
	                                12 months"), or NULL */
} segment_run_input;

/* The input of the segments stage for the scores s of the model m fitted
 * on the loaded data res, the value column value_col (or NULL): the
 * scores' horizon in months is known for --horizon on dated data only. */
void segment_run_input_of_model(segment_run_input *in, const model_run *m,
                                const load_result *res, const char *value_col,
                                const scores *s);

typedef struct {
	double *value;               /* per table row, or NULL without a known value */
	int horizon_assumed;         /* 1: no horizon in months: 12 months assumed */
	segment_result *r;
	const char **labels;         /* [s->n] segment label per entry */
	const char **actions;        /* [s->n] action per entry */
	size_t nbeyond;              /* customers beyond the data (not segmented by
	                                risk; docs/proportional-hazards.md) */
	char risk_definition[200];   /* what a churn probability is of, for the
	                                report's sentences ("probability of X"):
	                                "churning within H month(s)" for Cox
	                                scores on dates, "churning within H time
	                                units" on durations, else the logistic
	                                outcome's text ("churning" without one) */
	int risk_horizon;            /* 1: the probability is of churning within a
	                                time (Cox scores), 0: of an outcome */
} segment_run;

/* Builds the segments of the scored customers in->s with the options o
 * (its horizon_months is set here from the input).  g must be zeroed (or
 * freed) before.  CHURN_EUSAGE when a driver override names no column of
 * the table; the errors of segment_build; CHURN_ENOMEM. */
churn_status segment_run_build(segment_run *g, const segment_run_input *in,
                               const segment_opts *o, churn_err *err);
/* The stage's renderings (JSON, --tables) are defined in
 * src/output/segment_run_out.c: the runner computes, the output layer renders. */

/* Adds to the document root (a json_object *) "segments", one object per
 * value x risk cell, "segment_rules", and "at_risk_accounts": up to 30
 * medium- or high-risk customers with the largest expected MRR loss (among
 * the top_n of the segments), with their segment and action, named by the
 * id column id_col of t (or NULL). */
void segment_run_json(const segment_run *g, const table *t, const char *id_col, void *root);
/* Writes segments.csv (one row per cell, as the JSON's "segments") to d
 * (tabledest.h; its directory created when missing). */
churn_status segment_run_write_tables(const segment_run *g, const table_dest *d,
                                      churn_err *err);
/* Frees what g holds and zeroes it; accepts NULL. */
void segment_run_free(segment_run *g);

#endif

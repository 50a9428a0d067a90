/*
 * segrun.h - the segments stage of the command line, shared by `churnkit
 * score` and `churnkit report`: value x risk segments, the playbook per
 * cell, incentives only where they pay, and the action per scored customer
 * (segment.h), from the scores of modelrun.h.
 *
 * Options: --offer-effect F (share of churn a retention offer prevents,
 * 0-1, default 0.25), --incentive-months M (an offer's cost in months of
 * MRR, default 1), --driver COL=KIND (repeatable: the action kind of a
 * driver column, overriding the keyword rules of recommend.h; the column
 * must exist, and be named once).  The value of a customer is --value
 * (when no active customer has one, there is one value tier); the horizon
 * of the scores is --horizon in months, or 12 months assumed (and said so)
 * when the outcome is a given flag or the times are durations.
 *
 * Ownership: the segrun owns its result and text arrays; the modelrun,
 * cmd_data and scores are borrowed and must outlive it.  Free with
 * segrun_free even after a failure.
 */
#ifndef CHURNKIT_CLI_SEGRUN_H
#define CHURNKIT_CLI_SEGRUN_H

#include "churnkit/scores.h"
#include "churnkit/segment.h"
#include "cmd.h"
#include "modelrun.h"

typedef struct {
	segment_opts so;
	char **driver_opts;          /* --driver list (owned) */
	size_t ndrivers;
	segment_driver_map *map;     /* [ndrivers]: columns point into driver_opts */
	double *value;               /* per table row, or NULL without --value */
	int horizon_assumed;         /* 1: no horizon in months (--outcome, or
	                                durations): 12 months assumed */
	segment_result *r;
	const char **labels;         /* [scores->n] segment label per entry */
	const char **actions;        /* [scores->n] action per entry */
	size_t nbeyond;              /* customers beyond the data (not segmented by
	                                risk; docs/proportional-hazards.md) */
} segrun;

churn_status segrun_options(segrun *g, const cli_opts *o, churn_err *err);
/* Builds the segments of the scored customers s. */
churn_status segrun_build(segrun *g, const modelrun *m, const cmd_data *d, const scores *s,
                          churn_err *err);
/* Adds to the document root (a json_object *) "segments", one object per
 * value x risk cell, and "at_risk_accounts": up to 30 medium- or high-risk
 * customers with the largest expected MRR loss (among the top_n of the
 * segments), with their segment and action. */
void segrun_json(const segrun *g, const cmd_data *d, void *root);
/* Writes segments.csv (one row per cell, as the JSON's "segments") into
 * dir, created when missing. */
churn_status segrun_write_tables(const segrun *g, const char *dir, outset *outs,
                                 churn_err *err);
void segrun_free(segrun *g);

#endif

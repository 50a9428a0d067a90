/*
 * report.h - the PDF report: every page docs/contract.md lists, drawn from results
 * the pipeline has already computed.
 *
 * The report computes no statistic of its own: the caller (churnkit report)
 * runs the stages and hands their results over in a report_input; the
 * report lays them out, in this order:
 *   1 cover, 2 executive summary (KPI tiles, findings, top actions),
 *   3 cohort retention heatmap, 4 survival curves (one page per --by column),
 *   5 when churn happens (hazard by tenure month), 6 churn drivers,
 *   7 value x risk segments, 8 at-risk accounts, 9 appendix (method,
 *   definitions, data quality, input SHA-256, options, version).
 * A result that was not computed (a NULL member) leaves its page out or, for
 * the summary, prints "-" for the tiles it feeds; the appendix says why.
 *
 * The PDF is returned in memory; the caller writes it atomically
 * (outfile.h), so a failed run never leaves a half-written file.  The same
 * input gives byte-identical bytes: the only time printed is `generated`,
 * which the caller sets from SOURCE_DATE_EPOCH when asked.
 *
 * Everything in report_input is borrowed for the duration of report_render.
 */
#ifndef CHURNKIT_REPORT_H
#define CHURNKIT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/cohort.h"
#include "churnkit/cohort_revenue.h"
#include "churnkit/cox.h"
#include "churnkit/design.h"
#include "churnkit/err.h"
#include "churnkit/findings.h"
#include "churnkit/kpi.h"
#include "churnkit/labels.h"
#include "churnkit/report_reasons.h"
#include "churnkit/load.h"
#include "churnkit/logit.h"
#include "churnkit/scores.h"
#include "churnkit/segment.h"
#include "churnkit/surv_analysis.h"
#include "churnkit/table.h"
#include "churnkit/validate.h"

/* One line of the appendix's options list ("--horizon", "12", "config"). */
typedef struct {
	const char *name, *value, *origin;
} report_option;

typedef struct {
	/* The report definition. */
	const char *title;          /* "Quarterly retention review" */
	const char *company;        /* may be NULL */
	int letter;                 /* 1: US Letter, 0: A4 */
	const char *generated;      /* "2026-11-23 10:15 UTC", or NULL (not printed) */
	int generated_ymdhms[6];    /* the same as numbers, for the PDF's CreationDate */
	const char *version;        /* churnkit's */
	const report_option *options;
	size_t noptions;

	/* The input. */
	const char *input_name;     /* the CSV's path as given */
	const char *sha256;         /* 64 hex digits */
	const load_result *load;    /* rows read, rejected, by reason, first rejects */
	const char *weight_name;    /* --weight COL (a row stands for w customers),
	                               or NULL */
	double customers;           /* the customers loaded: the sum of the weights
	                               with --weight, else load->t's rows */
	size_t rows_weight_zero;    /* --weight: the rows of weight 0 (nobody) */
	double max_bad_fraction;    /* the --max-bad-rows limit as a fraction (NaN: count) */
	int32_t as_of;
	int time_in_days;           /* 1: dates (times in days, shown in months) */
	const char *time_unit;      /* durations: their unit, plural ("months",
	                               --time-unit), or NULL when not named */
	const char *value_name;     /* --value column, or NULL */
	const char *id_name;        /* --id column, or NULL */

	/* Period metrics and cohorts (NULL when not computed). */
	const kpi_result *kpi;
	const cohort_result *cohorts;
	int revenue_history;        /* 1: --revenue gave the MRR movements (the
	                               cohort triangles still use --value) */
	const cohort_revenue *cohort_revenue; /* with --revenue: net revenue retention
	                               by cohort from the history (the revenue
	                               heatmap), else NULL */
	double revenue_at_risk;     /* expected MRR lost next quarter; NaN unknown */
	size_t revenue_at_risk_unscored;     /* customers past the data, not counted */
	double revenue_at_risk_unscored_mrr; /* their MRR */
	double cost_previous;       /* cost of churn of the previous period; NaN unknown */
	const char *revenue_at_risk_note; /* how it was computed (definitions) */
	/* The executive summary's trend (kpi_trend: up to 8 quarters or 12
	 * months ending with the reporting period, oldest first, rows of kpi),
	 * or NULL and 0. */
	const kpi_row *trend;
	size_t ntrend;

	/* Survival. */
	const surv_analysis *surv;
	double alpha;               /* --alpha */
	size_t min_n;               /* --min-n */
	const double *times;        /* --times in months (or the duration unit) */
	size_t ntimes;

	/* Models. */
	const design *dl;           /* logistic design and fit */
	const logit_result *lr;
	const validate_summary *q;  /* NULL when not validated */
	const char *cv_note;        /* why q has no cross-validated AUC ("5 folds
	                               need at least 5 churners ..."), or NULL */
	const char *outcome;        /* "churn within 12 months" */
	const char *model_sample;   /* how the model's customers were chosen (the
	                               --horizon rule, docs/horizon.md), or NULL */
	const char *model_note;     /* why there is no model, when one was asked
	                               for and could not be fitted; else NULL */
	const char *model_dropped;  /* why the model that does not give the scores
	                               was left out (the other one is in), or NULL */
	const design *dc;           /* Cox design and fit, or NULL */
	const cox_result *cr;
	const cox_zph_result *zph;  /* its proportional-hazards test, or NULL */
	const unsigned char *ph_strat; /* per term of dc: a stratum of the scores' model */
	double ph_alpha;            /* a term fails the test below it */

	/* Scores and segments. */
	const table *t;             /* the loaded table (ids, values) */
	const scores *sc;
	const design *dscore;       /* the design the scores were computed on */
	const segment_result *seg;
	double horizon_months;      /* the scores' horizon */
	int horizon_assumed;        /* 1: the scores have none in months (12 assumed) */
	const char *risk_definition;/* what the probability is of: "churning within
	                               12 months", "churned = Yes" */
	int risk_horizon;           /* 1: risk_definition has a time ("churning
	                               within 26 weeks"); 0: an outcome's */

	/* Findings for the executive summary. */
	const findings *fd;

	/* Words and money (docs/outputs.md): the names of columns and levels
	 * in every title, legend and table (NULL: the raw names), and the ISO
	 * 4217 code money is printed in (NULL: no symbol). */
	const labelmap *labels;
	const char *currency;

	/* Why customers leave (issue 14): the reasons page, or NULL (no page). */
	const report_reasons *reasons;
} report_input;

/* Lays the report out and returns the PDF in *out (malloc'd, owned by the
 * caller) with its length and number of pages (npages may be NULL).
 * CHURN_EIO when a font cannot be read, CHURN_ENOMEM when memory runs out. */
churn_status report_render(const report_input *in, unsigned char **out, size_t *len,
                           size_t *npages, churn_err *err);

#endif

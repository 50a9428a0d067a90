/*
 * model_run.h - the model stage, run from the library: what `churnkit
 * model`, `churnkit score` and `churnkit report` run once the command line
 * has turned the model options (--features, --reference, --outcome or
 * --horizon, --cox, --ties, --folds, --seed, --firth, --impute,
 * --conf-level, --alpha, --min-n) into a model_run_opts and loaded the
 * table (the columns, --categorical and --weight are the loader's map).
 *
 * It builds the churn outcome, fits the logistic
 * model with its validation and the Cox model, and writes them: text,
 * the `model` and `cox` JSON objects, the CSV tables and the scores file.
 *
 * The outcome:
 *   --outcome COL[=VALUE]  the loaded 0/1 flag, for every row;
 *   --horizon N            from the survival inputs (survdata.h), on a
 *                          sample chosen without looking at the outcome
 *                          (horizon.h, docs/horizon.md): dates keep the
 *                          customers whose potential follow-up (as-of
 *                          minus signup, or minus entry) reaches N, the
 *                          others counted as too recent; durations leave
 *                          out those censored before N and weight the rest
 *                          by 1 / G(min(T, N)-) (inverse probability of
 *                          censoring), the logistic fit then being
 *                          quasi-binomial with HC0 sandwich standard
 *                          errors, and the weights multiplying --weight's.
 *                          N is in months for date inputs, a month being
 *                          365.25/12 days, and in the duration's own unit
 *                          otherwise.  With --entry the horizon is counted
 *                          from the entry.
 * The Cox model (--cox) uses survdata's time and event, with the weights
 * and delayed entry when they are mapped.  Frequency weights (--weight)
 * weight the logistic fit as well.
 *
 * Active customers (the scores file): with dates, those without an end
 * date; with durations, event == 0; with neither, outcome == 0.
 *
 * Scores over a horizon (horizon_cox, `churnkit score`): with
 * --horizon on survival data, the scores come from the Cox model on the
 * same terms (fitted even without --cox, with --ties, weights and delayed
 * entry as --cox would): an active customer of current tenure t (days from
 * signup to as-of, or the duration) gets the probability of churning
 * within the next horizon_time, 1 - S(t + H | x) / S(t | x)
 * (model_score.h).  Proportional hazards (docs/proportional-hazards.md):
 * every Cox fit gets R's cox.zph test; the categorical terms that fail it
 * (p < --alpha) become strata of a second, stratified fit, from which the
 * scores come, strongest failure first, as long as every stratum keeps
 * --min-n events; a customer whose t + H passes the last tenure at which
 * --min-n customers of the stratum were at risk is beyond the data (no
 * probability).  With --outcome the scores stay the logistic model's
 * probabilities.
 *
 * Usage: model_run_opts_init and the options, then model_run_fit on the
 * loaded data, then the writers.  A model
 * that cannot be fitted is CHURN_EMODEL with a message that says why (no
 * churner, no one else, no usable row, every term aliased).
 * Ownership: the model_run owns everything it holds except the option
 * lists (features, references), borrowed from the options; the options
 * and the input are borrowed and must outlive it.  Free with
 * model_run_free.
 */
#ifndef CHURNKIT_MODEL_RUN_H
#define CHURNKIT_MODEL_RUN_H

#include <stdio.h>

#include "churnkit/cox.h"
#include "churnkit/design.h"
#include "churnkit/err.h"
#include "churnkit/horizon.h"
#include "churnkit/logit.h"
#include "churnkit/scores.h"
#include "churnkit/stagetime.h"
#include "churnkit/survdata.h"
#include "churnkit/validate.h"
#include "churnkit/load.h"
#include "churnkit/outfile.h"
#include "churnkit/pushdown.h"
#include "churnkit/tabledest.h"

/* The options of the stage, as values (model_run_opts_init's defaults:
 * no terms, no outcome, no Cox model, no cross-validation, VALIDATE_SEED,
 * logit_opts_init and cox_opts_init, alpha 0.05, min-n 30). */
typedef struct {
	char *const *features;       /* [nfeatures] the terms (borrowed) */
	char *const *references;     /* [nreferences] COL=LEVEL (borrowed) */
	size_t nfeatures, nreferences;
	const char *outcome_col;     /* the outcome flag's column, or NULL */
	int horizon_given;
	double horizon;              /* months for dates, the duration's unit otherwise */
	int want_logit, want_cox, impute;
	int horizon_cox;             /* scores over the horizon from the Cox model */
	int folds;                   /* 0 = no cross-validation */
	unsigned long seed;
	logit_opts lopts;
	cox_opts copts;
	double ph_alpha;             /* a term fails proportional hazards below it */
	long min_n;                  /* customers at risk a score needs */
	stagetime *timer;            /* the command's step timers (borrowed), or NULL */
	int threads;                 /* 2 or more: the Cox fit runs beside the
	                                logistic one (--threads); 0 or 1: one
	                                after the other.  Same results either way. */
	int keep_scoring;            /* 1 (report, score): when the model that does
	                                not give the scores cannot be fitted
	                                (CHURN_EMODEL), leave it out, say why in
	                                dropped_note, and keep the other */
} model_run_opts;

/* What the stage reads. */
typedef struct {
	const load_result *res;      /* the loaded table, its as-of date and mode */
	const load_map *map;         /* the columns the table was loaded with */
	const char *display_name;    /* the input's name in messages */
} model_run_input;

typedef struct {
	/* Options (copied by model_run_fit). */
	char *const *features, *const *references;
	size_t nfeatures, nreferences;
	const char *outcome_col;     /* --outcome's column, or NULL */
	int horizon_given;
	double horizon;              /* as given */
	double horizon_time;         /* in survdata's unit (days for dates) */
	int want_logit, want_cox, impute;
	int horizon_cox;             /* scores over the horizon from the Cox model */
	int score_cox;               /* the scores come from the Cox model */
	int folds;                   /* 0 = no cross-validation */
	unsigned long seed;
	logit_opts lopts;
	cox_opts copts;

	/* The outcome, one entry per table row. */
	survdata *sd;                /* NULL with neither dates nor durations */
	double *y;                   /* 0/1, NaN when left out */
	unsigned char *has_y;        /* 1 when the row has an outcome */
	double *ipcw;                /* durations: 1 / G(min(T, N)-), NaN when left
	                                out; NULL otherwise (horizon.h) */
	size_t n_censored;           /* durations: censored before the horizon */
	size_t n_too_recent;         /* dates: potential follow-up below the horizon */
	size_t n_no_risk;            /* entry not before the exit: never observed */
	double g_horizon;            /* durations: G(N-), NaN otherwise */
	const char *time_unit;       /* the duration's unit (--time-unit, borrowed
	                                from the map), NULL when not named */
	char sample_note[700];       /* how the model's sample was chosen (report) */
	char outcome[160];           /* "churn within 12 months", "churned" */

	/* The fits. */
	design *dl;
	logit_result *lr;
	validate_summary q;
	int have_q;
	char cv_note[CHURN_ERR_MSG + 32]; /* why there is no cross-validated AUC */
	int pushed_down;             /* the fit is the database's (--push-down,
	                                model_run_fit_pushdown) */
	design *dc;
	cox_result *cr;
	cox_baseline *cb;            /* with score_cox: the scoring model's baselines */
	size_t cox_no_risk;          /* rows left out: no time at risk (surv.h) */

	/* Proportional hazards (model_run_cox.c; docs/proportional-hazards.md). */
	double ph_alpha;             /* --alpha: a term fails below it */
	long min_n;                  /* --min-n: customers at risk a score needs */
	stagetime *timer;            /* model_run_opts' timer (borrowed), or NULL;
	                                the Cox thread's own while it runs */
	int threads;
	int keep_scoring;
	char dropped_note[CHURN_ERR_MSG]; /* keep_scoring: why the model that does not
	                                score was left out ("the Cox model cannot be
	                                fitted: ..."), or "" */
	cox_zph_result *zph;         /* cox.zph of cr, or NULL (ph_note says why) */
	char ph_note[200];
	unsigned char *ph_strat;     /* per dc term: categorical and fails: a stratum */
	unsigned char *ph_small;     /* per dc term: fails, categorical, not a stratum
	                                (a stratum would have < min_n events) */
	size_t nph_strat;
	design *dcs;                 /* the stratified model (NULL: not stratified) */
	cox_result *crs;
	size_t *strata_code;         /* per dcs row: its stratum code */
	char **strata_label;         /* per code: "Contract=Two year" (nstrata_label) */
	size_t nstrata_label;
} model_run;

/* Sets the defaults of the options above. */
void model_run_opts_init(model_run_opts *o);

/* Builds the outcome and fits what the options ask for on the loaded data. */
churn_status model_run_fit(model_run *m, const model_run_input *d, const model_run_opts *o,
                           churn_err *err);

/* The stage's renderings (defined in src/output/model_run_out.c; the
 * runner computes, the output layer renders).
 *
 * The text summary: the outcome and the rows left out, the logistic model
 * (coefficients, deviance, AIC, AUC, cross-validated AUC, Brier, notes,
 * calibration and lift), the Cox model.  CHURN_EIO on a write error. */
churn_status model_run_print(const model_run *m, const model_run_input *d, FILE *f, churn_err *err);

/* Adds "model" and/or "cox" to the document root (a json_object *). */
churn_status model_run_json(const model_run *m, void *root, churn_err *err);

/* Writes the tables to d (tabledest.h; its directory created when missing). */
churn_status model_run_write_tables(const model_run *m, const table_dest *d, churn_err *err);

/* Scores the active customers (from the Cox model when score_cox, the
 * logistic model otherwise): *out is a new list (scores_free).  Needs --id.
 * With --weight the list is weighted (scores_weigh): rows of weight 0 are
 * left out and every count is of customers. */
churn_status model_run_scores(const model_run *m, const model_run_input *d, scores **out,
                             churn_err *err);
/* The design the scores were computed on (for driver labels). */
const design *model_run_score_design(const model_run *m);
/* The logistic fit's sample, for the findings' plain churn rates: new
 * arrays of the outcome (*y) and the weights (*w: the frequency weights
 * times, under IPCW, the inverse probability of censoring; NULL without
 * either) of m->dl's rows, in design_take order, exactly as the fit used
 * them.
 * The caller frees both.  Needs a fitted logistic model (CHURN_EUSAGE
 * otherwise); CHURN_ENOMEM. */
churn_status model_run_logit_sample(const model_run *m, const model_run_input *d, double **y,
                                   double **w, churn_err *err);

void model_run_free(model_run *m);

/* The logistic model with its rows in the database (--push-down,
 * pushdown_model.h, docs/scaling.md "Logistic model"), in place of the
 * load and model_run_fit: the outcome and sample as model_run_fit's on
 * dates (--outcome, or --horizon in months), the design resolved as
 * design_build does from the levels the database finds, the fit
 * logit_fit_remote's from its sums, the AUC and Brier score at the final
 * coefficients.  Left out (said in m->cv_note and m->q.deciles_left_out):
 * cross-validation, calibration and lift; Firth's refit of a separated
 * fit (the fit is glm's, flagged).  The options must not ask for the Cox
 * model, the scores, --weight, --impute, --firth always or folds (the
 * command line refuses them).  *rows_read and *as_of: the rows of the
 * table or query and the as-of date used. */
churn_status model_run_fit_pushdown(model_run *m, const pushdown_src *src, const load_map *map,
                                    const load_opts *lo, const model_run_opts *o,
                                    long *rows_read, int32_t *as_of, churn_err *err);

/* model_run_cox.c: after the Cox fit on data cd (design dc; *cp: the same
 * data prepared, cox.h's cox_prep, freed and set to NULL here before a
 * stratified fit): the proportional-hazards test, the stratified model
 * when a categorical term fails it, and the scoring baselines (with
 * score_cox). */
churn_status model_run_cox_after_fit(model_run *m, const model_run_input *d, const cox_data *cd,
                                    cox_prep **cp, churn_err *err);
/* The stratum code of every row of table t (a new array, (size_t)-1 for a
 * row whose strata terms cannot be read), or NULL in *out when the model
 * is not stratified. */
churn_status model_run_cox_strata_of(const model_run *m, const table *t, size_t **out,
                                    churn_err *err);
void model_run_cox_free(model_run *m);
/* The Cox model and design the scores come from (stratified or not). */
const cox_result *model_run_score_cox(const model_run *m);

/* What a score's churn probability is, in words, into buf (n bytes; cut to
 * fit): over a horizon from the Cox model, "churn in the next H month(s) (D
 * days) after the current tenure t (days from signup to as-of): 1 - S(t +
 * D | x) / S(t | x)" (durations: "... H duration units after the current
 * duration t ..."); else the logistic outcome's text.  The score command's
 * text and JSON ("probability") print it. */
void model_run_score_definition(const model_run *m, char *buf, size_t n);

#endif

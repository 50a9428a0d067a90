/* model_run.c - the model stage, run from the library; see model_run.h. */
#include "config.h"

#include "churnkit/model_run.h"
#include "model_run_outcome.h"

#include "churnkit/date.h"
#include "churnkit/outfile.h"
#include "churnkit/surv.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void model_run_free(model_run *m)
{
	if (m == NULL)
		return;
	survdata_free(m->sd);
	free(m->y);
	free(m->has_y);
	free(m->ipcw);
	design_free(m->dl);
	logit_result_free(m->lr);
	validate_summary_clear(&m->q);
	model_run_cox_free(m);  /* m->dcs may view m->dc's matrix (design.h, Sharing) */
	design_free(m->dc);
	cox_result_free(m->cr);
	cox_baseline_free(m->cb);
	memset(m, 0, sizeof *m);
}

void model_run_opts_init(model_run_opts *o)
{
	memset(o, 0, sizeof *o);
	logit_opts_init(&o->lopts);
	cox_opts_init(&o->copts);
	o->seed = VALIDATE_SEED;
	/* The Cox model's proportional-hazards rule (docs/proportional-hazards.md). */
	o->ph_alpha = 0.05;
	o->min_n = 30;
}

void model_run_set_options(model_run *m, const model_run_opts *o)
{
	m->features = o->features;
	m->references = o->references;
	m->nfeatures = o->nfeatures;
	m->nreferences = o->nreferences;
	m->outcome_col = o->outcome_col;
	m->horizon_given = o->horizon_given;
	m->horizon = o->horizon;
	m->want_logit = o->want_logit;
	m->want_cox = o->want_cox;
	m->impute = o->impute;
	m->horizon_cox = o->horizon_cox;
	m->folds = o->folds;
	m->seed = o->seed;
	m->lopts = o->lopts;
	m->copts = o->copts;
	m->ph_alpha = o->ph_alpha;
	m->min_n = o->min_n;
	m->timer = o->timer;
	m->threads = o->threads;
	m->keep_scoring = o->keep_scoring;
	m->g_horizon = NAN;
}

/* Reports a design error at its line in the input file; a design with no
 * usable row (every row missing a value, or nothing to impute from) is a
 * model that cannot be fitted. */
static churn_status design_error(churn_status st, const model_run_input *d, const char *model,
                                 churn_err *err)
{
	char msg[sizeof err->msg];
	if (st == CHURN_EDATA && err->line > 0 && err->file[0] == '\0')
		snprintf(err->file, sizeof err->file, "%s", d->display_name);
	if (st == CHURN_EDATA && err->line == 0) {
		snprintf(msg, sizeof msg, "%s", err->msg);
		st = churn_err_set(err, CHURN_EMODEL, "%s cannot be fitted: %s", model, msg);
	}
	return st;
}

/* The weights of the design's rows, or NULL without --weight. */
static churn_status take_weights(const design *dz, const model_run_input *d, double **w,
                                 churn_err *err)
{
	*w = NULL;
	if (d->map->weight == NULL)
		return CHURN_OK;
	const table_col *c = table_find(d->res->t, d->map->weight);
	if ((*w = malloc((dz->nrows ? dz->nrows : 1) * sizeof **w)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the weights");
	design_take(dz, c->num, *w);
	return CHURN_OK;
}

/* The fit's weights under IPCW: each design row's inverse probability of
 * censoring times its frequency weight (freq, or 1 when NULL), a new array. */
static churn_status take_ipcw(const model_run *m, const design *dz, const double *freq,
                              double **w, churn_err *err)
{
	if ((*w = malloc((dz->nrows ? dz->nrows : 1) * sizeof **w)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the weights");
	design_take(dz, m->ipcw, *w);
	for (size_t i = 0; freq != NULL && i < dz->nrows; i++)
		(*w)[i] *= freq[i];
	return CHURN_OK;
}

static void design_spec_of(const model_run *m, const model_run_input *d, int intercept,
                           const unsigned char *mask, design_spec *spec)
{
	memset(spec, 0, sizeof *spec);
	spec->terms = (const char *const *)m->features;
	spec->nterms = m->nfeatures;
	spec->categorical = d->map->categorical;
	spec->ncategorical = d->map->ncategorical;
	spec->references = (const char *const *)m->references;
	spec->nreferences = m->nreferences;
	spec->impute = m->impute;
	spec->intercept = intercept;
	spec->row_mask = mask;
	if (d->map->weight != NULL) {
		const table_col *w = table_find(d->res->t, d->map->weight);
		spec->freq = w != NULL ? w->num : NULL;
	}
}

const char *model_run_column_list(const design *dz, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t j = 0; j < dz->ncols && len + 1 < n; j++) {
		if (dz->cols[j].kind == DESIGN_COL_INTERCEPT)
			continue;
		int k = snprintf(buf + len, n - len, "%s%s", len ? ", " : "", dz->cols[j].name);
		if (k < 0 || (size_t)k >= n - len)
			return buf;
		len += (size_t)k;
	}
	for (size_t t = 0; t < dz->nterms && len + 1 < n; t++) {
		if (!design_term_constant(dz, t))
			continue;
		int k = snprintf(buf + len, n - len, "%s%s: one level, %s", len ? ", " : "",
		                 dz->terms[t].name, dz->terms[t].levels[0]);
		if (k < 0 || (size_t)k >= n - len)
			return buf;
		len += (size_t)k;
	}
	return buf;
}

/* The logistic fit and its validation, timed on tm (not tm, which
 * is the Cox thread's while the two run side by side). */
static churn_status fit_logit(model_run *m, const model_run_input *d, stagetime *tm,
                              churn_err *err)
{
	design_spec spec;
	churn_status st;
	double *yd = NULL, *wd = NULL, *fd = NULL, ev = 0, tot = 0;
	size_t n1 = 0, n0 = 0;
	char cols[200];

	stagetime_begin(tm, "logistic model", 0, NULL);
	design_spec_of(m, d, 1, m->has_y, &spec);
	if ((st = design_build(d->res->t, &spec, &m->dl, err)) != CHURN_OK)
		return design_error(st, d, "the logistic model", err);
	stagetime_mark(tm, "logit: design");
	const design *dz = m->dl;
	if ((yd = malloc(dz->nrows * sizeof *yd)) == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for the outcome");
		goto done;
	}
	design_take(dz, m->y, yd);
	if ((st = take_weights(dz, d, &wd, err)) != CHURN_OK)
		goto done;
	if (m->ipcw != NULL) {
		/* The fit's weights: frequency weight x inverse probability of
		 * censoring; the frequency weights alone for the sandwich. */
		double *wi;
		if ((st = take_ipcw(m, dz, wd, &wi, err)) != CHURN_OK)
			goto done;
		fd = wd;
		wd = wi;
		if (m->lopts.firth == LOGIT_FIRTH_ALWAYS) {
			st = churn_err_set(err, CHURN_EUSAGE,
			                   "--firth cannot be used with --horizon on durations: the "
			                   "outcome is weighted by the inverse probability of censoring, "
			                   "whose standard errors are robust (sandwich) ones, and Firth's "
			                   "penalised estimates have none here; leave --firth out");
			goto done;
		}
		m->lopts.quasi = 1;
		m->lopts.robust = 1;
	}
	for (size_t i = 0; i < dz->nrows; i++) {
		double wi = wd ? wd[i] : 1;
		ev += wi * yd[i];
		tot += wi;
		if (yd[i] == 1)
			n1++;
		else
			n0++;
	}
	if (ev == tot && m->ipcw != NULL && m->n_censored > 0) {
		/* A horizon past every active customer's follow-up: only churners
		 * are left, and the message says why. */
		st = churn_err_set(err, CHURN_EMODEL,
		                   "the logistic model cannot be fitted: all %zu customers used have "
		                   "the outcome (%s): the %zu who had not churned were censored before "
		                   "the horizon and left out; try a shorter --horizon",
		                   dz->nrows, m->outcome, m->n_censored);
		goto done;
	}
	if (ev == 0 || ev == tot) {
		st = churn_err_set(err, CHURN_EMODEL,
		                   "the logistic model cannot be fitted: %s of the %zu customers "
		                   "used has the outcome (%s), so there is nothing to tell apart",
		                   ev == 0 ? "none" : "every one", dz->nrows, m->outcome);
		goto done;
	}
	logit_data ld = {.X = dz->X, .y = yd, .w = wd, .intercept = 1, .freq = fd};
	if ((st = logit_fit(&ld, &m->lopts, &m->lr, err)) != CHURN_OK)
		goto done;
	stagetime_mark(tm, "logit: fit");
	if (m->lr->rank <= 1) {
		st = churn_err_set(err, CHURN_EMODEL,
		                   "the logistic model cannot be fitted: every term is constant or "
		                   "collinear in the rows used (%s)",
		                   model_run_column_list(dz, cols, sizeof cols));
		goto done;
	}
	int folds = m->folds;
	if (folds > 0 && (n1 < (size_t)folds || n0 < (size_t)folds)) {
		snprintf(m->cv_note, sizeof m->cv_note,
		         "%d folds need at least %d churners and %d others (have %zu and %zu)",
		         folds, folds, folds, n1, n0);
		folds = 0;
	}
	if (folds > 0)
		stagetime_begin(tm, "cross-validation", folds, "folds");
	else
		stagetime_begin(tm, "model quality", 0, NULL);
	m->lopts.progress = tm;
	st = validate_summarise(&ld, m->lr, &m->lopts, folds, m->seed, &m->q, err);
	m->lopts.progress = NULL;
	if (st != CHURN_OK && st != CHURN_ENOMEM && folds > 0) {
		/* A fold that cannot be fitted leaves the cross-validated AUC out,
		 * said so, rather than the whole model. */
		snprintf(m->cv_note, sizeof m->cv_note, "a fold could not be fitted: %s", err->msg);
		churn_err_clear(err);
		st = validate_summarise(&ld, m->lr, &m->lopts, 0, m->seed, &m->q, err);
	}
	m->have_q = st == CHURN_OK;
	stagetime_mark(tm, "logit: validation (CV, AUC)");
done:
	free(yd);
	free(wd);
	free(fd);
	return st;
}

static churn_status fit_cox(model_run *m, const model_run_input *d, churn_err *err)
{
	design_spec spec;
	churn_status st;
	const survdata *s = m->sd;
	size_t n = d->res->t->nrows, na = n ? n : 1;
	double *time = NULL, *status = NULL, *entry = NULL, *w = NULL, nev = 0;
	unsigned char *usable = NULL;
	cox_prep *cp = NULL;
	char cols[200];

	/* A row without time at risk (its entry not before its exit, as given
	 * or once near-equal times are merged as R's coxph merges them) is
	 * left out and counted: survival's one rule (surv.h, docs/method.md). */
	if (s->entry) {
		if ((usable = malloc(na)) == NULL) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory for the Cox model");
			goto done;
		}
		surv_data sv = {.n = n, .time = s->time, .event = s->event, .weight = s->weight,
		                .entry = s->entry};
		if ((st = surv_entry_usable(&sv, 1, usable, &m->cox_no_risk, err)) != CHURN_OK)
			goto done;
	}
	stagetime_begin(m->timer, "cox model", 0, NULL);
	design_spec_of(m, d, 0, usable, &spec);
	if ((st = design_build(d->res->t, &spec, &m->dc, err)) != CHURN_OK) {
		st = design_error(st, d, "the Cox model", err);
		goto done;
	}
	free(usable);  /* read by the design alone */
	usable = NULL;
	stagetime_mark(m->timer, "cox: design");
	const design *dz = m->dc;
	size_t nr = dz->nrows;
	time = malloc(nr * sizeof *time);
	status = malloc(nr * sizeof *status);
	if (s->entry)
		entry = malloc(nr * sizeof *entry);
	if (s->weight)
		w = malloc(nr * sizeof *w);
	if (!time || !status || (s->entry && !entry) || (s->weight && !w)) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for the Cox model");
		goto done;
	}
	design_take(dz, s->time, time);
	for (size_t r = 0; r < nr; r++)  /* design_take of the event flags */
		status[r] = s->event[dz->row[r]];
	if (entry)
		design_take(dz, s->entry, entry);
	if (w)
		design_take(dz, s->weight, w);
	/* Near-equal times are one time, as R's coxph makes them (timefix). */
	if ((st = surv_timefix_values(time, entry, nr, err)) != CHURN_OK)
		goto done;
	for (size_t i = 0; i < nr; i++)
		nev += status[i];
	if (nev == 0) {
		st = churn_err_set(err, CHURN_EMODEL,
		                   "the Cox model cannot be fitted: none of the %zu customers used "
		                   "churned", nr);
		goto done;
	}
	if (dz->naliased == dz->ncols) {
		st = churn_err_set(err, CHURN_EMODEL,
		                   "the Cox model cannot be fitted: every term is constant or "
		                   "collinear in the rows used (%s)",
		                   model_run_column_list(dz, cols, sizeof cols));
		goto done;
	}
	cox_data cd = {.X = dz->X, .time = time, .status = status, .entry = entry, .w = w};
	/* One sort and scaled copy for the fit, its test and its baseline. */
	if ((st = cox_prep_new(&cd, &cp, err)) != CHURN_OK ||
	    (st = cox_fit_prep(cp, &m->copts, &m->cr, err)) != CHURN_OK)
		goto done;
	stagetime_mark(m->timer, "cox: fit");
	if (m->cr->rank == 0) {
		st = churn_err_set(err, CHURN_EMODEL,
		                   "the Cox model cannot be fitted: every term is constant or "
		                   "collinear in the rows used (%s)",
		                   model_run_column_list(dz, cols, sizeof cols));
		goto done;
	}
	st = model_run_cox_after_fit(m, d, &cd, &cp, err);
done:
	cox_prep_free(cp);
	free(usable);
	free(time);
	free(status);
	free(entry);
	free(w);
	return st;
}

/* The Cox fit on a second thread. */
typedef struct {
	model_run *m;
	const model_run_input *d;
	churn_err err;
	churn_status st;
} cox_job;

/* keep_scoring: a model that cannot be fitted (CHURN_EMODEL) and does not
 * give the scores is left out, its reason kept, when the other one fitted
 * or is still to fit: the logistic model under --horizon's Cox scores (no
 * churn within the horizon, say, where the Cox model fits), the Cox model
 * of --cox when the logistic one scores.  Returns 1 when it was. */
static int drop_unscoring(model_run *m, int logit, churn_status st, churn_err *err)
{
	if (!m->keep_scoring || st != CHURN_EMODEL || m->score_cox != logit ||
	    (!logit && m->lr == NULL))
		return 0;
	snprintf(m->dropped_note, sizeof m->dropped_note, "%s", err->msg);
	churn_err_clear(err);
	if (logit) {
		design_free(m->dl);
		logit_result_free(m->lr);
		validate_summary_clear(&m->q);
		m->dl = NULL;
		m->lr = NULL;
		m->have_q = 0;
		m->cv_note[0] = 0;
	} else {
		model_run_cox_free(m);
		design_free(m->dc);
		cox_result_free(m->cr);
		cox_baseline_free(m->cb);
		m->dc = NULL;
		m->cr = NULL;
		m->cb = NULL;
		m->zph = NULL;
		m->ph_strat = m->ph_small = NULL;
		m->dcs = NULL;
		m->crs = NULL;
		m->strata_code = NULL;
		m->strata_label = NULL;
		m->nstrata_label = m->nph_strat = 0;
	}
	return 1;
}

static void *cox_thread(void *arg)
{
	cox_job *j = arg;
	stagetime_thread_clock(j->m->timer, 1);  /* this thread's CPU clock */
	j->st = fit_cox(j->m, j->d, &j->err);
	return NULL;
}

/* The logistic and Cox fits side by side: they read the same input and
 * write disjoint parts of m (the logistic fit: dl, lr, q, cv_note, lopts;
 * the Cox fit: dc, cr, cb, the proportional-hazards fields), each does the
 * same arithmetic in the same order as alone, so the results are the same
 * bytes as --threads 1.  The first error is the logistic fit's, as when
 * they run one after the other.  While the Cox thread runs, m->timer is
 * its own (stagetime.h, "Work on two threads"). */
static churn_status fit_both(model_run *m, const model_run_input *d, churn_err *err)
{
	stagetime *main_tm = m->timer, cox_tm;
	cox_job job = {.m = m, .d = d, .st = CHURN_OK};
	pthread_t th;
	churn_status st;

	churn_err_clear(&job.err);
	stagetime_start(&cox_tm, main_tm != NULL && main_tm->on);
	m->timer = &cox_tm;
	if (pthread_create(&th, NULL, cox_thread, &job) != 0) {
		m->timer = main_tm;  /* no second thread: one after the other */
		if ((st = fit_logit(m, d, main_tm, err)) != CHURN_OK)
			return st;
		return fit_cox(m, d, err);
	}
	int was = main_tm != NULL && main_tm->thread;  /* the caller's own overlap */
	stagetime_thread_clock(main_tm, 1);
	st = fit_logit(m, d, main_tm, err);
	stagetime_begin(main_tm, "cox model", 0, NULL);  /* what the line waits for */
	pthread_join(th, NULL);
	stagetime_thread_clock(main_tm, was);
	stagetime_mark(main_tm, "models: wait for the Cox thread");
	m->timer = main_tm;
	stagetime_merge(main_tm, &cox_tm);
	if (st != CHURN_OK && !(job.st == CHURN_OK && drop_unscoring(m, 1, st, err)))
		return st;
	if (job.st != CHURN_OK) {
		*err = job.err;
		if (!drop_unscoring(m, 0, job.st, err))
			return job.st;
	}
	return CHURN_OK;
}

churn_status model_run_fit(model_run *m, const model_run_input *d, const model_run_opts *o,
                           churn_err *err)
{
	churn_status st;
	const load_map *map = d->map;

	model_run_set_options(m, o);
	m->time_unit = map->time_unit;
	if ((m->horizon_given || m->want_cox) && map->start == NULL && map->duration == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "%s needs how long each customer stayed: --start and --end "
		                     "(dates), or --duration and --event",
		                     m->horizon_given ? "--horizon" : "--cox");
	if (map->start != NULL || map->duration != NULL) {
		if ((st = survdata_build(d->res, map, &m->sd, err)) != CHURN_OK)
			return st;
		stagetime_mark(m->timer, "model: survival data");
	}
	if (m->want_logit) {
		if ((st = model_run_build_outcome(m, d, err)) != CHURN_OK)
			return st;
		stagetime_mark(m->timer, "logit: outcome");
	}
	m->score_cox = m->horizon_cox && m->horizon_given && m->sd != NULL;
	int cox = m->want_cox || m->score_cox;
	if (m->want_logit && cox && m->threads > 1)
		return fit_both(m, d, err);
	/* One after the other, with the errors fit_both gives: the logistic
	 * one first, when both fail. */
	churn_status lst = CHURN_OK;
	churn_err lerr;
	churn_err_clear(&lerr);
	if (m->want_logit && (lst = fit_logit(m, d, m->timer, err)) != CHURN_OK) {
		if (!cox || !m->keep_scoring || lst != CHURN_EMODEL || !m->score_cox)
			return lst;  /* nothing to keep */
		lerr = *err;
		churn_err_clear(err);
	}
	if (cox && (st = fit_cox(m, d, err)) != CHURN_OK) {
		if (lst != CHURN_OK) {
			*err = lerr;
			return lst;
		}
		if (!drop_unscoring(m, 0, st, err))
			return st;
	}
	if (lst != CHURN_OK) {
		*err = lerr;
		if (!drop_unscoring(m, 1, lst, err))
			return lst;
	}
	return CHURN_OK;
}

churn_status model_run_scores(const model_run *m, const model_run_input *d, scores **out,
                            churn_err *err)
{
	const table *t = d->res->t;
	unsigned char *active;
	churn_status st;

	*out = NULL;
	if ((m->score_cox ? m->cr == NULL : m->lr == NULL) || d->map->id == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "the scores need a fitted model and --id COL");
	stagetime_begin(m->timer, "scoring", 0, NULL);
	active = malloc(t->nrows ? t->nrows : 1);
	if (active == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the scores");
	for (size_t i = 0; i < t->nrows; i++)
		active[i] = m->sd != NULL ? m->sd->event[i] == 0 : m->has_y[i] && m->y[i] == 0;
	if (m->score_cox) {
		size_t *strata = NULL;
		st = model_run_cox_strata_of(m, t, &strata, err);
		if (st == CHURN_OK)
			st = scores_build_cox(model_run_score_design(m), model_run_score_cox(m), m->cb, t,
			                      m->sd->time, strata, m->horizon_time, active, out, err);
		free(strata);
	} else
		st = scores_build(m->dl, m->lr, t, active, out, err);
	free(active);
	/* Frequency weights: a row stands for w customers, and a row of
	 * weight 0 for nobody (scores.h). */
	if (st == CHURN_OK && d->map->weight != NULL &&
	    (st = scores_weigh(*out, table_find(t, d->map->weight)->num, err)) != CHURN_OK) {
		scores_free(*out);
		*out = NULL;
	}
	return st;
}

const design *model_run_score_design(const model_run *m)
{
	return m->score_cox ? (m->dcs ? m->dcs : m->dc) : m->dl;
}

churn_status model_run_logit_sample(const model_run *m, const model_run_input *d, double **y,
                                   double **w, churn_err *err)
{
	*y = *w = NULL;
	if (m->dl == NULL || m->lr == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "no logistic model was fitted");
	if ((*y = malloc((m->dl->nrows ? m->dl->nrows : 1) * sizeof **y)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the outcome");
	design_take(m->dl, m->y, *y);
	churn_status st = take_weights(m->dl, d, w, err);
	if (st == CHURN_OK && m->ipcw != NULL) {
		/* The fit's own weights: frequency x inverse probability of censoring. */
		double *wi;
		if ((st = take_ipcw(m, m->dl, *w, &wi, err)) == CHURN_OK) {
			free(*w);
			*w = wi;
		}
	}
	if (st != CHURN_OK) {
		free(*y);
		free(*w);
		*y = *w = NULL;
	}
	return st;
}

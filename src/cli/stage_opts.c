/* stage_opts.c - the command line's options as the stages' option structs
 * (stage_opts.h). */
#include "config.h"

#include "stage_opts.h"

#include "churnkit/date.h"
#include "churnkit/num.h"
#include "churnkit/scores_csv.h"
#include "churnkit/source_pg.h"


#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

churn_status cli_segment_opts_read(cli_segment_opts *g, const cli_opts *o, churn_err *err)
{
	churn_status st;

	memset(g, 0, sizeof *g);
	segment_opts_init(&g->so);
	g->so.top_n = SEGMENT_RUN_TOP_N;
	if ((st = opt_double(o, OPT_OFFER_EFFECT, 0, 1, &g->so.offer_effect, err)) != CHURN_OK)
		return st;
	if ((st = opt_double(o, OPT_INCENTIVE_MONTHS, 0, 1200, &g->so.incentive_months, err)) !=
	    CHURN_OK)
		return st;
	if ((st = opt_list(o, OPT_DRIVER, &g->driver_opts, &g->ndrivers, err)) != CHURN_OK)
		return st;
	if (g->ndrivers == 0)
		return CHURN_OK;
	g->map = calloc(g->ndrivers, sizeof *g->map);
	if (g->map == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t i = 0; i < g->ndrivers; i++) {
		char *eq = strrchr(g->driver_opts[i], '=');
		char where[300];
		if (eq == NULL || eq == g->driver_opts[i])
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--driver '%s'%s: expected COL=KIND", g->driver_opts[i],
			                     opt_origin(o, OPT_DRIVER, where, sizeof where));
		*eq = '\0';
		g->map[i].column = g->driver_opts[i];
		if ((st = segment_driver_parse(eq + 1, &g->map[i].kind, err)) != CHURN_OK) {
			churn_err e2;
			churn_err_set(&e2, CHURN_EUSAGE, "--driver %s=%s%s: %s", g->driver_opts[i],
			              eq + 1, opt_origin(o, OPT_DRIVER, where, sizeof where), err->msg);
			*err = e2;
			return CHURN_EUSAGE;
		}
	}
	for (size_t i = 0; i < g->ndrivers; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(g->map[i].column, g->map[j].column) == 0)
				return churn_err_set(err, CHURN_EUSAGE,
				                     "--driver names column '%s' twice", g->map[i].column);
	g->so.drivers = g->map;
	g->so.ndrivers = g->ndrivers;
	return CHURN_OK;
}

void cli_segment_opts_free(cli_segment_opts *g)
{
	if (g == NULL)
		return;
	opt_list_free(g->driver_opts);
	free(g->map);
	memset(g, 0, sizeof *g);
}

churn_status cli_segment_run(segment_run *g, const cli_segment_opts *go, const model_run *m,
                             const cmd_data *d, const scores *s, churn_err *err)
{
	segment_run_input in;

	stagetime_begin(d->clock, "segments", 0, NULL);
	segment_run_input_of_model(&in, m, d->res, d->map.value, s);
	in.time_unit = d->map.time_unit;
	return segment_run_build(g, &in, &go->so, err);
}

/* --times: a list of times >= 0, in months for dates (default 3,6,12,24)
 * or in the duration's unit (no default). */
static churn_status read_times(cli_surv_opts *s, const cli_opts *o, churn_err *err)
{
	char **list = NULL, at[600];
	size_t n = 0;
	churn_status st = opt_list(o, OPT_TIMES, &list, &n, err);

	if (st != CHURN_OK)
		return st;
	if (n == 0)   /* the stage's default (surv_run_opts_init) */
		goto done;
	if ((s->times = malloc(n * sizeof *s->times)) == NULL)
		goto nomem;
	s->so.times = s->times;   /* replaces the default */
	s->so.ntimes = 0;
	for (size_t k = 0; k < n; k++) {
		double v;
		if (!num_parse(list[k], strlen(list[k]), '.', &v) || !isfinite(v) || v < 0) {
			st = churn_err_set(err, CHURN_EUSAGE,
			                   "--times '%s'%s: not a time >= 0 (give times such as "
			                   "3,6,12,24%s)", list[k], opt_origin(o, OPT_TIMES, at, sizeof at),
			                   s->so.date_mode ? ", in months" : ", in the duration's unit");
			goto done;
		}
		if (s->so.date_mode && !isfinite(v * DATE_MONTH_DAYS)) {
			st = churn_err_set(err, CHURN_EUSAGE,
			                   "--times '%s'%s: too large: %s months is more days than can "
			                   "be counted", list[k], opt_origin(o, OPT_TIMES, at, sizeof at),
			                   list[k]);
			goto done;
		}
		s->times[s->so.ntimes++] = v;
	}
	goto done;
nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
done:
	opt_list_free(list);
	return st;
}

churn_status cli_surv_opts_read(cli_surv_opts *s, const cli_opts *o, const char *synopsis,
                               churn_err *err)
{
	char at[600];
	const char *v;
	churn_status st;

	memset(s, 0, sizeof *s);
	if (opt_str(o, OPT_START) == NULL && opt_str(o, OPT_DURATION) == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "survival: say how long each customer stayed: --start COL "
		                     "(and --end COL) for dates, or --duration COL with "
		                     "--event COL[=VALUE] (usage: %s)", synopsis);
	surv_run_opts_init(&s->so, opt_str(o, OPT_START) != NULL);
	if ((v = opt_str(o, OPT_CONF_TYPE)) != NULL &&
	    km_conf_parse(v, &s->so.conf_type) != 0)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--conf-type '%s'%s: give log-log (the default), log or plain",
		                     v, opt_origin(o, OPT_CONF_TYPE, at, sizeof at));
	if ((st = opt_double(o, OPT_CONF_LEVEL, 0, 1, &s->so.conf_level, err)) != CHURN_OK)
		return st;
	if (!(s->so.conf_level > 0 && s->so.conf_level < 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--conf-level '%s'%s: give a level above 0 and below 1, "
		                     "such as 0.95", opt_str(o, OPT_CONF_LEVEL),
		                     opt_origin(o, OPT_CONF_LEVEL, at, sizeof at));
	if ((v = opt_str(o, OPT_RHO)) != NULL) {
		double rho;
		if (!num_parse(v, strlen(v), '.', &rho) || (rho != 0 && rho != 1))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--rho '%s'%s: give 0 (log-rank) or 1 (Peto-Peto)", v,
			                     opt_origin(o, OPT_RHO, at, sizeof at));
		s->so.rho = rho;
	}
	if ((st = opt_double(o, OPT_ALPHA, 0, 1, &s->so.alpha, err)) != CHURN_OK)
		return st;
	if (!(s->so.alpha > 0 && s->so.alpha < 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--alpha '%s'%s: give a level above 0 and below 1, such as 0.05",
		                     opt_str(o, OPT_ALPHA), opt_origin(o, OPT_ALPHA, at, sizeof at));
	if ((st = opt_long(o, OPT_MIN_N, 1, 1000000000L, &s->so.min_n, err)) != CHURN_OK)
		return st;
	if ((v = opt_str(o, OPT_RMST_TAU)) != NULL) {
		double tau;
		if (!num_parse(v, strlen(v), '.', &tau) || !isfinite(tau) || !(tau > 0))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--rmst-tau '%s'%s: give a time above 0%s", v,
			                     opt_origin(o, OPT_RMST_TAU, at, sizeof at),
			                     s->so.date_mode ? " in months" : " in the duration's unit");
		s->so.rmst_tau = tau;
	}
	if ((st = read_times(s, o, err)) != CHURN_OK)
		return st;

	/* units: months -> days for date inputs (surv_run_fit); a time too
	 * large to count in days (it overflows to infinity) is refused here
	 * with the option's name, not printed as Inf */
	if (s->so.date_mode && isinf(s->so.rmst_tau * DATE_MONTH_DAYS))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--rmst-tau '%s'%s: too large: %s months is more days than "
		                     "can be counted", opt_str(o, OPT_RMST_TAU),
		                     opt_origin(o, OPT_RMST_TAU, at, sizeof at), opt_str(o, OPT_RMST_TAU));
	return CHURN_OK;
}

void cli_surv_opts_free(cli_surv_opts *s)
{
	if (s == NULL)
		return;
	free(s->times);
	memset(s, 0, sizeof *s);
}

churn_status cli_surv_run(surv_run *s, const cli_surv_opts *so, const cmd_data *d,
                          churn_err *err)
{
	surv_run_input in = {.res = d->res, .map = &d->map, .display_name = d->lopts.display_name};

	stagetime_begin(d->clock, "survival", 0, NULL);
	return surv_run_fit(s, &in, &so->so, err);
}

churn_status cli_cohort_opts_read(cli_cohort_opts *c, const cli_opts *o, const char *synopsis,
                                 churn_err *err)
{
	churn_status st;
	long n = COHORT_RUN_MIN_N;
	double alpha = 0.05;
	const char *s;
	char at[600];

	memset(c, 0, sizeof *c);
	cohort_run_opts_init(&c->co);
	if (opt_str(o, OPT_DURATION) != NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "cohorts: cohorts are signup months and need dates: give "
		                     "--start COL (and --end COL) instead of --duration");
	if (opt_str(o, OPT_ENTRY) != NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "cohorts: --entry is not supported here: cohorts and period "
		                     "KPIs count every customer from their signup date (delayed "
		                     "entry applies to survival)");
	if (opt_str(o, OPT_START) == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "cohorts: --start COL is needed: the signup date column that "
		                     "makes the monthly cohorts (and --end COL for the churn date; "
		                     "usage: %s)", synopsis);
	if ((st = opt_long(o, OPT_MIN_N, 1, 1000000000L, &n, err)) != CHURN_OK)
		return st;
	c->co.min_n = (size_t)n;
	/* --alpha is not used by cohorts, but a config shared with survival
	 * passes it: the same values are refused here as there. */
	if ((st = opt_double(o, OPT_ALPHA, 0, 1, &alpha, err)) != CHURN_OK)
		return st;
	if (!(alpha > 0 && alpha < 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--alpha '%s'%s: give a level above 0 and below 1, such as 0.05",
		                     opt_str(o, OPT_ALPHA), opt_origin(o, OPT_ALPHA, at, sizeof at));
	c->co.ko.exclude_same_period = opt_isset(o, OPT_EXCLUDE_SAME_PERIOD);
	if ((s = opt_str(o, OPT_PERIOD)) != NULL) {
		if (kpi_period_parse(s, &c->co.ko.period, err) != CHURN_OK)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--period '%s': expected a quarter (2026Q3) or a month "
			                     "(2026-09)", s);
		c->co.ko.has_period = 1;
	}
	if ((st = opt_double(o, OPT_EXPANSION_RATE, -DBL_MAX, DBL_MAX,
	                     &c->co.ko.cost.expansion_rate, err)) != CHURN_OK)
		return st;
	if (!(c->co.ko.cost.expansion_rate >= 0 && c->co.ko.cost.expansion_rate <= 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--expansion-rate '%s'%s: give a fraction between 0 and 1, "
		                     "0.20 for 20%%", opt_str(o, OPT_EXPANSION_RATE),
		                     opt_origin(o, OPT_EXPANSION_RATE, at, sizeof at));
	if ((st = opt_double(o, OPT_CAC, 0, DBL_MAX, &c->co.ko.cost.cac, err)) != CHURN_OK)
		return st;
	c->co.revenue_path = opt_str(o, OPT_REVENUE);
	c->revenue_table = opt_str(o, OPT_REVENUE_TABLE);
	c->revenue_query = opt_str(o, OPT_REVENUE_QUERY);
	if (c->revenue_table != NULL || c->revenue_query != NULL) {
		/* cmd_parse saw --db, and no --revenue FILE. */
		c->revenue_db = opt_str(o, OPT_DB);
		c->co.revenue_path = source_pg_name(c->revenue_table, c->revenue_name,
		                                    sizeof c->revenue_name);
	}
	c->co.revenue_rejects = opt_str(o, OPT_REVENUE_REJECTS);
	c->quiet = opt_isset(o, OPT_QUIET);
	if ((s = opt_str(o, OPT_REVENUE_LAYOUT)) != NULL) {
		if (strcmp(s, "long") != 0 && strcmp(s, "wide") != 0)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--revenue-layout '%s'%s: expected long or wide", s,
			                     opt_origin(o, OPT_REVENUE_LAYOUT, at, sizeof at));
		if (c->co.revenue_path == NULL)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--revenue-layout goes with --revenue FILE");
		c->co.revenue_wide = strcmp(s, "wide") == 0;
	}
	if (c->co.revenue_rejects != NULL && c->co.revenue_path == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--revenue-rejects goes with --revenue FILE");
	if (c->co.revenue_path != NULL && opt_str(o, OPT_ID) == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--revenue needs --id COL: the revenue rows are matched to "
		                     "the customers by id");
	return CHURN_OK;
}

/* Prints the revenue file's bad rows as cmd_load does for the customers
 * (cmd_warn_bad_rows; the --rejects file is the customers' only). */
static void warn_revenue(const revhist *r, const load_opts *lo, int fails)
{
	cmd_bad_row rows[CMD_SHOW_REJECTS];
	size_t n = 0;

	for (; n < r->nrejects_kept && n < CMD_SHOW_REJECTS; n++)
		rows[n] = (cmd_bad_row){ r->rejects[n].line, r->rejects[n].col, r->rejects[n].msg };
	cmd_warn_bad_rows(lo->display_name, rows, n, r->rows_rejected, r->rows_read, lo, NULL, 0,
	                  NULL, fails);
}

churn_status cli_cohort_run(cohort_run *c, const cli_cohort_opts *co, const cmd_data *d,
                            churn_err *err)
{
	cohort_run_input in = {.res = d->res, .map = &d->map, .lopts = &d->lopts,
	                       .outs = d->outs, .weight_col = d->map.weight};
	cohort_run_opts ro = co->co;
	source *src = NULL;
	churn_status st = CHURN_OK;

	stagetime_begin(d->clock, "cohorts", 0, NULL);
	if (co->revenue_db != NULL)
		st = source_open_pg(co->revenue_db, co->revenue_table, co->revenue_query,
		                    co->co.revenue_path, &src, err);
	ro.revenue_src = src;
	if (st == CHURN_OK)
		st = cohort_run_fit(c, &in, &ro, err);
	source_free(src);

	stagetime_clear(d->clock);  /* the warnings below start on a clean line */
	if (c->rev != NULL && c->rev->rows_rejected > 0 && !co->quiet) {
		load_opts lo = d->lopts;
		lo.display_name = strcmp(c->revenue_path, "-") == 0 ? "<stdin>" : c->revenue_path;
		warn_revenue(c->rev, &lo, c->revenue_failed);
	}
	return st;
}

churn_status cli_model_opts_read(cli_model_opts *c, const cli_opts *o, unsigned flags,
                                churn_err *err)
{
	model_run_opts *m = &c->mo;
	churn_status st;
	const char *s;
	long folds, seed;
	double conf = 0.95;

	memset(c, 0, sizeof *c);
	model_run_opts_init(m);
	m->folds = (flags & CLI_MODEL_CV_DEFAULT) ? VALIDATE_FOLDS : 0;

	if ((st = opt_list(o, OPT_FEATURES, &c->features, &m->nfeatures, err)) != CHURN_OK ||
	    (st = opt_list(o, OPT_REFERENCE, &c->references, &m->nreferences, err)) != CHURN_OK)
		return st;
	m->features = c->features;
	m->references = c->references;
	if (m->nfeatures == 0)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "%s needs --features: the model's terms, for example "
		                     "--features plan,contract,log(mrr)", o->cmd_name);
	m->outcome_col = opt_str(o, OPT_OUTCOME);
	if ((st = opt_double(o, OPT_HORIZON, 0, 1e9, &m->horizon, err)) != CHURN_OK)
		return st;
	m->horizon_given = opt_str(o, OPT_HORIZON) != NULL;
	if (m->horizon_given && !(m->horizon > 0))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--horizon %s: give a horizon > 0 (months for dates, the "
		                     "duration's unit otherwise)", opt_str(o, OPT_HORIZON));
	if (m->horizon_given && m->outcome_col != NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--outcome and --horizon both define the churn outcome; "
		                     "give one of them");
	m->want_logit = m->horizon_given || m->outcome_col != NULL;
	m->want_cox = opt_isset(o, OPT_COX);
	m->horizon_cox = (flags & CLI_MODEL_HORIZON_COX) != 0;
	if ((flags & CLI_MODEL_NEED_LOGIT) && !m->want_logit)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "%s needs the churn outcome of its model: --horizon N "
		                     "(churn within N months, or N duration units) or "
		                     "--outcome COL[=VALUE] (a churn flag)", o->cmd_name);
	if (!m->want_logit && !m->want_cox)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "%s needs something to fit: an outcome (--outcome "
		                     "COL[=VALUE] or --horizon N) for the logistic model, "
		                     "and/or --cox for a Cox model", o->cmd_name);
	if ((s = opt_str(o, OPT_TIES)) != NULL) {
		if (strcmp(s, "efron") == 0)
			m->copts.ties = COX_EFRON;
		else if (strcmp(s, "breslow") == 0)
			m->copts.ties = COX_BRESLOW;
		else
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--ties '%s': give efron or breslow", s);
	}
	folds = m->folds;
	if ((st = opt_long(o, OPT_FOLDS, 0, 1000, &folds, err)) != CHURN_OK)
		return st;
	if (folds == 1)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--folds 1: give 0 (no cross-validation) or at least 2");
	m->folds = (int)folds;
	seed = (long)m->seed;
	if ((st = opt_long(o, OPT_SEED, 0, LONG_MAX, &seed, err)) != CHURN_OK)
		return st;
	m->seed = (unsigned long)seed;
	long threads = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
	if ((st = opt_long(o, OPT_THREADS, 1, 1024, &threads, err)) != CHURN_OK)
		return st;
	m->threads = (int)threads;
	if ((st = opt_double(o, OPT_CONF_LEVEL, 0, 1, &conf, err)) != CHURN_OK)
		return st;
	if (!(conf > 0 && conf < 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--conf-level %s: give a level above 0 and below 1, "
		                     "such as 0.95", opt_str(o, OPT_CONF_LEVEL));
	m->lopts.conf_level = m->copts.conf_level = conf;
	if (opt_isset(o, OPT_FIRTH))
		m->lopts.firth = LOGIT_FIRTH_ALWAYS;
	m->impute = opt_isset(o, OPT_IMPUTE);
	/* The Cox model's proportional-hazards rule (docs/proportional-hazards.md):
	 * model_run_opts_init's defaults unless given. */
	if ((st = opt_double(o, OPT_ALPHA, 0, 1, &m->ph_alpha, err)) != CHURN_OK ||
	    (st = opt_long(o, OPT_MIN_N, 1, 1000000000L, &m->min_n, err)) != CHURN_OK)
		return st;
	if (!(m->ph_alpha > 0 && m->ph_alpha < 1))
		return churn_err_set(err, CHURN_EUSAGE, "--alpha %s: give a level above 0 and "
		                     "below 1, such as 0.05", opt_str(o, OPT_ALPHA));
	return CHURN_OK;
}

void cli_model_opts_free(cli_model_opts *c)
{
	if (c == NULL)
		return;
	opt_list_free(c->features);
	opt_list_free(c->references);
	memset(c, 0, sizeof *c);
}

model_run_input cli_model_input(const cmd_data *d)
{
	model_run_input in = {.res = d->res, .map = &d->map,
	                      .display_name = d->lopts.display_name};
	return in;
}

churn_status cli_model_write_scores(const model_run *m, const cmd_data *d, const char *path,
                                   const scores *s, const char *const *segments,
                                   const char *const *actions, outset *outs,
                                   churn_err *err)
{
	outfile *of = NULL;
	churn_status st = outfile_open(outs, path, &of, err);

	if (st != CHURN_OK)
		return st;
	return cli_model_write_scores_to(of, m, d, path, s, segments, actions, err);
}

churn_status cli_model_write_scores_to(outfile *of, const model_run *m, const cmd_data *d,
                                      const char *path, const scores *s,
                                      const char *const *segments, const char *const *actions,
                                      churn_err *err)
{
	stagetime_begin(d->clock, "writing scores", (double)s->n, "rows");
	churn_status st = scores_write_csv(outfile_stream(of), s, model_run_score_design(m),
	                                   d->res->t, d->map.id, d->map.value, segments, actions,
	                                   d->clock, err);
	if (st == CHURN_OK) {
		st = outfile_commit(of, err);
	} else {
		int e = errno;
		outfile_abort(of);
		if (st == CHURN_EIO)  /* the writer knows no file name */
			st = cmd_write_error(err, path, e);
	}
	return st;
}

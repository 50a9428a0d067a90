/* survrun.c - the survival stage of the command line; see survrun.h. */
#include "config.h"

#include "survrun.h"

#include "churnkit/date.h"
#include "churnkit/jsonout.h"
#include "churnkit/num.h"
#include "churnkit/surv_csv.h"
#include "churnkit/surv_json.h"
#include "churnkit/surv_print.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void survrun_free(survrun *s)
{
	if (s == NULL)
		return;
	for (size_t j = 0; j < s->nby; j++) {
		free(s->codes ? s->codes[j] : NULL);
		free(s->levels ? (void *)s->levels[j] : NULL);
	}
	free(s->codes);
	free(s->levels);
	free(s->by);
	free(s->times);
	free(s->times_used);
	surv_analysis_free(s->a);
	survdata_free(s->sd);
	memset(s, 0, sizeof *s);
}

/* --times: a list of times >= 0, in months for dates (default 3,6,12,24)
 * or in the duration's unit (no default). */
static churn_status read_times(survrun *s, const cli_opts *o, churn_err *err)
{
	static const double default_months[] = {3, 6, 12, 24};
	char **list = NULL, at[600];
	size_t n = 0;
	churn_status st = opt_list(o, OPT_TIMES, &list, &n, err);

	if (st != CHURN_OK)
		return st;
	if (n == 0 && s->date_mode) {
		n = sizeof default_months / sizeof default_months[0];
		if ((s->times = malloc(n * sizeof *s->times)) == NULL)
			goto nomem;
		memcpy(s->times, default_months, sizeof default_months);
		s->ntimes = n;
		goto done;
	}
	if (n > 0 && (s->times = malloc(n * sizeof *s->times)) == NULL)
		goto nomem;
	for (size_t k = 0; k < n; k++) {
		double v;
		if (!num_parse(list[k], strlen(list[k]), '.', &v) || !isfinite(v) || v < 0) {
			st = churn_err_set(err, CHURN_EUSAGE,
			                   "--times '%s'%s: not a time >= 0 (give times such as "
			                   "3,6,12,24%s)", list[k], opt_origin(o, OPT_TIMES, at, sizeof at),
			                   s->date_mode ? ", in months" : ", in the duration's unit");
			goto done;
		}
		if (s->date_mode && !isfinite(v * SURVRUN_DAYS_PER_MONTH)) {
			st = churn_err_set(err, CHURN_EUSAGE,
			                   "--times '%s'%s: too large: %s months is more days than can "
			                   "be counted", list[k], opt_origin(o, OPT_TIMES, at, sizeof at),
			                   list[k]);
			goto done;
		}
		s->times[s->ntimes++] = v;
	}
	goto done;
nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
done:
	opt_list_free(list);
	return st;
}

churn_status survrun_options(survrun *s, const cli_opts *o, const char *synopsis,
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
	s->date_mode = opt_str(o, OPT_START) != NULL;
	s->month_len = s->date_mode ? SURVRUN_DAYS_PER_MONTH : 1;
	surv_opts_default(&s->so);
	if ((v = opt_str(o, OPT_CONF_TYPE)) != NULL &&
	    km_conf_parse(v, &s->so.km.conf_type) != 0)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--conf-type '%s'%s: give log-log (the default), log or plain",
		                     v, opt_origin(o, OPT_CONF_TYPE, at, sizeof at));
	if ((st = opt_double(o, OPT_CONF_LEVEL, 0, 1, &s->so.km.conf_level, err)) != CHURN_OK)
		return st;
	if (!(s->so.km.conf_level > 0 && s->so.km.conf_level < 1))
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
	s->alpha = SURVRUN_ALPHA;
	if ((st = opt_double(o, OPT_ALPHA, 0, 1, &s->alpha, err)) != CHURN_OK)
		return st;
	if (!(s->alpha > 0 && s->alpha < 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--alpha '%s'%s: give a level above 0 and below 1, such as 0.05",
		                     opt_str(o, OPT_ALPHA), opt_origin(o, OPT_ALPHA, at, sizeof at));
	s->min_n = SURVRUN_MIN_N;
	if ((st = opt_long(o, OPT_MIN_N, 1, 1000000000L, &s->min_n, err)) != CHURN_OK)
		return st;
	s->rmst_tau = NAN;
	if ((v = opt_str(o, OPT_RMST_TAU)) != NULL) {
		double tau;
		if (!num_parse(v, strlen(v), '.', &tau) || !isfinite(tau) || !(tau > 0))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--rmst-tau '%s'%s: give a time above 0%s", v,
			                     opt_origin(o, OPT_RMST_TAU, at, sizeof at),
			                     s->date_mode ? " in months" : " in the duration's unit");
		s->rmst_tau = tau;
	}
	if ((st = read_times(s, o, err)) != CHURN_OK)
		return st;

	/* units: months -> days for date inputs; a time too large to count in
	 * days (it overflows to infinity) is refused, not printed as Inf */
	if (s->ntimes > 0) {
		if ((s->times_used = malloc(s->ntimes * sizeof *s->times_used)) == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		for (size_t k = 0; k < s->ntimes; k++)
			s->times_used[k] = s->times[k] * s->month_len;  /* finite: read_times */
	}
	s->so.times = s->times_used;
	s->so.ntimes = s->ntimes;
	s->so.rmst_tau = s->rmst_tau * s->month_len;
	if (isinf(s->so.rmst_tau))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--rmst-tau '%s'%s: too large: %s months is more days than "
		                     "can be counted", opt_str(o, OPT_RMST_TAU),
		                     opt_origin(o, OPT_RMST_TAU, at, sizeof at), opt_str(o, OPT_RMST_TAU));
	s->so.month_len = s->month_len;
	s->so.early_threshold = s->date_mode ? SURVRUN_EARLY_DAYS : SURVRUN_EARLY_UNITS;
	return CHURN_OK;
}

/* Each --by column's codes renumbered in sorted level order (s->by). */
static churn_status build_by(survrun *s, churn_err *err)
{
	const survdata *sd = s->sd;
	churn_status st;

	s->nby = 0;
	s->codes = calloc(sd->nby + 1, sizeof *s->codes);
	s->levels = calloc(sd->nby + 1, sizeof *s->levels);
	s->by = calloc(sd->nby + 1, sizeof *s->by);
	if (s->codes == NULL || s->levels == NULL || s->by == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t j = 0; j < sd->nby; j++) {
		const survdata_by *b = &sd->by[j];
		if (b->codes == NULL)
			return churn_err_set(err, CHURN_EUSAGE, "--by %s: not a column of text levels",
			                     b->name);
		/* The cap on levels is cmd_load's (CMD_MAX_BY_LEVELS). */
		st = table_sort_levels(b->codes, sd->n, b->levels, b->nlevels, &s->codes[j],
		                       &s->levels[j], err);
		if (st != CHURN_OK)
			return st;
		s->nby++;
		s->by[j].name = b->name;
		s->by[j].code = s->codes[j];
		s->by[j].nlevels = (uint32_t)b->nlevels;
		s->by[j].levels = s->levels[j];
	}
	return CHURN_OK;
}

/* Leaves out the rows whose entry is not before their exit time (they add
 * no time at risk; R's Surv() makes them NA), counting them. */
static churn_status drop_no_risk(survrun *s, const cmd_data *d, churn_err *err)
{
	survdata *sd = s->sd;
	unsigned char *keep;
	churn_status st = CHURN_OK;

	if (sd->entry == NULL || sd->n == 0)
		return CHURN_OK;
	if ((keep = malloc(sd->n)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (;;) {
		surv_data sv = {.n = sd->n, .time = sd->time, .event = sd->event,
		                .weight = sd->weight, .entry = sd->entry};
		size_t nd = 0, m = 0;
		st = surv_entry_usable(&sv, 1, keep, &nd, err);
		if (st != CHURN_OK || nd == 0)
			break;
		for (size_t i = 0; i < sd->n; i++) {
			if (!keep[i])
				continue;
			sd->time[m] = sd->time[i];
			sd->event[m] = sd->event[i];
			sd->entry[m] = sd->entry[i];
			if (sd->weight)
				sd->weight[m] = sd->weight[i];
			for (size_t j = 0; j < s->nby; j++)
				s->codes[j][m] = s->codes[j][i];
			m++;
		}
		sd->n = m;
		s->excluded += nd;
		if (m == 0)
			break;
	}
	free(keep);
	if (st == CHURN_OK && sd->n == 0)
		st = churn_err_set(err, CHURN_EDATA,
		                   "%s: no customer has time at risk: every row's entry is at or "
		                   "after its exit time", d->lopts.display_name);
	return st;
}

/* With --weight, at least one customer must weigh more than 0: otherwise
 * there is nobody to analyse (PRODUCT.md: exit 1 when nothing is usable). */
static churn_status check_weights(const survrun *s, const cmd_data *d, churn_err *err)
{
	const survdata *sd = s->sd;
	if (sd->weight == NULL)
		return CHURN_OK;
	for (size_t i = 0; i < sd->n; i++)
		if (sd->weight[i] > 0)
			return CHURN_OK;
	return churn_err_set(err, CHURN_EDATA, "%s: no customer has a weight above 0 (--weight %s)",
	                     d->lopts.display_name, d->map.weight);
}

churn_status survrun_fit(survrun *s, const cmd_data *d, churn_err *err)
{
	churn_status st;

	s->event = d->map.event;
	if ((st = survdata_build(d->res, &d->map, &s->sd, err)) != CHURN_OK ||
	    (st = build_by(s, err)) != CHURN_OK ||
	    (st = drop_no_risk(s, d, err)) != CHURN_OK ||
	    (st = check_weights(s, d, err)) != CHURN_OK)
		return st;
	surv_data sv = {.n = s->sd->n, .time = s->sd->time, .event = s->sd->event,
	                .weight = s->sd->weight, .entry = s->sd->entry};
	return surv_analysis_run(&sv, s->by, s->nby, &s->so, &s->a, err);
}

churn_status survrun_print(const survrun *s, const cmd_data *d, FILE *f, churn_err *err)
{
	const load_result *lr = d->res;
	const load_map *m = &d->map;
	surv_print_opts po;
	char a[11];

	if (s->date_mode) {
		if (m->end != NULL)
			fprintf(f, "Time: days from %s to %s, or to %s for customers still active "
			           "(censored).\n", m->start, m->end, date_format(lr->as_of, a));
		else
			fprintf(f, "Time: days from %s to %s; no --end column, so no one churned.\n",
			        m->start, date_format(lr->as_of, a));
		fprintf(f, "--times and --rmst-tau in months of 365.25/12 = 30.4375 days.\n");
	} else {
		fprintf(f, "Time: %s as given (--times, --rmst-tau and the hazard periods in the "
		           "same unit); churned: %s%s%s.\n", m->duration, m->event,
		        m->event_value ? " = " : "", m->event_value ? m->event_value : "");
	}
	if (m->entry != NULL)
		fprintf(f, "Delayed entry: at risk only after %s.\n", m->entry);
	if (m->weight != NULL)
		fprintf(f, "Frequency weights: %s (counts below are weighted).\n", m->weight);
	if (s->excluded > 0)
		fprintf(f, "%zu row%s left out: entry not before the exit time, so no time at "
		           "risk.\n", s->excluded, s->excluded == 1 ? "" : "s");
	fputc('\n', f);

	surv_print_opts_default(&po);
	po.time_unit = s->date_mode ? "days" : NULL;
	po.times_unit = s->date_mode ? "months" : NULL;
	po.times_scale = s->month_len;
	po.period_name = s->date_mode ? "month" : "period";
	po.alpha = s->alpha;
	po.min_n = (double)s->min_n;
	return surv_print_with(f, s->a, &po, err);
}

churn_status survrun_json(const survrun *s, void *root_, churn_err *err)
{
	json_object *root = root_, *surv = NULL, *ex, *given;
	churn_status st;

	st = surv_json_build(s->a, s->date_mode ? "days" : "as given", 1, &surv, err);
	if (st != CHURN_OK)
		return st;
	ex = json_object_new_object();
	json_object_object_add(ex, "entry_not_before_exit",
	                       json_object_new_int64((int64_t)s->excluded));
	json_object_object_add(surv, "rows_excluded", ex);
	json_object_object_add(surv, "times_unit",
	                       json_object_new_string(s->date_mode ? "months" : "as given"));
	given = json_object_new_array();
	for (size_t k = 0; k < s->ntimes; k++)
		json_object_array_add(given, json_num(s->times[k]));
	json_object_object_add(surv, "times_given", given);
	json_object_object_add(surv, "alpha", json_num(s->alpha));
	json_object_object_add(surv, "min_n", json_object_new_int64(s->min_n));
	json_object_object_add(surv, "event",
	                       s->event ? json_object_new_string(s->event) : NULL);
	json_object_object_add(root, "survival", surv);
	return CHURN_OK;
}

churn_status survrun_write_tables(const survrun *s, const char *dir, outset *outs,
                                  churn_err *err)
{
	churn_status st = cmd_tables_dir(dir, outs, err);

	if (st != CHURN_OK)
		return st;
	return surv_write_tables(dir, s->a, s->date_mode ? "months" : NULL, s->month_len, outs, err);
}

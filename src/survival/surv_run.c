/* surv_run.c - the survival stage, run from the library; see surv_run.h. */
#include "config.h"

#include "churnkit/surv_run.h"

#include "churnkit/bylevels.h"
#include "churnkit/date.h"
#include "churnkit/num.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

void surv_run_free(surv_run *s)
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
	surv_reasons_free(s->reasons);
	free(s->cause);
	free(s->cause_names);
	survdata_free(s->sd);
	memset(s, 0, sizeof *s);
}

void surv_run_opts_init(surv_run_opts *o, int date_mode)
{
	static const double default_months[] = {3, 6, 12, 24};
	surv_opts so;

	memset(o, 0, sizeof *o);
	surv_opts_default(&so);
	o->date_mode = date_mode;
	o->conf_type = so.km.conf_type;
	o->conf_level = so.km.conf_level;
	o->rho = so.rho;
	if (date_mode) {
		o->times = default_months;
		o->ntimes = sizeof default_months / sizeof default_months[0];
	}
	o->rmst_tau = NAN;
	o->alpha = SURV_RUN_ALPHA;
	o->min_n = SURV_RUN_MIN_N;
}

/* Checks the options and sets them in s: the times converted to the time
 * unit (months -> days for date inputs; a time too large to count in days
 * overflows to infinity and is refused). */
static churn_status set_options(surv_run *s, const surv_run_opts *o, churn_err *err)
{
	if (!(o->conf_level > 0 && o->conf_level < 1) || !(o->alpha > 0 && o->alpha < 1) ||
	    o->min_n < 1 || (o->rho != 0 && o->rho != 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "survival: options out of range (conf level %g, alpha %g, "
		                     "min n %ld, rho %g)", o->conf_level, o->alpha, o->min_n, o->rho);
	s->date_mode = o->date_mode;
	s->month_len = s->date_mode ? DATE_MONTH_DAYS : 1;
	surv_opts_default(&s->so);
	s->so.km.conf_type = o->conf_type;
	s->so.km.conf_level = o->conf_level;
	s->so.rho = o->rho;
	s->alpha = o->alpha;
	s->min_n = o->min_n;
	s->rmst_tau = o->rmst_tau;
	if (o->ntimes > 0) {
		s->times = malloc(o->ntimes * sizeof *s->times);
		s->times_used = malloc(o->ntimes * sizeof *s->times_used);
		if (s->times == NULL || s->times_used == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		for (size_t k = 0; k < o->ntimes; k++) {
			double v = o->times[k];
			if (!isfinite(v) || v < 0 || !isfinite(v * s->month_len))
				return churn_err_set(err, CHURN_EUSAGE,
				                     "survival: time %g is not a time >= 0 that can be "
				                     "counted", v);
			s->times[k] = v;
			s->times_used[k] = v * s->month_len;
		}
		s->ntimes = o->ntimes;
	}
	s->so.times = s->times_used;
	s->so.ntimes = s->ntimes;
	s->so.rmst_tau = s->rmst_tau * s->month_len;
	if (isinf(s->so.rmst_tau))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "survival: RMST horizon %g is too large to count", s->rmst_tau);
	s->so.month_len = s->month_len;
	s->so.early_threshold = s->date_mode ? SURV_RUN_EARLY_DAYS : SURV_RUN_EARLY_UNITS;
	return CHURN_OK;
}

/* Each --by column's codes renumbered in sorted level order (s->by). */
static churn_status build_by(surv_run *s, churn_err *err)
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
		if ((st = by_levels_check(b->name, b->nlevels, err)) != CHURN_OK)
			return st;
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
static churn_status drop_no_risk(surv_run *s, const char *display_name, churn_err *err)
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
			if (s->cause)
				s->cause[m] = s->cause[i];
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
		                   "after its exit time", display_name);
	return st;
}

/* With --weight, at least one customer must weigh more than 0: otherwise
 * there is nobody to analyse (CHURN_EDATA: nothing is usable). */
static churn_status check_weights(const surv_run *s, const surv_run_input *in, churn_err *err)
{
	const survdata *sd = s->sd;
	if (sd->weight == NULL)
		return CHURN_OK;
	for (size_t i = 0; i < sd->n; i++)
		if (sd->weight[i] > 0)
			return CHURN_OK;
	return churn_err_set(err, CHURN_EDATA, "%s: no customer has a weight above 0 (--weight %s)",
	                     in->display_name, in->map->weight);
}

/* The number at risk at time x on curve k: that of the first step at or
 * after x (those still followed at x), 0 past the last step. */
static double at_risk_at(const km_curve *k, double x)
{
	size_t lo = 0, hi = k->m;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (k->time[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k->m ? k->n_risk[lo] : 0;
}

/* Expected MRR lost in the next quarter (surv_run.h): for each active
 * customer with a value, value x (1 - S(t + quarter) / S(t)), S the
 * all-customers Kaplan-Meier curve and t the tenure at as-of, when at
 * least min_n customers are still followed at t + quarter; the others are
 * past where the data reach (the curve is flat there only for want of
 * data) and counted apart.  NaN without dates, a value column or a curve,
 * or when no customer counts. */
static void revenue_at_risk(surv_run *s, const surv_run_input *in)
{
	const table *t = in->res->t;
	const load_map *m = in->map;
	const table_col *st = m->start ? table_find(t, m->start) : NULL;
	const table_col *en = m->end ? table_find(t, m->end) : NULL;
	const table_col *val = m->value ? table_find(t, m->value) : NULL;
	const table_col *wc = m->weight ? table_find(t, m->weight) : NULL;
	const km_curve *k;
	double sum = 0;
	size_t used = 0;

	s->revenue_at_risk = NAN;
	s->revenue_at_risk_unscored = 0;
	s->revenue_at_risk_unscored_mrr = 0;
	if (!st || st->kind != TABLE_DATE || !val || val->kind != TABLE_NUM || !s->a ||
	    s->a->ncurves == 0)
		return;
	k = s->a->curve[0].km;
	for (size_t i = 0; i < t->nrows; i++) {
		if (st->date[i] == TABLE_DATE_NA || isnan(val->num[i]))
			continue;
		if (en && en->kind == TABLE_DATE && en->date[i] != TABLE_DATE_NA)
			continue;
		double tenure = (double)(in->res->as_of - st->date[i]);
		if (tenure < 0)
			continue;
		double s0 = km_surv_at(k, tenure), s1 = km_surv_at(k, tenure + SURV_RUN_QUARTER_DAYS);
		if (!(s0 > 0))
			continue;
		/* A row of weight w is w customers (0: nobody). */
		size_t w = wc != NULL ? (size_t)wc->num[i] : 1;
		if (at_risk_at(k, tenure + SURV_RUN_QUARTER_DAYS) < (double)s->min_n) {
			s->revenue_at_risk_unscored += w;
			s->revenue_at_risk_unscored_mrr += (double)w * val->num[i];
			continue;
		}
		sum += (double)w * (val->num[i] * (1 - s1 / s0));
		used += w;
	}
	s->revenue_at_risk_n = used;
	if (used)
		s->revenue_at_risk = sum;
}

const char *surv_run_unit_name(const char *s)
{
	static const char *const names[] = { "days", "weeks", "months", "years" };

	if (s == NULL)
		return NULL;
	for (size_t i = 0; i < 4; i++) {
		size_t k = strlen(names[i]) - 1;
		if ((strlen(s) == k || strlen(s) == k + 1) && strncasecmp(s, names[i], strlen(s)) == 0)
			return names[i];
	}
	return NULL;
}

double surv_run_unit_days(const char *unit)
{
	if (unit == NULL)
		return NAN;
	if (strcmp(unit, "days") == 0)
		return 1;
	if (strcmp(unit, "weeks") == 0)
		return 7;
	if (strcmp(unit, "months") == 0)
		return DATE_MONTH_DAYS;
	if (strcmp(unit, "years") == 0)
		return 365.25;
	return NAN;
}

/* A named duration unit: the early-churn window is the first 90 days in
 * that unit (3 months, 13 weeks, a quarter of a year), and the hazard is by
 * tenure month (by year for years). */
static churn_status set_unit(surv_run *s, const char *unit, churn_err *err)
{
	/* Without --times, survival at 3, 6, 12 and 24 months as dates get
	 * them, in round numbers of the unit. */
	static const struct {
		const char *unit;
		double t[4];
	} defaults[] = {
		{ "days", { 90, 180, 365, 730 } },    { "weeks", { 13, 26, 52, 104 } },
		{ "months", { 3, 6, 12, 24 } },       { "years", { 0.25, 0.5, 1, 2 } },
	};
	double days = surv_run_unit_days(unit);

	if (s->date_mode || !isfinite(days))
		return CHURN_OK;
	double early = SURV_RUN_EARLY_DAYS / days;
	s->so.early_threshold = early >= 1 ? round(early) : round(early * 100) / 100;
	s->so.month_len = days <= DATE_MONTH_DAYS ? DATE_MONTH_DAYS / days : 1;
	for (size_t u = 0; s->ntimes == 0 && u < sizeof defaults / sizeof *defaults; u++) {
		if (strcmp(defaults[u].unit, unit) != 0)
			continue;
		s->times = malloc(sizeof defaults[u].t);
		s->times_used = malloc(sizeof defaults[u].t);
		if (s->times == NULL || s->times_used == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		memcpy(s->times, defaults[u].t, sizeof defaults[u].t);
		memcpy(s->times_used, defaults[u].t, sizeof defaults[u].t);
		s->ntimes = 4;
		s->so.times = s->times_used;
		s->so.ntimes = s->ntimes;
	}
	return CHURN_OK;
}

churn_status surv_run_fit(surv_run *s, const surv_run_input *in, const surv_run_opts *o,
                          churn_err *err)
{
	churn_status st;

	memset(s, 0, sizeof *s);
	s->event = in->map->event;
	s->map = in->map;
	s->as_of = in->res->as_of;
	if ((st = set_options(s, o, err)) == CHURN_OK)
		st = set_unit(s, in->map->time_unit, err);
	if (st != CHURN_OK ||
	    (st = survdata_build(in->res, in->map, &s->sd, err)) != CHURN_OK ||
	    (st = build_by(s, err)) != CHURN_OK ||
	    (in->map->reason != NULL &&
	     (st = surv_reasons_codes(in->res, in->map, s->sd->event, s->sd->n, &s->cause,
	                              &s->cause_names, &s->ncause, err)) != CHURN_OK) ||
	    (st = drop_no_risk(s, in->display_name, err)) != CHURN_OK ||
	    (st = check_weights(s, in, err)) != CHURN_OK)
		return st;
	surv_data sv = {.n = s->sd->n, .time = s->sd->time, .event = s->sd->event,
	                .weight = s->sd->weight, .entry = s->sd->entry};
	s->revenue_at_risk = NAN;
	if ((st = surv_analysis_run(&sv, s->by, s->nby, &s->so, &s->a, err)) != CHURN_OK)
		return st;
	if (s->cause != NULL && s->ncause > 0 &&
	    (st = surv_reasons_fit(s->sd->n, s->sd->time, s->cause, s->ncause, s->cause_names,
	                           s->sd->weight, s->sd->entry, s->by, s->nby, &s->so,
	                           &s->reasons, err)) != CHURN_OK)
		return st;
	revenue_at_risk(s, in);
	return CHURN_OK;
}

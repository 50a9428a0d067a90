/* cmd_survival.c - `churnkit survival`: Kaplan-Meier curves for all
 * customers and per level of each --by column, log-rank tests (pairwise
 * with Benjamini-Hochberg for three or more levels), survival at chosen
 * times, RMST, the hazard by tenure month and the median follow-up, as
 * text, --json and --tables.  The numbers are surv_analysis.h's; this file
 * maps the options and the loaded table onto it.
 *
 * Units.  From dates the time is in days; --times and --rmst-tau are given
 * in months and converted with a month of 365.25 / 12 = 30.4375 days; the
 * hazard table is by tenure month of that length and the early-churn share
 * counts churn within 90 days.  From --duration the time is the column as
 * given; --times and --rmst-tau are in that same unit; the hazard table is
 * by one unit of it (a month when durations are months) and the early-churn
 * share counts churn at a duration of at most 3 units (the first quarter
 * when durations are months). */
#include "config.h"

#include "churnkit/date.h"
#include "churnkit/jsonout.h"
#include "churnkit/num.h"
#include "churnkit/surv_analysis.h"
#include "churnkit/surv_csv.h"
#include "churnkit/surv_json.h"
#include "churnkit/surv_print.h"
#include "churnkit/survdata.h"
#include "cmd.h"

#include <errno.h>
#include <float.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DAYS_PER_MONTH HAZARD_MONTH_DAYS   /* 365.25 / 12 */
#define EARLY_DAYS 90.0                    /* "churn in the first 90 days" */
#define EARLY_UNITS 3.0                    /* the same for durations */
#define DEFAULT_ALPHA 0.05
#define DEFAULT_MIN_N 30

static const char synopsis[] = "churnkit survival [options] DATA.csv";
static const char summary[] =
	"Kaplan-Meier survival curves (R's survfit) for all customers and for each\n"
	"level of every --by column: median with its interval, the time by which a\n"
	"quarter churned, restricted mean survival time (RMST), survival with its\n"
	"interval and the number at risk at --times; log-rank tests (survdiff;\n"
	"--rho 1 for Peto-Peto) with observed and expected churn per level and, for\n"
	"three or more levels, pairwise tests with Benjamini-Hochberg adjusted\n"
	"p-values; findings where p < --alpha and each group has --min-n customers;\n"
	"median follow-up (reverse Kaplan-Meier); churn hazard by tenure month and\n"
	"the share of churn early in a customer's life.\n\n"
	"From dates (--start, --end): time is days from start to end, or to as-of\n"
	"for customers still active (censored).  --times and --rmst-tau are then in\n"
	"months of 365.25/12 = 30.4375 days (default --times 3,6,12,24); the hazard\n"
	"is by tenure month of that length, the early share is churn within 90 days.\n"
	"From --duration and --event: times are in the duration's own unit, and so\n"
	"are --times and --rmst-tau (no default --times); the hazard is by one unit\n"
	"of it (a month when durations are months), the early share is churn at a\n"
	"duration of at most 3 units.\n\n"
	"--entry COL: delayed entry (left truncation); a customer is at risk only\n"
	"after entry.  A row whose entry is not before its exit time has no time at\n"
	"risk: it is left out, counted, and said so.  --weight COL: whole-number\n"
	"frequency weights.  A customer with no value in a --by column is in the\n"
	"overall curve only, and counted.  --tables DIR writes the curves, their\n"
	"steps, the table at --times, the hazard and the tests as CSV.";

/* Everything the command builds; released by run_free. */
typedef struct {
	cli_opts o;
	cmd_data d;
	survdata *sd;
	uint32_t **codes;          /* per --by column: codes in sorted level order */
	const char ***levels;      /* per --by column: sorted level names */
	surv_by *by;
	size_t nby;
	double *times;             /* --times as given (months for dates) */
	size_t ntimes;
	double *times_used;        /* in the time unit */
	size_t excluded;           /* rows whose entry is not before their time */
	surv_analysis *a;
} run;

/* The options of the analysis, read before loading. */
typedef struct {
	int date_mode;
	surv_opts so;
	double rmst_tau;           /* as given; NaN = per curve */
	double alpha;
	long min_n;
} sv_opts;

static void run_free(run *r)
{
	for (size_t j = 0; j < r->nby; j++) {
		free(r->codes ? r->codes[j] : NULL);
		free(r->levels ? (void *)r->levels[j] : NULL);
	}
	free(r->codes);
	free(r->levels);
	free(r->by);
	free(r->times);
	free(r->times_used);
	surv_analysis_free(r->a);
	survdata_free(r->sd);
	cmd_data_free(&r->d);
	cli_opts_free(&r->o);
}

static churn_status read_times(run *r, int date_mode, churn_err *err)
{
	static const double default_months[] = {3, 6, 12, 24};
	char **list = NULL, at[600];
	size_t n = 0;
	churn_status st = opt_list(&r->o, OPT_TIMES, &list, &n, err);

	if (st != CHURN_OK)
		return st;
	if (n == 0 && date_mode) {
		n = sizeof default_months / sizeof default_months[0];
		if ((r->times = malloc(n * sizeof *r->times)) == NULL)
			goto nomem;
		memcpy(r->times, default_months, sizeof default_months);
		r->ntimes = n;
		goto done;
	}
	if (n > 0 && (r->times = malloc(n * sizeof *r->times)) == NULL)
		goto nomem;
	for (size_t k = 0; k < n; k++) {
		double v;
		if (!num_parse(list[k], strlen(list[k]), '.', &v) || !isfinite(v) || v < 0) {
			st = churn_err_set(err, CHURN_EUSAGE,
			                   "--times '%s'%s: not a time >= 0 (give times such as "
			                   "3,6,12,24%s)", list[k], opt_origin(&r->o, OPT_TIMES, at, sizeof at),
			                   date_mode ? ", in months" : ", in the duration's unit");
			goto done;
		}
		if (date_mode && !isfinite(v * DAYS_PER_MONTH)) {
			st = churn_err_set(err, CHURN_EUSAGE,
			                   "--times '%s'%s: too large: %s months is more days than can "
			                   "be counted", list[k], opt_origin(&r->o, OPT_TIMES, at, sizeof at),
			                   list[k]);
			goto done;
		}
		r->times[r->ntimes++] = v;
	}
	goto done;
nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
done:
	opt_list_free(list);
	return st;
}

/* The options that need no data, checked before loading. */
static churn_status read_options(run *r, sv_opts *v, churn_err *err)
{
	const cli_opts *o = &r->o;
	char at[600];
	const char *s;
	churn_status st;

	if (opt_str(o, OPT_START) == NULL && opt_str(o, OPT_DURATION) == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "survival: say how long each customer stayed: --start COL "
		                     "(and --end COL) for dates, or --duration COL with "
		                     "--event COL[=VALUE] (usage: %s)", synopsis);
	v->date_mode = opt_str(o, OPT_START) != NULL;
	surv_opts_default(&v->so);
	if ((s = opt_str(o, OPT_CONF_TYPE)) != NULL &&
	    km_conf_parse(s, &v->so.km.conf_type) != 0)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--conf-type '%s'%s: give log-log (the default), log or plain",
		                     s, opt_origin(o, OPT_CONF_TYPE, at, sizeof at));
	if ((st = opt_double(o, OPT_CONF_LEVEL, 0, 1, &v->so.km.conf_level, err)) != CHURN_OK)
		return st;
	if (!(v->so.km.conf_level > 0 && v->so.km.conf_level < 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--conf-level '%s'%s: give a level above 0 and below 1, "
		                     "such as 0.95", opt_str(o, OPT_CONF_LEVEL),
		                     opt_origin(o, OPT_CONF_LEVEL, at, sizeof at));
	if ((s = opt_str(o, OPT_RHO)) != NULL) {
		double rho;
		if (!num_parse(s, strlen(s), '.', &rho) || (rho != 0 && rho != 1))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--rho '%s'%s: give 0 (log-rank) or 1 (Peto-Peto)", s,
			                     opt_origin(o, OPT_RHO, at, sizeof at));
		v->so.rho = rho;
	}
	v->alpha = DEFAULT_ALPHA;
	if ((st = opt_double(o, OPT_ALPHA, 0, 1, &v->alpha, err)) != CHURN_OK)
		return st;
	if (!(v->alpha > 0 && v->alpha < 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--alpha '%s'%s: give a level above 0 and below 1, such as 0.05",
		                     opt_str(o, OPT_ALPHA), opt_origin(o, OPT_ALPHA, at, sizeof at));
	v->min_n = DEFAULT_MIN_N;
	if ((st = opt_long(o, OPT_MIN_N, 1, 1000000000L, &v->min_n, err)) != CHURN_OK)
		return st;
	v->rmst_tau = NAN;
	if ((s = opt_str(o, OPT_RMST_TAU)) != NULL) {
		double tau;
		if (!num_parse(s, strlen(s), '.', &tau) || !isfinite(tau) || !(tau > 0))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--rmst-tau '%s'%s: give a time above 0%s", s,
			                     opt_origin(o, OPT_RMST_TAU, at, sizeof at),
			                     v->date_mode ? " in months" : " in the duration's unit");
		v->rmst_tau = tau;
	}
	if ((st = read_times(r, v->date_mode, err)) != CHURN_OK)
		return st;

	/* units: months -> days for date inputs; a time too large to count in
	 * days (it overflows to infinity) is refused, not printed as Inf */
	double scale = v->date_mode ? DAYS_PER_MONTH : 1;
	if (r->ntimes > 0) {
		if ((r->times_used = malloc(r->ntimes * sizeof *r->times_used)) == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		for (size_t k = 0; k < r->ntimes; k++)
			r->times_used[k] = r->times[k] * scale;  /* finite: read_times */
	}
	v->so.times = r->times_used;
	v->so.ntimes = r->ntimes;
	v->so.rmst_tau = v->rmst_tau * scale;
	if (isinf(v->so.rmst_tau))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--rmst-tau '%s'%s: too large: %s months is more days than "
		                     "can be counted", opt_str(o, OPT_RMST_TAU),
		                     opt_origin(o, OPT_RMST_TAU, at, sizeof at), opt_str(o, OPT_RMST_TAU));
	v->so.month_len = v->date_mode ? DAYS_PER_MONTH : 1;
	v->so.early_threshold = v->date_mode ? EARLY_DAYS : EARLY_UNITS;
	return CHURN_OK;
}

static churn_status build_by(run *r, churn_err *err)
{
	survdata *s = r->sd;
	churn_status st;

	r->nby = 0;
	r->codes = calloc(s->nby + 1, sizeof *r->codes);
	r->levels = calloc(s->nby + 1, sizeof *r->levels);
	r->by = calloc(s->nby + 1, sizeof *r->by);
	if (r->codes == NULL || r->levels == NULL || r->by == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t j = 0; j < s->nby; j++) {
		const survdata_by *b = &s->by[j];
		if (b->codes == NULL)
			return churn_err_set(err, CHURN_EUSAGE, "--by %s: not a column of text levels",
			                     b->name);
		if (b->nlevels >= UINT32_MAX)
			return churn_err_set(err, CHURN_EDATA, "--by %s: %zu levels is more than "
			                     "supported", b->name, b->nlevels);
		st = table_sort_levels(b->codes, s->n, b->levels, b->nlevels, &r->codes[j],
		                       &r->levels[j], err);
		if (st != CHURN_OK)
			return st;
		r->nby++;
		r->by[j].name = b->name;
		r->by[j].code = r->codes[j];
		r->by[j].nlevels = (uint32_t)b->nlevels;
		r->by[j].levels = r->levels[j];
	}
	return CHURN_OK;
}

/* Leaves out the rows whose entry is not before their exit time (they add
 * no time at risk; R's Surv() makes them NA), counting them. */
static churn_status drop_no_risk(run *r, churn_err *err)
{
	survdata *s = r->sd;
	unsigned char *keep;
	churn_status st = CHURN_OK;

	if (s->entry == NULL || s->n == 0)
		return CHURN_OK;
	if ((keep = malloc(s->n)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (;;) {
		surv_data d = {.n = s->n, .time = s->time, .event = s->event,
		               .weight = s->weight, .entry = s->entry};
		size_t nd = 0, m = 0;
		st = surv_entry_usable(&d, 1, keep, &nd, err);
		if (st != CHURN_OK || nd == 0)
			break;
		for (size_t i = 0; i < s->n; i++) {
			if (!keep[i])
				continue;
			s->time[m] = s->time[i];
			s->event[m] = s->event[i];
			s->entry[m] = s->entry[i];
			if (s->weight)
				s->weight[m] = s->weight[i];
			for (size_t j = 0; j < r->nby; j++)
				r->codes[j][m] = r->codes[j][i];
			m++;
		}
		s->n = m;
		r->excluded += nd;
		if (m == 0)
			break;
	}
	free(keep);
	if (st == CHURN_OK && s->n == 0)
		st = churn_err_set(err, CHURN_EDATA,
		                   "%s: no customer has time at risk: every row's entry is at or "
		                   "after its exit time", r->d.lopts.display_name);
	return st;
}

/* With --weight, at least one customer must weigh more than 0: otherwise
 * there is nobody to analyse (PRODUCT.md: exit 1 when nothing is usable). */
static churn_status check_weights(const run *r, churn_err *err)
{
	const survdata *s = r->sd;
	if (s->weight == NULL)
		return CHURN_OK;
	for (size_t i = 0; i < s->n; i++)
		if (s->weight[i] > 0)
			return CHURN_OK;
	return churn_err_set(err, CHURN_EDATA, "%s: no customer has a weight above 0 (--weight %s)",
	                     r->d.lopts.display_name, r->d.map.weight);
}

static json_object *str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static churn_status write_json(run *r, const sv_opts *v, const char *path, churn_err *err)
{
	json_object *root = cmd_json_root(&r->d), *surv = NULL, *ex, *given;
	churn_status st;

	if (root == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	st = surv_json_build(r->a, v->date_mode ? "days" : "as given", 1, &surv, err);
	if (st != CHURN_OK) {
		json_object_put(root);
		return st;
	}
	ex = json_object_new_object();
	json_object_object_add(ex, "entry_not_before_exit",
	                       json_object_new_int64((int64_t)r->excluded));
	json_object_object_add(surv, "rows_excluded", ex);
	json_object_object_add(surv, "times_unit",
	                       json_object_new_string(v->date_mode ? "months" : "as given"));
	given = json_object_new_array();
	for (size_t k = 0; k < r->ntimes; k++)
		json_object_array_add(given, json_num(r->times[k]));
	json_object_object_add(surv, "times_given", given);
	json_object_object_add(surv, "alpha", json_num(v->alpha));
	json_object_object_add(surv, "min_n", json_object_new_int64(v->min_n));
	json_object_object_add(surv, "event", str_or_null(r->d.map.event));
	json_object_object_add(root, "survival", surv);
	return cmd_json_write(root, path, err);
}

static churn_status write_tables(const run *r, const sv_opts *v, const char *dir,
                                 churn_err *err)
{
	struct stat sb;
	if (stat(dir, &sb) != 0) {
		if (errno != ENOENT || mkdir(dir, 0777) != 0)
			return churn_err_at(err, CHURN_EIO, dir, 0, 0, "cannot create the tables "
			                    "directory: %s", strerror(errno));
	} else if (!S_ISDIR(sb.st_mode)) {
		return churn_err_at(err, CHURN_EIO, dir, 0, 0, "--tables: not a directory");
	}
	return surv_write_tables(dir, r->a, v->date_mode ? "months" : NULL,
	                         v->date_mode ? DAYS_PER_MONTH : 1, err);
}

static void print_header(FILE *f, const run *r, const sv_opts *v)
{
	const load_result *lr = r->d.res;
	const load_map *m = &r->d.map;
	char a[11];

	fprintf(f, "churnkit survival: %s, %zu customer%s used of %ld row%s read (%ld rejected)",
	        r->d.lopts.display_name, lr->t->nrows, lr->t->nrows == 1 ? "" : "s",
	        lr->rows_read, lr->rows_read == 1 ? "" : "s", lr->rows_rejected);
	if (v->date_mode && lr->as_of != TABLE_DATE_NA)
		fprintf(f, ", as of %s", date_format(lr->as_of, a));
	fputs("\n", f);
	if (v->date_mode) {
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
	if (r->excluded > 0)
		fprintf(f, "%zu row%s left out: entry not before the exit time, so no time at "
		           "risk.\n", r->excluded, r->excluded == 1 ? "" : "s");
	fputc('\n', f);
}

int cmd_survival(int argc, char **argv, churn_err *err)
{
	run r;
	sv_opts v;
	int done;
	const char *json, *tables;
	churn_status st;

	memset(&r, 0, sizeof r);
	memset(&v, 0, sizeof v);
	st = cmd_parse(&r.o, CMD_SURVIVAL, argc, argv, synopsis, summary, &done, err);
	if (st != CHURN_OK || done)
		goto out;
	if ((st = read_options(&r, &v, err)) != CHURN_OK)
		goto out;
	if ((st = cmd_load(&r.o, &r.d, err)) != CHURN_OK)
		goto out;
	if ((st = survdata_build(r.d.res, &r.d.map, &r.sd, err)) != CHURN_OK)
		goto out;
	if ((st = build_by(&r, err)) != CHURN_OK)
		goto out;
	if ((st = drop_no_risk(&r, err)) != CHURN_OK)
		goto out;
	if ((st = check_weights(&r, err)) != CHURN_OK)
		goto out;
	{
		surv_data d = {.n = r.sd->n, .time = r.sd->time, .event = r.sd->event,
		               .weight = r.sd->weight, .entry = r.sd->entry};
		st = surv_analysis_run(&d, r.by, r.nby, &v.so, &r.a, err);
		if (st != CHURN_OK)
			goto out;
	}

	json = opt_str(&r.o, OPT_JSON);
	tables = opt_str(&r.o, OPT_TABLES);
	if (json != NULL && (st = write_json(&r, &v, json, err)) != CHURN_OK)
		goto out;
	if (tables != NULL && (st = write_tables(&r, &v, tables, err)) != CHURN_OK)
		goto out;
	if (json == NULL || strcmp(json, "-") != 0) {
		surv_print_opts po;
		surv_print_opts_default(&po);
		po.time_unit = v.date_mode ? "days" : NULL;
		po.times_unit = v.date_mode ? "months" : NULL;
		po.times_scale = v.date_mode ? DAYS_PER_MONTH : 1;
		po.period_name = v.date_mode ? "month" : "period";
		po.alpha = v.alpha;
		po.min_n = (double)v.min_n;
		print_header(stdout, &r, &v);
		st = surv_print_with(stdout, r.a, &po, err);
		if (st == CHURN_OK && fflush(stdout) != 0)
			st = churn_err_set(err, CHURN_EIO, "standard output: %s", strerror(errno));
	}
out:
	run_free(&r);
	return st;
}

/* cmd_load.c - the loaded input of an analysis command: the column map
 * and load options from the command line, the load, the --rejects file,
 * the warnings about bad rows and the --by cap (cmd.h). */
#include "config.h"

#include "churnkit/bylevels.h"
#include "churnkit/date.h"
#include "churnkit/num.h"
#include "churnkit/outfile.h"
#include "churnkit/reasons.h"
#include "churnkit/source_pg.h"
#include "churnkit/surv_run.h"
#include "cmd.h"
#include "cmd_pushdown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


void cmd_data_free(cmd_data *d)
{
	load_result_free(d->res);
	table_free(d->pushed);
	free(d->db_name);
	opt_list_free(d->by);
	opt_list_free(d->categorical);
	opt_list_free(d->involuntary);
	free(d->event_col);
	free(d->outcome_col);
	memset(d, 0, sizeof *d);
}

/* Splits "COL=VALUE" into a new COL string and a pointer to VALUE (or NULL). */
static churn_status split_flag(const char *s, char **col, const char **value,
                               churn_err *err)
{
	const char *eq = strchr(s, '=');
	*value = NULL;
	*col = eq ? strndup(s, (size_t)(eq - s)) : strdup(s);
	if (*col == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if (eq)
		*value = eq + 1;
	return CHURN_OK;
}

/* --time-unit: the duration's unit, for durations only (dates are days,
 * shown in months). */
static churn_status cli_time_unit(const cli_opts *o, const char **unit, churn_err *err)
{
	const char *v = opt_str(o, OPT_TIME_UNIT);
	char at[600];

	*unit = NULL;
	if (v == NULL)
		return CHURN_OK;
	if (opt_str(o, OPT_DURATION) == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--time-unit '%s'%s names the unit of --duration; dates "
		                     "(--start) are counted in days and shown in months", v,
		                     opt_origin(o, OPT_TIME_UNIT, at, sizeof at));
	if ((*unit = surv_run_unit_name(v)) == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--time-unit '%s'%s: give day, week, month or year", v,
		                     opt_origin(o, OPT_TIME_UNIT, at, sizeof at));
	return CHURN_OK;
}

static churn_status map_options(const cli_opts *o, cmd_data *d, churn_err *err)
{
	load_map *m = &d->map;
	churn_status st;
	size_t n;
	const char *s;

	m->id = opt_str(o, OPT_ID);
	m->start = opt_str(o, OPT_START);
	m->end = opt_str(o, OPT_END);
	m->entry = opt_str(o, OPT_ENTRY);
	m->duration = opt_str(o, OPT_DURATION);
	if ((st = cli_time_unit(o, &m->time_unit, err)) != CHURN_OK)
		return st;
	m->value = opt_str(o, OPT_VALUE);
	m->weight = opt_str(o, OPT_WEIGHT);
	if ((s = opt_str(o, OPT_EVENT)) != NULL) {
		if ((st = split_flag(s, &d->event_col, &m->event_value, err)) != CHURN_OK)
			return st;
		m->event = d->event_col;
	}
	if ((s = opt_str(o, OPT_OUTCOME)) != NULL) {
		if ((st = split_flag(s, &d->outcome_col, &m->outcome_value, err)) != CHURN_OK)
			return st;
		m->outcome = d->outcome_col;
	}
	if ((st = opt_list(o, OPT_BY, &d->by, &n, err)) != CHURN_OK)
		return st;
	m->by = (const char *const *)d->by;
	m->nby = n;
	/* One column, one analysis: a repeated --by would print every curve,
	 * test and table twice (and --push-down's counts hold a column once). */
	for (size_t j = 0; j < m->nby; j++)
		for (size_t k = 0; k < j; k++)
			if (strcmp(m->by[k], m->by[j]) == 0)
				return churn_err_set(err, CHURN_EUSAGE, "--by %s is given twice; give it once",
				                     m->by[j]);
	if ((st = opt_list(o, OPT_CATEGORICAL, &d->categorical, &n, err)) != CHURN_OK)
		return st;
	m->categorical = (const char *const *)d->categorical;
	m->ncategorical = n;
	m->reason = opt_str(o, OPT_REASON);
	if ((st = opt_list(o, OPT_INVOLUNTARY, &d->involuntary, &d->ninvoluntary, err)) != CHURN_OK)
		return st;
	if (d->ninvoluntary > 0 && m->reason == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--involuntary names churn reasons: give --reason COL too");
	for (size_t k = 0; m->reason != NULL && k < m->nby; k++)
		if (strcmp(m->by[k], m->reason) == 0)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--by %s is the --reason column: each of its groups would "
			                     "hold the churners of one reason only, so its curves and "
			                     "tests would compare nothing real", m->reason);
	if (m->reason != NULL && m->end == NULL && m->event == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--reason %s needs --end (dates) or --event (durations): a "
		                     "reason goes with a churn", m->reason);

	if (m->duration && (m->start || m->end))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--duration cannot be combined with --start/--end: "
		                     "give either dates or durations");
	if (m->duration && !m->event)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--duration needs --event COL[=VALUE] to say who churned");
	if (m->event && !m->duration)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--event goes with --duration; with dates, a churn date "
		                     "in the --end column marks churn");
	if (m->end && !m->start)
		return churn_err_set(err, CHURN_EUSAGE, "--end needs --start");
	if (m->entry && !m->start && !m->duration)
		return churn_err_set(err, CHURN_EUSAGE, "--entry needs --start or --duration");
	return CHURN_OK;
}

/* Parses one end of --date-range: a year (1900) or a date (yyyy-mm-dd); a
 * year means its first day for FROM and its last for TO. */
static int range_end(const char *s, size_t len, int last, int32_t *day)
{
	double y;
	if (date_parse(s, len, NULL, day))
		return 1;
	if (!num_parse(s, len, '.', &y) || y != (double)(int)y || y < 1 || y > 9999)
		return 0;
	*day = last ? date_from_civil((int)y, 12, 31) : date_from_civil((int)y, 1, 1);
	return 1;
}

/* --date-range FROM,TO and --open-end DATE (docs/inputs.md, "Dates"). */
static churn_status date_options(const cli_opts *o, load_opts *lo, churn_err *err)
{
	const char *s;
	char at[600], b1[11], b2[11];

	if ((s = opt_str(o, OPT_DATE_RANGE)) != NULL) {
		const char *comma = strchr(s, ',');
		if (comma == NULL || !range_end(s, (size_t)(comma - s), 0, &lo->date_min) ||
		    !range_end(comma + 1, strlen(comma + 1), 1, &lo->date_max) ||
		    lo->date_min > lo->date_max)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--date-range '%s'%s: give FROM,TO as years (1900,2199) "
			                     "or dates (yyyy-mm-dd), FROM not after TO", s,
			                     opt_origin(o, OPT_DATE_RANGE, at, sizeof at));
	}
	if ((s = opt_str(o, OPT_OPEN_END)) != NULL &&
	    !date_parse(s, strlen(s), NULL, &lo->open_end) &&
	    !(lo->date_format && date_parse(s, strlen(s), lo->date_format, &lo->open_end)))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--open-end '%s'%s: not a date (expected yyyy-mm-dd%s%s)", s,
		                     opt_origin(o, OPT_OPEN_END, at, sizeof at),
		                     lo->date_format ? " or " : "",
		                     lo->date_format ? lo->date_format : "");
	if (lo->has_as_of && (lo->as_of < lo->date_min || lo->as_of > lo->date_max))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--as-of %s%s is outside the plausible dates %s..%s "
		                     "(--date-range)", opt_str(o, OPT_AS_OF),
		                     opt_origin(o, OPT_AS_OF, at, sizeof at),
		                     date_format(lo->date_min, b1), date_format(lo->date_max, b2));
	return CHURN_OK;
}

static churn_status load_options(const cli_opts *o, load_opts *lo, churn_err *err)
{
	churn_status st;
	const char *s;
	char at[600];

	load_opts_init(lo);
	lo->date_format = opt_str(o, OPT_DATE_FORMAT);
	if ((s = opt_str(o, OPT_AS_OF)) != NULL) {
		if (!date_parse(s, strlen(s), NULL, &lo->as_of) &&
		    !(lo->date_format && date_parse(s, strlen(s), lo->date_format, &lo->as_of)))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--as-of '%s'%s: not a date (expected yyyy-mm-dd%s%s)",
			                     s, opt_origin(o, OPT_AS_OF, at, sizeof at),
			                     lo->date_format ? " or " : "",
			                     lo->date_format ? lo->date_format : "");
		lo->has_as_of = 1;
	}
	if ((s = opt_str(o, OPT_DELIMITER)) != NULL) {
		if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
			lo->delimiter = '\t';
		else if (strlen(s) == 1 && s[0] != '"' && s[0] != '\n' && s[0] != '\r')
			lo->delimiter = s[0];
		else
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--delimiter '%s'%s: give one character, or 'tab'", s,
			                     opt_origin(o, OPT_DELIMITER, at, sizeof at));
	}
	if ((s = opt_str(o, OPT_DECIMAL)) != NULL) {
		if (strcmp(s, ".") != 0 && strcmp(s, ",") != 0)
			return churn_err_set(err, CHURN_EUSAGE, "--decimal '%s'%s: give . or ,", s,
			                     opt_origin(o, OPT_DECIMAL, at, sizeof at));
		lo->decimal = s[0];
		if (lo->decimal == ',' && lo->delimiter == ',')
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--decimal , cannot go with --delimiter ,");
	}
	if ((s = opt_str(o, OPT_MAX_BAD_ROWS)) != NULL) {
		size_t len = strlen(s);
		double v;
		int frac = len > 0 && s[len - 1] == '%';
		if (!num_parse(s, len - (size_t)frac, '.', &v) || v < 0 ||
		    (frac && v > 100) || (!frac && v != (double)(long)v))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--max-bad-rows '%s'%s: give a count (10) or a "
			                     "percentage (1%%)", s,
			                     opt_origin(o, OPT_MAX_BAD_ROWS, at, sizeof at));
		lo->max_bad = frac ? v / 100 : v;
		lo->max_bad_is_fraction = frac;
	}
	st = date_options(o, lo, err);
	return st;
}

/* Prints the first bad rows and, when the run goes on (`fails` is 0), how
 * many rows were left out; a failing run's own error says the rest. */
static void warn_rejects(const cmd_data *d, const char *rejects_path, int fails)
{
	const load_result *r = d->res;
	cmd_bad_row rows[CMD_SHOW_REJECTS];
	size_t n = 0;

	for (; n < r->nrejects_kept && n < CMD_SHOW_REJECTS; n++)
		rows[n] = (cmd_bad_row){ r->rejects[n].line, r->rejects[n].col, r->rejects[n].msg };
	cmd_warn_bad_rows(d->lopts.display_name, rows, n, r->rows_rejected, r->rows_read,
	                  &d->lopts, rejects_path, 1, r->hint, fails);
}

/* The library's cap on a --by column's levels (bylevels.h), applied right
 * after loading for every command, before any work: the survival and
 * cohort stages apply it themselves, the other commands only here. */
static churn_status check_by_levels(const cmd_data *d, churn_err *err)
{
	churn_status st = CHURN_OK;
	for (size_t j = 0; j < d->map.nby && st == CHURN_OK; j++) {
		const table_col *c = table_find(d->res->t, d->map.by[j]);
		if (c != NULL && c->kind == TABLE_CAT)
			st = by_levels_check(d->map.by[j], c->nlevels, err);
	}
	return st;
}

/* Loads the file, or the --table or --query of --db. */
static churn_status load_input(const cli_opts *o, cmd_data *d, churn_err *err)
{
	source *src = NULL;
	churn_status st;

	if (d->db_name == NULL)
		return load_csv(d->path, &d->map, &d->lopts, &d->res, err);
	if (opt_isset(o, OPT_PUSH_DOWN))
		return cmd_pushdown_load(o, d, err);
	st = source_open_pg(opt_str(o, OPT_DB), opt_str(o, OPT_TABLE), opt_str(o, OPT_QUERY),
	                    d->db_name, &src, err);
	if (st == CHURN_OK)
		st = load_csv_source(src, &d->map, &d->lopts, &d->res, err);
	source_free(src);
	return st;
}

churn_status cmd_load(const cli_opts *o, outset *outs, stagetime *clock, cmd_data *d,
                      churn_err *err)
{
	outfile *rej = NULL;
	churn_status st;
	const char *rejects_path = opt_str(o, OPT_REJECTS);

	memset(d, 0, sizeof *d);
	d->outs = outs;
	d->clock = clock;
	if (o->nargs == 0) {  /* --db with --table or --query (cmd_parse) */
		char name[300];
		source_pg_name(opt_str(o, OPT_TABLE), name, sizeof name);
		if ((d->db_name = strdup(name)) == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	d->path = d->db_name ? d->db_name : o->args[0];
	if ((st = map_options(o, d, err)) != CHURN_OK)
		return st;
	if ((st = load_options(o, &d->lopts, err)) != CHURN_OK ||
	    (st = cli_load_export_opts(o, &d->map, &d->lopts, err)) != CHURN_OK)
		return st;
	d->lopts.display_name = strcmp(d->path, "-") == 0 ? "<stdin>" : d->path;
	if (rejects_path != NULL) {
		if ((st = outfile_open(outs, rejects_path, &rej, err)) != CHURN_OK)
			return st;
		d->lopts.rejects = outfile_stream(rej);
	}
	d->lopts.progress = clock;
	st = load_input(o, d, err);
	d->lopts.rejects = NULL;  /* the stream is closed below */
	stagetime_clear(clock);   /* the warnings below start on a clean line */
	if (st != CHURN_OK) {
		outfile_abort(rej);
		return st;
	}
	if (rej != NULL && (st = outfile_commit(rej, err)) != CHURN_OK)
		return st;
	st = load_check(d->res, &d->lopts, err);
	if (d->res->rows_rejected > 0 && !opt_isset(o, OPT_QUIET))
		warn_rejects(d, rejects_path, st != CHURN_OK);
	if (st == CHURN_EDATA && rej != NULL) {
		/* Too many bad rows: the --rejects file, the only output made so
		 * far, explains the failure and is kept (docs/outputs.md). */
		churn_err e2;
		churn_err_clear(&e2);
		if (outset_commit(outs, &e2) != CHURN_OK)
			*err = e2;
	}
	if (st == CHURN_OK && d->res->as_of_note[0] && !opt_isset(o, OPT_QUIET))
		cmd_warn("%s:%s", d->lopts.display_name, d->res->as_of_note);
	/* Rows of weight 0 stand for nobody: with no other row there is no
	 * customer for any command (docs/contract.md, --weight). */
	if (st == CHURN_OK && d->map.weight != NULL &&
	    !(load_customer_count(d->res, d->map.weight, NULL) > 0))
		st = churn_err_set(err, CHURN_EDATA, "%s: no customer has a weight above 0 "
		                   "(--weight %s)", d->lopts.display_name, d->map.weight);
	if (st == CHURN_OK)
		st = check_by_levels(d, err);
	if (st == CHURN_OK)
		st = reasons_check_involuntary(d->res->t, d->map.reason,
		                               (const char *const *)d->involuntary,
		                               d->ninvoluntary, err);
	return st;
}

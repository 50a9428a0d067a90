/* cmd_common.c - option parsing, loading and warnings shared by subcommands. */
#include "config.h"

#include "churnkit/date.h"
#include "churnkit/jsonout.h"
#include "churnkit/num.h"
#include "churnkit/outfile.h"
#include "cmd.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHOW_REJECTS 10

void cmd_warn(const char *fmt, ...)
{
	va_list ap;
	fputs("churnkit: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* 1 when a and b name the same existing file. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino && S_ISREG(sa.st_mode);
}

static const char *opt_display(opt_id id, char *buf, size_t n)
{
	if (id == OPT_OUTPUT)
		snprintf(buf, n, "-o");
	else
		snprintf(buf, n, "--%s", opt_specs()[id].name);
	return buf;
}

/* The names the --tables writers use (cohort_csv.c, surv_csv.c,
 * model_csv.c, segrun.c): keep in step with them. */
static const char *const table_names[] = {
	"cohorts*.csv", "kpis.csv", "survival_*.csv", "coefficients.csv", "cox_coefficients.csv",
	"calibration.csv", "lift.csv", "segments.csv",
};

/* 1 when file would be overwritten by a table written into dir: it lies in
 * dir and has one of the tables' names. */
static int in_tables(const char *file, const char *dir)
{
	char *d = NULL, *f = NULL, *copy = strdup(file);
	const char *base;
	int hit = 0;

	if (copy == NULL || strcmp(file, "-") == 0) {
		free(copy);
		return 0;
	}
	base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	for (size_t i = 0; i < sizeof table_names / sizeof table_names[0] && !hit; i++)
		hit = fnmatch(table_names[i], base, 0) == 0;
	if (hit) {
		char *slash = strrchr(copy, '/');
		const char *fdir = slash ? (slash == copy ? "/" : (*slash = '\0', copy)) : ".";
		d = realpath(dir, NULL);
		f = realpath(fdir, NULL);
		hit = d != NULL && f != NULL && strcmp(d, f) == 0;
	}
	free(d);
	free(f);
	free(copy);
	return hit;
}

/* No output may overwrite an input (the data, the revenue history, the
 * report definition), two outputs may not name the same file (nor a file
 * the --tables directory would get), and only one can go to standard
 * output. */
static churn_status check_outputs(const cli_opts *o, churn_err *err)
{
	static const opt_id outs[] = { OPT_OUTPUT, OPT_JSON, OPT_SCORES, OPT_REJECTS,
	                               OPT_REVENUE_REJECTS, OPT_TABLES };
	const char *ins[3] = { o->args[0], opt_str(o, OPT_REVENUE), opt_str(o, OPT_CONFIG) };
	const size_t nouts = sizeof outs / sizeof outs[0];
	char a[64], b[64];

	for (size_t i = 0; i < nouts; i++) {
		const char *p = opt_str(o, outs[i]);
		if (p == NULL)
			continue;
		for (size_t k = 0; k < 3; k++)
			if (ins[k] && strcmp(p, "-") != 0 &&
			    (strcmp(p, ins[k]) == 0 || same_file(p, ins[k])))
				return churn_err_set(err, CHURN_EUSAGE,
				                     "%s %s is an input file: it would be overwritten",
				                     opt_display(outs[i], a, sizeof a), p);
		/* An output that cannot be created fails before any work is done,
		 * so that no other output is written (the messages are outfile's). */
		if (outs[i] != OPT_TABLES && strcmp(p, "-") != 0) {
			struct stat sb;
			if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
				return churn_err_at(err, CHURN_EIO, p, 0, 0, "is a directory");
			if (stat(p, &sb) != 0) {
				char *copy = strdup(p), *slash = copy ? strrchr(copy, '/') : NULL;
				const char *dir = slash ? (slash == copy ? "/" : (*slash = '\0', copy)) : ".";
				int bad = copy != NULL && access(dir, W_OK | X_OK) != 0;
				int e = errno;
				free(copy);
				if (bad)
					return churn_err_at(err, CHURN_EIO, p, 0, 0, "cannot create: %s",
					                    strerror(e));
			}
		}
		if (outs[i] == OPT_TABLES) {
			for (size_t k = 0; k < 3; k++)
				if (ins[k] && in_tables(ins[k], p))
					return churn_err_set(err, CHURN_EUSAGE,
					                     "--tables %s would overwrite the input %s",
					                     p, ins[k]);
			for (size_t j = 0; j < nouts; j++) {
				const char *q = opt_str(o, outs[j]);
				if (j != i && q && in_tables(q, p))
					return churn_err_set(err, CHURN_EUSAGE,
					                     "--tables %s would overwrite %s %s", p,
					                     opt_display(outs[j], a, sizeof a), q);
			}
		}
		for (size_t j = 0; j < i; j++) {
			const char *q = opt_str(o, outs[j]);
			if (q == NULL)
				continue;
			if (strcmp(p, "-") == 0 && strcmp(q, "-") == 0)
				return churn_err_set(err, CHURN_EUSAGE,
				                     "%s - and %s - cannot both go to standard output",
				                     opt_display(outs[j], a, sizeof a),
				                     opt_display(outs[i], b, sizeof b));
			if (strcmp(p, "-") != 0 && (strcmp(p, q) == 0 || same_file(p, q)))
				return churn_err_set(err, CHURN_EUSAGE,
				                     "%s and %s both name %s: one would overwrite the "
				                     "other", opt_display(outs[j], a, sizeof a),
				                     opt_display(outs[i], b, sizeof b), p);
		}
	}
	return CHURN_OK;
}

churn_status cmd_parse(cli_opts *o, unsigned cmd, int argc, char **argv,
                       const char *synopsis, const char *summary, int *done,
                       churn_err *err)
{
	churn_status st = cli_opts_parse(o, cmd, argc, argv, err);
	*done = 0;
	if (st != CHURN_OK)
		return st;
	if (opt_isset(o, OPT_HELP)) {
		opt_print_help(stdout, cmd, synopsis, summary);
		*done = 1;
		return CHURN_OK;
	}
	if (opt_isset(o, OPT_VERSION)) {
		printf("churnkit %s\n", PACKAGE_VERSION);
		*done = 1;
		return CHURN_OK;
	}
	if (o->nargs == 0)
		return churn_err_set(err, CHURN_EUSAGE, "%s: no input file (usage: %s)",
		                     o->cmd_name, synopsis);
	if (o->nargs > 1)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "%s: one input file expected, got %zu ('%s', '%s'%s)",
		                     o->cmd_name, o->nargs, o->args[0], o->args[1],
		                     o->nargs > 2 ? ", ..." : "");
	/* Standard input can be read once, by one input. */
	if (strcmp(o->args[0], "-") == 0 && opt_str(o, OPT_REVENUE) != NULL &&
	    strcmp(opt_str(o, OPT_REVENUE), "-") == 0)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "the customers file and --revenue cannot both be - "
		                     "(standard input can be read only once)");
	return check_outputs(o, err);
}

void cmd_data_free(cmd_data *d)
{
	load_result_free(d->res);
	opt_list_free(d->by);
	opt_list_free(d->categorical);
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
	if ((st = opt_list(o, OPT_CATEGORICAL, &d->categorical, &n, err)) != CHURN_OK)
		return st;
	m->categorical = (const char *const *)d->categorical;
	m->ncategorical = n;

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

/* Where a value came from, for messages: "" for the command line, else
 * " (FILE:LINE)" of the report definition. */
static const char *origin(const cli_opts *o, opt_id id, char *buf, size_t n)
{
	const opt_value *v = &o->v[id];
	if (v->n == 0 || v->from_cli)
		return "";
	snprintf(buf, n, " (%s)", v->origins[v->n - 1]);
	return buf;
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
			                     s, origin(o, OPT_AS_OF, at, sizeof at),
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
			                     origin(o, OPT_DELIMITER, at, sizeof at));
	}
	if ((s = opt_str(o, OPT_DECIMAL)) != NULL) {
		if (strcmp(s, ".") != 0 && strcmp(s, ",") != 0)
			return churn_err_set(err, CHURN_EUSAGE, "--decimal '%s'%s: give . or ,", s,
			                     origin(o, OPT_DECIMAL, at, sizeof at));
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
			                     origin(o, OPT_MAX_BAD_ROWS, at, sizeof at));
		lo->max_bad = frac ? v / 100 : v;
		lo->max_bad_is_fraction = frac;
	}
	st = CHURN_OK;
	return st;
}

/* Prints the first bad rows and, when the run goes on (`fails` is 0), how
 * many rows were left out; a failing run's own error says the rest. */
static void warn_rejects(const cmd_data *d, const char *rejects_path, int fails)
{
	const load_result *r = d->res;
	const char *name = d->lopts.display_name;
	char lim[32];

	for (size_t k = 0; k < r->nrejects_kept && k < SHOW_REJECTS; k++) {
		const load_reject *j = &r->rejects[k];
		if (j->col > 0)
			cmd_warn("%s:%ld:%ld: %s", name, j->line, j->col, j->msg);
		else
			cmd_warn("%s:%ld: %s", name, j->line, j->msg);
	}
	if (r->rows_rejected > SHOW_REJECTS)
		cmd_warn("%s: %ld more bad rows not shown%s%s%s", name,
		         r->rows_rejected - SHOW_REJECTS,
		         rejects_path ? " (" : "; --rejects FILE lists them all",
		         rejects_path ? rejects_path : "", rejects_path ? " lists them all)" : "");
	if (fails)
		return;
	if (d->lopts.max_bad_is_fraction)
		snprintf(lim, sizeof lim, "%g%%", d->lopts.max_bad * 100);
	else
		snprintf(lim, sizeof lim, "%g", d->lopts.max_bad);
	cmd_warn("%s: %ld of %ld rows rejected and left out (--max-bad-rows %s)", name,
	         r->rows_rejected, r->rows_read, lim);
}

churn_status cmd_load(const cli_opts *o, cmd_data *d, churn_err *err)
{
	outfile *rej = NULL;
	churn_status st;
	const char *rejects_path = opt_str(o, OPT_REJECTS);

	memset(d, 0, sizeof *d);
	d->path = o->args[0];
	if ((st = map_options(o, d, err)) != CHURN_OK)
		return st;
	if ((st = load_options(o, &d->lopts, err)) != CHURN_OK)
		return st;
	d->lopts.display_name = strcmp(d->path, "-") == 0 ? "<stdin>" : d->path;
	if (rejects_path != NULL) {
		if ((st = outfile_open(rejects_path, &rej, err)) != CHURN_OK)
			return st;
		d->lopts.rejects = outfile_stream(rej);
	}
	st = load_csv(d->path, &d->map, &d->lopts, &d->res, err);
	d->lopts.rejects = NULL;  /* the stream is closed below */
	if (st != CHURN_OK) {
		outfile_abort(rej);
		return st;
	}
	if (rej != NULL && (st = outfile_commit(rej, err)) != CHURN_OK)
		return st;
	st = load_check(d->res, &d->lopts, err);
	if (d->res->rows_rejected > 0 && !opt_isset(o, OPT_QUIET))
		warn_rejects(d, rejects_path, st != CHURN_OK);
	return st;
}

void *cmd_json_root(const cmd_data *d)
{
	const load_result *r = d->res;
	char b[11];
	json_object *root = json_object_new_object();
	json_object *data = json_object_new_object();
	json_object *reasons = json_object_new_object();

	json_object_object_add(root, "tool", json_tool(PACKAGE_VERSION));
	/* The hash of the bytes parsed (load.h), as the report's appendix prints. */
	json_object_object_add(data, "sha256", json_object_new_string(r->sha256));
	json_object_object_add(data, "rows_read", json_object_new_int64(r->rows_read));
	json_object_object_add(data, "rows_used", json_object_new_int64((int64_t)r->t->nrows));
	json_object_object_add(data, "rows_rejected", json_object_new_int64(r->rows_rejected));
	for (int k = 0; k < LOAD_NREASONS; k++)
		if (r->by_reason[k] > 0)
			json_object_object_add(reasons, load_reason_name((load_reason)k),
			                       json_object_new_int64(r->by_reason[k]));
	json_object_object_add(data, "rejected_by_reason", reasons);
	json_object_object_add(data, "as_of", r->as_of == TABLE_DATE_NA ? NULL
	                       : json_object_new_string(date_format(r->as_of, b)));
	json_object_object_add(root, "data", data);
	return root;
}

churn_status cmd_json_write(void *root, const char *path, churn_err *err)
{
	outfile *out = NULL;
	churn_status st = outfile_open(path, &out, err);
	if (st == CHURN_OK) {
		st = json_out_write(root, outfile_stream(out), err);
		if (st == CHURN_OK)
			st = outfile_commit(out, err);
		else
			outfile_abort(out);
	}
	json_object_put(root);
	return st;
}

churn_status cmd_tables_dir(const char *dir, churn_err *err)
{
	struct stat sb;

	if (stat(dir, &sb) != 0) {
		if (errno != ENOENT || mkdir(dir, 0777) != 0)
			return churn_err_at(err, CHURN_EIO, dir, 0, 0,
			                    "cannot create the tables directory: %s", strerror(errno));
	} else if (!S_ISDIR(sb.st_mode)) {
		return churn_err_at(err, CHURN_EIO, dir, 0, 0, "--tables: not a directory");
	}
	return CHURN_OK;
}

churn_status cmd_json_stage(const cmd_data *d, cmd_json_add add, const void *stage,
                            const char *path, churn_err *err)
{
	void *root = cmd_json_root(d);
	churn_status st;

	if (root == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if ((st = add(stage, root, err)) != CHURN_OK) {
		json_object_put(root);
		return st;
	}
	return cmd_json_write(root, path, err);
}

/* cmd_common.c - option parsing, loading and warnings shared by subcommands. */
#include "config.h"

#include "churnkit/date.h"
#include "churnkit/jsonout.h"
#include "churnkit/num.h"
#include "churnkit/outfile.h"
#include "churnkit/tablecsv.h"
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

/* What a path names, for comparing paths by identity rather than by
 * spelling: an existing file by its device and inode, a file not yet
 * there by the real path of its directory and its own name. */
typedef struct {
	int exists;     /* 1: dev and ino are set; 0: canon is (or NULL) */
	int regular;    /* an existing regular file */
	dev_t dev;
	ino_t ino;
	char *canon;    /* new; NULL when the directory does not exist */
} file_id;

/* Splits path into a new directory string ("." when none) and returns a
 * pointer to its last component inside path. */
static char *dir_of(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');
	*base = slash ? slash + 1 : path;
	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static void file_id_get(const char *path, file_id *id)
{
	struct stat sb;
	memset(id, 0, sizeof *id);
	if (stat(path, &sb) == 0) {
		id->exists = 1;
		id->regular = S_ISREG(sb.st_mode);
		id->dev = sb.st_dev;
		id->ino = sb.st_ino;
		return;
	}
	const char *base;
	char *dir = dir_of(path, &base);
	char *real = dir ? realpath(dir, NULL) : NULL;
	if (real != NULL) {
		id->canon = malloc(strlen(real) + strlen(base) + 2);
		if (id->canon != NULL)
			sprintf(id->canon, "%s/%s", real, base);
	}
	free(real);
	free(dir);
}

/* 1 when a and b are the same file (or would be, once created).  Two
 * existing files that are not regular files (a directory, /dev/null) are
 * only the same when `any` is 1: writing twice to a device overwrites
 * nothing. */
static int same_id(const file_id *a, const file_id *b, int any)
{
	if (a->exists != b->exists)
		return 0;
	if (a->exists)
		return a->dev == b->dev && a->ino == b->ino && (any || a->regular);
	return a->canon != NULL && b->canon != NULL && strcmp(a->canon, b->canon) == 0;
}

static int same_file(const char *a, const char *b, int any)
{
	file_id x, y;
	file_id_get(a, &x);
	file_id_get(b, &y);
	int same = same_id(&x, &y, any);
	free(x.canon);
	free(y.canon);
	return same;
}

static const char *opt_display(opt_id id, char *buf, size_t n)
{
	if (id == OPT_OUTPUT)
		snprintf(buf, n, "-o");
	else
		snprintf(buf, n, "--%s", opt_specs()[id].name);
	return buf;
}

/* 1 when file would be overwritten by a table written into dir: it lies in
 * dir and has one of the tables' names. */
static int in_tables(const char *file, const char *dir)
{
	const char *base;
	char *fdir;
	int hit = 0;

	if (strcmp(file, "-") == 0)
		return 0;
	/* A symbolic link is judged by the file it names: an input linked to
	 * DIR/kpis.csv is overwritten when that file is replaced. */
	char *real = realpath(file, NULL);
	fdir = dir_of(real ? real : file, &base);
	for (size_t i = 0; table_csv_name_pattern(i) != NULL && !hit; i++)
		hit = fnmatch(table_csv_name_pattern(i), base, 0) == 0;
	hit = hit && fdir != NULL && same_file(fdir, dir, 1);
	free(fdir);
	free(real);
	return hit;
}

/* An output that cannot be created fails before any work is done, so that
 * no output is written: its directory must be writable (the temporary goes
 * beside it), and it must not be a directory.  The --tables directory must
 * be a directory or creatable. */
static churn_status check_writable(const char *p, int is_dir, churn_err *err)
{
	struct stat sb;
	const char *base;
	char *real = NULL, *dir;
	int exists = stat(p, &sb) == 0;

	if (exists && is_dir && !S_ISDIR(sb.st_mode))
		return churn_err_at(err, CHURN_EIO, p, 0, 0, "--tables: not a directory");
	if (exists && !is_dir && S_ISDIR(sb.st_mode))
		return churn_err_at(err, CHURN_EIO, p, 0, 0, "is a directory");
	if (exists && !S_ISREG(sb.st_mode) && !is_dir)
		return CHURN_OK;  /* a FIFO or a device, written as it is */
	if (exists && !is_dir)
		real = realpath(p, NULL);  /* a link: the file it names is replaced */
	dir = is_dir && exists ? strdup(p) : dir_of(real ? real : p, &base);
	free(real);
	if (dir == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	int bad = access(dir, W_OK | X_OK) != 0;
	int e = errno;
	free(dir);
	if (bad)
		return churn_err_at(err, CHURN_EIO, p, 0, 0, "cannot %s: %s",
		                    exists ? "replace" : "create", strerror(e));
	return CHURN_OK;
}

/* Every output is checked against every input (the data, the revenue
 * history, each report definition) and every other output, by identity
 * (docs/outputs.md): no output may overwrite an input, two outputs may not
 * name the same file (nor a file the --tables directory would get), and
 * only one can go to standard output.  Then each output's directory must
 * be writable. */
static churn_status check_outputs(const cli_opts *o, churn_err *err)
{
	static const opt_id outs[] = { OPT_OUTPUT, OPT_JSON, OPT_SCORES, OPT_REJECTS,
	                               OPT_REVENUE_REJECTS, OPT_TABLES };
	const size_t nouts = sizeof outs / sizeof outs[0];
	const opt_value *cfg = &o->v[OPT_CONFIG];
	const char *ins[64];
	size_t nins = 0;
	char a[64], b[64];
	churn_status st;

	ins[nins++] = o->args[0];
	if (opt_str(o, OPT_REVENUE) != NULL)
		ins[nins++] = opt_str(o, OPT_REVENUE);
	for (size_t k = 0; k < cfg->n && nins < sizeof ins / sizeof ins[0]; k++)
		ins[nins++] = cfg->values[k];

	for (size_t i = 0; i < nouts; i++) {
		const char *p = opt_str(o, outs[i]);
		if (p == NULL)
			continue;
		for (size_t k = 0; k < nins; k++)
			if (strcmp(p, "-") != 0 && strcmp(ins[k], "-") != 0 &&
			    (strcmp(p, ins[k]) == 0 || same_file(p, ins[k], 0)))
				return churn_err_set(err, CHURN_EUSAGE,
				                     "%s %s is an input file: it would be overwritten",
				                     opt_display(outs[i], a, sizeof a), p);
		if (outs[i] == OPT_TABLES) {
			for (size_t k = 0; k < nins; k++)
				if (in_tables(ins[k], p))
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
			if (strcmp(p, "-") != 0 && strcmp(q, "-") != 0 &&
			    (strcmp(p, q) == 0 || same_file(p, q, 0)))
				return churn_err_set(err, CHURN_EUSAGE,
				                     "%s and %s both name %s: one would overwrite the "
				                     "other", opt_display(outs[j], a, sizeof a),
				                     opt_display(outs[i], b, sizeof b), p);
		}
	}
	for (size_t i = 0; i < nouts; i++) {
		const char *p = opt_str(o, outs[i]);
		if (p != NULL && strcmp(p, "-") != 0 &&
		    (st = check_writable(p, outs[i] == OPT_TABLES, err)) != CHURN_OK)
			return st;
	}
	return CHURN_OK;
}

/* 1 when inputs a and b are one pipe, FIFO or device ("-" is standard
 * input, /dev/stdin the same): it can be read once, so the second reader
 * would find it empty or, a FIFO, wait forever. */
static int same_stream(const char *a, const char *b)
{
	struct stat x, y;
	if ((strcmp(a, "-") == 0 ? fstat(0, &x) : stat(a, &x)) != 0 ||
	    (strcmp(b, "-") == 0 ? fstat(0, &y) : stat(b, &y)) != 0)
		return 0;
	return !S_ISREG(x.st_mode) && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* No pipe or FIFO is named as two inputs (the data, --revenue, a
 * --config): every input is read once (docs/outputs.md). */
static churn_status check_inputs_once(const cli_opts *o, churn_err *err)
{
	const opt_value *cfg = &o->v[OPT_CONFIG];
	const char *rev = opt_str(o, OPT_REVENUE);
	const char *data = o->args[0];

	if (rev != NULL && same_stream(data, rev))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "the customers file %s and --revenue %s are one pipe or "
		                     "FIFO, which can be read only once", data, rev);
	for (size_t k = 0; k < cfg->n; k++) {
		const char *in = same_stream(cfg->values[k], data) ? data
		                 : rev != NULL && same_stream(cfg->values[k], rev) ? rev : NULL;
		if (in != NULL)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--config %s and the input %s are one pipe or FIFO, "
			                     "which can be read only once", cfg->values[k], in);
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
	if ((st = check_inputs_once(o, err)) != CHURN_OK)
		return st;
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
			                     origin(o, OPT_DATE_RANGE, at, sizeof at));
	}
	if ((s = opt_str(o, OPT_OPEN_END)) != NULL &&
	    !date_parse(s, strlen(s), NULL, &lo->open_end) &&
	    !(lo->date_format && date_parse(s, strlen(s), lo->date_format, &lo->open_end)))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--open-end '%s'%s: not a date (expected yyyy-mm-dd%s%s)", s,
		                     origin(o, OPT_OPEN_END, at, sizeof at),
		                     lo->date_format ? " or " : "",
		                     lo->date_format ? lo->date_format : "");
	if (lo->has_as_of && (lo->as_of < lo->date_min || lo->as_of > lo->date_max))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--as-of %s%s is outside the plausible dates %s..%s "
		                     "(--date-range)", opt_str(o, OPT_AS_OF),
		                     origin(o, OPT_AS_OF, at, sizeof at),
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
	st = date_options(o, lo, err);
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

/* The cap on the levels of every --by column, for every command: checked
 * here, once, on the loaded table. */
static churn_status check_by_levels(const cmd_data *d, churn_err *err)
{
	for (size_t j = 0; j < d->map.nby; j++) {
		const table_col *c = table_find(d->res->t, d->map.by[j]);
		if (c != NULL && c->kind == TABLE_CAT && c->nlevels > CMD_MAX_BY_LEVELS)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--by %s has %zu levels: a segment column has at most "
			                     "%d (is it an id or free text?)", d->map.by[j],
			                     c->nlevels, CMD_MAX_BY_LEVELS);
	}
	return CHURN_OK;
}

churn_status cmd_load(const cli_opts *o, outset *outs, cmd_data *d, churn_err *err)
{
	outfile *rej = NULL;
	churn_status st;
	const char *rejects_path = opt_str(o, OPT_REJECTS);

	memset(d, 0, sizeof *d);
	d->outs = outs;
	d->path = o->args[0];
	if ((st = map_options(o, d, err)) != CHURN_OK)
		return st;
	if ((st = load_options(o, &d->lopts, err)) != CHURN_OK)
		return st;
	d->lopts.display_name = strcmp(d->path, "-") == 0 ? "<stdin>" : d->path;
	if (rejects_path != NULL) {
		if ((st = outfile_open(outs, rejects_path, &rej, err)) != CHURN_OK)
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
	if (st == CHURN_EDATA && rej != NULL) {
		/* Too many bad rows: the --rejects file, the only output made so
		 * far, explains the failure and is kept (docs/outputs.md). */
		churn_err e2;
		churn_err_clear(&e2);
		if (outset_commit(outs, &e2) != CHURN_OK)
			*err = e2;
	}
	if (st == CHURN_OK)
		st = check_by_levels(d, err);
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
	json_object_object_add(data, "lines_rejected", json_object_new_int64(r->lines_rejected));
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

churn_status cmd_json_write(void *root, const char *path, outset *outs, churn_err *err)
{
	outfile *out = NULL;
	churn_status st = outfile_open(outs, path, &out, err);
	if (st == CHURN_OK) {
		st = json_out_write(root, outfile_stream(out), err);
		if (st == CHURN_OK) {
			st = outfile_commit(out, err);
		} else {
			int e = errno;
			outfile_abort(out);
			if (st == CHURN_EIO)
				st = cmd_write_error(err, path, e);
		}
	}
	json_object_put(root);
	return st;
}

churn_status cmd_write_error(churn_err *err, const char *path, int errnum)
{
	return churn_err_at(err, CHURN_EIO, strcmp(path, "-") == 0 ? "standard output" : path,
	                    0, 0, "write error%s%s", errnum ? ": " : "",
	                    errnum ? strerror(errnum) : "");
}

churn_status cmd_tables_dir(const char *dir, outset *outs, churn_err *err)
{
	return outset_mkdir(outs, dir, err);
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
	return cmd_json_write(root, path, d->outs, err);
}

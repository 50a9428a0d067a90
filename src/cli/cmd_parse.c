/* cmd_parse.c - a subcommand's command line: the options, help and
 * version, the one input, and the checks of its inputs and outputs
 * against each other before any work (docs/outputs.md). */
#include "config.h"

#include "cmd.h"
#include "cmd_files.h"
#include "churnkit/source_pg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *opt_display(opt_id id, char *buf, size_t n)
{
	if (id == OPT_OUTPUT)
		snprintf(buf, n, "-o");
	else
		snprintf(buf, n, "--%s", opt_specs()[id].name);
	return buf;
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
	dir = is_dir && exists ? strdup(p) : cmd_dir_of(real ? real : p, &base);
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
	                               OPT_REVENUE_REJECTS, OPT_TABLES, OPT_XLSX };
	const size_t nouts = sizeof outs / sizeof outs[0];
	const opt_value *cfg = &o->v[OPT_CONFIG];
	const char *ins[64];
	size_t nins = 0;
	char a[64], b[64];
	churn_status st;

	if (opt_str(o, OPT_XLSX) != NULL && strcmp(opt_str(o, OPT_XLSX), "-") == 0)
		return churn_err_set(err, CHURN_EUSAGE, "--xlsx -: a workbook is written to a file, "
		                     "not standard output");
	if (o->nargs > 0)
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
			    (strcmp(p, ins[k]) == 0 || cmd_same_file(p, ins[k], 0)))
				return churn_err_set(err, CHURN_EUSAGE,
				                     "%s %s is an input file: it would be overwritten",
				                     opt_display(outs[i], a, sizeof a), p);
		if (outs[i] == OPT_TABLES) {
			for (size_t k = 0; k < nins; k++)
				if (cmd_in_tables(ins[k], p))
					return churn_err_set(err, CHURN_EUSAGE,
					                     "--tables %s would overwrite the input %s",
					                     p, ins[k]);
			for (size_t j = 0; j < nouts; j++) {
				const char *q = opt_str(o, outs[j]);
				if (j != i && q && cmd_in_tables(q, p))
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
			    (strcmp(p, q) == 0 || cmd_same_file(p, q, 0)))
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
	const char *data = o->nargs > 0 ? o->args[0] : NULL;

	if (data == NULL)
		return CHURN_OK;  /* the customers come from --db */
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

/* --db with --table or --query in place of the customers file, and
 * --revenue-table or --revenue-query in place of --revenue FILE
 * (docs/contract.md, "PostgreSQL"): one of each pair, and each with --db.
 * The connection string's password is refused here, before any work. */
static churn_status check_db(const cli_opts *o, churn_err *err)
{
	const char *db = opt_str(o, OPT_DB), *tbl = opt_str(o, OPT_TABLE);
	const char *query = opt_str(o, OPT_QUERY);
	const char *rtable = opt_str(o, OPT_REVENUE_TABLE), *rquery = opt_str(o, OPT_REVENUE_QUERY);

	if (tbl != NULL && query != NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--table and --query both name the customers: give one");
	if (rtable != NULL && rquery != NULL)
		return churn_err_set(err, CHURN_EUSAGE, "--revenue-table and --revenue-query both "
		                     "name the revenue history: give one");
	if ((rtable != NULL || rquery != NULL) && opt_str(o, OPT_REVENUE) != NULL)
		return churn_err_set(err, CHURN_EUSAGE, "--revenue %s and --revenue-%s both name "
		                     "the revenue history: give one", opt_str(o, OPT_REVENUE),
		                     rtable ? "table" : "query");
	if (db == NULL && opt_isset(o, OPT_PUSH_DOWN))
		return churn_err_set(err, CHURN_EUSAGE, "--push-down has the database count the "
		                     "customers: give --db CONNINFO and --table or --query");
	if (db == NULL && (tbl || query || rtable || rquery))
		return churn_err_set(err, CHURN_EUSAGE, "--%s reads from a database: give --db "
		                     "CONNINFO too", tbl ? "table" : query ? "query"
		                     : rtable ? "revenue-table" : "revenue-query");
	if (db == NULL)
		return CHURN_OK;
	if (tbl == NULL && query == NULL && rtable == NULL && rquery == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "--db reads from a database: give --table "
		                     "NAME or --query SQL (and --revenue-table or --revenue-query)");
	if ((tbl != NULL || query != NULL) && o->nargs > 0)
		return churn_err_set(err, CHURN_EUSAGE, "%s: the customers come from --%s: give no "
		                     "input file ('%s')", o->cmd_name, tbl ? "table" : "query",
		                     o->args[0]);
	if (opt_str(o, OPT_ENCODING) != NULL)
		return churn_err_set(err, CHURN_EUSAGE, "--encoding does not go with --db: the "
		                     "database sends UTF-8");
	char name[300];
	return source_pg_check_conninfo(db, source_pg_name(tbl ? tbl : query ? NULL : rtable,
	                                                   name, sizeof name), err);
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
	if ((st = check_db(o, err)) != CHURN_OK)
		return st;
	if (o->nargs == 0 && opt_str(o, OPT_TABLE) == NULL && opt_str(o, OPT_QUERY) == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "%s: no input file (usage: %s)",
		                     o->cmd_name, synopsis);
	if (o->nargs > 1)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "%s: one input file expected, got %zu ('%s', '%s'%s)",
		                     o->cmd_name, o->nargs, o->args[0], o->args[1],
		                     o->nargs > 2 ? ", ..." : "");
	/* Standard input can be read once, by one input. */
	if (o->nargs > 0 && strcmp(o->args[0], "-") == 0 && opt_str(o, OPT_REVENUE) != NULL &&
	    strcmp(opt_str(o, OPT_REVENUE), "-") == 0)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "the customers file and --revenue cannot both be - "
		                     "(standard input can be read only once)");
	if ((st = check_inputs_once(o, err)) != CHURN_OK)
		return st;
	return check_outputs(o, err);
}

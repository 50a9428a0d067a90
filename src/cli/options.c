/* options.c - see options.h. */
#include "options.h"
#include "install_dirs.h"
#include "churnkit/date.h"
#include "churnkit/datetime.h"
#include "churnkit/fieldread.h"
#include "churnkit/inifile.h"
#include "churnkit/num.h"

#include <errno.h>
#include <float.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>

#define AN (CMD_REPORT | CMD_COHORTS | CMD_SURVIVAL | CMD_MODEL | CMD_SCORE)
#define SURV (CMD_REPORT | CMD_SURVIVAL)
#define COH (CMD_REPORT | CMD_COHORTS)
#define MOD (CMD_REPORT | CMD_MODEL | CMD_SCORE)

static const opt_spec specs[OPT_COUNT] = {
	[OPT_CONFIG] = {"config", 1, 1, CMD_ALL, 0, "FILE|NAME", "read options from a report definition (INI); a NAME that is no file is looked up as NAME.ini among the installed ones (churnkit --help says where)"},
	[OPT_DB] = {"db", 1, 0, CMD_ALL, 0, "CONNINFO", "read from PostgreSQL: a libpq connection string or URI, without a password (PGPASSWORD or ~/.pgpass)"},
	[OPT_TABLE] = {"table", 1, 0, CMD_ALL, 0, "NAME", "with --db: the customers table (or SCHEMA.TABLE), in place of the file"},
	[OPT_QUERY] = {"query", 1, 0, CMD_ALL, 0, "SQL", "with --db: a query giving the customers, in place of the file"},
	[OPT_PUSH_DOWN] = {"push-down", 0, 0, CMD_SURVIVAL | CMD_COHORTS | CMD_MODEL, 0, NULL, "with --db: the database counts the customers (model: computes the fit's sums; docs/scaling.md); the rows stay there"},
	[OPT_JSON] = {"json", 1, 0, AN | CMD_CHECK, 0, "FILE", "write every computed number as JSON (- = stdout)"},
	[OPT_OUTPUT] = {"output", 1, 0, CMD_REPORT | CMD_SCORE, 'o', "FILE", "the output file"},
	[OPT_TABLES] = {"tables", 1, 0, AN, 0, "DIR", "write one CSV per table and chart into DIR"},
	[OPT_XLSX] = {"xlsx", 1, 0, AN, 0, "FILE", "write every table as a sheet of one Excel workbook"},
	[OPT_REJECTS] = {"rejects", 1, 0, CMD_ALL, 0, "FILE", "write the bad rows, with line and reason, to FILE"},
	[OPT_MAX_BAD_ROWS] = {"max-bad-rows", 1, 0, CMD_ALL, 0, "N|P%", "fail when more rows are bad (default 1%)"},
	[OPT_ID] = {"id", 1, 0, CMD_ALL, 0, "COL", "customer identifier column"},
	[OPT_START] = {"start", 1, 0, CMD_ALL, 0, "COL", "signup date column"},
	[OPT_END] = {"end", 1, 0, CMD_ALL, 0, "COL", "churn date column (empty = still active)"},
	[OPT_AS_OF] = {"as-of", 1, 0, CMD_ALL, 0, "DATE", "snapshot date (default: the latest date in the data)"},
	[OPT_DATE_FORMAT] = {"date-format", 1, 0, CMD_ALL, 0, "FMT", "how dates are written: auto (default, detected per column), iso, epoch, epoch-ms or a strptime format such as %d.%m.%Y"},
	[OPT_DATE_RANGE] = {"date-range", 1, 0, CMD_ALL, 0, "FROM,TO", "plausible dates, years or dates (default 1900,2199); others are bad rows"},
	[OPT_OPEN_END] = {"open-end", 1, 0, CMD_ALL, 0, "DATE", "an end date that means still active (e.g. 9999-12-31)"},
	[OPT_DURATION] = {"duration", 1, 0, CMD_ALL, 0, "COL", "duration column (instead of dates)"},
	[OPT_EVENT] = {"event", 1, 0, CMD_ALL, 0, "COL[=VALUE]", "churn flag column for durations"},
	[OPT_ENTRY] = {"entry", 1, 0, CMD_ALL, 0, "COL", "delayed entry date or time (left truncation)"},
	[OPT_WEIGHT] = {"weight", 1, 0, CMD_ALL, 0, "COL", "frequency weights (whole numbers)"},
	[OPT_VALUE] = {"value", 1, 0, CMD_ALL, 0, "COL", "monthly recurring revenue column"},
	[OPT_BY] = {"by", 1, 1, CMD_ALL, 0, "COL", "segment column (repeatable)"},
	[OPT_DELIMITER] = {"delimiter", 1, 0, CMD_ALL, 0, "C", "field delimiter: , ; tab (default: detect)"},
	[OPT_DECIMAL] = {"decimal", 1, 0, CMD_ALL, 0, "C", "decimal mark: . or ,"},
	[OPT_CATEGORICAL] = {"categorical", 1, 1, CMD_ALL, 0, "A,B", "treat these columns as categories"},
	[OPT_THOUSANDS] = {"thousands", 1, 0, CMD_ALL, 0, "C", "thousands separator: . , ' or space (default none)"},
	[OPT_ENCODING] = {"encoding", 1, 0, CMD_ALL, 0, "NAME", "utf-8 (default), windows-1252, latin1, utf-16, utf-16le, utf-16be"},
	[OPT_VALUE_SCALE] = {"value-scale", 1, 0, CMD_ALL, 0, "F", "multiply --value (and --revenue MRR) by F, e.g. 0.01 for cents"},
	[OPT_INTERVAL] = {"interval", 1, 0, CMD_ALL, 0, "COL", "billing interval of --value (month, quarter, year, week, day): turned into MRR"},
	[OPT_INTERVAL_COUNT] = {"interval-count", 1, 0, CMD_ALL, 0, "COL", "intervals per billing (with --interval)"},
	[OPT_WHERE] = {"where", 1, 1, CMD_ALL, 0, "COL=V1,V2", "keep only rows whose COL holds one of the values (COL!=V1,V2: leave them out); repeatable, case ignored"},
	[OPT_ROLLUP] = {"rollup", 0, 0, CMD_ALL, 0, NULL, "rows that share an id are one customer (one row per subscription)"},
	[OPT_REASON] = {"reason", 1, 0, CMD_ALL, 0, "COL", "churn reason of each churned customer (empty = unknown)"},
	[OPT_INVOLUNTARY] = {"involuntary", 1, 1, CMD_ALL, 0, "V1,V2", "the --reason values that are involuntary churn (e.g. a failed payment)"},
	[OPT_TIMES] = {"times", 1, 1, SURV, 0, "T,T", "survival at these times (months for dates)"},
	[OPT_TIME_UNIT] = {"time-unit", 1, 0, SURV | MOD, 0, "UNIT", "the unit of --duration: day, week, month or year"},
	[OPT_CONF_TYPE] = {"conf-type", 1, 0, SURV, 0, "TYPE", "log-log (default), log or plain"},
	[OPT_CONF_LEVEL] = {"conf-level", 1, 0, SURV | MOD, 0, "P", "confidence level (default 0.95)"},
	[OPT_RMST_TAU] = {"rmst-tau", 1, 0, SURV, 0, "T", "restricted mean survival horizon"},
	[OPT_RHO] = {"rho", 1, 0, SURV, 0, "0|1", "log-rank (0) or Peto-Peto (1)"},
	[OPT_ALPHA] = {"alpha", 1, 0, AN, 0, "P", "significance level for findings (default 0.05)"},
	[OPT_MIN_N] = {"min-n", 1, 0, AN, 0, "N", "smallest group worth a finding (default 30)"},
	[OPT_PERIOD] = {"period", 1, 0, COH, 0, "PERIOD", "reporting period, e.g. 2026Q3"},
	[OPT_EXCLUDE_SAME_PERIOD] = {"exclude-same-period", 0, 0, COH, 0, NULL, "leave out customers who join and churn in one period"},
	[OPT_REVENUE] = {"revenue", 1, 0, COH, 0, "FILE", "monthly revenue history (id, month, MRR)"},
	[OPT_REVENUE_REJECTS] = {"revenue-rejects", 1, 0, COH, 0, "FILE", "write the revenue file's bad rows to FILE"},
	[OPT_REVENUE_LAYOUT] = {"revenue-layout", 1, 0, COH, 0, "L", "--revenue layout: long (default; id, month, MRR rows) or wide (a column per month)"},
	[OPT_REVENUE_TABLE] = {"revenue-table", 1, 0, COH, 0, "NAME", "with --db: the revenue history table, in place of --revenue FILE"},
	[OPT_REVENUE_QUERY] = {"revenue-query", 1, 0, COH, 0, "SQL", "with --db: a query giving the revenue history, in place of --revenue FILE"},
	[OPT_EXPANSION_RATE] = {"expansion-rate", 1, 0, COH, 0, "P", "expansion target, a fraction (0.20 for 20%)"},
	[OPT_CAC] = {"cac", 1, 0, COH, 0, "X", "customer acquisition cost for the cost of churn"},
	[OPT_FEATURES] = {"features", 1, 1, MOD, 0, "A,B", "model terms; log(x) for a log term"},
	[OPT_REFERENCE] = {"reference", 1, 1, MOD, 0, "COL=LEVEL", "reference level of a categorical term"},
	[OPT_OUTCOME] = {"outcome", 1, 0, MOD, 0, "COL[=VALUE]", "a given churn flag"},
	[OPT_HORIZON] = {"horizon", 1, 0, MOD, 0, "N", "churn within N months (or duration units)"},
	[OPT_COX] = {"cox", 0, 0, MOD, 0, NULL, "also fit a Cox proportional-hazards model"},
	[OPT_TIES] = {"ties", 1, 0, MOD, 0, "efron|breslow", "Cox tie handling (default efron)"},
	[OPT_FOLDS] = {"folds", 1, 0, MOD, 0, "K", "cross-validation folds (default 5)"},
	[OPT_SEED] = {"seed", 1, 0, MOD, 0, "N", "random seed for the folds"},
	[OPT_FIRTH] = {"firth", 0, 0, MOD, 0, NULL, "fit Firth's penalised likelihood"},
	[OPT_THREADS] = {"threads", 1, 0, MOD, 0, "N", "threads for the model fits (default: 2 when the machine has two cores; 1: one after the other; same results)"},
	[OPT_IMPUTE] = {"impute", 0, 0, MOD, 0, NULL, "median-impute missing numbers with an indicator"},
	[OPT_SCORES] = {"scores", 1, 0, CMD_REPORT, 0, "FILE", "also write the scores CSV"},
	[OPT_PAPER] = {"paper", 1, 0, CMD_REPORT, 0, "A4|Letter", "paper size (default A4)"},
	[OPT_COMPANY] = {"company", 1, 0, CMD_REPORT, 0, "NAME", "company name on the cover"},
	[OPT_TITLE] = {"title", 1, 0, CMD_REPORT, 0, "TEXT", "report title"},
	[OPT_OFFER_EFFECT] = {"offer-effect", 1, 0, CMD_REPORT | CMD_SCORE, 0, "F", "share of churn a retention offer prevents (default 0.25)"},
	[OPT_INCENTIVE_MONTHS] = {"incentive-months", 1, 0, CMD_REPORT | CMD_SCORE, 0, "M", "cost of a retention offer in months of MRR (default 1)"},
	[OPT_DRIVER] = {"driver", 1, 1, CMD_REPORT | CMD_SCORE, 0, "COL=KIND", "action kind of a driver column (service, usage, payment, contract, contact, onboarding, satisfaction, value, none)"},
	[OPT_LABEL] = {"label", 1, 1, CMD_REPORT, 0, "COL[:LEVEL]=TEXT", "name a column (or a level of it) in the PDF; repeatable, the later wins; also the report definition's [labels]"},
	[OPT_CURRENCY] = {"currency", 1, 0, CMD_REPORT, 0, "CODE", "ISO 4217 currency of --value, e.g. EUR: money printed with its symbol"},
	[OPT_QUIET] = {"quiet", 0, 0, CMD_ALL, 'q', NULL, "print no warnings about bad rows and no progress line (errors still print)"},
	[OPT_PROGRESS] = {"progress", 0, 0, CMD_ALL, 0, NULL, "show the progress line on standard error even when it is not a terminal"},
	[OPT_NO_PROGRESS] = {"no-progress", 0, 0, CMD_ALL, 0, NULL, "never show the progress line (wins over --progress)"},
	[OPT_HELP] = {"help", 0, 0, CMD_ALL, 'h', NULL, "show this help"},
	[OPT_VERSION] = {"version", 0, 0, CMD_ALL, 0, NULL, "show the version"},
};

const opt_spec *opt_specs(void)
{
	return specs;
}

static int find_spec(const char *name)
{
	for (int i = 0; i < OPT_COUNT; i++)
		if (strcmp(specs[i].name, name) == 0)
			return i;
	return -1;
}

static void value_clear(opt_value *v)
{
	for (size_t k = 0; k < v->n; k++) {
		free(v->values[k]);
		free(v->origins[k]);
	}
	free(v->values);
	free(v->origins);
	v->values = v->origins = NULL;
	v->n = 0;
}

void cli_opts_free(cli_opts *o)
{
	for (int i = 0; i < OPT_COUNT; i++)
		value_clear(&o->v[i]);
	free(o->args);
	o->args = NULL;
	o->nargs = 0;
}

/* Records a value; scalars keep only the last.  Returns 0 when out of memory. */
static int set_value(cli_opts *o, int id, const char *val, const char *origin, int cli)
{
	opt_value *v = &o->v[id];
	/* The command line replaces the config's values; labels add to them
	 * (the later label of a column or level wins, labels.h). */
	if (cli && !v->from_cli && id != OPT_LABEL)
		value_clear(v);
	v->from_cli |= cli;
	if (!specs[id].repeat)
		value_clear(v);
	char **vals = realloc(v->values, (v->n + 1) * sizeof *vals);
	if (vals == NULL)
		return 0;
	v->values = vals;
	char **origs = realloc(v->origins, (v->n + 1) * sizeof *origs);
	if (origs == NULL)
		return 0;
	v->origins = origs;
	v->values[v->n] = strdup(val ? val : "true");
	v->origins[v->n] = strdup(origin);
	if (v->values[v->n] == NULL || v->origins[v->n] == NULL) {
		free(v->values[v->n]);
		free(v->origins[v->n]);
		return 0;
	}
	v->n++;
	return 1;
}

typedef struct {
	cli_opts *o;
	const char *path;
} ini_ctx;

/* One "name = value" of a report definition (inifile.h reads the lines). */
static churn_status on_ini_value(void *user, const char *section, const char *name,
                                 const char *value, long line, churn_err *err)
{
	ini_ctx *c = user;
	char label[1200];
	/* [labels]: each "COL = Text" or "COL:LEVEL = Text" is a --label. */
	if (strcmp(section, "labels") == 0) {
		if (!(c->o->cmd & CMD_REPORT))
			return CHURN_OK;
		if ((size_t)snprintf(label, sizeof label, "%s=%s", name, value) >= sizeof label)
			return churn_err_at(err, CHURN_EUSAGE, c->path, line, 0,
			                    "a label longer than %zu bytes", sizeof label - 1);
		value = label;
		name = "label";
	}
	int id = find_spec(name);
	if (id < 0 || id == OPT_CONFIG || id == OPT_HELP || id == OPT_VERSION)
		return churn_err_at(err, CHURN_EUSAGE, c->path, line, 0,
		                    "unknown option '%s' in the report definition", name);
	int flag;
	if (!specs[id].has_arg && !flag_parse(value, strlen(value), &flag))
		return churn_err_at(err, CHURN_EUSAGE, c->path, line, 0,
		                    "%s = '%s': a switch is true or false (yes/no, 1/0)",
		                    name, value);
	if (!(specs[id].cmds & c->o->cmd))
		return CHURN_OK;  /* a report definition serves several subcommands */
	char origin[600];
	snprintf(origin, sizeof origin, "%s:%ld", c->path, line);
	if (!set_value(c->o, id, value, origin, 0))
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	return CHURN_OK;
}

static churn_status read_config(cli_opts *o, const char *path, churn_err *err)
{
	ini_ctx c = {o, path};
	return inifile_read(path, on_ini_value, &c, err);
}

churn_status cli_opts_parse(cli_opts *o, unsigned cmd, int argc, char **argv,
                            churn_err *err)
{
	struct option longs[OPT_COUNT + 1];
	char shorts[32] = "+";  /* stop at nothing: options may follow arguments */
	size_t ns = 0;
	churn_status st;

	memset(o, 0, sizeof *o);
	o->cmd = cmd;
	o->cmd_name = argv[0];
	shorts[0] = '-';  /* report non-options in order, as argument 1 */
	ns = 1;
	for (int i = 0; i < OPT_COUNT; i++) {
		longs[i].name = specs[i].name;
		longs[i].has_arg = specs[i].has_arg ? required_argument : no_argument;
		longs[i].flag = NULL;
		longs[i].val = 256 + i;
		if (specs[i].short_name) {
			shorts[ns++] = (char)specs[i].short_name;
			if (specs[i].has_arg)
				shorts[ns++] = ':';
		}
	}
	shorts[ns] = '\0';
	memset(&longs[OPT_COUNT], 0, sizeof longs[OPT_COUNT]);

	/* The config file first, so that the command line can override it. */
	size_t nconfig = 0;
	for (int i = 1; i < argc; i++) {
		const char *path = NULL;
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			path = argv[i + 1];
		else if (strncmp(argv[i], "--config=", 9) == 0)
			path = argv[i] + 9;
		if (path != NULL) {
			char found[4096];
			path = install_config_path(path, found, sizeof found);
			nconfig++;
			/* A FIFO or pipe given twice can be read once: the second
			 * open would wait forever.  Checked against every other
			 * --config before the first is read. */
			struct stat sb, sa;
			for (int k = 1; k + 1 < argc && stat(path, &sb) == 0 && !S_ISREG(sb.st_mode); k++)
				if (k != i && strcmp(argv[k], "--config") == 0 &&
				    stat(argv[k + 1], &sa) == 0 && sa.st_dev == sb.st_dev &&
				    sa.st_ino == sb.st_ino)
					return churn_err_set(err, CHURN_EUSAGE,
					                     "--config %s is given twice and is a pipe "
					                     "or FIFO, which can be read only once", path);
			st = read_config(o, path, err);
			if (st != CHURN_OK)
				return st;
		}
	}

	o->args = calloc((size_t)argc + 1, sizeof *o->args);
	if (o->args == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	opterr = 0;
	optind = 1;
	for (;;) {
		int li = -1;
		int c = getopt_long(argc, argv, shorts, longs, &li);
		int id = -1;
		if (c == -1)
			break;
		if (c == 1) {
			o->args[o->nargs++] = optarg;
			continue;
		}
		if (c == '?' || c == ':') {
			const char *bad = argv[optind - 1];
			if (optopt && optopt < 256)
				return churn_err_set(err, CHURN_EUSAGE,
				                     "%s: unknown option -%c (see churnkit %s --help)",
				                     o->cmd_name, optopt, o->cmd_name);
			if (c == ':' || (optopt >= 256 && specs[optopt - 256].has_arg))
				return churn_err_set(err, CHURN_EUSAGE, "%s: option %s needs a value",
				                     o->cmd_name, bad);
			return churn_err_set(err, CHURN_EUSAGE,
			                     "%s: unknown option '%s' (see churnkit %s --help)",
			                     o->cmd_name, bad, o->cmd_name);
		}
		if (c >= 256)
			id = c - 256;
		else
			for (int i = 0; i < OPT_COUNT; i++)
				if (specs[i].short_name == c)
					id = i;
		if (id < 0)
			return churn_err_set(err, CHURN_EUSAGE, "%s: unknown option", o->cmd_name);
		if (!(specs[id].cmds & cmd) && id == OPT_PUSH_DOWN)
			/* Scores are one number per customer, not a statistic of the
			 * table (docs/scaling.md, "What cannot be pushed down"). */
			return churn_err_set(err, CHURN_EUSAGE,
			                     "%s: option --push-down does not apply to this command: "
			                     "it %s; run it without --push-down "
			                     "(the rows stream from --db), or run survival, cohorts or "
			                     "model with --push-down", o->cmd_name,
			                     strcmp(o->cmd_name, "check") == 0
			                     ? "checks the rows themselves"
			                     : "scores each customer, one number per row");
		if (!(specs[id].cmds & cmd))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "%s: option --%s does not apply to this command",
			                     o->cmd_name, specs[id].name);
		/* --config was read above; its value is kept so that no output
		 * can overwrite it (cmd_parse.c). */
		char found[4096];
		const char *val = id == OPT_CONFIG ? install_config_path(optarg, found, sizeof found)
		                  : specs[id].has_arg ? optarg : NULL;
		if (!set_value(o, id, val, "command line", 1))
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	while (optind < argc)
		o->args[o->nargs++] = argv[optind++];
	/* --date-format: a keyword or a strptime format without %s (datetime.h). */
	if (opt_str(o, OPT_DATE_FORMAT) != NULL) {
		dt_spec spec;
		char why[200];
		if (!dt_spec_read(opt_str(o, OPT_DATE_FORMAT), &spec, why, sizeof why))
			return churn_err_set(err, CHURN_EUSAGE, "%s", why);
	}
	/* getopt takes an abbreviation (--confi FILE) that the scan above,
	 * which must see the name whole, would not have read. */
	if (o->v[OPT_CONFIG].n != nconfig)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "%s: write --config in full (an abbreviation of it is "
		                     "not read)", o->cmd_name);
	return CHURN_OK;
}

const char *opt_str(const cli_opts *o, opt_id id)
{
	const opt_value *v = &o->v[id];
	return v->n ? v->values[v->n - 1] : NULL;
}

int opt_isset(const cli_opts *o, opt_id id)
{
	const char *s = opt_str(o, id);
	int f;
	if (s == NULL)
		return 0;
	if (!specs[id].has_arg && flag_parse(s, strlen(s), &f))
		return f;
	return 1;
}

static churn_status bad_value(const cli_opts *o, opt_id id, const char *what,
                              churn_err *err)
{
	const opt_value *v = &o->v[id];
	return churn_err_set(err, CHURN_EUSAGE, "--%s '%s' (%s): %s", specs[id].name,
	                     v->values[v->n - 1], v->origins[v->n - 1], what);
}

churn_status opt_double(const cli_opts *o, opt_id id, double lo, double hi,
                        double *out, churn_err *err)
{
	const char *s = opt_str(o, id);
	double x;
	if (s == NULL)
		return CHURN_OK;
	if (!num_parse(s, strlen(s), '.', &x))
		return bad_value(o, id, "not a number", err);
	if (x < lo || x > hi) {
		char what[96];
		if (hi >= DBL_MAX)
			snprintf(what, sizeof what, "must be at least %g", lo);
		else
			snprintf(what, sizeof what, "must be between %g and %g", lo, hi);
		return bad_value(o, id, what, err);
	}
	*out = x;
	return CHURN_OK;
}

churn_status opt_long(const cli_opts *o, opt_id id, long lo, long hi, long *out,
                      churn_err *err)
{
	double x = 0;
	const char *s = opt_str(o, id);
	if (s == NULL)
		return CHURN_OK;
	if (!num_parse(s, strlen(s), '.', &x) || x != (double)(long)x)
		return bad_value(o, id, "not a whole number", err);
	if (x < (double)lo || x > (double)hi) {
		char what[96];
		snprintf(what, sizeof what, "must be between %ld and %ld", lo, hi);
		return bad_value(o, id, what, err);
	}
	*out = (long)x;
	return CHURN_OK;
}

churn_status opt_date(const cli_opts *o, opt_id id, int32_t *out, int *given,
                      churn_err *err)
{
	const char *s = opt_str(o, id);
	if (given)
		*given = 0;
	if (s == NULL)
		return CHURN_OK;
	if (!date_parse(s, strlen(s), NULL, out))
		return bad_value(o, id, "not a date (expected yyyy-mm-dd)", err);
	if (given)
		*given = 1;
	return CHURN_OK;
}

void opt_list_free(char **list)
{
	if (list == NULL)
		return;
	for (char **p = list; *p; p++)
		free(*p);
	free(list);
}

churn_status opt_list(const cli_opts *o, opt_id id, char ***out, size_t *n,
                      churn_err *err)
{
	const opt_value *v = &o->v[id];
	size_t cap = 1, k = 0;
	for (size_t i = 0; i < v->n; i++)
		for (const char *p = v->values[i]; *p; p++)
			cap += *p == ',';
	cap += v->n;
	char **list = calloc(cap + 1, sizeof *list);
	if (list == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t i = 0; i < v->n; i++) {
		const char *p = v->values[i];
		for (;;) {
			const char *q = strchr(p, ',');
			size_t len = q ? (size_t)(q - p) : strlen(p);
			while (len > 0 && (*p == ' ' || *p == '\t')) {
				p++;
				len--;
			}
			while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
				len--;
			if (len == 0) {
				opt_list_free(list);
				return bad_value(o, id, "an empty item in the list", err);
			}
			list[k] = strndup(p, len);
			if (list[k++] == NULL) {
				opt_list_free(list);
				return churn_err_set(err, CHURN_ENOMEM, "out of memory");
			}
			if (q == NULL)
				break;
			p = q + 1;
		}
	}
	*out = list;
	*n = k;
	return CHURN_OK;
}

void opt_print_help(FILE *f, unsigned cmd, const char *synopsis, const char *summary)
{
	fprintf(f, "Usage: %s\n\n%s\n\nOptions:\n", synopsis, summary);
	for (int i = 0; i < OPT_COUNT; i++) {
		char left[64];
		if (!(specs[i].cmds & cmd))
			continue;
		if (specs[i].short_name)
			snprintf(left, sizeof left, "-%c, --%s%s%s", specs[i].short_name,
			         specs[i].name, specs[i].metavar ? " " : "",
			         specs[i].metavar ? specs[i].metavar : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", specs[i].name,
			         specs[i].metavar ? " " : "",
			         specs[i].metavar ? specs[i].metavar : "");
		fprintf(f, "  %-30s %s\n", left, specs[i].help);
	}
}

const char *opt_origin(const cli_opts *o, opt_id id, char *buf, size_t n)
{
	const opt_value *v = &o->v[id];
	buf[0] = '\0';
	if (v->n > 0 && !v->from_cli)
		snprintf(buf, n, " (%s)", v->origins[v->n - 1]);
	return buf;
}

churn_status cli_load_export_opts(const cli_opts *o, load_map *m, load_opts *lo,
                                  churn_err *err)
{
	const char *s;
	char at[600];
	churn_status st;

	if ((s = opt_str(o, OPT_THOUSANDS)) != NULL) {
		char c = strcmp(s, "space") == 0 ? ' ' : s[0];
		if (!((strlen(s) == 1 || c == ' ') && fieldread_thousands_ok(c)))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--thousands '%s'%s: give . , ' or a space", s,
			                     opt_origin(o, OPT_THOUSANDS, at, sizeof at));
		if (c == (lo->decimal ? lo->decimal : '.'))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--thousands '%s'%s is the decimal mark too (--decimal)",
			                     s, opt_origin(o, OPT_THOUSANDS, at, sizeof at));
		lo->thousands = c;
	}
	lo->encoding = opt_str(o, OPT_ENCODING);
	if ((st = opt_double(o, OPT_VALUE_SCALE, DBL_MIN, 1e15, &lo->value_scale, err)) !=
	    CHURN_OK)
		return st;
	m->where = (const char *const *)o->v[OPT_WHERE].values;
	m->nwhere = o->v[OPT_WHERE].n;
	m->rollup = opt_isset(o, OPT_ROLLUP);
	m->interval = opt_str(o, OPT_INTERVAL);
	m->interval_count = opt_str(o, OPT_INTERVAL_COUNT);
	if (m->interval_count != NULL && m->interval == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--interval-count needs --interval COL (the billing interval)");
	if (m->interval != NULL && m->value == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--interval needs --value COL (the amount billed each interval)");
	return CHURN_OK;
}

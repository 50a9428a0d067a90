/*
 * options.h - the command line and the report definition (INI) as one set
 * of options.
 *
 * Every option has one entry in a table (options.c): its long name, whether
 * it takes a value, whether it repeats, the subcommands it applies to and a
 * line of help.  Values are kept as text with where they came from (the
 * command line, or FILE:LINE of a --config file); typed getters parse them
 * and report errors naming the option and its origin.  The command line
 * overrides the config file: a scalar set on the command line replaces the
 * config's value, and a repeatable option given on the command line replaces
 * the config's whole list (but --label adds to the report definition's
 * [labels], the later label of a name winning).
 *
 * Ownership: cli_opts owns every string it holds; cli_opts_free releases them.
 */
#ifndef CHURNKIT_OPTIONS_H
#define CHURNKIT_OPTIONS_H

#include <stdint.h>
#include <stdio.h>

#include "churnkit/err.h"
#include "churnkit/load.h"

/* Subcommand bits. */
enum {
	CMD_REPORT = 1 << 0, CMD_COHORTS = 1 << 1, CMD_SURVIVAL = 1 << 2,
	CMD_MODEL = 1 << 3, CMD_SCORE = 1 << 4, CMD_CHECK = 1 << 5,
	CMD_ALL = (1 << 6) - 1
};

typedef enum {
	OPT_CONFIG, OPT_DB, OPT_TABLE, OPT_QUERY, OPT_PUSH_DOWN, OPT_JSON, OPT_OUTPUT, OPT_TABLES, OPT_XLSX,
	OPT_REJECTS, OPT_MAX_BAD_ROWS,
	OPT_ID, OPT_START, OPT_END, OPT_AS_OF, OPT_DATE_FORMAT, OPT_DATE_RANGE,
	OPT_OPEN_END, OPT_DURATION,
	OPT_EVENT, OPT_ENTRY, OPT_WEIGHT, OPT_VALUE, OPT_BY, OPT_DELIMITER, OPT_DECIMAL,
	OPT_CATEGORICAL, OPT_THOUSANDS, OPT_ENCODING, OPT_VALUE_SCALE, OPT_INTERVAL,
	OPT_INTERVAL_COUNT, OPT_WHERE, OPT_ROLLUP, OPT_REASON, OPT_INVOLUNTARY,
	OPT_TIMES, OPT_CONF_TYPE, OPT_CONF_LEVEL, OPT_RMST_TAU, OPT_RHO, OPT_ALPHA,
	OPT_MIN_N, OPT_TIME_UNIT,
	OPT_PERIOD, OPT_EXCLUDE_SAME_PERIOD, OPT_REVENUE, OPT_REVENUE_REJECTS, OPT_REVENUE_LAYOUT,
	OPT_REVENUE_TABLE, OPT_REVENUE_QUERY,
	OPT_EXPANSION_RATE, OPT_CAC,
	OPT_FEATURES, OPT_REFERENCE, OPT_OUTCOME, OPT_HORIZON, OPT_COX, OPT_TIES,
	OPT_FOLDS, OPT_SEED, OPT_FIRTH, OPT_IMPUTE, OPT_THREADS,
	OPT_SCORES, OPT_PAPER, OPT_COMPANY, OPT_TITLE,
	OPT_OFFER_EFFECT, OPT_INCENTIVE_MONTHS, OPT_DRIVER, OPT_LABEL, OPT_CURRENCY,
	OPT_QUIET, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_HELP, OPT_VERSION,
	OPT_COUNT
} opt_id;

typedef struct {
	const char *name;    /* long name, also the INI key */
	int has_arg;         /* 1 = takes a value, 0 = a switch */
	int repeat;          /* 1 = may be given more than once (a list) */
	unsigned cmds;       /* the subcommands it applies to */
	int short_name;      /* 0 = none */
	const char *metavar; /* for --help */
	const char *help;
} opt_spec;

/* The option table, OPT_COUNT entries in opt_id order. */
const opt_spec *opt_specs(void);

typedef struct {
	char **values;       /* list values, in order */
	char **origins;      /* "command line" or "FILE:LINE", one per value */
	size_t n;
	int from_cli;        /* 1 once the command line set it */
} opt_value;

typedef struct {
	unsigned cmd;                /* the subcommand's bit */
	const char *cmd_name;
	opt_value v[OPT_COUNT];
	char **args;                 /* positional arguments (borrowed from argv) */
	size_t nargs;
} cli_opts;

/* Parses argv (argv[0] is the subcommand name): first the --config file if
 * one is named, then the command line.  On success fills *o (free with
 * cli_opts_free even on failure). */
churn_status cli_opts_parse(cli_opts *o, unsigned cmd, int argc, char **argv,
                            churn_err *err);
void cli_opts_free(cli_opts *o);

/* " (FILE:LINE)" when the option's value came from a --config file, ""
 * otherwise, written into buf; returns buf. */
const char *opt_origin(const cli_opts *o, opt_id id, char *buf, size_t n);

/* 1 when the option was given (switches: given and not "false"/"no"/"0"). */
int opt_isset(const cli_opts *o, opt_id id);
/* The (last) text value, or NULL. */
const char *opt_str(const cli_opts *o, opt_id id);
/* Typed getters: leave *out untouched when the option is absent; report a
 * usage error naming the option and where it was set when malformed. */
churn_status opt_double(const cli_opts *o, opt_id id, double lo, double hi,
                        double *out, churn_err *err);
churn_status opt_long(const cli_opts *o, opt_id id, long lo, long hi, long *out,
                      churn_err *err);
churn_status opt_date(const cli_opts *o, opt_id id, int32_t *out, int *given,
                      churn_err *err);
/* A list option with comma-separated items flattened: "a,b" "c" -> a b c.
 * Returns a new NULL-terminated array of new strings in *out (count in *n);
 * free with opt_list_free. */
churn_status opt_list(const cli_opts *o, opt_id id, char ***out, size_t *n,
                      churn_err *err);
void opt_list_free(char **list);

/* Prints the help of one subcommand (its synopsis and its options). */
void opt_print_help(FILE *f, unsigned cmd, const char *synopsis,
                    const char *summary);

/* The loader's options for real exports (docs/inputs.md): --thousands C,
 * --encoding NAME, --value-scale F, --interval COL and --interval-count
 * COL, --where (m->where: the values of `o`, as given) and --rollup, into
 * `m` and `lo` (after cmd_common.c's own options), pointing into `o`.
 * Usage errors name the option and where it was given. */
churn_status cli_load_export_opts(const cli_opts *o, load_map *m, load_opts *lo,
                                  churn_err *err);

#endif

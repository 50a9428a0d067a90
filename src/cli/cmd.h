/*
 * cmd.h - the subcommands of churnkit and what they share.
 *
 * Each subcommand is one function `int cmd_NAME(int argc, char **argv,
 * outset *outs, churn_err *err)` (argv[0] is the subcommand name) returning
 * a churn_status; main.c dispatches through a sorted table, prints the error
 * record and maps the status to the exit code.  Subcommands write their
 * results to stdout or to the files asked for, every file into the output
 * set `outs` that main owns (outfile.h, docs/outputs.md): main commits it
 * when the command succeeds and removes it otherwise; a command that prints
 * a summary naming its files commits first.  Warnings go to stderr
 * (cmd_warn); commands never exit.
 */
#ifndef CHURNKIT_CMD_H
#define CHURNKIT_CMD_H

#include "churnkit/err.h"
#include "churnkit/load.h"
#include "churnkit/outfile.h"
#include "churnkit/tablecsv.h"
#include "churnkit/stagetime.h"
#include "options.h"

int cmd_check(int argc, char **argv, outset *outs, churn_err *err);
int cmd_cohorts(int argc, char **argv, outset *outs, churn_err *err);
int cmd_model(int argc, char **argv, outset *outs, churn_err *err);
int cmd_report(int argc, char **argv, outset *outs, churn_err *err);
int cmd_score(int argc, char **argv, outset *outs, churn_err *err);
int cmd_survival(int argc, char **argv, outset *outs, churn_err *err);

/* The loaded input of an analysis command and the mapping it used. */
typedef struct {
	load_map map;
	load_opts lopts;
	load_result *res;
	const char *path;      /* the file, or db_name */
	char *db_name;         /* --db: "postgresql:TABLE" (source_pg.h), owned */
	char **by;             /* owned lists (opt_list) */
	char **categorical;
	char *event_col, *outcome_col;  /* COL of COL=VALUE, owned */
	char **involuntary;    /* --involuntary names (opt_list), owned */
	size_t ninvoluntary;
	outset *outs;          /* borrowed: the run's output set (main's) */
	stagetime *clock;      /* borrowed: the command's clock and progress line
	                          (progress.h), or NULL */
	table *pushed;         /* --push-down: the database's counts (pushdown.h),
	                          owned; res then holds no columns */
} cmd_data;

/* Parses the options of subcommand `cmd`; prints help or the version when
 * asked (*done = 1 then).  Needs exactly one positional argument, the input. */
churn_status cmd_parse(cli_opts *o, unsigned cmd, int argc, char **argv,
                       const char *synopsis, const char *summary, int *done,
                       churn_err *err);

/* Builds the mapping from the options, loads the input (the file, or with
 * --db the --table or --query, source_pg.h; shown on the progress line of
 * `clock`, which d borrows; NULL: none), writes --rejects
 * into the output set `outs` and warns about bad rows on stderr (unless
 * --quiet); checks each --by column against the library's cap
 * (bylevels.h), so that a command whose stages do not group by --by
 * (check, model, score) refuses it alike.  When the run fails for too many
 * bad rows, the --rejects file is committed (the only output then).  Free
 * with cmd_data_free. */
churn_status cmd_load(const cli_opts *o, outset *outs, stagetime *clock, cmd_data *d,
                      churn_err *err);
void cmd_data_free(cmd_data *d);

/* A new JSON document {"tool": {...}, "data": {...}} for the loaded input:
 * run_json_root (run_json.h, the renderer in src/output) with this build's
 * version (a json_object *, owned by the caller; declared void * to keep
 * json-c out of this header). */
void *cmd_json_root(const cmd_data *d);
/* Writes the document into the output set to `path` ("-" = stdout) and
 * releases it. */
churn_status cmd_json_write(void *root, const char *path, outset *outs, churn_err *err);

/* Records CHURN_EIO "PATH: write error: strerror(errnum)" (errnum 0: no
 * reason; "-" reads "standard output") and returns it: for the writers
 * that only know their stream. */
churn_status cmd_write_error(churn_err *err, const char *path, int errnum);

/* Adds one stage's objects to a JSON document root (a json_object *). */
typedef churn_status (*cmd_json_add)(const void *stage, void *root, churn_err *err);
/* Writes the document of the loaded data (cmd_json_root) with what add puts
 * in it from stage, atomically to path ("-" = stdout). */
churn_status cmd_json_stage(const cmd_data *d, cmd_json_add add, const void *stage,
                            const char *path, churn_err *err);

/* Makes sure the --tables directory exists (creating it when missing, as
 * part of the output set: removed again when the run fails):
 * CHURN_EIO naming it when it cannot be created or is not a directory. */
churn_status cmd_tables_dir(const char *dir, outset *outs, churn_err *err);

/* Where the run's tables go (tablecsv.h): the --tables directory and/or
 * the --xlsx workbook, opened in the output set `outs` with the run's
 * notes on its Contents sheet (the command, the input, the as-of date of
 * d, this build's version, every option as parsed); `currency` is the
 * report's --currency code (NULL: none), whose symbol money is shown with.
 * t->dir and t->book are both NULL when neither option is given.  Close
 * with cmd_tables_close after the last table (the workbook then joins the
 * set), free with cmd_tables_free in every case. */
churn_status cmd_tables_open(const cli_opts *o, const cmd_data *d, const char *currency,
                             outset *outs, table_dest *t, churn_err *err);
churn_status cmd_tables_close(table_dest *t, churn_err *err);
void cmd_tables_free(table_dest *t);

/* 1 when `file` would be overwritten by a table written into the --tables
 * directory dir: it lies in dir (by identity) and has one of the names
 * the table writers use ("-" never does). */
int cmd_in_tables(const char *file, const char *dir);

/* Prints "churnkit: " and a formatted warning on stderr. */
void cmd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A bad row of an input, as the loaders keep them (load_reject,
 * revhist_reject). */
typedef struct {
	long line, col;      /* col 0: the whole row */
	const char *msg;
} cmd_bad_row;
#define CMD_SHOW_REJECTS 10  /* bad rows warned about one by one */

/* Warns about an input's bad rows, the same way for every input: the first
 * CMD_SHOW_REJECTS of rows[n] by FILE:LINE[:COL], how many more there were
 * (with where they are all listed: rejects_path, or when `rejects_option`
 * the --rejects option that would list them), and, when the run goes on
 * (`fails` 0), how many rows were left out under lo's --max-bad-rows, with
 * the loader's hint (NULL or "": none). */
void cmd_warn_bad_rows(const char *name, const cmd_bad_row *rows, size_t n, long rejected,
                       long read, const load_opts *lo, const char *rejects_path,
                       int rejects_option, const char *hint, int fails);

#endif

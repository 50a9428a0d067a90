/*
 * cohortrun.h - the cohort and KPI stage of the command line, shared by
 * `churnkit cohorts` and `churnkit report`.
 *
 * It reads the cohort options (--period, --exclude-same-period, --revenue
 * FILE and --revenue-rejects FILE, --expansion-rate, --cac, --min-n; the
 * columns --id, --start, --end, --value and --by are cmd_load's), maps the
 * loaded table onto cohort.h's customers, reads the revenue history
 * (revhist.h) when asked, builds the retention triangles by signup month
 * (all customers, and one set per --by column, levels in sorted order) and
 * computes the period KPIs, the reporting period against the one before
 * and the cost of churn (kpi.h).  Then it writes them: text, the "cohorts"
 * and "kpis" JSON objects (and data.revenue), and the CSV tables.
 *
 * Refused before loading: --duration (cohorts are signup months and need
 * dates), --entry and --weight (every customer counts once from signup),
 * a missing --start, --revenue without --id, --revenue-rejects without
 * --revenue; and the values of --min-n, --alpha (not used here, but a
 * config shared with survival passes it, so it is checked alike), --period,
 * --expansion-rate (a fraction 0..1) and --cac.
 *
 * The revenue file's bad rows are written to --revenue-rejects and, unless
 * --quiet, the first ten are warned about on stderr with their count (as
 * cmd_load does for the customers); more than --max-bad-rows, or no good
 * row, is CHURN_EDATA.
 *
 * Usage: cohortrun_options before loading (so that option mistakes fail
 * fast), then cohortrun_fit on the loaded data, then the writers.
 * Ownership: the cohortrun owns everything it holds; revenue_path and
 * revenue_rejects are borrowed from the cli_opts, and cc's arrays (except
 * end_na) from the cmd_data's table: the cli_opts and the cmd_data must
 * outlive it.  Free with cohortrun_free (even after a failure).
 */
#ifndef CHURNKIT_CLI_COHORTRUN_H
#define CHURNKIT_CLI_COHORTRUN_H

#include <stdint.h>
#include <stdio.h>

#include "churnkit/cohort.h"
#include "churnkit/kpi.h"
#include "churnkit/revhist.h"
#include "cmd.h"

#define COHORTRUN_MIN_N 30           /* --min-n's default: thinner cohorts are marked */
#define COHORTRUN_SHOW_REJECTS 10    /* revenue rows warned about one by one */

typedef struct {
	/* Options (cohortrun_options). */
	size_t min_n;                /* cohorts smaller than this are thin */
	kpi_opts ko;                 /* as passed to kpi_compute; ko.revenue is
	                                set by the fit when --revenue is given */
	const char *revenue_path;    /* --revenue FILE, or NULL (borrowed) */
	const char *revenue_rejects; /* --revenue-rejects FILE, or NULL (borrowed) */
	int quiet;                   /* --quiet: no warnings about revenue rows */

	/* The inputs (cohortrun_fit). */
	cohort_customers cc;         /* all customers, group unset */
	int32_t *end_na;             /* all-NA end dates when --end is not given
	                                (cc.end points here then) */
	uint32_t **codes;            /* [nby] per --by column: codes in sorted level order */
	const char ***levels;        /* [nby] per --by column: the level names in
	                                sorted order (arrays owned, names borrowed
	                                from the table) */
	size_t nby;
	revhist *rev;                /* the revenue history with its counts of rows
	                                read and rejected by reason, or NULL */

	/* The results. */
	cohort_result **coh;         /* [ncoh] one per --by column, or one for all
	                                customers without --by; each also holds the
	                                all-customers triangle and the counts of
	                                customers left out (n_future, n_partial,
	                                n_group_missing) */
	size_t ncoh;
	kpi_result *kpi;             /* periods, change, cost of churn */
} cohortrun;

/* Reads and checks the cohort options of o.  When --start is missing the
 * usage error quotes `synopsis`, the command's usage line.  Usage errors
 * name the option.  Free c with cohortrun_free even on failure. */
churn_status cohortrun_options(cohortrun *c, const cli_opts *o, const char *synopsis,
                               churn_err *err);

/* Maps the customers, reads the revenue history (--revenue), builds the
 * triangles and computes the KPIs.  CHURN_EUSAGE for columns that did not
 * load as dates and numbers or a --by column that is not categorical, and
 * for a --period that is not a complete period of the data; CHURN_EDATA,
 * CHURN_EIO as revhist_load, revhist_check, cohort_build and kpi_compute. */
churn_status cohortrun_fit(cohortrun *c, const cmd_data *d, churn_err *err);

/* The text after the command's own first line: the revenue history's line
 * (with --revenue), a blank line, then the triangles and KPIs
 * (cohort_print_text_multi). */
churn_status cohortrun_print(const cohortrun *c, FILE *f, churn_err *err);

/* Adds "cohorts" and "kpis" to the document root (a json_object *, from
 * cmd_json_root) and, with --revenue, "revenue" to its "data" object (the
 * file, its rows read, used and rejected by reason, the columns used, the
 * first and last month).  On failure root is left unchanged. */
churn_status cohortrun_json(const cohortrun *c, void *root, churn_err *err);

/* Writes the CSV tables (cohort_output.h) into dir (created when missing). */
churn_status cohortrun_write_tables(const cohortrun *c, const char *dir, outset *outs,
                                    churn_err *err);

void cohortrun_free(cohortrun *c);

#endif

/*
 * cohort_run.h - the cohort and KPI stage, run from the library: what
 * `churnkit cohorts` and `churnkit report` run once the command line has
 * turned its options (--period, --exclude-same-period, --revenue FILE and
 * --revenue-rejects FILE, --expansion-rate, --cac, --min-n) into a
 * cohort_run_opts and loaded the table (the columns --id, --start, --end,
 * --value and --by are the loader's map).
 *
 * It maps the loaded table onto cohort.h's customers, reads the revenue
 * history (revhist.h) when asked, builds the retention triangles by signup
 * month (all customers, and one set per --by column, levels in sorted
 * order) and computes the period KPIs, the reporting period against the
 * one before and the cost of churn (kpi.h).  Then it writes them: text,
 * the "cohorts" and "kpis" JSON objects (and data.revenue), and the CSV
 * tables.
 *
 * The revenue file is read with the customers' load options (formats,
 * --max-bad-rows); its bad rows are written to revenue_rejects (into the
 * output set), and kept in rev (with revenue_failed set when there were
 * too many) for the caller to report; more than the limit, or no good
 * row, is CHURN_EDATA, and the reject file is then committed (the only
 * output, which explains the failure).  The runner prints nothing.
 *
 * Ownership: the cohort_run owns everything it holds; revenue_path and
 * revenue_rejects are borrowed from the options, and cc's arrays (except
 * end_na and weight) from the input's table: both must outlive it.  Free with
 * cohort_run_free (even after a failure).
 */
#ifndef CHURNKIT_COHORT_RUN_H
#define CHURNKIT_COHORT_RUN_H

#include <stdint.h>
#include <stdio.h>

#include "churnkit/cohort.h"
#include "churnkit/cohort_revenue.h"
#include "churnkit/kpi.h"
#include "churnkit/load.h"
#include "churnkit/outfile.h"
#include "churnkit/tabledest.h"
#include "churnkit/revhist.h"
#include "churnkit/source.h"

#define COHORT_RUN_MIN_N 30          /* --min-n's default: thinner cohorts are marked */

/* The options of the stage, as values. */
typedef struct {
	size_t min_n;                /* cohorts smaller than this are thin */
	kpi_opts ko;                 /* period, exclusions, cost of churn inputs */
	const char *revenue_path;    /* the revenue history file, or NULL (borrowed) */
	const char *revenue_rejects; /* its rejects file, or NULL (borrowed) */
	int revenue_wide;            /* 1: --revenue-layout wide (revhist.h) */
	source *revenue_src;         /* NULL, or the revenue history read from this
	                                source (a database's, source_pg.h) instead
	                                of opening revenue_path, which names it in
	                                messages and outputs (borrowed; used by
	                                cohort_run_fit only) */
} cohort_run_opts;

/* What the stage reads. */
typedef struct {
	const load_result *res;      /* the loaded table and its as-of date */
	const load_map *map;         /* id, start, end, value and by columns */
	const load_opts *lopts;      /* the customers' load options (the revenue
	                                file is read alike) */
	outset *outs;                /* the run's output set (revenue rejects) */
	const char *weight_col;      /* NULL, or a numeric column of whole-number
	                                counts: each row is that many customers
	                                (cohort.h's weight; --push-down's counts,
	                                pushdown.h); not with a revenue history */
	const char *const *value_sums; /* NULL, or with weight_col and the map's
	                                value: 4 numeric columns, each entry's
	                                customers with a value, with a value above
	                                0, the sum of their values and of their
	                                squares (cohort.h's sums; --push-down) */
} cohort_run_input;

typedef struct {
	/* Options (copied by cohort_run_fit). */
	size_t min_n;                /* cohorts smaller than this are thin */
	kpi_opts ko;                 /* as passed to kpi_compute; ko.revenue is
	                                set by the fit when --revenue is given */
	const char *revenue_path;    /* --revenue FILE, or NULL (borrowed) */
	const char *revenue_rejects; /* --revenue-rejects FILE, or NULL (borrowed) */
	int revenue_wide;            /* --revenue-layout wide */

	/* The inputs (cohort_run_fit). */
	cohort_customers cc;         /* all customers, group unset */
	int32_t *end_na;             /* all-NA end dates when --end is not given
	                                (cc.end points here then) */
	size_t *weight;              /* the input's weight_col as counts, or NULL
	                                (cc.weight points here then) */
	cohort_value_sums *sums;     /* the input's value_sums, or NULL (cc.sums
	                                points here then) */
	uint32_t **codes;            /* [nby] per --by column: codes in sorted level order */
	const char ***levels;        /* [nby] per --by column: the level names in
	                                sorted order (arrays owned, names borrowed
	                                from the table) */
	size_t nby;
	revhist *rev;                /* the revenue history with its counts of rows
	                                read and rejected by reason, or NULL */
	revenue_history rev_history; /* rev's good rows as the KPIs read them
	                                (ko.revenue points here) */
	int revenue_failed;          /* 1: too many bad revenue rows (CHURN_EDATA) */

	/* The results. */
	cohort_result **coh;         /* [ncoh] one per --by column, or one for all
	                                customers without --by; each also holds the
	                                all-customers triangle and the counts of
	                                customers left out (n_future, n_partial,
	                                n_group_missing) */
	size_t ncoh;
	kpi_result *kpi;             /* periods, change, cost of churn */
	cohort_revenue *revcoh;      /* with --revenue: net revenue retention by
	                                cohort from the history, else NULL */
} cohort_run;

/* Sets the defaults: min_n COHORT_RUN_MIN_N, kpi_opts_init, no revenue. */
void cohort_run_opts_init(cohort_run_opts *o);

/* Whether cohorts and KPIs fit a run whose survival analysis reads delayed
 * entry (entry_col, --entry; NULL when not given): cohorts count every
 * customer from signup, so delayed entry keeps them out.  Returns NULL when
 * they fit, else the option that keeps them out ("--entry"), for the report
 * to say so.  A static string.  Frequency weights (--weight) fit: a row
 * counts as that many customers (cohort_run_input's weight_col). */
const char *cohort_run_excluded_by(const char *entry_col);

/* Maps the customers, reads the revenue history (--revenue), builds the
 * triangles and computes the KPIs.  c must be zeroed (or freed) before.  CHURN_EUSAGE for columns that did not
 * load as dates and numbers, a --by column that is not categorical or has
 * more than BY_LEVELS_MAX levels (bylevels.h), and
 * for a --period that is not a complete period of the data; CHURN_EDATA,
 * CHURN_EIO as revhist_load, revhist_check, cohort_build and kpi_compute. */
churn_status cohort_run_fit(cohort_run *c, const cohort_run_input *in,
                            const cohort_run_opts *o, churn_err *err);

/* The stage's renderings (text, JSON, --tables) are defined in
 * src/output/cohort_run_out.c: the runner computes, the output layer renders. */

/* The text after the command's own first line: the revenue history's line
 * (with --revenue), a blank line, then the triangles and KPIs
 * (cohort_print_text_multi). */
churn_status cohort_run_print(const cohort_run *c, FILE *f, churn_err *err);

/* Adds "cohorts" and "kpis" to the document root (a json_object *) and, with --revenue, "revenue" to its "data" object (the
 * file, its rows read, used and rejected by reason, the columns used, the
 * first and last month).  On failure root is left unchanged. */
churn_status cohort_run_json(const cohort_run *c, void *root, churn_err *err);

/* Writes the tables (cohort_output.h) to d (tabledest.h; its directory
 * created when missing). */
churn_status cohort_run_write_tables(const cohort_run *c, const table_dest *d,
                                     churn_err *err);

/* Frees what c holds and zeroes it; accepts NULL. */
void cohort_run_free(cohort_run *c);

#endif

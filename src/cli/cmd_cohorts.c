/* cmd_cohorts.c - `churnkit cohorts`: cohort triangles by signup month (one
 * set per --by column), period KPIs, revenue movements and the cost of
 * churn, as text, --json and --tables.  The stage itself (options, revenue
 * history, writers) is cohort_run.h's (the library's), which the report shares. */
#include "config.h"

#include "churnkit/reasons_out.h"
#include "churnkit/run_text.h"
#include "cmd.h"
#include "cmd_pushdown.h"
#include "progress.h"
#include "stage_opts.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char synopsis[] = "churnkit cohorts [options] CUSTOMERS.csv";
static const char summary[] =
	"Cohort retention triangles by signup month (customers, and revenue with\n"
	"--value; one set per --by column), period KPIs for every complete month\n"
	"and quarter (start, new, churned, end, churn and retention rates), the\n"
	"reporting period (--period, default the last complete quarter) against the\n"
	"one before with a two-proportion test of the churn rate, MRR movements\n"
	"(from --revenue FILE, or --value held constant), GRR, NRR, quick ratio,\n"
	"ARPA, LTV and the cost of churn.  Needs --start (the signup date); --end is\n"
	"the churn date.\n\n"
	"Cost of churn (needs --value or --revenue for the MRR churned): 12 x MRR\n"
	"churned + --expansion-rate x that (a fraction, 0.20 for 20%; default 0.20)\n"
	"+ --cac x customers lost.\n\n"
	"--revenue FILE: one row per customer and month; columns customer_id (or the\n"
	"--id column's name, or id), month (yyyy-mm) and mrr, found by name in any\n"
	"order; a header without these names is read by position (id, month, MRR).\n"
	"Its bad rows (unknown customer, bad month, negative MRR, duplicate\n"
	"customer-month, month before signup or after as-of, month after the\n"
	"customer's churn month) are reported by line\n"
	"and count against --max-bad-rows like the customers file's. A 0 or empty\n"
	"MRR in or after the churn month is the churn itself, not a bad row.\n"
	"--revenue-layout wide: the customer id, then one column per month\n"
	"(2017-01, 2017-01-01, 2017/01, 01/2017 or Jan 2017; empty = 0).";

/* The cohort stage and, with --reason, the churn-reason breakdown. */
typedef struct {
	const cohort_run *c;
	const reasons_result *r;
} cohort_stages;

static churn_status add_json(const void *stage, void *root, churn_err *err)
{
	const cohort_stages *g = stage;
	churn_status st = cohort_run_json(g->c, root, err);
	if (st == CHURN_OK && g->r != NULL)
		st = reasons_json_cohorts(g->r, root, err);
	return st;
}

/* The churn-reason breakdown of the KPIs' reporting period and the one
 * before (reasons.h). */
static churn_status reasons_of_period(const cohort_run *c, const cmd_data *d,
                                      reasons_result **out, churn_err *err)
{
	reasons_opts ro = {.involuntary = (const char *const *)d->involuntary,
	                   .ninvoluntary = d->ninvoluntary};

	reasons_opts_period(&ro, &c->kpi->change, c->ko.exclude_same_period);
	return reasons_build(d->res, &d->map, &ro, out, err);
}

int cmd_cohorts(int argc, char **argv, outset *outs, churn_err *err)
{
	cli_opts o;
	cmd_data d = {0};
	stagetime tm = {0};
	cli_progress pg;
	cli_cohort_opts co = {0};
	cohort_run c = {0};
	reasons_result *rr = NULL;
	cohort_stages g;
	table_dest td = {0};
	int done;
	const char *json;
	churn_status st = cmd_parse(&o, CMD_COHORTS, argc, argv, synopsis, summary, &done, err);

	if (st != CHURN_OK || done)
		goto out;
	if ((st = cli_cohort_opts_read(&co, &o, synopsis, err)) != CHURN_OK)
		goto out;
	if ((st = cli_progress_start(&pg, &tm, &o, err)) != CHURN_OK ||
	    (st = cmd_load(&o, outs, &tm, &d, err)) != CHURN_OK)
		goto out;
	if ((st = (d.pushed ? cmd_pushdown_cohorts : cli_cohort_run)(&c, &co, &d, err)) !=
	    CHURN_OK)
		goto out;
	if (d.map.reason != NULL && (st = reasons_of_period(&c, &d, &rr, err)) != CHURN_OK)
		goto out;
	g = (cohort_stages){&c, rr};
	stagetime_clear(&tm);

	json = opt_str(&o, OPT_JSON);
	if (json != NULL && (st = cmd_json_stage(&d, add_json, &g, json, err)) != CHURN_OK)
		goto out;
	if ((st = cmd_tables_open(&o, &d, NULL, outs, &td, err)) != CHURN_OK)
		goto out;
	if ((td.dir || td.book) && (st = cohort_run_write_tables(&c, &td, err)) != CHURN_OK)
		goto out;
	if ((td.dir || td.book) && rr != NULL &&
	    (st = reasons_write_cohorts_tables(rr, &td, err)) != CHURN_OK)
		goto out;
	if ((st = cmd_tables_close(&td, err)) != CHURN_OK)
		goto out;
	if (json == NULL || strcmp(json, "-") != 0) {
		run_text_cohorts_header(stdout, d.lopts.display_name, d.res, d.map.weight);
		st = cohort_run_print(&c, stdout, err);
		if (st == CHURN_OK && rr != NULL)
			reasons_print_period(rr, stdout);
		if (st == CHURN_OK && fflush(stdout) != 0)
			st = churn_err_set(err, CHURN_EIO, "standard output: %s", strerror(errno));
	}
out:
	cmd_tables_free(&td);
	stagetime_clear(&tm);
	reasons_result_free(rr);
	cohort_run_free(&c);
	cmd_data_free(&d);
	cli_opts_free(&o);
	return st;
}

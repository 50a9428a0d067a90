/* cmd_survival.c - `churnkit survival`: Kaplan-Meier curves for all
 * customers and per level of each --by column, log-rank tests (pairwise
 * with Benjamini-Hochberg for three or more levels), survival at chosen
 * times, RMST, the hazard by tenure month and the median follow-up, as
 * text, --json and --tables.  The stage itself (options, units, rows left
 * out, writers) is surv_run.h's (the library's), which the report shares. */
#include "config.h"

#include "churnkit/reasons_out.h"
#include "churnkit/surv_reasons_out.h"
#include "churnkit/run_text.h"
#include "cmd.h"
#include "cmd_pushdown.h"
#include "progress.h"
#include "stage_opts.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char synopsis[] = "churnkit survival [options] DATA.csv";
static const char summary[] =
	"Kaplan-Meier survival curves (R's survfit) for all customers and for each\n"
	"level of every --by column: median with its interval, the time by which a\n"
	"quarter churned, restricted mean survival time (RMST), survival with its\n"
	"interval and the number at risk at --times; log-rank tests (survdiff;\n"
	"--rho 1 for Peto-Peto) with observed and expected churn per level and, for\n"
	"three or more levels, pairwise tests with Benjamini-Hochberg adjusted\n"
	"p-values; findings where p < --alpha and each group has --min-n customers;\n"
	"median follow-up (reverse Kaplan-Meier); churn hazard by tenure month and\n"
	"the share of churn early in a customer's life.\n\n"
	"From dates (--start, --end): time is days from start to end, or to as-of\n"
	"for customers still active (censored).  --times and --rmst-tau are then in\n"
	"months of 365.25/12 = 30.4375 days (default --times 3,6,12,24); the hazard\n"
	"is by tenure month of that length, the early share is churn within 90 days.\n"
	"From --duration and --event: times are in the duration's own unit, and so\n"
	"are --times and --rmst-tau (no default --times); the hazard is by one unit\n"
	"of it (a month when durations are months), the early share is churn at a\n"
	"duration of at most 3 units.\n\n"
	"--entry COL: delayed entry (left truncation); a customer is at risk only\n"
	"after entry.  A row whose entry is not before its exit time has no time at\n"
	"risk: it is left out, counted, and said so.  --weight COL: whole-number\n"
	"frequency weights.  A customer with no value in a --by column is in the\n"
	"overall curve only, and counted.  --tables DIR writes the curves, their\n"
	"steps, the table at --times, the hazard and the tests as CSV.";

/* The survival stage and, with --reason, the churn-reason breakdown. */
typedef struct {
	const surv_run *s;
	const reasons_result *r;
} surv_stages;

static churn_status add_json(const void *stage, void *root, churn_err *err)
{
	const surv_stages *g = stage;
	churn_status st = surv_run_json(g->s, root, err);
	if (st == CHURN_OK && g->r != NULL)
		st = reasons_json_survival(g->r, root, err);
	if (st == CHURN_OK)
		st = surv_reasons_json(g->s, root, err);
	return st;
}

int cmd_survival(int argc, char **argv, outset *outs, churn_err *err)
{
	cli_opts o;
	cmd_data d = {0};
	stagetime tm = {0};
	cli_progress pg;
	cli_surv_opts so = {0};
	surv_run s = {0};
	reasons_result *rr = NULL;
	surv_stages g;
	table_dest td = {0};
	int done;
	const char *json;
	churn_status st = cmd_parse(&o, CMD_SURVIVAL, argc, argv, synopsis, summary, &done, err);

	if (st != CHURN_OK || done)
		goto out;
	if ((st = cli_surv_opts_read(&so, &o, synopsis, err)) != CHURN_OK)
		goto out;
	if ((st = cli_progress_start(&pg, &tm, &o, err)) != CHURN_OK ||
	    (st = cmd_load(&o, outs, &tm, &d, err)) != CHURN_OK)
		goto out;
	if ((st = (d.pushed ? cmd_pushdown_surv : cli_surv_run)(&s, &so, &d, err)) != CHURN_OK)
		goto out;
	if (d.map.reason != NULL) {
		reasons_opts ro = {.involuntary = (const char *const *)d.involuntary,
		                   .ninvoluntary = d.ninvoluntary};
		if ((st = reasons_build(d.res, &d.map, &ro, &rr, err)) != CHURN_OK)
			goto out;
	}
	g = (surv_stages){&s, rr};
	stagetime_clear(&tm);

	json = opt_str(&o, OPT_JSON);
	if (json != NULL && (st = cmd_json_stage(&d, add_json, &g, json, err)) != CHURN_OK)
		goto out;
	if ((st = cmd_tables_open(&o, &d, NULL, outs, &td, err)) != CHURN_OK)
		goto out;
	if ((td.dir || td.book) && (st = surv_run_write_tables(&s, &td, err)) != CHURN_OK)
		goto out;
	if ((td.dir || td.book) && rr != NULL &&
	    (st = reasons_write_survival_tables(rr, &td, err)) != CHURN_OK)
		goto out;
	if ((td.dir || td.book) && (st = surv_reasons_write_tables(&s, &td, err)) != CHURN_OK)
		goto out;
	if ((st = cmd_tables_close(&td, err)) != CHURN_OK)
		goto out;
	if (json == NULL || strcmp(json, "-") != 0) {
		run_text_survival_header(stdout, d.lopts.display_name, d.res, s.date_mode, d.map.weight);
		st = surv_run_print(&s, stdout, err);
		if (st == CHURN_OK && rr != NULL)
			reasons_print_survival(rr, stdout);
		if (st == CHURN_OK)
			surv_reasons_print(&s, stdout);
		if (st == CHURN_OK && fflush(stdout) != 0)
			st = churn_err_set(err, CHURN_EIO, "standard output: %s", strerror(errno));
	}
out:
	cmd_tables_free(&td);
	stagetime_clear(&tm);
	reasons_result_free(rr);
	surv_run_free(&s);
	cli_surv_opts_free(&so);
	cmd_data_free(&d);
	cli_opts_free(&o);
	return st;
}

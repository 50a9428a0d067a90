/*
 * cmd_pending.c - the subcommands whose analyses are not in this build yet.
 * They take their options and --help like the others, then say plainly that
 * the analysis is not available, rather than print anything that could be
 * mistaken for a result.
 */
#include "cmd.h"

static int pending(int argc, char **argv, unsigned cmd, const char *synopsis,
                   const char *summary, churn_err *err)
{
	cli_opts o;
	int done;
	churn_status st = cmd_parse(&o, cmd, argc, argv, synopsis, summary, &done, err);
	if (st == CHURN_OK && !done)
		st = churn_err_set(err, CHURN_EUSAGE,
		                   "%s: this analysis is not available in this version yet "
		                   "(see README.md, Status)", argv[0]);
	cli_opts_free(&o);
	return st;
}

int cmd_report(int argc, char **argv, churn_err *err)
{
	return pending(argc, argv, CMD_REPORT,
	               "churnkit report [options] CUSTOMERS.csv -o report.pdf",
	               "The whole pipeline, written as a PDF report.", err);
}

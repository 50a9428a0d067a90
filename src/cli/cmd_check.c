/* cmd_check.c - `churnkit check`: validate the input, summarise its quality. */
#include "config.h"

#include "churnkit/outfile.h"
#include "churnkit/profile.h"
#include "churnkit/run_json.h"
#include "cmd.h"
#include "progress.h"

#include <string.h>

static const char synopsis[] = "churnkit check [options] DATA.csv";
static const char summary[] =
	"Reads DATA.csv with the column mapping given, reports every bad row with\n"
	"its line, column and reason, and prints a data-quality summary: rows read,\n"
	"used and rejected by reason, each column's type, missing values and range\n"
	"or levels, the date range and how many customers churned.";

int cmd_check(int argc, char **argv, outset *outs, churn_err *err)
{
	cli_opts o;
	cmd_data d = {0};
	stagetime tm = {0};
	cli_progress pg;
	profile *p = NULL;
	int done;
	churn_status st = cmd_parse(&o, CMD_CHECK, argc, argv, synopsis, summary, &done, err);

	if (st != CHURN_OK || done)
		goto out;
	if ((st = cli_progress_start(&pg, &tm, &o, err)) != CHURN_OK)
		goto out;
	st = cmd_load(&o, outs, &tm, &d, err);
	if (st != CHURN_OK)
		goto out;
	st = profile_build(d.res, &d.map, d.lopts.display_name, &p, err);
	if (st != CHURN_OK)
		goto out;
	if (opt_str(&o, OPT_JSON) != NULL) {
		st = cmd_json_write(run_json_check_root(p, PACKAGE_VERSION), opt_str(&o, OPT_JSON),
		                    outs, err);
		if (st != CHURN_OK)
			goto out;
	}
	if (opt_str(&o, OPT_JSON) == NULL || strcmp(opt_str(&o, OPT_JSON), "-") != 0)
		profile_print(p, stdout);
out:
	stagetime_clear(&tm);
	profile_free(p);
	cmd_data_free(&d);
	cli_opts_free(&o);
	return st;
}

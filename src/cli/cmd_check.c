/* cmd_check.c - `churnkit check`: validate the input, summarise its quality. */
#include "config.h"

#include "churnkit/jsonout.h"
#include "churnkit/outfile.h"
#include "churnkit/profile.h"
#include "cmd.h"

#include <errno.h>
#include <json-c/json.h>
#include <string.h>

static const char synopsis[] = "churnkit check [options] DATA.csv";
static const char summary[] =
	"Reads DATA.csv with the column mapping given, reports every bad row with\n"
	"its line, column and reason, and prints a data-quality summary: rows read,\n"
	"used and rejected by reason, each column's type, missing values and range\n"
	"or levels, the date range and how many customers churned.";

static churn_status write_json(const profile *p, const char *path, outset *outs,
                               churn_err *err)
{
	outfile *out = NULL;
	churn_status st = outfile_open(outs, path, &out, err);
	if (st != CHURN_OK)
		return st;
	json_object *root = json_object_new_object();
	json_object_object_add(root, "tool", json_tool(PACKAGE_VERSION));
	json_object_object_add(root, "data", profile_json(p));
	st = json_out_write(root, outfile_stream(out), err);
	int e = errno;
	json_object_put(root);
	if (st != CHURN_OK) {
		outfile_abort(out);
		return st == CHURN_EIO ? cmd_write_error(err, path, e) : st;
	}
	return outfile_commit(out, err);
}

int cmd_check(int argc, char **argv, outset *outs, churn_err *err)
{
	cli_opts o;
	cmd_data d = {0};
	profile *p = NULL;
	int done;
	churn_status st = cmd_parse(&o, CMD_CHECK, argc, argv, synopsis, summary, &done, err);

	if (st != CHURN_OK || done)
		goto out;
	st = cmd_load(&o, outs, &d, err);
	if (st != CHURN_OK)
		goto out;
	st = profile_build(d.res, &d.map, d.lopts.display_name, &p, err);
	if (st != CHURN_OK)
		goto out;
	if (opt_str(&o, OPT_JSON) != NULL) {
		st = write_json(p, opt_str(&o, OPT_JSON), outs, err);
		if (st != CHURN_OK)
			goto out;
	}
	if (opt_str(&o, OPT_JSON) == NULL || strcmp(opt_str(&o, OPT_JSON), "-") != 0)
		profile_print(p, stdout);
out:
	profile_free(p);
	cmd_data_free(&d);
	cli_opts_free(&o);
	return st;
}

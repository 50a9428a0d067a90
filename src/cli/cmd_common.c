/* cmd_common.c - what every subcommand's output shares: warnings, writing
 * the JSON document of a run (built by run_json.h) and write errors (cmd.h). */
#include "config.h"

#include "churnkit/jsonout.h"
#include "churnkit/outfile.h"
#include "churnkit/run_json.h"
#include "cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cmd_warn(const char *fmt, ...)
{
	va_list ap;
	fputs("churnkit: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void *cmd_json_root(const cmd_data *d)
{
	return run_json_root(d->res, &d->map, PACKAGE_VERSION);
}

churn_status cmd_json_write(void *root, const char *path, outset *outs, churn_err *err)
{
	outfile *out = NULL;
	churn_status st = outfile_open(outs, path, &out, err);
	if (st == CHURN_OK) {
		st = json_out_write(root, outfile_stream(out), err);
		if (st == CHURN_OK) {
			st = outfile_commit(out, err);
		} else {
			int e = errno;
			outfile_abort(out);
			if (st == CHURN_EIO)
				st = cmd_write_error(err, path, e);
		}
	}
	json_object_put(root);
	return st;
}

churn_status cmd_write_error(churn_err *err, const char *path, int errnum)
{
	return churn_err_at(err, CHURN_EIO, strcmp(path, "-") == 0 ? "standard output" : path,
	                    0, 0, "write error%s%s", errnum ? ": " : "",
	                    errnum ? strerror(errnum) : "");
}

churn_status cmd_json_stage(const cmd_data *d, cmd_json_add add, const void *stage,
                            const char *path, churn_err *err)
{
	void *root = cmd_json_root(d);
	churn_status st;

	if (root == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if ((st = add(stage, root, err)) != CHURN_OK) {
		json_object_put(root);
		return st;
	}
	return cmd_json_write(root, path, d->outs, err);
}

void cmd_warn_bad_rows(const char *name, const cmd_bad_row *rows, size_t n, long rejected,
                       long read, const load_opts *lo, const char *rejects_path,
                       int rejects_option, const char *hint, int fails)
{
	char lim[32];

	for (size_t k = 0; k < n && k < CMD_SHOW_REJECTS; k++) {
		if (rows[k].col > 0)
			cmd_warn("%s:%ld:%ld: %s", name, rows[k].line, rows[k].col, rows[k].msg);
		else
			cmd_warn("%s:%ld: %s", name, rows[k].line, rows[k].msg);
	}
	if (rejected > CMD_SHOW_REJECTS)
		cmd_warn("%s: %ld more bad rows not shown%s%s%s", name, rejected - CMD_SHOW_REJECTS,
		         rejects_path ? " (" : rejects_option ? "; --rejects FILE lists them all" : "",
		         rejects_path ? rejects_path : "", rejects_path ? " lists them all)" : "");
	if (fails)
		return;
	if (lo->max_bad_is_fraction)
		snprintf(lim, sizeof lim, "%g%%", lo->max_bad * 100);
	else
		snprintf(lim, sizeof lim, "%g", lo->max_bad);
	cmd_warn("%s: %ld of %ld rows rejected and left out (--max-bad-rows %s)%s%s", name,
	         rejected, read, lim, hint && hint[0] ? "; " : "", hint ? hint : "");
}

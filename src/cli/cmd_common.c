/* cmd_common.c - what every subcommand's output shares: warnings, the
 * JSON document of a run and write errors (cmd.h). */
#include "config.h"

#include "churnkit/date.h"
#include "churnkit/jsonout.h"
#include "churnkit/outfile.h"
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
	const load_result *r = d->res;
	char b[11];
	json_object *root = json_object_new_object();
	json_object *data = json_object_new_object();
	json_object *reasons = json_object_new_object();

	json_object_object_add(root, "tool", json_tool(PACKAGE_VERSION));
	/* The hash of the bytes parsed (load.h), as the report's appendix prints. */
	json_object_object_add(data, "sha256", json_object_new_string(r->sha256));
	json_object_object_add(data, "rows_read", json_object_new_int64(r->rows_read));
	json_object_object_add(data, "rows_used", json_object_new_int64((int64_t)r->t->nrows));
	json_object_object_add(data, "rows_rejected", json_object_new_int64(r->rows_rejected));
	json_object_object_add(data, "lines_rejected", json_object_new_int64(r->lines_rejected));
	/* --where and --rollup (docs/inputs.md): only when given. */
	if (d->map.nwhere > 0)
		json_object_object_add(data, "rows_filtered", json_object_new_int64(r->rows_filtered));
	if (r->rolled_up) {
		json_object_object_add(data, "customers", json_object_new_int64(r->customers));
		json_object_object_add(data, "reactivations", json_object_new_int64(r->reactivations));
		json_object_object_add(data, "customers_reactivated",
		                       json_object_new_int64(r->customers_reactivated));
	}
	for (int k = 0; k < LOAD_NREASONS; k++)
		if (r->by_reason[k] > 0)
			json_object_object_add(reasons, load_reason_name((load_reason)k),
			                       json_object_new_int64(r->by_reason[k]));
	json_object_object_add(data, "rejected_by_reason", reasons);
	json_object_object_add(data, "as_of", r->as_of == TABLE_DATE_NA ? NULL
	                       : json_object_new_string(date_format(r->as_of, b)));
	json_object_object_add(root, "data", data);
	return root;
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

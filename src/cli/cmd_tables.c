/* cmd_tables.c - the --tables folder and the --xlsx workbook as the
 * command line sees them: the names the folder's writers use (to refuse a
 * run that would overwrite an input or another output with a table), its
 * creation in the output set, and the workbook with the run's notes. */
#include "config.h"

#include "churnkit/date.h"
#include "churnkit/fmtnum.h"
#include "churnkit/tablebook.h"
#include "churnkit/tablecsv.h"
#include "cmd.h"
#include "cmd_files.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_in_tables(const char *file, const char *dir)
{
	const char *base;
	char *fdir;
	int hit = 0;

	if (strcmp(file, "-") == 0)
		return 0;
	/* A symbolic link is judged by the file it names: an input linked to
	 * DIR/kpis.csv is overwritten when that file is replaced. */
	char *real = realpath(file, NULL);
	fdir = cmd_dir_of(real ? real : file, &base);
	for (size_t i = 0; table_csv_name_pattern(i) != NULL && !hit; i++)
		hit = fnmatch(table_csv_name_pattern(i), base, 0) == 0;
	hit = hit && fdir != NULL && cmd_same_file(fdir, dir, 1);
	free(fdir);
	free(real);
	return hit;
}

churn_status cmd_tables_dir(const char *dir, outset *outs, churn_err *err)
{
	return outset_mkdir(outs, dir, err);
}

/* The run on the workbook's Contents sheet: the command, the input, the
 * as-of date, the version, then every option as parsed (with where a
 * --config gave it). */
static churn_status book_notes(table_book *b, const cli_opts *o, const cmd_data *d,
                               churn_err *err)
{
	char day[16], key[64], *val;
	const opt_spec *specs = opt_specs();
	churn_status st;

	snprintf(key, sizeof key, "churnkit %s", o->cmd_name);
	if ((st = table_book_note(b, "command", key, err)) != CHURN_OK ||
	    (st = table_book_note(b, "input", d->lopts.display_name ? d->lopts.display_name
	                                                              : d->path, err)) != CHURN_OK ||
	    (st = table_book_note(b, "as of", d->res ? date_format(d->res->as_of, day) : NULL,
	                          err)) != CHURN_OK ||
	    (st = table_book_note(b, "churnkit version", PACKAGE_VERSION, err)) != CHURN_OK)
		return st;
	for (size_t i = 0; i < OPT_COUNT; i++) {
		const opt_value *v = &o->v[i];
		snprintf(key, sizeof key, "--%s", specs[i].name);
		for (size_t k = 0; k < v->n; k++) {
			int cli = strcmp(v->origins[k], "command line") == 0;
			size_t n = strlen(v->values[k]) + strlen(v->origins[k]) + 16;
			if ((val = malloc(n)) == NULL)
				return churn_err_set(err, CHURN_ENOMEM, "--xlsx: out of memory");
			snprintf(val, n, cli ? "%s" : "%s (%s)", v->values[k], v->origins[k]);
			st = table_book_note(b, key, val, err);
			free(val);
			if (st != CHURN_OK)
				return st;
		}
	}
	return CHURN_OK;
}

churn_status cmd_tables_open(const cli_opts *o, const cmd_data *d, const char *currency,
                             outset *outs, table_dest *t, churn_err *err)
{
	const char *xlsx = opt_str(o, OPT_XLSX);
	churn_status st;

	t->outs = outs;
	t->dir = opt_str(o, OPT_TABLES);
	t->book = NULL;
	if (xlsx == NULL)
		return CHURN_OK;
	st = table_book_open(&t->book, outs, xlsx, currency ? fmtnum_currency_symbol(currency)
	                                                    : NULL, err);
	if (st == CHURN_OK)
		st = book_notes(t->book, o, d, err);
	return st;
}

churn_status cmd_tables_close(table_dest *t, churn_err *err)
{
	table_book *b = t->book;
	t->book = NULL;
	return b != NULL ? table_book_close(b, err) : CHURN_OK;
}

void cmd_tables_free(table_dest *t)
{
	table_book_free(t->book);
	t->book = NULL;
}

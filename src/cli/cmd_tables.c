/* cmd_tables.c - the --tables folder as the command line sees it: the
 * names its writers use (to refuse a run that would overwrite an input or
 * another output with a table) and its creation in the output set. */
#include "config.h"

#include "churnkit/tablecsv.h"
#include "cmd.h"
#include "cmd_files.h"

#include <fnmatch.h>
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

/* tablebuild.c - input tables for the unit tests; see tablebuild.h. */
#include "tablebuild.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

load_result *tb_load(const char *text, const load_map *m, const load_opts *o)
{
	char path[] = "/tmp/churnkit-test-table-XXXXXX";
	int fd = mkstemp(path);
	size_t len = strlen(text);
	load_result *r = NULL;
	load_opts dflt;
	churn_err e;

	if (fd < 0) {
		diag("cannot create a temporary file for the table");
		return NULL;
	}
	if (write(fd, text, len) != (ssize_t)len) {
		diag("cannot write the table to %s", path);
		close(fd);
		unlink(path);
		return NULL;
	}
	close(fd);
	if (o == NULL) {
		load_opts_init(&dflt);
		o = &dflt;
	}
	if (load_csv(path, m, o, &r, &e) != CHURN_OK)
		diag("load failed: %s", e.msg);
	unlink(path);
	return r;
}

table *tb_ids(size_t n, const char *idcol, const char *numcol, const double *value)
{
	size_t na = n ? n : 1;
	table *t = table_new(n);
	double *v = malloc(na * sizeof *v);
	char (*ids)[32] = malloc(na * sizeof *ids);
	const char **idp = malloc(na * sizeof *idp);

	if (t == NULL || v == NULL || ids == NULL || idp == NULL) {
		diag("out of memory for a table of %zu rows", n);
		table_free(t);
		t = NULL;
	} else {
		for (size_t i = 0; i < n; i++) {
			v[i] = value ? value[i] : NAN;
			snprintf(ids[i], sizeof ids[i], "c%zu", i);
			idp[i] = ids[i];
		}
		if (table_add_cat(t, idcol, idp) == NULL || table_add_num(t, numcol, v) == NULL) {
			diag("cannot add the columns %s and %s", idcol, numcol);
			table_free(t);
			t = NULL;
		}
	}
	free(v);
	free(ids);
	free((void *)idp);
	return t;
}

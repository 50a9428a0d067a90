/* tablecsv.c - see include/churnkit/tablecsv.h. */
#include "churnkit/tablecsv.h"

#include <stdlib.h>
#include <string.h>

#include "churnkit/sheet.h"

churn_status table_csv_open(table_csv *t, outset *outs, const char *dir, const char *name,
                            churn_err *err)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	churn_status st;

	t->out = NULL;
	t->f = NULL;
	t->cells = 0;
	if (path == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "--tables: out of memory");
	snprintf(path, n, "%s/%s", dir, name);
	st = outfile_open(outs, path, &t->out, err);
	free(path);
	if (st == CHURN_OK)
		t->f = outfile_stream(t->out);
	return st;
}

table_csv table_csv_on(FILE *f)
{
	table_csv t = {NULL, f, 0};
	return t;
}

void table_csv_header(table_csv *t, const char *names)
{
	fputs(names, t->f);
	fputc('\n', t->f);
	t->cells = 0;
}

/* The comma before every cell but a row's first. */
static void sep(table_csv *t)
{
	if (t->cells++ > 0)
		fputc(',', t->f);
}

void table_csv_text(table_csv *t, const char *s)
{
	sep(t);
	sheet_text(t->f, s);
}

void table_csv_num(table_csv *t, double x)
{
	sep(t);
	sheet_num(t->f, x);
}

void table_csv_count(table_csv *t, size_t n)
{
	sep(t);
	fprintf(t->f, "%zu", n);
}

void table_csv_int(table_csv *t, long n)
{
	sep(t);
	fprintf(t->f, "%ld", n);
}

void table_csv_word(table_csv *t, const char *w)
{
	sep(t);
	fputs(w, t->f);
}

void table_csv_empty(table_csv *t)
{
	sep(t);
}

void table_csv_end_row(table_csv *t)
{
	fputc('\n', t->f);
	t->cells = 0;
}

int table_csv_failed(const table_csv *t)
{
	return ferror(t->f) != 0;
}

churn_status table_csv_close(table_csv *t, churn_err *err)
{
	outfile *o = t->out;
	t->out = NULL;
	t->f = NULL;
	return outfile_commit(o, err);
}

void table_csv_abort(table_csv *t)
{
	if (t->out != NULL)
		outfile_abort(t->out);
	t->out = NULL;
	t->f = NULL;
}

const char *table_csv_name_pattern(size_t i)
{
	/* cohort_csv.c, surv_csv.c, model_csv.c, segment_run.c. */
	static const char *const names[] = {
		"cohorts*.csv", "kpis.csv", "survival_*.csv", "coefficients.csv",
		"cox_coefficients.csv", "calibration.csv", "cv_calibration.csv", "lift.csv",
		"segments.csv",
	};
	return i < sizeof names / sizeof names[0] ? names[i] : NULL;
}

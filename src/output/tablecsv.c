/* tablecsv.c - see include/churnkit/tablecsv.h. */
#include "churnkit/tablecsv.h"

#include <stdlib.h>
#include <string.h>

#include "churnkit/date.h"
#include "churnkit/sheet.h"
#include "churnkit/tablebook.h"

churn_status table_csv_open(table_csv *t, const table_dest *d, const char *name,
                            churn_err *err)
{
	churn_status st;

	t->out = NULL;
	t->f = NULL;
	t->book = NULL;
	t->cells = 0;
	if (d->dir != NULL) {
		size_t n = strlen(d->dir) + strlen(name) + 2;
		char *path = malloc(n);
		if (path == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "--tables: out of memory");
		snprintf(path, n, "%s/%s", d->dir, name);
		st = outfile_open(d->outs, path, &t->out, err);
		free(path);
		if (st != CHURN_OK)
			return st;
		t->f = outfile_stream(t->out);
	}
	if (d->book != NULL) {
		if ((st = table_book_sheet(d->book, name, err)) != CHURN_OK) {
			table_csv_abort(t);
			return st;
		}
		t->book = d->book;
	}
	return CHURN_OK;
}

table_csv table_csv_on(FILE *f)
{
	table_csv t = {NULL, f, NULL, 0};
	return t;
}

void table_csv_header(table_csv *t, const char *names)
{
	if (t->f != NULL) {
		fputs(names, t->f);
		fputc('\n', t->f);
	}
	if (t->book != NULL) {
		table_book_word(t->book, names);
		table_book_end_row(t->book);
	}
	t->cells = 0;
}

/* The comma before every cell but a row's first. */
static void sep(table_csv *t)
{
	if (t->cells++ > 0 && t->f != NULL)
		fputc(',', t->f);
}

void table_csv_text(table_csv *t, const char *s)
{
	sep(t);
	if (t->f != NULL)
		sheet_text(t->f, s);
	if (t->book != NULL)
		table_book_text(t->book, s);
}

/* A number as sheet_num writes it; in the sheet, by `cell`. */
static void num_cell(table_csv *t, double x, void (*cell)(table_book *, double))
{
	sep(t);
	if (t->f != NULL)
		sheet_num(t->f, x);
	if (t->book != NULL)
		cell(t->book, x);
}

void table_csv_num(table_csv *t, double x)
{
	num_cell(t, x, table_book_num);
}

void table_csv_pct(table_csv *t, double x)
{
	num_cell(t, x, table_book_pct);
}

void table_csv_money(table_csv *t, double x)
{
	num_cell(t, x, table_book_money);
}

void table_csv_count(table_csv *t, size_t n)
{
	sep(t);
	if (t->f != NULL)
		fprintf(t->f, "%zu", n);
	if (t->book != NULL)
		table_book_whole(t->book, (double)n);
}

void table_csv_int(table_csv *t, long n)
{
	sep(t);
	if (t->f != NULL)
		fprintf(t->f, "%ld", n);
	if (t->book != NULL)
		table_book_whole(t->book, (double)n);
}

void table_csv_date(table_csv *t, int32_t day)
{
	char b[16];
	sep(t);
	if (t->f != NULL)
		fputs(date_format(day, b), t->f);
	if (t->book != NULL)
		table_book_date(t->book, day);
}

void table_csv_word(table_csv *t, const char *w)
{
	sep(t);
	if (t->f != NULL)
		fputs(w, t->f);
	if (t->book != NULL)
		table_book_word(t->book, w);
}

void table_csv_empty(table_csv *t)
{
	sep(t);
	if (t->book != NULL)
		table_book_empty(t->book);
}

void table_csv_end_row(table_csv *t)
{
	if (t->f != NULL)
		fputc('\n', t->f);
	if (t->book != NULL)
		table_book_end_row(t->book);
	t->cells = 0;
}

int table_csv_failed(const table_csv *t)
{
	return t->f != NULL && ferror(t->f) != 0;
}

churn_status table_csv_close(table_csv *t, churn_err *err)
{
	outfile *o = t->out;
	table_book *b = t->book;
	churn_status st = CHURN_OK;

	t->out = NULL;
	t->f = NULL;
	t->book = NULL;
	if (o != NULL)
		st = outfile_commit(o, err);
	if (b != NULL) {
		churn_err ignored;
		churn_status sb = table_book_end_sheet(b, st == CHURN_OK ? err : &ignored);
		if (st == CHURN_OK)
			st = sb;
	}
	return st;
}

void table_csv_abort(table_csv *t)
{
	if (t->out != NULL)
		outfile_abort(t->out);
	if (t->book != NULL) {
		churn_err ignored;  /* the run fails: the workbook is removed too */
		(void)table_book_end_sheet(t->book, &ignored);
	}
	t->out = NULL;
	t->f = NULL;
	t->book = NULL;
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

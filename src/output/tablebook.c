/* tablebook.c - the --xlsx workbook; see include/churnkit/tablebook.h.
 * The only file that calls libxlsxwriter. */
#include "config.h"

#include "churnkit/tablebook.h"

#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

#define EXCEL_DAY_1970 25569.0  /* Excel's serial number of 1970-01-01 */
#define WIDTH_MIN 6

/* Two strings: a sheet's name and its table's CSV name, or a note's key
 * and value. */
typedef struct {
	char *a, *b;
} str_pair;

struct table_book {
	outfile *out;
	char *path, *tmpdir;
	lxw_workbook *wb;
	lxw_worksheet *contents;
	lxw_format *bold, *whole, *pct, *money, *date;
	str_pair *sheets;    /* name, table */
	size_t nsheets, sheets_cap;
	str_pair *notes;     /* key, value */
	size_t nnotes, notes_cap;
	/* The open sheet. */
	lxw_worksheet *ws;
	lxw_row_t row;
	lxw_col_t col;
	double *width;       /* characters, per column */
	size_t width_cap;
	lxw_error first;     /* the first error of its cells */
	int nomem;
};

/* What each table holds, for the Contents sheet: the first pattern that
 * matches its CSV name (the names of table_csv_name_pattern). */
static const char *const about[][2] = {
	{"cohorts_mrr_retention.csv", "MRR retention by signup cohort (revenue history)"},
	{"cohorts_reasons.csv", "Churn by reason: the reporting period and the one before"},
	{"cohorts*_value_retention.csv", "Value retention by signup cohort (share of month 0)"},
	{"cohorts*_value_retained.csv", "Value retained by signup cohort"},
	{"cohorts*_retention.csv", "Customer retention by signup cohort (share of the cohort)"},
	{"cohorts*_retained.csv", "Customers retained by signup cohort"},
	{"kpis.csv", "Period KPIs: customers, churn and retention rates, MRR movements"},
	{"survival_curves.csv", "Kaplan-Meier curves: medians, quartiles, RMST"},
	{"survival_at_risk.csv", "Survival and number at risk at the chosen times"},
	{"survival_hazard.csv", "Churn hazard by tenure month"},
	{"survival_logrank.csv", "Log-rank tests: observed and expected churn per level"},
	{"survival_pairwise.csv", "Pairwise log-rank tests (Benjamini-Hochberg)"},
	{"survival_reasons.csv", "Churn by reason"},
	{"survival_reasons_by.csv", "Churn by reason, per level of each --by column"},
	{"survival_cuminc.csv", "Cumulative incidence by churn reason (steps)"},
	{"survival_cuminc_at.csv", "Cumulative incidence by churn reason at the chosen times"},
	{"survival_gray.csv", "Gray's tests between levels, per reason"},
	{"survival_*steps.csv", "Kaplan-Meier curve, step by step"},
	{"coefficients.csv", "Churn model (logistic): coefficients and odds ratios"},
	{"cox_coefficients.csv", "Cox model: coefficients and hazard ratios"},
	{"calibration.csv", "Calibration by decile of predicted risk"},
	{"cv_calibration.csv", "Cross-validated calibration by decile"},
	{"lift.csv", "Lift and cumulative gain by decile"},
	{"segments.csv", "Value x risk segments: expected losses and incentives"},
};

static const char *table_about(const char *table)
{
	for (size_t i = 0; i < sizeof about / sizeof about[0]; i++)
		if (fnmatch(about[i][0], table, 0) == 0)
			return about[i][1];
	return NULL;
}

static churn_status lxw_fail(const table_book *b, lxw_error e, const char *what, churn_err *err)
{
	return churn_err_at(err, CHURN_EIO, b->path, 0, 0, "%s: %s", what, lxw_strerror(e));
}

/* The money format: grouped thousands, two decimals, the symbol before. */
static void money_format(lxw_format *f, const char *currency)
{
	char buf[64];
	if (currency == NULL || currency[0] == '\0' || strchr(currency, '"') != NULL)
		snprintf(buf, sizeof buf, "#,##0.00");
	else
		snprintf(buf, sizeof buf, "\"%s\"#,##0.00", currency);
	format_set_num_format(f, buf);
}

static churn_status make_formats(table_book *b, const char *currency, churn_err *err)
{
	b->bold = workbook_add_format(b->wb);
	b->whole = workbook_add_format(b->wb);
	b->pct = workbook_add_format(b->wb);
	b->money = workbook_add_format(b->wb);
	b->date = workbook_add_format(b->wb);
	if (!b->bold || !b->whole || !b->pct || !b->money || !b->date)
		return churn_err_set(err, CHURN_ENOMEM, "--xlsx: out of memory");
	format_set_bold(b->bold);
	format_set_num_format(b->whole, "0");
	format_set_num_format(b->pct, "0.0%");
	money_format(b->money, currency);
	format_set_num_format(b->date, "yyyy-mm-dd");
	return CHURN_OK;
}

churn_status table_book_open(table_book **out, outset *outs, const char *path,
                             const char *currency, churn_err *err)
{
	table_book *b;
	churn_status st;
	char fdpath[64];
	const char *slash;
	struct stat sb;

	*out = NULL;
	if (strcmp(path, "-") == 0)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--xlsx -: a workbook is written to a file, not standard output");
	if ((b = calloc(1, sizeof *b)) == NULL || (b->path = strdup(path)) == NULL) {
		free(b);
		return churn_err_set(err, CHURN_ENOMEM, "--xlsx: out of memory");
	}
	/* Scratch files beside a regular target; the system's for a device. */
	slash = strrchr(path, '/');
	if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode))
		b->tmpdir = slash == NULL ? strdup(".") : slash == path ? strdup("/")
		            : strndup(path, (size_t)(slash - path));
	if ((stat(path, &sb) != 0 || S_ISREG(sb.st_mode)) && b->tmpdir == NULL) {
		table_book_free(b);
		return churn_err_set(err, CHURN_ENOMEM, "--xlsx: out of memory");
	}
	if ((st = outfile_open(outs, path, &b->out, err)) != CHURN_OK) {
		table_book_free(b);
		return st;
	}
	/* libxlsxwriter writes to a file name: the outfile's own stream, by
	 * its descriptor's name (the temporary, or the target written
	 * directly); its scratch files go beside the target. */
	snprintf(fdpath, sizeof fdpath, "/dev/fd/%d", fileno(outfile_stream(b->out)));
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = b->tmpdir,
	                            .use_zip64 = LXW_FALSE};
	b->wb = workbook_new_opt(fdpath, &opt);
	if (b->wb == NULL) {
		table_book_free(b);
		return churn_err_set(err, CHURN_ENOMEM, "--xlsx: out of memory");
	}
	if ((st = make_formats(b, currency, err)) != CHURN_OK) {
		table_book_free(b);
		return st;
	}
	b->contents = workbook_add_worksheet(b->wb, "Contents");
	if (b->contents == NULL) {
		table_book_free(b);
		return churn_err_set(err, CHURN_ENOMEM, "--xlsx: out of memory");
	}
	*out = b;
	return CHURN_OK;
}

/* Appends copies of a and b (NULL: "") to the list v[*n] of capacity *cap. */
static churn_status pair_add(str_pair **v, size_t *n, size_t *cap, const char *a,
                             const char *b, churn_err *err)
{
	if (*n == *cap) {
		size_t c = *cap ? 2 * *cap : 16;
		str_pair *w = realloc(*v, c * sizeof *w);
		if (w == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "--xlsx: out of memory");
		*v = w;
		*cap = c;
	}
	str_pair *e = &(*v)[*n];
	e->a = strdup(a != NULL ? a : "");
	e->b = strdup(b != NULL ? b : "");
	if (e->a == NULL || e->b == NULL) {
		free(e->a);
		free(e->b);
		return churn_err_set(err, CHURN_ENOMEM, "--xlsx: out of memory");
	}
	(*n)++;
	return CHURN_OK;
}

static void pairs_free(str_pair *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].a);
		free(v[i].b);
	}
	free(v);
}

churn_status table_book_note(table_book *b, const char *key, const char *value,
                             churn_err *err)
{
	return pair_add(&b->notes, &b->nnotes, &b->notes_cap, key, value, err);
}

/* ---- Cells ---- */

/* Keeps the first error of the sheet. */
static void check(table_book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && b->first == LXW_NO_ERROR)
		b->first = e;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s != '\0'; s++)
		n += (*s & 0xC0) != 0x80;
	return n;
}

/* Records that column col shows `chars` characters; next column. */
static void fit(table_book *b, double chars)
{
	size_t c = b->col++;
	if (c >= b->width_cap) {
		size_t cap = b->width_cap ? 2 * b->width_cap : 16;
		while (cap <= c)
			cap *= 2;
		double *w = realloc(b->width, cap * sizeof *w);
		if (w == NULL) {
			b->nomem = 1;
			return;
		}
		for (size_t i = b->width_cap; i < cap; i++)
			w[i] = 0;
		b->width = w;
		b->width_cap = cap;
	}
	if (b->row == 0)
		chars *= 1.1;  /* bold */
	if (chars > b->width[c])
		b->width[c] = chars;
}

static void string_cell(table_book *b, const char *s, size_t len)
{
	char *z = strndup(s, len);
	if (z == NULL) {
		b->nomem = 1;
		return;
	}
	if (z[0] != '\0')
		check(b, worksheet_write_string(b->ws, b->row, b->col, z,
		                                b->row == 0 ? b->bold : NULL));
	fit(b, (double)utf8_chars(z));
	free(z);
}

void table_book_text(table_book *b, const char *s)
{
	string_cell(b, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

void table_book_word(table_book *b, const char *w)
{
	if (b->row > 0) {
		string_cell(b, w, strlen(w));
		return;
	}
	for (;;) {  /* a header word "a,b,c": one cell each */
		const char *comma = strchr(w, ',');
		string_cell(b, w, comma != NULL ? (size_t)(comma - w) : strlen(w));
		if (comma == NULL)
			break;
		w = comma + 1;
	}
}

/* A number with format f, shown in about `chars` characters; nothing
 * (an empty cell) when not finite, as in the CSV. */
static void number_cell(table_book *b, double x, lxw_format *f, double chars)
{
	if (isfinite(x))
		check(b, worksheet_write_number(b->ws, b->row, b->col, x, f));
	fit(b, isfinite(x) ? chars : 0);
}

static double digits(double x)
{
	double a = fabs(x);
	return (a >= 10 ? floor(log10(a)) + 1 : 1) + (x < 0);
}

void table_book_num(table_book *b, double x)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%.10g", x);  /* what General shows, about */
	number_cell(b, x, NULL, n > 11 ? 11 : n);
}

void table_book_whole(table_book *b, double x)
{
	number_cell(b, x, b->whole, isfinite(x) ? digits(x) : 0);
}

void table_book_pct(table_book *b, double x)
{
	number_cell(b, x, b->pct, isfinite(x) ? digits(100 * x) + 3 : 0);
}

void table_book_money(table_book *b, double x)
{
	double d = isfinite(x) ? digits(x) : 0;
	number_cell(b, x, b->money, d + floor((d - 1) / 3) + 3 + 4);
}

void table_book_date(table_book *b, int32_t day)
{
	number_cell(b, EXCEL_DAY_1970 + day, b->date, 10);
}

void table_book_empty(table_book *b)
{
	fit(b, 0);
}

void table_book_end_row(table_book *b)
{
	b->row++;
	b->col = 0;
}

/* ---- Sheets ---- */

churn_status table_book_sheet(table_book *b, const char *table, churn_err *err)
{
	char name[4 * TABLE_SHEET_NAME_MAX + 1];
	const char **taken;
	churn_status st;

	if (b->ws != NULL)
		return churn_err_at(err, CHURN_EIO, b->path, 0, 0, "%s: a sheet is still open",
		                    table);
	if ((taken = malloc((b->nsheets + 1) * sizeof *taken)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "--xlsx: out of memory");
	taken[0] = "Contents";
	for (size_t i = 0; i < b->nsheets; i++)
		taken[i + 1] = b->sheets[i].a;
	table_sheet_name(table, taken, b->nsheets + 1, name, sizeof name);
	free(taken);
	if ((st = pair_add(&b->sheets, &b->nsheets, &b->sheets_cap, name, table, err)) != CHURN_OK)
		return st;
	lxw_error v = workbook_validate_sheet_name(b->wb, name);
	if (v != LXW_NO_ERROR)
		return lxw_fail(b, v, table, err);
	if ((b->ws = workbook_add_worksheet(b->wb, name)) == NULL)
		return churn_err_at(err, CHURN_EIO, b->path, 0, 0, "%s: cannot add sheet %s", table,
		                    name);
	b->row = 0;
	b->col = 0;
	b->first = LXW_NO_ERROR;
	b->nomem = 0;
	for (size_t i = 0; i < b->width_cap; i++)
		b->width[i] = 0;
	return CHURN_OK;
}

/* Column widths and the frozen header of the open sheet. */
static void finish_sheet(table_book *b)
{
	for (size_t c = 0; c < b->width_cap; c++) {
		double w = b->width[c] + 2;
		if (b->width[c] == 0)
			continue;
		if (w < WIDTH_MIN)
			w = WIDTH_MIN;
		if (w > TABLE_BOOK_WIDTH_MAX)
			w = TABLE_BOOK_WIDTH_MAX;
		check(b, worksheet_set_column(b->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
	}
	worksheet_freeze_panes(b->ws, 1, 0);
}

churn_status table_book_end_sheet(table_book *b, churn_err *err)
{
	const char *table;

	if (b->ws == NULL)
		return CHURN_OK;
	finish_sheet(b);
	b->ws = NULL;
	table = b->sheets[b->nsheets - 1].b;
	if (b->nomem)
		return churn_err_set(err, CHURN_ENOMEM, "--xlsx: out of memory");
	if (b->first != LXW_NO_ERROR)
		return lxw_fail(b, b->first, table, err);
	return CHURN_OK;
}

/* A cell of the Contents sheet that names sheet `name` and links to it. */
static void link_cell(table_book *b, const char *name)
{
	char url[TABLE_SHEET_LINK_MAX];

	table_sheet_link(name, url, sizeof url);
	check(b, worksheet_write_url_opt(b->ws, b->row, b->col, url, NULL, name, NULL));
	fit(b, (double)utf8_chars(name));
}

/* The Contents sheet: the sheets, each a link to its sheet, then the run. */
static churn_status write_contents(table_book *b, churn_err *err)
{
	b->ws = b->contents;
	b->row = 0;
	b->col = 0;
	b->first = LXW_NO_ERROR;
	for (size_t i = 0; i < b->width_cap; i++)
		b->width[i] = 0;
	table_book_word(b, "sheet,table,holds");
	table_book_end_row(b);
	for (size_t i = 0; i < b->nsheets; i++) {
		link_cell(b, b->sheets[i].a);
		table_book_text(b, b->sheets[i].b);
		table_book_text(b, table_about(b->sheets[i].b));
		table_book_end_row(b);
	}
	table_book_end_row(b);
	check(b, worksheet_write_string(b->ws, b->row, 0, "run", b->bold));
	check(b, worksheet_write_string(b->ws, b->row, 1, "value", b->bold));
	table_book_end_row(b);
	for (size_t i = 0; i < b->nnotes; i++) {
		table_book_text(b, b->notes[i].a);
		table_book_text(b, b->notes[i].b);
		table_book_end_row(b);
	}
	return table_book_end_sheet(b, err);
}

churn_status table_book_close(table_book *b, churn_err *err)
{
	churn_status st = CHURN_OK;
	lxw_error e;
	outfile *o;

	if (b->ws != NULL)
		st = churn_err_at(err, CHURN_EIO, b->path, 0, 0, "a sheet is still open");
	if (st == CHURN_OK && b->width == NULL && (b->width = calloc(16, sizeof *b->width)))
		b->width_cap = 16;
	if (st == CHURN_OK)
		st = write_contents(b, err);
	if (st != CHURN_OK) {
		table_book_free(b);
		return st;
	}
	e = workbook_close(b->wb);  /* writes the file and frees the workbook */
	b->wb = NULL;
	if (e != LXW_NO_ERROR) {
		st = lxw_fail(b, e, "cannot write the workbook", err);
		table_book_free(b);
		return st;
	}
	o = b->out;
	b->out = NULL;
	st = outfile_commit(o, err);
	table_book_free(b);
	return st;
}

void table_book_free(table_book *b)
{
	if (b == NULL)
		return;
	if (b->wb != NULL)
		lxw_workbook_free(b->wb);
	outfile_abort(b->out);
	pairs_free(b->sheets, b->nsheets);
	pairs_free(b->notes, b->nnotes);
	free(b->width);
	free(b->path);
	free(b->tmpdir);
	free(b);
}

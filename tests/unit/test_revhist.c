/* test_revhist.c - the --revenue file: column choice, every kind of bad row
 * with its line and column, the bad-row limit, and the history it yields.
 * Data: tests/data/cohorts/ (customers.csv and revenue_*.csv, written by
 * hand; the expected lines below are counted in those files). */
#include "churnkit/revhist.h"
#include "churnkit/date.h"
#include "churnkit/revenue.h"
#include "churnkit/load.h"
#include "churnkit/table.h"
#include "tap.h"
#include "load/revhist_rows.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define M(y, m) ((int32_t)((y) * 12 + (m) - 1))

typedef struct {
	load_result *lr;
	revhist_customers c;
} customers;

static int load_customers(customers *cu, const char *as_of)
{
	char path[1024];
	load_map map;
	load_opts o;
	churn_err err;

	memset(cu, 0, sizeof *cu);
	memset(&map, 0, sizeof map);
	map.id = "id";
	map.start = "signup";
	map.end = "churn";
	load_opts_init(&o);
	o.has_as_of = 1;
	date_parse(as_of, strlen(as_of), NULL, &o.as_of);
	if (load_csv(tap_srcpath(path, sizeof path, "tests/data/cohorts/customers.csv"), &map,
	             &o, &cu->lr, &err) != CHURN_OK) {
		diag("customers: %s", err.msg);
		return 0;
	}
	cu->c.id = table_find(cu->lr->t, "id");
	cu->c.id_name = "id";
	cu->c.start = table_find(cu->lr->t, "signup")->date;
	cu->c.n = cu->lr->t->nrows;
	cu->c.as_of = cu->lr->as_of;
	return 1;
}

static churn_status load_rev(const customers *cu, const char *file, char decimal, revhist **r,
                             churn_err *err)
{
	char rel[256], path[1024];
	load_opts o;
	load_opts_init(&o);
	if (decimal)
		o.decimal = decimal;
	snprintf(rel, sizeof rel, "tests/data/cohorts/%s", file);
	o.display_name = file;
	return revhist_load(tap_srcpath(path, sizeof path, rel), &cu->c, &o, r, err);
}

/* A customer's MRR for a month in the loaded history (sum of rows). */
static double mrr_of(const revhist *r, size_t cust, int32_t m)
{
	double s = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->customer[i] == cust && r->month[i] == m)
			s += r->mrr[i];
	return s;
}

static void test_bad_rows(const customers *cu)
{
	revhist *r = NULL;
	churn_err err;
	load_opts o;
	/* line, column, reason: one per bad row of revenue_bad.csv. */
	static const struct {
		long line, col;
		revhist_reason why;
		const char *words;
	} want[] = {
		{3, 2, REVHIST_BAD_MONTH, "'2024-13' in column 'month' is not a month"},
		{4, 1, REVHIST_BAD_UNKNOWN, "customer id 'zz' is not among the customers"},
		{5, 3, REVHIST_BAD_NEGATIVE, "negative value -5 in column 'mrr'"},
		{6, 2, REVHIST_BAD_EARLY, "month 2023-12 is before customer 'c1' signed up (2024-01-15)"},
		{7, 2, REVHIST_BAD_FUTURE, "month 2024-07 is after as-of 2024-06-30"},
		{8, 2, REVHIST_BAD_DUPLICATE, "(first on line 2)"},
		{9, 3, REVHIST_BAD_NUMBER, "'abc' in column 'mrr' is not a number"},
		{10, 3, REVHIST_BAD_FIELDS, "expected 3 fields, found 2"},
		{11, 1, REVHIST_BAD_MISSING, "missing customer id"},
		{12, 2, REVHIST_BAD_MISSING, "missing month"},
		{13, 3, REVHIST_BAD_MISSING, "missing MRR"},
	};
	size_t nw = sizeof want / sizeof want[0];

	if (!ok(load_rev(cu, "revenue_bad.csv", 0, &r, &err) == CHURN_OK,
	        "revhist: a file with bad rows still loads"))
		return;
	is_int(r->rows_read, 14, "revhist: 14 data rows read");
	is_int(r->rows_rejected, 11, "revhist: 11 rows rejected");
	is_int((long long)r->n, 3, "revhist: 3 good rows");
	is_int(r->by_position, 0, "revhist: columns found by name");
	is_int((long long)r->nrejects_kept, (long long)nw, "revhist: every bad row kept");
	for (size_t k = 0; k < nw && k < r->nrejects_kept; k++) {
		const revhist_reject *j = &r->rejects[k];
		is_int(j->line, want[k].line, "revhist: bad row %zu on line %ld", k, want[k].line);
		is_int(j->col, want[k].col, "revhist: line %ld: column %ld", want[k].line,
		       want[k].col);
		is_int(j->reason, want[k].why, "revhist: line %ld: reason %s", want[k].line,
		       revhist_reason_name(want[k].why));
		if (!ok(strstr(j->msg, want[k].words) != NULL, "revhist: line %ld says \"%s\"",
		        want[k].line, want[k].words))
			diag("message: %s", j->msg);
	}
	is_int(r->by_reason[REVHIST_BAD_MISSING], 3, "revhist: 3 missing values counted");
	is_int(r->by_reason[REVHIST_BAD_UNKNOWN], 1, "revhist: 1 unknown customer counted");
	/* Good rows: c1 2024-01 100 (line 2), c2 2024-02 50 (line 14, a quoted
	 * id and a full date), c3 2024-02 200 (line 15). */
	is_double_rel(mrr_of(r, 0, M(2024, 1)), 100, 1e-15, "revhist: c1 2024-01 = 100");
	is_double_rel(mrr_of(r, 1, M(2024, 2)), 50, 1e-15,
	              "revhist: a date is taken as its month, quoted id matched");
	is_double_rel(mrr_of(r, 2, M(2024, 2)), 200, 1e-15, "revhist: c3 2024-02 = 200");
	is_int(r->first_month, M(2024, 1), "revhist: first month 2024-01");
	is_int(r->last_month, M(2024, 2), "revhist: last month 2024-02");
	{
		/* The cohort stage's view of the good rows (cohort_run.c). */
		revenue_history h = {r->n, r->customer, r->month, r->mrr, 6, NULL};
		ok(r->n == 3 && revenue_history_check(&h, &err) == CHURN_OK,
		   "revhist: the good rows pass revenue_history_check");
	}

	load_opts_init(&o);
	o.display_name = "revenue_bad.csv";
	ok(revhist_check(r, &o, &err) == CHURN_EDATA && strstr(err.msg, "11 of 14 rows") != NULL,
	   "revhist: 11 of 14 bad rows exceed the default 1%% limit");
	o.max_bad = 11;
	o.max_bad_is_fraction = 0;
	ok(revhist_check(r, &o, &err) == CHURN_OK, "revhist: --max-bad-rows 11 allows them");
	o.max_bad = 10;
	ok(revhist_check(r, &o, &err) == CHURN_EDATA, "revhist: --max-bad-rows 10 does not");
	revhist_free(r);
}

static void test_columns(const customers *cu)
{
	revhist *r = NULL;
	churn_err err;

	/* MRR;Month;Customer_ID: names in another order and case, ';' and
	 * decimal commas, CRLF. */
	if (ok(load_rev(cu, "revenue_named.csv", ',', &r, &err) == CHURN_OK,
	       "revhist: names in any order and case")) {
		is_str(r->id_col, "Customer_ID", "revhist: id column by name");
		is_str(r->mrr_col, "MRR", "revhist: MRR column by name");
		is_int((long long)r->n, 2, "revhist: both rows good");
		is_double_rel(mrr_of(r, 0, M(2024, 1)), 10.5, 1e-15, "revhist: decimal comma 10,5");
		is_double_rel(mrr_of(r, 0, M(2024, 2)), 7, 1e-15, "revhist: second row 7");
	}
	revhist_free(r);
	r = NULL;

	/* cust,period,amount,note: no known names, so the first three columns. */
	if (ok(load_rev(cu, "revenue_position.csv", 0, &r, &err) == CHURN_OK,
	       "revhist: unnamed columns load by position")) {
		is_int(r->by_position, 1, "revhist: by_position set");
		is_str(r->month_col, "period", "revhist: second column is the month");
		is_int((long long)r->n, 2, "revhist: both rows good");
		is_double_rel(mrr_of(r, 1, M(2024, 2)), 50, 1e-15, "revhist: c2 2024-02 = 50");
	}
	revhist_free(r);
	r = NULL;

	ok(load_rev(cu, "revenue_two_columns.csv", 0, &r, &err) == CHURN_EUSAGE && r == NULL &&
	           strstr(err.msg, "three columns") != NULL && err.line == 1,
	   "revhist: two columns are a usage error at line 1");
	ok(load_rev(cu, "no_such_file.csv", 0, &r, &err) == CHURN_EIO && r == NULL,
	   "revhist: a missing file is an I/O error");
}

static void test_unknown(const customers *cu)
{
	revhist *r = NULL;
	churn_err err;
	load_opts o;

	if (!ok(load_rev(cu, "revenue_unknown.csv", 0, &r, &err) == CHURN_OK,
	        "revhist: unknown customer file loads"))
		return;
	is_int(r->rows_rejected, 2, "revhist: two unknown customers rejected");
	ok(r->nrejects_kept == 2 && r->rejects[0].line == 3 && r->rejects[0].col == 1,
	   "revhist: the unknown id is reported at line 3, column 1");
	/* Line 5 holds a quoted id with a newline: reported at the line where
	 * the record starts, and the message stays on one line. */
	ok(r->nrejects_kept == 2 && r->rejects[1].line == 5 &&
	           strchr(r->rejects[1].msg, '\n') == NULL &&
	           strstr(r->rejects[1].msg, "'c 7'") != NULL,
	   "revhist: a newline inside a quoted id is shown as a blank (line 5)");
	load_opts_init(&o);
	o.display_name = "revenue_unknown.csv";
	ok(revhist_check(r, &o, &err) == CHURN_EDATA &&
	           strcmp(err.file, "revenue_unknown.csv") == 0,
	   "revhist: 2 of 5 bad rows fail the default limit, naming the file");
	revhist_free(r);
}

/* Rows for a month after the customer's churn month disagree with the
 * customers file (revenue_after_churn.csv): c2 churned 2024-03-01 (its
 * March row is fine, April on line 4 is not), c5 churned 2024-05-31 (June
 * on line 6 is not).  Without churn dates (end NULL) they pass. */
static void test_after_churn(const customers *cu)
{
	customers withend = *cu;
	revhist *r = NULL;
	churn_err err;

	withend.c.end = table_find(cu->lr->t, "churn")->date;
	if (!ok(load_rev(&withend, "revenue_after_churn.csv", 0, &r, &err) == CHURN_OK,
	        "after churn: file loads"))
		return;
	is_int(r->rows_rejected, 2, "after churn: 2 rows rejected");
	is_int(r->by_reason[REVHIST_BAD_AFTER_CHURN], 2, "after churn: both for the new reason");
	is_int(r->n, 4, "after churn: 4 rows used (a row in the churn month is fine)");
	if (ok(r->nrejects_kept == 2, "after churn: both kept")) {
		is_int(r->rejects[0].line, 4, "after churn: first on line 4");
		is_int(r->rejects[0].col, 2, "after churn: in the month column");
		is_int(r->rejects[1].line, 6, "after churn: second on line 6");
		is_str(r->rejects[0].msg, "month 2024-04 is after customer 'c2' churned (2024-03-01): "
		       "the revenue and customers files disagree", "after churn: message");
	}
	is_str(revhist_reason_name(REVHIST_BAD_AFTER_CHURN), "month after churn",
	       "after churn: reason name");
	revhist_free(r);
	r = NULL;
	if (ok(load_rev(cu, "revenue_after_churn.csv", 0, &r, &err) == CHURN_OK,
	       "after churn: without churn dates loads"))
		is_int(r->rows_rejected, 0, "after churn: without churn dates nothing is checked");
	revhist_free(r);
}

/* A 0 or empty MRR in or after the churn month is the churn itself
 * (revenue_churn_zero.csv): c2 (churned 2024-03-01) has 0 in March and
 * April and an empty May, c3 (2024-02-29) 0 in March and 10 in April (line
 * 13, still a disagreement), c5 (2024-05-31) an empty May and 0 in June;
 * c1's 0 in March is a paused month before any churn, a row of 0. */
static void test_churn_zero(const customers *cu)
{
	customers withend = *cu;
	revhist *r = NULL;
	churn_err err;

	withend.c.end = table_find(cu->lr->t, "churn")->date;
	if (!ok(load_rev(&withend, "revenue_churn_zero.csv", 0, &r, &err) == CHURN_OK,
	        "churn zero: file loads"))
		return;
	is_int(r->rows_read, 15, "churn zero: 15 rows read");
	is_int(r->rows_rejected, 1, "churn zero: only the non-zero April of c3 rejected");
	if (ok(r->nrejects_kept == 1, "churn zero: one kept")) {
		is_int(r->rejects[0].line, 13, "churn zero: on line 13");
		is_int(r->rejects[0].reason, REVHIST_BAD_AFTER_CHURN, "churn zero: after churn");
	}
	is_int(r->rows_churn_zero, 5, "churn zero: 5 rows taken as the churn (c2 April and "
	       "May, c3 March, c5 May and June)");
	is_int((long)r->n, 9, "churn zero: 9 rows used (0 rows in the churn month and c1's pause)");
	ok(mrr_of(r, 0, M(2024, 3)) == 0 && mrr_of(r, 0, M(2024, 4)) == 100,
	   "churn zero: c1 pauses in March and pays again in April");
	ok(mrr_of(r, 1, M(2024, 2)) == 50, "churn zero: c2 pays 50 before churn");
	is_int(r->last_month, M(2024, 4), "churn zero: the last month used is c1's April");
	revhist_free(r);
}

/* Loads `file` as a wide history with churn dates. */
static churn_status load_wide(const customers *cu, const char *file, revhist **r,
                              churn_err *err)
{
	customers w = *cu;
	w.c.end = table_find(cu->lr->t, "churn")->date;
	w.c.wide = 1;
	return load_rev(&w, file, 0, r, err);
}

/* revenue_wide.csv (month columns in six spellings) holds the rows of
 * revenue_wide_long.csv: every customer-month has the same MRR. */
static void test_wide(const customers *cu)
{
	customers withend = *cu;
	revhist *w = NULL, *l = NULL, *b = NULL;
	churn_err err;
	int same = 1;

	withend.c.end = table_find(cu->lr->t, "churn")->date;
	if (!ok(load_wide(cu, "revenue_wide.csv", &w, &err) == CHURN_OK, "wide: loads") ||
	    !ok(load_rev(&withend, "revenue_wide_long.csv", 0, &l, &err) == CHURN_OK,
	        "wide: its long form loads")) {
		diag("%s", err.msg);
		goto done;
	}
	is_int(w->rows_read, 6, "wide: 6 lines read");
	is_int(w->rows_rejected, 0, "wide: none rejected");
	is_int((long)w->n, (long)l->n, "wide: as many rows as the long form (no row for 0)");
	for (size_t c = 0; c < 6; c++)
		for (int32_t m = M(2024, 1); m <= M(2024, 6); m++)
			same &= mrr_of(w, c, m) == mrr_of(l, c, m);
	ok(same, "wide: every customer-month's MRR equals the long form's");
	is_int(w->first_month, M(2024, 1), "wide: first month");
	is_int(w->last_month, M(2024, 6), "wide: last month");
	is_str(w->id_col, "customer_id", "wide: id column by name");
	if (!ok(load_wide(cu, "revenue_wide_bad.csv", &b, &err) == CHURN_OK, "wide bad: loads"))
		goto done;
	is_int(b->rows_read, 3, "wide bad: 3 lines read");
	is_int(b->rows_rejected, 3, "wide bad: each line refused once");
	is_int((long)b->n, 0, "wide bad: no cell of a refused line used");
	if (ok(b->nrejects_kept == 3, "wide bad: three kept")) {
		is_int(b->rejects[0].line * 10 + b->rejects[0].col, 23, "wide bad: x at 2:3");
		is_str(b->rejects[0].msg, "'x' in column '2024-02' is not a number",
		       "wide bad: not a number, by column");
		is_int(b->rejects[1].line * 10 + b->rejects[1].col, 35, "wide bad: c2's April at 3:5");
		is_int(b->rejects[1].reason, REVHIST_BAD_AFTER_CHURN, "wide bad: after churn");
		is_int(b->rejects[2].line * 10 + b->rejects[2].col, 43, "wide bad: -5 at 4:3");
		is_int(b->rejects[2].reason, REVHIST_BAD_NEGATIVE, "wide bad: negative");
	}
done:
	revhist_free(w);
	revhist_free(l);
	revhist_free(b);
}

/* A month as exports write it: yyyy-mm, a date, a datetime (the month of
 * its day in UTC, as the loader reads dates: a session in New York writes
 * December's midnight UTC as 2025-11-30 19:00:00-05). */
static void test_months(void)
{
	int32_t oct = 2025 * 12 + 9;
	is_int(revhist_parse_month("2025-10"), oct, "month: yyyy-mm");
	is_int(revhist_parse_month("2025-10-17"), oct, "month: a date");
	is_int(revhist_parse_month("2025-11-30 19:00:00-05"), oct + 2,
	       "month: a datetime with an offset is its UTC day's month (December)");
	is_int(revhist_parse_month("2025-10-01 00:00:00+02"), oct - 1,
	       "month: midnight at +02 is the day before in UTC (September)");
	is_int(revhist_parse_month("2025-10-01T00:00:00Z"), oct, "month: ISO T and Z");
	is_int(revhist_parse_month("2025-09-30T24:00"), oct, "month: 24:00 is the next day's");
	is_int(revhist_parse_month(" 2025-10-31 12:59:59.5-11 "), oct,
	       "month: a fraction, a negative offset and blanks");
	is_int(revhist_parse_month("2025-10-01 25:00:00"), MONTH_BAD, "month: hour 25 is bad");
	is_int(revhist_parse_month("2025-10-01 lunch"), MONTH_BAD, "month: text after the date is bad");
	is_int(revhist_parse_month("2025-02-30 00:00"), MONTH_BAD, "month: a day not in the month is bad");
}

int main(void)
{
	customers cu;
	churn_err err;
	revhist *r = NULL;

	if (!ok(load_customers(&cu, "2024-06-30"), "revhist: customers load"))
		return done_testing();
	test_months();
	test_bad_rows(&cu);
	test_columns(&cu);
	test_unknown(&cu);
	test_after_churn(&cu);
	test_churn_zero(&cu);
	test_wide(&cu);

	/* Without an id column there is nothing to match. */
	revhist_customers none = cu.c;
	none.id = NULL;
	ok(revhist_load("x.csv", &none, &(load_opts){.decimal = '.'}, &r, &err) == CHURN_EUSAGE,
	   "revhist: no customers' id column is a usage error");
	load_result_free(cu.lr);
	return done_testing();
}

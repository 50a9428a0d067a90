/* test_rollup.c - one customer from several rows (rollup.h): the merge
 * rule case by case, and --where through the loader.  Every expected value
 * is worked out by hand from the rows in the test (docs/inputs.md, "One
 * customer from several rows"). */
#include "churnkit/date.h"
#include "churnkit/load.h"
#include "churnkit/rollup.h"
#include "tablebuild.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Rows of several subscriptions per customer:
 *   a  overlapping, one still active: start the earliest, active, value
 *      the active row's only (10), plan the active row's (pro)
 *   b  a gap (ended 2024-03-01, back 2024-05-01), both ended: end the
 *      latest, value the last row's (7), one reactivation
 *   c  two rows ending on the same latest day: value summed (3 + 4), plan
 *      of the later start (addon); an earlier row ending before (100) left
 *      out of the value; no gap (each starts before the coverage ended)
 *   d  one row: unchanged
 *   e  two active rows, the later start's plan missing: value summed, the
 *      current row's missing plan kept; rows touching (start on the day
 *      the other ended) are no gap
 *   f  three rows, two gaps */
static const char rows[] =
	"id,start,end,mrr,plan,seats,churn\n"
	"a,2024-01-10,2024-04-01,5,basic,1,yes\n"       /* line 2 */
	"b,2024-01-01,2024-03-01,6,basic,2,yes\n"       /* 3 */
	"a,2024-02-01,,10,pro,3,no\n"                   /* 4 */
	"c,2024-01-05,2024-02-01,100,gold,4,yes\n"      /* 5 */
	"c,2024-01-15,2024-06-30,3,basic,5,yes\n"       /* 6 */
	"c,2024-02-20,2024-06-30,4,addon,6,yes\n"       /* 7 */
	"b,2024-05-01,2024-07-15,7,pro,7,yes\n"         /* 8 */
	"d,2024-03-03,,8,basic,8,no\n"                  /* 9 */
	"e,2024-01-01,2024-02-01,1,basic,9,yes\n"       /* 10 */
	"e,2024-02-01,,2,basic,10,no\n"                 /* 11 */
	"e,2024-03-01,,4,,11,no\n"                      /* 12 */
	"f,2024-01-01,2024-01-31,1,basic,12,yes\n"      /* 13 */
	"f,2024-03-01,2024-03-31,2,basic,13,yes\n"      /* 14 */
	"f,2024-05-01,2024-05-31,3,pro,14,yes\n";       /* 15 */

static long find_row(const table *t, const char *id)
{
	const table_col *c = table_find(t, "id");
	for (size_t i = 0; i < t->nrows; i++)
		if (strcmp(c->levels[c->codes[i]], id) == 0)
			return (long)i;
	return -1;
}

static const char *level(const table *t, const char *col, long i)
{
	const table_col *c = table_find(t, col);
	return c->codes[i] == TABLE_CODE_NA ? "(missing)" : c->levels[c->codes[i]];
}

static int32_t day(const char *s)
{
	int32_t d = TABLE_DATE_NA;
	date_parse(s, strlen(s), NULL, &d);
	return d;
}

/* Checks customer `id`: start, end ("" = active), value, plan, seats,
 * churn flag and line. */
static void check(const table *t, const char *id, const char *start, const char *end,
                  double value, const char *plan, double seats, double churn, long line)
{
	long i = find_row(t, id);
	if (!ok(i >= 0, "customer %s formed", id))
		return;
	is_int(table_find(t, "start")->date[i], day(start), "%s: start %s", id, start);
	is_int(table_find(t, "end")->date[i], *end ? day(end) : TABLE_DATE_NA,
	       "%s: end %s", id, *end ? end : "(active)");
	is_double_abs(table_find(t, "mrr")->num[i], value, 0, "%s: value %g", id, value);
	is_str(level(t, "plan", i), plan, "%s: plan of the current row", id);
	is_double_abs(table_find(t, "seats")->num[i], seats, 0,
	              "%s: a numeric column from the current row", id);
	is_double_abs(table_find(t, "churn")->num[i], churn, 0, "%s: outcome %g", id, churn);
	is_int(t->line[i], line, "%s: the line of its first row", id);
}

static void test_merge(void)
{
	load_map m = {0};
	m.id = "id";
	m.start = "start";
	m.end = "end";
	m.value = "mrr";
	m.outcome = "churn";
	m.rollup = 1;
	load_result *r = tb_load(rows, &m, NULL);
	if (!ok(r != NULL, "rollup: the rows load"))
		return;
	const table *t = r->t;
	is_int(r->rows_read, 14, "rollup: 14 rows read");
	is_int(r->rows_rejected, 0, "rollup: no repeated id is a bad row");
	is_int(r->rolled_up, 1, "rollup: rolled up");
	is_int(r->customers, 6, "rollup: 6 customers formed");
	is_int((long)t->nrows, 6, "rollup: the table holds one row per customer");
	is_int(r->reactivations, 3, "rollup: three gaps (b once, f twice)");
	is_int(r->customers_reactivated, 2, "rollup: two customers came back");
	/* Customers in order of their first row. */
	is_str(level(t, "id", 0), "a", "rollup: customer 0 is a");
	is_str(level(t, "id", 5), "f", "rollup: customer 5 is f");
	check(t, "a", "2024-01-10", "", 10, "pro", 3, 0, 2);
	check(t, "b", "2024-01-01", "2024-07-15", 7, "pro", 7, 1, 3);
	check(t, "c", "2024-01-05", "2024-06-30", 7, "addon", 6, 1, 5);
	check(t, "d", "2024-03-03", "", 8, "basic", 8, 0, 9);
	check(t, "e", "2024-01-01", "", 6, "(missing)", 11, 0, 10);
	check(t, "f", "2024-01-01", "2024-05-31", 3, "pro", 14, 1, 13);
	/* Levels no current row uses are gone: gold was only c's first row. */
	const table_col *plan = table_find(t, "plan");
	is_int((long)plan->nlevels, 3, "rollup: plan keeps the levels used (pro, addon, basic)");
	is_int((long)plan->nmissing, 1, "rollup: plan's missing count recomputed");
	is_int((long)table_find(t, "end")->nmissing, 3, "rollup: three customers active");
	load_result_free(r);
}

/* Without --rollup the same rows are bad from their second occurrence. */
static void test_no_rollup(void)
{
	load_map m = {0};
	m.id = "id";
	m.start = "start";
	m.end = "end";
	load_result *r = tb_load(rows, &m, NULL);
	if (!ok(r != NULL, "no rollup: the rows load"))
		return;
	is_int(r->by_reason[LOAD_BAD_DUPLICATE], 8, "no rollup: 8 repeated ids are bad rows");
	ok(strstr(r->rejects[0].msg, "--rollup") != NULL,
	   "no rollup: the message suggests --rollup: %s", r->rejects[0].msg);
	is_int(r->rolled_up, 0, "no rollup: not rolled up");
	load_result_free(r);
}

/* Values missing in every deciding row leave the value missing; an entry
 * date is the earliest, a row without one entering at its start. */
static void test_missing_and_entry(void)
{
	static const char text[] =
		"id,start,end,mrr,entry\n"
		"x,2024-01-01,2024-02-01,5,2024-01-20\n"
		"x,2024-03-01,2024-04-01,,\n"
		"y,2024-02-01,,,2024-02-10\n"
		"y,2024-01-15,,,\n";
	load_map m = {0};
	m.id = "id";
	m.start = "start";
	m.end = "end";
	m.value = "mrr";
	m.entry = "entry";
	m.rollup = 1;
	load_result *r = tb_load(text, &m, NULL);
	if (!ok(r != NULL, "entry: the rows load"))
		return;
	const table *t = r->t;
	long x = find_row(t, "x"), y = find_row(t, "y");
	ok(isnan(table_find(t, "mrr")->num[x]), "missing: the last row's value is missing");
	is_int(table_find(t, "entry")->date[x], day("2024-01-20"), "entry: x's only entry");
	is_int(table_find(t, "entry")->date[y], day("2024-01-15"),
	       "entry: y's second row enters at its start, before the first's entry");
	ok(isnan(table_find(t, "mrr")->num[y]), "missing: no active row has a value");
	is_int(r->reactivations, 1, "entry: x came back after a gap");
	load_result_free(r);
}

/* --where: values matched ignoring case and blanks, COL!=V, repeatable,
 * before duplicate detection; errors for an unknown column and a value no
 * row holds. */
static void test_where(void)
{
	static const char text[] =
		"id,start,end,status,plan\n"
		"a,2024-01-01,,Active,basic\n"
		"a,2024-01-02,, trialing ,basic\n"
		"b,2024-01-03,,past_due,pro\n"
		"c,2024-01-04,,canceled,pro\n"
		"d,2024-01-05,,active,basic\n";
	const char *w1[] = {"status!=TRIALING"};
	const char *w2[] = {"status=active,past_due", "plan = pro"};
	const char *w3[] = {"stat=active"};
	const char *w4[] = {"status=activ"};
	const char *w5[] = {"status"};
	load_map m = {0};
	load_opts o;
	load_result *r = NULL;
	churn_err e;
	char path[] = "/tmp/churnkit-test-rollup-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (!ok(f != NULL, "where: a temporary file"))
		return;
	fputs(text, f);
	fclose(f);
	load_opts_init(&o);
	m.id = "id";
	m.start = "start";
	m.end = "end";
	m.where = w1;
	m.nwhere = 1;
	is_int(load_csv(path, &m, &o, &r, &e), CHURN_OK, "where: != loads");
	if (r != NULL) {
		is_int(r->rows_filtered, 1, "where: the trialing row (any case, blanks) left out");
		is_int(r->rows_rejected, 0, "where: filtered before the duplicate check");
		is_int((long)r->t->nrows, 4, "where: four rows kept");
	}
	load_result_free(r);
	m.where = w2;
	m.nwhere = 2;
	is_int(load_csv(path, &m, &o, &r, &e), CHURN_OK, "where: two filters load");
	if (r != NULL) {
		is_int(r->rows_filtered, 4, "where: every filter must hold (only b)");
		is_str(r->t->cols[0].levels[r->t->cols[0].codes[0]], "b", "where: b is kept");
	}
	load_result_free(r);
	m.where = w3;
	m.nwhere = 1;
	is_int(load_csv(path, &m, &o, &r, &e), CHURN_EUSAGE, "where: unknown column");
	ok(strstr(e.msg, "no column 'stat'") != NULL, "where: names it: %s", e.msg);
	m.where = w4;
	is_int(load_csv(path, &m, &o, &r, &e), CHURN_EUSAGE, "where: a value no row holds");
	ok(strstr(e.msg, "'activ'") && strstr(e.msg, "'Active' (1)") &&
	   strstr(e.msg, "'trialing' (1)") && strstr(e.msg, "'active' (1)"),
	   "where: lists the values seen with counts: %s", e.msg);
	m.where = w5;
	is_int(load_csv(path, &m, &o, &r, &e), CHURN_EUSAGE, "where: no = is malformed");
	m.where = NULL;
	m.nwhere = 0;
	m.rollup = 1;
	m.duration = "start";
	is_int(load_csv(path, &m, &o, &r, &e), CHURN_EUSAGE, "rollup: refused with durations");
	ok(strstr(e.msg, "--duration") != NULL, "rollup: says why: %s", e.msg);
	unlink(path);
}

int main(void)
{
	test_merge();
	test_no_rollup();
	test_missing_and_entry();
	test_where();
	return done_testing();
}

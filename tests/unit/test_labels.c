/* test_labels.c - the names a report gives columns and levels
 * (include/churnkit/labels.h): parsing COL=Text and COL:LEVEL=Text, the
 * later label winning, lookups falling back to the raw name, and the
 * check against a table naming what does not exist. */
#include "config.h"

#include <string.h>

#include "churnkit/labels.h"
#include "tap.h"

static void lookups(void)
{
	churn_err e = { 0 };
	labelmap *m = labels_new();

	is_int(labels_add(m, "contract = Contract length", "command line", &e), CHURN_OK,
	       "COL=Text is read");
	is_int(labels_add(m, " contract : two-year =Two years ", "x.ini:3", &e), CHURN_OK,
	       "COL:LEVEL=Text is read, blanks stripped");
	is_int(labels_add(m, "note=a = b: c", "command line", &e), CHURN_OK,
	       "the text may hold '=' and ':'");
	is_str(labels_col(m, "contract"), "Contract length", "a column's label");
	is_str(labels_level(m, "contract", "two-year"), "Two years", "a level's label");
	is_str(labels_col(m, "note"), "a = b: c", "the text after the first '='");
	is_str(labels_col(m, "channel"), "channel", "no label: the raw column name");
	is_str(labels_level(m, "contract", "monthly"), "monthly", "no label: the raw level");
	is_str(labels_level(m, "channel", "two-year"), "two-year",
	       "a level label belongs to its column only");
	is_int(labels_add(m, "contract=Plan", "command line", &e), CHURN_OK, "relabelled");
	is_str(labels_col(m, "contract"), "Plan", "the later label wins");
	is_int((long long)labels_count(m), 3, "replacing adds no label");
	is_str(labels_col(NULL, "contract"), "contract", "a NULL map: the raw name");
	is_str(labels_level(NULL, "contract", "x"), "x", "a NULL map: the raw level");
	labels_free(m);
}

static void usage(void)
{
	churn_err e = { 0 };
	labelmap *m = labels_new();

	is_int(labels_add(m, "contract", "command line", &e), CHURN_EUSAGE, "no '=' is refused");
	ok(strstr(e.msg, "'contract'") != NULL, "the message names the spec: %s", e.msg);
	is_int(labels_add(m, "=Text", "command line", &e), CHURN_EUSAGE, "no column is refused");
	is_int(labels_add(m, "contract:=Text", "command line", &e), CHURN_EUSAGE,
	       "an empty level is refused");
	is_int(labels_add(m, "contract=  ", "command line", &e), CHURN_EUSAGE,
	       "an empty text is refused");
	ok(strstr(e.msg, "text is empty") != NULL, "the message says what is empty: %s", e.msg);
	is_int((long long)labels_count(m), 0, "nothing refused is kept");
	labels_free(m);
}

static void check(void)
{
	churn_err e = { 0 };
	table *t = table_new(3);
	const char *plan[] = { "monthly", "annual", "monthly" };
	const double x[] = { 1, 2, 3 };
	labelmap *m = labels_new();

	table_add_cat(t, "contract", plan);
	table_add_num(t, "logins", x);
	labels_add(m, "contract=Contract", "command line", &e);
	labels_add(m, "contract:annual=Annual", "command line", &e);
	labels_add(m, "logins=Logins in 30 days", "command line", &e);
	is_int(labels_check(m, t, &e), CHURN_OK, "labels of existing columns and levels pass");
	labels_add(m, "contract:weekly=Weekly", "q.ini:9", &e);
	is_int(labels_check(m, t, &e), CHURN_EUSAGE, "a level that does not exist is refused");
	ok(strstr(e.msg, "no level 'weekly'") && strstr(e.msg, "q.ini:9"),
	   "the message names the level and where it was given: %s", e.msg);
	labels_free(m);

	m = labels_new();
	labels_add(m, "payment=Payment method", "command line", &e);
	is_int(labels_check(m, t, &e), CHURN_EUSAGE, "a column that does not exist is refused");
	ok(strstr(e.msg, "no column 'payment'") != NULL, "the message names it: %s", e.msg);
	labels_free(m);

	m = labels_new();
	labels_add(m, "logins:3=Three", "command line", &e);
	is_int(labels_check(m, t, &e), CHURN_OK, "a number a numeric column holds is a level");
	labels_add(m, "logins:4=Four", "command line", &e);
	is_int(labels_check(m, t, &e), CHURN_EUSAGE, "a number it does not hold is refused");
	labels_free(m);
	table_free(t);
}

int main(void)
{
	lookups();
	usage();
	check();
	return done_testing();
}

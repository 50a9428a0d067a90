/* test_tablebook.c - the workbook's sheet-name rule (tablebook.h,
 * table_sheet_name): Excel's limits of 31 characters, no [ ] : * ? / \,
 * no apostrophe at either end, names unique without regard to case; the
 * Contents sheet's link to a sheet (table_sheet_link). */
#include "churnkit/tablebook.h"
#include "tap.h"

#include <string.h>

static const char *name_of(const char *table, const char *const *taken, size_t n, char *buf)
{
	table_sheet_name(table, taken, n, buf, 4 * TABLE_SHEET_NAME_MAX + 1);
	return buf;
}

/* Characters of a UTF-8 string. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += (*s & 0xC0) != 0x80;
	return n;
}

int main(void)
{
	char buf[4 * TABLE_SHEET_NAME_MAX + 1], other[sizeof buf];
	const char *contents[] = {"Contents"};

	is_str(name_of("kpis.csv", contents, 1, buf), "kpis", "a short name: the CSV name less .csv");
	is_str(name_of("lift", NULL, 0, buf), "lift", "a name without .csv stays whole");
	is_str(name_of("a[b]:c*d?e/f\\g.csv", NULL, 0, buf), "a_b__c_d_e_f_g",
	       "each of [ ] : * ? / \\ becomes _");
	is_str(name_of("'quoted'.csv", NULL, 0, buf), "_quoted_",
	       "an apostrophe at either end becomes _");
	is_str(name_of("it's.csv", NULL, 0, buf), "it's", "an apostrophe inside stays");
	is_str(name_of(".csv", NULL, 0, buf), "Sheet", "an empty name: Sheet");
	is_str(name_of("history.csv", NULL, 0, buf), "history~2",
	       "History (any case) is Excel's own: made unique");

	name_of("survival_contract_01_month-to-month_steps.csv", NULL, 0, buf);
	is_str(buf, "survival_contract_01_month-to-m", "a long name is cut to 31 characters");
	ok(chars(buf) == 31, "31 characters");

	const char *taken[] = {"Contents", "survival_contract_01_month-to-m"};
	name_of("survival_contract_01_month-to-month_at.csv", taken, 2, other);
	is_str(other, "survival_contract_01_month-to~2", "a clash is cut further and given ~2");
	ok(chars(other) == 31, "still 31 characters");
	const char *taken3[] = {"Contents", "survival_contract_01_month-to-m",
	                        "survival_contract_01_month-to~2"};
	is_str(name_of("survival_contract_01_month-to-month_x.csv", taken3, 3, buf),
	       "survival_contract_01_month-to~3", "the next clash: ~3");
	is_str(name_of("CONTENTS.csv", contents, 1, buf), "CONTENTS~2",
	       "names differing only in case clash");

	/* 40 two-byte characters: cut at 31 whole characters. */
	char wide[128] = "";
	for (int i = 0; i < 40; i++)
		strcat(wide, "\xc3\xbc");  /* ü */
	name_of(wide, NULL, 0, buf);
	ok(chars(buf) == 31 && strlen(buf) == 62, "UTF-8 names are cut at whole characters");
	const char *takenw[] = {buf};
	name_of(wide, takenw, 1, other);
	ok(chars(other) == 31 && strcmp(other + strlen(other) - 2, "~2") == 0,
	   "a UTF-8 clash: 29 characters and ~2");

	char link[TABLE_SHEET_LINK_MAX];
	table_sheet_link("kpis", link, sizeof link);
	is_str(link, "internal:'kpis'!A1", "a link to a sheet: quoted name, cell A1");
	table_sheet_link("it's o'k", link, sizeof link);
	is_str(link, "internal:'it''s o''k'!A1", "apostrophes in the name are doubled");
	char apos[4 * TABLE_SHEET_NAME_MAX + 1] = "";
	for (int i = 0; i < TABLE_SHEET_NAME_MAX; i++)
		strcat(apos, i % 2 ? "'" : "\xe2\x82\xac");  /* euro signs and apostrophes */
	table_sheet_link(apos, link, sizeof link);
	ok(strlen(link) == strlen("internal:''!A1") + 16 * 3 + 2 * 15 &&
	   strcmp(link + strlen(link) - 4, "'!A1") == 0,
	   "the longest name's link fits whole in TABLE_SHEET_LINK_MAX");
	return done_testing();
}

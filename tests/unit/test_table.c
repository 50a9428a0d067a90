/* test_table.c - columns, interning, missing values. */
#include "churnkit/table.h"
#include "util/intern.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	table *t = table_new(4);
	double x[4] = {1.5, NAN, -2, 0};
	int32_t d[4] = {0, TABLE_DATE_NA, 19782, -1};
	const char *s[4] = {"Zürich", "", "台北", "Zürich"};

	ok(t != NULL, "table: a new table of 4 rows");
	const table_col *cx = table_add_num(t, "x", x);
	ok(cx != NULL && cx->nmissing == 1, "table: numeric column counts one NaN as missing");
	ok(table_add_date(t, "d", d) != NULL, "table: date column added");
	const table_col *cs = table_add_cat(t, "city", s);
	ok(cs != NULL, "table: categorical column added");
	cs = table_find(t, "city");
	is_int((long long)cs->nlevels, 2, "table: two distinct cities interned");
	is_str(cs->levels[cs->codes[0]], "Zürich", "table: UTF-8 level kept verbatim");
	is_int(cs->codes[0], cs->codes[3], "table: equal strings share a code");
	ok(table_is_missing(cs, 1), "table: empty string is a missing category");
	is_int(table_level_index(cs, "台北"), 1, "table: level index in first-seen order");
	is_int(table_level_index(cs, "Paris"), TABLE_CODE_NA, "table: absent level is NA");
	char nb[64];
	is_str(table_num_text(1001, nb, sizeof nb), "1001", "table: a number as a name: 1001");
	is_str(table_num_text(0.1, nb, sizeof nb), "0.1", "table: a number as a name: 0.1, 15 digits");
	is_str(table_num_text(123456789012345678.0, nb, sizeof nb), "1.23456789012346e+17",
	       "table: a number as a name: 15 significant digits");
	is_str(table_num_text(NAN, nb, sizeof nb), "", "table: a missing number as a name is empty");
	ok(table_add_num(t, "x", x) == NULL, "table: a duplicate column name is refused");
	is_int(table_find_index(t, "d"), 1, "table: columns keep their order");
	ok(table_is_missing(table_find(t, "d"), 1), "table: TABLE_DATE_NA is missing");
	ok(table_find(t, "X") == NULL, "table: names are case-sensitive");
	table_free(t);
	table_free(NULL);

	/* Levels renumbered in strcmp order of their UTF-8 bytes:
	 * Bern < Zürich < 台北. */
	const uint32_t codes[5] = {0, 1, TABLE_CODE_NA, 2, 0};
	const char *const lv[3] = {"Zürich", "台北", "Bern"};
	uint32_t *sc = NULL;
	const char **sl = NULL;
	churn_err e;
	ok(table_sort_levels(codes, 5, lv, 3, &sc, &sl, &e) == CHURN_OK, "table: levels sorted");
	ok(strcmp(sl[0], "Bern") == 0 && strcmp(sl[1], "Zürich") == 0 && strcmp(sl[2], "台北") == 0,
	   "table: sorted levels in byte order (Bern, Zürich, 台北)");
	ok(sc[0] == 1 && sc[1] == 2 && sc[2] == TABLE_CODE_NA && sc[3] == 0 && sc[4] == 1,
	   "table: codes follow their levels; missing stays missing");
	free(sc);
	free(sl);

	intern *in = intern_new();
	int added = 0, bad = 0;
	char buf[32];
	for (int i = 0; i < 100000; i++) {
		int n = snprintf(buf, sizeof buf, "id-%d", i);
		if (intern_add(in, buf, (size_t)n, &added) != (uint32_t)i || !added)
			bad++;
	}
	is_int(bad, 0, "intern: 100000 distinct strings get dense indexes");
	is_int(intern_add(in, "id-77", 5, &added), 77, "intern: a repeat finds its index");
	ok(!added, "intern: a repeat is not added");
	is_int(intern_find(in, "id-100000", 9), UINT32_MAX, "intern: absent string not found");
	is_int(intern_find(in, "id-7", 4), 7, "intern: length-delimited lookup");
	intern_free(in);
	return done_testing();
}

/* test_findings_group.c - findings_group_test_has, the group membership
 * with the level read once, against findings_in_group row by row and
 * against memberships written here: text levels (present, absent, a
 * missing value), numeric levels ("3", "3.0", "3x", "nan"), and the
 * other groups. */
#include "findings/findings_kinds.h"
#include "tap.h"

#include <math.h>
#include <stddef.h>

/* Whether the prepared test and findings_in_group agree on every row. */
static int agree(finding_group g, const char *level, double cut, const table_col *c, size_t n)
{
	finding_group_test t;
	findings_group_test_init(&t, g, level, cut, c);
	for (size_t i = 0; i < n; i++)
		if (findings_group_test_has(&t, i) != findings_in_group(g, level, cut, c, i))
			return 0;
	return 1;
}

/* The rows the prepared test takes, as a bit mask. */
static unsigned mask(finding_group g, const char *level, double cut, const table_col *c,
                     size_t n)
{
	finding_group_test t;
	unsigned m = 0;
	findings_group_test_init(&t, g, level, cut, c);
	for (size_t i = 0; i < n; i++)
		m |= (unsigned)(findings_group_test_has(&t, i) != 0) << i;
	return m;
}

int main(void)
{
	enum { N = 6 };
	table *t = table_new(N);
	const char *plan[N] = {"pro", "basic", NULL, "pro", "basic", "pro"};
	double num[N] = {3, 1, NAN, 0, 3, 2};
	table_add_cat(t, "plan", plan);
	table_add_num(t, "n", num);
	const table_col *cp = table_find(t, "plan"), *cn = table_find(t, "n");

	is_int(mask(FINDING_GROUP_LEVEL, "pro", NAN, cp, N), 0x29, "plan = pro: rows 0, 3, 5");
	is_int(mask(FINDING_GROUP_LEVEL, "gold", NAN, cp, N), 0, "a level no row has: none");
	is_int(mask(FINDING_GROUP_LEVEL, NULL, NAN, cp, N), 0, "no level: none");
	is_int(mask(FINDING_GROUP_LEVEL, "3", NAN, cn, N), 0x11, "n = 3: rows 0 and 4");
	is_int(mask(FINDING_GROUP_LEVEL, "3.0", NAN, cn, N), 0x11, "n = 3.0: the same number");
	is_int(mask(FINDING_GROUP_LEVEL, "3x", NAN, cn, N), 0, "n = 3x: not a number, none");
	is_int(mask(FINDING_GROUP_LEVEL, "nan", NAN, cn, N), 0, "n = nan: equal to no value");
	is_int(mask(FINDING_GROUP_MISSING, NULL, NAN, cp, N), 0x04, "plan missing: row 2");
	is_int(mask(FINDING_GROUP_ATLEAST, NULL, 2, cn, N), 0x31, "n >= 2: rows 0, 4, 5");

	int good = 1;
	const char *levels[] = {"pro", "basic", "gold", "", "3", "3.0", "0", "3x", "nan", NULL};
	for (int g = FINDING_GROUP_NONE; g <= FINDING_GROUP_PRESENT; g++)
		for (size_t l = 0; l < sizeof levels / sizeof *levels; l++)
			for (double cut = 0; cut <= 3; cut += 1.5)
				good &= agree((finding_group)g, levels[l], cut, cp, N) &&
				        agree((finding_group)g, levels[l], cut, cn, N);
	ok(good, "every group, level and cut: findings_in_group's rows, text and numeric columns");
	table_free(t);
	return done_testing();
}

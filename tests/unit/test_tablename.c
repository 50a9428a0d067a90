/* test_tablename.c - the data's part of a --tables file name: unsafe bytes
 * become '_', a short name is kept, a long one is cut with a stable hash
 * suffix so that two long names never meet. */
#include "config.h"

#include <string.h>

#include "churnkit/tablename.h"
#include "tap.h"

static const char *part(char *buf, size_t n, const char *s)
{
	buf[0] = '\0';
	table_name_append(buf, n, s);
	return buf;
}

int main(void)
{
	char a[256], b[256], c[300], d[300];

	is_str(part(a, sizeof a, "Pro"), "Pro", "name: a safe name is kept");
	is_str(part(a, sizeof a, "two year/x y"), "two_year_x_y", "name: / and space become _");
	is_str(part(a, sizeof a, "Z\xC3\xBCrich"), "Z__rich", "name: each non-ASCII byte is _");
	is_str(part(a, sizeof a, NULL), "NA", "name: no level reads NA");

	memset(c, 'A', 299);
	c[299] = '\0';
	memcpy(d, c, sizeof d);
	d[298] = 'B';  /* the same first 298 bytes */
	part(a, sizeof a, c);
	part(b, sizeof b, d);
	is_int((long long)strlen(a), TABLE_NAME_PART_MAX, "long: cut to TABLE_NAME_PART_MAX bytes");
	ok(strncmp(a, c, TABLE_NAME_PART_MAX - 9) == 0 && a[TABLE_NAME_PART_MAX - 9] == '-',
	   "long: the name's first bytes, then '-' and the hash");
	ok(strcmp(a, b) != 0, "long: two names with the same beginning give two names");
	char again[256];
	is_str(part(again, sizeof again, c), a, "long: the same name gives the same part");

	/* The FNV-1a hash is fixed: the name of a file must not change
	 * between versions without notice. */
	memset(c, 'x', 100);
	c[100] = '\0';
	part(a, sizeof a, c);
	is_str(a + TABLE_NAME_PART_MAX - 8, "ac246ad5",
	       "long: FNV-1a 32 of 100 x (computed apart, in Python)");

	/* Appending to what the buffer holds, never past its end. */
	strcpy(a, "survival_");
	table_name_append(a, sizeof a, "plan");
	is_str(a, "survival_plan", "append: after the text in the buffer");
	char small[8] = "ab";
	table_name_append(small, sizeof small, "cdefghij");
	is_str(small, "abcdefg", "append: cut at the buffer's end");
	return done_testing();
}

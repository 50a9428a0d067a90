/* test_strbuf.c - the growing string: appends, growth past the first
 * allocation, take and reset, and the empty buffer. */
#include "churnkit/strbuf.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

int main(void)
{
	strbuf b = STRBUF_INIT;

	char *s = strbuf_take(&b);
	is_str(s, "", "nothing written: take gives an empty string, not NULL");
	free(s);

	strbuf_printf(&b, "%s = %d", "n", 42);
	strbuf_printf(&b, "; %.2f", 0.5);
	is_str(b.s, "n = 42; 0.50", "appends printf text");
	is_int((long long)b.len, 12, "len counts the bytes");

	for (int i = 0; i < 100; i++)
		strbuf_printf(&b, "%04d", i);
	ok(b.len == 12 + 400 && b.cap > b.len && strlen(b.s) == b.len,
	   "grows past the first allocation (len %zu, cap %zu)", b.len, b.cap);
	is_str(b.s + b.len - 8, "00980099", "the last appends are at the end");

	s = strbuf_take(&b);
	ok(s != NULL && strlen(s) == 412, "take gives the whole string");
	ok(b.s == NULL && b.len == 0 && b.cap == 0, "after take the buffer is empty");
	free(s);

	strbuf_printf(&b, "x");
	strbuf_reset(&b);
	ok(b.s == NULL && b.len == 0 && !b.oom, "reset frees and empties");

	/* Bytes, NUL included, always followed by one more NUL. */
	strbuf_append(&b, "ab\0c", 4);
	ok(b.len == 4 && memcmp(b.s, "ab\0c", 5) == 0, "append: any bytes, then a NUL");
	strbuf_append(&b, NULL, 0);
	ok(b.len == 4, "append: nothing is nothing");
	char big[1000];
	memset(big, 'z', sizeof big);
	strbuf_append(&b, big, sizeof big);
	ok(b.len == 1004 && b.s[1003] == 'z' && b.s[1004] == '\0' && b.cap > 1004,
	   "append: grows past the first allocation");
	size_t cap = b.cap;
	strbuf_truncate(&b, 2);
	is_str(b.s, "ab", "truncate: keeps the first bytes");
	strbuf_truncate(&b, 0);
	ok(b.len == 0 && b.s[0] == '\0' && b.cap == cap, "truncate to 0: empty, memory kept");
	strbuf_truncate(&b, 5);
	ok(b.len == 0, "truncate: never lengthens");
	strbuf_reset(&b);

	b.oom = 1;  /* as after a failed allocation */
	strbuf_printf(&b, "ignored");
	ok(b.s == NULL, "after out of memory, writes do nothing");
	ok(strbuf_take(&b) == NULL && !b.oom, "take reports out of memory once, as NULL");
	return done_testing();
}

/* test_textpad.c - display widths of UTF-8 text and padding. */
#include "churnkit/textpad.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>

static const char *pad(const char *s, int width, int left, char *out, size_t n)
{
	memset(out, 0, n);
	FILE *f = fmemopen(out, n, "w");
	text_pad(f, s, width, left);
	fclose(f);
	return out;
}

int main(void)
{
	char b[64];
	is_int(text_width("Brno"), 4, "textpad: ASCII is one column a byte");
	is_int(text_width("Kraków"), 6, "textpad: ó is one column (two bytes)");
	is_int(text_width("São Paulo"), 9, "textpad: ã is one column");
	is_int(text_width("台北"), 4, "textpad: CJK characters are two columns each");
	is_int(text_width("e\xcc\x81"), 1, "textpad: a combining accent takes no column");
	is_int(text_width("\xff" "ab"), 3, "textpad: an invalid byte counts one column");
	is_int(text_width("\xe5\x8f"), 2, "textpad: a truncated sequence counts its bytes");
	is_int(text_width(""), 0, "textpad: empty text is zero columns");
	is_str(pad("Kraków", 8, 1, b, sizeof b), "Kraków  ", "textpad: left-aligned to 8 columns");
	is_str(pad("台北", 6, 0, b, sizeof b), "  台北", "textpad: right-aligned to 6 columns");
	is_str(pad("Reykjavík", 4, 1, b, sizeof b), "Reykjavík", "textpad: wider text is written whole");
	return done_testing();
}

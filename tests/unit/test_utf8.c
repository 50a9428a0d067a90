/* test_utf8.c - UTF-8 validation (RFC 3629). */
#include "churnkit/utf8.h"
#include "tap.h"

#include <string.h>

static int valid(const char *s)
{
	return utf8_valid(s, strlen(s));
}

int main(void)
{
	ok(valid(""), "utf8: empty text is valid");
	ok(valid("plain ASCII text, longer than eight bytes"), "utf8: ASCII is valid");
	ok(valid("Zürich, Kraków, São Paulo, 台北, Reykjavík"), "utf8: the sample's cities are valid");
	ok(valid("\xf0\x9f\x98\x80 emoji"), "utf8: a four-byte sequence is valid");
	ok(!valid("Z\xfcrich"), "utf8: Latin-1 ü (0xFC) is not UTF-8");
	ok(!valid("caf\xe9"), "utf8: Latin-1 é at the end is not UTF-8");
	ok(!valid("\x80"), "utf8: a lone continuation byte is invalid");
	ok(!valid("\xc3"), "utf8: a truncated two-byte sequence is invalid");
	ok(!valid("\xe5\x8f"), "utf8: a truncated three-byte sequence is invalid");
	ok(!valid("\xc0\xaf"), "utf8: an overlong '/' is invalid");
	ok(!valid("\xe0\x80\xaf"), "utf8: an overlong three-byte form is invalid");
	ok(!valid("\xed\xa0\x80"), "utf8: a surrogate is invalid");
	ok(!valid("\xf4\x90\x80\x80"), "utf8: above U+10FFFF is invalid");
	ok(!valid("\xf8\x88\x80\x80\x80"), "utf8: five-byte forms are invalid");
	ok(valid("\xef\xbb\xbf"), "utf8: a BOM is valid UTF-8");
	ok(!valid("abcdefgh\x96ijk"), "utf8: a Windows-1252 dash after eight ASCII bytes is found");

	/* Cutting text at whole characters: "aé台😀" is a, C3 A9, E5 8F B0,
	 * F0 9F 98 80 (1 + 2 + 3 + 4 bytes). */
	const char *t = "a\xc3\xa9\xe5\x8f\xb0\xf0\x9f\x98\x80";
	size_t cuts[11] = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10};
	int all = 1;
	for (size_t max = 0; max <= 10; max++)
		all &= utf8_cut(t, 10, max) == cuts[max];
	ok(all, "utf8: utf8_cut never ends inside a two-, three- or four-byte character");
	is_int((long long)utf8_cut(t, 10, 60), 10, "utf8: text shorter than the limit is whole");
	is_int((long long)utf8_whole(t, 9), 6, "utf8: utf8_whole drops a four-byte character cut short");
	is_int((long long)utf8_whole(t, 4), 3, "utf8: utf8_whole drops a three-byte character cut short");
	is_int((long long)utf8_whole(t, 6), 6, "utf8: utf8_whole keeps text ending on a whole character");
	is_int((long long)utf8_whole("ab\x80", 3), 3, "utf8: a stray continuation byte is left as it is");
	is_int(utf8_seq_len(0xF0), 4, "utf8: F0 begins a four-byte sequence");
	is_int(utf8_seq_len(0x9F), 0, "utf8: 9F begins none");
	return done_testing();
}

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

	/* The one decoder (PDF glyphs, text widths, chart estimates). */
	uint32_t cp = 0;
	size_t at = 0, lens[4];
	uint32_t cps[4];
	for (int i = 0; i < 4; i++) {
		lens[i] = utf8_decode(t + at, 10 - at, &cps[i]);
		at += lens[i];
	}
	ok(lens[0] == 1 && lens[1] == 2 && lens[2] == 3 && lens[3] == 4 && cps[0] == 'a' &&
	   cps[1] == 0xE9 && cps[2] == 0x53F0 && cps[3] == 0x1F600,
	   "utf8_decode: a, U+00E9, U+53F0, U+1F600 with their lengths");
	ok(utf8_decode("\xc0\xaf", 2, &cp) == 1 && cp == UTF8_REPLACEMENT,
	   "utf8_decode: an overlong form is one bad byte, U+FFFD");
	ok(utf8_decode("\xed\xa0\x80", 3, &cp) == 1 && cp == UTF8_REPLACEMENT,
	   "utf8_decode: a surrogate is one bad byte");
	ok(utf8_decode("\xf4\x90\x80\x80", 4, &cp) == 1 && cp == UTF8_REPLACEMENT,
	   "utf8_decode: above U+10FFFF is one bad byte");
	ok(utf8_decode("\xe5\x8f", 2, &cp) == 1 && cp == UTF8_REPLACEMENT,
	   "utf8_decode: a sequence cut short by n is one bad byte");
	ok(utf8_decode("\xe5\x8f", 3, &cp) == 1 && cp == UTF8_REPLACEMENT,
	   "utf8_decode: a sequence cut short by the NUL is one bad byte");
	ok(utf8_decode("\x96x", 2, &cp) == 1 && cp == UTF8_REPLACEMENT,
	   "utf8_decode: a Windows-1252 byte is one bad byte");
	ok(utf8_continuation(0x80) && utf8_continuation(0xBF) && !utf8_continuation(0xC3) &&
	   !utf8_continuation('a'), "utf8_continuation: 10xxxxxx only");
	is_int((long long)utf8_chars(t), 4, "utf8_chars: four characters in ten bytes");
	is_int((long long)utf8_chars(""), 0, "utf8_chars: none in the empty string");
	return done_testing();
}

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
	return done_testing();
}

/* utf8.c - see include/churnkit/utf8.h. */
#include "churnkit/utf8.h"

#include <stdint.h>
#include <string.h>

int utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		/* ASCII runs eight bytes at a time. */
		if (i + 8 <= len) {
			uint64_t x;
			memcpy(&x, p + i, 8);
			if ((x & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		unsigned char c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		unsigned char lo = 0x80, hi = 0xBF;  /* bounds of the second byte */
		if (c >= 0xC2 && c <= 0xDF)
			n = 2;
		else if (c >= 0xE0 && c <= 0xEF) {
			n = 3;
			if (c == 0xE0)
				lo = 0xA0;  /* no overlong forms */
			if (c == 0xED)
				hi = 0x9F;  /* no surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 4;
			if (c == 0xF0)
				lo = 0x90;
			if (c == 0xF4)
				hi = 0x8F;  /* nothing above U+10FFFF */
		} else
			return 0;
		if (i + n > len || p[i + 1] < lo || p[i + 1] > hi)
			return 0;
		for (size_t k = 2; k < n; k++)
			if ((p[i + k] & 0xC0) != 0x80)
				return 0;
		i += n;
	}
	return 1;
}

int utf8_seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

size_t utf8_whole(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	/* The last lead byte within the last four bytes, and whether its
	 * sequence fits in what is left. */
	for (size_t back = 1; back <= 4 && back <= len; back++) {
		unsigned char c = p[len - back];
		if ((c & 0xC0) == 0x80)
			continue;  /* a continuation byte: look further back */
		int n = utf8_seq_len(c);
		return n > 0 && (size_t)n > back ? len - back : len;
	}
	return len;
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	return utf8_whole(s, max);
}

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

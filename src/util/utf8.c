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

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	if (n < len) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if (!utf8_continuation(u[i])) {
			*cp = UTF8_REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	*cp = c;
	return len;
}

int utf8_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += !utf8_continuation((unsigned char)*s);
	return n;
}

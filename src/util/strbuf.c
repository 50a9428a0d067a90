/* strbuf.c - see include/churnkit/strbuf.h. */
#include "churnkit/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STRBUF_FIRST_CAP 128

/* Room for `more` bytes of text after b->len and the NUL; 0 (and oom set)
 * when out of memory. */
static int grow(strbuf *b, size_t more)
{
	if (b->oom)
		return 0;
	if (b->s != NULL && b->len + more + 1 <= b->cap)
		return 1;
	if (more > (size_t)-1 / 2 - b->len - 1) {
		b->oom = 1;  /* the size would overflow */
		return 0;
	}
	size_t cap = b->cap ? b->cap : STRBUF_FIRST_CAP;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (s == NULL) {
		b->oom = 1;
		return 0;
	}
	b->s = s;
	b->cap = cap;
	return 1;
}

int strbuf_reserve(strbuf *b, size_t more)
{
	return grow(b, more);
}

void strbuf_printf(strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (b->oom)
		return;
	va_start(ap, fmt);
	k = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
	va_end(ap);
	if (k < 0) {
		b->oom = 1;
		return;
	}
	if (b->s == NULL || b->len + (size_t)k + 1 > b->cap) {
		if (!grow(b, (size_t)k))
			return;
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)k;
}

void strbuf_append(strbuf *b, const void *p, size_t n)
{
	if (!grow(b, n))
		return;
	if (n > 0)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void strbuf_truncate(strbuf *b, size_t len)
{
	if (b->s == NULL || len > b->len)
		return;
	b->len = len;
	b->s[len] = '\0';
}

char *strbuf_take(strbuf *b)
{
	char *s = b->oom ? NULL : b->s;
	if (b->oom)
		free(b->s);
	if (s == NULL && !b->oom)
		s = calloc(1, 1);
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
	return s;
}

void strbuf_reset(strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

/* strbuf.c - see include/churnkit/strbuf.h. */
#include "churnkit/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define STRBUF_FIRST_CAP 128

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
		size_t cap = b->cap ? b->cap : STRBUF_FIRST_CAP;
		while (cap < b->len + (size_t)k + 1)
			cap *= 2;
		char *s = realloc(b->s, cap);
		if (s == NULL) {
			b->oom = 1;
			return;
		}
		b->s = s;
		b->cap = cap;
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)k;
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

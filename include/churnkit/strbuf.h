/*
 * strbuf.h - a growing NUL-terminated string, written with printf.
 *
 * A strbuf {0} (or STRBUF_INIT) is empty and owns nothing.  Writes append;
 * the buffer doubles (from 128 bytes) as needed.  The text may hold NUL
 * bytes (strbuf_append writes any bytes; `len` counts them all), and is
 * always followed by one more NUL once something was written.  Out of memory is a state,
 * not a return value to check at every write: after an allocation failure
 * `oom` is set, later writes do nothing, and strbuf_take returns NULL, so a
 * caller writes a whole text and checks once.  The buffer owns its string
 * until strbuf_take gives it up; strbuf_reset frees it.  No globals.
 */
#ifndef CHURNKIT_STRBUF_H
#define CHURNKIT_STRBUF_H

#include <stddef.h>

typedef struct {
	char *s;         /* the text, NUL-terminated; NULL while nothing written */
	size_t len, cap; /* bytes of text; bytes allocated */
	int oom;         /* an allocation failed */
} strbuf;

#define STRBUF_INIT {NULL, 0, 0, 0}

/* Appends printf-style text to b. */
void strbuf_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends the n bytes at p (any bytes, NUL included). */
void strbuf_append(strbuf *b, const void *p, size_t n);

/* Makes room for `more` bytes after the text and its NUL, for a caller that
 * writes b->s directly (then sets b->len); 0 (and oom set) when out of
 * memory. */
int strbuf_reserve(strbuf *b, size_t more);

/* Makes the text its first `len` bytes (len <= b->len), keeping the
 * allocation: strbuf_truncate(b, 0) empties it for reuse. */
void strbuf_truncate(strbuf *b, size_t len);

/* Gives up the string, which the caller then owns (free): "" when nothing
 * was written, NULL when out of memory (the string then freed).  The
 * buffer is empty again. */
char *strbuf_take(strbuf *b);

/* Frees the string; the buffer is empty again. */
void strbuf_reset(strbuf *b);

#endif

/*
 * pdf_text.c - text layout for pdf/ without libharu (see pdf_text.h):
 * UTF-8, CJK runs, word wrapping and shortening.  Widths come from the
 * caller's ptext_measure.
 */
#include "report/pdf/pdf_text.h"
#include "report/pdf/pdf.h"

#include "churnkit/utf8.h"

#include <stdlib.h>
#include <string.h>

/* U+2026 HORIZONTAL ELLIPSIS, in UTF-8. */
#define ELLIPSIS "\xE2\x80\xA6"

/* ---- UTF-8 ------------------------------------------------------------- */

static size_t utf8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The CJK ranges of pdf.h. */
static int is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
	       (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

char *ptext_clean(const char *s, size_t n)
{
	char *out = malloc(3 * n + 1);   /* one bad byte grows to 3 */
	size_t i = 0, o = 0;

	if (out == NULL)
		return NULL;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode((const char *)s + i, n - i, &cp);

		/* libharu 2.3's UTF-8 fonts have 16-bit codes: no character
		 * above U+FFFF can be shown, so it becomes U+FFFD too. */
		if ((cp == 0xFFFD && k == 1) || cp > 0xFFFF)
			o += utf8_put(0xFFFD, out + o);
		else {
			memcpy(out + o, s + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = '\0';
	return out;
}

/* ---- runs -------------------------------------------------------------- */

size_t ptext_run_end(const char *s, size_t n, size_t i, int *cjk)
{
	uint32_t cp;
	size_t k = utf8_decode((const char *)s + i, n - i, &cp);

	*cjk = is_cjk(cp);
	i += k;
	while (i < n) {
		k = utf8_decode((const char *)s + i, n - i, &cp);
		if (is_cjk(cp) != *cjk)
			break;
		i += k;
	}
	return i;
}

/* ---- paragraphs -------------------------------------------------------- */

static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r';
}

/* The end of the token starting at s[i] (i < n, not a space or newline): a
 * single CJK character, or a run of characters that are neither spaces,
 * newlines nor CJK. */
static size_t token_end(const char *s, size_t n, size_t i)
{
	uint32_t cp;
	size_t k = utf8_decode((const char *)s + i, n - i, &cp);

	if (is_cjk(cp))
		return i + k;
	i += k;
	while (i < n) {
		k = utf8_decode((const char *)s + i, n - i, &cp);
		if (is_space(cp) || cp == '\n' || is_cjk(cp))
			break;
		i += k;
	}
	return i;
}

/* The longest prefix of s[start..end) (at least one character) that is no
 * wider than width: where an overlong word is broken. */
static size_t fit_chars(const char *s, size_t start, size_t end, double width,
                        const ptext_measure *m)
{
	uint32_t cp;
	size_t i = start + utf8_decode((const char *)s + start, end - start, &cp);

	while (i < end && !m->failed(m->ctx)) {
		size_t k = utf8_decode((const char *)s + i, end - i, &cp);

		if (m->width(m->ctx, s + start, i + k - start) > width)
			break;
		i += k;
	}
	return i;
}

int ptext_wrap_line(const char *t, size_t n, size_t *pos, double width,
                    const ptext_measure *m, size_t *start, size_t *end)
{
	size_t p = *pos, s, e, i;
	uint32_t cp;

	/* Spaces at the start of a line are dropped. */
	while (p < n && (utf8_decode((const char *)t + p, n - p, &cp),
	                 is_space(cp)))
		p++;
	s = e = i = p;
	for (;;) {
		size_t te;

		while (i < n && is_space((unsigned char)t[i]))
			i++;
		if (i >= n || t[i] == '\n')
			break;
		te = token_end(t, n, i);
		if (m->width(m->ctx, t + s, te - s) <= width) {
			e = i = te;
			continue;
		}
		if (e == s)   /* nothing fits yet: break the word */
			e = fit_chars(t, i, te, width, m);
		break;
	}
	if (m->failed(m->ctx))
		return -1;
	*start = s;
	*end = e;
	p = e;
	while (p < n && is_space((unsigned char)t[p]))
		p++;
	if (p < n && t[p] == '\n')
		p++;
	*pos = p;
	return 0;
}

/* ---- shortening -------------------------------------------------------- */

void ptext_fit(const char *t, size_t len, double width, const ptext_measure *m, char *buf,
               size_t n)
{
	size_t i, best = 0, el = strlen(ELLIPSIS);
	int found = 0;

	width += PDF_FIT_SLACK;   /* pdf.h: a rounding error is not too wide */
	if (len < n && m->width(m->ctx, t, len) <= width) {
		memcpy(buf, t, len + 1);
		return;
	}
	/* The longest prefix p (at a character boundary, trailing spaces
	 * dropped) with p + "…" no wider than width and fitting buf. */
	i = 0;
	for (;;) {
		size_t p = i, k;
		uint32_t cp;

		while (p > 0 && t[p - 1] == ' ')
			p--;
		if (p + el + 1 > n)
			break;
		memcpy(buf, t, p);
		memcpy(buf + p, ELLIPSIS, el + 1);
		if (m->width(m->ctx, buf, p + el) > width || m->failed(m->ctx))
			break;
		best = p;
		found = 1;
		if (i >= len)
			break;
		k = utf8_decode((const char *)t + i, len - i, &cp);
		i += k;
	}
	if (found) {
		memcpy(buf, t, best);
		memcpy(buf + best, ELLIPSIS, el + 1);
	} else {
		buf[0] = '\0';   /* not even "…" fits */
	}
}

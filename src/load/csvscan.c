/* csvscan.c - libcsv's grammar as one loop over the input; see csvscan.h.
 * The states and the order of the tests in each follow libcsv 3.0.3's
 * csv_parse, so that a delimiter that is also a blank, a quote or a line
 * end reads as it did. */
#include "csvscan.h"
#include "churnkit/utf8.h"
#include "loader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define QUOTE '"'

static int is_term(unsigned char c) { return c == '\r' || c == '\n'; }

static int is_space(const scanner *sc, unsigned char c)
{
	return c == ' ' || (c == '\t' && sc->space_tab);
}

void scanner_init(scanner *sc, unsigned char delim)
{
	memset(sc, 0, sizeof *sc);
	sc->delim = delim;
	/* libcsv trims space and tab around unquoted fields; with a tab
	 * delimiter the loader gave it a blank test without the tab. */
	sc->space_tab = delim != '\t';
	for (int c = 0; c < 256; c++) {
		/* NUL, CR and LF take the slow path, which notes them. */
		int note = c == 0 || is_term((unsigned char)c);
		sc->plain[1][c] = !note && c != QUOTE;
		sc->plain[0][c] = !note && c != QUOTE && c != delim &&
		                  !is_space(sc, (unsigned char)c);
	}
}

/* Room for n more bytes and a NUL in the record buffer. */
static inline int room(scanrec *r, size_t n)
{
	strbuf *b = &r->buf;
	return (b->s != NULL && b->len + n + 1 <= b->cap) || strbuf_reserve(b, n);
}

/* Ends the field at buf.len (SUBMIT_FIELD once its blanks are trimmed). */
static int end_field(scanner *sc, scanrec *r)
{
	if (r->nf == r->fcap) {
		size_t cap = r->fcap ? r->fcap * 2 : 32;
		size_t *off = realloc(r->off, cap * sizeof *off);
		if (off != NULL)
			r->off = off;
		size_t *len = off ? realloc(r->len, cap * sizeof *len) : NULL;
		if (len == NULL)
			return 0;
		r->len = len;
		r->fcap = cap;
	}
	if (!room(r, 0))
		return 0;
	size_t n = r->buf.len - sc->start;
	r->off[r->nf] = sc->start;
	r->len[r->nf] = n;
	r->buf.s[r->buf.len++] = '\0';
	r->nf++;
	if (sc->brk)
		r->newlines += loader_line_breaks(r->buf.s + sc->start, n);
	sc->start = r->buf.len;
	sc->pstate = SCAN_FIELD_NOT_BEGUN;
	sc->quoted = 0;
	sc->spaces = 0;
	sc->brk = 0;
	return 1;
}

/* SUBMIT_FIELD: an unquoted field loses its trailing blanks. */
static int submit_field(scanner *sc, scanrec *r)
{
	if (!sc->quoted)
		r->buf.len -= sc->spaces;
	return end_field(sc, r);
}

/* The first field of the record that is not UTF-8 (one pass over the
 * record when it is ASCII, as most are). */
static void check_utf8(scanrec *r)
{
	const unsigned char *p = (const unsigned char *)r->buf.s;
	size_t n = r->buf.len, k = 0;
	uint64_t any = 0;
	r->bad_utf8_field = 0;
	for (; k + 8 <= n; k += 8) {
		uint64_t x;
		memcpy(&x, p + k, 8);
		any |= x;
	}
	for (; k < n; k++)
		any |= p[k];
	if ((any & 0x8080808080808080ULL) == 0)
		return;
	for (size_t j = 0; j < r->nf; j++)
		if (!utf8_valid(r->buf.s + r->off[j], r->len[j])) {
			r->bad_utf8_field = (long)j + 1;
			return;
		}
}

/* SUBMIT_ROW: the record ends on c; 0 when the callback asks to stop. */
static int submit_row(scanner *sc, scanrec *r, int c, scan_record_fn fn, void *ctx)
{
	if (r->nf > 0)
		check_utf8(r);
	int stop = fn(ctx, c);
	sc->pstate = SCAN_ROW_NOT_BEGUN;
	sc->quoted = 0;
	sc->spaces = 0;
	sc->brk = 0;
	sc->start = r->buf.len;
	if (stop)
		sc->stop = SCAN_CALLER;
	return !stop;
}

/* SUBMIT_CHAR, noting a NUL (for the loader's message) and a line break. */
static int put(scanner *sc, scanrec *r, unsigned char c)
{
	if (!room(r, 1))
		return 0;
	r->buf.s[r->buf.len++] = (char)c;
	if (c == 0 && r->nul_field == 0)
		r->nul_field = (long)r->nf + 1;
	if (is_term(c))
		sc->brk = 1;
	return 1;
}

size_t scanner_feed(scanner *sc, scanrec *r, const char *s, size_t n,
                    scan_record_fn fn, void *ctx)
{
	const unsigned char *us = (const unsigned char *)s;
	const unsigned char delim = sc->delim;
	size_t pos = 0;
	int ok = 1;

	sc->stop = SCAN_OK;
	while (pos < n) {
		if (sc->pstate == SCAN_FIELD_BEGUN) {
			/* The common bytes of a field, copied as one run. */
			const unsigned char *plain = sc->plain[sc->quoted];
			size_t k = pos;
			while (k < n && plain[us[k]])
				k++;
			if (k > pos) {
				if (!room(r, k - pos)) {
					sc->stop = SCAN_NOMEM;
					return pos;
				}
				memcpy(r->buf.s + r->buf.len, us + pos, k - pos);
				r->buf.len += k - pos;
				sc->spaces = 0;
				pos = k;
				/* The common end of an unquoted field: its delimiter
				 * (unless the delimiter is the quote, which reads as
				 * text there, the quote's test coming first). */
				if (pos < n && us[pos] == delim && delim != QUOTE && !sc->quoted) {
					pos++;
					if (!end_field(sc, r)) {
						sc->stop = SCAN_NOMEM;
						return pos;
					}
				}
				continue;
			}
		}
		unsigned char c = us[pos++];
		switch (sc->pstate) {
		case SCAN_ROW_NOT_BEGUN:
		case SCAN_FIELD_NOT_BEGUN:
			if (is_space(sc, c) && c != delim)
				continue;
			/* No byte of the field is written yet (and the loader may
			 * have emptied the record since the last one ended). */
			sc->start = r->buf.len;
			if (is_term(c)) {
				/* An empty line is a record of no fields. */
				if (sc->pstate == SCAN_FIELD_NOT_BEGUN && !(ok = submit_field(sc, r)))
					break;
				if (!submit_row(sc, r, c, fn, ctx))
					return pos;
			} else if (c == delim) {
				ok = submit_field(sc, r);
			} else if (c == QUOTE) {
				sc->pstate = SCAN_FIELD_BEGUN;
				sc->quoted = 1;
			} else {
				sc->pstate = SCAN_FIELD_BEGUN;
				sc->quoted = 0;
				if (sc->plain[0][c]) {
					pos--;  /* the run of common bytes starts here */
					continue;
				}
				ok = put(sc, r, c);
			}
			break;
		case SCAN_FIELD_BEGUN:
			if (c == QUOTE) {
				if (sc->quoted) {
					ok = put(sc, r, c);
					sc->pstate = SCAN_FIELD_MIGHT_HAVE_ENDED;
				} else {
					/* A quote inside an unquoted field (6" screen):
					 * text, as non-strict libcsv reads it. */
					ok = put(sc, r, c);
					sc->spaces = 0;
				}
			} else if (c == delim) {
				ok = sc->quoted ? put(sc, r, c) : submit_field(sc, r);
			} else if (is_term(c)) {
				if (sc->quoted) {
					ok = put(sc, r, c);
				} else {
					ok = submit_field(sc, r);
					if (ok && !submit_row(sc, r, c, fn, ctx))
						return pos;
				}
			} else if (!sc->quoted && is_space(sc, c)) {
				ok = put(sc, r, c);
				sc->spaces++;
			} else {
				ok = put(sc, r, c);
				sc->spaces = 0;
			}
			break;
		case SCAN_FIELD_MIGHT_HAVE_ENDED:
			if (c == delim) {
				r->buf.len -= sc->spaces + 1;  /* the blanks and the quote */
				ok = submit_field(sc, r);
			} else if (is_term(c)) {
				r->buf.len -= sc->spaces + 1;
				ok = submit_field(sc, r);
				if (ok && !submit_row(sc, r, c, fn, ctx))
					return pos;
			} else if (is_space(sc, c)) {
				ok = put(sc, r, c);
				sc->spaces++;
			} else if (c == QUOTE && sc->spaces == 0) {
				sc->pstate = SCAN_FIELD_BEGUN;  /* a doubled quote */
			} else {
				/* Text (or a quote after blanks) after a closing quote:
				 * where strict libcsv stops. */
				sc->stop = SCAN_BAD_QUOTE;
				return pos - 1;
			}
			break;
		}
		if (!ok) {
			sc->stop = SCAN_NOMEM;
			return pos;
		}
	}
	return pos;
}

int scanner_open_quote(const scanner *sc)
{
	return sc->quoted && sc->pstate == SCAN_FIELD_BEGUN;
}

int scanner_finish(scanner *sc, scanrec *r, scan_record_fn fn, void *ctx)
{
	int ok = 1;
	if (sc->pstate == SCAN_FIELD_NOT_BEGUN)
		sc->start = r->buf.len;  /* an empty last field */
	if (sc->pstate == SCAN_FIELD_MIGHT_HAVE_ENDED)
		r->buf.len -= sc->spaces + 1;  /* the blanks and the quote */
	if (sc->pstate != SCAN_ROW_NOT_BEGUN && (ok = submit_field(sc, r)) != 0)
		submit_row(sc, r, -1, fn, ctx);
	sc->pstate = SCAN_ROW_NOT_BEGUN;
	sc->quoted = 0;
	sc->spaces = 0;
	sc->brk = 0;
	sc->start = r->buf.len;
	return ok;
}

int scanner_take_partial(scanner *sc, scanrec *r)
{
	int ok = end_field(sc, r);
	sc->pstate = SCAN_ROW_NOT_BEGUN;
	return ok;
}

void scanrec_clear(scanrec *r)
{
	r->nf = 0;
	r->buf.len = 0;
	if (r->buf.s != NULL)
		r->buf.s[0] = '\0';
	r->nul_field = 0;
	r->bad_utf8_field = 0;
	r->newlines = 0;
}

void scanrec_free(scanrec *r)
{
	strbuf_reset(&r->buf);
	free(r->off);
	free(r->len);
	r->off = r->len = NULL;
	r->nf = r->fcap = 0;
}

int scanrec_append_last(scanrec *r, const char *s, size_t n)
{
	if (n == 0)
		return 1;
	/* The field's NUL moves to the new end. */
	r->buf.len--;
	if (!room(r, n)) {
		r->buf.len++;
		return 0;
	}
	memcpy(r->buf.s + r->buf.len, s, n);
	r->buf.len += n;
	r->buf.s[r->buf.len++] = '\0';
	r->len[r->nf - 1] += n;
	if (r->nul_field == 0 && memchr(s, '\0', n) != NULL)
		r->nul_field = (long)r->nf;
	return 1;
}

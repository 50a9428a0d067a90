/*
 * utf8.h - UTF-8: validation of input text, and the one decoder every
 * renderer uses (text widths, PDF glyphs, cuts at character boundaries).
 *
 * churnkit reads and writes UTF-8 only; a file in Latin-1 or Windows-1252
 * would otherwise load "fine" and then write invalid JSON.  utf8_valid
 * follows RFC 3629: no overlong forms, no surrogates (U+D800-DFFF), nothing
 * above U+10FFFF, no truncated sequences.  No allocation, no state.
 */
#ifndef CHURNKIT_UTF8_H
#define CHURNKIT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* U+FFFD REPLACEMENT CHARACTER: what a byte that begins no valid sequence
 * decodes as. */
#define UTF8_REPLACEMENT 0xFFFDu

/* 1 when the `len` bytes at `s` are valid UTF-8, 0 otherwise. */
int utf8_valid(const char *s, size_t len);

/* The length of the longest prefix of the `len` bytes at `s` that is at most
 * `max` bytes and does not end inside a multi-byte character: text quoted in
 * a message is cut there, never mid-character.  (Bytes that are not UTF-8
 * are cut as single bytes.) */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* `len` less a multi-byte character left incomplete at the end of the `len`
 * bytes at `s` (as snprintf leaves one when it truncates); `len` when the
 * text ends on a whole character. */
size_t utf8_whole(const char *s, size_t len);

/* The length of the UTF-8 sequence a lead byte begins (1 to 4), or 0 for a
 * continuation byte or a byte that begins none. */
int utf8_seq_len(unsigned char lead);

/* Decodes the character at the start of the `n` bytes at `s` (n >= 1) as
 * RFC 3629 says (no overlong forms, surrogates or code points above
 * U+10FFFF; a sequence cut short by `n` or by a byte that does not
 * continue it is invalid).  Sets *cp and returns the sequence's length;
 * for an invalid one, *cp = UTF8_REPLACEMENT and 1 (the bad byte alone is
 * skipped).  On NUL-terminated text, n may be strnlen(s, 4). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* 1 when `c` is a continuation byte (10xxxxxx): a cut before it would
 * split a character. */
int utf8_continuation(unsigned char c);

/* The characters (code points) of the NUL-terminated `s`: the bytes that
 * are not continuation bytes. */
size_t utf8_chars(const char *s);

#endif

/*
 * utf8.h - UTF-8 validation for input text.
 *
 * churnkit reads and writes UTF-8 only; a file in Latin-1 or Windows-1252
 * would otherwise load "fine" and then write invalid JSON.  utf8_valid
 * follows RFC 3629: no overlong forms, no surrogates (U+D800-DFFF), nothing
 * above U+10FFFF, no truncated sequences.  No allocation, no state.
 */
#ifndef CHURNKIT_UTF8_H
#define CHURNKIT_UTF8_H

#include <stddef.h>

/* 1 when the `len` bytes at `s` are valid UTF-8, 0 otherwise. */
int utf8_valid(const char *s, size_t len);

#endif

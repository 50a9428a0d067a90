/*
 * decode.h - private to source.c: turning the bytes of an input in another
 * encoding into UTF-8 as they are read (iconv(3)), a bounded buffer at a
 * time, so that a pipe streams in bounded memory.
 *
 * Encodings (names in any case): utf-8 (no conversion; decoder_open gives
 * NULL), windows-1252 or cp1252, latin1 or iso-8859-1, utf-16 (its
 * byte-order mark read and dropped; without one, little-endian when the
 * first character's second byte is zero and its first is not, else
 * big-endian), utf-16le, utf-16be.  A byte that the encoding cannot turn
 * into a character, an input that ends inside a character, and with a
 * one-byte encoding a UTF-8 character of 2-4 bytes (a UTF-8 file read as
 * windows-1252 would be garbled, "\xC3\xBC" as two characters), are
 * CHURN_EDATA naming the input, the line and the character in the line
 * where they stand (lines counted as the loader counts them: LF, CRLF and
 * a lone CR each end one).
 *
 * Ownership: decoder_open returns a new decoder; free with decoder_free.
 */
#ifndef CHURNKIT_DECODE_H
#define CHURNKIT_DECODE_H

#include <stddef.h>

#include "churnkit/err.h"

typedef struct decoder decoder;

/* A decoder for `encoding`; *out = NULL for UTF-8.  CHURN_EUSAGE naming the
 * accepted names for any other name. */
churn_status decoder_open(const char *encoding, decoder **out, churn_err *err);

void decoder_free(decoder *d);

/* The input buffer to fill: *room bytes at the returned pointer. */
unsigned char *decoder_input(decoder *d, size_t *room);

/* Converts what the input buffer holds plus the `n` bytes just put there;
 * at_end: no more input will come.  Messages name `name`. */
churn_status decoder_convert(decoder *d, size_t n, int at_end, const char *name,
                             churn_err *err);

/* Hands out up to `n` converted bytes into buf; returns how many. */
size_t decoder_take(decoder *d, unsigned char *buf, size_t n);

/* 1 when the input ended and every converted byte was handed out. */
int decoder_done(const decoder *d);

#endif

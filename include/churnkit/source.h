/*
 * source.h - an input read exactly once: a file, standard input ("-"), a
 * FIFO, a process substitution (/dev/fd/N), or bytes in memory.
 *
 * Every byte is read from the underlying input once, in order, and hashed
 * (SHA-256, nettle) as it is read, so that after the reader has reached the
 * end, source_sha256_hex gives the hash of exactly the bytes that were
 * parsed; nothing is reopened, rewound or copied to a temporary file, which
 * is what lets pipes and FIFOs work where a second open would hang or see
 * nothing.
 *
 * A caller that must look at the start of the input before reading it (the
 * loader reads the header to choose columns, then loads the file) marks the
 * position with source_mark; the bytes read after the mark are kept in
 * memory until source_rewind, after which source_read hands them out again
 * before reading on.  What is kept is what the look needed (a header and the
 * one read that completed it), never the whole input.
 *
 * Ownership: source_open, source_open_mem and source_open_reader return a
 * new source; free it with source_free, which closes a file it opened
 * (never standard input) and closes a reader.  The memory of
 * source_open_mem is borrowed and must outlive the source.
 */
#ifndef CHURNKIT_SOURCE_H
#define CHURNKIT_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"

typedef struct source source;

/* Opens `path` for reading ("-" = standard input).  `name` is the name used
 * in messages; NULL = the path, or "<stdin>" for "-".  CHURN_EIO naming the
 * input when it cannot be opened or is a directory. */
churn_status source_open(const char *path, const char *name, source **out,
                         churn_err *err);

/* A source over `len` bytes at `data` (borrowed), named `name` (NULL =
 * "<memory>"). */
churn_status source_open_mem(const void *data, size_t len, const char *name,
                             source **out, churn_err *err);

/* A reader of some other input (a database's result, source_pg.h): `read`
 * puts up to `n` bytes into `buf` and sets *got, fewer than `n` only at the
 * end, as fread does; on failure it fills `err` (naming the input `name`)
 * and returns its code.  `close` releases the reader's state `ctx` (called
 * once, by source_free, also when no byte was read). */
typedef struct {
	churn_status (*read)(void *ctx, unsigned char *buf, size_t n, size_t *got,
	                     const char *name, churn_err *err);
	void (*close)(void *ctx);
} source_reader;

/* A source over the bytes `rd` reads from `ctx` (handed over: closed by
 * source_free, or at once when this fails), named `name`.  `rd` is
 * borrowed and must outlive the source (a static table). */
churn_status source_open_reader(const source_reader *rd, void *ctx, const char *name,
                                source **out, churn_err *err);

/* Reads the input as text in `encoding` (decode.h's names: utf-8,
 * windows-1252 or cp1252, latin1 or iso-8859-1, utf-16 with its byte-order
 * mark, utf-16le, utf-16be; any case): source_read then hands out UTF-8,
 * converted through iconv(3) a bounded buffer at a time, while the hash
 * and source_bytes stay those of the bytes as read.  A byte the encoding
 * cannot read, or an input ending inside a character, makes source_read
 * fail with CHURN_EDATA naming the input, the line and the character in it.
 * Call before the first read; a second call does nothing (the loader's
 * header look and its load both ask).  CHURN_EUSAGE for an unknown name. */
churn_status source_set_encoding(source *s, const char *encoding, churn_err *err);

/* Closes what source_open opened and frees the source.  Accepts NULL. */
void source_free(source *s);

/* The name used in messages. */
const char *source_name(const source *s);

/* Reads up to `n` bytes into `buf`, as fread does: fewer than `n` only at the
 * end of the input (UTF-8 converted from the input's encoding after
 * source_set_encoding).  *got is the number read (0 at the end).  CHURN_EIO
 * naming the input on a read error; CHURN_ENOMEM when bytes after a mark
 * cannot be kept; CHURN_EDATA for a byte the encoding cannot read. */
churn_status source_read(source *s, void *buf, size_t n, size_t *got, churn_err *err);

/* Starts keeping the bytes read from now on, for source_rewind.  A second
 * mark before a rewind keeps the first. */
void source_mark(source *s);

/* Goes back to the mark: the kept bytes are read again by source_read (and
 * not hashed again), then the input continues.  Without a mark, nothing. */
void source_rewind(source *s);

/* The SHA-256 of every byte read so far, as 64 lowercase hex digits and a
 * NUL; after a read returned 0 bytes, the hash of the whole input. */
void source_sha256_hex(const source *s, char hex[65]);

/* Bytes read from the underlying input so far. */
uint64_t source_bytes(const source *s);

/* Bytes in a regular file (its size when opened) or a memory source; 0
 * when not known (a pipe, standard input). */
uint64_t source_size(const source *s);

/* A read buffer size for a reader that would use `most` bytes: fewer when
 * the whole rest of a memory source or a regular file (its size when
 * opened) fits in fewer, so that one read of that size still reaches the
 * end; `most` when the size is unknown (a pipe). */
size_t source_buffer_size(const source *s, size_t most);

#endif

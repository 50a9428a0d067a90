/*
 * csvscan.h - the CSV tokenizer the loader reads with: libcsv's grammar
 * (csv_parse with CSV_STRICT | CSV_REPALL_NL | CSV_APPEND_NULL, quote '"')
 * rewritten as a loop over the input buffer that writes each field once,
 * straight into the record, instead of libcsv's field buffer and a
 * callback per field.
 *
 * What it keeps from libcsv, byte for byte (tests/unit/test_csvscan.c
 * checks it against libcsv on generated inputs): blanks (space and tab; a
 * space alone when tab delimits) skipped before a field and trimmed after
 * an unquoted one and after a closing quote; doubled quotes inside quotes
 * read as one; CR and LF inside quotes kept; each unquoted CR or LF
 * reported as a record end, an empty line as a record of no fields.
 * Where strict libcsv stops, two cases: a quote inside an unquoted field is
 * kept as text (as libcsv without CSV_STRICT keeps it, which the loader
 * asked of it by hand), and a closing quote followed by text stops the
 * scan (scanner_feed returns the position of that byte, sc->stop is
 * SCAN_BAD_QUOTE) for the loader to reject the rest of the line.
 */
#ifndef CHURNKIT_CSVSCAN_H
#define CHURNKIT_CSVSCAN_H

#include <stddef.h>

#include "churnkit/strbuf.h"

/* The record being read: its fields' bytes one after another, each
 * NUL-terminated, and what the loader asks of them. */
typedef struct {
	strbuf buf;              /* field bytes, each NUL-terminated */
	size_t *off;             /* field k starts at buf.s + off[k] */
	size_t *len;
	size_t nf, fcap;
	long nul_field;          /* 1-based field with a NUL byte; 0 = none */
	long bad_utf8_field;     /* 1-based field that is not UTF-8; 0 = none
	                            (set when the record ends) */
	long newlines;           /* line breaks inside the record's fields */
} scanrec;

/* Why scanner_feed stopped before the end of its bytes. */
typedef enum {
	SCAN_OK = 0,
	SCAN_BAD_QUOTE,          /* a closing quote followed by text */
	SCAN_CALLER,             /* the record callback asked to stop */
	SCAN_NOMEM
} scan_stop;

/* Called at each record end: c is the CR or LF that ended it, or -1 at the
 * end of the input.  Returns nonzero to stop the scan.  The callback may
 * empty the record (scanrec_clear); what it leaves stays before the next
 * record's fields. */
typedef int (*scan_record_fn)(void *ctx, int c);

typedef struct {
	unsigned char delim;
	unsigned char plain[2][256]; /* [quoted][byte]: 1 when the byte is
	                                copied with nothing else to do */
	int space_tab;           /* 1: a tab is a blank (the delimiter is not tab) */
	int pstate;              /* libcsv's states, below */
	int quoted;
	size_t spaces;           /* blanks at the end of the field so far */
	size_t start;            /* where the field being read starts in buf */
	int brk;                 /* the field so far holds a CR or LF */
	scan_stop stop;
} scanner;

#define SCAN_ROW_NOT_BEGUN 0
#define SCAN_FIELD_NOT_BEGUN 1
#define SCAN_FIELD_BEGUN 2
#define SCAN_FIELD_MIGHT_HAVE_ENDED 3

/* A scanner at the start of the input, fields delimited by `delim`. */
void scanner_init(scanner *sc, unsigned char delim);

/* Reads s[0..n) into `r`, calling `fn` at each record end.  Returns the
 * bytes consumed: n, or fewer when sc->stop says why it stopped. */
size_t scanner_feed(scanner *sc, scanrec *r, const char *s, size_t n,
                    scan_record_fn fn, void *ctx);

/* The end of the input (csv_fini): a field or record begun is ended, with
 * fn called with -1.  Not for an open quoted field (scanner_open_quote). */
int scanner_finish(scanner *sc, scanrec *r, scan_record_fn fn, void *ctx);

/* 1 when the input so far ends inside a quoted field. */
int scanner_open_quote(const scanner *sc);

/* Ends the field being read as it stands, with its quote and blanks (the
 * field of a bad quote or of an unclosed one), and makes the scanner
 * start a new record.  Returns 0 when out of memory. */
int scanner_take_partial(scanner *sc, scanrec *r);

/* Empties the record; frees its memory (scanrec_free). */
void scanrec_clear(scanrec *r);
void scanrec_free(scanrec *r);

/* Appends n bytes to the record's last field (there must be one); returns
 * 0 when out of memory. */
int scanrec_append_last(scanrec *r, const char *s, size_t n);

#endif

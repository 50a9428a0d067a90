/*
 * csvdiff.h - the loader's tokenizer (src/load/csvscan.h) and libcsv read
 * side by side, for tests/unit/test_csvscan.c and the fuzz harness
 * tests/fuzz/fuzz_csvscan.c.  Each reading is logged as text: F<len>:<bytes>
 * per field, R<c> per record end (c = 13, 10 or -1 at the end), Q<len>:<bytes>
 * where a quote is closed and followed by text (the field so far), then
 * S<pos> where the rest of that line was skipped, and U<len>:<bytes> for a
 * quote never closed.  The two logs of an input must be equal.
 */
#ifndef CHURNKIT_TESTS_CSVDIFF_H
#define CHURNKIT_TESTS_CSVDIFF_H

#include <stddef.h>

#include "churnkit/strbuf.h"

/* libcsv (strict, every newline reported), driven as the loader drove it
 * before csvscan: a quote inside an unquoted field read non-strict as
 * text, a bad quote's line skipped.  Appends to *log. */
void csvdiff_libcsv(const char *s, size_t n, char delim, strbuf *log);

/* csvscan fed `chunk` bytes at a time; *log is set to a new log (the
 * caller resets it).  *notes_ok is cleared when a record's NUL, UTF-8 or
 * line-break note disagrees with its fields. */
void csvdiff_scan(const char *s, size_t n, char delim, size_t chunk, strbuf *log,
                  int *notes_ok);

#endif

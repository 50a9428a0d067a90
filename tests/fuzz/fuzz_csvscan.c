/* fuzz_csvscan.c - libFuzzer harness: the loader's tokenizer (csvscan.h)
 * against libcsv (tests/csvdiff.h).
 *
 * The input's first byte picks the delimiter (, ; tab | space or a quote)
 * and the chunk size the tokenizer is fed in (1 to 64 bytes, or the whole
 * input); the rest is the CSV text.  The two readings must give the same
 * fields, record ends and bad-quote stops, and each record's NUL, UTF-8
 * and line-break notes must match its fields: anything else aborts.  Built
 * with --enable-fuzz (tests/fuzz/local.mk). */
#include "churnkit/strbuf.h"
#include "csvdiff.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = {',', ';', '\t', '|', ' ', '"'};
	if (size < 1)
		return 0;
	char delim = delims[(data[0] & 7) % sizeof delims];
	size_t chunk = data[0] >> 3 ? (size_t)(data[0] >> 3) * 2 : size;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	strbuf ref = STRBUF_INIT, log;
	int notes_ok = 1;

	csvdiff_libcsv(s, n, delim, &ref);
	csvdiff_scan(s, n, delim, chunk ? chunk : 1, &log, &notes_ok);
	int same = log.len == ref.len && (ref.len == 0 || memcmp(log.s, ref.s, ref.len) == 0);
	strbuf_reset(&ref);
	strbuf_reset(&log);
	if (!same || !notes_ok) {
		fprintf(stderr, "fuzz_csvscan: %s\n", !same ? "csvscan and libcsv read "
		        "the input differently" : "a record's notes disagree with its fields");
		abort();
	}
	return 0;
}

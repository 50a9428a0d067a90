/* fuzz_config.c - libFuzzer harness for the report definition reader
 * (include/churnkit/inifile.h): any bytes, parsed as an INI file, with a
 * callback that looks at every value it is given.  The reader must never
 * crash, read out of bounds or leak, and a failure must come with a
 * message naming a line of the input.
 *
 * Built with clang -fsanitize=fuzzer,address,undefined and linked with
 * libchurnkit.a (tests/fuzz/local.mk, under --enable-fuzz). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "churnkit/inifile.h"

typedef struct {
	size_t values;
	size_t bytes;
	long last_line;
} fuzz_seen;

static churn_status on_value(void *user, const char *section, const char *name,
                             const char *value, long line, churn_err *err)
{
	fuzz_seen *s = user;
	(void)err;
	/* Touch every byte the reader hands over, and check its promises: a
	 * value's line grows, and no name is empty. */
	s->bytes += strlen(section) + strlen(name) + strlen(value);
	if (line <= s->last_line || name[0] == '\0')
		__builtin_trap();
	s->last_line = line;
	s->values++;
	return CHURN_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_seen s = {0, 0, 0};
	churn_err err;

	churn_err_clear(&err);
	churn_status st = inifile_parse((const char *)data, size, "fuzz.ini", on_value, &s, &err);
	if (st == CHURN_EUSAGE && (err.line < 1 || err.msg[0] == '\0'))
		__builtin_trap();  /* a syntax error names its line */
	if (st != CHURN_OK && st != CHURN_EUSAGE && st != CHURN_ENOMEM)
		__builtin_trap();
	return 0;
}

/* fuzz_load.c - libFuzzer harness for the customer loader (load.h).
 *
 * Each input is a CSV file, read from memory through a source (source.h),
 * three times: with every column automatic; with the first four columns
 * mapped as id, start and end dates and a value (so that date, order and
 * number rules run on whatever the header says); and as durations (id,
 * duration, event flag) with a decimal comma and a day-first date format.
 * A fourth load takes the options of real exports from the input's first
 * bytes (picks()): an encoding (windows-1252, latin1, utf-16, utf-16le,
 * utf-16be), a thousands separator, a decimal comma, a value scale,
 * --interval and --interval-count columns, COL=VALUE flags, a date format or
 * the detection, so that the decoder, the number readers and the date
 * detection run on whatever the input holds.
 * Bad rows go to a rejects stream (/dev/null), so that their writer runs
 * too.  A crash, a sanitizer report or a leak is a finding; any status the
 * loader returns is fine.  Built with --enable-fuzz (tests/fuzz/local.mk). */
#include "churnkit/load.h"
#include "churnkit/source.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;  /* /dev/null, for the rejects */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	sink = fopen("/dev/null", "w");
	return 0;
}

/* Loads data[0..size) with map m and options o, then applies load_check. */
static void load_once(const uint8_t *data, size_t size, const load_map *m,
                      const load_opts *o)
{
	source *s = NULL;
	load_result *r = NULL;
	churn_err e;

	if (source_open_mem(data, size, "fuzz.csv", &s, &e) != CHURN_OK)
		return;
	if (load_csv_source(s, m, o, &r, &e) == CHURN_OK)
		(void)load_check(r, o, &e);
	load_result_free(r);
	source_free(s);
}

/* The header's names in `encoding` (NULL = UTF-8), read from its own
 * source (NULL when unreadable). */
static char **header(const uint8_t *data, size_t size, const char *encoding, size_t *n)
{
	source *s = NULL;
	char **names = NULL;
	churn_err e;
	load_opts o;

	*n = 0;
	load_opts_init(&o);
	o.encoding = encoding;
	if (source_open_mem(data, size, "fuzz.csv", &s, &e) != CHURN_OK)
		return NULL;
	if (load_read_header_source(s, &o, &names, n, &e) != CHURN_OK)
		names = NULL;
	source_free(s);
	return names;
}

/* A number from the input's first bytes (FNV-1a), so that a mutation of
 * them changes the options of the fourth load. */
static uint32_t picks(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;
	for (size_t k = 0; k < size && k < 8; k++)
		h = (h ^ data[k]) * 16777619u;
	return h;
}

/* 4: a real export's options, chosen by picks(), with the columns by
 * position as the header in the chosen encoding names them. */
static void load_export(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = {NULL, "windows-1252", "latin1", "utf-16",
	                                        "utf-16le", "utf-16be"};
	static const char thousands[] = {0, '.', ',', '\'', ' '};
	static const char *const formats[] = {NULL, "epoch", "epoch-ms", "%d.%m.%Y",
	                                      "%Y-%m-%dT%H:%M:%S%z"};
	uint32_t h = picks(data, size);
	load_opts o;
	load_map m;
	size_t n = 0;
	char **names;

	memset(&m, 0, sizeof m);
	load_opts_init(&o);
	o.rejects = sink;
	o.encoding = encodings[h % 6];
	h /= 6;
	o.thousands = thousands[h % 5];
	h /= 5;
	if (h % 2 && o.thousands != ',')
		o.decimal = ',';
	h /= 2;
	o.value_scale = h % 2 ? 0.01 : 1;
	h /= 2;
	o.date_format = formats[h % 5];
	h /= 5;
	names = header(data, size, o.encoding, &n);
	if (names == NULL || n < 3)
		goto done;
	m.id = names[0];
	if (h % 2) {
		m.duration = names[1];
		m.event = names[2];
		m.event_value = h % 4 < 2 ? NULL : "Yes";
	} else {
		m.start = names[1];
		m.end = names[2];
	}
	h /= 4;
	if (n >= 4)
		m.value = names[3];
	if (n >= 5 && h % 2)
		m.interval = names[4];
	if (n >= 6 && h % 4 == 3)
		m.interval_count = names[5];
	load_once(data, size, &m, &o);
done:
	for (size_t k = 0; k < n; k++)
		free(names[k]);
	free(names);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	load_opts o;
	load_map m;
	size_t n = 0;
	char **names;

	/* 1: every column automatic. */
	load_opts_init(&o);
	o.rejects = sink;
	memset(&m, 0, sizeof m);
	load_once(data, size, &m, &o);

	load_export(data, size);
	names = header(data, size, NULL, &n);
	if (names != NULL && n >= 3) {
		/* 2: dates, by position. */
		memset(&m, 0, sizeof m);
		m.id = names[0];
		m.start = names[1];
		m.end = names[2];
		if (n >= 4)
			m.value = names[3];
		load_opts_init(&o);
		o.rejects = sink;
		o.max_bad = 5;
		o.max_bad_is_fraction = 0;
		load_once(data, size, &m, &o);

		/* 3: durations, decimal comma, a day-first entry date format. */
		memset(&m, 0, sizeof m);
		m.id = names[0];
		m.duration = names[1];
		m.event = names[2];
		if (n >= 4)
			m.categorical = (const char *const *)&names[3];
		m.ncategorical = n >= 4 ? 1 : 0;
		load_opts_init(&o);
		o.rejects = sink;
		o.decimal = ',';
		o.delimiter = ';';
		o.date_format = "%d/%m/%Y";
		load_once(data, size, &m, &o);
	}
	for (size_t k = 0; k < n; k++)
		free(names[k]);
	free(names);
	return 0;
}

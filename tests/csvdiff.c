/* csvdiff.c - see csvdiff.h. */
#include "csvdiff.h"
#include "churnkit/utf8.h"
#include "load/csvscan.h"
#include "load/loader.h"

#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define LIBCSV_OPTIONS (CSV_STRICT | CSV_REPALL_NL | CSV_APPEND_NULL)

/* One side's reading, as text: F<len>:<bytes> per field, R<c> per record
 * end, Q<field> where a closed quote is followed by text, U<field> for a
 * quote never closed. */
static void log_field(strbuf *log, char tag, const char *s, size_t len)
{
	strbuf_printf(log, "%c%zu:", tag, len);
	strbuf_append(log, s, len);
}

/* --- libcsv, driven as the loader drove it before csvscan ------------- */

static void ref_field(void *s, size_t len, void *data)
{
	log_field(data, 'F', s, len);
}

static void ref_row(int c, void *data)
{
	strbuf_printf(data, "R%d", c);
}

static int space_only(unsigned char c) { return c == ' '; }

/* Skips the rest of a bad line (through its CR or LF) from *pos. */
static void skip_line(const char *s, size_t n, size_t *pos, strbuf *log)
{
	while (*pos < n && s[*pos] != '\n' && s[*pos] != '\r')
		(*pos)++;
	strbuf_printf(log, "S%zu", *pos);
	if (*pos < n)
		(*pos)++;
}

void csvdiff_libcsv(const char *s, size_t n, char delim, strbuf *log)
{
	struct csv_parser p;
	size_t pos = 0;
	csv_init(&p, LIBCSV_OPTIONS);
	csv_set_delim(&p, (unsigned char)delim);
	if (delim == '\t')
		csv_set_space_func(&p, space_only);
	while (pos < n) {
		pos += csv_parse(&p, s + pos, n - pos, ref_field, ref_row, log);
		if (pos == n)
			break;
		if (p.pstate == 2 && !p.quoted) {  /* a quote in an unquoted field */
			csv_set_opts(&p, LIBCSV_OPTIONS & ~CSV_STRICT);
			pos += csv_parse(&p, s + pos, 1, ref_field, ref_row, log);
			csv_set_opts(&p, LIBCSV_OPTIONS);
			p.status = CSV_SUCCESS;
			continue;
		}
		log_field(log, 'Q', (char *)p.entry_buf, p.entry_pos);
		csv_fini(&p, NULL, NULL, NULL);
		skip_line(s, n, &pos, log);
	}
	if (p.quoted && p.pstate == 2)
		log_field(log, 'U', (char *)p.entry_buf, p.entry_pos);
	else
		csv_fini(&p, ref_field, ref_row, log);
	csv_free(&p);
}

/* --- csvscan ------------------------------------------------------------ */

typedef struct {
	scanrec rec;
	strbuf log;
	int extras_ok;   /* NUL, line break and UTF-8 notes agreed so far */
} scan_side;

static void log_fields(scan_side *t)
{
	for (size_t k = 0; k < t->rec.nf; k++)
		log_field(&t->log, 'F', t->rec.buf.s + t->rec.off[k], t->rec.len[k]);
}

/* What the record's notes should be, from its fields. */
static void check_notes(scan_side *t)
{
	long nul = 0, bad = 0, breaks = 0;
	for (size_t k = 0; k < t->rec.nf; k++) {
		const char *f = t->rec.buf.s + t->rec.off[k];
		size_t len = t->rec.len[k];
		if (nul == 0 && memchr(f, '\0', len) != NULL)
			nul = (long)k + 1;
		if (bad == 0 && !utf8_valid(f, len))
			bad = (long)k + 1;
		breaks += loader_line_breaks(f, len);
		if (f[len] != '\0')
			t->extras_ok = 0;
	}
	if (nul != t->rec.nul_field || bad != t->rec.bad_utf8_field ||
	    breaks != t->rec.newlines)
		t->extras_ok = 0;
}

static int scan_row(void *data, int c)
{
	scan_side *t = data;
	if (t->rec.nf > 0)
		check_notes(t);
	log_fields(t);
	strbuf_printf(&t->log, "R%d", c);
	scanrec_clear(&t->rec);
	return 0;
}

static void read_scan(const char *s, size_t n, char delim, size_t chunk, scan_side *t)
{
	scanner sc;
	size_t pos = 0;
	scanner_init(&sc, (unsigned char)delim);
	while (pos < n) {
		size_t m = n - pos < chunk ? n - pos : chunk;
		pos += scanner_feed(&sc, &t->rec, s + pos, m, scan_row, t);
		if (sc.stop != SCAN_BAD_QUOTE)
			continue;
		scanner_take_partial(&sc, &t->rec);
		t->rec.nf--;  /* logged apart */
		log_fields(t);
		log_field(&t->log, 'Q', t->rec.buf.s + t->rec.off[t->rec.nf],
		          t->rec.len[t->rec.nf]);
		scanrec_clear(&t->rec);
		skip_line(s, n, &pos, &t->log);
	}
	if (scanner_open_quote(&sc)) {
		scanner_take_partial(&sc, &t->rec);
		t->rec.nf--;
		log_fields(t);
		log_field(&t->log, 'U', t->rec.buf.s + t->rec.off[t->rec.nf],
		          t->rec.len[t->rec.nf]);
	} else {
		scanner_finish(&sc, &t->rec, scan_row, t);
	}
}

void csvdiff_scan(const char *s, size_t n, char delim, size_t chunk, strbuf *log,
                  int *notes_ok)
{
	scan_side t = {.log = STRBUF_INIT, .extras_ok = 1};
	read_scan(s, n, delim, chunk, &t);
	*notes_ok &= t.extras_ok;
	scanrec_free(&t.rec);
	*log = t.log;
}

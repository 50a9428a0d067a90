/*
 * reject.c - bad rows: counted by reason, the first ones kept in the result
 * with line, column and message, and each written to the rejects file
 * (cells made spreadsheet-safe by sheet.h); and the text helpers their
 * messages and the line counts need (quoting a field, line breaks).
 */
#include "churnkit/sheet.h"
#include "churnkit/utf8.h"
#include "loader.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int loader_quote_len(const char *s, size_t len)
{
	return (int)utf8_cut(s, len, LOADER_QUOTE_MAX);
}

/* Writes one cell of the rejects file by sheet.h's rules (formula text
 * escaped, quoted when needed).  A NUL byte, which would end the text, is
 * written as U+FFFD so that the file stays text that churnkit can read. */
static void reject_cell(FILE *out, const char *s, size_t len)
{
	if (memchr(s, '\0', len) == NULL) {
		sheet_text(out, s);
		return;
	}
	char *copy = malloc(len * 3 + 1);
	if (copy == NULL) {
		sheet_text(out, s);  /* out of memory: the text up to the NUL */
		return;
	}
	size_t n = 0;
	for (size_t k = 0; k < len; k++) {
		if (s[k] == '\0') {
			memcpy(copy + n, "\xEF\xBF\xBD", 3);
			n += 3;
		} else
			copy[n++] = s[k];
	}
	copy[n] = '\0';
	sheet_text(out, copy);
	free(copy);
}

static void reject_v(loader *ld, long line, long col, load_reason reason,
                     const char *fmt, va_list ap)
{
	load_result *r = ld->res;
	char msg[sizeof r->rejects[0].msg];

	loader_hint_count(ld, col, reason);
	vsnprintf(msg, sizeof msg, fmt, ap);
	/* A message cut short ends on a whole UTF-8 character. */
	msg[utf8_whole(msg, strlen(msg))] = '\0';
	/* Field text quoted in a message stays on one line. */
	for (char *p = msg; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : '?';
	r->rows_rejected++;
	r->lines_rejected += 1 + ld->rec.newlines;
	r->by_reason[reason]++;
	if (r->nrejects_kept < LOAD_KEEP_REJECTS) {
		load_reject *j = &r->rejects[r->nrejects_kept++];
		j->line = line;
		j->col = col;
		j->reason = reason;
		memcpy(j->msg, msg, sizeof msg);
	}
	FILE *out = ld->opts->rejects;
	if (out != NULL) {
		fprintf(out, "%ld,%ld,", line, col);
		sheet_text(out, load_reason_name(reason));
		fputc(',', out);
		sheet_text(out, msg);
		for (size_t k = 0; k < ld->rec.nf; k++) {
			fputc(',', out);
			reject_cell(out, loader_field(ld, k), ld->rec.len[k]);
		}
		fputc('\n', out);
	}
}

void loader_reject(loader *ld, long col, load_reason reason, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	reject_v(ld, ld->line_no, col, reason, fmt, ap);
	va_end(ap);
}

void loader_reject_at(loader *ld, long line, long col, load_reason reason,
                      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	reject_v(ld, line, col, reason, fmt, ap);
	va_end(ap);
}

void loader_bad_record(loader *ld, long line, long col, const char *fmt, ...)
{
	va_list ap;
	ld->res->rows_read++;
	ld->res->lines_read += 1 + ld->rec.newlines;
	va_start(ap, fmt);
	reject_v(ld, line, col, LOAD_BAD_QUOTE, fmt, ap);
	va_end(ap);
}

void loader_write_rejects_header(loader *ld)
{
	FILE *out = ld->opts->rejects;
	if (out == NULL)
		return;
	fputs("line,column,reason,message", out);
	for (size_t j = 0; j < ld->nfields; j++) {
		fputc(',', out);
		sheet_text(out, ld->cols[j].name);
	}
	fputc('\n', out);
}

const char *loader_next_break(const char *s, const char *end, const char **next)
{
	for (const char *p = s; p < end; p++) {
		if (*p == '\n') {
			*next = p + 1;
			return p;
		}
		if (*p == '\r') {
			*next = p + 1 < end && p[1] == '\n' ? p + 2 : p + 1;
			return p;
		}
	}
	*next = end;
	return NULL;
}

long loader_line_breaks(const char *s, size_t len)
{
	const char *end = s + len, *next;
	long n = 0;
	while (loader_next_break(s, end, &next) != NULL) {
		n++;
		s = next;
	}
	return n;
}

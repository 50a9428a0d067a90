/*
 * hint.c - what would read a column's bad values: each bad value of a
 * mapped column is classified by the reason it failed (a number another
 * decimal mark or thousands separator reads, a field that is Windows-1252
 * rather than UTF-8; dates have their own hint, datecol.c), the options counted per
 * column, and when one option would read more than half of a column's
 * values the result says so (load_result.hint), for load_check's error.
 */
#include "churnkit/fieldread.h"
#include "churnkit/utf8.h"
#include "loader.h"

#include <stdio.h>
#include <string.h>

int loader_cp1252_text(const char *s, size_t len)
{
	/* Every byte is a Windows-1252 character but these five. */
	for (size_t k = 0; k < len; k++) {
		unsigned char c = (unsigned char)s[k];
		if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D || c == 0)
			return 0;
	}
	return 1;
}

/* The option that would read field j, bad for `reason`, or NULL. */
static const char *classify(const loader *ld, size_t j, load_reason reason)
{
	const char *s = loader_field(ld, j);
	size_t len = ld->rec.len[j];
	double v;

	switch (reason) {
	case LOAD_BAD_NUMBER:
		/* Only a text that is no number (not a weight that is not whole). */
		if (fieldread_number(s, len, ld->decimal, ld->thousands, &v))
			return NULL;
		return fieldread_number_hint(s, len, ld->decimal, ld->thousands);
	case LOAD_BAD_ENCODING:
		if (ld->opts->encoding != NULL || ld->rec.nul_field != 0 ||
		    !loader_cp1252_text(s, len))
			return NULL;
		return "--encoding windows-1252";
	default:
		return NULL;
	}
}

void loader_hint_count(loader *ld, long col, load_reason reason)
{
	if (!ld->have_header || col < 1 || (size_t)col > ld->nfields ||
	    (size_t)col > ld->rec.nf)
		return;
	const char *opt = classify(ld, (size_t)col - 1, reason);
	if (opt == NULL)
		return;
	loader_hint *h = ld->cols[col - 1].hints;
	for (size_t k = 0; k < LOADER_HINT_SLOTS; k++) {
		if (h[k].opt == NULL)
			h[k].opt = opt;
		if (h[k].opt == opt || strcmp(h[k].opt, opt) == 0) {
			h[k].count++;
			return;
		}
	}
}

void loader_hint_result(loader *ld)
{
	load_result *r = ld->res;
	for (size_t j = 0; j < ld->nfields; j++)
		for (size_t k = 0; k < LOADER_HINT_SLOTS; k++) {
			const loader_hint *h = &ld->cols[j].hints[k];
			if (h->opt == NULL || 2 * h->count <= r->rows_read)
				continue;
			snprintf(r->hint, sizeof r->hint,
			         "most values of column '%.*s' would read with %s",
			         (int)utf8_cut(ld->cols[j].name, strlen(ld->cols[j].name),
			                       LOADER_QUOTE_MAX),
			         ld->cols[j].name, h->opt);
			return;
		}
}

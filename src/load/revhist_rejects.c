/* revhist_rejects.c - the revenue file's bad rows: reason names, the
 * message for each row the history refuses, and their merge with the
 * loader's own bad rows, by line, into the kept rejects and the rejects
 * file. */
#include "revhist_rows.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/date.h"
#include "churnkit/sheet.h"
#include "churnkit/strbuf.h"
#include "churnkit/utf8.h"

const char *revhist_reason_name(revhist_reason r)
{
	static const char *const names[REVHIST_NREASONS] = {
		[REVHIST_BAD_FIELDS] = "wrong field count",
		[REVHIST_BAD_ENCODING] = "NUL byte",
		[REVHIST_BAD_QUOTE] = "bad quote",
		[REVHIST_BAD_MISSING] = "missing required value",
		[REVHIST_BAD_NUMBER] = "not a number",
		[REVHIST_BAD_NEGATIVE] = "negative value",
		[REVHIST_BAD_MONTH] = "not a month",
		[REVHIST_BAD_UNKNOWN] = "unknown customer",
		[REVHIST_BAD_DUPLICATE] = "duplicate customer-month",
		[REVHIST_BAD_EARLY] = "month before signup",
		[REVHIST_BAD_FUTURE] = "month after as-of",
		[REVHIST_BAD_AFTER_CHURN] = "month after churn",
	};
	return (unsigned)r < REVHIST_NREASONS ? names[r] : "unknown";
}

/* The loader's reasons as ours (those a revenue file can produce). */
revhist_reason revhist_from_load(load_reason r)
{
	switch (r) {
	case LOAD_BAD_FIELDS: return REVHIST_BAD_FIELDS;
	case LOAD_BAD_ENCODING: return REVHIST_BAD_ENCODING;
	case LOAD_BAD_QUOTE: return REVHIST_BAD_QUOTE;
	case LOAD_BAD_NUMBER: return REVHIST_BAD_NUMBER;
	case LOAD_BAD_MAGNITUDE: return REVHIST_BAD_NUMBER;
	case LOAD_BAD_NEGATIVE: return REVHIST_BAD_NEGATIVE;
	case LOAD_BAD_DUPLICATE: return REVHIST_BAD_DUPLICATE;
	default: return REVHIST_BAD_MISSING;
	}
}

/* Fills a reject record for bad row i. */
static void describe(const revhist_rows *k, size_t i, revhist_reject *j)
{
	revhist_reason why = (revhist_reason)(k->bad[i] - 1);
	const char *id = k->id->codes[i] != TABLE_CODE_NA ? k->id->levels[k->id->codes[i]] : "";
	const char *mon = k->mon->codes[i] != TABLE_CODE_NA ? k->mon->levels[k->mon->codes[i]] : "";
	char a[11], b[8];
	/* Quoted text is cut at a whole UTF-8 character (60 bytes at most). */
	int qi = (int)utf8_cut(id, strlen(id), 60), qm = (int)utf8_cut(mon, strlen(mon), 40);

	const char *cell = "", *colname = k->mon->name;
	int qc;

	j->line = k->t->line != NULL ? k->t->line[i] : 0;
	j->reason = why;
	j->col = k->mon_field;
	if (k->field != NULL) {
		/* A wide cell: its own column; the month is the column's name. */
		const table_col *sc = &k->src->cols[k->field[i] - 1];
		size_t r = k->src_row[i];
		j->col = k->field[i];
		colname = sc->name;
		if (sc->kind == TABLE_CAT && sc->codes[r] != TABLE_CODE_NA)
			cell = sc->levels[sc->codes[r]];
	}
	qc = (int)utf8_cut(cell, strlen(cell), 60);
	switch (why) {
	case REVHIST_BAD_MISSING:
		if (*id == '\0') {
			j->col = k->id_field;
			snprintf(j->msg, sizeof j->msg, "missing customer id in column '%s'", k->id->name);
		} else if (*mon == '\0') {
			snprintf(j->msg, sizeof j->msg, "missing month in column '%s'", k->mon->name);
		} else {
			j->col = k->field != NULL ? j->col : k->mrr_field;
			snprintf(j->msg, sizeof j->msg, "missing MRR in column '%s'", k->mrr->name);
		}
		break;
	case REVHIST_BAD_NUMBER:
		snprintf(j->msg, sizeof j->msg, "'%.*s' in column '%s' is not a number", qc, cell,
		         colname);
		break;
	case REVHIST_BAD_NEGATIVE:
		snprintf(j->msg, sizeof j->msg, "negative MRR '%.*s' in column '%s'", qc, cell,
		         colname);
		break;
	case REVHIST_BAD_MONTH:
		snprintf(j->msg, sizeof j->msg,
		         "'%.*s' in column '%s' is not a month (expected yyyy-mm, or a date)", qm, mon,
		         k->mon->name);
		break;
	case REVHIST_BAD_UNKNOWN:
		j->col = k->id_field;
		snprintf(j->msg, sizeof j->msg,
		         "customer id '%.*s' is not among the customers (unknown, or its "
		         "customers row was rejected)", qi, id);
		break;
	case REVHIST_BAD_EARLY: {
		size_t r = k->cust_of[k->id->codes[i]];
		snprintf(j->msg, sizeof j->msg,
		         "month %.*s is before customer '%.*s' signed up (%s)", qm, mon, qi, id,
		         date_format(k->c->start[r], a));
		break;
	}
	case REVHIST_BAD_FUTURE:
		snprintf(j->msg, sizeof j->msg, "month %.*s is after as-of %s (month %s)", qm, mon,
		         date_format(k->c->as_of, a),
		         date_format_month(date_month_index(k->c->as_of), b));
		break;
	case REVHIST_BAD_AFTER_CHURN: {
		size_t r = k->cust_of[k->id->codes[i]];
		snprintf(j->msg, sizeof j->msg,
		         "month %.*s is after customer '%.*s' churned (%s): the revenue and "
		         "customers files disagree", qm, mon, qi, id, date_format(k->c->end[r], a));
		break;
	}
	case REVHIST_BAD_DUPLICATE:
		snprintf(j->msg, sizeof j->msg,
		         "second row for customer '%.*s' and month %.*s (first on line %ld)", qi,
		         id, qm, mon, k->first_line[i]);
		break;
	default:
		snprintf(j->msg, sizeof j->msg, "bad row");
		break;
	}
	/* A message cut short ends on a whole character; field text quoted in
	 * it stays on one line (as loadrow.c). */
	j->msg[utf8_whole(j->msg, strlen(j->msg))] = '\0';
	for (char *p = j->msg; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : '?';
}

/* Writes a row the history refuses to the rejects file, in the loader's
 * layout (line, column, reason, message, then the row's fields as loaded). */
static void write_reject(FILE *f, const revhist_rows *k, size_t i, const revhist_reject *j)
{
	const table *t = k->src != NULL ? k->src : k->t;
	if (k->src_row != NULL)
		i = k->src_row[i];
	fprintf(f, "%ld,%ld,", j->line, j->col);
	sheet_text(f, revhist_reason_name(j->reason));
	fputc(',', f);
	sheet_text(f, j->msg);
	for (size_t c = 0; c < t->ncols; c++) {
		const table_col *col = &t->cols[c];
		char buf[11];
		fputc(',', f);
		if (table_is_missing(col, i))
			continue;
		if (col->kind == TABLE_CAT)
			sheet_text(f, col->levels[col->codes[i]]);
		else if (col->kind == TABLE_NUM)
			sheet_num(f, col->num[i]);
		else
			sheet_text(f, date_format(col->date[i], buf));
	}
	fputc('\n', f);
}

/* Writes the rejects file: the loader's part (its header, then the rows it
 * refused, in line order) was written to `tmp`; the rows refused here are
 * merged in by line so that `out` lists every bad row in line order.  A
 * record ends at a newline outside quotes (fields may hold newlines). */
churn_status revhist_write_rejects(FILE *tmp, FILE *out, const revhist_rows *k,
                                   churn_err *err)
{
	size_t nrows = k->t->nrows, i = 0, len, n;
	char chunk[4096], *buf, *rec, *end;
	strbuf text = STRBUF_INIT;
	int first = 1;

	rewind(tmp);
	while ((n = fread(chunk, 1, sizeof chunk, tmp)) > 0)
		strbuf_append(&text, chunk, n);
	if (ferror(tmp)) {
		strbuf_reset(&text);
		return churn_err_set(err, CHURN_EIO, "rejects: cannot read the temporary file");
	}
	len = text.len;
	if ((buf = strbuf_take(&text)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (rec = buf; rec < buf + len; rec = end) {
		int inq = 0;
		long line;
		for (end = rec; end < buf + len; end++) {
			if (*end == '"')
				inq = !inq;
			else if (*end == '\n' && !inq) {
				end++;
				break;
			}
		}
		if (!first) {
			line = strtol(rec, NULL, 10);
			for (; i < nrows; i++) {
				revhist_reject j;
				if (!REVHIST_REPORTED(k->bad[i]))
					continue;
				if (k->t->line != NULL && k->t->line[i] > line)
					break;
				describe(k, i, &j);
				write_reject(out, k, i, &j);
			}
		}
		first = 0;
		fwrite(rec, 1, (size_t)(end - rec), out);
	}
	for (; i < nrows; i++) {
		revhist_reject j;
		if (!REVHIST_REPORTED(k->bad[i]))
			continue;
		describe(k, i, &j);
		write_reject(out, k, i, &j);
	}
	free(buf);
	return CHURN_OK;
}

/* Merges the loader's kept rejects (line order) with ours (row order = line
 * order) into r->rejects.  When the loader kept fewer than it found, only
 * lines up to its last kept one are known to be complete. */
void revhist_merge_rejects(revhist *r, const load_result *lr, const revhist_rows *k)
{
	size_t a = 0, i = 0, nrows = k->t->nrows;
	long limit = LONG_MAX;
	if (lr->rows_rejected > (long)lr->nrejects_kept && lr->nrejects_kept > 0)
		limit = lr->rejects[lr->nrejects_kept - 1].line;
	while (r->nrejects_kept < REVHIST_KEEP_REJECTS) {
		while (i < nrows && !REVHIST_REPORTED(k->bad[i]))
			i++;
		long la = a < lr->nrejects_kept ? lr->rejects[a].line : LONG_MAX;
		long li = i < nrows && k->t->line != NULL ? k->t->line[i] : LONG_MAX;
		revhist_reject *j = &r->rejects[r->nrejects_kept];
		if (la == LONG_MAX && li == LONG_MAX)
			break;
		if (la <= li) {
			const load_reject *x = &lr->rejects[a++];
			j->line = x->line;
			j->col = x->col;
			j->reason = revhist_from_load(x->reason);
			memcpy(j->msg, x->msg, sizeof j->msg < sizeof x->msg ? sizeof j->msg
			                                                    : sizeof x->msg);
			j->msg[sizeof j->msg - 1] = '\0';
		} else {
			if (li > limit)
				break;
			describe(k, i++, j);
		}
		r->nrejects_kept++;
	}
}

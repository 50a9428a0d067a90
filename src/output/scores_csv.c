/* scores_csv.c - the scores file; see include/churnkit/scores_csv.h. */
#include "churnkit/scores_csv.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/numfast.h"
#include "churnkit/sheet.h"
#include "churnkit/strbuf.h"

/* The lines are built in memory and written in blocks of about this many
 * bytes: one fwrite per block instead of a locked fputc per character. */
#define SCORES_BLOCK 65536

/* The cells that repeat from row to row (a band, a segment, an action, a
 * driver's label, a reason) are escaped once: their bytes, separator
 * included, are kept in `text` under a key, in an open-addressed table of
 * MEMO_SLOTS slots.  When the table is full a cell is escaped anew. */
#define MEMO_SLOTS 1024

typedef enum { MEMO_TEXT = 1, MEMO_DRIVER, MEMO_BEYOND } memo_kind;

typedef struct {
	memo_kind kind;   /* 0: a free slot */
	const void *ptr;  /* the text, or the driver's term */
	int64_t num;      /* the separator, a level code, or a limit's bits */
	size_t off, len;  /* the cell's bytes in text */
} memo_slot;

typedef struct {
	memo_slot slot[MEMO_SLOTS];
	strbuf text;
} cell_memo;

/* One cell of text (RFC 4180 quoting, formula-escaped; see sheet.h)
 * followed by `sep`. */
static void text_cell(strbuf *b, const char *s, char sep)
{
	sheet_text_append(b, s);
	strbuf_append(b, &sep, 1);
}

/* The slot of key (kind, ptr, num): its own, or a free one to fill; NULL
 * when the table is full. */
static memo_slot *memo_find(cell_memo *m, memo_kind kind, const void *ptr, int64_t num)
{
	uint64_t h = ((uint64_t)(uintptr_t)ptr >> 3) * 0x9e3779b97f4a7c15u ^
	             (uint64_t)num * 0xc2b2ae3d27d4eb4fu ^ (uint64_t)kind;
	for (size_t k = 0; k < MEMO_SLOTS; k++) {
		memo_slot *s = &m->slot[(h + k) % MEMO_SLOTS];
		if (s->kind == 0 || (s->kind == kind && s->ptr == ptr && s->num == num))
			return s;
	}
	return NULL;
}

/* Appends to b the memo's bytes of key (kind, ptr, num) when it has them
 * and returns 1; else returns 0, and the caller writes the cell with
 * memo_cell. */
static int memo_put(cell_memo *m, strbuf *b, memo_kind kind, const void *ptr, int64_t num)
{
	memo_slot *s = memo_find(m, kind, ptr, num);
	if (s == NULL || s->kind == 0)
		return 0;
	strbuf_append(b, m->text.s + s->off, s->len);
	return 1;
}

/* text_cell(b, text, sep), kept in the memo under (kind, ptr, num). */
static void memo_cell(cell_memo *m, strbuf *b, memo_kind kind, const void *ptr, int64_t num,
                      const char *text, char sep)
{
	size_t at = b->len;
	text_cell(b, text, sep);
	memo_slot *s = memo_find(m, kind, ptr, num);
	if (s == NULL || b->oom)
		return;
	*s = (memo_slot){kind, ptr, num, m->text.len, b->len - at};
	strbuf_append(&m->text, b->s + at, b->len - at);
	if (m->text.oom)
		s->kind = 0; /* not kept: written anew next time */
}

/* A text cell that repeats by its pointer (a static or shared text). */
static void shared_cell(cell_memo *m, strbuf *b, const char *s, char sep)
{
	if (!memo_put(m, b, MEMO_TEXT, s, sep))
		memo_cell(m, b, MEMO_TEXT, s, sep, s, sep);
}

/* The main driver cell of row i, as text_cell of model_score_driver_label,
 * its key the driver's term and what of the row the label reads: the
 * level code of a categorical column, whether a numeric one is missing.
 * cols: each term's table column. */
static void driver_cell(cell_memo *m, strbuf *b, const design *d, const table *t,
                        const table_col *const *cols, size_t i, const model_score_row *s)
{
	char buf[512];
	const void *ptr = d;
	int64_t num = 0;
	if (s->driver >= 0 && (size_t)s->driver < d->nterms) {
		const design_term *tm = &d->terms[s->driver];
		const table_col *c = cols[s->driver];
		ptr = tm;
		if (c == NULL)
			num = -3;
		else if (tm->categorical && c->kind != TABLE_CAT)
			ptr = NULL; /* a numeric level's text: not kept */
		else if (tm->categorical)
			num = c->codes[i];
		else
			num = c->kind == TABLE_NUM && isnan(c->num[i]) ? -2 : -1;
	}
	if (ptr == NULL)
		text_cell(b, model_score_driver_label(d, t, i, s, buf, sizeof buf), ',');
	else if (!memo_put(m, b, MEMO_DRIVER, ptr, num))
		memo_cell(m, b, MEMO_DRIVER, ptr, num,
		          model_score_driver_label(d, t, i, s, buf, sizeof buf), ',');
}

/* The main driver column's cell of a row beyond the data, keyed by its
 * limit (the reason's only variable). */
static void beyond_cell(cell_memo *m, strbuf *b, const model_score_row *s)
{
	char buf[512];
	int64_t bits;
	memcpy(&bits, &s->limit, sizeof bits);
	if (!memo_put(m, b, MEMO_BEYOND, NULL, bits))
		memo_cell(m, b, MEMO_BEYOND, NULL, bits, scores_beyond_reason(s, buf, sizeof buf),
		          ',');
}

/* Writes the block's bytes to f and empties it; 0 on a write error. */
static int flush_block(strbuf *b, FILE *f)
{
	if (b->len > 0 && fwrite(b->s, 1, b->len, f) != b->len)
		return 0;
	strbuf_truncate(b, 0);
	return 1;
}

/* The rows come in risk order, so each reads the table's columns at a
 * random row: a cache miss per column read at a million rows.  Row
 * k + AHEAD's cells are asked for early, the id's text in three steps
 * (its code, the level's pointer, the text) since each needs the one
 * before.  (In the loop itself: GCC takes a function of prefetches alone
 * for one without effect and drops its calls.) */
#define AHEAD 16

/* The rows of s as lines into b, flushed to f by blocks; 0 on a write
 * error. */
static int write_rows(FILE *f, strbuf *b, cell_memo *m, const scores *s, const design *d,
                      const table *t, const table_col *const *cols, const table_col *id,
                      const table_col *val, const char *const *segments,
                      const char *const *actions, stagetime *progress)
{
	char buf[512];
	int ok = 1;
	for (size_t k = 0; k < s->n && ok && !b->oom; k++) {
		const score_entry *e = &s->rows[k];
		size_t i = e->row;
		if (k + AHEAD < s->n) {
			const score_entry *a = &s->rows[k + AHEAD];
			const table_col *c = a->s.driver >= 0 && (size_t)a->s.driver < d->nterms
			                         ? cols[a->s.driver] : NULL;
			if (id->kind == TABLE_CAT)
				__builtin_prefetch(&id->codes[a->row]);
			if (val != NULL)
				__builtin_prefetch(&val->num[a->row]);
			if (c != NULL && c->kind == TABLE_CAT && c->codes != NULL)
				__builtin_prefetch(&c->codes[a->row]);
			else if (c != NULL && c->kind == TABLE_NUM && c->num != NULL)
				__builtin_prefetch(&c->num[a->row]);
		}
		for (size_t ahead = AHEAD / 2; id->kind == TABLE_CAT && ahead >= AHEAD / 4; ahead /= 2)
			if (k + ahead < s->n) {
				uint32_t code = id->codes[s->rows[k + ahead].row];
				if (code != TABLE_CODE_NA) /* the pointer, then (nearer) the text */
					__builtin_prefetch(ahead == AHEAD / 2 ? (const void *)&id->levels[code]
					                                      : (const void *)id->levels[code]);
			}
		if (id->kind == TABLE_CAT) {
			text_cell(b, id->codes[i] == TABLE_CODE_NA ? "" : id->levels[id->codes[i]], ',');
		} else {
			text_cell(b, table_num_text(id->num[i], buf, sizeof buf), ',');
		}
		if (s->weight != NULL) {  /* --weight: the customers the row stands for */
			int len = snprintf(buf, sizeof buf, "%zu,", s->weight[k]);
			strbuf_append(b, buf, (size_t)len);
		}
		if (val != NULL && !isnan(val->num[i]))
			strbuf_append(b, buf, (size_t)numfast_g15(val->num[i], buf, sizeof buf));
		strbuf_append(b, ",", 1);
		if (e->band != SCORE_BAND_NONE)
			strbuf_append(b, buf, (size_t)numfast_f6(e->s.prob, buf, sizeof buf));
		strbuf_append(b, ",", 1);
		shared_cell(m, b, e->s.beyond ? "beyond the data" : score_band_name(e->band), ',');
		shared_cell(m, b, segments && segments[k] ? segments[k] : "", ',');
		if (e->s.beyond)
			beyond_cell(m, b, &e->s);
		else if (e->band == SCORE_BAND_NONE)
			shared_cell(m, b, scores_unscored_reason(e->s.status), ',');
		else
			driver_cell(m, b, d, t, cols, i, &e->s);
		shared_cell(m, b, actions && actions[k] ? actions[k] : "", '\n');
		stagetime_tick(progress, (double)k + 1);
		if (b->len >= SCORES_BLOCK)
			ok = flush_block(b, f);
	}
	return ok;
}

churn_status scores_write_csv(FILE *f, const scores *s, const design *d, const table *t,
                              const char *id_col, const char *value_col,
                              const char *const *segments, const char *const *actions,
                              stagetime *progress, churn_err *err)
{
	const table_col *id = id_col ? table_find(t, id_col) : NULL;
	const table_col *val = value_col ? table_find(t, value_col) : NULL;
	strbuf b = STRBUF_INIT;

	if (id == NULL || id->kind == TABLE_DATE)
		return churn_err_set(err, CHURN_EUSAGE, "scores: no id column '%s'",
		                     id_col ? id_col : "(none)");
	if (value_col != NULL && (val == NULL || val->kind != TABLE_NUM))
		return churn_err_set(err, CHURN_EUSAGE, "scores: no numeric value column '%s'",
		                     value_col);
	cell_memo *m = calloc(1, sizeof *m);
	const table_col **cols = malloc((d->nterms ? d->nterms : 1) * sizeof *cols);
	int ok = m != NULL && cols != NULL;
	for (size_t k = 0; ok && k < d->nterms; k++)
		cols[k] = table_find(t, d->terms[k].column);
	if (ok) {
		strbuf_printf(&b, "id,%svalue,churn_probability,risk_band,segment,main_driver,"
		              "recommended_action\n", s->weight != NULL ? "weight," : "");
		ok = write_rows(f, &b, m, s, d, t, cols, id, val, segments, actions, progress);
	}
	if (ok && !b.oom)
		ok = flush_block(&b, f);
	int oom = b.oom || m == NULL || cols == NULL;
	strbuf_reset(&b);
	if (m != NULL)
		strbuf_reset(&m->text);
	free(m);
	free(cols);
	if (oom)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory writing the scores");
	if (!ok || ferror(f))
		return churn_err_set(err, CHURN_EIO, "scores: write error");
	return CHURN_OK;
}

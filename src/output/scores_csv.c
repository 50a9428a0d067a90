/* scores_csv.c - the scores file; see include/churnkit/scores_csv.h. */
#include "churnkit/scores_csv.h"

#include <math.h>
#include <stdio.h>

#include "churnkit/sheet.h"
#include "churnkit/strbuf.h"

/* The lines are built in memory and written in blocks of about this many
 * bytes: one fwrite per block instead of a locked fputc per character. */
#define SCORES_BLOCK 65536

/* One cell of text (RFC 4180 quoting, formula-escaped; see sheet.h)
 * followed by `sep`. */
static void text_cell(strbuf *b, const char *s, char sep)
{
	sheet_text_append(b, s);
	strbuf_append(b, &sep, 1);
}

/* Writes the block's bytes to f and empties it; 0 on a write error. */
static int flush_block(strbuf *b, FILE *f)
{
	if (b->len > 0 && fwrite(b->s, 1, b->len, f) != b->len)
		return 0;
	strbuf_truncate(b, 0);
	return 1;
}

churn_status scores_write_csv(FILE *f, const scores *s, const design *d, const table *t,
                              const char *id_col, const char *value_col,
                              const char *const *segments, const char *const *actions,
                              churn_err *err)
{
	const table_col *id = id_col ? table_find(t, id_col) : NULL;
	const table_col *val = value_col ? table_find(t, value_col) : NULL;
	char buf[512];
	strbuf b = STRBUF_INIT;
	int ok = 1;

	if (id == NULL || id->kind == TABLE_DATE)
		return churn_err_set(err, CHURN_EUSAGE, "scores: no id column '%s'",
		                     id_col ? id_col : "(none)");
	if (value_col != NULL && (val == NULL || val->kind != TABLE_NUM))
		return churn_err_set(err, CHURN_EUSAGE, "scores: no numeric value column '%s'",
		                     value_col);
	strbuf_printf(&b, "id,value,churn_probability,risk_band,segment,main_driver,"
	              "recommended_action\n");
	for (size_t k = 0; k < s->n && ok && !b.oom; k++) {
		const score_entry *e = &s->rows[k];
		size_t i = e->row;
		if (id->kind == TABLE_CAT) {
			text_cell(&b, id->codes[i] == TABLE_CODE_NA ? "" : id->levels[id->codes[i]], ',');
		} else {
			text_cell(&b, table_num_text(id->num[i], buf, sizeof buf), ',');
		}
		if (val != NULL && !isnan(val->num[i]))
			strbuf_printf(&b, "%.15g", val->num[i]);
		strbuf_append(&b, ",", 1);
		if (e->band != SCORE_BAND_NONE)
			strbuf_printf(&b, "%.6f", e->s.prob);
		strbuf_append(&b, ",", 1);
		text_cell(&b, e->s.beyond ? "beyond the data" : score_band_name(e->band), ',');
		text_cell(&b, segments && segments[k] ? segments[k] : "", ',');
		if (e->s.beyond)
			text_cell(&b, scores_beyond_reason(&e->s, buf, sizeof buf), ',');
		else if (e->band == SCORE_BAND_NONE)
			text_cell(&b, scores_unscored_reason(e->s.status), ',');
		else
			text_cell(&b, model_score_driver_label(d, t, i, &e->s, buf, sizeof buf), ',');
		text_cell(&b, actions && actions[k] ? actions[k] : "", '\n');
		if (b.len >= SCORES_BLOCK)
			ok = flush_block(&b, f);
	}
	if (ok && !b.oom)
		ok = flush_block(&b, f);
	int oom = b.oom;
	strbuf_reset(&b);
	if (oom)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory writing the scores");
	if (!ok || ferror(f))
		return churn_err_set(err, CHURN_EIO, "scores: write error");
	return CHURN_OK;
}

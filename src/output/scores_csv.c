/* scores_csv.c - the scores file; see include/churnkit/scores_csv.h. */
#include "churnkit/scores_csv.h"

#include <math.h>
#include <stdio.h>

#include "churnkit/sheet.h"

/* One cell of text (RFC 4180 quoting, formula-escaped; see
 * cohort_output.h) followed by `sep`. */
static void text_cell(FILE *f, const char *s, int sep)
{
	sheet_text(f, s);
	fputc(sep, f);
}

churn_status scores_write_csv(FILE *f, const scores *s, const design *d, const table *t,
                              const char *id_col, const char *value_col,
                              const char *const *segments, const char *const *actions,
                              churn_err *err)
{
	const table_col *id = id_col ? table_find(t, id_col) : NULL;
	const table_col *val = value_col ? table_find(t, value_col) : NULL;
	char buf[512];

	if (id == NULL || id->kind == TABLE_DATE)
		return churn_err_set(err, CHURN_EUSAGE, "scores: no id column '%s'",
		                     id_col ? id_col : "(none)");
	if (value_col != NULL && (val == NULL || val->kind != TABLE_NUM))
		return churn_err_set(err, CHURN_EUSAGE, "scores: no numeric value column '%s'",
		                     value_col);
	fputs("id,value,churn_probability,risk_band,segment,main_driver,recommended_action\n", f);
	for (size_t k = 0; k < s->n; k++) {
		const score_entry *e = &s->rows[k];
		size_t i = e->row;
		if (id->kind == TABLE_CAT) {
			text_cell(f, id->codes[i] == TABLE_CODE_NA ? "" : id->levels[id->codes[i]], ',');
		} else {
			text_cell(f, table_num_text(id->num[i], buf, sizeof buf), ',');
		}
		if (val != NULL && !isnan(val->num[i]))
			fprintf(f, "%.15g", val->num[i]);
		fputc(',', f);
		if (e->band != SCORE_BAND_NONE)
			fprintf(f, "%.6f", e->s.prob);
		fputc(',', f);
		text_cell(f, e->s.beyond ? "beyond the data" : score_band_name(e->band), ',');
		text_cell(f, segments && segments[k] ? segments[k] : "", ',');
		if (e->s.beyond)
			text_cell(f, scores_beyond_reason(&e->s, buf, sizeof buf), ',');
		else if (e->band == SCORE_BAND_NONE)
			text_cell(f, scores_unscored_reason(e->s.status), ',');
		else
			text_cell(f, model_score_driver_label(d, t, i, &e->s, buf, sizeof buf), ',');
		text_cell(f, actions && actions[k] ? actions[k] : "", '\n');
	}
	if (ferror(f))
		return churn_err_set(err, CHURN_EIO, "scores: write error");
	return CHURN_OK;
}

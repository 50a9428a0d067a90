/* names.c - columns, levels and terms by their labels; see names.h. */
#include "config.h"

#include "report/pages/names.h"

#include <stdio.h>
#include <string.h>

const char *name_col(const report_input *in, const char *col)
{
	return col ? labels_col(in->labels, col) : NULL;
}

const char *name_level(const report_input *in, const char *col, const char *level)
{
	return labels_level(in->labels, col, level);
}

char *name_term(const report_input *in, const design_term *t, char *buf, size_t n)
{
	return labels_term(in->labels, t->name, t->column, t->log, buf, n);
}

char *name_design_col(const report_input *in, const design *d, size_t j, char *buf,
                      size_t n)
{
	const design_col *col = &d->cols[j];
	char term[200];

	if (col->kind == DESIGN_COL_INTERCEPT) {
		snprintf(buf, n, "%s", col->name);
		return buf;
	}
	const design_term *t = &d->terms[col->term];
	if (col->kind == DESIGN_COL_DUMMY)
		snprintf(buf, n, "%s = %s", name_col(in, t->column),
		         name_level(in, t->column, t->levels[col->level]));
	else if (col->kind == DESIGN_COL_MISSING)
		snprintf(buf, n, "%s missing", name_term(in, t, term, sizeof term));
	else
		name_term(in, t, buf, n);
	return buf;
}

char *name_driver(const report_input *in, const design *d, const table *t, size_t i,
                  const model_score_row *s, char *buf, size_t n)
{
	char raw[300], term[200];

	model_score_driver_label(d, t, i, s, raw, sizeof raw);
	if (raw[0] == '\0' || s->driver < 0 || (size_t)s->driver >= d->nterms) {
		snprintf(buf, n, "%s", raw);
		return buf;
	}
	const design_term *tm = &d->terms[s->driver];
	const char *eq = strchr(raw, '=');
	if (tm->categorical && eq)     /* "contract=monthly" */
		snprintf(buf, n, "%s = %s", name_col(in, tm->column),
		         name_level(in, tm->column, eq + 1));
	else if (strstr(raw, " (missing)"))
		snprintf(buf, n, "%s (missing)", name_term(in, tm, term, sizeof term));
	else
		name_term(in, tm, buf, n);
	return buf;
}

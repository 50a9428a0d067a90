/* reasons_out.c - see include/churnkit/reasons_out.h. */
#include "churnkit/reasons_out.h"
#include "churnkit/cell.h"
#include "churnkit/date.h"
#include "churnkit/fmtnum.h"
#include "churnkit/jsonout.h"
#include "churnkit/tablecsv.h"
#include "churnkit/textpad.h"

#include <string.h>

/* 1 when level k of r is the unknown one. */
static int is_unknown(const reasons_result *r, size_t k)
{
	return r->has_unknown && k + 1 == r->nlevels;
}

/* "yes", "no", or NULL without --involuntary (and for "unknown"). */
static const char *invol_word(const reasons_result *r, size_t k)
{
	if (!r->has_split || is_unknown(r, k))
		return NULL;
	return r->involuntary[k] ? "yes" : "no";
}

/* ---- text ---- */

static void print_head(FILE *f, const reasons_result *r, const char *extra)
{
	fprintf(f, "  %-24s %10s %8s", "reason", "churned", "share");
	if (r->has_mrr)
		fprintf(f, " %12s %8s", "MRR", "share");
	if (r->has_split)
		fprintf(f, " %-11s", "involuntary");
	fprintf(f, "%s\n", extra);
}

/* One row's cells; `more` when cells follow on the line (no trailing
 * blanks otherwise). */
static void print_cell(FILE *f, const reasons_result *r, const char *name,
                       const reasons_cell *c, const char *invol, int more)
{
	char b1[32], b2[32], b3[32], b4[32];
	fputs("  ", f);
	text_pad(f, name, 24, 1);
	fprintf(f, " %10s %8s", cell_count(c->churned, b1, sizeof b1),
	        fmtnum_pct_text(c->share, 1, b2, sizeof b2));
	if (r->has_mrr)
		fprintf(f, " %12s %8s", cell_num(c->churned_mrr, 10, b3, sizeof b3),
		        fmtnum_pct_text(c->mrr_share, 1, b4, sizeof b4));
	if (r->has_split && (invol != NULL || more))
		fprintf(f, " %-11s", invol ? invol : "");
}

static void print_split(FILE *f, const reasons_result *r, const reasons_split *s)
{
	for (size_t k = 0; k < r->nlevels; k++) {
		print_cell(f, r, r->names[k], &s->cell[k], invol_word(r, k), 0);
		fputc('\n', f);
	}
	print_cell(f, r, "total", &s->total, NULL, 0);
	fputc('\n', f);
	if (r->has_split) {
		print_cell(f, r, "voluntary", &s->voluntary, NULL, 0);
		fputc('\n', f);
		print_cell(f, r, "involuntary", &s->involuntary, NULL, 0);
		fputc('\n', f);
	}
}

void reasons_print_survival(const reasons_result *r, FILE *f)
{
	fprintf(f, "\nChurn reasons (column '%s'%s)\n", r->column,
	        r->has_split ? "" : "; no --involuntary: no voluntary/involuntary split");
	print_head(f, r, "");
	print_split(f, r, &r->overall);
	for (size_t j = 0; j < r->nby; j++)
		for (size_t l = 0; l < r->by[j].nlev; l++) {
			fprintf(f, "\nChurn reasons, %s = ", r->by[j].column);
			text_pad(f, r->by[j].levels[l], 0, 0);
			fputc('\n', f);
			print_head(f, r, "");
			print_split(f, r, &r->by[j].s[l]);
		}
}

static void print_period(FILE *f, const reasons_result *r, const reasons_period *q)
{
	char b1[32], b2[32];
	fprintf(f, "\nChurn reasons in %s (%s customers at start)\n", q->label,
	        cell_count(q->at_start, b1, sizeof b1));
	print_head(f, r, "   from start  of start");
	for (size_t k = 0; k < r->nlevels + 1; k++) {
		int tot = k == r->nlevels;
		print_cell(f, r, tot ? "total" : r->names[k], tot ? &q->s.total : &q->s.cell[k],
		           tot ? NULL : invol_word(r, k), 1);
		fprintf(f, " %12s %9s\n",
		        cell_count(tot ? q->from_start_total : q->from_start[k], b1, sizeof b1),
		        fmtnum_pct_text(tot ? q->share_of_start_total : q->share_of_start[k], 2,
		                        b2, sizeof b2));
	}
	if (r->has_split) {
		print_cell(f, r, "voluntary", &q->s.voluntary, NULL, 0);
		fputc('\n', f);
		print_cell(f, r, "involuntary", &q->s.involuntary, NULL, 0);
		fputc('\n', f);
	}
}

void reasons_print_period(const reasons_result *r, FILE *f)
{
	if (!r->has_period) {
		fprintf(f, "\nChurn reasons: no reporting period\n");
		return;
	}
	print_period(f, r, &r->current);
	if (r->has_previous)
		print_period(f, r, &r->previous);
}

/* ---- JSON ---- */

static void cell_fields(json_object *o, const reasons_cell *c)
{
	json_object_object_add(o, "churned", json_num(c->churned));
	json_object_object_add(o, "churned_mrr", json_num(c->churned_mrr));
	json_object_object_add(o, "share", json_num(c->share));
	json_object_object_add(o, "mrr_share", json_num(c->mrr_share));
}

static json_object *cell_json(const reasons_cell *c)
{
	json_object *o = json_object_new_object();
	cell_fields(o, c);
	return o;
}

static json_object *level_json(const reasons_result *r, size_t k, const reasons_cell *c)
{
	json_object *o = json_object_new_object();
	const char *w = invol_word(r, k);
	json_object_object_add(o, "name", json_object_new_string(r->names[k]));
	json_object_object_add(o, "unknown", json_object_new_boolean(is_unknown(r, k)));
	json_object_object_add(o, "involuntary",
	                       w ? json_object_new_boolean(w[0] == 'y') : NULL);
	cell_fields(o, c);
	return o;
}

/* The totals, levels[] and split of one breakdown into o. */
static void split_json(json_object *o, const reasons_result *r, const reasons_split *s,
                       const reasons_period *q)
{
	json_object *lv = json_object_new_array();
	cell_fields(o, &s->total);
	for (size_t k = 0; k < r->nlevels; k++) {
		json_object *l = level_json(r, k, &s->cell[k]);
		if (q != NULL) {
			json_object_object_add(l, "churned_from_start", json_num(q->from_start[k]));
			json_object_object_add(l, "share_of_start", json_num(q->share_of_start[k]));
		}
		json_object_array_add(lv, l);
	}
	json_object_object_add(o, "levels", lv);
	json_object_object_add(o, "voluntary", r->has_split ? cell_json(&s->voluntary) : NULL);
	json_object_object_add(o, "involuntary", r->has_split ? cell_json(&s->involuntary) : NULL);
}

static json_object *head_json(const reasons_result *r)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "column", json_object_new_string(r->column));
	json_object_object_add(o, "involuntary_named", json_object_new_boolean(r->has_split));
	json_object_object_add(o, "weighted", json_object_new_boolean(r->weighted));
	return o;
}

static churn_status attach(json_object *root, const char *where, json_object *o,
                           churn_err *err)
{
	json_object *parent = NULL;
	if (!json_object_object_get_ex(root, where, &parent) ||
	    !json_object_is_type(parent, json_type_object)) {
		json_object_put(o);
		return churn_err_set(err, CHURN_EUSAGE, "reasons: no \"%s\" object", where);
	}
	json_object_object_add(parent, "reasons", o);
	return CHURN_OK;
}

churn_status reasons_json_survival(const reasons_result *r, void *root, churn_err *err)
{
	json_object *o = head_json(r), *by = json_object_new_array();
	split_json(o, r, &r->overall, NULL);
	for (size_t j = 0; j < r->nby; j++) {
		json_object *b = json_object_new_object(), *lv = json_object_new_array();
		json_object_object_add(b, "column", json_object_new_string(r->by[j].column));
		for (size_t l = 0; l < r->by[j].nlev; l++) {
			json_object *x = json_object_new_object();
			json_object_object_add(x, "level", json_object_new_string(r->by[j].levels[l]));
			split_json(x, r, &r->by[j].s[l], NULL);
			json_object_array_add(lv, x);
		}
		json_object_object_add(b, "levels", lv);
		json_object_array_add(by, b);
	}
	json_object_object_add(o, "by", by);
	return attach(root, "survival", o, err);
}

static json_object *period_json(const reasons_result *r, const reasons_period *q)
{
	char b[11];
	json_object *o = json_object_new_object();
	json_object_object_add(o, "label", json_object_new_string(q->label));
	json_object_object_add(o, "first_day", json_object_new_string(date_format(q->first_day, b)));
	json_object_object_add(o, "last_day", json_object_new_string(date_format(q->last_day, b)));
	json_object_object_add(o, "at_start", json_num(q->at_start));
	json_object_object_add(o, "churned_from_start", json_num(q->from_start_total));
	json_object_object_add(o, "share_of_start", json_num(q->share_of_start_total));
	if (r->has_split) {
		json_object_object_add(o, "voluntary_from_start", json_num(q->from_start_voluntary));
		json_object_object_add(o, "involuntary_from_start",
		                       json_num(q->from_start_involuntary));
	}
	split_json(o, r, &q->s, q);
	return o;
}

churn_status reasons_json_cohorts(const reasons_result *r, void *root, churn_err *err)
{
	json_object *o = head_json(r);
	json_object_object_add(o, "period", r->has_period ? period_json(r, &r->current) : NULL);
	json_object_object_add(o, "previous", r->has_previous ? period_json(r, &r->previous)
	                                                      : NULL);
	return attach(root, "cohorts", o, err);
}

/* ---- --tables ---- */

#define CELL_COLS "churned,churned_mrr,share,mrr_share"

static void csv_cell(table_csv *t, const reasons_cell *c)
{
	table_csv_num(t, c->churned);
	table_csv_money(t, c->churned_mrr);
	table_csv_pct(t, c->share);
	table_csv_pct(t, c->mrr_share);
}

static void csv_level(table_csv *t, const reasons_result *r, size_t k)
{
	const char *w = invol_word(r, k);
	table_csv_text(t, r->names[k]);
	table_csv_word(t, is_unknown(r, k) ? "true" : "false");
	if (w != NULL)
		table_csv_word(t, w[0] == 'y' ? "true" : "false");
	else
		table_csv_empty(t);
}

static void csv_split(table_csv *t, const reasons_result *r, const reasons_split *s,
                      const char *col, const char *level)
{
	for (size_t k = 0; k < r->nlevels; k++) {
		if (col != NULL) {
			table_csv_text(t, col);
			table_csv_text(t, level);
		}
		csv_level(t, r, k);
		csv_cell(t, &s->cell[k]);
		table_csv_end_row(t);
	}
}

churn_status reasons_write_survival_tables(const reasons_result *r, const table_dest *d,
                                           churn_err *err)
{
	table_csv t;
	churn_status st = table_csv_open(&t, d, "survival_reasons.csv", err);
	if (st != CHURN_OK)
		return st;
	table_csv_header(&t, "reason,unknown,involuntary," CELL_COLS);
	csv_split(&t, r, &r->overall, NULL, NULL);
	if ((st = table_csv_close(&t, err)) != CHURN_OK || r->nby == 0)
		return st;
	if ((st = table_csv_open(&t, d, "survival_reasons_by.csv", err)) != CHURN_OK)
		return st;
	table_csv_header(&t, "by,level,reason,unknown,involuntary," CELL_COLS);
	for (size_t j = 0; j < r->nby; j++)
		for (size_t l = 0; l < r->by[j].nlev; l++)
			csv_split(&t, r, &r->by[j].s[l], r->by[j].column, r->by[j].levels[l]);
	return table_csv_close(&t, err);
}

static void csv_period(table_csv *t, const reasons_result *r, const reasons_period *q)
{
	for (size_t k = 0; k < r->nlevels; k++) {
		table_csv_word(t, q->label);
		csv_level(t, r, k);
		csv_cell(t, &q->s.cell[k]);
		table_csv_num(t, q->at_start);
		table_csv_num(t, q->from_start[k]);
		table_csv_pct(t, q->share_of_start[k]);
		table_csv_end_row(t);
	}
}

churn_status reasons_write_cohorts_tables(const reasons_result *r, const table_dest *d,
                                          churn_err *err)
{
	table_csv t;
	churn_status st;
	if (!r->has_period)
		return CHURN_OK;
	if ((st = table_csv_open(&t, d, "cohorts_reasons.csv", err)) != CHURN_OK)
		return st;
	table_csv_header(&t, "period,reason,unknown,involuntary," CELL_COLS
	                 ",at_start,churned_from_start,share_of_start");
	if (r->has_previous)
		csv_period(&t, r, &r->previous);
	csv_period(&t, r, &r->current);
	return table_csv_close(&t, err);
}

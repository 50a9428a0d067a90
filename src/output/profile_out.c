/* profile_out.c - the data-quality profile as text and as JSON. */
#include "churnkit/date.h"
#include "churnkit/fmtnum.h"
#include "churnkit/jsonout.h"
#include "churnkit/profile.h"
#include "churnkit/textpad.h"

#include <string.h>

/* The name of the churned customers without a reason: "unknown", or
 * "(not given)" when a reason of the column reads "unknown" (load.h). */
static const char *unknown_name(const profile_col *c)
{
	for (size_t k = 0; k < c->nlevels; k++)
		if (load_reason_word_unknown(c->levels[k].level))
			return LOAD_REASON_NOT_GIVEN;
	return LOAD_REASON_UNKNOWN;
}

static const char *kind_name(table_kind k)
{
	return k == TABLE_NUM ? "number" : k == TABLE_DATE ? "date" : "category";
}

static const char *delim_name(char d)
{
	return d == '\t' ? "tab" : d == ';' ? "semicolon" : d == ',' ? "comma" : "other";
}

/* Writes text with its control characters (a quoted field's line breaks)
 * shown as blanks, so that each table row stays on one line. */
static void print_oneline(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
}

/* a of b as a percentage with `dec` decimals (0% when b is 0). */
static const char *pct(long a, long b, int dec, char *buf, size_t n)
{
	return fmtnum_pct_text(b > 0 ? (double)a / (double)b : 0.0, dec, buf, n);
}

void profile_print(const profile *p, FILE *f)
{
	char b1[11], b2[11], pb[32];

	fprintf(f, "Data quality: %s\n\n", p->path);
	fprintf(f, "  Rows read       %ld\n", p->rows_read);
	fprintf(f, "  Rows used       %ld\n", p->rows_used);
	fprintf(f, "  Rows rejected   %ld (%s)\n", p->rows_rejected,
	        pct(p->rows_rejected, p->rows_read, 2, pb, sizeof pb));
	if (p->lines_rejected > p->rows_rejected)
		fprintf(f, "    spanning %ld lines (quoted fields held %ld more)\n",
		        p->lines_rejected, p->lines_rejected - p->rows_rejected);
	for (int r = 0; r < LOAD_NREASONS; r++)
		if (p->by_reason[r] > 0)
			fprintf(f, "    %-26s %ld\n", load_reason_name((load_reason)r),
			        p->by_reason[r]);
	if (p->rows_filtered >= 0)
		fprintf(f, "  Rows filtered   %ld (left out by --where)\n", p->rows_filtered);
	if (p->customers >= 0)
		fprintf(f, "  Customers       %ld rows read, %ld customers formed (%ld returned "
		        "after a gap)\n", p->rows_read, p->customers, p->customers_reactivated);
	fprintf(f, "  Delimiter       %s%s\n", delim_name(p->delimiter),
	        p->bom ? " (UTF-8 byte-order mark skipped)" : "");
	if (p->min_date != TABLE_DATE_NA)
		fprintf(f, "  Dates           %s to %s\n", date_format(p->min_date, b1),
		        date_format(p->max_date, b2));
	if (p->as_of != TABLE_DATE_NA)
		fprintf(f, "  As of           %s\n", date_format(p->as_of, b1));
	if (p->events >= 0)
		fprintf(f, "  Churned         %ld of %ld (%s), active %ld\n", p->events,
		        p->rows_used, pct(p->events, p->rows_used, 1, pb, sizeof pb),
		        p->rows_used - p->events);
	if (p->reason_col >= 0 && p->reason_unknown >= 0) {
		const profile_col *c = &p->cols[p->reason_col];
		fputs("  Churn reasons  ", f);
		for (size_t k = 0; k < c->nlevels; k++) {
			fputs(k ? ", " : " ", f);
			print_oneline(f, c->levels[k].level);
			fprintf(f, " %zu", c->levels[k].count);
		}
		fprintf(f, "%s%s %ld\n", c->nlevels ? ", " : " ", unknown_name(c), p->reason_unknown);
	}

	fprintf(f, "\nColumns\n  %-24s %-9s %-9s %8s  %s\n", "name", "type", "role",
	        "missing", "values");
	for (size_t j = 0; j < p->ncols; j++) {
		const profile_col *c = &p->cols[j];
		fputs("  ", f);
		text_pad(f, c->name, 24, 1);
		fprintf(f, " %-9s %-9s %8zu  ", kind_name(c->kind), c->role ? c->role : "-",
		        c->missing);
		if (c->kind == TABLE_NUM) {
			if (c->missing == (size_t)p->rows_used)
				fputs("all missing", f);
			else
				fprintf(f, "min %g, median %g, mean %.4g, max %g", c->min, c->median,
				        c->mean, c->max);
		} else if (c->kind == TABLE_DATE) {
			if (c->dmin != TABLE_DATE_NA)
				fprintf(f, "%s to %s", date_format(c->dmin, b1),
				        date_format(c->dmax, b2));
		} else if (c->nlevels == 0) {
			fprintf(f, "%zu distinct", c->ndistinct);
		} else if (c->ndistinct > 1 && c->ndistinct + c->missing == (size_t)p->rows_used) {
			fprintf(f, "%zu distinct, every value unique (an id?)", c->ndistinct);
		} else {
			fprintf(f, "%zu level%s:", c->ndistinct, c->ndistinct == 1 ? "" : "s");
			for (size_t k = 0; k < c->nlevels && k < 6; k++) {
				fputs(k ? ", " : " ", f);
				print_oneline(f, c->levels[k].level);
				fprintf(f, " %zu", c->levels[k].count);
			}
			if (c->nlevels > 6)
				fprintf(f, ", ... (%zu more)", c->nlevels - 6);
		}
		fputc('\n', f);
	}
}

/* The churn reasons: the column's levels by count (descending), then
 * "unknown", the churned customers without a reason. */
static json_object *reasons_json(const profile_col *c, long unknown)
{
	json_object *lv = json_object_new_array();
	const char *unk_name = unknown_name(c);
	for (size_t k = 0; k <= c->nlevels; k++) {
		json_object *l = json_object_new_object();
		int unk = k == c->nlevels;
		json_object_object_add(l, "level", json_object_new_string(unk ? unk_name
		                                                          : c->levels[k].level));
		json_object_object_add(l, "unknown", json_object_new_boolean(unk));
		json_object_object_add(l, "count", json_object_new_int64(
			unk ? (int64_t)unknown : (int64_t)c->levels[k].count));
		json_object_array_add(lv, l);
	}
	return lv;
}

void *profile_json(const profile *p)
{
	char b[11];
	json_object *d = json_object_new_object();
	json_object *reasons = json_object_new_object();
	json_object *cols = json_object_new_array();

	/* The hash of the bytes parsed, as every command's "data" block gives it. */
	json_object_object_add(d, "sha256", json_object_new_string(p->sha256));
	json_object_object_add(d, "rows_read", json_object_new_int64(p->rows_read));
	json_object_object_add(d, "rows_used", json_object_new_int64(p->rows_used));
	json_object_object_add(d, "rows_rejected", json_object_new_int64(p->rows_rejected));
	json_object_object_add(d, "lines_rejected", json_object_new_int64(p->lines_rejected));
	if (p->rows_filtered >= 0)
		json_object_object_add(d, "rows_filtered", json_object_new_int64(p->rows_filtered));
	if (p->customers >= 0) {
		json_object_object_add(d, "customers", json_object_new_int64(p->customers));
		json_object_object_add(d, "reactivations", json_object_new_int64(p->reactivations));
		json_object_object_add(d, "customers_reactivated",
		                       json_object_new_int64(p->customers_reactivated));
	}
	json_object_object_add(d, "as_of", p->as_of == TABLE_DATE_NA ? NULL
	                       : json_object_new_string(date_format(p->as_of, b)));
	for (int r = 0; r < LOAD_NREASONS; r++)
		if (p->by_reason[r] > 0)
			json_object_object_add(reasons, load_reason_name((load_reason)r),
			                       json_object_new_int64(p->by_reason[r]));
	json_object_object_add(d, "rejected_by_reason", reasons);
	json_object_object_add(d, "delimiter", json_object_new_string(delim_name(p->delimiter)));
	json_object_object_add(d, "date_min", p->min_date == TABLE_DATE_NA ? NULL
	                       : json_object_new_string(date_format(p->min_date, b)));
	json_object_object_add(d, "date_max", p->max_date == TABLE_DATE_NA ? NULL
	                       : json_object_new_string(date_format(p->max_date, b)));
	json_object_object_add(d, "events", p->events < 0 ? NULL
	                       : json_object_new_int64(p->events));
	if (p->reason_col >= 0 && p->reason_unknown >= 0)
		json_object_object_add(d, "reasons", reasons_json(&p->cols[p->reason_col],
		                                                  p->reason_unknown));
	for (size_t j = 0; j < p->ncols; j++) {
		const profile_col *c = &p->cols[j];
		json_object *o = json_object_new_object();
		json_object_object_add(o, "name", json_object_new_string(c->name));
		json_object_object_add(o, "type", json_object_new_string(kind_name(c->kind)));
		json_object_object_add(o, "role", json_str(c->role));
		json_object_object_add(o, "missing", json_object_new_int64((int64_t)c->missing));
		if (c->kind == TABLE_NUM) {
			json_object_object_add(o, "min", json_num(c->min));
			json_object_object_add(o, "median", json_num(c->median));
			json_object_object_add(o, "mean", json_num(c->mean));
			json_object_object_add(o, "max", json_num(c->max));
		} else if (c->kind == TABLE_DATE) {
			json_object_object_add(o, "min", c->dmin == TABLE_DATE_NA ? NULL
			                       : json_object_new_string(date_format(c->dmin, b)));
			json_object_object_add(o, "max", c->dmax == TABLE_DATE_NA ? NULL
			                       : json_object_new_string(date_format(c->dmax, b)));
		} else {
			json_object_object_add(o, "distinct", json_object_new_int64((int64_t)c->ndistinct));
			if (c->nlevels > 0) {
				json_object *lv = json_object_new_array();
				for (size_t k = 0; k < c->nlevels; k++) {
					json_object *l = json_object_new_object();
					json_object_object_add(l, "level", json_object_new_string(c->levels[k].level));
					json_object_object_add(l, "count", json_object_new_int64((int64_t)c->levels[k].count));
					json_object_array_add(lv, l);
				}
				json_object_object_add(o, "levels", lv);
			}
		}
		json_object_array_add(cols, o);
	}
	json_object_object_add(d, "columns", cols);
	return d;
}

/* run_text.c - the commands' header lines; see include/churnkit/run_text.h. */
#include "churnkit/run_text.h"

#include "churnkit/date.h"

/* "N customer(s) used", or with weights "C customers (weights in COL) in
 * N rows used". */
static void used(FILE *f, const load_result *r, const char *weight_col)
{
	size_t n = r->t->nrows;

	if (weight_col == NULL) {
		fprintf(f, "%zu customer%s used", n, n == 1 ? "" : "s");
		return;
	}
	double c = load_customer_count(r, weight_col, NULL);
	fprintf(f, "%.15g customer%s (weights in %s) in %zu row%s used", c, c == 1 ? "" : "s",
	        weight_col, n, n == 1 ? "" : "s");
}

void run_text_survival_header(FILE *f, const char *name, const load_result *r, int date_mode,
                              const char *weight_col)
{
	char a[11];

	fprintf(f, "churnkit survival: %s, ", name);
	used(f, r, weight_col);
	fprintf(f, " of %ld row%s read (%ld rejected)",
	        r->rows_read, r->rows_read == 1 ? "" : "s", r->rows_rejected);
	if (date_mode && r->as_of != TABLE_DATE_NA)
		fprintf(f, ", as of %s", date_format(r->as_of, a));
	fputs("\n", f);
}

void run_text_cohorts_header(FILE *f, const char *name, const load_result *r,
                             const char *weight_col)
{
	char a[11];

	if (weight_col == NULL) {
		fprintf(f, "churnkit cohorts: %s, %zu customers used of %ld rows read (%ld rejected), "
		        "as of %s\n", name, r->t->nrows, r->rows_read,
		        r->rows_rejected, date_format(r->as_of, a));
		return;
	}
	fprintf(f, "churnkit cohorts: %s, ", name);
	used(f, r, weight_col);
	fprintf(f, " of %ld rows read (%ld rejected), as of %s\n", r->rows_read, r->rows_rejected,
	        date_format(r->as_of, a));
}

void run_text_model_header(FILE *f, const char *name, const load_result *r,
                           const char *weight_col)
{
	char a[11];

	if (weight_col == NULL)
		fprintf(f, "churnkit model: %s, %zu customers used of %ld rows read (%ld rejected)",
		        name, r->t->nrows, r->rows_read, r->rows_rejected);
	else {
		fprintf(f, "churnkit model: %s, ", name);
		used(f, r, weight_col);
		fprintf(f, " of %ld rows read (%ld rejected)", r->rows_read, r->rows_rejected);
	}
	if (r->as_of != TABLE_DATE_NA)
		fprintf(f, ", as of %s", date_format(r->as_of, a));
	fputs("\n\n", f);
}

void run_text_segments_note(FILE *f, const segment_run *g)
{
	if (g->horizon_assumed && g->r && g->r->has_value)
		fputs("Segments: the scores have no horizon in months, so expected revenue loss "
		      "and retention offers assume 12 months.\n", f);
}

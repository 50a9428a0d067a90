/* run_text.c - the commands' header lines; see include/churnkit/run_text.h. */
#include "churnkit/run_text.h"

#include "churnkit/date.h"

void run_text_survival_header(FILE *f, const char *name, const load_result *r, int date_mode)
{
	char a[11];

	fprintf(f, "churnkit survival: %s, %zu customer%s used of %ld row%s read (%ld rejected)",
	        name, r->t->nrows, r->t->nrows == 1 ? "" : "s",
	        r->rows_read, r->rows_read == 1 ? "" : "s", r->rows_rejected);
	if (date_mode && r->as_of != TABLE_DATE_NA)
		fprintf(f, ", as of %s", date_format(r->as_of, a));
	fputs("\n", f);
}

void run_text_cohorts_header(FILE *f, const char *name, const load_result *r)
{
	char a[11];

	fprintf(f, "churnkit cohorts: %s, %zu customers used of %ld rows read (%ld rejected), "
	        "as of %s\n", name, r->t->nrows, r->rows_read,
	        r->rows_rejected, date_format(r->as_of, a));
}

void run_text_model_header(FILE *f, const char *name, const load_result *r)
{
	char a[11];

	fprintf(f, "churnkit model: %s, %zu customers used of %ld rows read (%ld rejected)",
	        name, r->t->nrows, r->rows_read, r->rows_rejected);
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

/* asof.c - the warning on a lone latest date far after every other one,
 * which the default as-of would otherwise take in silence; see
 * loader_as_of_outlier in loader.h. */
#include "churnkit/date.h"
#include "churnkit/load.h"
#include "loader.h"

#include <stdio.h>

/* The latest date stands apart when it is more than this many days after
 * every other date of the date columns: a quarter. */
#define AS_OF_GAP_DAYS 92

/* When the as-of is the data's latest date, checks that date is not alone
 * far after all the others (docs/inputs.md, "As-of"): one mistyped year
 * (2031 for 2021) would otherwise become the as-of and censor every active
 * customer years later, with nothing said.  Fills r->as_of_note. */
void loader_as_of_outlier(load_result *r, const load_map *map)
{
	const char *cols[3] = { map->start, map->end, map->entry };
	int32_t second = TABLE_DATE_NA;
	long line = 0;
	const char *where = NULL;
	char a[11], b[11];

	r->as_of_note[0] = '\0';
	if (r->max_date == TABLE_DATE_NA || r->t == NULL)
		return;
	for (size_t c = 0; c < 3; c++) {
		const table_col *tc = cols[c] ? table_find(r->t, cols[c]) : NULL;
		if (tc == NULL || tc->kind != TABLE_DATE)
			continue;
		for (size_t i = 0; i < r->t->nrows; i++) {
			int32_t d = tc->date[i];
			if (d == TABLE_DATE_NA)
				continue;
			if (d == r->max_date) {
				if (where != NULL && (r->t->line == NULL || line != r->t->line[i]))
					return;  /* held by two rows: no lone typo */
				where = tc->name;
				line = r->t->line ? r->t->line[i] : (long)i + 2;
			} else if (second == TABLE_DATE_NA || d > second) {
				second = d;
			}
		}
	}
	if (where == NULL || second == TABLE_DATE_NA || r->max_date - second <= AS_OF_GAP_DAYS)
		return;
	snprintf(r->as_of_note, sizeof r->as_of_note,
	         "%ld: column '%s' holds %s, the latest date and so the as-of, %ld days "
	         "after every other date (the next is %s): if it is a mistake, fix it or "
	         "give --as-of", line, where, date_format(r->max_date, a),
	         (long)(r->max_date - second), date_format(second, b));
}


/*
 * profile.h - the data-quality profile of a loaded table (`churnkit check`).
 *
 * For each column: its type, missing count and, for numbers, min, median,
 * mean and max; for dates, the range; for categories, the level counts in
 * descending order.  With a survival mapping, the number of customers who
 * churned; with --reason, the churned customers per reason, those
 * without one counted as "unknown" (docs/contract.md).  The profile borrows nothing: it owns copies of what it reports;
 * free it with profile_free.  profile_print and profile_json render it.
 */
#ifndef CHURNKIT_PROFILE_H
#define CHURNKIT_PROFILE_H

#include <stdio.h>

#include "churnkit/err.h"
#include "churnkit/load.h"

typedef struct {
	char *level;
	size_t count;
} profile_level;

typedef struct {
	char *name;
	table_kind kind;
	const char *role;         /* "id", "start", ..., or NULL (static text) */
	size_t missing;
	double min, median, mean, max;   /* TABLE_NUM (NaN when all missing) */
	int32_t dmin, dmax;              /* TABLE_DATE (TABLE_DATE_NA when none) */
	profile_level *levels;           /* TABLE_CAT, by count descending */
	size_t nlevels;                  /* entries in levels (none for the id) */
	size_t ndistinct;                /* TABLE_CAT: distinct values */
} profile_col;

typedef struct {
	const char *path;          /* borrowed for display */
	long rows_read, rows_used, rows_rejected;
	long lines_rejected;       /* physical lines of the bad rows (load.h) */
	long rows_filtered;        /* left out by --where; -1 when not given */
	long customers;            /* --rollup: customers formed (= rows_used), */
	long reactivations;        /* gaps, customers returned after a gap; */
	long customers_reactivated;/* -1 each without --rollup (load.h) */
	long by_reason[LOAD_NREASONS];
	char delimiter;
	int bom;
	char sha256[65];           /* SHA-256 of the bytes parsed (load.h) */
	int32_t as_of, min_date, max_date;
	long events;               /* -1 when no churn information is mapped */
	long reason_col;           /* index in cols of the --reason column; -1 = none */
	long reason_unknown;       /* churned customers without a reason (-1 = no
	                              --reason, or no churn information) */
	profile_col *cols;
	size_t ncols;
} profile;

/* Profiles `r` loaded with mapping `map`; *out is new, free with
 * profile_free. */
churn_status profile_build(const load_result *r, const load_map *map,
                           const char *path, profile **out, churn_err *err);
void profile_free(profile *p);

/* Writes the summary a person reads. */
void profile_print(const profile *p, FILE *f);

/* The `data` object of the JSON output (json_object *, declared as void *
 * so this header needs no json-c); a new reference owned by the caller. */
void *profile_json(const profile *p);

#endif

/*
 * survdata.h - survival inputs taken from a loaded table.
 *
 * From dates (date mode): time = (end or as-of) - start in days, event = 1
 * when the end date is present (a customer whose end date equals as-of has
 * churned on that day), entry = entry date - start in days (0 when the entry
 * date is missing).  From durations: time = the duration column as given,
 * event = the flag column, entry = the entry column (0 when missing).
 * Weights come from the weight column.  For each --by column, the codes and
 * level names of that categorical column.
 *
 * Ownership: survdata owns its arrays; the level names and column names are
 * borrowed from the table, which must outlive the survdata.  Free with
 * survdata_free.
 */
#ifndef CHURNKIT_SURVDATA_H
#define CHURNKIT_SURVDATA_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"
#include "churnkit/load.h"

typedef struct {
	const char *name;           /* the column name (borrowed) */
	const uint32_t *codes;      /* borrowed; TABLE_CODE_NA = missing */
	const char *const *levels;  /* borrowed */
	size_t nlevels;
} survdata_by;

typedef struct {
	size_t n;
	double *time;        /* days (date mode) or the duration's own unit */
	int *event;          /* 1 churned, 0 censored */
	double *weight;      /* NULL = all 1 */
	double *entry;       /* NULL = no delayed entry */
	int date_mode;       /* 1: time in days from dates */
	survdata_by *by;
	size_t nby;
} survdata;

/* Builds the survival inputs of `r` (loaded with `map`).  CHURN_EUSAGE when
 * the mapping has neither --start nor --duration. */
churn_status survdata_build(const load_result *r, const load_map *map,
                            survdata **out, churn_err *err);
void survdata_free(survdata *s);

#endif

/*
 * datecol.h - the readings of the loader's date columns (start, end, entry)
 * and their detection (docs/inputs.md, "Dates").
 *
 * With --date-format auto (or none), load_csv_source runs a detection pass
 * before the load: the input is marked (source_mark), its rows are read
 * only for their date values, each column's values are fed to a dt_detect
 * (datetime.h), and the pass stops as soon as every date column has one
 * reading left, or at the end of the input; the source is then rewound, so
 * the input is still read once from its file or pipe, and only the bytes
 * the detection read are kept in memory (the whole input at most).  Then
 * the load proper parses every value with its column's reading: a value
 * the reading does not read is a bad row.  A column whose values fit two
 * readings that disagree on one of them (01/02/2024) is refused, naming
 * both formats.  A given --date-format reads every date column by it.
 * After the load, a column more than half of whose values failed, and most
 * of those read by one known reading, gives res->hint (when no other hint came first).
 *
 * Ownership: datecols_init makes the per-column state on the first data
 * row; datecols_free frees it.  The loader borrows a datecols.
 */
#ifndef CHURNKIT_DATECOL_H
#define CHURNKIT_DATECOL_H

#include "churnkit/datetime.h"
#include "loader.h"

struct datecols {
	dt_spec spec;            /* from --date-format */
	int detecting;           /* 1 during the detection pass */
	size_t n;                /* fields; 0 until the first data row */
	dt_detect *det;          /* per field: the detection */
	dt_reading *reading;     /* per field: the reading of the load proper */
	long *nvalues, *nfail;   /* per field: values parsed, values refused */
	long (*failfit)[DT_NKNOWN];  /* per field: refused values each reading reads */
};

/* Reads opts->date_format into dc (CHURN_EUSAGE when dt_spec_read refuses
 * it).  The per-column state is made on the first data row. */
churn_status datecols_init(datecols *dc, const load_opts *opts, churn_err *err);
void datecols_free(datecols *dc);

/* 1 when the date columns' readings must be detected (auto). */
int datecols_auto(const datecols *dc);

/* The detection pass's row: feeds the row's date values and returns 0
 * (the row is not loaded); once every date column has one reading left,
 * sets ld->header_only so that the pass stops after this chunk. */
int datecol_detect_row(loader *ld);

/* After the detection pass: each date column's reading, or CHURN_EDATA
 * naming the column, a line holding a value the candidates read
 * differently, and the --date-format options that would choose. */
churn_status datecols_choose(datecols *dc, const loader *ld, churn_err *err);

/* Parses field j's value (s, len bytes, not blank) into *day by its
 * column's reading; returns 0 when it does not read (counted for the hint;
 * the caller rejects the row, saying what datecol_expected says).  0 with
 * ld->st set when out of memory. */
int datecol_parse(loader *ld, size_t j, const char *s, size_t len, int32_t *day);

/* What field j's reading expects, for messages: "yyyy-mm-dd", "Unix
 * seconds", "%d.%m.%Y", the strptime format, ... */
const char *datecol_expected(const datecols *dc, size_t j);

/* After the load: writes a --date-format hint into ld->res->hint (left as
 * it is when another hint was set) when
 * a date column's values mostly failed and one known reading reads most of
 * them. */
void datecols_hint(const datecols *dc, loader *ld);

#endif

/*
 * test_surv_fixture.h - reading the R fixtures of tests/fixtures/survival/
 * (written by make_fixtures.R) for the survival unit tests.
 *
 * NAME.data: header lines starting with '#', then one customer a line:
 * time event weight entry g1 g2 (g: level code, -1 = missing).
 * NAME.expect: header lines starting with '#', then lines of a tag and
 * whitespace-separated fields; "nan" stands for R's NA/NaN.  Both are word
 * files of fixture.h, which reads them (and bails naming the file when one
 * cannot be read).
 * Everything read is owned by the structs and freed by the _free calls.
 */
#ifndef CHURNKIT_TEST_SURV_FIXTURE_H
#define CHURNKIT_TEST_SURV_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/km.h"
#include "churnkit/surv.h"
#include "fixture.h"

#define FX_RTOL 1e-9    /* docs/method.md: closed forms match R to 1e-9 relative */
#define FX_ATOL0 1e-12  /* absolute tolerance where R's value is exactly 0 */

typedef struct {
	size_t n;
	double *time, *weight, *entry;
	int *event;
	uint32_t *g1, *g2;
} fx_data;

typedef struct {
	const char *tag;
	size_t nf;
	char *const *field;  /* [nf] the words after the tag */
	double *v;           /* [nf] each as a number (NaN when not one) */
} fx_line;

typedef struct {
	size_t nlines;
	fx_line *line;
	fx_csv *file;   /* the words, read by fixture.h; tag and field point here */
} fx_expect;

/* A case line of NAME.expect, decoded. */
typedef struct {
	char name[64], data[64];
	int use_weight, use_entry;
	km_opts km;
	uint32_t nlev[3];   /* [0] = 1 (all rows), [1] g1, [2] g2 */
	double tau, month, thr;
	double times[32];
	size_t ntimes;
} fx_case;

/* Each returns 0 on success and -1 (with a diag) on failure: a .data row
 * without its six fields, an .expect without a case line.  A file that
 * cannot be read ends the test (fixture.h). */
int fx_data_read(const char *name, fx_data *d);
void fx_data_free(fx_data *d);
int fx_expect_read(const char *name, fx_expect *e);
void fx_expect_free(fx_expect *e);
int fx_case_read(const fx_expect *e, fx_case *c);

/* The first line with `tag` whose first nkeys values equal keys[], or NULL. */
const fx_line *fx_find(const fx_expect *e, const char *tag, size_t nkeys,
                       const double *keys);

/* Prepared data and the three groupings of a case: g[0] all rows, g[1] by
 * g1, g[2] by g2.  Returns 0 or -1. */
typedef struct {
	fx_data data;
	surv_prep *prep;
	surv_groups *g[3];
} fx_setup;
int fx_setup_case(const fx_case *c, fx_setup *s);
void fx_setup_free(fx_setup *s);

/* got ~ want at FX_RTOL (or FX_ATOL0 when want is 0; NaN equals NaN). */
int fx_close(double got, double want);
/* One assertion over n named values; a diag names each mismatch. */
int fx_check(const double *got, const double *want, const char *const *names,
             size_t n, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif

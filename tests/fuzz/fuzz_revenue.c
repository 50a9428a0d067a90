/* fuzz_revenue.c - libFuzzer harness for the revenue-history loader
 * (revhist.h).
 *
 * Each input is a revenue file (customer id, month, MRR), read from memory
 * through a source (source.h) and matched to six fixed customers (those of
 * tests/data/cohorts/customers.csv, loaded once), with its bad rows written
 * to a rejects stream (/dev/null) so that the merge of the loader's rejects
 * and the history's own runs too.  A crash, a sanitizer report or a leak is
 * a finding; any status is fine.  Built with --enable-fuzz. */
#include "churnkit/date.h"
#include "churnkit/load.h"
#include "churnkit/revhist.h"
#include "churnkit/source.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char customers_csv[] =
	"id,signup,churn,mrr,plan\n"
	"c1,2024-01-15,,100,basic\n"
	"c2,2024-01-31,2024-03-01,50,pro\n"
	"c3,2024-02-01,2024-02-29,200,basic\n"
	"c4,2024-02-10,,80,pro\n"
	"c5,2024-03-31,2024-05-31,30,basic\n"
	"c6,2024-04-01,,60,pro\n";

static FILE *sink;             /* /dev/null, for the rejects */
static load_result *customers; /* loaded once, kept for the whole run */
static revhist_customers cust;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	source *s = NULL;
	churn_err e;
	load_opts o;
	load_map m;

	(void)argc;
	(void)argv;
	sink = fopen("/dev/null", "w");
	load_opts_init(&o);
	memset(&m, 0, sizeof m);
	m.id = "id";
	m.start = "signup";
	m.end = "churn";
	m.value = "mrr";
	if (source_open_mem(customers_csv, sizeof customers_csv - 1, "customers.csv", &s,
	                    &e) != CHURN_OK ||
	    load_csv_source(s, &m, &o, &customers, &e) != CHURN_OK) {
		fprintf(stderr, "fuzz_revenue: the fixed customers do not load: %s\n", e.msg);
		abort();
	}
	source_free(s);
	cust.id = table_find(customers->t, "id");
	cust.id_name = "id";
	cust.start = table_find(customers->t, "signup")->date;
	cust.end = table_find(customers->t, "churn")->date;
	cust.n = customers->t->nrows;
	date_parse("2024-06-30", 10, NULL, &cust.as_of);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	source *s = NULL;
	revhist *r = NULL;
	churn_err e;
	load_opts o;

	load_opts_init(&o);
	o.rejects = sink;
	if (source_open_mem(data, size, "revenue.csv", &s, &e) != CHURN_OK)
		return 0;
	if (revhist_load_source(s, &cust, &o, &r, &e) == CHURN_OK)
		(void)revhist_check(r, &o, &e);
	revhist_free(r);
	source_free(s);
	return 0;
}

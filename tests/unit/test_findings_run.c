/* test_findings_run.c - the findings stage run from the library
 * (findings_run.h) on a survival run: a --by level that churns much faster
 * than another is a segment finding, stated with the run's alpha, and
 * only when each group has min_n customers; without --by there is none.
 *
 * The data: 40 customers signed up on 2024-01-01, as-of 2025-01-01.  In
 * level "fast" 18 of 20 churned after 30 days; in level "slow" 2 of 20
 * churned after 300 days, the others are still active.  Log-rank p is far
 * below 0.05 (by hand: observed 18 against about 9.7 expected in "fast"). */
#include "churnkit/findings_run.h"
#include "churnkit/surv_run.h"
#include "tablebuild.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *customers(void)
{
	size_t cap = 4096, len = 0;
	char *s = malloc(cap);
	if (s == NULL)
		return NULL;
	len += (size_t)snprintf(s + len, cap - len, "id,start,end,g\n");
	for (int i = 0; i < 20; i++)
		len += (size_t)snprintf(s + len, cap - len, "f%d,2024-01-01,%s,fast\n", i,
		                        i < 18 ? "2024-01-31" : "");
	for (int i = 0; i < 20; i++)
		len += (size_t)snprintf(s + len, cap - len, "s%d,2024-01-01,%s,slow\n", i,
		                        i < 2 ? "2024-10-27" : "");
	return s;
}

/* Runs survival (with `by` or none) and the findings stage; returns the
 * number of segment findings, or -1 when a step failed. */
static long segment_findings(load_result *r, const load_map *m, double alpha, long min_n,
                             char *subject, size_t n)
{
	surv_run s;
	surv_run_opts so;
	surv_run_input si = {.res = r, .map = m, .display_name = "findings_run.csv"};
	findings *f = NULL;
	churn_err e;
	long found = -1;

	surv_run_opts_init(&so, 1);
	so.alpha = alpha;
	so.min_n = min_n;
	if (surv_run_fit(&s, &si, &so, &e) != CHURN_OK) {
		diag("survival: %s", e.msg);
		surv_run_free(&s);
		return -1;
	}
	if (findings_run(&s, NULL, NULL, NULL, NULL, NULL, &f, &e) != CHURN_OK) {
		diag("findings: %s", e.msg);
	} else {
		found = 0;
		for (size_t k = 0; k < f->n; k++)
			if (f->item[k].kind == FINDING_SEGMENT) {
				if (found == 0 && subject != NULL && f->item[k].subject != NULL)
					snprintf(subject, n, "%s", f->item[k].subject);
				found++;
			}
	}
	findings_free(f);
	surv_run_free(&s);
	return found;
}

int main(void)
{
	char *text = customers();
	const char *by[] = {"g"};
	load_map m = {.id = "id", .start = "start", .end = "end", .by = by, .nby = 1};
	load_map none = {.id = "id", .start = "start", .end = "end"};
	load_opts o;
	char subject[64] = "";

	load_opts_init(&o);
	o.has_as_of = 1;
	ok(date_parse("2025-01-01", 10, NULL, &o.as_of), "as-of parses");
	load_result *r = text ? tb_load(text, &m, &o) : NULL;
	ok(r != NULL, "the customers load");
	if (r == NULL) {
		free(text);
		return done_testing();
	}
	is_int(segment_findings(r, &m, 0.05, 10, subject, sizeof subject), 1,
	       "fast against slow: one segment finding");
	is_str(subject, "g", "about the --by column g");
	is_int(segment_findings(r, &m, 1e-300, 10, NULL, 0), 0,
	       "the run's alpha decides: none below alpha 1e-300");
	is_int(segment_findings(r, &m, 0.05, 21, NULL, 0), 0,
	       "the run's min_n decides: none when a group has fewer than 21 customers");
	is_int(segment_findings(r, &none, 0.05, 10, NULL, 0), 0, "without --by: no segment finding");
	load_result_free(r);
	free(text);
	return done_testing();
}

/* test_surv_run.c - the survival runner (surv_run.h) on small tables
 * written here: the rows without time at risk left out and counted, the
 * curves (all customers, then per --by level in sorted order) and their
 * medians worked by hand, the units (months -> days for dates, the default
 * times), every weight 0, options out of range, the timefix-aware rule for
 * no time at risk, and a row without a --by level. */
#include "churnkit/load.h"
#include "churnkit/surv_run.h"
#include "tablebuild.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	churn_err e;
	surv_run s;
	surv_run_opts o;

	/* Durations.  g's entry (2) is not before its exit (2): no time at
	 * risk, left out.  The rest: all 1e 2c 3e 4e 5e 6c, so S = 5/6, 5/8,
	 * 5/12, 5/24 at 1, 3, 4, 5 and the median is 4; B (4e 5e 6c) has S =
	 * 2/3, 1/3 at 4, 5 (median 5); Z (1e 2c 3e) has S = 2/3, 0 at 1, 3
	 * (median 3).  Levels come in sorted order: B before Z. */
	const char *dur = "id,t,e,seg,entry\n"
	                  "a,1,1,Z,0\nb,2,0,Z,0\nc,3,1,Z,0\n"
	                  "d,4,1,B,0\ne,5,1,B,0\nf,6,0,B,0\n"
	                  "g,2,1,B,2\n";
	const char *by[] = {"seg"};
	load_map m = {.id = "id", .duration = "t", .event = "e", .entry = "entry",
	              .by = by, .nby = 1};
	load_result *r = tb_load(dur, &m, NULL);
	ok(r != NULL, "the durations load");
	if (r == NULL)
		return done_testing();
	surv_run_input in = {.res = r, .map = &m, .display_name = "dur.csv"};

	surv_run_opts_init(&o, 0);
	is_int((long long)o.ntimes, 0, "durations: no default times");
	memset(&s, 0, sizeof s);
	is_int(surv_run_fit(&s, &in, &o, &e), CHURN_OK, "fits the durations");
	is_int((long long)s.excluded, 1, "the row whose entry is not before its exit is left out");
	is_int((long long)s.sd->n, 6, "six customers analysed");
	is_int((long long)s.a->ncurves, 3, "three curves: all customers, B, Z");
	is_double_rel(s.a->curve[0].stats.median, 4, 1e-12, "all customers: median 4");
	is_str(s.a->curve[1].level, "B", "the levels in sorted order: B first");
	is_double_rel(s.a->curve[1].stats.median, 5, 1e-12, "B: median 5");
	is_double_rel(s.a->curve[2].stats.median, 3, 1e-12, "Z: median 3");
	is_double_rel(km_surv_at(s.a->curve[0].km, 3.5), 5.0 / 8, 1e-12, "all: S(3.5) = 5/8");
	is_double_abs(s.month_len, 1, 0, "durations: times in their own unit");
	surv_run_free(&s);

	/* Options out of range are refused by the runner too. */
	o.conf_level = 1.5;
	is_int(surv_run_fit(&s, &in, &o, &e), CHURN_EUSAGE, "a conf level of 1.5 is refused");
	surv_run_free(&s);
	surv_run_opts_init(&o, 0);
	const double neg[] = {-1};
	o.times = neg;
	o.ntimes = 1;
	is_int(surv_run_fit(&s, &in, &o, &e), CHURN_EUSAGE, "a negative time is refused");
	surv_run_free(&s);
	load_result_free(r);

	/* Every weight 0: nobody to analyse. */
	const char *zero = "id,t,e,w\nx,3,1,0\ny,7,0,0\n";
	load_map mz = {.id = "id", .duration = "t", .event = "e", .weight = "w"};
	r = tb_load(zero, &mz, NULL);
	in.res = r;
	in.map = &mz;
	surv_run_opts_init(&o, 0);
	is_int(surv_run_fit(&s, &in, &o, &e), CHURN_EDATA, "every weight 0 is a data error");
	ok(strstr(e.msg, "no customer has a weight above 0") != NULL, "it says so: %s", e.msg);
	surv_run_free(&s);
	load_result_free(r);

	/* Dates: the default times are 3, 6, 12 and 24 months of 30.4375 days. */
	const char *dates = "id,start,end\n"
	                    "a,2024-01-01,2024-01-31\nb,2024-01-01,\nc,2024-02-01,2024-06-01\n";
	load_map md = {.id = "id", .start = "start", .end = "end"};
	r = tb_load(dates, &md, NULL);
	in.res = r;
	in.map = &md;
	surv_run_opts_init(&o, 1);
	is_int(surv_run_fit(&s, &in, &o, &e), CHURN_OK, "fits the dates");
	is_int((long long)s.ntimes, 4, "dates: four default times");
	is_double_rel(s.times_used[2], 12 * 30.4375, 1e-15, "12 months are 365.25 days");
	is_double_rel(s.so.early_threshold, 90, 0, "dates: early churn within 90 days");
	surv_run_free(&s);
	load_result_free(r);

	/* No time at risk is judged after R's timefix (docs/method.md, "Tied
	 * times and rows without time at risk"): an
	 * entry within rounding of its exit (2 - 1e-12 before 2) is the exit
	 * time, so b is left out like an entry equal to its exit; c's entry
	 * half a unit before its exit is kept. */
	const char *fix = "id,t,e,entry\n"
	                  "a,1,1,0\nb,2,1,1.999999999999\nc,2,0,1.5\nd,3,1,0\n";
	load_map mf = {.id = "id", .duration = "t", .event = "e", .entry = "entry"};
	r = tb_load(fix, &mf, NULL);
	in.res = r;
	in.map = &mf;
	surv_run_opts_init(&o, 0);
	is_int(surv_run_fit(&s, &in, &o, &e), CHURN_OK, "fits entries near their exits");
	is_int((long long)s.excluded, 1, "timefix: an entry 1e-12 before its exit has no time at risk");
	is_int((long long)s.sd->n, 3, "timefix: the entry half a unit before its exit is kept");
	surv_run_free(&s);
	load_result_free(r);

	/* Grouping: a row without a --by level is in the all-customers curve
	 * only, and counted as missing; the levels' curves hold the others. */
	const char *miss = "id,t,e,seg\n"
	                   "a,1,1,A\nb,2,0,A\nc,3,1,B\nd,4,1,B\ne,5,1,\n";
	load_map mm = {.id = "id", .duration = "t", .event = "e", .by = by, .nby = 1};
	r = tb_load(miss, &mm, NULL);
	in.res = r;
	in.map = &mm;
	surv_run_opts_init(&o, 0);
	is_int(surv_run_fit(&s, &in, &o, &e), CHURN_OK, "fits a --by column with a missing level");
	is_int((long long)s.a->ncurves, 3, "three curves: all customers, A, B");
	is_double_abs(s.a->curve[0].km->n, 5, 0, "all customers: the five rows");
	is_double_abs(s.a->curve[1].km->n + s.a->curve[2].km->n, 4, 0,
	              "the levels' curves hold the four rows with a level");
	is_double_abs(s.a->ntests == 1 ? s.a->test[0].missing : -1, 1, 0,
	              "the row without a level is counted as missing");
	surv_run_free(&s);
	load_result_free(r);
	return done_testing();
}

/* test_survdata.c - survival times and events from dates and durations. */
#include "churnkit/load.h"
#include "churnkit/survdata.h"
#include "tablebuild.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	load_opts o;
	churn_err e;
	survdata *s = NULL;
	load_opts_init(&o);

	const char *dates =
		"id,start,end,seen,plan\n"
		"a,2024-01-01,2024-01-31,,Pro\n"      /* churned after 30 days */
		"b,2024-02-29,,2024-03-10,Basic\n"    /* active: censored at as-of */
		"c,2024-03-01,2024-03-01,,\n"         /* churned on the signup day */
		"d,2024-01-15,,,Pro\n";
	const char *by[] = {"plan"};
	load_map m = {.id = "id", .start = "start", .end = "end", .entry = "seen",
	              .by = by, .nby = 1};
	load_result *r = tb_load(dates, &m, &o);
	ok(r != NULL, "survdata: the date file loads");
	if (r == NULL)
		return done_testing();
	is_int(survdata_build(r, &m, &s, &e), CHURN_OK, "survdata: built from dates");
	ok(s->date_mode, "survdata: dates give days");
	/* as-of defaults to the latest date: 2024-03-10. */
	is_double_rel(s->time[0], 30, 0, "survdata: 2024-01-01 to 2024-01-31 is 30 days");
	is_int(s->event[0], 1, "survdata: an end date is a churn");
	is_double_rel(s->time[1], 10, 0, "survdata: active from 2024-02-29 is censored at as-of (10 days)");
	is_int(s->event[1], 0, "survdata: no end date is censored");
	is_double_rel(s->entry[1], 10, 0, "survdata: entry 2024-03-10 is day 10 of tenure");
	is_double_rel(s->entry[0], 0, 0, "survdata: a missing entry date is entry at signup");
	is_double_rel(s->time[2], 0, 0, "survdata: churn on the signup day is time 0");
	is_int(s->event[2], 1, "survdata: and it is an event");
	is_double_rel(s->time[3], 55, 0, "survdata: 2024-01-15 to 2024-03-10 is 55 days");
	ok(s->weight == NULL, "survdata: no weights mapped, none given");
	is_int((long long)s->nby, 1, "survdata: one --by column");
	is_str(s->by[0].levels[s->by[0].codes[3]], "Pro", "survdata: by levels are the table's");
	ok(s->by[0].codes[2] == TABLE_CODE_NA, "survdata: a missing segment stays missing");
	survdata_free(s);
	load_result_free(r);

	const char *dur = "id,t,e,w\nx,3.5,yes,2\ny,7,no,1\n";
	load_map md = {.id = "id", .duration = "t", .event = "e", .weight = "w"};
	r = tb_load(dur, &md, &o);
	is_int(survdata_build(r, &md, &s, &e), CHURN_OK, "survdata: built from durations");
	ok(!s->date_mode, "survdata: durations keep their unit");
	is_double_rel(s->time[0], 3.5, 0, "survdata: duration taken as given");
	ok(s->event[0] == 1 && s->event[1] == 0, "survdata: events from the flag");
	is_double_rel(s->weight[0], 2, 0, "survdata: weights taken from the column");
	survdata_free(s);
	load_result_free(r);

	load_map none = {.id = "id"};
	r = tb_load(dur, &none, &o);
	is_int(survdata_build(r, &none, &s, &e), CHURN_EUSAGE,
	       "survdata: no dates and no durations is a usage error");
	load_result_free(r);
	return done_testing();
}

/* test_stagetime.c - the opt-in stage timers (perf, issue 15). */
#include "churnkit/stagetime.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>

/* Burns some CPU time, so that a step has more than zero. */
static double spin(void)
{
	volatile double x = 0;
	for (int i = 0; i < 2000000; i++)
		x += i * 1e-9;
	return x;
}

int main(void)
{
	stagetime t;
	char out[2048];

	stagetime_start(&t, 0);
	stagetime_mark(&t, "load");
	ok(t.n == 0, "stagetime: a timer that is off records nothing");
	stagetime_mark(NULL, "load");
	stagetime_print(NULL, stdout);
	ok(1, "stagetime: NULL is accepted");

	stagetime_start(&t, 1);
	spin();
	stagetime_mark(&t, "load");
	spin();
	stagetime_mark(&t, "fit");
	spin();
	stagetime_mark(&t, "load");
	is_int((int)t.n, 2, "stagetime: marks of one name add up in one step");
	is_int((int)t.step[0].count, 2, "stagetime: the first step was marked twice");
	is_str(t.step[1].name, "fit", "stagetime: steps in the order first marked");
	ok(t.step[0].cpu > 0 && t.step[1].cpu > 0, "stagetime: each step has CPU time");
	ok(t.step[0].cpu > t.step[1].cpu, "stagetime: two spins charged more than one");
	double sum = t.step[0].cpu + t.step[1].cpu;
	ok(sum <= t.cpu0 - t.cpu_start + 1e-9 && sum >= t.cpu0 - t.cpu_start - 1e-9,
	   "stagetime: the steps add up to the total");

	memset(out, 0, sizeof out);
	FILE *f = fmemopen(out, sizeof out - 1, "w");
	stagetime_print(&t, f);
	fclose(f);
	ok(strncmp(out, "stage ", 6) == 0 && strstr(out, "\nload ") && strstr(out, "\nfit ") &&
	   strstr(out, "\ntotal "), "stagetime: the table names each step and the total");

	stagetime many;
	char names[STAGETIME_MAX + 5][8];
	stagetime_start(&many, 1);
	for (int k = 0; k < STAGETIME_MAX + 5; k++) {
		snprintf(names[k], sizeof names[k], "s%d", k);
		stagetime_mark(&many, names[k]);
	}
	is_int((int)many.n, STAGETIME_MAX, "stagetime: past the table's size, steps are lumped");
	unsigned total = 0;
	for (size_t k = 0; k < many.n; k++)
		total += many.step[k].count;
	is_int((int)total, STAGETIME_MAX + 5, "stagetime: no mark is lost");
	is_int((int)many.step[STAGETIME_MAX - 1].count, 6, "stagetime: the last step lumps the rest");
	return done_testing();
}

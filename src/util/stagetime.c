/* stagetime.c - opt-in per-stage timers; see include/churnkit/stagetime.h. */
#include "churnkit/stagetime.h"

#include <string.h>
#include <time.h>

static double seconds(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void stagetime_start(stagetime *t, int on)
{
	if (t == NULL)
		return;
	memset(t, 0, sizeof *t);
	t->on = on != 0;
	if (!t->on)
		return;
	t->wall0 = t->wall_start = seconds(CLOCK_MONOTONIC);
	t->cpu0 = t->cpu_start = seconds(CLOCK_PROCESS_CPUTIME_ID);
}

void stagetime_mark(stagetime *t, const char *name)
{
	size_t k;

	if (t == NULL || !t->on)
		return;
	double wall = seconds(CLOCK_MONOTONIC), cpu = seconds(CLOCK_PROCESS_CPUTIME_ID);
	for (k = 0; k < t->n; k++)
		if (strcmp(t->step[k].name, name) == 0)
			break;
	if (k == t->n) {
		if (t->n < STAGETIME_MAX)
			t->step[t->n++].name = name;
		else
			k = STAGETIME_MAX - 1; /* the last slot lumps the overflow */
	}
	t->step[k].wall += wall - t->wall0;
	t->step[k].cpu += cpu - t->cpu0;
	t->step[k].count++;
	t->wall0 = wall;
	t->cpu0 = cpu;
}

void stagetime_print(const stagetime *t, FILE *f)
{
	if (t == NULL || !t->on)
		return;
	double cpu_all = t->cpu0 - t->cpu_start, wall_all = t->wall0 - t->wall_start;
	fprintf(f, "%-32s %9s %9s %6s\n", "stage", "wall (s)", "CPU (s)", "CPU %");
	for (size_t k = 0; k < t->n; k++) {
		const stagetime_step *s = &t->step[k];
		fprintf(f, "%-32s %9.3f %9.3f %5.1f%%\n", s->name, s->wall, s->cpu,
		        cpu_all > 0 ? 100 * s->cpu / cpu_all : 0.0);
	}
	fprintf(f, "%-32s %9.3f %9.3f %5.1f%%\n", "total", wall_all, cpu_all, 100.0);
}

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

static clockid_t cpu_clock(const stagetime *t)
{
	return t->thread ? CLOCK_THREAD_CPUTIME_ID : CLOCK_PROCESS_CPUTIME_ID;
}

void stagetime_start(stagetime *t, int on)
{
	if (t == NULL)
		return;
	memset(t, 0, sizeof *t);
	t->run_start = seconds(CLOCK_MONOTONIC);
	t->on = on != 0;
	if (!t->on)
		return;
	t->wall0 = t->wall_start = seconds(CLOCK_MONOTONIC);
	t->cpu0 = t->cpu_start = seconds(CLOCK_PROCESS_CPUTIME_ID);
}

/* The slot of the step `name`, added when new (the last slot lumps the
 * overflow). */
static stagetime_step *slot(stagetime *t, const char *name)
{
	size_t k;

	for (k = 0; k < t->n; k++)
		if (strcmp(t->step[k].name, name) == 0)
			return &t->step[k];
	if (t->n < STAGETIME_MAX) {
		t->step[t->n].name = name;
		return &t->step[t->n++];
	}
	return &t->step[STAGETIME_MAX - 1];
}

void stagetime_mark(stagetime *t, const char *name)
{
	if (t == NULL || !t->on)
		return;
	double wall = seconds(CLOCK_MONOTONIC), cpu = seconds(cpu_clock(t));
	stagetime_step *s = slot(t, name);
	s->wall += wall - t->wall0;
	s->cpu += cpu - t->cpu0;
	s->count++;
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

#define REDRAW_EVERY 0.1     /* seconds between two redraws (10 a second) */
#define CHECKS_PER_STAGE 200 /* clock readings over a stage of known total */
#define CHECK_UNKNOWN 1024   /* units between readings when the total is not known */

void stagetime_show(stagetime *t, stagetime_show_fn fn, void *ctx, double delay)
{
	if (t == NULL)
		return;
	memset(&t->pr, 0, sizeof t->pr);
	t->pr.fn = fn;
	t->pr.ctx = ctx;
	t->pr.delay = delay > 0 ? delay : 0;
}

/* Draws the stage at wall clock `now` when the delay has passed. */
static void draw(stagetime *t, double now)
{
	stagetime_progress *p = &t->pr;

	if (now - t->run_start < p->delay)
		return;
	p->v.clear = 0;
	p->v.elapsed = now - t->run_start;
	p->fn(p->ctx, &p->v);
	p->drawn = 1;
	p->next_draw = now + REDRAW_EVERY;
}

void stagetime_begin(stagetime *t, const char *stage, double total, const char *unit)
{
	if (t == NULL || t->pr.fn == NULL)
		return;
	stagetime_progress *p = &t->pr;
	p->v.stage = stage;
	p->v.unit = unit;
	p->v.total = total > 0 ? total : 0;
	p->v.done = 0;
	p->step = total > 0 ? total / CHECKS_PER_STAGE : CHECK_UNKNOWN;
	p->next_check = p->step;
	draw(t, seconds(CLOCK_MONOTONIC));  /* a new stage shows at once */
}

void stagetime_tick(stagetime *t, double done)
{
	if (t == NULL || t->pr.fn == NULL || done < t->pr.next_check)
		return;
	stagetime_progress *p = &t->pr;
	p->v.done = done;
	p->next_check = done + p->step;
	double now = seconds(CLOCK_MONOTONIC);
	if (now >= p->next_draw)
		draw(t, now);
}

void stagetime_clear(stagetime *t)
{
	if (t == NULL || t->pr.fn == NULL || !t->pr.drawn)
		return;
	stagetime_view v = {.clear = 1};
	t->pr.fn(t->pr.ctx, &v);
	t->pr.drawn = 0;
}

void stagetime_thread_clock(stagetime *t, int thread)
{
	if (t == NULL || !t->on)
		return;
	t->thread = thread != 0;
	t->cpu0 = seconds(cpu_clock(t));
}

void stagetime_merge(stagetime *t, const stagetime *from)
{
	if (t == NULL || !t->on || from == NULL || !from->on)
		return;
	for (size_t j = 0; j < from->n; j++) {
		stagetime_step *s = slot(t, from->step[j].name);
		s->wall += from->step[j].wall;
		s->cpu += from->step[j].cpu;
		s->count += from->step[j].count;
	}
}

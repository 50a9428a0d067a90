/*
 * stagetime.h - opt-in per-stage timers for profiling a run.
 *
 * A command that wants its stages timed owns one stagetime (a plain value,
 * no allocation) and passes a pointer to it down to the stages it runs;
 * each stage calls stagetime_mark when one of its steps ends, naming the
 * step.  A mark charges the wall time (CLOCK_MONOTONIC) and the process's
 * CPU time (CLOCK_PROCESS_CPUTIME_ID, user + system over every thread)
 * since the previous mark to that name; marks of the same name add up.
 * The table is printed to a stream (stderr) by the command at its end.
 * Every function accepts NULL, or a timer that is off, and then does
 * nothing, so the stages mark unconditionally.  Timing never changes any
 * output's bytes.  No globals: the owner of the struct owns all of it.
 */
#ifndef CHURNKIT_STAGETIME_H
#define CHURNKIT_STAGETIME_H

#include <stdio.h>

#define STAGETIME_MAX 48  /* distinct step names kept; later ones are lumped */

typedef struct {
	const char *name; /* a string constant of the caller's (not copied) */
	double wall, cpu; /* seconds charged to it */
	unsigned count;   /* marks charged to it */
} stagetime_step;

typedef struct {
	int on;                            /* 0: every call does nothing */
	double wall0, cpu0;                /* at the last mark (or the start) */
	double wall_start, cpu_start;      /* at stagetime_start */
	size_t n;                          /* steps in use */
	stagetime_step step[STAGETIME_MAX];
} stagetime;

/* Sets t up, on when `on` is non-zero, and starts the clocks. */
void stagetime_start(stagetime *t, int on);

/* Charges the time since the previous mark to the step `name` (a string
 * that outlives t). */
void stagetime_mark(stagetime *t, const char *name);

/* Prints the steps in the order they were first marked, with their wall
 * and CPU seconds and their share of the CPU time since the start, and a
 * total line, to f. */
void stagetime_print(const stagetime *t, FILE *f);

#endif

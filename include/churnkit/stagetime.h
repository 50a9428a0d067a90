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
 *
 * The same clock drives the progress line of a long run (docs/outputs.md,
 * "Progress").  The command installs a display with stagetime_show; a
 * stage that can take long says which it is with stagetime_begin (its
 * name, and the total of its work when known: bytes, rows, folds) and how
 * far it has got with stagetime_tick.  The library never prints: the
 * display is the command's callback, called once the run has lasted the
 * display's delay, at most ten times a second, and never more often than
 * the clock is read.  stagetime_tick reads the clock only when the work
 * done has grown by a two-hundredth of the total (1024 units when the
 * total is unknown), so it may be called per row.  stagetime_clear erases
 * the line (before any other message, and at the end of the run).  Without
 * a display these functions do nothing.
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

/* What the progress display is asked to show. */
typedef struct {
	int clear;           /* 1: erase the line; nothing else is set */
	const char *stage;   /* "loading", "cox model" */
	const char *unit;    /* "bytes", "rows", "folds"; NULL: no count */
	double done, total;  /* total 0: not known */
	double elapsed;      /* seconds since stagetime_start */
} stagetime_view;

/* A progress display: draws (or erases) the line; ctx is the display's. */
typedef void (*stagetime_show_fn)(void *ctx, const stagetime_view *v);

typedef struct {
	stagetime_show_fn fn;  /* NULL: no progress line */
	void *ctx;
	double delay;          /* seconds from the start before the first draw */
	double next_draw;      /* wall clock before which no tick redraws */
	int drawn;             /* the line is showing */
	stagetime_view v;      /* the stage shown */
	double next_check;     /* done at which a tick next reads the clock */
	double step;           /* done between two readings of the clock */
} stagetime_progress;

typedef struct {
	int on;                            /* 0: every call does nothing */
	int thread;                        /* 1: CPU time of the calling thread */
	double wall0, cpu0;                /* at the last mark (or the start) */
	double wall_start, cpu_start;      /* at stagetime_start */
	size_t n;                          /* steps in use */
	stagetime_step step[STAGETIME_MAX];
	double run_start;                  /* wall clock at stagetime_start */
	stagetime_progress pr;             /* the progress line (stagetime_show) */
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

/* Work on two threads (model_run.c): the CPU time of each mark is the
 * process's, which counts the other thread's work too.  While a second
 * thread runs, the first charges its own thread's CPU time
 * (stagetime_thread_clock(t, 1), then 0 after the join) and the second
 * keeps its own timer without a display, switched to its thread's clock
 * by the thread itself (a thread clock reads the calling thread), whose
 * steps stagetime_merge adds into t after the join (steps of the same name
 * add up; the total line stays the process's).  A timer is used by one
 * thread at a time. */
void stagetime_thread_clock(stagetime *t, int thread);
void stagetime_merge(stagetime *t, const stagetime *from);

/* Installs the progress display fn(ctx, ...) on a started t: it is first
 * called once `delay` seconds have passed since stagetime_start. */
void stagetime_show(stagetime *t, stagetime_show_fn fn, void *ctx, double delay);

/* Starts the stage `stage` (a string that outlives t) of `total` units
 * (0: not known) of `unit` (NULL: no count, the elapsed time only), and
 * shows it at once when the delay has passed. */
void stagetime_begin(stagetime *t, const char *stage, double total, const char *unit);

/* Says that `done` units of the stage are done; redraws the line when it
 * is due. */
void stagetime_tick(stagetime *t, double done);

/* Erases the progress line if it shows; the next begin or tick draws it
 * again. */
void stagetime_clear(stagetime *t);

#endif

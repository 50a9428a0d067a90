/*
 * progress.h - the progress line of a long run on standard error
 * (docs/outputs.md, "Progress").
 *
 * The command owns a cli_progress and its stagetime (stagetime.h); the
 * stages it runs draw through the stagetime's display, which is this one.
 * The line is shown when standard error is a terminal, or with --progress,
 * and never with --no-progress or --quiet (whichever order they come in);
 * it appears once the run has lasted a second (CHURNKIT_PROGRESS_DELAY,
 * seconds: a test knob), is redrawn in place with a carriage return, and
 * is erased before any other message and at the end.  It never changes an
 * output's bytes.
 */
#ifndef CHURNKIT_CLI_PROGRESS_H
#define CHURNKIT_CLI_PROGRESS_H

#include <stdio.h>

#include "churnkit/err.h"
#include "churnkit/stagetime.h"
#include "options.h"

typedef struct {
	FILE *f;        /* where the line goes (stderr) */
	size_t width;   /* characters of the line drawn last */
} cli_progress;

/* Starts t (timed when CHURNKIT_TIMING=1, bench/README.md) and, when the
 * options and standard error call for the line, installs p as its
 * display.  A malformed CHURNKIT_PROGRESS_DELAY is a usage error. */
churn_status cli_progress_start(cli_progress *p, stagetime *t, const cli_opts *o,
                                churn_err *err);

/* CHURNKIT_TIMING=1: the stage timings are wanted. */
int cli_timing_wanted(void);

/* The display (a stagetime_show_fn): ctx is a cli_progress. */
void cli_progress_show(void *ctx, const stagetime_view *v);

#endif

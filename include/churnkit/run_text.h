/*
 * run_text.h - the lines a command prints around its stage's text: the
 * one-line header naming the input and its rows (`churnkit survival`,
 * `cohorts`, `model`) and the score command's note on its segments.
 *
 * name is the input as shown (load_opts.display_name); everything is
 * borrowed.
 */
#ifndef CHURNKIT_RUN_TEXT_H
#define CHURNKIT_RUN_TEXT_H

#include <stdio.h>

#include "churnkit/load.h"
#include "churnkit/segment_run.h"

/* The headers below say "N customers used" of the rows loaded; with
 * frequency weights (weight_col, --weight; NULL: none), "C customers
 * (weights in COL) in N rows used", C the sum of the weights. */

/* "churnkit survival: NAME, N customers used of M rows read (K rejected)",
 * ", as of DATE" with dates (date_mode 1) and an as-of, then a newline. */
void run_text_survival_header(FILE *f, const char *name, const load_result *r, int date_mode,
                              const char *weight_col);

/* "churnkit cohorts: NAME, N customers used of M rows read (K rejected),
 * as of DATE" and a newline. */
void run_text_cohorts_header(FILE *f, const char *name, const load_result *r,
                             const char *weight_col);

/* "churnkit model: NAME, N customers used of M rows read (K rejected)",
 * ", as of DATE" when there is one, then a blank line. */
void run_text_model_header(FILE *f, const char *name, const load_result *r,
                           const char *weight_col);

/* The score command's line when the segments assume a 12-month horizon
 * (the scores have none in months) for their revenue; nothing otherwise. */
void run_text_segments_note(FILE *f, const segment_run *g);

#endif

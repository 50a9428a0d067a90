/*
 * outfile.h - atomic output files.
 *
 * outfile_open creates a temporary file beside the target (same directory,
 * so rename(2) is atomic); outfile_commit closes it and renames it over the
 * target; outfile_abort closes and removes it.  A failed run therefore never
 * leaves a half-written file, and an old file at the target survives until
 * the new one is complete.  The path "-" means standard output (written
 * directly, never closed).  A target that exists and is not a regular file
 * (a FIFO, /dev/null, /dev/stdout, a socket) is opened and written as it is,
 * since renaming over it would replace it; a symbolic link to a regular
 * file has the file it names replaced, and stays a link.  The caller owns the handle until commit or abort,
 * which free it.
 */
#ifndef CHURNKIT_OUTFILE_H
#define CHURNKIT_OUTFILE_H

#include <stdio.h>

#include "churnkit/err.h"

typedef struct outfile outfile;

churn_status outfile_open(const char *path, outfile **out, churn_err *err);
/* The stream to write to. */
FILE *outfile_stream(outfile *o);
/* Flushes, closes and renames into place; frees the handle. */
churn_status outfile_commit(outfile *o, churn_err *err);
/* Closes and removes the temporary file; frees the handle.  Accepts NULL. */
void outfile_abort(outfile *o);

#endif

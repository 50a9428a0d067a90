/*
 * outfile.h - output files written as one set, atomically.
 *
 * A run's outputs (the PDF, --json, --scores, --rejects, the --tables
 * files) are written as one set (docs/outputs.md): each goes to a temporary
 * file beside its target (TARGET.tmp.XXXXXX, same directory, so rename(2) is
 * atomic), and nothing is renamed into place until the whole run has
 * succeeded; then outset_commit renames every finished temporary over its
 * target.  A failed run removes them all (outset_abort), so a failure
 * never leaves a new PDF beside old scores, and old outputs survive whole.
 *
 * outfile_open creates one temporary; outfile_commit closes it, checks that
 * every byte was written and hands it to its set (or, without a set,
 * renames it at once); outfile_abort closes and removes it.  The path "-"
 * means standard output (written directly, never closed).  A target that
 * exists and is not a regular file (a FIFO, /dev/null, /dev/stdout, a
 * socket) is opened and written as it is, since renaming over it would
 * replace it: such outputs are outside the set's guarantee.  A symbolic
 * link to a regular file has the file it names replaced, and stays a link.
 * A file that replaces another keeps the mode of the file it replaces (a
 * 0600 scores file stays 0600); a new file gets 0666 less the umask.
 *
 * Signals (outset_guard): SIGINT, SIGTERM and SIGHUP are blocked in every
 * thread and taken by one guard thread with sigwait(2); the guard is handed
 * the set when it starts (no global state), takes the set's lock, removes
 * every temporary and every directory the set created, and then dies of the
 * same signal with its default action.  Since the set's lock is also held
 * while temporaries are created and while outset_commit renames, a signal
 * finds either no output renamed or all of them.  SIGKILL cannot be caught:
 * after it, TARGET.tmp.XXXXXX files may remain (old outputs are intact).
 *
 * Ownership: the caller owns an outset (outset_new/outset_free) and an
 * outfile until outfile_commit or outfile_abort, which free the handle; the
 * set then owns the finished temporary.
 */
#ifndef CHURNKIT_OUTFILE_H
#define CHURNKIT_OUTFILE_H

#include <stdio.h>

#include "churnkit/err.h"

typedef struct outfile outfile;
typedef struct outset outset;

/* A new, empty set in *out; free with outset_free. */
churn_status outset_new(outset **out, churn_err *err);
/* Renames every finished temporary into place, in the order they were
 * opened, and empties the set.  Fails (CHURN_EIO naming the target)
 * only when a rename fails; the temporaries not yet renamed are removed
 * then.  Open (unfinished) outfiles are not touched. */
churn_status outset_commit(outset *s, churn_err *err);
/* Removes every finished temporary and every directory outset_mkdir
 * created (when empty), and empties the set. */
void outset_abort(outset *s);
/* Number of finished temporaries waiting for outset_commit. */
size_t outset_pending(const outset *s);
/* Makes sure directory `dir` exists, creating it (mode 0777 less the
 * umask) when missing; a directory it creates is removed again by
 * outset_abort when empty.  CHURN_EIO naming dir when it cannot be created
 * or is not a directory. */
churn_status outset_mkdir(outset *s, const char *dir, churn_err *err);
/* Starts the signal guard for s (see above).  Call it once, from the only
 * thread of the process, before any other thread exists. */
churn_status outset_guard(outset *s, churn_err *err);
/* Stops the guard (if started), aborts what is left and frees the set.
 * Accepts NULL. */
void outset_free(outset *s);

/* Opens a temporary for `path` in set `s` (NULL: no set, commit renames at
 * once).  On success *out is a new handle. */
churn_status outfile_open(outset *s, const char *path, outfile **out, churn_err *err);
/* The stream to write to. */
FILE *outfile_stream(outfile *o);
/* Flushes and closes the stream, failing with CHURN_EIO naming the target
 * when any write failed; hands the temporary to the set (or renames it into
 * place when there is none); frees the handle in every case. */
churn_status outfile_commit(outfile *o, churn_err *err);
/* Closes and removes the temporary file; frees the handle.  Accepts NULL. */
void outfile_abort(outfile *o);

#endif

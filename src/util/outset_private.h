/*
 * outset_private.h - the inside of an output set (include/churnkit/
 * outfile.h), shared by outfile.c and the signal guard in outguard.c;
 * outfile.c calls down into outguard.c, never the other way.
 *
 * Every field is read and written with `lock` held: the guard thread reads
 * the temporaries' names while the main thread may be adding one.
 */
#ifndef CHURNKIT_OUTSET_PRIVATE_H
#define CHURNKIT_OUTSET_PRIVATE_H

#include "churnkit/outfile.h"

#include <pthread.h>
#include <signal.h>

typedef struct {
	char *tmp;      /* the temporary's path; NULL = a free slot */
	char *target;   /* what it becomes at outset_commit */
	int finished;   /* 1 once outfile_commit checked and closed it */
} outset_entry;

struct outset {
	pthread_mutex_t lock;
	outset_entry *e;
	size_t n, cap;
	char **dirs;          /* directories outset_mkdir created, in order */
	size_t ndirs;
	int guarded;          /* 1 from outset_guard until the mask is restored */
	pthread_t guard;
	sigset_t mask;        /* the signals the guard takes */
	sigset_t oldmask;     /* the mask before outset_guard, restored after */
};

/* Unlinks every temporary and removes the created directories (when
 * empty); the caller holds s->lock.  Names stay registered. */
void outset_remove_locked(outset *s);
/* Stops the guard thread (when started); the signals stay blocked. */
void outset_guard_stop(outset *s);
/* Restores the signal mask of before outset_guard (when started): a
 * SIGPIPE held pending since is delivered now.  Call it last, once no
 * temporary is left. */
void outset_guard_unmask(outset *s);

#endif

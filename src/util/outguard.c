/* outguard.c - the signal guard of an output set (include/churnkit/
 * outfile.h, docs/outputs.md).
 *
 * Why a thread: a signal handler can only call async-signal-safe functions
 * and can only reach data through global variables, which churnkit does not
 * have.  Instead SIGINT, SIGTERM and SIGHUP are blocked in the main thread
 * before the guard starts (threads inherit the mask), and the guard waits
 * for them with sigwait(2).  It is an ordinary thread, handed its set as
 * its argument: it takes the set's lock, removes the temporaries, restores
 * the default action and raises the signal again, so that the process dies
 * of it as it would have without churnkit's help (the shell sees 128 + N).
 * It never lets go of the lock, so no output is renamed after the signal.
 */
#include "outset_private.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* Removes every temporary and the directories the set made; the caller
 * holds the lock.  Used by the signal guard and by outset_abort and
 * outset_free; it lives here, not in outfile.c, so that the guard depends
 * on nothing of outfile.c (no cycle between the two files). */
void outset_remove_locked(outset *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->e[i].tmp != NULL)
			unlink(s->e[i].tmp);
	for (size_t i = s->ndirs; i > 0; i--)
		rmdir(s->dirs[i - 1]);
}

static void *guard_main(void *arg)
{
	outset *s = arg;
	int sig;

	while (sigwait(&s->mask, &sig) != 0)
		;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	pthread_mutex_lock(&s->lock);
	outset_remove_locked(s);
	signal(sig, SIG_DFL);
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, sig);
	pthread_sigmask(SIG_UNBLOCK, &one, NULL);
	raise(sig);
	/* Not reached: the default action of these signals ends the process.
	 * Were it to return, the temporaries are gone and a commit fails. */
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

churn_status outset_guard(outset *s, churn_err *err)
{
	int rc;

	if (s->guarded)
		return CHURN_OK;
	sigemptyset(&s->mask);
	sigaddset(&s->mask, SIGINT);
	sigaddset(&s->mask, SIGTERM);
	sigaddset(&s->mask, SIGHUP);
	/* SIGPIPE (standard output closed early: `--json - | head`) is sent
	 * to the thread that wrote, so the guard cannot take it: it stays
	 * blocked and pending in the main thread, whose write fails with
	 * EPIPE instead, and is delivered when outset_free restores the mask,
	 * after the temporaries are gone. */
	sigset_t block = s->mask;
	sigaddset(&block, SIGPIPE);
	if ((rc = pthread_sigmask(SIG_BLOCK, &block, &s->oldmask)) != 0)
		return churn_err_set(err, CHURN_EIO, "cannot block signals: %s", strerror(rc));
	if ((rc = pthread_create(&s->guard, NULL, guard_main, s)) != 0) {
		pthread_sigmask(SIG_SETMASK, &s->oldmask, NULL);
		return churn_err_set(err, rc == EAGAIN ? CHURN_ENOMEM : CHURN_EIO,
		                     "cannot start the signal guard: %s", strerror(rc));
	}
	s->guarded = 1;
	return CHURN_OK;
}

void outset_guard_stop(outset *s)
{
	if (!s->guarded)
		return;
	pthread_cancel(s->guard);
	pthread_join(s->guard, NULL);
}

void outset_guard_unmask(outset *s)
{
	if (!s->guarded)
		return;
	s->guarded = 0;
	pthread_sigmask(SIG_SETMASK, &s->oldmask, NULL);
}

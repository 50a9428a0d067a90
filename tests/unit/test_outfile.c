/* test_outfile.c - atomic output files: a regular file is replaced whole or
 * not at all, and targets that are not regular files (a FIFO, /dev/null)
 * are written as they are instead of being replaced by a renamed file; a
 * symbolic link keeps pointing at its file.  Output sets: nothing is in
 * place before outset_commit, an abort leaves every old file and no
 * temporary, a replaced file keeps its mode, one target cannot be written
 * twice, and a SIGTERM or SIGINT removes the temporaries. */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "churnkit/outfile.h"
#include "tap.h"

static char dir[256];

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static char *get(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	size_t k = 0;
	buf[0] = '\0';
	if (f) {
		k = fread(buf, 1, n - 1, f);
		buf[k] = '\0';
		fclose(f);
	}
	return buf;
}

/* Files in dir other than the ones a test made (temporary leftovers). */
static int leftovers(void)
{
	char cmd[400], buf[64];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -c '\\.tmp\\.'", dir);
	FILE *p = popen(cmd, "r");
	int n = -1;
	if (p && fgets(buf, sizeof buf, p))
		n = atoi(buf);
	if (p)
		pclose(p);
	return n;
}

static churn_status write_set(outset *set, const char *path, const char *text, int commit)
{
	outfile *o = NULL;
	churn_err err;
	churn_status st = outfile_open(set, path, &o, &err);
	if (st != CHURN_OK)
		return st;
	fputs(text, outfile_stream(o));
	if (!commit) {
		outfile_abort(o);
		return CHURN_OK;
	}
	return outfile_commit(o, &err);
}

static churn_status write_text(const char *path, const char *text, int commit)
{
	return write_set(NULL, path, text, commit);
}

/* Two outputs in one set: neither is in place before the commit; after it
 * both are; an abort leaves the old files and no temporary. */
static void test_set(void)
{
	char a[400], b[400], sub[400], c[400], buf[64];
	churn_err err;
	outset *set = NULL;
	struct stat sb;

	snprintf(a, sizeof a, "%s/a.pdf", dir);
	snprintf(b, sizeof b, "%s/b.csv", dir);
	put(a, "old a\n");
	put(b, "old b\n");
	is_int(outset_new(&set, &err), CHURN_OK, "set: a new set");
	is_int(write_set(set, a, "new a\n", 1), CHURN_OK, "set: first output written");
	is_int(write_set(set, b, "new b\n", 1), CHURN_OK, "set: second output written");
	is_str(get(a, buf, sizeof buf), "old a\n", "set: nothing is in place before the commit");
	is_int((int)outset_pending(set), 2, "set: two outputs wait for the commit");
	is_int(outset_commit(set, &err), CHURN_OK, "set: committed");
	is_str(get(a, buf, sizeof buf), "new a\n", "set: the first output is in place");
	is_str(get(b, buf, sizeof buf), "new b\n", "set: the second output is in place");
	is_int(leftovers(), 0, "set: no temporary after the commit");

	/* A failure after the first output: abort keeps every old file, and
	 * removes the tables directory the set created. */
	snprintf(sub, sizeof sub, "%s/tables", dir);
	snprintf(c, sizeof c, "%s/tables/kpis.csv", dir);
	is_int(write_set(set, a, "newer a\n", 1), CHURN_OK, "abort: first output written");
	is_int(outset_mkdir(set, sub, &err), CHURN_OK, "abort: the tables directory made");
	is_int(write_set(set, c, "kpis\n", 1), CHURN_OK, "abort: a table written");
	outset_abort(set);
	is_str(get(a, buf, sizeof buf), "new a\n", "abort: the old output is left whole");
	ok(stat(sub, &sb) != 0, "abort: the directory the set made is gone");
	is_int(leftovers(), 0, "abort: no temporary is left");
	is_int((int)outset_pending(set), 0, "abort: the set is empty");

	/* One target twice in one set is refused (one would overwrite the
	 * other), through another spelling too. */
	snprintf(c, sizeof c, "%s/./a.pdf", dir);
	is_int(write_set(set, a, "one\n", 1), CHURN_OK, "twice: the first is written");
	is_int(write_set(set, c, "two\n", 1), CHURN_EUSAGE,
	       "twice: the same file again (./a.pdf) is refused");
	outset_free(set);  /* frees without committing: the old file stays */
	is_str(get(a, buf, sizeof buf), "new a\n", "free: an uncommitted set changes nothing");
	is_int(leftovers(), 0, "free: no temporary is left");

	/* The mode of a replaced file is kept; a new file gets 0666 - umask. */
	chmod(b, 0600);
	is_int(write_text(b, "secret\n", 1), CHURN_OK, "mode: a 0600 file rewritten");
	ok(stat(b, &sb) == 0 && (sb.st_mode & 07777) == 0600, "mode: still 0600");
	chmod(b, 0640);
	is_int(write_text(b, "group\n", 1), CHURN_OK, "mode: a 0640 file rewritten");
	ok(stat(b, &sb) == 0 && (sb.st_mode & 07777) == 0640, "mode: still 0640");
	unlink(a);
	unlink(b);
}

/* A child writes into a guarded set and is sent `sig` before the commit:
 * it dies of the signal, no temporary is left, the old file is whole. */
static void test_signal(int sig, const char *name)
{
	char a[400], buf[64];
	int pipefd[2], status = 0;

	snprintf(a, sizeof a, "%s/sig.csv", dir);
	put(a, "old\n");
	if (!ok(pipe(pipefd) == 0, "%s: a pipe", name))
		return;
	pid_t pid = fork();
	if (pid == 0) {
		churn_err err;
		outset *set = NULL;
		outfile *o = NULL;
		close(pipefd[0]);
		char b[400];
		snprintf(b, sizeof b, "%s/sig_done.csv", dir);
		/* One output finished (waiting for the commit), one being
		 * written. */
		if (outset_new(&set, &err) != CHURN_OK || outset_guard(set, &err) != CHURN_OK ||
		    write_set(set, b, "finished\n", 1) != CHURN_OK ||
		    outfile_open(set, a, &o, &err) != CHURN_OK)
			_exit(3);
		fputs("half written", outfile_stream(o));
		fflush(outfile_stream(o));
		if (write(pipefd[1], "x", 1) != 1)  /* the temporary exists now */
			_exit(4);
		pause();  /* the guard ends the process */
		_exit(5);
	}
	close(pipefd[1]);
	if (read(pipefd[0], buf, 1) == 1) {
		is_int(leftovers(), 2, "%s: two temporaries (one finished) exist while the child "
		       "writes", name);
		kill(pid, sig);
	}
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == sig, "%s: the child dies of %s", name,
	   name);
	is_int(leftovers(), 0, "%s: no temporary is left", name);
	is_str(get(a, buf, sizeof buf), "old\n", "%s: the old file is whole", name);
	snprintf(a, sizeof a, "%s/sig_done.csv", dir);
	ok(access(a, F_OK) != 0, "%s: the finished output was never put in place", name);
	snprintf(a, sizeof a, "%s/sig.csv", dir);
	unlink(a);
}

int main(void)
{
	char path[400], link[400], fifo[400], buf[256];
	struct stat sb;
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	snprintf(dir, sizeof dir, "%s/test_outfile.XXXXXX", base);
	if (mkdtemp(dir) == NULL) {
		ok(0, "a temporary directory");
		return done_testing();
	}

	snprintf(path, sizeof path, "%s/out.csv", dir);
	put(path, "old\n");
	is_int(write_text(path, "new\n", 1), CHURN_OK, "regular file: written");
	is_str(get(path, buf, sizeof buf), "new\n", "regular file: replaced whole");
	is_int(write_text(path, "half", 0), CHURN_OK, "regular file: an aborted write");
	is_str(get(path, buf, sizeof buf), "new\n", "regular file: an abort leaves the old file");
	is_int(leftovers(), 0, "no temporary file is left behind");

	/* A symbolic link to the file: the file is replaced, the link stays. */
	snprintf(link, sizeof link, "%s/link.csv", dir);
	ok(symlink("out.csv", link) == 0, "a link to the file");
	is_int(write_text(link, "via link\n", 1), CHURN_OK, "link: written");
	ok(lstat(link, &sb) == 0 && S_ISLNK(sb.st_mode), "link: still a symbolic link");
	is_str(get(path, buf, sizeof buf), "via link\n", "link: the file it names has the text");

	/* A FIFO: written through, still a FIFO afterwards.  Opened for reading
	 * (and writing, so that neither side blocks) before churnkit writes. */
	snprintf(fifo, sizeof fifo, "%s/pipe", dir);
	if (ok(mkfifo(fifo, 0600) == 0, "a FIFO")) {
		int fd = open(fifo, O_RDWR | O_NONBLOCK);
		is_int(write_text(fifo, "through the pipe\n", 1), CHURN_OK, "FIFO: written");
		ssize_t k = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
		buf[k > 0 ? k : 0] = '\0';
		is_str(buf, "through the pipe\n", "FIFO: the reader gets the text");
		ok(stat(fifo, &sb) == 0 && S_ISFIFO(sb.st_mode), "FIFO: still a FIFO");
		if (fd >= 0)
			close(fd);
	}

	/* /dev/null stays the device (as root, a rename over it would replace it). */
	is_int(write_text("/dev/null", "discarded\n", 1), CHURN_OK, "/dev/null: written");
	ok(stat("/dev/null", &sb) == 0 && S_ISCHR(sb.st_mode), "/dev/null: still a device");

	test_set();
	test_signal(SIGTERM, "SIGTERM");
	test_signal(SIGINT, "SIGINT");

	/* A directory is refused. */
	is_int(write_text(dir, "x", 1), CHURN_EIO, "a directory is an I/O error");

	unlink(fifo);
	unlink(link);
	unlink(path);
	rmdir(dir);
	return done_testing();
}

/* test_outfile.c - atomic output files: a regular file is replaced whole or
 * not at all, and targets that are not regular files (a FIFO, /dev/null)
 * are written as they are instead of being replaced by a renamed file; a
 * symbolic link keeps pointing at its file. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

static churn_status write_text(const char *path, const char *text, int commit)
{
	outfile *o = NULL;
	churn_err err;
	churn_status st = outfile_open(path, &o, &err);
	if (st != CHURN_OK)
		return st;
	fputs(text, outfile_stream(o));
	if (!commit) {
		outfile_abort(o);
		return CHURN_OK;
	}
	return outfile_commit(o, &err);
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

	/* A directory is refused. */
	is_int(write_text(dir, "x", 1), CHURN_EIO, "a directory is an I/O error");

	unlink(fifo);
	unlink(link);
	unlink(path);
	rmdir(dir);
	return done_testing();
}

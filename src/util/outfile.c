/* outfile.c - see include/churnkit/outfile.h. */
#include "churnkit/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct outfile {
	FILE *f;
	char *path;
	char *tmp;      /* NULL for standard output and for direct writes */
	int direct;     /* 1: f is the target itself (a FIFO, a device) */
};

churn_status outfile_open(const char *path, outfile **out, churn_err *err)
{
	outfile *o = calloc(1, sizeof *o);
	*out = NULL;
	if (o == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if (strcmp(path, "-") == 0) {
		o->f = stdout;
		*out = o;
		return CHURN_OK;
	}
	struct stat sb;
	int exists = stat(path, &sb) == 0;
	if (exists && S_ISDIR(sb.st_mode)) {
		free(o);
		return churn_err_at(err, CHURN_EIO, path, 0, 0, "is a directory");
	}
	/* A FIFO, a device or a socket (/dev/null, /dev/stdout, a pipe) is
	 * written to as it is: renaming a file over it would replace it. */
	if (exists && !S_ISREG(sb.st_mode)) {
		o->f = fopen(path, "wb");
		if (o->f == NULL) {
			int e = errno;
			free(o);
			return churn_err_at(err, CHURN_EIO, path, 0, 0, "cannot open: %s", strerror(e));
		}
		o->direct = 1;
		o->path = strdup(path);   /* for messages; NULL is tolerated */
		*out = o;
		return CHURN_OK;
	}
	/* A symbolic link to a regular file: replace the file it names, not
	 * the link. */
	char *real = exists ? realpath(path, NULL) : NULL;
	o->path = strdup(real != NULL ? real : path);
	free(real);
	/* The temporary name is only set once it names a file we created, so
	 * that outfile_abort never removes anything else.  Messages name the
	 * path as the caller gave it (still valid: the caller owns it). */
	char *tmp = o->path ? malloc(strlen(o->path) + 16) : NULL;
	if (o->path == NULL || tmp == NULL) {
		free(tmp);
		outfile_abort(o);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	sprintf(tmp, "%s.tmp.XXXXXX", o->path);
	int fd = mkstemp(tmp);
	if (fd >= 0)
		o->tmp = tmp;
	if (fd < 0) {
		int e = errno;
		free(tmp);
		outfile_abort(o);
		return churn_err_at(err, CHURN_EIO, path, 0, 0, "cannot create: %s",
		                    strerror(e));
	}
	/* mkstemp makes 0600; give the file the usual permissions. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	o->f = fdopen(fd, "wb");
	if (o->f == NULL) {
		close(fd);
		outfile_abort(o);
		return churn_err_at(err, CHURN_EIO, path, 0, 0, "cannot create: %s",
		                    strerror(errno));
	}
	*out = o;
	return CHURN_OK;
}

FILE *outfile_stream(outfile *o)
{
	return o->f;
}

churn_status outfile_commit(outfile *o, churn_err *err)
{
	churn_status st = CHURN_OK;
	if (o->direct) {
		int bad = ferror(o->f);
		if (fclose(o->f) != 0 || bad)
			st = churn_err_at(err, CHURN_EIO, o->path ? o->path : "output", 0, 0,
			                  "write failed: %s", strerror(errno));
		free(o->path);
		free(o);
		return st;
	}
	if (o->tmp == NULL) {
		if (fflush(o->f) != 0 || ferror(o->f))
			st = churn_err_set(err, CHURN_EIO, "cannot write to standard output");
		free(o);
		return st;
	}
	int bad = ferror(o->f);
	if (fclose(o->f) != 0 || bad) {
		st = churn_err_at(err, CHURN_EIO, o->path, 0, 0, "write failed: %s",
		                  strerror(errno));
		o->f = NULL;
		outfile_abort(o);
		return st;
	}
	o->f = NULL;
	if (rename(o->tmp, o->path) != 0) {
		st = churn_err_at(err, CHURN_EIO, o->path, 0, 0, "cannot replace: %s",
		                  strerror(errno));
		outfile_abort(o);
		return st;
	}
	free(o->tmp);
	free(o->path);
	free(o);
	return CHURN_OK;
}

void outfile_abort(outfile *o)
{
	if (o == NULL)
		return;
	if (o->f != NULL && o->f != stdout)
		fclose(o->f);
	if (o->tmp != NULL)
		remove(o->tmp);
	free(o->tmp);
	free(o->path);
	free(o);
}

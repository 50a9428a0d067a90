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
	char *tmp;      /* NULL for standard output */
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
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		free(o);
		return churn_err_at(err, CHURN_EIO, path, 0, 0, "is a directory");
	}
	/* The temporary name is only set once it names a file we created, so
	 * that outfile_abort never removes anything else. */
	char *tmp = malloc(strlen(path) + 16);
	o->path = strdup(path);
	if (o->path == NULL || tmp == NULL) {
		free(tmp);
		outfile_abort(o);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	sprintf(tmp, "%s.tmp.XXXXXX", path);
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

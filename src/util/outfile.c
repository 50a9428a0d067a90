/* outfile.c - see include/churnkit/outfile.h (the guard thread is in
 * outguard.c; the rules are in docs/outputs.md). */
#include "outset_private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct outfile {
	FILE *f;
	char *path;     /* the target (a symbolic link resolved) */
	char *tmp;      /* NULL for standard output and for direct writes */
	int direct;     /* 1: f is the target itself (a FIFO, a device) */
	outset *set;    /* NULL: renamed at commit */
	size_t slot;    /* the set's entry for tmp */
};

churn_status outset_new(outset **out, churn_err *err)
{
	outset *s = calloc(1, sizeof *s);
	*out = NULL;
	if (s == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if (pthread_mutex_init(&s->lock, NULL) != 0) {
		free(s);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory (a lock)");
	}
	*out = s;
	return CHURN_OK;
}

static void forget_locked(outset *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->e[i].tmp);
		free(s->e[i].target);
	}
	for (size_t i = 0; i < s->ndirs; i++)
		free(s->dirs[i]);
	s->n = s->ndirs = 0;
}

/* Entries still open (not finished) are kept: compacts the others out. */
static void keep_open_locked(outset *s)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (s->e[i].tmp != NULL && !s->e[i].finished)
			s->e[k++] = s->e[i];
		else {
			free(s->e[i].tmp);
			free(s->e[i].target);
		}
	}
	s->n = k;
}

churn_status outset_commit(outset *s, churn_err *err)
{
	churn_status st = CHURN_OK;
	if (s == NULL)
		return CHURN_OK;
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->n; i++) {
		outset_entry *e = &s->e[i];
		if (e->tmp == NULL || !e->finished)
			continue;
		if (st == CHURN_OK && rename(e->tmp, e->target) != 0)
			st = churn_err_at(err, CHURN_EIO, e->target, 0, 0, "cannot replace: %s",
			                  strerror(errno));
		if (st != CHURN_OK)
			unlink(e->tmp);
	}
	keep_open_locked(s);
	for (size_t i = 0; i < s->ndirs; i++)
		free(s->dirs[i]);
	s->ndirs = 0;
	pthread_mutex_unlock(&s->lock);
	return st;
}

void outset_abort(outset *s)
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->n; i++)
		if (s->e[i].tmp != NULL && s->e[i].finished)
			unlink(s->e[i].tmp);
	for (size_t i = s->ndirs; i > 0; i--)
		rmdir(s->dirs[i - 1]);
	keep_open_locked(s);
	for (size_t i = 0; i < s->ndirs; i++)
		free(s->dirs[i]);
	s->ndirs = 0;
	pthread_mutex_unlock(&s->lock);
}

size_t outset_pending(const outset *s)
{
	size_t k = 0;
	for (size_t i = 0; s != NULL && i < s->n; i++)
		k += s->e[i].tmp != NULL && s->e[i].finished;
	return k;
}

churn_status outset_mkdir(outset *s, const char *dir, churn_err *err)
{
	struct stat sb;
	churn_status st = CHURN_OK;

	if (s != NULL)
		pthread_mutex_lock(&s->lock);
	if (stat(dir, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode))
			st = churn_err_at(err, CHURN_EIO, dir, 0, 0, "--tables: not a directory");
	} else if (errno != ENOENT || mkdir(dir, 0777) != 0) {
		st = churn_err_at(err, CHURN_EIO, dir, 0, 0,
		                  "cannot create the tables directory: %s", strerror(errno));
	} else if (s != NULL) {
		char **d = realloc(s->dirs, (s->ndirs + 1) * sizeof *d);
		char *copy = strdup(dir);
		if (d != NULL)
			s->dirs = d;
		if (d == NULL || copy == NULL) {
			free(copy);
			rmdir(dir);
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		} else {
			s->dirs[s->ndirs++] = copy;
		}
	}
	if (s != NULL)
		pthread_mutex_unlock(&s->lock);
	return st;
}

void outset_free(outset *s)
{
	if (s == NULL)
		return;
	outset_abort(s);
	outset_guard_stop(s);
	pthread_mutex_lock(&s->lock);
	outset_remove_locked(s);  /* outfiles never committed nor aborted */
	forget_locked(s);
	pthread_mutex_unlock(&s->lock);
	pthread_mutex_destroy(&s->lock);
	outset_guard_unmask(s);  /* last: a pending SIGPIPE ends the process */
	free(s->e);
	free(s->dirs);
	free(s);
}

/* The real path of a file not yet there: its directory's real path and its
 * name; NULL when the directory cannot be resolved (or out of memory). */
static char *real_new_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? strdup(".") : slash == path ? strdup("/")
	            : strndup(path, (size_t)(slash - path));
	char *real = dir ? realpath(dir, NULL) : NULL, *out = NULL;
	const char *base = slash ? slash + 1 : path;

	if (real != NULL && (out = malloc(strlen(real) + strlen(base) + 2)) != NULL)
		sprintf(out, "%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/", base);
	free(real);
	free(dir);
	return out;
}

/* Creates the temporary for o->path with the mode `mode`, registering it in
 * the set under the set's lock (so that the guard never misses one). */
static churn_status make_temp(outfile *o, const char *shown, mode_t mode, churn_err *err)
{
	outset *s = o->set;
	churn_status st = CHURN_OK;
	char *tmp = malloc(strlen(o->path) + 16);
	int fd = -1;

	if (tmp == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	sprintf(tmp, "%s.tmp.XXXXXX", o->path);
	if (s != NULL) {
		pthread_mutex_lock(&s->lock);
		for (size_t i = 0; i < s->n; i++)
			if (s->e[i].tmp != NULL && strcmp(s->e[i].target, o->path) == 0) {
				st = churn_err_at(err, CHURN_EUSAGE, shown, 0, 0,
				                  "written twice in one run: one output would "
				                  "overwrite another");
				break;
			}
		if (st == CHURN_OK && s->n == s->cap) {
			size_t cap = s->cap ? 2 * s->cap : 16;
			outset_entry *e = realloc(s->e, cap * sizeof *e);
			if (e == NULL)
				st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
			else {
				s->e = e;
				s->cap = cap;
			}
		}
	}
	if (st == CHURN_OK && (fd = mkstemp(tmp)) < 0)
		st = churn_err_at(err, CHURN_EIO, shown, 0, 0, "cannot create: %s", strerror(errno));
	if (st == CHURN_OK && s != NULL) {
		char *target = strdup(o->path);
		if (target == NULL) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
			close(fd);
			unlink(tmp);
			fd = -1;
		} else {
			o->slot = s->n;
			s->e[s->n].tmp = tmp;
			s->e[s->n].target = target;
			s->e[s->n].finished = 0;
			s->n++;
		}
	}
	if (s != NULL)
		pthread_mutex_unlock(&s->lock);
	if (st != CHURN_OK) {
		free(tmp);
		return st;
	}
	o->tmp = tmp;  /* owned by the set's entry when there is a set */
	fchmod(fd, mode);
	o->f = fdopen(fd, "wb");
	if (o->f == NULL) {
		close(fd);
		return churn_err_at(err, CHURN_EIO, shown, 0, 0, "cannot create: %s", strerror(errno));
	}
	return CHURN_OK;
}

churn_status outfile_open(outset *s, const char *path, outfile **out, churn_err *err)
{
	outfile *o = calloc(1, sizeof *o);
	churn_status st;
	struct stat sb;
	mode_t mode;

	*out = NULL;
	if (o == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if (strcmp(path, "-") == 0) {
		o->f = stdout;
		*out = o;
		return CHURN_OK;
	}
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
	if (exists) {
		mode = sb.st_mode & 07777;  /* the replaced file's mode is kept */
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	/* A symbolic link to a regular file: replace the file it names, not
	 * the link.  A new file is named by its directory's real path, so
	 * that one set sees two spellings of a target as one. */
	o->path = exists ? realpath(path, NULL) : real_new_path(path);
	if (o->path == NULL)
		o->path = strdup(path);
	o->set = s;
	if (o->path == NULL) {
		free(o);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	/* Messages name the path as the caller gave it. */
	if ((st = make_temp(o, path, mode, err)) != CHURN_OK) {
		outfile_abort(o);
		return st;
	}
	*out = o;
	return CHURN_OK;
}

FILE *outfile_stream(outfile *o)
{
	return o->f;
}

/* Forgets o's temporary: removes it from its set (unlinking it when
 * `unlink_it`), or frees it when there is no set. */
static void drop_temp(outfile *o, int unlink_it)
{
	if (o->tmp == NULL)
		return;
	if (o->set == NULL) {
		if (unlink_it)
			unlink(o->tmp);
		free(o->tmp);
	} else {
		outset *s = o->set;
		pthread_mutex_lock(&s->lock);
		if (unlink_it)
			unlink(s->e[o->slot].tmp);
		free(s->e[o->slot].tmp);
		free(s->e[o->slot].target);
		s->e[o->slot].tmp = s->e[o->slot].target = NULL;
		pthread_mutex_unlock(&s->lock);
	}
	o->tmp = NULL;
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
	int closed = fclose(o->f);
	o->f = NULL;
	if (closed != 0 || bad) {
		st = churn_err_at(err, CHURN_EIO, o->path, 0, 0, "write failed: %s",
		                  strerror(bad && errno == 0 ? EIO : errno));
		outfile_abort(o);
		return st;
	}
	if (o->set != NULL) {
		pthread_mutex_lock(&o->set->lock);
		o->set->e[o->slot].finished = 1;
		pthread_mutex_unlock(&o->set->lock);
		o->tmp = NULL;  /* the set's now */
	} else if (rename(o->tmp, o->path) != 0) {
		st = churn_err_at(err, CHURN_EIO, o->path, 0, 0, "cannot replace: %s",
		                  strerror(errno));
		outfile_abort(o);
		return st;
	} else {
		free(o->tmp);
		o->tmp = NULL;
	}
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
	drop_temp(o, 1);
	free(o->path);
	free(o);
}

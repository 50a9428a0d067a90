/* cmd_files.c - paths compared by the files they name (cmd_files.h). */
#include "config.h"

#include "cmd_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* What a path names, for comparing paths by identity rather than by
 * spelling: an existing file by its device and inode, a file not yet
 * there by the real path of its directory and its own name. */
typedef struct {
	int exists;     /* 1: dev and ino are set; 0: canon is (or NULL) */
	int regular;    /* an existing regular file */
	dev_t dev;
	ino_t ino;
	char *canon;    /* new; NULL when the directory does not exist */
} file_id;

char *cmd_dir_of(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');
	*base = slash ? slash + 1 : path;
	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static void file_id_get(const char *path, file_id *id)
{
	struct stat sb;
	memset(id, 0, sizeof *id);
	if (stat(path, &sb) == 0) {
		id->exists = 1;
		id->regular = S_ISREG(sb.st_mode);
		id->dev = sb.st_dev;
		id->ino = sb.st_ino;
		return;
	}
	const char *base;
	char *dir = cmd_dir_of(path, &base);
	char *real = dir ? realpath(dir, NULL) : NULL;
	if (real != NULL) {
		id->canon = malloc(strlen(real) + strlen(base) + 2);
		if (id->canon != NULL)
			sprintf(id->canon, "%s/%s", real, base);
	}
	free(real);
	free(dir);
}

/* 1 when a and b are the same file (or would be, once created).  Two
 * existing files that are not regular files (a directory, /dev/null) are
 * only the same when `any` is 1: writing twice to a device overwrites
 * nothing. */
static int same_id(const file_id *a, const file_id *b, int any)
{
	if (a->exists != b->exists)
		return 0;
	if (a->exists)
		return a->dev == b->dev && a->ino == b->ino && (any || a->regular);
	return a->canon != NULL && b->canon != NULL && strcmp(a->canon, b->canon) == 0;
}

int cmd_same_file(const char *a, const char *b, int any)
{
	file_id x, y;
	file_id_get(a, &x);
	file_id_get(b, &y);
	int same = same_id(&x, &y, any);
	free(x.canon);
	free(y.canon);
	return same;
}

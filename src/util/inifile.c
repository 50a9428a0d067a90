/* inifile.c - see include/churnkit/inifile.h. */
#include "churnkit/inifile.h"
#include "churnkit/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Strips blanks at both ends of s[0..*n) in place; returns the new start. */
static char *strip(char *s, size_t *n)
{
	while (*n > 0 && blank(*s)) {
		s++;
		(*n)--;
	}
	while (*n > 0 && blank(s[*n - 1]))
		(*n)--;
	s[*n] = '\0';
	return s;
}

/* One line (a copy, NUL-terminated, no '\n'): a comment, a section, or a
 * value handed to fn.  *section and *had_key carry across lines. */
static churn_status parse_line(char *line, size_t len, long lineno, const char *path,
                               char **section, int *had_key, inifile_fn fn, void *user,
                               churn_err *err)
{
	int indented = len > 0 && blank(line[0]) && line[0] != '\r';
	char *s = strip(line, &len);

	if (len == 0 || *s == ';' || *s == '#')
		return CHURN_OK;
	if (indented && *had_key)
		return churn_err_at(err, CHURN_EUSAGE, path, lineno, 0,
		                    "an indented line after a value (a continuation line) is "
		                    "not supported: put each value on one line");
	if (*s == '[') {
		char *close = strchr(s, ']');
		if (close == NULL)
			return churn_err_at(err, CHURN_EUSAGE, path, lineno, 0,
			                    "a section without its closing ']'");
		*close = '\0';
		free(*section);
		if ((*section = strdup(s + 1)) == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		*had_key = 0;
		return CHURN_OK;
	}
	/* In [labels] the key may hold ':' (COL:LEVEL = Text): only '=' ends it. */
	char *eq = s + strcspn(s, *section && strcmp(*section, "labels") == 0 ? "=" : "=:");
	if (*eq == '\0')
		return churn_err_at(err, CHURN_EUSAGE, path, lineno, 0,
		                    "not a valid INI line (expected key = value or [section])");
	size_t nlen = (size_t)(eq - s), vlen;
	char *name = strip(s, &nlen);
	char *value = eq + 1;
	/* An inline comment: ';' after a blank (as inih: "a =;b" is "a" = ";b"). */
	for (char *p = value + 1; *value && *p; p++)
		if (*p == ';' && blank(p[-1])) {
			*p = '\0';
			break;
		}
	vlen = strlen(value);
	value = strip(value, &vlen);
	if (nlen == 0)
		return churn_err_at(err, CHURN_EUSAGE, path, lineno, 0,
		                    "no option name before '%c'", '=');
	*had_key = 1;
	return fn(user, *section ? *section : "", name, value, lineno, err);
}

churn_status inifile_parse(const char *buf, size_t len, const char *path, inifile_fn fn,
                           void *user, churn_err *err)
{
	churn_status st = CHURN_OK;
	char *section = NULL;
	strbuf line = STRBUF_INIT;
	size_t pos = 0;
	long lineno = 0;
	int had_key = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len && st == CHURN_OK) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		lineno++;
		if (memchr(buf + pos, '\0', n) != NULL) {
			st = churn_err_at(err, CHURN_EUSAGE, path, lineno, 0,
			                  "a NUL byte: not a text file");
			break;
		}
		strbuf_truncate(&line, 0);
		strbuf_append(&line, buf + pos, n);
		if (line.oom) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
			break;
		}
		st = parse_line(line.s, n, lineno, path, &section, &had_key, fn, user, err);
		pos += n + (nl != NULL);
	}
	strbuf_reset(&line);
	free(section);
	return st;
}

churn_status inifile_read(const char *path, inifile_fn fn, void *user, churn_err *err)
{
	struct stat sb;
	char chunk[4096];
	strbuf buf = STRBUF_INIT;
	churn_status st = CHURN_OK;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return churn_err_at(err, CHURN_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(f);
		return churn_err_at(err, CHURN_EUSAGE, path, 0, 0,
		                    "is a directory, not a report definition");
	}
	for (;;) {
		size_t k = fread(chunk, 1, sizeof chunk, f);
		strbuf_append(&buf, chunk, k);
		if (buf.oom) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
			break;
		}
		if (buf.len > (size_t)INIFILE_MAX_BYTES) {
			st = churn_err_at(err, CHURN_EUSAGE, path, 0, 0,
			                  "larger than %ld bytes: not a report definition",
			                  INIFILE_MAX_BYTES);
			break;
		}
		if (k == 0)
			break;
	}
	if (st == CHURN_OK && ferror(f))
		st = churn_err_at(err, CHURN_EIO, path, 0, 0, "read error: %s", strerror(errno));
	fclose(f);
	if (st == CHURN_OK)
		st = inifile_parse(buf.s, buf.len, path, fn, user, err);
	strbuf_reset(&buf);
	return st;
}

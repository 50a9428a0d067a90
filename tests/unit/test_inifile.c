/* test_inifile.c - the report definition's INI reader: lines of any length
 * are read whole, comments and sections as inih reads them, and what inih
 * would do in silence (continuation lines, NUL bytes, a directory) is
 * refused with the line named. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "churnkit/inifile.h"
#include "tap.h"

/* The values seen, as "section/name=value@line;" in order. */
typedef struct {
	char buf[8192];
	int stop_at;   /* fail on this line (0 = never) */
} seen;

/* Writes a file of `lines` lines, line k (from 1) "k<k> = " and `width[k]`
 * bytes of 'v'; returns its path in `path` (mkstemp), or 0. */
static int write_ini(char *path, size_t n, const size_t *width, int lines)
{
	snprintf(path, n, "%s/test_inifile.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f == NULL)
		return 0;
	for (int k = 1; k <= lines; k++) {
		fprintf(f, "k%d = ", k);
		for (size_t j = 0; j < width[k - 1]; j++)
			fputc('v', f);
		fputc('\n', f);
	}
	return fclose(f) == 0;
}

/* Reads the file of a test value by value: the length of each value and
 * its line, "<len>@<line>;". */
static churn_status lengths(void *user, const char *section, const char *name,
                            const char *value, long line, churn_err *err)
{
	seen *s = user;
	size_t len = strlen(s->buf);
	(void)section, (void)name, (void)err;
	snprintf(s->buf + len, sizeof s->buf - len, "%zu@%ld;", strlen(value), line);
	return CHURN_OK;
}

static churn_status collect(void *user, const char *section, const char *name,
                            const char *value, long line, churn_err *err)
{
	seen *s = user;
	size_t len = strlen(s->buf);
	if (line == s->stop_at)
		return churn_err_at(err, CHURN_EUSAGE, "t.ini", line, 0, "refused");
	snprintf(s->buf + len, sizeof s->buf - len, "%s/%s=%s@%ld;", section, name,
	         strlen(value) > 40 ? "LONG" : value, line);
	return CHURN_OK;
}

static churn_status parse(const char *text, seen *s, churn_err *err)
{
	memset(s, 0, sizeof *s);
	churn_err_clear(err);
	return inifile_parse(text, strlen(text), "t.ini", collect, s, err);
}

int main(void)
{
	seen s;
	churn_err err;

	is_int(parse("; comment\n# comment\n[data]\nid = customer_id\nby: plan\n\n"
	             "[report]\ntitle = Q3 review ; inline\nc=a;b\n", &s, &err), CHURN_OK,
	       "ini: comments, sections, = and :");
	is_str(s.buf, "data/id=customer_id@4;data/by=plan@5;report/title=Q3 review@8;"
	       "report/c=a;b@9;", "ini: values, sections and lines as inih gives them");

	is_int(parse("a =;b\nc = ;d\n", &s, &err), CHURN_OK, "ini: ';' right after '='");
	is_str(s.buf, "/a=;b@1;/c=@2;", "ini: ... is text, and after a blank a comment (inih)");

	is_int(parse("\xEF\xBB\xBFid = x\r\nstart = y\r\n", &s, &err), CHURN_OK,
	       "ini: a byte-order mark and CRLF");
	is_str(s.buf, "/id=x@1;/start=y@2;", "ini: BOM skipped, CR stripped");

	/* A 5000-byte title stays one value; the line after it is line 2. */
	char *big = malloc(6000);
	strcpy(big, "title = ");
	memset(big + 8, 'x', 5000);
	strcpy(big + 5008, "\nas-of = 2020-01-01\n");
	is_int(parse(big, &s, &err), CHURN_OK, "ini: a 5000-byte line is read");
	is_str(s.buf, "/title=LONG@1;/as-of=2020-01-01@2;",
	       "ini: the long line is one value, its tail no line of its own");
	/* The same with the tail that inih's 200-byte buffer split off. */
	memset(big + 8, 'x', 5000);
	memcpy(big + 8 + 300, "--as-of 2020-01-01", 18);
	strcpy(big + 5008, "\n");
	is_int(parse(big, &s, &err), CHURN_OK, "ini: a long title holding an option's text");
	is_str(s.buf, "/title=LONG@1;", "ini: ... stays the title");
	free(big);

	is_int(parse("[data]\nby = plan\n  channel\n", &s, &err), CHURN_EUSAGE,
	       "ini: a continuation line is refused");
	is_int(err.line, 3, "ini: ... naming its line");
	ok(strstr(err.msg, "continuation") != NULL, "ini: ... and saying what it is");
	is_str(err.file, "t.ini", "ini: ... and the file");

	is_int(parse("[data]\n  id = x\n", &s, &err), CHURN_OK,
	       "ini: an indented first key is a key (as inih reads it)");
	is_int(parse("id = x\n  ; an indented comment\n", &s, &err), CHURN_OK,
	       "ini: an indented comment is a comment");

	is_int(parse("id = x\n[data\n", &s, &err), CHURN_EUSAGE, "ini: a section without ]");
	is_int(err.line, 2, "ini: ... on line 2");
	is_int(parse("id = x\nstart start\n", &s, &err), CHURN_EUSAGE, "ini: no = is refused");
	is_int(err.line, 2, "ini: ... on line 2");
	is_int(parse(" = x\n", &s, &err), CHURN_EUSAGE, "ini: no name before = is refused");
	is_int(inifile_parse("id = x\nst\0rt = y\n", 18, "t.ini", collect, &s, &err),
	       CHURN_EUSAGE, "ini: a NUL byte is refused");
	is_int(err.line, 2, "ini: ... on its line");

	memset(&s, 0, sizeof s);
	s.stop_at = 2;
	churn_err_clear(&err);
	is_int(inifile_parse("a = 1\nb = 2\nc = 3\n", 18, "t.ini", collect, &s, &err),
	       CHURN_EUSAGE, "ini: the callback's failure stops the parse");
	is_str(s.buf, "/a=1@1;", "ini: ... and no value after it is handed on");

	is_int(parse("", &s, &err), CHURN_OK, "ini: an empty file is no error");
	is_int(parse("id = x", &s, &err), CHURN_OK, "ini: a last line without newline");
	is_str(s.buf, "/id=x@1;", "ini: ... is read");

	/* Files with long lines: the line buffer grows (src/util/strbuf.c), a
	 * line of 300 bytes and one of 100 KB are read whole, the short line
	 * after them keeps its number; a file over INIFILE_MAX_BYTES is refused
	 * with its name. */
	{
		char path[512];
		size_t w[3] = {300 - 5, 100 * 1024 - 5, 1};
		churn_err_clear(&err);
		memset(&s, 0, sizeof s);
		if (write_ini(path, sizeof path, w, 3)) {
			is_int(inifile_read(path, lengths, &s, &err), CHURN_OK,
			       "ini file: lines of 300 bytes and 100 KB are read");
			is_str(s.buf, "295@1;102395@2;1@3;",
			       "ini file: ... whole, each value on its own line");
			unlink(path);
		} else {
			ok(0, "ini file: cannot write %s", path);
			ok(0, "ini file: (skipped)");
		}
		size_t huge[1] = {(size_t)INIFILE_MAX_BYTES};
		if (write_ini(path, sizeof path, huge, 1)) {
			churn_err_clear(&err);
			is_int(inifile_read(path, lengths, &s, &err), CHURN_EUSAGE,
			       "ini file: a 1 MB line makes the file too large: refused");
			ok(strcmp(err.file, path) == 0 && strstr(err.msg, "larger than") != NULL,
			   "ini file: ... naming the file and saying why (%s: %s)", err.file,
			   err.msg);
			unlink(path);
		} else {
			ok(0, "ini file: cannot write %s", path);
			ok(0, "ini file: (skipped)");
		}
	}

	/* Files: a directory is refused (it used to read as an empty file). */
	churn_err_clear(&err);
	memset(&s, 0, sizeof s);
	is_int(inifile_read(".", collect, &s, &err), CHURN_EUSAGE, "ini: a directory is refused");
	ok(strstr(err.msg, "directory") != NULL, "ini: ... as a directory");
	is_int(inifile_read("/nonexistent/x.ini", collect, &s, &err), CHURN_EIO,
	       "ini: a missing file is an I/O error");
	return done_testing();
}

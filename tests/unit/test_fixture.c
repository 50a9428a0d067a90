/* test_fixture.c - the unit tests' fixture reader (tests/fixture.h) on small
 * files written by hand (tests/data/fixture/): a CSV with comments, NA and
 * infinities; a word file with blank lines and rows of any length; and the
 * failures, run in a child process, which must end it naming the file, the
 * line and the column. */
#include "fixture.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DIR "tests/data/fixture/"

/* Runs what(arg) in a child with its stdout into buf; returns the child's
 * exit status (-1 when it did not exit). */
static int in_child(void (*what)(const char *), const char *arg, char *buf, size_t n)
{
	int fd[2], status;
	size_t len = 0;
	ssize_t k;
	pid_t pid;

	fflush(stdout);
	if (pipe(fd) != 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		close(fd[0]);
		dup2(fd[1], 1);
		what(arg);
		fflush(stdout);
		_exit(0);
	}
	close(fd[1]);
	while (len + 1 < n && (k = read(fd[0], buf + len, n - 1 - len)) > 0)
		len += (size_t)k;
	while (len > 0 && buf[len - 1] == '\n')
		len--;  /* one TAP line per description */
	buf[len] = 0;
	close(fd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void read_csv(const char *rel)
{
	fx_csv_free(fx_csv_read(rel));
}

static void read_y_of_notnum(const char *rel)
{
	fx_csv *c = fx_csv_read(rel);
	for (size_t r = 0; r < c->nrows; r++)
		(void)fx_num(c, r, "b");
	fx_csv_free(c);
}

static void read_column_z(const char *rel)
{
	fx_csv *c = fx_csv_read(rel);
	(void)fx_num(c, 0, "z");
	fx_csv_free(c);
}

/* what(rel) in a child must exit 1 saying `says`: two TAP lines. */
static void bails(void (*what)(const char *), const char *rel, const char *says,
                  const char *failure)
{
	char out[1024];
	is_int(in_child(what, rel, out, sizeof out), 1, "%s ends the test", failure);
	if (!ok(strstr(out, says) != NULL, "%s: the message names the file and where", failure))
		diag("the child said: %s", out);
}

int main(void)
{
	fx_csv *c = fx_csv_read(DIR "header.csv");

	is_int((long long)c->ncols, 3, "csv: three columns named by the header");
	is_str(c->names[2], "y", "csv: the header after the comment line");
	is_int((long long)c->nrows, 3, "csv: three rows, comments skipped");
	is_int((long long)c->line[2], 6, "csv: the last row is line 6 of the file");
	is_str(fx_str(c, 1, "name"), "beta", "csv: a cell as text");
	is_double_abs(fx_num(c, 0, "x"), 1.5, 0, "csv: a cell as a number");
	ok(isnan(fx_num(c, 0, "y")), "csv: NA is NaN");
	ok(isnan(fx_num(c, 1, "x")), "csv: an empty field is NaN");
	ok(fx_num(c, 1, "y") == -INFINITY && fx_num(c, 2, "y") == INFINITY,
	   "csv: -Inf and Inf are infinities");
	is_int(fx_col(c, "nope"), -1, "csv: a column that is not there is -1");
	double *x = fx_nums(c, "x");
	ok(x[0] == 1.5 && isnan(x[1]) && x[2] == 2e-3, "csv: a column as numbers");
	free(x);
	fx_csv_free(c);

	c = fx_words_read(DIR "words.txt");
	is_int((long long)c->nrows, 3, "words: three rows, comments and blank lines skipped");
	ok(c->width[0] == 4 && c->width[1] == 4 && c->width[2] == 1,
	   "words: rows of 4, 4 and 1 words");
	is_int(fx_tag_row(c, "times"), 1, "words: the row tagged times");
	ok(fx_wnum(c, 1, 2) == 2.5 && isnan(fx_wnum(c, 1, 3)), "words: 2.5, and nan is NaN");
	ok(isnan(fx_wnum(c, 0, 1)) && isnan(fx_wnum(c, 2, 5)),
	   "words: a name or a missing word is NaN");
	fx_csv_free(c);

	bails(read_csv, DIR "ragged.csv",
	      "Bail out! " DIR "ragged.csv:3: 1 fields, but the header names 2", "a ragged row");
	bails(read_y_of_notnum, DIR "notnum.csv", DIR "notnum.csv:3: column b: 'x7' is not a number",
	      "a cell that is not a number");
	bails(read_column_z, DIR "notnum.csv", DIR "notnum.csv: no column 'z'",
	      "a column that is not there");
	bails(read_csv, DIR "missing.csv", DIR "missing.csv: cannot open the fixture",
	      "a missing file");
	return done_testing();
}

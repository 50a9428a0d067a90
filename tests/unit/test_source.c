/* test_source.c - the read-once input (source.h) and the loader reading
 * from it: every byte handed out once in order, the kept bytes of a look at
 * the header handed out again, the SHA-256 of what was read, a pipe read
 * like a file, and a column that turns categorical without a second read. */
#include "churnkit/load.h"
#include "churnkit/source.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* SHA-256 of "abc" and of no bytes (FIPS 180-2, appendix B.1; and the
 * well-known empty-input digest). */
#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static void test_hash(void)
{
	source *s = NULL;
	churn_err e;
	char buf[8], hex[65];
	size_t got = 99;

	is_int(source_open_mem("abc", 3, NULL, &s, &e), CHURN_OK, "source: a memory source opens");
	source_sha256_hex(s, hex);
	is_str(hex, SHA_EMPTY, "source: nothing read yet hashes as the empty input");
	is_int(source_read(s, buf, 2, &got, &e), CHURN_OK, "source: read 2");
	is_int((long long)got, 2, "source: 2 bytes");
	is_int(source_read(s, buf + 2, sizeof buf - 2, &got, &e), CHURN_OK, "source: read on");
	is_int((long long)got, 1, "source: the last byte, then the end");
	is_int(source_read(s, buf, sizeof buf, &got, &e), CHURN_OK, "source: read at the end");
	is_int((long long)got, 0, "source: 0 bytes at the end");
	source_sha256_hex(s, hex);
	is_str(hex, SHA_ABC, "source: SHA-256 of abc (FIPS 180-2 B.1)");
	is_str(source_name(s), "<memory>", "source: a memory source's default name");
	is_int((long long)source_bytes(s), 3, "source: 3 bytes read");
	source_free(s);
}

/* A mark keeps what is read after it; a rewind hands it out again before
 * the rest, and the hash counts each byte once. */
static void test_mark(void)
{
	const char *text = "0123456789";
	source *s = NULL;
	churn_err e;
	char buf[16], hex[65];
	size_t got;

	source_open_mem(text, 10, "m", &s, &e);
	source_read(s, buf, 2, &got, &e);                     /* 01 */
	source_mark(s);
	source_read(s, buf, 3, &got, &e);                     /* 234, kept */
	source_read(s, buf, 2, &got, &e);                     /* 56, kept */
	source_rewind(s);
	source_read(s, buf, 4, &got, &e);
	is_int((long long)got, 4, "source: after the rewind, 4 bytes");
	ok(memcmp(buf, "2345", 4) == 0, "source: the kept bytes come first, in order");
	source_mark(s);                                       /* 6 still kept */
	source_read(s, buf, 3, &got, &e);
	ok(got == 3 && memcmp(buf, "678", 3) == 0,
	   "source: a mark during the replay keeps the rest of it and reads on");
	source_rewind(s);
	source_read(s, buf, sizeof buf, &got, &e);
	ok(got == 4 && memcmp(buf, "6789", 4) == 0,
	   "source: the second rewind replays from the second mark, then the end");
	source_rewind(s);  /* no mark: nothing */
	source_read(s, buf, sizeof buf, &got, &e);
	is_int((long long)got, 0, "source: a rewind without a mark does nothing");
	source_sha256_hex(s, hex);
	is_int((long long)source_bytes(s), 10, "source: each byte read from the input once");
	is_str(hex, "84d89877f0d4041efb6bf91a16f0248f2fd573e6af05c19f96bedb9f882f7882",
	       "source: the hash is that of 0123456789 (sha256sum)");
	source_free(s);
}

/* The header looked at first, then the whole file loaded, from one source
 * whose header is longer than the loader's read size (1 MiB). */
static void test_header_then_load(void)
{
	size_t nlong = (1u << 20) + 5000, len = 0;
	char *text = malloc(nlong + 64);
	source *s = NULL;
	churn_err e;
	char **names = NULL;
	size_t n = 0;
	load_result *r = NULL;
	load_opts o;
	load_map m;

	len += (size_t)sprintf(text, "a;");
	memset(text + len, 'x', nlong);
	len += nlong;
	len += (size_t)sprintf(text + len, ";c\n1;2;3\n4;text;6\n");
	load_opts_init(&o);
	memset(&m, 0, sizeof m);
	source_open_mem(text, len, "long", &s, &e);
	is_int(load_read_header_source(s, &o, &names, &n, &e), CHURN_OK,
	       "load: a header longer than one read is read");
	is_int((long long)n, 3, "load: three names");
	ok(n == 3 && strlen(names[1]) == nlong, "load: the long name whole");
	for (size_t k = 0; k < n; k++)
		free(names[k]);
	free(names);
	is_int(load_csv_source(s, &m, &o, &r, &e), CHURN_OK,
	       "load: the same source then loads from its start");
	ok(r != NULL && r->rows_read == 2 && r->t->ncols == 3,
	   "load: two rows of three columns after the header look");
	ok(r != NULL && r->delimiter == ';', "load: the delimiter detected on the load too");
	is_int((long long)source_bytes(s), (long long)len, "load: every byte read once");
	load_result_free(r);
	source_free(s);
	free(text);
}

/* A column numeric for its first rows turns categorical at a later row: the
 * earlier rows get their own text as levels (not a reformatted number),
 * without a second read, and the levels are in first-seen order. */
static void test_turns_categorical(void)
{
	const char *text = "id,plan\na,01\nb,\nc,2.50\nd,basic\ne,01\n";
	source *s = NULL;
	churn_err e;
	load_result *r = NULL;
	load_opts o;
	load_map m;

	load_opts_init(&o);
	memset(&m, 0, sizeof m);
	m.id = "id";
	source_open_mem(text, strlen(text), NULL, &s, &e);
	is_int(load_csv_source(s, &m, &o, &r, &e), CHURN_OK, "load: loads");
	const table_col *c = r ? table_find(r->t, "plan") : NULL;
	ok(c != NULL && c->kind == TABLE_CAT, "load: plan is categorical");
	if (c != NULL && c->kind == TABLE_CAT) {
		is_int((long long)c->nlevels, 3, "load: three levels (a blank is missing)");
		is_str(c->levels[0], "01", "load: the first level is the first row's text, 01");
		is_str(c->levels[1], "2.50", "load: then 2.50 as written");
		is_str(c->levels[2], "basic", "load: then basic");
		ok(c->codes[1] == TABLE_CODE_NA, "load: the blank second row is missing");
		ok(c->codes[4] == c->codes[0], "load: row 5's 01 is row 1's level");
		is_int((long long)c->nmissing, 1, "load: one missing value");
	} else {
		skip(7, "plan is not categorical");
	}
	load_result_free(r);
	source_free(s);
}

/* Standard input as "-" when it is a pipe: read once, hashed. */
static void test_pipe(void)
{
	int fd[2];
	const char *text = "abc";
	churn_err e;
	source *s = NULL;
	char buf[8], hex[65];
	size_t got = 0, total = 0;
	int saved = dup(0);

	if (pipe(fd) != 0) {
		skip(3, "no pipe");
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		/* Two writes, so that a read may come back short. */
		if (write(fd[1], text, 1) != 1 || (usleep(20000), write(fd[1], text + 1, 2)) != 2)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	dup2(fd[0], 0);
	close(fd[0]);
	is_int(source_open("-", NULL, &s, &e), CHURN_OK, "source: - opens standard input");
	is_str(source_name(s), "<stdin>", "source: named <stdin>");
	while (source_read(s, buf + total, sizeof buf - total, &got, &e) == CHURN_OK && got > 0)
		total += got;
	source_sha256_hex(s, hex);
	ok(total == 3 && strcmp(hex, SHA_ABC) == 0, "source: a pipe read whole and hashed");
	source_free(s);
	waitpid(pid, NULL, 0);
	dup2(saved, 0);
	close(saved);
	clearerr(stdin);
}

static void test_errors(void)
{
	source *s = NULL;
	churn_err e;

	churn_err_clear(&e);
	is_int(source_open("/nonexistent/x.csv", NULL, &s, &e), CHURN_EIO,
	       "source: a missing file is an I/O error");
	ok(s == NULL && strstr(e.msg, "cannot open") != NULL, "source: it says it cannot open");
	is_int(source_open("/tmp", NULL, &s, &e), CHURN_EIO, "source: a directory is an I/O error");
	ok(s == NULL && strstr(e.msg, "is a directory") != NULL && strcmp(e.file, "/tmp") == 0,
	   "source: it says /tmp is a directory");
	source_free(NULL);

	/* An empty input at NULL (as libFuzzer hands one over): found by
	 * tests/fuzz, where offsetting NULL by 0 was undefined behaviour. */
	char buf[4], hex[65];
	size_t got = 9;
	is_int(source_open_mem(NULL, 0, NULL, &s, &e), CHURN_OK, "source: an empty memory input opens");
	source_mark(s);
	is_int(source_read(s, buf, sizeof buf, &got, &e), CHURN_OK, "source: it reads");
	is_int((long long)got, 0, "source: nothing, at once");
	source_rewind(s);
	source_sha256_hex(s, hex);
	is_str(hex, SHA_EMPTY, "source: hashed as the empty input");
	source_free(s);
}

int main(void)
{
	test_hash();
	test_mark();
	test_header_then_load();
	test_turns_categorical();
	test_pipe();
	test_errors();
	return done_testing();
}

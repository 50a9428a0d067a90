/* test_source_reader.c - a source over a reader (source_open_reader, the
 * way src/load/source_pg.c hands out a database's COPY rows): the bytes
 * handed out in order across the reader's pieces, a mark and rewind over
 * them, the hash of what was read, a reader's error passed on, the reader
 * closed once by source_free, and the loader reading such a source. */
#include "churnkit/load.h"
#include "churnkit/source.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

/* A reader over pieces of text (like COPY's rows), failing with
 * CHURN_EUSAGE after `fail_after` pieces when that is not -1. */
typedef struct {
	const char *const *pieces;
	size_t next, pos;
	int fail_after;
	int *closed;
} pieces;

static churn_status pieces_read(void *ctx, unsigned char *buf, size_t n, size_t *got,
                                const char *name, churn_err *err)
{
	pieces *p = ctx;
	size_t done = 0;

	while (done < n && p->pieces[p->next] != NULL) {
		if (p->fail_after >= 0 && p->next >= (size_t)p->fail_after)
			return churn_err_at(err, CHURN_EUSAGE, name, 0, 0, "the query failed");
		const char *s = p->pieces[p->next];
		size_t k = strlen(s) - p->pos < n - done ? strlen(s) - p->pos : n - done;
		memcpy(buf + done, s + p->pos, k);
		done += k;
		p->pos += k;
		if (s[p->pos] == '\0') {
			p->next++;
			p->pos = 0;
		}
	}
	*got = done;
	return CHURN_OK;
}

static void pieces_close(void *ctx)
{
	pieces *p = ctx;
	(*p->closed)++;
	free(p);
}

static const source_reader ops = { pieces_read, pieces_close };

static source *open_pieces(const char *const *text, int fail_after, int *closed)
{
	pieces *p = calloc(1, sizeof *p);
	source *s = NULL;
	churn_err e;

	p->pieces = text;
	p->fail_after = fail_after;
	p->closed = closed;
	if (source_open_reader(&ops, p, "postgresql:t", &s, &e) != CHURN_OK)
		return NULL;
	return s;
}

static void test_bytes(void)
{
	static const char *const abc[] = { "a", "", "bc", NULL };
	int closed = 0;
	source *s = open_pieces(abc, -1, &closed);
	churn_err e;
	char buf[8], hex[65];
	size_t got = 0;

	ok(s != NULL, "reader: a reader source opens");
	is_str(source_name(s), "postgresql:t", "reader: named as asked");
	source_mark(s);
	is_int(source_read(s, buf, 2, &got, &e), CHURN_OK, "reader: read 2");
	ok(got == 2 && memcmp(buf, "ab", 2) == 0, "reader: across the reader's pieces");
	source_rewind(s);
	is_int(source_read(s, buf, sizeof buf, &got, &e), CHURN_OK, "reader: read after a rewind");
	ok(got == 3 && memcmp(buf, "abc", 3) == 0, "reader: the kept bytes again, then the rest");
	is_int(source_read(s, buf, sizeof buf, &got, &e), CHURN_OK, "reader: read at the end");
	is_int((long long)got, 0, "reader: 0 bytes at the end");
	source_sha256_hex(s, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	       "reader: SHA-256 of abc, each byte hashed once (FIPS 180-2 B.1)");
	is_int((long long)source_bytes(s), 3, "reader: 3 bytes read");
	is_int(closed, 0, "reader: not closed before source_free");
	source_free(s);
	is_int(closed, 1, "reader: closed once by source_free");
}

static void test_error(void)
{
	static const char *const rows[] = { "id,start\n", "c1,2024-01-01\n", "c2,2024-01-02\n", NULL };
	int closed = 0;
	source *s = open_pieces(rows, 2, &closed);
	load_result *r = NULL;
	load_opts o;
	load_map m;
	churn_err e;

	load_opts_init(&o);
	memset(&m, 0, sizeof m);
	churn_err_clear(&e);
	is_int(load_csv_source(s, &m, &o, &r, &e), CHURN_EUSAGE,
	       "reader: the reader's error stops the load with its code");
	is_str(e.msg, "the query failed", "reader: and its message");
	is_str(e.file, "postgresql:t", "reader: naming the source");
	ok(r == NULL, "reader: no result");
	source_free(s);
	is_int(closed, 1, "reader: closed after a failed load");
}

static void test_load(void)
{
	static const char *const rows[] = { "id,start,mrr\n", "c1,2024-01-01,10\n",
		                            "c2,2024-02-30,20\n", "c3,2024-03-01,\n", NULL };
	int closed = 0;
	source *s = open_pieces(rows, -1, &closed);
	load_result *r = NULL;
	load_opts o;
	load_map m;
	churn_err e;

	load_opts_init(&o);
	o.max_bad = 1;
	memset(&m, 0, sizeof m);
	m.id = "id";
	m.start = "start";
	is_int(load_csv_source(s, &m, &o, &r, &e), CHURN_OK, "reader: the loader reads it");
	if (r != NULL) {
		is_int((long long)r->t->nrows, 2, "reader: two good rows");
		is_int((long long)r->rows_rejected, 1, "reader: one bad row");
		is_int(r->nrejects_kept > 0 ? r->rejects[0].line : 0, 3,
		       "reader: the bad row is line 3, the result's row 2");
	}
	load_result_free(r);
	source_free(s);
}

int main(void)
{
	test_bytes();
	test_error();
	test_load();
	return done_testing();
}

/* source.c - an input read exactly once, hashed as it is read; see
 * include/churnkit/source.h. */
#include "churnkit/source.h"
#include "decode.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct source {
	FILE *f;                 /* NULL for a memory source */
	int own;                 /* 1: fclose f at the end (not stdin) */
	const unsigned char *mem;/* memory source: the bytes and how many are left */
	size_t memleft;
	const source_reader *rd; /* a reader source: its functions and state */
	void *rdctx;
	const char *name;
	struct sha256_ctx sha;
	uint64_t nread;          /* bytes taken from the underlying input */
	uint64_t size;           /* bytes in a regular file or memory; 0 = unknown */

	unsigned char *kept;     /* bytes read after the mark */
	size_t nkept, capkept;
	size_t pos;              /* next kept byte to hand out (pos <= nkept) */
	int marking;             /* 1 between source_mark and source_rewind */
	decoder *dec;            /* another encoding read as UTF-8; NULL = none */
	int encoding_set;        /* 1 after source_set_encoding */
	int raw_end;             /* the underlying input has ended (dec only) */
	char namebuf[];          /* a copy of the name */
};

static churn_status make(const char *name, source **out, churn_err *err)
{
	size_t len = strlen(name);
	source *s = calloc(1, sizeof *s + len + 1);
	*out = NULL;
	if (s == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	memcpy(s->namebuf, name, len + 1);
	s->name = s->namebuf;
	sha256_init(&s->sha);
	*out = s;
	return CHURN_OK;
}

churn_status source_open(const char *path, const char *name, source **out,
                         churn_err *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	struct stat sb;
	source *s;
	churn_status st;

	if (name == NULL)
		name = is_stdin ? "<stdin>" : path;
	if ((st = make(name, &s, err)) != CHURN_OK)
		return st;
	if (is_stdin) {
		s->f = stdin;
	} else if ((s->f = fopen(path, "rb")) == NULL) {
		st = churn_err_at(err, CHURN_EIO, name, 0, 0, "cannot open: %s", strerror(errno));
		source_free(s);
		return st;
	} else {
		s->own = 1;
	}
	/* A directory opens for reading but reads as an error (or as nothing):
	 * say what it is. */
	if (fstat(fileno(s->f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		st = churn_err_at(err, CHURN_EIO, name, 0, 0, "is a directory, not a file");
		source_free(s);
		return st;
	}
	if (!is_stdin && S_ISREG(sb.st_mode) && sb.st_size > 0)
		s->size = (uint64_t)sb.st_size;
	*out = s;
	return CHURN_OK;
}

churn_status source_open_mem(const void *data, size_t len, const char *name,
                             source **out, churn_err *err)
{
	churn_status st = make(name ? name : "<memory>", out, err);
	if (st == CHURN_OK) {
		(*out)->mem = data;
		(*out)->memleft = len;
		(*out)->size = len;
	}
	return st;
}

churn_status source_open_reader(const source_reader *rd, void *ctx, const char *name,
                                source **out, churn_err *err)
{
	churn_status st = make(name, out, err);
	if (st != CHURN_OK) {
		rd->close(ctx);
		return st;
	}
	(*out)->rd = rd;
	(*out)->rdctx = ctx;
	return CHURN_OK;
}

void source_free(source *s)
{
	if (s == NULL)
		return;
	if (s->own)
		fclose(s->f);
	if (s->rd != NULL)
		s->rd->close(s->rdctx);
	decoder_free(s->dec);
	free(s->kept);
	free(s);
}

const char *source_name(const source *s)
{
	return s->name;
}

/* Reads up to n bytes from the underlying input, hashing them. */
static churn_status read_input(source *s, unsigned char *buf, size_t n, size_t *got,
                               churn_err *err)
{
	size_t k;
	churn_status st;
	if (s->rd != NULL) {
		if ((st = s->rd->read(s->rdctx, buf, n, &k, s->name, err)) != CHURN_OK)
			return st;
	} else if (s->f == NULL) {
		k = n < s->memleft ? n : s->memleft;
		if (k > 0) {  /* (an empty input may be at NULL) */
			memcpy(buf, s->mem, k);
			s->mem += k;
			s->memleft -= k;
		}
	} else {
		k = fread(buf, 1, n, s->f);
		if (k < n && ferror(s->f))
			return churn_err_at(err, CHURN_EIO, s->name, 0, 0, "read error: %s",
			                    strerror(errno));
	}
	sha256_update(&s->sha, k, buf);
	s->nread += k;
	*got = k;
	return CHURN_OK;
}

/* Reads up to n bytes of the input as UTF-8: as they are without a
 * decoder, else converted (decode.h) from the bytes read and hashed. */
static churn_status read_text(source *s, unsigned char *buf, size_t n, size_t *got,
                              churn_err *err)
{
	size_t done = 0;
	churn_status st;

	if (s->dec == NULL)
		return read_input(s, buf, n, got, err);
	*got = 0;
	while (done < n) {
		done += decoder_take(s->dec, buf + done, n - done);
		if (done == n || decoder_done(s->dec))
			break;
		/* Everything converted was handed out: convert more. */
		size_t room, k = 0;
		unsigned char *p = decoder_input(s->dec, &room);
		if (!s->raw_end) {
			if ((st = read_input(s, p, room, &k, err)) != CHURN_OK)
				return st;
			s->raw_end = k < room;
		}
		if ((st = decoder_convert(s->dec, k, s->raw_end, s->name, err)) != CHURN_OK)
			return st;
	}
	*got = done;
	return CHURN_OK;
}

churn_status source_set_encoding(source *s, const char *encoding, churn_err *err)
{
	if (s->encoding_set)
		return CHURN_OK;
	s->encoding_set = 1;
	return decoder_open(encoding, &s->dec, err);
}

/* Appends buf[0..n) to the kept bytes. */
static churn_status keep(source *s, const unsigned char *buf, size_t n, churn_err *err)
{
	if (n == 0)
		return CHURN_OK;
	if (s->nkept + n > s->capkept) {
		size_t cap = s->capkept ? s->capkept : 4096;
		while (cap < s->nkept + n)
			cap *= 2;
		unsigned char *p = realloc(s->kept, cap);
		if (p == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		s->kept = p;
		s->capkept = cap;
	}
	memcpy(s->kept + s->nkept, buf, n);
	s->nkept += n;
	return CHURN_OK;
}

churn_status source_read(source *s, void *buf, size_t n, size_t *got, churn_err *err)
{
	unsigned char *out = buf;
	size_t done = s->nkept - s->pos < n ? s->nkept - s->pos : n, k = 0;
	churn_status st;

	*got = 0;
	if (done > 0) {
		memcpy(out, s->kept + s->pos, done);
		s->pos += done;
	}
	if (done < n) {
		if ((st = read_text(s, out + done, n - done, &k, err)) != CHURN_OK)
			return st;
		if (s->marking) {
			if ((st = keep(s, out + done, k, err)) != CHURN_OK)
				return st;
			s->pos = s->nkept;
		}
	}
	if (!s->marking && s->pos == s->nkept && s->kept != NULL) {
		/* Every kept byte was handed out again: let them go. */
		free(s->kept);
		s->kept = NULL;
		s->nkept = s->capkept = s->pos = 0;
	}
	*got = done + k;
	return CHURN_OK;
}

void source_mark(source *s)
{
	if (s->marking)
		return;
	/* Kept bytes not yet handed out again stay first in line. */
	if (s->pos > 0) {
		memmove(s->kept, s->kept + s->pos, s->nkept - s->pos);
		s->nkept -= s->pos;
		s->pos = 0;
	}
	s->marking = 1;
}

void source_rewind(source *s)
{
	if (!s->marking)
		return;
	s->marking = 0;
	s->pos = 0;
}

void source_sha256_hex(const source *s, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	struct sha256_ctx c = s->sha;  /* sha256_digest resets its context */
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_digest(&c, SHA256_DIGEST_SIZE, d);
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}

uint64_t source_bytes(const source *s)
{
	return s->nread;
}

uint64_t source_size(const source *s)
{
	return s->size;
}

size_t source_buffer_size(const source *s, size_t most)
{
	uint64_t left = s->size > s->nread ? s->size - s->nread : 0;
	size_t kept = s->nkept - s->pos;
	if (s->size == 0 || s->dec != NULL || left + kept + 1 >= most)
		return most;
	return (size_t)left + kept + 1;
}

/* decode.c - other encodings into UTF-8 through iconv(3); see decode.h. */
#include "decode.h"
#include "churnkit/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define IN_SIZE (64 * 1024)
/* Every accepted encoding takes at most 3 UTF-8 bytes per input byte
 * (windows-1252's euro sign: 1 byte -> 3; UTF-16: 2 bytes -> up to 3). */
#define OUT_SIZE (3 * IN_SIZE + 16)

struct decoder {
	iconv_t cd;
	const char *label;          /* the encoding's name in messages */
	int single_byte;            /* windows-1252, latin1: one byte a character */
	int sniff_bom;              /* utf-16: endianness not yet known */
	unsigned char in[IN_SIZE];
	size_t inlen;               /* unconverted bytes at the start of in */
	unsigned char out[OUT_SIZE];
	size_t outpos, outlen;      /* out[outpos..outlen) not yet handed out */
	int ended;                  /* the input ended */
	long line, col;             /* where the next converted character goes */
	int cr;                     /* the last converted byte was a CR */
};

churn_status decoder_open(const char *encoding, decoder **out, churn_err *err)
{
	static const struct {
		const char *name, *iconv_name, *label;
	} names[] = {
		{"utf-8", NULL, NULL}, {"utf8", NULL, NULL},
		{"windows-1252", "WINDOWS-1252", "windows-1252"},
		{"cp1252", "WINDOWS-1252", "windows-1252"},
		{"latin1", "ISO-8859-1", "latin1"}, {"iso-8859-1", "ISO-8859-1", "latin1"},
		{"utf-16", "UTF-16", "utf-16"}, {"utf-16le", "UTF-16LE", "utf-16le"},
		{"utf-16be", "UTF-16BE", "utf-16be"},
	};
	*out = NULL;
	for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
		if (strcasecmp(encoding, names[k].name) != 0)
			continue;
		if (names[k].iconv_name == NULL)
			return CHURN_OK;
		decoder *d = calloc(1, sizeof *d);
		if (d == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		d->cd = iconv_open("UTF-8", names[k].iconv_name);
		if (d->cd == (iconv_t)-1) {
			free(d);
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--encoding %s: this system's iconv cannot read it",
			                     encoding);
		}
		d->label = names[k].label;
		d->single_byte = strcmp(names[k].iconv_name, "WINDOWS-1252") == 0 ||
		                 strcmp(names[k].iconv_name, "ISO-8859-1") == 0;
		d->sniff_bom = strcmp(names[k].iconv_name, "UTF-16") == 0;
		d->line = 1;
		d->col = 1;
		*out = d;
		return CHURN_OK;
	}
	return churn_err_set(err, CHURN_EUSAGE,
	                     "--encoding %s: unknown encoding (use utf-8, windows-1252, "
	                     "latin1, utf-16, utf-16le or utf-16be)", encoding);
}

void decoder_free(decoder *d)
{
	if (d == NULL)
		return;
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	free(d);
}

unsigned char *decoder_input(decoder *d, size_t *room)
{
	*room = IN_SIZE - d->inlen;
	return d->in + d->inlen;
}

/* Moves the line and character position over converted bytes p[0..n). */
static void advance(decoder *d, const unsigned char *p, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		unsigned char c = p[k];
		if (c == '\n') {
			if (!d->cr)
				d->line++;
			d->col = 1;
		} else if (c == '\r') {
			d->line++;
			d->col = 1;
		} else if (!utf8_continuation(c)) {
			d->col++;  /* a character's first byte */
		}
		d->cr = c == '\r';
	}
}

/* The length of a UTF-8 character of 2 to 4 bytes at p[0..n) (a lead byte
 * and its continuation bytes, as src/util/utf8.c reads them), or 0. */
static size_t utf8_multi(const unsigned char *p, size_t n)
{
	size_t len = (size_t)utf8_seq_len(p[0]);
	if (len < 2 || len > n)
		return 0;
	for (size_t k = 1; k < len; k++)
		if (!utf8_continuation(p[k]))
			return 0;
	return len;
}

/* A one-byte encoding read from a UTF-8 file turns each UTF-8 character
 * into two or three wrong ones ("\xC3\xBC" into "Ã¼"): CHURN_EDATA at the
 * first UTF-8 character of p[0..n), whose line and character in the line
 * follow from d's (one byte is one character). */
static churn_status refuse_utf8(const decoder *d, const unsigned char *p, size_t n,
                                const char *name, churn_err *err)
{
	long line = d->line, col = d->col;
	int cr = d->cr;
	for (size_t k = 0; k < n; k++) {
		if (p[k] >= 0x80 && utf8_multi(p + k, n - k) > 0)
			return churn_err_at(err, CHURN_EDATA, name, line, col,
			                    "the bytes at character %ld of line %ld are UTF-8 "
			                    "text, which %s would garble: the file looks like "
			                    "UTF-8 (leave out --encoding)", col, line, d->label);
		if (p[k] == '\n') {
			line += !cr;
			col = 1;
		} else if (p[k] == '\r') {
			line++;
			col = 1;
		} else {
			col++;
		}
		cr = p[k] == '\r';
	}
	return CHURN_OK;
}

/* How many bytes at the end of p[0..n) begin a UTF-8 character of 2 to 4
 * bytes that the next buffer completes: refuse_utf8 cannot tell it yet,
 * so they wait with the next bytes rather than being converted apart. */
static size_t utf8_tail(const unsigned char *p, size_t n)
{
	return n - utf8_whole((const char *)p, n);
}

/* utf-16 without a byte-order mark: little-endian when its first
 * character's high byte is zero and its low byte is not ("i\0d\0"), else
 * big-endian, so that neither reads as the other's garble. */
static churn_status pick_endianness(decoder *d, const char *name, churn_err *err)
{
	const unsigned char *u = d->in;
	d->sniff_bom = 0;
	if ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))
		return CHURN_OK;
	/* (glibc's UTF-16 without a mark would take the machine's order.) */
	iconv_close(d->cd);
	d->cd = iconv_open("UTF-8", u[0] != 0 && u[1] == 0 ? "UTF-16LE" : "UTF-16BE");
	if (d->cd == (iconv_t)-1)
		return churn_err_at(err, CHURN_EUSAGE, name, 0, 0,
		                    "--encoding utf-16: this system's iconv cannot read it");
	return CHURN_OK;
}

churn_status decoder_convert(decoder *d, size_t n, int at_end, const char *name,
                             churn_err *err)
{
	char *in = (char *)d->in;
	size_t inleft = d->inlen + n, hold = 0;
	churn_status st;

	if (d->sniff_bom && inleft >= 2 && (st = pick_endianness(d, name, err)) != CHURN_OK)
		return st;
	if (d->single_byte) {
		if ((st = refuse_utf8(d, d->in, inleft, name, err)) != CHURN_OK)
			return st;
		/* A UTF-8 character split between two buffers is checked whole
		 * with the next one. */
		if (!at_end)
			hold = utf8_tail(d->in, inleft);
		inleft -= hold;
	}

	/* Hand-out space first: what was handed out is dropped. */
	if (d->outpos > 0) {
		memmove(d->out, d->out + d->outpos, d->outlen - d->outpos);
		d->outlen -= d->outpos;
		d->outpos = 0;
	}
	while (inleft > 0) {
		char *out = (char *)d->out + d->outlen;
		size_t outleft = OUT_SIZE - d->outlen;
		size_t r = iconv(d->cd, &in, &inleft, &out, &outleft);
		size_t made = (size_t)(out - (char *)d->out) - d->outlen;
		advance(d, d->out + d->outlen, made);
		d->outlen += made;
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			if (made == 0)
				break;  /* handed out later; the rest waits in `in` */
			continue;
		}
		if (errno == EINVAL && !at_end)
			break;  /* a character split at the buffer's end: wait for more */
		if (errno == EINVAL)
			return churn_err_at(err, CHURN_EDATA, name, d->line, d->col,
			                    "the file ends inside a character: it is not "
			                    "%s text (--encoding)", d->label);
		return churn_err_at(err, CHURN_EDATA, name, d->line, d->col,
		                    "byte 0x%02X (character %ld of line %ld) cannot be read "
		                    "as %s: the file is not in that encoding (--encoding)",
		                    (unsigned)(unsigned char)*in, d->col, d->line, d->label);
	}
	memmove(d->in, in, inleft + hold);
	d->inlen = inleft + hold;
	if (at_end && inleft == 0)
		d->ended = 1;
	return CHURN_OK;
}

size_t decoder_take(decoder *d, unsigned char *buf, size_t n)
{
	size_t k = d->outlen - d->outpos < n ? d->outlen - d->outpos : n;
	memcpy(buf, d->out + d->outpos, k);
	d->outpos += k;
	return k;
}

int decoder_done(const decoder *d)
{
	return d->ended && d->outpos == d->outlen;
}

/* intern.c - see intern.h. */
#include "util/intern.h"

#include <stdlib.h>
#include <string.h>

struct intern {
	uint64_t *slots;   /* per slot: the string's hash (its low 32 bits) above
	                      its index+1, 0 = empty; a probe reads the string's
	                      bytes only when the hash matches */
	size_t nslots;     /* a power of two */
	char *text;        /* every string, each NUL-terminated, one after another */
	size_t textlen, textcap;
	size_t *offs;      /* string k starts at text + offs[k] */
	size_t *lens;
	size_t count, cap;
};

/* A 64-bit hash of the bytes, eight at a time: each word folded in with a
 * multiply, the whole finished with splitmix64's mixer so that the low bits
 * (the slot) depend on every byte. */
static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ len, x;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		memcpy(&x, s + i, 8);
		h = (h ^ x) * 0xFF51AFD7ED558CCDULL;
		h ^= h >> 29;
	}
	/* The last 1-7 bytes: the string's last 8 when it has them (a copy
	 * of fixed size), else gathered by shifts (a memcpy of a variable
	 * length would be a call). */
	x = 0;
	if (i < len && len >= 8)
		memcpy(&x, s + len - 8, 8);
	else
		for (size_t j = 0; i + j < len; j++)
			x |= (uint64_t)(unsigned char)s[i + j] << (8 * j);
	h ^= x;
	h ^= h >> 30;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 27;
	h *= 0x94D049BB133111EBULL;
	h ^= h >> 31;
	return h;
}

intern *intern_new(void)
{
	intern *in = calloc(1, sizeof *in);
	if (in == NULL)
		return NULL;
	in->nslots = 16;  /* small: a wide file has one per categorical column */
	in->slots = calloc(in->nslots, sizeof *in->slots);
	if (in->slots == NULL) {
		free(in);
		return NULL;
	}
	return in;
}

void intern_free(intern *in)
{
	if (in == NULL)
		return;
	free(in->text);
	free(in->offs);
	free(in->lens);
	free(in->slots);
	free(in);
}

#define SLOT_INDEX(v) ((uint32_t)(v))       /* index+1 */
#define SLOT_TAG(v) ((uint32_t)((v) >> 32))  /* the hash's low 32 bits */

static size_t probe(const intern *in, const char *s, size_t len, uint32_t tag)
{
	size_t mask = in->nslots - 1;
	size_t i = tag & mask;
	while (in->slots[i] != 0) {
		uint64_t v = in->slots[i];
		uint32_t k = SLOT_INDEX(v) - 1;
		if (SLOT_TAG(v) == tag && in->lens[k] == len &&
		    memcmp(in->text + in->offs[k], s, len) == 0)
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

/* Moves the strings into n slots (a power of two above the count). */
static int resize_slots(intern *in, size_t n)
{
	uint64_t *slots = calloc(n, sizeof *slots);
	if (slots == NULL)
		return -1;
	for (size_t j = 0; j < in->nslots; j++) {
		uint64_t v = in->slots[j];
		if (v == 0)
			continue;
		size_t i = SLOT_TAG(v) & (n - 1);
		while (slots[i] != 0)
			i = (i + 1) & (n - 1);
		slots[i] = v;
	}
	free(in->slots);
	in->slots = slots;
	in->nslots = n;
	return 0;
}

int intern_reserve(intern *in, size_t n)
{
	size_t slots = in->nslots;
	while (n * 2 > slots)
		slots *= 2;
	return slots == in->nslots || resize_slots(in, slots) == 0;
}

static int grow_arrays(intern *in)
{
	size_t cap = in->cap ? in->cap * 2 : 8;
	size_t *offs = realloc(in->offs, cap * sizeof *offs);
	if (offs == NULL)
		return -1;
	in->offs = offs;
	size_t *lens = realloc(in->lens, cap * sizeof *lens);
	if (lens == NULL)
		return -1;
	in->lens = lens;
	in->cap = cap;
	return 0;
}

/* Room for n more bytes of text; -1 when out of memory. */
static int grow_text(intern *in, size_t n)
{
	if (in->textlen + n <= in->textcap)
		return 0;
	size_t cap = in->textcap ? in->textcap : 64;
	while (cap < in->textlen + n)
		cap *= 2;
	char *text = realloc(in->text, cap);
	if (text == NULL)
		return -1;
	in->text = text;
	in->textcap = cap;
	return 0;
}

void intern_prefetch(const intern *in, const char *s, size_t len)
{
	uint32_t tag = (uint32_t)hash_bytes(s, len);
	__builtin_prefetch(&in->slots[tag & (in->nslots - 1)]);
}

uint32_t intern_find(const intern *in, const char *s, size_t len)
{
	size_t i = probe(in, s, len, (uint32_t)hash_bytes(s, len));
	return in->slots[i] ? SLOT_INDEX(in->slots[i]) - 1 : UINT32_MAX;
}

uint32_t intern_add(intern *in, const char *s, size_t len, int *added)
{
	uint32_t tag = (uint32_t)hash_bytes(s, len);
	size_t i = probe(in, s, len, tag);

	if (added)
		*added = 0;
	if (in->slots[i] != 0)
		return SLOT_INDEX(in->slots[i]) - 1;
	if (in->count >= UINT32_MAX - 1)
		return UINT32_MAX;
	if (in->count == in->cap && grow_arrays(in) != 0)
		return UINT32_MAX;
	if (grow_text(in, len + 1) != 0)
		return UINT32_MAX;
	uint32_t k = (uint32_t)in->count;
	in->offs[k] = in->textlen;
	memcpy(in->text + in->textlen, s, len);
	in->text[in->textlen + len] = '\0';
	in->lens[k] = len;
	in->count++;
	in->slots[i] = (uint64_t)tag << 32 | (k + 1);
	if (in->count * 2 > in->nslots && resize_slots(in, in->nslots * 2) != 0) {
		/* The string is stored; only the resize failed.  Undo. */
		in->slots[i] = 0;
		in->count--;
		return UINT32_MAX;
	}
	in->textlen += len + 1;
	if (added)
		*added = 1;
	return k;
}

size_t intern_count(const intern *in)
{
	return in->count;
}

const char *intern_string(const intern *in, uint32_t k)
{
	return k < in->count ? in->text + in->offs[k] : NULL;
}

char **intern_take_text(intern *in, char **text)
{
	char **strs = malloc((in->count ? in->count : 1) * sizeof *strs);
	*text = NULL;
	if (strs == NULL)
		return NULL;
	if (in->text == NULL && (in->text = malloc(1)) == NULL) {
		free(strs);  /* (an empty table still hands over freeable text) */
		return NULL;
	}
	for (size_t k = 0; k < in->count; k++)
		strs[k] = in->text + in->offs[k];
	*text = in->text;
	in->text = NULL;
	in->textlen = in->textcap = 0;
	in->count = 0;
	memset(in->slots, 0, in->nslots * sizeof *in->slots);
	return strs;
}

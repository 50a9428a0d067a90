/* intern.c - see intern.h. */
#include "util/intern.h"

#include <stdlib.h>
#include <string.h>

struct intern {
	uint32_t *slots;   /* index+1 of the string in `strs`, 0 = empty */
	size_t nslots;     /* a power of two */
	char **strs;
	size_t *lens;
	uint64_t *hashes;
	size_t count, cap;
};

static uint64_t fnv1a(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
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
	if (in->strs != NULL)
		for (size_t i = 0; i < in->count; i++)
			free(in->strs[i]);
	free(in->strs);
	free(in->lens);
	free(in->hashes);
	free(in->slots);
	free(in);
}

static size_t probe(const intern *in, const char *s, size_t len, uint64_t h)
{
	size_t mask = in->nslots - 1;
	size_t i = (size_t)h & mask;
	while (in->slots[i] != 0) {
		uint32_t k = in->slots[i] - 1;
		if (in->hashes[k] == h && in->lens[k] == len &&
		    memcmp(in->strs[k], s, len) == 0)
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

static int grow_slots(intern *in)
{
	size_t n = in->nslots * 2;
	uint32_t *slots = calloc(n, sizeof *slots);
	if (slots == NULL)
		return -1;
	for (size_t k = 0; k < in->count; k++) {
		size_t i = (size_t)in->hashes[k] & (n - 1);
		while (slots[i] != 0)
			i = (i + 1) & (n - 1);
		slots[i] = (uint32_t)(k + 1);
	}
	free(in->slots);
	in->slots = slots;
	in->nslots = n;
	return 0;
}

static int grow_arrays(intern *in)
{
	size_t cap = in->cap ? in->cap * 2 : 8;
	char **strs = realloc(in->strs, cap * sizeof *strs);
	if (strs == NULL)
		return -1;
	in->strs = strs;
	size_t *lens = realloc(in->lens, cap * sizeof *lens);
	if (lens == NULL)
		return -1;
	in->lens = lens;
	uint64_t *hashes = realloc(in->hashes, cap * sizeof *hashes);
	if (hashes == NULL)
		return -1;
	in->hashes = hashes;
	in->cap = cap;
	return 0;
}

uint32_t intern_find(const intern *in, const char *s, size_t len)
{
	size_t i = probe(in, s, len, fnv1a(s, len));
	return in->slots[i] ? in->slots[i] - 1 : UINT32_MAX;
}

uint32_t intern_add(intern *in, const char *s, size_t len, int *added)
{
	uint64_t h = fnv1a(s, len);
	size_t i = probe(in, s, len, h);

	if (added)
		*added = 0;
	if (in->slots[i] != 0)
		return in->slots[i] - 1;
	if (in->count >= UINT32_MAX - 1)
		return UINT32_MAX;
	if (in->count == in->cap && grow_arrays(in) != 0)
		return UINT32_MAX;
	char *copy = malloc(len + 1);
	if (copy == NULL)
		return UINT32_MAX;
	memcpy(copy, s, len);
	copy[len] = '\0';
	uint32_t k = (uint32_t)in->count;
	in->strs[k] = copy;
	in->lens[k] = len;
	in->hashes[k] = h;
	in->count++;
	in->slots[i] = k + 1;
	if (in->count * 2 > in->nslots && grow_slots(in) != 0) {
		/* The string is stored; only the resize failed.  Undo. */
		in->slots[i] = 0;
		in->count--;
		free(copy);
		return UINT32_MAX;
	}
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
	return k < in->count ? in->strs[k] : NULL;
}

char **intern_take_strings(intern *in)
{
	char **strs = in->strs;
	if (strs == NULL)
		strs = malloc(sizeof *strs);  /* an empty, freeable array */
	in->strs = NULL;
	in->count = 0;
	in->cap = 0;
	free(in->lens);
	in->lens = NULL;
	free(in->hashes);
	in->hashes = NULL;
	memset(in->slots, 0, in->nslots * sizeof *in->slots);
	return strs;
}

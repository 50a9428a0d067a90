/*
 * surv_sort.c - the O(n) index sort behind surv_prep (see surv_tab.h).
 *
 * For doubles >= 0 the IEEE-754 bit pattern read as an unsigned 64-bit
 * integer increases with the value, so a least-significant-digit radix sort
 * on those bits orders the values.  Six passes of 11 bits cover 64 bits;
 * every histogram is built in one first pass, and a pass whose digit is the
 * same for all keys (common: day counts leave the low mantissa bits zero)
 * is skipped.  Each pass is a stable counting sort, so equal keys keep their
 * row order, as R's order() does.
 */
#include "surv_tab.h"

#include <stdlib.h>
#include <string.h>

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)
#define RADIX_PASSES 6

static uint64_t key_bits(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof u);
	return u;
}

int surv_sort_index(const double *key, size_t n, uint32_t *idx)
{
	uint64_t *k0 = NULL, *k1 = NULL;
	uint32_t *i1 = NULL;
	uint32_t (*hist)[RADIX_SIZE] = NULL;
	int rc = -1;

	if (n == 0)
		return 0;
	k0 = malloc(n * sizeof *k0);
	k1 = malloc(n * sizeof *k1);
	i1 = malloc(n * sizeof *i1);
	hist = calloc(RADIX_PASSES, sizeof *hist);
	if (k0 == NULL || k1 == NULL || i1 == NULL || hist == NULL)
		goto done;

	for (size_t r = 0; r < n; r++) {
		uint64_t u = key_bits(key[r]);
		k0[r] = u;
		idx[r] = (uint32_t)r;
		for (int p = 0; p < RADIX_PASSES; p++)
			hist[p][(u >> (p * RADIX_BITS)) & (RADIX_SIZE - 1)]++;
	}

	uint64_t *ksrc = k0, *kdst = k1;
	uint32_t *isrc = idx, *idst = i1;
	for (int p = 0; p < RADIX_PASSES; p++) {
		uint32_t *h = hist[p];
		unsigned shift = (unsigned)(p * RADIX_BITS);
		if (h[(ksrc[0] >> shift) & (RADIX_SIZE - 1)] == n)
			continue; /* one digit value for every key: order unchanged */
		uint32_t sum = 0;
		for (size_t b = 0; b < RADIX_SIZE; b++) {
			uint32_t c = h[b];
			h[b] = sum;
			sum += c;
		}
		for (size_t r = 0; r < n; r++) {
			uint32_t pos = h[(ksrc[r] >> shift) & (RADIX_SIZE - 1)]++;
			kdst[pos] = ksrc[r];
			idst[pos] = isrc[r];
		}
		uint64_t *kt = ksrc; ksrc = kdst; kdst = kt;
		uint32_t *it = isrc; isrc = idst; idst = it;
	}
	if (isrc != idx)
		memcpy(idx, isrc, n * sizeof *idx);
	rc = 0;
done:
	free(k0);
	free(k1);
	free(i1);
	free(hist);
	return rc;
}

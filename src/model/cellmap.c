/* cellmap.c - codes of 0/1 column patterns; see cellmap.h. */
#include "model/cellmap.h"

#include <stdlib.h>
#include <string.h>

#define SLOTS (2 * CELLMAP_MAX)  /* a power of 2 */

int cellmap_init(cellmap *m)
{
	m->nc = 0;
	m->keys = calloc(SLOTS, sizeof *m->keys);
	m->code = malloc(SLOTS * sizeof *m->code);
	if (m->keys == NULL || m->code == NULL) {
		cellmap_clear(m);
		return -1;
	}
	return 0;
}

void cellmap_clear(cellmap *m)
{
	free(m->keys);
	free(m->code);
	memset(m, 0, sizeof *m);
}

long cellmap_code(cellmap *m, uint64_t bits, int *fresh)
{
	uint64_t key = bits + 1;  /* 0 marks an empty slot; bits < 2^63 */
	size_t h = (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 40) & (SLOTS - 1);
	*fresh = 0;
	while (m->keys[h] != 0 && m->keys[h] != key)
		h = (h + 1) & (SLOTS - 1);
	if (m->keys[h] == 0) {
		if (m->nc == CELLMAP_MAX)
			return -1;
		m->keys[h] = key;
		m->code[h] = (uint32_t)m->nc++;
		*fresh = 1;
	}
	return m->code[h];
}

/*
 * cellmap.h - the cells of a design (src/model only): the patterns of its
 * 0/1 columns, each given a code 0, 1, ... in order of first sight.  Used
 * by the Cox and logistic fits on sufficient statistics (cox_cells.c,
 * logit_cells.c).  A pattern of up to 63 columns is a bit set; the map is
 * an open-addressing table of 2 CELLMAP_MAX slots, owned by the cellmap.
 */
#ifndef CHURNKIT_MODEL_CELLMAP_H
#define CHURNKIT_MODEL_CELLMAP_H

#include <stddef.h>
#include <stdint.h>

#define CELLMAP_MAX 4096   /* more cells: the fits keep their dense passes */
#define CELLMAP_BITS 63    /* columns a pattern holds */

typedef struct {
	uint64_t *keys;   /* 2 CELLMAP_MAX slots: pattern + 1, 0 when empty */
	uint32_t *code;   /* the code of each used slot */
	size_t nc;        /* cells so far */
} cellmap;

/* 0, or -1 when out of memory (m is then clear). */
int cellmap_init(cellmap *m);
void cellmap_clear(cellmap *m);

/* The code of the pattern bits; a new pattern gets code m->nc (*fresh set
 * to 1).  -1 when a new pattern would pass CELLMAP_MAX. */
long cellmap_code(cellmap *m, uint64_t bits, int *fresh);

/* Whether the cells save work in a fit of q kept columns, qn of them
 * numeric: a dense pass adds q (q + 1) / 2 products per row, a pass on the
 * cells about qn^2 + 2 qn + 4 and the cells' upkeep, taken twice.  (The
 * benchmark's stratified Cox fit, q 5 with qn 4, is faster dense; its
 * full fit, q 14 with qn 4, five times faster on the cells.) */
static inline int cellmap_worth(size_t q, size_t qn)
{
	return q * (q + 1) / 2 > 2 * (qn * qn + 2 * qn + 4);
}

/* The position in a q x q row-major upper triangle of columns a and b. */
static inline size_t cellmap_upper(size_t q, size_t a, size_t b)
{
	return a < b ? a * q + b : b * q + a;
}

#endif

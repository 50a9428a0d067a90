/* order.h - sorting and selection helpers for ranking many rows by a
 * double: a stable radix sort of (key, index) pairs and the selection of
 * order statistics, each giving exactly what a stable comparison sort
 * (glibc's qsort with a total order) gives, in linear time. */
#ifndef CHURNKIT_ORDER_H
#define CHURNKIT_ORDER_H

#include <stddef.h>
#include <stdint.h>

/* The key of x for order_sort_u64: the keys of two non-NaN doubles
 * compare as the doubles do under `<` (-0 and +0 get the same key); a
 * NaN's key is above every number's.  ~order_key_asc(x) orders
 * descending. */
uint64_t order_key_asc(double x);

/* Sorts the n pairs (key[i], idx[i]) by key ascending; pairs of equal key
 * keep their order (stable), so pairs entered by index come out ties by
 * index.  A least-significant-digit radix sort, eight bits a pass,
 * skipping the digits where every key agrees.  0, or -1 when out of
 * memory (then the arrays are unchanged). */
int order_sort_u64(uint64_t *key, size_t *idx, size_t n);

/* The order statistics k and k + 1 (0-based) of x[0..n-1] as a stable
 * sort by `<` would place them: out[0] = sorted[k], out[1] = sorted[k + 1]
 * (out[1] = out[0] when k + 1 == n); a zero is the one, +0 or -0, that a
 * stable sort puts there.  x is left as it is.  0; 1 when some x is NaN
 * (`<` is then no order: the caller sorts as before); -1 when out of
 * memory; -1 too when k >= n. */
int order_select2(const double *x, size_t n, size_t k, double out[2]);

/* out[r] = the order statistic rank[r] (0-based) of x[0..n-1], r < nr, as
 * order_select2 gives each (ranks in any order, repeats allowed), from one
 * copy of x: each rank is selected among the values below the larger
 * ones.  0; 1 when some x is NaN; -1 when out of memory or a rank >= n. */
int order_select_ranks(const double *x, size_t n, const size_t *rank, size_t nr, double *out);

#endif

/* numfast.h - printf's "%.6f" and "%.15g" of a double, the same bytes,
 * without printf for the values where the digits are certain (a
 * probability, an amount with a few decimals): the per-row numbers of
 * large CSV files.  Every other value goes through snprintf. */
#ifndef CHURNKIT_NUMFAST_H
#define CHURNKIT_NUMFAST_H

#include <stddef.h>

/* Writes snprintf(buf, n, "%.6f", x)'s text into buf (n >= 32; a value
 * whose text is longer is cut as snprintf cuts it) and returns its length
 * as snprintf does. */
int numfast_f6(double x, char *buf, size_t n);

/* The same for "%.15g". */
int numfast_g15(double x, char *buf, size_t n);

#endif

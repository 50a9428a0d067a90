/*
 * cuminc_curve.h - private to src/survival/cuminc*.c: the one allocator of
 * a cuminc_curve (include/churnkit/cuminc.h), shared by the fit and the
 * summary at chosen times.
 */
#ifndef CHURNKIT_CUMINC_CURVE_H
#define CHURNKIT_CUMINC_CURVE_H

#include "churnkit/cuminc.h"

/* A new curve of m rows and nstate states, every array zero, in one block
 * behind `time`; NULL when out of memory.  Free with cuminc_curve_free. */
cuminc_curve *cuminc_curve_alloc(size_t m, uint32_t nstate);

#endif

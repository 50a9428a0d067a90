/*
 * memhint.h - hints to the kernel about large working arrays.
 *
 * A design matrix or a Cox working copy at a million rows is hundreds of
 * megabytes that the stage writes once from start to end; in 4 KiB pages
 * that is a page fault every 4 KiB (about 13 us each on the machines
 * measured: most of the system time at 10M customers, issue 15).  Where
 * transparent huge pages are enabled for regions that ask for them
 * (/sys/kernel/mm/transparent_hugepage/enabled = madvise, Debian's default,
 * or always), mem_hint_huge asks for 2 MiB pages for the whole 2 MiB-aligned
 * interior of [p, p + n), before the array is first written.  It is a hint:
 * nothing changes in what the program computes, and a kernel or a tool
 * (valgrind) that refuses it leaves the memory as it was.
 */
#ifndef CHURNKIT_MEMHINT_H
#define CHURNKIT_MEMHINT_H

#include <stddef.h>

/* Below this, a hint is not worth a system call. */
#define MEM_HINT_MIN ((size_t)8 << 20)

/* Asks for huge pages for the aligned interior of [p, p + n) when n >=
 * MEM_HINT_MIN; does nothing otherwise, or where madvise is not there. */
void mem_hint_huge(void *p, size_t n);

#endif

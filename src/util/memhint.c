/* memhint.c - huge-page hints for large arrays; see include/churnkit/memhint.h. */
#include "config.h"

#include "churnkit/memhint.h"

#include <stdint.h>
#include <sys/mman.h>

void mem_hint_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t b = ((uintptr_t)p + n) & ~(huge - 1);
	if (p == NULL || n < MEM_HINT_MIN || b <= a)
		return;
	(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

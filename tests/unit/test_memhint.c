/* test_memhint.c - mem_hint_huge (memhint.h): where the kernel takes huge
 * pages for regions that ask (transparent_hugepage/enabled says madvise),
 * the hinted array's 2 MiB-aligned interior becomes eligible for them
 * (/proc/self/smaps, THPeligible), a small array is left alone, and the
 * contents are what was written. */
#include "config.h"

#include "churnkit/memhint.h"
#include "tap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The THPeligible value of the mapping that holds address a, or -1. */
static int eligible(uintptr_t a)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int in = 0, v = -1;
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
			in = a >= lo && a < hi;
		else if (in && sscanf(line, "THPeligible: %d", &v) == 1)
			break;
	}
	fclose(f);
	return v;
}

static int thp_madvise(void)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	char s[128] = "";
	if (f == NULL)
		return 0;
	if (fgets(s, sizeof s, f) == NULL)
		s[0] = 0;
	fclose(f);
	return strstr(s, "[madvise]") != NULL;
}

int main(void)
{
	size_t n = (size_t)32 << 20;
	unsigned char *p = malloc(n), *q = malloc(4096);
	uintptr_t mid = ((uintptr_t)p + ((uintptr_t)8 << 20)) & ~(((uintptr_t)2 << 20) - 1);

	if (p == NULL || q == NULL) {
		printf("Bail out! out of memory\n");
		return 1;
	}
	mem_hint_huge(q, 4096);
	mem_hint_huge(NULL, n);
	if (thp_madvise() && eligible(mid) >= 0) {
		is_int(eligible(mid), 0, "memhint: a 32 MiB block is not eligible before the hint");
		mem_hint_huge(p, n);
		is_int(eligible(mid), 1, "memhint: after the hint its interior is");
	} else {
		skip(2, "the kernel does not take huge pages on request (madvise) here");
		mem_hint_huge(p, n);
	}
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7);
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += p[i] != (unsigned char)(i * 7);
	is_int((long)bad, 0, "memhint: the array holds what was written");
	free(p);
	free(q);
	return done_testing();
}

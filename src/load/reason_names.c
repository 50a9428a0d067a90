/* reason_names.c - the names of churn-reason levels (--reason; load.h,
 * docs/contract.md "Churn reasons"): the level of churned customers without
 * a reason, kept apart from a reason the data spells "unknown", and how an
 * --involuntary name matches a level. */
#include "churnkit/load.h"

#include "churnkit/fieldread.h"

#include <string.h>

int load_reason_word_unknown(const char *level)
{
	return level != NULL && fieldread_same_word(level, strlen(level), LOAD_REASON_UNKNOWN);
}

const char *load_reason_unknown_name(const char *const *levels, size_t n)
{
	for (size_t l = 0; l < n; l++)
		if (load_reason_word_unknown(levels[l]))
			return LOAD_REASON_NOT_GIVEN;
	return LOAD_REASON_UNKNOWN;
}

/* Blanks as the loader trims them around a field (fieldread.h). */
static int blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

int load_reason_same(const char *level, const char *name)
{
	size_t a = 0, b = strlen(name);
	while (a < b && blank(name[a]))
		a++;
	while (b > a && blank(name[b - 1]))
		b--;
	return strlen(level) == b - a && memcmp(level, name + a, b - a) == 0;
}

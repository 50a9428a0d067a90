/* bylevels.c - the cap on a --by column's levels; see
 * include/churnkit/bylevels.h. */
#include "churnkit/bylevels.h"

churn_status by_levels_check(const char *column, size_t nlevels, churn_err *err)
{
	if (nlevels <= BY_LEVELS_MAX)
		return CHURN_OK;
	return churn_err_set(err, CHURN_EUSAGE,
	                     "--by %s has %zu levels: a segment column has at most %d (is it "
	                     "an id or free text?)", column, nlevels, BY_LEVELS_MAX);
}

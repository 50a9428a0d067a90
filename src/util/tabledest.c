/* tabledest.c - see include/churnkit/tabledest.h. */
#include "churnkit/tabledest.h"

#include <stddef.h>

churn_status table_dest_mkdir(const table_dest *d, churn_err *err)
{
	return d->dir != NULL ? outset_mkdir(d->outs, d->dir, err) : CHURN_OK;
}

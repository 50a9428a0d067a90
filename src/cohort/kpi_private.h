/* kpi_private.h - helpers shared by src/cohort/kpi*.c only. */
#ifndef CHURNKIT_KPI_PRIVATE_H
#define CHURNKIT_KPI_PRIVATE_H

#include "churnkit/kpi.h"

/* Fills *ch with copies of cur and prev (either may be NULL), their
 * differences and the z test of their churn rates. */
void kpi_change_fill(kpi_change *ch, const kpi_row *cur, const kpi_row *prev);

#endif

/* cohort_fixture.h - the nine customers' dates of the cohort unit tests
 * (test_cohort.c, test_kpi.c, test_cohort_output.c, test_cohort_weight.c),
 * each test with its own values and groups:
 * 1  2024-01-15 active
 * 2  2024-01-31 ends 2024-01-31  (joins and churns on the 31st)
 * 3  2024-01-01 ends 2024-02-01  (churns on a month boundary)
 * 4  2024-01-10 ends 2024-02-29  (churns on the leap day)
 * 5  2024-02-29 ends 2024-03-31  (starts on the leap day)
 * 6  2024-02-01 active
 * 7  2024-03-31 active
 * 8  2024-04-01 active           (after as-of 2024-03-31)
 * 9  2024-03-05 ends 2024-05-10  (churns after as-of) */
#ifndef CHURNKIT_TEST_COHORT_FIXTURE_H
#define CHURNKIT_TEST_COHORT_FIXTURE_H

#include <stdint.h>

#include "churnkit/date.h"
#include "churnkit/table.h"

static inline void cohort_fixture_dates(int32_t start[static 9], int32_t end[static 9])
{
	static const int ymd[9][6] = {
		{2024, 1, 15, 0, 0, 0}, {2024, 1, 31, 2024, 1, 31}, {2024, 1, 1, 2024, 2, 1},
		{2024, 1, 10, 2024, 2, 29}, {2024, 2, 29, 2024, 3, 31}, {2024, 2, 1, 0, 0, 0},
		{2024, 3, 31, 0, 0, 0}, {2024, 4, 1, 0, 0, 0}, {2024, 3, 5, 2024, 5, 10},
	};
	for (int i = 0; i < 9; i++) {
		start[i] = date_from_civil(ymd[i][0], ymd[i][1], ymd[i][2]);
		end[i] = ymd[i][3] ? date_from_civil(ymd[i][3], ymd[i][4], ymd[i][5])
		                   : TABLE_DATE_NA;
	}
}

#endif

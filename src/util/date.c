/* date.c - see include/churnkit/date.h. */
#include "churnkit/date.h"

#include <stdio.h>

int32_t date_from_civil(int year, int month, int day)
{
	/* Hinnant, "chrono-Compatible Low-Level Date Algorithms". */
	long y = (long)year - (month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void date_to_civil(int32_t days, int *year, int *month, int *day)
{
	long z = (long)days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(y + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

int date_days_in_month(int year, int month)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (month < 1 || month > 12)
		return 0;
	return dim[month - 1] + (month == 2 && leap);
}

int date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
	       day <= date_days_in_month(year, month);
}

char *date_format(int32_t days, char buf[static 11])
{
	int y, m, d;
	date_to_civil(days, &y, &m, &d);
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
	         (unsigned)d % 100u);
	return buf;
}

int32_t date_month_index(int32_t days)
{
	int y, m, d;
	date_to_civil(days, &y, &m, &d);
	return (int32_t)(y * 12 + (m - 1));
}

static int floordiv(int a, int b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

int32_t date_month_start(int32_t month_index)
{
	int y = floordiv(month_index, 12);
	int m = month_index - y * 12 + 1;
	return date_from_civil(y, m, 1);
}

char *date_format_month(int32_t month_index, char buf[static 8])
{
	int y = floordiv(month_index, 12);
	snprintf(buf, 8, "%04u-%02u", (unsigned)y % 10000u,
	         (unsigned)(month_index - y * 12 + 1) % 100u);
	return buf;
}

int32_t date_quarter_index(int32_t days)
{
	int y, m, d;
	date_to_civil(days, &y, &m, &d);
	return (int32_t)(y * 4 + (m - 1) / 3);
}

int32_t date_quarter_start(int32_t quarter_index)
{
	int y = floordiv(quarter_index, 4);
	int q = quarter_index - y * 4;
	return date_from_civil(y, q * 3 + 1, 1);
}

char *date_format_quarter(int32_t quarter_index, char buf[static 7])
{
	int y = floordiv(quarter_index, 4);
	snprintf(buf, 7, "%04uQ%u", (unsigned)y % 10000u,
	         (unsigned)(quarter_index - y * 4 + 1) % 10u);
	return buf;
}

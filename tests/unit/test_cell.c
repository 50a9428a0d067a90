/* test_cell.c - numbers as terminal table cells (include/churnkit/cell.h):
 * one mark, "NA", for a missing value in every table (survival once printed
 * "NA" and the model's calibration "-"), "Inf" for an infinite one, and the
 * digits each helper keeps. */
#include "config.h"

#include <math.h>

#include "churnkit/cell.h"
#include "tap.h"

int main(void)
{
	char b[32];

	is_str(CELL_NA, "NA", "the mark is R's NA");
	is_str(cell_num(NAN, 6, b, sizeof b), "NA", "num: NaN");
	is_str(cell_fix(NAN, 4, b, sizeof b), "NA", "fix: NaN");
	is_str(cell_count(NAN, b, sizeof b), "NA", "count: NaN");
	is_str(cell_num(INFINITY, 6, b, sizeof b), "Inf", "num: Inf");
	is_str(cell_fix(-INFINITY, 2, b, sizeof b), "-Inf", "fix: -Inf");
	is_str(cell_count(INFINITY, b, sizeof b), "Inf", "count: Inf");

	is_str(cell_num(412, 6, b, sizeof b), "412", "num: a whole number, no decimals");
	is_str(cell_num(1234567, 6, b, sizeof b), "1234567", "num: whole numbers keep all digits");
	is_str(cell_num(1e15, 6, b, sizeof b), "1e+15", "num: from 1e15 in significant digits");
	is_str(cell_num(0.123456, 3, b, sizeof b), "0.123", "num: significant digits");
	is_str(cell_num(30.4375, 8, b, sizeof b), "30.4375", "num: 30.4375 with 8 digits");
	is_str(cell_num(-2.5, 6, b, sizeof b), "-2.5", "num: negative");

	is_str(cell_sig(1234567, 6, b, sizeof b), "1.23457e+06", "sig: significant digits alone");
	is_str(cell_sig(0.5, 4, b, sizeof b), "0.5", "sig: 0.5");
	is_str(cell_sig(NAN, 4, b, sizeof b), "NA", "sig: NaN");

	is_str(cell_fix(0.90046, 4, b, sizeof b), "0.9005", "fix: four decimals");
	is_str(cell_fix(95, 1, b, sizeof b), "95.0", "fix: trailing zero kept");
	is_str(cell_fix(0, 2, b, sizeof b), "0.00", "fix: zero");

	is_str(cell_count(412, b, sizeof b), "412", "count: whole");
	is_str(cell_count(37.25, b, sizeof b), "37.2", "count: weighted, one decimal");
	is_str(cell_count(123456789012, b, sizeof b), "123456789012", "count: large whole");
	return done_testing();
}

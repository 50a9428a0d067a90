#!/bin/sh
# output.sh - the output layer's number rules seen from the commands (TAP).
#
# Every JSON number is written by json_num (include/churnkit/jsonout.h): a
# whole number as an integer, any other with the fewest significant digits
# (15 to 17) that read back to the same double.  The model's JSON once
# printed json-c's 17 digits (0.95 as 0.94999999999999996) beside the
# shortest-form numbers of the other stages; this test keeps it from
# coming back in any command's JSON.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir output
t=$ck_tmp
data="$top_srcdir/tests/data/model/churn.csv"
dates="--id customer_id --start signup_date --end churn_date --as-of 2026-06-30"

# long_numbers FILE: prints each number of the JSON FILE that is not in its
# shortest round-trip form (nothing when all are).
long_numbers() {
	grep -oE '(: |^ *)-?[0-9][0-9.eE+-]*' "$1" | sed 's/^[: ]*//' | awk '
	/[.eE]/ {
		x = $0 + 0
		for (p = 15; p <= 17; p++) {
			s = sprintf("%." p "g", x)
			if (s + 0 == x)
				break
		}
		if (s != $0)
			print $0 " (shortest: " s ")"
	}'
}

ck_run "$t" model $dates --features plan,contract,nps --cox --json "$t/model.json" "$data"
tap_is "$(cat "$t/exit")" "0" "model: exit 0"
grep -q '"conf_level": 0.95,' "$t/model.json"
tap_ok $? "model: the confidence level 0.95 prints as 0.95"
n=$(grep -c '"estimate": ' "$t/model.json")
[ "$n" -gt 4 ]
tap_ok $? "model: the JSON holds coefficients ($n)"
tap_is "$(long_numbers "$t/model.json" | head -n 5)" "" \
	"model: every coefficient, test and statistic in shortest round-trip form"

ck_run "$t" survival $dates --by plan --json "$t/survival.json" "$data"
tap_is "$(cat "$t/exit"):$(long_numbers "$t/survival.json" | head -n 5)" "0:" \
	"survival: every number in shortest round-trip form"

ck_run "$t" cohorts $dates --by plan --json "$t/cohorts.json" "$data"
tap_is "$(cat "$t/exit"):$(long_numbers "$t/cohorts.json" | head -n 5)" "0:" \
	"cohorts: every number in shortest round-trip form"

# The --tables folder's file names are listed once (tablecsv.h), so that the
# output checks know every file a writer may replace: the model's
# cv_calibration.csv was missing, and an input of that name inside the
# folder was overwritten.
mkdir "$t/tab"
cp "$data" "$t/tab/cv_calibration.csv"
ck_run "$t" model $dates --features plan,contract,nps --horizon 12 --tables "$t/tab" \
	"$t/tab/cv_calibration.csv"
tap_is "$(cat "$t/exit"):$(cmp -s "$data" "$t/tab/cv_calibration.csv" && echo same)" "2:same" \
	"model --tables: an input named cv_calibration.csv in the folder is refused, not overwritten"
grep -q -F "would overwrite the input" "$t/stderr"
tap_ok $? "model --tables: the message says the input would be overwritten"

tap_done

#!/bin/sh
# dates_us.sh - US spreadsheet and CRM exports (docs/inputs.md, "Dates"):
# times on a 12-hour clock ("3:15 PM") read in every date form, and a date
# column whose few values fit both %m/%d/%Y and %d/%m/%Y takes the form the
# file's other date column settled on, instead of failing the load.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir dates_us
t=$ck_tmp

# Signups settle %m/%d/%Y (2/13/2024: no 13th month); the two churn dates
# alone fit both forms.  5/1/2024 is May 1st: 2024-05-01.
printf 'id,signup,churn\n' >"$t/us.csv"
printf '%s\n' 'a,1/5/2024 3:15 PM,' 'b,2/13/2024 11:00 AM,5/1/2024 1:00 PM' \
	'c,3/20/2024 12:05 am,4/2/2024 12:30 pm' 'd,1/30/2024 9:00PM,' >>"$t/us.csv"
ck_run "$t" survival --id id --start signup --end churn --json "$t/s.json" "$t/us.csv"
tap_is "$(cat "$t/exit")" 0 "12-hour times and an undecided churn column: exit 0"
tap_is "$("$JSONGET" "$t/s.json" data.as_of)" "2024-05-01" \
	"the churn column reads as %m/%d/%Y like the signups: as-of 2024-05-01 (not 2024-01-05)"
tap_is "$("$JSONGET" "$t/s.json" data.rows_used)" "4" "every row is used"
# b: 2024-02-13 to 2024-05-01 = 78 days; c: 2024-03-20 to 2024-04-02 = 13.
tap_is "$("$JSONGET" "$t/s.json" survival.curves.0.steps.0.time)" "13" \
	"first churn 13 days after signup (3/20 to 4/2, 12:05 am read as 00:05)"

# Nothing settles the form: still an error naming both options.
printf 'id,signup,churn\na,1/5/2024,\nb,2/1/2024,5/1/2024\n' >"$t/amb.csv"
ck_run "$t" survival --id id --start signup --end churn "$t/amb.csv"
tap_is "$(cat "$t/exit")" 1 "no column settles the form: exit 1"
tap_is "$(grep -c "amb.csv:2:2: the dates in column 'signup' fit more than one form" "$t/stderr")" 1 \
	"the error names file, line, column"

# A settled column of another form does not decide: signups ISO, churn
# dates d/m or m/d: still an error.
printf 'id,signup,churn\na,2024-01-05,\nb,2024-02-01,5/1/2024\n' >"$t/mixed.csv"
ck_run "$t" survival --id id --start signup --end churn "$t/mixed.csv"
tap_is "$(cat "$t/exit")" 1 "an ISO column does not settle a d/m-or-m/d column"

# 13 PM is no time: a bad row by line and column.
printf 'id,signup,churn\na,1/15/2024 13:15 PM,\nb,1/20/2024,\n' >"$t/bad.csv"
ck_run "$t" check --id id --start signup --end churn --max-bad-rows 5 "$t/bad.csv"
tap_is "$(grep -c "bad.csv:2:2: .*13:15 PM" "$t/stderr")" 1 "13:15 PM is a bad row at line 2, column 2"

tap_done

#!/bin/sh
# revhist.sh - a revenue history as exports write it, end to end (TAP):
# zero rows at and after churn give the same movements as without them, and a
# wide file (one column per month) the same as its long form.  The files are
# tests/fixtures/cohort/revenue_{zeros,wide,wide_long}.csv, made by
# make_fixtures.R (part 4), where R checks that its own reference gives the
# same movements for each as for revenue.csv.  The JSON is compared whole
# except its "data" object, which describes the inputs (names, hashes, rows
# read and the columns used differ by file and layout).

. "$top_srcdir/tests/lib.sh"

ck_tmpdir revhist
t=$ck_tmp
fx=$top_srcdir/tests/fixtures/cohort
cd "$fx" || tap_bail "cannot enter $fx"

map="--id id --start start --end end --value value --as-of 2024-06-15 --max-bad-rows 100%"
# strip JSON OUT: the JSON without its top-level "data" object.
strip() {
	awk '/^  "data": \{$/ { skip = 1; next } skip && /^  \},?$/ { skip = 0; next } !skip' \
		"$1" >"$2"
}
get() {
	"$JSONGET" "$1" "$2"
}

run() {  # run NAME REVENUE [OPTION...]: cohorts --json into $t/NAME.json
	n=$1
	r=$2
	shift 2
	ck_run "$t/$n" cohorts $map --revenue "$r" "$@" --json "$t/$n.json" customers.csv
	tap_is "$(cat "$t/$n/exit")" 0 "$n: exit 0"
	strip "$t/$n.json" "$t/$n.cmp"
}
mkdir -p "$t/base" "$t/zeros" "$t/wide" "$t/long"
run base revenue.csv
run zeros revenue_zeros.csv
grep -q '"mrr_churned": [1-9]' "$t/base.cmp"
tap_ok $? "revenue.csv: some MRR churned (the comparison has numbers to compare)"
cmp -s "$t/base.cmp" "$t/zeros.cmp"
tap_ok $? "0 and empty MRR rows at and after churn: the same JSON as without them"
tap_is "$(get "$t/zeros.json" data.revenue.rows_rejected)" \
	"$(get "$t/base.json" data.revenue.rows_rejected)" \
	"0 and empty MRR rows at and after churn: none of them rejected"
z=$(($(get "$t/zeros.json" data.revenue.rows_read) - $(get "$t/base.json" data.revenue.rows_read)))
[ "$z" -gt 100 ]
tap_ok $? "revenue_zeros.csv has $z more rows than revenue.csv"
tap_is "$(get "$t/zeros.json" data.revenue.rows_churn_zero)" "$z" \
	"every one of them is counted as the churn itself (data.revenue.rows_churn_zero)"
tap_is "$(get "$t/base.json" data.revenue.rows_churn_zero)" 0 \
	"revenue.csv has none (data.revenue.rows_churn_zero is 0)"

run wide revenue_wide.csv --revenue-layout wide
run long revenue_wide_long.csv
cmp -s "$t/wide.cmp" "$t/long.cmp"
tap_ok $? "--revenue-layout wide: the same JSON as the long form"
cmp -s "$t/base.cmp" "$t/long.cmp"
tap_ok $? "the long form (revenue.csv without rows after churn): the same JSON as revenue.csv"
tap_is "$(get "$t/wide.json" data.revenue.columns.month)" "2022-01..2027-12" \
	"--revenue-layout wide: data.revenue names the month columns"

# Read as long, a wide file says which option reads it.
ck_run "$t/wide" cohorts $map --revenue revenue_wide.csv customers.csv
tap_is "$(cat "$t/wide/exit")" 2 "a wide file read as long: exit 2"
grep -q -F "read it with --revenue-layout wide" "$t/wide/stderr"
tap_ok $? "a wide file read as long: the error names --revenue-layout wide"
tap_done

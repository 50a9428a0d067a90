#!/bin/sh
# horizon.sh - the --horizon outcome has no selection bias (TAP;
# docs/horizon.md).
#
# On the generated sample (samples/customers.csv, as of 2026-10-31) the
# logistic model of `churn within 12 months` must use exactly the customers
# whose signup is at least 365.25 days before the as-of date, and its churn
# rate must be theirs: both are computed here independently with awk from
# the dates, with no help from churnkit.  plan and contract are never
# missing, so no row is left out for a missing value.

. "$top_srcdir/tests/lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir horizon
t=$ck_tmp
data="$top_srcdir/samples/customers.csv"

ck_run "$t" model --id customer_id --start signup_date --end churn_date --as-of 2026-10-31 \
	--horizon 12 --features plan,contract --folds 0 --json "$t/m.json" "$data"
tap_is "$(cat "$t/exit"):$(cat "$t/stderr")" "0:" "model --horizon 12: exit 0, nothing on stderr"

# Day numbers from yyyy-mm-dd (days from civil, proleptic Gregorian).
counts=$(awk -F, '
function days(s,   y, m, d, era, yoe, doy, doe) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) y--
	era = int(y / 400); yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe
}
NR == 1 { next }
{
	h = 365.25; asof = days("2026-10-31"); s = days($2)
	churned = $3 != "" && days($3) - s <= h
	if (asof - s >= h) { n++; ev += churned } else recent++
	# the old rule: churned within h, or observed beyond h
	if (churned) { on++; oev++ } else if ((($3 != "") ? days($3) : asof) - s > h) on++
}
END { printf "%d %d %d %.6f %.6f\n", n, ev, recent, ev / n, oev / on }' "$data")
set -- $counts
n=$1 ev=$2 recent=$3 rate=$4 oldrate=$5
tap_is "$("$JSONGET" "$t/m.json" model.n model.events model.rows_too_recent model.rows_missing |
	tr '\n' ' ')" "$n $ev $recent 0 " \
	"the model's n, events and too-recent customers are the $n followable customers, their $ev churners and the $recent others"
got=$(awk -v e="$("$JSONGET" "$t/m.json" model.events)" -v n="$("$JSONGET" "$t/m.json" model.n)" \
	'BEGIN { printf "%.6f", e / n }')
tap_is "$got" "$rate" "the model's churn rate is the rate among the customers followable for 12 months"
awk -v a="$rate" -v b="$oldrate" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d > 0.02) }'
tap_ok $? "and it differs from the rate of the old, biased sample ($oldrate vs $rate)"
grep -qF "Left out: $recent customers too recent to have been followed for the horizon." "$t/stdout"
tap_ok $? "the text says how many customers were too recent"

# Delayed entry (--entry): the clock starts at entry (at signup for a
# customer without one); a customer is in the model when the as-of date is
# at least 365.25 days after it, and churned within the horizon when the
# churn date is at most 365.25 days after it; a customer whose entry is not
# before the exit was never observed.  Every third customer who signed up
# before 2024-06-01 and was still there then gets that entry date; the
# counts are worked out with awk.
awk -F, -v OFS=, 'NR == 1 { print $0, "entry_date"; next }
	{ e = (NR % 3 == 0 && $2 < "2024-06-01" && ($3 == "" || $3 >= "2024-06-01")) ? "2024-06-01" : ""
	  print $0, e }' \
	"$data" >"$t/entry.csv"
ck_run "$t" model --id customer_id --start signup_date --end churn_date --entry entry_date \
	--as-of 2026-10-31 --horizon 12 --features plan,contract --folds 0 --json "$t/e.json" \
	"$t/entry.csv"
tap_is "$(cat "$t/exit"):$(cat "$t/stderr")" "0:" "model --entry --horizon 12: exit 0, nothing on stderr"
counts=$(awk -F, '
function days(s,   y, m, d, era, yoe, doy, doe) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) y--
	era = int(y / 400); yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe
}
NR == 1 { next }
{
	h = 365.25; asof = days("2026-10-31")
	e = days($NF != "" ? $NF : $2); stop = $3 != "" ? days($3) : asof
	if (e >= stop) { never++; next }
	if (asof - e >= h) { n++; ev += $3 != "" && stop - e <= h } else recent++
}
END { printf "%d %d %d %d\n", n, ev, recent, never }' "$t/entry.csv")
tap_is "$("$JSONGET" "$t/e.json" model.n model.events model.rows_too_recent \
	model.rows_no_time_at_risk | tr '\n' ' ')" "$counts " \
	"with --entry: n, events, too recent and never observed counted from entry, as awk"
grep -qF "churned at most 365.25 days after entry (signup for a customer without an entry date)" "$t/stdout"
tap_ok $? "with --entry: the text says where the clock starts for a customer without an entry date"

tap_done

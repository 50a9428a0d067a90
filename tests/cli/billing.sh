#!/bin/sh
# billing.sh - a billing-system export loads with options alone (issue 12):
# tests/data/exports/subscriptions.csv is Stripe-like, one row per
# subscription: datetimes `2024-09-25 16:21:00`, amounts in cents, yearly
# plans billed as yearly totals, a status column with trials, and cus_A,
# who cancelled in April and came back in July with a second subscription.
# customers_by_hand.csv is its hand conversion to one row per customer
# (docs/inputs.md, "One customer from several rows"): trials left out
# (cus_C's only row, cus_H's add-on); cus_A starts 2024-01-15, is active,
# and pays its active yearly plan (49000 cents a year); cus_I's two rows
# both ended on 2024-06-15, so it pays their sum (3900) and ended then;
# cus_F's two active rows sum to 3900 from the earlier start; the other
# columns come from the current row (the active one, or the one that ended
# last; on a tie the later start).  subscriptions_epoch.csv is the same
# export with Unix seconds (make_subscriptions_epoch.sh).  TAP.
. "$top_srcdir/tests/lib.sh"

d="$top_srcdir/tests/data/exports"
ck_tmpdir billing
t=$ck_tmp

cols="--id customer --start created --end canceled_at --value amount --value-scale 0.01 --interval interval --as-of 2024-09-30"
export_opts="--where status!=trialing --rollup"

# run NAME CMD FILE [OPTIONS]: churnkit CMD with the columns, JSON in NAME.json.
run() {
	name=$1 cmd=$2 file=$3
	shift 3
	mkdir -p "$t/$name" || tap_bail "cannot make $t/$name"
	# shellcheck disable=SC2086
	ck_run "$t/$name" "$cmd" $cols "$@" --json "$t/$name.json" "$d/$file"
	tap_is "$(cat "$t/$name/exit")" 0 "$name: $cmd $file runs"
}

run r check subscriptions.csv $export_opts
run h check customers_by_hand.csv
run e check subscriptions_epoch.csv $export_opts
j() { "$JSONGET" "$t/$1.json" "$2"; }
tap_is "$(j r data.rows_read)" 13 "check: 13 subscription rows read"
tap_is "$(j r data.rows_filtered)" 2 "check: the 2 trials left out by --where"
tap_is "$(j r data.customers)" 8 "check: 8 customers formed, as by hand"
tap_is "$(j r data.rows_used)" "$(j h data.rows_used)" "check: as many customers as the hand conversion"
tap_is "$(j r data.reactivations)" 1 "check: one return after a gap (cus_A)"
tap_is "$(j r data.customers_reactivated)" 1 "check: one customer came back"
tap_is "$(j r data.rows_rejected)" 0 "check: no bad row"
tap_is "$(j r data.events)" 3 "check: 3 customers churned (cus_G, cus_E, cus_I), as by hand"
tap_is "$(j r data.columns.name=amount.mean)" 37.375 \
	"check: mean MRR 299 / 8 (cus_A 490/12, cus_I and cus_F summed)"
# Every column's summary is the hand conversion's.
tap_is "$(j r data.columns)" "$(j h data.columns)" "check: every column summary equals the hand conversion's"
tap_is "$(j e data.columns)" "$(j r data.columns)" "check: Unix seconds read as the datetimes"
grep -q "13 rows read, 8 customers formed (1 returned after a gap)" "$t/r/stdout"
tap_ok $? "check: the text says rows read, customers formed and returns"
grep -q "Rows filtered   2 (left out by --where)" "$t/r/stdout"
tap_ok $? "check: the text counts the rows filtered"

run rc cohorts subscriptions.csv $export_opts
run hc cohorts customers_by_hand.csv
run ec cohorts subscriptions_epoch.csv $export_opts
tap_is "$(j rc data.customers)" 8 "cohorts: data.customers in every command's JSON"
tap_is "$(j rc cohorts.rows.0.cohort):$(j rc cohorts.rows.0.size):$(j rc cohorts.rows.0.value)" \
	"2024-01:2:65" "cohorts: January holds cus_G and cus_A (since January), MRR 290/12 + 490/12"
tap_is "$(for k in 0 1 2 3 4 5; do j rc cohorts.rows.$k.size; done | tr '\n' ' ')" "2 2 2 1 1 0 " \
	"cohorts: sizes Jan-Jun as by hand (A G, B E, I D, H, F, none)"
for p in cohorts kpis; do
	tap_is "$(j rc $p)" "$(j hc $p)" "cohorts: $p equal the hand conversion's"
	tap_is "$(j ec $p)" "$(j rc $p)" "cohorts: $p from Unix seconds equal the datetimes'"
done

# Without --rollup cus_A's return is a bad row whose message says --rollup.
mkdir -p "$t/dup"
# shellcheck disable=SC2086
ck_run "$t/dup" check $cols --where status!=trialing "$d/subscriptions.csv"
tap_is "$(cat "$t/dup/exit")" 1 "without --rollup: the repeated ids fail the run"
grep -q "duplicate id 'cus_A' (first on line 2; --rollup makes rows that share an id one customer)" \
	"$t/dup/stderr"
tap_ok $? "without --rollup: the message suggests --rollup"

# The report's cover counts customers, not rows; its appendix says what
# --where and --rollup did.
mkdir -p "$t/rep"
# shellcheck disable=SC2086
ck_run "$t/rep" report $cols $export_opts -o "$t/billing.pdf" "$d/subscriptions.csv"
tap_is "$(cat "$t/rep/exit")" 0 "report: the export makes a report"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -enc UTF-8 "$t/billing.pdf" - 2>/dev/null | tr '\n\f' '  ' >"$t/billing.txt"
	for want in "8 customers from" "13 rows read, 11 used, 0 rejected" \
		"2 rows were left out by --where." \
		"The rows used formed 8 customers (--rollup); 1 returned after a gap."; do
		grep -qF -- "$want" "$t/billing.txt"
		tap_ok $? "report: says '$want'"
	done
else
	for k in 1 2 3 4; do tap_ok 0 "# SKIP pdftotext is not installed"; done
fi
tap_done

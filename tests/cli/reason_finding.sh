#!/bin/sh
# reason_finding.sh - a churn reason that grew, and the failed-payment
# action, in the report's story (docs/findings.md, "Churn reasons"):
# findings[] and actions[] of the JSON, the text summary and page 2.
#
# tests/data/reasons/grew.csv (tests/fixtures/findings/reasons/make_grew.R):
# "price" grows from 20 of the 2,921 customers at the start of 2026Q2 to
# 60 of 2,835 at the start of 2026Q3; the other reasons stay alike;
# "payment failed" (involuntary) is 22% of 2026Q3's churn.  The finding's
# shares and counts must be cohorts.reasons' and R's, its p R's
# p.adjust(prop.test p, "BH") (grew.expect).  TAP.

. "$top_srcdir/tests/lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir reason_finding
t=$ck_tmp
data=$top_srcdir/tests/data/reasons/grew.csv
expect=$top_srcdir/tests/fixtures/findings/reasons/grew.expect
set -- --start start --end end --value mrr --by plan --reason reason \
	--involuntary "payment failed" --as-of 2026-10-15
# near GOT WANT TOL: equal within TOL relative.
near() {
	awk -v g="$1" -v w="$2" -v e="$3" 'BEGIN { d = g - w; if (d < 0) d = -d;
		m = w < 0 ? -w : w; exit !(g != "" && d <= e * (m > 1e-300 ? m : 1)) }'
}
# col REASON FIELD: the R fixture's value.
col() {
	awk -F, -v r="$1" -v f="$2" '/^#/ { next } NR > 0 && $1 == "reason" {
		for (i = 1; i <= NF; i++) c[$i] = i; next } $1 == r { print $c[f] }' "$expect"
}

ck_run "$t" report "$@" --id id -o "$t/r.pdf" --json "$t/r.json" "$data"
tap_is "$(cat "$t/exit")" 0 "report on the constructed data: exit 0"
ck_run "$t/" cohorts "$@" --json "$t/c.json" "$data"
cp "$t/stdout" "$t/report_stdout" 2>/dev/null
ck_run "$t" report "$@" --id id -o "$t/r2.pdf" "$data"
cp "$t/stdout" "$t/summary.txt"

j=$t/r.json
tap_is "$("$JSONGET" "$j" findings.kind=reason.reason)" price "findings[] has the reason finding of price"
tap_is "$("$JSONGET" "$j" findings | grep -c '"kind": *"reason"')" 1 \
	"and no other reason finding (the others did not change)"
for k in 0 1; do
	got=$("$JSONGET" "$j" "findings.kind=reason.shares.$k")
	if [ $k = 0 ]; then per=period; else per=previous; fi
	want=$("$JSONGET" "$t/c.json" "cohorts.reasons.$per.levels.name=price.share_of_start")
	near "$got" "$want" 1e-12
	tap_ok $? "share $k ($got) is cohorts.reasons.$per's share_of_start ($want)"
	near "$got" "$(col price share$((k + 1)))" 1e-12
	tap_ok $? "share $k is R's"
done
tap_is "$("$JSONGET" "$j" findings.kind=reason.customers)" \
	"$("$JSONGET" "$t/c.json" cohorts.reasons.period.levels.name=price.churned)" \
	"it concerns the customers who left for price in 2026Q3 (cohorts.reasons)"
near "$("$JSONGET" "$j" findings.kind=reason.mrr)" \
	"$("$JSONGET" "$t/c.json" cohorts.reasons.period.levels.name=price.churned_mrr)" 1e-12
tap_ok $? "and their churned MRR"
near "$("$JSONGET" "$j" findings.kind=reason.p)" "$(col price p_adj)" 1e-9
tap_ok $? "its p is R's BH-adjusted prop.test p ($(col price p_adj))"
tap_is "$("$JSONGET" "$j" findings.kind=reason.footnote)" \
	"two-proportion test, BH-adjusted p < 0.001" "its footnote names the test"
sentence='Churn for "price" grew: 2.1% of the customers active at the start of 2026Q3 left for this reason, against 0.68% in 2026Q2'
tap_is "$("$JSONGET" "$j" findings.kind=reason.text)" "$sentence" "its plain words"
grep -q -F "1. $sentence. Concerns the 60 customers who left for it in the period, with 13621 MRR. [two-proportion test, BH-adjusted p < 0.001]" "$t/summary.txt"
tap_ok $? "the text summary states it first, with what it concerns"

# The action: involuntary churn is 22% of the period's (>= 10%).
a="actions.period=2026Q3"
tap_is "$("$JSONGET" "$j" "$a.team")" Finance "the failed-payment action is in actions[], owner Finance"
tap_is "$("$JSONGET" "$j" "$a.customers")" \
	"$("$JSONGET" "$t/c.json" "cohorts.reasons.period.levels.name=payment failed.churned")" \
	"it aims at as many as left through failed payments in 2026Q3"
near "$("$JSONGET" "$j" "$a.churn_share")" \
	"$("$JSONGET" "$t/c.json" cohorts.reasons.period.involuntary.share)" 1e-12
tap_ok $? "its share is cohorts.reasons.period.involuntary.share"
tap_is "$("$JSONGET" "$j" "$a.finding")" null "it answers no finding (payment failed did not grow)"
grep -q -F "Recover failed payments: dunning emails, card updater, payment reminders before renewal (owner: Finance): aims at the next period's failed payments; 27 customers with 5857 MRR left that way in 2026Q3 (22% of its churn)." "$t/summary.txt"
tap_ok $? "the text summary lists the action"

# Page 2.
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -f 2 -l 2 "$t/r.pdf" - | tr '\n' ' ' | tr -s ' ' >"$t/p2.txt"
	grep -q -F "$sentence. It concerns the 60 customers who left for it, with 13.6k MRR." "$t/p2.txt"
	tap_ok $? "page 2 states the finding"
	grep -q -F "Recover failed payments: dunning emails, card updater, payment reminders before renewal. Owner: Finance. Aims at the next period's failed payments: 27 customers with 5.9k MRR left that way in 2026Q3 (22% of the churn in 2026Q3)." "$t/p2.txt"
	tap_ok $? "page 2 lists the action"
else
	tap_ok 0 "# SKIP pdftotext is not installed"
fi

# Below 10% involuntary churn: no action.  Half the failed payments are
# renamed to a voluntary reason.
awk -F, -v OFS=, '$6 == "payment failed" && ++n % 3 != 0 { $6 = "moved" } 1' "$data" >"$t/few.csv"
ck_run "$t" report "$@" -o "$t/f.pdf" --json "$t/f.json" "$t/few.csv"
tap_is "$("$JSONGET" "$t/f.json" actions | grep -c involuntary)" 0 \
	"with involuntary churn below 10% of the period's: no failed-payment action"
tap_done

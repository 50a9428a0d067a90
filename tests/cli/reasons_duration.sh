#!/bin/sh
# reasons_duration.sh - the page "Why customers leave" on duration data (no
# dates, no period to compare; docs/outputs.md): it still shows every
# churned customer by reason and the cumulative incidence chart, with a
# line saying why the periods are not compared.  The data:
# tests/data/exports/telco_extract.csv with a reason column added here
# (payment failed, price, competitor, service by row; some left empty).
# The table's counts must be survival.reasons'.  TAP.

. "$top_srcdir/tests/lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
command -v pdftotext >/dev/null 2>&1 || {
	echo "1..0 # SKIP pdftotext not found"
	exit 0
}
ck_tmpdir reasons_duration
t=$ck_tmp
awk -F, -v OFS=, '{ sub(/\r$/, "") } NR == 1 { print $0, "reason"; next }
	{ r = ""; k = NR % 4
	  if ($21 == "Yes")
		r = $18 == "Electronic check" && k == 0 ? "payment failed" : k == 1 ? "price" \
		    : k == 2 ? "competitor" : k == 3 ? "service" : ""
	  print $0, r }' "$top_srcdir/tests/data/exports/telco_extract.csv" >"$t/telco.csv"
set -- --id customerID --duration tenure --time-unit month --event Churn \
	--value MonthlyCharges --by Contract --reason reason --involuntary "payment failed"
ck_run "$t" report "$@" -o "$t/r.pdf" "$t/telco.csv"
tap_is "$(cat "$t/exit")" 0 "report on durations with a reason column: exit 0"
ck_run "$t" survival "$@" --json "$t/s.json" "$t/telco.csv"

pg=$(pdftotext -layout "$t/r.pdf" - | awk '
	/\f/ { n += gsub(/\f/, "") } /^ *Why customers leave *$/ { print n + 1; exit }')
tap_ok $([ -n "$pg" ]; echo $?) "the page is in the report (page ${pg:-none})"
pdftotext -layout -f "${pg:-1}" -l "${pg:-1}" "$t/r.pdf" "$t/p.txt"
pdftotext -f "${pg:-1}" -l "${pg:-1}" "$t/r.pdf" - | tr '\n' ' ' | tr -s ' ' >"$t/flow.txt"
grep -q -F "The data has durations, not dates: there is no calendar period, so the reasons are not compared between periods and no reason is said to have grown." "$t/flow.txt"
tap_ok $? "a line says why the periods are not compared"
for r in price competitor service 'payment failed'; do
	n=$("$JSONGET" "$t/s.json" "survival.reasons.levels.name=$r.churned")
	got=$(awk -v r="$r" '{ line = $0; sub(/^ +/, "", line) }
		index(line, r " ") == 1 && $0 ~ / - *$/ { s = substr(line, length(r) + 1); split(s, f, " "); print f[1]; exit }' "$t/p.txt")
	tap_is "$got" "$n" "table: $r churned $n over the data (survival.reasons)"
done
tap_is "$(awk '/^ *All reasons/ { print $3 }' "$t/p.txt")" \
	"$("$JSONGET" "$t/s.json" survival.reasons.churned)" "the total is every churned customer"
grep -q "Share of customers who have left, by reason and tenure" "$t/flow.txt"
tap_ok $? "the cumulative incidence chart is there"
grep -q "Tenure (months)" "$t/flow.txt"
tap_ok $? "in months, the duration's unit"
tap_is "$(grep -c "grew:" "$t/flow.txt")" 0 "no reason is said to have grown"
tap_done

#!/bin/sh
# cohorts_weight.sh - cohorts, period KPIs and the report's cohort pages with
# frequency weights (--weight, docs/inputs.md): a row of weight w stands for
# w customers, so the weighted table must give exactly what the same table
# written out one row per customer gives.  The reference is that expansion
# (awk below), not churnkit's own earlier output: MRR values in the data are
# whole or halves, so every sum is exact and the numbers must agree byte for
# byte.  A weight-0 row stands for nobody.  A revenue history with --weight
# is refused (a history is per customer).

. "$top_srcdir/tests/lib.sh"

ck_tmpdir cohorts_weight
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
data="$top_srcdir/tests/data/cohorts/weighted.csv"

# One row per customer: row g07 of weight 3 becomes g07_1, g07_2, g07_3.
awk -F, -v OFS=, 'NR == 1 { print; next }
	{ for (k = 1; k <= $6; k++) { x = $0; sub(/^[^,]*/, $1 "_" k, x)
	  sub(/,[0-9]+$/, ",1", x); print x } }' "$data" >expanded.csv
n=$(awk -F, 'NR > 1 { s += $6 } END { print s }' "$data")
tap_is "$(($(wc -l <expanded.csv) - 1))" "$n" "the expansion has one row per customer ($n)"

# Top-level JSON block KEY of FILE (two-space indent, as churnkit writes).
block() {
	awk -v k="  \"$1\": " 'index($0, k) == 1 { on = 1 }
		on { print } on && /^  [}\]],?$/ { exit }' "$2"
}

common="--id group_id --start signup --end churned_on --value mrr --by plan --as-of 2027-03-31"
# shellcheck disable=SC2086
ck_run "$t" cohorts $common --weight customers --json w.json "$data"
tap_is "$(cat exit):$(cat stderr)" "0:" "cohorts --weight: exit 0, nothing on stderr"
cp stdout w.txt
# shellcheck disable=SC2086
ck_run "$t" cohorts $common --json e.json expanded.csv
tap_is "$(cat exit):$(cat stderr)" "0:" "cohorts on the expanded table: exit 0"
cp stdout e.txt

for k in cohorts kpis; do
	block $k w.json >w.$k
	block $k e.json >e.$k
	tap_ok $(( $(wc -l <w.$k) < 20 )) "cohorts --weight: the JSON has a $k block"
	cmp -s w.$k e.$k
	tap_ok $? "cohorts --weight: $k equal the expanded table's, byte for byte"
done
tap_is "$(grep -c '"size": 0' w.cohorts)" "$(grep -c '"size": 0' e.cohorts)" \
	"cohorts --weight: the same empty cohorts"
tap_is "$(sed 1d w.txt | cksum)" "$(sed 1d e.txt | cksum)" \
	"cohorts --weight: the printed triangles and KPIs are the expanded table's"
tap_is "$(head -n 1 w.txt)" \
	"churnkit cohorts: $data, $n customers (weights in customers) in 40 rows used of 40 rows read (0 rejected), as of 2027-03-31" \
	"cohorts --weight: the summary counts customers by weight and rows apart"

# The report: cohort and KPI pages are there, with the expanded table's numbers.
# shellcheck disable=SC2086
ck_run "$t" report $common --weight customers --json wr.json -o w.pdf "$data"
tap_is "$(cat exit):$(cat stderr)" "0:" "report --weight: exit 0"
grep -q "^No cohort or KPI pages" stdout
tap_ok $((!$?)) "report --weight: the cohort and KPI pages are not left out"
# shellcheck disable=SC2086
ck_run "$t" report $common --json er.json -o e.pdf expanded.csv
tap_is "$(cat exit):$(cat stderr)" "0:" "report on the expanded table: exit 0"
for k in cohorts kpis findings actions; do
	block $k wr.json >wr.$k
	block $k er.json >er.$k
	cmp -s wr.$k er.$k
	tap_ok $? "report --weight: $k equal the expanded table's"
done
block report wr.json | grep -v sha256 >wr.report
block report er.json | grep -v sha256 >er.report
tap_ok $(( $(wc -l <wr.report) < 20 )) "report --weight: the JSON has a report block"
cmp -s wr.report er.report
tap_ok $? "report --weight: the executive page's numbers equal the expanded table's"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext w.pdf w.pdf.txt
	grep -q "^Cohort retention" w.pdf.txt
	tap_ok $? "report --weight: the PDF has the cohort retention page"
	tr -s ' \n' '  ' <w.pdf.txt | grep -q "; 1 row of weight 0 stands for nobody and is not scored"
	tap_ok $? "report --weight: the appendix counts the one row of weight 0 in the singular"
else
	tap_ok 0 "# SKIP poppler-utils not installed"
	tap_ok 0 "# SKIP poppler-utils not installed"
fi

# A revenue history is per customer: refused with weights, nothing written.
printf 'customer_id,month,mrr\ng00,2025-10,1200\n' >rev.csv
# shellcheck disable=SC2086
ck_run "$t" cohorts $common --weight customers --revenue rev.csv --json r.json "$data"
tap_is "$(cat exit)" "2" "cohorts --weight --revenue: usage error"
grep -q "weight" stderr
tap_ok $? "cohorts --weight --revenue: the message names the weights"
[ ! -e r.json ]
tap_ok $? "cohorts --weight --revenue: no JSON written"

tap_done

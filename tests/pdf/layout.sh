#!/bin/sh
# layout.sh - the report's layout read back with pdftotext (TAP): with a
# revenue history the revenue heatmap is the net revenue retention from the
# history and says so; each survival page by segment draws the curve of all
# customers too, in its legend and its medians table.  Skips when poppler-utils is missing.

. "$top_srcdir/tests/lib.sh"

command -v pdftotext >/dev/null 2>&1 || {
	echo "1..0 # SKIP pdftotext not found (apt-get install poppler-utils)"
	exit 0
}
ck_tmpdir pdf_layout
t=$ck_tmp
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
top=$top_srcdir

# --- the revenue heatmap from the revenue history ----------------------------
mkdir -p "$t/rev"
ck_run "$t/rev" report --config "$top/reports/executive.ini" --revenue "$top/samples/revenue.csv" \
	-o "$t/rev.pdf" "$top/samples/customers.csv"
tap_is "$(cat "$t/rev/exit")" 0 "revenue report: exit 0"
pdftotext -layout "$t/rev.pdf" "$t/rev.txt"
grep -q -F "Net revenue retention (MRR from the revenue history)" "$t/rev.txt"
tap_ok $? "revenue heatmap titled as the history's net revenue retention"
grep -q -F "MRR-weighted mean" "$t/rev.txt"
tap_ok $? "revenue heatmap: the MRR-weighted mean row"
grep -q -F "not the history" "$t/rev.txt"
tap_ok $((1 - $?)) "no heatmap at the constant value when a history is given"
mkdir -p "$t/val"
ck_run "$t/val" report --config "$top/reports/quarterly.ini" -o "$t/val.pdf" \
	"$top/samples/customers.csv"
tap_is "$(cat "$t/val/exit")" 0 "sample report: exit 0"
pdftotext -layout "$t/val.pdf" "$t/val.txt"
grep -q -F "Revenue retained (MRR of the cohort's remaining customers)" "$t/val.txt"
tap_ok $? "without a history the revenue heatmap is at each customer's value"

# --- the overall survival curve on each page by segment ----------------------
for c in contract channel; do
	pg=$(pdftotext -layout "$t/val.pdf" - | awk -v c="Survival by $c" '
		/\f/ { n += gsub(/\f/, "") } index($0, c) == 1 { print n + 1; exit }')
	tap_ok $([ -n "$pg" ]; echo $?) "survival page by $c found (page ${pg:-none})"
	pdftotext -layout -f "${pg:-1}" -l "${pg:-1}" "$t/val.pdf" "$t/s_$c.txt"
	grep -q "All customers (median [0-9.]* mo)" "$t/s_$c.txt"
	tap_ok $? "by $c: the legend has all customers with their median"
	grep -q "^ *All customers  *5,000  *1,729  *25\.4 (23\.5-26\.8)" "$t/s_$c.txt"
	tap_ok $? "by $c: the medians table has the all-customers row"
done
tap_done

#!/bin/sh
# layout.sh - the report's layout read back with pdftotext (TAP): with a
# revenue history the revenue heatmap is the net revenue retention from the
# history and says so.  Skips when poppler-utils is missing.

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
tap_done

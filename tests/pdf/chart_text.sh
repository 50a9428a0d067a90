#!/bin/sh
# chart_text.sh - draws every chart with tests/pdf/chart_demo and reads the
# PDF back with pdftotext: titles, legends, "No data", at-risk counts,
# percentages in cells and forest values must be there as text.  TAP;
# skipped (exit 77) when pdftotext is missing.
: "${top_builddir:=.}"
LC_ALL=C
export LC_ALL
demo="$top_builddir/tests/pdf/chart_demo"

n=0
failed=0
tap_ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

if ! command -v pdftotext >/dev/null 2>&1; then
	echo "1..0 # SKIP pdftotext (poppler-utils) is not installed"
	exit 0
fi
[ -x "$demo" ] || { echo "Bail out! $demo is not built"; exit 99; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/chart_text.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

"$demo" "$tmp/charts.pdf" 2>"$tmp/stderr"
tap_ok $? "chart_demo draws every chart inside its box"
[ -s "$tmp/stderr" ] && sed 's/^/# /' "$tmp/stderr"
pdftotext "$tmp/charts.pdf" "$tmp/all.txt" 2>"$tmp/pt.err"
tap_ok $? "pdftotext reads the document"
[ -s "$tmp/pt.err" ]
tap_ok $((1 - $?)) "pdftotext has no complaint about the fonts or text"

# has PAGE TEXT DESCRIPTION: TEXT (a fixed string) is on page PAGE.
has() {
	pdftotext -f "$1" -l "$1" "$tmp/charts.pdf" "$tmp/p$1.txt" 2>/dev/null
	grep -F -q -- "$2" "$tmp/p$1.txt"
	tap_ok $? "$3"
}
# count PAGE TEXT: how many times TEXT is on page PAGE.
count() {
	pdftotext -f "$1" -l "$1" "$tmp/charts.pdf" - 2>/dev/null | grep -F -c -- "$2"
}

has 1 "Customer survival by contract type" "km: the title"
has 1 "Monthly (median" "km: the legend gives the median"
has 1 "Two-year (Zürich pilot)" "km: UTF-8 labels in the legend"
has 1 "Number at risk" "km: the at-risk table"
has 1 "1,840" "km: at-risk counts with thousands separators"
has 1 "100%" "km: the y axis in percent"
has 1 "Months since signup" "km: the x axis title"
has 1 "Customers retained" "km: the y axis title"
has 1 "No data" "km: no series gives No data"
has 2 "First 90 days (38% of churn)" "bars: the highlight legend"
has 2 "Tenure (months)" "bars: the x axis title"
has 2 "8%" "bars: the y axis in percent"
has 2 "12.0%" "bars: values over wide bars"
has 2 "24-36" "bars: the caller's labels"
test "$(count 2 "No data")" -ge 1
tap_ok $? "bars: all-NaN bars give No data"
has 3 "Logo retention by signup cohort (40 cohorts)" "heatmap: the title"
has 3 "Kaplan-Meier" "heatmap: the summary rows"
has 3 "2023-06" "heatmap: the cohort labels"
has 3 "fewer than 30 customers" "heatmap: the thin-row legend"
has 3 "≤ 40%" "heatmap: a ramp from lo = 0.4 says so in its key"
has 4 "n=114" "heatmap: the cohort sizes"
has 4 "100%" "heatmap: percentages in the cells"
has 4 "2023-06†" "heatmap: thin cohorts carry a dagger"
has 4 "No data" "heatmap: no rows gives No data"
has 5 "1.85 (1.52-2.25)" "forest: estimate and interval"
has 5 "2.40 (0-inf)" "forest: open bounds printed as 0 and inf"
has 5 "OR (95% CI)" "forest: the value column's header"
has 5 "Odds ratio (log scale)" "forest: the axis title"
has 5 "0.5" "forest: a tick at 0.5"
has 5 "Region: 台北" "forest: CJK labels"
has 5 "Perfect calibration" "calibration: the diagonal's legend"
has 5 "Predicted churn rate" "calibration: the x axis title"
has 5 "Expected loss" "table: the header"
has 5 "São Paulo Retail" "table: UTF-8 cells"
has 5 "…" "table: long cells shortened with an ellipsis"
test "$(count 5 "No data")" -ge 3
tap_ok $? "forest, calibration and table: no data says No data"

"$demo" "$tmp/again.pdf" 2>/dev/null
cmp -s "$tmp/charts.pdf" "$tmp/again.pdf"
tap_ok $? "two runs give byte-identical PDFs"

echo "1..$n"
[ "$failed" -eq 0 ]

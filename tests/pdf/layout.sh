#!/bin/sh
# layout.sh - the report's layout read back with pdftotext (TAP): with a
# revenue history the revenue heatmap is the net revenue retention from the
# history and says so; each survival page by segment draws the curve of all
# customers too, in its legend and its medians table; and the page fill of
# the sample report, the revenue report and the README's Telco recipe: no
# page but the cover and a section's last page is under a third full (the
# lowest text above the footer, from pdftotext -bbox, against the content
# height), and no continuation page holds a single paragraph.  Skips when poppler-utils is missing.

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
# (the pages' titles name the columns by the report definition's [labels])
for c in Contract 'Acquisition channel'; do
	pg=$(pdftotext -layout "$t/val.pdf" - | awk -v c="Survival by $c" '
		/\f/ { n += gsub(/\f/, "") } index($0, c) == 1 { print n + 1; exit }')
	tap_ok $([ -n "$pg" ]; echo $?) "survival page by $c found (page ${pg:-none})"
	pdftotext -layout -f "${pg:-1}" -l "${pg:-1}" "$t/val.pdf" "$t/s_$c.txt"
	grep -q "All customers (median [0-9.]* mo)" "$t/s_$c.txt"
	tap_ok $? "by $c: the legend has all customers with their median"
	grep -q "^ *All customers  *5,000  *1,729  *25\.4 (23\.5-26\.8)" "$t/s_$c.txt"
	tap_ok $? "by $c: the medians table has the all-customers row"
done

# --- page fill ---------------------------------------------------------------
mkdir -p "$t/tel"
cp "$top/tests/data/exports/telco_extract.csv" "$t/tel/telco.csv" || tap_bail "no Telco extract"
ck_run "$t/tel" report --id customerID --duration tenure --event Churn --value MonthlyCharges \
	--by Contract --outcome Churn \
	--features Contract,MonthlyCharges,InternetService,TechSupport,SeniorCitizen \
	-o "$t/tel.pdf" "$t/tel/telco.csv"
tap_is "$(cat "$t/tel/exit")" 0 "Telco report: exit 0"
# fill PDF: "page fill heading" per page; fill = (lowest word's bottom above
# the footer - top margin 50) / (content height = page height - 110).
fill() {
	n=$(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')
	pdftotext -bbox "$1" - | awk '
		/<page / { match($0, /height="[0-9.]+"/); H = substr($0, RSTART + 8, RLENGTH - 9) + 0
			p++; low[p] = 50 }
		/<word / { match($0, /yMax="[0-9.]+"/); y = substr($0, RSTART + 6, RLENGTH - 7) + 0
			if (y < H - 40 && y > low[p]) low[p] = y }
		END { for (i = 1; i <= p; i++) printf "%d %.3f\n", i, (low[i] - 50) / (H - 110) }' |
	while read -r i f; do
		h=$(pdftotext -f "$i" -l "$i" "$1" - | sed -n 1p)
		printf '%s %s %s\n' "$i" "$f" "$h"
	done
	[ -n "$n" ]
}
# short FILL: the pages under a third full that are not a section's last.
# A page whose heading is not "... (continued)" starts a section; the page
# before it ends one.  Page 1 is the cover.
short() {
	awk '{ i = $1; f[i] = $2; $1 = $2 = ""; h[i] = substr($0, 3); n = i }
		END { for (i = 2; i < n; i++) if (h[i + 1] ~ /\(continued\) *$/ && f[i] < 1 / 3)
			printf "page %d (%s) %.2f; ", i, h[i], f[i] }' "$1"
}
printf '1 0.20 Cover\n2 0.30 Churn drivers\n3 0.05 Churn drivers (continued)\n4 0.10 Appendix\n' \
	>"$t/made.fill"
tap_is "$(short "$t/made.fill")" "page 2 (Churn drivers) 0.30; " \
	"the check finds a short page that runs on (and passes the cover and a last page)"
for r in val rev tel; do
	fill "$t/$r.pdf" >"$t/$r.fill"
	tap_is "$(short "$t/$r.fill")" "" "$r: no page but a section's last under a third full"
	one=""
	for i in $(awk '/\(continued\) *$/ { print $1 }' "$t/$r.fill"); do
		# Blocks of text under the heading, above the footer.
		blocks=$(pdftotext -layout -f "$i" -l "$i" "$t/$r.pdf" - | sed -e '1d' -e '/Page [0-9]* of/d' |
			awk 'NF { if (!on) b++; on = 1; next } { on = 0 } END { print b + 0 }')
		[ "$blocks" -le 1 ] && one="$one $i"
	done
	tap_is "$one" "" "$r: no continuation page holds a single paragraph"
done
tap_done

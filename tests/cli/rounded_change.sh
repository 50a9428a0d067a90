#!/bin/sh
# rounded_change.sh - a change printed beside two rates is the difference of
# the rates as printed (docs/outputs.md, "How numbers are printed"): page 2's
# tiles and the reasons table (TAP).
#
# tests/data/reasons/rounded_change.csv, as of 2026-06-30: 22 of 172
# customers churned in 2026Q2 (12.791%, printed 12.8%) and 24 of 196 in
# 2026Q1 (12.245%, printed 12.2%).  The exact change, 0.546 pp, rounds to
# +0.5, but a reader subtracting the printed rates finds 0.6: the tile and
# the reasons table print "+0.6 pp", the retention tile "-0.6 pp".

. "$top_srcdir/tests/lib.sh"

ck_tmpdir rounded_change
t=$ck_tmp
if ! command -v pdftotext >/dev/null 2>&1; then
	tap_ok 0 "# SKIP pdftotext is not installed"
	tap_done
	exit 0
fi
ck_run "$t" report --id id --start signup --end churn --as-of 2026-06-30 --by plan \
	--value mrr --reason reason -o "$t/r.pdf" "$top_srcdir/tests/data/reasons/rounded_change.csv"
tap_is "$(cat "$t/exit")" 0 "report: exit 0"
pdftotext -layout "$t/r.pdf" "$t/r.txt"
tap_is "$(grep -c 'Logo churn was 12.8% in 2026Q2 and 12.2% in 2026Q1' "$t/r.txt")" 1 \
	"page 2 prints the rates 12.8% and 12.2%"
# The tile row under the values: customers, MRR, then the churn rate's change.
line=$(grep -m1 'vs 2026Q1' "$t/r.txt")
tap_is "$(printf '%s\n' "$line" | grep -o '[+-][0-9.]* pp vs 2026Q1' | head -1)" \
	"+0.6 pp vs 2026Q1" "the churn rate tile: +0.6 pp (12.8% - 12.2%), not the exact +0.5"
tap_is "$(grep -A2 'Retention rate' "$t/r.txt" | grep -o '[+-][0-9.]* pp vs 2026Q1' | head -1)" \
	"-0.6 pp vs 2026Q1" "the retention rate tile: -0.6 pp (87.2% - 87.8%)"
tap_is "$(grep 'All reasons' "$t/r.txt" | sed 's/  */ /g; s/^ //')" \
	"All reasons 22 100% 3,123.59 100% 12.8% vs 12.2% +0.6 pp" \
	"the reasons table: 12.8% vs 12.2%, +0.6 pp"
tap_done

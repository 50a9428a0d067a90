#!/bin/sh
# no_driver.sh - an at-risk customer whose risk no attribute raises above the
# average customer's (docs/outputs.md, the scores file's main_driver): the
# report's at-risk table shows a mark, and the note under it says what the
# mark means; the scores file keeps the empty cell (TAP).
#
# tests/data/findings/no_driver.csv, as of 2026-06-30: A0060 (plan = plus,
# 3 tickets) is scored medium risk (0.38) for its short tenure, but no term
# raises its Cox linear predictor above the average customer's.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir no_driver
t=$ck_tmp
data=$top_srcdir/tests/data/findings/no_driver.csv
ck_run "$t" report --id id --start signup --end churn --as-of 2026-06-30 --value mrr \
	--horizon 12 --features 'plan,log(mrr),tickets' --scores "$t/scores.csv" \
	-o "$t/r.pdf" "$data"
tap_is "$(cat "$t/exit")" 0 "report: exit 0"
tap_is "$(grep '^A0060,' "$t/scores.csv" | cut -d, -f6)" "" \
	"scores: A0060's main_driver stays empty"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -layout "$t/r.pdf" "$t/r.txt"
	tap_is "$(grep ' A0060 ' "$t/r.txt" | sed 's/  */ /g; s/^ //')" \
		"21 A0060 93.04 38% 35.34 —" "at-risk table: A0060's main driver is the mark —"
	tr '\n' ' ' <"$t/r.txt" | tr -s ' ' |
		grep -q '; — where no attribute raises it above the average (the risk comes from the baseline'
	tap_ok $? "the note under the table says what — means"
else
	tap_ok 0 "# SKIP pdftotext is not installed"
fi
tap_done

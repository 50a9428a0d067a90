#!/bin/sh
# finding_direction.sh - a driver finding's footnote gives the odds ratio
# in the direction its sentence reads (docs/findings.md): "customers with
# Onboarding completed = no ... have 1.6x the odds" must not sit above
# "OR 0.62" (yes against no), which reads as the opposite.  Checked on
# every driver finding of the sample report's summary.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir finding_direction
t=$ck_tmp
ck_run "$t" report --config "$top_srcdir/reports/quarterly.ini" -o "$t/r.pdf" \
	"$top_srcdir/samples/customers.csv"
tap_is "$(cat "$t/exit")" 0 "the sample report: exit 0"

# Each summary finding that says "Nx the odds" with its footnote "OR x".
grep -E '^[0-9]+\. .*have [0-9.]+x the odds.*OR [0-9.]+,' "$t/stdout" >"$t/drivers"
n=$(wc -l <"$t/drivers")
tap_ok "$([ "$n" -ge 2 ]; echo $?)" "at least two driver findings with an odds ratio ($n)"
bad=$(awk '{
	x = $0; sub(/.*have /, "", x); sub(/x the odds.*/, "", x)
	o = $0; sub(/.*OR /, "", o); sub(/,.*/, "", o)
	# the sentence rounds the footnote ratio to one decimal
	if (o + 0 < 1 || sprintf("%.1f", o) != sprintf("%.1f", x)) print NR ": " x " vs OR " o
}' "$t/drivers")
tap_is "$bad" "" "every footnote OR is the sentence's ratio (at least 1), not its inverse"

tap_done

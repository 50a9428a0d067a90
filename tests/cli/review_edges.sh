#!/bin/sh
# review_edges.sh - the executive summary on edge inputs found in review
# (TAP): data with complete months but no complete quarter before as-of
# say so on page 2, not that signup dates are missing.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir review_edges
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"

# First signup 2026-01-05: 2026Q1 does not lie wholly in the data, and
# as-of 2026-04-30 leaves no later quarter; months 2026-02..04 are complete.
printf 'id,start,end,mrr\na,2026-01-05,,100\nb,2026-01-10,2026-03-15,50\nc,2026-02-01,,80\nd,2026-02-03,2026-02-20,20\ne,2026-04-02,,30\n' >young.csv
ck_run "$t" report --id id --start start --end end --value mrr --as-of 2026-04-30 \
	young.csv -o young.pdf
tap_is "$(cat "$t/exit")" 0 "no complete quarter: the report is written"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -f 2 -l 2 young.pdf p2.txt
	tr '\n' ' ' <p2.txt | grep -q 'need signup dates'
	tap_is $? 1 "no complete quarter: page 2 does not claim the signup dates are missing"
	tr '\n' ' ' <p2.txt | grep -q 'no complete quarter before the as-of date; a month such as 2026-04'
	tap_is $? 0 "no complete quarter: page 2 says so and names the last complete month"
else
	tap_diag "no pdftotext: page 2 is not read"
fi
tap_done

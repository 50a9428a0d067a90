#!/bin/sh
# reasons_many.sh - 100 churn reasons (docs/outputs.md, the page "Why
# customers leave"): the page's table and chart show the 9 reasons with the
# most churned customers in the period (ties by name) and fold the other 91
# into "Other (91 reasons)", whose numbers are their sums; Gray's sentence
# names only the significant reasons; the cohorts JSON keeps all 100.
#
# The data (written here with awk): 4,000 customers who signed up in 2025;
# in 2026Q3 reason rK (r001..r100) loses int(K / 5) + 1 of them, so r100
# leads with 21, then r095..r099 with 20, then r090..r094 with 19 (the
# ties ordered by name).  TAP.

. "$top_srcdir/tests/lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
command -v pdftotext >/dev/null 2>&1 || {
	echo "1..0 # SKIP pdftotext not found"
	exit 0
}
ck_tmpdir reasons_many
t=$ck_tmp
awk 'BEGIN {
	print "id,start,end,mrr,plan,reason"
	n = 0
	for (k = 1; k <= 100; k++) {
		c = int(k / 5) + 1
		for (j = 0; j < c; j++) {
			n++
			printf "c%05d,2025-%02d-%02d,2026-%02d-%02d,%d,%s,r%03d\n", n, 1 + n % 12,
				1 + n % 28, 7 + j % 3, 1 + (n * 7) % 28, 10 + n % 90,
				n % 2 ? "basic" : "pro", k
		}
	}
	for (; n < 4000; ) {
		n++
		printf "c%05d,2025-%02d-%02d,,%d,%s,\n", n, 1 + n % 12, 1 + n % 28, 10 + n % 90,
			n % 2 ? "basic" : "pro"
	}
}' >"$t/many.csv"
set -- --start start --end end --value mrr --by plan --reason reason --as-of 2026-10-15
ck_run "$t" report "$@" -o "$t/r.pdf" "$t/many.csv"
tap_is "$(cat "$t/exit")" 0 "report with 100 reasons: exit 0"
ck_run "$t" cohorts "$@" --json "$t/c.json" "$t/many.csv"
ck_run "$t" survival "$@" --json "$t/s.json" "$t/many.csv"
tap_is "$("$JSONGET" "$t/c.json" cohorts.reasons.period.levels | grep -o '"name"' | wc -l | tr -d ' ')" 100 \
	"the cohorts JSON keeps every reason"

pg=$(pdftotext -layout "$t/r.pdf" - | awk '
	/\f/ { n += gsub(/\f/, "") } /^ *Why customers leave *$/ { print n + 1; exit }')
# The page and its continuation.
pdftotext -layout -f "${pg:-1}" -l "$((${pg:-1} + 1))" "$t/r.pdf" "$t/p.txt"
pdftotext -f "${pg:-1}" -l "$((${pg:-1} + 1))" "$t/r.pdf" - | tr '\n' ' ' | tr -s ' ' >"$t/flow.txt"
rows=$(awk '/^ *(r[0-9][0-9][0-9]|Other \([0-9]+ reasons\)|All reasons)  .* pp *$/ {
	sub(/^ +/, ""); split($0, f, "  +"); gsub(/,/, "", f[2]); printf "%s:%s ", f[1], f[2] }' "$t/p.txt")
want="r100:21 r095:20 r096:20 r097:20 r098:20 r099:20 r090:19 r091:19 r092:19"
other=$(awk -v w="$want" 'BEGIN { n = split(w, a, " "); for (i = 1; i <= n; i++) { split(a[i], b, ":"); s += b[2] } }
	END { t = 0; for (k = 1; k <= 100; k++) t += int(k / 5) + 1; print t - s ":" t }' </dev/null)
tap_is "$rows" "$want Other (91 reasons):${other%:*} All reasons:${other#*:} " \
	"the table: the 9 largest reasons (ties by name), Other (91 reasons) with their sum, the total"
# Other's MRR lost is the sum of the folded reasons' MRR.
mrr_other=$(awk -F, 'NR > 1 && $3 != "" { k = substr($6, 2) + 0
	if (!(k == 100 || (k >= 95 && k <= 99) || (k >= 90 && k <= 92))) s += $4 }
	END { printf "%.2f", s }' "$t/many.csv")
got=$(awk '/^ *Other \(.* pp *$/ { sub(/^ +/, ""); split($0, f, "  +"); gsub(/[^0-9.]/, "", f[4]); print f[4] }' "$t/p.txt")
tap_is "$got" "$mrr_other" "Other's MRR lost is the folded reasons' sum ($mrr_other)"
grep -q -F "Other (91 reasons)" "$t/flow.txt" &&
	[ "$(grep -o -F "Other (91 reasons)" "$t/flow.txt" | wc -l)" -ge 2 ]
tap_ok $? "the chart's legend has the Other band too"
grep -q -F "r001" "$t/flow.txt"
tap_ok $((1 - $?)) "a small reason (r001) is not named on the page"

# Nothing churned in 2026Q2, so most reasons grew: three sentences (the
# most churned first), the rest counted.
tap_is "$(grep -o 'Churn for "r[0-9]*" grew' "$t/flow.txt" | tr '\n' ' ')" \
	'Churn for "r100" grew Churn for "r095" grew Churn for "r096" grew ' \
	"three sentences of reasons that grew, the most churned first"
grep -q "[0-9][0-9]* other reasons grew significantly too; the JSON's cohorts.reasons lists them all\." "$t/flow.txt"
tap_ok $? "the others that grew are counted"

# Gray's test: as many clauses as reasons with p < 0.05 in survival.reasons.
nsig=$("$JSONGET" "$t/s.json" survival.reasons.gray_test | awk '/"p":/ { gsub(/[",]/, ""); if ($2 != "null" && $2 + 0 < 0.05) n++ } END { print n + 0 }')
gray=$(grep -o "Gray's test of whether.*tested)\." "$t/flow.txt")
if [ "$nsig" = 0 ]; then
	printf '%s\n' "$gray" | grep -q "groups of plan: none at p < 0.05 (100 of 100 reasons tested)\."
	tap_ok $? "Gray's sentence says none is significant ($gray)"
else
	tap_is "$(printf '%s\n' "$gray" | grep -o " p [<=] [0-9.]*" | wc -l)" "$nsig" \
		"Gray's sentence names the $nsig significant reasons only"
fi
tap_done

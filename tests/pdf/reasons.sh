#!/bin/sh
# reasons.sh - the page "Why customers leave" (issue 14) read back with
# pdftotext from tests/pdf/reasons_demo's hand-built report input: the
# breakdown table's numbers, the involuntary share, the finding of the
# reason that grew, the action, the chart's legend and Gray's test; and no
# page when the input has no reasons.  The expected numbers are the demo's
# counts worked by hand (shares of 224 churned, EUR 19,370 churned MRR,
# 4,000 customers at each start) and R's p.adjust(prop.test p, "BH") for
# the sentence (0.0195).  TAP; skips when pdftotext is missing.

. "$top_srcdir/tests/lib.sh"

command -v pdftotext >/dev/null 2>&1 || {
	echo "1..0 # SKIP pdftotext not found (apt-get install poppler-utils)"
	exit 0
}
demo="$top_builddir/tests/pdf/reasons_demo"
[ -x "$demo" ] || tap_bail "$demo is not built"
ck_tmpdir pdf_reasons
t=$ck_tmp

"$demo" "$t/r.pdf"
tap_is "$?" 0 "reasons_demo renders the report with the reasons page"
"$demo" "$t/n.pdf" none
tap_is "$?" 0 "reasons_demo renders the report without reasons"

# The page: its number from the text, then the page alone.
pg=$(pdftotext -layout "$t/r.pdf" - | awk '
	/\f/ { n += gsub(/\f/, "") } index($0, "  Why customers leave") == 1 { print n + 1; exit }')
tap_ok $([ -n "$pg" ]; echo $?) "the page is there (page ${pg:-none})"
pdftotext -layout -f "${pg:-1}" -l "${pg:-1}" "$t/r.pdf" "$t/p.txt"
pdftotext -f "${pg:-1}" -l "${pg:-1}" "$t/r.pdf" - | tr '\n' ' ' | tr -s ' ' >"$t/flow.txt"
pdftotext -layout -f 1 -l 1 "$t/r.pdf" - | grep -q "Why customers leave  *$pg\$"
tap_ok $? "the cover's contents list the page at page $pg"

# The table: reason, churned, share, MRR, share, left / at start, change.
grep -q "^ *Payment failed  *76  *34%  *€3,800\.00  *20%  *1\.9% vs 1\.1%  *▲ +0\.8 pp\$" "$t/p.txt"
tap_ok $? "payment failed: 76, 34%, €3,800.00, 20%, 1.9% vs 1.1%, a significant +0.8 pp with its arrow"
grep -q "^ *Price  *62  *28%  *€5,580\.00  *29%  *.* +0\.1 pp\$" "$t/p.txt"
tap_ok $? "price: 62, 28%, €5,580.00, 29%, +0.1 pp without an arrow (not significant)"
grep -q "^ *Service  *18  *8%  *€1,620\.00  *8%  *0\.4% vs 0\.5%  *-0\.1 pp\$" "$t/p.txt"
tap_ok $? "service: 18, 8%, €1,620.00, 8%, 0.4% vs 0.5%, -0.1 pp"
# The change is the difference of the printed shares (docs/outputs.md):
# 5.6% - 4.8% = +0.8 pp (the exact change read +0.9 pp before).
grep -q "^ *All reasons  *224  *100%  *€19,370\.00  *100%  *5\.6% vs 4\.8%  *+0\.8 pp\$" "$t/p.txt"
tap_ok $? "all reasons: 224, €19,370.00, 5.6% vs 4.8%, +0.8 pp"
n_arrows=$(grep -c "▲\|▼" "$t/p.txt")
tap_is "$n_arrows" 1 "one arrow only: the one significant change"

# The sentences.
grep -q -F "Involuntary churn (failed payments): 34% of churned customers, 20% of churned MRR in 2026 Q3" "$t/flow.txt"
tap_ok $? "the involuntary share of customers and of MRR"
grep -q -F "Churn for \"Payment failed\" grew: 1.9% of customers at the start of 2026 Q3 left for this reason, against 1.1% in 2026 Q2 (two-proportion test, BH-adjusted p = 0.019)" "$t/flow.txt"
tap_ok $? "the finding of the reason that grew, with R's adjusted p"
grep -q -F "Action (Finance): Recover failed payments: dunning emails, card updater, payment reminders before renewal. Aims at the next quarter's failed payments, 76 customers lost that way in 2026 Q3, €3.8k MRR." "$t/flow.txt"
tap_ok $? "the involuntary-churn action with its targets"
grep -q -F "it keeps €950 MRR a quarter" "$t/flow.txt"
tap_ok $? "the action saves 25% of €3,800"
for l in "Price 13.6%" "Payment failed 9.0%" "Business closed 2.5%" "Tenure (months)"; do
	grep -q -F "$l" "$t/p.txt"
	tap_ok $? "the chart shows '$l'"
done
grep -q -F "between the groups of Contract: Price p = 0.002;" "$t/flow.txt"
tap_ok $? "Gray's test by Contract"

# Without reasons: no page, nothing of it in the contents.
tap_is "$(pdfinfo "$t/n.pdf" | awk '/^Pages:/ { print $2 }')" \
	"$(($(pdfinfo "$t/r.pdf" | awk '/^Pages:/ { print $2 }') - 1))" \
	"without reasons the report has one page less"
pdftotext "$t/n.pdf" - | grep -q "Why customers leave"
tap_ok $((1 - $?)) "without reasons nothing says 'Why customers leave'"
tap_done

#!/bin/sh
# weights_report.sh - with --weight COL a row of weight w is w customers
# with w times its MRR, and a row of weight 0 stands for nobody
# (docs/contract.md): `report` and `score` on a weighted file count what
# they count on the same data expanded (each row repeated w times, ids
# suffixed -1, -2, ...): the cover, the tiles, the findings' and actions'
# customers and MRR, the segments, the at-risk counts and the scores' sum of
# weights.  Breslow ties, so that the Cox scores of the weighted fit are
# those of the expanded one (Efron's approximation does not replicate).
. "${top_srcdir:-.}/tests/lib.sh"

ck_tmpdir weights_report
t=$ck_tmp
data="$top_srcdir/tests/data/model/weights.csv"
cd "$t" || tap_bail "cannot enter $t"
mkdir -p w e s v
# The expanded file: row i repeated w_i times (column 13), ids made unique.
awk -F, -v OFS=, 'NR == 1 { print; next }
	{ n = $13; id = $1; for (k = 1; k <= n; k++) { $1 = id "-" k; $13 = 1; print } }' \
	"$data" >expanded.csv
customers=$(awk -F, 'NR > 1 { s += $13 } END { print s }' "$data")
zero=$(awk -F, 'NR > 1 && $13 == 0 { z++ } END { print z + 0 }' "$data")
# near GOT WANT: equal within 1e-9 relative.
near() {
	awk -v g="$1" -v w="$2" 'BEGIN { d = g - w; if (d < 0) d = -d
		a = w < 0 ? -w : w; exit !(g != "" && w != "" && d <= 1e-9 * (a > 1 ? a : 1)) }'
}
common="--id customer_id --start signup_date --end churn_date --value mrr --as-of 2026-09-30
	--features contract,channel,plan,logins_30d,support_tickets_90d --horizon 12 --ties breslow
	--by contract --by channel"

# shellcheck disable=SC2086
ck_run w report $common --weight w --json w.json --scores ws.csv -o w.pdf "$data"
tap_is "$(cat w/exit):$(cat w/stderr)" "0:" "report --weight: exit 0"
# shellcheck disable=SC2086
ck_run e report $common --json e.json --scores es.csv -o e.pdf expanded.csv
tap_is "$(cat e/exit):$(cat e/stderr)" "0:" "report on the expanded rows: exit 0"

# The JSON's data block: rows stay rows, and says what they stand for.
tap_is "$("$JSONGET" w.json data.rows_used data.weighted.customers data.weighted.rows_weight_zero)" \
	"$(printf '400\n%s\n%s' "$customers" "$zero")" \
	"data: 400 rows used, the customers and the rows of weight 0 said apart"
tap_is "$("$JSONGET" w.json survival.n survival.events)" \
	"$("$JSONGET" e.json survival.n survival.events)" \
	"survival (the tiles' customers and churned): as expanded"

# Findings and actions: customers and MRR as on the expanded rows.
for f in driver segment; do
	tap_is "$("$JSONGET" w.json findings.kind=$f.customers)" \
		"$("$JSONGET" e.json findings.kind=$f.customers)" "the $f finding concerns as many customers"
	near "$("$JSONGET" w.json findings.kind=$f.mrr)" "$("$JSONGET" e.json findings.kind=$f.mrr)"
	tap_ok $? "the $f finding concerns as much MRR"
done
na=$("$JSONGET" e.json actions.#)
tap_is "$("$JSONGET" w.json actions.#)" "$na" "as many actions"
tap_ok "$([ "$na" -ge 2 ]; echo $?)" "actions to compare ($na)"
k=0
while [ "$k" -lt "$na" ]; do
	tap_is "$("$JSONGET" w.json actions.$k.customers actions.$k.unscored)" \
		"$("$JSONGET" e.json actions.$k.customers actions.$k.unscored)" \
		"action $k: its customers and the unscored ones"
	for x in mrr mrr_saved; do
		near "$("$JSONGET" w.json actions.$k.$x)" "$("$JSONGET" e.json actions.$k.$x)"
		tap_ok $? "action $k: $x as expanded"
	done
	k=$((k + 1))
done

# Segments: the cut points, and every cell's customers and sums.
tap_is "$("$JSONGET" w.json segment_rules.q50 segment_rules.q80 segment_rules.customers_beyond_the_data)" \
	"$("$JSONGET" e.json segment_rules.q50 segment_rules.q80 segment_rules.customers_beyond_the_data)" \
	"segments: value cut points and customers beyond the data as expanded"
nc=$("$JSONGET" e.json segments.#)
bad=0
k=0
while [ "$k" -lt "$nc" ]; do
	for x in customers incentive_customers; do
		[ "$("$JSONGET" w.json segments.$k.$x)" = "$("$JSONGET" e.json segments.$k.$x)" ] ||
			{ bad=$((bad + 1)); tap_diag "segment $k: $x differs"; }
	done
	for x in mrr expected_churners expected_mrr_loss incentive_cost; do
		g=$("$JSONGET" w.json segments.$k.$x)
		if [ "$g" != null ]; then
			near "$g" "$("$JSONGET" e.json segments.$k.$x)" ||
				{ bad=$((bad + 1)); tap_diag "segment $k: $x differs"; }
		fi
	done
	k=$((k + 1))
done
tap_is "$bad" 0 "segments: all $nc cells count and sum as expanded"
atrisk() {
	"$JSONGET" "$1" segments.# | { read -r n; k=0; s=0
		while [ "$k" -lt "$n" ]; do
			r=$("$JSONGET" "$1" segments.$k.risk)
			[ "$r" = high ] || [ "$r" = medium ] && s=$((s + $("$JSONGET" "$1" segments.$k.customers)))
			k=$((k + 1))
		done; echo "$s"; }
}
tap_is "$(atrisk w.json)" "$(atrisk e.json)" "at-risk customers (medium and high) as expanded"

# The scores: one line per row of weight > 0, and its weight column sums
# per id to the expanded lines of that id.
tap_is "$(head -1 ws.csv | cut -d, -f1-3)" "id,weight,value" "scores: a weight column after id"
awk -F, 'NR > 1 { n[$1] += $2 } END { for (i in n) print i, n[i] }' ws.csv | sort >wsum
awk -F, 'NR > 1 { sub(/-[0-9]+$/, "", $1); n[$1]++ } END { for (i in n) print i, n[i] }' es.csv |
	sort >esum
tap_ok "$([ -s wsum ] && cmp -s wsum esum; echo $?)" \
	"scores: per id, the sum of the weights = the expanded rows"
tap_is "$(awk -F, 'NR > 1 && $2 == 0' ws.csv | wc -l | tr -d ' ')" 0 "scores: no row of weight 0"
awk -F, 'NR > 1 { print $1, $5 }' ws.csv | sort >wband
awk -F, 'NR > 1 { sub(/-[0-9]+$/, "", $1); print $1, $4 }' es.csv | sort -u >eband
tap_ok "$([ -s wband ] && cmp -s wband eband; echo $?)" "scores: every id in the same risk band as expanded"

# The PDF: the cover and the tiles count customers.
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -layout w.pdf w.txt
	pdftotext -layout e.pdf e.txt
	tap_is "$(grep -o '^[0-9,]* customers' e.txt | head -1)" "$customers customers" \
		"expanded cover: $customers customers"
	# The cover's line may wrap before the input's name (a long path).
	tr -s ' \n' '  ' <w.txt | grep -q " $customers customers (400 rows, weighted) from "
	tap_ok $? "weighted cover: $customers customers in 400 rows"
	# The executive page (tiles, trend, MRR bridge) is the expanded rows', word
	# for word; the cohort page too (tests/cli/cohorts_weight.sh: the numbers).
	pdftotext -layout -f 2 -l 2 w.pdf w2.txt
	pdftotext -layout -f 2 -l 2 e.pdf e2.txt
	grep -q "Customers at end" w2.txt && cmp -s w2.txt e2.txt
	tap_ok $? "weighted executive page: the KPI tiles, trend and MRR bridge as expanded"
	total=$("$JSONGET" e.json segments.# | { read -r n; k=0; s=0
		while [ "$k" -lt "$n" ]; do s=$((s + $("$JSONGET" e.json segments.$k.customers))); k=$((k + 1)); done
		echo "$s"; })
	grep -q "^$total active customers (" w.txt
	tap_ok $? "segments page: $total active customers as expanded"
else
	tap_diag "pdftotext missing: the PDF's text is not checked"
fi

# score and survival: counts of customers, rows said as rows.
# shellcheck disable=SC2086
ck_run s score $common --weight w --json s.json -o s.csv "$data"
tap_is "$(cat s/exit)" 0 "score --weight: exit 0"
tap_is "$("$JSONGET" s.json scores.customers)" "$(($(wc -l <es.csv) - 1))" \
	"score --json: scores.customers counts the expanded active customers"
tap_is "$("$JSONGET" s.json scores.rows)" "$(($(wc -l <ws.csv) - 1))" "score --json: scores.rows the lines"
ck_run v survival --id customer_id --start signup_date --end churn_date --as-of 2026-09-30 \
	--weight w "$data"
head -1 v/stdout | grep -q "^churnkit survival: .*, $customers customers (weights in w) in 400 rows used of 400 rows read"
tap_ok $? "survival --weight: the header says customers and rows"
tap_done

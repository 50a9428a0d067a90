#!/bin/sh
# report_exec.sh - the executive summary's trend and MRR bridge (TAP; issue
# 13, docs/contract.md): the report's JSON trend holds the last 8 quarters
# (12 months with a monthly --period) ending with the reporting period, each
# point the numbers `churnkit cohorts --json` prints for that period; the
# bridge's movements add up to the end MRR; page 2 shows the bridge's labels,
# and with --value alone says only new and churned MRR are known.

. "$top_srcdir/tests/lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir report_exec
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
data="$top_srcdir/samples/customers.csv"
rev="$top_srcdir/samples/revenue.csv"
map="--id customer_id --start signup_date --end churn_date --value mrr"
have_poppler=1
command -v pdftotext >/dev/null 2>&1 || have_poppler=0

# trend_equal REPORT.json COHORTS.json N FIRST LAST: N points from FIRST to
# LAST, each equal to the cohorts' period of the same name.
trend_equal() {
	tap_is "$("$JSONGET" "$1" report.trend.#)" "$3" "$4..$5: $3 points"
	tap_is "$("$JSONGET" "$1" report.trend.0.period)" "$4" "$4..$5: the first is $4"
	tap_is "$("$JSONGET" "$1" report.trend.$(($3 - 1)).period)" "$5" \
		"$4..$5: the last is the reporting period"
	bad=
	i=0
	while [ $i -lt "$3" ]; do
		p=$("$JSONGET" "$1" report.trend.$i.period)
		for pair in customers_end:end mrr_end:mrr_end churn_rate:churn_rate grr:grr nrr:nrr; do
			a=$("$JSONGET" "$1" report.trend.$i.${pair%%:*})
			b=$("$JSONGET" "$2" "kpis.periods.period=$p.${pair#*:}")
			[ -n "$a" ] && [ "x$a" = "x$b" ] || bad="$bad $p:${pair%%:*}($a/$b)"
		done
		i=$((i + 1))
	done
	tap_is "$bad" "" "$4..$5: every point equals cohorts --json's period"
}

# bridge_sums REPORT.json: start + movements = end (relative 1e-9).
bridge_sums() {
	set -- $("$JSONGET" "$1" report.bridge.start report.bridge.new report.bridge.expansion \
		report.bridge.contraction report.bridge.churned report.bridge.reactivation \
		report.bridge.churn_change report.bridge.end)
	awk -v s="$1" -v n="$2" -v e="$3" -v c="$4" -v x="$5" -v r="$6" -v k="$7" -v z="$8" \
		'BEGIN { d = s + n + e - c - x + r + k - z; if (d < 0) d = -d
		exit !(z > 0 && d <= 1e-9 * z) }'
}

# Quarters, MRR from the values.
# shellcheck disable=SC2086
ck_run "$t" report $map --period 2026Q3 "$data" -o q.pdf --json q.json
tap_is "$(cat exit):$(cat stderr)" "0:" "quarterly report: exit 0"
# shellcheck disable=SC2086
ck_run "$t" cohorts $map --period 2026Q3 "$data" --json qc.json
tap_is "$(cat exit)" "0" "cohorts: exit 0"
trend_equal q.json qc.json 8 2024Q4 2026Q3
bridge_sums q.json
tap_ok $? "values: the bridge's bars sum to the end MRR"
tap_is "$("$JSONGET" q.json report.bridge.source report.bridge.expansion)" "constant
0" "values: the bridge has new and churned only"

# Months.
# shellcheck disable=SC2086
ck_run "$t" report $map --period 2026-09 "$data" -o m.pdf --json m.json
tap_is "$(cat exit)" "0" "monthly report: exit 0"
# shellcheck disable=SC2086
ck_run "$t" cohorts $map --period 2026-09 "$data" --json mc.json
trend_equal m.json mc.json 12 2025-10 2026-09

# The README's revenue recipe: the bridge from the history.
# shellcheck disable=SC2086
ck_run "$t" report $map --period 2026Q3 --revenue "$rev" "$data" -o r.pdf --json r.json
tap_is "$(cat exit)" "0" "revenue report: exit 0"
# shellcheck disable=SC2086
ck_run "$t" cohorts $map --period 2026Q3 --revenue "$rev" "$data" --json rc.json
trend_equal r.json rc.json 8 2024Q4 2026Q3
bridge_sums r.json
tap_ok $? "history: the bridge's bars sum to the end MRR"
tap_is "$("$JSONGET" r.json report.bridge.source)" "history" "history: the bridge's source"

if [ $have_poppler = 1 ]; then
	pdftotext -f 2 -l 2 r.pdf r2.txt
	miss=
	for w in "MRR bridge, 2026Q3" "Start MRR" "New" "Expansion" "Contraction" "Churned" \
		"Reactivation" "End MRR" "Quick ratio" "ARR" "ARPA" "LTV" "Customers at end" \
		"MRR at end" "Logo churn rate" "Gross revenue retention" "Net revenue retention" \
		"vs 2026Q2" "vs 2025Q3" "2024Q4"; do
		grep -qF "$w" r2.txt || miss="$miss [$w]"
	done
	tap_is "$miss" "" "history: page 2 shows the trend and the bridge's labels"
	grep -q "values only" r2.txt
	tap_ok $((!$?)) "history: no 'values only' line"
	pdftotext -f 2 -l 2 q.pdf q2.txt
	tr '\n' ' ' <q2.txt | grep -q "new and churned MRR are shown"
	tap_ok $? "values: page 2 says only new and churned MRR are known"
	pdfinfo q.pdf >/dev/null 2>&1 && [ "$(pdftotext -f 3 -l 3 q.pdf - | head -c 200 | grep -c 'Executive summary')" = 0 ]
	tap_ok $? "values: the executive summary stays one page"
else
	tap_diag "pdftotext missing: page 2's text is not checked"
fi

# Duration data (the README's Telco recipe on its extract): the tiles it can
# fill, none printing "-"; the churn share counted here from the file.
tc="$top_srcdir/tests/data/exports/telco_extract.csv"
ck_run "$t" report --id customerID --duration tenure --time-unit month --event Churn \
	--value MonthlyCharges --by Contract --outcome Churn --features Contract,MonthlyCharges,InternetService \
	--times 12,24 "$tc" -o tc.pdf --json tc.json
tap_is "$(cat exit)" "0" "Telco: exit 0"
share=$(tr -d '\r' <"$tc" | awk -F, 'NR > 1 { n++; if ($NF == "Yes") y++ }
	END { printf "%.1f%%", 100 * y / n }')
if [ $have_poppler = 1 ]; then
	pdftotext -f 2 -l 2 tc.pdf tc2.txt
	miss=
	for w in "Customers" "Churned customers" "Churn share" "$share" \
		"Median customer lifetime" "Survival at 12" "Survival at 24" "MRR at risk"; do
		grep -qF "$w" tc2.txt || miss="$miss [$w]"
	done
	tap_is "$miss" "" "Telco: page 2 has the duration tiles (churn share $share)"
	tap_is "$(grep -cx -- '-' tc2.txt)" "0" "Telco: no tile prints -"
	pdftotext tc.pdf tc.txt
	tap_is "$(grep -ci 'time unit' tc.txt)" "0" "Telco, --time-unit month: no page says time units"
	tr '\n' ' ' <tc.txt | grep -q "first 3 months of a customer's life"
	tap_ok $? "Telco, --time-unit month: the early-churn rule is 90 days = 3 months"
	grep -q "Survival at 12 months" tc2.txt
	tap_ok $? "Telco, --time-unit month: the tiles name the unit"
fi
tap_is "$("$JSONGET" tc.json survival.hazard.early_threshold)" "3" \
	"--time-unit month: the early window is 3 months"

# --time-unit: 90 days in each unit; refused with dates or an unknown unit.
for u in day:90 week:13 months:3 YEAR:0.25; do
	ck_run "$t" survival --duration tenure --event Churn --time-unit "${u%%:*}" "$tc" --json u.json
	tap_is "$(cat exit):$("$JSONGET" u.json survival.hazard.early_threshold)" "0:${u#*:}" \
		"--time-unit ${u%%:*}: the early window is ${u#*:}"
done
# --time-unit without --times: survival at 3, 6, 12 and 24 months in round
# numbers of the unit, as dated data get them.  The month values are R's
# (survival 3.5: summary(survfit(Surv(tenure, Churn == "Yes") ~ 1,
# conf.type = "log-log"), times = c(3, 6, 12, 24)) on the extract).
ck_run "$t" survival --duration tenure --event Churn --time-unit month "$tc" --json m.json
tap_is "$(cat exit):$("$JSONGET" m.json survival.times_given)" "0:[3,6,12,24]" \
	"--time-unit month, no --times: survival at 3, 6, 12 and 24 months"
k=0
for want in 0.914750764114 0.887214415639 0.825169199926 0.786780854638; do
	got=$("$JSONGET" m.json "survival.curves.0.at_times.$k.surv")
	awk -v g="$got" -v w="$want" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d < 1e-9) }'
	tap_ok $? "--time-unit month: survival at time $k is R's $want (got $got)"
	k=$((k + 1))
done
for u in day:90,180,365,730 week:13,26,52,104 year:0.25,0.5,1,2; do
	ck_run "$t" survival --duration tenure --event Churn --time-unit "${u%%:*}" "$tc" --json u.json
	tap_is "$("$JSONGET" u.json survival.times_given)" "[${u#*:}]" \
		"--time-unit ${u%%:*}, no --times: the default times are ${u#*:}"
done
ck_run "$t" survival --duration tenure --event Churn --time-unit month --times 5 "$tc" --json u.json
tap_is "$("$JSONGET" u.json survival.times_given)" "[5]" "--times replaces the unit's default times"
ck_run "$t" survival --duration tenure --event Churn "$tc" --json u.json
tap_is "$("$JSONGET" u.json survival.times_given)" "[]" "no --time-unit: no default times on durations"
ck_run "$t" survival --duration tenure --event Churn --time-unit fortnight "$tc"
tap_is "$(cat exit):$(cat stderr)" "2:churnkit: --time-unit 'fortnight': give day, week, month or year" \
	"--time-unit fortnight: usage error"
# shellcheck disable=SC2086
ck_run "$t" survival $map --time-unit month "$data"
tap_is "$(cat exit)" "2" "--time-unit with dates: usage error"
# A monthly bridge of the revenue history has eight bars in half a page: the
# amounts over them never touch (pdftotext -bbox: the bridge's amounts, left
# to right, each ends 2 points before the next begins); and every action on page 2
# answers a finding printed there ("(finding N)", N at most the findings
# shown).
if [ $have_poppler = 1 ]; then
	# shellcheck disable=SC2086
	ck_run "$t" report --config "$top_srcdir/reports/executive.ini" --revenue "$rev" \
		--period 2026-09 --currency EUR "$data" -o m.pdf
	tap_is "$(cat exit)" 0 "monthly bridge: exit 0"
	pdftotext -bbox -f 2 -l 2 m.pdf - |
		awk -F'"' '/<word / && />[+-]?€[0-9.]+[kM]?</ && $2 + 0 > 300 && $4 + 0 > 190 &&
			$4 + 0 < 260 { print $2, $6 }' | sort -n >amounts.txt
	tap_is "$(wc -l <amounts.txt | tr -d ' ')" 8 \
		"monthly bridge: eight amounts (start, five movements, adjustment, end)"
	awk 'NR > 1 && $1 < last + 2 { bad = 1 } { last = $2 } END { exit bad }' amounts.txt
	tap_ok $? "monthly bridge: no two amounts touch (2 points apart at least)"
	pdftotext -layout -f 2 -l 2 m.pdf m2.txt
	shown=$(sed -n '/^Findings/,$p' m2.txt | grep -c '^ *[1-5]  ')
	acts=$(grep -c 'Action: ' m2.txt)
	tap_ok $([ "$shown" -ge 1 ] && [ "$acts" -ge 1 ] && [ "$acts" -le "$shown" ]; echo $?) \
		"page 2: the actions stand under findings printed there ($shown shown, $acts actions)"
fi
tap_done

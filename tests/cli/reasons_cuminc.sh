#!/bin/sh
# reasons_cuminc.sh - `churnkit survival --reason` gives R's cumulative
# incidence per reason (survfit multi-state, log-log intervals) at --times
# and Gray's test between the --by levels (cmprsk::cuminc), wired through
# the loader, the survival stage and the JSON, text and --tables outputs.
# Expected numbers: tests/fixtures/cuminc/cli/expected.tsv (make_cli.R).

. "$top_srcdir/tests/lib.sh"

ck_tmpdir reasons_cuminc
t=$ck_tmp
d="$top_srcdir/tests/data/reasons"
exp="$top_srcdir/tests/fixtures/cuminc/cli/expected.tsv"
map="--id id --start start --end end --value mrr --as-of 2026-10-15"

ck_run "$t" survival $map --by plan --reason reason --times 3,6,12 --json "$t/s.json" \
	--tables "$t/tab" "$d/customers.csv"
tap_is "$(cat "$t/exit")" 0 "survival --reason --by plan: exit 0"

# Relative difference at 1e-9 (absolute below 1e-12); "NA" = JSON null.
near() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "NA" || b == "NA") { exit !(a == b) }
		d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b
		exit !(d <= 1e-12 || d <= 1e-9 * m) }'
}
js() { v=$("$JSONGET" "$t/s.json" "$1"); [ "$v" = null ] && v=NA; printf '%s' "$v"; }

# The all-customers curves come first, one per reason in the fixture's order.
k=-1; prev=; i=0; g=0
while IFS='	' read -r kind reason time est se lo up; do
	[ "$kind" = kind ] && continue
	lo=$(echo $lo); up=$(echo $up); est=$(echo $est); se=$(echo $se)
	if [ "$kind" = cuminc ]; then
		if [ "$reason" != "$prev" ]; then k=$((k + 1)); i=0; prev=$reason; fi
		p="survival.reasons.cuminc.$k"
		tap_is "$(js $p.reason)" "$reason" "cuminc $k is reason $reason"
		ok=0
		near "$(js $p.at_times.$i.estimate)" "$est" || ok=1
		near "$(js $p.at_times.$i.se)" "$se" || ok=1
		near "$(js $p.at_times.$i.lower)" "$lo" || ok=1
		near "$(js $p.at_times.$i.upper)" "$up" || ok=1
		tap_ok $ok "$reason at $(echo $time) days: estimate, se, lower, upper as R's survfit"
		i=$((i + 1))
	else
		p="survival.reasons.gray_test.$g"
		tap_is "$(js $p.reason)" "$reason" "gray_test $g is reason $reason"
		if [ "$(echo $est)" = "-1.0000000000000000" ]; then
			# cmprsk prints stat -1 for a singular variance: churnkit says why.
			tap_is "$(js $p.statistic):$(js $p.df)" "NA:0" "$reason: singular, not tested"
			tap_is "$(js $p.note | cut -c1-31)" "the variance matrix is singular" \
				"$reason: the note says why"
		else
			ok=0
			near "$(js $p.statistic)" "$est" || ok=1
			near "$(js $p.p)" "$lo" || ok=1
			tap_ok $ok "$reason: Gray's statistic and p as cmprsk::cuminc"
			tap_is "$(js $p.df)" "$(printf '%.0f' $se)" "$reason: df counts every plan"
		fi
		g=$((g + 1))
	fi
done <"$exp"

# Text: the incidence table and Gray's test are printed.
tap_is "$(grep -c '^Cumulative incidence by churn reason (Aalen-Johansen, log-log 95% intervals; time in months)' "$t/stdout")" 1 \
	"text: the cumulative incidence heading"
tap_is "$(grep -c "^Gray's test between the plan levels, per reason" "$t/stdout")" 1 \
	"text: Gray's test heading"
# Tables: the steps, the chosen times and the tests.
for f in survival_cuminc.csv survival_cuminc_at.csv survival_gray.csv; do
	[ -s "$t/tab/$f" ]
	tap_ok $? "--tables writes $f"
done
tap_is "$(awk -F, '$1 == "" && $3 == "price" && $4 == 365.25 { print $7 }' "$t/tab/survival_cuminc_at.csv")" \
	"0.12980769230769232" "survival_cuminc_at.csv: price at 12 months"

# Weights: the incidence is computed, Gray's test is not (cmprsk has none).
ck_run "$t" survival --id id --duration months --event churned --weight w \
	--reason reason --json "$t/w.json" "$d/weighted.csv"
if [ "$(cat "$t/exit")" = 0 ]; then
	tap_is "$("$JSONGET" "$t/w.json" survival.reasons.gray_note)" \
		"Gray's test does not support weights" "weights: Gray's test is not made, and says why"
	tap_is "$("$JSONGET" "$t/w.json" survival.reasons.gray_test | tr -d ' \n')" "[]" \
		"weights: no Gray's test rows"
else
	tap_ok 1 "weights: exit $(cat "$t/exit"): $(head -1 "$t/stderr")"
	tap_ok 1 "weights: no JSON"
fi

# --by naming the --reason column compares nothing real: refused.
ck_run "$t" survival $map --by reason --reason reason "$d/customers.csv"
tap_is "$(cat "$t/exit")" 2 "--by the --reason column: exit 2"
tap_is "$(grep -c -- '--by reason is the --reason column' "$t/stderr")" 1 "and the message says why"

# Nobody churned: the keys are there, empty (docs/contract.md).
printf 'id,d,e,r\na,3,0,\nb,5,0,\n' >"$t/none.csv"
ck_run "$t" survival --id id --duration d --event e --reason r --json "$t/n.json" "$t/none.csv"
tap_is "$(cat "$t/exit")" 0 "censoring only: exit 0"
tap_is "$("$JSONGET" "$t/n.json" survival.reasons.cuminc | tr -d ' \n'):$("$JSONGET" "$t/n.json" survival.reasons.gray_test | tr -d ' \n')" \
	"[]:[]" "censoring only: cuminc and gray_test are empty arrays"

tap_done

#!/bin/sh
# reasons.sh - the churn-reason column end to end (issue 14 items 1-2):
# --reason and --involuntary on the command line and in a report
# definition, the bad row of a reason on an active customer (message,
# --rejects, --max-bad-rows), an --involuntary value no row carries, and
# the numbers of `survival` and `cohorts` (JSON, text, --tables) against
# counts awk takes from the CSV itself (TAP).
#
# tests/data/reasons/customers.csv as of 2026-10-15: the reporting period
# is 2026Q3 (the last complete quarter), the one before 2026Q2; c09 has
# " price " (trimmed), c08 no reason (unknown), c15 no MRR (0).

. "$top_srcdir/tests/lib.sh"

ck_tmpdir reasons
t=$ck_tmp
data=$top_srcdir/tests/data/reasons
cd "$data" || tap_bail "cannot enter $data"
get() {  # get JSON PATH...: the values on one line, blank-separated
	f=$1
	shift
	"$JSONGET" "$f" "$@" | tr '\n' ' ' | sed 's/ $//'
}
# near GOT WANT: equal within 1e-12 relative.
near() {
	awk -v g="$1" -v w="$2" 'BEGIN { d = g - w; if (d < 0) d = -d;
		m = w < 0 ? -w : w; exit !(d <= 1e-12 * (m > 1 ? m : 1)) }'
}
# awk_count FROM TO REASON: "churned mrr" of the customers who churned in
# [FROM, TO] with REASON (blanks around trimmed; "unknown" = none).
awk_count() {
	awk -F, -v a="$1" -v b="$2" -v want="$3" 'NR > 1 && $3 != "" && $3 >= a && $3 <= b {
		r = $6; gsub(/^ +| +$/, "", r); if (r == "") r = "unknown"
		if (r == want) { n++; m += $4 } }
		END { printf "%d %.15g\n", n, m }' customers.csv
}
# awk_at_start DAY: customers active on DAY (started before, not ended).
awk_at_start() {
	awk -F, -v a="$1" 'NR > 1 && $2 < a && ($3 == "" || $3 >= a) { n++ } END { print n + 0 }' \
		customers.csv
}
map="--id id --start start --end end --value mrr --as-of 2026-10-15"

# --- survival: overall and per --by level --------------------------------
ck_run "$t" survival $map --by plan --reason reason --involuntary " payment_failed " \
	--json "$t/s.json" --tables "$t/tab" customers.csv
tap_is "$(cat "$t/exit")" 0 "survival --reason: exit 0"
j=$t/s.json
r=survival.reasons
tap_is "$(get "$j" $r.column $r.involuntary_named "$r.levels.#")" "reason true 5" \
	"survival.reasons: the column, --involuntary named, four reasons and unknown"
tap_is "$(get "$j" $r.levels.0.name $r.levels.4.name $r.levels.4.unknown)" \
	"competitor unknown true" "levels in byte order, unknown last"
for reason in competitor payment_failed price service unknown; do
	set -- $(awk_count 0000-00-00 9999-12-31 $reason)
	tap_is "$(get "$j" $r.levels.name=$reason.churned $r.levels.name=$reason.churned_mrr)" \
		"$1 $2" "overall $reason: churned and MRR as awk counts them"
done
total=$(awk -F, 'NR > 1 && $3 != "" { n++ } END { print n }' customers.csv)
tap_is "$(get "$j" $r.churned)" "$total" "overall: every churned customer"
share=$(get "$j" $r.levels.name=price.share)
near "$share" "$(awk -v t="$total" 'BEGIN { printf "%.17g", 4 / t }')"
tap_ok $? "overall: the share of price is 4 of $total ($share)"
tap_is "$(get "$j" $r.levels.name=payment_failed.involuntary $r.levels.name=price.involuntary \
	$r.levels.name=unknown.involuntary)" "true false null" \
	"involuntary: matched with blanks around trimmed; null for unknown"
tap_is "$(get "$j" $r.involuntary.churned $r.voluntary.churned)" "3 7" \
	"involuntary 3, voluntary 7 (unknown in neither)"
pro=$(awk -F, 'NR > 1 && $3 != "" && $5 == "pro" && $6 ~ /^ *price *$/ { n++ } END { print n }' \
	customers.csv)
tap_is "$(get "$j" $r.by.0.column $r.by.0.levels.level=pro.levels.name=price.churned)" \
	"plan $pro" "by plan: price churn of pro as awk counts it"
tap_is "$(get "$j" $r.by.0.levels.level=trial.churned $r.by.0.levels.level=trial.share)" \
	"0 null" "by plan: trial has no churn, its share is null"
tap_is "$(head -1 "$t/tab/survival_reasons.csv")" \
	"reason,unknown,involuntary,churned,churned_mrr,share,mrr_share" "survival_reasons.csv header"
tap_is "$(grep '^price,' "$t/tab/survival_reasons.csv" | cut -d, -f1-5)" \
	"price,false,false,$(awk_count 0000-00-00 9999-12-31 price | tr ' ' ,)" \
	"survival_reasons.csv: price's row"
tap_is "$(grep -c '^plan,' "$t/tab/survival_reasons_by.csv")" 20 \
	"survival_reasons_by.csv: four plans x five reasons"

# Text, and the same run from a pipe (standard input).
ck_run "$t" survival $map --reason reason - <customers.csv
tap_is "$(cat "$t/exit")" 0 "survival from stdin: exit 0"
grep -q "no --involuntary: no voluntary/involuntary split" "$t/stdout"
tap_ok $? "text: without --involuntary no split is claimed"
tap_is "$(grep '^  price ' "$t/stdout" | awk '{ print $2, $4 }')" \
	"$(awk_count 0000-00-00 9999-12-31 price)" "text from stdin: price churned and MRR"

# --- cohorts: the period against the previous one -----------------------
ck_run "$t" cohorts $map --reason reason --involuntary payment_failed \
	--json "$t/c.json" --tables "$t/ctab" customers.csv
tap_is "$(cat "$t/exit")" 0 "cohorts --reason: exit 0"
j=$t/c.json
r=cohorts.reasons
tap_is "$(get "$j" $r.period.label $r.previous.label)" "2026Q3 2026Q2" \
	"the last complete quarter and the one before"
tap_is "$(get "$j" $r.period.at_start $r.previous.at_start)" \
	"$(awk_at_start 2026-07-01) $(awk_at_start 2026-04-01)" "customers at start, both periods"
for reason in price payment_failed unknown; do
	set -- $(awk_count 2026-07-01 2026-09-30 $reason)
	tap_is "$(get "$j" $r.period.levels.name=$reason.churned \
		$r.period.levels.name=$reason.churned_mrr)" "$1 $2" "2026Q3 $reason: as awk counts it"
done
set -- $(awk_count 2026-04-01 2026-06-30 competitor)
tap_is "$(get "$j" $r.previous.levels.name=competitor.churned $r.period.levels.name=competitor.churned)" \
	"$1 0" "competitor: only in the previous period"
fs=$(awk -F, 'NR > 1 && $3 >= "2026-07-01" && $3 <= "2026-09-30" && $2 < "2026-07-01" &&
	$6 ~ /^ *price *$/ { n++ } END { print n }' customers.csv)
tap_is "$(get "$j" $r.period.levels.name=price.churned_from_start)" "$fs" \
	"price from start leaves out c09, who joined in the period"
sos=$(get "$j" $r.period.levels.name=price.share_of_start)
near "$sos" "$(awk -v a="$fs" -v b="$(awk_at_start 2026-07-01)" 'BEGIN { printf "%.17g", a / b }')"
tap_ok $? "price: share of customers at start = from start / at start ($sos)"
tap_is "$(grep -c '^2026Q[23],' "$t/ctab/cohorts_reasons.csv")" 10 \
	"cohorts_reasons.csv: two periods x five reasons"

# --- a report definition: INI keys are the long names -------------------
printf '[columns]\nid = id\nstart = start\nend = end\nreason = reason\ninvoluntary = service\n' \
	>"$t/def.ini"
ck_run "$t" survival --config "$t/def.ini" --as-of 2026-10-15 --json - customers.csv
tap_is "$("$JSONGET" - survival.reasons.levels.name=service.involuntary <"$t/stdout")" true \
	"report definition: reason and involuntary keys"

# --- bad rows -----------------------------------------------------------
ck_run "$t" check --id id --start start --end end --reason reason \
	--rejects "$t/rej.csv" active_reason.csv
tap_is "$(cat "$t/exit")" 1 "a reason on an active customer: over --max-bad-rows (1%), exit 1"
grep -q "active_reason.csv:3:6: churn reason 'price' in column 'reason' on a customer who has not churned" \
	"$t/stderr"
tap_ok $? "the message names file, line 3 and column 6"
tap_is "$(cut -d, -f1-3 "$t/rej.csv" | tail -n +2)" "3,6,reason on active customer" \
	"--rejects holds the row with its line, column and reason"
ck_run "$t" check --id id --start start --end end --reason reason --max-bad-rows 1 \
	--json "$t/k.json" active_reason.csv
tap_is "$(cat "$t/exit")" 0 "--max-bad-rows 1: the run goes on"
tap_is "$(get "$t/k.json" "data.rejected_by_reason.reason on active customer" \
	data.reasons.level=price.count data.reasons.level=unknown.count)" "1 1 1" \
	"check --json: the bad row by reason, the reasons with counts, unknown"
ck_run "$t" check --id id --start start --end end --reason reason --max-bad-rows 1 \
	active_reason.csv
grep -q "Churn reasons   price 1, service 1, unknown 1" "$t/stdout"
tap_ok $? "check text: the reasons with counts"

# --- usage errors -------------------------------------------------------
ck_run "$t" survival $map --reason reason --involuntary price,card_declined customers.csv
tap_is "$(cat "$t/exit")" 2 "an --involuntary value no row carries: exit 2"
grep -q "^churnkit: --involuntary 'card_declined': no row has this reason in column 'reason'" \
	"$t/stderr"
tap_ok $? "the error names the value"
# Reasons keep their case, as --by levels: a name in another case is
# refused, naming the reason the data has (never matched silently).
ck_run "$t" survival $map --reason reason --involuntary Payment_Failed customers.csv
tap_is "$(cat "$t/exit")" 2 "an --involuntary value in another case: exit 2"
grep -q "^churnkit: --involuntary 'Payment_Failed': no row has this reason in column 'reason'; it has 'payment_failed' (reasons are compared with their case, as --by levels)" \
	"$t/stderr"
tap_ok $? "the error names the reason the data has"
# A reason spelled "unknown" in the data stays apart from the empty ones,
# which are then "(not given)".
awk -F, -v OFS=, 'NR > 1 && $6 == "service" { $6 = "Unknown" } 1' customers.csv >"$t/unk.csv"
ck_run "$t" cohorts $map --reason reason --json "$t/u.json" "$t/unk.csv"
tap_is "$(get "$t/u.json" cohorts.reasons.period.levels.name=Unknown.unknown \
	"cohorts.reasons.period.levels.name=(not given).unknown")" "false true" \
	"a reason 'Unknown' in the data and the empty reasons, '(not given)', are two levels"
ck_run "$t" check --id id --start start --end end --reason reason "$t/unk.csv"
grep -q "^  Churn reasons .*Unknown 2, .*(not given) 1$" "$t/stdout"
tap_ok $? "check names them apart too"
ck_run "$t" survival $map --involuntary price customers.csv
tap_is "$(cat "$t/exit")" 2 "--involuntary without --reason: exit 2"
ck_run "$t" survival $map --reason why customers.csv
tap_is "$(cat "$t/exit")" 2 "--reason naming no column: exit 2"

# --- durations with weights ---------------------------------------------
ck_run "$t" survival --id id --duration months --event churned --weight w --reason reason \
	--json "$t/w.json" weighted.csv
tap_is "$(get "$t/w.json" survival.reasons.levels.name=price.churned \
	survival.reasons.levels.name=unknown.churned survival.reasons.churned \
	survival.reasons.churned_mrr survival.reasons.weighted)" "2 3 6 null true" \
	"weights count as customers; no --value: MRR null"
tap_done

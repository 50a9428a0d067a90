#!/bin/sh
# segment_target.sh - a segment finding concerns, and its action targets,
# the level its test finds faster, named first in its sentence
# (docs/findings.md, "What a finding concerns"), also when that level's
# observed share of leavers is the lower one: here marketplace, new since
# 2026 and churning 2.1x faster, against direct, followed for years, with
# the larger share left (tests/data/findings/segment_target.csv, made by
# tests/fixtures/findings/segment_target/make_segment_target.R).  The
# active marketplace customers and their MRR are counted here with awk.

. "$top_srcdir/tests/lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir segment_target
t=$ck_tmp
data="$top_srcdir/tests/data/findings/segment_target.csv"
ck_run "$t" report --id id --start start --end end --value mrr --by channel \
	--features channel,mrr --horizon 3 --as-of 2026-10-31 -o "$t/r.pdf" --json "$t/r.json" "$data"
tap_is "$(cat "$t/exit")" 0 "report: exit 0"
j() { "$JSONGET" "$t/r.json" "$1" 2>/dev/null; }

# Observed shares left: direct higher than marketplace.
shares=$(awk -F, 'NR > 1 { n[$4]++; if ($3 != "") l[$4]++ }
	END { printf "%d", (l["direct"] / n["direct"] > l["marketplace"] / n["marketplace"]) }' "$data")
tap_is "$shares" 1 "the data: direct has the larger observed share of leavers"
want=$(awk -F, 'NR > 1 && $3 == "" && $4 == "marketplace" { n++; s += $5 }
	END { printf "%d %.2f", n, s }' "$data")

n=$(j 'findings.#') i=0 seg=
while [ "$i" -lt "${n:-0}" ]; do
	[ "$(j "findings.$i.kind")" = segment ] && { seg=$i; break; }
	i=$((i + 1))
done
tap_ok "$([ -n "$seg" ]; echo $?)" "a segment finding on channel"
case $(j "findings.$seg.text") in
*"channel = marketplace churn"*"faster"*) tap_ok 0 "its sentence names marketplace as faster" ;;
*) tap_ok 1 "its sentence names marketplace as faster: $(j "findings.$seg.text")" ;;
esac
got=$(awk -v c="$(j "findings.$seg.customers")" -v m="$(j "findings.$seg.mrr")" \
	'BEGIN { printf "%d %.2f", c, m }')
tap_is "$got" "$want" "it concerns the active marketplace customers and their MRR ($want)"
a=0 act=
while [ "$a" -lt "$(j 'actions.#')" ]; do
	[ "$(j "actions.$a.finding")" = "$seg" ] && { act=$a; break; }
	a=$((a + 1))
done
case $(j "actions.$act.text") in
*"channel = marketplace"*) tap_ok 0 "its action targets marketplace" ;;
*) tap_ok 1 "its action targets marketplace: $(j "actions.$act.text")" ;;
esac
got=$(awk -v c="$(j "actions.$act.customers")" -v m="$(j "actions.$act.mrr")" \
	'BEGIN { printf "%d %.2f", c, m }')
tap_is "$got" "$want" "the action's targets are those customers"

tap_done

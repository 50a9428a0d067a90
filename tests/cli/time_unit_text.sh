#!/bin/sh
# time_unit_text.sh - the unit --time-unit names is said in the survival
# and model texts and JSON (docs/contract.md, "--time-unit"), where they
# used to say "tenure as given" and "the duration's own unit" although the
# user had named the unit.  Without --time-unit they still say "as given".

. "$top_srcdir/tests/lib.sh"

ck_tmpdir time_unit_text
t=$ck_tmp

printf 'id,tenure,left,plan\n' >"$t/d.csv"
printf '%s\n' a,1,Yes,x b,4,No,x c,2,Yes,y d,7,No,y e,3,Yes,x f,9,No,y g,5,Yes,x \
	h,12,No,y i,6,Yes,x j,8,No,y k,2,Yes,y l,11,Yes,x >>"$t/d.csv"
set -- --duration tenure --event left=Yes

ck_run "$t" survival "$@" --time-unit week --json "$t/s.json" "$t/d.csv"
tap_is "$(cat "$t/exit")" 0 "survival --time-unit week: exit 0"
tap_is "$(sed -n 2p "$t/stdout" | cut -c1-24)" "Time: tenure in weeks (-" \
	"survival text: the time line names the unit"
tap_is "$(grep -c 'as given' "$t/stdout")" 0 "survival text: no 'as given' once the unit is named"
# The hazard's period is a tenure month whatever the unit (a year for
# years): in weeks, month k covers (k x 4.348..., (k + 1) x 4.348...] weeks.
tap_is "$(grep -c '^Churn hazard by tenure month (month k covers tenure (k x 4.3482143, (k + 1) x 4.3482143\] weeks)' "$t/stdout")" 1 \
	"survival text: the hazard is by tenure month, a month in weeks"
tap_is "$("$JSONGET" "$t/s.json" survival.time_unit)" "weeks" \
	"survival JSON: time_unit is the unit named"

ck_run "$t" model "$@" --time-unit month --horizon 6 --features plan --cox \
	--json "$t/m.json" "$t/d.csv"
tap_is "$(cat "$t/exit")" 0 "model --time-unit month: exit 0"
tap_is "$(grep -c '(--horizon 6, in months)' "$t/stdout")" 1 \
	"model text: the horizon is in the unit named"
tap_is "$(grep -c 'duration column tenure in months' "$t/stdout")" 1 \
	"model text: the Cox model's time is in the unit named"
tap_is "$("$JSONGET" "$t/m.json" model.horizon_unit)" "months" \
	"model JSON: horizon_unit is the unit named"
tap_is "$("$JSONGET" "$t/m.json" cox.time_unit)" "months" \
	"model JSON: the Cox model's time_unit is the unit named"

ck_run "$t" survival "$@" --time-unit year "$t/d.csv"
tap_is "$(grep -c '^Churn hazard by tenure year (year k covers tenure (k x 1, (k + 1) x 1\] years)' "$t/stdout")" 1 \
	"survival text: with years the hazard is by tenure year"
ck_run "$t" survival "$@" --time-unit day "$t/d.csv"
tap_is "$(grep -c '^Churn hazard by tenure month (month k covers tenure (k x 30.4375, (k + 1) x 30.4375\] days)' "$t/stdout")" 1 \
	"survival text: with days the hazard is by tenure month of 30.4375 days"

ck_run "$t" survival "$@" --json "$t/s0.json" "$t/d.csv"
tap_is "$(sed -n 2p "$t/stdout" | cut -c1-24)" "Time: tenure as given (-" \
	"survival text without --time-unit: as given"
tap_is "$("$JSONGET" "$t/s0.json" survival.time_unit)" "as given" \
	"survival JSON without --time-unit: as given"

tap_done

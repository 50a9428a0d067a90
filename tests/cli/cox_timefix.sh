#!/bin/sh
# cox_timefix.sh - the Cox fit merges near-equal times as R's coxph does
# (timefix = TRUE, its default: survival::aeqSurv; docs/method.md): durations
# where one time was computed two ways (k/7, and k/7 off in its last bits, as
# a spreadsheet's arithmetic gives) are one time. Against coxph on the same
# file (tests/fixtures/cox_timefix/make_timefix.R); without the merging the
# estimate is R's with timefix = FALSE, 1.5% away (the independent reviewer's
# finding).

. "$top_srcdir/tests/lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir cox_timefix
t=$ck_tmp
fx="$top_srcdir/tests/fixtures/cox_timefix"
want() { awk -v k="$1" '$1 == k { print $2 }' "$fx/timefix.expect"; }
near() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; if (d < 0) d = -d
		a = w < 0 ? -w : w; exit !(g != "" && w != "" && d <= t * a) }'
}

ck_run "$t" model --cox --id id --duration t --event ev=1 --features x,g --json "$t/m.json" \
	"$fx/timefix.csv"
tap_is "$(cat "$t/exit")" 0 "model --cox on durations with near-equal times: exit 0"
x=$("$JSONGET" "$t/m.json" cox.coefficients.0.estimate)
near "$x" "$(want x)" 1e-6
tap_ok $? "x: coxph's estimate with its times merged ($x, R $(want x))"
near "$("$JSONGET" "$t/m.json" cox.coefficients.1.estimate)" "$(want g=b)" 1e-6
tap_ok $? "g=b: coxph's estimate"
near "$("$JSONGET" "$t/m.json" cox.loglik)" "$(want loglik)" 1e-9
tap_ok $? "the log likelihood: coxph's"
near "$x" "$(want notimefix_x)" 1e-3
tap_ok $((1 - $?)) "not the estimate of the times left apart (R's timefix = FALSE)"
tap_done

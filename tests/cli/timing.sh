#!/bin/sh
# timing.sh - CHURNKIT_TIMING=1 (perf, issue 15; bench/README.md): the
# report prints its stage table to stderr and writes the same bytes (PDF,
# scores, JSON, summary) as without it; unset or 0, stderr stays empty.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir timing
t=$ck_tmp
data="$top_srcdir/samples/customers.csv"
opts="--id customer_id --start signup_date --end churn_date --value mrr --by contract
--features contract,plan,log(mrr),logins_30d,onboarding_completed --horizon 12"

# run DIR [ENV=VALUE]: the report into DIR, with churnkit's environment.
run() {
	mkdir -p "$t/$1" || tap_bail "cannot create $t/$1"
	(
		cd "$t/$1" || exit 1
		# shellcheck disable=SC2086
		env SOURCE_DATE_EPOCH=1790000000 $2 $CHURNKIT_WRAP "$CHURNKIT" report $opts \
			--scores scores.csv --json report.json -o report.pdf "$data" \
			>stdout 2>stderr
		echo $? >exit
	)
}

run plain CHURNKIT_TIMING=
run zero CHURNKIT_TIMING=0
run timed CHURNKIT_TIMING=1
tap_is "$(cat "$t/plain/exit") $(cat "$t/zero/exit") $(cat "$t/timed/exit")" "0 0 0" \
	"the three runs succeed"
for f in report.pdf scores.csv report.json stdout; do
	cmp -s "$t/plain/$f" "$t/timed/$f"
	tap_ok $? "CHURNKIT_TIMING=1 writes the same $f"
done
tap_is "$(cat "$t/plain/stderr" "$t/zero/stderr")" "" "without CHURNKIT_TIMING=1, stderr is empty"
err=$t/timed/stderr
tap_is "$(sed -n '1s/ .*//p' "$err")" "stage" "the stage table opens with its header"
missing=
for s in load survival "logit: fit" "logit: validation (CV, AUC)" "cox: fit" scores \
	"render PDF" "write scores CSV" total; do
	grep -q "^$s  *[0-9][0-9.]*  *[0-9][0-9.]*  *[0-9][0-9.]*%$" "$err" || missing="$missing [$s]"
done
tap_is "$missing" "" "the table has a row of wall, CPU and share for each stage"
tap_done

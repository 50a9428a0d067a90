#!/bin/sh
# dates_tz.sh - dates read in UTC whatever TZ says (TAP).
#
# One billing-style export (tests/data/dates/billing.csv: datetimes
# 2024-09-25 16:21:00-like, one subscription a row) written five ways: as
# it is, in Unix seconds, in Unix milliseconds, as dd.mm.yyyy hh:mm, and as
# ISO datetimes at offset -04:00 (the same instants), each detected without
# --date-format.  `churnkit cohorts --json` must give the same cohorts and
# KPIs for every file under TZ=UTC, America/Los_Angeles, Pacific/Kiritimati
# and Asia/Kolkata.  Worked out by hand from the UTC datetimes: the latest
# date is sub_5's cancellation at 2024-07-01 00:30 UTC (2024-06-30 20:30 at
# -04:00, and 17:30 in Los Angeles: a local reading would make it June), so
# as-of is 2024-07-01 and the reporting period the quarter 2024Q2, which
# starts with sub_2 and sub_3 (signed up 2024-03-31 23:59:59 UTC), gains
# sub_4, sub_5 and sub_6, loses sub_3 (2024-05-20) and ends with 4.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir dates_tz
t=$ck_tmp
cd "$top_srcdir/tests/data/dates" || tap_bail "cannot enter tests/data/dates"

args="--id id --start created --end canceled_at --value amount"
get() {  # get JSON PATH...: the values on one line, blank-separated
	f=$1
	shift
	"$JSONGET" "$f" "$@" | tr '\n' ' ' | sed 's/ $//'
}

# shellcheck disable=SC2086
TZ=UTC ck_run "$t" cohorts $args --json "$t/ref.json" billing.csv
tap_is "$(cat "$t/exit")" 0 "billing.csv under TZ=UTC: exit 0"
ref=$(get "$t/ref.json" cohorts kpis)
tap_is "$(get "$t/ref.json" data.as_of kpis.reporting.period)" "2024-07-01 2024Q2" \
	"as-of is sub_5's UTC cancellation day, the reporting quarter 2024Q2"
tap_is "$(get "$t/ref.json" kpis.periods.period=2024Q2.start kpis.periods.period=2024Q2.new \
	kpis.periods.period=2024Q2.churned kpis.periods.period=2024Q2.end)" "2 3 1 4" \
	"2024Q2: start 2 (sub_3 signed up on March 31 UTC), 3 new, 1 churned, end 4"
tap_is "$(get "$t/ref.json" cohorts.rows.cohort=2024-03.size cohorts.rows.cohort=2024-06.size)" \
	"1 1" "sub_3 is in the March cohort, sub_6 (2024-06-30 22:00 UTC) in June's"

for tz in UTC America/Los_Angeles Pacific/Kiritimati Asia/Kolkata; do
	for f in billing.csv billing_epoch.csv billing_epoch_ms.csv billing_de.csv \
	         billing_offset.csv; do
		# shellcheck disable=SC2086
		TZ=$tz ck_run "$t" cohorts $args --json "$t/out.json" "$f"
		tap_is "$(cat "$t/exit") $(cat "$t/stderr")" "0 " "$f under TZ=$tz: exit 0, no message"
		tap_is "$(get "$t/out.json" cohorts kpis)" "$ref" \
			"$f under TZ=$tz: the same cohorts and KPIs as billing.csv under UTC"
	done
done

# A strptime %s would read the local time zone: refused, pointing to epoch.
# shellcheck disable=SC2086
TZ=America/Los_Angeles ck_run "$t" cohorts $args --date-format '%s' billing_epoch.csv
tap_is "$(cat "$t/exit")" 2 "--date-format %s: exit 2"
grep -q -- "--date-format epoch" "$t/stderr"
tap_ok $? "--date-format %s: the message names --date-format epoch"
# --date-format epoch reads the same file as detection did.
# shellcheck disable=SC2086
TZ=Pacific/Kiritimati ck_run "$t" cohorts $args --date-format epoch --json "$t/out.json" \
	billing_epoch.csv
tap_is "$(get "$t/out.json" cohorts kpis)" "$ref" "--date-format epoch: the same numbers"

# Detection on a pipe: 40000 rows of 01/02/2024 (read differently by
# %d/%m/%Y and %m/%d/%Y) before the one value,
# 13/02/2024, that only %d/%m/%Y reads, past the first 1 MiB read.  The
# input is read once and the bytes read for detection are read again from
# memory: every row loads, 01/02/2024 as the 1st of February.
awk 'BEGIN { print "id,start,end"; for (i = 1; i <= 40000; i++) print "c" i ",01/02/2024,";
	print "last,13/02/2024," }' >"$t/late.csv"
cat "$t/late.csv" | $CHURNKIT_WRAP "$CHURNKIT" check --id id --start start --end end \
	--json "$t/late.json" - >"$t/stdout" 2>"$t/stderr"
tap_is "$? $(get "$t/late.json" data.rows_used data.date_min data.date_max)" \
	"0 40001 2024-02-01 2024-02-13" \
	"a pipe whose dates decide after 1 MiB: every row read as %d/%m/%Y"

tap_done

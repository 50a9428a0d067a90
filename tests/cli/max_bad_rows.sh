#!/bin/sh
# max_bad_rows.sh - the --max-bad-rows rule (TAP).
#
# docs/contract.md: bad rows are reported with their line and reason, and the run
# fails (exit 1) when more than --max-bad-rows (default 1%) are bad.  "More
# than" is strict: exactly the limit passes.  The inputs are generated here
# (1000 rows, some with an unparseable start date on chosen lines) into a
# temporary directory, and the tests run from there so that the messages
# show the bare file names.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir max_bad_rows
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"

# make_csv FILE ROWS BADLINE...: ROWS data rows c1..cROWS after a header;
# the row on each physical line BADLINE (the header is line 1) gets the
# start date 2024-02-30.
make_csv() {
	f=$1
	rows=$2
	shift 2
	awk -v rows="$rows" -v bad=" $* " 'BEGIN {
		print "id,start,end,mrr"
		for (i = 1; i <= rows; i++) {
			line = i + 1
			d = index(bad, " " line " ") ? "2024-02-30" : "2024-01-15"
			print "c" i "," d ",," (i % 7) * 10
		}
	}' >"$f"
}

map="--id id --start start --end end --value mrr"
bad_msg() {  # the message for a bad date on line $2 of file $1
	echo "churnkit: $1:$2:2: '2024-02-30' in column 'start' is not a date (expected yyyy-mm-dd)"
}
errline() {
	cat "$t/stderr"
}

# One bad row (line 501) among 1000.
make_csv one.csv 1000 501
# shellcheck disable=SC2086
ck_run "$t" check $map --json one.json one.csv
tap_is "$(cat exit)" 0 "1 bad row of 1000, default 1%: exit 0"
tap_is "$(errline)" "$(bad_msg one.csv 501)
churnkit: one.csv: 1 of 1000 rows rejected and left out (--max-bad-rows 1%)" \
	"1 bad row of 1000: stderr names line 501, column 2 and the reason, then the count"
tap_is "$("$JSONGET" one.json data.rows_read data.rows_used data.rows_rejected \
	'data.rejected_by_reason.unparseable date' | tr '\n' ' ')" "1000 999 1 1 " \
	"1 bad row of 1000: JSON rows_read 1000, rows_used 999, rows_rejected 1 (unparseable date)"

# shellcheck disable=SC2086
ck_run "$t" check $map --max-bad-rows 0 --json zero.json one.csv
tap_is "$(cat exit)" 1 "1 bad row of 1000, --max-bad-rows 0: exit 1"
tap_is "$(errline)" "$(bad_msg one.csv 501)
churnkit: one.csv: 1 of 1000 rows are bad, more than --max-bad-rows 0 allows" \
	"1 bad row of 1000, --max-bad-rows 0: the row, then why the run fails"
[ ! -e zero.json ]
tap_ok $? "1 bad row of 1000, --max-bad-rows 0: no --json file"

# shellcheck disable=SC2086
ck_run "$t" check $map --max-bad-rows 5 one.csv
tap_is "$(cat exit)" 0 "1 bad row of 1000, --max-bad-rows 5: exit 0"
# shellcheck disable=SC2086
ck_run "$t" check $map --quiet one.csv
tap_is "$(cat exit):$(cat stderr)" "0:" "1 bad row of 1000, --quiet: exit 0 and nothing on stderr"

# 2% bad: 20 rows, on lines 11, 21, ..., 201.
lines=
i=1
while [ $i -le 20 ]; do
	lines="$lines $((i * 10 + 1))"
	i=$((i + 1))
done
# shellcheck disable=SC2086
make_csv two.csv 1000 $lines
# shellcheck disable=SC2086
ck_run "$t" check $map two.csv
tap_is "$(cat exit)" 1 "20 bad rows of 1000 (2%), default 1%: exit 1"
want=
for l in 11 21 31 41 51 61 71 81 91 101; do
	want="$want$(bad_msg two.csv $l)
"
done
want="${want}churnkit: two.csv: 10 more bad rows not shown; --rejects FILE lists them all
churnkit: two.csv: 20 of 1000 rows are bad, more than --max-bad-rows 1% allows"
tap_is "$(errline)" "$want" "2% bad: the first 10 rows on stderr, a pointer to --rejects, then the failure"

# shellcheck disable=SC2086
ck_run "$t" check $map --rejects two.rejects.csv two.csv
tap_is "$(sed -n 11p stderr)" \
	"churnkit: two.csv: 10 more bad rows not shown (two.rejects.csv lists them all)" \
	"2% bad with --rejects: stderr names the rejects file"
tap_is "$(cut -d, -f1-3 two.rejects.csv | tr '\n' ' ')" \
	"line,column,reason$(for l in $lines; do printf ' %s,2,unparseable date' "$l"; done) " \
	"2% bad with --rejects: the file lists all 20 rows with line, column and reason, although the run failed"

# The limit itself passes: 10 bad of 1000 is exactly 1%; 11 is more.
# shellcheck disable=SC2086
make_csv ten.csv 1000 $(echo "$lines" | cut -d' ' -f2-11)
# shellcheck disable=SC2086
ck_run "$t" check $map -q ten.csv
tap_is "$(cat exit)" 0 "10 bad rows of 1000 (exactly 1%): exit 0"
# shellcheck disable=SC2086
make_csv eleven.csv 1000 $(echo "$lines" | cut -d' ' -f2-12)
# shellcheck disable=SC2086
ck_run "$t" check $map -q eleven.csv
tap_is "$(cat exit)" 1 "11 bad rows of 1000 (1.1%): exit 1"

# Percentages that are not exact in binary: 0.29 * 100 = 28.999999999999996,
# yet 29 bad rows of 100 are not more than 29%.
lines29=
i=1
while [ $i -le 29 ]; do
	lines29="$lines29 $((i * 3))"
	i=$((i + 1))
done
# shellcheck disable=SC2086
make_csv p29.csv 100 $lines29
for lim in 29% 29 28% 28 30%; do
	case $lim in 28*) want=1 ;; *) want=0 ;; esac
	# shellcheck disable=SC2086
	ck_run "$t" check $map -q --max-bad-rows $lim p29.csv
	tap_is "$(cat exit)" $want "29 bad rows of 100, --max-bad-rows $lim: exit $want"
done

# The limit may come from a report definition, and the command line wins.
printf '[data]\nmax-bad-rows = 0\n' >strict.ini
# shellcheck disable=SC2086
ck_run "$t" check $map -q --config strict.ini one.csv
tap_is "$(cat exit)" 1 "max-bad-rows = 0 in --config: 1 bad row of 1000 fails"
# shellcheck disable=SC2086
ck_run "$t" check $map -q --config strict.ini --max-bad-rows 2 one.csv
tap_is "$(cat exit)" 0 "--max-bad-rows 2 on the command line overrides the config's 0"

tap_done

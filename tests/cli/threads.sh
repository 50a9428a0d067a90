#!/bin/sh
# threads.sh - --threads (issue 15 item 5): with two threads the Cox fit
# runs beside the logistic fit and its validation, and in the report the
# survival and cohort stages beside both; every output is the same
# bytes as with --threads 1 (the fits do the same arithmetic in the same
# order on either thread), an error is the one the sequential run reports
# first (the survival stage's, then the logistic model's), and the stage timings stay per stage
# (CHURNKIT_TIMING=1: no stage charged the other thread's CPU time, so none
# is negative).

. "$top_srcdir/tests/lib.sh"

ck_tmpdir threads
t=$ck_tmp
cfg="$top_srcdir/reports/quarterly.ini"
csv="$top_srcdir/samples/customers.csv"

for n in 1 2; do
	mkdir "$t/$n"
	SOURCE_DATE_EPOCH=1790000000 ck_run "$t/$n" report --config "$cfg" --threads $n \
		--json "$t/$n/r.json" \
		--scores "$t/$n/s.csv" -o "$t/$n/r.pdf" "$csv"
	tap_is "$(cat "$t/$n/exit")" 0 "report --threads $n: exit 0"
done
cmp -s "$t/1/r.json" "$t/2/r.json"
tap_ok $? "report: the JSON of --threads 2 is byte for byte that of --threads 1"
cmp -s "$t/1/s.csv" "$t/2/s.csv"
tap_ok $? "report: the scores file of --threads 2 is that of --threads 1"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$t/1/r.pdf" "$t/1/r.txt" && pdftotext "$t/2/r.pdf" "$t/2/r.txt"
	cmp -s "$t/1/r.txt" "$t/2/r.txt"
	tap_ok $? "report: the PDF's text is the same (the appendix leaves --threads out)"
	tap_is "$(grep -c '^--threads$' "$t/2/r.txt")" 0 "the appendix does not list --threads"
fi
cmp -s "$t/1/r.pdf" "$t/2/r.pdf"
tap_ok $? "report: the PDF is the same bytes (SOURCE_DATE_EPOCH)"
sed "s|$t/1/|$t/2/|" "$t/1/stdout" | cmp -s - "$t/2/stdout"
tap_ok $? "report: the text summary is the same"

for n in 1 2; do
	ck_run "$t/$n" model --config "$cfg" --cox --threads $n --json "$t/$n/m.json" "$csv"
	tap_is "$(cat "$t/$n/exit")" 0 "model --cox --threads $n: exit 0"
done
cmp -s "$t/1/m.json" "$t/2/m.json"
tap_ok $? "model --cox: the JSON (logistic and Cox models) is the same with 1 and 2 threads"
grep -q '"cox"' "$t/2/m.json"
tap_ok $? "model --cox --threads 2: the Cox model is in the JSON"

# The logistic model fails (no churn within a day's horizon), the Cox fit
# would not: the run stops with the logistic model's error either way.
for n in 1 2; do
	ck_run "$t/$n" model --config "$cfg" --cox --horizon 0.01 --threads $n "$csv"
done
tap_is "$(cat "$t/2/exit")" "$(cat "$t/1/exit")" "a failing logistic fit: the same exit status with 2 threads"
tap_is "$(cat "$t/1/exit")" 1 "a failing logistic fit: exit 1"
cmp -s "$t/1/stderr" "$t/2/stderr"
tap_ok $? "a failing logistic fit: the same message with 2 threads"
grep -q "logistic model cannot be fitted" "$t/2/stderr"
tap_ok $? "a failing logistic fit: the message is the logistic model's"

# The survival stage fails (a --by of 120 levels), the models would not:
# with two threads the survival and cohort stages run beside the model fits,
# and the run still stops with the survival stage's error, writing nothing.
for n in 1 2; do
	ck_run "$t/$n" report --config "$cfg" --by logins_30d --threads $n -o "$t/$n/by.pdf" "$csv"
done
tap_is "$(cat "$t/2/exit")" "$(cat "$t/1/exit")" "a failing survival stage: the same exit status with 2 threads"
cmp -s "$t/1/stderr" "$t/2/stderr"
tap_ok $? "a failing survival stage: the same message with 2 threads"
grep -q -- "--by logins_30d has 120 levels" "$t/2/stderr"
tap_ok $? "a failing survival stage: the message is the survival stage's"
[ ! -e "$t/2/by.pdf" ]
tap_ok $? "a failing survival stage: no PDF written"

CHURNKIT_TIMING=1 ck_run "$t/2" report --config "$cfg" --threads 2 -o "$t/2/t.pdf" "$csv"
awk '/^cox: fit / { seen = 1 } /^(logit|cox): / && ($(NF - 2) < 0 || $(NF - 1) < 0) { bad = 1 }
	END { exit !(seen && !bad) }' "$t/2/stderr"
tap_ok $? "CHURNKIT_TIMING=1 with 2 threads: the Cox steps are in the table, no stage below 0 s"

# The scores file is written on a thread of its own beside the findings
# and the PDF (--threads 2): the same bytes as above on a file of rows,
# with frequency weights too (a weight column in the file), and a write
# that fails on that thread stops the run as it does with one thread,
# with no output in place.
tap_ok "$([ "$(wc -l <"$t/1/s.csv")" -gt 100 ]; echo $?)" "report: the scores file compared holds the customers"
wdata="$top_srcdir/tests/data/model/weights.csv"
wargs="--id customer_id --start signup_date --end churn_date --value mrr --as-of 2026-09-30
	--features contract,channel,plan,logins_30d,support_tickets_90d --horizon 12 --ties breslow
	--by contract --weight w"
for n in 1 2; do
	# shellcheck disable=SC2086
	ck_run "$t/$n" report $wargs --threads $n --scores "$t/$n/w.csv" -o "$t/$n/w.pdf" "$wdata"
	tap_is "$(cat "$t/$n/exit")" 0 "report --weight --threads $n: exit 0"
done
cmp -s "$t/1/w.csv" "$t/2/w.csv"
tap_ok $? "report --weight: the scores file of --threads 2 is that of --threads 1"
tap_is "$(head -n 1 "$t/2/w.csv" | cut -d, -f2)" weight "report --weight: the scores file has its weight column"
if [ -w /dev/full ]; then
	for n in 1 2; do
		rm -f "$t/$n/full.pdf"
		SOURCE_DATE_EPOCH=1790000000 ck_run "$t/$n" report --config "$cfg" --threads $n \
			--scores /dev/full -o "$t/$n/full.pdf" "$csv"
	done
	tap_is "$(cat "$t/2/exit")" "$(cat "$t/1/exit")" "scores to a full disk: the same exit status with 2 threads"
	tap_is "$(cat "$t/2/exit")" 3 "scores to a full disk: exit 3"
	cmp -s "$t/1/stderr" "$t/2/stderr"
	tap_ok $? "scores to a full disk: the same message with 2 threads"
	grep -q '/dev/full' "$t/2/stderr"
	tap_ok $? "scores to a full disk: the message names the scores file"
	[ ! -e "$t/1/full.pdf" ] && [ ! -e "$t/2/full.pdf" ]
	tap_ok $? "scores to a full disk: no PDF put in place"
	tap_is "$(find "$t/1" "$t/2" -name 'full.pdf.tmp.*' | wc -l)" 0 "scores to a full disk: no temporary left"
else
	for k in 1 2 3 4 5 6; do
		tap_ok 0 "# SKIP /dev/full is not writable"
	done
fi

ck_run "$t" model --config "$cfg" --threads 0 "$csv"
tap_is "$(cat "$t/exit")" 2 "--threads 0: a usage error"
tap_done

#!/bin/sh
# progress.sh - the progress line of a long run (issue 16 item 5;
# docs/outputs.md, "Progress"): with --progress it is drawn on stderr,
# redrawn with carriage returns, names the stages and is erased at the end
# and before a warning; it never shows with stderr a file and no
# --progress, with --no-progress (in either order) or --quiet; on a
# terminal it shows by itself; no output's bytes change.
# CHURNKIT_PROGRESS_DELAY=0 (a documented test knob) shows it at once
# instead of after a second, so that the small sample shows it too.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir progress
t=$ck_tmp
data="$top_srcdir/samples/customers.csv"
cfg="$top_srcdir/reports/quarterly.ini"
CR=$(printf '\r')

# report DIR ARGS...: the quarterly report into DIR, with every output.
report() {
	d=$t/$1
	shift
	mkdir -p "$d" || tap_bail "cannot create $d"
	(
		cd "$d" || exit 1
		# shellcheck disable=SC2086
		env SOURCE_DATE_EPOCH=1790000000 CHURNKIT_PROGRESS_DELAY=0 $CHURNKIT_WRAP \
			"$CHURNKIT" report --config "$cfg" --scores scores.csv --json report.json \
			-o report.pdf "$@" "$data" >stdout 2>stderr
		echo $? >exit
	)
}

# One thread, so that every stage has its turn on the line; with two (the
# default on two cores) the stages that run beside the main thread's are
# not named, checked below.
report plain --threads 1
report shown --progress --threads 1
tap_is "$(cat "$t/plain/exit") $(cat "$t/shown/exit")" "0 0" "both reports succeed"
for f in report.pdf report.json scores.csv stdout; do
	cmp -s "$t/plain/$f" "$t/shown/$f"
	tap_ok $? "--progress writes the same $f"
done
tap_is "$(cat "$t/plain/stderr")" "" "stderr a file, no --progress: no progress bytes at all"

err=$t/shown/stderr
tap_ok "$(grep -c "$CR" "$err" | sed 's/^[1-9][0-9]*$/0/')" "--progress: stderr holds carriage returns"
missing=
for s in "loading: " "survival, " "cohorts, " "logistic model, " "cross-validation: " \
	"cox model, " "scoring, " "segments, " "findings, " "writing report, " "writing scores: "; do
	tr '\r' '\n' <"$err" | grep -q "^churnkit: $s" || missing="$missing [$s]"
done
tap_is "$missing" "" "the line names each stage"
report both --progress --threads 2
missing=
# The scores file is written on its own thread beside the findings and the
# PDF: the main thread names it, without a count, while it waits for it.
for s in "loading: " "logistic model, " "cross-validation: " "cox model, " "scoring, " \
	"findings, " "writing report, " "writing scores, "; do
	tr '\r' '\n' <"$t/both/stderr" | grep -q "^churnkit: $s" || missing="$missing [$s]"
done
tap_is "$missing" "" "--threads 2: the line names the main thread's stages, and the Cox model and the scores file while it waits for them"
tr '\r' '\n' <"$err" | grep -q '^churnkit: cross-validation: [0-5] of 5 folds ([0-9]*%), [0-9.]* s'
tap_ok $? "cross-validation counts its folds"
tr '\r' '\n' <"$err" | grep -q "^churnkit: writing scores: [0-9]* of $(($(wc -l <"$t/shown/scores.csv") - 1)) rows ([0-9]*%), [0-9.]* s"
tap_ok $? "writing the scores counts the rows of the scores file"
tr '\r' '\n' <"$err" | grep -q '^churnkit: loading: [0-9.]* of 0\.[0-9] MB ([0-9]*%), [0-9.]* s' 
tap_ok $? "loading counts the bytes of the file's size, with the share and the elapsed time"
tap_is "$(tr -d '\r' <"$err" | tr -d ' ' | wc -l | tr -d ' ')" 0 "the line is never ended by a newline"
last=$(tr '\r' '\n' <"$err" | tail -n 1)
tap_is "$(printf '%s' "$last" | tr -d ' ')" "" "stderr ends on the erased line"
tap_is "$(tail -c 1 "$err" | od -An -c | tr -d ' ')" '\r' "... with the cursor at its start"

# --no-progress wins over --progress in either order; --quiet silences it.
report off1 --progress --no-progress
report off2 --no-progress --progress
report quiet --progress --quiet
tap_is "$(cat "$t/off1/stderr" "$t/off2/stderr" "$t/quiet/stderr")" "" \
	"--no-progress (before or after --progress) and --quiet: no progress line"
cmp -s "$t/plain/report.pdf" "$t/off2/report.pdf"
tap_ok $? "--no-progress writes the same PDF"

# A bad row's warning starts on an erased line, not inside the progress line.
mkdir -p "$t/bad" || tap_bail "cannot create $t/bad"
awk -F, -v OFS=, 'NR == 5 { $2 = "2023-99-01" } { print }' "$data" >"$t/bad/customers.csv"
(
	cd "$t/bad" || exit 1
	CHURNKIT_PROGRESS_DELAY=0 $CHURNKIT_WRAP "$CHURNKIT" check --id customer_id \
		--start signup_date --end churn_date --progress customers.csv >stdout 2>stderr
	echo $? >exit
)
tap_is "$(cat "$t/bad/exit")" 0 "check with one bad row succeeds"
warn=$(grep 'customers.csv:5:' "$t/bad/stderr")
tap_ok $? "the bad row is warned about"
tap_is "$(printf '%s\n' "$warn" | awk -F"$CR" '{ print $NF }' | cut -c1-26)" \
	"churnkit: customers.csv:5:" "the warning is whole after the last carriage return"
tap_is "$(printf '%s\n' "$warn" | awk -F"$CR" 'NF > 1 { print $(NF - 1) }' | tr -d ' ')" "" \
	"... which follows the erased progress line"

# From a pipe the size is not known: loading counts rows.
mkdir -p "$t/pipe" || tap_bail "cannot create $t/pipe"
cat "$data" | CHURNKIT_PROGRESS_DELAY=0 $CHURNKIT_WRAP "$CHURNKIT" check --id customer_id \
	--start signup_date --end churn_date --progress - >"$t/pipe/stdout" 2>"$t/pipe/stderr"
tap_is "$?" 0 "check from a pipe succeeds"
tr '\r' '\n' <"$t/pipe/stderr" | grep -q '^churnkit: loading: [0-9]* rows, '
tap_ok $? "from a pipe, loading counts rows"

# The line waits its delay (a second by default): a run done sooner shows
# nothing.  Without the knob the sample is done within the second, but not
# under valgrind (CHURNKIT_WRAP), where the run is checked against a delay
# of an hour instead.
if [ -n "${CHURNKIT_WRAP:-}" ]; then
	CHURNKIT_PROGRESS_DELAY=3600 $CHURNKIT_WRAP "$CHURNKIT" check --id customer_id \
		--start signup_date --end churn_date --progress "$data" >/dev/null 2>"$t/wait.stderr"
else
	$CHURNKIT_WRAP "$CHURNKIT" check --id customer_id --start signup_date --end churn_date \
		--progress "$data" >/dev/null 2>"$t/wait.stderr"
fi
tap_is "$(cat "$t/wait.stderr")" "" "a run shorter than the delay shows no line"
CHURNKIT_PROGRESS_DELAY=soon $CHURNKIT_WRAP "$CHURNKIT" check --id customer_id \
	--progress "$data" >/dev/null 2>"$t/knob.stderr"
tap_is "$? $(cat "$t/knob.stderr")" \
	"2 churnkit: CHURNKIT_PROGRESS_DELAY 'soon': give seconds, 0 to 3600" \
	"a malformed CHURNKIT_PROGRESS_DELAY is a usage error"

# On a terminal (util-linux script gives the run one) the line shows by
# itself, and --no-progress still hides it.
if script -qec true /dev/null >/dev/null 2>&1; then
	cmd="CHURNKIT_PROGRESS_DELAY=0 $CHURNKIT_WRAP '$CHURNKIT' check --id customer_id --start signup_date --end churn_date '$data'"
	script -qec "$cmd 2>&1 >/dev/null" /dev/null </dev/null >"$t/tty.out" 2>&1
	tr '\r' '\n' <"$t/tty.out" | grep -q '^churnkit: loading: '
	tap_ok $? "on a terminal the line shows without --progress"
	script -qec "$cmd --no-progress 2>&1 >/dev/null" /dev/null </dev/null >"$t/tty2.out" 2>&1
	tr '\r' '\n' <"$t/tty2.out" | grep -q 'churnkit: loading'
	tap_ok $((! $?)) "on a terminal --no-progress hides it"
else
	echo "ok $((tap_n + 1)) # SKIP util-linux script is missing: no terminal test"
	tap_n=$((tap_n + 1))
fi
tap_done

#!/bin/sh
# signals.sh - a run stopped by SIGTERM or SIGHUP leaves no temporary file
# and every old output as it was (docs/outputs.md) (TAP).
#
# The report reads its customers from a FIFO that this script holds open
# after writing half of them, so the run is stopped at a known point: the
# --rejects temporary exists (it is opened before the input is read) and
# the other outputs are not written yet.  SIGINT is tested in
# tests/unit/test_outfile.c: a shell without job control starts background
# commands with SIGINT ignored.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir signals
t=$ck_tmp
data="$top_srcdir/samples/customers_small.csv"

for sig in TERM HUP; do
	d="$t/$sig"
	mkdir -p "$d" || tap_bail "cannot make $d"
	printf 'old pdf\n' >"$d/r.pdf"
	printf 'old json\n' >"$d/r.json"
	printf 'old rejects\n' >"$d/rejects.csv"
	mkfifo "$d/in.csv" || tap_bail "mkfifo failed"
	# shellcheck disable=SC2086
	$CHURNKIT_WRAP "$CHURNKIT" report --config "$top_srcdir/reports/quarterly.ini" \
		--rejects "$d/rejects.csv" --json "$d/r.json" -o "$d/r.pdf" "$d/in.csv" \
		>"$d/stdout" 2>"$d/stderr" &
	pid=$!
	# Half the customers, then the FIFO stays open: the run waits for more.
	exec 3>"$d/in.csv"
	head -n 100 "$data" >&3
	n=0
	while [ $n -lt 600 ] && ! ls -A "$d" | grep -q '\.tmp\.'; do
		sleep 0.1
		n=$((n + 1))
	done
	ls -A "$d" | grep -q 'rejects\.csv\.tmp\.'
	tap_ok $? "SIG$sig: the --rejects temporary exists while the run reads"
	kill -s "$sig" "$pid"
	wait "$pid"
	rc=$?
	exec 3>&-
	case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
	tap_is "$rc" "$want" "SIG$sig: churnkit dies of the signal (status $want)"
	tap_is "$(ls -A "$d" | grep '\.tmp\.')" "" "SIG$sig: no temporary file is left"
	tap_is "$(cat "$d/r.pdf") $(cat "$d/r.json") $(cat "$d/rejects.csv")" \
		"old pdf old json old rejects" "SIG$sig: every old output is left as it was"
done

tap_done

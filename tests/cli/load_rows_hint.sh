#!/bin/sh
# load_rows_hint.sh - the loader sizes its columns and its id table from the
# rows it expects (the file's size over the first chunk's bytes per line):
# a guess, so every row must load whether the file holds far more rows than
# it (long lines first: the columns grow past the guess) or far fewer
# (short lines first).  The files are generated here, each row's event and
# value known, and the counts read back from `churnkit survival --json`.

. "$top_srcdir/tests/lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir load_rows_hint
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"

# make_csv FILE LONG SHORT ORDER: LONG rows with a 1000-byte note and SHORT
# rows without, the long ones first (ORDER long) or last (ORDER short);
# every third row churned.
make_csv() {
	awk -v long="$2" -v short="$3" -v order="$4" 'function row(i, note) {
		printf "c%d,2024-01-%02d,%s,%d,%s\n", i, 1 + i % 28,
		       i % 3 == 0 ? "2024-06-15" : "", 10 + i % 5, note
	}
	BEGIN {
		pad = sprintf("%1000s", ""); gsub(/ /, "x", pad)
		print "id,start,end,mrr,note"
		n = 0
		if (order == "long") {
			for (i = 0; i < long; i++) row(++n, pad)
			for (i = 0; i < short; i++) row(++n, "")
		} else {
			for (i = 0; i < short; i++) row(++n, "")
			for (i = 0; i < long; i++) row(++n, pad)
		}
	}' >"$1"
}

# check NAME ROWS: every row loaded, with its event.
check() {
	ck_run "$t" survival --id id --start start --end end --as-of 2024-12-31 \
		--json "$1.json" "$1.csv"
	tap_is "$(cat "$t/exit") $("$JSONGET" "$1.json" survival.n survival.events | tr '\n' ' ')" \
		"0 $2 $(($2 / 3)) " "$3"
}

make_csv long_first.csv 1500 150000 long
check long_first 151500 \
	"rows hint: long lines first (a guess of a few thousand rows): all 151500 rows load"
make_csv short_first.csv 3000 60000 short
check short_first 63000 \
	"rows hint: short lines first (a guess of twice the rows): all 63000 rows load"
tap_done

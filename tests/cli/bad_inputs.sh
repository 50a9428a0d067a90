#!/bin/sh
# bad_inputs.sh - the bad-input corpus, tests/data/bad (TAP).
#
# One case per CASE.exit (the zstd cli-tests layout):
#   CASE.csv      the input (absent on purpose for missing_file)
#   CASE.args     the arguments before the input, one per line, subcommand
#                 first; without it: check --id id --start start --end end
#                 --value mrr (the columns of the standard header
#                 id,start,end,plan,mrr)
#   CASE.exit     the expected exit status
#   CASE.stderr   the expected standard error, exactly, written by hand
#   CASE.rejects  when the run gets as far as reading rows: the first three
#                 columns (line,column,reason) of the --rejects file, header
#                 included; without it the --rejects file must not appear
# Each case runs from tests/data/bad with the bare file name, so the paths
# in the messages are stable, and with --json and --rejects pointing into a
# temporary directory.  Every case must fail, so every case also checks
# that standard output stays empty, that the --json file is not created,
# and (second run) that an existing --json file is left byte for byte, with
# no temporary file left behind.

. "$top_srcdir/tests/lib.sh"

bad="$top_srcdir/tests/data/bad"
ck_tmpdir bad_inputs
t=$ck_tmp

# The first three fields of each record of a rejects file.  A record may
# span lines (a quoted field holding a newline): lines are joined while an
# odd number of quotes has been seen.  The first three fields never hold a
# comma (line, column, reason name).
rejects_head() {
	awk '{
		rec = open ? rec "\n" $0 : $0
		line = $0
		open = (open + gsub(/"/, "", line)) % 2
		if (!open) {
			split(rec, f, ",")
			print f[1] "," f[2] "," f[3]
		}
	}' "$1"
}

# Shows how two files differ as TAP diagnostics.
show_diff() {
	diff -u "$1" "$2" | sed 's/^/# /' | head -40
}

cd "$bad" || tap_bail "cannot enter $bad"

# The corpus itself: every input has its expectations, and every file is
# distributed (listed in tests/data/local.mk).
missing=
for f in *.csv *.args *.ini; do
	[ -e "$f" ] || continue
	c=${f%.*}
	case $f in *.ini) continue ;; esac
	[ -f "$c.exit" ] && [ -f "$c.stderr" ] || missing="$missing $f"
done
tap_is "$missing" "" "corpus: every input has a .exit and a .stderr"
unlisted=
for f in *; do
	grep -q "tests/data/bad/$f\( \|\$\)" "$top_srcdir/tests/data/local.mk" ||
		unlisted="$unlisted $f"
done
tap_is "$unlisted" "" "corpus: every file in tests/data/bad is listed in tests/data/local.mk"

for ex in *.exit; do
	c=${ex%.exit}
	set -- check --id id --start start --end end --value mrr
	if [ -f "$c.args" ]; then
		set --
		while IFS= read -r a; do
			set -- "$@" "$a"
		done <"$c.args"
	fi
	want_exit=$(cat "$ex")

	# First run: no output file exists beforehand.
	rm -rf "$t/run" && mkdir "$t/run" || tap_bail "cannot make $t/run"
	ck_run "$t" "$@" --json "$t/run/out.json" --rejects "$t/run/rejects.csv" "$c.csv"
	tap_is "$(cat "$t/exit")" "$want_exit" "$c: exits with status $want_exit"
	if cmp -s "$c.stderr" "$t/stderr"; then
		tap_ok 0 "$c: stderr is exactly $c.stderr"
	else
		tap_ok 1 "$c: stderr is exactly $c.stderr"
		show_diff "$c.stderr" "$t/stderr"
	fi
	[ ! -s "$t/stdout" ]
	tap_ok $? "$c: nothing on stdout"
	if [ -f "$c.rejects" ]; then
		if [ -f "$t/run/rejects.csv" ]; then
			rejects_head "$t/run/rejects.csv" >"$t/rejects.head"
			if cmp -s "$c.rejects" "$t/rejects.head"; then
				tap_ok 0 "$c: --rejects lists the bad rows (line, column, reason)"
			else
				tap_ok 1 "$c: --rejects lists the bad rows (line, column, reason)"
				show_diff "$c.rejects" "$t/rejects.head"
			fi
		else
			tap_ok 1 "$c: --rejects lists the bad rows (line, column, reason)"
			tap_diag "no rejects file was written"
		fi
	else
		[ ! -e "$t/run/rejects.csv" ]
		tap_ok $? "$c: no --rejects file is created (no row was read)"
	fi
	[ ! -e "$t/run/out.json" ]
	tap_ok $? "$c: the --json file is not created"

	# Second run: existing outputs must survive the failure untouched.
	rm -rf "$t/run" && mkdir "$t/run" || tap_bail "cannot make $t/run"
	printf '{"old": "results"}\n' >"$t/run/out.json"
	cp "$t/run/out.json" "$t/old.json"
	if [ ! -f "$c.rejects" ]; then
		printf 'old,rejects\n' >"$t/run/rejects.csv"
		cp "$t/run/rejects.csv" "$t/old.rejects"
	fi
	ck_run "$t" "$@" --json "$t/run/out.json" --rejects "$t/run/rejects.csv" "$c.csv"
	[ "$(cat "$t/exit")" = "$want_exit" ] && cmp -s "$t/old.json" "$t/run/out.json" &&
		{ [ -f "$c.rejects" ] || cmp -s "$t/old.rejects" "$t/run/rejects.csv"; }
	tap_ok $? "$c: an existing --json file (and --rejects, if no row was read) is left byte for byte"
	leftover=$(cd "$t/run" && ls -A | grep -v '^out\.json$' | grep -v '^rejects\.csv$')
	tap_is "$leftover" "" "$c: no temporary file is left beside the outputs"
done

tap_done

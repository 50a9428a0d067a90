# pushdown_lib.sh - sourced by tests/pg/pushdown*.sh (after tests/lib.sh
# and tests/pg/pgtest.sh): a command from the rows against the same with
# --push-down, the refusals, the table of bad rows.

# pd_setup NAME: a server (pg_need), the test's directory as the current
# one, and $csv (the sample), $db and $map (the sample's dates) set.  The
# test sets $table, the table `both` reads.
pd_setup() {
	pg_need
	ck_tmpdir "$1"
	cd "$ck_tmp" || tap_bail "cannot enter $ck_tmp"
	csv=$top_srcdir/samples/customers.csv
	db="dbname=$PGDATABASE"
	map="--id customer_id --start signup_date --end churn_date"
}

# pd_badrows NAME: the table NAME of rows the loader would reject.  By
# hand: b2 has no start, b3 a 31 April, b4 ends before it starts, the
# second b1 repeats b1's id, b6's end is after --as-of 2024-12-31: 5 of 7.
pd_badrows() {
	cat >badrows.csv <<'EOF'
id,start,end,contract
b1,2024-01-01,,annual
b2,,2024-02-01,annual
b3,2024-04-31,,monthly
b4,2024-05-01,2024-04-01,monthly
b1,2024-06-01,,annual
b6,2024-06-01,2025-03-01,annual
b7,2024-07-01,2024-08-01,monthly
EOF
	pg_load_csv "$1" "$ck_tmp/badrows.csv" || tap_bail "cannot load badrows.csv"
}

# same NAME DIR_A DIR_B: the two runs agree: exit 0, the JSON without
# data.sha256, the text without its first line, the --tables files.
same() {
	tap_is "$(cat "$2/exit") $(cat "$3/exit")" "0 0" "$1: both runs succeed"
	[ "$(cat "$3/exit")" = 0 ] || tap_diag "$(cat "$3/stderr")"
	grep -v '^    "sha256": "[0-9a-f]*",$' "$2/out.json" >"$2/j"
	grep -v '^    "sha256": "[0-9a-f]*",$' "$3/out.json" >"$3/j"
	if [ -s "$2/j" ] && cmp -s "$2/j" "$3/j"; then
		tap_ok 0 "$1: the JSON from the counts equals the rows'"
	else
		tap_ok 1 "$1: the JSON from the counts equals the rows'"
		diff "$2/j" "$3/j" 2>&1 | head -20 | sed 's/^/# /'
	fi
	sed 1d "$2/stdout" >"$2/text"
	sed 1d "$3/stdout" >"$3/text"
	cmp -s "$2/text" "$3/text"
	tap_ok $? "$1: the text from the counts equals the rows'"
	diff -r "$2/t" "$3/t" >/dev/null 2>&1
	tap_ok $? "$1: the --tables files from the counts equal the rows'"
}

# both NAME SOURCE_ARGS -- ARGS...: the command from the rows (SOURCE_ARGS:
# a file, or --db with --table or --query) into r_NAME and with --push-down
# into p_NAME, then same.
both() {
	name=$1
	src=$2
	shift 2
	mkdir -p "r_$name" "p_$name"
	# shellcheck disable=SC2086
	ck_run "r_$name" "$@" --json "r_$name/out.json" --tables "r_$name/t" $src
	ck_run "p_$name" "$@" --json "p_$name/out.json" --tables "p_$name/t" \
		--db "$db" --table "$table" --push-down
	same "$name" "r_$name" "p_$name"
}

# refuses DESC WANT ARGS...: the command exits 2, writes nothing, and its
# message holds WANT (a grep pattern).
refuses() {
	desc=$1
	want=$2
	shift 2
	rm -rf out && mkdir out
	ck_run out "$@" --json out/x.json
	tap_is "$(cat out/exit)" 2 "$desc: exit status 2"
	tap_is "$(ls out | tr '\n' ' ')" "exit stderr stdout " "$desc: nothing written"
	grep -q -e "$want" out/stderr
	tap_ok $? "$desc: says '$want'"
	[ $? -eq 0 ] || tap_diag "$(cat out/stderr)"
}

# json_close A B: 0 when JSON files A and B (churnkit's, one value per
# line) are equal line by line but for numbers, which agree within 1e-9
# relative (1e-300 absolute near 0), and but for data.sha256; the lines
# that differ on stdout.  A line that differs otherwise (a key, a string,
# a count of lines) is a difference.
json_close() {
	grep -v '^    "sha256": "[0-9a-f]*",$' "$1" >"$1.c"
	grep -v '^    "sha256": "[0-9a-f]*",$' "$2" >"$2.c"
	if [ "$(wc -l <"$1.c")" != "$(wc -l <"$2.c")" ]; then
		echo "line counts differ: $(wc -l <"$1.c") vs $(wc -l <"$2.c")"
		return 1
	fi
	paste -d '\n' "$1.c" "$2.c" | awk '
	# the line as its text before the number, the number and what follows
	function split3(s, part) {
		if (!match(s, /-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?,?$/)) return 0
		part[1] = substr(s, 1, RSTART - 1)
		part[2] = substr(s, RSTART, RLENGTH)
		part[3] = ""
		if (part[2] ~ /,$/) { part[3] = ","; sub(/,$/, "", part[2]) }
		return 1
	}
	NR % 2 == 1 { a = $0; next }
	{
		b = $0
		if (a == b) next
		if (!split3(a, pa) || !split3(b, pb) || pa[1] != pb[1] || pa[3] != pb[3]) {
			print "differ: " a " | " b; bad = 1; next
		}
		x = pa[2] + 0; y = pb[2] + 0
		d = x - y; d = d < 0 ? -d : d
		m = x < 0 ? -x : x; m2 = y < 0 ? -y : y; if (m2 > m) m = m2
		if (d > 1e-9 * m + 1e-300) { print "numbers differ: " a " | " b; bad = 1 }
	}
	END { exit bad }'
}

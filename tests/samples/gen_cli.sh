#!/bin/sh
# gen_cli.sh - samples/gen_samples on the command line (TAP).
#
# The committed samples must be exactly what the commands documented in
# samples/README.md write, so they can never drift from the generator.  Also:
# -o and stdout agree, usage errors exit 2, I/O errors exit 3 and leave no
# half-written file.  make check exports top_srcdir, top_builddir and
# CHURNKIT_WRAP (valgrind in --enable-valgrind builds).

: "${top_srcdir:=.}"
: "${top_builddir:=.}"
gen="$top_builddir/samples/gen_samples"
run() { $CHURNKIT_WRAP "$gen" "$@"; }

n=0
fail=0
ok() {  # ok COND-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}

echo "1..12"
if [ ! -x "$gen" ]; then
	echo "Bail out! $gen is not built"
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gen_cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# The documented commands (samples/README.md, "How they were made").
run --rows 5000 --seed 42 --as-of 2026-10-31 --months 36 \
	--revenue "$tmp/revenue.csv" -o "$tmp/customers.csv"
ok $? "gen_samples: the documented command for customers.csv succeeds"
cmp -s "$tmp/customers.csv" "$top_srcdir/samples/customers.csv"
ok $? "samples/customers.csv is exactly what the documented command writes"
cmp -s "$tmp/revenue.csv" "$top_srcdir/samples/revenue.csv"
ok $? "samples/revenue.csv is exactly what the documented command writes"
run --rows 200 --seed 42 --as-of 2026-10-31 --months 36 -o "$tmp/small.csv" &&
	cmp -s "$tmp/small.csv" "$top_srcdir/samples/customers_small.csv"
ok $? "samples/customers_small.csv is exactly what the documented command writes"

run --rows 300 --seed 5 >"$tmp/stdout.csv" && run --rows 300 --seed 5 -o "$tmp/o.csv" &&
	cmp -s "$tmp/stdout.csv" "$tmp/o.csv"
ok $? "gen_samples: stdout and -o FILE give the same bytes"

run --help >"$tmp/help" 2>&1 && grep -q -- '--revenue' "$tmp/help"
ok $? "gen_samples: --help exits 0 and lists the options"

bad=0
for args in "--bogus" "--rows abc" "--rows -5" "--as-of 2026-02-30" "--months 0" "extra"; do
	# shellcheck disable=SC2086
	run $args >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ $st -ne 2 ] || [ -s "$tmp/out" ] || ! grep -q '^gen_samples: ' "$tmp/err"; then
		echo "# '$args' exited $st"
		bad=1
	fi
done
ok $bad "gen_samples: bad options exit 2 with a message and no output"

run --rows 10 -o "$tmp/no/such/dir/c.csv" 2>"$tmp/err"
[ $? -eq 3 ]
ok $? "gen_samples: an -o file that cannot be created exits 3"
grep -q "no/such/dir/c.csv" "$tmp/err"
ok $? "gen_samples: the I/O error names the file"

run --rows 10 --revenue "$tmp/no/such/dir/r.csv" -o "$tmp/c2.csv" 2>/dev/null
[ $? -eq 3 ]
ok $? "gen_samples: a revenue file that cannot be created exits 3"
[ ! -e "$tmp/c2.csv" ]
ok $? "gen_samples: ... and leaves no half-written customers file"

run --rows 0 >"$tmp/zero.csv" && [ "$(wc -l <"$tmp/zero.csv")" -eq 1 ]
ok $? "gen_samples: --rows 0 writes the header only"

exit $fail

#!/bin/sh
# run.sh - runs each libFuzzer harness built in BUILDDIR/tests/fuzz for a
# bounded time, after replaying the inputs that once crashed it.
#
#   tests/fuzz/run.sh [BUILDDIR]        (BUILDDIR: a build configured with
#                                        CC=clang --enable-fuzz; default .)
# Environment: FUZZ_TIME seconds per harness (default 60); FUZZ_OUT where the
# logs and any crash, leak, timeout or out-of-memory input go (default
# BUILDDIR/fuzz-out).  Builds nothing.  Exits 1 when a harness fails (its
# crash input is named), 2 when no harness is built.
#
# Seeds come from tests/data (bad/, ok/, hostile/, cohorts/) and samples/;
# tests/fuzz/regress/HARNESS/ holds inputs that crashed HARNESS once (each
# fixed, each also a case of the test suite): they are replayed first.
# A new harness fuzz_NAME needs only its seed folders in seeds() below.
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-.}" && pwd) || exit 2
time=${FUZZ_TIME:-60}
out=${FUZZ_OUT:-$build/fuzz-out}
mkdir -p "$out" || exit 2

# Copies harness $1's seeds into folder $2.
seeds() {
	case $1 in
	fuzz_load)
		cp "$src"/tests/data/bad/*.csv "$src"/tests/data/ok/*.csv \
			"$src"/tests/data/cohorts/customers.csv "$src"/samples/customers_small.csv "$2"/
		for f in "$src"/tests/data/hostile/*/*.csv "$src"/tests/data/hostile/*/stdin; do
			[ -f "$f" ] && cp "$f" "$2/$(basename "$(dirname "$f")")-$(basename "$f")"
		done
		;;
	fuzz_csvscan)
		# a first byte (the delimiter and chunk size) before each file
		for f in "$src"/tests/data/bad/*.csv "$src"/tests/data/ok/*.csv; do
			{ printf '\020'; cat "$f"; } >"$2/$(basename "$f")"
		done
		;;
	fuzz_revenue)
		cp "$src"/tests/data/cohorts/revenue*.csv "$2"/
		head -n 200 "$src"/samples/revenue.csv >"$2/samples-revenue.csv"
		;;
	fuzz_config)
		cp "$src"/reports/*.ini "$src"/tests/data/bad/*.ini "$src"/tests/data/ok/*.ini "$2"/
		;;
	esac
	if [ -d "$src/tests/fuzz/regress/$1" ]; then
		cp "$src/tests/fuzz/regress/$1"/* "$2"/ 2>/dev/null
	fi
	return 0
}

fail=0
ran=0
for h in "$build"/tests/fuzz/fuzz_*; do
	[ -f "$h" ] && [ -x "$h" ] || continue
	name=$(basename "$h")
	ran=$((ran + 1))
	work="$out/$name.corpus"
	seed="$out/$name.seeds"
	rm -rf "$work" "$seed"
	mkdir -p "$work" "$seed"
	seeds "$name" "$seed"
	rm -f "$out/$name"-crash-* "$out/$name"-leak-* "$out/$name"-timeout-* \
		"$out/$name"-oom-* "$out/$name"-slow-unit-*
	echo "== $name: ${time}s, seeds $(ls "$seed" | wc -l)"
	regress="$src/tests/fuzz/regress/$name"
	if [ -d "$regress" ] && [ -n "$(ls "$regress")" ]; then
		if ! "$h" -rss_limit_mb=2048 -timeout=10 "$regress"/* >"$out/$name.regress.log" 2>&1; then
			echo "$name: a past crash input fails again (see $out/$name.regress.log)"
			tail -30 "$out/$name.regress.log"
			fail=1
			continue
		fi
	fi
	"$h" -max_total_time="$time" -rss_limit_mb=2048 -timeout=10 -max_len=16384 \
		-dict="$src/tests/fuzz/csv.dict" -artifact_prefix="$out/$name-" \
		-print_final_stats=1 "$work" "$seed" >"$out/$name.log" 2>&1
	st=$?
	grep -E '^stat::number_of_executed_units|^Done [0-9]+ runs' "$out/$name.log" | tail -1
	if [ $st -ne 0 ]; then
		fail=1
		echo "$name: FAILED (exit $st); log $out/$name.log"
		for f in "$out/$name"-crash-* "$out/$name"-leak-* "$out/$name"-timeout-* \
			"$out/$name"-oom-*; do
			[ -f "$f" ] && echo "$name: input $f"
		done
		grep -E 'ERROR:|SUMMARY:|runtime error' "$out/$name.log" | head -5
	fi
done
if [ $ran -eq 0 ]; then
	echo "run.sh: no harness in $build/tests/fuzz (configure CC=clang --enable-fuzz, make)"
	exit 2
fi
exit $fail

#!/bin/sh
# bench/run.sh [BUILD_DIR] - time churnkit's subcommands on one million
# generated customers and print wall time and peak memory.  Not a test.
#
# BUILD_DIR (default .) is a configured and built tree holding churnkit and
# samples/gen_samples; this script builds nothing.  Data go to
# BUILD_DIR/bench/out/ and are reused while the generator is unchanged.
# Environment: BENCH_ROWS (1000000), BENCH_SEED (1), BENCH_REPEAT (1; the
# best wall time of N runs is shown), BENCH_REVENUE=1 to also generate the
# revenue history and pass it to cohorts and report.
set -u

build=${1:-.}
if ! build=$(cd "$build" 2>/dev/null && pwd); then
	echo "bench: no such build directory: ${1:-.}" >&2
	exit 2
fi
gen=$build/samples/gen_samples
ck=$build/churnkit
for prog in "$gen" "$ck"; do
	if [ ! -x "$prog" ]; then
		echo "bench: $prog is not built; in $build run: make churnkit samples/gen_samples" >&2
		exit 2
	fi
done

rows=${BENCH_ROWS:-1000000}
seed=${BENCH_SEED:-1}
repeat=${BENCH_REPEAT:-1}
case $rows$seed$repeat in
*[!0-9]*) echo "bench: BENCH_ROWS, BENCH_SEED and BENCH_REPEAT must be whole numbers" >&2
	exit 2 ;;
esac
[ "$repeat" -ge 1 ] || repeat=1
if [ "$rows" = 1000000 ]; then tag=1m; else tag=$rows; fi

out=$build/bench/out
mkdir -p "$out" || exit 3
data=$out/customers_$tag.csv
rev=$out/revenue_$tag.csv
tmp=$(mktemp -d "$out/run.XXXXXX") || exit 3
trap 'rm -rf "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM

timer=/usr/bin/time
if [ ! -x "$timer" ] || ! "$timer" -v true >/dev/null 2>&1; then
	echo "bench: GNU time not found (apt-get install time); peak RSS will not be shown" >&2
	timer=
fi
if grep -q '^SAN_CFLAGS = .*-fsanitize' "$build/Makefile" 2>/dev/null; then
	echo "bench: warning: $build is a sanitizer build; its timings are not representative" >&2
fi

# measure NAME CMD...: runs CMD `repeat` times with stdout and stderr in
# $tmp, keeps the best wall time and the largest peak RSS, and appends
# "NAME STATUS WALL RSS" to $tmp/results.
measure() {
	name=$1
	shift
	best=
	rss_max=0
	i=0
	while [ "$i" -lt "$repeat" ]; do
		i=$((i + 1))
		if [ -n "$timer" ]; then
			"$timer" -v -o "$tmp/time" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
			status=$?
			wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
				n = split($2, p, ":"); s = 0
				for (k = 1; k <= n; k++) s = s * 60 + p[k]
				printf "%.2f", s }' "$tmp/time")
			rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' \
				"$tmp/time")
		else
			t0=$(date +%s.%N)
			"$@" >"$tmp/stdout" 2>"$tmp/stderr"
			status=$?
			t1=$(date +%s.%N)
			wall=$(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }')
			rss=-
		fi
		if [ "$status" -eq 2 ] &&
			grep -q -i -e 'unknown command' -e 'not available' "$tmp/stderr"; then
			echo "$name skip - -" >>"$tmp/results"
			return
		fi
		if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$wall
		fi
		if [ "$rss" != - ] && awk -v a="$rss" -v b="$rss_max" 'BEGIN { exit !(a > b) }'; then
			rss_max=$rss
		fi
		[ "$rss" = - ] && rss_max=-
	done
	echo "$name $status $best $rss_max" >>"$tmp/results"
	if [ "$status" -ne 0 ]; then
		sed -n "1s/^/  $name: /p" "$tmp/stderr" >>"$tmp/notes"
	fi
}

: >"$tmp/results"
: >"$tmp/notes"

# The data: regenerated when missing or older than the generator.
genargs="--rows $rows --seed $seed"
if [ "${BENCH_REVENUE:-0}" = 1 ]; then
	revopt="--revenue $rev"
	revcli="--revenue $rev"
else
	revopt=
	revcli=
	rev=
fi
if [ ! -s "$data" ] || [ "$gen" -nt "$data" ] || [ ! -f "$out/.args_$tag" ] ||
	[ "$(cat "$out/.args_$tag")" != "$genargs $revopt" ] ||
	{ [ -n "$rev" ] && [ ! -s "$rev" ]; }; then
	rm -f "$out/.args_$tag"
	# shellcheck disable=SC2086
	measure "gen_samples" "$gen" $genargs $revopt -o "$data"
	[ -s "$data" ] || { echo "bench: generating $data failed" >&2; cat "$tmp/stderr" >&2; exit 1; }
	echo "$genargs $revopt" >"$out/.args_$tag"
fi

map="--id customer_id --start signup_date --end churn_date"
features="plan,contract,channel,industry,onboarding_completed,logins_30d,support_tickets_90d,late_payments_12m,days_since_contact"

# shellcheck disable=SC2086
{
measure "check" "$ck" check $map "$data"
measure "cohorts" "$ck" cohorts $map --value mrr --by contract $revcli "$data"
measure "survival" "$ck" survival $map --by contract --by channel "$data"
measure "model" "$ck" model $map --horizon 12 --features "$features" "$data"
measure "model --cox" "$ck" model $map --cox --features "$features" "$data"
measure "score" "$ck" score $map --value mrr --horizon 12 --features "$features" \
	-o "$tmp/scores.csv" "$data"
measure "report" "$ck" report $map --value mrr $revcli --by contract \
	--horizon 12 --features "$features" -o "$tmp/report.pdf" "$data"
}

size=$(du -m "$data" | awk '{ print $1 }')
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
echo "churnkit benchmark: $rows customers, seed $seed ($data, $size MB)"
echo "build: $build; $(nproc 2>/dev/null || echo '?') cores, load average $load; best of $repeat"
echo
# Names may hold a blank ("model --cox"): the last three fields are the numbers.
awk 'BEGIN { printf "%-14s %6s %10s %15s\n", "command", "exit", "wall (s)", "peak RSS (MB)" }
{
	rss = $NF; wall = $(NF - 1); st = $(NF - 2)
	name = $1; for (k = 2; k <= NF - 3; k++) name = name " " $k
	if (st == "skip")
		printf "%-14s %6s   %s\n", name, "-", "skipped: not in this build"
	else
		printf "%-14s %6s %10s %15s\n", name, st, wall, rss
}' "$tmp/results"
if [ -s "$tmp/notes" ]; then
	echo
	echo "failures (first line of stderr):"
	cat "$tmp/notes"
fi
exit 0

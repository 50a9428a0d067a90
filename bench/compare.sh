#!/bin/sh
# bench/compare.sh [BUILD_DIR] - issue 15's benchmark: churnkit's whole
# report (the issue's command) and each subcommand on 100k and 1M generated
# customers (10M with BENCH_10M=1), wall time, CPU time (user + system) and
# peak RSS as the median of BENCH_REPEAT runs, the report's stage table
# (CHURNKIT_TIMING=1), and the peers (R, Python + DuckDB, Python + pandas)
# run alternately with churnkit on the same file, with the ratios.  Not a
# test; see bench/README.md.
#
# BUILD_DIR (default .) is a configured and built tree (without sanitizers)
# holding churnkit and samples/gen_samples; this script builds nothing.
# Environment:
#   BENCH_REPEAT (3)         runs of each measurement; the medians are shown
#   BENCH_10M=1              also 10M customers (about 0.9 GB of CSV)
#   BENCH_SIZES              the sizes instead ("100000 1000000")
#   BENCH_COMMANDS=0         only the report and the peers, not each command
#   BENCH_PEER_SIZES         the sizes the peers also run at ("1000000")
#   CHURNKIT_PEERS           the folder of the reference peers (gen_customers.py,
#                            peer.R, peer.py, peer_duckdb.py); without it the
#                            data come from samples/gen_samples and no peer runs
#   DUCKDB_LIB               libduckdb.so for peer_duckdb.py (see bench/README.md)
#   BENCH_BASELINE           another churnkit binary (an older build) whose
#                            report runs alternately with this one, for the
#                            before/after figures and both stage tables
#   BENCH_PYTHON             the Python with Debian's packages (/usr/bin/python3)
#   BENCH_OUT                where the data are kept (BUILD_DIR/bench/out)
set -u

build=${1:-.}
if ! build=$(cd "$build" 2>/dev/null && pwd); then
	echo "bench: no such build directory: ${1:-.}" >&2
	exit 2
fi
ck=$build/churnkit
gen=$build/samples/gen_samples
for prog in "$ck" "$gen"; do
	if [ ! -x "$prog" ]; then
		echo "bench: $prog is not built; in $build run: make churnkit samples/gen_samples" >&2
		exit 2
	fi
done
timer=/usr/bin/time
if ! "$timer" -f %e true >/dev/null 2>&1; then
	echo "bench: GNU time is needed for CPU time and peak RSS (apt-get install time)" >&2
	exit 2
fi
if grep -q '^SAN_CFLAGS = .*-fsanitize' "$build/Makefile" 2>/dev/null; then
	echo "bench: warning: $build is a sanitizer build; its timings are not representative" >&2
fi

repeat=${BENCH_REPEAT:-3}
sizes=${BENCH_SIZES:-100000 1000000}
[ "${BENCH_10M:-0}" = 1 ] && sizes="$sizes 10000000"
peer_sizes=${BENCH_PEER_SIZES:-1000000}
peers=${CHURNKIT_PEERS:-}
case $repeat in '' | *[!0-9]*) echo "bench: BENCH_REPEAT must be a whole number" >&2; exit 2 ;; esac
[ "$repeat" -ge 1 ] || repeat=1
out=${BENCH_OUT:-$build/bench/out}
mkdir -p "$out" || exit 3
tmp=$(mktemp -d "$out/compare.XXXXXX") || exit 3
trap 'rm -rf "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

py=${BENCH_PYTHON:-/usr/bin/python3}
[ -x "$py" ] || py=python3

# The peers that can run here: each needs its interpreter's packages.
have_r=0 have_duck=0 have_py=0
if [ -n "$peers" ]; then
	if [ ! -f "$peers/gen_customers.py" ]; then
		echo "bench: CHURNKIT_PEERS=$peers has no gen_customers.py" >&2
		exit 2
	fi
	if command -v Rscript >/dev/null 2>&1 &&
		Rscript -e 'suppressMessages({library(data.table); library(survival)})' \
			>/dev/null 2>&1; then
		have_r=1
	else
		echo "peer R (peer.R): skipped: Rscript with data.table and survival not found" \
			"(Debian: r-base-core r-cran-data.table r-cran-survival)"
	fi
	if "$py" -c 'import numpy, matplotlib, scipy' >/dev/null 2>&1 &&
		{ "$py" -c 'import duckdb' >/dev/null 2>&1 ||
			{ [ -n "${DUCKDB_LIB:-}" ] && [ -f "$DUCKDB_LIB" ]; }; }; then
		have_duck=1
	else
		echo "peer DuckDB (peer_duckdb.py): skipped: needs python3-numpy, -matplotlib," \
			"-scipy and DUCKDB_LIB=path/to/libduckdb.so (or the duckdb module)"
	fi
	if "$py" -c 'import numpy, pandas, statsmodels, matplotlib' >/dev/null 2>&1; then
		have_py=1
	else
		echo "peer pandas (peer.py): skipped: needs python3-numpy, -pandas," \
			"-statsmodels, -matplotlib"
	fi
else
	echo "peers: skipped: CHURNKIT_PEERS is not set (the folder of peer.R, peer.py," \
		"peer_duckdb.py and gen_customers.py)"
fi

# median FILE COLUMN: the median of a column of numbers.
median() {
	sort -g -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
		END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
		      else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# once NAME CMD...: one run of CMD, appending "wall cpu rss_mb status" to
# $tmp/m.NAME; stdout to /dev/null, stderr to $tmp/err.NAME.
once() {
	name=$1
	shift
	"$timer" -f '%e %U %S %M %x' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err.$name"
	awk '{ printf "%.2f %.2f %.1f %d\n", $1, $2 + $3, $4 / 1024, $5 }' "$tmp/time" \
		>>"$tmp/m.$name"
}

# row NAME: the medians of NAME's runs as one table row.
row() {
	f=$tmp/m.$1
	if [ ! -s "$f" ]; then
		printf '%-26s %s\n' "$1" "not run"
		return
	fi
	st=$(awk '$4 != 0 { s = $4 } END { print s + 0 }' "$f")
	printf '%-26s %9s %9s %10s %5s\n' "$1" "$(median "$f" 1)" "$(median "$f" 2)" \
		"$(median "$f" 3)" "$st"
	if [ "$st" != 0 ]; then
		sed -n '1,2s/^/    stderr: /p' "$tmp/err.$1"
	fi
}

header() {
	printf '%-26s %9s %9s %10s %5s\n' "run" "wall (s)" "CPU (s)" "RSS (MB)" "exit"
}

# stage_table FILE...: the stage tables of CHURNKIT_TIMING=1 runs, as one
# table of the median wall and CPU seconds per stage.
stage_table() {
	cat "$@" | awk '
	/^stage / { next }
	NF >= 4 { name = $1; for (k = 2; k <= NF - 3; k++) name = name " " $k
	          if (!(name in seen)) { seen[name] = 1; order[++m] = name }
	          w[name, ++nw[name]] = $(NF - 2); c[name, ++nc[name]] = $(NF - 1) }
	function med(a, name, k,    i, j, t, v) {
		for (i = 1; i <= k; i++) v[i] = a[name, i]
		for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
			t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
		return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
	}
	END { printf "  %-32s %9s %9s\n", "stage", "wall (s)", "CPU (s)"
	      for (i = 1; i <= m; i++)
	          printf "  %-32s %9.3f %9.3f\n", order[i], med(w, order[i], nw[order[i]]),
	                 med(c, order[i], nc[order[i]]) }'
}

map="--id customer_id --start signup_date --end churn_date"
features="contract,channel,plan,log(mrr),logins_30d,support_tickets_90d,late_payments_12m,onboarding_completed"

echo "churnkit benchmark: $(nproc 2>/dev/null || echo '?') cores; build $build;" \
	"medians of $repeat runs; CPU = user + system"
for n in $sizes; do
	case $n in
	100000) tag=100k ;; 1000000) tag=1m ;; 10000000) tag=10m ;; *) tag=$n ;;
	esac
	if [ -n "$peers" ]; then
		data=$out/customers-$tag.csv
		[ -s "$data" ] || "$py" "$peers/gen_customers.py" "$n" 42 >"$data" || exit 1
		src="$peers/gen_customers.py $n 42"
	else
		data=$out/samples-$tag.csv
		[ -s "$data" ] || "$gen" --rows "$n" --seed 1 -o "$data" >/dev/null || exit 1
		src="samples/gen_samples --rows $n --seed 1"
	fi
	rm -f "$tmp"/m.* "$tmp"/err.*
	echo
	echo "== $n customers: $data ($(du -m "$data" | cut -f1) MB, from $src)"
	echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

	# The report and the peers, alternately: one round runs each once.
	run_peers=0
	for p in $peer_sizes; do [ "$p" = "$n" ] && run_peers=1; done
	i=0
	while [ "$i" -lt "$repeat" ]; do
		i=$((i + 1))
		# shellcheck disable=SC2086
		CHURNKIT_TIMING=1 once report "$ck" report $map --value mrr --as-of 2026-09-30 \
			--by contract --by channel --features "$features" --horizon 12 \
			--scores "$tmp/scores.csv" -o "$tmp/report.pdf" "$data"
		cp "$tmp/err.report" "$tmp/stages.$i"
		if [ -n "${BENCH_BASELINE:-}" ]; then
			# shellcheck disable=SC2086
			CHURNKIT_TIMING=1 once baseline "$BENCH_BASELINE" report $map --value mrr \
				--as-of 2026-09-30 --by contract --by channel --features "$features" \
				--horizon 12 --scores "$tmp/scores.csv" -o "$tmp/report.pdf" "$data"
			cp "$tmp/err.baseline" "$tmp/bstages.$i"
		fi
		[ "$run_peers" = 1 ] || continue
		[ "$have_r" = 1 ] && once peer.R Rscript "$peers/peer.R" "$data" "$tmp/r.pdf"
		[ "$have_duck" = 1 ] &&
			once peer_duckdb.py "$py" "$peers/peer_duckdb.py" "$data" "$tmp/d.pdf"
		[ "$have_py" = 1 ] && once peer.py "$py" "$peers/peer.py" "$data" "$tmp/p.pdf"
	done
	echo "load average after the report rounds: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
	echo
	header
	row report
	[ -s "$tmp/m.baseline" ] && row baseline
	for p in peer.R peer_duckdb.py peer.py; do
		[ -s "$tmp/m.$p" ] || continue
		row "$p"
	done
	for p in peer.R peer_duckdb.py peer.py; do
		[ -s "$tmp/m.$p" ] || continue
		awk -v p="$p" -v cw="$(median "$tmp/m.report" 1)" -v cc="$(median "$tmp/m.report" 2)" \
			-v pw="$(median "$tmp/m.$p" 1)" -v pc="$(median "$tmp/m.$p" 2)" \
			'BEGIN { printf "ratio %s / churnkit: wall %.2fx, CPU %.2fx\n", p,
			         (cw > 0 ? pw / cw : 0), (cc > 0 ? pc / cc : 0) }'
	done
	echo
	echo "report stages (CHURNKIT_TIMING=1; per stage, the median over the runs):"
	stage_table "$tmp"/stages.*
	if [ -n "${BENCH_BASELINE:-}" ]; then
		echo "baseline's report stages:"
		stage_table "$tmp"/bstages.*
	fi

	# Each command on the same file (BENCH_COMMANDS=0 leaves them out).
	if [ "${BENCH_COMMANDS:-1}" = 1 ]; then
		echo
		i=0
		while [ "$i" -lt "$repeat" ]; do
			i=$((i + 1))
			# shellcheck disable=SC2086
			{
			once check "$ck" check $map "$data"
			once cohorts "$ck" cohorts $map --value mrr --by contract "$data"
			once survival "$ck" survival $map --by contract --by channel "$data"
			once model "$ck" model $map --as-of 2026-09-30 --horizon 12 --features "$features" "$data"
			once "model --cox" "$ck" model $map --as-of 2026-09-30 --cox --features "$features" "$data"
			once score "$ck" score $map --as-of 2026-09-30 --value mrr --horizon 12 \
				--features "$features" -o "$tmp/s.csv" "$data"
			}
		done
		header
		for c in check cohorts survival model "model --cox" score; do
			row "$c"
		done
	fi
done
exit 0

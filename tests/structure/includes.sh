#!/bin/sh
# includes.sh [ROOT] - every include points down the pipeline: no source
# file includes a header of a folder higher in the order below, nor of
# another folder of its own rank.  ROOT is the source tree (default
# $top_srcdir, else .).  TAP.
#
# The order (lowest first), as the data of a command flows (README.md,
# docs/ and issue 11: load -> stage -> result -> output, never back):
#   0  util          errors, dates, numbers, CSV cells, the output set:
#                    needs nothing
#   1  load          the loader and the table every stage reads
#   2  survival      Kaplan-Meier, log-rank, hazard: reads the table
#   2  cohort        cohorts and KPIs: reads the table (independent of
#                    survival, hence the same rank: neither may include
#                    the other)
#   3  model         the fits; the horizon outcome uses survival's
#                    Kaplan-Meier curve (horizon.c), so it sits above it
#   4  segment       value x risk segments from the model's scores
#   5  findings      sentences from every stage's results
#   6  output        the renderers (JSON, text, CSV) of every result
#   7  report/pdf    the libharu boundary
#   8  report/chart  charts drawn through report/pdf
#   9  report/pages  the report's pages from results, charts and pdf
#  10  report        src/report/*.c itself: the report's input assembled
#                    from the stage runs (report_input.c), above its pages
#  11  cli           option parsing, the command table, calling the rest
# A file's folder is its directory under src/ (src/report/X counts as
# report/X).  A header of include/churnkit/ belongs to the folder of the
# .c that defines it: src/**/NAME.c for NAME.h, else the folder whose
# local.mk lists it.  Headers beside a .c resolve from its directory, or
# from src/ ("model/logit_internal.h").  System headers (<...>) and
# config.h are not looked at.
LC_ALL=C
export LC_ALL
root=${1:-${top_srcdir:-.}}

cd "$root" 2>/dev/null && [ -d src ] || { echo "Bail out! no src/ in $root"; exit 99; }

n=0
failed=0
tap_ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

files=$(find src include -type f \( -name '*.c' -o -name '*.h' \) 2>/dev/null | sort)
mks=$(find src -type f -name local.mk | sort)

# Prints "FILE HEADER FROM TO WHY" for every include that breaks the order
# (WHY: up, sibling, unknown).
bad=$(printf '%s\n' $files | awk -v mks="$mks" '
function norm(p,   a, k, i, m, s, out) {
	k = split(p, a, "/"); m = 0
	for (i = 1; i <= k; i++) {
		if (a[i] == "." || a[i] == "") continue
		if (a[i] == ".." && m > 0) { m--; continue }
		s[++m] = a[i]
	}
	out = s[1]
	for (i = 2; i <= m; i++) out = out "/" s[i]
	return out
}
function folder(p,   a, k) {
	k = split(norm(p), a, "/")
	if (a[1] != "src") return ""
	if (a[2] == "report" && k >= 4) return "report/" a[3]
	return k >= 3 ? a[2] : ""
}
function base(p,   a, k) { k = split(p, a, "/"); sub(/\.[ch]$/, "", a[k]); return a[k] }
function hfolder(h,   b) {
	b = base(h)
	if (b in cfolder) return cfolder[b]
	if (b in mkfolder) return mkfolder[b]
	return "?"
}
BEGIN {
	split("util 0 load 1 survival 2 cohort 2 model 3 segment 4 findings 5 output 6 " \
	      "report/pdf 7 report/chart 8 report/pages 9 report 10 cli 11", o, " ")
	for (i = 1; i in o; i += 2) rank[o[i]] = o[i + 1]
	nm = split(mks, m, "\n")
	for (i = 1; i <= nm; i++) {
		if (m[i] == "") continue
		f = folder(m[i])
		while ((getline line < m[i]) > 0)
			while (match(line, /include\/churnkit\/[A-Za-z0-9_]+\.h/)) {
				h = substr(line, RSTART, RLENGTH)
				if (!(base(h) in mkfolder)) mkfolder[base(h)] = f
				line = substr(line, RSTART + RLENGTH)
			}
		close(m[i])
	}
}
{ all[++nf] = $0; exists[$0] = 1; if ($0 ~ /\.c$/ && !(base($0) in cfolder)) cfolder[base($0)] = folder($0) }
END {
	for (i = 1; i <= nf; i++) {
		p = all[i]
		from = p ~ /^include\// ? hfolder(p) : folder(p)
		dir = p; sub(/\/[^\/]*$/, "", dir)
		while ((getline line < p) > 0) {
			if (line !~ /^[ \t]*#[ \t]*include[ \t]*"/) continue
			inc = line; sub(/^[^"]*"/, "", inc); sub(/".*$/, "", inc)
			if (inc == "config.h") continue
			# As the compiler looks: beside the file first, then -I src.
			if (inc ~ /^churnkit\//) to = hfolder("include/" inc)
			else if (norm(dir "/" inc) in exists) to = folder(dir "/" inc)
			else to = folder("src/" inc)
			if (from == to) continue
			if (!(from in rank) || !(to in rank))
				print p, inc, from, to, "unknown"
			else if (rank[to] > rank[from])
				print p, inc, from, to, "up"
			else if (rank[to] == rank[from])
				print p, inc, from, to, "sibling"
		}
		close(p)
	}
}')

new=""
old_ifs=$IFS
IFS='
'
for b in $bad; do
	echo "# $b"
	new="$new [$(echo "$b" | cut -d' ' -f1,2)]"
done
IFS=$old_ifs

[ -n "$files" ]
tap_ok $? "source files found under $root"
[ -z "$new" ]
tap_ok $? "every include points down the folder order${new:+ (not:$new)}"

echo "1..$n"
[ "$failed" -eq 0 ]

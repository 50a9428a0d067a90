#!/bin/sh
# lengths.sh [ROOT] - no file under src/ or include/ is over 600 lines
# (STYLE.md: a module is a .c of roughly 100-600 lines; a longer file does
# two jobs and is split along them).  ROOT is the source tree (default
# $top_srcdir, else .).  TAP.
# No file is exempt: every long file was split along its jobs (issue 11).
LC_ALL=C
export LC_ALL
root=${1:-${top_srcdir:-.}}
MAX=600


cd "$root" 2>/dev/null && [ -d src ] || { echo "Bail out! no src/ in $root"; exit 99; }

n=0
failed=0
tap_ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

# "LINES PATH" for every file over MAX lines.
long=$(find src include -type f 2>/dev/null | sort | while IFS= read -r f; do
	l=$(wc -l < "$f")
	[ "$l" -gt "$MAX" ] && echo "$l $f"
done)
nfiles=$(find src include -type f 2>/dev/null | wc -l)

new=""
old_ifs=$IFS
IFS='
'
for x in $long; do
	echo "# ${x#* } has ${x%% *} lines"
	new="$new ${x#* }"
done
IFS=$old_ifs

[ "$nfiles" -gt 0 ]
tap_ok $? "files found under $root/src and include ($nfiles)"
[ -z "$new" ]
tap_ok $? "no file over $MAX lines${new:+ (not:$new)}"

echo "1..$n"
[ "$failed" -eq 0 ]

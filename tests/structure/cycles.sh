#!/bin/sh
# cycles.sh - no two source files of libchurnkit.a depend on each other,
# directly or through others.  A file depends on another when its object
# uses a symbol the other's object defines (nm), which is what an include
# of the other's header is for.  Every cycle is printed with its files
# and fails.  TAP.
: "${top_builddir:=.}"
LC_ALL=C
export LC_ALL

lib="$top_builddir/libchurnkit.a"
[ -f "$lib" ] || { echo "Bail out! $lib is not built"; exit 99; }
command -v nm >/dev/null 2>&1 || { echo "1..0 # SKIP nm (binutils) is not installed"; exit 0; }

n=0
failed=0
tap_ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

# Object names must be unique in the archive for the graph to mean anything.
dups=$(ar t "$lib" | sort | uniq -d)
[ -z "$dups" ]
tap_ok $? "object names in libchurnkit.a are unique${dups:+ (not: $dups)}"

# nm -A: "lib:obj:VALUE TYPE SYM" for definitions, "lib:obj: U SYM" (value
# blank) for uses.  Prints each cycle (strongly connected component of more
# than one file) as its sorted object names.
cycles=$(nm -A "$lib" 2>/dev/null | awk '
{
	split($1, p, ":"); obj = p[2]
	if (obj == "") next
	objs[obj] = 1
	if (NF == 3 && $2 ~ /^[TDRBC]$/) def[$3] = obj
	else if (NF == 3 && $2 == "U") { nu++; uo[nu] = obj; us[nu] = $3 }
}
END {
	for (i = 1; i <= nu; i++) {
		d = def[us[i]]
		if (d != "" && d != uo[i]) reach[uo[i], d] = 1
	}
	# Transitive closure (Warshall); a few hundred objects at most.
	for (k in objs) for (i in objs) if ((i, k) in reach)
		for (j in objs) if ((k, j) in reach) reach[i, j] = 1
	for (i in objs) {
		if (i in done) continue
		comp = ""; m = 0
		for (j in objs) if (j == i || (((i, j) in reach) && ((j, i) in reach))) {
			names[++m] = j; done[j] = 1
		}
		if (m < 2) continue
		# sort names[1..m]
		for (a = 2; a <= m; a++) { v = names[a]; b = a - 1
			while (b > 0 && names[b] > v) { names[b + 1] = names[b]; b-- }
			names[b + 1] = v }
		for (a = 1; a <= m; a++) comp = comp (a > 1 ? " " : "") names[a]
		print comp
	}
}' | sort)

new=""
echo "$cycles" | while IFS= read -r c; do [ -n "$c" ] && echo "# cycle: $c"; done
old_ifs=$IFS
IFS='
'
for c in $cycles; do new="$new [$c]"; done
IFS=$old_ifs
[ -z "$new" ]
tap_ok $? "no cycle between source files${new:+ (not:$new)}"

# The check can fail: it sees at least one dependency between two objects.
deps=$(nm -A "$lib" 2>/dev/null | awk '$2 == "U"' | wc -l)
[ "$deps" -gt 0 ]
tap_ok $? "nm sees the objects' uses ($deps)"

echo "1..$n"
[ "$failed" -eq 0 ]

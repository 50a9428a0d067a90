#!/bin/sh
# selftest.sh - the structure checks fail on a violation: each runs on a
# tiny tree made here, once clean (it passes) and once with one violation
# (it fails and names it).  TAP.
: "${top_srcdir:=.}"
LC_ALL=C
export LC_ALL
here="$top_srcdir/tests/structure"

n=0
failed=0
tap_ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/churnkit-structure-XXXXXX") || { echo "Bail out! mktemp"; exit 99; }
trap 'rm -rf "$tmp"' EXIT

# ---- includes.sh: a clean tree, then an include up and one sideways.
t="$tmp/inc"
mkdir -p "$t/src/util" "$t/src/load" "$t/src/cli" "$t/src/survival" "$t/src/cohort" \
	"$t/include/churnkit"
printf '/* x */\n' > "$t/include/churnkit/err.h"
printf '#include "churnkit/err.h"\n' > "$t/src/util/err.c"
printf '#include "churnkit/err.h"\n' > "$t/include/churnkit/table.h"
printf '#include "config.h"\n#include "churnkit/table.h"\n#include <stdio.h>\n' > "$t/src/load/table.c"
printf '#include "churnkit/table.h"\n' > "$t/include/churnkit/km.h"
printf '#include "churnkit/km.h"\n' > "$t/src/survival/km.c"
printf '#include "churnkit/table.h"\n' > "$t/include/churnkit/cohort.h"
printf '#include "churnkit/cohort.h"\n' > "$t/src/cohort/cohort.c"
printf '#include "cmd.h"\n' > "$t/src/cli/main.c"
printf '#include "churnkit/km.h"\n#include "churnkit/cohort.h"\n' > "$t/src/cli/cmd.h"
out=$(sh "$here/includes.sh" "$t" 2>&1)
tap_ok $? "includes.sh passes a tree whose includes point down"
printf '#include "churnkit/err.h"\n#include "../cli/cmd.h"\n' > "$t/src/util/err.c"
out=$(sh "$here/includes.sh" "$t" 2>&1)
[ $? -ne 0 ]
tap_ok $? "includes.sh fails when util includes a header of cli"
echo "$out" | grep -q '^# src/util/err.c ../cli/cmd.h util cli up'
tap_ok $? "and names the file and the header"
printf '#include "churnkit/err.h"\n' > "$t/src/util/err.c"
printf '#include "churnkit/km.h"\n' > "$t/src/cohort/cohort.c"
out=$(sh "$here/includes.sh" "$t" 2>&1)
[ $? -ne 0 ]
tap_ok $? "includes.sh fails when cohorts include a header defined in survival (same rank)"
echo "$out" | grep -q '^# src/cohort/cohort.c churnkit/km.h cohort survival sibling'
tap_ok $? "and says so"

# ---- lengths.sh: 600 lines pass, 601 fail.
t="$tmp/len"
mkdir -p "$t/src/util" "$t/include/churnkit" "$t/src/load"
awk 'BEGIN { for (i = 0; i < 600; i++) print "x" }' > "$t/src/util/a.c"
printf 'x\n' > "$t/include/churnkit/a.h"
out=$(sh "$here/lengths.sh" "$t" 2>&1)
tap_ok $? "lengths.sh passes a file of 600 lines"
echo x >> "$t/src/util/a.c"
out=$(sh "$here/lengths.sh" "$t" 2>&1)
[ $? -ne 0 ]
tap_ok $? "lengths.sh fails on a file of 601 lines"
echo "$out" | grep -q '^# src/util/a.c has 601 lines'
tap_ok $? "and names it"
awk 'BEGIN { for (i = 0; i < 700; i++) print "x" }' > "$t/include/churnkit/a.h"
out=$(sh "$here/lengths.sh" "$t" 2>&1)
[ $? -ne 0 ]
tap_ok $? "lengths.sh looks at include/ too"

# ---- cycles.sh: two objects that call each other.
cc=${CC:-cc}
t="$tmp/cyc"
mkdir -p "$t"
if command -v nm >/dev/null 2>&1 && command -v ar >/dev/null 2>&1 &&
   printf 'int b(int);\nint a(int x) { return x ? b(x - 1) : 0; }\n' > "$t/a.c" &&
   printf 'int a(int);\nint b(int x) { return x ? a(x - 1) : 1; }\n' > "$t/b.c" &&
   printf 'int a(int);\nint c(void) { return a(3); }\n' > "$t/c.c" &&
   (cd "$t" && $cc -c a.c b.c c.c 2>/dev/null && ar rc libchurnkit.a c.o a.o 2>/dev/null); then
	out=$(top_builddir="$t" sh "$here/cycles.sh" 2>&1)
	tap_ok $? "cycles.sh passes objects that depend one way"
	(cd "$t" && ar rc libchurnkit.a b.o)
	out=$(top_builddir="$t" sh "$here/cycles.sh" 2>&1)
	[ $? -ne 0 ]
	tap_ok $? "cycles.sh fails on two objects that use each other"
	echo "$out" | grep -q '^# cycle: a.o b.o'
	tap_ok $? "and names them"
else
	echo "# no compiler, ar or nm: cycles.sh not tried"
fi

echo "1..$n"
[ "$failed" -eq 0 ]

#!/bin/sh
# install.sh - `make install` (issue 16 item 6; README.md, "Install"):
# with DESTDIR, the binary, the man page and the report definitions land
# under the configured prefix; the installed churnkit's --help names the
# man page and the report definitions' folder; --config NAME finds an
# installed definition; the page renders without warnings.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir install
dest=$ck_tmp/dest
mk=${MAKE:-make}

"$mk" -s -C "$top_builddir" install DESTDIR="$dest" >"$ck_tmp/make.out" 2>&1
st=$?
tap_is "$st" 0 "make install DESTDIR=... succeeds"
[ "$st" -eq 0 ] || { sed 's/^/# /' "$ck_tmp/make.out" | tail -n 20; tap_done; }

# What make installed, found by name: the configured paths are those below
# DESTDIR.
bin=$(find "$dest" -type f -name churnkit -path '*/bin/*' | head -n 1)
man=$(find "$dest" -type f -name churnkit.1 -path '*/man1/*' | head -n 1)
ini=$(find "$dest" -type f -name quarterly.ini | head -n 1)
tap_ok "$([ -x "$bin" ]; echo $?)" "the binary is installed in bin/"
tap_ok "$([ -f "$man" ]; echo $?)" "the man page is installed in man1/"
reports=${ini%/quarterly.ini}
tap_is "${reports##*/}" reports "the report definitions are installed in a folder reports/"
tap_ok "$([ -f "$reports/executive.ini" ]; echo $?)" "... with executive.ini"
cmp -s "$ini" "$top_srcdir/reports/quarterly.ini"
tap_ok $? "... as in the source"

man_at=${man#"$dest"}
reports_at=${reports#"$dest"}
"$bin" --help >"$ck_tmp/help" 2>&1
tap_is "$?" 0 "the installed churnkit --help succeeds"
tap_ok "$(grep -cF "$man_at" "$ck_tmp/help" | sed 's/^[1-9][0-9]*$/0/')" \
	"--help names the installed man page ($man_at)"
tap_ok "$(grep -cF "$reports_at" "$ck_tmp/help" | sed 's/^[1-9][0-9]*$/0/')" \
	"--help names the report definitions' folder ($reports_at)"

# --config NAME: the installed definition (CHURNKIT_REPORTS_DIR stands for
# the configured folder, which DESTDIR moved); a path is read as given.
data="$top_srcdir/samples/customers.csv"
mkdir -p "$ck_tmp/run" || tap_bail "cannot create $ck_tmp/run"
cd "$ck_tmp/run" || tap_bail "cannot enter $ck_tmp/run"
CHURNKIT_REPORTS_DIR=$reports $CHURNKIT_WRAP "$bin" survival --config quarterly \
	--json by_name.json "$data" >/dev/null 2>by_name.err
tap_is "$?" 0 "--config quarterly reads the installed quarterly.ini"
$CHURNKIT_WRAP "$bin" survival --config "$top_srcdir/reports/quarterly.ini" \
	--json by_path.json "$data" >/dev/null 2>&1
cmp -s by_name.json by_path.json
tap_ok $? "... the same analysis as --config with the file's path"
CHURNKIT_REPORTS_DIR=$reports $CHURNKIT_WRAP "$bin" survival --config quarterly.ini \
	--json by_ini.json "$data" >/dev/null 2>&1
cmp -s by_name.json by_ini.json
tap_ok $? "--config quarterly.ini finds it too"
CHURNKIT_REPORTS_DIR=$reports $CHURNKIT_WRAP "$bin" survival --config nosuch "$data" \
	>/dev/null 2>nosuch.err
tap_is "$? $(cat nosuch.err)" "3 churnkit: nosuch: cannot open: No such file or directory" \
	"a NAME with no installed definition fails naming it"

# The page renders without warnings (in UTF-8: it holds CJK yes/no words).
if command -v man >/dev/null 2>&1; then
	w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$man" 2>&1 >/dev/null)
	tap_is "$w" "" "man -l renders the installed page without warnings"
elif command -v groff >/dev/null 2>&1; then
	w=$(groff -man -Tutf8 -ww -z "$man" 2>&1)
	tap_is "$w" "" "groff renders the installed page without warnings"
else
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP neither man nor groff: the page is not rendered"
fi
tap_done

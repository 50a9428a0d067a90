# lib.sh - shared helpers for the shell tests in tests/cli (sourced, POSIX sh).
#
# The tests print TAP for automake's tap-driver.  `make check` exports
# CHURNKIT (the binary), CHURNKIT_WRAP (the valgrind command in
# --enable-valgrind builds, else empty), top_srcdir, top_builddir and
# LC_ALL=C; run by hand, set them yourself:
#     CHURNKIT=$PWD/churnkit top_srcdir=/path/to/src top_builddir=$PWD \
#         sh /path/to/src/tests/cli/bad_inputs.sh
#
# What this file gives a test:
#   tap_ok STATUS DESCRIPTION    passes when STATUS is 0
#   tap_is GOT WANT DESCRIPTION  passes when the strings are equal; on failure
#                                shows both as TAP diagnostics
#   tap_diag TEXT...             a "# " line
#   tap_done                     prints the plan (done-testing style) and
#                                exits 0 when every test passed, else 1
#   ck_run OUTDIR ARGS...        runs churnkit with ARGS; leaves OUTDIR/stdout,
#                                OUTDIR/stderr and OUTDIR/exit
#   ck_tmpdir NAME               makes the test's temporary directory under
#                                $top_builddir/tests/tmp and sets $ck_tmp to
#                                its absolute path; removed on exit unless
#                                KEEP_TMP=1
#   JSONGET                      the tests/jsonget helper (jsonget FILE PATH...)

: "${top_srcdir:=.}"
: "${top_builddir:=.}"
: "${CHURNKIT:=$top_builddir/churnkit}"
: "${CHURNKIT_WRAP:=}"
# Absolute paths, so that a test may cd into the data directory.
top_srcdir=$(cd "$top_srcdir" && pwd) || exit 99
top_builddir=$(cd "$top_builddir" && pwd) || exit 99
case $CHURNKIT in
/*) ;;
*) CHURNKIT=$(pwd)/$CHURNKIT ;;
esac
LC_ALL=C
export LC_ALL
JSONGET="$top_builddir/tests/jsonget"

tap_n=0
tap_failed=0
tap_tmpdir=

tap_ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

tap_diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

tap_is() {
	if [ "x$1" = "x$2" ]; then
		tap_ok 0 "$3"
	else
		tap_ok 1 "$3"
		tap_diag "     got: '$1'"
		tap_diag "expected: '$2'"
	fi
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}

# Stops the whole test file (the driver reports it as an error).
tap_bail() {
	echo "Bail out! $*"
	exit 99
}

ck_cleanup() {
	if [ "${KEEP_TMP:-0}" != 1 ] && [ -n "$tap_tmpdir" ]; then
		rm -rf "$tap_tmpdir"
	fi
}
trap ck_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

ck_tmpdir() {
	[ -z "$tap_tmpdir" ] || tap_bail "ck_tmpdir: one temporary directory per test"
	mkdir -p "$top_builddir/tests/tmp" || tap_bail "cannot create $top_builddir/tests/tmp"
	ck_tmp=$(mktemp -d "$top_builddir/tests/tmp/$1.XXXXXX") || tap_bail "mktemp failed"
	# An absolute path, so that the tests may cd elsewhere.
	ck_tmp=$(cd "$ck_tmp" && pwd) || tap_bail "cannot enter $ck_tmp"
	tap_tmpdir=$ck_tmp
}

# Runs churnkit ($CHURNKIT_WRAP first, when set) with the remaining
# arguments; standard input is the caller's.
ck_run() {
	ck_out=$1
	shift
	# shellcheck disable=SC2086
	$CHURNKIT_WRAP "$CHURNKIT" "$@" >"$ck_out/stdout" 2>"$ck_out/stderr"
	echo $? >"$ck_out/exit"
}

[ -x "$CHURNKIT" ] || tap_bail "$CHURNKIT is not built"

#!/bin/sh
# hostile.sh - the hostile-input corpus, tests/data/hostile (TAP).
#
# One folder per case, tests/data/hostile/CASE/, holding the case's inputs and:
#   args    the churnkit arguments, one per line, subcommand first; paths are
#           relative to the case folder
#   stdin   optional: fed to churnkit's standard input (else /dev/null)
#   setup   optional: a sh script sourced in the scratch directory before the
#           run (mkfifo and a background writer, say)
#   exit    the expected exit status
#   stderr  lines that must each appear in standard error (fixed strings,
#           each a substring of some line), written by hand
#   files   optional: the exact sorted `ls -A` of the scratch directory after
#           the run, inputs included (a left-over temporary fails the case)
#   json    optional: lines "OUTFILE PATH VALUE": jsonget OUTFILE PATH prints
#           VALUE
# The case folder is copied to a scratch directory, which is the working
# directory of the run; churnkit runs under `timeout 60` (a hang fails).
# Every file present before the run must be byte-identical after it: no
# input is ever written.  The case files of the folder itself (args, exit,
# ...) are not copied.

. "$top_srcdir/tests/lib.sh"

corpus="$top_srcdir/tests/data/hostile"
ck_tmpdir hostile
t=$ck_tmp
is_meta() {
	case $1 in args | stdin | setup | exit | stderr | files | json) return 0 ;; esac
	return 1
}

# Every file of the corpus is distributed (listed in a tests/data/hostile
# fragment).
unlisted=
for d in "$corpus"/*/; do
	[ -d "$d" ] || continue
	c=$(basename "$d")
	for f in "$d"* "$d".[!.]*; do
		[ -e "$f" ] || continue
		b=$(basename "$f")
		cat "$corpus"/*.mk 2>/dev/null | grep -q "tests/data/hostile/$c/$b\( \|\$\)" ||
			unlisted="$unlisted $c/$b"
	done
	[ -f "$d/args" ] && [ -f "$d/exit" ] && [ -f "$d/stderr" ] ||
		unlisted="$unlisted $c(args/exit/stderr missing)"
done
tap_is "$unlisted" "" "corpus: every case is complete and every file is listed in tests/data/hostile/*.mk"

for d in "$corpus"/*/; do
	[ -d "$d" ] || continue
	c=$(basename "$d")
	run="$t/$c"
	rm -rf "$run" && mkdir -p "$run" || tap_bail "cannot make $run"
	for f in "$d"* "$d".[!.]*; do
		[ -e "$f" ] || continue
		b=$(basename "$f")
		is_meta "$b" || cp -R "$f" "$run/" || tap_bail "cannot copy $f"
	done
	set --
	while IFS= read -r a; do
		set -- "$@" "$a"
	done <"$d/args"
	(
		cd "$run" || exit 99
		# Checksums of every regular file before the run.
		find . -type f | LC_ALL=C sort | xargs -r cksum >"$t/$c.before"
		if [ -f "$d/setup" ]; then
			. "$d/setup"
			# bash may exec a sourced script's last external command in
			# place of this subshell; a builtin after it keeps the shell.
			:
		fi
		in=/dev/null
		[ -f "$d/stdin" ] && in="$d/stdin"
		# shellcheck disable=SC2086
		timeout 60 $CHURNKIT_WRAP "$CHURNKIT" "$@" <"$in" >"$t/$c.stdout" 2>"$t/$c.stderr"
		echo $? >"$t/$c.exit"
		wait
	)
	want=$(cat "$d/exit")
	got=$(cat "$t/$c.exit")
	tap_is "$got" "$want" "$c: exits with status $want"
	[ "$got" = "$want" ] || sed 's/^/# stderr: /' "$t/$c.stderr" | head -10
	missing=
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		grep -qF -- "$line" "$t/$c.stderr" || missing="$missing [$line]"
	done <"$d/stderr"
	tap_is "$missing" "" "$c: stderr says what the case expects"
	[ -z "$missing" ] || sed 's/^/# stderr: /' "$t/$c.stderr" | head -10
	(cd "$run" && while read -r sum size name; do
		[ -f "$name" ] && [ "$(cksum <"$name" | awk '{print $1 " " $2}')" = "$sum $size" ] ||
			echo "$name"
	done <"$t/$c.before") >"$t/$c.changed"
	tap_is "$(tr '\n' ' ' <"$t/$c.changed")" "" "$c: every input is left byte for byte"
	if [ -f "$d/files" ]; then
		got_files=$(cd "$run" && ls -A | LC_ALL=C sort)
		tap_is "$got_files" "$(cat "$d/files")" "$c: the files left are exactly those of $c/files"
	fi
	if [ -f "$d/json" ]; then
		while read -r jf jp jv; do
			[ -n "$jf" ] || continue
			tap_is "$(cd "$run" && "$JSONGET" "$jf" "$jp" 2>&1)" "$jv" "$c: $jf $jp is $jv"
		done <"$d/json"
	fi
done

tap_done

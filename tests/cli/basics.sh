#!/bin/sh
# basics.sh - churnkit's command line itself (TAP): help, version, usage
# errors and exit codes (docs/contract.md: 0 success, 1 data, 2 usage or
# configuration, 3 I/O), and atomic output files.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir basics
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"

printf 'id,start,end,plan,mrr\nc1,2024-01-05,,basic,10\nc2,2024-01-06,2024-03-01,pro,20\n' >good.csv
printf 'id,start,end,plan,mrr\nc1,2024-01-05,,basic,10\nc2,2024-02-30,,pro,20\n' >bad.csv
map="--id id --start start --end end --value mrr"

# contains FILE WORD...: 0 when every WORD occurs in FILE (as a whole word).
contains() {
	f=$1
	shift
	for w in "$@"; do
		grep -q -e "$w\([^a-z-]\|\$\)" "$f" || {
			tap_diag "'$w' not found in $f"
			return 1
		}
	done
	return 0
}

# --help, -h and help: the commands, on stdout, exit 0.
for h in --help -h help; do
	ck_run "$t" $h
	tap_is "$(cat exit):$(wc -c <stderr | tr -d ' ')" "0:0" "churnkit $h: exit 0, nothing on stderr"
	contains stdout check cohorts model report score survival
	tap_ok $? "churnkit $h: lists the six commands"
done

# Each subcommand's --help lists the options docs/contract.md gives it.
common="--config --rejects --max-bad-rows --id --start --end --as-of --date-format
	--duration --event --entry --weight --value --by --delimiter --decimal --help --version"
for c in check cohorts survival model score report; do
	case $c in
	check) own="--json" not="--cox --times --output --paper" ;;
	cohorts) own="--json --tables --period --exclude-same-period --revenue" not="--cox --times" ;;
	survival) own="--json --tables --times --conf-type --conf-level --rmst-tau --rho --alpha --min-n"
		not="--cox --paper" ;;
	model) own="--json --features --categorical --reference --outcome --horizon --cox --ties
		--folds --firth" not="--times --paper" ;;
	score) own="--json --output --features --outcome --horizon" not="--times --paper" ;;
	report) own="--json --output --scores --paper --period --times --features --company" not="" ;;
	esac
	ck_run "$t" "$c" --help
	tap_is "$(cat exit):$(wc -c <stderr | tr -d ' ')" "0:0" "churnkit $c --help: exit 0, nothing on stderr"
	tap_is "$(head -n 1 stdout | cut -d' ' -f1-3)" "Usage: churnkit $c" \
		"churnkit $c --help: starts with its usage line"
	# shellcheck disable=SC2086
	contains stdout $common $own
	tap_ok $? "churnkit $c --help: lists its options"
	bad=
	for o in $not; do
		! grep -q -e "$o\([^a-z-]\|\$\)" stdout || bad="$bad $o"
	done
	tap_is "$bad" "" "churnkit $c --help: lists no option of another command"
done

# --version: the version configure was given (config.h's PACKAGE_VERSION).
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$top_builddir/config.h")
[ -n "$version" ] || tap_bail "no PACKAGE_VERSION in $top_builddir/config.h"
ck_run "$t" --version
tap_is "$(cat exit):$(cat stdout)" "0:churnkit $version" "churnkit --version: prints 'churnkit $version'"
ck_run "$t" check --version
tap_is "$(cat exit):$(cat stdout)" "0:churnkit $version" "churnkit check --version: the same"

# Usage errors: exit 2, a message on stderr, nothing on stdout.
ck_run "$t"
tap_is "$(cat exit):$(wc -c <stdout | tr -d ' ')" "2:0" "churnkit with no arguments: exit 2, nothing on stdout"
contains stderr "Usage: churnkit COMMAND" check survival
tap_ok $? "churnkit with no arguments: the usage on stderr"

ck_run "$t" frobnicate good.csv
tap_is "$(cat exit):$(cat stderr)" "2:churnkit: unknown command 'frobnicate' (commands: check, cohorts, model, report, score, survival; see churnkit --help)" \
	"unknown command: exit 2 and a message listing the commands"

ck_run "$t" check $map
tap_is "$(cat exit):$(cat stderr)" "2:churnkit: check: no input file (usage: churnkit check [options] DATA.csv)" \
	"check without an input file: exit 2"
ck_run "$t" check $map good.csv bad.csv
tap_is "$(cat exit):$(cat stderr)" "2:churnkit: check: one input file expected, got 2 ('good.csv', 'bad.csv')" \
	"check with two input files: exit 2"
ck_run "$t" check good.csv --id
tap_is "$(cat exit):$(cat stderr)" "2:churnkit: check: option --id needs a value" \
	"an option without its value: exit 2"
ck_run "$t" check $map -x good.csv
tap_is "$(cat exit):$(cat stderr)" "2:churnkit: check: unknown option -x (see churnkit check --help)" \
	"an unknown short option: exit 2"

# Options may follow the input file.
ck_run "$t" check good.csv $map --json -
tap_is "$(cat exit):$("$JSONGET" stdout data.rows_used)" "0:2" "options after the input file are read"
# check's data block names the file's bytes as every command's does.
tap_is "$("$JSONGET" stdout data.sha256)" "$(sha256sum <good.csv | cut -c1-64)" \
	"check --json: data.sha256 is the SHA-256 of the input's bytes"

# I/O errors: exit 3.
ck_run "$t" check $map nonexistent.csv
tap_is "$(cat exit):$(cat stderr)" "3:churnkit: nonexistent.csv: cannot open: No such file or directory" \
	"a missing input file: exit 3"
mkdir adir
ck_run "$t" check $map --json adir good.csv
tap_is "$(cat exit):$(cat stderr)" "3:churnkit: adir: is a directory" "--json naming a directory: exit 3"
ck_run "$t" check $map --json nodir/out.json good.csv
tap_is "$(cat exit):$(cat stderr)" "3:churnkit: nodir/out.json: cannot create: No such file or directory" \
	"--json in a missing directory: exit 3"

# Output files are atomic: a failing run leaves an existing file byte for
# byte; a successful one replaces it whole, with the usual permissions.
printf '{"previous": "run", "kept": true}\n' >out.json
cp out.json before.json
ck_run "$t" check $map --json out.json bad.csv
tap_is "$(cat exit)" 1 "a run on bad data fails"
cmp -s before.json out.json
tap_ok $? "the existing --json file survives the failing run byte for byte"
ck_run "$t" check $map --json out.json --rejects rejects.csv good.csv
tap_is "$(cat exit):$("$JSONGET" out.json data.rows_used tool.name | tr '\n' ' ')" "0:2 churnkit " \
	"a successful run replaces the --json file with the new results"
tap_is "$(ls -A | grep -c '\.tmp\.')" 0 "no temporary file is left beside the outputs"
tap_is "$(head -n 1 rejects.csv)" 'line,column,reason,message,id,start,end,plan,mrr' \
	"--rejects with no bad row: the header only"
(umask 022 && $CHURNKIT_WRAP "$CHURNKIT" check $map --json perm.json good.csv >/dev/null 2>&1)
tap_is "$(ls -l perm.json | cut -c1-10)" "-rw-r--r--" "a new --json file gets the usual permissions (umask 022: 0644)"

# --json FILE still prints the summary on stdout; --json - prints only JSON.
ck_run "$t" check $map --json x.json good.csv
grep -q '^Data quality: good.csv$' stdout
tap_ok $? "--json FILE: the plain-text summary still goes to stdout"
ck_run "$t" check $map --json - good.csv
"$JSONGET" stdout data.rows_read >/dev/null 2>&1
tap_ok $? "--json -: stdout is JSON only"

tap_done

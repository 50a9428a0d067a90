# model_lib.sh - what the model and score shell tests share (sourced after
# tests/lib.sh).
#
#   near GOT WANT RTOL           0 when |GOT - WANT| <= RTOL |WANT|; an empty
#                                WANT (R's NA) asks for null
#   check_coefs JSON OBJ FIX RTOL WHAT
#                                compares OBJ.coefficients of JSON (term,
#                                estimate, se, z, p) with R's FIX.coef.csv,
#                                row by row, and their count
#   check_stat JSON PATH FIX KEY RTOL WHAT
#                                compares one number of JSON with the value
#                                of KEY in R's FIX.stats.csv
#   fixture_value FIX KEY        prints KEY's value from FIX.stats.csv
# FIX is a name under tests/fixtures/model (cli_outcome, ...).  Numbers
# are compared by awk in double precision, which reads 17 significant
# digits back exactly.

fixdir="$top_srcdir/tests/fixtures/model"
datadir="$top_srcdir/tests/data/model"

near() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN {
		if (w == "") exit !(g == "null")
		if (g == "" || g == "null") exit 1
		d = g - w; if (d < 0) d = -d
		a = w < 0 ? -w : w
		exit !(d <= t * a)
	}'
}

fixture_value() {
	awk -F, -v k="$2" '$1 == k { print $2; exit }' "$fixdir/$1.stats.csv"
}

check_stat() {
	want=$(fixture_value "$3" "$4")
	got=$("$JSONGET" "$1" "$2" 2>&1)
	if [ -n "$want" ] && near "$got" "$want" "$5"; then
		tap_ok 0 "$6: $2 = R's $4 within $5"
	else
		tap_ok 1 "$6: $2 = R's $4 within $5"
		tap_diag "got '$got', R has '$want'"
	fi
}

check_coefs() {
	json=$1 obj=$2 fix=$3 rtol=$4 what=$5
	rows=$(grep -v '^#' "$fixdir/$fix.coef.csv" | tail -n +2)
	n=$(printf '%s\n' "$rows" | wc -l | tr -d ' ')
	tap_is "$("$JSONGET" "$json" "$obj.coefficients.#" 2>&1)" "$n" \
		"$what: $n coefficients, as R has"
	k=0
	bad=
	while IFS=, read -r term est se z p; do
		set -- $("$JSONGET" "$json" "$obj.coefficients.$k.estimate" \
			"$obj.coefficients.$k.se" "$obj.coefficients.$k.z" \
			"$obj.coefficients.$k.p" 2>/dev/null)
		gterm=$("$JSONGET" "$json" "$obj.coefficients.$k.term" 2>/dev/null)
		if [ "$gterm" != "$term" ] || ! near "$1" "$est" "$rtol" || ! near "$2" "$se" "$rtol" ||
			! near "$3" "$z" "$rtol" || ! near "$4" "$p" "$rtol"; then
			bad="$bad $term"
			tap_diag "$what: row $k: got '$gterm' $1 $2 $3 $4"
			tap_diag "$what: R has  '$term' $est $se $z $p"
		fi
		k=$((k + 1))
	done <<EOF
$rows
EOF
	tap_is "$bad" "" "$what: terms, estimates, SEs, z and p agree with R within $rtol"
}

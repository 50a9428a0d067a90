#!/bin/sh
# model_errors.sh - every way `churnkit model` and `churnkit score` can fail,
# with its exit status (docs/contract.md: 1 the data could not be analysed or a
# model could not be fitted, 2 usage, 3 I/O) and its message; and that a
# failed run leaves no output file behind (TAP).

. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cli/model_lib.sh"

ck_tmpdir model_errors
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
data="$datadir/churn.csv"
dates="--id customer_id --start signup_date --end churn_date --as-of 2026-06-30"

# fails EXIT MESSAGE ARGS...: churnkit ARGS exits EXIT with "churnkit:
# MESSAGE" as its only line on stderr, and writes nothing to stdout.
fails() {
	want_exit=$1 want_msg=$2
	shift 2
	ck_run "$t" "$@"
	tap_is "$(cat exit):$(cat stderr)" "$want_exit:churnkit: $want_msg" "$1: exit $want_exit: $want_msg"
	tap_is "$(wc -c <stdout | tr -d ' ')" 0 "$1: nothing on stdout"
}

# Usage (2).
fails 2 "model needs --features: the model's terms, for example --features plan,contract,log(mrr)" \
	model --outcome churned=Yes "$data"
fails 2 "model needs something to fit: an outcome (--outcome COL[=VALUE] or --horizon N) for the logistic model, and/or --cox for a Cox model" \
	model --features tickets "$data"
fails 2 "--outcome and --horizon both define the churn outcome; give one of them" \
	model $dates --features tickets --outcome churned=Yes --horizon 12 "$data"
fails 2 "--horizon needs how long each customer stayed: --start and --end (dates), or --duration and --event" \
	model --features tickets --horizon 12 "$data"
fails 2 "--cox needs how long each customer stayed: --start and --end (dates), or --duration and --event" \
	model --features tickets --cox "$data"
fails 2 "--ties 'foo': give efron or breslow" model $dates --features tickets --cox --ties foo "$data"
fails 2 "--folds 1: give 0 (no cross-validation) or at least 2" \
	model --features tickets --outcome churned=Yes --folds 1 "$data"
fails 2 "--horizon 0: give a horizon > 0 (months for dates, the duration's unit otherwise)" \
	model $dates --features tickets --horizon 0 "$data"
fails 2 "--conf-level 1: give a level above 0 and below 1, such as 0.95" \
	model --features tickets --outcome churned=Yes --conf-level 1 "$data"
fails 2 "no column 'nope' for model term 'nope'" model --features tickets,nope --outcome churned=Yes "$data"
fails 2 "log(plan): column 'plan' is categorical" model --features 'log(plan)' --outcome churned=Yes "$data"
fails 2 "reference level 'gold' of column 'plan' does not occur in the data used" \
	model --features plan --reference plan=gold --outcome churned=Yes "$data"
fails 2 "score needs -o FILE for the scores (- for standard output)" \
	score $dates --features tickets --horizon 12 "$data"
fails 2 "score needs --id COL: the scores file names each customer by it" \
	score --start signup_date --end churn_date --features tickets --horizon 12 -o s.csv "$data"
fails 2 "score needs the churn outcome of its model: --horizon N (churn within N months, or N duration units) or --outcome COL[=VALUE] (a churn flag)" \
	score $dates --features tickets --cox -o s.csv "$data"
fails 2 "--driver nosuchcol=usage: the data has no column 'nosuchcol'" \
	score $dates --features tickets --horizon 12 --driver nosuchcol=usage -o s.csv "$data"
fails 2 "--driver names column 'tickets' twice" \
	score $dates --features tickets --horizon 12 --driver tickets=usage --driver tickets=service \
	-o s.csv "$data"
fails 2 "--driver tickets=grumpy: unknown driver kind 'grumpy' (none, service, usage, payment, contract, contact, onboarding, satisfaction, value)" \
	score $dates --features tickets --horizon 12 --driver tickets=grumpy -o s.csv "$data"
fails 2 "--offer-effect '2' (command line): must be between 0 and 1" \
	score $dates --features tickets --horizon 12 --offer-effect 2 -o s.csv "$data"
fails 2 "-o - and --json - cannot both go to standard output" \
	score $dates --features tickets --horizon 12 -o - --json - "$data"
fails 2 "model: option --output does not apply to this command" \
	model --features tickets --outcome churned=Yes -o x.csv "$data"
# --push-down where every customer is scored: said why, and what to run
# instead (docs/scaling.md); refused before any connection is tried.
fails 2 "score: option --push-down does not apply to this command: it scores each customer, one number per row; run it without --push-down (the rows stream from --db), or run survival, cohorts or model with --push-down" \
	score --push-down --db dbname=none --table customers --features tickets --outcome churned=Yes -o x.csv
fails 2 "report: option --push-down does not apply to this command: it scores each customer, one number per row; run it without --push-down (the rows stream from --db), or run survival, cohorts or model with --push-down" \
	report --push-down --db dbname=none --table customers -o x.pdf

# Every weight 0 (review G6): nobody to model, said as survival says it,
# not as "none of the customers used has the outcome"; score too.
printf 'id,t,e,w,g\na,5,1,0,x\nb,9,0,0,y\nc,12,0,0,x\n' >w0.csv
fails 1 "w0.csv: no customer has a weight above 0 (--weight w)" \
	model --id id --duration t --event e --weight w --horizon 5 --features g w0.csv
fails 1 "w0.csv: no customer has a weight above 0 (--weight w)" \
	score --id id --duration t --event e --weight w --horizon 5 --features g -o w0s.csv w0.csv
[ ! -e w0s.csv ]
tap_ok $? "every weight 0: no scores file"

# A model that cannot be fitted (1): no churner, no one else, no usable
# row, every term aliased; a log of zero at its line and column.
# --outcome COL=VALUE that no row holds is a usage error listing the
# values (docs/inputs.md, "Flags"; it was this model error before).
fails 2 "--outcome const_one=2: no row of $data holds '2' (case and blanks around are ignored); column 'const_one' holds '1' (3000)" \
	model --features tickets --outcome const_one=2 --json m.json "$data"
[ ! -e m.json ]
tap_ok $? "no churner: no JSON file left behind"
fails 1 "the logistic model cannot be fitted: every one of the 3000 customers used has the outcome (const_one = 1), so there is nothing to tell apart" \
	model --features tickets --outcome const_one=1 "$data"
fails 1 "the logistic model cannot be fitted: no rows left for the model (3000 with a missing value, 0 left out)" \
	model --features tickets,notes --outcome churned=Yes "$data"
fails 1 "the logistic model cannot be fitted: column 'notes' has no values to impute from" \
	model --features notes --impute --outcome churned=Yes "$data"
fails 1 "the logistic model cannot be fitted: every term is constant or collinear in the rows used (const_one)" \
	model --features const_one --outcome churned=Yes "$data"
fails 1 "the Cox model cannot be fitted: every term is constant or collinear in the rows used (const_one)" \
	model $dates --features const_one --cox "$data"
printf 'id,start,end,mrr\na,2024-01-01,,10\nb,2024-01-01,,0\nc,2024-02-01,2024-03-01,5\n' >zero.csv
fails 1 "zero.csv:3:4: log(mrr): column 'mrr' is 0 in data row 2; log needs values > 0" \
	model --id id --start start --end end --features 'log(mrr)' --cox zero.csv
printf 'id,start,end,mrr\na,2024-01-01,,10\nb,2024-01-01,,3\nc,2024-02-01,,5\n' >active.csv
fails 1 "the Cox model cannot be fitted: none of the 3 customers used churned" \
	model --id id --start start --end end --features mrr --cox active.csv
fails 1 "the logistic model cannot be fitted: none of the 3 customers could have been followed for the horizon (churn within 12 months): the as-of date is less than 365.25 days after every signup; try a shorter --horizon" \
	model --id id --start start --end end --features mrr --horizon 12 active.csv
printf 'id,d,e,mrr\na,3,0,10\nb,4,0,3\nc,5,0,5\n' >censored.csv
fails 1 "the logistic model cannot be fitted: no customer's outcome (churn within 12 time units) is known: all 3 were censored before the horizon; try a shorter --horizon" \
	model --id id --duration d --event e --features mrr --horizon 12 censored.csv
# A row never observed (entry at its exit) is not counted as censored.
printf 'id,d,e,s,mrr\na,3,0,0,10\nb,4,0,1,3\nc,5,0,5,5\n' >censored_entry.csv
fails 1 "the logistic model cannot be fitted: no customer's outcome (churn within 12 time units) is known: all 2 were censored before the horizon; try a shorter --horizon" \
	model --id id --duration d --event e --entry s --features mrr --horizon 12 censored_entry.csv
# A horizon past every active customer's follow-up: only churners are left.
printf 'id,d,e,mrr\na,1,1,10\nb,2,1,3\nc,3,1,5\nd,4,0,6\ne,5,0,7\n' >allchurn.csv
fails 1 "the logistic model cannot be fitted: all 3 customers used have the outcome (churn within 12 time units): the 2 who had not churned were censored before the horizon and left out; try a shorter --horizon" \
	model --id id --duration d --event e --features mrr --horizon 12 allchurn.csv
echo old >s.csv
fails 2 "--outcome const_one=2: no row of $data holds '2' (case and blanks around are ignored); column 'const_one' holds '1' (3000)" \
	score --id customer_id --features tickets --outcome const_one=2 -o s.csv "$data"
tap_is "$(cat s.csv)" old "score: a failed run leaves the old scores file as it was"

# I/O (3).
fails 3 "/nonexistent/m.json: cannot create: No such file or directory" \
	model --features tickets --outcome churned=Yes --json /nonexistent/m.json "$data"
fails 3 "/nonexistent/s.csv: cannot create: No such file or directory" \
	score --id customer_id --features tickets --outcome churned=Yes -o /nonexistent/s.csv "$data"
fails 3 "nonexistent.csv: cannot open: No such file or directory" \
	model --features tickets --outcome churned=Yes nonexistent.csv
: >afile
fails 3 "afile: --tables: not a directory" \
	model --features tickets --outcome churned=Yes --tables afile "$data"


# A term with one level only, and a term with a level per row.
r8="$datadir/rare8.csv"
fails 1 "the logistic model cannot be fitted: every term is constant or collinear in the rows used (one: one level, only)" \
	model --id id --outcome churned --features one "$r8"
fails 1 "the Cox model cannot be fitted: every term is constant or collinear in the rows used (one: one level, only)" \
	model --id id --duration t --event churned --cox --features one "$r8"
fails 2 "term 'id' has 200 levels in the 200 rows used (more than one per 10 rows): an identifier or free-text column cannot be a model term; leave it out or group its levels" \
	model --id id --outcome churned --features id,plan "$r8"

tap_done

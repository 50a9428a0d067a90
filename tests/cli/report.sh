#!/bin/sh
# report.sh - `churnkit report` end to end (TAP): the PDF's pages, outline,
# fonts and paper; the same bytes for the same input; the numbers it prints
# are those of the other commands (which are checked against R elsewhere) and
# of R directly (tests/fixtures/report/make_fixtures.R: MRR at risk next
# quarter); `report --scores` writes exactly what `churnkit score` writes;
# errors leave an existing report untouched.

. "$top_srcdir/tests/lib.sh"

JSONGET="$top_builddir/tests/jsonget"
[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir report
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
data="$top_srcdir/tests/data/model/churn.csv"
fix="$top_srcdir/tests/fixtures/report/churn.stats.csv"
have_poppler=1
for p in pdftotext pdfinfo pdffonts; do
	command -v $p >/dev/null 2>&1 || have_poppler=0
done
common="--id customer_id --start signup_date --end churn_date --as-of 2026-06-30 --value mrr
	--horizon 12 --features plan,contract,log(mrr),tickets,nps --by contract --by plan"
fixture() { awk -F, -v k="\"$1\"" '$1 == k { print $2 }' "$fix"; }
near() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; if (d < 0) d = -d
		a = w < 0 ? -w : w; exit !(g != "" && d <= t * a) }'
}

# shellcheck disable=SC2086
ck_run "$t" report $common --company 'Zürich Analytics AG' -o report.pdf --json report.json \
	--scores scores.csv "$data"
tap_is "$(cat exit):$(cat stderr)" "0:" "report: exit 0, nothing on stderr"
pages=$("$JSONGET" report.json report.pages)
tap_is "$(head -n 1 stdout)" \
	"churnkit report: report.pdf written ($pages pages, $(wc -c <report.pdf | tr -d ' ') bytes)" \
	"report: stdout says what was written"
tap_is "$(head -c 5 report.pdf)" "%PDF-" "report: the output is a PDF"

# MRR at risk next quarter against R (closed form over the Kaplan-Meier curve).
got=$("$JSONGET" report.json report.revenue_at_risk_next_quarter)
near "$got" "$(fixture revenue_at_risk)" 1e-9
tap_ok $? "report: MRR at risk next quarter $got as R computes it"
tap_is "$("$JSONGET" report.json report.revenue_at_risk_unscored)" \
	"$(fixture revenue_at_risk_unscored)" \
	"report: the active customers past the data (fewer than 30 followed a quarter on) as R counts them"
tap_is "$("$JSONGET" report.json report.input_sha256)" \
	"$(sha256sum "$data" | cut -d' ' -f1)" "report: the JSON records the input's SHA-256"

# The outline: a bookmark per page (libharu writes the titles as plain strings;
# the first /Title is the document information's).
tap_is "$(LC_ALL=C grep -a -o '/Title ([^)]*)' report.pdf | sed '1d; s/^\/Title (//; s/)$//' | tr '\n' '|')" \
	"Customer retention report|Executive summary|Cohort retention|Survival by contract|Survival by plan|When churn happens|Churn drivers|Value x risk segments|At-risk accounts|Appendix: method, definitions, data quality|" \
	"report: the outline has a bookmark per page, in order"

# report --scores is churnkit score's file, byte for byte.
# shellcheck disable=SC2086
ck_run "$t" score $common -o score.csv "$data"
cmp -s scores.csv score.csv
tap_ok $? "report --scores: the same file as churnkit score with the same options"
tap_is "$(head -n 1 scores.csv)" "id,value,churn_probability,risk_band,segment,main_driver,recommended_action" \
	"report --scores: the scores header"

# The same run again gives the same bytes; SOURCE_DATE_EPOCH adds the time.
# shellcheck disable=SC2086
ck_run "$t" report $common --company 'Zürich Analytics AG' -o again.pdf "$data"
cmp -s report.pdf again.pdf
tap_ok $? "report: the same input and options give a byte-identical PDF"
# shellcheck disable=SC2086
SOURCE_DATE_EPOCH=1798000000 ck_run "$t" report $common -o dated.pdf "$data"
tap_is "$(cat exit)" "0" "report: SOURCE_DATE_EPOCH accepted"
SOURCE_DATE_EPOCH=yesterday ck_run "$t" report $common -o bad_epoch.pdf "$data"
tap_is "$(cat exit):$(cat stderr)" \
	"2:churnkit: SOURCE_DATE_EPOCH 'yesterday' is not a whole number of seconds since 1970-01-01" \
	"report: a malformed SOURCE_DATE_EPOCH is a usage error"

if [ $have_poppler = 1 ]; then
	# (pdftotext starts each page with a form feed.)
	pdftotext -enc UTF-8 report.pdf - 2>pdftotext.err | tr -d '\f' >all.txt
	tap_is "$(cat pdftotext.err)" "" "report: pdftotext reads it without a warning"
	tap_is "$(pdfinfo report.pdf | awk '/^Pages:/ { print $2 }')" "$pages" \
		"report: pdfinfo counts $pages pages, as the JSON says"
	tap_is "$(pdfinfo report.pdf | awk '/^Page size:/ { print $3, $5 }')" "595.28 841.89" \
		"report: A4 by default"
	pdftotext -enc UTF-8 dated.pdf dated.txt
	grep -q "^Generated 2026-12-23 04:26 UTC$" dated.txt
	tap_ok $? "report: SOURCE_DATE_EPOCH prints the generation time on the cover"
	grep -q "Generated" all.txt
	tap_ok $((!$?)) "report: no generation time unless asked"
	tap_is "$(TZ=UTC pdfinfo dated.pdf | sed -n 's/^CreationDate: *//p'):$(pdfinfo report.pdf | grep -c '^CreationDate')" \
		"Wed Dec 23 04:26:40 2026 UTC:0" \
		"report: SOURCE_DATE_EPOCH is the PDF's creation date too; none without it"
	grep -q "Zürich Analytics AG" all.txt
	tap_ok $? "report: UTF-8 company name on the cover"
	# The horizon rule in the appendix, with R's count of customers too
	# recent (tests/fixtures/model/make_horizon.R); the drivers page says
	# which calibration it shows.
	recent=$(awk -F, '$1 == "rows_too_recent" { print $2 }' \
		"$top_srcdir/tests/fixtures/model/cli_hdates.stats.csv")
	tr '\n' ' ' <all.txt | grep -qF "Only customers who could have been followed that long (the as-of date at least 365.25 days after signup) are in the model, whatever happened to them"
	tap_ok $? "report: the appendix states the horizon rule"
	tr '\n' ' ' <all.txt | grep -qF "$recent customers too recent left out"
	tap_ok $? "report: the appendix counts the $recent customers too recent, as R"
	tr '\n' ' ' <all.txt | tr -s ' ' | grep -qF "a categorical term that fails it becomes a stratum with its own baseline"
	tap_ok $? "report: the appendix states the proportional-hazards rule for the scores"
	tr '\n' ' ' <all.txt | tr -s ' ' | grep -qF "gets no probability (beyond the data): marked, not ranked"
	tap_ok $? "report: the appendix states the beyond-the-data rule"
	tr '\n' ' ' <all.txt | grep -qF "The calibration chart is cross-validated"
	tap_ok $? "report: the drivers page says its calibration is the cross-validated one"
	grep -qF "Calibration (cross-validated)" all.txt
	tap_ok $? "report: the calibration chart's title says so too"
	n=$(pdffonts report.pdf | awk 'NR > 2 && $0 ~ /DejaVuSans/ && $(NF-4) == "yes"' | wc -l)
	tap_ok $((n < 2)) "report: DejaVu Sans regular and bold embedded ($n)"
	# Every page but the cover has "Page i of N".
	bad=0
	i=2
	while [ $i -le "$pages" ]; do
		pdftotext -f $i -l $i report.pdf - | grep -q "Page $i of $pages" || bad=$((bad + 1))
		i=$((i + 1))
	done
	tap_is "$bad" "0" "report: every page after the cover says 'Page i of $pages'"
	for h in "Executive summary" "Cohort retention" "Survival by contract" "Survival by plan" \
		"When churn happens" "Churn drivers" "Value x risk segments" "At-risk accounts" \
		"Appendix: method, definitions, data quality"; do
		grep -q "^$h\$" all.txt
		tap_ok $? "report: has the page '$h'"
	done

	# The executive summary's tiles are the reporting period's KPIs.
	pdftotext -f 2 -l 2 -enc UTF-8 report.pdf p2.txt
	cr=$("$JSONGET" report.json kpis.periods.period=2026Q2.churn_rate)
	want=$(awk -v x="$cr" 'BEGIN { printf "%.1f%%", 100 * x }')
	grep -qx "$want" p2.txt
	tap_ok $? "report: the logo churn rate tile shows $want (cohorts' $cr)"
	# The cost-of-churn tile's change: this period's cost against the previous
	# period's by the same rule (12 months of the churned MRR, +20% expansion).
	prev=$("$JSONGET" report.json kpis.periods.period=2026Q1.mrr_churned)
	cur=$("$JSONGET" report.json kpis.cost_of_churn.total)
	want=$(awk -v c="$cur" -v p="$prev" 'BEGIN { d = c - p * 12 * 1.2; s = d < 0 ? "-" : "+"
		if (d < 0) d = -d; printf "%s%.1fk vs 2026Q1", s, d / 1000 }')
	grep -q "$want" p2.txt
	tap_ok $? "report: the cost-of-churn tile's change against 2026Q1 ($want)"
	grep -q "^Reporting period 2026Q2 (1 Apr 2026 - 30 Jun 2026), compared with 2026Q1.$" p2.txt
	tap_ok $? "report: the summary names the reporting period and the previous one"
	n=$("$JSONGET" report.json findings.#)
	tap_ok $((n < 3 || n > 5)) "report: three to five findings ($n)"

	# The survival page prints survdiff's chi-square as the survival command does.
	# shellcheck disable=SC2086
	ck_run "$t" survival --start signup_date --end churn_date --as-of 2026-06-30 --by contract \
		--by plan --json surv.json "$data"
	chi=$("$JSONGET" surv.json survival.logrank.by=contract.chisq)
	want=$(awk -v x="$chi" 'BEGIN { printf "chi-square %.1f on 1 degree", x }')
	tr '\n' ' ' <all.txt | grep -q "$want"
	tap_ok $? "report: log-rank for contract as churnkit survival has it ($want)"
	# The coefficient table prints glm's estimates.
	est=$("$JSONGET" report.json model.coefficients.term=tickets.estimate)
	want=$(awk -v x="$est" 'BEGIN { printf "%.4g", x }')
	pdftotext -layout -enc UTF-8 report.pdf layout.txt
	grep -q "^ *tickets  *$want " layout.txt
	tap_ok $? "report: the coefficient table has tickets' estimate $want"
	# The at-risk page lists the riskiest medium/high accounts from the scores.
	first=$(awk -F, 'NR > 1 && ($4 == "high" || $4 == "medium") && $2 != "" {
		print $1, $2 * $3 }' scores.csv | sort -k2,2gr | head -n 1 | cut -d' ' -f1)
	grep -q "^ *1 $first " layout.txt
	tap_ok $? "report: the first at-risk account is the largest expected loss ($first)"
else
	skip_n=25
	while [ $skip_n -gt 0 ]; do tap_ok 0 "# SKIP poppler-utils not installed"; skip_n=$((skip_n - 1)); done
fi

# Letter paper; no model: no drivers, segments or accounts pages.
ck_run "$t" report --start signup_date --end churn_date --as-of 2026-06-30 --paper letter \
	-o letter.pdf "$data"
tap_is "$(cat exit)" "0" "report without a model: exit 0"
grep -q "^No churn model: give --features" stdout
tap_ok $? "report without a model: stdout says which pages need what"
if [ $have_poppler = 1 ]; then
	tap_is "$(pdfinfo letter.pdf | awk '/^Page size:/ { print $3, $5 }')" "612 792" \
		"report --paper letter: US Letter"
	pdftotext letter.pdf letter.txt
	grep -qx "Churn drivers" letter.txt
	tap_ok $((!$?)) "report without a model: no drivers page"
else
	tap_ok 0 "# SKIP poppler-utils not installed"
	tap_ok 0 "# SKIP poppler-utils not installed"
fi

# Frequency weights: survival, cohorts and the model take them (the numbers:
# tests/cli/cohorts_weight.sh); delayed entry keeps the cohorts out.
ck_run "$t" report --id customer_id --start signup_date --end churn_date --as-of 2026-06-30 \
	--weight weight -o weighted.pdf "$data"
tap_is "$(cat exit):$(cat stderr)" "0:" "report --weight: exit 0"
grep -q "^No cohort or KPI pages" stdout
tap_ok $((!$?)) "report --weight: the cohort pages are not left out"

# Durations with UTF-8 levels: no cohorts, the names come through.
ck_run "$t" report --duration months --event churned=yes --by city --json cities.json \
	-o cities.pdf "$top_srcdir/tests/data/survival/cities.csv"
tap_is "$(cat exit):$(cat stderr)" "0:" "report on durations: exit 0"
if [ $have_poppler = 1 ]; then
	pdftotext -enc UTF-8 cities.pdf cities.txt
	ok=1
	for c in Zürich 台北 Kraków; do grep -q "$c" cities.txt || ok=0; done
	tap_ok $((!ok)) "report on durations: Zürich, 台北 and Kraków are printed"
	med=$(awk -v x="$("$JSONGET" cities.json survival.curves.level=Zürich.median)" 'BEGIN { printf "%.1f", x }')
	grep -qx "Zürich (median $med)" cities.txt
	tap_ok $? "report on durations: the legend gives survfit's median $med without a month unit"
	grep -qx "Cohort retention" cities.txt
	tap_ok $((!$?)) "report on durations: no cohort page without dates"
else
	tap_ok 0 "# SKIP poppler-utils not installed"
	tap_ok 0 "# SKIP poppler-utils not installed"
	tap_ok 0 "# SKIP poppler-utils not installed"
fi

# A model on durations (--horizon in the duration's unit): IPCW weights, a
# quasi-binomial fit with robust SEs, said on the drivers page and in the
# appendix with the customers left out (R's count: make_horizon.R).
ck_run "$t" report --id customer_id --duration duration --event event --weight weight \
	--value mrr --horizon 364 --features plan,contract,tickets -o ipcw.pdf "$data"
tap_is "$(cat exit):$(cat stderr)" "0:" "report on durations with --horizon: exit 0"
if [ $have_poppler = 1 ]; then
	pdftotext -enc UTF-8 ipcw.pdf - | tr '\n' ' ' >ipcw.txt
	cens=$(awk -F, '$1 == "rows_censored" { print $2 }' \
		"$top_srcdir/tests/fixtures/model/cli_hipcw.stats.csv")
	grep -qF "Customers censored before then ($cens) are left out and the others weighted by the inverse probability of remaining uncensored" ipcw.txt
	tap_ok $? "report on durations: the appendix states the IPCW rule and the $cens customers left out"
	grep -qF "no AIC (quasi-binomial fit). Standard errors: robust (sandwich)." ipcw.txt
	tap_ok $? "report on durations: the drivers page says quasi-binomial, no AIC, robust SEs"
else
	tap_ok 0 "# SKIP poppler-utils not installed"
	tap_ok 0 "# SKIP poppler-utils not installed"
fi

# Separation under IPCW (no Firth there): the drivers page names the
# separated column and says that the estimates are not usable and that no
# driver is stated from them; the appendix says why Firth is not used, and
# the summary states no driver.
ck_run "$t" report --id id --duration d --event e --horizon 10 --features x,z \
	-o ipcwsep.pdf --json ipcwsep.json "$top_srcdir/tests/data/model/ipcw_sep.csv"
tap_is "$(cat exit):$(cat stderr)" "0:" "report with separation under IPCW: exit 0"
tap_is "$("$JSONGET" ipcwsep.json model.separation)" "quasi-complete" \
	"report with separation under IPCW: the fit is separated"
if [ $have_poppler = 1 ]; then
	pdftotext -enc UTF-8 ipcwsep.pdf - | tr '\n' ' ' | tr -s ' ' >ipcwsep.txt
	grep -qF "Quasi-complete separation was found on x: some outcomes are predicted perfectly, so the estimates above are not usable as they stand and no churn driver is stated from them." ipcwsep.txt
	tap_ok $? "report with separation under IPCW: the drivers page names the column and says the estimates are not usable"
	grep -qF "it has no robust standard errors under the censoring weights" ipcwsep.txt
	tap_ok $? "report with separation under IPCW: the drivers page says why Firth is not used"
	grep -qF "so it is not used under the censoring weights)" ipcwsep.txt
	tap_ok $? "report with separation under IPCW: the appendix says Firth is left out under the censoring weights, not under any weights"
else
	tap_ok 0 "# SKIP poppler-utils not installed"
	tap_ok 0 "# SKIP poppler-utils not installed"
	tap_ok 0 "# SKIP poppler-utils not installed"
fi
"$JSONGET" ipcwsep.json findings.subject=x findings.subject=z >/dev/null 2>&1
tap_is "$?" "1" "report with separation under IPCW: no driver finding about x or z"

# Nobody churned: the model cannot be fitted, so its pages are left out and
# the report says why; the hazard page says there is nothing to show.
awk -F, -v OFS=, 'NR > 1 && $0 !~ /"/ { $3 = "" } $0 !~ /"/ { print }' "$data" >nochurn.csv
# shellcheck disable=SC2086
ck_run "$t" report $common -o nochurn.pdf nochurn.csv
tap_is "$(cat exit):$(cat stderr)" "0:" "report with no churn: exit 0"
grep -q "^No drivers, segments or at-risk pages: the churn model could not be fitted (" stdout
tap_ok $? "report with no churn: stdout says why the model pages are left out"
if [ $have_poppler = 1 ]; then
	pdftotext nochurn.pdf - | grep -q "^No customer has churned yet: there is no hazard to show.$"
	tap_ok $? "report with no churn: the hazard page says so instead of printing 0 of 0"
else
	tap_ok 0 "# SKIP poppler-utils not installed"
fi
# shellcheck disable=SC2086
ck_run "$t" report $common -o x.pdf --scores nochurn_scores.csv nochurn.csv
tap_is "$(cat exit)" "1" "report --scores with no churn: the scores cannot be made, exit 1"

# Long ids that differ only in the middle stay told apart on the at-risk page.
awk -F, -v OFS=, 'NR > 1 && $0 !~ /"/ { $1 = "customer-account-" $1 "-emea-enterprise-subscription-00000001" }
	$0 !~ /"/ { print }' "$data" >longid.csv
# shellcheck disable=SC2086
ck_run "$t" report $common -o longid.pdf longid.csv
if [ $have_poppler = 1 ]; then
	pdftotext -layout longid.pdf - | sed -n 's/^ *[0-9][0-9]* \(custom[^ ]*…C0[0-9]*…\) .*/\1/p' >ids.txt
	n=$(wc -l <ids.txt | tr -d ' ')
	u=$(sort -u ids.txt | wc -l | tr -d ' ')
	tap_ok $((n < 10 || n != u)) "report: long ids show the part that tells them apart ($u of $n distinct)"
else
	tap_ok 0 "# SKIP poppler-utils not installed"
fi

# Errors: usage and data errors leave an existing report as it was.
cp report.pdf keep.pdf
ck_run "$t" report $common --paper A5 -o keep.pdf "$data"
tap_is "$(cat exit):$(cat stderr)" "2:churnkit: --paper 'A5': expected A4 or Letter" \
	"report --paper A5: a usage error"
cmp -s report.pdf keep.pdf
tap_ok $? "report: a failed run leaves the old PDF in place"
ck_run "$t" report --start signup_date --end churn_date "$data"
tap_is "$(cat exit):$(cat stderr)" "2:churnkit: report needs -o FILE for the PDF" \
	"report without -o: a usage error"
cp "$data" input.csv
ck_run "$t" report --start signup_date --end churn_date -o input.csv input.csv
tap_is "$(cat exit):$(cat stderr)" \
	"2:churnkit: -o input.csv is an input file: it would be overwritten" \
	"report -o INPUT: refused"
cmp -s "$data" input.csv
tap_ok $? "report -o INPUT: the input is untouched"
ck_run "$t" score --id customer_id --start signup_date --end churn_date --horizon 12 \
	--features contract -o input.csv input.csv
tap_is "$(cat exit):$(cat stderr)" \
	"2:churnkit: -o input.csv is an input file: it would be overwritten" \
	"score -o INPUT: refused as well (every command checks its outputs)"
cmp -s "$data" input.csv
tap_ok $? "score -o INPUT: the input is untouched"
ck_run "$t" report --start signup_date --end churn_date -o same.out --json same.out "$data"
tap_is "$(cat exit):$(cat stderr)" \
	"2:churnkit: -o and --json both name same.out: one would overwrite the other" \
	"report -o X --json X: refused"
ck_run "$t" score --id customer_id --start signup_date --end churn_date --horizon 12 \
	--features contract -o - --rejects - "$data"
tap_is "$(cat exit):$(cat stderr)" \
	"2:churnkit: -o - and --rejects - cannot both go to standard output" \
	"score -o - --rejects -: refused"
ck_run "$t" survival --start signup_date --end churn_date --json "$data" "$data"
tap_is "$(cat exit)" "2" "survival --json INPUT: refused"
ck_run "$t" survival --start signup_date --end churn_date --by notes --by customer_id "$data"
tap_is "$(cat exit):$(cat stderr)" \
	"2:churnkit: --by customer_id has 3000 levels: a segment column has at most 100 (is it an id or free text?)" \
	"survival --by an id column: refused before thousands of pairwise tests"
ck_run "$t" report --start signup_date --end churn_date -o x.pdf --scores s.csv "$data"
tap_is "$(cat exit)" "2" "report --scores without --id or a model: a usage error"
printf 'id,start,end\na,2024-01-01,2023-01-01\nb,2024-01-01,\n' >bad.csv
ck_run "$t" report --id id --start start --end end -o keep.pdf bad.csv
tap_is "$(cat exit)" "1" "report on data with too many bad rows: exit 1"
cmp -s report.pdf keep.pdf
tap_ok $? "report: the old PDF survives a data error too"
tap_is "$(find . -name '*.tmp*' -o -name '.*churnkit*' | wc -l | tr -d ' ')" "0" \
	"report: no temporary file is left behind"
# The cover's contents against the pages: every entry's page number is the
# page whose heading is that entry (survival pages are headed "Survival by
# COL"), so a page that ran onto a continuation page moves the rest along.
contents_match() {
	pdftotext -f 1 -l 1 -layout "$1" - | awk '/^Contents/ { on = 1; next }
		on && NF >= 2 && $NF ~ /^[0-9]+$/ { n = $NF; $NF = ""; sub(/ +$/, ""); print n "\t" $0 }' |
		while IFS='	' read -r n title; do
			head=$(pdftotext -f "$n" -l "$n" "$1" - | head -n 1)
			case $title in
			"Survival by segment") case $head in "Survival by "* | "Survival: "*) continue ;; esac ;;
			*) [ "$head" = "$title" ] && continue ;;
			esac
			echo "$title: page $n is headed '$head'"
		done
}

for pdf in "$t"/report.pdf "$t"/ipcwsep.pdf; do
	[ -f "$pdf" ] || continue
	tap_is "$(contents_match "$pdf")" "" "report: the cover's contents name the page each section begins on ($(basename "$pdf"))"
done

tap_done

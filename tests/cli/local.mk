## tests/cli (included by tests/local.mk): the command-line tests, TAP shell
## scripts run through SH_LOG_DRIVER against the built churnkit.  What they
## share is tests/lib.sh (and model_lib.sh for the model commands); most read
## JSON through tests/jsonget.  Their data: tests/data/local.mk; R's numbers:
## tests/fixtures/local.mk.
cli_tests = tests/cli/basics.sh tests/cli/bad_inputs.sh tests/cli/max_bad_rows.sh \
	tests/cli/ok_inputs.sh tests/cli/hostile.sh tests/cli/signals.sh \
	tests/cli/survival.sh tests/cli/cohorts.sh \
	tests/cli/model.sh tests/cli/model_errors.sh tests/cli/score.sh \
	tests/cli/horizon.sh tests/cli/coxph.sh \
	tests/cli/findings.sh tests/cli/report.sh tests/cli/exports.sh \
	tests/cli/dates_tz.sh tests/cli/output.sh
# The revenue history as exports write it (zero rows after churn, wide).
cli_tests += tests/cli/revhist.sh
# Columns and the id table sized from the rows the file's size suggests.
cli_tests += tests/cli/load_rows_hint.sh
# Frequency weights in cohorts, KPIs and the report's cohort pages.
cli_tests += tests/cli/cohorts_weight.sh
# --impute with --weight: the customers' median, as the expanded rows.
cli_tests += tests/cli/impute_weights.sh
# The README's recipes, run as written (tests/data/recipes/NAME/).
cli_tests += tests/cli/recipes.sh
EXTRA_DIST += tests/data/recipes/revenue/customers.csv \
	tests/data/recipes/revenue/mrr_export.csv tests/data/recipes/revenue/mrr_pivot.csv
TESTS += $(cli_tests)
EXTRA_DIST += $(cli_tests) tests/cli/model_lib.sh tests/cli/local.mk
EXTRA_DIST += tests/data/exports/kunden_de.csv tests/data/exports/kunden_iso.csv \
	tests/data/exports/make_kunden_de.py tests/data/exports/to_iso.sh
# The README's recipes (tests/cli/recipes.sh).
EXTRA_DIST += tests/data/exports/telco_extract.csv \
	tests/data/exports/make_telco_extract.sh
# Dates in UTC whatever TZ says (tests/cli/dates_tz.sh; docs/inputs.md).
EXTRA_DIST += tests/data/dates/billing.csv \
	tests/data/dates/billing_epoch.csv tests/data/dates/billing_epoch_ms.csv \
	tests/data/dates/billing_de.csv tests/data/dates/billing_offset.csv
# A billing export, one row per subscription, merged by --rollup and
# filtered by --where (tests/cli/billing.sh; docs/inputs.md).
cli_tests += tests/cli/billing.sh
# The README's recipes run as written (tests/cli/recipes.sh).
cli_tests += tests/cli/recipes.sh
# findx: page 2's findings in plain words and the actions answering them
# (tests/cli/summary_plain.sh; docs/findings.md, docs/domain.md).
cli_tests += tests/cli/summary_plain.sh
EXTRA_DIST += tests/data/exports/subscriptions.csv \
	tests/data/exports/subscriptions_epoch.csv \
	tests/data/exports/make_subscriptions_epoch.sh \
	tests/data/exports/customers_by_hand.csv
# words (issue 13 item 6): labels, money and words in the PDF (tests/cli/words.sh).
cli_tests += tests/cli/words.sh
# arch2b: one mark, NA, for a missing value in the terminal's text
# (tests/cli/missing_mark.sh; docs/outputs.md).
cli_tests += tests/cli/missing_mark.sh
# The executive summary's trend and MRR bridge (issue 13; tests/cli/report_exec.sh).
cli_tests += tests/cli/report_exec.sh
# layout: net revenue retention by cohort from a revenue history.
cli_tests += tests/cli/cohort_nrr.sh
EXTRA_DIST += tests/data/cohorts/nrr_customers.csv tests/data/cohorts/nrr_revenue.csv
# fixkpi (review G1): GRR and NRR when a start customer's MRR moves and it
# then churns inside the period (tests/cli/grr_move_churn.sh).
cli_tests += tests/cli/grr_move_churn.sh
EXTRA_DIST += tests/data/cohorts/move_churn_expand.csv \
	tests/data/cohorts/move_churn_expand_revenue.csv \
	tests/data/cohorts/move_churn_contract.csv \
	tests/data/cohorts/move_churn_contract_revenue.csv
# fixkpi (review G13): a change printed beside two rates is their printed
# difference (tests/cli/rounded_change.sh).
cli_tests += tests/cli/rounded_change.sh
# fixkpi (review G9): the BH adjustment's sentence counts the pairs tested
# (tests/cli/bh_pairs.sh).
cli_tests += tests/cli/bh_pairs.sh
# fixkpi (review G10): the model's coefficient table padded to display
# columns (tests/cli/utf8_columns.sh).
cli_tests += tests/cli/utf8_columns.sh
# fixkpi (review G11): the at-risk table's mark for no main driver
# (tests/cli/no_driver.sh).
cli_tests += tests/cli/no_driver.sh
EXTRA_DIST += tests/data/findings/no_driver.csv
EXTRA_DIST += tests/data/reasons/rounded_change.csv
# review: the executive summary on edge inputs (tests/cli/review_edges.sh).
cli_tests += tests/cli/review_edges.sh
# review (session 9): the report's sentences on tiny data, and tiles that
# wrap rather than cut (tests/cli/report_tiny.sh).
cli_tests += tests/cli/report_tiny.sh
# the unit --time-unit names in the survival and model texts (tests/cli/time_unit_text.sh).
cli_tests += tests/cli/time_unit_text.sh
# US exports: 12-hour times, a date column settled by another (tests/cli/dates_us.sh).
cli_tests += tests/cli/dates_us.sh
# --where values holding a comma (tests/cli/where_comma.sh).
cli_tests += tests/cli/where_comma.sh
# a lone latest date far after the rest warns (tests/cli/asof_outlier.sh).
cli_tests += tests/cli/asof_outlier.sh
# reasons (issue 14 items 1-2): the churn-reason column end to end (tests/cli/reasons.sh).
cli_tests += tests/cli/reasons.sh
EXTRA_DIST += tests/data/reasons/customers.csv tests/data/reasons/active_reason.csv \
	tests/data/reasons/weighted.csv
# survival --reason: cumulative incidence and Gray test against R (tests/cli/reasons_cuminc.sh).
cli_tests += tests/cli/reasons_cuminc.sh
# story: issue 13's findings chosen by the MRR they concern, a count's least
# value in words, the at-risk accounts' own drivers (tests/cli/findings_story.sh).
cli_tests += tests/cli/findings_story.sh
# perf (issue 15): CHURNKIT_TIMING=1's stage table, same output bytes.
cli_tests += tests/cli/timing.sh
# the report page Why customers leave, wired to the stages (tests/cli/report_reasons.sh).
cli_tests += tests/cli/report_reasons.sh
# a driver finding footnote gives the OR in the sentence direction (tests/cli/finding_direction.sh).
cli_tests += tests/cli/finding_direction.sh
# repeated column names renamed as read.csv, or refused when an option names them (tests/cli/dup_columns.sh).
cli_tests += tests/cli/dup_columns.sh
# reasons2 (issue 14): a reason that grew and the failed-payment action in the story (tests/cli/reason_finding.sh).
cli_tests += tests/cli/reason_finding.sh
EXTRA_DIST += tests/data/reasons/grew.csv tests/fixtures/findings/reasons/make_grew.R \
	tests/fixtures/findings/reasons/grew.expect
# reasons2 (issue 14): 100 reasons on the page, the rest folded into Other (tests/cli/reasons_many.sh).
cli_tests += tests/cli/reasons_many.sh
# reasons2 (issue 14): the reasons page on duration data, no period compared (tests/cli/reasons_duration.sh).
cli_tests += tests/cli/reasons_duration.sh
# xlsx (issue 16 item 4): --xlsx read back against --tables (tests/cli/xlsx.sh).
cli_tests += tests/cli/xlsx.sh
EXTRA_DIST += tests/cli/xlsx_read.py
# progress (issue 16 item 5): the progress line on stderr (tests/cli/progress.sh).
cli_tests += tests/cli/progress.sh
# install (issue 16 item 6): make install DESTDIR=..., --help, --config NAME (tests/cli/install.sh).
cli_tests += tests/cli/install.sh
# A segment finding concerns and targets the level its test finds faster (tests/cli/segment_target.sh).
cli_tests += tests/cli/segment_target.sh
EXTRA_DIST += tests/data/findings/segment_target.csv \
	tests/fixtures/findings/segment_target/make_segment_target.R
# Page 2's MRR-saved note names the scores' own horizon (tests/cli/saved_note.sh).
cli_tests += tests/cli/saved_note.sh
# --threads: the Cox fit beside the logistic one, same bytes (tests/cli/threads.sh).
cli_tests += tests/cli/threads.sh
# The Cox fit merges near-equal times as coxph does (tests/cli/cox_timefix.sh).
cli_tests += tests/cli/cox_timefix.sh
# A playbook keyed on a column's kind only on the side the data make risky
# (tests/cli/usage_direction.sh).
cli_tests += tests/cli/usage_direction.sh
# report and score keep the scoring model when the other fails
# (tests/cli/model_partial.sh).
cli_tests += tests/cli/model_partial.sh
EXTRA_DIST += tests/data/model_partial/late.csv tests/data/model_partial/coxfail.csv
# --weight: report and score count customers (a row of weight w is w of them, weight 0 nobody), as the rows expanded (tests/cli/weights_report.sh).
cli_tests += tests/cli/weights_report.sh
# A level of a categorical term is a driver only when the term as a whole is
# significant; the terms' Wald tests against R (tests/cli/termtest.sh).
cli_tests += tests/cli/termtest.sh
EXTRA_DIST += tests/data/findings/g8.csv tests/fixtures/model/make_termtests.R \
	tests/fixtures/model/termtests.csv

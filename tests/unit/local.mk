## tests/unit (included by tests/local.mk): the C unit tests, one program
## each, grouped by the source folder they test.  Each is TAP (tests/tap.h)
## and links tests/libtap.a and the library.  R's reference numbers come
## from tests/fixtures/ (listed in tests/fixtures/local.mk).
## A new unit test: add it to the list of its folder and give it _SOURCES
## and _LDADD lines below.

## What the unit tests share, in tests/libtap.a beside tap.c: the one reader
## of R's fixtures (fixture.h) and the builder of small input tables
## (tablebuild.h).  The survival tests decode their fixtures' cases on top of
## fixture.h in test_surv_fixture.c.
tests_libtap_a_SOURCES += tests/fixture.c tests/fixture.h tests/tablebuild.c \
	tests/tablebuild.h
SURV_FIXTURE_SRC = tests/unit/test_surv_fixture.c tests/unit/test_surv_fixture.h

## tests/ itself: the fixture reader (tests/fixture.h)
unit_self = tests/unit/test_fixture
tests_unit_test_fixture_SOURCES = tests/unit/test_fixture.c
tests_unit_test_fixture_LDADD = $(TEST_LIBS)

## src/util
unit_util = tests/unit/test_err tests/unit/test_date tests/unit/test_datetime \
	tests/unit/test_strbuf tests/unit/test_fmtnum tests/unit/test_num \
	tests/unit/test_outfile tests/unit/test_utf8 tests/unit/test_inifile \
	tests/unit/test_sheet
tests_unit_test_sheet_SOURCES = tests/unit/test_sheet.c
tests_unit_test_sheet_LDADD = $(TEST_LIBS)
tests_unit_test_err_SOURCES = tests/unit/test_err.c
tests_unit_test_err_LDADD = $(TEST_LIBS)
tests_unit_test_date_SOURCES = tests/unit/test_date.c
tests_unit_test_date_LDADD = $(TEST_LIBS)
tests_unit_test_datetime_SOURCES = tests/unit/test_datetime.c
tests_unit_test_datetime_LDADD = $(TEST_LIBS)
tests_unit_test_strbuf_SOURCES = tests/unit/test_strbuf.c
tests_unit_test_strbuf_LDADD = $(TEST_LIBS)
tests_unit_test_fmtnum_SOURCES = tests/unit/test_fmtnum.c
tests_unit_test_fmtnum_LDADD = $(TEST_LIBS)
tests_unit_test_num_SOURCES = tests/unit/test_num.c
tests_unit_test_num_LDADD = $(TEST_LIBS)
tests_unit_test_outfile_SOURCES = tests/unit/test_outfile.c
tests_unit_test_outfile_LDADD = $(TEST_LIBS)
tests_unit_test_utf8_SOURCES = tests/unit/test_utf8.c
tests_unit_test_utf8_LDADD = $(TEST_LIBS)
tests_unit_test_inifile_SOURCES = tests/unit/test_inifile.c
tests_unit_test_inifile_LDADD = $(TEST_LIBS)

## src/load
unit_load = tests/unit/test_table tests/unit/test_load tests/unit/test_survdata \
	tests/unit/test_revhist tests/unit/test_source tests/unit/test_fieldread \
	tests/unit/test_loadopts tests/unit/test_rollup tests/unit/test_csvscan
tests_unit_test_rollup_SOURCES = tests/unit/test_rollup.c
tests_unit_test_rollup_LDADD = $(TEST_LIBS)
tests_unit_test_fieldread_SOURCES = tests/unit/test_fieldread.c
tests_unit_test_fieldread_LDADD = $(TEST_LIBS)
tests_unit_test_loadopts_SOURCES = tests/unit/test_loadopts.c
tests_unit_test_loadopts_LDADD = $(TEST_LIBS)
tests_unit_test_table_SOURCES = tests/unit/test_table.c
tests_unit_test_table_LDADD = $(TEST_LIBS)
tests_unit_test_csvscan_SOURCES = tests/unit/test_csvscan.c tests/csvdiff.c tests/csvdiff.h
tests_unit_test_csvscan_LDADD = $(TEST_LIBS)
tests_unit_test_load_SOURCES = tests/unit/test_load.c
tests_unit_test_load_LDADD = $(TEST_LIBS)
tests_unit_test_survdata_SOURCES = tests/unit/test_survdata.c
tests_unit_test_survdata_LDADD = $(TEST_LIBS)
tests_unit_test_revhist_SOURCES = tests/unit/test_revhist.c
tests_unit_test_revhist_LDADD = $(TEST_LIBS)
tests_unit_test_source_SOURCES = tests/unit/test_source.c
tests_unit_test_source_LDADD = $(TEST_LIBS)

## src/survival (test_surv_run: the stage's runner)
unit_survival = tests/unit/test_km tests/unit/test_logrank tests/unit/test_hazard \
	tests/unit/test_surv_analysis tests/unit/test_surv_prep tests/unit/test_surv_run
tests_unit_test_km_SOURCES = tests/unit/test_km.c $(SURV_FIXTURE_SRC)
tests_unit_test_km_LDADD = $(TEST_LIBS)
tests_unit_test_logrank_SOURCES = tests/unit/test_logrank.c $(SURV_FIXTURE_SRC)
tests_unit_test_logrank_LDADD = $(TEST_LIBS)
tests_unit_test_hazard_SOURCES = tests/unit/test_hazard.c $(SURV_FIXTURE_SRC)
tests_unit_test_hazard_LDADD = $(TEST_LIBS)
tests_unit_test_surv_analysis_SOURCES = tests/unit/test_surv_analysis.c \
	$(SURV_FIXTURE_SRC)
tests_unit_test_surv_analysis_LDADD = $(TEST_LIBS)
tests_unit_test_surv_prep_SOURCES = tests/unit/test_surv_prep.c
tests_unit_test_surv_prep_LDADD = $(TEST_LIBS)
tests_unit_test_surv_run_SOURCES = tests/unit/test_surv_run.c
tests_unit_test_surv_run_LDADD = $(TEST_LIBS)

## src/cohort (test_cohort_run: the stage's runner)
unit_cohort = tests/unit/test_cohort tests/unit/test_kpi tests/unit/test_revenue \
	tests/unit/test_cohort_r tests/unit/test_cohort_output tests/unit/test_cohort_run \
	tests/unit/test_cohort_weight
tests_unit_test_cohort_SOURCES = tests/unit/test_cohort.c tests/unit/cohort_fixture.h
tests_unit_test_cohort_LDADD = $(TEST_LIBS)
tests_unit_test_kpi_SOURCES = tests/unit/test_kpi.c tests/unit/cohort_fixture.h
tests_unit_test_kpi_LDADD = $(TEST_LIBS)
tests_unit_test_revenue_SOURCES = tests/unit/test_revenue.c
tests_unit_test_revenue_LDADD = $(TEST_LIBS)
tests_unit_test_cohort_r_SOURCES = tests/unit/test_cohort_r.c
tests_unit_test_cohort_r_LDADD = $(TEST_LIBS)
tests_unit_test_cohort_output_SOURCES = tests/unit/test_cohort_output.c tests/unit/cohort_fixture.h
tests_unit_test_cohort_output_LDADD = $(TEST_LIBS)
tests_unit_test_cohort_run_SOURCES = tests/unit/test_cohort_run.c
tests_unit_test_cohort_run_LDADD = $(TEST_LIBS)
tests_unit_test_cohort_weight_SOURCES = tests/unit/test_cohort_weight.c tests/unit/cohort_fixture.h
tests_unit_test_cohort_weight_LDADD = $(TEST_LIBS)

## src/model (test_model_run: the stage's runner)
unit_model = tests/unit/test_design tests/unit/test_logit tests/unit/test_firth \
	tests/unit/test_cox tests/unit/test_validate tests/unit/test_horizon \
	tests/unit/test_coxph tests/unit/test_model_run
tests_unit_test_design_SOURCES = tests/unit/test_design.c
tests_unit_test_design_LDADD = $(TEST_LIBS)
unit_model += tests/unit/test_design_share
tests_unit_test_design_share_SOURCES = tests/unit/test_design_share.c
tests_unit_test_design_share_LDADD = $(TEST_LIBS)
tests_unit_test_firth_SOURCES = tests/unit/test_firth.c
tests_unit_test_firth_LDADD = $(TEST_LIBS)
tests_unit_test_logit_SOURCES = tests/unit/test_logit.c
tests_unit_test_logit_LDADD = $(TEST_LIBS)
tests_unit_test_cox_SOURCES = tests/unit/test_cox.c
tests_unit_test_cox_LDADD = $(TEST_LIBS)
tests_unit_test_coxph_SOURCES = tests/unit/test_coxph.c
tests_unit_test_coxph_LDADD = $(TEST_LIBS)
tests_unit_test_validate_SOURCES = tests/unit/test_validate.c
tests_unit_test_validate_LDADD = $(TEST_LIBS)
tests_unit_test_horizon_SOURCES = tests/unit/test_horizon.c
tests_unit_test_horizon_LDADD = $(TEST_LIBS)
tests_unit_test_model_run_SOURCES = tests/unit/test_model_run.c
tests_unit_test_model_run_LDADD = $(TEST_LIBS)
# coeftab (issue 11): the one coefficient table of the logistic and Cox results
unit_model += tests/unit/test_coeftab
tests_unit_test_coeftab_SOURCES = tests/unit/test_coeftab.c
tests_unit_test_coeftab_LDADD = $(TEST_LIBS)
# fixdriver (review G8): the Wald test of a term as a whole
unit_model += tests/unit/test_termtest
tests_unit_test_termtest_SOURCES = tests/unit/test_termtest.c
tests_unit_test_termtest_LDADD = $(TEST_LIBS)
# perf2 (issue 15 item 2): the Cox fit's sorted rows shared and counting-sorted,
# one sort for the quality tables
unit_model += tests/unit/test_model_shared
tests_unit_test_model_shared_SOURCES = tests/unit/test_model_shared.c
tests_unit_test_model_shared_LDADD = $(TEST_LIBS)
# cells (issue 15 item 2): the Cox and logistic passes on cell sums against
# the dense walk and sums made row by row
unit_model += tests/unit/test_cox_cells tests/unit/test_logit_cells
tests_unit_test_cox_cells_SOURCES = tests/unit/test_cox_cells.c
tests_unit_test_cox_cells_LDADD = $(TEST_LIBS)
tests_unit_test_logit_cells_SOURCES = tests/unit/test_logit_cells.c
tests_unit_test_logit_cells_LDADD = $(TEST_LIBS)

## src/segment (test_segment_run: the stage's runner)
unit_segment = tests/unit/test_segment tests/unit/test_recommend \
	tests/unit/test_segment_run
tests_unit_test_segment_SOURCES = tests/unit/test_segment.c
tests_unit_test_segment_LDADD = $(TEST_LIBS)
tests_unit_test_recommend_SOURCES = tests/unit/test_recommend.c
tests_unit_test_recommend_LDADD = $(TEST_LIBS)
tests_unit_test_segment_run_SOURCES = tests/unit/test_segment_run.c
tests_unit_test_segment_run_LDADD = $(TEST_LIBS)
## --weight: the scores list and segments count the weighted customers as expanded.
unit_segment += tests/unit/test_segment_weights
tests_unit_test_segment_weights_SOURCES = tests/unit/test_segment_weights.c
tests_unit_test_segment_weights_LDADD = $(TEST_LIBS)
## Rules the stages hold for every caller (the --by cap, revenue at risk,
## the previous period's cost of churn, "at risk"), from C.
unit_segment += tests/unit/test_stage_rules
tests_unit_test_stage_rules_SOURCES = tests/unit/test_stage_rules.c
tests_unit_test_stage_rules_LDADD = $(TEST_LIBS)

## src/findings (test_findings_run: the stage's runner)
tests_unit_test_findings_run_SOURCES = tests/unit/test_findings_run.c
tests_unit_test_findings_run_LDADD = $(TEST_LIBS)
unit_findings = tests/unit/test_findings tests/unit/test_findings_run
tests_unit_test_findings_SOURCES = tests/unit/test_findings.c
tests_unit_test_findings_LDADD = $(TEST_LIBS)
## findx: the findings in plain words, their ranking by MRR, their actions
unit_findings += tests/unit/test_findings_plain
tests_unit_test_findings_plain_SOURCES = tests/unit/test_findings_plain.c
tests_unit_test_findings_plain_LDADD = $(TEST_LIBS)

## src/output
unit_output = tests/unit/test_textpad tests/unit/test_tablename
tests_unit_test_textpad_SOURCES = tests/unit/test_textpad.c
tests_unit_test_textpad_LDADD = $(TEST_LIBS)
tests_unit_test_tablename_SOURCES = tests/unit/test_tablename.c
tests_unit_test_tablename_LDADD = $(TEST_LIBS)
## arch2b: the terminal's table cells (src/output/cell.c)
unit_output += tests/unit/test_cell
tests_unit_test_cell_SOURCES = tests/unit/test_cell.c
tests_unit_test_cell_LDADD = $(TEST_LIBS)

## src/report (pdf/, chart/, pages/); test_pdf draws tests/pdf/sample.c's
## document.
unit_report = tests/unit/test_pdf tests/unit/test_chart tests/unit/test_fmt
tests_unit_test_pdf_SOURCES = tests/unit/test_pdf.c tests/pdf/sample.c tests/pdf/sample.h
tests_unit_test_pdf_LDADD = $(TEST_LIBS)
tests_unit_test_chart_SOURCES = tests/unit/test_chart.c
tests_unit_test_chart_LDADD = $(TEST_LIBS)
tests_unit_test_fmt_SOURCES = tests/unit/test_fmt.c
tests_unit_test_fmt_LDADD = $(TEST_LIBS)

## samples/ (the seeded generator)
unit_samples = tests/unit/test_gen_samples
tests_unit_test_gen_samples_SOURCES = tests/unit/test_gen_samples.c samples/gen.c \
	samples/gen.h
tests_unit_test_gen_samples_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/samples
tests_unit_test_gen_samples_LDADD = $(TEST_LIBS)

## Issue 11 (arch1): the report's input from the stage runs (src/report)
## and the renderers moved out of src/cli (src/output).
unit_report += tests/unit/test_report_input
tests_unit_test_report_input_SOURCES = tests/unit/test_report_input.c
tests_unit_test_report_input_LDADD = $(TEST_LIBS)
unit_output += tests/unit/test_run_out
tests_unit_test_run_out_SOURCES = tests/unit/test_run_out.c
tests_unit_test_run_out_LDADD = $(TEST_LIBS)

unit_tests = $(unit_self) $(unit_util) $(unit_load) $(unit_survival) $(unit_cohort) $(unit_model) \
	$(unit_segment) $(unit_findings) $(unit_output) $(unit_report) $(unit_samples)
check_PROGRAMS += $(unit_tests)
TESTS += $(unit_tests)
EXTRA_DIST += tests/unit/local.mk

## words (issue 13 item 6): labels of columns and levels, money, the noise rule.
unit_words = tests/unit/test_labels
tests_unit_test_labels_SOURCES = tests/unit/test_labels.c
tests_unit_test_labels_LDADD = $(TEST_LIBS)
check_PROGRAMS += $(unit_words)
TESTS += $(unit_words)
## layout: revenue retention by cohort (cohort_revenue.h)
unit_layout = tests/unit/test_cohort_revenue
tests_unit_test_cohort_revenue_SOURCES = tests/unit/test_cohort_revenue.c
tests_unit_test_cohort_revenue_LDADD = $(TEST_LIBS)
check_PROGRAMS += $(unit_layout)
TESTS += $(unit_layout)
## layout: the overall survival curve's style and legend (chart_km)
unit_layout_km = tests/unit/test_km_overall
tests_unit_test_km_overall_SOURCES = tests/unit/test_km_overall.c
tests_unit_test_km_overall_LDADD = $(TEST_LIBS)
check_PROGRAMS += $(unit_layout_km)
TESTS += $(unit_layout_km)
## flabels: the findings and actions name columns and levels by their labels
unit_flabels = tests/unit/test_findings_labels
tests_unit_test_findings_labels_SOURCES = tests/unit/test_findings_labels.c
tests_unit_test_findings_labels_LDADD = $(TEST_LIBS)
check_PROGRAMS += $(unit_flabels)
TESTS += $(unit_flabels)
## gray (issue 14 item 3): Gray's test against cmprsk::cuminc
## (tests/fixtures/gray/make_gray.R).
unit_gray = tests/unit/test_gray
tests_unit_test_gray_SOURCES = tests/unit/test_gray.c
tests_unit_test_gray_LDADD = $(TEST_LIBS)
check_PROGRAMS += $(unit_gray)
TESTS += $(unit_gray)
## cuminc (issue 14 item 3): cumulative incidence of competing churn reasons
unit_cuminc = tests/unit/test_cuminc
tests_unit_test_cuminc_SOURCES = tests/unit/test_cuminc.c
tests_unit_test_cuminc_LDADD = $(TEST_LIBS)
check_PROGRAMS += $(unit_cuminc)
TESTS += $(unit_cuminc)

## reasons (issue 14 items 1-2): the churn-reason breakdown and the loader's reason rule.
unit_reasons = tests/unit/test_reasons
tests_unit_test_reasons_SOURCES = tests/unit/test_reasons.c
tests_unit_test_reasons_LDADD = $(TEST_LIBS)
check_PROGRAMS += $(unit_reasons)
TESTS += $(unit_reasons)
## rpage (issue 14): the reasons page's chart and the reasons' finding.
unit_rpage = tests/unit/test_chart_stacked tests/unit/test_findings_reasons
tests_unit_test_chart_stacked_SOURCES = tests/unit/test_chart_stacked.c
tests_unit_test_chart_stacked_LDADD = $(TEST_LIBS)
tests_unit_test_findings_reasons_SOURCES = tests/unit/test_findings_reasons.c
tests_unit_test_findings_reasons_LDADD = $(TEST_LIBS)
check_PROGRAMS += $(unit_rpage)
TESTS += $(unit_rpage)
## perf (issue 15): the opt-in stage timers (CHURNKIT_TIMING=1)
unit_perf = tests/unit/test_stagetime
tests_unit_test_stagetime_SOURCES = tests/unit/test_stagetime.c
tests_unit_test_stagetime_LDADD = $(TEST_LIBS)
check_PROGRAMS += $(unit_perf)
TESTS += $(unit_perf)
## xlsx (issue 16 item 4): the workbook's sheet-name rule.
unit_xlsx = tests/unit/test_tablebook
tests_unit_test_tablebook_SOURCES = tests/unit/test_tablebook.c
tests_unit_test_tablebook_LDADD = $(TEST_LIBS)
check_PROGRAMS += $(unit_xlsx)
TESTS += $(unit_xlsx)
## progress (issue 16 item 5): the progress line's clock (stagetime.h)
unit_progress = tests/unit/test_stageprogress
tests_unit_test_stageprogress_SOURCES = tests/unit/test_stageprogress.c
tests_unit_test_stageprogress_LDADD = $(TEST_LIBS)
check_PROGRAMS += $(unit_progress)
TESTS += $(unit_progress)

## pg (issue 16 item 1): a source over a reader, as the PostgreSQL source is.
unit_pg = tests/unit/test_source_reader
check_PROGRAMS += $(unit_pg)
TESTS += $(unit_pg)
tests_unit_test_source_reader_SOURCES = tests/unit/test_source_reader.c
tests_unit_test_source_reader_LDADD = $(TEST_LIBS)

## perf (issue 15): src/util/order.c, the radix sort and the selection.
unit_util += tests/unit/test_order
tests_unit_test_order_SOURCES = tests/unit/test_order.c
tests_unit_test_order_LDADD = $(TEST_LIBS)
unit_util += tests/unit/test_numfast
tests_unit_test_numfast_SOURCES = tests/unit/test_numfast.c
tests_unit_test_numfast_LDADD = $(TEST_LIBS)
unit_model += tests/unit/test_cumhaz_days
tests_unit_test_cumhaz_days_SOURCES = tests/unit/test_cumhaz_days.c
tests_unit_test_cumhaz_days_LDADD = $(TEST_LIBS)
unit_findings += tests/unit/test_findings_group
tests_unit_test_findings_group_SOURCES = tests/unit/test_findings_group.c
tests_unit_test_findings_group_LDADD = $(TEST_LIBS)
unit_util += tests/unit/test_memhint
tests_unit_test_memhint_SOURCES = tests/unit/test_memhint.c
tests_unit_test_memhint_LDADD = $(TEST_LIBS)

## src/output: every renderer.  The JSON number encoder and helpers, and
## each stage's JSON, plain-text and CSV renderings (the stage folders
## compute; the renderers read their results).  CSV cells: src/util/sheet.c.
libchurnkit_a_SOURCES += \
	include/churnkit/surv_json.h src/output/surv_json.c \
	include/churnkit/surv_print.h src/output/surv_print.c \
	include/churnkit/surv_csv.h src/output/surv_csv.c \
	include/churnkit/cohort_output.h src/output/cohort_json.c \
	src/output/cohort_text.c src/output/cohort_csv.c \
	include/churnkit/model_json.h src/output/model_json.c src/output/model_print.c \
	src/output/model_csv.c include/churnkit/scores_csv.h src/output/scores_csv.c \
	include/churnkit/tablecsv.h src/output/tablecsv.c \
	src/output/model_run_out.c src/output/surv_run_out.c src/output/cohort_run_out.c \
	src/output/segment_run_out.c \
	include/churnkit/scores_out.h src/output/scores_out.c \
	include/churnkit/findings_json.h src/output/findings_json.c
libchurnkit_a_SOURCES += src/output/jsonout.c include/churnkit/jsonout.h \
	src/output/profile_out.c
libchurnkit_a_SOURCES += src/output/textpad.c include/churnkit/textpad.h

libchurnkit_a_SOURCES += src/output/tablename.c include/churnkit/tablename.h
## Issue 11 (arch1): what the commands printed and built in src/cli: the
## document of a run (run_json), the header lines (run_text) and the
## report command's JSON blocks and summary (report_out).
libchurnkit_a_SOURCES += include/churnkit/run_json.h src/output/run_json.c \
	include/churnkit/run_text.h src/output/run_text.c \
	include/churnkit/report_out.h src/output/report_out.c

## arch2b: one cell-to-text helper for the terminal's tables.
libchurnkit_a_SOURCES += src/output/cell.c include/churnkit/cell.h
# The executive summary's trend and MRR bridge in the report's JSON (issue 13).
libchurnkit_a_SOURCES += include/churnkit/report_exec_json.h src/output/report_exec_json.c

# layout: revenue retention by cohort (JSON, --tables)
libchurnkit_a_SOURCES += include/churnkit/cohort_revenue_out.h src/output/cohort_revenue_out.c

# reasons (issue 14 items 1-2): the churn-reason breakdown as text, JSON, CSV
libchurnkit_a_SOURCES += include/churnkit/reasons_out.h src/output/reasons_out.c
## The survival stage's competing risks as text, JSON and tables (--reason).
libchurnkit_a_SOURCES += include/churnkit/surv_reasons_out.h src/output/surv_reasons_out.c

# xlsx (issue 16 item 4): the --xlsx workbook, the tables writer's second sink.
libchurnkit_a_SOURCES += include/churnkit/tablebook.h src/output/tablebook.c \
	src/output/tablebook_name.c

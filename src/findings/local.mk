## src/findings/local.mk (included by Makefile.am).
## The executive summary's findings: ranked sentences from the computed
## results (owner: the findings part).  Fixtures: tests/fixtures/findings/,
## written by make_findings.R with R's survival package.
libchurnkit_a_SOURCES += src/findings/findings.c src/findings/findings_kinds.h \
	src/findings/findings_common.c src/findings/findings_common.h \
	src/findings/findings_segments.c src/findings/findings_descriptive.c \
	src/findings/findings_drivers.c src/findings/findings_compare.c \
	src/findings/findings_compare.h include/churnkit/findings.h \
	src/findings/findings_run.c include/churnkit/findings_run.h \
	src/findings/findings_concern.c \
	src/findings/findings_actions.c include/churnkit/findings_actions.h
# rpage (issue 14): which churn reasons grew, the involuntary-churn action.
libchurnkit_a_SOURCES += src/findings/findings_reasons.c include/churnkit/findings_reasons.h
# reasons2 (issue 14): the reasons' finding and action in the story.
libchurnkit_a_SOURCES += src/findings/findings_reason_story.c

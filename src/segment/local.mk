## src/segment: sources of this stage (included by Makefile.am; its tests:
## tests/unit/local.mk).
## Value x risk segments with expected loss, the playbook per cell,
## incentives where they pay, and an action per scored customer
## (segment.h, recommend.h).  Reference numbers: tests/fixtures/segment/
## (make_fixtures.R).
libchurnkit_a_SOURCES += \
	include/churnkit/segment.h src/segment/segment.c \
	include/churnkit/recommend.h src/segment/recommend.c \
	include/churnkit/segment_run.h src/segment/segment_run.c

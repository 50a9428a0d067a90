## tests/structure (included by Makefile.am): checks of the code's shape.
## cycles.sh: no two source files of libchurnkit.a depend on each other
## (read from the objects with nm), but the cycles it lists as known.
## includes.sh: every include points down the folder order written in it.
## lengths.sh: no file under src/ or include/ over 600 lines, but the
## known ones.  selftest.sh: each of them fails on a tiny tree with a
## violation.
TESTS += tests/structure/cycles.sh tests/structure/includes.sh \
	tests/structure/lengths.sh tests/structure/selftest.sh
EXTRA_DIST += tests/structure/cycles.sh tests/structure/includes.sh \
	tests/structure/lengths.sh tests/structure/selftest.sh tests/structure/local.mk

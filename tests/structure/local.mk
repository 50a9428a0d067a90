## tests/structure (included by Makefile.am): checks of the code's shape.
## cycles.sh: no two source files of libchurnkit.a depend on each other
## (read from the objects with nm), but the cycles it lists as known.
TESTS += tests/structure/cycles.sh
EXTRA_DIST += tests/structure/cycles.sh tests/structure/local.mk

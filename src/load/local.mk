## src/load: sources and tests of this stage (included by Makefile.am).

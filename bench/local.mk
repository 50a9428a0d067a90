## bench: sources and tests of this stage (included by Makefile.am).

## bench: the loader and pipeline benchmark (bench/run.sh, not a test; see
## bench/README.md).  bench/bench_cohort is declared in src/cohort/local.mk.
EXTRA_DIST += bench/run.sh bench/README.md
## perf (issue 15): the report against the peers, with the stage table.
EXTRA_DIST += bench/compare.sh

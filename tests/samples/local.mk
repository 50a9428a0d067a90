## tests/samples (included by tests/local.mk): the sample generator from the
## command line (its unit test is tests/unit/test_gen_samples).
TESTS += tests/samples/gen_cli.sh
EXTRA_DIST += tests/samples/gen_cli.sh tests/samples/local.mk

# sample: the churn_reason column (unchanged other bytes, its documented process).
TESTS += tests/samples/reason_cli.sh
EXTRA_DIST += tests/samples/reason_cli.sh

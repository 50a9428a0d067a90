## docs: the contract, the method and the domain the code relies on (its
## comments cite these files).
EXTRA_DIST += docs/README.md docs/contract.md docs/method.md docs/domain.md
EXTRA_DIST += docs/findings.md
# pushdown (issue 16 item 2, issue 15 item 7): the sufficient statistics and --push-down.
EXTRA_DIST += docs/scaling.md

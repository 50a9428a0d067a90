## docs: the contract, the method and the domain the code relies on (its
## comments cite these files).
EXTRA_DIST += docs/README.md docs/contract.md docs/method.md docs/domain.md
EXTRA_DIST += docs/findings.md

# tests/build.mk: rules for tests/ (included by the top-level Makefile).

# tools/ self-test: the suite runner counts what it is told.
TEST_SUITES += harness
.PHONY: test-harness
test-harness:
	@$(SUITE) harness tests/harness_test.sh

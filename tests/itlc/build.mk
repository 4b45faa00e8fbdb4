# tests/itlc/build.mk: the itlc suite (golden WAT, exact diagnostics, command line).
TEST_SUITES += itlc
.PHONY: test-itlc
test-itlc: $(BIN)/itlc
	@$(SUITE) itlc tests/itlc/run.sh

# tests/js/build.mk: the Node loader's test suite (node --test; loader/js, examples).
# Needs node and wat2wasm; the examples test needs `make examples` (part of all).

TEST_SUITES += js
.PHONY: test-js
test-js:
	@$(SUITE) js node tests/js/run.js

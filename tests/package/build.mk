# tests/package/build.mk: the JS loader's npm package (loader/js/package.json): npm pack, install
# in a scratch project outside the tree, require/import it by name, type-check TypeScript using it.
# Needs npm, `make examples` (part of all) and tools/npm/node_modules (`make deps`: typescript).

TEST_SUITES += package
.PHONY: test-package
test-package:
	@$(SUITE) package node tests/js/run.js tests/package/package.test.js

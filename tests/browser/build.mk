# tests/browser/build.mk: the JS loader in headless Chromium (Debian's chromium, driven by
# puppeteer-core from tools/npm): the fizzbuzz and strings examples in a page served on 127.0.0.1,
# compared with Node's results. Needs `make examples` (part of all) and `make deps`.

TEST_SUITES += browser
.PHONY: test-browser
test-browser:
	@$(SUITE) browser node tests/js/run.js tests/browser/browser.test.js

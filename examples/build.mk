# examples/build.mk: rules for examples/ (included by the top-level Makefile).

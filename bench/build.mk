# bench/build.mk: rules for bench/ (included by the top-level Makefile).

# runtime/build.mk: rules for runtime/ (included by the top-level Makefile).

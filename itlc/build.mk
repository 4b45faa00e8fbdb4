# itlc/build.mk: rules for itlc/ (included by the top-level Makefile).

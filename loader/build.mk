# loader/build.mk: rules for loader/ (included by the top-level Makefile).

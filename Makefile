# SPDX-License-Identifier: LGPL-2.1-or-later
#
# fwdesc: the only build entry point (GNU make).
#
#   make                  generated code, libraries, fwdesc
#   make generated        regenerate generated/ from schema/ (committed)
#   make check            every test; ends with "N passed, N failed"
#   make check-sanitize   all tests in an ASan+UBSan build
#   make check-valgrind   all C tests under memcheck (errors and leaks fatal)
#   make fuzz             bounded libFuzzer runs
#   make bench            benchmarks, ratios measured in one run
#   make install          PREFIX, DESTDIR, LIBDIR, INCLUDEDIR honoured
#
# Out of tree: make O=DIR (default build/).  Each layer keeps its rules in a
# fragment next to its sources; this file holds only what they share.

O ?= build
B := $(O)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig

VERSION := 0.1.0
SOVERSION := 0

PYTHON ?= python3
CC ?= cc
PKG_CONFIG ?= pkg-config

DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags glib-2.0 json-glib-1.0 2>/dev/null)
DEPS_LIBS := $(shell $(PKG_CONFIG) --libs glib-2.0 json-glib-1.0 2>/dev/null)

WARN_CFLAGS := -Wall -Wextra -Werror
OPT_CFLAGS ?= -O2 -g
CFLAGS ?= $(OPT_CFLAGS)
# Sanitizer and fuzz builds add to these.
EXTRA_CFLAGS ?=
EXTRA_LDFLAGS ?=

ALL_CFLAGS := -std=gnu11 $(WARN_CFLAGS) $(CFLAGS) $(EXTRA_CFLAGS) -fPIC \
              -Isrc/include -Igenerated $(DEPS_CFLAGS) \
              -DFWDESC_VERSION='"$(VERSION)"'
ALL_LDFLAGS := $(LDFLAGS) $(EXTRA_LDFLAGS)

# Fragments append to these.
ALL_TARGETS :=
GENERATED_FILES :=
INSTALL_TARGETS :=
# Test programs the driver runs (each prints TAP); built by 'make check'.
TEST_PROGRAMS :=
# Tests that are Python scripts (run with $(PYTHON)).
TEST_SCRIPTS :=
# C test binaries that also run under valgrind / sanitizers.
C_TEST_PROGRAMS :=
FUZZ_TARGETS :=
BENCH_TARGETS :=
PUBLIC_HEADERS :=

.PHONY: all generated check check-sanitize check-valgrind fuzz bench \
        install clean check-generated
all: all-targets

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Libraries: the runtime (any generated schema links against it) and the
# firmware library on top of it.  Fragments fill the *_OBJS lists; each
# library exports only what its version script lists.
RUNTIME_LIB := fwdesc-qapi
FIRMWARE_LIB := fwdesc
RUNTIME_OBJS :=
FIRMWARE_OBJS :=

include scripts/qapi.mk
include src/runtime/runtime.mk
include src/firmware/firmware.mk
include src/tools/tools.mk
include tests/tests.mk

define library_rules
$(B)/lib$(1).a: $$($(2))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && $$(AR) rcs $$@ $$^
$(B)/lib$(1).so.$(SOVERSION): $$($(2)) $(3) $(4)
	@mkdir -p $$(dir $$@)
	$$(CC) -shared -Wl,-soname,lib$(1).so.$(SOVERSION) \
	    -Wl,--version-script=$(3) -Wl,--no-undefined -o $$@ $$($(2)) \
	    $(5) $$(ALL_LDFLAGS) $$(DEPS_LIBS)
$(B)/lib$(1).so: $(B)/lib$(1).so.$(SOVERSION)
	ln -sf lib$(1).so.$(SOVERSION) $$@
ALL_TARGETS += $(B)/lib$(1).a $(B)/lib$(1).so
endef

$(eval $(call library_rules,$(RUNTIME_LIB),RUNTIME_OBJS,src/runtime/lib$(RUNTIME_LIB).map,,))
$(eval $(call library_rules,$(FIRMWARE_LIB),FIRMWARE_OBJS,src/firmware/lib$(FIRMWARE_LIB).map,$(B)/lib$(RUNTIME_LIB).so,-L$(B) -l$(RUNTIME_LIB)))

# Static linking for tests and the tool: no LD_LIBRARY_PATH games.
RUNTIME_STATIC := $(B)/lib$(RUNTIME_LIB).a
FIRMWARE_STATIC := $(B)/lib$(FIRMWARE_LIB).a

all-targets: $(ALL_TARGETS)

check: all $(TEST_PROGRAMS)
	$(PYTHON) tests/run-tests --build-dir $(B) $(TEST_PROGRAMS) $(TEST_SCRIPTS)

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)

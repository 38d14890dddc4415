# SPDX-License-Identifier: LGPL-2.1-or-later
#
# fwdesc: the only build entry point (GNU make).
#
#   make                  generated code (committed, not regenerated), libraries, fwdesc
#   make demo             list and select over the bundled example descriptors
#   make generated        regenerate generated/ from schema/ (committed)
#   make check-generated  fail if regenerating would change generated/
#   make check-format     fail if clang-format (.clang-format) would change
#                         any C file of src/ or tests/; 'make format' does it
#   make check            every test; ends with "N passed, N failed"
#   make check-sanitize   all tests in an ASan+UBSan build ($(B)/sanitize)
#   make check-valgrind   all C tests, and fwdesc in the CLI tests, under memcheck
#                         (errors and definite/indirect leaks fatal)
#   make fuzz             bounded libFuzzer runs (clang; FUZZ_SECONDS per target)
#   make bench            benchmarks, ratios measured in one run
#   make install          PREFIX, DESTDIR, BINDIR, LIBDIR, INCLUDEDIR, DATADIR,
#                         MANDIR, PKGCONFIGDIR honoured
#   make uninstall        the reverse, same variables
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
DESTDIR ?=

VERSION := 0.1.0
SOVERSION := 0

PYTHON ?= python3
CC ?= cc
PKG_CONFIG ?= pkg-config
INSTALL ?= install
VALGRIND ?= valgrind
FUZZ_CC ?= clang

DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags glib-2.0 gio-2.0 json-glib-1.0 2>/dev/null)
DEPS_LIBS := $(shell $(PKG_CONFIG) --libs glib-2.0 gio-2.0 json-glib-1.0 2>/dev/null)

WARN_CFLAGS := -Wall -Wextra -Werror
OPT_CFLAGS ?= -O2 -g
CFLAGS ?= $(OPT_CFLAGS)
# Sanitizer and fuzz builds add to these.
EXTRA_CFLAGS ?=
EXTRA_LDFLAGS ?=

ALL_CFLAGS := -std=gnu11 $(WARN_CFLAGS) $(CFLAGS) $(EXTRA_CFLAGS) -fPIC \
              -Isrc/include -Isrc/common -Igenerated $(DEPS_CFLAGS) \
              -DFWDESC_VERSION='"$(VERSION)"'
ALL_LDFLAGS := $(LDFLAGS) $(EXTRA_LDFLAGS)

# Fragments append to these.
ALL_TARGETS :=
GENERATED_FILES :=
INSTALL_TARGETS :=
# Test programs the driver runs (each prints TAP); built by 'make check'.
TEST_PROGRAMS :=
# Tests that are Python or shell scripts (run by the driver).
TEST_SCRIPTS :=
# Built by 'make check' for the tests, not run (helpers, shims, data).
TEST_DEPS :=
# C test binaries that also run under valgrind / sanitizers.
C_TEST_PROGRAMS :=
# libFuzzer harnesses; built only in the fuzz build ($(B)/fuzz, clang).
FUZZ_TARGETS :=
# Benchmark programs or *.py scripts; 'make bench' runs each in turn.
BENCH_TARGETS :=
PUBLIC_HEADERS :=

.PHONY: all all-targets generated check check-sanitize check-valgrind fuzz \
        fuzz-build fuzz-run bench install uninstall clean check-generated \
        demo install-headers install-libs install-tool install-generator \
        check-format format \
        install-pkgconfig
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
# Static linking for tests and the tool: no LD_LIBRARY_PATH games.
# (Defined before the fragments: they use these in prerequisite lists,
# which make expands as it reads them.)
RUNTIME_STATIC := $(B)/lib$(RUNTIME_LIB).a
FIRMWARE_STATIC := $(B)/lib$(FIRMWARE_LIB).a

include scripts/qapi.mk
include src/runtime/runtime.mk
include src/firmware/firmware.mk
include src/tools/tools.mk
include src/examples/examples.mk
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

# pkg-config files, one per library, from templates beside the sources.
# By default they are relocatable: prefix is found from the .pc file's own
# place (${pcfiledir}, which pkg-config and pkgconf both define), so that
# a staged install (DESTDIR) works as it is and a moved tree still builds.
# PC_RELOCATABLE=0 writes absolute paths instead.
PC_RELOCATABLE ?= 1
PC_FILES := $(B)/$(RUNTIME_LIB).pc $(B)/$(FIRMWARE_LIB).pc
# "../.." from PKGCONFIGDIR up to PREFIX, when the former is below it.
pc_up = $(subst $(eval) ,/,$(patsubst %,..,$(subst /, ,$(patsubst $(PREFIX)/%,%,$(PKGCONFIGDIR)))))
pc_prefix = $(if $(filter 1,$(PC_RELOCATABLE)),$(if $(filter $(PREFIX)/%,$(PKGCONFIGDIR)),$${pcfiledir}/$(pc_up),$(PREFIX)),$(PREFIX))
pc_below = $(if $(filter $(PREFIX)/%,$(1)),$${prefix}/$(patsubst $(PREFIX)/%,%,$(1)),$(1))
PC_SUBST = sed -e 's|@PREFIX@|$(pc_prefix)|g' \
               -e 's|@BINDIR@|$(call pc_below,$(BINDIR))|g' \
               -e 's|@LIBDIR@|$(call pc_below,$(LIBDIR))|g' \
               -e 's|@INCLUDEDIR@|$(call pc_below,$(INCLUDEDIR))|g' \
               -e 's|@VERSION@|$(VERSION)|g'
# Rewritten only when the install variables change, so that .pc files
# follow a new PREFIX without rebuilding anything else.
PC_VARS := $(PREFIX) $(BINDIR) $(LIBDIR) $(INCLUDEDIR) $(PKGCONFIGDIR) \
           $(PC_RELOCATABLE)
$(B)/install-vars: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PC_VARS)' | cmp -s - $@ || echo '$(PC_VARS)' > $@
FORCE:
.PHONY: FORCE

$(B)/$(RUNTIME_LIB).pc: src/runtime/$(RUNTIME_LIB).pc.in Makefile $(B)/install-vars
	@mkdir -p $(dir $@)
	$(PC_SUBST) $< > $@.tmp && mv $@.tmp $@
$(B)/$(FIRMWARE_LIB).pc: src/firmware/$(FIRMWARE_LIB).pc.in Makefile $(B)/install-vars
	@mkdir -p $(dir $@)
	$(PC_SUBST) $< > $@.tmp && mv $@.tmp $@
ALL_TARGETS += $(PC_FILES)

all-targets: $(ALL_TARGETS)

# ---------------------------------------------------------------- tests

# Environment every test run gets: GLib's slice allocator off so valgrind
# and ASan see every block; abort on the first sanitizer report.
TEST_ENV := G_SLICE=always-malloc G_DEBUG=gc-friendly \
            ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
            FWDESC_BUILD_DIR=$(B)

# Tests that compile C of their own (generated code, a consumer program)
# call $CC: a wrapper that adds this build's EXTRA_CFLAGS/EXTRA_LDFLAGS,
# so that in the sanitizer build their programs are instrumented too and
# link against the instrumented libraries.
TEST_CC := $(B)/test-cc
$(TEST_CC): FORCE
	@mkdir -p $(dir $@)
	@{ echo '#!/bin/sh'; \
	   echo '# Generated by the Makefile: the compiler with this build'"'"'s extra flags.'; \
	   echo 'exec $(CC) "$$@" $(EXTRA_CFLAGS) $(EXTRA_LDFLAGS)'; } > $@.tmp
	@chmod 755 $@.tmp; if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi
TEST_DEPS += $(TEST_CC)
TEST_ENV += CC=$(abspath $(TEST_CC))

check: all $(TEST_PROGRAMS) $(TEST_DEPS)
	@$(TEST_ENV) $(PYTHON) tests/run-tests --build-dir $(B) \
	    $(TEST_PROGRAMS) $(TEST_SCRIPTS)

# One C style for src/ and tests/ (.clang-format, libvirt's).  The tracked
# files in a git checkout, every C file there otherwise; generated/ follows
# the generator's templates instead.  clang-format 14 is the reference:
# other versions may lay some lines out differently.
CLANG_FORMAT ?= clang-format
FORMAT_FILES = $(shell git ls-files 'src/*.[ch]' 'tests/*.[ch]' 2>/dev/null \
                 || find src tests -name '*.[ch]')
check-format:
	@$(CLANG_FORMAT) --dry-run -Werror $(FORMAT_FILES) && \
	    echo "check-format: $(words $(FORMAT_FILES)) files as .clang-format says"
format:
	$(CLANG_FORMAT) -i $(FORMAT_FILES)

SANITIZE_CFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
                   -fno-sanitize-recover=undefined
SANITIZE_LDFLAGS := -fsanitize=address,undefined

# A complete second build with sanitizers, then every test against it.
check-sanitize:
	+$(MAKE) --no-print-directory O=$(B)/sanitize OPT_CFLAGS='-O1 -g' \
	    EXTRA_CFLAGS='$(SANITIZE_CFLAGS)' \
	    EXTRA_LDFLAGS='$(SANITIZE_LDFLAGS)' check

# memcheck: any error, and any definitely or indirectly lost block, fails.
VALGRIND_CMD := $(VALGRIND) --quiet --error-exitcode=97 --leak-check=full \
                --show-leak-kinds=definite,indirect \
                --errors-for-leak-kinds=definite,indirect \
                --track-origins=yes --num-callers=30

# Test scripts that run our programs through $FWDESC_TEST_WRAPPER when it
# is set: under check-valgrind, every fwdesc they start runs in memcheck.
VALGRIND_SCRIPTS := $(wildcard tests/cli/test-cli.sh tests/cli/test-report-schema.py \
                              tests/cli/test-select.sh tests/cli/test-hostile.sh) \
                    tests/validate/test-qmp-replies.py tests/qmp-client/test-qmp-call.sh

check-valgrind: all $(C_TEST_PROGRAMS)
	@$(TEST_ENV) FWDESC_TEST_WRAPPER='$(VALGRIND_CMD)' \
	    $(PYTHON) tests/run-tests --build-dir $(B) \
	    --wrapper '$(VALGRIND_CMD)' $(C_TEST_PROGRAMS) $(VALGRIND_SCRIPTS)

# ---------------------------------------------------------------- fuzz

# Seconds each harness runs in 'make fuzz'; a crash, leak or timeout
# fails the run and leaves the reproducer in $(B)/fuzz/artifacts/.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_CFLAGS := -fsanitize=fuzzer-no-link,address,undefined \
               -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# The whole tree is rebuilt with clang and the fuzzer's instrumentation
# in its own directory; the harnesses link against those libraries.
# clang's warnings differ from gcc's: gcc's build is the -Werror gate.
fuzz:
	+$(MAKE) --no-print-directory O=$(B)/fuzz CC=$(FUZZ_CC) \
	    WARN_CFLAGS='-Wall -Wextra' OPT_CFLAGS='-O1 -g' \
	    EXTRA_CFLAGS='$(FUZZ_CFLAGS)' \
	    EXTRA_LDFLAGS='-fsanitize=address,undefined' \
	    FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz-run

fuzz-build: $(FUZZ_TARGETS)

fuzz-run: fuzz-build
	@$(TEST_ENV) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_FLAGS='$(FUZZ_FLAGS)' \
	    bash tests/fuzz/run-fuzz $(B) $(FUZZ_TARGETS)

# ---------------------------------------------------------------- bench

bench: all $(filter-out %.py,$(BENCH_TARGETS))
	@set -e; for t in $(BENCH_TARGETS); do \
	    echo "== $$t"; \
	    case $$t in \
	        *.py) $(PYTHON) $$t ;; \
	        *) $$t ;; \
	    esac; \
	done

# ---------------------------------------------------------------- demo

# The main job on the example descriptors shipped in tests/cli/data/
# (written for Debian's ovmf paths): resolve the directory, choose the
# firmware for an x86_64 q35 UEFI guest, once as it comes and once
# stateless without Secure Boot, each time saying why the others lost,
# then the QEMU arguments for the first choice.
DEMO_DIR ?= tests/cli/data
DEMO_QUERY := --arch x86_64 --machine pc-q35-9.2 --interface uefi --dir $(DEMO_DIR)
demo: all
	@echo '$$ fwdesc list --dir $(DEMO_DIR)'
	@$(B)/fwdesc list --dir $(DEMO_DIR)
	@echo; echo '$$ fwdesc select $(DEMO_QUERY) --explain'
	@$(B)/fwdesc select $(DEMO_QUERY) --explain 2>&1
	@echo; echo '$$ fwdesc select $(DEMO_QUERY) --mode stateless --no-feature secure-boot --explain'
	@$(B)/fwdesc select $(DEMO_QUERY) --mode stateless --no-feature secure-boot --explain 2>&1
	@echo; echo '$$ fwdesc cmdline "$$(fwdesc select $(DEMO_QUERY))" --vars vm-vars.fd'
	@$(B)/fwdesc cmdline "$$($(B)/fwdesc select $(DEMO_QUERY))" --vars vm-vars.fd

# ---------------------------------------------------------------- install

# Headers keep the layout the code includes them by ("qapi/...",
# "fwdesc/...", "firmware/..."), under one directory per library so
# that nothing lands in $(INCLUDEDIR) itself.
RUNTIME_HEADERS := $(wildcard src/include/qapi/*.h generated/qapi/*.h)
FIRMWARE_HEADERS := $(wildcard src/include/fwdesc/*.h)
FIRMWARE_GEN_HEADERS := $(wildcard generated/firmware/*.h)
REPORT_GEN_HEADERS := $(wildcard generated/report/*.h)
RUNTIME_INCDIR := $(INCLUDEDIR)/$(RUNTIME_LIB)
FIRMWARE_INCDIR := $(INCLUDEDIR)/$(FIRMWARE_LIB)
GENERATOR_DIR := $(DATADIR)/fwdesc/scripts
D := $(DESTDIR)

install: install-libs install-headers install-pkgconfig install-tool \
         install-generator

install-libs: $(B)/lib$(RUNTIME_LIB).so $(B)/lib$(FIRMWARE_LIB).so \
              $(RUNTIME_STATIC) $(FIRMWARE_STATIC)
	$(INSTALL) -d $(D)$(LIBDIR)
	$(INSTALL) -m 644 $(RUNTIME_STATIC) $(FIRMWARE_STATIC) $(D)$(LIBDIR)/
	set -e; for l in $(RUNTIME_LIB) $(FIRMWARE_LIB); do \
	    $(INSTALL) -m 755 $(B)/lib$$l.so.$(SOVERSION) \
	        $(D)$(LIBDIR)/lib$$l.so.$(VERSION); \
	    ln -sf lib$$l.so.$(VERSION) $(D)$(LIBDIR)/lib$$l.so.$(SOVERSION); \
	    ln -sf lib$$l.so.$(SOVERSION) $(D)$(LIBDIR)/lib$$l.so; \
	done

install-headers:
	$(INSTALL) -d $(D)$(RUNTIME_INCDIR)/qapi $(D)$(FIRMWARE_INCDIR)/fwdesc \
	    $(D)$(FIRMWARE_INCDIR)/firmware $(D)$(FIRMWARE_INCDIR)/report
	$(INSTALL) -m 644 $(RUNTIME_HEADERS) $(D)$(RUNTIME_INCDIR)/qapi/
	$(if $(FIRMWARE_HEADERS),$(INSTALL) -m 644 $(FIRMWARE_HEADERS) $(D)$(FIRMWARE_INCDIR)/fwdesc/)
	$(if $(FIRMWARE_GEN_HEADERS),$(INSTALL) -m 644 $(FIRMWARE_GEN_HEADERS) $(D)$(FIRMWARE_INCDIR)/firmware/)
	$(if $(REPORT_GEN_HEADERS),$(INSTALL) -m 644 $(REPORT_GEN_HEADERS) $(D)$(FIRMWARE_INCDIR)/report/)

install-pkgconfig: $(PC_FILES)
	$(INSTALL) -d $(D)$(PKGCONFIGDIR)
	$(INSTALL) -m 644 $(PC_FILES) $(D)$(PKGCONFIGDIR)/

install-tool: $(B)/fwdesc $(B)/fwdesc-qapi-validate \
		$(QAPI_FIRMWARE_DIR)/fwdesc-descriptor.5
	$(INSTALL) -d $(D)$(BINDIR) $(D)$(MANDIR)/man1
	$(INSTALL) -m 755 $(B)/fwdesc $(D)$(BINDIR)/fwdesc
	$(INSTALL) -m 755 $(B)/fwdesc-qapi-validate $(D)$(BINDIR)/fwdesc-qapi-validate
	$(if $(wildcard src/tools/fwdesc.1),$(INSTALL) -m 644 src/tools/fwdesc.1 $(D)$(MANDIR)/man1/)
	$(INSTALL) -m 644 src/tools/fwdesc-qapi-validate.1 $(D)$(MANDIR)/man1/
	$(INSTALL) -d $(D)$(MANDIR)/man5
	$(INSTALL) -m 644 generated/firmware/fwdesc-descriptor.5 $(D)$(MANDIR)/man5/

# The generator, for users' own schemas: the package under
# $(DATADIR)/fwdesc/scripts, a wrapper named fwdesc-qapi-gen on the PATH
# (QEMU's name "qapi-gen" is too generic for $(BINDIR)), the firmware
# schema beside it.
install-generator:
	$(INSTALL) -d $(D)$(GENERATOR_DIR) $(D)$(BINDIR) $(D)$(DATADIR)/fwdesc/schema
	set -e; cd scripts && find qapi -name '*.py' | while read -r f; do \
	    $(INSTALL) -D -m 644 "$$f" "$(abspath $(D)$(GENERATOR_DIR))/$$f"; \
	done
	$(INSTALL) -m 755 scripts/qapi-gen $(D)$(GENERATOR_DIR)/qapi-gen
	# Byte-compiled once here: users usually cannot write beside it.
	$(PYTHON) -m compileall -q $(D)$(GENERATOR_DIR)/qapi
	$(INSTALL) -m 644 schema/firmware.json schema/fwdesc-report.json \
	    $(D)$(DATADIR)/fwdesc/schema/
	$(if $(wildcard generated/report/fwdesc-report.schema.json),$(INSTALL) -m 644 \
	    generated/report/fwdesc-report.schema.json $(D)$(DATADIR)/fwdesc/schema/)
	$(if $(wildcard generated/firmware/firmware.schema.json),$(INSTALL) -m 644 \
	    generated/firmware/firmware.schema.json $(D)$(DATADIR)/fwdesc/schema/)
	rel=$$(realpath -m --relative-to='$(BINDIR)' '$(GENERATOR_DIR)') && \
	printf '#!/bin/sh\n# SPDX-License-Identifier: LGPL-2.1-or-later\n# The QAPI generator of fwdesc, for your own schemas.\nhere=$$(dirname "$$(readlink -f "$$0")")\nexec %s "$$here/%s/qapi-gen" "$$@"\n' \
	    '$(PYTHON)' "$$rel" > $(D)$(BINDIR)/fwdesc-qapi-gen
	chmod 755 $(D)$(BINDIR)/fwdesc-qapi-gen
	$(INSTALL) -d $(D)$(MANDIR)/man1
	$(INSTALL) -m 644 scripts/fwdesc-qapi-gen.1 $(D)$(MANDIR)/man1/

uninstall:
	rm -f $(foreach l,$(RUNTIME_LIB) $(FIRMWARE_LIB),$(D)$(LIBDIR)/lib$(l).so* $(D)$(LIBDIR)/lib$(l).a $(D)$(PKGCONFIGDIR)/$(l).pc)
	rm -rf $(D)$(RUNTIME_INCDIR) $(D)$(FIRMWARE_INCDIR) $(D)$(DATADIR)/fwdesc
	rm -f $(D)$(BINDIR)/fwdesc $(D)$(BINDIR)/fwdesc-qapi-gen $(D)$(MANDIR)/man1/fwdesc.1 \
	    $(D)$(MANDIR)/man1/fwdesc-qapi-gen.1 \
	    $(D)$(MANDIR)/man5/fwdesc-descriptor.5
	rm -f $(D)$(BINDIR)/fwdesc-qapi-validate $(D)$(MANDIR)/man1/fwdesc-qapi-validate.1

clean:
	rm -rf $(B)

# (The sanitizer and fuzz builds nested in $(B) read their own.)
-include $(shell find $(B) \( -path '$(B)/sanitize' -o -path '$(B)/fuzz' \) -prune -o -name '*.d' -print 2>/dev/null)

# SPDX-License-Identifier: LGPL-2.1-or-later
#
# libFuzzer harnesses (tests/fuzz/fuzz-*.c).  Each is built twice:
# - $(B)/tests/fuzz/fuzz-NAME: linked with libFuzzer; only in the fuzz
#   build ('make fuzz', clang, $(B)/fuzz), run by tests/fuzz/run-fuzz;
# - $(B)/tests/fuzz/replay-NAME: the same harness with replay.c as main,
#   run by 'make check' (and check-valgrind, check-sanitize) over the seed
#   corpus and tests/fuzz/regressions/.

FUZZ_NAMES := parse roundtrip discovery schema qmp-stream lazy-decode
# fuzz-typed-decode: the typed client generated from QEMU's schema, when
# the shared corpus has it (src/examples/examples.mk).
ifneq ($(wildcard $(QEMU_SCHEMA)),)
FUZZ_NAMES += typed-decode
FUZZ_TYPED := $(B)/tests/fuzz/fuzz-typed-decode $(B)/tests/fuzz/replay-typed-decode
$(B)/tests/fuzz/fuzz-typed-decode.o: ALL_CFLAGS += -I$(QEMU_GEN_DIR)
$(B)/tests/fuzz/fuzz-typed-decode.o: $(QEMU_GEN_STAMP)
$(FUZZ_TYPED): $(QEMU_CLIENT_LIB)
$(FUZZ_TYPED): FUZZ_LIBS := $(QEMU_CLIENT_LIB)
endif
# fuzz-schema reads the firmware schema's introspection data (not part of
# libfwdesc) and shares the union-tag policies of test-schema-validate;
# fuzz-lazy-decode shares test-lazy-decode's outcome text; the others do
# not mind them being linked in.
FUZZ_INTROSPECT_OBJS := $(patsubst %.c,$(B)/%.o,$(FWDESC_INTROSPECT_SRC)) \
    $(B)/tests/validate/tag-policies.o $(B)/tests/runtime/decode-outcome.o
FUZZ_TARGETS += $(FUZZ_NAMES:%=$(B)/tests/fuzz/fuzz-%)
FUZZ_REPLAYS := $(FUZZ_NAMES:%=$(B)/tests/fuzz/replay-%)
TEST_PROGRAMS += $(FUZZ_REPLAYS)
C_TEST_PROGRAMS += $(FUZZ_REPLAYS)

$(FUZZ_TARGETS): $(B)/tests/fuzz/fuzz-%: $(B)/tests/fuzz/fuzz-%.o $(FIRMWARE_STATIC) $(RUNTIME_STATIC) \
		$(FUZZ_INTROSPECT_OBJS)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_INTROSPECT_OBJS) \
	    $(FUZZ_LIBS) $(FIRMWARE_STATIC) $(RUNTIME_STATIC) $(ALL_LDFLAGS) $(DEPS_LIBS)

$(FUZZ_REPLAYS): $(B)/tests/fuzz/replay-%: $(B)/tests/fuzz/fuzz-%.o $(B)/tests/fuzz/replay.o \
                          $(FIRMWARE_STATIC) $(RUNTIME_STATIC) $(FUZZ_INTROSPECT_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(B)/tests/fuzz/fuzz-$*.o $(B)/tests/fuzz/replay.o \
	    $(FUZZ_INTROSPECT_OBJS) $(FUZZ_LIBS) $(FIRMWARE_STATIC) $(RUNTIME_STATIC) \
	    $(ALL_LDFLAGS) $(DEPS_LIBS)

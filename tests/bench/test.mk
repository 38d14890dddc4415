# SPDX-License-Identifier: LGPL-2.1-or-later
#
# 'make bench' runs every BENCH_TARGETS entry in turn (in the normal,
# optimized build): the runtime against json-glib and python's json, and
# the CPU cost of a tolerant load over a strict one (bench-runtime.c, by
# the runtime's owner), the generator against QEMU's
# (bench-generator.py, by the generator's owner).  Each program prints
# its own figures and ratios, all measured in the same run.

ifneq ($(wildcard tests/bench/bench-runtime.c),)
BENCH_RUNTIME := $(B)/tests/bench/bench-runtime
$(BENCH_RUNTIME): $(B)/tests/bench/bench-runtime.o $(FIRMWARE_STATIC) \
                  $(RUNTIME_STATIC)
	$(CC) -o $@ $< $(FIRMWARE_STATIC) $(RUNTIME_STATIC) $(ALL_LDFLAGS) \
	    $(DEPS_LIBS)
$(B)/tests/bench/bench-runtime.o: | $(QAPI_FIRMWARE_FILES) $(QAPI_REPORT_FILES)
BENCH_TARGETS += $(BENCH_RUNTIME)
endif
# (bench-generator.py is added to BENCH_TARGETS by tests/generator/test.mk.)

# The source fetcher of the generator benchmark (no network: it only
# derives its sources).
TEST_SCRIPTS += tests/bench/test-fetch-source.sh
# The introspection-driven validator on real QMP transcripts against
# python3's json parse of the same bytes (issue 11, item 5).
BENCH_VALIDATE := $(B)/tests/bench/bench-validate
$(BENCH_VALIDATE): $(B)/tests/bench/bench-validate.o $(RUNTIME_STATIC)
	$(CC) -o $@ $< $(RUNTIME_STATIC) $(ALL_LDFLAGS) $(DEPS_LIBS)
BENCH_TARGETS += $(BENCH_VALIDATE)

# Decoding QEMU 7.2's query-qmp-schema reply into QEMU 10.2's typed
# SchemaInfoList (issue 10, item 7): time against python3's json.loads of
# the same text, and the decode's working memory (peak heap minus the typed
# result) and total peak against the text's size.  The
# types come from the corpus's introspect.json, generated into the build
# directory (never committed).
BENCH_DECODE_SCHEMA := ../shared/corpus/qemu-qapi-schema/introspect.json
BENCH_DECODE_GEN := $(B)/tests/bench/gen
BENCH_DECODE_GEN_SRCS := $(BENCH_DECODE_GEN)/qapi-types.c \
                         $(BENCH_DECODE_GEN)/qapi-visit.c \
                         $(BENCH_DECODE_GEN)/qapi-features.c
BENCH_DECODE := $(B)/tests/bench/bench-qmp-decode
ifneq ($(wildcard $(BENCH_DECODE_SCHEMA)),)
$(BENCH_DECODE_GEN)/stamp: $(BENCH_DECODE_SCHEMA) $(QAPI_GEN_SRCS)
	@mkdir -p $(BENCH_DECODE_GEN)
	$(PYTHON) $(QAPI_GEN) --outputs types,features,visit \
	    -o $(BENCH_DECODE_GEN) $(BENCH_DECODE_SCHEMA)
	@touch $@
$(BENCH_DECODE_GEN_SRCS) $(BENCH_DECODE_GEN_SRCS:.c=.h): \
    $(BENCH_DECODE_GEN)/stamp ;
$(BENCH_DECODE_GEN_SRCS:.c=.o): %.o: %.c $(BENCH_DECODE_GEN)/stamp
	$(CC) $(ALL_CFLAGS) -I$(BENCH_DECODE_GEN) -MMD -MP -c -o $@ $<
$(B)/tests/bench/bench-qmp-decode.o: ALL_CFLAGS += -I$(BENCH_DECODE_GEN)
# (the QMP client's internal header: its decode of a whole reply message)
$(B)/tests/bench/bench-qmp-decode.o: ALL_CFLAGS += -Isrc/runtime
$(B)/tests/bench/bench-qmp-decode.o: | $(BENCH_DECODE_GEN)/stamp
$(BENCH_DECODE): $(B)/tests/bench/bench-qmp-decode.o \
                 $(BENCH_DECODE_GEN_SRCS:.c=.o) $(RUNTIME_STATIC)
	$(CC) -o $@ $< $(BENCH_DECODE_GEN_SRCS:.c=.o) $(RUNTIME_STATIC) \
	    $(ALL_LDFLAGS) $(DEPS_LIBS)
BENCH_TARGETS += $(BENCH_DECODE)
endif

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

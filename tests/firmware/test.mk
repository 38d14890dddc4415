# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Firmware library tests (GLib g_test, TAP):
#   test-corpus   every real descriptor's strict and tolerant verdict, round
#                 trips, libvirt's search-path tree, selection on real sets
#                 (reads ../shared/corpus in place; skips when absent)
#   test-library  the library's rules on our own inputs: prose rules,
#                 tolerant policy, discovery robustness, selection policy,
#                 QEMU arguments, instantiation, atomic writes, lint
#   test-report   what a toolstack gets beside loading: descriptors from a
#                 file descriptor and standard input, the lint policy, the
#                 reports (through the JSON visitors both ways), reason
#                 codes, messages without fwdesc options

FIRMWARE_TESTS := $(B)/tests/firmware/test-corpus $(B)/tests/firmware/test-library \
	$(B)/tests/firmware/test-report

$(FIRMWARE_TESTS): $(B)/tests/firmware/%: $(B)/tests/firmware/%.o \
		$(FIRMWARE_STATIC) $(RUNTIME_STATIC)
	$(CC) -o $@ $< $(FIRMWARE_STATIC) $(RUNTIME_STATIC) $(ALL_LDFLAGS) \
	    $(DEPS_LIBS)

$(patsubst %,%.o,$(FIRMWARE_TESTS)): | $(QAPI_FIRMWARE_FILES) $(QAPI_REPORT_FILES)

TEST_PROGRAMS += $(FIRMWARE_TESTS)
C_TEST_PROGRAMS += $(FIRMWARE_TESTS)

# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Firmware library tests (GLib g_test, TAP), one program per source file of
# src/firmware on our own inputs (fixtures in tests/firmware/data/, helpers
# in test-util.h), plus the real corpus:
#   test-descriptor   prose rules, all problems at once, tolerant policy,
#                     descriptors from structs, positions
#   test-catalog      discovery that survives bad files, default search path
#   test-select       selection policy and the reasons candidates lost, with
#                     their codes
#   test-qemu         QEMU arguments, instantiation
#   test-lint         lint of descriptors and catalogs, the policy over both
#   test-atomic-file  atomic writing and replacing
#   test-descriptor-load  loading: one parse of the text in every mode,
#                     prose-rule problems at the member's path, no verdict
#                     on invalid values, members of other union branches
#   test-input        descriptors from a file descriptor, standard input
#   test-report       every report, through the JSON visitors both ways
#   test-corpus       every real descriptor's strict and tolerant verdict,
#                     round trips, libvirt's search-path tree, selection on
#                     real sets (reads ../shared/corpus in place)

FIRMWARE_TESTS := $(addprefix $(B)/tests/firmware/,test-descriptor \
	test-catalog test-select test-qemu test-lint test-atomic-file \
	test-descriptor-load test-input test-report test-corpus)

$(FIRMWARE_TESTS): $(B)/tests/firmware/%: $(B)/tests/firmware/%.o \
		$(FIRMWARE_STATIC) $(RUNTIME_STATIC)
	$(CC) -o $@ $< $(FIRMWARE_STATIC) $(RUNTIME_STATIC) $(ALL_LDFLAGS) \
	    $(DEPS_LIBS)

$(patsubst %,%.o,$(FIRMWARE_TESTS)): | $(QAPI_FIRMWARE_FILES) $(QAPI_REPORT_FILES)

TEST_PROGRAMS += $(FIRMWARE_TESTS)
C_TEST_PROGRAMS += $(FIRMWARE_TESTS)

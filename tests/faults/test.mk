# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Fault injection: an LD_PRELOAD shim (built without sanitizers, whatever
# the build) and the script that drives fwdesc through it.

FAULT_SHIM := $(B)/tests/faults/faultinject.so

$(FAULT_SHIM): tests/faults/faultinject.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(WARN_CFLAGS) -O2 -g -fPIC -shared -o $@ $< -ldl

TEST_DEPS += $(FAULT_SHIM)
TEST_SCRIPTS += tests/faults/test-faults.sh

# The documented limits at their boundaries (a C test: also run under
# valgrind and the sanitizers).
LIMITS_TEST := $(B)/tests/faults/test-limits
$(LIMITS_TEST): $(B)/tests/faults/test-limits.o $(FIRMWARE_STATIC) $(RUNTIME_STATIC)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(FIRMWARE_STATIC) $(RUNTIME_STATIC) \
	    $(ALL_LDFLAGS) $(DEPS_LIBS)
$(B)/tests/faults/test-limits.o: | $(QAPI_FIRMWARE_FILES) $(QAPI_REPORT_FILES)
TEST_PROGRAMS += $(LIMITS_TEST)
C_TEST_PROGRAMS += $(LIMITS_TEST)

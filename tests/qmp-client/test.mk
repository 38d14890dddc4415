# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The QMP client connection: a scripted peer on a socket pair, and a real
# qemu-system-x86_64 (skipped without one, except in CI).

QMP_CLIENT_TESTS := $(B)/tests/qmp-client/test-qmp-client
TEST_PROGRAMS += $(QMP_CLIENT_TESTS)
C_TEST_PROGRAMS += $(QMP_CLIENT_TESTS)

$(QMP_CLIENT_TESTS): %: %.o $(RUNTIME_STATIC)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(RUNTIME_STATIC) $(ALL_LDFLAGS) $(DEPS_LIBS)
TEST_SCRIPTS += tests/qmp-client/test-json-glib-names.sh

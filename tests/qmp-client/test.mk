# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The QMP client connection: a scripted peer on a socket pair, and a real
# qemu-system-x86_64 (skipped without one, except in CI).

QMP_CLIENT_TESTS := $(B)/tests/qmp-client/test-qmp-client
TEST_PROGRAMS += $(QMP_CLIENT_TESTS)
C_TEST_PROGRAMS += $(QMP_CLIENT_TESTS)
# The scripted peer and the QEMU launcher both programs use.
QMP_PEER_OBJ := $(B)/tests/qmp-client/qmp-peer.o

$(QMP_CLIENT_TESTS): %: %.o $(QMP_PEER_OBJ) $(RUNTIME_STATIC)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(QMP_PEER_OBJ) $(RUNTIME_STATIC) \
	    $(ALL_LDFLAGS) $(DEPS_LIBS)
TEST_SCRIPTS += tests/qmp-client/test-json-glib-names.sh

# The typed client generated from QEMU's full schema (src/examples/
# examples.mk): a scripted peer and a real QEMU through the typed API, and
# the same scenarios through qmp-call.
ifneq ($(wildcard $(QEMU_SCHEMA)),)
QMP_TYPED_TEST := $(B)/tests/qmp-client/test-qmp-typed
TEST_PROGRAMS += $(QMP_TYPED_TEST)
C_TEST_PROGRAMS += $(QMP_TYPED_TEST)
$(B)/tests/qmp-client/test-qmp-typed.o: ALL_CFLAGS += $(QEMU_GEN_CFLAGS)
# (the client's internal header: a counter of the trees it builds)
$(B)/tests/qmp-client/test-qmp-typed.o: ALL_CFLAGS += -Isrc/runtime
$(B)/tests/qmp-client/test-qmp-typed.o: $(QEMU_GEN_STAMP)
$(QMP_TYPED_TEST): %: %.o $(QMP_PEER_OBJ) $(QEMU_CLIENT_LIB) $(RUNTIME_STATIC)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(QMP_PEER_OBJ) $(QEMU_CLIENT_LIB) $(RUNTIME_STATIC) \
	    $(ALL_LDFLAGS) $(DEPS_LIBS)
endif
TEST_SCRIPTS += tests/qmp-client/test-qmp-call.sh

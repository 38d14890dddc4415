# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The introspection-driven validator and fwdesc-qapi-validate:
#   test-schema-validate  the engine against the generated visitors of
#                         tests/runtime/test-schema.json (its introspection
#                         generated into the build directory), pinned
#                         messages, schema loading, QMP transcripts
#   test-qmp-replies.py   libvirt's recordings of real QEMU 4.2-7.2 traffic,
#                         each against its own schema, and copies with
#                         injected faults
#   test-qemu-live.py     a real QEMU's query-* replies, live
#   test-firmware-differential  --type Firmware against the generated
#                         firmware visitors on every corpus descriptor

VAL_GEN_DIR := $(B)/tests/validate/gen
VAL_INTROSPECT_SRC := $(VAL_GEN_DIR)/qapi-introspect-full.c
VAL_INTROSPECT_OBJ := $(VAL_INTROSPECT_SRC:.c=.o)

# The whole-schema form (every type by its own name, exact integer types),
# not QEMU's reachable and masked one.

$(VAL_GEN_DIR)/stamp: tests/runtime/test-schema.json $(QAPI_GEN_SRCS)
	@mkdir -p $(VAL_GEN_DIR)
	$(PYTHON) $(QAPI_GEN) --outputs introspect-full \
	    -o $(VAL_GEN_DIR) tests/runtime/test-schema.json
	@touch $@
$(VAL_INTROSPECT_SRC): $(VAL_GEN_DIR)/stamp ;
$(VAL_INTROSPECT_OBJ): $(VAL_INTROSPECT_SRC)
	$(CC) $(ALL_CFLAGS) -I$(VAL_GEN_DIR) -c -o $@ $<

VAL_TEST := $(B)/tests/validate/test-schema-validate
$(VAL_TEST).o: ALL_CFLAGS += -I$(RT_GEN_DIR) -I$(VAL_GEN_DIR)
$(VAL_TEST).o: | $(RT_GEN_DIR)/stamp $(VAL_GEN_DIR)/stamp
# The union-tag policies of the differential tests (fuzz-schema too).
VAL_TAGS_OBJ := $(B)/tests/validate/tag-policies.o
$(VAL_TEST): $(VAL_TEST).o $(VAL_TAGS_OBJ) $(RT_GEN_OBJS) $(VAL_INTROSPECT_OBJ) \
		$(RUNTIME_STATIC)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(VAL_TAGS_OBJ) $(RT_GEN_OBJS) $(VAL_INTROSPECT_OBJ) \
	    $(RUNTIME_STATIC) $(ALL_LDFLAGS) $(DEPS_LIBS)

TEST_PROGRAMS += $(VAL_TEST)
C_TEST_PROGRAMS += $(VAL_TEST)

TEST_SCRIPTS += tests/validate/test-qmp-replies.py tests/validate/test-qemu-live.py
TEST_DEPS += $(QAPI_VALIDATE_TOOL)

# SPDX-License-Identifier: LGPL-2.1-or-later
#
# QMP runtime tests: the registry and qmp_dispatch() driven with requests,
# events, the compatibility policy.  Types and visitors of QEMU's
# qapi-schema-test.json (from the shared corpus) are generated into the
# build directory with prefix test- and compiled into one archive; the
# recipe compiles whatever .c files the generator wrote, so that the file
# set may change with the generator's back ends.

QMP_SCHEMA := ../shared/corpus/qapi-schema-tests/qapi-schema-test.json
QMP_GEN_DIR := $(B)/tests/qmp/gen
QMP_GEN_LIB := $(QMP_GEN_DIR)/libtestqapi.a

$(QMP_GEN_LIB): $(QMP_SCHEMA) $(QAPI_GEN_SRCS) $(PUBLIC_HEADERS)
	@rm -rf $(QMP_GEN_DIR) && mkdir -p $(QMP_GEN_DIR)
	$(PYTHON) $(QAPI_GEN) -p test- -u --backend types,visit,introspect \
	    -o $(QMP_GEN_DIR) \
	    $(QMP_SCHEMA)
	@set -e; objs=; \
	for c in $$(find $(QMP_GEN_DIR) -name '*.c' | sort); do \
	    echo "  CC $$c"; \
	    $(CC) $(ALL_CFLAGS) -I$(QMP_GEN_DIR) -c -o $${c%.c}.o $$c; \
	    objs="$$objs $${c%.c}.o"; \
	done; \
	rm -f $@; ar rcs $@ $$objs

QMP_TESTS := $(B)/tests/qmp/test-qmp-dispatch

ifneq ($(wildcard $(QMP_SCHEMA)),)
TEST_PROGRAMS += $(QMP_TESTS)
C_TEST_PROGRAMS += $(QMP_TESTS)
endif

$(QMP_TESTS:%=%.o): ALL_CFLAGS += -I$(QMP_GEN_DIR)
$(QMP_TESTS:%=%.o): $(QMP_GEN_LIB)

$(QMP_TESTS): %: %.o $(QMP_GEN_LIB) $(RUNTIME_STATIC)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(QMP_GEN_LIB) $(RUNTIME_STATIC) \
	    $(ALL_LDFLAGS) $(DEPS_LIBS)

# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Runtime tests (GLib g_test, TAP).  The struct/union/alternate tests use
# code generated from tests/runtime/test-schema.json into the build
# directory (never committed).

RT_GEN_DIR := $(B)/tests/runtime/gen
RT_GEN_SRCS := $(RT_GEN_DIR)/qapi-types.c $(RT_GEN_DIR)/qapi-visit.c \
               $(RT_GEN_DIR)/qapi-unions-test-schema.c
RT_GEN_HDRS := $(RT_GEN_SRCS:.c=.h)
RT_GEN_OBJS := $(RT_GEN_SRCS:.c=.o)

$(RT_GEN_DIR)/stamp: tests/runtime/test-schema.json $(QAPI_GEN_SRCS)
	@mkdir -p $(RT_GEN_DIR)
	$(PYTHON) $(QAPI_GEN) --outputs types,features,visit,unions \
	    -o $(RT_GEN_DIR) \
	    tests/runtime/test-schema.json
	@touch $@
$(RT_GEN_SRCS) $(RT_GEN_HDRS): $(RT_GEN_DIR)/stamp ;

$(RT_GEN_OBJS): %.o: %.c $(RT_GEN_DIR)/stamp
	$(CC) $(ALL_CFLAGS) -I$(RT_GEN_DIR) -MMD -MP -c -o $@ $<

RUNTIME_TEST_NAMES := test-json-reader test-input-visitor \
                      test-input-policy test-output-visitor \
                      test-clone-visitor test-util test-visitor \
                      test-lazy-decode
RUNTIME_TEST_SRCS := $(wildcard $(RUNTIME_TEST_NAMES:%=tests/runtime/%.c))
RUNTIME_TESTS := $(patsubst %.c,$(B)/%,$(RUNTIME_TEST_SRCS))
RUNTIME_TEST_OBJS := $(RUNTIME_TESTS:%=%.o)

TEST_PROGRAMS += $(RUNTIME_TESTS)
C_TEST_PROGRAMS += $(RUNTIME_TESTS)

$(RUNTIME_TEST_OBJS): ALL_CFLAGS += -I$(RT_GEN_DIR)
# The contract test builds broken visitors from the runtime's inside.
$(B)/tests/runtime/test-visitor.o: ALL_CFLAGS += -Isrc/runtime
$(RUNTIME_TEST_OBJS): | $(RT_GEN_DIR)/stamp

# One decode's outcome as text: the lazy differential tests' (fuzz too).
RT_OUTCOME_OBJ := $(B)/tests/runtime/decode-outcome.o

$(RUNTIME_TESTS): %: %.o $(RT_GEN_OBJS) $(RT_OUTCOME_OBJ) $(RUNTIME_STATIC)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(RT_GEN_OBJS) $(RT_OUTCOME_OBJ) \
	    $(RUNTIME_STATIC) $(ALL_LDFLAGS) $(DEPS_LIBS)

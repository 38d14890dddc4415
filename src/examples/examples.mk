# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The example that is also a tool: qmp-call, a typed QMP client generated
# from QEMU's full schema (10.2, ../shared/corpus/qemu-qapi-schema/).
# QEMU's schema is not part of this tree, so its generated code is not
# committed: the generator writes it into $(B)/generated/qemu/ (types,
# features, visit and client: 3.2 MB of C), compiled into
# $(B)/libqemu-qmp-client.a, which qmp-call and the typed client tests
# link.  Without the corpus, qmp-call is not built (its tests skip, and
# fail in CI).

QEMU_SCHEMA_DIR ?= ../shared/corpus/qemu-qapi-schema
QEMU_SCHEMA := $(QEMU_SCHEMA_DIR)/qapi-schema.json
QEMU_GEN_DIR := $(B)/generated/qemu
QEMU_GEN_STAMP := $(QEMU_GEN_DIR)/stamp
QEMU_CLIENT_LIB := $(B)/libqemu-qmp-client.a
QMP_CALL := $(B)/examples/qmp-call
# A client talks to whatever QEMU build answers (one lacking a command says
# CommandNotFound itself), so every conditional command, event, type,
# member, enum value and branch is compiled in: the client back end lists
# every macro the schema's 'if' conditions name, from the schema itself,
# in qapi-client-conditions.h, included ahead of each file of the QEMU
# client and of whatever uses its headers.
QEMU_GEN_CFLAGS := -I$(QEMU_GEN_DIR) \
	-include $(QEMU_GEN_DIR)/qapi-client-conditions.h

ifneq ($(wildcard $(QEMU_SCHEMA)),)
# Every module of the schema gets qapi-{types,visit,client}[-MODULE].c;
# the main module's names have no suffix.
QEMU_MODULES := $(patsubst %.json,%,$(notdir \
	$(wildcard $(QEMU_SCHEMA_DIR)/*.json)))
QEMU_GEN_BASES := qapi-features qapi-tables-client \
	$(foreach what,qapi-types qapi-visit qapi-client,$(foreach m, \
	$(QEMU_MODULES),$(if $(filter qapi-schema,$(m)),$(what),$(what)-$(m))))
QEMU_GEN_C := $(addprefix $(QEMU_GEN_DIR)/,$(addsuffix .c,$(QEMU_GEN_BASES)))
QEMU_GEN_OBJS := $(patsubst $(QEMU_GEN_DIR)/%.c,$(B)/qemu-obj/%.o,$(QEMU_GEN_C))

# QEMU 10.2 documents SevGuestType "Since: 6.2", but it came with SEV-SNP
# in 9.1 (7.2's own introspection has no 'sev-type'): for the client, so
# that SevInfo's tag (no note of its own) reads as 9.1's.
QEMU_CLIENT_SINCE := --client-since SevGuestType=9.1

$(QEMU_GEN_STAMP): $(QAPI_GEN_SRCS) $(wildcard $(QEMU_SCHEMA_DIR)/*.json) \
		src/examples/examples.mk
	@mkdir -p $(QEMU_GEN_DIR)
	$(PYTHON) $(QAPI_GEN) -o $(QEMU_GEN_DIR) \
	    --outputs types,features,visit,client $(QEMU_CLIENT_SINCE) \
	    $(QEMU_SCHEMA)
	touch $@

$(QEMU_GEN_C): $(QEMU_GEN_STAMP) ;

# (examples.mk holds the flags: a change of them recompiles.)
$(B)/qemu-obj/%.o: $(QEMU_GEN_DIR)/%.c src/examples/examples.mk
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(QEMU_GEN_CFLAGS) -MMD -MP -c -o $@ $<

$(QEMU_CLIENT_LIB): $(QEMU_GEN_OBJS)
	rm -f $@ && $(AR) rcs $@ $^

$(B)/src/examples/qmp-call.o: ALL_CFLAGS += $(QEMU_GEN_CFLAGS)
$(B)/src/examples/qmp-call.o: $(QEMU_GEN_STAMP)

$(QMP_CALL): $(B)/src/examples/qmp-call.o $(QEMU_CLIENT_LIB) $(RUNTIME_STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(QEMU_CLIENT_LIB) $(RUNTIME_STATIC) \
	    $(ALL_LDFLAGS) $(DEPS_LIBS)

ALL_TARGETS += $(QMP_CALL)
else
$(QMP_CALL):
	@echo "qmp-call needs QEMU's schema in $(QEMU_SCHEMA_DIR)" >&2
	@false
endif

# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The QAPI generator and the code it generates into generated/ (committed).
#
#   make generated          rerun the generator when it or the schema is
#                           newer than the last run; files whose text does
#                           not change keep their time stamps, so nothing
#                           downstream rebuilds needlessly
#   make check-generated    fail when generated/ differs from what the
#                           generator makes now (for CI)

QAPI_GEN := scripts/qapi-gen
QAPI_GEN_SRCS := $(QAPI_GEN) $(wildcard scripts/qapi/*.py)

FIRMWARE_SCHEMA := schema/firmware.json

# How each output directory is made.
QAPI_BUILTIN_DIR := generated/qapi
QAPI_BUILTIN_ARGS := --builtins-only --backend types,visit
QAPI_FIRMWARE_DIR := generated/firmware
QAPI_FIRMWARE_ARGS := --backend types,visit,introspect,jsonschema \
                      --json-schema-root Firmware

# Built-in types: shared by every schema, compiled into the runtime.
QAPI_BUILTIN_FILES := $(addprefix $(QAPI_BUILTIN_DIR)/, \
    qapi-builtin-types.c qapi-builtin-types.h \
    qapi-builtin-visit.c qapi-builtin-visit.h)
QAPI_FIRMWARE_FILES := $(addprefix $(QAPI_FIRMWARE_DIR)/, \
    qapi-types-firmware.c qapi-types-firmware.h qapi-types.h \
    qapi-visit-firmware.c qapi-visit-firmware.h qapi-visit.h \
    qapi-introspect-firmware.c qapi-introspect-firmware.h \
    firmware.schema.json)
# For the runtime and firmware fragments.
QAPI_BUILTIN_SOURCES := $(filter %.c,$(QAPI_BUILTIN_FILES))
QAPI_FIRMWARE_SOURCES := $(filter %.c,$(QAPI_FIRMWARE_FILES))

GENERATED_FILES += $(QAPI_BUILTIN_FILES) $(QAPI_FIRMWARE_FILES)

# A stamp per generator run (in the build directory, never committed):
# the run is redone when the generator or the schema is newer than it.
# A fresh build directory runs the generator once; since the committed
# files are up to date it rewrites none of them.
$(B)/qapi-builtin.stamp: $(QAPI_GEN_SRCS) $(FIRMWARE_SCHEMA)
	@mkdir -p $(dir $@)
	$(PYTHON) $(QAPI_GEN) $(QAPI_BUILTIN_ARGS) -o $(QAPI_BUILTIN_DIR) \
	    $(FIRMWARE_SCHEMA)
	@touch $@
$(B)/qapi-firmware.stamp: $(QAPI_GEN_SRCS) $(FIRMWARE_SCHEMA)
	@mkdir -p $(dir $@)
	$(PYTHON) $(QAPI_GEN) $(QAPI_FIRMWARE_ARGS) -o $(QAPI_FIRMWARE_DIR) \
	    $(FIRMWARE_SCHEMA)
	@touch $@

$(QAPI_BUILTIN_FILES): $(B)/qapi-builtin.stamp ;
$(QAPI_FIRMWARE_FILES): $(B)/qapi-firmware.stamp ;

generated: $(B)/qapi-builtin.stamp $(B)/qapi-firmware.stamp

check-generated:
	@rm -rf $(B)/check-generated
	@$(PYTHON) $(QAPI_GEN) $(QAPI_BUILTIN_ARGS) \
	    -o $(B)/check-generated/qapi $(FIRMWARE_SCHEMA)
	@$(PYTHON) $(QAPI_GEN) $(QAPI_FIRMWARE_ARGS) \
	    -o $(B)/check-generated/firmware $(FIRMWARE_SCHEMA)
	@if diff -r $(QAPI_BUILTIN_DIR) $(B)/check-generated/qapi && \
	    diff -r $(QAPI_FIRMWARE_DIR) $(B)/check-generated/firmware; then \
	    echo "generated/ is up to date"; \
	else \
	    echo "generated/ is stale: run 'make generated' and commit" >&2; \
	    exit 1; \
	fi

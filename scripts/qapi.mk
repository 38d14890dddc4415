# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The QAPI generator and the code it generates into generated/ (committed).
#
#   make generated          rerun the generator; files whose text does not
#                           change keep their time stamps, so nothing
#                           downstream rebuilds needlessly
#   make check-generated    fail when generated/ differs from what the
#                           generator makes now, or its stamp is stale (CI)

QAPI_GEN := scripts/qapi-gen
QAPI_GEN_SRCS := $(QAPI_GEN) $(wildcard scripts/qapi/*.py)

FIRMWARE_SCHEMA := schema/firmware.json
# The rules firmware.json states only in prose, for its JSON Schema.
FIRMWARE_SCHEMA_RULES := schema/firmware-rules.schema.json
REPORT_SCHEMA := schema/fwdesc-report.json

# How each output directory is made.
QAPI_BUILTIN_DIR := generated/qapi
QAPI_BUILTIN_ARGS := --builtins-only --outputs types,visit
QAPI_FIRMWARE_DIR := generated/firmware
# The doc back end writes firmware.md and the man page
# fwdesc-descriptor(5), whose hand-written parts are in the template.
FIRMWARE_MAN_TEMPLATE := schema/fwdesc-descriptor.5.in
QAPI_FIRMWARE_ARGS := \
    --outputs types,features,visit,introspect-full,jsonschema,unions,doc \
    --json-schema-root Firmware \
    --json-schema-rules $(FIRMWARE_SCHEMA_RULES) \
    --man-template $(FIRMWARE_MAN_TEMPLATE)
# The reports of fwdesc and libfwdesc: no root type, "fwdesc schema
# --json-schema validate-report" re-roots at the report asked for.
QAPI_REPORT_DIR := generated/report
QAPI_REPORT_ARGS := --doc-style -p fwdesc-report- \
    --outputs types,features,visit,jsonschema

# Built-in types: shared by every schema, compiled into the runtime.
QAPI_BUILTIN_FILES := $(addprefix $(QAPI_BUILTIN_DIR)/, \
    qapi-builtin-types.c qapi-builtin-types.h \
    qapi-builtin-visit.c qapi-builtin-visit.h)
QAPI_FIRMWARE_FILES := $(addprefix $(QAPI_FIRMWARE_DIR)/, \
    qapi-types.c qapi-types.h qapi-features.c qapi-features.h \
    qapi-visit.c qapi-visit.h qapi-introspect-full.c qapi-introspect-full.h \
    qapi-unions-firmware.c qapi-unions-firmware.h \
    firmware.schema.json firmware.md fwdesc-descriptor.5)
QAPI_REPORT_FILES := $(addprefix $(QAPI_REPORT_DIR)/, \
    fwdesc-report-qapi-types.c fwdesc-report-qapi-types.h \
    fwdesc-report-qapi-features.c fwdesc-report-qapi-features.h \
    fwdesc-report-qapi-visit.c fwdesc-report-qapi-visit.h \
    fwdesc-report.schema.json)
# For the runtime and firmware fragments.
QAPI_BUILTIN_SOURCES := $(filter %.c,$(QAPI_BUILTIN_FILES))
QAPI_FIRMWARE_SOURCES := $(filter %.c,$(QAPI_FIRMWARE_FILES))
QAPI_REPORT_SOURCES := $(filter %.c,$(QAPI_REPORT_FILES))

QAPI_ALL_FILES := $(QAPI_BUILTIN_FILES) $(QAPI_FIRMWARE_FILES) \
    $(QAPI_REPORT_FILES)
GENERATED_FILES += $(QAPI_ALL_FILES)

# Is generated/ up to date?  Decided by content, never by time stamps (a
# fresh clone or checkout gives files arbitrary times): QAPI_STAMP,
# committed with generated/, holds a hash of everything the output depends
# on (the generator, the schema, this file with the options above).  When
# it matches, the build uses the committed files and never runs the
# generator, so a fresh clone builds without Python and from a read-only
# source tree.  When it does not (the schema or generator changed), the
# build reruns the generator, which rewrites only files whose text changes
# (their time stamps then say nothing downstream needs rebuilding), and
# records the new hash.
QAPI_STAMP := generated/qapi-gen.sha256
QAPI_STAMP_INPUTS := $(sort $(QAPI_GEN_SRCS) $(FIRMWARE_SCHEMA) \
    $(REPORT_SCHEMA) $(FIRMWARE_SCHEMA_RULES) $(FIRMWARE_MAN_TEMPLATE) \
    scripts/qapi.mk)
QAPI_INPUTS_HASH := $(firstword \
    $(shell sha256sum $(QAPI_STAMP_INPUTS) | sha256sum))
QAPI_STAMP_HASH := $(firstword $(shell cat $(QAPI_STAMP) 2>/dev/null))
QAPI_GENERATED_MISSING := $(filter-out $(wildcard $(QAPI_ALL_FILES)), \
    $(QAPI_ALL_FILES))

.PHONY: qapi-gen-run
qapi-gen-run:
	$(PYTHON) $(QAPI_GEN) $(QAPI_BUILTIN_ARGS) -o $(QAPI_BUILTIN_DIR) \
	    $(FIRMWARE_SCHEMA)
	$(PYTHON) $(QAPI_GEN) $(QAPI_FIRMWARE_ARGS) -o $(QAPI_FIRMWARE_DIR) \
	    $(FIRMWARE_SCHEMA)
	$(PYTHON) $(QAPI_GEN) $(QAPI_REPORT_ARGS) -o $(QAPI_REPORT_DIR) \
	    $(REPORT_SCHEMA)
	@test "$$(cat $(QAPI_STAMP) 2>/dev/null)" = "$(QAPI_INPUTS_HASH)" || \
	    echo "$(QAPI_INPUTS_HASH)" > $(QAPI_STAMP)

ifneq ($(QAPI_INPUTS_HASH)$(QAPI_GENERATED_MISSING),$(QAPI_STAMP_HASH))
$(QAPI_ALL_FILES): qapi-gen-run ;
endif

# Explicitly asked for: always run (it still rewrites only what changes).
generated: qapi-gen-run

check-generated:
	@if [ "$(QAPI_INPUTS_HASH)" != "$(QAPI_STAMP_HASH)" ]; then \
	    echo "$(QAPI_STAMP) is stale: run 'make generated' and commit" >&2; \
	    exit 1; \
	fi
	@rm -rf $(B)/check-generated
	@$(PYTHON) $(QAPI_GEN) $(QAPI_BUILTIN_ARGS) \
	    -o $(B)/check-generated/qapi $(FIRMWARE_SCHEMA)
	@$(PYTHON) $(QAPI_GEN) $(QAPI_FIRMWARE_ARGS) \
	    -o $(B)/check-generated/firmware $(FIRMWARE_SCHEMA)
	@$(PYTHON) $(QAPI_GEN) $(QAPI_REPORT_ARGS) \
	    -o $(B)/check-generated/report $(REPORT_SCHEMA)
	@if diff -r $(QAPI_BUILTIN_DIR) $(B)/check-generated/qapi && \
	    diff -r $(QAPI_FIRMWARE_DIR) $(B)/check-generated/firmware && \
	    diff -r $(QAPI_REPORT_DIR) $(B)/check-generated/report; then \
	    echo "generated/ is up to date"; \
	else \
	    echo "generated/ is stale: run 'make generated' and commit" >&2; \
	    exit 1; \
	fi

# SPDX-License-Identifier: LGPL-2.1-or-later
#
# fwdesc, the command-line tool: a thin shell over libfwdesc (linked
# statically), plus the schema data compiled in from generated/firmware/
# and the reports' JSON Schema from generated/report/.

FWDESC_TOOL := $(B)/fwdesc
FWDESC_INTROSPECT_SRC := $(wildcard generated/firmware/qapi-introspect-full.c)
FWDESC_JSON_SCHEMA := generated/firmware/firmware.schema.json
FWDESC_REPORT_JSON_SCHEMA := generated/report/fwdesc-report.schema.json

FWDESC_TOOL_OBJS := $(B)/src/tools/fwdesc.o $(B)/src/tools/schema-data.o \
	$(B)/src/tools/fwdesc-json-schema.o \
	$(B)/src/tools/fwdesc-report-json-schema.o \
	$(patsubst %.c,$(B)/%.o,$(FWDESC_INTROSPECT_SRC))

# The introspection data is optional until the generator produces it.
ifneq ($(FWDESC_INTROSPECT_SRC),)
$(B)/src/tools/schema-data.o: ALL_CFLAGS += -DFWDESC_HAVE_INTROSPECTION
endif

$(B)/src/tools/fwdesc-json-schema.c: src/tools/embed-text.py \
		$(wildcard $(FWDESC_JSON_SCHEMA))
	@mkdir -p $(dir $@)
	$(PYTHON) src/tools/embed-text.py fwdesc_json_schema_text \
	    $(FWDESC_JSON_SCHEMA) $@

$(B)/src/tools/fwdesc-report-json-schema.c: src/tools/embed-text.py \
		$(wildcard $(FWDESC_REPORT_JSON_SCHEMA))
	@mkdir -p $(dir $@)
	$(PYTHON) src/tools/embed-text.py fwdesc_report_json_schema_text \
	    $(FWDESC_REPORT_JSON_SCHEMA) $@

$(B)/src/tools/fwdesc-json-schema.o: $(B)/src/tools/fwdesc-json-schema.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(B)/src/tools/fwdesc-report-json-schema.o: \
		$(B)/src/tools/fwdesc-report-json-schema.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/src/tools/fwdesc.o $(B)/src/tools/schema-data.o: | $(QAPI_FIRMWARE_FILES) $(QAPI_REPORT_FILES)
$(B)/src/tools/fwdesc.o: ALL_CFLAGS += -Isrc/tools
$(B)/src/tools/schema-data.o: ALL_CFLAGS += -Isrc/tools

$(FWDESC_TOOL): $(FWDESC_TOOL_OBJS) $(FIRMWARE_STATIC) $(RUNTIME_STATIC)
	$(CC) -o $@ $(FWDESC_TOOL_OBJS) $(FIRMWARE_STATIC) $(RUNTIME_STATIC) \
	    $(ALL_LDFLAGS) $(DEPS_LIBS)

ALL_TARGETS += $(FWDESC_TOOL)
INSTALL_TARGETS += $(FWDESC_TOOL)

# fwdesc-qapi-validate: any schema's introspection data, any document or
# QMP transcript; the runtime library alone.
QAPI_VALIDATE_TOOL := $(B)/fwdesc-qapi-validate

$(QAPI_VALIDATE_TOOL): $(B)/src/tools/fwdesc-qapi-validate.o $(RUNTIME_STATIC)
	$(CC) -o $@ $< $(RUNTIME_STATIC) $(ALL_LDFLAGS) $(DEPS_LIBS)

ALL_TARGETS += $(QAPI_VALIDATE_TOOL)
INSTALL_TARGETS += $(QAPI_VALIDATE_TOOL)

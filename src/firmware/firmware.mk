# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The firmware library (libfwdesc): descriptor loading and validation,
# discovery, selection, QEMU command lines, instantiation, lint, reports,
# plus the code generated from schema/firmware.json and
# schema/fwdesc-report.json.  One source file per job.

FIRMWARE_SRCS := \
	src/firmware/error.c \
	src/firmware/read-file.c \
	src/firmware/atomic-file.c \
	src/firmware/diagnostics.c \
	src/firmware/descriptor.c \
	src/firmware/input-policy.c \
	src/firmware/catalog.c \
	src/firmware/select.c \
	src/firmware/machine.c \
	src/firmware/qemu.c \
	src/firmware/lint.c \
	src/firmware/input.c \
	src/firmware/report.c \
	$(filter-out %introspect-full.c,$(QAPI_FIRMWARE_SOURCES)) \
	$(QAPI_REPORT_SOURCES)

FIRMWARE_OBJS += $(patsubst %.c,$(B)/%.o,$(FIRMWARE_SRCS))

# Generated headers must exist before anything including them compiles.
$(patsubst %.c,$(B)/%.o,$(FIRMWARE_SRCS)): | $(QAPI_FIRMWARE_FILES) $(QAPI_REPORT_FILES)

PUBLIC_HEADERS += $(addprefix src/include/fwdesc/,fwdesc.h error.h \
	descriptor.h catalog.h select.h qemu.h lint.h report.h \
	atomic-file.h)

# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The QAPI runtime library (libfwdesc-qapi): the visitor core, the strict
# JSON reader, the input/output/dealloc/clone visitors, errors, and the
# generated builtin types (lists of builtins, QType) every schema uses.

RUNTIME_SRCS := \
	src/runtime/error.c \
	src/runtime/util.c \
	src/runtime/visitor.c \
	src/runtime/json-reader.c \
	src/runtime/json-input.c \
	$(wildcard src/runtime/json-output.c) \
	src/runtime/dealloc-visitor.c \
	$(wildcard src/runtime/clone-visitor.c) \
	$(wildcard generated/qapi/qapi-builtin-types.c) \
	$(wildcard generated/qapi/qapi-builtin-visit.c)

RUNTIME_OBJS += $(patsubst %.c,$(B)/%.o,$(RUNTIME_SRCS))

PUBLIC_HEADERS += $(addprefix src/include/qapi/,util.h error.h visitor.h \
	json-input.h json-output.h dealloc-visitor.h clone-visitor.h qapi.h)

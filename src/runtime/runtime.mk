# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The QAPI runtime library (libfwdesc-qapi): the visitor core, the strict
# JSON reader, the input/output/dealloc/clone visitors, errors, and the
# generated builtin types (lists of builtins, QType) every schema uses
# (QAPI_BUILTIN_SOURCES, from scripts/qapi.mk).
#
#   error.c            GError domain, diagnostics list, message format
#   util.c             enum lookup, QType names, the 'null' singleton
#   visitor.c          the calls generated code makes, feature policy
#   json-reader.c      strict RFC 8259 reader into a positioned tree
#   json-lazy.c        reading checked text on demand (the visitor's
#                      lazy mode: no tree of the whole text)
#   json-input.c       input visitor: strict, collect, tolerant modes
#   json-output.c      output visitor (tree and text) and the JSON writer
#   dealloc-visitor.c  qapi_free_X
#   clone-visitor.c    QAPI_CLONE
#   schema-validate.c  introspection data loaded and interpreted through
#                      the input visitor: any type, command or event
#   qmp-log.c          QMP transcripts checked message by message
#   qmp-registry.c     QMP command registry
#   qmp-dispatch.c     qmp_dispatch(), compat policy, the QMP visitors
#   qmp-event.c        the QMP event envelope
#   introspect.c       query-qmp-schema data, filtered by policy
#   qmp-client.c       QMP client connection (framing, ids, events)
#   qmp-client-typed.c typed calls and events for generated clients

RUNTIME_SRCS := $(addprefix src/runtime/,error.c util.c visitor.c \
	json-reader.c json-lazy.c json-input.c json-output.c dealloc-visitor.c \
	clone-visitor.c schema-validate.c qmp-log.c qmp-registry.c \
	qmp-dispatch.c qmp-event.c introspect.c qmp-client.c qmp-client-typed.c) \
	$(QAPI_BUILTIN_SOURCES)

# union-tag.c: which enum members are union tags (the unions table)
RUNTIME_SRCS += src/runtime/union-tag.c

RUNTIME_OBJS += $(patsubst %.c,$(B)/%.o,$(RUNTIME_SRCS))

PUBLIC_HEADERS += $(addprefix src/include/qapi/,util.h error.h visitor.h \
	input-policy.h json-input.h json-output.h dealloc-visitor.h clone-visitor.h \
	qapi.h schema-validate.h qmp-error.h compat-policy.h qmp-registry.h \
	qmp-event.h introspect.h qmp-client.h qmp-client-typed.h)
# For generated qapi-visit*.c only (QEMU's error_setg(), unused parameters).
PUBLIC_HEADERS += src/include/qapi/qemu-compat.h

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Internal interface between the introspection-driven validator
 * (schema-validate.c) and the QMP transcript checks (qmp-log.c).
 */
#ifndef QAPI_SCHEMA_IMPL_H
#define QAPI_SCHEMA_IMPL_H

#include "qapi/schema-validate.h"
#include "json-reader.h"

/* A type of a loaded schema (opaque outside schema-validate.c). */
typedef struct SType SType;

/* The type @target @name stands for; NULL when the schema lacks it. */
G_GNUC_INTERNAL
const SType *qapi_schema_lookup(const QapiSchema *schema,
                                QapiSchemaTarget target, const char *name);

/*
 * Check @root (inside @doc) against @type, as the JSON input visitor
 * checks a generated type: paths start with @path_prefix (may be NULL).
 * Records into @diags when given; returns true when no error was found.
 */
G_GNUC_INTERNAL
bool qapi_schema_check_value(const SType *type, JDoc *doc, JValue *root,
                             const char *filename, const char *path_prefix,
                             QapiInputFlags flags, QapiDiagnostics *diags,
                             GError **error);

/*
 * The runtime's own schema: SchemaInfo itself (what introspection data
 * must look like) and the QMP protocol's messages: QMPExecute, QMPExecOob,
 * QMPReturn, QMPError, QMPEvent, QMPGreeting, SchemaReply.  Built on first
 * use and kept for the life of the process (it never changes).
 */
G_GNUC_INTERNAL
const QapiSchema *qapi_schema_builtin(void);

/* Load a schema from @root (a SchemaInfo list, a reply, or a transcript's
 * array of messages when @transcript), which lives in @doc. */
G_GNUC_INTERNAL
QapiSchema *qapi_schema_load_value(JDoc *doc, JValue *root, bool transcript,
                                   const char *filename, QapiDiagnostics *diags,
                                   GError **error);

/* The member @key of object @obj, or NULL. */
G_GNUC_INTERNAL
JValue *qapi_jvalue_member(const JValue *obj, const char *key);

/* Whether two JSON values are equal (members in any order). */
G_GNUC_INTERNAL
bool qapi_jvalue_equal(const JValue *a, const JValue *b);

#endif /* QAPI_SCHEMA_IMPL_H */

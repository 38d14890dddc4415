/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Schema conformance checks driven by introspection data, for any QAPI
 * schema, with no generated code: load what QEMU's query-qmp-schema
 * returns (or what our generator writes for any schema), then check JSON
 * documents against a type, a command's arguments or return value, an
 * event's data, or a whole QMP transcript.
 *
 *   g_autoptr(QapiSchema) schema =
 *       qapi_schema_new_from_file("qmp-schema.json", NULL, &error);
 *   g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
 *   if (!qapi_schema_validate_file(schema, QAPI_SCHEMA_COMMAND_RETURN,
 *                                  "query-cpus-fast", "reply.json",
 *                                  QAPI_INPUT_STRICT, diags, &error))
 *       ...   // diags lists every problem
 *
 * The checks are the JSON input visitor's (qapi/json-input.h), driven by
 * the introspection data instead of generated code: the same strict
 * reader, the same member paths, positions, messages and error codes, the
 * same strict, tolerant, collecting and stop-at-first-error modes, and the
 * same order of visits (a union's tag first; the branch the tag selects;
 * for a tag that is not a valid value, the branch of the enum's first
 * value, as generated code does).
 *
 * Introspection facts this relies on: a member is optional when it has a
 * "default" member (QEMU always writes null there); an enum lists its
 * values in "values" (QEMU <= 6.0) or "members"; an object may have a
 * "tag" and "variants" (a union), a variant's type is visited flat into
 * the same object.  Built-in names say the integer range: our generator
 * keeps int8 ... uint64 and size, QEMU collapses all of them to "int".
 * When a schema has no built-in other than "int" for JSON integers, "int"
 * therefore accepts int64 and uint64 values alike (QEMU's collapsed
 * meaning); otherwise it is int64.  QEMU masks type names ("1", "2", ...);
 * they work as any other name.
 */
#ifndef QAPI_SCHEMA_VALIDATE_H
#define QAPI_SCHEMA_VALIDATE_H

#include "qapi/json-input.h"

G_BEGIN_DECLS

typedef struct QapiSchema QapiSchema;

/*
 * Load introspection data from JSON text: a SchemaInfo list, a QMP reply
 * {"return": [...]} carrying one, or a QMP transcript (messages separated
 * by white space) containing an execute of query-qmp-schema and its
 * reply.  The data is checked against SchemaInfo strictly (every problem
 * with its position goes to @diags when given) and every type reference
 * must resolve.  NULL with @error set on failure.
 */
QapiSchema *qapi_schema_new_from_data(const char *data, gssize len,
                                      const char *filename,
                                      QapiDiagnostics *diags, GError **error);
QapiSchema *qapi_schema_new_from_file(const char *path, QapiDiagnostics *diags,
                                      GError **error);
/* A SchemaInfo list or a {"return": [...]} reply as a json-glib tree. */
QapiSchema *qapi_schema_new_from_node(JsonNode *node, QapiDiagnostics *diags,
                                      GError **error);
void qapi_schema_free(QapiSchema *schema);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QapiSchema, qapi_schema_free)

/* What a document is checked against. */
typedef enum QapiSchemaTarget {
    QAPI_SCHEMA_TYPE,              /* a type, by name */
    QAPI_SCHEMA_COMMAND_ARGUMENTS, /* a command's "arguments" object */
    QAPI_SCHEMA_COMMAND_RETURN,    /* a command's "return" value */
    QAPI_SCHEMA_EVENT_DATA,        /* an event's "data" object */
} QapiSchemaTarget;

/* Whether the schema has a type, command or event @name. */
bool qapi_schema_has(const QapiSchema *schema, QapiSchemaTarget target,
                     const char *name);

/* Counts of the schema's entries (SchemaInfo elements), commands,
 * events and types. */
guint qapi_schema_get_n_entries(const QapiSchema *schema);
guint qapi_schema_get_n_commands(const QapiSchema *schema);
guint qapi_schema_get_n_events(const QapiSchema *schema);

/*
 * Check one JSON document (text, a file, or a json-glib tree) against
 * @target @name.  With @diags, every problem and warning is recorded and
 * the check goes on; without, it stops at the first error.  Returns true
 * when there is no error (warnings allowed); otherwise false with @error
 * set to the first error (and a count of the others), as
 * qapi_json_input_visitor_finish() does.  An unknown @name is a
 * QAPI_ERROR_INVALID_VALUE error before anything is read.
 */
bool qapi_schema_validate_data(const QapiSchema *schema,
                               QapiSchemaTarget target, const char *name,
                               const char *data, gssize len,
                               const char *filename, QapiInputFlags flags,
                               QapiDiagnostics *diags, GError **error);
bool qapi_schema_validate_file(const QapiSchema *schema,
                               QapiSchemaTarget target, const char *name,
                               const char *path, QapiInputFlags flags,
                               QapiDiagnostics *diags, GError **error);
bool qapi_schema_validate_node(const QapiSchema *schema,
                               QapiSchemaTarget target, const char *name,
                               JsonNode *node, QapiInputFlags flags,
                               QapiDiagnostics *diags, GError **error);

/*
 * QMP transcripts: JSON messages separated by white space, as libvirt
 * records them (the .replies files of tests/qemucapabilitiesdata) or as a
 * QMP client sees them.  Each message is classified by its key member
 * and checked:
 *
 *   execute / exec-oob   the request's shape; the command must be in the
 *                        schema (else an error, or a warning when QEMU
 *                        answered CommandNotFound: a client probing);
 *                        "arguments" (absent: {}) against its argument
 *                        type
 *   return               the reply's shape; the value against the return
 *                        type of its command, matched by "id", else the
 *                        latest command still waiting for its reply
 *   error                the reply's shape: "class" and "desc" strings
 *   event                the shape ("timestamp" with "seconds" and
 *                        "microseconds"); "data" (absent: {}) against the
 *                        event's data type
 *   QMP                  the greeting's shape
 *
 * Problems read "FILE:LINE:COL: WHERE: message", WHERE naming the message
 * and the path in it: "query-version request.id" (the request's own
 * members), "device-list-properties arguments.typename",
 * "device-list-properties return[7].default-value",
 * "device-list-properties response.error.class" (a reply's own members),
 * "SHUTDOWN data.guest", "SHUTDOWN event.timestamp", "greeting.QMP".
 */
typedef struct QapiQmpLogStats {
    guint messages; /* JSON values in the transcript */
    guint requests; /* execute and exec-oob */
    guint returns;
    guint errors; /* error replies (not problems) */
    guint events;
    guint greetings;
} QapiQmpLogStats;

/*
 * Check the transcript @data against @schema, or, when @schema is NULL,
 * against the schema in the transcript's own query-qmp-schema reply (a
 * transcript without one is then an error).  Returns true when no error
 * was found; @stats (may be NULL) counts what was checked.
 */
bool qapi_qmp_log_validate_data(const QapiSchema *schema, const char *data,
                                gssize len, const char *filename,
                                QapiInputFlags flags, QapiDiagnostics *diags,
                                QapiQmpLogStats *stats, GError **error);
bool qapi_qmp_log_validate_file(const QapiSchema *schema, const char *path,
                                QapiInputFlags flags, QapiDiagnostics *diags,
                                QapiQmpLogStats *stats, GError **error);

G_END_DECLS

#endif /* QAPI_SCHEMA_VALIDATE_H */

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Internal entry points of the JSON input visitor for other parts of the
 * runtime.  The schema validator (schema-validate.c) drives this same
 * visitor from introspection data instead of generated code, so that its
 * paths, positions, messages and modes are the generated visitors' own.
 */
#ifndef QAPI_JSON_INPUT_IMPL_H
#define QAPI_JSON_INPUT_IMPL_H

#include "qapi/json-input.h"
#include "json-reader.h"

/*
 * A visitor over @root, a value inside @doc (which must outlive the
 * visitor; it is not freed with it).  @path_prefix starts every member
 * path ("query-version return" gives "query-version return.qemu.major"
 * and "device-list-properties return[7]"); NULL for none.  The visited
 * marks of @root's members must be clear (a value is visited once).
 */
G_GNUC_INTERNAL
Visitor *qapi_json_input_visitor_new_at(JDoc *doc, JValue *root,
                                        const char *filename,
                                        const char *path_prefix,
                                        QapiInputFlags flags,
                                        QapiDiagnostics *diags);

/*
 * A lazy visitor over @len bytes at @data that the caller has already
 * checked with jdoc_check(), alone or inside a larger text: the check is
 * not repeated and the text is read in place, so the caller keeps it (and
 * @spans) alive and unchanged until the visitor is freed.  It exists for
 * the QMP client, which checks each whole message as it frames it and
 * then decodes its "return" or "data" member: a second check of a large
 * reply would cost as much again.  @spans (NULL: none) are the ends of the
 * checked text's larger containers, their offsets counted from
 * @spans_base bytes before @data (the value's offset in the message), so
 * that skipping a large container stays one look-up.  Never fails.
 */
G_GNUC_INTERNAL
Visitor *qapi_json_input_visitor_new_checked(
    const char *data, size_t len, const JSpans *spans, uint32_t spans_base,
    const char *filename, QapiInputFlags flags, QapiDiagnostics *diags);

/*
 * The value member @name of the container being visited (the current
 * element in a list, the root outside any container) would get, without
 * marking it visited; NULL when it is absent or below a value that could
 * not be visited.
 */
G_GNUC_INTERNAL
const JValue *qapi_json_input_peek(Visitor *v, const char *name);

/*
 * visit_type_any() without building a JsonNode: checks that the value is
 * present (and not nested too deeply) and marks it visited.
 */
G_GNUC_INTERNAL
bool qapi_json_input_skip_value(Visitor *v, const char *name, GError **errp);

/*
 * From now on a list keeps one node: visit_next_list() clears and hands
 * back the node it was given instead of linking a new one.  For callers
 * that keep no values, only the verdict (the schema validator).
 */
G_GNUC_INTERNAL
void qapi_json_input_reuse_list_nodes(Visitor *v);

/* visit_type_str() without copying the string. */
G_GNUC_INTERNAL
bool qapi_json_input_skip_str(Visitor *v, const char *name, GError **errp);

/* Read @path: a regular file no larger than QAPI_JSON_MAX_INPUT_SIZE. */
G_GNUC_INTERNAL
char *qapi_json_read_file(const char *path, size_t *len, GError **error);

/* How qapi_json_parse_doc() reads its text. */
typedef enum QapiParseMode {
    QAPI_PARSE_VALUE,    /* one JSON value */
    QAPI_PARSE_SEQUENCE, /* values separated by white space */
    QAPI_PARSE_MESSAGES, /* the same; errors name "message N" */
} QapiParseMode;

/* Parse @data, recording a syntax error in @diags (when given) and
 * @error. */
G_GNUC_INTERNAL
JDoc *qapi_json_parse_doc(const char *data, gssize len, const char *filename,
                          QapiParseMode mode, QapiDiagnostics *diags,
                          GError **error);

/* "a string", "an object", ... as messages name JSON types. */
G_GNUC_INTERNAL
const char *qapi_json_type_name(const JValue *value);

#endif /* QAPI_JSON_INPUT_IMPL_H */

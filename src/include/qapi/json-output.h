/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The JSON output visitor and the runtime's JSON writer.
 *
 * Output members appear in schema order, absent optional members are left
 * out.  Text output is always valid JSON that parses back to the same value
 * (unlike json-glib 1.6's generator for some doubles and control
 * characters).
 */
#ifndef QAPI_JSON_OUTPUT_H
#define QAPI_JSON_OUTPUT_H

#include "qapi/visitor.h"

G_BEGIN_DECLS

typedef enum QapiJsonStyle {
    /* 4-space indent, "key": value, one member per line, final newline */
    QAPI_JSON_CANONICAL,
    /* no insignificant white space, no final newline */
    QAPI_JSON_COMPACT,
} QapiJsonStyle;

/* A visitor that builds a json-glib tree; *@result is set (owned by the
 * caller) when the top-level visit completes. */
Visitor *qapi_json_output_visitor_new(JsonNode **result);

/* A visitor that writes text directly; @result receives the text once the
 * top-level visit completes. */
Visitor *qapi_json_text_output_visitor_new(QapiJsonStyle style,
                                           GString *result);

/* Any json-glib tree as text in @style. */
char *qapi_json_to_string(JsonNode *node, QapiJsonStyle style);

G_END_DECLS

#endif /* QAPI_JSON_OUTPUT_H */

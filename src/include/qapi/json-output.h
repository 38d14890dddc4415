/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The JSON output visitor and the runtime's JSON writer.
 *
 * Output members appear in schema order, absent optional members are left
 * out.  Text output is always valid JSON that parses back to the same value
 * (unlike json-glib 1.6's generator for some doubles and control
 * characters):
 *  - doubles in the shortest form that reads back exactly, laid out as
 *    Python's repr() ("0.1", "1.0", "1e+20", "1e-07"), always with a '.'
 *    or an exponent so they stay doubles; NaN and infinities are refused
 *    (QAPI_ERROR_INVALID_VALUE);
 *  - every control character escaped ("\n", "\u001f"), other text as
 *    UTF-8; strings that are not valid UTF-8 are refused;
 *  - nesting deeper than QAPI_JSON_MAX_DEPTH is refused (the reader would
 *    not take it back).
 * With the canonical style and members in schema order, the text equals
 * Python's json.dumps(value, indent=4, ensure_ascii=False) plus a newline.
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

/*
 * A visitor that builds a json-glib tree; *@result is set (owned by the
 * caller) when the top-level visit completes, and stays NULL when it
 * fails.  A uint64 above INT64_MAX has no exact json-glib form and is
 * refused (QAPI_ERROR_OUT_OF_RANGE); the text visitor writes it exactly.
 */
Visitor *qapi_json_output_visitor_new(JsonNode **result);

/*
 * A visitor that writes text directly; @result receives the text once the
 * top-level visit completes (appended to what it holds; a failed visit
 * leaves it as it was).
 */
Visitor *qapi_json_text_output_visitor_new(QapiJsonStyle style,
                                           GString *result);

/* Any json-glib tree as text in @style; NULL when the tree has no valid
 * JSON text (a non-finite double, a string that is not UTF-8, nesting
 * deeper than QAPI_JSON_MAX_DEPTH). */
char *qapi_json_to_string(JsonNode *node, QapiJsonStyle style);

G_END_DECLS

#endif /* QAPI_JSON_OUTPUT_H */

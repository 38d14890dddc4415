/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Shared helpers of the libFuzzer harnesses: invariant checks that abort
 * (libFuzzer then saves the input), and a JSON value comparison that
 * treats numbers by value, so that a writer is free to spell 1.0 as 1.
 */
#ifndef FWDESC_FUZZ_COMMON_H
#define FWDESC_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "qapi/qapi.h"

#define FUZZ_CHECK(cond, ...)                                          \
    do {                                                               \
        if (!(cond)) {                                                 \
            fprintf(stderr, "%s:%d: invariant broken: %s: ", __FILE__, \
                    __LINE__, #cond);                                  \
            fprintf(stderr, __VA_ARGS__);                              \
            fputc('\n', stderr);                                       \
            abort();                                                   \
        }                                                              \
    } while (0)

/*
 * GLib logging: a g_critical (a failed g_return_if_fail, i.e. the library
 * misusing itself on some input) is a bug and aborts; anything milder is
 * dropped so that the harness does not spend its time printing.
 */
static GLogWriterOutput
fuzz_log_writer(GLogLevelFlags level, const GLogField *fields, gsize n_fields,
                gpointer data)
{
    (void)data;
    if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) {
        g_log_writer_standard_streams(level, fields, n_fields, NULL);
        abort();
    }
    return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_setup_glib(void)
{
    g_log_set_writer_func(fuzz_log_writer, NULL, NULL);
}

static inline guint
fuzz_count_errors(const QapiDiagnostics *diags)
{
    return qapi_diagnostics_count(diags, QAPI_SEVERITY_ERROR);
}

/* Every diagnostic formats to something non-empty with sane positions. */
static inline void
fuzz_check_diagnostics(const QapiDiagnostics *diags)
{
    guint n = qapi_diagnostics_get_length(diags);

    for (guint i = 0; i < n; i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        g_autofree char *text = NULL;

        FUZZ_CHECK(d != NULL, "diagnostic %u of %u is NULL", i, n);
        FUZZ_CHECK(d->message && *d->message, "diagnostic %u has no message",
                   i);
        FUZZ_CHECK(d->path != NULL, "diagnostic %u has no path", i);
        FUZZ_CHECK(d->line >= 0 && d->column >= 0, "diagnostic %u at %d:%d", i,
                   d->line, d->column);
        text = qapi_diagnostic_format(d);
        FUZZ_CHECK(text && *text, "diagnostic %u formats to nothing", i);
    }
}

static inline bool
fuzz_numbers_equal(JsonNode *a, JsonNode *b)
{
    GType ta = json_node_get_value_type(a);
    GType tb = json_node_get_value_type(b);

    if (ta == G_TYPE_INT64 && tb == G_TYPE_INT64) {
        return json_node_get_int(a) == json_node_get_int(b);
    }
    if (ta == G_TYPE_DOUBLE && tb == G_TYPE_DOUBLE) {
        return json_node_get_double(a) == json_node_get_double(b);
    }
    if (ta == G_TYPE_INT64 && tb == G_TYPE_DOUBLE) {
        return (double)json_node_get_int(a) == json_node_get_double(b);
    }
    if (ta == G_TYPE_DOUBLE && tb == G_TYPE_INT64) {
        return json_node_get_double(a) == (double)json_node_get_int(b);
    }
    return false;
}

static inline bool
fuzz_json_equal(JsonNode *a, JsonNode *b)
{
    JsonNodeType type = json_node_get_node_type(a);

    if (type != json_node_get_node_type(b)) {
        return false;
    }
    switch (type) {
    case JSON_NODE_NULL:
        return true;
    case JSON_NODE_ARRAY: {
        JsonArray *x = json_node_get_array(a), *y = json_node_get_array(b);
        guint n = json_array_get_length(x);

        if (n != json_array_get_length(y)) {
            return false;
        }
        for (guint i = 0; i < n; i++) {
            if (!fuzz_json_equal(json_array_get_element(x, i),
                                 json_array_get_element(y, i))) {
                return false;
            }
        }
        return true;
    }
    case JSON_NODE_OBJECT: {
        JsonObject *x = json_node_get_object(a), *y = json_node_get_object(b);
        g_autoptr(GList) names = json_object_get_members(x);

        if (json_object_get_size(x) != json_object_get_size(y)) {
            return false;
        }
        for (GList *l = names; l; l = l->next) {
            JsonNode *other = json_object_get_member(y, l->data);

            if (!other
                || !fuzz_json_equal(json_object_get_member(x, l->data),
                                    other)) {
                return false;
            }
        }
        return true;
    }
    case JSON_NODE_VALUE:
        if (json_node_get_value_type(a) == G_TYPE_STRING
            || json_node_get_value_type(b) == G_TYPE_STRING) {
            return json_node_get_value_type(a) == json_node_get_value_type(b)
                   && strcmp(json_node_get_string(a), json_node_get_string(b))
                          == 0;
        }
        if (json_node_get_value_type(a) == G_TYPE_BOOLEAN
            || json_node_get_value_type(b) == G_TYPE_BOOLEAN) {
            return json_node_get_value_type(a) == json_node_get_value_type(b)
                   && json_node_get_boolean(a) == json_node_get_boolean(b);
        }
        return fuzz_numbers_equal(a, b);
    }
    return false;
}

#endif /* FWDESC_FUZZ_COMMON_H */

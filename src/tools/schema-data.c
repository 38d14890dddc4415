/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * "fwdesc schema": the generator's introspection output and JSON Schemas
 * (of the firmware schema and of the reports), compiled in, re-rooted at
 * the type or report asked for.
 */
#include <string.h>

#include "qapi/qapi.h"
#include "fwdesc/error.h"
#include "fwdesc-schema-data.h"

#ifdef FWDESC_HAVE_INTROSPECTION
#include "firmware/qapi-introspect-full.h"
#endif

/* From generated/firmware/firmware.schema.json and
 * generated/report/fwdesc-report.schema.json, by tools.mk. */
extern const char fwdesc_json_schema_text[];
extern const char fwdesc_report_json_schema_text[];

char *
fwdesc_tool_introspection(GError **error)
{
#ifdef FWDESC_HAVE_INTROSPECTION
    g_autoptr(JsonNode) root = qapi_json_parse(
        firmware_qmp_schema_json, (gssize)firmware_qmp_schema_json_len,
        "introspection", error);
    if (!root) {
        return NULL;
    }
    return qapi_json_to_string(root, QAPI_JSON_CANONICAL);
#else
    g_set_error_literal(error, FWDESC_ERROR, FWDESC_ERROR_NOT_FOUND,
                        "this build has no introspection data");
    return NULL;
#endif
}

/* The definitions object of a JSON Schema document, whichever draft. */
static JsonObject *
schema_definitions(JsonObject *doc)
{
    static const char *const names[] = { "$defs", "definitions" };
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        JsonNode *node = json_object_get_member(doc, names[i]);
        if (node && JSON_NODE_HOLDS_OBJECT(node)) {
            return json_node_get_object(node);
        }
    }
    return NULL;
}

static const char *
definitions_name(JsonObject *doc)
{
    return json_object_has_member(doc, "$defs") ? "$defs" : "definitions";
}

/* @type of the JSON Schema @text (named @source in messages) as the root
 * of a document of its own; @title names it. */
static char *
json_schema_rooted(const char *text, const char *source, const char *type,
                   const char *title, GError **error)
{
    g_autoptr(JsonNode) root = qapi_json_parse(text, -1, source, error);
    if (!root) {
        return NULL;
    }
    if (!JSON_NODE_HOLDS_OBJECT(root)) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_INVALID,
                    "the compiled-in %s is not an object", source);
        return NULL;
    }
    JsonObject *doc = json_node_get_object(root);
    JsonObject *defs = schema_definitions(doc);
    if (!defs || !json_object_has_member(defs, type)) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_NOT_FOUND,
                    "the schema has no type '%s'", type);
        return NULL;
    }

    /* A document of its own: same definitions, @type as the root. */
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    if (json_object_has_member(doc, "$schema")) {
        json_builder_set_member_name(b, "$schema");
        json_builder_add_value(
            b, json_node_copy(json_object_get_member(doc, "$schema")));
    }
    json_builder_set_member_name(b, "title");
    json_builder_add_string_value(b, title);
    g_autofree char *ref = g_strdup_printf("#/%s/%s", definitions_name(doc),
                                           type);
    json_builder_set_member_name(b, "$ref");
    json_builder_add_string_value(b, ref);
    json_builder_set_member_name(b, definitions_name(doc));
    json_builder_add_value(
        b, json_node_copy(json_object_get_member(doc, definitions_name(doc))));
    json_builder_end_object(b);
    g_autoptr(JsonNode) out = json_builder_get_root(b);
    return qapi_json_to_string(out, QAPI_JSON_CANONICAL);
}

/* The reports of schema/fwdesc-report.json, by the name "fwdesc schema
 * --json-schema" knows them by. */
static const struct {
    const char *name;
    const char *type;
} reports[] = {
    { "validate-report", "FwdescValidateReport" },
    { "lint-report", "FwdescLintReport" },
    { "list-report", "FwdescListReport" },
    { "select-report", "FwdescSelectReport" },
    { "instantiate-report", "FwdescInstantiateReport" },
};

char *
fwdesc_tool_json_schema(const char *type, GError **error)
{
    for (gsize i = 0; type && i < G_N_ELEMENTS(reports); i++) {
        if (!strcmp(type, reports[i].name)) {
            g_autofree char *title = g_strdup_printf("fwdesc %s",
                                                     reports[i].name);
            return json_schema_rooted(fwdesc_report_json_schema_text,
                                      "fwdesc-report.schema.json",
                                      reports[i].type, title, error);
        }
    }

    g_autoptr(JsonNode) root = qapi_json_parse(fwdesc_json_schema_text, -1,
                                               "firmware.schema.json", error);
    if (!root) {
        return NULL;
    }
    if (!JSON_NODE_HOLDS_OBJECT(root)) {
        g_set_error_literal(error, FWDESC_ERROR, FWDESC_ERROR_INVALID,
                            "the compiled-in JSON Schema is not an object");
        return NULL;
    }
    JsonObject *doc = json_node_get_object(root);
    JsonObject *defs = schema_definitions(doc);
    const char *title = json_object_has_member(doc, "title")
                            ? json_object_get_string_member(doc, "title")
                            : NULL;

    if (!type || !g_strcmp0(type, title)
        || (!g_strcmp0(type, "Firmware")
            && !(defs && json_object_has_member(defs, type)))) {
        return qapi_json_to_string(root, QAPI_JSON_CANONICAL);
    }
    return json_schema_rooted(fwdesc_json_schema_text, "firmware.schema.json",
                              type, type, error);
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* query-qmp-schema: the generated introspection text, parsed and filtered
 * by the output policy as QEMU filters it. */
#include <string.h>

#include "qapi/introspect.h"
#include "qapi/json-input.h"

static bool
is_deprecated(JsonNode *node)
{
    JsonObject *obj;
    JsonArray *features;

    if (!JSON_NODE_HOLDS_OBJECT(node)) {
        return false;
    }
    obj = json_node_get_object(node);
    if (!json_object_has_member(obj, "features")
        || !JSON_NODE_HOLDS_ARRAY(json_object_get_member(obj, "features"))) {
        return false;
    }
    features = json_object_get_array_member(obj, "features");
    for (guint i = 0; i < json_array_get_length(features); i++) {
        JsonNode *f = json_array_get_element(features, i);

        if (JSON_NODE_HOLDS_VALUE(f)
            && json_node_get_value_type(f) == G_TYPE_STRING
            && strcmp(json_node_get_string(f), "deprecated") == 0) {
            return true;
        }
    }
    return false;
}

/* @array without its deprecated elements (a new array). */
static JsonArray *
without_deprecated(JsonArray *array)
{
    JsonArray *kept = json_array_new();

    for (guint i = 0; i < json_array_get_length(array); i++) {
        JsonNode *elt = json_array_get_element(array, i);

        if (!is_deprecated(elt)) {
            json_array_add_element(kept, json_node_copy(elt));
        }
    }
    return kept;
}

static bool
has_string(JsonObject *obj, const char *name, const char *value)
{
    JsonNode *node = json_object_get_member(obj, name);

    return node && JSON_NODE_HOLDS_VALUE(node)
           && json_node_get_value_type(node) == G_TYPE_STRING
           && strcmp(json_node_get_string(node), value) == 0;
}

/* A copy of object type @entity without its deprecated members. */
static JsonNode *
object_without_deprecated(JsonObject *entity)
{
    g_autoptr(JsonObject) copy = json_object_new();
    g_autoptr(GList) names = json_object_get_members(entity);

    for (GList *l = names; l; l = l->next) {
        JsonNode *value = json_object_get_member(entity, l->data);

        if (strcmp(l->data, "members") == 0 && JSON_NODE_HOLDS_ARRAY(value)) {
            json_object_set_array_member(
                copy, l->data, without_deprecated(json_node_get_array(value)));
        } else {
            json_object_set_member(copy, l->data, json_node_copy(value));
        }
    }
    return json_node_init_object(json_node_alloc(), copy);
}

/* QEMU's filter for deprecated output: such entities go, and such
 * members of object types. */
static void
zap_deprecated(JsonNode *root)
{
    JsonArray *all = json_node_get_array(root);
    g_autoptr(JsonArray) kept = json_array_new();

    for (guint i = 0; i < json_array_get_length(all); i++) {
        JsonNode *node = json_array_get_element(all, i);

        if (is_deprecated(node)) {
            continue;
        }
        if (JSON_NODE_HOLDS_OBJECT(node)
            && has_string(json_node_get_object(node), "meta-type", "object")) {
            json_array_add_element(
                kept, object_without_deprecated(json_node_get_object(node)));
        } else {
            json_array_add_element(kept, json_node_copy(node));
        }
    }
    json_node_set_array(root, kept);
}

JsonNode *
qapi_introspection_new(const char *data, size_t len, const QapiPolicy *policy,
                       GError **error)
{
    g_autoptr(JsonNode) root = NULL;

    g_return_val_if_fail(data, NULL);
    root = qapi_json_parse(data, (gssize)len, "introspection", error);
    if (!root) {
        return NULL;
    }
    if (!JSON_NODE_HOLDS_ARRAY(root)) {
        g_set_error(error, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH,
                    "introspection data is not a JSON array");
        return NULL;
    }
    if (policy && policy->deprecated_output == QAPI_POLICY_OUTPUT_HIDE) {
        zap_deprecated(root);
    }
    return g_steal_pointer(&root);
}

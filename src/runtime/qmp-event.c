/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The envelope of a QMP event: its name and QEMU's timestamp. */
#include "qapi/qmp-event.h"

JsonObject *
qmp_event_build_dict(const char *event_name)
{
    JsonObject *dict;
    JsonObject *timestamp;
    gint64 now = g_get_real_time();

    g_return_val_if_fail(event_name, NULL);
    timestamp = json_object_new();
    json_object_set_int_member(timestamp, "seconds", now / G_USEC_PER_SEC);
    json_object_set_int_member(timestamp, "microseconds", now % G_USEC_PER_SEC);
    dict = json_object_new();
    json_object_set_string_member(dict, "event", event_name);
    json_object_set_object_member(dict, "timestamp", timestamp);
    return dict;
}

void
qapi_qmp_event_set_data(JsonObject *event, JsonNode *data)
{
    g_return_if_fail(event);
    if (data && JSON_NODE_HOLDS_OBJECT(data)
        && json_object_get_size(json_node_get_object(data))) {
        json_object_set_member(event, "data", data);
    } else if (data) {
        json_node_unref(data);
    }
}

void
qapi_qmp_event_free(JsonObject *event)
{
    if (event) {
        json_object_unref(event);
    }
}

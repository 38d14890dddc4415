/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * QMP events.  Generated qapi_event_send_X() functions build the event
 * with qmp_event_build_dict(), add "data" (built with the QMP output
 * visitor, qapi/compat-policy.h) when it has members, and hand the object
 * to the schema's PREFIXqapi_event_emit(), which the program implements
 * (as in QEMU) to send it wherever its clients are:
 *
 *   { "event": "NAME", "data": { ... },
 *     "timestamp": { "seconds": S, "microseconds": US } }
 *
 * The timestamp is the wall-clock time (g_get_real_time()) split into
 * seconds and microseconds, as QEMU sends it.
 */
#ifndef QAPI_QMP_EVENT_H
#define QAPI_QMP_EVENT_H

#include "qapi/visitor.h"

G_BEGIN_DECLS

/* A new object with "event": @event_name and the current "timestamp"
 * (the caller owns it: json_object_unref()). */
JsonObject *qmp_event_build_dict(const char *event_name);

/*
 * For generated event code, which is compiled without json-glib's header
 * (QAPI_NO_JSON_GLIB, see qapi/visitor.h): puts @data (an object node,
 * taken over) under "data" of @qmp when it has members, and frees it when
 * it has none (QEMU's code does this with qdict_size() and
 * qdict_put_obj()); releases @qmp (json_object_unref()).
 */
void qapi_qmp_event_put_data(JsonObject *qmp, JsonNode *data);
void qapi_qmp_event_free(JsonObject *qmp);

G_END_DECLS

#endif /* QAPI_QMP_EVENT_H */

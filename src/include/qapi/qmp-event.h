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
 * (the caller owns it: json_object_unref() or qapi_qmp_event_free()). */
JsonObject *qmp_event_build_dict(const char *event_name);

/*
 * For generated code, which does not include json-glib's headers (their
 * JSON_TYPE_* macros collide with QEMU's JSONType enum): put @data (taken
 * over) into @event as "data" when it is an object with members, else
 * drop it, as QEMU's event senders do; and free @event.
 */
void qapi_qmp_event_set_data(JsonObject *event, JsonNode *data);
void qapi_qmp_event_free(JsonObject *event);

G_END_DECLS

#endif /* QAPI_QMP_EVENT_H */

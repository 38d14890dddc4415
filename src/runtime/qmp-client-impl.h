/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Between the QMP connection (qmp-client.c) and its typed layer
 * (qmp-client-typed.c), internal.  The typed layer decodes a reply's
 * "return" and an event's "data" from their text with the lazy input
 * visitor, so the connection hands it the message's text and where the
 * value lies in it instead of a json-glib tree; a tree is built only for
 * an untyped caller or handler.
 */
#ifndef QAPI_QMP_CLIENT_IMPL_H
#define QAPI_QMP_CLIENT_IMPL_H

#include "qapi/qmp-client-typed.h"
#include "json-reader.h"

/*
 * A value of an incoming message as text: @length bytes at @data, inside
 * @message (the whole message, taken out of the input buffer and checked
 * by the strict reader), which holds it alive.  An absent value has
 * @data NULL.  @spans (NULL: none) are where the message's larger
 * containers end, offsets from the message's start, held alive by
 * @message too: the decode reads the value without checking it again
 * (qapi_json_input_visitor_new_checked()).
 */
typedef struct QapiQmpValueText {
    GBytes *message;
    const char *data;
    gsize length;
    const JSpans *spans;
} QapiQmpValueText;

G_GNUC_INTERNAL
void qapi_qmp_value_text_free(QapiQmpValueText *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QapiQmpValueText, qapi_qmp_value_text_free)

/*
 * One incoming message, checked by the strict reader without building a
 * tree, its top-level members found: the connection reads the small ones
 * as trees and hands "return" and "data" on as text.
 */
typedef struct QapiQmpMessage QapiQmpMessage;

/*
 * Check the message in the first @len bytes of @bytes (one JSON object;
 * @bytes is referenced, not copied: the connection hands over its input
 * buffer when a large message starts it); NULL with the reader's error
 * when it is not well-formed.
 */
G_GNUC_INTERNAL
QapiQmpMessage *qapi_qmp_message_new(GBytes *bytes, gsize len, GError **error);
G_GNUC_INTERNAL
void qapi_qmp_message_free(QapiQmpMessage *msg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QapiQmpMessage, qapi_qmp_message_free)

G_GNUC_INTERNAL
gboolean qapi_qmp_message_has(const QapiQmpMessage *msg, const char *name);
/* The json-glib tree of top-level member @name (new), or NULL. */
G_GNUC_INTERNAL
JsonNode *qapi_qmp_message_get_node(QapiQmpMessage *msg, const char *name);
/* Top-level member @name's text into @value (@value->data NULL when the
 * message has none; @value->message a new reference either way). */
G_GNUC_INTERNAL
void qapi_qmp_message_get_text(QapiQmpMessage *msg, const char *name,
                               QapiQmpValueText *value);

/*
 * qapi_qmp_client_decode() from text: the lazy input visitor reads @value
 * in place (an absent value reads as {}).  Only when a value must be left
 * out (an enum value the schema lacks) are the further rounds decoded
 * from a tree of @value.
 */
G_GNUC_INTERNAL
gboolean qapi_qmp_client_decode_text(QapiQmpClient *client,
                                     QapiQmpVisitFunc visit, const char *what,
                                     const char *type,
                                     const QapiQmpSinceTable *since_table,
                                     const QapiQmpValueText *value, void *obj,
                                     GError **errp);

/* qapi_qmp_client_execute_async(), completing with the reply's "return"
 * as text: _text_finish() returns it (free it) or NULL with @error set. */
G_GNUC_INTERNAL
void qapi_qmp_client_execute_text_async(
    QapiQmpClient *client, const char *command, JsonObject *arguments,
    QapiQmpCallFlags flags, GCancellable *cancellable,
    GAsyncReadyCallback callback, gpointer user_data);
G_GNUC_INTERNAL
QapiQmpValueText *qapi_qmp_client_execute_text_finish(QapiQmpClient *client,
                                                      GAsyncResult *result,
                                                      GError **error);
G_GNUC_INTERNAL
QapiQmpValueText *qapi_qmp_client_execute_text_sync(
    QapiQmpClient *client, const char *command, JsonObject *arguments,
    QapiQmpCallFlags flags, GCancellable *cancellable, GError **error);

/* An event handler given the event's "data" as text (@data->data NULL
 * when it has none; borrowed for the call). */
typedef void (*QapiQmpTextEventFunc)(QapiQmpClient *client, const char *name,
                                     const QapiQmpValueText *data,
                                     const QapiQmpTimestamp *timestamp,
                                     gpointer user_data);

/* qapi_qmp_client_add_event_handler() for such a handler; the same ids. */
G_GNUC_INTERNAL
gulong qapi_qmp_client_add_text_event_handler(QapiQmpClient *client,
                                              const char *name,
                                              QapiQmpTextEventFunc func,
                                              gpointer user_data,
                                              GDestroyNotify destroy);

/* How many json-glib trees of a "return" or "data" value this process has
 * built (for an untyped caller or handler): lets a test prove that a typed
 * call builds none. */
G_GNUC_INTERNAL
guint qapi_qmp_client_value_trees(void);

#endif /* QAPI_QMP_CLIENT_IMPL_H */

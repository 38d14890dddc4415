/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A QMP client: one connection to a QMP server (QEMU's monitor), in
 * GLib's asynchronous style.
 *
 * Connecting reads the greeting, decodes it strictly into a
 * QapiQmpGreeting, and negotiates capabilities (out-of-band execution when
 * asked for and offered).  Commands are sent with unique ids; replies are
 * matched by id, whatever events come between.  Events are dispatched, and
 * asynchronous calls complete, on the GMainContext that was the
 * thread-default one when the connection was made.  The blocking forms
 * iterate that context until they are done, so they belong to the thread
 * that runs it.
 *
 * Failure is clean:
 *  - a QMP error reply fails that call with a GError in the QAPI_QMP_ERROR
 *    domain (qapi/qmp-error.h), whose code is the reply's class
 *    (ERROR_CLASS_COMMAND_NOT_FOUND, ...) and whose message is QEMU's
 *    text; a class this library does not know reads as GenericError;
 *  - a peer that closes, sends something that is not a JSON object,
 *    breaks the protocol (a reply for an id never sent, a second greeting,
 *    a reply without an id) or sends a message larger than the client's
 *    limit fails every pending call with a QAPI_QMP_CLIENT_ERROR, and the
 *    connection is closed; later calls fail at once with the same error.
 *
 * Incoming messages are framed as JSON values separated by white space,
 * read in whatever pieces the socket delivers, and each one is parsed by
 * the runtime's strict reader (qapi/json-input.h): duplicate keys,
 * invalid UTF-8 and the like are protocol errors.
 */
#ifndef QAPI_QMP_CLIENT_H
#define QAPI_QMP_CLIENT_H

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * The default limit on one incoming message, and on one request (the
 * encoded text).  QEMU 10.2's largest reply, query-qmp-schema, is about
 * 200 KB; 16 MiB leaves room for any monitor while bounding what a broken
 * or hostile peer can make us buffer.  qapi_qmp_client_set_max_message_size()
 * changes it per connection.
 */
#define QAPI_QMP_CLIENT_MAX_MESSAGE_SIZE (16u * 1024 * 1024)

#define QAPI_QMP_CLIENT_ERROR (qapi_qmp_client_error_quark())
GQuark qapi_qmp_client_error_quark(void);

typedef enum QapiQmpClientError {
    QAPI_QMP_CLIENT_ERROR_CLOSED,    /* the peer closed, or we did */
    QAPI_QMP_CLIENT_ERROR_PROTOCOL,  /* not QMP: garbage, bad framing,
                                       * an unexpected id or message */
    QAPI_QMP_CLIENT_ERROR_TOO_LARGE, /* a message beyond the limit */
    QAPI_QMP_CLIENT_ERROR_GREETING,  /* the greeting is not QMP's */
    QAPI_QMP_CLIENT_ERROR_NO_OOB,    /* out-of-band execution asked for
                                       * but not negotiated */
    QAPI_QMP_CLIENT_ERROR_VERSION,   /* a typed call the peer's version
                                       * predates (qapi/qmp-client-typed.h) */
} QapiQmpClientError;

typedef enum QapiQmpClientFlags {
    QAPI_QMP_CLIENT_FLAGS_NONE = 0,
    /* Enable out-of-band execution when the server offers it. */
    QAPI_QMP_CLIENT_FLAGS_OOB = 1 << 0,
} QapiQmpClientFlags;

typedef enum QapiQmpCallFlags {
    QAPI_QMP_CALL_FLAGS_NONE = 0,
    /* Send as "exec-oob" (QAPI_QMP_CLIENT_ERROR_NO_OOB unless negotiated). */
    QAPI_QMP_CALL_FLAGS_OOB = 1 << 0,
    /*
     * The command sends no reply when it succeeds ('success-response':
     * false): the call completes, with a JSON null, once the request is
     * written.  An error reply that comes later goes to the warning
     * function (qapi_qmp_client_set_warning_func()).  Once queued, such a
     * call is not cancelled: what is queued is sent, and the result says
     * so.
     */
    QAPI_QMP_CALL_FLAGS_NO_REPLY = 1 << 1,
} QapiQmpCallFlags;

/*
 * The greeting: { "QMP": { "version": { "qemu": { "major", "minor",
 * "micro" }, "package" }, "capabilities": [...] } }, read strictly
 * (every member present with its type, no other member).
 */
typedef struct QapiQmpGreeting {
    gint64 major;
    gint64 minor;
    gint64 micro;
    char *package;       /* "" when QEMU was built without one */
    char **capabilities; /* NULL-terminated: "oob", ... */
} QapiQmpGreeting;

/* An event's "timestamp": wall-clock time when QEMU sent it.  QEMU sends
 * -1/-1 when it could not read the clock. */
typedef struct QapiQmpTimestamp {
    gint64 seconds;
    gint64 microseconds;
} QapiQmpTimestamp;

typedef struct QapiQmpClient QapiQmpClient;

/*
 * An event handler: @name is the event, @data its "data" member (NULL
 * when the event has none; borrowed for the call).
 */
typedef void (*QapiQmpEventFunc)(QapiQmpClient *client, const char *name,
                                 JsonNode *data,
                                 const QapiQmpTimestamp *timestamp,
                                 gpointer user_data);

/* Called once when the connection ends, with the reason (borrowed). */
typedef void (*QapiQmpDisconnectFunc)(QapiQmpClient *client,
                                      const GError *reason, gpointer user_data);

/* ---- connecting ------------------------------------------------------- */

/* Connect to the unix socket @path, read the greeting, negotiate. */
void qapi_qmp_client_connect_async(const char *path, QapiQmpClientFlags flags,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
QapiQmpClient *qapi_qmp_client_connect_finish(GAsyncResult *result,
                                              GError **error);
QapiQmpClient *qapi_qmp_client_connect_sync(const char *path,
                                            QapiQmpClientFlags flags,
                                            GCancellable *cancellable,
                                            GError **error);

/*
 * The same over a connected @stream (a reference is taken; its input must
 * be a GPollableInputStream, as a GSocketConnection's is) or a connected
 * @socket (wrapped in a GSocketConnection, which takes a reference).
 * Nothing may have been read from the stream yet.
 */
void qapi_qmp_client_new_for_stream_async(GIOStream *stream,
                                          QapiQmpClientFlags flags,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
QapiQmpClient *qapi_qmp_client_new_for_stream_finish(GAsyncResult *result,
                                                     GError **error);
QapiQmpClient *qapi_qmp_client_new_for_stream_sync(GIOStream *stream,
                                                   QapiQmpClientFlags flags,
                                                   GCancellable *cancellable,
                                                   GError **error);
QapiQmpClient *qapi_qmp_client_new_for_socket_sync(GSocket *socket,
                                                   QapiQmpClientFlags flags,
                                                   GCancellable *cancellable,
                                                   GError **error);

QapiQmpClient *qapi_qmp_client_ref(QapiQmpClient *client);
/* Dropping the last reference closes the connection.  Pending calls hold
 * a reference each until they complete. */
void qapi_qmp_client_unref(QapiQmpClient *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QapiQmpClient, qapi_qmp_client_unref)

/* Close now: pending calls fail with QAPI_QMP_CLIENT_ERROR_CLOSED. */
void qapi_qmp_client_close(QapiQmpClient *client);
/* FALSE once the connection has ended; *@reason (may be NULL) then says
 * why (borrowed). */
gboolean qapi_qmp_client_is_connected(QapiQmpClient *client,
                                      const GError **reason);

const QapiQmpGreeting *qapi_qmp_client_get_greeting(QapiQmpClient *client);
/* Whether out-of-band execution was negotiated. */
gboolean qapi_qmp_client_get_oob(QapiQmpClient *client);

/* Refuse incoming messages and requests larger than @size bytes. */
void qapi_qmp_client_set_max_message_size(QapiQmpClient *client, gsize size);

/*
 * How typed calls (qapi/qmp-client-typed.h) decode replies and events:
 * tolerantly by default (what QEMU's compatibility promise allows is a
 * warning), every deviation from the schema an error with STRICT.
 */
typedef enum QapiQmpDecodeFlags {
    QAPI_QMP_DECODE_TOLERANT = 0,
    QAPI_QMP_DECODE_STRICT = 1 << 0,
} QapiQmpDecodeFlags;

void qapi_qmp_client_set_decode_flags(QapiQmpClient *client,
                                      QapiQmpDecodeFlags flags);
QapiQmpDecodeFlags qapi_qmp_client_get_decode_flags(QapiQmpClient *client);

/* Told each warning of a typed decode (one line, no newline).  Without
 * one, warnings go to g_message() in the "qapi-qmp-client" domain. */
typedef void (*QapiQmpWarningFunc)(QapiQmpClient *client, const char *message,
                                   gpointer user_data);
void qapi_qmp_client_set_warning_func(QapiQmpClient *client,
                                      QapiQmpWarningFunc func,
                                      gpointer user_data,
                                      GDestroyNotify destroy);
/* Report @message as the warning function says. */
void qapi_qmp_client_warn(QapiQmpClient *client, const char *message);

/* ---- commands --------------------------------------------------------- */

/*
 * Execute @command with @arguments (NULL for none; not taken over, and
 * encoded before this returns).  The result is the reply's "return"
 * value.  Cancelling fails the call with G_IO_ERROR_CANCELLED; QEMU may
 * still execute it, and its reply is then dropped.
 */
void qapi_qmp_client_execute_async(QapiQmpClient *client, const char *command,
                                   JsonObject *arguments,
                                   QapiQmpCallFlags flags,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
JsonNode *qapi_qmp_client_execute_finish(QapiQmpClient *client,
                                         GAsyncResult *result, GError **error);
JsonNode *qapi_qmp_client_execute_sync(
    QapiQmpClient *client, const char *command, JsonObject *arguments,
    QapiQmpCallFlags flags, GCancellable *cancellable, GError **error);

/* ---- events ----------------------------------------------------------- */

/*
 * Call @func for every event named @name (NULL: every event).  Returns an
 * id > 0 for qapi_qmp_client_remove_event_handler(); @destroy (may be
 * NULL) releases @user_data when the handler goes.
 */
gulong qapi_qmp_client_add_event_handler(QapiQmpClient *client,
                                         const char *name,
                                         QapiQmpEventFunc func,
                                         gpointer user_data,
                                         GDestroyNotify destroy);
void qapi_qmp_client_remove_event_handler(QapiQmpClient *client,
                                          gulong handler_id);

/* Called when the connection ends (one function per client). */
void qapi_qmp_client_set_disconnect_func(QapiQmpClient *client,
                                         QapiQmpDisconnectFunc func,
                                         gpointer user_data,
                                         GDestroyNotify destroy);

/*
 * Wait, iterating the client's context, until an event named @name
 * arrives; returns its data (a new reference; an empty object when it had
 * none) and fills *@timestamp (may be NULL).  Fails when the connection
 * ends first, or after @timeout_ms milliseconds (G_IO_ERROR_TIMED_OUT;
 * -1: no limit).  Only events that arrive after the call count.
 */
JsonNode *qapi_qmp_client_wait_event_sync(QapiQmpClient *client,
                                          const char *name, int timeout_ms,
                                          QapiQmpTimestamp *timestamp,
                                          GCancellable *cancellable,
                                          GError **error);

G_END_DECLS

#endif /* QAPI_QMP_CLIENT_H */

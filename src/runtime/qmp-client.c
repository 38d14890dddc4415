/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The QMP client connection (qapi/qmp-client.h): framing of the incoming
 * byte stream, the greeting and capability negotiation, id matching of
 * replies, event dispatch, and clean failure of everything pending when
 * the connection breaks.
 */
#include <string.h>

#include "qapi/json-input.h"
#include "qapi/json-output.h"
#include "qapi/qmp-client.h"
#include "qapi/qmp-error.h"
#include "json-lazy.h"
#include "qmp-client-impl.h"

G_DEFINE_QUARK(qapi - qmp - client - error - quark, qapi_qmp_client_error)

/* How much one non-blocking read asks for. */
#define READ_CHUNK 65536
/* A message this large that starts the input buffer takes the buffer
 * over instead of being copied out of it (frame_take()). */
#define HANDOVER_MIN READ_CHUNK

typedef enum HandshakeState {
    WAIT_GREETING,
    WAIT_CAPABILITIES,
    READY,
} HandshakeState;

typedef struct Call {
    QapiQmpClient *client; /* borrowed: the task holds a reference */
    guint64 id;
    GTask *task;
    GSource *cancel_source;
    gboolean text; /* completes with a QapiQmpValueText, not a JsonNode */
} Call;

/* A request waiting to be written; @call (or NULL) completes once it is,
 * for a command that sends no reply (QAPI_QMP_CALL_FLAGS_NO_REPLY). */
typedef struct Write {
    GBytes *bytes;
    Call *call;
} Write;

typedef struct Handler {
    gulong id;
    char *name; /* NULL: every event */
    QapiQmpEventFunc func;
    QapiQmpTextEventFunc text_func; /* instead of @func */
    gpointer user_data;
    GDestroyNotify destroy;
    gboolean removed;
} Handler;

/* Where the framer is in the input buffer. */
typedef struct Framer {
    gsize scan;  /* next byte to look at */
    gsize start; /* first byte of the current message */
    gboolean in_message;
    gboolean in_string;
    gboolean escape;
    guint depth;
} Framer;

struct QapiQmpClient {
    gint ref;
    GMainContext *context;
    GIOStream *stream;
    GPollableInputStream *input;
    GOutputStream *output;
    GSource *read_source;
    GByteArray *inbuf;
    Framer framer;
    gsize max_size;

    HandshakeState state;
    QapiQmpClientFlags flags;
    GTask *handshake;          /* pending connect, until READY */
    GSource *handshake_cancel; /* its cancellable's source */
    QapiQmpGreeting greeting;
    gboolean oob;

    guint64 next_id;
    GHashTable *pending;   /* id -> Call */
    GHashTable *abandoned; /* ids of cancelled calls */
    GHashTable *no_reply;  /* id -> command, of calls done when written */
    GQueue writes;         /* Write not yet written */
    Write *writing;        /* the one being written */

    GPtrArray *handlers; /* of Handler */
    gulong next_handler;
    guint dispatching;

    QapiQmpDisconnectFunc disconnect;
    gpointer disconnect_data;
    GDestroyNotify disconnect_destroy;

    /* Typed calls (qmp-client-typed.c) */
    QapiQmpDecodeFlags decode_flags;
    QapiQmpWarningFunc warning;
    gpointer warning_data;
    GDestroyNotify warning_destroy;

    GError *fatal; /* why the connection ended */
};

static void read_start(QapiQmpClient *c);
static void call_send(QapiQmpClient *c, Call *call, const char *command,
                      JsonObject *arguments, QapiQmpCallFlags flags);

/* ---- life cycle ------------------------------------------------------- */

static void
handler_free(gpointer p)
{
    Handler *h = p;

    if (h->destroy) {
        h->destroy(h->user_data);
    }
    g_free(h->name);
    g_free(h);
}

static QapiQmpClient *
client_new(GIOStream *stream, QapiQmpClientFlags flags)
{
    QapiQmpClient *c = g_new0(QapiQmpClient, 1);

    c->ref = 1;
    c->context = g_main_context_ref_thread_default();
    c->stream = g_object_ref(stream);
    c->input = G_POLLABLE_INPUT_STREAM(g_io_stream_get_input_stream(stream));
    c->output = g_io_stream_get_output_stream(stream);
    c->inbuf = g_byte_array_new();
    c->max_size = QAPI_QMP_CLIENT_MAX_MESSAGE_SIZE;
    c->flags = flags;
    c->next_id = 1;
    c->pending = g_hash_table_new(g_int64_hash, g_int64_equal);
    c->abandoned = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
                                         NULL);
    c->no_reply = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
                                        g_free);
    g_queue_init(&c->writes);
    c->handlers = g_ptr_array_new_with_free_func(handler_free);
    return c;
}

QapiQmpClient *
qapi_qmp_client_ref(QapiQmpClient *client)
{
    g_return_val_if_fail(client, NULL);
    g_atomic_int_inc(&client->ref);
    return client;
}

static void fail_connection(QapiQmpClient *c, GError *error);

void
qapi_qmp_client_unref(QapiQmpClient *client)
{
    QapiQmpClient *c = client;

    if (!c || !g_atomic_int_dec_and_test(&c->ref)) {
        return;
    }
    /* Nothing is pending: calls, writes and the handshake hold references. */
    if (!c->fatal) {
        c->ref = 1; /* the disconnect function may look at it */
        fail_connection(c, g_error_new(QAPI_QMP_CLIENT_ERROR,
                                       QAPI_QMP_CLIENT_ERROR_CLOSED,
                                       "the QMP connection was released"));
        c->ref = 0;
    }
    if (c->disconnect_destroy) {
        c->disconnect_destroy(c->disconnect_data);
    }
    if (c->warning_destroy) {
        c->warning_destroy(c->warning_data);
    }
    g_ptr_array_unref(c->handlers);
    g_assert(g_queue_is_empty(&c->writes));
    g_hash_table_unref(c->pending);
    g_hash_table_unref(c->abandoned);
    g_hash_table_unref(c->no_reply);
    g_byte_array_unref(c->inbuf);
    g_free(c->greeting.package);
    g_strfreev(c->greeting.capabilities);
    g_object_unref(c->stream);
    g_main_context_unref(c->context);
    g_clear_error(&c->fatal);
    g_free(c);
}

/* ---- failure ---------------------------------------------------------- */

static void
call_complete(Call *call)
{
    if (call->cancel_source) {
        g_source_destroy(call->cancel_source);
        g_source_unref(call->cancel_source);
    }
    g_object_unref(call->task);
    g_free(call);
}

/* A write is over: its call (if any) succeeds when @error is NULL. */
static void
write_free(Write *w, const GError *error)
{
    if (w->call) {
        if (error) {
            g_task_return_error(w->call->task, g_error_copy(error));
        } else if (w->call->text) {
            g_task_return_pointer(w->call->task, g_new0(QapiQmpValueText, 1),
                                  (GDestroyNotify)qapi_qmp_value_text_free);
        } else {
            g_task_return_pointer(w->call->task,
                                  json_node_init_null(json_node_alloc()),
                                  (GDestroyNotify)json_node_unref);
        }
        call_complete(w->call);
    }
    g_bytes_unref(w->bytes);
    g_free(w);
}

static void
handshake_end(QapiQmpClient *c)
{
    if (c->handshake_cancel) {
        g_source_destroy(c->handshake_cancel);
        g_clear_pointer(&c->handshake_cancel, g_source_unref);
    }
}

/*
 * The connection is over (takes @error): every pending call, and the
 * handshake, fails with it; the stream is closed; the disconnect function
 * is told once.
 */
static void
fail_connection(QapiQmpClient *c, GError *error)
{
    g_autoptr(GList) calls = NULL;
    g_autoptr(GTask) handshake = NULL;

    if (c->fatal) {
        g_error_free(error);
        return;
    }
    qapi_qmp_client_ref(c);
    c->fatal = error;
    if (c->read_source) {
        g_source_destroy(c->read_source);
        g_clear_pointer(&c->read_source, g_source_unref);
    }
    while (!g_queue_is_empty(&c->writes)) {
        write_free(g_queue_pop_head(&c->writes), error);
    }
    g_io_stream_close(c->stream, NULL, NULL);

    calls = g_hash_table_get_values(c->pending);
    g_hash_table_remove_all(c->pending);
    for (GList *l = calls; l; l = l->next) {
        Call *call = l->data;

        g_task_return_error(call->task, g_error_copy(error));
        call_complete(call);
    }
    handshake_end(c);
    handshake = g_steal_pointer(&c->handshake);
    if (handshake) {
        g_task_return_error(handshake, g_error_copy(error));
    }
    if (c->disconnect) {
        c->disconnect(c, error, c->disconnect_data);
    }
    qapi_qmp_client_unref(c);
}

static void G_GNUC_PRINTF(3, 4)
    fail_protocol(QapiQmpClient *c, QapiQmpClientError code, const char *fmt,
                  ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fail_connection(
        c, g_error_new(QAPI_QMP_CLIENT_ERROR, code, "QMP server: %s", msg));
}

void
qapi_qmp_client_close(QapiQmpClient *client)
{
    g_return_if_fail(client);
    fail_connection(client, g_error_new(QAPI_QMP_CLIENT_ERROR,
                                        QAPI_QMP_CLIENT_ERROR_CLOSED,
                                        "the QMP connection was closed"));
}

gboolean
qapi_qmp_client_is_connected(QapiQmpClient *client, const GError **reason)
{
    g_return_val_if_fail(client, FALSE);
    if (reason) {
        *reason = client->fatal;
    }
    return !client->fatal;
}

/* ---- accessors -------------------------------------------------------- */

const QapiQmpGreeting *
qapi_qmp_client_get_greeting(QapiQmpClient *client)
{
    g_return_val_if_fail(client, NULL);
    return &client->greeting;
}

gboolean
qapi_qmp_client_get_oob(QapiQmpClient *client)
{
    g_return_val_if_fail(client, FALSE);
    return client->oob;
}

void
qapi_qmp_client_set_max_message_size(QapiQmpClient *client, gsize size)
{
    g_return_if_fail(client && size > 0);
    client->max_size = size;
}

/* ---- strict reading of small objects ---------------------------------- */

/* @obj must have exactly the members @names (NULL-terminated). */
static gboolean
check_members(JsonObject *obj, const char *path, const char *const *names,
              GError **error)
{
    g_autoptr(GList) members = json_object_get_members(obj);

    for (const char *const *n = names; *n; n++) {
        if (!json_object_has_member(obj, *n)) {
            g_set_error(error, QAPI_QMP_CLIENT_ERROR,
                        QAPI_QMP_CLIENT_ERROR_GREETING,
                        "%s: member '%s' is missing", path, *n);
            return FALSE;
        }
    }
    for (GList *l = members; l; l = l->next) {
        if (!g_strv_contains(names, l->data)) {
            g_autofree char *name = g_strescape(l->data, NULL);

            g_set_error(error, QAPI_QMP_CLIENT_ERROR,
                        QAPI_QMP_CLIENT_ERROR_GREETING,
                        "%s: unknown member '%s'", path, name);
            return FALSE;
        }
    }
    return TRUE;
}

static JsonObject *
get_object(JsonObject *obj, const char *name, const char *path, GError **error)
{
    JsonNode *node = json_object_get_member(obj, name);

    if (!node || !JSON_NODE_HOLDS_OBJECT(node)) {
        g_set_error(error, QAPI_QMP_CLIENT_ERROR,
                    QAPI_QMP_CLIENT_ERROR_GREETING, "%s.%s: expected an object",
                    path, name);
        return NULL;
    }
    return json_node_get_object(node);
}

static gboolean
get_int(JsonObject *obj, const char *name, const char *path, gint64 *value,
        GError **error)
{
    JsonNode *node = json_object_get_member(obj, name);

    if (!node || !JSON_NODE_HOLDS_VALUE(node)
        || json_node_get_value_type(node) != G_TYPE_INT64) {
        g_set_error(error, QAPI_QMP_CLIENT_ERROR,
                    QAPI_QMP_CLIENT_ERROR_GREETING,
                    "%s.%s: expected an integer", path, name);
        return FALSE;
    }
    *value = json_node_get_int(node);
    return TRUE;
}

static const char *
get_string(JsonObject *obj, const char *name)
{
    JsonNode *node = json_object_get_member(obj, name);

    if (!node || !JSON_NODE_HOLDS_VALUE(node)
        || json_node_get_value_type(node) != G_TYPE_STRING) {
        return NULL;
    }
    return json_node_get_string(node);
}

static gboolean
decode_greeting(JsonObject *msg, QapiQmpGreeting *g, GError **error)
{
    static const char *const top[] = { "QMP", NULL };
    static const char *const qmp[] = { "version", "capabilities", NULL };
    static const char *const version[] = { "qemu", "package", NULL };
    static const char *const qemu[] = { "major", "minor", "micro", NULL };
    JsonObject *o_qmp, *o_version, *o_qemu;
    JsonNode *caps;
    const char *package;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);

    if (!check_members(msg, "greeting", top, error)
        || !(o_qmp = get_object(msg, "QMP", "greeting", error))
        || !check_members(o_qmp, "QMP", qmp, error)
        || !(o_version = get_object(o_qmp, "version", "QMP", error))
        || !check_members(o_version, "QMP.version", version, error)
        || !(o_qemu = get_object(o_version, "qemu", "QMP.version", error))
        || !check_members(o_qemu, "QMP.version.qemu", qemu, error)
        || !get_int(o_qemu, "major", "QMP.version.qemu", &g->major, error)
        || !get_int(o_qemu, "minor", "QMP.version.qemu", &g->minor, error)
        || !get_int(o_qemu, "micro", "QMP.version.qemu", &g->micro, error)) {
        return FALSE;
    }
    package = get_string(o_version, "package");
    if (!package) {
        g_set_error(error, QAPI_QMP_CLIENT_ERROR,
                    QAPI_QMP_CLIENT_ERROR_GREETING,
                    "QMP.version.package: expected a string");
        return FALSE;
    }
    caps = json_object_get_member(o_qmp, "capabilities");
    if (!caps || !JSON_NODE_HOLDS_ARRAY(caps)) {
        g_set_error(error, QAPI_QMP_CLIENT_ERROR,
                    QAPI_QMP_CLIENT_ERROR_GREETING,
                    "QMP.capabilities: expected an array");
        return FALSE;
    }
    for (guint i = 0; i < json_array_get_length(json_node_get_array(caps));
         i++) {
        JsonNode *cap = json_array_get_element(json_node_get_array(caps), i);

        if (!JSON_NODE_HOLDS_VALUE(cap)
            || json_node_get_value_type(cap) != G_TYPE_STRING) {
            g_set_error(error, QAPI_QMP_CLIENT_ERROR,
                        QAPI_QMP_CLIENT_ERROR_GREETING,
                        "QMP.capabilities[%u]: expected a string", i);
            return FALSE;
        }
        g_ptr_array_add(names, g_strdup(json_node_get_string(cap)));
    }
    g_ptr_array_add(names, NULL);
    g->package = g_strdup(package);
    g->capabilities = (char **)g_ptr_array_steal(names, NULL);
    return TRUE;
}

/* ---- handshake -------------------------------------------------------- */

static void
capabilities_done(GObject *source, GAsyncResult *result, gpointer data)
{
    QapiQmpClient *c = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) reply = NULL;
    g_autoptr(GTask) handshake = NULL;

    (void)source;
    reply = qapi_qmp_client_execute_finish(c, result, &error);
    if (!reply) {
        if (!c->fatal) {
            fail_protocol(c, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                          "qmp_capabilities failed: %s", error->message);
        }
    } else if (c->handshake) {
        c->state = READY;
        handshake_end(c);
        handshake = g_steal_pointer(&c->handshake);
        g_task_return_pointer(handshake, qapi_qmp_client_ref(c),
                              (GDestroyNotify)qapi_qmp_client_unref);
    }
    qapi_qmp_client_unref(c);
}

static void
handle_greeting(QapiQmpClient *c, JsonObject *msg)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) args = NULL;

    if (!decode_greeting(msg, &c->greeting, &error)) {
        fail_connection(c, g_steal_pointer(&error));
        return;
    }
    if ((c->flags & QAPI_QMP_CLIENT_FLAGS_OOB)
        && g_strv_contains((const char *const *)c->greeting.capabilities,
                           "oob")) {
        JsonArray *enable = json_array_new();

        json_array_add_string_element(enable, "oob");
        args = json_object_new();
        json_object_set_array_member(args, "enable", enable);
        c->oob = TRUE;
    }
    c->state = WAIT_CAPABILITIES;
    qapi_qmp_client_execute_async(c, "qmp_capabilities", args,
                                  QAPI_QMP_CALL_FLAGS_NONE, NULL,
                                  capabilities_done, qapi_qmp_client_ref(c));
}

/* ---- messages as text -------------------------------------------------- */

struct QapiQmpMessage {
    /* The text: a copy, or the input buffer handed over (handlers may
     * read more input meanwhile), holding a MessageStore alive. */
    GBytes *bytes;
    LzText text;
    LzContainer top;
};

/*
 * What a message's text keeps alive for as long as anyone holds it (a
 * value's text decoded later): the bytes it lies in and where its larger
 * containers end.
 */
typedef struct MessageStore {
    GBytes *storage;
    JSpans spans;
} MessageStore;

/* Below this size a message's containers are scanned, not looked up: the
 * table would cost more than it saves. */
#define SPANS_MIN_MESSAGE 4096

static void
message_store_free(gpointer p)
{
    MessageStore *store = p;

    g_bytes_unref(store->storage);
    jspans_give_spare(&store->spans);
    g_free(store);
}

/* Trees of "return" and "data" values built (qapi_qmp_client_value_trees). */
static guint value_trees;

guint
qapi_qmp_client_value_trees(void)
{
    return (guint)g_atomic_int_get(&value_trees);
}

void
qapi_qmp_value_text_free(QapiQmpValueText *value)
{
    if (value) {
        g_clear_pointer(&value->message, g_bytes_unref);
        g_free(value);
    }
}

QapiQmpMessage *
qapi_qmp_message_new(GBytes *bytes, gsize len, GError **error)
{
    const char *text = g_bytes_get_data(bytes, NULL);
    MessageStore *store;
    QapiQmpMessage *msg;
    QapiDiagnostic diag;
    uint32_t root;

    g_return_val_if_fail(len && len <= g_bytes_get_size(bytes), NULL);
    store = g_new0(MessageStore, 1);
    if (len >= SPANS_MIN_MESSAGE) {
        jspans_take_spare(&store->spans);
    }
    /* The reader's verdict without its tree: only the values asked for
     * are read, and "return" and "data" are handed on as text, checked. */
    if (!jdoc_check(text, len, len >= SPANS_MIN_MESSAGE ? &store->spans : NULL,
                    &diag)) {
        g_propagate_error(error, qapi_diagnostic_to_gerror(&diag));
        jdoc_diag_clear(&diag);
        message_store_free(store);
        return NULL;
    }
    store->storage = g_bytes_ref(bytes);
    msg = g_new0(QapiQmpMessage, 1);
    msg->bytes = g_bytes_new_with_free_func(text, len, message_store_free,
                                            store);
    lz_text_init(&msg->text, text, len, &root);
    msg->text.spans = store->spans.bits ? &store->spans : NULL;
    if (msg->text.data[root] != '{') {
        g_set_error(error, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH,
                    "a message is a JSON object");
        qapi_qmp_message_free(msg);
        return NULL;
    }
    lz_enter(&msg->text, &msg->top, root, false);
    return msg;
}

void
qapi_qmp_message_free(QapiQmpMessage *msg)
{
    if (msg) {
        lz_text_clear(&msg->text);
        g_bytes_unref(msg->bytes);
        g_free(msg);
    }
}

/* The index of top-level member @name in msg->text.members, or
 * UINT32_MAX. */
static uint32_t
message_find(QapiQmpMessage *msg, const char *name)
{
    return lz_find(&msg->text, &msg->top, 0, name);
}

gboolean
qapi_qmp_message_has(const QapiQmpMessage *msg, const char *name)
{
    return message_find((QapiQmpMessage *)msg, name) != UINT32_MAX;
}

JsonNode *
qapi_qmp_message_get_node(QapiQmpMessage *msg, const char *name)
{
    uint32_t i = message_find(msg, name);

    if (i == UINT32_MAX) {
        return NULL;
    }
    if (!strcmp(name, "return") || !strcmp(name, "data")) {
        g_atomic_int_inc(&value_trees);
    }
    return lz_node(&msg->text, msg->text.members[i].val_off);
}

void
qapi_qmp_message_get_text(QapiQmpMessage *msg, const char *name,
                          QapiQmpValueText *value)
{
    uint32_t i = message_find(msg, name);

    value->message = g_bytes_ref(msg->bytes);
    value->data = NULL;
    value->length = 0;
    value->spans = msg->text.spans;
    if (i != UINT32_MAX) {
        LzMember *m = &msg->text.members[i];
        uint32_t end = m->val_end ? m->val_end
                                  : lz_skip_value(&msg->text, m->val_off);

        value->data = msg->text.data + m->val_off;
        value->length = end - m->val_off;
    }
}

/* The whole message as a tree (the greeting: small, and read strictly
 * member by member). */
static JsonNode *
message_root_node(QapiQmpMessage *msg)
{
    return lz_node(&msg->text, msg->top.off);
}

/* ---- incoming messages ------------------------------------------------ */

/* The event's "data" as handlers ask for it: text for typed ones, a tree
 * (built once, on demand) for the others. */
typedef struct EventData {
    QapiQmpMessage *msg;
    QapiQmpValueText text;
    JsonNode *node;
    gboolean built;
} EventData;

static JsonNode *
event_data_node(EventData *d)
{
    if (!d->built) {
        d->node = qapi_qmp_message_get_node(d->msg, "data");
        d->built = TRUE;
    }
    return d->node;
}

static void
dispatch_event(QapiQmpClient *c, const char *name, EventData *data,
               const QapiQmpTimestamp *ts)
{
    c->dispatching++;
    /* Handlers added meanwhile wait for the next event. */
    for (guint i = 0, n = c->handlers->len; i < n && !c->fatal; i++) {
        Handler *h = g_ptr_array_index(c->handlers, i);

        if (h->removed || (h->name && strcmp(h->name, name))) {
            continue;
        }
        if (h->text_func) {
            h->text_func(c, name, &data->text, ts, h->user_data);
        } else {
            h->func(c, name, event_data_node(data), ts, h->user_data);
        }
    }
    if (!--c->dispatching) {
        for (guint i = c->handlers->len; i-- > 0;) {
            Handler *h = g_ptr_array_index(c->handlers, i);

            if (h->removed) {
                g_ptr_array_remove_index(c->handlers, i);
            }
        }
    }
}

static gboolean
get_timestamp_int(JsonObject *ts, const char *name, gint64 *value)
{
    JsonNode *node = json_object_get_member(ts, name);

    if (!node || !JSON_NODE_HOLDS_VALUE(node)
        || json_node_get_value_type(node) != G_TYPE_INT64) {
        return FALSE;
    }
    *value = json_node_get_int(node);
    return TRUE;
}

static void
handle_event(QapiQmpClient *c, QapiQmpMessage *msg)
{
    g_autoptr(JsonNode) name_node = qapi_qmp_message_get_node(msg, "event");
    g_autoptr(JsonNode) ts_node = qapi_qmp_message_get_node(msg, "timestamp");
    EventData data = { .msg = msg };
    const char *name = NULL;
    QapiQmpTimestamp ts;

    if (name_node && JSON_NODE_HOLDS_VALUE(name_node)
        && json_node_get_value_type(name_node) == G_TYPE_STRING) {
        name = json_node_get_string(name_node);
    }
    if (!name) {
        fail_protocol(c, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                      "an event whose name is not a string");
        return;
    }
    qapi_qmp_message_get_text(msg, "data", &data.text);
    if (data.text.data && data.text.data[0] != '{') {
        g_bytes_unref(data.text.message);
        fail_protocol(c, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                      "event %s: 'data' is not an object", name);
        return;
    }
    if (!ts_node || !JSON_NODE_HOLDS_OBJECT(ts_node)
        || !get_timestamp_int(json_node_get_object(ts_node), "seconds",
                              &ts.seconds)
        || !get_timestamp_int(json_node_get_object(ts_node), "microseconds",
                              &ts.microseconds)) {
        fail_protocol(c, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                      "event %s: no valid 'timestamp'", name);
        g_bytes_unref(data.text.message);
        return;
    }
    dispatch_event(c, name, &data, &ts);
    g_bytes_unref(data.text.message);
    g_clear_pointer(&data.node, json_node_unref);
}

static GError *
reply_error(JsonNode *node)
{
    JsonObject *err;
    const char *cls, *desc;
    int code = ERROR_CLASS_GENERIC_ERROR;

    if (!node || !JSON_NODE_HOLDS_OBJECT(node)) {
        return NULL;
    }
    err = json_node_get_object(node);
    cls = get_string(err, "class");
    desc = get_string(err, "desc");
    if (!cls || !desc) {
        return NULL;
    }
    /* The classes are numbered from 0 for as long as the runtime knows
     * a name (qapi/qmp-error.h). */
    for (int i = 0; qapi_error_class_str((ErrorClass)i); i++) {
        if (!strcmp(qapi_error_class_str((ErrorClass)i), cls)) {
            code = i;
        }
    }
    return g_error_new_literal(QAPI_QMP_ERROR, code, desc);
}

/* The reply's class and text, when its "error" is QMP's. */
static GError *
message_error(QapiQmpMessage *msg)
{
    g_autoptr(JsonNode) node = qapi_qmp_message_get_node(msg, "error");

    return reply_error(node);
}

/* Complete @call with the reply's "return", as the call wants it. */
static void
return_value(Call *call, QapiQmpMessage *msg)
{
    if (call->text) {
        QapiQmpValueText *value = g_new0(QapiQmpValueText, 1);

        qapi_qmp_message_get_text(msg, "return", value);
        g_task_return_pointer(call->task, value,
                              (GDestroyNotify)qapi_qmp_value_text_free);
    } else {
        g_task_return_pointer(call->task,
                              qapi_qmp_message_get_node(msg, "return"),
                              (GDestroyNotify)json_node_unref);
    }
}

static void
handle_reply(QapiQmpClient *c, QapiQmpMessage *msg)
{
    g_autoptr(JsonNode) id_node = qapi_qmp_message_get_node(msg, "id");
    gboolean ret = qapi_qmp_message_has(msg, "return");
    gint64 id;
    Call *call;

    if (!id_node) {
        GError *err = ret ? NULL : message_error(msg);

        /* QEMU answers a request it could not parse without an id: ours
         * always have one, so this is a broken exchange. */
        fail_protocol(c, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                      "a reply without an id%s%s", err ? ": " : "",
                      err ? err->message : "");
        g_clear_error(&err);
        return;
    }
    if (!JSON_NODE_HOLDS_VALUE(id_node)
        || json_node_get_value_type(id_node) != G_TYPE_INT64) {
        fail_protocol(c, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                      "a reply with an id this client never sent");
        return;
    }
    id = json_node_get_int(id_node);
    call = g_hash_table_lookup(c->pending, &id);
    if (!call) {
        const char *command = g_hash_table_lookup(c->no_reply, &id);

        if (command) {
            /* The call completed when it was written: its error can
             * only be told. */
            g_autoptr(GError) err = ret ? NULL : message_error(msg);

            if (err) {
                g_autofree char *text = g_strdup_printf(
                    "%s: error reply after the call completed: %s: %s", command,
                    qapi_error_class_str(err->code), err->message);

                qapi_qmp_client_warn(c, text);
            }
            g_hash_table_remove(c->no_reply, &id);
            return;
        }
        if (!g_hash_table_remove(c->abandoned, &id)) {
            fail_protocol(c, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                          "a reply for id %" G_GINT64_FORMAT
                          ", which no call is waiting for",
                          id);
        }
        return;
    }
    if (ret) {
        g_hash_table_remove(c->pending, &id);
        return_value(call, msg);
    } else {
        GError *err = message_error(msg);

        if (!err) {
            fail_protocol(c, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                          "an error reply without a string 'class' and "
                          "'desc'");
            return;
        }
        g_hash_table_remove(c->pending, &id);
        g_task_return_error(call->task, err);
    }
    call_complete(call);
}

static void
handle_message(QapiQmpClient *c, GBytes *bytes, gsize len)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(QapiQmpMessage) msg = qapi_qmp_message_new(bytes, len, &error);

    if (!msg) {
        fail_protocol(c, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                      "malformed message: %s", error->message);
        return;
    }
    if (qapi_qmp_message_has(msg, "QMP")) {
        g_autoptr(JsonNode) node = NULL;

        if (c->state != WAIT_GREETING) {
            fail_protocol(c, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                          "a second greeting");
            return;
        }
        node = message_root_node(msg);
        handle_greeting(c, json_node_get_object(node));
    } else if (c->state == WAIT_GREETING) {
        fail_connection(c, g_error_new(QAPI_QMP_CLIENT_ERROR,
                                       QAPI_QMP_CLIENT_ERROR_GREETING,
                                       "QMP server: the first message is "
                                       "not a greeting"));
    } else if (qapi_qmp_message_has(msg, "event")) {
        handle_event(c, msg);
    } else if (qapi_qmp_message_has(msg, "return")
               || qapi_qmp_message_has(msg, "error")) {
        handle_reply(c, msg);
    } else {
        fail_protocol(c, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                      "a message that is neither a reply nor an event");
    }
}

/* ---- framing ---------------------------------------------------------- */

/*
 * Find the next complete message in c->inbuf: TRUE with its bounds;
 * FALSE when more bytes are needed, or after failing the connection.
 * QMP messages are JSON objects, so a message starts at '{' and ends at
 * the brace that closes it (strings and escapes skipped); only white
 * space may come between messages.  The framer resumes where it stopped,
 * so a message arriving in many pieces is scanned once.
 */
static gboolean
frame_next(QapiQmpClient *c, gsize *start, gsize *end)
{
    Framer *f = &c->framer;
    const guint8 *buf = c->inbuf->data;
    gsize len = c->inbuf->len;

    if (!f->in_message) {
        while (f->scan < len
               && (buf[f->scan] == ' ' || buf[f->scan] == '\t'
                   || buf[f->scan] == '\r' || buf[f->scan] == '\n')) {
            f->scan++;
        }
        if (f->scan == len) {
            return FALSE;
        }
        if (buf[f->scan] != '{') {
            fail_protocol(c, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                          "expected a JSON object, found byte 0x%02x",
                          buf[f->scan]);
            return FALSE;
        }
        f->in_message = TRUE;
        f->start = f->scan++;
        f->depth = 1;
    }
    for (; f->scan < len; f->scan++) {
        guint8 ch = buf[f->scan];

        if (f->scan - f->start >= c->max_size) {
            break;
        }
        if (f->in_string) {
            if (f->escape) {
                f->escape = FALSE;
            } else if (ch == '\\') {
                f->escape = TRUE;
            } else if (ch == '"') {
                f->in_string = FALSE;
            }
        } else if (ch == '"') {
            f->in_string = TRUE;
        } else if (ch == '{' || ch == '[') {
            f->depth++;
        } else if ((ch == '}' || ch == ']') && !--f->depth) {
            *start = f->start;
            *end = ++f->scan;
            f->in_message = FALSE;
            return TRUE;
        }
    }
    if (f->scan - f->start >= c->max_size) {
        fail_protocol(c, QAPI_QMP_CLIENT_ERROR_TOO_LARGE,
                      "a message larger than %" G_GSIZE_FORMAT " bytes",
                      c->max_size);
    }
    return FALSE;
}

/* Drop the bytes before the current message. */
static void
frame_compact(QapiQmpClient *c)
{
    Framer *f = &c->framer;
    gsize keep_from = f->in_message ? f->start : f->scan;

    if (keep_from) {
        g_byte_array_remove_range(c->inbuf, 0, keep_from);
        f->scan -= keep_from;
        f->start = f->in_message ? 0 : f->start;
    }
}

/*
 * The message framed at [@start, @end) of the input buffer, out of it
 * (handlers may read more input while it is in use).  A large one that
 * starts the buffer (as a message read in many pieces does) takes the
 * buffer itself, and only what follows it is copied into a new one;
 * others are copied.
 */
static GBytes *
frame_take(QapiQmpClient *c, gsize start, gsize end)
{
    GByteArray *rest;
    GBytes *bytes;

    if (start || end < HANDOVER_MIN) {
        return g_bytes_new(c->inbuf->data + start, end - start);
    }
    rest = g_byte_array_sized_new(c->inbuf->len - end + READ_CHUNK);
    g_byte_array_append(rest, c->inbuf->data + end, c->inbuf->len - end);
    bytes = g_byte_array_free_to_bytes(c->inbuf);
    c->inbuf = rest;
    c->framer.scan -= end;
    return bytes;
}

static void
process_input(QapiQmpClient *c)
{
    gsize start, end;

    while (!c->fatal && frame_next(c, &start, &end)) {
        g_autoptr(GBytes) bytes = frame_take(c, start, end);

        handle_message(c, bytes, end - start);
    }
    if (!c->fatal) {
        frame_compact(c);
    }
}

static gboolean
read_ready(GObject *stream, gpointer data)
{
    QapiQmpClient *c = data;
    gboolean keep = G_SOURCE_CONTINUE;

    (void)stream;
    qapi_qmp_client_ref(c);
    while (!c->fatal) {
        g_autoptr(GError) error = NULL;
        gsize old = c->inbuf->len;
        gssize n;

        g_byte_array_set_size(c->inbuf, old + READ_CHUNK);
        n = g_pollable_input_stream_read_nonblocking(
            c->input, c->inbuf->data + old, READ_CHUNK, NULL, &error);
        g_byte_array_set_size(c->inbuf, n > 0 ? old + n : old);
        if (n < 0
            && g_error_matches(error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)) {
            break;
        }
        if (n < 0) {
            fail_connection(c, g_error_new(QAPI_QMP_CLIENT_ERROR,
                                           QAPI_QMP_CLIENT_ERROR_CLOSED,
                                           "reading from the QMP server "
                                           "failed: %s",
                                           error->message));
        } else if (n == 0) {
            fail_connection(c, g_error_new(QAPI_QMP_CLIENT_ERROR,
                                           QAPI_QMP_CLIENT_ERROR_CLOSED,
                                           "the QMP server closed the "
                                           "connection"));
        } else {
            process_input(c);
        }
    }
    if (c->fatal) {
        keep = G_SOURCE_REMOVE;
    }
    qapi_qmp_client_unref(c);
    return keep;
}

static void
read_start(QapiQmpClient *c)
{
    c->read_source = g_pollable_input_stream_create_source(c->input, NULL);
    g_source_set_callback(c->read_source,
                          (GSourceFunc)(void (*)(void))read_ready, c, NULL);
    g_source_attach(c->read_source, c->context);
}

/* ---- writing ---------------------------------------------------------- */

static void write_next(QapiQmpClient *c);

static void
write_done(GObject *source, GAsyncResult *result, gpointer data)
{
    QapiQmpClient *c = data;
    g_autoptr(GError) error = NULL;
    Write *w = g_steal_pointer(&c->writing);

    /* The buffer lives until the write is over, even when the
     * connection failed meanwhile. */
    if (!g_output_stream_write_all_finish(G_OUTPUT_STREAM(source), result, NULL,
                                          &error)) {
        GError *fatal = g_error_new(
            QAPI_QMP_CLIENT_ERROR, QAPI_QMP_CLIENT_ERROR_CLOSED,
            "writing to the QMP server failed: %s", error->message);

        write_free(w, c->fatal ? c->fatal : fatal);
        fail_connection(c, fatal);
    } else {
        write_free(w, NULL);
        write_next(c);
    }
    qapi_qmp_client_unref(c);
}

static void
write_next(QapiQmpClient *c)
{
    gsize len;
    gconstpointer data;

    if (c->writing || c->fatal || g_queue_is_empty(&c->writes)) {
        return;
    }
    c->writing = g_queue_pop_head(&c->writes);
    data = g_bytes_get_data(c->writing->bytes, &len);
    g_main_context_push_thread_default(c->context);
    g_output_stream_write_all_async(c->output, data, len, G_PRIORITY_DEFAULT,
                                    NULL, write_done, qapi_qmp_client_ref(c));
    g_main_context_pop_thread_default(c->context);
}

/* ---- how typed calls decode ------------------------------------------ */

void
qapi_qmp_client_set_decode_flags(QapiQmpClient *client,
                                 QapiQmpDecodeFlags flags)
{
    g_return_if_fail(client);
    client->decode_flags = flags;
}

QapiQmpDecodeFlags
qapi_qmp_client_get_decode_flags(QapiQmpClient *client)
{
    g_return_val_if_fail(client, QAPI_QMP_DECODE_TOLERANT);
    return client->decode_flags;
}

void
qapi_qmp_client_set_warning_func(QapiQmpClient *client, QapiQmpWarningFunc func,
                                 gpointer user_data, GDestroyNotify destroy)
{
    g_return_if_fail(client);
    if (client->warning_destroy) {
        client->warning_destroy(client->warning_data);
    }
    client->warning = func;
    client->warning_data = user_data;
    client->warning_destroy = destroy;
}

void
qapi_qmp_client_warn(QapiQmpClient *client, const char *message)
{
    g_return_if_fail(client && message);
    if (client->warning) {
        client->warning(client, message, client->warning_data);
    } else {
        g_log("qapi-qmp-client", G_LOG_LEVEL_MESSAGE, "%s", message);
    }
}

/* ---- commands --------------------------------------------------------- */

static gboolean
call_cancelled(GCancellable *cancellable, gpointer data)
{
    Call *call = data;
    QapiQmpClient *c = call->client;
    gint64 *id = g_new(gint64, 1);

    (void)cancellable;
    /* The request may be sent already: its reply is dropped. */
    *id = call->id;
    g_hash_table_add(c->abandoned, id);
    g_hash_table_remove(c->pending, &call->id);
    g_task_return_new_error(call->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                            "the QMP command was cancelled");
    call_complete(call);
    return G_SOURCE_REMOVE;
}

/* Encode and queue the request; the call fails alone when it cannot be
 * encoded or is too large. */
static void
call_send(QapiQmpClient *c, Call *call, const char *command,
          JsonObject *arguments, QapiQmpCallFlags flags)
{
    g_autoptr(JsonObject) req = json_object_new();
    g_autoptr(JsonNode) node = json_node_new(JSON_NODE_OBJECT);
    g_autofree char *text = NULL;
    gsize len;
    Write *w;

    json_object_set_string_member(
        req, (flags & QAPI_QMP_CALL_FLAGS_OOB) ? "exec-oob" : "execute",
        command);
    if (arguments) {
        json_object_set_object_member(req, "arguments",
                                      json_object_ref(arguments));
    }
    json_object_set_int_member(req, "id", (gint64)call->id);
    json_node_set_object(node, req);
    text = qapi_json_to_string(node, QAPI_JSON_COMPACT);
    if (!text) {
        g_task_return_new_error(call->task, QAPI_QMP_CLIENT_ERROR,
                                QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                                "%s: the arguments have no JSON text "
                                "(a non-finite number, a string that is "
                                "not UTF-8, or too deep)",
                                command);
        call_complete(call);
        return;
    }
    len = strlen(text);
    if (len + 1 > c->max_size) {
        g_task_return_new_error(
            call->task, QAPI_QMP_CLIENT_ERROR, QAPI_QMP_CLIENT_ERROR_TOO_LARGE,
            "%s: the request is larger than %" G_GSIZE_FORMAT " bytes", command,
            c->max_size);
        call_complete(call);
        return;
    }
    text[len] = '\n'; /* replaces the NUL: the text is sent without it */
    w = g_new0(Write, 1);
    w->bytes = g_bytes_new_take(g_steal_pointer(&text), len + 1);
    if (flags & QAPI_QMP_CALL_FLAGS_NO_REPLY) {
        gint64 *id = g_new(gint64, 1);

        *id = (gint64)call->id;
        g_hash_table_insert(c->no_reply, id, g_strdup(command));
        w->call = call;
    } else {
        g_hash_table_insert(c->pending, &call->id, call);
    }
    g_queue_push_tail(&c->writes, w);
    write_next(c);
}

/* Execute @command; @text: the result is the "return" value's text. */
static void
execute_async(QapiQmpClient *c, const char *command, JsonObject *arguments,
              QapiQmpCallFlags flags, gboolean text, GCancellable *cancellable,
              GAsyncReadyCallback callback, gpointer user_data)
{
    Call *call;
    GTask *task;

    task = g_task_new(NULL, cancellable, callback, user_data);
    if (text) {
        g_task_set_source_tag(task, qapi_qmp_client_execute_text_async);
    } else {
        g_task_set_source_tag(task, qapi_qmp_client_execute_async);
    }
    g_task_set_task_data(task, qapi_qmp_client_ref(c),
                         (GDestroyNotify)qapi_qmp_client_unref);
    if (c->fatal) {
        g_task_return_error(task, g_error_copy(c->fatal));
        g_object_unref(task);
        return;
    }
    if ((flags & QAPI_QMP_CALL_FLAGS_OOB) && !c->oob) {
        g_task_return_new_error(task, QAPI_QMP_CLIENT_ERROR,
                                QAPI_QMP_CLIENT_ERROR_NO_OOB,
                                "%s: out-of-band execution was not "
                                "negotiated",
                                command);
        g_object_unref(task);
        return;
    }
    if (g_task_return_error_if_cancelled(task)) {
        g_object_unref(task);
        return;
    }
    call = g_new0(Call, 1);
    call->client = c;
    call->id = c->next_id++;
    call->task = task;
    call->text = text;
    /* A call without a reply is over once written: nothing to cancel
     * after this point, and its result says it was sent. */
    if (flags & QAPI_QMP_CALL_FLAGS_NO_REPLY) {
        g_task_set_check_cancellable(task, FALSE);
    } else if (cancellable) {
        call->cancel_source = g_cancellable_source_new(cancellable);
        g_source_set_callback(call->cancel_source,
                              (GSourceFunc)(void (*)(void))call_cancelled, call,
                              NULL);
        g_source_attach(call->cancel_source, c->context);
    }
    call_send(c, call, command, arguments, flags);
}

void
qapi_qmp_client_execute_async(QapiQmpClient *client, const char *command,
                              JsonObject *arguments, QapiQmpCallFlags flags,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
    g_return_if_fail(client && command);
    execute_async(client, command, arguments, flags, FALSE, cancellable,
                  callback, user_data);
}

void
qapi_qmp_client_execute_text_async(QapiQmpClient *client, const char *command,
                                   JsonObject *arguments,
                                   QapiQmpCallFlags flags,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
    g_return_if_fail(client && command);
    execute_async(client, command, arguments, flags, TRUE, cancellable,
                  callback, user_data);
}

JsonNode *
qapi_qmp_client_execute_finish(QapiQmpClient *client, GAsyncResult *result,
                               GError **error)
{
    g_return_val_if_fail(client, NULL);
    g_return_val_if_fail(g_task_is_valid(result, NULL), NULL);
    g_return_val_if_fail(g_task_get_source_tag(G_TASK(result))
                             == qapi_qmp_client_execute_async,
                         NULL);
    return g_task_propagate_pointer(G_TASK(result), error);
}

QapiQmpValueText *
qapi_qmp_client_execute_text_finish(QapiQmpClient *client, GAsyncResult *result,
                                    GError **error)
{
    g_return_val_if_fail(client, NULL);
    g_return_val_if_fail(g_task_is_valid(result, NULL), NULL);
    g_return_val_if_fail(g_task_get_source_tag(G_TASK(result))
                             == qapi_qmp_client_execute_text_async,
                         NULL);
    return g_task_propagate_pointer(G_TASK(result), error);
}

static void
sync_done(GObject *source, GAsyncResult *result, gpointer data)
{
    GAsyncResult **out = data;

    (void)source;
    *out = g_object_ref(result);
}

/* Iterate @context until *@result is set. */
static void
sync_wait(GMainContext *context, GAsyncResult **result)
{
    while (!*result) {
        g_main_context_iteration(context, TRUE);
    }
}

JsonNode *
qapi_qmp_client_execute_sync(QapiQmpClient *client, const char *command,
                             JsonObject *arguments, QapiQmpCallFlags flags,
                             GCancellable *cancellable, GError **error)
{
    g_autoptr(GAsyncResult) result = NULL;

    g_return_val_if_fail(client && command, NULL);
    qapi_qmp_client_execute_async(client, command, arguments, flags,
                                  cancellable, sync_done, &result);
    sync_wait(client->context, &result);
    return qapi_qmp_client_execute_finish(client, result, error);
}

QapiQmpValueText *
qapi_qmp_client_execute_text_sync(QapiQmpClient *client, const char *command,
                                  JsonObject *arguments, QapiQmpCallFlags flags,
                                  GCancellable *cancellable, GError **error)
{
    g_autoptr(GAsyncResult) result = NULL;

    g_return_val_if_fail(client && command, NULL);
    qapi_qmp_client_execute_text_async(client, command, arguments, flags,
                                       cancellable, sync_done, &result);
    sync_wait(client->context, &result);
    return qapi_qmp_client_execute_text_finish(client, result, error);
}

/* ---- events ----------------------------------------------------------- */

static gulong
add_handler(QapiQmpClient *client, const char *name, QapiQmpEventFunc func,
            QapiQmpTextEventFunc text_func, gpointer user_data,
            GDestroyNotify destroy)
{
    Handler *h = g_new0(Handler, 1);

    h->id = ++client->next_handler;
    h->name = g_strdup(name);
    h->func = func;
    h->text_func = text_func;
    h->user_data = user_data;
    h->destroy = destroy;
    g_ptr_array_add(client->handlers, h);
    return h->id;
}

gulong
qapi_qmp_client_add_event_handler(QapiQmpClient *client, const char *name,
                                  QapiQmpEventFunc func, gpointer user_data,
                                  GDestroyNotify destroy)
{
    g_return_val_if_fail(client && func, 0);
    return add_handler(client, name, func, NULL, user_data, destroy);
}

gulong
qapi_qmp_client_add_text_event_handler(QapiQmpClient *client, const char *name,
                                       QapiQmpTextEventFunc func,
                                       gpointer user_data,
                                       GDestroyNotify destroy)
{
    g_return_val_if_fail(client && func, 0);
    return add_handler(client, name, NULL, func, user_data, destroy);
}

void
qapi_qmp_client_remove_event_handler(QapiQmpClient *client, gulong handler_id)
{
    g_return_if_fail(client);
    for (guint i = 0; i < client->handlers->len; i++) {
        Handler *h = g_ptr_array_index(client->handlers, i);

        if (h->id == handler_id && !h->removed) {
            if (client->dispatching) {
                h->removed = TRUE; /* freed after the dispatch */
            } else {
                g_ptr_array_remove_index(client->handlers, i);
            }
            return;
        }
    }
    g_critical("%s: no event handler %lu", G_STRFUNC, handler_id);
}

void
qapi_qmp_client_set_disconnect_func(QapiQmpClient *client,
                                    QapiQmpDisconnectFunc func,
                                    gpointer user_data, GDestroyNotify destroy)
{
    g_return_if_fail(client);
    if (client->disconnect_destroy) {
        client->disconnect_destroy(client->disconnect_data);
    }
    client->disconnect = func;
    client->disconnect_data = user_data;
    client->disconnect_destroy = destroy;
}

typedef struct EventWait {
    JsonNode *data;
    QapiQmpTimestamp timestamp;
    gboolean timed_out;
} EventWait;

static void
event_wait_seen(QapiQmpClient *client, const char *name, JsonNode *data,
                const QapiQmpTimestamp *timestamp, gpointer user_data)
{
    EventWait *w = user_data;

    (void)client;
    (void)name;
    if (!w->data) {
        if (data) {
            w->data = json_node_ref(data);
        } else {
            w->data = json_node_new(JSON_NODE_OBJECT);
            json_node_take_object(w->data, json_object_new());
        }
        w->timestamp = *timestamp;
    }
}

static gboolean
event_wait_timeout(gpointer data)
{
    ((EventWait *)data)->timed_out = TRUE;
    return G_SOURCE_REMOVE;
}

static gboolean
event_wait_wakeup(GCancellable *cancellable, gpointer data)
{
    (void)cancellable;
    (void)data;
    return G_SOURCE_REMOVE;
}

JsonNode *
qapi_qmp_client_wait_event_sync(QapiQmpClient *client, const char *name,
                                int timeout_ms, QapiQmpTimestamp *timestamp,
                                GCancellable *cancellable, GError **error)
{
    EventWait w = { 0 };
    GSource *timer = NULL, *wakeup = NULL;
    gulong id;

    g_return_val_if_fail(client && name, NULL);
    id = qapi_qmp_client_add_event_handler(client, name, event_wait_seen, &w,
                                           NULL);
    if (timeout_ms >= 0) {
        timer = g_timeout_source_new(timeout_ms);
        g_source_set_callback(timer, event_wait_timeout, &w, NULL);
        g_source_attach(timer, client->context);
    }
    if (cancellable) {
        wakeup = g_cancellable_source_new(cancellable);
        g_source_set_callback(
            wakeup, (GSourceFunc)(void (*)(void))event_wait_wakeup, NULL, NULL);
        g_source_attach(wakeup, client->context);
    }
    while (!w.data && !w.timed_out && !client->fatal
           && !g_cancellable_is_cancelled(cancellable)) {
        g_main_context_iteration(client->context, TRUE);
    }
    if (timer) {
        g_source_destroy(timer);
        g_source_unref(timer);
    }
    if (wakeup) {
        g_source_destroy(wakeup);
        g_source_unref(wakeup);
    }
    qapi_qmp_client_remove_event_handler(client, id);
    if (w.data) {
        if (timestamp) {
            *timestamp = w.timestamp;
        }
        return w.data;
    }
    if (g_cancellable_set_error_if_cancelled(cancellable, error)) {
        return NULL;
    }
    if (w.timed_out) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                    "no %s event within %d ms", name, timeout_ms);
    } else {
        g_propagate_error(error, g_error_copy(client->fatal));
    }
    return NULL;
}

/* ---- connecting ------------------------------------------------------- */

static gboolean
handshake_cancelled(GCancellable *cancellable, gpointer data)
{
    QapiQmpClient *c = data;

    (void)cancellable;
    fail_connection(c, g_error_new(G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   "connecting to QMP was cancelled"));
    return G_SOURCE_REMOVE;
}

void
qapi_qmp_client_new_for_stream_async(GIOStream *stream,
                                     QapiQmpClientFlags flags,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
    g_autoptr(GTask) task = NULL;
    GInputStream *in;
    QapiQmpClient *c;

    g_return_if_fail(G_IS_IO_STREAM(stream));
    task = g_task_new(NULL, cancellable, callback, user_data);
    g_task_set_source_tag(task, qapi_qmp_client_new_for_stream_async);
    in = g_io_stream_get_input_stream(stream);
    if (!G_IS_POLLABLE_INPUT_STREAM(in)
        || !g_pollable_input_stream_can_poll(G_POLLABLE_INPUT_STREAM(in))) {
        g_task_return_new_error(task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                "the stream's input cannot be polled");
        return;
    }
    if (g_task_return_error_if_cancelled(task)) {
        return;
    }
    c = client_new(stream, flags);
    c->handshake = g_object_ref(task);
    /* The task owns the client until the handshake ends. */
    g_task_set_task_data(task, c, (GDestroyNotify)qapi_qmp_client_unref);
    if (cancellable) {
        c->handshake_cancel = g_cancellable_source_new(cancellable);
        g_source_set_callback(c->handshake_cancel,
                              (GSourceFunc)(void (*)(void))handshake_cancelled,
                              c, NULL);
        g_source_attach(c->handshake_cancel, c->context);
    }
    read_start(c);
}

QapiQmpClient *
qapi_qmp_client_new_for_stream_finish(GAsyncResult *result, GError **error)
{
    g_return_val_if_fail(g_task_is_valid(result, NULL), NULL);
    return g_task_propagate_pointer(G_TASK(result), error);
}

QapiQmpClient *
qapi_qmp_client_new_for_stream_sync(GIOStream *stream, QapiQmpClientFlags flags,
                                    GCancellable *cancellable, GError **error)
{
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GMainContext) context = g_main_context_ref_thread_default();

    qapi_qmp_client_new_for_stream_async(stream, flags, cancellable, sync_done,
                                         &result);
    sync_wait(context, &result);
    return qapi_qmp_client_new_for_stream_finish(result, error);
}

QapiQmpClient *
qapi_qmp_client_new_for_socket_sync(GSocket *socket, QapiQmpClientFlags flags,
                                    GCancellable *cancellable, GError **error)
{
    g_autoptr(GSocketConnection) conn = NULL;

    g_return_val_if_fail(G_IS_SOCKET(socket), NULL);
    conn = g_socket_connection_factory_create_connection(socket);
    return qapi_qmp_client_new_for_stream_sync(G_IO_STREAM(conn), flags,
                                               cancellable, error);
}

typedef struct ConnectData {
    QapiQmpClientFlags flags;
} ConnectData;

static void
connect_handshake_done(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(GTask) task = data;
    GError *error = NULL;
    QapiQmpClient *c;

    (void)source;
    c = qapi_qmp_client_new_for_stream_finish(result, &error);
    if (!c) {
        g_task_return_error(task, error);
    } else {
        g_task_return_pointer(task, c, (GDestroyNotify)qapi_qmp_client_unref);
    }
}

static void
connect_socket_done(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(GTask) task = data;
    g_autoptr(GSocketConnection) conn = NULL;
    GError *error = NULL;
    ConnectData *cd = g_task_get_task_data(task);
    GCancellable *cancellable = g_task_get_cancellable(task);

    conn = g_socket_client_connect_finish(G_SOCKET_CLIENT(source), result,
                                          &error);
    if (!conn) {
        g_task_return_error(task, error);
        return;
    }
    /* The task is handed on: everything read from it before. */
    qapi_qmp_client_new_for_stream_async(G_IO_STREAM(conn), cd->flags,
                                         cancellable, connect_handshake_done,
                                         g_steal_pointer(&task));
}

void
qapi_qmp_client_connect_async(const char *path, QapiQmpClientFlags flags,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
    g_autoptr(GSocketClient) sc = g_socket_client_new();
    g_autoptr(GSocketAddress) addr = NULL;
    GTask *task;
    ConnectData *cd = g_new0(ConnectData, 1);

    g_return_if_fail(path);
    task = g_task_new(NULL, cancellable, callback, user_data);
    g_task_set_source_tag(task, qapi_qmp_client_connect_async);
    cd->flags = flags;
    g_task_set_task_data(task, cd, g_free);
    addr = g_unix_socket_address_new(path);
    g_socket_client_connect_async(sc, G_SOCKET_CONNECTABLE(addr), cancellable,
                                  connect_socket_done, task);
}

QapiQmpClient *
qapi_qmp_client_connect_finish(GAsyncResult *result, GError **error)
{
    g_return_val_if_fail(g_task_is_valid(result, NULL), NULL);
    return g_task_propagate_pointer(G_TASK(result), error);
}

QapiQmpClient *
qapi_qmp_client_connect_sync(const char *path, QapiQmpClientFlags flags,
                             GCancellable *cancellable, GError **error)
{
    g_autoptr(GSocketClient) sc = g_socket_client_new();
    g_autoptr(GSocketAddress) addr = NULL;
    g_autoptr(GSocketConnection) conn = NULL;

    g_return_val_if_fail(path, NULL);
    addr = g_unix_socket_address_new(path);
    conn = g_socket_client_connect(sc, G_SOCKET_CONNECTABLE(addr), cancellable,
                                   error);
    if (!conn) {
        return NULL;
    }
    return qapi_qmp_client_new_for_stream_sync(G_IO_STREAM(conn), flags,
                                               cancellable, error);
}

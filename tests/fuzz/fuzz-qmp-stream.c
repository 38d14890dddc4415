/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer harness for the QMP client's stream reader: the input is what
 * a QMP server sends, played to a real client over a socket pair.
 *
 * The first byte chooses the mode.  Bit 7 set: the whole rest is the
 * stream from its first byte (the greeting is fuzzed; only the handshake
 * and events happen).  Otherwise a fixed greeting and capabilities reply
 * come first, the client sends three commands (ids 2, 3, 4), and the rest
 * follows: replies, events, garbage, all interleaved as the input has it.
 * The low 6 bits set the size of the pieces the bytes are written in.
 *
 * Invariants: the client never crashes, leaks (LeakSanitizer, valgrind
 * in the replay) or logs a critical; every call completes exactly once,
 * with a reply or an error with a message; once the peer has closed, the
 * connection is over with a reason; and what happens (each call's outcome,
 * the events with their data, the reason) is the same whether the bytes
 * come in pieces of 1..64 bytes or all at once.
 */
#include <errno.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz-common.h"
#include "qapi/qmp-client.h"

#define N_CALLS 3

typedef struct Outcome {
    GString *calls[N_CALLS];
    gboolean done[N_CALLS];
    GString *events;
    GString *end;
    gboolean handshake_done;
    QapiQmpClient *client;
} Outcome;

static void
describe_error(GString *out, const GError *error)
{
    FUZZ_CHECK(error->message && *error->message, "an error without text");
    g_string_append_printf(out, "error %s %d %s",
                           g_quark_to_string(error->domain), error->code,
                           error->message);
}

typedef struct CallRef {
    Outcome *outcome;
    int index;
} CallRef;

static CallRef call_refs[N_CALLS];

static void
call_done(GObject *source, GAsyncResult *result, gpointer data)
{
    CallRef *ref = data;
    Outcome *o = ref->outcome;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) reply = NULL;

    (void)source;
    FUZZ_CHECK(!o->done[ref->index], "call %d completed twice", ref->index);
    o->done[ref->index] = TRUE;
    reply = qapi_qmp_client_execute_finish(o->client, result, &error);
    FUZZ_CHECK(!reply != !error, "call %d: reply and error", ref->index);
    if (reply) {
        g_autofree char *text = qapi_json_to_string(reply, QAPI_JSON_COMPACT);

        FUZZ_CHECK(text, "a reply without JSON text");
        g_string_append_printf(o->calls[ref->index], "return %s", text);
    } else {
        describe_error(o->calls[ref->index], error);
    }
}

static void
event_seen(QapiQmpClient *client, const char *name, JsonNode *data,
           const QapiQmpTimestamp *ts, gpointer user_data)
{
    Outcome *o = user_data;
    g_autofree char *text = data ? qapi_json_to_string(data, QAPI_JSON_COMPACT)
                                 : g_strdup("-");

    (void)client;
    FUZZ_CHECK(name && text, "an event without name or text");
    g_string_append_printf(o->events,
                           "%s %s %" G_GINT64_FORMAT ".%" G_GINT64_FORMAT "\n",
                           name, text, ts->seconds, ts->microseconds);
}

static void
disconnected(QapiQmpClient *client, const GError *reason, gpointer data)
{
    Outcome *o = data;

    (void)client;
    FUZZ_CHECK(reason, "disconnected without a reason");
    FUZZ_CHECK(!o->end->len, "disconnected twice");
    describe_error(o->end, reason);
}

static void
handshake_done(GObject *source, GAsyncResult *result, gpointer data)
{
    Outcome *o = data;
    g_autoptr(GError) error = NULL;

    (void)source;
    o->handshake_done = TRUE;
    o->client = qapi_qmp_client_new_for_stream_finish(result, &error);
    FUZZ_CHECK(!o->client != !error, "handshake: client and error");
    if (error) {
        describe_error(o->end, error);
    }
}

/* Write @data in pieces of @piece bytes, running the client between. */
static void
feed(int fd, const uint8_t *data, size_t size, size_t piece)
{
    size_t off = 0;

    while (off < size) {
        size_t n = MIN(piece, size - off);
        ssize_t w = send(fd, data + off, n, MSG_NOSIGNAL | MSG_DONTWAIT);

        if (w > 0) {
            off += w;
        } else if (w < 0 && errno != EAGAIN && errno != EINTR) {
            break; /* the client has closed: the rest is moot */
        }
        while (g_main_context_iteration(NULL, FALSE)) {
        }
    }
}

static gboolean
finished(const Outcome *o)
{
    if (!o->handshake_done) {
        return FALSE;
    }
    for (int i = 0; o->client && i < N_CALLS; i++) {
        if (o->calls[i] && !o->done[i]) {
            return FALSE;
        }
    }
    return !o->client || !qapi_qmp_client_is_connected(o->client, NULL);
}

static char *
run(const uint8_t *data, size_t size, gboolean raw, size_t piece)
{
    static const char greeting[] =
        "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, "
        "\"major\": 10}, \"package\": \"\"}, \"capabilities\": [\"oob\"]}}\r\n"
        "{\"return\": {}, \"id\": 1}\r\n";
    static const char *const commands[N_CALLS] = {
        "query-status",
        "query-version",
        "stop",
    };
    Outcome o = { .events = g_string_new(NULL), .end = g_string_new(NULL) };
    int fds[2];
    g_autoptr(GSocket) sock = NULL;
    g_autoptr(GSocketConnection) conn = NULL;
    GString *all = g_string_new(NULL);

    FUZZ_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0, "socketpair");
    sock = g_socket_new_from_fd(fds[0], NULL);
    FUZZ_CHECK(sock, "no socket");
    conn = g_socket_connection_factory_create_connection(sock);
    qapi_qmp_client_new_for_stream_async(
        G_IO_STREAM(conn), QAPI_QMP_CLIENT_FLAGS_OOB, NULL, handshake_done, &o);
    if (!raw) {
        feed(fds[1], (const uint8_t *)greeting, strlen(greeting), 4096);
        while (!o.handshake_done) {
            g_main_context_iteration(NULL, TRUE);
        }
        FUZZ_CHECK(o.client, "the fixed greeting failed: %s", o.end->str);
        qapi_qmp_client_set_max_message_size(o.client, 2048);
        qapi_qmp_client_set_disconnect_func(o.client, disconnected, &o, NULL);
        qapi_qmp_client_add_event_handler(o.client, NULL, event_seen, &o, NULL);
        for (int i = 0; i < N_CALLS; i++) {
            o.calls[i] = g_string_new(NULL);
            call_refs[i] = (CallRef){ &o, i };
            qapi_qmp_client_execute_async(o.client, commands[i], NULL,
                                          i == 2 ? QAPI_QMP_CALL_FLAGS_OOB : 0,
                                          NULL, call_done, &call_refs[i]);
        }
    }
    feed(fds[1], data, size, piece);
    shutdown(fds[1], SHUT_WR);
    while (!finished(&o)) {
        g_main_context_iteration(NULL, TRUE);
    }
    /* Whatever is still to come (a deferred callback) comes now. */
    while (g_main_context_iteration(NULL, FALSE)) {
    }
    close(fds[1]);

    for (int i = 0; i < N_CALLS; i++) {
        if (o.calls[i]) {
            FUZZ_CHECK(o.done[i], "call %d never completed", i);
            g_string_append_printf(all, "call %d: %s\n", i, o.calls[i]->str);
            g_string_free(o.calls[i], TRUE);
        }
    }
    if (raw && o.client) {
        /* Raw mode sets no disconnect function (the handshake's end and
         * later bytes may race): the reason is asked for. */
        const GError *reason = NULL;

        FUZZ_CHECK(!qapi_qmp_client_is_connected(o.client, &reason),
                   "still connected after the peer closed");
        describe_error(o.end, reason);
    }
    FUZZ_CHECK(o.end->len, "the connection did not end with a reason");
    g_string_append_printf(all, "events:\n%send: %s\n", o.events->str,
                           o.end->str);
    g_clear_pointer(&o.client, qapi_qmp_client_unref);
    g_string_free(o.events, TRUE);
    g_string_free(o.end, TRUE);
    return g_string_free(all, FALSE);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup_glib();
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *whole = NULL, *pieces = NULL;
    gboolean raw;
    size_t piece;

    if (size < 1) {
        return 0;
    }
    raw = data[0] & 0x80;
    piece = (data[0] & 0x3f) + 1;
    whole = run(data + 1, size - 1, raw, 65536);
    pieces = run(data + 1, size - 1, raw, piece);
    if (g_getenv("FUZZ_QMP_SHOW")) { /* what a seed does, for a person */
        fputs(whole, stderr);
    }
    FUZZ_CHECK(!strcmp(whole, pieces),
               "pieces of %zu bytes change the outcome:\n%s---\n%s", piece,
               whole, pieces);
    return 0;
}

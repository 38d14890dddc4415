/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The QMP client connection (qapi/qmp-client.h): against a scripted peer
 * on a socket pair (framing in pieces, interleaved events, every way the
 * peer can break the protocol), and against a real qemu-system-x86_64
 * started for the test (skipped when it is not installed, except in CI).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "qapi/qmp-client.h"
#include "qapi/qmp-error.h"
#include "qmp-peer.h"

/* A client connected to a scripted peer, checking what it negotiated:
 * OOB only when asked and offered. */
static void
client_start(Peer *p, const char *greeting, QapiQmpClientFlags flags)
{
    g_autofree char *caps = peer_start_with(p, greeting, flags);

    if ((flags & QAPI_QMP_CLIENT_FLAGS_OOB) && strstr(greeting, "\"oob\"")) {
        g_assert_cmpstr(caps, ==,
                        "{\"execute\":\"qmp_capabilities\",\"arguments\":"
                        "{\"enable\":[\"oob\"]},\"id\":1}");
    } else {
        g_assert_cmpstr(caps, ==,
                        "{\"execute\":\"qmp_capabilities\","
                        "\"id\":1}");
    }
}

typedef struct Result {
    gboolean done;
    JsonNode *reply;
    GError *error;
} Result;

static void
result_clear(Result *r)
{
    g_clear_pointer(&r->reply, json_node_unref);
    g_clear_error(&r->error);
    r->done = FALSE;
}

static void
call_done(GObject *source, GAsyncResult *res, gpointer data)
{
    Result *r = data;
    QapiQmpClient *client = g_task_get_task_data(G_TASK(res));

    (void)source;
    g_assert_false(r->done);
    r->reply = qapi_qmp_client_execute_finish(client, res, &r->error);
    g_assert_true(!r->reply != !r->error);
    r->done = TRUE;
}

static void
wait_done(Result *r)
{
    while (!r->done) {
        g_main_context_iteration(NULL, TRUE);
    }
}

static char *
node_text(JsonNode *node)
{
    return json_to_string(node, FALSE);
}

typedef struct Events {
    GPtrArray *seen; /* "NAME DATA SECONDS.MICRO" */
} Events;

static void
event_seen(QapiQmpClient *client, const char *name, JsonNode *data,
           const QapiQmpTimestamp *ts, gpointer user_data)
{
    Events *e = user_data;
    g_autofree char *text = data ? node_text(data) : g_strdup("-");

    (void)client;
    g_ptr_array_add(e->seen,
                    g_strdup_printf("%s %s %" G_GINT64_FORMAT
                                    ".%06" G_GINT64_FORMAT,
                                    name, text, ts->seconds, ts->microseconds));
}

static void
test_greeting(void)
{
    Peer p;
    const QapiQmpGreeting *g;

    client_start(&p, GREETING, QAPI_QMP_CLIENT_FLAGS_NONE);
    g = qapi_qmp_client_get_greeting(p.client);
    g_assert_cmpint(g->major, ==, 7);
    g_assert_cmpint(g->minor, ==, 2);
    g_assert_cmpint(g->micro, ==, 3);
    g_assert_cmpstr(g->package, ==, "test");
    g_assert_cmpstr(g->capabilities[0], ==, "oob");
    g_assert_null(g->capabilities[1]);
    g_assert_false(qapi_qmp_client_get_oob(p.client));
    g_assert_true(qapi_qmp_client_is_connected(p.client, NULL));
    peer_stop(&p);
}

static void
test_oob(void)
{
    Peer p;
    Result r = { 0 };
    g_autofree char *req = NULL;

    client_start(&p, GREETING, QAPI_QMP_CLIENT_FLAGS_OOB);
    g_assert_true(qapi_qmp_client_get_oob(p.client));
    qapi_qmp_client_execute_async(p.client, "migrate-pause", NULL,
                                  QAPI_QMP_CALL_FLAGS_OOB, NULL, call_done, &r);
    req = peer_read_line(&p);
    g_assert_cmpstr(req, ==, "{\"exec-oob\":\"migrate-pause\",\"id\":2}");
    peer_write(&p, "{\"return\": {}, \"id\": 2}\n");
    wait_done(&r);
    g_assert_no_error(r.error);
    result_clear(&r);
    peer_stop(&p);

    /* Not offered: not negotiated, and an OOB call fails locally. */
    client_start(&p,
                 "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, "
                 "\"minor\": 0, \"major\": 5}, \"package\": \"\"}, "
                 "\"capabilities\": []}}\n",
                 QAPI_QMP_CLIENT_FLAGS_OOB);
    g_assert_false(qapi_qmp_client_get_oob(p.client));
    qapi_qmp_client_execute_async(p.client, "x", NULL, QAPI_QMP_CALL_FLAGS_OOB,
                                  NULL, call_done, &r);
    wait_done(&r);
    g_assert_error(r.error, QAPI_QMP_CLIENT_ERROR,
                   QAPI_QMP_CLIENT_ERROR_NO_OOB);
    result_clear(&r);
    peer_stop(&p);
}

/* Replies out of order, events between them, everything in 1-byte
 * pieces: each call gets its own reply, each event arrives once. */
static void
test_interleaved(void)
{
    Peer p;
    Result r1 = { 0 }, r2 = { 0 };
    Events ev = { g_ptr_array_new_with_free_func(g_free) };
    g_autoptr(JsonObject) args = json_object_new();
    g_autofree char *req1 = NULL, *req2 = NULL, *t1 = NULL, *t2 = NULL;
    const char *script =
        "{\"event\": \"STOP\", \"timestamp\": {\"seconds\": 1, "
        "\"microseconds\": 2}}\r\n"
        "{\"return\": {\"status\": \"running\", \"s\": \"}{\\\"]\"}, "
        "\"id\": 3}\n"
        "  {\"event\": \"RESUME\", \"data\": {\"a\": [1, {}]}, "
        "\"timestamp\": {\"seconds\": 3, \"microseconds\": 4}}"
        "{\"return\": [1, 2], \"id\": 2}\n";

    client_start(&p, GREETING, QAPI_QMP_CLIENT_FLAGS_NONE);
    qapi_qmp_client_add_event_handler(p.client, NULL, event_seen, &ev, NULL);
    json_object_set_string_member(args, "device", "ide0\n\"");
    qapi_qmp_client_execute_async(p.client, "eject", args, 0, NULL, call_done,
                                  &r1);
    qapi_qmp_client_execute_async(p.client, "query-status", NULL, 0, NULL,
                                  call_done, &r2);
    req1 = peer_read_line(&p);
    req2 = peer_read_line(&p);
    g_assert_cmpstr(req1, ==,
                    "{\"execute\":\"eject\",\"arguments\":"
                    "{\"device\":\"ide0\\n\\\"\"},\"id\":2}");
    g_assert_cmpstr(req2, ==, "{\"execute\":\"query-status\",\"id\":3}");
    for (const char *s = script; *s; s++) {
        g_assert_cmpint(write(p.fd, s, 1), ==, 1);
        g_main_context_iteration(NULL, FALSE);
    }
    wait_done(&r1);
    wait_done(&r2);
    while (ev.seen->len < 2) {
        g_main_context_iteration(NULL, TRUE);
    }
    t1 = node_text(r1.reply);
    t2 = node_text(r2.reply);
    g_assert_cmpstr(t1, ==, "[1,2]");
    g_assert_cmpstr(t2, ==, "{\"status\":\"running\",\"s\":\"}{\\\"]\"}");
    g_assert_cmpuint(ev.seen->len, ==, 2);
    g_assert_cmpstr(ev.seen->pdata[0], ==, "STOP - 1.000002");
    g_assert_cmpstr(ev.seen->pdata[1], ==, "RESUME {\"a\":[1,{}]} 3.000004");
    result_clear(&r1);
    result_clear(&r2);
    g_ptr_array_unref(ev.seen);
    peer_stop(&p);
}

/* A compact array of @n strings with brackets, braces and escapes in
 * them (the framer must not count those), of more than @n * 20 bytes. */
static char *
big_array(guint n, const char *tag)
{
    GString *out = g_string_new("[");

    for (guint i = 0; i < n; i++) {
        g_string_append_printf(out, "%s\"%s%u }{][ \\\"\\\\ padding\"",
                               i ? "," : "", tag, i);
    }
    g_string_append_c(out, ']');
    return g_string_free(out, FALSE);
}

/*
 * Messages larger than one read (the connection takes its input buffer
 * over for such a one instead of copying it out), back to back with
 * each other and with small ones in the same stream, written in pieces
 * that end anywhere: every reply and event arrives whole and in order.
 */
static void
test_large_messages(void)
{
    Peer p;
    Result r[4] = { { 0 } };
    Events ev = { g_ptr_array_new_with_free_func(g_free) };
    g_autofree char *a = big_array(12000, "a");
    g_autofree char *b = big_array(4000, "b");
    g_autofree char *script = NULL;
    gsize len, piece = 7001;

    g_assert_cmpuint(strlen(a), >, 4 * 65536);
    g_assert_cmpuint(strlen(b), >, 65536);
    client_start(&p, GREETING, QAPI_QMP_CLIENT_FLAGS_NONE);
    qapi_qmp_client_add_event_handler(p.client, NULL, event_seen, &ev, NULL);
    for (guint i = 0; i < G_N_ELEMENTS(r); i++) {
        qapi_qmp_client_execute_async(p.client, "a", NULL, 0, NULL, call_done,
                                      &r[i]);
        g_free(peer_read_line(&p));
    }
    script = g_strdup_printf(
        "{\"event\": \"STOP\", \"timestamp\": {\"seconds\": 1, "
        "\"microseconds\": 2}}"
        "{\"return\": %s, \"id\": 2}"
        "{\"id\": 3, \"return\": %s}\n"
        "{\"event\": \"RESUME\", \"data\": {\"b\": %s}, \"timestamp\": "
        "{\"seconds\": "
        "3, \"microseconds\": 4}}  {\"return\": {\"k\": 1}, \"id\": 4}"
        "{\"return\": %s, \"id\": 5}",
        a, b, b, a);
    len = strlen(script);
    for (gsize off = 0; off < len; off += piece) {
        gsize n = MIN(piece, len - off);

        g_assert_cmpint(write(p.fd, script + off, n), ==, (gssize)n);
        while (g_main_context_iteration(NULL, FALSE)) {
        }
    }
    for (guint i = 0; i < G_N_ELEMENTS(r); i++) {
        wait_done(&r[i]);
        g_assert_no_error(r[i].error);
    }
    while (ev.seen->len < 2) {
        g_main_context_iteration(NULL, TRUE);
    }
    {
        g_autofree char *t0 = node_text(r[0].reply);
        g_autofree char *t1 = node_text(r[1].reply);
        g_autofree char *t2 = node_text(r[2].reply);
        g_autofree char *t3 = node_text(r[3].reply);
        g_autofree char *resume = g_strdup_printf("RESUME {\"b\":%s} 3.000004",
                                                  b);

        g_assert_true(strcmp(t0, a) == 0);
        g_assert_true(strcmp(t1, b) == 0);
        g_assert_cmpstr(t2, ==, "{\"k\":1}");
        g_assert_true(strcmp(t3, a) == 0);
        g_assert_cmpuint(ev.seen->len, ==, 2);
        g_assert_cmpstr(ev.seen->pdata[0], ==, "STOP - 1.000002");
        g_assert_true(strcmp(ev.seen->pdata[1], resume) == 0);
    }
    for (guint i = 0; i < G_N_ELEMENTS(r); i++) {
        result_clear(&r[i]);
    }
    g_ptr_array_unref(ev.seen);
    peer_stop(&p);
}

static void
test_error_reply(void)
{
    Peer p;
    Result r = { 0 };

    client_start(&p, GREETING, QAPI_QMP_CLIENT_FLAGS_NONE);
    qapi_qmp_client_execute_async(p.client, "nope", NULL, 0, NULL, call_done,
                                  &r);
    g_free(peer_read_line(&p));
    peer_write(&p, "{\"id\": 2, \"error\": {\"class\": \"CommandNotFound\", "
                   "\"desc\": \"The command nope has not been found\"}}\n");
    wait_done(&r);
    g_assert_error(r.error, QAPI_QMP_ERROR, ERROR_CLASS_COMMAND_NOT_FOUND);
    g_assert_cmpstr(r.error->message, ==,
                    "The command nope has not been found");
    result_clear(&r);
    /* A class this library does not know reads as GenericError. */
    qapi_qmp_client_execute_async(p.client, "x", NULL, 0, NULL, call_done, &r);
    g_free(peer_read_line(&p));
    peer_write(&p, "{\"id\": 3, \"error\": {\"class\": \"NewClass\", "
                   "\"desc\": \"d\"}}\n");
    wait_done(&r);
    g_assert_error(r.error, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR);
    result_clear(&r);
    /* The connection is still good. */
    g_assert_true(qapi_qmp_client_is_connected(p.client, NULL));
    peer_stop(&p);
}

/* Every way the peer breaks the connection fails all pending calls with
 * a QAPI_QMP_CLIENT_ERROR, and later calls at once with the same. */
static void
check_broken(const char *bytes, gboolean close_after, QapiQmpClientError code,
             const char *message)
{
    Peer p;
    Result r1 = { 0 }, r2 = { 0 }, r3 = { 0 };
    const GError *reason = NULL;

    client_start(&p, GREETING, QAPI_QMP_CLIENT_FLAGS_NONE);
    qapi_qmp_client_set_max_message_size(p.client, 4096);
    qapi_qmp_client_execute_async(p.client, "a", NULL, 0, NULL, call_done, &r1);
    qapi_qmp_client_execute_async(p.client, "b", NULL, 0, NULL, call_done, &r2);
    peer_write(&p, bytes);
    if (close_after) {
        shutdown(p.fd, SHUT_WR);
    }
    wait_done(&r1);
    wait_done(&r2);
    g_assert_error(r1.error, QAPI_QMP_CLIENT_ERROR, (gint)code);
    g_assert_error(r2.error, QAPI_QMP_CLIENT_ERROR, (gint)code);
    if (!strstr(r1.error->message, message)) {
        g_test_message("message: %s", r1.error->message);
    }
    g_assert_nonnull(strstr(r1.error->message, message));
    g_assert_false(qapi_qmp_client_is_connected(p.client, &reason));
    g_assert_cmpstr(reason->message, ==, r1.error->message);
    qapi_qmp_client_execute_async(p.client, "c", NULL, 0, NULL, call_done, &r3);
    wait_done(&r3);
    g_assert_error(r3.error, QAPI_QMP_CLIENT_ERROR, (gint)code);
    result_clear(&r1);
    result_clear(&r2);
    result_clear(&r3);
    peer_stop(&p);
}

static void
test_broken(void)
{
    g_autofree char *big = NULL;
    g_autofree char *x = g_strnfill(4096, 'x');

    check_broken("", TRUE, QAPI_QMP_CLIENT_ERROR_CLOSED,
                 "the QMP server closed the connection");
    check_broken("{\"return\": {}, \"id\"", TRUE, QAPI_QMP_CLIENT_ERROR_CLOSED,
                 "closed the connection");
    check_broken("hello\n", FALSE, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                 "expected a JSON object, found byte 0x68");
    check_broken("[1]\n", FALSE, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                 "expected a JSON object");
    check_broken("{\"return\": {}, \"id\": 2, \"id\": 2}\n", FALSE,
                 QAPI_QMP_CLIENT_ERROR_PROTOCOL, "malformed message");
    check_broken("{\"return\": \"\xff\", \"id\": 2}\n", FALSE,
                 QAPI_QMP_CLIENT_ERROR_PROTOCOL, "malformed message");
    check_broken("{\"return\": {}, \"id\": 99}\n", FALSE,
                 QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                 "a reply for id 99, which no call is waiting for");
    check_broken("{\"return\": {}, \"id\": \"2\"}\n", FALSE,
                 QAPI_QMP_CLIENT_ERROR_PROTOCOL, "never sent");
    check_broken("{\"error\": {\"class\": \"GenericError\", \"desc\": "
                 "\"JSON parse error\"}}\n",
                 FALSE, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                 "a reply without an id: JSON parse error");
    check_broken(GREETING, FALSE, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                 "a second greeting");
    check_broken("{\"hello\": 1}", FALSE, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                 "neither a reply nor an event");
    check_broken("{\"event\": \"X\"}", FALSE, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                 "event X: no valid 'timestamp'");
    check_broken("{\"id\": 2, \"error\": {\"class\": 1}}", FALSE,
                 QAPI_QMP_CLIENT_ERROR_PROTOCOL, "without a string");
    /* 4096 bytes are allowed, one more is not: refused before the end. */
    big = g_strdup_printf("{\"return\": \"%s\", \"id\": 2}", x);
    check_broken(big, FALSE, QAPI_QMP_CLIENT_ERROR_TOO_LARGE,
                 "a message larger than 4096 bytes");
}

static void
test_limit_exact(void)
{
    Peer p;
    Result r = { 0 };
    /* {"return": "xxx...", "id": 2} of exactly 4096 bytes */
    gsize fill = 4096 - strlen("{\"return\": \"\", \"id\": 2}");
    g_autofree char *x = g_strnfill(fill, 'x');
    g_autofree char *msg = g_strdup_printf("{\"return\": \"%s\", \"id\": 2}",
                                           x);

    g_assert_cmpuint(strlen(msg), ==, 4096);
    client_start(&p, GREETING, QAPI_QMP_CLIENT_FLAGS_NONE);
    qapi_qmp_client_set_max_message_size(p.client, 4096);
    qapi_qmp_client_execute_async(p.client, "a", NULL, 0, NULL, call_done, &r);
    g_free(peer_read_line(&p));
    peer_write(&p, msg);
    wait_done(&r);
    g_assert_no_error(r.error);
    result_clear(&r);

    /* A request larger than the limit fails alone. */
    {
        g_autoptr(JsonObject) args = json_object_new();

        json_object_set_string_member(args, "x", x);
        qapi_qmp_client_execute_async(p.client, "a", args, 0, NULL, call_done,
                                      &r);
        wait_done(&r);
        g_assert_error(r.error, QAPI_QMP_CLIENT_ERROR,
                       QAPI_QMP_CLIENT_ERROR_TOO_LARGE);
        result_clear(&r);
        g_assert_true(qapi_qmp_client_is_connected(p.client, NULL));
    }
    peer_stop(&p);
}

static void
test_bad_greeting(void)
{
    static const struct {
        const char *text;
        const char *message;
    } cases[] = {
        { "{\"return\": {}}\n", "the first message is not a greeting" },
        { "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 0, "
          "\"major\": 5}, \"package\": \"\"}}}\n",
          "QMP: member 'capabilities' is missing" },
        { "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 0, "
          "\"major\": \"5\"}, \"package\": \"\"}, \"capabilities\": []}}\n",
          "QMP.version.qemu.major: expected an integer" },
        { "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 0, "
          "\"major\": 5, \"x\": 1}, \"package\": \"\"}, "
          "\"capabilities\": []}}\n",
          "QMP.version.qemu: unknown member 'x'" },
        { "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 0, "
          "\"major\": 5}, \"package\": \"\"}, \"capabilities\": [1]}}\n",
          "QMP.capabilities[0]: expected a string" },
    };

    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        int fds[2];
        g_autoptr(GError) error = NULL;
        g_autoptr(GSocket) sock = NULL;
        g_autoptr(QapiQmpClient) client = NULL;

        g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), ==, 0);
        sock = g_socket_new_from_fd(fds[0], &error);
        g_assert_no_error(error);
        g_assert_cmpint(write(fds[1], cases[i].text, strlen(cases[i].text)), >,
                        0);
        client = qapi_qmp_client_new_for_socket_sync(sock, 0, NULL, &error);
        g_assert_null(client);
        g_assert_error(error, QAPI_QMP_CLIENT_ERROR,
                       QAPI_QMP_CLIENT_ERROR_GREETING);
        if (!strstr(error->message, cases[i].message)) {
            g_test_message("message: %s", error->message);
        }
        g_assert_nonnull(strstr(error->message, cases[i].message));
        close(fds[1]);
    }
}

static void
test_cancel(void)
{
    Peer p;
    Result r = { 0 }, r2 = { 0 };
    g_autoptr(GCancellable) cancellable = g_cancellable_new();

    client_start(&p, GREETING, QAPI_QMP_CLIENT_FLAGS_NONE);
    qapi_qmp_client_execute_async(p.client, "slow", NULL, 0, cancellable,
                                  call_done, &r);
    g_free(peer_read_line(&p));
    g_cancellable_cancel(cancellable);
    wait_done(&r);
    g_assert_error(r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    /* The late reply to the cancelled call is dropped, not an error. */
    qapi_qmp_client_execute_async(p.client, "next", NULL, 0, NULL, call_done,
                                  &r2);
    g_free(peer_read_line(&p));
    peer_write(&p, "{\"return\": {}, \"id\": 2}\n{\"return\": 7, \"id\": 3}\n");
    wait_done(&r2);
    g_assert_no_error(r2.error);
    g_assert_cmpint(json_node_get_int(r2.reply), ==, 7);
    g_assert_true(qapi_qmp_client_is_connected(p.client, NULL));
    result_clear(&r);
    result_clear(&r2);
    peer_stop(&p);
}

static void
test_connect_missing(void)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(QapiQmpClient) client = qapi_qmp_client_connect_sync(
        "/nonexistent/qmp.sock", 0, NULL, &error);

    g_assert_null(client);
    g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* ---- real QEMU -------------------------------------------------------- */

static JsonNode *
qemu_call(Qemu *q, const char *command, GError **error)
{
    return qapi_qmp_client_execute_sync(q->client, command, NULL, 0, NULL,
                                        error);
}

static char *
query_status(Qemu *q)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) reply = qemu_call(q, "query-status", &error);

    g_assert_no_error(error);
    return g_strdup(
        json_object_get_string_member(json_node_get_object(reply), "status"));
}

static void
test_qemu_session(void)
{
    Qemu q = { 0 };
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL, *want = NULL, *status = NULL;
    const QapiQmpGreeting *g;
    const char *argv[] = { NULL, "--version", NULL };
    JsonNode *reply;
    QapiQmpTimestamp ts;
    gboolean found = FALSE;
    JsonArray *machines;
    gint64 now = g_get_real_time() / G_USEC_PER_SEC;
    Events ev = { g_ptr_array_new_with_free_func(g_free) };

    if (qemu_skip()) {
        return;
    }
    argv[0] = qemu_binary();
    g_spawn_sync(NULL, (char **)argv, NULL, 0, NULL, NULL, &out, NULL, NULL,
                 &error);
    g_assert_no_error(error);
    qemu_start(&q);

    /* "QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)" */
    g = qapi_qmp_client_get_greeting(q.client);
    want = g_strdup_printf("QEMU emulator version %" G_GINT64_FORMAT
                           ".%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT "%s%s%s\n",
                           g->major, g->minor, g->micro,
                           *g->package ? " (" : "", g->package,
                           *g->package ? ")" : "");
    g_assert_true(g_str_has_prefix(out, want));

    status = query_status(&q);
    g_assert_cmpstr(status, ==, "prelaunch");
    g_free(status);
    reply = qemu_call(&q, "cont", &error);
    g_assert_no_error(error);
    json_node_unref(reply);
    status = query_status(&q);
    g_assert_cmpstr(status, ==, "running");
    g_free(status);

    /* The STOP event, typed by the handler: registered before the
     * command, since QEMU may send it before or after the reply. */
    qapi_qmp_client_add_event_handler(q.client, "STOP", event_seen, &ev, NULL);
    reply = qemu_call(&q, "stop", &error);
    g_assert_no_error(error);
    json_node_unref(reply);
    while (ev.seen->len < 1) {
        g_main_context_iteration(NULL, TRUE);
    }
    g_assert_true(g_str_has_prefix(ev.seen->pdata[0], "STOP - "));
    g_assert_cmpint(g_ascii_strtoll((char *)ev.seen->pdata[0] + 7, NULL, 10),
                    >=, now - 5);
    /* wait_event_sync: the next one, after another cont/stop round. */
    json_node_unref(qemu_call(&q, "cont", &error));
    g_assert_no_error(error);
    qapi_qmp_client_execute_async(q.client, "stop", NULL, 0, NULL, NULL, NULL);
    reply = qapi_qmp_client_wait_event_sync(q.client, "STOP", 10000, &ts, NULL,
                                            &error);
    g_assert_no_error(error);
    g_assert_true(JSON_NODE_HOLDS_OBJECT(reply));
    g_assert_cmpint(ts.seconds, >=, now - 5);
    g_assert_cmpint(ts.microseconds, >=, 0);
    g_assert_cmpint(ts.microseconds, <, 1000000);
    json_node_unref(reply);
    status = query_status(&q);
    g_assert_cmpstr(status, ==, "paused");

    reply = qemu_call(&q, "query-machines", &error);
    g_assert_no_error(error);
    machines = json_node_get_array(reply);
    for (guint i = 0; i < json_array_get_length(machines); i++) {
        JsonObject *m = json_array_get_object_element(machines, i);

        found |= !g_strcmp0(json_object_get_string_member(m, "name"),
                            "pc-q35-7.2");
    }
    g_assert_true(found);
    json_node_unref(reply);

    reply = qemu_call(&q, "query-qmp-schema", &error);
    g_assert_no_error(error);
    g_assert_cmpuint(json_array_get_length(json_node_get_array(reply)), >,
                     1000);
    json_node_unref(reply);

    reply = qemu_call(&q, "no-such-command", &error);
    g_assert_null(reply);
    g_assert_error(error, QAPI_QMP_ERROR, ERROR_CLASS_COMMAND_NOT_FOUND);
    g_assert_cmpstr(error->message, ==,
                    "The command no-such-command has not been found");
    g_clear_error(&error);

    qemu_stop(&q);
    g_ptr_array_unref(ev.seen);
}

static void
connect_done(GObject *source, GAsyncResult *result, gpointer data)
{
    Qemu *q = data;
    g_autoptr(GError) error = NULL;

    (void)source;
    q->client = qapi_qmp_client_connect_finish(result, &error);
    g_assert_no_error(error);
}

/* The asynchronous connection, with out-of-band execution, which QEMU
 * 7.2 offers: an exec-oob command is answered (here refused, since no
 * migration runs, but by QEMU and with its class). */
static void
test_qemu_async_oob(void)
{
    Qemu q = { 0 };
    Result r = { 0 };
    JsonObject *qemu;
    const QapiQmpGreeting *g;

    if (qemu_skip()) {
        return;
    }
    qemu_start(&q);
    g_clear_pointer(&q.client, qapi_qmp_client_unref);
    qapi_qmp_client_connect_async(q.socket, QAPI_QMP_CLIENT_FLAGS_OOB, NULL,
                                  connect_done, &q);
    while (!q.client) {
        g_main_context_iteration(NULL, TRUE);
    }
    g_assert_true(qapi_qmp_client_get_oob(q.client));
    g = qapi_qmp_client_get_greeting(q.client);

    qapi_qmp_client_execute_async(q.client, "query-version", NULL, 0, NULL,
                                  call_done, &r);
    wait_done(&r);
    g_assert_no_error(r.error);
    qemu = json_object_get_object_member(json_node_get_object(r.reply), "qemu");
    g_assert_cmpint(json_object_get_int_member(qemu, "major"), ==, g->major);
    g_assert_cmpint(json_object_get_int_member(qemu, "minor"), ==, g->minor);
    g_assert_cmpint(json_object_get_int_member(qemu, "micro"), ==, g->micro);
    result_clear(&r);

    qapi_qmp_client_execute_async(q.client, "migrate-pause", NULL,
                                  QAPI_QMP_CALL_FLAGS_OOB, NULL, call_done, &r);
    wait_done(&r);
    g_assert_error(r.error, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR);
    g_assert_nonnull(strstr(r.error->message, "migrate-pause"));
    result_clear(&r);
    qemu_stop(&q);
}

/* Killing QEMU while a call waits for its reply fails that call. */
static void
test_qemu_killed(void)
{
    Qemu q = { 0 };
    Result r = { 0 };

    if (qemu_skip()) {
        return;
    }
    qemu_start(&q);
    /* Stopped, QEMU cannot answer before it dies. */
    kill(q.pid, SIGSTOP);
    qapi_qmp_client_execute_async(q.client, "query-qmp-schema", NULL, 0, NULL,
                                  call_done, &r);
    g_main_context_iteration(NULL, FALSE);
    qemu_kill(&q);
    wait_done(&r);
    g_assert_error(r.error, QAPI_QMP_CLIENT_ERROR,
                   QAPI_QMP_CLIENT_ERROR_CLOSED);
    g_assert_false(qapi_qmp_client_is_connected(q.client, NULL));
    result_clear(&r);
    qemu_stop(&q);
}

int
main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qmp-client/greeting", test_greeting);
    g_test_add_func("/qmp-client/oob", test_oob);
    g_test_add_func("/qmp-client/interleaved", test_interleaved);
    g_test_add_func("/qmp-client/large-messages", test_large_messages);
    g_test_add_func("/qmp-client/error-reply", test_error_reply);
    g_test_add_func("/qmp-client/broken", test_broken);
    g_test_add_func("/qmp-client/limit-exact", test_limit_exact);
    g_test_add_func("/qmp-client/bad-greeting", test_bad_greeting);
    g_test_add_func("/qmp-client/cancel", test_cancel);
    g_test_add_func("/qmp-client/connect-missing", test_connect_missing);
    g_test_add_func("/qmp-client/qemu/session", test_qemu_session);
    g_test_add_func("/qmp-client/qemu/async-oob", test_qemu_async_oob);
    g_test_add_func("/qmp-client/qemu/killed", test_qemu_killed);
    return g_test_run();
}

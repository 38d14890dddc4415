/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer harness for the typed client's decode layer
 * (qapi_qmp_client_decode(), qapi/qmp-client-typed.h) with the client
 * generated from QEMU 10.2's schema.
 *
 * The first byte chooses what the rest is decoded as and how: bits 0-3 a
 * reply or event of the table below (rich types: the introspection list,
 * machines, unions alone and in lists, deep optional structs, enums in
 * lists), bit 4 strict, bits 5-6 the peer's version (4.2.0, 7.2.0, 10.2.0,
 * 99.0.0).  The rest is the value's JSON text, as the client's reader
 * parses it.
 *
 * Invariants: no crash, leak or critical; a refusal says why; a value
 * accepted (tolerantly, with its warnings) re-encodes with the output
 * visitor, that encoding decodes strictly for the same peer, and encodes
 * again to the same text.
 */
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz-common.h"
#include "qapi-client.h"
#include "qapi-tables-client.h"
#include "qapi/json-input.h"
#include "qapi/json-output.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What can be decoded: replies of these commands, data of these events. */
static const char *const commands[] = {
    "query-qmp-schema",
    "query-machines",
    "query-sev",
    "query-migrate-capabilities",
    "query-block",
    "query-cpus-fast",
    "query-block-jobs",
    "query-migrate",
    "query-dump-guest-memory-capability",
    "query-status",
};
static const char *const events[] = {
    "BLOCK_JOB_COMPLETED", "GUEST_PANICKED", "SHUTDOWN",
    "RTC_CHANGE",          "MEMORY_FAILURE", "NETDEV_STREAM_CONNECTED",
};
static const char *const versions[] = { "4.2.0", "7.2.0", "10.2.0", "99.0.0" };

/* A client per peer version, tolerant and strict (index 2 * v + strict). */
static QapiQmpClient *clients[2 * G_N_ELEMENTS(versions)];

static void
warning_seen(QapiQmpClient *client, const char *message, gpointer data)
{
    (void)client;
    (void)data;
    FUZZ_CHECK(message && *message, "an empty warning");
}

/* A client whose peer (a socket pair's other end, kept open) greeted it
 * as QEMU @version. */
static QapiQmpClient *
client_new(const char *version, gboolean strict)
{
    g_auto(GStrv) parts = g_strsplit(version, ".", 3);
    g_autofree char *greeting = g_strdup_printf(
        "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": %s, \"minor\": %s, "
        "\"major\": %s}, \"package\": \"\"}, \"capabilities\": []}}\r\n"
        "{\"return\": {}, \"id\": 1}\r\n",
        parts[2], parts[1], parts[0]);
    g_autoptr(GSocket) sock = NULL;
    GError *error = NULL;
    QapiQmpClient *client;
    int fds[2];

    FUZZ_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0, "socketpair");
    FUZZ_CHECK(write(fds[1], greeting, strlen(greeting))
                   == (ssize_t)strlen(greeting),
               "the greeting");
    sock = g_socket_new_from_fd(fds[0], &error);
    FUZZ_CHECK(sock, "%s", error->message);
    client = qapi_qmp_client_new_for_socket_sync(sock, 0, NULL, &error);
    FUZZ_CHECK(client, "%s", error->message);
    qapi_qmp_client_set_warning_func(client, warning_seen, NULL, NULL);
    if (strict) {
        qapi_qmp_client_set_decode_flags(client, QAPI_QMP_DECODE_STRICT);
    }
    return client;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup_glib();
    for (gsize i = 0; i < G_N_ELEMENTS(clients); i++) {
        clients[i] = client_new(versions[i / 2], i % 2);
    }
    return 0;
}

/* What @visit describes, as decodes name it. */
typedef struct Target {
    QapiQmpVisitFunc visit;
    const char *type;
    const QapiQmpSinceTable *since_table;
    const char *what;
} Target;

static gboolean
target_find(unsigned index, Target *t)
{
    if (index < G_N_ELEMENTS(commands)) {
        const QapiQmpCommandInfo *info = qapi_qmp_command_info_find(
            qmp_client_commands, commands[index]);

        FUZZ_CHECK(info && info->visit_ret, "no command %s", commands[index]);
        *t = (Target){ info->visit_ret, info->ret_type, info->since_table,
                       commands[index] };
        return TRUE;
    }
    index -= G_N_ELEMENTS(commands);
    if (index < G_N_ELEMENTS(events)) {
        const QapiQmpEventInfo *info = qapi_qmp_event_info_find(
            qmp_client_events, events[index]);

        FUZZ_CHECK(info && info->visit_data, "no event %s", events[index]);
        *t = (Target){ info->visit_data, info->data_type, info->since_table,
                       events[index] };
        return TRUE;
    }
    return FALSE;
}

/* The value at @storage as compact JSON; it must encode. */
static char *
encode(const Target *t, void *storage)
{
    g_autoptr(Visitor) v = NULL;
    g_autoptr(GError) error = NULL;
    JsonNode *node = NULL;
    char *text;

    v = qapi_json_output_visitor_new(&node);
    FUZZ_CHECK(t->visit(v, storage, &error),
               "%s: an accepted value does not "
               "encode: %s",
               t->what, error ? error->message : "?");
    visit_complete(v, &node);
    text = qapi_json_to_string(node, QAPI_JSON_COMPACT);
    json_node_unref(node);
    return text;
}

/* The value re-encoded as @text decodes strictly for @client's peer and
 * encodes to @text again. */
static void
check_round_trip(QapiQmpClient *strict, const Target *t, const char *text)
{
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *again = NULL;
    void *storage[2] = { NULL, NULL };

    node = qapi_json_parse(text, -1, NULL, &error);
    FUZZ_CHECK(node, "%s: its encoding does not parse: %s", t->what,
               error->message);
    FUZZ_CHECK(qapi_qmp_client_decode(strict, t->visit, t->what, t->type,
                                      t->since_table, node, storage, &error),
               "%s: its encoding %s does not decode strictly: %s", t->what,
               text, error->message);
    again = encode(t, storage);
    qapi_qmp_client_free_value(t->visit, storage);
    FUZZ_CHECK(!strcmp(text, again), "%s: %s decodes and encodes to %s",
               t->what, text, again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    /* room for any return value (a pointer or a scalar) or event data */
    void *storage[2] = { NULL, NULL };
    unsigned version;
    gboolean strict;
    Target t;

    if (size < 1 || !target_find(data[0] & 0xf, &t)) {
        return 0;
    }
    strict = !!(data[0] & 0x10);
    version = (data[0] >> 5) & 3;
    node = qapi_json_parse((const char *)data + 1, size - 1, NULL, NULL);
    if (!node) {
        return 0;
    }
    if (!qapi_qmp_client_decode(clients[2 * version + strict], t.visit, t.what,
                                t.type, t.since_table, node, storage, &error)) {
        FUZZ_CHECK(error && error->message && *error->message,
                   "a refusal without a reason");
        FUZZ_CHECK(!storage[0], "a refusal leaves a value behind");
        return 0;
    }
    text = encode(&t, storage);
    qapi_qmp_client_free_value(t.visit, storage);
    check_round_trip(clients[2 * version + 1], &t, text);
    return 0;
}

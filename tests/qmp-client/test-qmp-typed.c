/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The typed QMP client generated from QEMU 10.2's full schema (the
 * "client" back end, qapi/qmp-client-typed.h): against a scripted peer
 * that claims to be QEMU 7.2.3 (decode policy, version skew, arguments
 * refused before sending, typed events), and against a real
 * qemu-system-x86_64 7.2 (skipped without one, except in CI).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qapi-client.h"
#include "qapi-tables-client.h"
#include "qapi-visit.h"
#include "qapi/json-input.h"
#include "qapi/json-output.h"
#include "qapi/qmp-error.h"
#include "qmp-peer.h"

/* Collects the finished query-machines result. */
typedef struct Finish {
    GAsyncResult *result;
} Finish;

static void
finish_done(GObject *source, GAsyncResult *result, gpointer data)
{
    Finish *f = data;

    (void)source;
    f->result = g_object_ref(result);
}

static GAsyncResult *
wait_result(Finish *f)
{
    while (!f->result) {
        g_main_context_iteration(NULL, TRUE);
    }
    return f->result;
}

#define MACHINE_72                                                     \
    "{\"hotpluggable-cpus\": true, \"name\": \"pc-q35-7.2\", "         \
    "\"numa-mem-supported\": true, \"default-cpu-type\": "             \
    "\"qemu64-x86_64-cpu\", \"cpu-max\": 288, \"deprecated\": false, " \
    "\"default-ram-id\": \"pc.ram\"%s}"

/* Send query-machines and answer with one machine; finish it. */
static MachineInfoList *
machines_call(Peer *p, const char *extra, GError **error)
{
    Finish f = { 0 };
    g_autofree char *req = NULL;
    g_autofree char *machine = g_strdup_printf(MACHINE_72, extra);
    g_autofree char *reply = NULL;
    MachineInfoList *list;
    guint64 id;

    qmp_client_query_machines_async(p->client, false, false, NULL, finish_done,
                                    &f);
    req = peer_read_line(p);
    /* no arguments: none are set */
    g_assert_true(g_str_has_prefix(req, "{\"execute\":\"query-machines\","
                                        "\"id\":"));
    id = g_ascii_strtoull(strrchr(req, ':') + 1, NULL, 10);
    reply = g_strdup_printf(
        "{\"return\": [%s], \"id\": %" G_GUINT64_FORMAT "}\n", machine, id);
    peer_write(p, reply);
    list = qmp_client_query_machines_finish(p->client, wait_result(&f), error);
    g_object_unref(f.result);
    return list;
}

/* 7.2 lacks 8.0's "acpi": accepted, left false, one warning naming the
 * member and both versions. */
static void
test_skew(void)
{
    Peer p;
    g_autoptr(GError) error = NULL;
    g_autoptr(MachineInfoList) list = NULL;

    peer_start(&p);
    list = machines_call(&p, "", &error);
    g_assert_no_error(error);
    g_assert_nonnull(list);
    g_assert_null(list->next);
    g_assert_cmpstr(list->value->name, ==, "pc-q35-7.2");
    g_assert_cmpint(list->value->cpu_max, ==, 288);
    g_assert_false(list->value->acpi);
    g_assert_cmpuint(p.warnings->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(p.warnings, 0), ==,
                    "query-machines reply: [0].acpi: member 'acpi' of "
                    "MachineInfo is since 8.0, QEMU 7.2.3 predates it: left "
                    "empty");
    peer_stop(&p);
}

/* Answer the next request with "return": @value; the request's text. */
static char *
peer_answer(Peer *p, const char *value)
{
    char *req = peer_read_line(p);
    g_autofree char *reply = NULL;
    guint64 id = g_ascii_strtoull(strrchr(req, ':') + 1, NULL, 10);

    reply = g_strdup_printf("{\"return\": %s, \"id\": %" G_GUINT64_FORMAT "}\n",
                            value, id);
    peer_write(p, reply);
    return req;
}

/* The same member missing from several objects: one warning that counts
 * them. */
static void
test_skew_repeated(void)
{
    Peer p;
    Finish f = { 0 };
    g_autoptr(GError) error = NULL;
    g_autoptr(MachineInfoList) list = NULL;
    g_autofree char *one = g_strdup_printf(MACHINE_72, "");
    g_autofree char *value = g_strdup_printf("[%s, %s, %s]", one, one, one);
    g_autofree char *req = NULL;

    peer_start(&p);
    qmp_client_query_machines_async(p.client, false, false, NULL, finish_done,
                                    &f);
    req = peer_answer(&p, value);
    list = qmp_client_query_machines_finish(p.client, wait_result(&f), &error);
    g_object_unref(f.result);
    g_assert_no_error(error);
    g_assert_nonnull(list->next->next);
    g_assert_cmpuint(p.warnings->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(p.warnings, 0), ==,
                    "query-machines reply: [0].acpi: member 'acpi' of "
                    "MachineInfo is since 8.0, QEMU 7.2.3 predates it: left "
                    "empty (and in 2 more places)");
    peer_stop(&p);
}

/* A missing enum member newer than the peer gets the zero value (not a
 * stand-in no document has). */
static void
test_skew_enum(void)
{
    Peer p;
    Finish f = { 0 };
    g_autoptr(GError) error = NULL;
    g_autoptr(DirtyRateInfo) info = NULL;
    g_autofree char *req = NULL;

    peer_start(&p);
    qmp_client_query_dirty_rate_async(p.client, false, 0, NULL, finish_done,
                                      &f);
    req = peer_answer(&p, "{\"status\": \"unstarted\", \"start-time\": 0, "
                          "\"calc-time\": 0, \"sample-pages\": 0, \"mode\": "
                          "\"dirty-ring\"}");
    info = qmp_client_query_dirty_rate_finish(p.client, wait_result(&f),
                                              &error);
    g_object_unref(f.result);
    g_assert_no_error(error);
    g_assert_cmpint(info->calc_time_unit, ==, TIME_UNIT_SECOND);
    g_assert_cmpint(info->mode, ==, DIRTY_RATE_MEASURE_MODE_DIRTY_RING);
    g_assert_cmpuint(p.warnings->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(p.warnings, 0), ==,
                    "query-dirty-rate reply: calc-time-unit: member "
                    "'calc-time-unit' of DirtyRateInfo is since 8.2, QEMU "
                    "7.2.3 predates it: left empty");
    peer_stop(&p);
}

/*
 * @command (no arguments) through its typed call, the peer answering
 * "return": @value: the decoded value printed back as compact JSON, or
 * NULL with @error set.
 */
static char *
typed_reply(Peer *p, const char *command, const char *value, GError **error)
{
    const QapiQmpCommandInfo *info = qapi_qmp_command_info_find(
        qmp_client_commands, command);
    Finish f = { 0 };
    g_autofree char *req = NULL;
    g_autofree void *ret = NULL;
    g_autoptr(GString) text = g_string_new(NULL);
    g_autoptr(Visitor) v = NULL;

    g_assert_nonnull(info);
    ret = g_malloc0(info->ret_size);
    qapi_qmp_client_call_async(p->client, info, NULL, NULL, finish_done, &f);
    req = peer_answer(p, value);
    if (!qapi_qmp_client_call_finish(p->client, wait_result(&f), ret, error)) {
        g_object_unref(f.result);
        return NULL;
    }
    g_object_unref(f.result);
    v = qapi_json_text_output_visitor_new(QAPI_JSON_COMPACT, text);
    g_assert_true(info->visit_ret(v, ret, NULL));
    visit_complete(v, text);
    qapi_qmp_client_free_value(info->visit_ret, ret);
    return g_strdup(text->str);
}

/* The warnings @p saw, one a line. */
static char *
warnings_text(Peer *p)
{
    g_ptr_array_add(p->warnings, NULL);
    {
        g_autofree char *text = g_strjoinv("\n", (char **)p->warnings->pdata);

        g_ptr_array_set_size(p->warnings, 0);
        return g_steal_pointer(&text);
    }
}

/*
 * An enum value 10.2 lacks (QEMU 7.2 still sends them) drops the
 * innermost value holding it that may be absent: a list element, or an
 * optional member; with only required members up to the root, or when
 * strict, it is an error.
 */
static void
test_unknown_value(void)
{
    static const struct {
        const char *command, *value, *decoded, *warnings, *strict;
    } cases[] = {
        /* a required member of a list element: the element */
        { "query-migrate-capabilities",
          "[{\"capability\": \"xbzrle\", \"state\": false}, "
          "{\"capability\": \"zero-blocks\", \"state\": true}, "
          "{\"capability\": \"events\", \"state\": true}]",
          "[{\"capability\":\"xbzrle\",\"state\":false},"
          "{\"capability\":\"events\",\"state\":true}]",
          "query-migrate-capabilities reply: [1].capability: unknown value "
          "'zero-blocks' of MigrationCapability: list element [1] dropped",
          "query-migrate-capabilities reply: [1].capability: invalid value "
          "'zero-blocks'" },
        /* the list's own elements; the same value twice: one warning */
        { "query-dump-guest-memory-capability",
          "{\"formats\": [\"elf\", \"x-new\", \"kdump-zlib\", \"x-new\", "
          "\"y-new\"]}",
          "{\"formats\":[\"elf\",\"kdump-zlib\"]}",
          "query-dump-guest-memory-capability reply: formats[1]: unknown "
          "value 'x-new' of DumpGuestMemoryFormat: list element formats[1] "
          "dropped (and in 1 more place)\n"
          "query-dump-guest-memory-capability reply: formats[4]: unknown "
          "value 'y-new' of DumpGuestMemoryFormat: list element formats[4] "
          "dropped",
          "query-dump-guest-memory-capability reply: formats[1]: invalid "
          "value 'x-new'" },
        /* an optional member: has_status false */
        { "query-migrate", "{\"status\": \"x-new\"}", "{}",
          "query-migrate reply: status: unknown value 'x-new' of "
          "MigrationStatus: optional member status dropped",
          "query-migrate reply: status: invalid value 'x-new'" },
        /* a union's tag: the element whose branch is unknown */
        { "query-cpus-fast",
          "[{\"cpu-index\": 0, \"qom-path\": \"/machine/cpu[0]\", "
          "\"thread-id\": 7, \"qom-type\": \"max-x86_64-cpu\", "
          "\"target\": \"x86_64\"}, "
          "{\"cpu-index\": 1, \"qom-path\": \"/machine/cpu[1]\", "
          "\"thread-id\": 8, \"qom-type\": \"x\", \"target\": \"pdp11\", "
          "\"cpu-state\": 3}]",
          "[{\"cpu-index\":0,\"qom-type\":\"max-x86_64-cpu\","
          "\"qom-path\":\"/machine/cpu[0]\",\"thread-id\":7,"
          "\"target\":\"x86_64\"}]",
          "query-cpus-fast reply: [1].target: unknown value 'pdp11' of "
          "SysEmuTarget: list element [1] dropped",
          "query-cpus-fast reply: [1].target: invalid value 'pdp11'" },
        /* a required member of an optional member: the optional member,
         * whatever else it lacks */
        { "query-block",
          "[{\"device\": \"ide1-cd0\", \"type\": \"unknown\", "
          "\"removable\": true, \"locked\": false, "
          "\"inserted\": {\"detect_zeroes\": \"x-new\"}}]",
          "[{\"device\":\"ide1-cd0\",\"type\":\"unknown\","
          "\"removable\":true,\"locked\":false}]",
          "query-block reply: [0].inserted.detect_zeroes: unknown value "
          "'x-new' of BlockdevDetectZeroesOptions: optional member "
          "[0].inserted dropped",
          /* strict stops at the first problem */
          "query-block reply: [0].inserted.file: missing required member "
          "'file'" },
    };
    Peer p;

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GError) error = NULL;
        g_autofree char *decoded = NULL;
        g_autofree char *warnings = NULL;

        peer_start(&p);
        decoded = typed_reply(&p, cases[i].command, cases[i].value, &error);
        g_assert_no_error(error);
        g_assert_cmpstr(decoded, ==, cases[i].decoded);
        warnings = warnings_text(&p);
        g_assert_cmpstr(warnings, ==, cases[i].warnings);

        /* strict: the value is an error */
        qapi_qmp_client_set_decode_flags(p.client, QAPI_QMP_DECODE_STRICT);
        g_free(decoded);
        decoded = typed_reply(&p, cases[i].command, cases[i].value, &error);
        g_assert_null(decoded);
        g_assert_error(error, QAPI_QMP_CLIENT_ERROR,
                       QAPI_QMP_CLIENT_ERROR_PROTOCOL);
        g_assert_true(g_str_has_prefix(error->message, cases[i].strict));
        g_assert_cmpuint(p.warnings->len, ==, 0);
        peer_stop(&p);
    }
}

static bool
visit_run_state(Visitor *v, void *obj, GError **errp)
{
    return visit_type_RunState(v, NULL, obj, errp);
}

/* Nothing around the unknown value may go: the error it is. */
static void
test_unknown_value_required(void)
{
    Peer p;
    g_autoptr(GError) error = NULL;
    g_autofree char *decoded = NULL;

    peer_start(&p);
    decoded = typed_reply(&p, "query-status",
                          "{\"status\": \"x-new\", \"running\": false}",
                          &error);
    g_assert_null(decoded);
    g_assert_error(error, QAPI_QMP_CLIENT_ERROR,
                   QAPI_QMP_CLIENT_ERROR_PROTOCOL);
    g_assert_true(g_str_has_prefix(error->message,
                                   "query-status reply: status: invalid value "
                                   "'x-new' (expected one of: 'debug', "));
    g_assert_cmpuint(p.warnings->len, ==, 0);
    g_clear_error(&error);

    /* the value itself an enum (no command of QEMU returns one) */
    {
        g_autoptr(JsonNode) node = json_node_init_string(json_node_alloc(),
                                                         "x-new");
        RunState state = RUN_STATE_DEBUG;

        g_assert_false(qapi_qmp_client_decode(
            p.client, visit_run_state, "value", "RunState",
            &qmp_client_since_table, node, &state, &error));
        g_assert_error(error, QAPI_QMP_CLIENT_ERROR,
                       QAPI_QMP_CLIENT_ERROR_PROTOCOL);
        g_assert_true(g_str_has_prefix(error->message,
                                       "value: invalid value 'x-new' "
                                       "(expected one of: 'debug', "));
    }
    peer_stop(&p);
}

/*
 * A branch newer than its union: 10.2's BlockJobInfo gained the branch
 * mirror (BlockJobInfoMirror, Since: 8.2) whose actively-synced has no
 * note of its own; QEMU 7.2's mirror job lacks it.
 */
static void
test_skew_branch(void)
{
    Peer p;
    g_autoptr(GError) error = NULL;
    g_autofree char *decoded = NULL;
    g_autofree char *warnings = NULL;

    peer_start(&p);
    decoded = typed_reply(
        &p, "query-block-jobs",
        "[{\"auto-finalize\": true, \"io-status\": \"ok\", \"device\": "
        "\"job0\", \"auto-dismiss\": true, \"busy\": false, \"len\": 0, "
        "\"offset\": 0, \"status\": \"ready\", \"paused\": false, \"speed\": "
        "0, \"ready\": true, \"type\": \"mirror\"}]",
        &error);
    g_assert_no_error(error);
    g_assert_cmpstr(decoded, ==,
                    "[{\"type\":\"mirror\",\"device\":\"job0\",\"len\":0,"
                    "\"offset\":0,\"busy\":false,\"paused\":false,\"speed\":0,"
                    "\"io-status\":\"ok\",\"ready\":true,\"status\":\"ready\","
                    "\"auto-finalize\":true,\"auto-dismiss\":true,"
                    "\"actively-synced\":false}]");
    warnings = warnings_text(&p);
    g_assert_cmpstr(warnings, ==,
                    "query-block-jobs reply: [0].actively-synced: member "
                    "'actively-synced' of BlockJobInfo is since 8.2, QEMU "
                    "7.2.3 predates it: left empty");
    peer_stop(&p);
}

/* A cancelled typed call fails with G_IO_ERROR_CANCELLED; its late reply
 * is dropped and the next call goes on. */
static void
test_cancel(void)
{
    Peer p;
    Finish f = { 0 };
    g_autoptr(GError) error = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new();
    g_autoptr(VersionInfo) version = NULL;
    g_autofree char *req = NULL;
    g_autofree char *req2 = NULL;

    peer_start(&p);
    qmp_client_query_version_async(p.client, cancellable, finish_done, &f);
    req = peer_read_line(&p);
    g_cancellable_cancel(cancellable);
    version = qmp_client_query_version_finish(p.client, wait_result(&f),
                                              &error);
    g_object_unref(f.result);
    g_assert_null(version);
    g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error(&error);
    /* the late reply, then the next call's */
    peer_write(&p, "{\"return\": {}, \"id\": 2}\n");
    f.result = NULL;
    qmp_client_query_version_async(p.client, NULL, finish_done, &f);
    req2 = peer_answer(&p, "{\"qemu\": {\"major\": 7, \"minor\": 2, "
                           "\"micro\": 3}, \"package\": \"test\"}");
    g_assert_cmpstr(req2, ==, "{\"execute\":\"query-version\",\"id\":3}");
    version = qmp_client_query_version_finish(p.client, wait_result(&f),
                                              &error);
    g_object_unref(f.result);
    g_assert_no_error(error);
    g_assert_cmpint(version->qemu->micro, ==, 3);
    g_assert_cmpstr(version->package, ==, "test");
    g_assert_cmpuint(p.warnings->len, ==, 0);
    peer_stop(&p);
}

/* A member missing that the peer's version has: an error with its path. */
static void
test_missing(void)
{
    Peer p;
    g_autoptr(GError) error = NULL;
    MachineInfoList *list;

    peer_start(&p);
    {
        Finish f = { 0 };
        g_autofree char *req = NULL;

        qmp_client_query_machines_async(p.client, false, false, NULL,
                                        finish_done, &f);
        req = peer_read_line(&p);
        /* no "cpu-max" (since 1.5): 7.2 has it, so this is broken */
        peer_write(&p, "{\"return\": [{\"hotpluggable-cpus\": true, "
                       "\"name\": \"x\", \"numa-mem-supported\": true, "
                       "\"deprecated\": false, \"acpi\": true}], "
                       "\"id\": 2}\n");
        list = qmp_client_query_machines_finish(p.client, wait_result(&f),
                                                &error);
        g_object_unref(f.result);
    }
    g_assert_null(list);
    g_assert_error(error, QAPI_QMP_CLIENT_ERROR,
                   QAPI_QMP_CLIENT_ERROR_PROTOCOL);
    g_assert_cmpstr(error->message, ==,
                    "query-machines reply: [0].cpu-max: missing required "
                    "member 'cpu-max'");
    peer_stop(&p);
}

/* An unknown member: a warning by default, an error when strict. */
static void
test_unknown_member(void)
{
    Peer p;
    g_autoptr(GError) error = NULL;
    MachineInfoList *list;

    peer_start(&p);
    list = machines_call(&p, ", \"acpi\": true, \"x-new\": 1", &error);
    g_assert_no_error(error);
    g_assert_true(list->value->acpi);
    qapi_free_MachineInfoList(list);
    g_assert_cmpuint(p.warnings->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(p.warnings, 0), ==,
                    "query-machines reply: [0].x-new: unknown member "
                    "'x-new'");
    peer_stop(&p);

    peer_start(&p);
    qapi_qmp_client_set_decode_flags(p.client, QAPI_QMP_DECODE_STRICT);
    list = machines_call(&p, ", \"acpi\": true, \"x-new\": 1", &error);
    g_assert_null(list);
    g_assert_error(error, QAPI_QMP_CLIENT_ERROR,
                   QAPI_QMP_CLIENT_ERROR_PROTOCOL);
    g_assert_nonnull(strstr(error->message, "[0].x-new"));
    g_clear_error(&error);
    /* strict: the skew is an error too */
    list = machines_call(&p, "", &error);
    g_assert_null(list);
    g_assert_nonnull(strstr(error->message, "[0].acpi"));
    g_assert_cmpuint(p.warnings->len, ==, 0);
    peer_stop(&p);
}

/* What the peer's version or the schema refuses is never sent. */
static void
test_refused_locally(void)
{
    Peer p;
    g_autoptr(GError) error = NULL;
    char *text;

    peer_start(&p);
    /* query-cryptodev is since 8.0 */
    g_assert_null(qmp_client_query_cryptodev_sync(p.client, NULL, &error));
    g_assert_error(error, QAPI_QMP_CLIENT_ERROR, QAPI_QMP_CLIENT_ERROR_VERSION);
    g_assert_cmpstr(error->message, ==,
                    "query-cryptodev: the command is since 8.0, QEMU 7.2.3 "
                    "predates it");
    peer_assert_nothing_sent(&p);
    g_clear_error(&error);

    /* query-machines' compat-props is since 9.1 */
    g_assert_null(
        qmp_client_query_machines_sync(p.client, true, true, NULL, &error));
    g_assert_error(error, QAPI_QMP_CLIENT_ERROR, QAPI_QMP_CLIENT_ERROR_VERSION);
    g_assert_cmpstr(error->message, ==,
                    "query-machines: arguments: compat-props: member "
                    "'compat-props' is since 9.1, QEMU 7.2.3 predates it");
    peer_assert_nothing_sent(&p);
    g_clear_error(&error);

    /* a string that is not UTF-8 cannot be serialized */
    text = qmp_client_human_monitor_command_sync(p.client, "info \xff", false,
                                                 0, NULL, &error);
    g_assert_null(text);
    g_assert_nonnull(error);
    g_assert_nonnull(strstr(error->message, "human-monitor-command: "
                                            "arguments: "));
    g_assert_nonnull(strstr(error->message, "command-line"));
    peer_assert_nothing_sent(&p);
    peer_stop(&p);
}

typedef struct ResetSeen {
    int count;
    bool guest;
    ShutdownCause reason;
    QapiQmpTimestamp ts;
} ResetSeen;

static void
reset_seen(QapiQmpClient *client, q_obj_RESET_arg *data,
           const QapiQmpTimestamp *timestamp, gpointer user_data)
{
    ResetSeen *r = user_data;

    (void)client;
    r->count++;
    r->guest = data->guest;
    r->reason = data->reason;
    r->ts = *timestamp;
}

/* Typed events: decoded data and timestamp; undecodable data is not
 * delivered, and said so. */
static void
test_events(void)
{
    Peer p;
    ResetSeen r = { 0 };
    gulong id;

    peer_start(&p);
    id = qmp_client_on_reset(p.client, reset_seen, &r, NULL);
    g_assert_cmpuint(id, >, 0);
    peer_write(&p, "{\"event\": \"RESET\", \"data\": {\"guest\": true, "
                   "\"reason\": \"guest-reset\"}, \"timestamp\": "
                   "{\"seconds\": 1700000000, \"microseconds\": 5}}\n");
    peer_write(&p, "{\"event\": \"RESET\", \"data\": {\"guest\": 1, "
                   "\"reason\": \"guest-reset\"}, \"timestamp\": "
                   "{\"seconds\": 1700000001, \"microseconds\": 6}}\n");
    while (p.warnings->len < 1) {
        g_main_context_iteration(NULL, TRUE);
    }
    g_assert_cmpint(r.count, ==, 1);
    g_assert_true(r.guest);
    g_assert_cmpint(r.reason, ==, SHUTDOWN_CAUSE_GUEST_RESET);
    g_assert_cmpint(r.ts.seconds, ==, 1700000000);
    g_assert_cmpint(r.ts.microseconds, ==, 5);
    g_assert_cmpstr(g_ptr_array_index(p.warnings, 0), ==,
                    "event RESET: guest: expected a boolean, got a number "
                    "(not delivered)");
    qapi_qmp_client_remove_event_handler(p.client, id);
    peer_stop(&p);
}

/* ---- real QEMU -------------------------------------------------------- */

static void
stop_seen(QapiQmpClient *client, const QapiQmpTimestamp *timestamp,
          gpointer user_data)
{
    int *count = user_data;

    (void)client;
    g_assert_cmpint(timestamp->seconds, >, 0);
    (*count)++;
}

static void
assert_status(Qemu *q, RunState want, bool running)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(StatusInfo) status = qmp_client_query_status_sync(q->client, NULL,
                                                                &error);

    g_assert_no_error(error);
    g_assert_cmpstr(RunState_str(status->status), ==, RunState_str(want));
    g_assert_cmpint(status->running, ==, running);
}

static void
test_qemu_session(void)
{
    Qemu q = { 0 };
    g_autoptr(GError) error = NULL;
    g_autofree char *version_out = NULL;
    g_autofree char *want = NULL;
    g_autoptr(VersionInfo) version = NULL;
    g_autoptr(MachineInfoList) machines = NULL;
    g_autoptr(SchemaInfoList) schema = NULL;
    g_autofree char *more = NULL;
    const QapiQmpGreeting *g;
    const char *argv[] = { NULL, "--version", NULL };
    int stops = 0;
    guint n = 0;
    gboolean found = FALSE;

    if (qemu_skip()) {
        return;
    }
    argv[0] = qemu_binary();
    g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                 NULL, &version_out, NULL, NULL, &error);
    g_assert_no_error(error);
    qemu_start(&q);

    /* the greeting and query-version agree with --version */
    g = qapi_qmp_client_get_greeting(q.client);
    want = g_strdup_printf("QEMU emulator version %" G_GINT64_FORMAT
                           ".%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT " (%s)\n",
                           g->major, g->minor, g->micro, g->package);
    g_assert_true(g_str_has_prefix(version_out, want));
    version = qmp_client_query_version_sync(q.client, NULL, &error);
    g_assert_no_error(error);
    g_assert_cmpint(version->qemu->major, ==, g->major);
    g_assert_cmpint(version->qemu->minor, ==, g->minor);
    g_assert_cmpint(version->qemu->micro, ==, g->micro);
    g_assert_cmpstr(version->package, ==, g->package);

    assert_status(&q, RUN_STATE_PRELAUNCH, false);
    g_assert_true(qmp_client_cont_sync(q.client, NULL, &error));
    g_assert_no_error(error);
    assert_status(&q, RUN_STATE_RUNNING, true);

    /* stop: a typed STOP, whether it comes before or after the reply */
    qmp_client_on_stop(q.client, stop_seen, &stops, NULL);
    g_assert_true(qmp_client_stop_sync(q.client, NULL, &error));
    g_assert_no_error(error);
    while (!stops) {
        g_main_context_iteration(NULL, TRUE);
    }
    g_assert_cmpint(stops, ==, 1);
    assert_status(&q, RUN_STATE_PAUSED, false);

    /* query-machines: 7.2 lacks 8.0's acpi, warned about, not an error */
    g_ptr_array_set_size(q.warnings, 0);
    machines = qmp_client_query_machines_sync(q.client, false, false, NULL,
                                              &error);
    g_assert_no_error(error);
    for (MachineInfoList *l = machines; l; l = l->next) {
        found |= !strcmp(l->value->name, "pc-q35-7.2");
        n++;
    }
    g_assert_true(found);
    /* one warning for all of them */
    g_assert_cmpuint(q.warnings->len, ==, 1);
    g_assert_nonnull(strstr(g_ptr_array_index(q.warnings, 0),
                            "[0].acpi: member 'acpi' of MachineInfo is since "
                            "8.0, QEMU 7.2."));
    more = g_strdup_printf("predates it: left empty (and in %u more places)",
                           n - 1);
    g_assert_true(g_str_has_suffix(g_ptr_array_index(q.warnings, 0), more));

    /* the largest reply, into SchemaInfoList */
    n = 0;
    schema = qmp_client_query_qmp_schema_sync(q.client, NULL, &error);
    g_assert_no_error(error);
    found = FALSE;
    for (SchemaInfoList *l = schema; l; l = l->next) {
        n++;
        if (l->value->meta_type == SCHEMA_META_TYPE_COMMAND
            && !strcmp(l->value->name, "query-status")) {
            found = TRUE;
        }
    }
    g_assert_cmpuint(n, >, 1000);
    g_assert_true(found);

    /* a command QEMU 7.2 lacks fails locally */
    g_assert_null(qmp_client_query_cryptodev_sync(q.client, NULL, &error));
    g_assert_error(error, QAPI_QMP_CLIENT_ERROR, QAPI_QMP_CLIENT_ERROR_VERSION);
    g_clear_error(&error);

    /* a QMP error reply through a typed call: QEMU's class and text */
    g_assert_false(qmp_client_system_wakeup_sync(q.client, NULL, &error));
    g_assert_error(error, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR);
    qemu_stop(&q);
}

/* What the sweep of QEMU found that did not decode, and the events. */
typedef struct Sweep {
    GPtrArray *bad;
    GHashTable *events; /* names seen */
} Sweep;

/* Every event through its typed decode, whatever its name. */
static void
sweep_event(QapiQmpClient *client, const char *name, JsonNode *data,
            const QapiQmpTimestamp *timestamp, gpointer user_data)
{
    Sweep *s = user_data;
    const QapiQmpEventInfo *info = qapi_qmp_event_info_find(qmp_client_events,
                                                            name);
    g_autofree char *what = g_strdup_printf("event %s", name);
    g_autoptr(GError) error = NULL;
    void *obj = NULL;

    (void)timestamp;
    g_hash_table_add(s->events, g_strdup(name));
    if (!info) {
        g_ptr_array_add(s->bad, g_strdup_printf("%s: not in the schema", what));
    } else if (info->visit_data
               && !qapi_qmp_client_decode(client, info->visit_data, what,
                                          info->data_type, info->since_table,
                                          data, &obj, &error)) {
        g_ptr_array_add(s->bad, g_strdup(error->message));
    } else if (info->visit_data) {
        qapi_qmp_client_free_value(info->visit_data, &obj);
    }
}

/* Whether @info's arguments have a required member (as "{}" reads). */
static gboolean
needs_arguments(const QapiQmpCommandInfo *info)
{
    g_autoptr(Visitor) v = NULL;
    void *args = NULL;
    gboolean ok;

    if (!info->visit_args) {
        return FALSE;
    }
    v = qapi_json_input_visitor_new("{}", -1, NULL, QAPI_INPUT_STRICT, NULL,
                                    NULL);
    ok = info->visit_args(v, &args, NULL)
         && qapi_json_input_visitor_finish(v, NULL);
    if (args) {
        qapi_qmp_client_free_value(info->visit_args, &args);
    }
    return !ok;
}

/*
 * Every command QEMU 7.2 has that needs no arguments (but quit), through
 * its typed call, and every event they bring through its typed decode:
 * each reply decodes, or is QEMU's error, or the command is newer than
 * 7.2 by the schema; never a reply or event that does not decode.
 */
static void
test_qemu_sweep(void)
{
    Qemu q = { 0 };
    Sweep s = { g_ptr_array_new_with_free_func(g_free),
                g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
    g_autoptr(GError) error = NULL;
    g_autoptr(CommandInfoList) commands = NULL;
    static const char *const events[] = { "RESUME", "STOP", "RESET",
                                          "POWERDOWN" };
    guint swept = 0;

    if (qemu_skip()) {
        return;
    }
    qemu_start(&q);
    qapi_qmp_client_add_event_handler(q.client, NULL, sweep_event, &s, NULL);
    commands = qmp_client_query_commands_sync(q.client, NULL, &error);
    g_assert_no_error(error);
    for (CommandInfoList *l = commands; l; l = l->next) {
        const QapiQmpCommandInfo *info = qapi_qmp_command_info_find(
            qmp_client_commands, l->value->name);
        g_autofree void *ret = NULL;

        if (!info || !strcmp(info->name, "quit") || needs_arguments(info)) {
            continue;
        }
        ret = g_malloc0(MAX(info->ret_size, 1));
        swept++;
        if (qapi_qmp_client_call_sync(q.client, info, NULL, ret, NULL,
                                      &error)) {
            if (info->visit_ret) {
                qapi_qmp_client_free_value(info->visit_ret, ret);
            }
        } else if (error->domain != QAPI_QMP_ERROR
                   && !g_error_matches(error, QAPI_QMP_CLIENT_ERROR,
                                       QAPI_QMP_CLIENT_ERROR_VERSION)) {
            g_ptr_array_add(s.bad, g_strdup(error->message));
        }
        g_clear_error(&error);
    }
    /* the events the last commands brought come before this reply */
    qapi_free_StatusInfo(qmp_client_query_status_sync(q.client, NULL, &error));
    g_assert_no_error(error);
    for (guint i = 0; i < s.bad->len; i++) {
        g_test_message("%s", (char *)g_ptr_array_index(s.bad, i));
    }
    g_assert_cmpuint(s.bad->len, ==, 0);
    g_assert_cmpuint(swept, >, 70);
    for (gsize i = 0; i < G_N_ELEMENTS(events); i++) {
        g_assert_true(g_hash_table_contains(s.events, events[i]));
    }
    qemu_stop(&q);
    g_ptr_array_unref(s.bad);
    g_hash_table_unref(s.events);
}

static void
test_qemu_killed(void)
{
    Qemu q = { 0 };
    Finish f = { 0 };
    g_autoptr(GError) error = NULL;
    SchemaInfoList *schema;

    if (qemu_skip()) {
        return;
    }
    qemu_start(&q);
    kill(q.pid, SIGSTOP);
    qmp_client_query_qmp_schema_async(q.client, NULL, finish_done, &f);
    g_main_context_iteration(NULL, FALSE);
    qemu_kill(&q);
    schema = qmp_client_query_qmp_schema_finish(q.client, wait_result(&f),
                                                &error);
    g_object_unref(f.result);
    g_assert_null(schema);
    g_assert_error(error, QAPI_QMP_CLIENT_ERROR, QAPI_QMP_CLIENT_ERROR_CLOSED);
    qemu_stop(&q);
}

int
main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qmp-typed/skew", test_skew);
    g_test_add_func("/qmp-typed/skew-repeated", test_skew_repeated);
    g_test_add_func("/qmp-typed/skew-enum", test_skew_enum);
    g_test_add_func("/qmp-typed/unknown-value", test_unknown_value);
    g_test_add_func("/qmp-typed/unknown-value-required",
                    test_unknown_value_required);
    g_test_add_func("/qmp-typed/skew-branch", test_skew_branch);
    g_test_add_func("/qmp-typed/missing", test_missing);
    g_test_add_func("/qmp-typed/cancel", test_cancel);
    g_test_add_func("/qmp-typed/unknown-member", test_unknown_member);
    g_test_add_func("/qmp-typed/refused-locally", test_refused_locally);
    g_test_add_func("/qmp-typed/events", test_events);
    g_test_add_func("/qmp-typed/qemu/session", test_qemu_session);
    g_test_add_func("/qmp-typed/qemu/sweep", test_qemu_sweep);
    g_test_add_func("/qmp-typed/qemu/killed", test_qemu_killed);
    return g_test_run();
}

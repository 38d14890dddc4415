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
#include "json-input-impl.h"
#include "json-lazy.h"
#include "qmp-client-impl.h"
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

/* Writes a reply larger than the socket's buffer while the client reads. */
typedef struct BigWrite {
    Peer *p;
    char *text;
} BigWrite;

static gpointer
big_write(gpointer data)
{
    BigWrite *w = data;

    peer_write(w->p, w->text);
    return NULL;
}

/* Answer the next request with "return": @value, from a thread. */
static GThread *
peer_answer_big(Peer *p, const char *value, BigWrite *w)
{
    g_autofree char *req = peer_read_line(p);
    guint64 id = g_ascii_strtoull(strrchr(req, ':') + 1, NULL, 10);

    w->p = p;
    w->text = g_strdup_printf(
        "{\"return\": %s, \"id\": %" G_GUINT64_FORMAT "}\n", value, id);
    return g_thread_new("big-write", big_write, w);
}

static void
count_event(QapiQmpClient *client, const char *name, JsonNode *data,
            const QapiQmpTimestamp *timestamp, gpointer user_data)
{
    (void)client, (void)name, (void)timestamp;
    g_assert_true(JSON_NODE_HOLDS_OBJECT(data));
    (*(int *)user_data)++;
}

/*
 * A typed call decodes its reply's "return" from the message's text: no
 * json-glib tree of it is built (the client counts the trees of "return"
 * and "data" values it builds), however big; an untyped call gets one.
 * Typed event handlers read the text too; untyped ones share one tree.
 */
static void
test_no_tree(void)
{
    enum { N = 2000 };
    Peer p;
    Finish f = { 0 };
    BigWrite w = { 0 };
    ResetSeen r = { 0 };
    int untyped = 0;
    g_autoptr(GString) value = g_string_new("[");
    g_autoptr(GError) error = NULL;
    g_autoptr(MachineInfoList) list = NULL;
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *last = NULL;
    GThread *writer;
    guint trees;
    guint n = 0;

    for (int i = 0; i < N; i++) {
        g_autofree char *extra = g_strdup_printf(", \"alias\": \"m%d\"", i);

        g_string_append_printf(value, i ? ", " MACHINE_72 : MACHINE_72, extra);
    }
    g_string_append_c(value, ']');
    g_assert_cmpuint(value->len, >, 300000); /* beyond the socket's buffer */

    peer_start(&p);
    trees = qapi_qmp_client_value_trees();
    qmp_client_query_machines_async(p.client, false, false, NULL, finish_done,
                                    &f);
    writer = peer_answer_big(&p, value->str, &w);
    list = qmp_client_query_machines_finish(p.client, wait_result(&f), &error);
    g_thread_join(writer);
    g_clear_pointer(&w.text, g_free);
    g_clear_object(&f.result);
    g_assert_no_error(error);
    for (MachineInfoList *l = list; l; l = l->next, n++) {
        g_free(last);
        last = g_strdup(l->value->alias);
    }
    g_assert_cmpuint(n, ==, N);
    g_assert_cmpstr(last, ==, "m1999");
    g_assert_cmpuint(qapi_qmp_client_value_trees(), ==, trees);
    g_assert_cmpuint(p.warnings->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(p.warnings, 0), ==,
                    "query-machines reply: [0].acpi: member 'acpi' of "
                    "MachineInfo is since 8.0, QEMU 7.2.3 predates it: left "
                    "empty (and in 1999 more places)");

    /* the same reply to an untyped call: its tree */
    qapi_qmp_client_execute_async(p.client, "query-machines", NULL,
                                  QAPI_QMP_CALL_FLAGS_NONE, NULL, finish_done,
                                  &f);
    writer = peer_answer_big(&p, value->str, &w);
    node = qapi_qmp_client_execute_finish(p.client, wait_result(&f), &error);
    g_thread_join(writer);
    g_clear_pointer(&w.text, g_free);
    g_clear_object(&f.result);
    g_assert_no_error(error);
    g_assert_cmpuint(json_array_get_length(json_node_get_array(node)), ==, N);
    g_assert_cmpuint(qapi_qmp_client_value_trees(), ==, trees + 1);

    /* events: typed alone, no tree; two untyped handlers, one tree */
    qmp_client_on_reset(p.client, reset_seen, &r, NULL);
    peer_write(&p, "{\"event\": \"RESET\", \"data\": {\"guest\": true, "
                   "\"reason\": \"guest-reset\"}, \"timestamp\": "
                   "{\"seconds\": 1, \"microseconds\": 2}}\n");
    while (r.count < 1) {
        g_main_context_iteration(NULL, TRUE);
    }
    g_assert_cmpuint(qapi_qmp_client_value_trees(), ==, trees + 1);
    qapi_qmp_client_add_event_handler(p.client, NULL, count_event, &untyped,
                                      NULL);
    qapi_qmp_client_add_event_handler(p.client, "RESET", count_event, &untyped,
                                      NULL);
    peer_write(&p, "{\"event\": \"RESET\", \"data\": {\"guest\": false, "
                   "\"reason\": \"host-qmp-system-reset\"}, \"timestamp\": "
                   "{\"seconds\": 3, \"microseconds\": 4}}\n");
    while (untyped < 2) {
        g_main_context_iteration(NULL, TRUE);
    }
    g_assert_cmpint(r.count, ==, 2);
    g_assert_false(r.guest);
    g_assert_cmpuint(qapi_qmp_client_value_trees(), ==, trees + 2);
    peer_stop(&p);
}

/* 'gen': false (device_add): the declared members checked and sent, the
 * extra ones passed as they are; an extra one with a declared name is
 * refused, as are extras to a command that takes none. */
static void
test_open_arguments(void)
{
    Peer p;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) extra = json_object_new();
    g_autoptr(JsonObject) props = json_object_new();
    g_autoptr(JsonObject) arguments = NULL;
    g_autofree char *req = NULL;
    g_autofree char *req2 = NULL;
    Finish f = { 0 };

    peer_start(&p);
    json_object_set_string_member(extra, "mac", "52:54:00:12:34:56");
    json_object_set_int_member(props, "x", 1);
    json_object_set_object_member(extra, "x-nested", json_object_ref(props));
    qmp_client_device_add_async(p.client, "virtio-net-pci", NULL, "n1", extra,
                                NULL, finish_done, &f);
    req = peer_answer(&p, "{}");
    g_assert_cmpstr(req, ==,
                    "{\"execute\":\"device_add\",\"arguments\":{\"driver\":"
                    "\"virtio-net-pci\",\"id\":\"n1\",\"mac\":"
                    "\"52:54:00:12:34:56\",\"x-nested\":{\"x\":1}},\"id\":2}");
    g_assert_true(
        qmp_client_device_add_finish(p.client, wait_result(&f), &error));
    g_object_unref(f.result);
    g_assert_no_error(error);

    /* without extras: the declared members alone */
    f.result = NULL;
    qmp_client_device_add_async(p.client, "pvpanic", NULL, NULL, NULL, NULL,
                                finish_done, &f);
    req2 = peer_answer(&p, "{}");
    g_assert_cmpstr(req2, ==,
                    "{\"execute\":\"device_add\",\"arguments\":{\"driver\":"
                    "\"pvpanic\"},\"id\":3}");
    g_assert_true(
        qmp_client_device_add_finish(p.client, wait_result(&f), &error));
    g_object_unref(f.result);

    /* an extra "id" would contradict the declared one */
    json_object_set_string_member(extra, "id", "n2");
    g_assert_false(qmp_client_device_add_sync(p.client, "virtio-net-pci", NULL,
                                              NULL, extra, NULL, &error));
    g_assert_error(error, QAPI_ERROR, QAPI_ERROR_DUPLICATE_MEMBER);
    g_assert_cmpstr(error->message, ==,
                    "device_add: arguments: id: a member the schema declares "
                    "is not an extra member");
    g_clear_error(&error);
    peer_assert_nothing_sent(&p);

    /* extras for a command whose arguments are all in the schema */
    g_assert_false(qapi_qmp_client_encode_arguments_extra(
        p.client, &qmp_client_command_query_status, NULL, props, &arguments,
        &error));
    g_assert_null(arguments);
    g_assert_error(error, QAPI_ERROR, QAPI_ERROR_UNKNOWN_MEMBER);
    g_assert_cmpstr(error->message, ==,
                    "query-status: arguments: the command takes no members "
                    "beyond those of its schema");
    peer_assert_nothing_sent(&p);
    g_assert_cmpuint(p.warnings->len, ==, 0);
    peer_stop(&p);
}

/* qapi_qmp_client_read_arguments(): JSON text for a command; for an open
 * one the undeclared members go to @extra, the declared ones are still
 * strict, with their place in the text. */
static void
test_read_arguments(void)
{
    const QapiQmpCommandInfo *dev = &qmp_client_command_device_add;
    const QapiQmpCommandInfo *exp =
        &qmp_client_command_query_cpu_model_expansion;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) extra = NULL;
    q_obj_device_add_arg *args = NULL;
    q_obj_query_cpu_model_expansion_arg *eargs = NULL;

    g_assert_true(qapi_qmp_client_read_arguments(
        dev,
        "{\"driver\": \"pc-dimm\", \"id\": \"d1\", \"memdev\": \"m1\", "
        "\"x\": {\"y\": [1]}}",
        -1, "ARGS", (void **)&args, &extra, &error));
    g_assert_no_error(error);
    g_assert_cmpstr(args->driver, ==, "pc-dimm");
    g_assert_cmpstr(args->id, ==, "d1");
    g_assert_null(args->bus);
    g_assert_cmpuint(json_object_get_size(extra), ==, 2);
    g_assert_cmpstr(json_object_get_string_member(extra, "memdev"), ==, "m1");
    g_assert_true(json_object_has_member(extra, "x"));
    qapi_qmp_client_free_value(dev->visit_args, &args);
    g_clear_pointer(&extra, json_object_unref);

    /* only declared members: no extra object */
    g_assert_true(
        qapi_qmp_client_read_arguments(dev, "{\"driver\": \"pvpanic\"}", -1,
                                       "ARGS", (void **)&args, &extra, &error));
    g_assert_null(extra);
    qapi_qmp_client_free_value(dev->visit_args, &args);

    /* a declared member mistyped, among extras */
    g_assert_false(qapi_qmp_client_read_arguments(
        dev, "{\"mac\": \"m\", \"driver\": 1}", -1, "ARGS", (void **)&args,
        &extra, &error));
    g_assert_null(args);
    g_assert_null(extra);
    g_assert_error(error, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH);
    g_assert_cmpstr(error->message, ==,
                    "ARGS:1:24: driver: expected a string, got a number");
    g_clear_error(&error);

    /* a required declared member missing */
    g_assert_false(qapi_qmp_client_read_arguments(
        dev, "{\"id\": \"x\"}", -1, "ARGS", (void **)&args, &extra, &error));
    g_assert_error(error, QAPI_ERROR, QAPI_ERROR_MISSING_MEMBER);
    g_clear_error(&error);

    /* a closed command: an unknown member anywhere is an error */
    g_assert_false(qapi_qmp_client_read_arguments(
        exp, "{\"type\": \"full\", \"model\": {\"name\": \"max\", \"x\": 1}}",
        -1, "ARGS", (void **)&eargs, &extra, &error));
    g_assert_null(eargs);
    g_assert_error(error, QAPI_ERROR, QAPI_ERROR_UNKNOWN_MEMBER);
    g_assert_cmpstr(error->message, ==,
                    "ARGS:1:43: model.x: unknown member 'x'");
    g_clear_error(&error);
    g_assert_true(qapi_qmp_client_read_arguments(
        exp, "{\"type\": \"full\", \"model\": {\"name\": \"max\"}}", -1, "ARGS",
        (void **)&eargs, &extra, &error));
    g_assert_cmpstr(eargs->model->name, ==, "max");
    g_assert_null(extra);
    qapi_qmp_client_free_value(exp->visit_args, &eargs);

    /* arguments to a command without any, and text that is no object */
    g_assert_false(qapi_qmp_client_read_arguments(
        &qmp_client_command_query_status, "{\"x\": 1}", -1, "ARGS",
        (void **)&args, &extra, &error));
    g_assert_cmpstr(error->message, ==,
                    "query-status: the command takes no arguments");
    g_clear_error(&error);
    g_assert_false(qapi_qmp_client_read_arguments(
        dev, "[1]", -1, "ARGS", (void **)&args, &extra, &error));
    g_assert_cmpstr(error->message, ==,
                    "ARGS: the arguments are not a JSON object");
}

/* Errors in C arguments nested in structs and lists name the whole path,
 * as the JSON input's do. */
static void
test_nested_argument_path(void)
{
    Peer p;
    g_autoptr(GError) error = NULL;
    CpuModelInfo model = { .name = (char *)"max\xff" };
    MigrationCapabilityStatus good = { MIGRATION_CAPABILITY_EVENTS, true };
    MigrationCapabilityStatus bad = { (MigrationCapability)999, true };
    MigrationCapabilityStatusList second = { NULL, &bad };
    MigrationCapabilityStatusList first = { &second, &good };

    peer_start(&p);
    g_assert_null(qmp_client_query_cpu_model_expansion_sync(
        p.client, CPU_MODEL_EXPANSION_TYPE_FULL, &model, NULL, &error));
    g_assert_error(error, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE);
    g_assert_cmpstr(error->message, ==,
                    "query-cpu-model-expansion: arguments: model.name: "
                    "string is not valid UTF-8");
    g_clear_error(&error);
    g_assert_false(qmp_client_migrate_set_capabilities_sync(p.client, &first,
                                                            NULL, &error));
    g_assert_error(error, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE);
    g_assert_cmpstr(error->message, ==,
                    "migrate-set-capabilities: arguments: "
                    "capabilities[1].capability: enum value 999 out of "
                    "range");
    peer_assert_nothing_sent(&p);
    peer_stop(&p);
}

/* 'success-response': false (QEMU's guest agent's guest-shutdown): the
 * call completes once written, with nothing from the peer; an error reply
 * that comes later is a warning, not a broken connection. */
static const QapiQmpCommandInfo guest_shutdown_info = {
    .name = "guest-shutdown",
    .no_reply = TRUE,
};

static void
test_no_reply(void)
{
    Peer p;
    g_autoptr(GError) error = NULL;
    g_autoptr(StatusInfo) status = NULL;
    g_autofree char *req = NULL;
    g_autofree char *req2 = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new();
    Finish f = { 0 };

    peer_start(&p);
    g_assert_true(qapi_qmp_client_call_sync(p.client, &guest_shutdown_info,
                                            NULL, NULL, NULL, &error));
    g_assert_no_error(error);
    req = peer_read_line(&p);
    g_assert_cmpstr(req, ==, "{\"execute\":\"guest-shutdown\",\"id\":2}");
    /* the asynchronous form: done without any reply either */
    qapi_qmp_client_call_async(p.client, &guest_shutdown_info, NULL, NULL,
                               finish_done, &f);
    g_assert_true(
        qapi_qmp_client_call_finish(p.client, wait_result(&f), NULL, &error));
    g_object_unref(f.result);
    g_free(peer_read_line(&p));
    /* cancelled once queued: it is sent all the same, and says so */
    f.result = NULL;
    qapi_qmp_client_call_async(p.client, &guest_shutdown_info, NULL,
                               cancellable, finish_done, &f);
    g_cancellable_cancel(cancellable);
    g_assert_true(
        qapi_qmp_client_call_finish(p.client, wait_result(&f), NULL, &error));
    g_assert_no_error(error);
    g_object_unref(f.result);
    g_free(peer_read_line(&p));
    /* the first one failed after all */
    peer_write(&p, "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                   "\"no way\"}, \"id\": 2}\n");
    while (p.warnings->len < 1) {
        g_main_context_iteration(NULL, TRUE);
    }
    g_assert_cmpstr(g_ptr_array_index(p.warnings, 0), ==,
                    "guest-shutdown: error reply after the call completed: "
                    "GenericError: no way");
    /* and the connection goes on */
    f.result = NULL;
    qmp_client_query_status_async(p.client, NULL, finish_done, &f);
    req2 = peer_answer(&p, "{\"running\": false, \"status\": "
                           "\"prelaunch\"}");
    g_assert_cmpstr(req2, ==, "{\"execute\":\"query-status\",\"id\":5}");
    status = qmp_client_query_status_finish(p.client, wait_result(&f), &error);
    g_object_unref(f.result);
    g_assert_no_error(error);
    g_assert_cmpint(status->status, ==, RUN_STATE_PRELAUNCH);
    g_assert_cmpuint(p.warnings->len, ==, 1);
    peer_stop(&p);
}

typedef struct StopSeen {
    int count;
    gboolean reply_done;
    gboolean event_first;
} StopSeen;

static void
stop_counted(QapiQmpClient *client, const QapiQmpTimestamp *timestamp,
             gpointer user_data)
{
    StopSeen *s = user_data;

    (void)client;
    (void)timestamp;
    s->count++;
    s->event_first = !s->reply_done;
}

/* The event a command causes may come before its reply: a subscription
 * made before the call sees it. */
static void
test_event_before_reply(void)
{
    Peer p;
    StopSeen s = { 0 };
    Finish f = { 0 };
    g_autoptr(GError) error = NULL;
    g_autofree char *req = NULL;
    guint64 id;
    g_autofree char *reply = NULL;

    peer_start(&p);
    qmp_client_on_stop(p.client, stop_counted, &s, NULL);
    qmp_client_stop_async(p.client, NULL, finish_done, &f);
    req = peer_read_line(&p);
    id = g_ascii_strtoull(strrchr(req, ':') + 1, NULL, 10);
    reply = g_strdup_printf("{\"event\": \"STOP\", \"timestamp\": "
                            "{\"seconds\": 1, \"microseconds\": 2}}\n"
                            "{\"return\": {}, \"id\": %" G_GUINT64_FORMAT "}\n",
                            id);
    peer_write(&p, reply);
    g_assert_true(qmp_client_stop_finish(p.client, wait_result(&f), &error));
    g_object_unref(f.result);
    s.reply_done = TRUE;
    g_assert_cmpint(s.count, ==, 1);
    g_assert_true(s.event_first);
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

/* Poll query-status until QEMU's run state is @want (60 s at most). */
static void
wait_status(Qemu *q, RunState want)
{
    for (int tries = 0;; tries++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(StatusInfo) status = qmp_client_query_status_sync(
            q->client, NULL, &error);

        g_assert_no_error(error);
        if (status->status == want) {
            return;
        }
        g_assert_cmpint(tries, <, 6000);
        g_usleep(10000);
    }
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

/* What the typed events of the sweep saw. */
typedef struct ArgSweep {
    Qemu *q;
    int dumps;
    DumpStatus dump_status;
    int64_t dump_total;
    gboolean migration_done;
    int migration_events;
    int resets;
    ShutdownCause reset_reason;
    int powerdowns;
    int resumes;
    int shutdowns;
    ShutdownCause shutdown_reason;
} ArgSweep;

static void
sweep_dump(QapiQmpClient *client, q_obj_DUMP_COMPLETED_arg *data,
           const QapiQmpTimestamp *timestamp, gpointer user_data)
{
    ArgSweep *s = user_data;

    (void)client, (void)timestamp;
    s->dumps++;
    s->dump_status = data->result->status;
    s->dump_total = data->result->total;
    g_assert_null(data->error);
}

static void
sweep_migration(QapiQmpClient *client, q_obj_MIGRATION_arg *data,
                const QapiQmpTimestamp *timestamp, gpointer user_data)
{
    ArgSweep *s = user_data;

    (void)client, (void)timestamp;
    s->migration_events++;
    g_assert_cmpint(data->status, !=, MIGRATION_STATUS_FAILED);
    if (data->status == MIGRATION_STATUS_COMPLETED) {
        s->migration_done = TRUE;
    }
}

static void
sweep_reset(QapiQmpClient *client, q_obj_RESET_arg *data,
            const QapiQmpTimestamp *timestamp, gpointer user_data)
{
    ArgSweep *s = user_data;

    (void)client, (void)timestamp;
    s->resets++;
    s->reset_reason = data->reason;
    g_assert_false(data->guest);
}

static void
sweep_powerdown(QapiQmpClient *client, const QapiQmpTimestamp *timestamp,
                gpointer user_data)
{
    (void)client, (void)timestamp;
    ((ArgSweep *)user_data)->powerdowns++;
}

static void
sweep_resume(QapiQmpClient *client, const QapiQmpTimestamp *timestamp,
             gpointer user_data)
{
    (void)client, (void)timestamp;
    ((ArgSweep *)user_data)->resumes++;
}

static void
sweep_shutdown(QapiQmpClient *client, q_obj_SHUTDOWN_arg *data,
               const QapiQmpTimestamp *timestamp, gpointer user_data)
{
    ArgSweep *s = user_data;

    (void)client, (void)timestamp;
    s->shutdowns++;
    s->shutdown_reason = data->reason;
}

/* Run the client's context until *@flag is set (no timing: the event
 * either comes or QEMU goes, which ends the connection). */
static void
sweep_wait(ArgSweep *s, const int *count, const gboolean *flag)
{
    while (!(count ? *count : *flag)
           && qapi_qmp_client_is_connected(s->q->client, NULL)) {
        g_main_context_iteration(NULL, TRUE);
    }
    g_assert_true(count ? *count > 0 : *flag);
}

/* Commands with arguments, boxed, open and conditional, and the events
 * they cause, typed, against QEMU 7.2. */
static void
test_qemu_arg_sweep(void)
{
    Qemu q = { 0 };
    ArgSweep s = { .q = &q };
    g_autoptr(GError) error = NULL;
    g_autoptr(ObjectPropertyInfoList) props = NULL;
    g_autoptr(JsonNode) type = NULL;
    g_autoptr(BlockDeviceInfoList) nodes = NULL;
    g_autoptr(CommandLineOptionInfoList) options = NULL;
    g_autoptr(CpuModelExpansionInfo) expansion = NULL;
    g_autoptr(TPMInfoList) tpms = NULL;
    g_autoptr(JsonObject) extra = json_object_new();
    g_autofree char *status = NULL;
    bool ok;
    g_autofree char *dump = NULL;
    ObjectOptions memory = { .qom_type = OBJECT_TYPE_MEMORY_BACKEND_RAM,
                             .id = (char *)"m1" };
    Netdev user = { .id = (char *)"u1", .type = NET_CLIENT_DRIVER_USER };
    BlockdevOptions null_co = { .driver = BLOCKDEV_DRIVER_NULL_CO,
                                .node_name = (char *)"null0" };
    CpuModelInfo max = { .name = (char *)"max" };
    MigrationCapabilityStatus events = { MIGRATION_CAPABILITY_EVENTS, true };
    MigrationCapabilityStatusList caps = { NULL, &events };
    gboolean found = FALSE;

    if (qemu_skip()) {
        return;
    }
    qemu_start(&q);
    qmp_client_on_dump_completed(q.client, sweep_dump, &s, NULL);
    qmp_client_on_migration(q.client, sweep_migration, &s, NULL);
    qmp_client_on_reset(q.client, sweep_reset, &s, NULL);
    qmp_client_on_powerdown(q.client, sweep_powerdown, &s, NULL);
    qmp_client_on_resume(q.client, sweep_resume, &s, NULL);
    qmp_client_on_shutdown(q.client, sweep_shutdown, &s, NULL);

    /* QOM */
    props = qmp_client_qom_list_sync(q.client, "/machine", NULL, &error);
    g_assert_no_error(error);
    for (ObjectPropertyInfoList *l = props; l; l = l->next) {
        found |= !strcmp(l->value->name, "type");
    }
    g_assert_true(found);
    type = qmp_client_qom_get_sync(q.client, "/machine", "type", NULL, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(json_node_get_string(type), ==, "pc-q35-7.2-machine");

    /* boxed commands: a union each */
    memory.u.memory_backend_ram.size = 1 << 20;
    g_assert_true(qmp_client_object_add_sync(q.client, &memory, NULL, &error));
    g_assert_no_error(error);
    g_assert_true(qmp_client_netdev_add_sync(q.client, &user, NULL, &error));
    g_assert_no_error(error);
    g_assert_true(
        qmp_client_blockdev_add_sync(q.client, &null_co, NULL, &error));
    g_assert_no_error(error);
    nodes = qmp_client_query_named_block_nodes_sync(q.client, false, false,
                                                    NULL, &error);
    g_assert_no_error(error);
    g_assert_nonnull(nodes);
    g_assert_cmpstr(nodes->value->node_name, ==, "null0");
    g_assert_cmpstr(nodes->value->drv, ==, "null-co");

    /* device_add ('gen': false): "memdev", which the schema does not
     * declare, reaches QEMU, which looks the backend up (and then finds
     * no memory slots: -m has none) */
    json_object_set_string_member(extra, "memdev", "m1");
    g_assert_false(qmp_client_device_add_sync(q.client, "pc-dimm", NULL, "d1",
                                              extra, NULL, &error));
    g_assert_error(error, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR);
    g_assert_nonnull(strstr(error->message, "slots"));
    g_clear_error(&error);
    json_object_set_string_member(extra, "memdev", "m2");
    g_assert_false(qmp_client_device_add_sync(q.client, "pc-dimm", NULL, "d1",
                                              extra, NULL, &error));
    g_assert_error(error, QAPI_QMP_ERROR, ERROR_CLASS_DEVICE_NOT_FOUND);
    g_assert_cmpstr(error->message, ==, "Device 'm2' not found");
    g_clear_error(&error);
    g_assert_false(qmp_client_device_del_sync(q.client, "d1", NULL, &error));
    g_assert_error(error, QAPI_QMP_ERROR, ERROR_CLASS_DEVICE_NOT_FOUND);
    g_clear_error(&error);

    status = qmp_client_human_monitor_command_sync(q.client, "info status",
                                                   false, 0, NULL, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(status, ==, "VM status: paused (prelaunch)\r\n");
    options = qmp_client_query_command_line_options_sync(q.client, NULL, NULL,
                                                         &error);
    g_assert_no_error(error);
    g_assert_nonnull(options);
    expansion = qmp_client_query_cpu_model_expansion_sync(
        q.client, CPU_MODEL_EXPANSION_TYPE_FULL, &max, NULL, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(expansion->model->name, ==, "max");
    g_assert_true(JSON_NODE_HOLDS_OBJECT(expansion->model->props));

    /* a conditional command (CONFIG_TPM): compiled in, answered */
    tpms = qmp_client_query_tpm_sync(q.client, NULL, &error);
    g_assert_no_error(error);
    g_assert_null(tpms);

    /* dump-guest-memory, detached: DUMP_COMPLETED, typed */
    dump = g_strdup_printf("file:%s/dump", q.dir);
    g_assert_true(qmp_client_dump_guest_memory_sync(q.client, false, dump, true,
                                                    true, false, 0, false, 0,
                                                    false, 0, NULL, &error));
    g_assert_no_error(error);
    sweep_wait(&s, &s.dumps, NULL);
    g_assert_cmpint(s.dump_status, ==, DUMP_STATUS_COMPLETED);
    g_assert_cmpint(s.dump_total, >, 0);
    g_assert_cmpint(unlink(dump + strlen("file:")), ==, 0);

    /* a migration to nowhere: MIGRATION events up to "completed" */
    g_assert_true(qmp_client_migrate_set_capabilities_sync(q.client, &caps,
                                                           NULL, &error));
    g_assert_no_error(error);
    /* QEMU 7.2 may refuse migration for a moment after DUMP_COMPLETED
     * (its dump still blocks it): asked again on that error only. */
    for (int tries = 0;
         !qmp_client_migrate_sync(q.client, "exec:cat >/dev/null", false, NULL,
                                  false, false, NULL, &error);
         tries++) {
        g_assert_error(error, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR);
        g_assert_nonnull(strstr(error->message, "dump-guest-memory"));
        g_assert_cmpint(tries, <, 6000); /* 60 s */
        g_clear_error(&error);
        g_usleep(10000);
    }
    g_assert_no_error(error);
    sweep_wait(&s, NULL, &s.migration_done);
    g_assert_cmpint(s.migration_events, >=, 2);
    /* QEMU sends "completed" before it leaves finish-migrate for
     * postmigrate: the commands below wait for that. */
    wait_status(&q, RUN_STATE_POSTMIGRATE);

    g_assert_true(qmp_client_system_reset_sync(q.client, NULL, &error));
    g_assert_no_error(error);
    sweep_wait(&s, &s.resets, NULL);
    g_assert_cmpint(s.reset_reason, ==, SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    g_assert_true(qmp_client_system_powerdown_sync(q.client, NULL, &error));
    g_assert_no_error(error);
    sweep_wait(&s, &s.powerdowns, NULL);
    ok = qmp_client_cont_sync(q.client, NULL, &error);
    g_assert_no_error(error); /* (its message first, when it fails) */
    g_assert_true(ok);
    sweep_wait(&s, &s.resumes, NULL);
    g_assert_true(qmp_client_quit_sync(q.client, NULL, &error));
    g_assert_no_error(error);
    sweep_wait(&s, &s.shutdowns, NULL);
    g_assert_cmpint(s.shutdown_reason, ==, SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    qemu_stop(&q);
}

/* ---- the decode of a checked message ----------------------------------- */

/* Decoding with @v as @info's return type: the visit's and finish's
 * results and messages, every diagnostic (FILE:LINE:COL, path, text), the
 * typed result written back as text; frees the result. */
static char *
ret_outcome(Visitor *v, const QapiQmpCommandInfo *info, QapiDiagnostics *diags)
{
    GString *out = g_string_new(NULL);
    g_autoptr(GError) err = NULL;
    void *obj = NULL;
    bool ok = info->visit_ret(v, &obj, &err);

    g_string_append_printf(out, "visit: %d %s\n", ok, err ? err->message : "");
    g_clear_error(&err);
    if (ok) {
        ok = qapi_json_input_visitor_finish(v, &err);
        g_string_append_printf(out, "finish: %d %s\n", ok,
                               err ? err->message : "");
    }
    for (guint i = 0; diags && i < qapi_diagnostics_get_length(diags); i++) {
        g_autofree char *t = qapi_diagnostic_format(
            qapi_diagnostics_get(diags, i));

        g_string_append_printf(out, "diag: %s\n", t);
    }
    if (obj) {
        g_autoptr(GString) text = g_string_new(NULL);
        Visitor *o = qapi_json_text_output_visitor_new(QAPI_JSON_COMPACT, text);

        /* A partial result (collect mode) may not write: say so. */
        if (info->visit_ret(o, &obj, NULL)) {
            visit_complete(o, text);
            g_string_append_printf(out, "result: %s\n", text->str);
        } else {
            g_string_append(out, "result: (not writable)\n");
        }
        visit_free(o);
        qapi_qmp_client_free_value(info->visit_ret, &obj);
    }
    return g_string_free(out, FALSE);
}

/* Skipping every container of @value (at @offset in its message) through
 * the message's container ends, rebased, lands where scanning does;
 * returns how many of them the table holds. */
static guint
check_skips(const QapiQmpValueText *value, uint32_t offset)
{
    LzText table = { 0 }, scan = { 0 };
    uint32_t root;
    guint found = 0;
    gboolean in_string = FALSE;

    lz_text_init(&table, value->data, value->length, &root);
    table.spans = value->spans;
    table.spans_base = offset;
    lz_text_init(&scan, value->data, value->length, &root);
    for (uint32_t p = 0; p < value->length; p++) {
        char c = value->data[p];

        if (in_string) {
            if (c == '\\') {
                p++;
            } else if (c == '"') {
                in_string = FALSE;
            }
        } else if (c == '"') {
            in_string = TRUE;
        } else if (c == '{' || c == '[') {
            g_assert_cmpuint(lz_skip_value(&table, p), ==,
                             lz_skip_value(&scan, p));
            found += value->spans && jspans_find(value->spans, offset + p);
        }
    }
    lz_text_clear(&table);
    lz_text_clear(&scan);
    return found;
}

/*
 * The reply @message (taken; its "return" not at its start) as the
 * connection reads it, "return" decoded by the visitor over the checked
 * message against the visitor that checks the value alone: strict and
 * tolerant, stopping and collecting, the same outcome.
 */
static void
compare_checked(const QapiQmpCommandInfo *info, char *message, guint *compared,
                guint *in_table)
{
    gsize len = strlen(message);
    g_autoptr(GBytes) bytes = g_bytes_new_take(message, len);
    g_autoptr(GError) error = NULL;
    g_autoptr(QapiQmpMessage) msg = qapi_qmp_message_new(bytes, len, &error);
    QapiQmpValueText value;
    g_autofree char *alone = NULL;
    uint32_t offset;

    g_assert_no_error(error);
    qapi_qmp_message_get_text(msg, "return", &value);
    g_assert_nonnull(value.data);
    offset = value.data - (const char *)g_bytes_get_data(bytes, NULL);
    g_assert_cmpuint(offset, >, 0);
    g_assert_true(len < 4096 || value.spans);
    *in_table += check_skips(&value, offset);
    alone = g_strndup(value.data, value.length);
    for (int flags = 0; flags <= QAPI_INPUT_TOLERANT;
         flags += QAPI_INPUT_TOLERANT) {
        for (int collecting = 0; collecting < 2; collecting++) {
            g_autoptr(QapiDiagnostics) d1 = collecting ? qapi_diagnostics_new()
                                                       : NULL;
            g_autoptr(QapiDiagnostics) d2 = collecting ? qapi_diagnostics_new()
                                                       : NULL;
            g_autoptr(Visitor) checked = qapi_json_input_visitor_new_checked(
                value.data, value.length, value.spans, offset, "r.json", flags,
                d1);
            g_autoptr(Visitor) plain = qapi_json_input_visitor_new(
                alone, value.length, "r.json", flags, d2, &error);
            g_autofree char *a = NULL;
            g_autofree char *b = NULL;

            g_assert_no_error(error);
            a = ret_outcome(checked, info, d1);
            b = ret_outcome(plain, info, d2);
            g_assert_cmpstr(a, ==, b);
            (*compared)++;
        }
    }
    g_bytes_unref(value.message);
}

/* {"id": @n, "return": @ret}, the value not at the start. */
static char *
reply_message(guint n, const char *ret)
{
    return g_strdup_printf("{\"id\": %u,\n \"return\": %s}", n, ret);
}

/* Where @text has a string value (not a key), or a number: the offsets of
 * their first bytes, and whether each is a string. */
static void
value_sites(const char *text, GArray *sites, GArray *is_string)
{
    for (const char *p = text; *p; p++) {
        const char *q;
        gboolean str = *p == '"';

        if (str) {
            for (q = p + 1; *q != '"'; q++) {
                q += *q == '\\';
            }
            q++;
        } else if (*p == '-' || g_ascii_isdigit(*p)) {
            q = p + strspn(p, "-+.eE0123456789");
        } else {
            continue;
        }
        if (*(q + strspn(q, " \t\r\n")) != ':') {
            guint off = p - text;

            g_array_append_val(sites, off);
            g_array_append_val(is_string, str);
        }
        p = q - 1;
    }
}

/* @ret with the value at @off replaced: a string by a number, a number by
 * a string (a value of the wrong type somewhere inside). */
static char *
mutate(const char *ret, guint off, gboolean str)
{
    const char *p = ret + off;
    const char *q = p;

    if (str) {
        for (q = p + 1; *q != '"'; q++) {
            q += *q == '\\';
        }
        q++;
    } else {
        q = p + strspn(p, "-+.eE0123456789");
    }
    return g_strdup_printf("%.*s%s%s", (int)off, ret, str ? "7" : "\"x\"", q);
}

/*
 * Every typed reply of the corpus's QEMU 4.2 to 7.2 sessions (libvirt's
 * recordings), and each with a value of the wrong type at a few places:
 * the decode the connection makes over the checked message equals the
 * input visitor's own over the value alone, and skipping a container
 * through the message's table of container ends lands where scanning does.
 */
static void
test_checked_decode(void)
{
    static const char *const versions[] = { "4.2.0", "5.2.0", "6.2.0", "7.0.0",
                                            "7.2.0" };
    gboolean sampled = g_getenv("FWDESC_TEST_WRAPPER")
                       && *g_getenv("FWDESC_TEST_WRAPPER");
    guint compared = 0, replies = 0, in_table = 0, n = 0;

    /* Under memcheck (check-valgrind) a sample: 7.2's replies, the large
     * ones unchanged only. */
    for (guint i = sampled ? G_N_ELEMENTS(versions) - 1 : 0;
         i < G_N_ELEMENTS(versions); i++) {
        g_autofree char *path = g_strdup_printf(
            "../shared/corpus/qmp-replies/caps_%s.x86_64.replies", versions[i]);
        g_autofree char *transcript = NULL;
        g_auto(GStrv) parts = NULL;
        const QapiQmpCommandInfo *info = NULL;

        g_assert_true(g_file_get_contents(path, &transcript, NULL, NULL));
        parts = g_strsplit(transcript, "\n\n", -1);
        for (char **m = parts; *m; m++) {
            g_autoptr(JsonNode) node = qapi_json_parse(*m, -1, NULL, NULL);
            JsonObject *obj;
            g_autofree char *ret = NULL;
            g_autoptr(GArray) sites = NULL;
            g_autoptr(GArray) is_string = NULL;
            guint tries;

            if (!node || !JSON_NODE_HOLDS_OBJECT(node)) {
                continue;
            }
            obj = json_node_get_object(node);
            if (json_object_has_member(obj, "execute")) {
                info = qapi_qmp_command_info_find(
                    qmp_client_commands,
                    json_object_get_string_member(obj, "execute"));
                continue;
            }
            if (!json_object_has_member(obj, "return") || !info
                || !info->visit_ret) {
                continue;
            }
            ret = json_to_string(json_object_get_member(obj, "return"), TRUE);
            compare_checked(info, reply_message(++n, ret), &compared,
                            &in_table);
            replies++;
            sites = g_array_new(FALSE, FALSE, sizeof(guint));
            is_string = g_array_new(FALSE, FALSE, sizeof(gboolean));
            value_sites(ret, sites, is_string);
            tries = MIN(sites->len, strlen(ret) > 65536 ? (sampled ? 0 : 2)
                                                        : (sampled ? 2 : 6));
            for (guint k = 0; k < tries; k++) {
                guint j = (guint)((guint64)sites->len * (2 * k + 1)
                                  / (2 * tries));
                g_autofree char *bad = mutate(
                    ret, g_array_index(sites, guint, j),
                    g_array_index(is_string, gboolean, j));

                compare_checked(info, reply_message(++n, bad), &compared,
                                &in_table);
            }
            info = NULL;
        }
    }
    /* A container skipped in the value (the unknown member "bbb") starts
     * at the same offset in the value as another one ("pad") does in the
     * message (both in the table: the message is over 4 KiB): only the
     * rebased table finds its end. */
    {
        g_autofree char *pad = g_strnfill(4096, ' ');
        g_autofree char *fill = g_strnfill(100, ' ');
        char *message = g_strdup_printf(
            "{\"pad\": [%s1], \"return\": {\"bbb\": [%s2], \"qemu\": "
            "{\"major\": 7, \"minor\": 2, \"micro\": 0}, \"package\": "
            "\"\"}, \"id\": 1}",
            pad, fill);

        g_assert_true(message[8] == '['
                      && strstr(message, "{\"bbb\"")[8] == '[');
        compare_checked(
            qapi_qmp_command_info_find(qmp_client_commands, "query-version"),
            message, &compared, &in_table);
    }
    g_test_message("%u replies, %u decodes compared, %u containers skipped "
                   "through the table",
                   replies, compared, in_table);
    g_assert_cmpuint(replies, >=, sampled ? 40 : 200);
    g_assert_cmpuint(in_table, >=, 1000);
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
    g_test_add_func("/qmp-typed/no-tree", test_no_tree);
    g_test_add_func("/qmp-typed/open-arguments", test_open_arguments);
    g_test_add_func("/qmp-typed/read-arguments", test_read_arguments);
    g_test_add_func("/qmp-typed/nested-argument-path",
                    test_nested_argument_path);
    g_test_add_func("/qmp-typed/no-reply", test_no_reply);
    g_test_add_func("/qmp-typed/event-before-reply", test_event_before_reply);
    g_test_add_func("/qmp-typed/checked-decode", test_checked_decode);
    g_test_add_func("/qmp-typed/qemu/session", test_qemu_session);
    g_test_add_func("/qmp-typed/qemu/sweep", test_qemu_sweep);
    g_test_add_func("/qmp-typed/qemu/killed", test_qemu_killed);
    g_test_add_func("/qmp-typed/qemu/sweep-arguments", test_qemu_arg_sweep);
    return g_test_run();
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * qmp-call: one typed QMP command, from the command line.
 *
 *   qmp-call SOCKET COMMAND [ARGUMENTS-JSON] [--strict] [--wait-event NAME]
 *
 * The client is generated from QEMU's full schema (the "client" back end;
 * qapi/qmp-client-typed.h).  The arguments are read strictly into the
 * command's argument struct before anything is sent; the reply is decoded
 * into the command's C return type (tolerantly, or strictly with
 * --strict) and printed back as canonical JSON by the runtime's writer.
 * --wait-event NAME then waits for that event (counting one that came
 * while the command ran) and prints its data the same way.
 *
 * Exit status: 0 success; 1 QEMU answered with an error ("CLASS: text" on
 * stderr); 2 refused before sending (usage, arguments that do not fit
 * the schema, with the member path, a command or argument newer than the
 * QEMU at the other end); 3 anything else (connection, protocol, a reply
 * or event that does not decode).
 */
#include <stdio.h>
#include <string.h>

#include "qapi-tables-client.h"
#include "qapi/json-input.h"
#include "qapi/json-output.h"
#include "qapi/qmp-client-typed.h"
#include "qapi/qmp-error.h"

enum {
    EXIT_QMP_ERROR = 1,
    EXIT_REFUSED = 2,
    EXIT_FAILURE_OTHER = 3,
};

typedef struct Options {
    const char *socket;
    const char *command;
    const char *arguments;
    const char *wait_event;
    gboolean strict;
} Options;

/* The event --wait-event waits for, once seen. */
typedef struct Seen {
    JsonNode *data;
    gboolean seen;
} Seen;

static int
usage(const char *message)
{
    if (message) {
        fprintf(stderr, "qmp-call: %s\n", message);
    }
    fprintf(stderr, "usage: qmp-call SOCKET COMMAND [ARGUMENTS-JSON] "
                    "[--strict] [--wait-event NAME]\n");
    return EXIT_REFUSED;
}

/* 0 when @argv parsed into @o, else the exit status. */
static int
parse_options(int argc, char **argv, Options *o)
{
    const char **positional[] = { &o->socket, &o->command, &o->arguments };
    guint n = 0;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--strict")) {
            o->strict = TRUE;
        } else if (!strcmp(argv[i], "--wait-event")) {
            if (++i == argc) {
                return usage("--wait-event needs an event name");
            }
            o->wait_event = argv[i];
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(NULL);
            exit(0);
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            g_autofree char *msg = g_strdup_printf("unknown option %s",
                                                   argv[i]);

            return usage(msg);
        } else if (n < G_N_ELEMENTS(positional)) {
            *positional[n++] = argv[i];
        } else {
            return usage("too many arguments");
        }
    }
    if (n < 2) {
        return usage("SOCKET and COMMAND are required");
    }
    return 0;
}

static void
print_warning(QapiQmpClient *client, const char *message, gpointer data)
{
    (void)client;
    (void)data;
    fprintf(stderr, "qmp-call: warning: %s\n", message);
}

static void
event_seen(QapiQmpClient *client, const char *name, JsonNode *data,
           const QapiQmpTimestamp *timestamp, gpointer user_data)
{
    Seen *seen = user_data;

    (void)client;
    (void)name;
    (void)timestamp;
    if (!seen->seen) {
        seen->seen = TRUE;
        seen->data = data ? json_node_copy(data) : NULL;
    }
}

/*
 * Read the arguments strictly into the command's struct (*@args).  0 or
 * the exit status.
 */
static int
read_arguments(const Options *o, const QapiQmpCommandInfo *info, void **args)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(Visitor) v = NULL;

    if (!o->arguments) {
        return 0;
    }
    node = qapi_json_parse(o->arguments, -1, "ARGUMENTS-JSON", &error);
    if (!node) {
        fprintf(stderr, "qmp-call: %s\n", error->message);
        return EXIT_REFUSED;
    }
    if (!JSON_NODE_HOLDS_OBJECT(node)) {
        fprintf(stderr, "qmp-call: ARGUMENTS-JSON: not a JSON object\n");
        return EXIT_REFUSED;
    }
    if (!json_object_get_size(json_node_get_object(node))) {
        return 0; /* {}: no arguments */
    }
    if (!info) {
        fprintf(stderr,
                "qmp-call: %s: not a command of the schema, its arguments "
                "cannot be checked\n",
                o->command);
        return EXIT_REFUSED;
    }
    if (!info->visit_args) {
        fprintf(stderr, "qmp-call: %s: the command takes no arguments\n",
                o->command);
        return EXIT_REFUSED;
    }
    v = qapi_json_input_visitor_new(o->arguments, -1, "ARGUMENTS-JSON",
                                    QAPI_INPUT_STRICT, NULL, &error);
    if (!v || !info->visit_args(v, args, &error)
        || !qapi_json_input_visitor_finish(v, &error)) {
        fprintf(stderr, "qmp-call: %s\n", error->message);
        if (*args) {
            qapi_qmp_client_free_value(info->visit_args, args);
        }
        return EXIT_REFUSED;
    }
    return 0;
}

/* Print the value @visit describes at @obj as canonical JSON. */
static gboolean
print_value(QapiQmpVisitFunc visit, void *obj, GError **error)
{
    g_autoptr(GString) text = g_string_new(NULL);
    g_autoptr(Visitor) v = NULL;

    if (!visit) {
        fputs("{}\n", stdout);
        return TRUE;
    }
    v = qapi_json_text_output_visitor_new(QAPI_JSON_CANONICAL, text);
    if (!visit(v, obj, error)) {
        return FALSE;
    }
    visit_complete(v, text);
    fputs(text->str, stdout);
    return TRUE;
}

/* Decode @node with @visit and print it; 0 or the exit status. */
static int
decode_and_print(QapiQmpClient *client, QapiQmpVisitFunc visit, gsize size,
                 const char *what, const char *type,
                 const QapiQmpSinceTable *table, JsonNode *node)
{
    g_autoptr(GError) error = NULL;
    g_autofree void *storage = g_malloc0(MAX(size, 1));
    gboolean ok;

    if (!visit) {
        fputs("{}\n", stdout);
        return 0;
    }
    if (!qapi_qmp_client_decode(client, visit, what, type, table, node, storage,
                                &error)) {
        fprintf(stderr, "qmp-call: %s\n", error->message);
        return EXIT_FAILURE_OTHER;
    }
    ok = print_value(visit, storage, &error);
    qapi_qmp_client_free_value(visit, storage);
    if (!ok) {
        fprintf(stderr, "qmp-call: %s: %s\n", what, error->message);
        return EXIT_FAILURE_OTHER;
    }
    return 0;
}

/* The reply (or an error), printed; 0 or the exit status. */
static int
call(QapiQmpClient *client, const Options *o, const QapiQmpCommandInfo *info,
     void *args)
{
    g_autoptr(JsonObject) arguments = NULL;
    g_autoptr(JsonNode) reply = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *what = NULL;

    if (info
        && !qapi_qmp_client_encode_arguments(client, info, args, &arguments,
                                             &error)) {
        fprintf(stderr, "qmp-call: %s\n", error->message);
        return EXIT_REFUSED;
    }
    reply = qapi_qmp_client_execute_sync(
        client, o->command, arguments, QAPI_QMP_CALL_FLAGS_NONE, NULL, &error);
    if (!reply) {
        if (error->domain == QAPI_QMP_ERROR) {
            fprintf(stderr, "%s: %s\n",
                    qapi_error_class_str(qapi_error_get_class(error)),
                    error->message);
            return EXIT_QMP_ERROR;
        }
        fprintf(stderr, "qmp-call: %s: %s\n", o->command, error->message);
        return EXIT_FAILURE_OTHER;
    }
    if (!info) {
        g_autofree char *text = qapi_json_to_string(reply, QAPI_JSON_CANONICAL);

        fprintf(stderr,
                "qmp-call: warning: %s is not a command of the schema: "
                "its reply is printed as received\n",
                o->command);
        fputs(text, stdout);
        return 0;
    }
    what = g_strdup_printf("%s reply", info->name);
    return decode_and_print(client, info->visit_ret, info->ret_size, what,
                            info->ret_type, info->since_table, reply);
}

/* Wait for the event (perhaps seen already) and print its data. */
static int
wait_event(QapiQmpClient *client, const QapiQmpEventInfo *event, Seen *seen)
{
    g_autofree char *what = g_strdup_printf("event %s", event->name);
    const GError *reason = NULL;

    while (!seen->seen && qapi_qmp_client_is_connected(client, &reason)) {
        g_main_context_iteration(NULL, TRUE);
    }
    if (!seen->seen) {
        fprintf(stderr, "qmp-call: waiting for %s: %s\n", event->name,
                reason ? reason->message : "the connection ended");
        return EXIT_FAILURE_OTHER;
    }
    return decode_and_print(client, event->visit_data, event->data_size, what,
                            event->data_type, event->since_table, seen->data);
}

int
main(int argc, char **argv)
{
    Options o = { 0 };
    Seen seen = { 0 };
    g_autoptr(QapiQmpClient) client = NULL;
    g_autoptr(GError) error = NULL;
    const QapiQmpCommandInfo *info;
    const QapiQmpEventInfo *event = NULL;
    void *args = NULL;
    int status;

    status = parse_options(argc, argv, &o);
    if (status) {
        return status;
    }
    info = qapi_qmp_command_info_find(qmp_client_commands, o.command);
    if (o.wait_event) {
        event = qapi_qmp_event_info_find(qmp_client_events, o.wait_event);
        if (!event) {
            fprintf(stderr, "qmp-call: %s: not an event of the schema\n",
                    o.wait_event);
            return EXIT_REFUSED;
        }
    }
    status = read_arguments(&o, info, &args);
    if (status) {
        return status;
    }
    client = qapi_qmp_client_connect_sync(o.socket, QAPI_QMP_CLIENT_FLAGS_NONE,
                                          NULL, &error);
    if (!client) {
        fprintf(stderr, "qmp-call: %s: %s\n", o.socket, error->message);
        status = EXIT_FAILURE_OTHER;
        goto out;
    }
    qapi_qmp_client_set_warning_func(client, print_warning, NULL, NULL);
    if (o.strict) {
        qapi_qmp_client_set_decode_flags(client, QAPI_QMP_DECODE_STRICT);
    }
    if (event) {
        qapi_qmp_client_add_event_handler(client, event->name, event_seen,
                                          &seen, NULL);
    }
    status = call(client, &o, info, args);
    if (!status && event) {
        fflush(stdout);
        status = wait_event(client, event, &seen);
    }
out:
    if (args) {
        qapi_qmp_client_free_value(info->visit_args, &args);
    }
    g_clear_pointer(&seen.data, json_node_unref);
    if (fflush(stdout) != 0 && !status) {
        fprintf(stderr, "qmp-call: writing the output failed\n");
        status = EXIT_FAILURE_OTHER;
    }
    return status;
}

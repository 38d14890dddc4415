/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * qmp-call: one typed QMP command, from the command line.
 *
 *   qmp-call [--strict] [--wait-event NAME] [--timeout SECONDS]
 *            SOCKET COMMAND [ARGUMENTS-JSON]
 *
 * (options anywhere; "--" ends them).
 * The client is generated from QEMU's full schema (the "client" back end;
 * qapi/qmp-client-typed.h).  The arguments are read strictly into the
 * command's argument struct before anything is sent; the reply is decoded
 * into the command's C return type (tolerantly, or strictly with
 * --strict) and printed back as canonical JSON by the runtime's writer.
 * --wait-event NAME then waits for that event (counting one that came
 * while the command ran) and prints its data the same way.  A command with
 * open arguments ('gen': false: device_add) has its declared members
 * checked strictly and the others passed as they are; one that sends no
 * reply ('success-response': false) prints nothing.  --timeout bounds the
 * wait for the reply and the event together, counted from the sending
 * (default: 60 s with --wait-event, else none; 0: none).
 *
 * Exit status: 0 success; 1 QEMU answered with an error ("CLASS: text" on
 * stderr); 2 refused before sending (usage, arguments that do not fit
 * the schema, with the member path, a command or argument newer than the
 * QEMU at the other end); 3 anything else (connection, protocol, a reply
 * or event that does not decode); 4 the reply or event did not come in
 * time (--timeout).
 */
#include <math.h>
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
    EXIT_TIMEOUT = 4,
};

/* The default --timeout with --wait-event: long enough for a slow machine
 * under valgrind, short enough that a test waiting for an event that
 * never comes ends. */
#define DEFAULT_EVENT_TIMEOUT 60.0
/* The longest --timeout (g_timeout_add() counts milliseconds in a guint). */
#define MAX_TIMEOUT (G_MAXUINT / 1000.0)

typedef struct Options {
    const char *socket;
    const char *command;
    const char *arguments;
    const char *wait_event;
    gboolean strict;
    double timeout; /* seconds; < 0: not given */
} Options;

/* --timeout: when it passes, the call is cancelled and the wait ends. */
typedef struct Deadline {
    double seconds; /* 0: none */
    GCancellable *cancellable;
    guint source;
    gboolean expired;
} Deadline;

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
        fprintf(stderr, "usage: qmp-call [OPTION...] SOCKET COMMAND "
                        "[ARGUMENTS-JSON]; qmp-call --help for more\n");
        return EXIT_REFUSED;
    }
    fputs("usage: qmp-call [OPTION...] SOCKET COMMAND [ARGUMENTS-JSON]\n"
          "\n"
          "Send COMMAND, with ARGUMENTS-JSON (a JSON object) checked against\n"
          "QEMU's schema first, to the QMP server at the unix socket SOCKET;\n"
          "print the reply, decoded into the command's type, as JSON.\n"
          "device_add and other commands whose arguments QEMU checks itself\n"
          "have their declared members checked and the rest passed on.\n"
          "\n"
          "Options (anywhere on the line; -- ends them):\n"
          "  --strict            decode the reply and event strictly\n"
          "  --wait-event NAME   then wait for event NAME (one that came\n"
          "                      during the command counts); print its data\n"
          "  --timeout SECONDS   give up when the reply and event have not\n"
          "                      come SECONDS after sending (default: 60\n"
          "                      with --wait-event, else none; 0: none)\n"
          "  -h, --help          this text\n"
          "\n"
          "Exit status: 0 done; 1 QEMU answered with an error (CLASS: text);\n"
          "2 refused before sending (usage, arguments not fitting the\n"
          "schema, a command or argument newer than the QEMU); 3 any other\n"
          "failure (connection, a reply or event that does not decode);\n"
          "4 timed out.\n",
          stdout);
    return 0;
}

/* --timeout's value into o->timeout; FALSE when it is not a number of
 * seconds in range. */
static gboolean
parse_timeout(const char *text, Options *o)
{
    char *end;
    double value = g_ascii_strtod(text, &end);

    if (!*text || *end || !isfinite(value) || value < 0
        || value > MAX_TIMEOUT) {
        return FALSE;
    }
    o->timeout = value;
    return TRUE;
}

/*
 * Whether argv[*@i] is option @name with a value, as "--name VALUE" (then
 * *@i moves past VALUE) or "--name=VALUE"; *@value is NULL when VALUE is
 * missing.
 */
static gboolean
valued_option(int argc, char **argv, int *i, const char *name,
              const char **value)
{
    gsize len = strlen(name);

    if (strncmp(argv[*i], name, len)) {
        return FALSE;
    }
    if (argv[*i][len] == '=') {
        *value = argv[*i] + len + 1;
        return TRUE;
    }
    if (argv[*i][len]) {
        return FALSE;
    }
    *value = *i + 1 < argc ? argv[++*i] : NULL;
    return TRUE;
}

/* 0 when @argv parsed into @o, else the exit status. */
static int
parse_options(int argc, char **argv, Options *o)
{
    const char **positional[] = { &o->socket, &o->command, &o->arguments };
    guint n = 0;
    gboolean options = TRUE;
    const char *value;

    o->timeout = -1;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];

        if (!options || arg[0] != '-' || !arg[1]) {
            if (n == G_N_ELEMENTS(positional)) {
                return usage("too many arguments");
            }
            *positional[n++] = arg;
        } else if (!strcmp(arg, "--")) {
            options = FALSE;
        } else if (!strcmp(arg, "--strict")) {
            o->strict = TRUE;
        } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            exit(usage(NULL));
        } else if (valued_option(argc, argv, &i, "--wait-event", &value)) {
            if (!value) {
                return usage("--wait-event needs an event name");
            }
            o->wait_event = value;
        } else if (valued_option(argc, argv, &i, "--timeout", &value)) {
            if (!value) {
                return usage("--timeout needs a number of seconds");
            }
            if (!parse_timeout(value, o)) {
                g_autofree char *msg = g_strdup_printf(
                    "--timeout: '%s' is not a number of seconds (0 to %.0f)",
                    value, MAX_TIMEOUT);

                return usage(msg);
            }
        } else {
            g_autofree char *msg = g_strdup_printf("unknown option %s", arg);

            return usage(msg);
        }
    }
    if (n < 2) {
        return usage("SOCKET and COMMAND are required");
    }
    if (o->timeout < 0) {
        o->timeout = o->wait_event ? DEFAULT_EVENT_TIMEOUT : 0;
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
 * Read the arguments strictly into the command's struct (*@args), and
 * for a command with open arguments the members it does not declare into
 * *@extra.  0 or the exit status.
 */
static int
read_arguments(const Options *o, const QapiQmpCommandInfo *info, void **args,
               JsonObject **extra)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = NULL;

    if (!o->arguments) {
        return 0;
    }
    if (!info) {
        node = qapi_json_parse(o->arguments, -1, "ARGUMENTS-JSON", &error);
        if (!node) {
            fprintf(stderr, "qmp-call: %s\n", error->message);
            return EXIT_REFUSED;
        }
        if (!JSON_NODE_HOLDS_OBJECT(node)) {
            fprintf(stderr, "qmp-call: ARGUMENTS-JSON: not a JSON object\n");
            return EXIT_REFUSED;
        }
        if (json_object_get_size(json_node_get_object(node))) {
            fprintf(stderr,
                    "qmp-call: %s: not a command of the schema, its "
                    "arguments cannot be checked\n",
                    o->command);
            return EXIT_REFUSED;
        }
        return 0;
    }
    if (!qapi_qmp_client_read_arguments(
            info, o->arguments, -1, "ARGUMENTS-JSON", args, extra, &error)) {
        fprintf(stderr, "qmp-call: %s\n", error->message);
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

static gboolean
deadline_passed(gpointer data)
{
    Deadline *d = data;

    d->expired = TRUE;
    d->source = 0;
    g_cancellable_cancel(d->cancellable);
    return G_SOURCE_REMOVE;
}

/* Start counting (nothing when there is no timeout). */
static void
deadline_start(Deadline *d)
{
    d->cancellable = g_cancellable_new();
    if (d->seconds > 0) {
        d->source = g_timeout_add((guint)(d->seconds * 1000 + 0.999),
                                  deadline_passed, d);
    }
}

static void
deadline_clear(Deadline *d)
{
    if (d->source) {
        g_source_remove(d->source);
    }
    g_clear_object(&d->cancellable);
}

/* The reply (or an error), printed; 0 or the exit status. */
static int
call(QapiQmpClient *client, const Options *o, const QapiQmpCommandInfo *info,
     void *args, JsonObject *extra, Deadline *deadline)
{
    g_autoptr(JsonObject) arguments = NULL;
    g_autoptr(JsonNode) reply = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *what = NULL;
    gboolean no_reply = info && info->no_reply;

    if (info
        && !qapi_qmp_client_encode_arguments_extra(client, info, args, extra,
                                                   &arguments, &error)) {
        fprintf(stderr, "qmp-call: %s\n", error->message);
        return EXIT_REFUSED;
    }
    deadline_start(deadline);
    reply = qapi_qmp_client_execute_sync(client, o->command, arguments,
                                         no_reply ? QAPI_QMP_CALL_FLAGS_NO_REPLY
                                                  : QAPI_QMP_CALL_FLAGS_NONE,
                                         deadline->cancellable, &error);
    if (!reply && deadline->expired) {
        fprintf(stderr, "qmp-call: %s: no reply within %g s (--timeout)\n",
                o->command, deadline->seconds);
        return EXIT_TIMEOUT;
    }
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
    if (no_reply) {
        return 0; /* sent; no reply comes */
    }
    what = g_strdup_printf("%s reply", info->name);
    return decode_and_print(client, info->visit_ret, info->ret_size, what,
                            info->ret_type, info->since_table, reply);
}

/* Wait for the event (perhaps seen already) and print its data. */
static int
wait_event(QapiQmpClient *client, const QapiQmpEventInfo *event, Seen *seen,
           const Deadline *deadline)
{
    g_autofree char *what = g_strdup_printf("event %s", event->name);
    const GError *reason = NULL;

    while (!seen->seen && !deadline->expired
           && qapi_qmp_client_is_connected(client, &reason)) {
        g_main_context_iteration(NULL, TRUE);
    }
    if (!seen->seen && deadline->expired) {
        fprintf(stderr,
                "qmp-call: waiting for %s: it did not come within %g s "
                "(--timeout)\n",
                event->name, deadline->seconds);
        return EXIT_TIMEOUT;
    }
    if (!seen->seen) {
        fprintf(stderr, "qmp-call: waiting for %s: %s\n", event->name,
                reason ? reason->message : "the connection ended");
        return EXIT_FAILURE_OTHER;
    }
    /* Event data is visited through a pointer to the struct pointer
     * (QapiQmpVisitFunc): the storage is that pointer, whatever the size
     * of the struct (MIGRATION's is smaller than a pointer). */
    return decode_and_print(client, event->visit_data, sizeof(void *), what,
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
    g_autoptr(JsonObject) extra = NULL;
    Deadline deadline = { 0 };
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
    deadline.seconds = o.timeout;
    status = read_arguments(&o, info, &args, &extra);
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
    status = call(client, &o, info, args, extra, &deadline);
    if (!status && event) {
        fflush(stdout);
        status = wait_event(client, event, &seen, &deadline);
    }
    deadline_clear(&deadline);
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

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The program of README's "Your own schema, step by step": a QMP server
 * for greeter.json in a few lines.  It runs each argument as a QMP
 * request and prints the events and the response as JSON lines.
 */
#include <stdio.h>

#include "qapi/qapi.h"
#include "qapi-commands.h"
#include "qapi-init-commands.h"
#include "qapi-events.h"
#include "qapi-emit-events.h"

/* The command, as the generated qapi-commands.h declares it. */
Greeting *
qmp_greet(const char *name, bool has_mood, Mood mood, GError **errp)
{
    Greeting *greeting;

    if (!*name) {
        g_set_error(errp, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE,
                    "whom should I greet?");
        return NULL;
    }
    greeting = g_new0(Greeting, 1);
    greeting->mood = has_mood ? mood : MOOD_HAPPY;
    greeting->text = g_strdup_printf(
        greeting->mood == MOOD_HAPPY ? "Hello, %s!" : "Oh. %s.", name);
    qapi_event_send_greeted(name);
    return greeting;
}

static void
print_object(JsonObject *obj)
{
    g_autoptr(JsonNode) node = json_node_init_object(json_node_alloc(), obj);
    g_autofree char *text = qapi_json_to_string(node, QAPI_JSON_COMPACT);

    printf("%s\n", text);
}

/* Where the generated qapi_event_send_X() functions deliver events. */
void
qapi_event_emit(QAPIEvent event, JsonObject *qdict)
{
    printf("event %s: ", QAPIEvent_str(event));
    json_object_remove_member(qdict, "timestamp"); /* varies */
    print_object(qdict);
}

int
main(int argc, char **argv)
{
    QmpCommandList commands = { 0 };

    qmp_init_marshal(&commands);
    for (int i = 1; i < argc; i++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) request = qapi_json_parse(argv[i], -1, NULL,
                                                      &error);
        g_autoptr(JsonObject) response = NULL;

        if (!request) {
            fprintf(stderr, "%s\n", error->message);
            return 1;
        }
        response = qmp_dispatch(&commands, request, false);
        if (response) {
            print_object(response);
        }
    }
    qapi_qmp_command_list_clear(&commands);
    return 0;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * QMP transcripts: each message is checked twice with the same engine,
 * its envelope against the runtime's built-in QMP message types and its
 * payload (arguments, return value, event data) against the schema, each
 * with a path prefix that names the message.
 */
#include <string.h>

#include "qapi/schema-validate.h"
#include "visitor-impl.h"
#include "json-input-impl.h"
#include "schema-impl.h"

/* A request still waiting for its reply. */
typedef struct Pending {
    char *command;
    const JValue *id; /* NULL: none */
    const SType *ret; /* NULL: not a known command */
    /* A command the schema lacks: its name's value and key, reported
     * when the reply shows whether QEMU knew it (CommandNotFound: a
     * client probing, a warning; anything else: an error). */
    const JValue *unknown;
    const char *key;
} Pending;

typedef struct LogCheck {
    const QapiSchema *schema;
    const QapiSchema *protocol;
    JDoc *doc;
    const char *filename;
    QapiInputFlags flags;
    QapiDiagnostics *diags; /* NULL: stop at the first error */
    GError *error;          /* the first error, in stop mode */
    GQueue pending;         /* of Pending *, oldest first */
    QapiQmpLogStats *stats;
} LogCheck;

static void
pending_free(gpointer p)
{
    Pending *pending = p;

    g_free(pending->command);
    g_free(pending);
}

/* The string member @key of @obj, or NULL. */
static const char *
member_str(const JValue *obj, const char *key)
{
    const JValue *value = qapi_jvalue_member(obj, key);

    return value && value->type == JT_STRING ? value->str : NULL;
}

/* Whether the check goes on (collect mode, or no error yet). */
static bool
going_on(LogCheck *c)
{
    return c->diags || !c->error;
}

static void log_problem(LogCheck *c, QapiSeverity severity, QapiErrorCode code,
                        const JValue *at, const char *path, const char *format,
                        ...) G_GNUC_PRINTF(6, 7);

static void
log_problem(LogCheck *c, QapiSeverity severity, QapiErrorCode code,
            const JValue *at, const char *path, const char *format, ...)
{
    g_autofree char *message = NULL;
    QapiDiagnostic diag = {
        .severity = severity,
        .code = code,
        .filename = (char *)c->filename,
        .path = (char *)path,
        .line = at->line,
        .column = at->column,
    };
    va_list ap;

    va_start(ap, format);
    message = g_strdup_vprintf(format, ap);
    va_end(ap);
    diag.message = message;
    if (c->diags) {
        qapi_diagnostics_add(c->diags, diag.severity, code, c->filename, path,
                             diag.line, diag.column, "%s", message);
    } else if (!c->error && severity == QAPI_SEVERITY_ERROR) {
        c->error = qapi_diagnostic_to_gerror(&diag);
    }
}

/* Check @value against @type with paths starting "@who @what". */
static void
check(LogCheck *c, const SType *type, JValue *value, const char *who,
      const char *what)
{
    g_autofree char *prefix = who ? g_strdup_printf("%s %s", who, what)
                                  : g_strdup(what);
    GError *err = NULL;

    if (!going_on(c)) {
        return;
    }
    if (!qapi_schema_check_value(type, c->doc, value, c->filename, prefix,
                                 c->flags, c->diags, &err)) {
        if (!c->error) {
            c->error = err;
        } else {
            g_error_free(err);
        }
    }
}

static const SType *
protocol_type(LogCheck *c, const char *name)
{
    const SType *t = qapi_schema_lookup(c->protocol, QAPI_SCHEMA_TYPE, name);

    g_assert(t);
    return t;
}

/* A payload that may be absent ("arguments", "data"): an empty object
 * where the message is. */
static JValue *
payload(JValue *message, const char *key, JValue *empty)
{
    JValue *value = qapi_jvalue_member(message, key);

    if (value) {
        return value;
    }
    *empty = (JValue){ .type = JT_OBJECT,
                       .line = message->line,
                       .column = message->column };
    return empty;
}

static void
check_request(LogCheck *c, JValue *m, const char *key)
{
    const JValue *name = qapi_jvalue_member(m, key);
    const char *command = name->type == JT_STRING ? name->str : NULL;
    g_autofree char *shown = command ? qapi_escape(command) : NULL;
    Pending *pending = g_new0(Pending, 1);
    JValue empty;

    c->stats->requests++;
    check(c,
          protocol_type(c, strcmp(key, "exec-oob") == 0 ? "QMPExecOob"
                                                        : "QMPExecute"),
          m, shown, "request");
    pending->command = g_strdup(shown ? shown : "?");
    pending->id = qapi_jvalue_member(m, "id");
    g_queue_push_tail(&c->pending, pending);
    if (!command) {
        return;
    }
    if (!qapi_schema_has(c->schema, QAPI_SCHEMA_COMMAND_ARGUMENTS, command)) {
        pending->unknown = name;
        pending->key = key;
        return;
    }
    pending->ret = qapi_schema_lookup(c->schema, QAPI_SCHEMA_COMMAND_RETURN,
                                      command);
    check(c,
          qapi_schema_lookup(c->schema, QAPI_SCHEMA_COMMAND_ARGUMENTS, command),
          payload(m, "arguments", &empty), shown, "arguments");
}

/* Request @p names a command the schema lacks; @reply is its reply (NULL:
 * none came). */
static void
report_unknown(LogCheck *c, const Pending *p, const JValue *reply)
{
    g_autofree char *path = g_strdup_printf("%s request.%s", p->command,
                                            p->key);
    const JValue *error = reply ? qapi_jvalue_member(reply, "error") : NULL;
    const char *class = error ? member_str(error, "class") : NULL;

    if (class && strcmp(class, "CommandNotFound") == 0) {
        log_problem(c, QAPI_SEVERITY_WARNING, QAPI_ERROR_INVALID_VALUE,
                    p->unknown, path,
                    "the schema has no command '%s' "
                    "(and QEMU answered CommandNotFound)",
                    p->command);
        return;
    }
    log_problem(c, QAPI_SEVERITY_ERROR, QAPI_ERROR_INVALID_VALUE, p->unknown,
                path, "the schema has no command '%s'", p->command);
}

/* The request @reply answers: the one with its id, else the latest one
 * still waiting; taken off the queue. */
static Pending *
take_pending(LogCheck *c, const JValue *reply)
{
    const JValue *id = qapi_jvalue_member(reply, "id");

    if (id) {
        for (GList *l = c->pending.head; l; l = l->next) {
            Pending *p = l->data;

            if (p->id && qapi_jvalue_equal(p->id, id)) {
                g_queue_delete_link(&c->pending, l);
                return p;
            }
        }
    }
    return g_queue_pop_tail(&c->pending);
}

static void
check_reply(LogCheck *c, JValue *m, bool is_return)
{
    Pending *p = take_pending(c, m);

    if (is_return) {
        c->stats->returns++;
    } else {
        c->stats->errors++;
    }
    if (!p) {
        log_problem(c, QAPI_SEVERITY_ERROR, QAPI_ERROR_SEMANTIC, m, "response",
                    "a reply without a request");
        check(c, protocol_type(c, is_return ? "QMPReturn" : "QMPError"), m,
              NULL, "response");
        return;
    }
    check(c, protocol_type(c, is_return ? "QMPReturn" : "QMPError"), m,
          p->command, "response");
    if (p->unknown) {
        report_unknown(c, p, m);
    }
    if (is_return && p->ret) {
        check(c, p->ret, qapi_jvalue_member(m, "return"), p->command, "return");
    }
    pending_free(p);
}

static void
check_event(LogCheck *c, JValue *m)
{
    const JValue *name = qapi_jvalue_member(m, "event");
    const char *event = name->type == JT_STRING ? name->str : NULL;
    g_autofree char *shown = event ? qapi_escape(event) : NULL;
    JValue empty;

    c->stats->events++;
    check(c, protocol_type(c, "QMPEvent"), m, shown, "event");
    if (!event) {
        return;
    }
    if (!qapi_schema_has(c->schema, QAPI_SCHEMA_EVENT_DATA, event)) {
        g_autofree char *path = g_strdup_printf("%s event.event", shown);

        log_problem(c, QAPI_SEVERITY_ERROR, QAPI_ERROR_INVALID_VALUE, name,
                    path, "the schema has no event '%s'", shown);
        return;
    }
    check(c, qapi_schema_lookup(c->schema, QAPI_SCHEMA_EVENT_DATA, event),
          payload(m, "data", &empty), shown, "data");
}

static void
check_message(LogCheck *c, JValue *m, guint index)
{
    static const char *const keys[] = {
        "execute", "exec-oob", "return", "error", "event", "QMP",
    };
    g_autofree char *where = g_strdup_printf("message %u", index + 1);
    const char *key = NULL;

    c->stats->messages++;
    if (m->type != JT_OBJECT) {
        log_problem(c, QAPI_SEVERITY_ERROR, QAPI_ERROR_TYPE_MISMATCH, m, where,
                    "expected an object, got %s", qapi_json_type_name(m));
        return;
    }
    for (guint i = 0; !key && i < G_N_ELEMENTS(keys); i++) {
        if (qapi_jvalue_member(m, keys[i])) {
            key = keys[i];
        }
    }
    if (!key) {
        log_problem(c, QAPI_SEVERITY_ERROR, QAPI_ERROR_MISSING_MEMBER, m, where,
                    "not a QMP message: no member 'execute', "
                    "'exec-oob', 'return', 'error', 'event' or 'QMP'");
    } else if (strcmp(key, "execute") == 0 || strcmp(key, "exec-oob") == 0) {
        check_request(c, m, key);
    } else if (strcmp(key, "return") == 0 || strcmp(key, "error") == 0) {
        check_reply(c, m, key[0] == 'r');
    } else if (strcmp(key, "event") == 0) {
        check_event(c, m);
    } else {
        c->stats->greetings++;
        check(c, protocol_type(c, "QMPGreeting"), m, NULL, "greeting");
    }
}

bool
qapi_qmp_log_validate_data(const QapiSchema *schema, const char *data,
                           gssize len, const char *filename,
                           QapiInputFlags flags, QapiDiagnostics *diags,
                           QapiQmpLogStats *stats, GError **error)
{
    g_autoptr(QapiSchema) own = NULL;
    QapiQmpLogStats local_stats;
    guint errors_before =
        diags ? qapi_diagnostics_count(diags, QAPI_SEVERITY_ERROR) : 0;
    LogCheck c = {
        .filename = filename,
        .flags = flags,
        .diags = diags,
        .stats = stats ? stats : &local_stats,
    };
    JValue *messages;
    guint errors;

    memset(c.stats, 0, sizeof(*c.stats));
    c.doc = qapi_json_parse_doc(data, len, filename, QAPI_PARSE_MESSAGES, diags,
                                error);
    if (!c.doc) {
        return false;
    }
    if (!schema) {
        own = qapi_schema_load_value(c.doc, jdoc_root(c.doc), true, filename,
                                     diags, error);
        if (!own) {
            jdoc_free(c.doc);
            return false;
        }
        schema = own;
    }
    c.schema = schema;
    c.protocol = qapi_schema_builtin();
    g_queue_init(&c.pending);
    messages = jdoc_root(c.doc);
    for (uint32_t i = 0; i < messages->count && going_on(&c); i++) {
        check_message(&c, &messages->elements[i], i);
    }
    /* Requests without a reply: only unknown commands are a problem. */
    for (GList *l = c.pending.head; l && going_on(&c); l = l->next) {
        const Pending *p = l->data;

        if (p->unknown) {
            report_unknown(&c, p, NULL);
        }
    }
    g_queue_clear_full(&c.pending, pending_free);
    jdoc_free(c.doc);
    if (!diags) {
        if (c.error) {
            g_propagate_error(error, c.error);
            return false;
        }
        return true;
    }
    g_clear_error(&c.error);
    errors = qapi_diagnostics_count(diags, QAPI_SEVERITY_ERROR) - errors_before;
    if (errors) {
        /* The first error of this transcript, and how many followed. */
        for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
            const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
            GError *err;

            if (d->severity != QAPI_SEVERITY_ERROR) {
                continue;
            }
            if (errors_before) {
                errors_before--;
                continue;
            }
            err = qapi_diagnostic_to_gerror(d);
            if (errors > 1) {
                g_autofree char *text = err->message;

                err->message = g_strdup_printf("%s (and %u more error%s)", text,
                                               errors - 1,
                                               errors > 2 ? "s" : "");
            }
            g_propagate_error(error, err);
            break;
        }
        return false;
    }
    return true;
}

bool
qapi_qmp_log_validate_file(const QapiSchema *schema, const char *path,
                           QapiInputFlags flags, QapiDiagnostics *diags,
                           QapiQmpLogStats *stats, GError **error)
{
    GError *err = NULL;
    size_t len = 0;
    g_autofree char *data = qapi_json_read_file(path, &len, &err);

    if (!data) {
        if (stats) {
            memset(stats, 0, sizeof(*stats));
        }
        if (diags) {
            qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR, err->code, NULL,
                                 "", 0, 0, "%s", err->message);
        }
        g_propagate_error(error, err);
        return false;
    }
    return qapi_qmp_log_validate_data(schema, data, len, path, flags, diags,
                                      stats, error);
}

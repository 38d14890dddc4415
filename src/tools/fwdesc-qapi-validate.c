/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fwdesc-qapi-validate: JSON documents and QMP transcripts checked against
 * any QAPI schema's introspection data.  The checks are the runtime's
 * (qapi/schema-validate.h); this file parses arguments and prints.
 *
 * Exit status: 0 no error (warnings allowed), 1 problems, 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qapi/qapi.h"
#include "qapi/schema-validate.h"

enum {
    EXIT_OK = 0,
    EXIT_PROBLEMS = 1,
    EXIT_USAGE = 2,
};

static char *opt_schema;
static char *opt_type;
static char *opt_command;
static char *opt_event;
static gboolean opt_returns;
static gboolean opt_qmp_log;
static gboolean opt_tolerant;
static gboolean opt_json;

static const GOptionEntry entries[] = {
    { "schema", 's', 0, G_OPTION_ARG_FILENAME, &opt_schema,
      "Introspection data: a SchemaInfo list, a query-qmp-schema reply or "
      "a QMP transcript containing one",
      "FILE" },
    { "type", 't', 0, G_OPTION_ARG_STRING, &opt_type,
      "Check each FILE against type NAME", "NAME" },
    { "command", 'c', 0, G_OPTION_ARG_STRING, &opt_command,
      "Check each FILE against command NAME's arguments", "NAME" },
    { "returns", 'r', 0, G_OPTION_ARG_NONE, &opt_returns,
      "With --command: against its return type instead", NULL },
    { "event", 'e', 0, G_OPTION_ARG_STRING, &opt_event,
      "Check each FILE against event NAME's data", "NAME" },
    { "qmp-log", 'q', 0, G_OPTION_ARG_NONE, &opt_qmp_log,
      "Each FILE is a QMP transcript: check every message (without "
      "--schema, against the transcript's own query-qmp-schema reply)",
      NULL },
    { "tolerant", 0, 0, G_OPTION_ARG_NONE, &opt_tolerant,
      "Unknown members (and unknown values in lists of enums) are warnings",
      NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json,
      "One JSON report on stdout instead of lines", NULL },
    { NULL },
};

/* The name of each QAPI_ERROR code in --json output. */
static const char *const code_names[] = {
    [QAPI_ERROR_SYNTAX] = "syntax",
    [QAPI_ERROR_DUPLICATE_MEMBER] = "duplicate-member",
    [QAPI_ERROR_MISSING_MEMBER] = "missing-member",
    [QAPI_ERROR_UNKNOWN_MEMBER] = "unknown-member",
    [QAPI_ERROR_TYPE_MISMATCH] = "type-mismatch",
    [QAPI_ERROR_OUT_OF_RANGE] = "out-of-range",
    [QAPI_ERROR_INVALID_VALUE] = "invalid-value",
    [QAPI_ERROR_TOO_DEEP] = "too-deep",
    [QAPI_ERROR_TOO_LARGE] = "too-large",
    [QAPI_ERROR_SEMANTIC] = "semantic",
    [QAPI_ERROR_IO] = "io",
    [QAPI_ERROR_POLICY] = "policy",
    [QAPI_ERROR_UNKNOWN_VALUE] = "unknown-value",
};

static const char *
code_name(QapiErrorCode code)
{
    if ((guint)code < G_N_ELEMENTS(code_names) && code_names[code]) {
        return code_names[code];
    }
    return "other";
}

static int usage_error(const char *format, ...) G_GNUC_PRINTF(1, 2);

static int
usage_error(const char *format, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, format);
    msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    fprintf(stderr,
            "fwdesc-qapi-validate: %s\n"
            "Try 'fwdesc-qapi-validate --help'.\n",
            msg);
    return EXIT_USAGE;
}

/* What each FILE is checked against. */
typedef struct Job {
    QapiSchemaTarget target;
    const char *name; /* NULL: QMP transcripts */
} Job;

/* Text output: every diagnostic from @first on, one line each. */
static void
print_lines(const QapiDiagnostics *diags, guint first, const char *file)
{
    for (guint i = first; i < qapi_diagnostics_get_length(diags); i++) {
        QapiDiagnostic copy = *qapi_diagnostics_get(diags, i);
        g_autofree char *text = NULL;

        if (!copy.filename) {
            copy.filename = (char *)file;
        }
        text = qapi_diagnostic_format(&copy);
        printf("%s\n", text);
    }
}

static void
add_text(JsonBuilder *b, const char *member, const char *text)
{
    /* Document text may not be UTF-8: escaped as messages show it. */
    g_autofree char *shown = g_utf8_validate(text, -1, NULL)
                                 ? g_strdup(text)
                                 : g_strescape(text, NULL);

    json_builder_set_member_name(b, member);
    json_builder_add_string_value(b, shown);
}

static void
add_diagnostics_json(JsonBuilder *b, const QapiDiagnostics *diags, guint first)
{
    json_builder_set_member_name(b, "problems");
    json_builder_begin_array(b);
    for (guint i = first; i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);

        json_builder_begin_object(b);
        json_builder_set_member_name(b, "severity");
        json_builder_add_string_value(
            b, d->severity == QAPI_SEVERITY_ERROR ? "error" : "warning");
        json_builder_set_member_name(b, "code");
        json_builder_add_string_value(b, code_name(d->code));
        if (d->line > 0) {
            json_builder_set_member_name(b, "line");
            json_builder_add_int_value(b, d->line);
            json_builder_set_member_name(b, "column");
            json_builder_add_int_value(b, d->column);
        }
        add_text(b, "path", d->path ? d->path : "");
        add_text(b, "message", d->message ? d->message : "");
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

static void
add_stats_json(JsonBuilder *b, const QapiQmpLogStats *s)
{
    static const struct {
        const char *name;
        size_t offset;
    } counts[] = {
        { "messages", G_STRUCT_OFFSET(QapiQmpLogStats, messages) },
        { "requests", G_STRUCT_OFFSET(QapiQmpLogStats, requests) },
        { "returns", G_STRUCT_OFFSET(QapiQmpLogStats, returns) },
        { "errors", G_STRUCT_OFFSET(QapiQmpLogStats, errors) },
        { "events", G_STRUCT_OFFSET(QapiQmpLogStats, events) },
        { "greetings", G_STRUCT_OFFSET(QapiQmpLogStats, greetings) },
    };

    json_builder_set_member_name(b, "checked");
    json_builder_begin_object(b);
    for (guint i = 0; i < G_N_ELEMENTS(counts); i++) {
        json_builder_set_member_name(b, counts[i].name);
        json_builder_add_int_value(b,
                                   G_STRUCT_MEMBER(guint, s, counts[i].offset));
    }
    json_builder_end_object(b);
}

/* Check @file; its diagnostics go to @diags; @stats adds up. */
static void
check_file(const QapiSchema *schema, const Job *job, const char *file,
           QapiInputFlags flags, QapiDiagnostics *diags, QapiQmpLogStats *total,
           JsonBuilder *b)
{
    guint first = qapi_diagnostics_get_length(diags);
    QapiQmpLogStats stats = { 0 };
    g_autoptr(GError) error = NULL;
    bool ok;

    if (job->name) {
        ok = qapi_schema_validate_file(schema, job->target, job->name, file,
                                       flags, diags, &error);
        stats.messages = 1;
    } else {
        ok = qapi_qmp_log_validate_file(schema, file, flags, diags, &stats,
                                        &error);
    }
    total->messages += stats.messages;
    total->requests += stats.requests;
    total->returns += stats.returns;
    total->errors += stats.errors;
    total->events += stats.events;
    total->greetings += stats.greetings;
    if (!b) {
        print_lines(diags, first, file);
        return;
    }
    json_builder_begin_object(b);
    add_text(b, "file", file);
    json_builder_set_member_name(b, "valid");
    json_builder_add_boolean_value(b, ok);
    if (!job->name) {
        add_stats_json(b, &stats);
    }
    add_diagnostics_json(b, diags, first);
    json_builder_end_object(b);
}

/* Check the options; fills @job.  Returns EXIT_OK or a usage error. */
static int
check_options(int argc, Job *job)
{
    int modes = !!opt_type + !!opt_command + !!opt_event + !!opt_qmp_log;

    if (modes != 1) {
        return usage_error("give exactly one of --type, --command, --event "
                           "and --qmp-log");
    }
    if (opt_returns && !opt_command) {
        return usage_error("--returns goes with --command");
    }
    if (!opt_schema && !opt_qmp_log) {
        return usage_error("--schema is required (except with --qmp-log)");
    }
    if (argc < 2) {
        return usage_error("no FILE given");
    }
    if (opt_type) {
        *job = (Job){ QAPI_SCHEMA_TYPE, opt_type };
    } else if (opt_command) {
        *job = (Job){ opt_returns ? QAPI_SCHEMA_COMMAND_RETURN
                                  : QAPI_SCHEMA_COMMAND_ARGUMENTS,
                      opt_command };
    } else if (opt_event) {
        *job = (Job){ QAPI_SCHEMA_EVENT_DATA, opt_event };
    } else {
        *job = (Job){ 0, NULL };
    }
    return EXIT_OK;
}

static void
print_summary(guint files, const QapiQmpLogStats *s, const Job *job,
              guint errors, guint warnings)
{
    if (job->name) {
        fprintf(stderr, "%u file%s checked against %s: ", files,
                files == 1 ? "" : "s", job->name);
    } else {
        fprintf(stderr,
                "%u transcript%s, %u message%s checked (%u "
                "request%s, %u return%s, %u error repl%s, %u event%s, %u "
                "greeting%s): ",
                files, files == 1 ? "" : "s", s->messages,
                s->messages == 1 ? "" : "s", s->requests,
                s->requests == 1 ? "" : "s", s->returns,
                s->returns == 1 ? "" : "s", s->errors,
                s->errors == 1 ? "y" : "ies", s->events,
                s->events == 1 ? "" : "s", s->greetings,
                s->greetings == 1 ? "" : "s");
    }
    fprintf(stderr, "%u error%s, %u warning%s\n", errors,
            errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

int
main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = g_option_context_new(
        "FILE... - check JSON against a QAPI schema");
    g_autoptr(GError) error = NULL;
    g_autoptr(QapiSchema) schema = NULL;
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(JsonBuilder) b = NULL;
    QapiQmpLogStats total = { 0 };
    Job job = { 0, NULL };
    guint errors;
    int status;

    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_summary(
        ctx,
        "Checks each FILE against a type, a command's arguments or return "
        "value, or an event's data of a QAPI schema given as introspection "
        "data, or each message of a QMP transcript, and prints every "
        "problem as FILE:LINE:COL: WHERE: message.");
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        return usage_error("%s", error->message);
    }
    status = check_options(argc, &job);
    if (status != EXIT_OK) {
        return status;
    }
    if (opt_schema) {
        schema = qapi_schema_new_from_file(opt_schema, diags, &error);
        if (!schema) {
            print_lines(diags, 0, opt_schema);
            if (!qapi_diagnostics_get_length(diags)) {
                fprintf(stderr, "%s\n", error->message);
            }
            fprintf(stderr,
                    "fwdesc-qapi-validate: %s: not a usable "
                    "schema\n",
                    opt_schema);
            return EXIT_PROBLEMS;
        }
        if (job.name && !qapi_schema_has(schema, job.target, job.name)) {
            return usage_error("%s has no %s '%s'", opt_schema,
                               job.target == QAPI_SCHEMA_TYPE ? "type"
                               : job.target == QAPI_SCHEMA_EVENT_DATA
                                   ? "event"
                                   : "command",
                               job.name);
        }
    }
    if (opt_json) {
        b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "files");
        json_builder_begin_array(b);
    }
    for (int i = 1; i < argc; i++) {
        check_file(schema, &job, argv[i],
                   opt_tolerant ? QAPI_INPUT_TOLERANT : QAPI_INPUT_STRICT,
                   diags, &total, b);
    }
    errors = qapi_diagnostics_count(diags, QAPI_SEVERITY_ERROR);
    if (b) {
        g_autoptr(JsonNode) root = NULL;
        g_autofree char *text = NULL;

        json_builder_end_array(b);
        if (!job.name) {
            add_stats_json(b, &total);
        }
        json_builder_set_member_name(b, "errors");
        json_builder_add_int_value(b, errors);
        json_builder_set_member_name(b, "warnings");
        json_builder_add_int_value(
            b, qapi_diagnostics_count(diags, QAPI_SEVERITY_WARNING));
        json_builder_end_object(b);
        root = json_builder_get_root(b);
        text = qapi_json_to_string(root, QAPI_JSON_CANONICAL);
        fputs(text, stdout);
    }
    print_summary(argc - 1, &total, &job, errors,
                  qapi_diagnostics_count(diags, QAPI_SEVERITY_WARNING));
    g_free(opt_schema);
    g_free(opt_type);
    g_free(opt_command);
    g_free(opt_event);
    return errors ? EXIT_PROBLEMS : EXIT_OK;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <string.h>

#include "decode-outcome.h"

static void
append_visit(GString *out, Visitor *v, VisitFn visit)
{
    g_autoptr(GError) err = NULL;
    void *obj = NULL;
    bool ok = visit(v, NULL, &obj, &err);

    g_string_append_printf(out, "visit: %d %s\n", ok, err ? err->message : "");
    g_clear_error(&err);
    if (ok) {
        ok = qapi_json_input_visitor_finish(v, &err);
        g_string_append_printf(out, "finish: %d %s\n", ok,
                               err ? err->message : "");
    }
    g_string_append_printf(out, "verdict: %d\n",
                           qapi_json_input_visitor_get_verdict(v));
    for (guint i = 0; i < qapi_json_input_visitor_get_n_unknown_values(v);
         i++) {
        const QapiUnknownValue *u = qapi_json_input_visitor_get_unknown_value(
            v, i);

        g_string_append_printf(out, "unknown: %d %s '%s' %d:%d\n", u->action,
                               u->path, u->value, u->line, u->column);
    }
    if (obj) {
        g_autoptr(GString) text = g_string_new(NULL);
        Visitor *o = qapi_json_text_output_visitor_new(QAPI_JSON_COMPACT, text);
        void *copy = obj;

        /* A partial object (collect mode) may not write: say so. */
        if (visit(o, NULL, &copy, NULL)) {
            visit_complete(o, text);
            g_string_append_printf(out, "result: %s\n", text->str);
        } else {
            g_string_append(out, "result: (not writable)\n");
        }
        visit_free(o);
        free_with(visit, obj);
    }
}

char *
decode_outcome(Visitor *v, const GError *create_error, VisitFn visit,
               QapiDiagnostics *diags)
{
    GString *out = g_string_new(NULL);

    if (!v) {
        g_string_append_printf(out, "create: %d %s\n", create_error->code,
                               create_error->message);
    } else {
        append_visit(out, v, visit);
    }
    for (guint i = 0; diags && i < qapi_diagnostics_get_length(diags); i++) {
        g_autofree char *t = qapi_diagnostic_format(
            qapi_diagnostics_get(diags, i));

        g_string_append_printf(out, "diag: %d %s\n",
                               qapi_diagnostics_get(diags, i)->code, t);
    }
    return g_string_free(out, FALSE);
}

bool
decode_both(const char *text, gssize len, const char *filename,
            QapiInputFlags flags, QapiInputFlags lazy_flags,
            const QapiInputPolicy *policy, bool collecting, VisitFn visit,
            char **lazy, char **tree)
{
    g_autoptr(QapiDiagnostics) d1 = collecting ? qapi_diagnostics_new() : NULL;
    g_autoptr(QapiDiagnostics) d2 = collecting ? qapi_diagnostics_new() : NULL;
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(Visitor) lv = qapi_json_input_visitor_new(
        text, len, filename, flags | lazy_flags, d1, &e1);
    g_autoptr(QapiJsonDocument) doc = qapi_json_document_parse(
        text, len, filename, d2, &e2);
    g_autoptr(Visitor) tv =
        doc ? qapi_json_input_visitor_new_from_document(doc, flags, d2) : NULL;

    if (policy && lv) {
        qapi_json_input_visitor_set_policy(lv, policy);
    }
    if (policy && tv) {
        qapi_json_input_visitor_set_policy(tv, policy);
    }
    *lazy = decode_outcome(lv, e1, visit, d1);
    *tree = decode_outcome(tv, e2, visit, d2);
    return strcmp(*lazy, *tree) == 0;
}

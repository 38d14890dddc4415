/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The runtime's GError domain and the diagnostics list.  Every message the
 * runtime produces goes through qapi_diagnostic_format(), so GError texts
 * and linter listings read the same.
 */
#include <stdarg.h>

#include "qapi/error.h"

G_DEFINE_QUARK(qapi-error-quark, qapi_error)

struct QapiDiagnostics {
    GPtrArray *items;   /* of QapiDiagnostic * */
};

static void diagnostic_free(gpointer p)
{
    QapiDiagnostic *diag = p;

    g_free(diag->filename);
    g_free(diag->path);
    g_free(diag->message);
    g_free(diag);
}

QapiDiagnostics *qapi_diagnostics_new(void)
{
    QapiDiagnostics *diags = g_new0(QapiDiagnostics, 1);

    diags->items = g_ptr_array_new_with_free_func(diagnostic_free);
    return diags;
}

void qapi_diagnostics_free(QapiDiagnostics *diags)
{
    if (!diags) {
        return;
    }
    g_ptr_array_unref(diags->items);
    g_free(diags);
}

void qapi_diagnostics_add(QapiDiagnostics *diags, QapiSeverity severity,
                          QapiErrorCode code, const char *filename,
                          const char *path, int line, int column,
                          const char *format, ...)
{
    QapiDiagnostic *diag;
    va_list ap;

    g_return_if_fail(diags && format);
    diag = g_new0(QapiDiagnostic, 1);
    diag->severity = severity;
    diag->code = code;
    diag->filename = g_strdup(filename);
    diag->path = g_strdup(path ? path : "");
    diag->line = line;
    diag->column = column;
    va_start(ap, format);
    diag->message = g_strdup_vprintf(format, ap);
    va_end(ap);
    g_ptr_array_add(diags->items, diag);
}

guint qapi_diagnostics_get_length(const QapiDiagnostics *diags)
{
    g_return_val_if_fail(diags, 0);
    return diags->items->len;
}

const QapiDiagnostic *qapi_diagnostics_get(const QapiDiagnostics *diags,
                                           guint index)
{
    g_return_val_if_fail(diags && index < diags->items->len, NULL);
    return g_ptr_array_index(diags->items, index);
}

guint qapi_diagnostics_count(const QapiDiagnostics *diags,
                             QapiSeverity severity)
{
    guint n = 0;

    g_return_val_if_fail(diags, 0);
    for (guint i = 0; i < diags->items->len; i++) {
        const QapiDiagnostic *diag = g_ptr_array_index(diags->items, i);
        n += diag->severity == severity;
    }
    return n;
}

char *qapi_diagnostic_format(const QapiDiagnostic *diag)
{
    GString *out = g_string_new(NULL);

    g_return_val_if_fail(diag, NULL);
    if (diag->filename) {
        g_string_append_printf(out, "%s:", diag->filename);
    }
    if (diag->line > 0) {
        g_string_append_printf(out, "%d:", diag->line);
        if (diag->column > 0) {
            g_string_append_printf(out, "%d:", diag->column);
        }
    }
    if (out->len) {
        g_string_append_c(out, ' ');
    }
    if (diag->path && diag->path[0]) {
        g_string_append_printf(out, "%s: ", diag->path);
    }
    if (diag->severity == QAPI_SEVERITY_WARNING) {
        g_string_append(out, "warning: ");
    }
    g_string_append(out, diag->message ? diag->message : "");
    return g_string_free(out, FALSE);
}

GError *qapi_diagnostic_to_gerror(const QapiDiagnostic *diag)
{
    g_autofree char *text = qapi_diagnostic_format(diag);

    return g_error_new_literal(QAPI_ERROR, diag->code, text);
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Small helpers over QapiDiagnostics lists shared by the library's files. */
#include "fwdesc-private.h"

char *
fwdesc_diagnostic_brief(const QapiDiagnostic *diag)
{
    GString *s = g_string_new(NULL);
    if (diag->line > 0) {
        g_string_append_printf(s, "%d:", diag->line);
        if (diag->column > 0) {
            g_string_append_printf(s, "%d:", diag->column);
        }
        g_string_append_c(s, ' ');
    }
    if (diag->path && *diag->path) {
        g_string_append_printf(s, "%s: ", diag->path);
    }
    g_string_append(s, diag->message ? diag->message : "");
    return g_string_free(s, FALSE);
}

void
fwdesc_diagnostics_append(QapiDiagnostics *dst, const QapiDiagnostics *src)
{
    guint n = qapi_diagnostics_get_length(src);
    for (guint i = 0; i < n; i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(src, i);
        qapi_diagnostics_add(dst, d->severity, d->code, d->filename, d->path,
                             d->line, d->column, "%s", d->message);
    }
}

const QapiDiagnostic *
fwdesc_diagnostics_first_error(const QapiDiagnostics *diags)
{
    guint n = qapi_diagnostics_get_length(diags);
    for (guint i = 0; i < n; i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        if (d->severity == QAPI_SEVERITY_ERROR) {
            return d;
        }
    }
    return NULL;
}

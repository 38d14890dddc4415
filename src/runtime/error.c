/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The runtime's GError domain and the diagnostics list.  Every message the
 * runtime produces goes through qapi_diagnostic_format(), so GError texts
 * and linter listings read the same.
 */
#include <stdarg.h>
#include <string.h>

#include "qapi/error.h"
#include "visitor-impl.h"

/* The macro makes a string of the name: keep clang-format from spacing
 * its dashes. */
/* clang-format off */
G_DEFINE_QUARK(qapi-error-quark, qapi_error)
/* clang-format on */

struct QapiDiagnostics {
    GPtrArray *items; /* of QapiDiagnostic * */
};

static void
diagnostic_free(gpointer p)
{
    QapiDiagnostic *diag = p;

    g_free(diag->filename);
    g_free(diag->path);
    g_free(diag->message);
    g_free(diag);
}

QapiDiagnostics *
qapi_diagnostics_new(void)
{
    QapiDiagnostics *diags = g_new0(QapiDiagnostics, 1);

    diags->items = g_ptr_array_new_with_free_func(diagnostic_free);
    return diags;
}

void
qapi_diagnostics_free(QapiDiagnostics *diags)
{
    if (!diags) {
        return;
    }
    g_ptr_array_unref(diags->items);
    g_free(diags);
}

void
qapi_diagnostics_add(QapiDiagnostics *diags, QapiSeverity severity,
                     QapiErrorCode code, const char *filename, const char *path,
                     int line, int column, const char *format, ...)
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

guint
qapi_diagnostics_get_length(const QapiDiagnostics *diags)
{
    g_return_val_if_fail(diags, 0);
    return diags->items->len;
}

const QapiDiagnostic *
qapi_diagnostics_get(const QapiDiagnostics *diags, guint index)
{
    g_return_val_if_fail(diags && index < diags->items->len, NULL);
    return g_ptr_array_index(diags->items, index);
}

guint
qapi_diagnostics_count(const QapiDiagnostics *diags, QapiSeverity severity)
{
    guint n = 0;

    g_return_val_if_fail(diags, 0);
    for (guint i = 0; i < diags->items->len; i++) {
        const QapiDiagnostic *diag = g_ptr_array_index(diags->items, i);
        n += diag->severity == severity;
    }
    return n;
}

/* ---- escaping document text for messages --------------------------------- */

/*
 * The length of the sequence at @p (at most @n bytes) that must be escaped,
 * with its code point (or the byte, for invalid UTF-8) in *@cp, or 0 when
 * the character at @p may be shown as it is.  Escaped: C0 controls, DEL,
 * C1 controls (U+0080..U+009F, e.g. the one-byte CSI of terminals), U+2028
 * and U+2029 (line breaks to some consumers), bytes that are not UTF-8.
 */
static size_t
needs_escape(const unsigned char *p, size_t n, gunichar *cp)
{
    gunichar c;
    size_t len;

    if (*p < 0x80) {
        *cp = *p;
        return *p < 0x20 || *p == 0x7f;
    }
    c = g_utf8_get_char_validated((const char *)p, (gssize)n);
    if (c == (gunichar)-1 || c == (gunichar)-2) {
        *cp = *p;
        return 1;
    }
    len = g_utf8_skip[*p];
    *cp = c;
    if ((c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
        return len;
    }
    return 0;
}

static void
append_escape(GString *out, gunichar c, bool invalid)
{
    switch (c) {
    /* clang-format off */
    case '\\': g_string_append(out, "\\\\"); return;
    case '"': g_string_append(out, "\\\""); return;
    case '\b': g_string_append(out, "\\b"); return;
    case '\f': g_string_append(out, "\\f"); return;
    case '\n': g_string_append(out, "\\n"); return;
    case '\r': g_string_append(out, "\\r"); return;
    case '\t': g_string_append(out, "\\t"); return;
        /* clang-format on */
    }
    if (invalid) {
        g_string_append_printf(out, "\\x%02x", (unsigned)c);
    } else {
        g_string_append_printf(out, "\\u%04x", (unsigned)c);
    }
}

void
qapi_append_escaped(GString *out, const char *text, size_t len, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)text;
    const unsigned char *end = p + len;
    const unsigned char *plain = p;

    while (p < end) {
        gunichar c;
        size_t n = needs_escape(p, end - p, &c);
        bool special = !n
                       && (((flags & QAPI_ESCAPE_BACKSLASH) && *p == '\\')
                           || ((flags & QAPI_ESCAPE_QUOTE) && *p == '"'));

        if (!n && !special) {
            p += *p < 0x80 ? 1 : g_utf8_skip[*p];
            continue;
        }
        g_string_append_len(out, (const char *)plain, p - plain);
        append_escape(out, c, n == 1 && *p >= 0x80);
        p += n ? n : 1;
        plain = p;
    }
    g_string_append_len(out, (const char *)plain, p - plain);
}

char *
qapi_escape(const char *text)
{
    GString *out = g_string_new(NULL);

    qapi_append_escaped(out, text ? text : "", text ? strlen(text) : 0,
                        QAPI_ESCAPE_BACKSLASH);
    return g_string_free(out, FALSE);
}

char *
qapi_escape_display(const char *text)
{
    GString *out = g_string_new(NULL);

    qapi_append_escaped(out, text ? text : "", text ? strlen(text) : 0, 0);
    return g_string_free(out, FALSE);
}

/* Whether member @name must be quoted as a path segment: empty, or holding
 * a character of path syntax or one that is shown escaped. */
static bool
needs_quoting(const char *name)
{
    const unsigned char *p = (const unsigned char *)name;
    const unsigned char *end = p + strlen(name);

    if (p == end) {
        return true;
    }
    while (p < end) {
        gunichar c;

        if (needs_escape(p, end - p, &c) || strchr(".[]\"\\", *p)) {
            return true;
        }
        p += *p < 0x80 ? 1 : g_utf8_skip[*p];
    }
    return false;
}

void
qapi_path_append_member(GString *path, const char *name)
{
    if (!needs_quoting(name)) {
        if (path->len) {
            g_string_append_c(path, '.');
        }
        g_string_append(path, name);
        return;
    }
    g_string_append(path, "[\"");
    qapi_append_escaped(path, name, strlen(name),
                        QAPI_ESCAPE_BACKSLASH | QAPI_ESCAPE_QUOTE);
    g_string_append(path, "\"]");
}

/* @text with its control characters escaped, so that a diagnostic stays one
 * line whatever a caller put into it (runtime messages already come
 * escaped; backslashes are left as they are). */
static void
append_shown(GString *out, const char *text)
{
    qapi_append_escaped(out, text, strlen(text), 0);
}

char *
qapi_diagnostic_format(const QapiDiagnostic *diag)
{
    GString *out = g_string_new(NULL);

    g_return_val_if_fail(diag, NULL);
    if (diag->filename) {
        append_shown(out, diag->filename);
        g_string_append_c(out, ':');
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
        append_shown(out, diag->path);
        g_string_append(out, ": ");
    }
    if (diag->severity == QAPI_SEVERITY_WARNING) {
        g_string_append(out, "warning: ");
    }
    append_shown(out, diag->message ? diag->message : "");
    return g_string_free(out, FALSE);
}

GError *
qapi_diagnostic_to_gerror(const QapiDiagnostic *diag)
{
    g_autofree char *text = qapi_diagnostic_format(diag);

    return g_error_new_literal(QAPI_ERROR, diag->code, text);
}

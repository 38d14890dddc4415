/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Errors of the QAPI runtime: one GError domain with codes a program can
 * switch on, and a diagnostics list so that a linter can report every
 * problem of a document, not only the first.
 */
#ifndef QAPI_ERROR_H
#define QAPI_ERROR_H

#include <glib.h>

G_BEGIN_DECLS

#define QAPI_ERROR (qapi_error_quark())
GQuark qapi_error_quark(void);

typedef enum QapiErrorCode {
    QAPI_ERROR_SYNTAX,           /* not JSON, or JSON this runtime refuses */
    QAPI_ERROR_DUPLICATE_MEMBER, /* the same key twice in one object */
    QAPI_ERROR_MISSING_MEMBER,   /* a required member is absent */
    QAPI_ERROR_UNKNOWN_MEMBER,   /* a member the schema does not define */
    QAPI_ERROR_TYPE_MISMATCH,    /* wrong JSON type for the member */
    QAPI_ERROR_OUT_OF_RANGE,     /* number outside the member's C type */
    QAPI_ERROR_INVALID_VALUE,    /* a value the member cannot take (bad
                                   * UTF-8; output: an enum out of range) */
    QAPI_ERROR_TOO_DEEP,         /* nesting beyond QAPI_JSON_MAX_DEPTH */
    QAPI_ERROR_TOO_LARGE,        /* input, string or list beyond a limit */
    QAPI_ERROR_SEMANTIC,         /* schema-valid but breaks a stated rule */
    QAPI_ERROR_IO,               /* reading or writing a file failed */
    QAPI_ERROR_POLICY,           /* rejected by a feature policy */
    QAPI_ERROR_UNKNOWN_VALUE,    /* a string that is not a member of the
                                   * enum (dropped, unsupported or an
                                   * error, as the input policy says) */
} QapiErrorCode;

typedef enum QapiSeverity {
    QAPI_SEVERITY_ERROR,
    QAPI_SEVERITY_WARNING,
} QapiSeverity;

/*
 * One problem found in a document.  @path is the member path in the
 * document ("mapping.executable.format", "targets[1].architecture"; "" for
 * the whole document).  @line and @column are 1-based positions in the
 * text, 0 when unknown (e.g. input from a JsonNode).
 */
typedef struct QapiDiagnostic {
    QapiSeverity severity;
    QapiErrorCode code;
    char *filename; /* may be NULL */
    char *path;
    int line;
    int column;
    char *message; /* the problem alone, without file, position or path */
} QapiDiagnostic;

typedef struct QapiDiagnostics QapiDiagnostics;

QapiDiagnostics *qapi_diagnostics_new(void);
void qapi_diagnostics_free(QapiDiagnostics *diags);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QapiDiagnostics, qapi_diagnostics_free)

void qapi_diagnostics_add(QapiDiagnostics *diags, QapiSeverity severity,
                          QapiErrorCode code, const char *filename,
                          const char *path, int line, int column,
                          const char *format, ...) G_GNUC_PRINTF(8, 9);
guint qapi_diagnostics_get_length(const QapiDiagnostics *diags);
const QapiDiagnostic *qapi_diagnostics_get(const QapiDiagnostics *diags,
                                           guint index);
guint qapi_diagnostics_count(const QapiDiagnostics *diags,
                             QapiSeverity severity);

/*
 * "FILE:LINE:COL: PATH: message", leaving out what is unknown.  This is the
 * one format every diagnostic and GError message of the runtime uses.  The
 * result is always one line: control characters (C0, DEL, C1, U+2028,
 * U+2029) and bytes that are not UTF-8 in FILE, PATH or message are shown
 * escaped ("\n", "\u001b", "\xff"); backslashes are kept as they are.
 */
char *qapi_diagnostic_format(const QapiDiagnostic *diag);

/* @text (a file name, say) as qapi_diagnostic_format() shows it: one
 * line, control characters and bytes that are not UTF-8 escaped, for
 * printing names that come from outside (newly allocated). */
char *qapi_escape_display(const char *text);

/* A GError carrying @diag's code and formatted text. */
GError *qapi_diagnostic_to_gerror(const QapiDiagnostic *diag);

G_END_DECLS

#endif /* QAPI_ERROR_H */

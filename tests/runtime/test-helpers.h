/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Small helpers shared by the runtime tests. */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

#include <string.h>
#include <glib.h>

#include "qapi/qapi.h"
#include "visit-fn.h"

/* A strict, stop-at-first-error visitor over @json, which must parse. */
static inline Visitor *
strict_input(const char *json)
{
    g_autoptr(GError) err = NULL;
    Visitor *v = qapi_json_input_visitor_new(json, -1, NULL, QAPI_INPUT_STRICT,
                                             NULL, &err);

    g_assert_no_error(err);
    g_assert_nonnull(v);
    return v;
}

/* What @visit reads from @json (strict, stop mode), which must succeed;
 * the caller frees it. */
static inline void *
from_text(VisitFn visit, const char *json)
{
    g_autoptr(Visitor) v = strict_input(json);
    g_autoptr(GError) err = NULL;
    void *obj = NULL;

    g_assert_true(visit(v, NULL, &obj, &err));
    g_assert_no_error(err);
    return obj;
}

/* Asserts @diag says @code at @path (and at @line:@col when not 0). */
static inline void
assert_diag(const QapiDiagnostic *diag, QapiSeverity sev, QapiErrorCode code,
            const char *path, int line, int col)
{
    g_assert_nonnull(diag);
    if (diag->code != code || strcmp(diag->path, path) != 0
        || diag->severity != sev) {
        g_autofree char *text = qapi_diagnostic_format(diag);

        g_test_message("unexpected diagnostic: %s (code %d)", text, diag->code);
    }
    g_assert_cmpint(diag->severity, ==, sev);
    g_assert_cmpint(diag->code, ==, code);
    g_assert_cmpstr(diag->path, ==, path);
    if (line) {
        g_assert_cmpint(diag->line, ==, line);
    }
    if (col) {
        g_assert_cmpint(diag->column, ==, col);
    }
}

/* Asserts @err is a QAPI error @code whose message names @path. */
static inline void
assert_gerror(const GError *err, QapiErrorCode code, const char *path)
{
    g_assert_nonnull(err);
    if (!g_error_matches(err, QAPI_ERROR, code)) {
        g_test_message("unexpected error: %s (code %d)", err->message,
                       err->code);
    }
    g_assert_error(err, QAPI_ERROR, (gint)code);
    if (path && *path) {
        g_autofree char *needle = g_strdup_printf(" %s: ", path);
        bool found = strstr(err->message, needle)
                     || g_str_has_prefix(err->message, needle + 1);

        if (!found) {
            g_test_message("path '%s' not in: %s", path, err->message);
        }
        g_assert_true(found);
    }
}

#endif /* TEST_HELPERS_H */

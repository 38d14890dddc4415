/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * descriptor.c on our own small inputs (tests/firmware/data): the
 * schema's prose rules, every problem of a document at once, the
 * tolerant-loading policy, descriptors built from a struct, positions.
 */
#include "test-util.h"

static void
expect_semantic(const char *fixture, const char *path)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) d = test_load(fixture, FWDESC_LOAD_STRICT,
                                              diags, &err);
    g_assert_null(d);
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
    g_assert_true(test_has_diag(diags, QAPI_SEVERITY_ERROR, path));
    /* Found after parsing, yet positioned in the text like parse errors. */
    const QapiDiagnostic *first = qapi_diagnostics_get(diags, 0);
    g_assert_cmpint(first->line, >, 1);
    g_assert_cmpint(first->column, >, 1);
}

static void
test_prose_rules(void)
{
    /* nvram-template: required for split and for an absent mode... */
    expect_semantic("no-template-no-mode.json", "mapping.nvram-template");
    expect_semantic("no-template-split.json", "mapping.nvram-template");
    /* ...forbidden for combined and stateless. */
    expect_semantic("template-combined.json", "mapping.nvram-template");
    expect_semantic("template-stateless.json", "mapping.nvram-template");
    expect_semantic("split-verbose-both.json", "features");

    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_assert_null(
        test_load("no-interface-types.json", FWDESC_LOAD_STRICT, diags, &err));
    g_assert_true(test_has_diag(diags, QAPI_SEVERITY_ERROR, "interface-types"));

    /* And what is fine stays fine. */
    g_autoptr(FwdescDescriptor) a = test_load_ok("split-verbose-dynamic.json");
    g_autoptr(FwdescDescriptor) b = test_load_ok("combined.json");
    g_autoptr(FwdescDescriptor) c = test_load_ok("stateless.json");
    g_assert_cmpint(fwdesc_descriptor_get_flash_mode(a), ==,
                    FIRMWARE_FLASH_MODE_SPLIT);
    g_assert_false(
        fwdesc_descriptor_get_firmware(a)->mapping->u.flash.has_mode);
    g_assert_cmpint(fwdesc_descriptor_get_flash_mode(b), ==,
                    FIRMWARE_FLASH_MODE_COMBINED);
    g_assert_cmpint(fwdesc_descriptor_get_flash_mode(c), ==,
                    FIRMWARE_FLASH_MODE_STATELESS);
}

/* All problems of one document, each with its path and position. */
static void
test_all_problems(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_assert_null(
        test_load("all-problems.json", FWDESC_LOAD_STRICT, diags, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
    g_assert_true(test_has_diag(diags, QAPI_SEVERITY_ERROR, "mapping.mode"));
    g_assert_true(test_has_diag(diags, QAPI_SEVERITY_ERROR,
                                "mapping.executable.filename"));
    g_assert_true(test_has_diag(diags, QAPI_SEVERITY_ERROR, "features[1]"));
    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        g_assert_cmpint(d->line, >, 0);
        g_assert_cmpint(d->column, >, 0);
    }
    /* Not JSON at all. */
    g_clear_error(&err);
    g_assert_null(
        test_load("truncated.json", FWDESC_LOAD_TOLERANT, NULL, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
}

static void
test_tolerant_policy(void)
{
    g_autoptr(GError) err = NULL;
    /* Unknown features and members: warnings; the features remembered. */
    g_assert_null(test_load("newer.json", FWDESC_LOAD_STRICT, NULL, &err));
    g_clear_error(&err);
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(FwdescDescriptor) d = test_load(
        "newer.json", FWDESC_LOAD_TOLERANT, diags, &err);
    g_assert_no_error(err);
    g_assert_nonnull(d);
    g_assert_cmpuint(qapi_diagnostics_count(diags, QAPI_SEVERITY_WARNING), ==,
                     2);
    const char *const *unknown = fwdesc_descriptor_get_unknown_features(d);
    g_assert_cmpstr(unknown[0], ==, "warp-drive");
    g_assert_null(unknown[1]);
    g_assert_true(
        fwdesc_descriptor_has_feature(d, FIRMWARE_FEATURE_SECURE_BOOT));

    /* Unknown device, mode, format: unsupported when tolerant. */
    static const char *const mappings[] = {
        "unknown-device.json",
        "unknown-mode.json",
        "unknown-format.json",
        "unknown-template-format.json",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(mappings); i++) {
        g_clear_error(&err);
        g_assert_null(test_load(mappings[i], FWDESC_LOAD_TOLERANT, NULL, &err));
        g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_UNSUPPORTED);
        g_clear_error(&err);
        g_assert_null(test_load(mappings[i], FWDESC_LOAD_STRICT, NULL, &err));
        g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
    }
    /* Unknown interface, architecture: unsupported as well. */
    static const char *const others[] = {
        "unknown-interface.json",
        "unknown-architecture.json",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(others); i++) {
        g_clear_error(&err);
        g_assert_null(test_load(others[i], FWDESC_LOAD_TOLERANT, NULL, &err));
        g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_UNSUPPORTED);
    }
    /* An unknown device does not excuse unrelated breakage. */
    g_clear_error(&err);
    g_assert_null(test_load("unknown-device-and-broken.json",
                            FWDESC_LOAD_TOLERANT, NULL, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
}

static void
test_descriptor_new(void)
{
    g_autoptr(FwdescDescriptor) d = test_load_ok("split.json");
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) copy = fwdesc_descriptor_new(
        fwdesc_descriptor_get_firmware(d), &err);
    g_assert_no_error(err);
    g_autofree char *a = fwdesc_descriptor_to_json(d);
    g_autofree char *b = fwdesc_descriptor_to_json(copy);
    g_assert_cmpstr(a, ==, b);
    g_assert_true(fwdesc_descriptor_ref(copy) == copy);
    fwdesc_descriptor_unref(copy);
    g_assert_cmpstr(fwdesc_version(), ==, FWDESC_VERSION);
}

/* Positions of later diagnostics come from the text, like the parser's. */
static void
test_positions(void)
{
    g_autofree char *text = test_data_read("positions.json");
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) d = test_load("positions.json",
                                              FWDESC_LOAD_STRICT, NULL, &err);
    g_assert_no_error(err);
    g_assert_cmpuint(fwdesc_lint_descriptor(d, FWDESC_LINT_NO_FILES, diags), ==,
                     3);
    static const struct {
        const char *path;
        int line, column;
    } want[] = {
        { "features", 5, 14 },
        { "targets[0].machines[1]", 4, 61 },
        { "mapping.filename", 3, 46 },
    };
    for (gsize i = 0; i < G_N_ELEMENTS(want); i++) {
        gboolean found = FALSE;
        for (guint j = 0; j < qapi_diagnostics_get_length(diags); j++) {
            const QapiDiagnostic *x = qapi_diagnostics_get(diags, j);
            if (!strcmp(x->path, want[i].path)) {
                g_assert_cmpint(x->line, ==, want[i].line);
                g_assert_cmpint(x->column, ==, want[i].column);
                found = TRUE;
            }
        }
        g_assert_true(found);
    }
    /* Lone CR and CR LF end lines too, as in the runtime's reader. */
    for (gsize k = 0; k < 2; k++) {
        g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
        g_autofree char *other = g_strjoinv(k ? "\r" : "\r\n", lines);
        g_autoptr(QapiDiagnostics) d3 = qapi_diagnostics_new();
        g_autoptr(FwdescDescriptor) o = fwdesc_descriptor_load_data(
            other, -1, "t.json", FWDESC_LOAD_STRICT, NULL, &err);
        g_assert_no_error(err);
        fwdesc_lint_descriptor(o, FWDESC_LINT_NO_FILES, d3);
        gboolean found = FALSE;
        for (guint j = 0; j < qapi_diagnostics_get_length(d3); j++) {
            const QapiDiagnostic *x = qapi_diagnostics_get(d3, j);
            if (!strcmp(x->path, "targets[0].machines[1]")) {
                g_assert_cmpint(x->line, ==, 4);
                g_assert_cmpint(x->column, ==, 61);
                found = TRUE;
            }
        }
        g_assert_true(found);
    }
    /* The runtime's reader puts a type error at the same place. */
    g_autofree char *bad = g_strdup(text);
    char *second = strstr(strstr(bad, "\"pc\""), ", \"pc\"") + 2;
    memcpy(second, "1234", 4);
    g_autoptr(QapiDiagnostics) d2 = qapi_diagnostics_new();
    g_autoptr(GError) e2 = NULL;
    g_assert_null(fwdesc_descriptor_load_data(bad, -1, "t.json",
                                              FWDESC_LOAD_STRICT, d2, &e2));
    const QapiDiagnostic *x = qapi_diagnostics_get(d2, 0);
    g_assert_cmpstr(x->path, ==, "targets[0].machines[1]");
    g_assert_cmpint(x->line, ==, 4);
    g_assert_cmpint(x->column, ==, 61);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/descriptor/prose-rules", test_prose_rules);
    g_test_add_func("/descriptor/all-problems", test_all_problems);
    g_test_add_func("/descriptor/tolerant-policy", test_tolerant_policy);
    g_test_add_func("/descriptor/new", test_descriptor_new);
    g_test_add_func("/descriptor/positions", test_positions);
    return g_test_run();
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lint.c: warnings about valid descriptors (duplicate features, Secure
 * Boot without SMM, relative or missing files, one firmware under two
 * names), each at its member path.
 */
#include "test-util.h"

static void
test_lint_descriptor(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(FwdescDescriptor) sb = test_load_ok(
        "lint-duplicate-feature.json");
    guint n = fwdesc_lint_descriptor(sb, FWDESC_LINT_NO_FILES, diags);
    g_assert_cmpuint(n, ==, 2);
    g_assert_true(test_has_diag(diags, QAPI_SEVERITY_WARNING, "features"));
    g_assert_true(test_has_diag(diags, QAPI_SEVERITY_WARNING, "features[2]"));
    /* The fixture has "features" on line 7. */
    g_assert_cmpint(qapi_diagnostics_get(diags, 1)->line, ==, 7);

    /* Confidential-computing firmware is exempt from the SMM rule. */
    g_autoptr(QapiDiagnostics) d2 = qapi_diagnostics_new();
    g_autoptr(FwdescDescriptor) tdx = test_load_ok("lint-confidential.json");
    g_assert_cmpuint(fwdesc_lint_descriptor(tdx, FWDESC_LINT_NO_FILES, d2), ==,
                     0);

    g_autoptr(QapiDiagnostics) d3 = qapi_diagnostics_new();
    g_autoptr(FwdescDescriptor) rel = test_load_ok("lint-relative-path.json");
    g_assert_cmpuint(fwdesc_lint_descriptor(rel, FWDESC_LINT_DEFAULT, d3), ==,
                     2);
    g_assert_true(test_has_diag(d3, QAPI_SEVERITY_WARNING, "mapping.filename"));

    g_autoptr(QapiDiagnostics) d4 = qapi_diagnostics_new();
    g_autoptr(FwdescDescriptor) missing = test_load_ok("split.json");
    g_assert_cmpuint(fwdesc_lint_descriptor(missing, FWDESC_LINT_DEFAULT, d4),
                     ==, 2);
    g_assert_true(test_has_diag(d4, QAPI_SEVERITY_WARNING,
                                "mapping.executable.filename"));
}

/* One firmware under two names, across a catalog. */
static void
test_lint_catalog(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-lint-XXXXXX", NULL);
    test_write_data(dir, "10-a.json", "split.json");
    test_write_data(dir, "20-copy.json", "split.json");
    g_autofree char *link = g_build_filename(dir, "30-link.json", NULL);
    g_assert_cmpint(symlink("10-a.json", link), ==, 0);
    const char *dirs[] = { dir, NULL };
    g_autoptr(FwdescCatalog) c = fwdesc_catalog_load(dirs, FWDESC_LOAD_STRICT);
    g_autoptr(QapiDiagnostics) d5 = qapi_diagnostics_new();
    g_assert_cmpuint(fwdesc_lint_catalog(c, d5), ==, 2);
    test_rmtree(dir);
}

/* Whether @diags has a diagnostic of @severity for a file ending in
 * @suffix. */
static gboolean
has_file_diag(const QapiDiagnostics *diags, const char *suffix,
              QapiSeverity severity)
{
    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        if (g_str_has_suffix(d->filename, suffix) && d->severity == severity) {
            return TRUE;
        }
    }
    return FALSE;
}

/* What "fwdesc lint" does over a catalog: each ok file linted, each
 * invalid or unsupported one explained, masked ones left alone, then the
 * catalog; every diagnostic names its file. */
static void
test_lint_entries(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-lint-XXXXXX", NULL);
    test_write_data(dir, "10-sb.json", "split-secure-boot.json");
    test_write_data(dir, "20-bad.json", "broken.json");
    test_write_data(dir, "30-rom.json", "unsupported-device.json");
    test_write_data(dir, "40-copy.json", "split-secure-boot.json");
    test_write(dir, "50-mask.json", "");
    const char *dirs[] = { dir, NULL };
    g_autoptr(FwdescCatalog) c = fwdesc_catalog_load(dirs,
                                                     FWDESC_LOAD_TOLERANT);
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    guint n = fwdesc_lint_entries(c, FWDESC_LINT_NO_FILES, diags);
    g_assert_cmpuint(n, ==, qapi_diagnostics_get_length(diags));
    /* secure-boot without requires-smm on x86 */
    g_assert_true(has_file_diag(diags, "10-sb.json", QAPI_SEVERITY_WARNING));
    g_assert_true(has_file_diag(diags, "20-bad.json", QAPI_SEVERITY_ERROR));
    g_assert_true(has_file_diag(diags, "30-rom.json", QAPI_SEVERITY_ERROR));
    /* the same images under a second name (the catalog's lint) */
    g_assert_true(has_file_diag(diags, "40-copy.json", QAPI_SEVERITY_WARNING));
    g_assert_false(has_file_diag(diags, "50-mask.json", QAPI_SEVERITY_ERROR));
    for (guint i = 0; i < n; i++) {
        g_assert_nonnull(qapi_diagnostics_get(diags, i)->filename);
    }

    /* Nothing wrong: nothing added. */
    g_autofree char *fine = test_data_path("split-smm-secure-boot.json");
    const char *files[] = { fine, NULL };
    g_autoptr(FwdescCatalog) one = fwdesc_catalog_load_files(
        files, FWDESC_LOAD_STRICT);
    g_autoptr(QapiDiagnostics) none = qapi_diagnostics_new();
    g_assert_cmpuint(fwdesc_lint_entries(one, FWDESC_LINT_NO_FILES, none), ==,
                     0);
    test_rmtree(dir);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/lint/descriptor", test_lint_descriptor);
    g_test_add_func("/lint/catalog", test_lint_catalog);
    g_test_add_func("/lint/entries", test_lint_entries);
    return g_test_run();
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by the firmware library's tests. */
#ifndef FWDESC_TEST_UTIL_H
#define FWDESC_TEST_UTIL_H

#include <string.h>
#include <unistd.h>

#include "fwdesc/fwdesc.h"

/* Our own small inputs, one file each (FWDESC_TEST_DATA overrides). */
static inline char *
test_data_path(const char *name)
{
    const char *env = g_getenv("FWDESC_TEST_DATA");
    return g_build_filename(env ? env : "tests/firmware/data", name, NULL);
}

/* The text of fixture @name; a missing fixture fails the test. */
static inline char *
test_data_read(const char *name)
{
    g_autofree char *path = test_data_path(name);
    g_autoptr(GError) err = NULL;
    char *text = NULL;
    g_file_get_contents(path, &text, NULL, &err);
    g_assert_no_error(err);
    return text;
}

/* Load fixture @name from memory, as a toolstack holding the text would. */
static inline FwdescDescriptor *
test_load(const char *name, FwdescLoadFlags flags, QapiDiagnostics *diags,
          GError **error)
{
    g_autofree char *text = test_data_read(name);
    return fwdesc_descriptor_load_data(text, -1, name, flags, diags, error);
}

/* Fixture @name, which must load strictly. */
static inline FwdescDescriptor *
test_load_ok(const char *name)
{
    g_autoptr(GError) err = NULL;
    FwdescDescriptor *d = test_load(name, FWDESC_LOAD_STRICT, NULL, &err);
    g_assert_no_error(err);
    g_assert_nonnull(d);
    return d;
}

/* Whether @diags holds a diagnostic of @sev at member @path. */
static inline gboolean
test_has_diag(const QapiDiagnostics *diags, QapiSeverity sev, const char *path)
{
    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        if (d->severity == sev && !g_strcmp0(d->path, path)) {
            return TRUE;
        }
    }
    return FALSE;
}

/* The shared corpus, read in place (FWDESC_CORPUS overrides). */
static inline const char *
test_corpus_dir(void)
{
    const char *env = g_getenv("FWDESC_CORPUS");
    return env ? env : "../shared/corpus";
}

static inline char *
test_corpus_path(const char *rel)
{
    return g_build_filename(test_corpus_dir(), rel, NULL);
}

static inline gboolean
test_have_corpus(void)
{
    g_autofree char *p = test_corpus_path("descriptors/INDEX.tsv");
    if (!g_file_test(p, G_FILE_TEST_EXISTS)) {
        /* CI always has it beside the clone: there, a failure. */
        if (!g_strcmp0(g_getenv("CI"), "true")) {
            g_test_fail_printf("corpus not found at %s (CI must provide it)",
                               test_corpus_dir());
        } else {
            g_test_skip("corpus not found at ../shared/corpus "
                        "(set FWDESC_CORPUS)");
        }
        return FALSE;
    }
    return TRUE;
}

static inline void
test_write(const char *dir, const char *name, const char *text)
{
    g_autofree char *p = g_build_filename(dir, name, NULL);
    g_assert_true(g_file_set_contents(p, text, -1, NULL));
}

/* Copy fixture @fixture into @dir as @name. */
static inline void
test_write_data(const char *dir, const char *name, const char *fixture)
{
    g_autofree char *text = test_data_read(fixture);
    test_write(dir, name, text);
}

static inline void
test_copy(const char *src, const char *dir, const char *name)
{
    g_autofree char *data = NULL;
    gsize len;
    g_assert_true(g_file_get_contents(src, &data, &len, NULL));
    g_autofree char *p = g_build_filename(dir, name, NULL);
    g_assert_true(g_file_set_contents(p, data, (gssize)len, NULL));
}

/* Remove a scratch tree (files, symlinks, FIFOs, one level of dirs). */
static inline void
test_rmtree(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        g_autofree char *p = g_build_filename(dir, name, NULL);
        if (g_file_test(p, G_FILE_TEST_IS_DIR)
            && !g_file_test(p, G_FILE_TEST_IS_SYMLINK)) {
            test_rmtree(p);
        } else {
            unlink(p);
        }
    }
    rmdir(dir);
}

/* Entries of @dir, hidden ones included. */
static inline guint
test_count_entries(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    guint n = 0;
    while (d && g_dir_read_name(d)) {
        n++;
    }
    return n;
}

/* Index of the entry named @name in @dir (the effective one first). */
static inline const FwdescEntry *
test_find_entry(const FwdescCatalog *catalog, const char *path)
{
    for (guint i = 0; i < fwdesc_catalog_get_n_entries(catalog); i++) {
        const FwdescEntry *e = fwdesc_catalog_get_entry(catalog, i);
        if (!strcmp(fwdesc_entry_get_path(e), path)) {
            return e;
        }
    }
    return NULL;
}

#endif /* FWDESC_TEST_UTIL_H */

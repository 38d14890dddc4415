/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Runs a libFuzzer harness over saved inputs without libFuzzer, as a TAP
 * test: the seed corpus, the regression inputs of past failures, and the
 * shared corpus of real descriptors when it is there.  This keeps every
 * harness's invariants checked by 'make check', and under valgrind and
 * the sanitizers, with the normal compiler.
 *
 *   replay-NAME [FILE_OR_DIR...]   (default: the directories below)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const default_sources[] = {
    "tests/fuzz/seeds",
    "tests/fuzz/regressions",
    "../shared/corpus/descriptors",
};

static void
collect(const char *path, GPtrArray *files)
{
    g_autoptr(GDir) dir = NULL;
    g_autoptr(GPtrArray) names = NULL;
    const char *name;

    if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
        g_ptr_array_add(files, g_strdup(path));
        return;
    }
    dir = g_dir_open(path, 0, NULL);
    if (!dir) {
        return;
    }
    names = g_ptr_array_new_with_free_func(g_free);
    while ((name = g_dir_read_name(dir))) {
        g_ptr_array_add(names, g_build_filename(path, name, NULL));
    }
    /* Sorted, so that a failure is reproducible from the log. */
    g_ptr_array_sort(names, (GCompareFunc)(void (*)(void))g_strcmp0);
    for (guint i = 0; i < names->len; i++) {
        const char *p = g_ptr_array_index(names, i);

        if (!g_str_has_suffix(p, "README.md")) {
            collect(p, files);
        }
    }
}

static int
replay(const char *source, int number)
{
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);

    if (!g_file_test(source, G_FILE_TEST_EXISTS)) {
        /* CI always has the shared corpus beside the clone. */
        if (!g_strcmp0(g_getenv("CI"), "true")) {
            printf("not ok %d - %s: not found (CI must provide it)\n", number,
                   source);
            return 1;
        }
        printf("ok %d - %s # SKIP not found\n", number, source);
        return 0;
    }
    collect(source, files);
    for (guint i = 0; i < files->len; i++) {
        const char *file = g_ptr_array_index(files, i);
        g_autofree char *data = NULL;
        gsize len = 0;

        if (!g_file_get_contents(file, &data, &len, NULL)) {
            printf("not ok %d - %s: cannot read %s\n", number, source, file);
            return 1;
        }
        /* On a broken invariant the harness aborts: the last line of
         * stderr names the file. */
        fprintf(stderr, "# replaying %s\n", file);
        LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    }
    printf("ok %d - %s: %u inputs\n", number, source, files->len);
    return 0;
}

int
main(int argc, char **argv)
{
    int failed = 0;
    int n_sources = argc > 1 ? argc - 1 : (int)G_N_ELEMENTS(default_sources);

    LLVMFuzzerInitialize(&argc, &argv);
    printf("1..%d\n", n_sources);
    fflush(stdout);
    for (int i = 0; i < n_sources; i++) {
        failed |= replay(argc > 1 ? argv[i + 1] : default_sources[i], i + 1);
        fflush(stdout);
    }
    return failed;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Validator benchmark: checking each recorded QMP transcript of the
 * shared corpus (libvirt's replies of QEMU 4.2-7.2) strictly against its
 * own schema, as fwdesc-qapi-validate --qmp-log does (read every message,
 * load the schema from the query-qmp-schema reply, check every message,
 * collect every problem), against python3's json parsing the same bytes
 * (json.JSONDecoder.raw_decode for each message: what json.loads does,
 * without the check for trailing data), which only parses.
 *
 * Best of ROUNDS rounds of ITERATIONS each, per file, ours measured in
 * this process, python's in one python3 process started here; prints
 * milliseconds per transcript and the ratio ours / python (the target
 * is <= 1.0).
 *
 *   bench-validate [TRANSCRIPT...]
 *                  (default: the .replies files in
 *                  ../shared/corpus/qmp-replies)
 */
#include <stdio.h>
#include <string.h>

#include "qapi/qapi.h"
#include "qapi/schema-validate.h"

#define ROUNDS 5
#define ITERATIONS 10

static const char python_bench[] =
    "import json, sys, time\n"
    "decoder = json.JSONDecoder()\n"
    "def parse(text):\n"
    "    i, n = 0, len(text)\n"
    "    while True:\n"
    "        while i < n and text[i] in ' \\t\\r\\n':\n"
    "            i += 1\n"
    "        if i >= n:\n"
    "            return\n"
    "        _, i = decoder.raw_decode(text, i)\n"
    "for path in sys.argv[1:]:\n"
    "    data = open(path, 'rb').read()\n"
    "    best = None\n"
    "    for r in range(%d):\n"
    "        t = time.perf_counter()\n"
    "        for k in range(%d):\n"
    "            parse(data.decode('utf-8'))\n"
    "        t = (time.perf_counter() - t) / %d\n"
    "        best = t if best is None or t < best else best\n"
    "    print(best * 1000)\n";

static gint compare_paths(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static double ours_ms(const char *data, gsize len)
{
    double best = -1;

    for (int r = 0; r < ROUNDS; r++) {
        gint64 t = g_get_monotonic_time();

        for (int k = 0; k < ITERATIONS; k++) {
            g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
            g_autoptr(GError) error = NULL;

            qapi_qmp_log_validate_data(NULL, data, len, "bench",
                                       QAPI_INPUT_STRICT, diags, NULL,
                                       &error);
        }
        double ms = (g_get_monotonic_time() - t) / 1000.0 / ITERATIONS;

        if (best < 0 || ms < best) {
            best = ms;
        }
    }
    return best;
}

int main(int argc, char **argv)
{
    g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    g_autofree char *script = g_strdup_printf(python_bench, ROUNDS,
                                              ITERATIONS, ITERATIONS);
    g_autofree char *out = NULL;
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) lines = NULL;
    double total_ours = 0, total_python = 0;
    int status = 0;

    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            g_ptr_array_add(paths, g_strdup(argv[i]));
        }
    } else {
        const char *dir = "../shared/corpus/qmp-replies";
        g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
        const char *name;

        while (d && (name = g_dir_read_name(d))) {
            if (g_str_has_suffix(name, ".replies")) {
                g_ptr_array_add(paths, g_build_filename(dir, name, NULL));
            }
        }
        g_ptr_array_sort(paths, compare_paths);
    }
    if (!paths->len) {
        printf("bench-validate: no transcripts (../shared/corpus is "
               "absent)\n");
        return 0;
    }
    g_ptr_array_add(args, (char *)"python3");
    g_ptr_array_add(args, (char *)"-c");
    g_ptr_array_add(args, script);
    for (guint i = 0; i < paths->len; i++) {
        g_ptr_array_add(args, g_ptr_array_index(paths, i));
    }
    g_ptr_array_add(args, NULL);
    if (!g_spawn_sync(NULL, (char **)args->pdata, NULL, G_SPAWN_SEARCH_PATH,
                      NULL, NULL, &out, NULL, &status, &error)
        || !g_spawn_check_wait_status(status, &error)) {
        printf("bench-validate: python3 failed: %s\n", error->message);
        return 1;
    }
    lines = g_strsplit(out, "\n", -1);
    printf("QMP transcripts checked strictly against their own schema "
           "(ms per transcript, best of %d x %d):\n", ROUNDS, ITERATIONS);
    printf("  %-32s %10s %14s %8s\n", "file", "ours", "python3 json",
           "ratio");
    for (guint i = 0; i < paths->len; i++) {
        const char *path = g_ptr_array_index(paths, i);
        g_autofree char *data = NULL;
        g_autofree char *base = g_path_get_basename(path);
        gsize len = 0;
        double ours, python;

        if (!g_file_get_contents(path, &data, &len, &error)
            || g_strv_length(lines) <= i) {
            printf("bench-validate: %s: cannot read\n", path);
            return 1;
        }
        ours = ours_ms(data, len);
        python = g_ascii_strtod(lines[i], NULL);
        total_ours += ours;
        total_python += python;
        printf("  %-32s %10.2f %14.2f %8.3f\n", base, ours, python,
               ours / python);
    }
    printf("  ratio validate / python3 json parse = %.3f (target <= 1.0)\n",
           total_ours / total_python);
    return 0;
}

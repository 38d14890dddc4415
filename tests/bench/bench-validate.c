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
 * The best single check or parse of ROUNDS rounds of ITERATIONS each (one
 * more left out of each round's timing), per file, the rounds of the two
 * alternating (ours in this process, python's in a python3 process
 * started for the round, timed inside it) so that machine noise hits
 * both alike; prints milliseconds per transcript and the ratio ours /
 * python (the target is <= 1.0), with the median of the per-round ratios.
 *
 *   bench-validate [TRANSCRIPT...]
 *                  (default: the .replies files in
 *                  ../shared/corpus/qmp-replies)
 */
#include <stdio.h>
#include <string.h>

#include "qapi/qapi.h"
#include "qapi/schema-validate.h"

#define ROUNDS     5
#define ITERATIONS 10

/* One round for one file: prints the best milliseconds of a parse. */
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
    "data = open(sys.argv[1], 'rb').read()\n"
    "parse(data.decode('utf-8'))\n"
    "best = None\n"
    "for k in range(int(sys.argv[2])):\n"
    "    t = time.perf_counter()\n"
    "    parse(data.decode('utf-8'))\n"
    "    t = time.perf_counter() - t\n"
    "    best = t if best is None or t < best else best\n"
    "print(best * 1000)\n";

/* python3's best milliseconds for a parse of @path in one round; < 0 on
 * failure. */
static double
python_ms(const char *path)
{
    g_autofree char *iterations = g_strdup_printf("%d", ITERATIONS);
    const char *argv[] = {
        "python3", "-c", python_bench, path, iterations, NULL
    };
    g_autofree char *out = NULL;
    int status = 0;

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
                      NULL, &out, NULL, &status, NULL)
        || !g_spawn_check_wait_status(status, NULL)) {
        return -1;
    }
    return g_ascii_strtod(out, NULL);
}

static gint
compare_paths(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
validate(const char *data, gsize len)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) error = NULL;

    qapi_qmp_log_validate_data(NULL, data, len, "bench", QAPI_INPUT_STRICT,
                               diags, NULL, &error);
}

/* Our best milliseconds for a check of @data in one round, after one
 * check left out (as python's round parses once first). */
static double
ours_ms(const char *data, gsize len)
{
    double best = G_MAXDOUBLE;

    validate(data, len);
    for (int k = 0; k < ITERATIONS; k++) {
        gint64 t = g_get_monotonic_time();

        validate(data, len);
        best = MIN(best, (g_get_monotonic_time() - t) / 1000.0);
    }
    return best;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
    g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) error = NULL;
    double total_ours = 0, total_python = 0;
    g_autofree double *ratios = NULL;

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
    ratios = g_new(double, ROUNDS * paths->len);
    printf("QMP transcripts checked strictly against their own schema "
           "(best ms per transcript in %d rounds of %d, alternating):\n",
           ROUNDS, ITERATIONS);
    printf("  %-32s %10s %14s %8s\n", "file", "ours", "python3 json", "ratio");
    for (guint i = 0; i < paths->len; i++) {
        const char *path = g_ptr_array_index(paths, i);
        g_autofree char *data = NULL;
        g_autofree char *base = g_path_get_basename(path);
        gsize len = 0;
        double ours = -1, python = -1;

        if (!g_file_get_contents(path, &data, &len, &error)) {
            printf("bench-validate: %s\n", error->message);
            return 1;
        }
        for (int r = 0; r < ROUNDS; r++) {
            double a = ours_ms(data, len);
            double b = python_ms(path);

            if (b < 0) {
                printf("bench-validate: python3 failed on %s\n", path);
                return 1;
            }
            ours = ours < 0 || a < ours ? a : ours;
            python = python < 0 || b < python ? b : python;
            ratios[i * ROUNDS + r] = a / b;
        }
        total_ours += ours;
        total_python += python;
        printf("  %-32s %10.2f %14.2f %8.3f\n", base, ours, python,
               ours / python);
    }
    qsort(ratios, ROUNDS * paths->len, sizeof(double), cmp_double);
    printf("  ratio validate / python3 json parse = %.3f (median of the "
           "rounds' ratios %.3f; target <= 1.0)\n",
           total_ours / total_python, ratios[ROUNDS * paths->len / 2]);
    return 0;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Runtime benchmark: for the real firmware descriptors of the shared
 * corpus, in one run,
 *   parse:     strict parse into a Firmware (reader, every check, the
 *              generated visitor, then freeing it)  vs  json-glib's bare
 *              json_parser_load_from_data() on the same bytes;
 *   serialize: canonical text from the Firmware  vs  json-glib's
 *              JsonGenerator (pretty, indent 4) on the equivalent tree;
 * and python3's json.loads / json.dumps(indent=4) on the same files for
 * context.  Prints mean microseconds per descriptor and the two ratios
 * (ours / json-glib; the target is <= 1.0).
 *
 * Then the cost of tolerance: the CPU time of a tolerant load
 * (fwdesc_descriptor_load_data) of a ~0.9 MB descriptor with one unknown
 * feature over a strict load of the same descriptor without it (the
 * target is <= 1.15: tolerance is decided in the same single pass).
 *
 * Each document is measured on its own, best of several rounds, the
 * rounds of the two contenders alternating so that machine noise hits both
 * alike; the per-document ratios (median, worst) are printed too.
 *
 *   bench-runtime [DESCRIPTOR-DIR]   (default ../shared/corpus/descriptors)
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "qapi/qapi.h"
#include "fwdesc/fwdesc.h"
#include "firmware/qapi-visit.h"

#define ROUNDS     7
#define ITERATIONS 100 /* per descriptor per round */

typedef struct Doc {
    char *path;
    char *data;
    gsize len;
    Firmware *fw;   /* for serializing */
    JsonNode *node; /* json-glib's tree of the same document */
} Doc;

static void
find_descriptors(const char *dir, GPtrArray *paths)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;

    if (!d) {
        return;
    }
    while ((name = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, name, NULL);

        if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
            find_descriptors(path, paths);
        } else if (g_str_has_suffix(name, ".json")) {
            g_ptr_array_add(paths, g_steal_pointer(&path));
        }
    }
}

static Firmware *
parse_firmware(const char *data, gsize len, GError **err)
{
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(
        data, len, NULL, QAPI_INPUT_STRICT, NULL, err);
    Firmware *fw = NULL;

    if (!v || !visit_type_Firmware(v, NULL, &fw, err)
        || !qapi_json_input_visitor_finish(v, err)) {
        qapi_free_Firmware(fw);
        return NULL;
    }
    return fw;
}

/* ---- the four contenders: ITERATIONS runs on one document ------------ */

static gsize
run_ours_parse(Doc *doc)
{
    gsize sum = 0;

    for (int k = 0; k < ITERATIONS; k++) {
        Firmware *fw = parse_firmware(doc->data, doc->len, NULL);

        sum += fw != NULL;
        qapi_free_Firmware(fw);
    }
    return sum;
}

static gsize
run_glib_parse(Doc *doc)
{
    static JsonParser *parser; /* reused, as json-glib's best case */
    gsize sum = 0;

    if (!parser) {
        parser = json_parser_new();
    }
    for (int k = 0; k < ITERATIONS; k++) {
        sum += json_parser_load_from_data(parser, doc->data, doc->len, NULL);
    }
    return sum;
}

static gsize
run_ours_write(Doc *doc)
{
    static GString *out;
    gsize sum = 0;

    if (!out) {
        out = g_string_sized_new(8192);
    }
    for (int k = 0; k < ITERATIONS; k++) {
        Visitor *v = qapi_json_text_output_visitor_new(QAPI_JSON_CANONICAL,
                                                       out);

        g_string_truncate(out, 0);
        sum += visit_type_Firmware(v, NULL, &doc->fw, NULL);
        visit_free(v);
        sum += out->len;
    }
    return sum;
}

static gsize
run_glib_write(Doc *doc)
{
    static JsonGenerator *gen;
    gsize sum = 0;

    if (!gen) {
        gen = json_generator_new();
        json_generator_set_pretty(gen, TRUE);
        json_generator_set_indent(gen, 4);
    }
    json_generator_set_root(gen, doc->node);
    for (int k = 0; k < ITERATIONS; k++) {
        gsize len = 0;
        g_autofree char *text = json_generator_to_data(gen, &len);

        sum += len;
    }
    return sum;
}

typedef struct Result {
    double ours; /* seconds for all documents, best rounds */
    double theirs;
    double worst_ratio; /* of a single document */
    const char *worst;
    double median_ratio;
} Result;

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/*
 * Per document, the best of ROUNDS runs of each contender, the two
 * alternating so that machine noise hits both alike; totals are the sums
 * of those bests.
 */
static Result
measure(GPtrArray *docs, gsize (*ours)(Doc *), gsize (*theirs)(Doc *))
{
    Result r = { 0 };
    g_autofree double *ratios = g_new(double, docs->len);
    volatile gsize sink = 0;

    for (guint i = 0; i < docs->len; i++) {
        Doc *doc = g_ptr_array_index(docs, i);
        double best_a = G_MAXDOUBLE, best_b = G_MAXDOUBLE;

        sink += ours(doc) + theirs(doc); /* warm up */
        for (int round = 0; round < ROUNDS; round++) {
            gint64 t0 = g_get_monotonic_time();

            sink += ours(doc);
            gint64 t1 = g_get_monotonic_time();

            sink += theirs(doc);
            gint64 t2 = g_get_monotonic_time();

            best_a = MIN(best_a, (t1 - t0) / 1e6);
            best_b = MIN(best_b, (t2 - t1) / 1e6);
        }
        r.ours += best_a;
        r.theirs += best_b;
        ratios[i] = best_a / best_b;
        if (ratios[i] > r.worst_ratio) {
            r.worst_ratio = ratios[i];
            r.worst = doc->path;
        }
    }
    qsort(ratios, docs->len, sizeof(double), cmp_double);
    r.median_ratio = ratios[docs->len / 2];
    (void)sink;
    return r;
}

/* python3's json on the same files: mean microseconds per descriptor for
 * loads and for dumps(indent=4); negative when python3 is not there. */
static void
python_figures(GPtrArray *docs, double *loads_us, double *dumps_us)
{
    static const char script[] =
        "import json, sys, timeit\n"
        "texts = [open(p, 'rb').read().decode() for p in sys.argv[1:]]\n"
        "objs = [json.loads(t) for t in texts]\n"
        "def loads():\n"
        "    for t in texts: json.loads(t)\n"
        "def dumps():\n"
        "    for o in objs: json.dumps(o, indent=4)\n"
        "n = 20\n"
        "l = min(timeit.repeat(loads, number=n, repeat=5)) / n / len(texts)\n"
        "d = min(timeit.repeat(dumps, number=n, repeat=5)) / n / len(texts)\n"
        "print(l * 1e6, d * 1e6)\n";
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_autofree char *out = NULL;
    gint status = 0;

    *loads_us = *dumps_us = -1;
    g_ptr_array_add(argv, (char *)"python3");
    g_ptr_array_add(argv, (char *)"-c");
    g_ptr_array_add(argv, (char *)script);
    for (guint i = 0; i < docs->len; i++) {
        g_ptr_array_add(argv, ((Doc *)g_ptr_array_index(docs, i))->path);
    }
    g_ptr_array_add(argv, NULL);
    if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                      NULL, NULL, &out, NULL, &status, NULL)
        || !g_spawn_check_wait_status(status, NULL)
        || sscanf(out, "%lf %lf", loads_us, dumps_us) != 2) {
        *loads_us = *dumps_us = -1;
    }
}

static void
report_ratio(const char *what, const Result *r)
{
    printf("  ratio %s = %.3f %s  (per descriptor: median %.3f, worst %.3f"
           " %s)\n",
           what, r->ours / r->theirs,
           r->ours <= r->theirs ? "(<= 1.0: ok)" : "(> 1.0!)", r->median_ratio,
           r->worst_ratio, r->worst);
}

static void
doc_free(gpointer p)
{
    Doc *doc = p;

    g_free(doc->path);
    g_free(doc->data);
    qapi_free_Firmware(doc->fw);
    if (doc->node) {
        json_node_unref(doc->node);
    }
    g_free(doc);
}

/* ---- the cost of tolerance ---------------------------------------------- */

#define TOLERANCE_ROUNDS 9
#define TOLERANCE_LOADS  5 /* per round */

/* A valid descriptor of about @size bytes (many targets), with the
 * feature @extra (may be NULL) among its features. */
static char *
big_descriptor(gsize size, const char *extra)
{
    GString *s = g_string_new(
        "{\n    \"description\": \"big\",\n"
        "    \"interface-types\": [\"uefi\"],\n"
        "    \"mapping\": {\n"
        "        \"device\": \"flash\",\n"
        "        \"executable\": {\"filename\": \"/fw/code.fd\", "
        "\"format\": \"raw\"},\n"
        "        \"nvram-template\": {\"filename\": \"/fw/vars.fd\", "
        "\"format\": \"raw\"}\n    },\n    \"targets\": [\n");

    for (guint i = 0; s->len < size; i++) {
        g_string_append_printf(s,
                               "%s        {\"architecture\": \"x86_64\", "
                               "\"machines\": [\"pc-q35-%u.*\", "
                               "\"pc-i440fx-%u.*\"]}",
                               i ? ",\n" : "", i, i);
    }
    g_string_append_printf(s,
                           "\n    ],\n    \"features\": [\"acpi-s3\", "
                           "\"secure-boot\", \"requires-smm\"%s%s%s],\n"
                           "    \"tags\": []\n}\n",
                           extra ? ", \"" : "", extra ? extra : "",
                           extra ? "\"" : "");
    return g_string_free(s, FALSE);
}

static double
cpu_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds of TOLERANCE_LOADS loads of @text, which must succeed. */
static double
time_loads(const char *text, FwdescLoadFlags flags)
{
    double t0 = cpu_seconds();

    for (int k = 0; k < TOLERANCE_LOADS; k++) {
        g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
        g_autoptr(GError) err = NULL;
        g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_data(
            text, -1, "big.json", flags, diags, &err);

        if (!desc) {
            g_error("benchmark descriptor refused: %s", err->message);
        }
    }
    return cpu_seconds() - t0;
}

static void
tolerance_cost(void)
{
    g_autofree char *plain = big_descriptor(900 * 1000, NULL);
    g_autofree char *newer = big_descriptor(900 * 1000, "warp-drive");
    double strict = G_MAXDOUBLE, tolerant = G_MAXDOUBLE;
    guint passes;

    time_loads(plain, FWDESC_LOAD_STRICT); /* warm up */
    time_loads(newer, FWDESC_LOAD_TOLERANT);
    for (int round = 0; round < TOLERANCE_ROUNDS; round++) {
        strict = MIN(strict, time_loads(plain, FWDESC_LOAD_STRICT));
        tolerant = MIN(tolerant, time_loads(newer, FWDESC_LOAD_TOLERANT));
    }
    passes = qapi_json_reader_passes();
    time_loads(newer, FWDESC_LOAD_TOLERANT);
    passes = qapi_json_reader_passes() - passes;
    printf("tolerance: a %zu-byte descriptor, CPU ms per load (best of %d "
           "rounds of %d)\n",
           strlen(newer), TOLERANCE_ROUNDS, TOLERANCE_LOADS);
    printf("  strict load, no unknown feature  %8.2f\n"
           "  tolerant load, one unknown one   %8.2f   (reader passes per "
           "load: %.1f)\n",
           strict / TOLERANCE_LOADS * 1e3, tolerant / TOLERANCE_LOADS * 1e3,
           (double)passes / TOLERANCE_LOADS);
    printf("  ratio tolerant / strict = %.3f %s\n", tolerant / strict,
           tolerant / strict <= 1.15 ? "(<= 1.15: ok)" : "(> 1.15!)");
}

int
main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "../shared/corpus/descriptors";
    g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func(doc_free);
    gsize bytes = 0;
    guint refused = 0;
    gsize largest = 0;
    Result parse, write;
    double py_loads, py_dumps;
    double n;

    find_descriptors(dir, paths);
    if (!paths->len) {
        printf("# SKIP no descriptors in %s\n", dir);
        tolerance_cost();
        return 0;
    }
    g_ptr_array_sort(paths, (GCompareFunc)g_strcmp0);
    for (guint i = 0; i < paths->len; i++) {
        g_autoptr(GError) err = NULL;
        g_autoptr(JsonParser) parser = json_parser_new();
        Doc *doc = g_new0(Doc, 1);

        doc->path = g_strdup(g_ptr_array_index(paths, i));
        if (!g_file_get_contents(doc->path, &doc->data, &doc->len, &err)
            || !(doc->fw = parse_firmware(doc->data, doc->len, &err))
            || !json_parser_load_from_data(parser, doc->data, doc->len, &err)) {
            /* Not a valid descriptor: comparing a failed parse with a
             * complete one would flatter us. */
            refused++;
            doc_free(doc);
            continue;
        }
        doc->node = json_node_copy(json_parser_get_root(parser));
        bytes += doc->len;
        largest = MAX(largest, doc->len);
        g_ptr_array_add(docs, doc);
    }
    if (!docs->len) {
        printf("# SKIP no valid descriptors in %s\n", dir);
        tolerance_cost();
        return 0;
    }

    parse = measure(docs, run_ours_parse, run_glib_parse);
    write = measure(docs, run_ours_write, run_glib_write);
    python_figures(docs, &py_loads, &py_dumps);

    n = (double)docs->len * ITERATIONS / 1e6; /* seconds -> us per doc */
    printf("runtime benchmark: %u descriptors from %s (%u refused as "
           "invalid), mean %.0f bytes, largest %zu\n",
           docs->len, dir, refused, (double)bytes / docs->len, largest);
    printf("  mean microseconds per descriptor (best of %d rounds of %d)\n",
           ROUNDS, ITERATIONS);
    printf("  parse      strict into Firmware %8.2f   json-glib load %8.2f"
           "   python3 json.loads %8.2f\n",
           parse.ours / n, parse.theirs / n, py_loads);
    printf("  serialize  canonical text       %8.2f   JsonGenerator  %8.2f"
           "   python3 json.dumps %8.2f\n",
           write.ours / n, write.theirs / n, py_dumps);
    report_ratio("parse     (strict / json-glib)", &parse);
    report_ratio("serialize (ours / json-glib)  ", &write);
    tolerance_cost();
    return 0;
}

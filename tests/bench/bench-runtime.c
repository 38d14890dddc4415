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
 * Each measurement is the best of several rounds, and the rounds of the
 * two contenders alternate, so that machine noise hits both alike.
 *
 *   bench-runtime [DESCRIPTOR-DIR]   (default ../shared/corpus/descriptors)
 */
#include <stdio.h>
#include <string.h>

#include "qapi/qapi.h"
#include "firmware/qapi-visit-firmware.h"

#define ROUNDS 7
#define ITERATIONS 100      /* per descriptor per round */

typedef struct Doc {
    char *path;
    char *data;
    gsize len;
    Firmware *fw;           /* for serializing */
    JsonNode *node;         /* json-glib's tree of the same document */
} Doc;

static void find_descriptors(const char *dir, GPtrArray *paths)
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

static Firmware *parse_firmware(const char *data, gsize len, GError **err)
{
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(data, len, NULL,
                                                       QAPI_INPUT_STRICT,
                                                       NULL, err);
    Firmware *fw = NULL;

    if (!v || !visit_type_Firmware(v, NULL, &fw, err)
        || !qapi_json_input_visitor_finish(v, err)) {
        qapi_free_Firmware(fw);
        return NULL;
    }
    return fw;
}

/* ---- the four contenders; each returns something to keep the work ---- */

static gsize run_ours_parse(GPtrArray *docs)
{
    gsize sum = 0;

    for (guint i = 0; i < docs->len; i++) {
        Doc *doc = g_ptr_array_index(docs, i);

        for (int k = 0; k < ITERATIONS; k++) {
            Firmware *fw = parse_firmware(doc->data, doc->len, NULL);

            sum += fw != NULL;
            qapi_free_Firmware(fw);
        }
    }
    return sum;
}

static gsize run_glib_parse(GPtrArray *docs)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    gsize sum = 0;

    for (guint i = 0; i < docs->len; i++) {
        Doc *doc = g_ptr_array_index(docs, i);

        for (int k = 0; k < ITERATIONS; k++) {
            sum += json_parser_load_from_data(parser, doc->data, doc->len,
                                              NULL);
        }
    }
    return sum;
}

static gsize run_ours_write(GPtrArray *docs)
{
    g_autoptr(GString) out = g_string_sized_new(8192);
    gsize sum = 0;

    for (guint i = 0; i < docs->len; i++) {
        Doc *doc = g_ptr_array_index(docs, i);

        for (int k = 0; k < ITERATIONS; k++) {
            Visitor *v = qapi_json_text_output_visitor_new(QAPI_JSON_CANONICAL,
                                                           out);

            g_string_truncate(out, 0);
            sum += visit_type_Firmware(v, NULL, &doc->fw, NULL);
            visit_free(v);
            sum += out->len;
        }
    }
    return sum;
}

static gsize run_glib_write(GPtrArray *docs)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    gsize sum = 0;

    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 4);
    for (guint i = 0; i < docs->len; i++) {
        Doc *doc = g_ptr_array_index(docs, i);

        json_generator_set_root(gen, doc->node);
        for (int k = 0; k < ITERATIONS; k++) {
            gsize len = 0;
            g_autofree char *text = json_generator_to_data(gen, &len);

            sum += len;
        }
    }
    return sum;
}

/* Best-of-ROUNDS seconds for one pass of each contender, alternating. */
static void measure(GPtrArray *docs, gsize (*a)(GPtrArray *),
                    gsize (*b)(GPtrArray *), double *best_a, double *best_b)
{
    volatile gsize sink = 0;

    *best_a = *best_b = G_MAXDOUBLE;
    a(docs);    /* warm up caches and allocators */
    b(docs);
    for (int r = 0; r < ROUNDS; r++) {
        gint64 t0 = g_get_monotonic_time();

        sink += a(docs);
        gint64 t1 = g_get_monotonic_time();

        sink += b(docs);
        gint64 t2 = g_get_monotonic_time();

        *best_a = MIN(*best_a, (t1 - t0) / 1e6);
        *best_b = MIN(*best_b, (t2 - t1) / 1e6);
    }
    (void)sink;
}

/* python3's json on the same files: mean microseconds per descriptor for
 * loads and for dumps(indent=4); negative when python3 is not there. */
static void python_figures(GPtrArray *docs, double *loads_us, double *dumps_us)
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

static void doc_free(gpointer p)
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

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "../shared/corpus/descriptors";
    g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func(doc_free);
    gsize bytes = 0;
    guint refused = 0;
    double ours_parse, glib_parse, ours_write, glib_write, py_loads, py_dumps;
    double n;

    find_descriptors(dir, paths);
    if (!paths->len) {
        printf("# SKIP no descriptors in %s\n", dir);
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
            || !json_parser_load_from_data(parser, doc->data, doc->len,
                                           &err)) {
            /* Not a valid descriptor: comparing a failed parse with a
             * complete one would flatter us. */
            refused++;
            doc_free(doc);
            continue;
        }
        doc->node = json_node_copy(json_parser_get_root(parser));
        bytes += doc->len;
        g_ptr_array_add(docs, doc);
    }
    if (!docs->len) {
        printf("# SKIP no valid descriptors in %s\n", dir);
        return 0;
    }

    measure(docs, run_ours_parse, run_glib_parse, &ours_parse, &glib_parse);
    measure(docs, run_ours_write, run_glib_write, &ours_write, &glib_write);
    python_figures(docs, &py_loads, &py_dumps);

    n = (double)docs->len * ITERATIONS / 1e6;   /* seconds -> us per doc */
    printf("runtime benchmark: %u descriptors from %s (%u refused as "
           "invalid), mean %.0f bytes\n", docs->len, dir, refused,
           (double)bytes / docs->len);
    printf("  mean microseconds per descriptor (best of %d rounds of %d)\n",
           ROUNDS, ITERATIONS);
    printf("  parse      strict into Firmware %8.2f   json-glib load %8.2f"
           "   python3 json.loads %8.2f\n", ours_parse / n, glib_parse / n,
           py_loads);
    printf("  serialize  canonical text       %8.2f   JsonGenerator  %8.2f"
           "   python3 json.dumps %8.2f\n", ours_write / n, glib_write / n,
           py_dumps);
    printf("  ratio parse     (strict / json-glib) = %.3f %s\n",
           ours_parse / glib_parse, ours_parse <= glib_parse ? "(<= 1.0: ok)"
                                                             : "(> 1.0!)");
    printf("  ratio serialize (ours / json-glib)   = %.3f %s\n",
           ours_write / glib_write, ours_write <= glib_write ? "(<= 1.0: ok)"
                                                             : "(> 1.0!)");
    return 0;
}

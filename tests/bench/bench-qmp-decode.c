/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Typed decode benchmark (issue 10, item 7): QEMU 7.2's query-qmp-schema
 * reply (from libvirt's recording in the shared corpus, re-written as
 * compact JSON: the list alone, as a client decodes the "return" value)
 * decoded strictly into QEMU 10.2's SchemaInfoList (types generated from
 * the corpus's introspect.json), against python3's json.loads of the same
 * text, which builds untyped dicts.
 *
 * Time: one decode is the visitor over the text (the strict reader, every
 * check), the generated visit, finish, and freeing the list again (python's
 * loop frees each result too).  Best of ITERATIONS decodes per round,
 * ROUNDS rounds alternating with a python3 process timing json.loads the
 * same way (best of its own ITERATIONS), so that load on the machine hits
 * both alike; prints the ratio of the best times and the median of the
 * per-round ratios (the target is <= 1.0).
 *
 * Memory: the heap bytes in use at the decode's peak above what was in
 * use before it (malloc, calloc, realloc and friends counted through
 * malloc_usable_size by the wrappers below), and how much of that is the
 * typed result itself, each against the text's size.  The result is
 * QEMU's C types (2.7 times this text), which no decoder can shrink: the
 * target is that the decode's working memory, the peak minus the result,
 * stays within 1.5 times the text.
 *
 * Then the same for the QMP client's own decode of the whole reply
 * message, {"return": [...], "id": 1}, as the connection and a typed call
 * make it (qmp-client.c, qmp-client-typed.c): the message checked once
 * where it lies (the connection hands a message this large its input
 * buffer instead of copying it out), "return" found in it and decoded in
 * place by a visitor that does not check it again, tolerantly (the
 * client's default); against json.loads of the message.
 *
 *   bench-qmp-decode [TRANSCRIPT]
 *   bench-qmp-decode --loop plain|client N [TRANSCRIPT]
 *        (default ../shared/corpus/qmp-replies/caps_7.2.0.x86_64.replies)
 */
#include <malloc.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qapi/qapi.h"
#include "qapi-visit.h"
#include "qmp-client-impl.h"
#include "json-reader.h"

#define ROUNDS     9
#define ITERATIONS 20

/* ---- heap accounting ------------------------------------------------- */

/*
 * glibc exports its allocator under __libc_* names; wrappers of the
 * public names in the executable take every allocation of the process
 * (GLib's included) and keep the bytes in use and their high-water mark.
 * Not under the sanitizers, which bring allocators of their own.
 */
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) \
    && !defined(__has_feature)
#define COUNT_HEAP 1
#elif defined(__GLIBC__) && defined(__has_feature)
#if !__has_feature(address_sanitizer)
#define COUNT_HEAP 1
#endif
#endif

#ifdef COUNT_HEAP
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void *__libc_memalign(size_t align, size_t size);
extern void __libc_free(void *p);

/* Only the measuring thread counts: what other threads do with their
 * memory meanwhile is not the decode's. */
static __thread bool counting;
static gint64 heap_in_use; /* may dip below 0: frees of older memory */
static gint64 heap_peak;

static void *
counted(void *p)
{
    if (p && counting) {
        heap_in_use += (gint64)malloc_usable_size(p);
        if (heap_in_use > heap_peak) {
            heap_peak = heap_in_use;
        }
    }
    return p;
}

void *
malloc(size_t size)
{
    return counted(__libc_malloc(size));
}

void *
calloc(size_t n, size_t size)
{
    return counted(__libc_calloc(n, size));
}

void
free(void *p)
{
    if (p && counting) {
        heap_in_use -= (gint64)malloc_usable_size(p);
    }
    __libc_free(p);
}

void *
realloc(void *p, size_t size)
{
    gint64 old = p && counting ? (gint64)malloc_usable_size(p) : 0;
    void *q = __libc_realloc(p, size);

    if (q || !size) {
        heap_in_use -= old;
    }
    return counted(q);
}

void *
memalign(size_t align, size_t size)
{
    return counted(__libc_memalign(align, size));
}

void *
aligned_alloc(size_t align, size_t size)
{
    return counted(__libc_memalign(align, size));
}

int
posix_memalign(void **out, size_t align, size_t size)
{
    void *p = counted(__libc_memalign(align, size));

    if (!p) {
        return 12; /* ENOMEM */
    }
    *out = p;
    return 0;
}
#endif

/* ---- the text ---------------------------------------------------------- */

/*
 * The compact text of the "return" value of the reply that follows the
 * query-qmp-schema request in @transcript (libvirt's format: messages
 * separated by blank lines); NULL when there is none.
 */
static char *
schema_reply(const char *transcript, gsize *len)
{
    g_auto(GStrv) messages = g_strsplit(transcript, "\n\n", -1);
    bool asked = false;

    for (char **m = messages; *m; m++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) node = NULL;
        JsonObject *obj;

        if (!*g_strstrip(*m)) {
            continue;
        }
        node = qapi_json_parse(*m, -1, NULL, &error);
        if (!node || !JSON_NODE_HOLDS_OBJECT(node)) {
            continue;
        }
        obj = json_node_get_object(node);
        if (asked && json_object_has_member(obj, "return")) {
            g_autoptr(JsonGenerator) gen = json_generator_new();

            json_generator_set_root(gen, json_object_get_member(obj, "return"));
            return json_generator_to_data(gen, len);
        }
        asked = g_strcmp0(json_object_get_string_member_with_default(
                              obj, "execute", ""),
                          "query-qmp-schema")
                == 0;
    }
    return NULL;
}

/* ---- the contenders ---------------------------------------------------- */

static SchemaInfoList *
decode_flags(const char *text, gsize len, QapiInputFlags flags, GError **error)
{
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(text, len, NULL, flags,
                                                       NULL, error);
    SchemaInfoList *list = NULL;

    if (!v || !visit_type_SchemaInfoList(v, NULL, &list, error)
        || !qapi_json_input_visitor_finish(v, error)) {
        qapi_free_SchemaInfoList(list);
        return NULL;
    }
    return list;
}

/* The decode measured: strict, the text copied (the default). */
static SchemaInfoList *
decode(const char *text, gsize len, GError **error)
{
    return decode_flags(text, len, QAPI_INPUT_STRICT, error);
}

static bool
visit_schema_list(Visitor *v, void *obj, GError **errp)
{
    return visit_type_SchemaInfoList(v, NULL, obj, errp);
}

/* The typed client's decode of the reply message @text (@flags unused):
 * @text stands for the input buffer the connection hands over. */
static SchemaInfoList *
client_decode(const char *text, gsize len, QapiInputFlags flags, GError **error)
{
    g_autoptr(GBytes) bytes = g_bytes_new_static(text, len);
    g_autoptr(QapiQmpMessage) msg = qapi_qmp_message_new(bytes, len, error);
    QapiQmpValueText value;
    SchemaInfoList *list = NULL;
    gboolean ok;

    (void)flags;
    if (!msg) {
        return NULL;
    }
    qapi_qmp_message_get_text(msg, "return", &value);
    ok = qapi_qmp_client_decode_text(NULL, visit_schema_list,
                                     "query-qmp-schema reply", "SchemaInfoList",
                                     NULL, &value, &list, error);
    g_bytes_unref(value.message);
    return ok ? list : NULL;
}

/* What the client did before: the message as a json-glib tree, the
 * "return" member decoded from the tree (for comparison). */
static SchemaInfoList *
tree_decode(const char *text, gsize len, QapiInputFlags flags, GError **error)
{
    g_autoptr(JsonNode) node = qapi_json_parse(text, len, NULL, error);
    SchemaInfoList *list = NULL;

    (void)flags;
    if (!node
        || !qapi_qmp_client_decode(
            NULL, visit_schema_list, "query-qmp-schema reply", "SchemaInfoList",
            NULL, json_object_get_member(json_node_get_object(node), "return"),
            &list, error)) {
        return NULL;
    }
    return list;
}

typedef SchemaInfoList *(*DecodeFunc)(const char *text, gsize len,
                                      QapiInputFlags flags, GError **error);

/* Our best milliseconds per decode in one round. */
static double
ours_ms(DecodeFunc fn, const char *text, gsize len)
{
    double best = G_MAXDOUBLE;

    for (int k = 0; k < ITERATIONS; k++) {
        gint64 t0 = g_get_monotonic_time();
        SchemaInfoList *list = fn(text, len, QAPI_INPUT_STRICT, NULL);

        qapi_free_SchemaInfoList(list);
        best = MIN(best, (g_get_monotonic_time() - t0) / 1000.0);
    }
    return best;
}

/* The best milliseconds of the strict reader's check alone, which the
 * decode runs first over the whole text (jdoc_check(), noting the large
 * containers' ends as the visitor does); < 0 if the text fails it. */
static double
check_ms(const char *text, gsize len)
{
    JSpans spans = { 0 };
    double best = G_MAXDOUBLE;

    for (int k = 0; k < ROUNDS * ITERATIONS; k++) {
        QapiDiagnostic diag;
        gint64 t0 = g_get_monotonic_time();
        bool ok = jdoc_check(text, len, &spans, &diag);

        best = MIN(best, (g_get_monotonic_time() - t0) / 1000.0);
        if (!ok) {
            jdoc_diag_clear(&diag);
            best = -1;
            break;
        }
    }
    jspans_clear(&spans);
    return best;
}

static const char python_bench[] =
    "import json, sys, time\n"
    "text = open(sys.argv[1], 'rb').read().decode('utf-8')\n"
    "json.loads(text)\n"
    "best = None\n"
    "for k in range(int(sys.argv[2])):\n"
    "    t = time.perf_counter()\n"
    "    json.loads(text)\n"
    "    t = time.perf_counter() - t\n"
    "    best = t if best is None or t < best else best\n"
    "print(best * 1000)\n";

/* python3's best milliseconds per json.loads of @path in one round; < 0
 * when python3 fails. */
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

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* ---- memory ------------------------------------------------------------ */

typedef struct HeapRun {
    DecodeFunc fn;
    const char *text;
    gsize len;
    QapiInputFlags flags;
    size_t peak;
    size_t result;
} HeapRun;

/*
 * In a new thread, whose reader keeps nothing from earlier parses: the
 * peak counts everything the decode needs.  The result's own size is
 * that of a clone made afterwards (the heap held after the decode also
 * counts the chunks the reader keeps for the thread's next parse, and
 * frees may return memory other threads allocated).
 */
static gpointer
heap_thread(gpointer data)
{
#ifdef COUNT_HEAP
    HeapRun *run = data;
    SchemaInfoList *list, *clone;
    gint64 before;

    counting = true;
    heap_in_use = 0;
    heap_peak = 0;
    list = run->fn(run->text, run->len, run->flags, NULL);
    run->peak = (size_t)heap_peak;
    before = heap_in_use;
    clone = QAPI_CLONE(SchemaInfoList, list);
    run->result = (size_t)(heap_in_use - before);
    qapi_free_SchemaInfoList(clone);
    qapi_free_SchemaInfoList(list);
    counting = false;
#else
    (void)data;
#endif
    return NULL;
}

/*
 * The peak heap of one decode above the heap before it, and the heap the
 * result holds; FALSE when the heap is not counted in this build (or the
 * child fails).  Measured in a child process, so that this one never has
 * a second thread: from then on glibc's malloc would lock its arena on
 * every call, and every later decode timed here would be about a tenth
 * slower than the ones before.
 */
static gboolean
measure_heap(DecodeFunc fn, const char *text, gsize len, QapiInputFlags flags,
             size_t *peak, size_t *result)
{
#ifdef COUNT_HEAP
    HeapRun run = { .fn = fn, .text = text, .len = len, .flags = flags };
    size_t out[2];
    int fds[2], status = 0;
    gboolean ok;
    pid_t pid;

    if (pipe(fds) < 0) {
        return FALSE;
    }
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(fds[0]);
        g_thread_join(g_thread_new("heap", heap_thread, &run));
        out[0] = run.peak;
        out[1] = run.result;
        _exit(write(fds[1], out, sizeof(out)) == sizeof(out) ? 0 : 1);
    }
    close(fds[1]);
    ok = pid > 0 && read(fds[0], out, sizeof(out)) == sizeof(out);
    close(fds[0]);
    if (pid > 0) {
        ok = waitpid(pid, &status, 0) == pid && WIFEXITED(status)
             && WEXITSTATUS(status) == 0 && ok;
    }
    *peak = ok ? out[0] : 0;
    *result = ok ? out[1] : 0;
    return ok;
#else
    (void)fn;
    (void)text;
    (void)len;
    (void)flags;
    *peak = *result = 0;
    return FALSE;
#endif
}

/*
 * ROUNDS rounds of @fn on @text alternating with python3 on the same text
 * (written to a temporary file): the best times and the sorted per-round
 * ratios; FALSE when python3 or the file fails.
 */
static gboolean
race(DecodeFunc fn, const char *text, gsize len, double *ours, double *python,
     double ratios[ROUNDS])
{
    g_autofree char *tmp = NULL;
    g_autoptr(GError) error = NULL;
    int fd;

    fd = g_file_open_tmp("bench-qmp-decode-XXXXXX.json", &tmp, &error);
    if (fd < 0 || !g_file_set_contents(tmp, text, len, &error)) {
        printf("bench-qmp-decode: %s\n", error->message);
        return FALSE;
    }
    close(fd);
    *ours = *python = G_MAXDOUBLE;
    for (int r = 0; r < ROUNDS; r++) {
        double a = ours_ms(fn, text, len);
        double b = python_ms(tmp);

        if (b <= 0) {
            printf("bench-qmp-decode: python3 failed\n");
            g_unlink(tmp);
            return FALSE;
        }
        *ours = MIN(*ours, a);
        *python = MIN(*python, b);
        ratios[r] = a / b;
    }
    g_unlink(tmp);
    qsort(ratios, ROUNDS, sizeof(double), cmp_double);
    return TRUE;
}

/* The client's decode of the whole reply message, timed and measured. */
static int
bench_message(const char *text)
{
    g_autofree char *message = g_strdup_printf("{\"return\": %s, \"id\": 1}",
                                               text);
    gsize len = strlen(message);
    g_autoptr(GError) error = NULL;
    double ours, python, ratios[ROUNDS];
    size_t peak = 0, result = 0;
    SchemaInfoList *list = client_decode(message, len, 0, &error);

    if (!list) {
        printf("bench-qmp-decode: the reply message does not decode: %s\n",
               error->message);
        return 1;
    }
    qapi_free_SchemaInfoList(list);
    if (!race(client_decode, message, len, &ours, &python, ratios)) {
        return 1;
    }
    printf("the typed client's decode of the whole reply message "
           "{\"return\": [...], \"id\": 1} (%zu bytes): checked once in "
           "place, \"return\" decoded from it without a second check, "
           "tolerant\n",
           len);
    printf("  ms per decode (best of %d rounds of %d, alternating): "
           "client %.3f, python3 json.loads of the message %.3f\n",
           ROUNDS, ITERATIONS, ours, python);
    printf("  ratio client decode / python3 json.loads = %.3f (median of "
           "rounds %.3f) %s\n",
           ours / python, ratios[ROUNDS / 2],
           ours <= python ? "(<= 1.0: ok)" : "(> 1.0!)");
    if (measure_heap(client_decode, message, len, 0, &peak, &result)) {
        printf("  heap: peak %zu bytes above the start, of which the typed "
               "result keeps %zu\n",
               peak, result);
        printf("  ratio working memory (peak minus result) / message = %.2f "
               "%s; peak heap / message = %.2f\n",
               (double)(peak - result) / len,
               peak - result <= len * 1.5 ? "(<= 1.5: ok)" : "(> 1.5!)",
               (double)peak / len);
        measure_heap(tree_decode, message, len, 0, &peak, &result);
        printf("  before (a json-glib tree of the message, decoded from the "
               "tree): ms per decode %.3f, working memory / message = %.2f\n",
               ours_ms(tree_decode, message, len),
               (double)(peak - result) / len);
    }
    return 0;
}

/*
 * --loop plain|client N: only N decodes of one contender and no python3,
 * for a profiler or `perf stat` to count (instructions are the same
 * however busy the machine is); prints the best time of one.
 */
static int
loop(const char *which, const char *count, const char *text)
{
    g_autofree char *message = g_strdup_printf("{\"return\": %s, \"id\": 1}",
                                               text);
    bool client = !strcmp(which, "client");
    guint64 n = g_ascii_strtoull(count, NULL, 10);

    double best = G_MAXDOUBLE;

    if (!client && strcmp(which, "plain")) {
        printf("bench-qmp-decode: --loop plain|client N\n");
        return 2;
    }
    for (guint64 i = 0; i < n; i++) {
        g_autoptr(GError) error = NULL;
        gint64 t0 = g_get_monotonic_time();
        SchemaInfoList *list = client ? client_decode(message, strlen(message),
                                                      0, &error)
                                      : decode(text, strlen(text), &error);

        if (!list) {
            printf("bench-qmp-decode: %s\n", error->message);
            return 1;
        }
        qapi_free_SchemaInfoList(list);
        best = MIN(best, (g_get_monotonic_time() - t0) / 1000.0);
    }
    if (n) {
        printf("%s: best ms per decode (with freeing) %.3f\n", which, best);
    }
    return 0;
}

int
main(int argc, char **argv)
{
    bool looping = argc >= 4 && !strcmp(argv[1], "--loop");
    const char *path = argc > (looping ? 4 : 1)
                           ? argv[looping ? 4 : 1]
                           : "../shared/corpus/qmp-replies/"
                             "caps_7.2.0.x86_64.replies";
    g_autofree char *transcript = NULL;
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    double ours = G_MAXDOUBLE, python = G_MAXDOUBLE;
    double ratios[ROUNDS];
    gsize len = 0;
    guint entries = 0;
    size_t peak = 0, result = 0;
    SchemaInfoList *list;

    if (!g_file_get_contents(path, &transcript, NULL, NULL)) {
        printf("bench-qmp-decode: no %s (../shared/corpus is absent)\n", path);
        return 0;
    }
    text = schema_reply(transcript, &len);
    if (!text) {
        printf("bench-qmp-decode: %s has no query-qmp-schema reply\n", path);
        return 1;
    }
    list = decode(text, len, &error);
    if (!list) {
        printf("bench-qmp-decode: the reply does not decode: %s\n",
               error->message);
        return 1;
    }
    for (SchemaInfoList *l = list; l; l = l->next) {
        entries++;
    }
    qapi_free_SchemaInfoList(list);
    if (looping) {
        return loop(argv[2], argv[3], text);
    }

    if (!race(decode_flags, text, len, &ours, &python, ratios)) {
        return 1;
    }

    printf("query-qmp-schema reply of %s: %zu bytes compact, %u entries, "
           "decoded strictly into SchemaInfoList\n",
           path, len, entries);
    printf("  ms per decode (best of %d rounds of %d, alternating): "
           "ours %.3f, python3 json.loads %.3f\n",
           ROUNDS, ITERATIONS, ours, python);
    printf("  ratio typed decode / python3 json.loads = %.3f (median of "
           "rounds %.3f) %s\n",
           ours / python, ratios[ROUNDS / 2],
           ours <= python ? "(<= 1.0: ok)" : "(> 1.0!)");
    {
        double check = check_ms(text, len);

        printf("  of which the strict reader's check of the text (best "
               "of %d): %.3f ms, %.2f GB/s\n",
               ROUNDS * ITERATIONS, check, len / (check * 1e6));
    }
    if (measure_heap(decode_flags, text, len, QAPI_INPUT_STRICT, &peak,
                     &result)) {
        printf("  heap: peak %zu bytes above the start, of which the typed "
               "result keeps %zu\n",
               peak, result);
        printf("  ratio working memory (peak minus result) / text = %.2f "
               "%s; peak heap / text = %.2f (the result alone %.2f)\n",
               (double)(peak - result) / len,
               peak - result <= len * 1.5 ? "(<= 1.5: ok)" : "(> 1.5!)",
               (double)peak / len, (double)result / len);
        /* A caller that keeps its text saves the copy. */
        measure_heap(decode_flags, text, len, QAPI_INPUT_TEXT_KEPT, &peak,
                     &result);
        printf("  with QAPI_INPUT_TEXT_KEPT (the text read in place): "
               "working memory / text = %.2f\n",
               (double)(peak - result) / len);
    } else {
        printf("  heap: not counted in this build\n");
    }
    return bench_message(text);
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Typed QMP calls and events (qapi/qmp-client-typed.h): arguments checked
 * and serialized before sending, replies and event data decoded by the
 * input visitor under the client's decode flags, and missing members
 * judged against the schema's documented versions and the peer's.
 */
#include <stdlib.h>
#include <string.h>

#include "qapi/dealloc-visitor.h"
#include "qapi/json-input.h"
#include "qapi/json-output.h"
#include "qapi/qmp-client-typed.h"
#include "json-input-impl.h"
#include "qmp-client-impl.h"
#include "visitor-impl.h"

/* ---- versions --------------------------------------------------------- */

/* "X.Y[.Z]" into @v (3 numbers); FALSE for anything else. */
static gboolean
parse_version(const char *text, gint64 v[3])
{
    const char *p = text;

    for (int i = 0; i < 3; i++) {
        char *end;

        v[i] = 0;
        if (i == 2 && !*p) {
            return TRUE;
        }
        if (!g_ascii_isdigit(*p)) {
            return FALSE;
        }
        v[i] = g_ascii_strtoll(p, &end, 10);
        p = end;
        if (i < 2 && *p != '.' && !(i == 1 && !*p)) {
            return FALSE;
        }
        if (*p == '.') {
            p++;
        }
    }
    return !*p;
}

int
qapi_qmp_client_compare_version(QapiQmpClient *client, const char *since)
{
    const QapiQmpGreeting *g;
    gint64 want[3];
    gint64 have[3];

    if (!client || !since || !parse_version(since, want)) {
        return 0;
    }
    g = qapi_qmp_client_get_greeting(client);
    have[0] = g->major;
    have[1] = g->minor;
    have[2] = g->micro;
    for (int i = 0; i < 3; i++) {
        if (want[i] != have[i]) {
            return want[i] > have[i] ? 1 : -1;
        }
    }
    return 0;
}

static char *
peer_version(QapiQmpClient *client)
{
    const QapiQmpGreeting *g = qapi_qmp_client_get_greeting(client);

    return g_strdup_printf("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT
                           ".%" G_GINT64_FORMAT,
                           g->major, g->minor, g->micro);
}

/* ---- the version table ------------------------------------------------ */

static int
type_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const QapiQmpSinceType *)elem)->name);
}

static const QapiQmpSinceType *
find_type(const QapiQmpSinceTable *table, const char *name)
{
    if (!table || !name) {
        return NULL;
    }
    return bsearch(name, table->types, table->n_types, sizeof(QapiQmpSinceType),
                   type_cmp);
}

static const QapiQmpSinceMember *
find_member(const QapiQmpSinceType *type, const char *name)
{
    for (const QapiQmpSinceMember *m = type ? type->members : NULL;
         m && m->name; m++) {
        if (!strcmp(m->name, name)) {
            return m;
        }
    }
    return NULL;
}

/*
 * The member a diagnostic path ("[3].acpi", "qemu.major") ends at, from
 * the value of type @root; NULL when the table does not know it.
 * *@owner is the type holding it.
 */
static const QapiQmpSinceMember *
resolve_path(const QapiQmpSinceTable *table, const char *root, const char *path,
             const char **owner)
{
    const QapiQmpSinceType *type = find_type(table, root);
    const char *p = path;

    while (type && *p) {
        if (*p == '[') {
            p = strchr(p, ']');
            if (!p || !type->element) {
                return NULL;
            }
            p++;
            type = find_type(table, type->element);
            continue;
        }
        if (*p == '.') {
            p++;
        }
        {
            gsize len = strcspn(p, ".[");
            g_autofree char *name = g_strndup(p, len);
            const QapiQmpSinceMember *m = find_member(type, name);

            p += len;
            if (!*p) {
                *owner = type->name;
                return m;
            }
            if (!m || !m->type) {
                return NULL;
            }
            type = find_type(table, m->type);
        }
    }
    return NULL;
}

/* ---- values this schema cannot hold ----------------------------------- */

/*
 * A peer may send an enum value this schema lacks (QEMU 7.2 lists the
 * migration capability "zero-blocks", which 10.2 removed): no C value
 * holds it.  A tolerant decode leaves out the innermost value around it
 * that may be absent, an optional member (has_X false) or a list
 * element, and decodes again without it.  With only required members up
 * to the root nothing can go, and the reply fails as a strict decode
 * would.
 *
 * What a decode leaves out is a set of paths in the input visitor's
 * notation ("[3]", "inserted.cache"): the decode must see the reply as
 * if the values there were absent.  Over a JsonNode that is a pruned
 * copy (node_without()); a decode from the text would skip them.
 *
 * Whether a member is optional is learnt by leaving it out: when the
 * next decode misses it, it was required, and the value holding it is
 * left out instead.  Each round either adds a path or moves one a level
 * up, so a chain of required members (finite in any schema) bounds the
 * rounds; MAX_ROUNDS guards against a schema deeper than any real one.
 */
#define MAX_ROUNDS 32

typedef struct Skip {
    char *path;       /* of the value left out */
    gboolean element; /* a list element; else an optional member */
    guint seq;        /* the order the unknown values came in */
    /* What made it: the unknown value and where. */
    char *value_path;
    char *value;
    const QEnumLookup *lookup;
} Skip;

/* What a decode leaves out: Skips by path.  Hash tables keep a reply
 * with very many unknown values linear. */
typedef struct Skips {
    GHashTable *by_path; /* path -> Skip, owned */
    guint n_seen;        /* unknown values seen: the next seq */
} Skips;

static void
skip_free(gpointer p)
{
    Skip *skip = p;

    g_free(skip->path);
    g_free(skip->value_path);
    g_free(skip->value);
    g_free(skip);
}

static void
skips_init(Skips *skips)
{
    skips->by_path = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                           skip_free);
    skips->n_seen = 0;
}

static void
skips_clear(Skips *skips)
{
    g_clear_pointer(&skips->by_path, g_hash_table_unref);
}

/* The path of the value holding @path's value ("" for the root). */
static char *
path_parent(const char *path)
{
    const char *end = path + strlen(path);

    if (end > path && end[-1] == ']') {
        end = strrchr(path, '[');
    } else {
        while (end > path && end[-1] != '.' && end[-1] != ']') {
            end--;
        }
        if (end > path && end[-1] == '.') {
            end--;
        }
    }
    return g_strndup(path, end - path);
}

/* Whether a value around @path's (not itself) is left out. */
static gboolean
skips_cover(const Skips *skips, const char *path)
{
    g_autofree char *up = g_strdup(path);

    while (*up) {
        char *next = path_parent(up);

        g_free(up);
        up = next;
        if (g_hash_table_contains(skips->by_path, up)) {
            return TRUE;
        }
    }
    return FALSE;
}

/* Leave out the value at @skip->path (taking @skip).  FALSE (and @skip
 * freed) when it is left out already. */
static gboolean
skips_add(Skips *skips, Skip *skip)
{
    if (g_hash_table_contains(skips->by_path, skip->path)) {
        skip_free(skip);
        return FALSE;
    }
    skip->element = skip->path[strlen(skip->path) - 1] == ']';
    g_hash_table_insert(skips->by_path, skip->path, skip);
    return TRUE;
}

/* Values inside values left out no longer count. */
static void
skips_prune(Skips *skips)
{
    GHashTableIter iter;
    Skip *skip;

    g_hash_table_iter_init(&iter, skips->by_path);
    while (g_hash_table_iter_next(&iter, NULL, (gpointer *)&skip)) {
        if (skips_cover(skips, skip->path)) {
            g_hash_table_iter_remove(&iter);
        }
    }
}

/* The unknown value @u, as the value to leave out first: itself (a list
 * element, or a member that may be optional). */
static Skip *
skip_new(Skips *skips, const QapiUnknownValue *u)
{
    Skip *skip = g_new0(Skip, 1);

    skip->path = g_strdup(u->path);
    skip->seq = skips->n_seen++;
    skip->value_path = g_strdup(u->path);
    skip->value = g_strdup(u->value);
    skip->lookup = u->lookup;
    return skip;
}

/* The error of an unknown value nothing around which may go: a strict
 * decode's. */
static char *
skip_error(const Skip *skip)
{
    g_autofree char *shown = qapi_escape(skip->value);
    g_autoptr(GString) choices = g_string_new(NULL);

    for (int i = 0; i < skip->lookup->size; i++) {
        g_string_append_printf(choices, "%s'%s'", i ? ", " : "",
                               skip->lookup->array[i]);
    }
    return g_strdup_printf("%s%sinvalid value '%s' (expected one of: %s)",
                           skip->value_path, *skip->value_path ? ": " : "",
                           shown, choices->str);
}

/*
 * After a decode that left out @skips: a member it missed was required,
 * so the value holding it goes instead; unknown values it met are added.
 * TRUE when @skips changed (decode again).  FALSE with *@hopeless set to
 * the error (to free) when an unknown value has nothing around it that
 * may go.
 */
static gboolean
skips_revise(Skips *skips, const QapiDiagnostics *diags, Visitor *v,
             char **hopeless)
{
    gboolean changed = FALSE;

    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        Skip *skip = d->code == QAPI_ERROR_MISSING_MEMBER && d->path
                         ? g_hash_table_lookup(skips->by_path, d->path)
                         : NULL;

        if (!skip || skip->element) {
            continue;
        }
        g_hash_table_steal(skips->by_path, skip->path);
        g_free(skip->path);
        skip->path = path_parent(d->path);
        if (!*skip->path) {
            *hopeless = skip_error(skip);
            skip_free(skip);
            return FALSE;
        }
        skips_add(skips, skip);
        changed = TRUE;
    }
    for (guint i = 0; i < qapi_json_input_visitor_get_n_unknown_values(v);
         i++) {
        Skip *skip = skip_new(skips,
                              qapi_json_input_visitor_get_unknown_value(v, i));

        if (!*skip->path) {
            /* the value itself is the enum */
            *hopeless = skip_error(skip);
            skip_free(skip);
            return FALSE;
        }
        changed |= skips_add(skips, skip);
    }
    skips_prune(skips);
    return changed;
}

/* Every value around one left out (its path's ancestors), as a set. */
static GHashTable *
skips_ancestors(const Skips *skips)
{
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                            NULL);
    GHashTableIter iter;
    const char *path;

    g_hash_table_iter_init(&iter, skips->by_path);
    while (g_hash_table_iter_next(&iter, (gpointer *)&path, NULL)) {
        char *up = g_strdup(path);

        while (*up) {
            char *next = path_parent(up);

            g_free(up);
            up = next;
            if (g_hash_table_contains(set, up)) {
                break;
            }
            g_hash_table_add(set, g_strdup(up));
        }
        g_free(up);
    }
    return set;
}

/*
 * @node (at @path) without the values @skips names: a copy of the objects
 * and arrays on the way to them (@ancestors), the rest shared.
 */
static JsonNode *
node_without(JsonNode *node, const Skips *skips, GHashTable *ancestors,
             GString *path)
{
    gsize len = path->len;
    JsonNode *copy;

    if (!g_hash_table_contains(ancestors, path->str)) {
        return json_node_ref(node);
    }
    if (JSON_NODE_HOLDS_ARRAY(node)) {
        JsonArray *array = json_node_get_array(node);
        JsonArray *out = json_array_new();

        for (guint i = 0; i < json_array_get_length(array); i++) {
            g_string_append_printf(path, "[%u]", i);
            if (!g_hash_table_contains(skips->by_path, path->str)) {
                json_array_add_element(
                    out, node_without(json_array_get_element(array, i), skips,
                                      ancestors, path));
            }
            g_string_truncate(path, len);
        }
        copy = json_node_init_array(json_node_alloc(), out);
        json_array_unref(out);
        return copy;
    }
    if (JSON_NODE_HOLDS_OBJECT(node)) {
        JsonObject *object = json_node_get_object(node);
        JsonObject *out = json_object_new();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered(&iter, object);
        while (json_object_iter_next_ordered(&iter, &name, &member)) {
            g_string_append_printf(path, "%s%s", len ? "." : "", name);
            /* A name that could look like a path is no schema member's
             * (the visitor's paths show such names quoted), so nothing in
             * it is left out. */
            if (strpbrk(name, ".[]\"")) {
                json_object_set_member(out, name, json_node_ref(member));
            } else if (!g_hash_table_contains(skips->by_path, path->str)) {
                json_object_set_member(
                    out, name, node_without(member, skips, ancestors, path));
            }
            g_string_truncate(path, len);
        }
        copy = json_node_init_object(json_node_alloc(), out);
        json_object_unref(out);
        return copy;
    }
    return json_node_ref(node);
}

/* The reply @node as the next decode sees it. */
static JsonNode *
skips_apply(const Skips *skips, JsonNode *node)
{
    g_autoptr(GHashTable) ancestors = NULL;
    g_autoptr(GString) path = NULL;

    if (!g_hash_table_size(skips->by_path)) {
        return json_node_ref(node);
    }
    ancestors = skips_ancestors(skips);
    path = g_string_new(NULL);
    return node_without(node, skips, ancestors, path);
}

static gint
skip_cmp(gconstpointer a, gconstpointer b)
{
    const Skip *x = *(Skip *const *)a;
    const Skip *y = *(Skip *const *)b;

    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The Skips in the order their unknown values came (for warnings). */
static GPtrArray *
skips_sorted(const Skips *skips)
{
    GPtrArray *list = g_ptr_array_new();
    GHashTableIter iter;
    gpointer skip;

    g_hash_table_iter_init(&iter, skips->by_path);
    while (g_hash_table_iter_next(&iter, NULL, &skip)) {
        g_ptr_array_add(list, skip);
    }
    g_ptr_array_sort(list, skip_cmp);
    return list;
}

/* ---- decoding --------------------------------------------------------- */

static const QapiInputPolicy tolerant_policy = {
    .unknown_member = QAPI_INPUT_WARN,
    .other_branch = QAPI_INPUT_WARN,
    /* recorded, and left out (see above) */
    .unknown_value = QAPI_INPUT_UNSUPPORTED,
    /* judged below, against the versions */
    .missing_member = QAPI_INPUT_WARN,
};

void
qapi_qmp_client_free_value(QapiQmpVisitFunc visit, void *obj)
{
    g_autoptr(Visitor) v = qapi_dealloc_visitor_new();

    visit(v, obj, NULL);
}

/*
 * A missing member in a tolerant decode: a warning when the schema says
 * it is newer than the peer, else the error it is.
 */
static char *
judge_missing(QapiQmpClient *client, const QapiQmpSinceTable *table,
              const char *type, const QapiDiagnostic *d, gboolean *is_error,
              char **key)
{
    const char *owner = NULL;
    const QapiQmpSinceMember *m = resolve_path(table, type, d->path, &owner);
    const char *last;

    if (m && m->since
        && qapi_qmp_client_compare_version(client, m->since) > 0) {
        g_autofree char *peer = peer_version(client);

        *is_error = FALSE;
        *key = g_strdup_printf("%s.%s", owner, m->name);
        return g_strdup_printf("%s: member '%s' of %s is since %s, QEMU %s "
                               "predates it: left empty",
                               d->path, m->name, owner, m->since, peer);
    }
    *is_error = TRUE;
    last = strrchr(d->path, '.');
    return g_strdup_printf("%s: missing required member '%s'", d->path,
                           last ? last + 1 : d->path);
}

/*
 * The warnings of one decode.  The same one in many places (a member
 * missing from every machine of query-machines) is said once, with the
 * count of the others: texts with a key are merged by it.
 */
typedef struct Warnings {
    GPtrArray *texts;
    GArray *more;     /* guint for each text: the other places */
    GHashTable *keys; /* key -> index in texts */
} Warnings;

static void
warnings_init(Warnings *w)
{
    w->texts = g_ptr_array_new_with_free_func(g_free);
    w->more = g_array_new(FALSE, TRUE, sizeof(guint));
    w->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

static void
warnings_clear(Warnings *w)
{
    g_ptr_array_unref(w->texts);
    g_array_unref(w->more);
    g_hash_table_unref(w->keys);
}

/* Add @text (taken), merged by @key (taken; may be NULL). */
static void
warnings_add(Warnings *w, char *text, char *key)
{
    gpointer index;

    if (key && g_hash_table_lookup_extended(w->keys, key, NULL, &index)) {
        g_array_index(w->more, guint, GPOINTER_TO_UINT(index))++;
        g_free(text);
        g_free(key);
        return;
    }
    if (key) {
        g_hash_table_insert(w->keys, key, GUINT_TO_POINTER(w->texts->len));
    }
    g_ptr_array_add(w->texts, text);
    g_array_set_size(w->more, w->texts->len);
}

/* Tell @client's warning function each of @w's. */
static void
warnings_report(QapiQmpClient *client, const char *what, const Warnings *w)
{
    for (guint i = 0; client && i < w->texts->len; i++) {
        const char *text = g_ptr_array_index(w->texts, i);
        guint others = g_array_index(w->more, guint, i);
        g_autofree char *msg = NULL;

        if (others) {
            msg = g_strdup_printf("%s: %s (and in %u more %s)", what, text,
                                  others, others > 1 ? "places" : "place");
        } else {
            msg = g_strdup_printf("%s: %s", what, text);
        }
        qapi_qmp_client_warn(client, msg);
    }
}

/* The schema's name of the enum whose table is @lookup. */
static const char *
enum_name(const QapiQmpSinceTable *table, const QEnumLookup *lookup)
{
    for (const QapiQmpEnumName *e = table ? table->enums : NULL; e && e->lookup;
         e++) {
        if (e->lookup == lookup) {
            return e->name;
        }
    }
    return "its enum";
}

/* The warning for a value left out: "[3].capability: unknown value
 * 'zero-blocks' of MigrationCapability: list element [3] dropped". */
static void
warn_skip(Warnings *w, const Skip *skip, const QapiQmpSinceTable *table)
{
    const char *name = enum_name(table, skip->lookup);
    g_autofree char *value = qapi_escape_display(skip->value);

    warnings_add(
        w,
        g_strdup_printf("%s: unknown value '%s' of %s: %s %s dropped",
                        skip->value_path, value, name,
                        skip->element ? "list element" : "optional member",
                        skip->path),
        g_strdup_printf("%s\n%s\n%d", name, skip->value, skip->element));
}

/*
 * The verdict on a decode that left out @skips: FALSE with @errp set
 * when @diags hold an error (or the visit failed with @err), else the
 * warnings reported.
 */
static gboolean
decode_verdict(QapiQmpClient *client, const char *what, const char *type,
               const QapiQmpSinceTable *since_table, const Skips *skips,
               const QapiDiagnostics *diags, bool ok, const GError *err,
               GError **errp)
{
    g_autoptr(GPtrArray) left_out = skips_sorted(skips);
    Warnings w;
    char *first_error = NULL;

    warnings_init(&w);
    for (guint i = 0; i < left_out->len; i++) {
        warn_skip(&w, g_ptr_array_index(left_out, i), since_table);
    }
    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        gboolean is_error = d->severity == QAPI_SEVERITY_ERROR;
        char *key = NULL;
        char *text;

        if (!is_error && d->code == QAPI_ERROR_MISSING_MEMBER) {
            text = judge_missing(client, since_table, type, d, &is_error, &key);
        } else if (d->path && *d->path) {
            text = g_strdup_printf("%s: %s", d->path, d->message);
        } else {
            text = g_strdup(d->message);
        }
        if (is_error && !first_error) {
            first_error = text;
            g_free(key);
        } else if (is_error) {
            g_free(text);
            g_free(key);
        } else {
            warnings_add(&w, text, key);
        }
    }
    if (first_error || !ok) {
        g_set_error(errp, QAPI_QMP_CLIENT_ERROR, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                    "%s: %s", what, first_error ? first_error : err->message);
        g_free(first_error);
        warnings_clear(&w);
        return FALSE;
    }
    warnings_report(client, what, &w);
    warnings_clear(&w);
    return TRUE;
}

/* Where @text's value starts in its message. */
static uint32_t
value_offset(const QapiQmpValueText *text)
{
    if (!text->message) {
        return 0;
    }
    return (uint32_t)(text->data
                      - (const char *)g_bytes_get_data(text->message, NULL));
}

/* A visitor over the value @v's round decodes: the lazy one over the text
 * in the first round, else one over the tree with @skips left out
 * (*@tree: the tree, parsed from the text when first needed). */
static Visitor *
round_visitor(const QapiQmpValueText *text, JsonNode **tree, const Skips *skips,
              QapiDiagnostics *diags, GError **errp)
{
    g_autoptr(JsonNode) pruned = NULL;

    if (!*tree && !g_hash_table_size(skips->by_path)) {
        /* The connection checked the message: not again. */
        return qapi_json_input_visitor_new_checked(
            text->data, text->length, text->spans, value_offset(text), NULL,
            QAPI_INPUT_STRICT, diags);
    }
    if (!*tree) {
        *tree = qapi_json_parse(text->data, text->length, NULL, errp);
        if (!*tree) {
            return NULL;
        }
    }
    pruned = skips_apply(skips, *tree);
    return qapi_json_input_visitor_new_from_node(pruned, QAPI_INPUT_STRICT,
                                                 diags);
}

/*
 * The decode of @text, or of @node when @text is NULL: decode, and again
 * without what cannot be held, until nothing changes.
 */
static gboolean
decode_rounds(QapiQmpClient *client, QapiQmpVisitFunc visit, const char *what,
              const char *type, const QapiQmpSinceTable *since_table,
              const QapiQmpValueText *text, JsonNode *node, void *obj,
              GError **errp)
{
    gboolean strict = client
                      && (qapi_qmp_client_get_decode_flags(client)
                          & QAPI_QMP_DECODE_STRICT);
    Skips skips;
    g_autoptr(JsonNode) tree = node ? json_node_ref(node) : NULL;
    g_autoptr(QapiDiagnostics) diags = NULL;
    g_autoptr(GError) err = NULL;
    g_autofree char *hopeless = NULL;
    bool ok;

    skips_init(&skips);
    for (guint round = 0;; round++) {
        g_autoptr(Visitor) v = NULL;

        g_clear_pointer(&diags, qapi_diagnostics_free);
        g_clear_error(&err);
        diags = qapi_diagnostics_new();
        v = round_visitor(text, &tree, &skips, diags, &err);
        if (!v) {
            /* (the connection checked the text: not reached) */
            ok = FALSE;
            break;
        }
        if (!strict) {
            qapi_json_input_visitor_set_policy(v, &tolerant_policy);
        }
        ok = visit(v, obj, &err);
        if (strict || round == MAX_ROUNDS
            || !skips_revise(&skips, diags, v, &hopeless)) {
            break;
        }
        qapi_qmp_client_free_value(visit, obj);
    }
    if (hopeless) {
        g_set_error(errp, QAPI_QMP_CLIENT_ERROR, QAPI_QMP_CLIENT_ERROR_PROTOCOL,
                    "%s: %s", what, hopeless);
        ok = FALSE;
    } else {
        ok = decode_verdict(client, what, type, since_table, &skips, diags, ok,
                            err, errp);
    }
    skips_clear(&skips);
    if (!ok) {
        qapi_qmp_client_free_value(visit, obj);
    }
    return ok;
}

gboolean
qapi_qmp_client_decode(QapiQmpClient *client, QapiQmpVisitFunc visit,
                       const char *what, const char *type,
                       const QapiQmpSinceTable *since_table, JsonNode *node,
                       void *obj, GError **errp)
{
    g_autoptr(JsonNode) empty = NULL;

    if (!node) {
        empty = json_node_init_object(json_node_alloc(), json_object_new());
        node = empty;
    }
    return decode_rounds(client, visit, what, type, since_table, NULL, node,
                         obj, errp);
}

gboolean
qapi_qmp_client_decode_text(QapiQmpClient *client, QapiQmpVisitFunc visit,
                            const char *what, const char *type,
                            const QapiQmpSinceTable *since_table,
                            const QapiQmpValueText *value, void *obj,
                            GError **errp)
{
    /* An absent value reads as an empty object. */
    static const QapiQmpValueText empty = { NULL, "{}", 2, NULL };

    return decode_rounds(client, visit, what, type, since_table,
                         value && value->data ? value : &empty, NULL, obj,
                         errp);
}

/* ---- arguments -------------------------------------------------------- */

static gboolean encode_declared(QapiQmpClient *client,
                                const QapiQmpCommandInfo *info, void *args,
                                JsonObject **arguments, GError **errp);

/*
 * Members of @node (a value of schema type @type) that the schema
 * documents as newer than the peer: the first fails the call.
 */
static gboolean
check_newer(QapiQmpClient *client, const QapiQmpCommandInfo *info,
            const char *type, JsonNode *node, GString *path, GError **errp)
{
    const QapiQmpSinceType *t = find_type(info->since_table, type);

    if (!t || !node) {
        return TRUE;
    }
    if (JSON_NODE_HOLDS_ARRAY(node) && t->element) {
        JsonArray *array = json_node_get_array(node);

        for (guint i = 0; i < json_array_get_length(array); i++) {
            gsize len = path->len;

            g_string_append_printf(path, "[%u]", i);
            if (!check_newer(client, info, t->element,
                             json_array_get_element(array, i), path, errp)) {
                return FALSE;
            }
            g_string_truncate(path, len);
        }
        return TRUE;
    }
    if (!JSON_NODE_HOLDS_OBJECT(node)) {
        return TRUE;
    }
    for (const QapiQmpSinceMember *m = t->members; m && m->name; m++) {
        JsonNode *value = json_object_get_member(json_node_get_object(node),
                                                 m->name);
        gsize len = path->len;

        if (!value) {
            continue;
        }
        g_string_append_printf(path, "%s%s", len ? "." : "", m->name);
        if (m->since && qapi_qmp_client_compare_version(client, m->since) > 0) {
            g_autofree char *peer = peer_version(client);

            g_set_error(errp, QAPI_QMP_CLIENT_ERROR,
                        QAPI_QMP_CLIENT_ERROR_VERSION,
                        "%s: arguments: %s: member '%s' is since %s, QEMU %s "
                        "predates it",
                        info->name, path->str, m->name, m->since, peer);
            return FALSE;
        }
        if (m->type && !check_newer(client, info, m->type, value, path, errp)) {
            return FALSE;
        }
        g_string_truncate(path, len);
    }
    return TRUE;
}

gboolean
qapi_qmp_client_encode_arguments(QapiQmpClient *client,
                                 const QapiQmpCommandInfo *info, void *args,
                                 JsonObject **arguments, GError **errp)
{
    return qapi_qmp_client_encode_arguments_extra(client, info, args, NULL,
                                                  arguments, errp);
}

/* Whether @name is a member @info declares (open arguments only). */
static gboolean
is_declared(const QapiQmpCommandInfo *info, const char *name)
{
    for (const char *const *m = info->open_members; m && *m; m++) {
        if (!strcmp(*m, name)) {
            return TRUE;
        }
    }
    return FALSE;
}

/* The members of @extra added to *@arguments (created when NULL). */
static gboolean
add_extra(const QapiQmpCommandInfo *info, JsonObject *extra,
          JsonObject **arguments, GError **errp)
{
    g_autoptr(GList) names = NULL;

    if (!extra || !json_object_get_size(extra)) {
        return TRUE;
    }
    if (!info->open_members) {
        g_set_error(errp, QAPI_ERROR, QAPI_ERROR_UNKNOWN_MEMBER,
                    "%s: arguments: the command takes no members beyond "
                    "those of its schema",
                    info->name);
        return FALSE;
    }
    names = json_object_get_members(extra);
    for (GList *l = names; l; l = l->next) {
        if (is_declared(info, l->data)
            || (*arguments && json_object_has_member(*arguments, l->data))) {
            g_set_error(errp, QAPI_ERROR, QAPI_ERROR_DUPLICATE_MEMBER,
                        "%s: arguments: %s: a member the schema declares "
                        "is not an extra member",
                        info->name, (const char *)l->data);
            return FALSE;
        }
    }
    if (!*arguments) {
        *arguments = json_object_new();
    }
    for (GList *l = names; l; l = l->next) {
        json_object_set_member(
            *arguments, l->data,
            json_node_copy(json_object_get_member(extra, l->data)));
    }
    return TRUE;
}

gboolean
qapi_qmp_client_encode_arguments_extra(QapiQmpClient *client,
                                       const QapiQmpCommandInfo *info,
                                       void *args, JsonObject *extra,
                                       JsonObject **arguments, GError **errp)
{
    if (!encode_declared(client, info, args, arguments, errp)) {
        return FALSE;
    }
    if (!add_extra(info, extra, arguments, errp)) {
        g_clear_pointer(arguments, json_object_unref);
        return FALSE;
    }
    return TRUE;
}

static gboolean
encode_declared(QapiQmpClient *client, const QapiQmpCommandInfo *info,
                void *args, JsonObject **arguments, GError **errp)
{
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(Visitor) v = NULL;
    g_autoptr(GString) path = g_string_new(NULL);
    GError *err = NULL;

    *arguments = NULL;
    if (client && qapi_qmp_client_compare_version(client, info->since) > 0) {
        g_autofree char *peer = peer_version(client);

        g_set_error(errp, QAPI_QMP_CLIENT_ERROR, QAPI_QMP_CLIENT_ERROR_VERSION,
                    "%s: the command is since %s, QEMU %s predates it",
                    info->name, info->since, peer);
        return FALSE;
    }
    if (!info->visit_args || !args) {
        return TRUE;
    }
    v = qapi_json_output_visitor_new(&node);
    if (!info->visit_args(v, &args, &err)) {
        g_set_error(errp, err->domain, err->code, "%s: arguments: %s",
                    info->name, err->message);
        g_error_free(err);
        return FALSE;
    }
    visit_complete(v, &node);
    if (client
        && !check_newer(client, info, info->args_type, node, path, errp)) {
        return FALSE;
    }
    if (json_object_get_size(json_node_get_object(node))) {
        *arguments = json_object_ref(json_node_get_object(node));
    }
    return TRUE;
}

/* ---- calls ------------------------------------------------------------ */

/* A decoded return value, as the task holds it. */
typedef struct RetBox {
    QapiQmpVisitFunc visit;
    gsize size;
    gpointer storage;
} RetBox;

static void
ret_box_free(gpointer p)
{
    RetBox *box = p;

    if (box->visit) {
        qapi_qmp_client_free_value(box->visit, box->storage);
    }
    g_free(box->storage);
    g_free(box);
}

/* The reply's "return" @value decoded into a box. */
static RetBox *
reply_decode(QapiQmpClient *client, const QapiQmpCommandInfo *info,
             const QapiQmpValueText *value, GError **errp)
{
    RetBox *box = g_new0(RetBox, 1);
    g_autofree char *what = NULL;

    box->size = info->ret_size;
    box->storage = g_malloc0(MAX(info->ret_size, 1));
    if (!info->visit_ret) {
        return box;
    }
    what = g_strdup_printf("%s reply", info->name);
    if (!qapi_qmp_client_decode_text(client, info->visit_ret, what,
                                     info->ret_type, info->since_table, value,
                                     box->storage, errp)) {
        ret_box_free(box);
        return NULL;
    }
    box->visit = info->visit_ret;
    return box;
}

typedef struct CallData {
    QapiQmpClient *client;
    const QapiQmpCommandInfo *info;
} CallData;

static void
call_data_free(gpointer p)
{
    CallData *cd = p;

    qapi_qmp_client_unref(cd->client);
    g_free(cd);
}

static void
call_done(GObject *source, GAsyncResult *result, gpointer data)
{
    g_autoptr(GTask) task = data;
    CallData *cd = g_task_get_task_data(task);
    g_autoptr(QapiQmpValueText) value = NULL;
    GError *error = NULL;
    RetBox *box;

    (void)source;
    value = qapi_qmp_client_execute_text_finish(cd->client, result, &error);
    if (!value) {
        g_task_return_error(task, error);
        return;
    }
    box = reply_decode(cd->client, cd->info, value, &error);
    if (!box) {
        g_task_return_error(task, error);
        return;
    }
    g_task_return_pointer(task, box, ret_box_free);
}

/* How a command's request is sent. */
static QapiQmpCallFlags
call_flags(const QapiQmpCommandInfo *info)
{
    return info->no_reply ? QAPI_QMP_CALL_FLAGS_NO_REPLY
                          : QAPI_QMP_CALL_FLAGS_NONE;
}

void
qapi_qmp_client_call_async(QapiQmpClient *client,
                           const QapiQmpCommandInfo *info, void *args,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
    qapi_qmp_client_call_extra_async(client, info, args, NULL, cancellable,
                                     callback, user_data);
}

void
qapi_qmp_client_call_extra_async(QapiQmpClient *client,
                                 const QapiQmpCommandInfo *info, void *args,
                                 JsonObject *extra, GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
    g_autoptr(JsonObject) arguments = NULL;
    GError *error = NULL;
    GTask *task;
    CallData *cd;

    g_return_if_fail(client && info);
    task = g_task_new(NULL, cancellable, callback, user_data);
    g_task_set_source_tag(task, qapi_qmp_client_call_async);
    /* (a call without a reply is done once sent, cancelled or not) */
    g_task_set_check_cancellable(task, !info->no_reply);
    cd = g_new0(CallData, 1);
    cd->client = qapi_qmp_client_ref(client);
    cd->info = info;
    g_task_set_task_data(task, cd, call_data_free);
    if (!qapi_qmp_client_encode_arguments_extra(client, info, args, extra,
                                                &arguments, &error)) {
        g_task_return_error(task, error);
        g_object_unref(task);
        return;
    }
    qapi_qmp_client_execute_text_async(client, info->name, arguments,
                                       call_flags(info), cancellable, call_done,
                                       task);
}

gboolean
qapi_qmp_client_call_finish(QapiQmpClient *client, GAsyncResult *result,
                            void *ret, GError **errp)
{
    RetBox *box;

    g_return_val_if_fail(client, FALSE);
    g_return_val_if_fail(g_task_is_valid(result, NULL), FALSE);
    box = g_task_propagate_pointer(G_TASK(result), errp);
    if (!box) {
        return FALSE;
    }
    if (ret && box->size) {
        memcpy(ret, box->storage, box->size);
        box->visit = NULL; /* the caller owns it now */
    }
    ret_box_free(box);
    return TRUE;
}

gboolean
qapi_qmp_client_call_sync(QapiQmpClient *client, const QapiQmpCommandInfo *info,
                          void *args, void *ret, GCancellable *cancellable,
                          GError **errp)
{
    return qapi_qmp_client_call_extra_sync(client, info, args, NULL, ret,
                                           cancellable, errp);
}

gboolean
qapi_qmp_client_call_extra_sync(QapiQmpClient *client,
                                const QapiQmpCommandInfo *info, void *args,
                                JsonObject *extra, void *ret,
                                GCancellable *cancellable, GError **errp)
{
    g_autoptr(JsonObject) arguments = NULL;
    g_autoptr(QapiQmpValueText) value = NULL;
    RetBox *box;

    g_return_val_if_fail(client && info, FALSE);
    if (!qapi_qmp_client_encode_arguments_extra(client, info, args, extra,
                                                &arguments, errp)) {
        return FALSE;
    }
    value = qapi_qmp_client_execute_text_sync(
        client, info->name, arguments, call_flags(info), cancellable, errp);
    if (!value) {
        return FALSE;
    }
    box = reply_decode(client, info, value, errp);
    if (!box) {
        return FALSE;
    }
    if (ret && box->size) {
        memcpy(ret, box->storage, box->size);
        box->visit = NULL;
    }
    ret_box_free(box);
    return TRUE;
}

/* ---- events ----------------------------------------------------------- */

typedef struct TypedHandler {
    const QapiQmpEventInfo *info;
    GCallback func;
    gpointer user_data;
    GDestroyNotify destroy;
} TypedHandler;

static void
typed_handler_free(gpointer p)
{
    TypedHandler *th = p;

    if (th->destroy) {
        th->destroy(th->user_data);
    }
    g_free(th);
}

static void
typed_event(QapiQmpClient *client, const char *name,
            const QapiQmpValueText *data, const QapiQmpTimestamp *timestamp,
            gpointer user_data)
{
    TypedHandler *th = user_data;
    const QapiQmpEventInfo *info = th->info;
    g_autofree char *what = g_strdup_printf("event %s", name);
    g_autoptr(GError) error = NULL;
    void *obj = NULL;

    if (info->visit_data
        && !qapi_qmp_client_decode_text(client, info->visit_data, what,
                                        info->data_type, info->since_table,
                                        data, &obj, &error)) {
        g_autofree char *msg = g_strdup_printf("%s (not delivered)",
                                               error->message);

        qapi_qmp_client_warn(client, msg);
        return;
    }
    info->dispatch(client, th->func, &obj, timestamp, th->user_data);
    if (info->visit_data) {
        qapi_qmp_client_free_value(info->visit_data, &obj);
    }
}

gulong
qapi_qmp_client_add_typed_handler(QapiQmpClient *client,
                                  const QapiQmpEventInfo *info, GCallback func,
                                  gpointer user_data, GDestroyNotify destroy)
{
    TypedHandler *th;

    g_return_val_if_fail(client && info && func, 0);
    th = g_new0(TypedHandler, 1);
    th->info = info;
    th->func = func;
    th->user_data = user_data;
    th->destroy = destroy;
    return qapi_qmp_client_add_text_event_handler(
        client, info->name, typed_event, th, typed_handler_free);
}

/* ---- tables ----------------------------------------------------------- */

const QapiQmpCommandInfo *
qapi_qmp_command_info_find(const QapiQmpCommandInfo *const *table,
                           const char *name)
{
    for (; table && *table; table++) {
        if (!strcmp((*table)->name, name)) {
            return *table;
        }
    }
    return NULL;
}

const QapiQmpEventInfo *
qapi_qmp_event_info_find(const QapiQmpEventInfo *const *table, const char *name)
{
    for (; table && *table; table++) {
        if (!strcmp((*table)->name, name)) {
            return *table;
        }
    }
    return NULL;
}

/* ---- arguments as JSON text ------------------------------------------ */

/* Unknown members are warnings (then sorted out by where they are);
 * everything else stays strict. */
static const QapiInputPolicy open_policy = {
    .unknown_member = QAPI_INPUT_WARN,
    .other_branch = QAPI_INPUT_ERROR,
    .unknown_value = QAPI_INPUT_ERROR,
    .missing_member = QAPI_INPUT_ERROR,
};

/* Whether diagnostic path @path lies inside a declared member of @info
 * (declared names are plain QAPI names: no quoting in paths). */
static gboolean
inside_declared(const QapiQmpCommandInfo *info, const char *path)
{
    for (const char *const *m = info->open_members; *m; m++) {
        gsize len = strlen(*m);

        if (!strncmp(path, *m, len) && (path[len] == '.' || path[len] == '[')) {
            return TRUE;
        }
    }
    return FALSE;
}

/* The declared members of an open command read from @text strictly, an
 * unknown member inside one of them an error too; the others are left
 * for *@extra. */
static gboolean
read_open_arguments(const QapiQmpCommandInfo *info, const char *text,
                    gssize len, const char *filename, JsonObject *object,
                    void **args, JsonObject **extra, GError **errp)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(Visitor) v = NULL;
    g_autoptr(GList) names = NULL;
    g_autoptr(GError) err = NULL;
    bool ok;

    v = qapi_json_input_visitor_new(text, len, filename, QAPI_INPUT_STRICT,
                                    diags, errp);
    if (!v) {
        return FALSE;
    }
    qapi_json_input_visitor_set_policy(v, &open_policy);
    ok = info->visit_args(v, args, &err)
         && qapi_json_input_visitor_finish(v, &err);
    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);

        if (d->severity == QAPI_SEVERITY_ERROR
            || (d->code == QAPI_ERROR_UNKNOWN_MEMBER
                && inside_declared(info, d->path))) {
            QapiDiagnostic e = *d;

            e.severity = QAPI_SEVERITY_ERROR;
            g_propagate_error(errp, qapi_diagnostic_to_gerror(&e));
            return FALSE;
        }
    }
    if (!ok) {
        g_propagate_error(errp, g_steal_pointer(&err));
        return FALSE;
    }
    names = json_object_get_members(object);
    for (GList *l = names; l; l = l->next) {
        if (is_declared(info, l->data)) {
            continue;
        }
        if (!*extra) {
            *extra = json_object_new();
        }
        json_object_set_member(
            *extra, l->data,
            json_node_copy(json_object_get_member(object, l->data)));
    }
    return TRUE;
}

gboolean
qapi_qmp_client_read_arguments(const QapiQmpCommandInfo *info, const char *text,
                               gssize len, const char *filename, void **args,
                               JsonObject **extra, GError **errp)
{
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(Visitor) v = NULL;
    JsonObject *object;
    gboolean ok;

    g_return_val_if_fail(info && text && args && extra, FALSE);
    *args = NULL;
    *extra = NULL;
    node = qapi_json_parse(text, len, filename, errp);
    if (!node) {
        return FALSE;
    }
    if (!JSON_NODE_HOLDS_OBJECT(node)) {
        g_set_error(errp, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH,
                    "%s: the arguments are not a JSON object",
                    filename ? filename : info->name);
        return FALSE;
    }
    object = json_node_get_object(node);
    if (!json_object_get_size(object)) {
        return TRUE;
    }
    if (!info->visit_args && !info->open_members) {
        g_set_error(errp, QAPI_ERROR, QAPI_ERROR_UNKNOWN_MEMBER,
                    "%s: the command takes no arguments", info->name);
        return FALSE;
    }
    if (info->open_members) {
        ok = info->visit_args ? read_open_arguments(info, text, len, filename,
                                                    object, args, extra, errp)
                              : TRUE;
        if (ok && !info->visit_args) {
            *extra = json_object_ref(object);
        }
    } else {
        v = qapi_json_input_visitor_new(text, len, filename, QAPI_INPUT_STRICT,
                                        NULL, errp);
        ok = v && info->visit_args(v, args, errp)
             && qapi_json_input_visitor_finish(v, errp);
    }
    if (!ok) {
        if (*args) {
            qapi_qmp_client_free_value(info->visit_args, args);
            *args = NULL;
        }
        g_clear_pointer(extra, json_object_unref);
    }
    return ok;
}

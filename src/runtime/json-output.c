/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The JSON output visitor and the runtime's JSON text writer.
 *
 * One visitor, two sinks: a json-glib tree builder, and a text writer that
 * formats straight into a GString without building a tree.  The writer is
 * also what qapi_json_to_string() uses for any JsonNode, so there is one
 * place that decides how JSON text looks:
 *  - canonical: 4-space indent, "key": value, one member or element per
 *    line, empty containers as {} and [], final newline;
 *  - compact: no insignificant white space at all.
 * Whatever it writes is valid JSON that our strict reader takes back as the
 * same value: doubles in their shortest round-trip form (always with a '.'
 * or exponent, so they stay doubles), every control character escaped,
 * non-finite numbers and invalid UTF-8 refused, nesting bounded like the
 * reader's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qapi/json-input.h"
#include "qapi/json-output.h"
#include "visitor-impl.h"

/* ---- the text writer --------------------------------------------------- */

typedef struct Writer {
    GString *out;
    QapiJsonStyle style;
    int depth;
    guint count[QAPI_JSON_MAX_DEPTH + 1]; /* values in each container */
    bool is_array[QAPI_JSON_MAX_DEPTH + 1];
} Writer;

/* g_string_append_len() with the common case inline: the writer's hot
 * path is many short appends into a string that has room. */
static inline void
put(GString *out, const char *p, size_t n)
{
    if (G_LIKELY(out->len + n < out->allocated_len)) {
        memcpy(out->str + out->len, p, n);
        out->len += n;
        out->str[out->len] = '\0';
    } else {
        g_string_append_len(out, p, n);
    }
}

static inline void
put_c(GString *out, char c)
{
    put(out, &c, 1);
}

static void
writer_init(Writer *w, GString *out, QapiJsonStyle style)
{
    w->out = out;
    w->style = style;
    w->depth = 0;
}

static void
newline_indent(Writer *w, int depth)
{
    /* A newline and enough spaces for the deepest level. */
    static const char spaces[] =
        "\n                                                                "
        "                                                                "
        "                                                                "
        "                                                                ";

    g_assert(depth <= QAPI_JSON_MAX_DEPTH);
    put(w->out, spaces, 1 + 4 * depth);
}

static bool
write_string(Writer *w, const char *s, size_t len, GError **errp)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + len, *run = p;
    gsize start = w->out->len;
    bool ascii = true;

    put_c(w->out, '"');
    for (; p < end; p++) {
        unsigned char c = *p;
        char esc[7] = { '\\', 0 };

        if (c >= 0x80) {
            ascii = false;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        put(w->out, (const char *)run, p - run);
        run = p + 1;
        switch (c) {
        /* clang-format off */
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        /* clang-format on */
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            break;
        }
        put(w->out, esc, strlen(esc));
    }
    put(w->out, (const char *)run, end - run);
    put_c(w->out, '"');
    if (!ascii && !g_utf8_validate_len(s, len, NULL)) {
        g_string_truncate(w->out, start);
        qapi_set_error(errp, QAPI_ERROR_INVALID_VALUE, NULL,
                       "string is not valid UTF-8");
        return false;
    }
    return true;
}

/* Separator, indentation and key before a value in the current container. */
static bool
writer_prefix(Writer *w, const char *key, GError **errp)
{
    int d = w->depth;

    if (d == 0) {
        return true;
    }
    if (w->count[d]++) {
        put_c(w->out, ',');
    }
    if (w->style == QAPI_JSON_CANONICAL) {
        newline_indent(w, d);
    }
    if (!w->is_array[d]) {
        if (!write_string(w, key ? key : "", key ? strlen(key) : 0, errp)) {
            return false;
        }
        put(w->out, ": ", w->style == QAPI_JSON_CANONICAL ? 2 : 1);
    }
    return true;
}

/* After a complete top-level value. */
static void
writer_finish_value(Writer *w)
{
    if (w->depth == 0 && w->style == QAPI_JSON_CANONICAL) {
        put_c(w->out, '\n');
    }
}

static bool
writer_begin(Writer *w, const char *key, bool is_array, GError **errp)
{
    if (w->depth >= QAPI_JSON_MAX_DEPTH) {
        qapi_set_error(errp, QAPI_ERROR_TOO_DEEP, key,
                       "nesting deeper than %d levels", QAPI_JSON_MAX_DEPTH);
        return false;
    }
    if (!writer_prefix(w, key, errp)) {
        return false;
    }
    put_c(w->out, is_array ? '[' : '{');
    w->depth++;
    w->count[w->depth] = 0;
    w->is_array[w->depth] = is_array;
    return true;
}

static void
writer_end(Writer *w)
{
    bool is_array = w->is_array[w->depth];
    guint count = w->count[w->depth];

    w->depth--;
    if (count && w->style == QAPI_JSON_CANONICAL) {
        newline_indent(w, w->depth);
    }
    put_c(w->out, is_array ? ']' : '}');
    writer_finish_value(w);
}

static bool
writer_raw(Writer *w, const char *key, const char *text, GError **errp)
{
    if (!writer_prefix(w, key, errp)) {
        return false;
    }
    put(w->out, text, strlen(text));
    writer_finish_value(w);
    return true;
}

static bool
writer_str(Writer *w, const char *key, const char *s, GError **errp)
{
    if (!writer_prefix(w, key, errp) || !write_string(w, s, strlen(s), errp)) {
        return false;
    }
    writer_finish_value(w);
    return true;
}

static bool
writer_int(Writer *w, const char *key, int64_t i, GError **errp)
{
    char buf[32];

    g_snprintf(buf, sizeof(buf), "%" G_GINT64_FORMAT, i);
    return writer_raw(w, key, buf, errp);
}

static bool
writer_uint(Writer *w, const char *key, uint64_t u, GError **errp)
{
    char buf[32];

    g_snprintf(buf, sizeof(buf), "%" G_GUINT64_FORMAT, u);
    return writer_raw(w, key, buf, errp);
}

/*
 * @d as JSON text that reads back as exactly @d: the shortest digit string
 * that round-trips, laid out as Python's repr() does (plain notation for
 * exponents -4..15, else d.ddde+XX), and always with a '.' or an exponent
 * so that it reads back as a double, not an integer.
 */
static bool
format_double(double d, char *buf, size_t size)
{
    char sci[40], digits[20];
    const char *p;
    size_t n = 0;
    int exp;
    bool negative;
    GString *out;

    if (!isfinite(d)) {
        return false;
    }
    for (int prec = 0; prec < 17; prec++) {
        char format[8];

        g_snprintf(format, sizeof(format), "%%.%de", prec);
        g_ascii_formatd(sci, sizeof(sci), format, d);
        if (g_ascii_strtod(sci, NULL) == d) {
            break;
        }
    }
    /* sci is "[-]D[.DDD]e(+|-)XX" */
    p = sci;
    negative = *p == '-';
    p += negative;
    for (; *p != 'e'; p++) {
        if (*p != '.') {
            digits[n++] = *p;
        }
    }
    while (n > 1 && digits[n - 1] == '0') {
        n--;
    }
    digits[n] = '\0';
    exp = atoi(p + 1);

    out = g_string_new(negative ? "-" : "");
    if (exp >= -4 && exp < 16) {
        if (exp >= 0) {
            for (int i = 0; i <= exp; i++) {
                g_string_append_c(out, (size_t)i < n ? digits[i] : '0');
            }
            g_string_append_c(out, '.');
            g_string_append(out, (size_t)exp + 1 < n ? digits + exp + 1 : "0");
        } else {
            g_string_append(out, "0.");
            for (int i = 0; i < -exp - 1; i++) {
                g_string_append_c(out, '0');
            }
            g_string_append(out, digits);
        }
    } else {
        g_string_append_c(out, digits[0]);
        if (n > 1) {
            g_string_append_printf(out, ".%s", digits + 1);
        }
        g_string_append_printf(out, "e%c%02d", exp < 0 ? '-' : '+', abs(exp));
    }
    g_strlcpy(buf, out->str, size);
    g_string_free(out, TRUE);
    return true;
}

static bool
writer_double(Writer *w, const char *key, double d, GError **errp)
{
    char buf[64];

    if (!format_double(d, buf, sizeof(buf))) {
        qapi_set_error(errp, QAPI_ERROR_INVALID_VALUE, key,
                       "non-finite number %g has no JSON form", d);
        return false;
    }
    return writer_raw(w, key, buf, errp);
}

static bool
writer_node(Writer *w, const char *key, JsonNode *node, GError **errp)
{
    switch (json_node_get_node_type(node)) {
    case JSON_NODE_NULL:
        return writer_raw(w, key, "null", errp);
    case JSON_NODE_OBJECT: {
        JsonObject *obj = json_node_get_object(node);
        g_autoptr(GList) members = json_object_get_members(obj);

        if (!writer_begin(w, key, false, errp)) {
            return false;
        }
        for (GList *l = members; l; l = l->next) {
            if (!writer_node(w, l->data, json_object_get_member(obj, l->data),
                             errp)) {
                return false;
            }
        }
        writer_end(w);
        return true;
    }
    case JSON_NODE_ARRAY: {
        JsonArray *arr = json_node_get_array(node);
        guint n = json_array_get_length(arr);

        if (!writer_begin(w, key, true, errp)) {
            return false;
        }
        for (guint i = 0; i < n; i++) {
            if (!writer_node(w, NULL, json_array_get_element(arr, i), errp)) {
                return false;
            }
        }
        writer_end(w);
        return true;
    }
    case JSON_NODE_VALUE:
        break;
    }
    switch (json_node_get_value_type(node)) {
    case G_TYPE_BOOLEAN:
        return writer_raw(w, key,
                          json_node_get_boolean(node) ? "true" : "false", errp);
    case G_TYPE_STRING:
        /* json_node_init_string(node, NULL) makes a NULL string. */
        return writer_str(
            w, key,
            json_node_get_string(node) ? json_node_get_string(node) : "", errp);
    case G_TYPE_DOUBLE:
        return writer_double(w, key, json_node_get_double(node), errp);
    case G_TYPE_INT64:
    case G_TYPE_INT:
        return writer_int(w, key, json_node_get_int(node), errp);
    default:
        qapi_set_error(errp, QAPI_ERROR_INVALID_VALUE, key,
                       "JSON value of unsupported type %s",
                       g_type_name(json_node_get_value_type(node)));
        return false;
    }
}

char *
qapi_json_to_string(JsonNode *node, QapiJsonStyle style)
{
    GString *out = g_string_new(NULL);
    Writer w;

    g_return_val_if_fail(node, NULL);
    writer_init(&w, out, style);
    if (!writer_node(&w, NULL, node, NULL)) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

/* ---- the output visitor ------------------------------------------------ */

typedef struct BFrame {
    JsonObject *object; /* borrowed: owned by the tree */
    JsonArray *array;
    /* Where it hangs in its parent, for error paths: the member name
     * (the visit's, which outlives the frame) or the element index. */
    const char *name;
    guint index;
} BFrame;

typedef struct OutputVisitor {
    Visitor visitor;
    /*
     * A failed callback poisons the value being written.  The generated
     * code still unwinds through every end_struct/end_list up to the top;
     * there a poisoned value is dropped and a sound one handed over, so a
     * failed visit leaves the caller's result as it was.
     */
    bool failed;
    /* Text sink: writes straight into the caller's string. */
    GString *text;
    gsize committed; /* text->len after the last complete value */
    Writer writer;
    /* Tree sink. */
    JsonNode **result;
    JsonNode *root;
    GArray *frames; /* of BFrame */
} OutputVisitor;

static OutputVisitor *
to_ov(Visitor *v)
{
    return (OutputVisitor *)v;
}

/* After every callback: note failure; at the top, commit or discard. */
static bool
step(OutputVisitor *ov, bool ok)
{
    if (!ok) {
        ov->failed = true;
    }
    if (ov->text) {
        if (ov->writer.depth) {
            return ok;
        }
        if (ov->failed) {
            g_string_truncate(ov->text, ov->committed);
        }
        ov->committed = ov->text->len;
    } else {
        if (ov->frames->len) {
            return ok;
        }
        if (ov->failed) {
            g_clear_pointer(&ov->root, json_node_unref);
        } else if (ov->root) {
            *ov->result = g_steal_pointer(&ov->root);
        }
    }
    ov->failed = false;
    return ok;
}

/*
 * Tree sink: the member path of the value @name is about to be written at
 * ("model.props[2].name"), for errors, as the input visitor's paths read.
 */
static char *
tree_path(OutputVisitor *ov, const char *name)
{
    GString *path = g_string_new(NULL);
    BFrame *parent = NULL;

    for (guint i = 0; i <= ov->frames->len; i++) {
        BFrame *f = i < ov->frames->len ? &g_array_index(ov->frames, BFrame, i)
                                        : NULL;
        const char *member = f ? f->name : name;

        if (parent && parent->array) {
            g_string_append_printf(path, "[%u]",
                                   f ? f->index
                                     : json_array_get_length(parent->array));
        } else if (parent && member) {
            qapi_path_append_member(path, member);
        }
        parent = f;
    }
    return g_string_free(path, FALSE);
}

/* Tree sink: set @errp for the value @name with its full member path. */
static void G_GNUC_PRINTF(5, 6)
    tree_error(OutputVisitor *ov, const char *name, GError **errp,
               QapiErrorCode code, const char *format, ...)
{
    g_autofree char *path = NULL;
    g_autofree char *message = NULL;
    va_list ap;

    if (!errp) {
        return;
    }
    path = tree_path(ov, name);
    va_start(ap, format);
    message = g_strdup_vprintf(format, ap);
    va_end(ap);
    qapi_set_error(errp, code, path, "%s", message);
}

/* Either sink: @errp for the value @name (the text sink keeps no names
 * of the enclosing members, so its path is the member alone). */
#define value_error(ov, name, errp, code, ...)             \
    do {                                                   \
        if ((ov)->text) {                                  \
            qapi_set_error(errp, code, name, __VA_ARGS__); \
        } else {                                           \
            tree_error(ov, name, errp, code, __VA_ARGS__); \
        }                                                  \
    } while (0)

/* Tree sink: hang @node (taken over) at the current position. */
static void
tree_add(OutputVisitor *ov, const char *name, JsonNode *node)
{
    BFrame *f;

    if (!ov->frames->len) {
        g_clear_pointer(&ov->root, json_node_unref);
        ov->root = node;
        return;
    }
    f = &g_array_index(ov->frames, BFrame, ov->frames->len - 1);
    if (f->array) {
        json_array_add_element(f->array, node);
    } else {
        json_object_set_member(f->object, name ? name : "", node);
    }
}

static bool
ov_begin(OutputVisitor *ov, const char *name, bool is_array, GError **errp)
{
    BFrame f = { 0 };
    JsonNode *node;

    if (ov->text) {
        return step(ov, writer_begin(&ov->writer, name, is_array, errp));
    }
    if (ov->frames->len) {
        BFrame *parent = &g_array_index(ov->frames, BFrame,
                                        ov->frames->len - 1);

        f.name = name;
        f.index = parent->array ? json_array_get_length(parent->array) : 0;
    }
    if (is_array) {
        f.array = json_array_new();
        node = json_node_init_array(json_node_alloc(), f.array);
        json_array_unref(f.array);
    } else {
        f.object = json_object_new();
        node = json_node_init_object(json_node_alloc(), f.object);
        json_object_unref(f.object);
    }
    tree_add(ov, name, node);
    g_array_append_val(ov->frames, f);
    return step(ov, true);
}

static void
ov_end(OutputVisitor *ov)
{
    if (ov->text) {
        writer_end(&ov->writer);
    } else {
        g_array_set_size(ov->frames, ov->frames->len - 1);
    }
    step(ov, true);
}

/* Tree sink: a scalar node, or NULL with @errp set. */
static bool
ov_scalar(OutputVisitor *ov, const char *name, JsonNode *node)
{
    if (node) {
        tree_add(ov, name, node);
    }
    return step(ov, node != NULL);
}

static bool
ov_start_struct(Visitor *v, const char *name, void **obj, size_t size,
                GError **errp)
{
    (void)obj, (void)size;
    return ov_begin(to_ov(v), name, false, errp);
}

static void
ov_end_struct(Visitor *v, void **obj)
{
    (void)obj;
    ov_end(to_ov(v));
}

static bool
ov_start_list(Visitor *v, const char *name, GenericList **list, size_t size,
              GError **errp)
{
    (void)list, (void)size;
    return ov_begin(to_ov(v), name, true, errp);
}

static GenericList *
ov_next_list(Visitor *v, GenericList *tail, size_t size)
{
    (void)v, (void)size;
    return tail->next;
}

static void
ov_end_list(Visitor *v, void **list)
{
    (void)list;
    ov_end(to_ov(v));
}

static bool
ov_type_int(Visitor *v, const char *name, int64_t *obj, int64_t min,
            int64_t max, const char *type_name, GError **errp)
{
    OutputVisitor *ov = to_ov(v);

    (void)min, (void)max, (void)type_name;
    if (ov->text) {
        return step(ov, writer_int(&ov->writer, name, *obj, errp));
    }
    return ov_scalar(ov, name, json_node_init_int(json_node_alloc(), *obj));
}

static bool
ov_type_uint(Visitor *v, const char *name, uint64_t *obj, uint64_t max,
             const char *type_name, GError **errp)
{
    OutputVisitor *ov = to_ov(v);

    (void)max;
    if (ov->text) {
        return step(ov, writer_uint(&ov->writer, name, *obj, errp));
    }
    /* json-glib numbers are int64 or double: neither holds this exactly,
     * and a silently rounded value is worse than an error. */
    if (*obj > INT64_MAX) {
        tree_error(ov, name, errp, QAPI_ERROR_OUT_OF_RANGE,
                   "%s value %" G_GUINT64_FORMAT " has no exact "
                   "json-glib representation",
                   type_name, *obj);
        return ov_scalar(ov, name, NULL);
    }
    return ov_scalar(ov, name,
                     json_node_init_int(json_node_alloc(), (int64_t)*obj));
}

static bool
ov_type_bool(Visitor *v, const char *name, bool *obj, GError **errp)
{
    OutputVisitor *ov = to_ov(v);

    if (ov->text) {
        return step(
            ov, writer_raw(&ov->writer, name, *obj ? "true" : "false", errp));
    }
    return ov_scalar(ov, name, json_node_init_boolean(json_node_alloc(), *obj));
}

static bool
ov_string(OutputVisitor *ov, const char *name, const char *s, GError **errp)
{
    if (ov->text) {
        return step(ov, writer_str(&ov->writer, name, s, errp));
    }
    if (!g_utf8_validate(s, -1, NULL)) {
        tree_error(ov, name, errp, QAPI_ERROR_INVALID_VALUE,
                   "string is not valid UTF-8");
        return ov_scalar(ov, name, NULL);
    }
    return ov_scalar(ov, name, json_node_init_string(json_node_alloc(), s));
}

static bool
ov_type_str(Visitor *v, const char *name, char **obj, GError **errp)
{
    /* A NULL string only comes from a half-built object; write "" as
     * QEMU does rather than crash. */
    return ov_string(to_ov(v), name, *obj ? *obj : "", errp);
}

static bool
ov_type_enum(Visitor *v, const char *name, int *obj, const QEnumLookup *lookup,
             GError **errp)
{
    const char *wire = qapi_enum_lookup(lookup, *obj);

    if (!wire) {
        value_error(to_ov(v), name, errp, QAPI_ERROR_INVALID_VALUE,
                    "enum value %d out of range", *obj);
        return step(to_ov(v), false);
    }
    return ov_string(to_ov(v), name, wire, errp);
}

static bool
ov_type_number(Visitor *v, const char *name, double *obj, GError **errp)
{
    OutputVisitor *ov = to_ov(v);

    if (ov->text) {
        return step(ov, writer_double(&ov->writer, name, *obj, errp));
    }
    if (!isfinite(*obj)) {
        tree_error(ov, name, errp, QAPI_ERROR_INVALID_VALUE,
                   "non-finite number %g has no JSON form", *obj);
        return ov_scalar(ov, name, NULL);
    }
    return ov_scalar(ov, name, json_node_init_double(json_node_alloc(), *obj));
}

static bool
ov_type_any(Visitor *v, const char *name, JsonNode **obj, GError **errp)
{
    OutputVisitor *ov = to_ov(v);

    if (!*obj) {
        value_error(ov, name, errp, QAPI_ERROR_INVALID_VALUE,
                    "missing value for an 'any' member");
        return step(ov, false);
    }
    if (ov->text) {
        return step(ov, writer_node(&ov->writer, name, *obj, errp));
    }
    return ov_scalar(ov, name, qapi_json_node_deep_copy(*obj));
}

static bool
ov_type_null(Visitor *v, const char *name, QNull **obj, GError **errp)
{
    OutputVisitor *ov = to_ov(v);

    (void)obj;
    if (ov->text) {
        return step(ov, writer_raw(&ov->writer, name, "null", errp));
    }
    return ov_scalar(ov, name, json_node_init_null(json_node_alloc()));
}

/* The result is already in place (step()); QEMU's code passes it back. */
static void
ov_complete(Visitor *v, void *opaque)
{
    OutputVisitor *ov = to_ov(v);

    g_return_if_fail(opaque
                     == (ov->text ? (void *)ov->text : (void *)ov->result));
}

static void
ov_free(Visitor *v)
{
    OutputVisitor *ov = to_ov(v);

    g_clear_pointer(&ov->root, json_node_unref);
    if (ov->frames) {
        g_array_free(ov->frames, TRUE);
    }
    g_free(ov);
}

static OutputVisitor *
output_visitor_new(void)
{
    OutputVisitor *ov = g_new0(OutputVisitor, 1);
    Visitor *v = &ov->visitor;

    v->type = VISITOR_OUTPUT;
    v->start_struct = ov_start_struct;
    v->end_struct = ov_end_struct;
    v->start_list = ov_start_list;
    v->next_list = ov_next_list;
    v->end_list = ov_end_list;
    v->type_int = ov_type_int;
    v->type_uint = ov_type_uint;
    v->type_bool = ov_type_bool;
    v->type_str = ov_type_str;
    v->type_number = ov_type_number;
    v->type_any = ov_type_any;
    v->type_null = ov_type_null;
    v->type_enum = ov_type_enum;
    v->complete = ov_complete;
    v->free = ov_free;
    return ov;
}

Visitor *
qapi_json_output_visitor_new(JsonNode **result)
{
    OutputVisitor *ov;

    g_return_val_if_fail(result, NULL);
    ov = output_visitor_new();
    ov->result = result;
    *result = NULL;
    ov->frames = g_array_new(FALSE, FALSE, sizeof(BFrame));
    return &ov->visitor;
}

Visitor *
qapi_json_text_output_visitor_new(QapiJsonStyle style, GString *result)
{
    OutputVisitor *ov;

    g_return_val_if_fail(result, NULL);
    ov = output_visitor_new();
    ov->text = result;
    ov->committed = result->len;
    writer_init(&ov->writer, result, style);
    return &ov->visitor;
}

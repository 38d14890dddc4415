/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The strict JSON input visitor: walks the reader's tree (json-reader.c)
 * as the generated code asks for members, and reports every mismatch
 * between document and schema with the member path and text position.
 *
 * Three ways to fail:
 *  - stop mode (no diagnostics list): the first error is returned through
 *    GError and the visit unwinds;
 *  - collect mode (a diagnostics list): each error is recorded, the member
 *    gets a zero value and the visit goes on, so that one pass lists every
 *    problem; qapi_json_input_visitor_finish() then fails.  Below a value
 *    that could not be visited (a missing struct, a string where an object
 *    belongs) the visit continues in a "phantom" frame that reports
 *    nothing, so one mistake yields one message;
 *  - the input policy (qapi/input-policy.h; QAPI_INPUT_TOLERANT is one)
 *    decides, in the same pass, what unknown members, members of another
 *    union branch, unknown enum values and missing members are: errors,
 *    warnings, dropped list elements or marks of an unsupported document.
 *
 * The reader's tree is a QapiJsonDocument that may outlive the visitor, so
 * that positions stay available to checks made on the typed result.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "autofd.h"
#include "qapi/json-input.h"
#include "visitor-impl.h"
#include "json-reader.h"
#include "json-input-impl.h"
#include "json-lazy.h"
#include "union-tag.h"

struct QapiJsonDocument {
    gint ref;
    JDoc *doc;
    char *filename;
    /* A visitor has marked members visited: clear before the next. */
    bool marked;
    /* @doc belongs to someone else (qapi_json_input_visitor_new_at()). */
    bool borrowed;
};

/* A union discriminator this object has, and what the visit found in it. */
typedef struct TagSeen {
    const char *name;          /* static, from generated code */
    const QEnumLookup *lookup; /* NULL until visited */
    int value;                 /* -1: not a valid value */
} TagSeen;

/*
 * Lazy mode (a visitor over text, json-lazy.h): every JValue the visitor
 * handles is the first member of one of these, which says where in the
 * text it is; positions are counted from that only for messages.
 */
typedef struct LzValue {
    JValue v;
    uint32_t off;
} LzValue;

typedef struct IFrame {
    JValue *value;    /* object or array; NULL when phantom */
    const char *name; /* member name in the parent, for paths */
    uint32_t index;   /* arrays: the current element */
    /* Objects: where to start looking for the next member asked for (the
     * one after the last found: generated code asks in schema order,
     * which is mostly the document's). */
    uint32_t cursor;
    /* Objects: members this frame marked visited, so that check_struct
     * need not look for unvisited ones when there are none. */
    uint32_t n_visited;
    bool phantom;
    /* Objects: a member of a declared union tag type had no valid value,
     * so the generated code visits the zero value's branch, which may not
     * be the document's: later missing members and unknown members of
     * this object would only be noise. */
    bool tainted;
    /* Objects: the members generated code declared union tags (one per
     * union flattened into this object) are the visitor's tags from this
     * index on (tags are only ever added to the innermost frame). */
    guint tags_base;
    /* Lists of enums, tolerant mode: the current element is dropped. */
    bool dropped;
    bool last_dropped;
    /* Structs: the C object's size (0: none), to tell union tags. */
    size_t size;
    /* Objects: an enum member that may be a union tag got the stand-in 0,
     * so the C object holds a valid-looking value the document lacks. */
    bool standin;
    /* Lazy mode: @value points to @head; the container as far as it is
     * scanned; the parent's member (index in the member stack) whose
     * value this is, or UINT32_MAX for an element or the root; the
     * member found last and its name. */
    LzValue head;
    LzContainer lz;
    uint32_t parent_member;
    const char *peek_name;
    uint32_t peek_index;
} IFrame;

typedef struct InputVisitor {
    Visitor visitor;
    QapiJsonDocument *doc;
    JValue *root;         /* the value visited; in doc */
    char *path_prefix;    /* starts every path; NULL for none */
    const char *filename; /* the document's */
    const QapiInputPolicy *policy;
    QapiDiagnostics *diags; /* NULL: stop at the first error */
    guint first_error;      /* index in diags of our first error */
    guint last_error;       /* and of the latest one */
    guint errors;
    guint unsupported;        /* of them, values marked unsupported */
    bool stopped;             /* stop mode: an error ended the visit */
    bool stopped_unsupported; /* ... and it was an unsupported value */
    /* Reports in frames at this depth and deeper are dropped (an object
     * whose union branch is unknown); 0: none. */
    guint quiet_depth;
    /* The member the current callback fills in, for @unsound. */
    const void *field;
    /* The last missing member was let through with a warning (policy
     * QAPI_INPUT_WARN): an enum then gets its zero value, not __MAX. */
    bool missing_warned;
    /* Members and objects holding a stand-in, not the document's value. */
    GHashTable *unsound;       /* NULL until there is one */
    GPtrArray *unknown_values; /* of QapiUnknownValue; NULL: none yet */
    /* Lists keep one node (qapi_json_input_reuse_list_nodes()). */
    bool reuse_nodes;
    /* The open containers, innermost last, and their union tags. */
    IFrame *frames;
    guint n_frames, cap_frames;
    TagSeen *tags;
    guint n_tags, cap_tags;
    /* Lazy mode: over checked text, read as the visit asks (no @doc);
     * the text (owned unless the caller keeps it), the root value and
     * the value the last lookup read. */
    bool lazy;
    LzText text;
    char *owned_text;
    size_t cached_text; /* @owned_text's size when it may be cached */
    char *owned_filename;
    LzValue lroot;
    LzValue cur;
    JSpans spans;
} InputVisitor;

/*
 * What a lazy visitor leaves for the next one in the same thread: its
 * frames, member stack, string buffer and the copy of its text (up to
 * CACHE_TEXT bytes); its table of container ends goes back to the
 * reader's spare (jspans_give_spare()).  A decode then makes no allocation above glibc's
 * small sizes: each such one makes malloc consolidate the free lists of
 * the previous typed result, which costs a good part of a decode.
 * Freed with the thread.
 */
#define CACHE_TEXT (4u * 1024 * 1024)

typedef struct LazyCache {
    char *text;
    size_t text_size;
    IFrame *frames;
    guint cap_frames;
    LzText scratch; /* members and buf */
} LazyCache;

static void
lazy_cache_free(gpointer p)
{
    LazyCache *cache = p;

    g_free(cache->text);
    g_free(cache->frames);
    lz_text_clear(&cache->scratch);
    g_free(cache);
}

static GPrivate lazy_cache = G_PRIVATE_INIT(lazy_cache_free);

static LazyCache *
lazy_cache_get(void)
{
    LazyCache *cache = g_private_get(&lazy_cache);

    if (!cache) {
        cache = g_new0(LazyCache, 1);
        g_private_set(&lazy_cache, cache);
    }
    return cache;
}

static const QapiInputPolicy strict_policy = {
    .unknown_member = QAPI_INPUT_ERROR,
    .other_branch = QAPI_INPUT_ERROR,
    .unknown_value = QAPI_INPUT_ERROR,
    .missing_member = QAPI_INPUT_ERROR,
};

static const QapiInputPolicy tolerant_policy = {
    .unknown_member = QAPI_INPUT_WARN,
    .other_branch = QAPI_INPUT_WARN,
    .unknown_value = QAPI_INPUT_DROP,
    .missing_member = QAPI_INPUT_ERROR,
};

static InputVisitor *
to_iv(Visitor *v)
{
    return (InputVisitor *)v;
}

static IFrame *
top(InputVisitor *iv)
{
    return iv->n_frames ? &iv->frames[iv->n_frames - 1] : NULL;
}

static bool
collecting(InputVisitor *iv)
{
    return iv->diags != NULL;
}

/* Record that @field holds a stand-in, not the document's value. */
static void
mark_unsound(InputVisitor *iv, const void *field)
{
    if (!iv->unsound) {
        iv->unsound = g_hash_table_new(NULL, NULL);
    }
    g_hash_table_add(iv->unsound, (gpointer)field);
}

/* ---- paths and reports ------------------------------------------------- */

static void
append_segment(GString *path, const IFrame *parent, const char *name)
{
    if (parent && parent->value && parent->value->type == JT_ARRAY) {
        g_string_append_printf(path, "[%u]", parent->index);
        return;
    }
    if (!name) {
        return;
    }
    qapi_path_append_member(path, name);
}

/* The path of member @name of the innermost container. */
static char *
member_path(InputVisitor *iv, const char *name)
{
    GString *path = g_string_new(iv->path_prefix);
    guint n = iv->n_frames;

    for (guint k = 1; k < n; k++) {
        append_segment(path, &iv->frames[k - 1], iv->frames[k].name);
    }
    if (n) {
        append_segment(path, top(iv), name);
    }
    return g_string_free(path, FALSE);
}

static const char *
json_type_name(const JValue *value)
{
    switch ((JType)value->type) {
    /* clang-format off */
    case JT_NULL: return "null";
    case JT_BOOL: return "a boolean";
    case JT_NUMBER: return "a number";
    case JT_STRING: return "a string";
    case JT_OBJECT: return "an object";
    case JT_ARRAY: return "an array";
    case JT_TOO_DEEP: return "a too deeply nested value";
        /* clang-format on */
    }
    return "?";
}

/*
 * Report a problem with member @name (of the innermost container) at
 * @line:@column.  Returns what the visit function should return: true when
 * the visit may go on (warnings, collect mode), false with @errp set
 * otherwise.
 */
static bool report_valist(InputVisitor *iv, GError **errp,
                          QapiSeverity severity, QapiErrorCode code,
                          const char *name, uint32_t line, uint32_t column,
                          const char *format, va_list ap) G_GNUC_PRINTF(8, 0);

static bool
report_valist(InputVisitor *iv, GError **errp, QapiSeverity severity,
              QapiErrorCode code, const char *name, uint32_t line,
              uint32_t column, const char *format, va_list ap)
{
    g_autofree char *path = NULL;
    g_autofree char *message = NULL;
    QapiDiagnostic diag = { 0 };

    if (iv->quiet_depth && iv->n_frames >= iv->quiet_depth) {
        return true;
    }
    if (iv->field
        && (severity == QAPI_SEVERITY_ERROR
            || code == QAPI_ERROR_MISSING_MEMBER)) {
        mark_unsound(iv, iv->field);
    }
    path = member_path(iv, name);
    message = g_strdup_vprintf(format, ap);
    if (iv->diags) {
        if (severity == QAPI_SEVERITY_ERROR) {
            iv->last_error = qapi_diagnostics_get_length(iv->diags);
            if (!iv->errors++) {
                iv->first_error = iv->last_error;
            }
        }
        qapi_diagnostics_add(iv->diags, severity, code, iv->filename, path,
                             line, column, "%s", message);
        return true;
    }
    if (severity == QAPI_SEVERITY_WARNING) {
        return true;
    }
    iv->stopped = true;
    diag.severity = severity;
    diag.code = code;
    diag.filename = (char *)iv->filename;
    diag.path = path;
    diag.line = line;
    diag.column = column;
    diag.message = message;
    g_propagate_error(errp, qapi_diagnostic_to_gerror(&diag));
    return false;
}

/* The line and column of @value. */
static void
value_position(InputVisitor *iv, const JValue *value, uint32_t *line,
               uint32_t *column)
{
    if (iv->lazy) {
        lz_position(&iv->text, ((const LzValue *)value)->off, line, column);
        return;
    }
    *line = value->line;
    *column = value->column;
}

static bool report(InputVisitor *iv, GError **errp, QapiSeverity severity,
                   QapiErrorCode code, const char *name, const JValue *at,
                   const char *format, ...) G_GNUC_PRINTF(7, 8);

/* As report_valist(), at value @at (NULL: at the container, e.g. for a
 * missing member). */
static bool
report(InputVisitor *iv, GError **errp, QapiSeverity severity,
       QapiErrorCode code, const char *name, const JValue *at,
       const char *format, ...)
{
    IFrame *f = top(iv);
    va_list ap;
    uint32_t line, column;
    bool ok;

    if (!at && f) {
        at = f->value;
    }
    if (!at) {
        at = iv->root;
    }
    value_position(iv, at, &line, &column);
    va_start(ap, format);
    ok = report_valist(iv, errp, severity, code, name, line, column, format,
                       ap);
    va_end(ap);
    return ok;
}

static bool report_key(InputVisitor *iv, GError **errp, QapiSeverity severity,
                       QapiErrorCode code, const JMember *m, const char *format,
                       ...) G_GNUC_PRINTF(6, 7);

/* As report_valist(), about member @m of the innermost object, at its key
 * (where gcc would point, and where duplicate members are reported). */
static bool
report_key(InputVisitor *iv, GError **errp, QapiSeverity severity,
           QapiErrorCode code, const JMember *m, const char *format, ...)
{
    va_list ap;
    bool ok;

    va_start(ap, format);
    ok = report_valist(iv, errp, severity, code, m->key, m->key_line,
                       m->key_column, format, ap);
    va_end(ap);
    return ok;
}

/* ---- finding values ---------------------------------------------------- */

typedef enum Lookup {
    FOUND,
    MISSING,
    PHANTOM,
} Lookup;

/* Whether @m's key is @name.  Keys hold no NUL, so @name's terminator
 * differs from any key byte: no strlen() needed. */
static inline bool
key_is(const JMember *m, const char *name)
{
    const char *key = m->key;

    for (uint32_t j = 0; j < m->key_len; j++) {
        if (key[j] != name[j]) {
            return false;
        }
    }
    return name[m->key_len] == '\0';
}

/* The index of member @name of @obj, looking from @from on first;
 * UINT32_MAX when there is none. */
static uint32_t
find_member(const JValue *obj, uint32_t from, const char *name)
{
    const JMember *m = obj->members;
    uint32_t n = obj->count;

    for (uint32_t i = from; i < n; i++) {
        if (key_is(&m[i], name)) {
            return i;
        }
    }
    for (uint32_t i = 0; i < from && i < n; i++) {
        if (key_is(&m[i], name)) {
            return i;
        }
    }
    return UINT32_MAX;
}

/* Lazy mode: the value at @off read into iv->cur; returns its end
 * (0 for a container). */
static uint32_t
read_cur(InputVisitor *iv, uint32_t off, JValue **out)
{
    uint32_t end = lz_read(&iv->text, off, &iv->cur.v);

    iv->cur.off = off;
    *out = &iv->cur.v;
    return end;
}

/* lookup() in lazy mode, for the innermost container @f. */
static Lookup
lookup_lazy(InputVisitor *iv, IFrame *f, const char *name, JValue **out,
            bool mark)
{
    LzMember *m;
    uint32_t i, end;

    if (f->value->type == JT_ARRAY) {
        if (!f->lz.elem_off) {
            return MISSING;
        }
        if (out) {
            end = read_cur(iv, f->lz.elem_off, out);
            if (end) {
                f->lz.elem_end = end;
            }
        }
        return FOUND;
    }
    g_assert(name);
    if (name == f->peek_name) {
        /* Asked again (visit_optional() before the visit): the same
         * static name from generated code finds the same member. */
        i = f->peek_index;
    } else {
        i = lz_find(&iv->text, &f->lz, f->cursor, name);
        if (i == UINT32_MAX) {
            return MISSING;
        }
        f->peek_name = name;
        f->peek_index = i;
    }
    if (!out) {
        return FOUND;
    }
    m = &iv->text.members[i];
    if (mark && !m->visited) {
        m->visited = true;
        f->n_visited++;
    }
    i -= f->lz.base;
    f->cursor = mark ? i + 1 : i;
    end = read_cur(iv, m->val_off, out);
    if (end) {
        iv->text.members[f->lz.base + i].val_end = end;
    }
    return FOUND;
}

/* The value member @name (or the current element) of the innermost
 * container; @mark records it as visited for check_struct.  In lazy mode
 * @out may be NULL: whether it is there, without reading it. */
static inline Lookup
lookup(InputVisitor *iv, const char *name, JValue **out, bool mark)
{
    IFrame *f = top(iv);
    uint32_t i;

    if (out) {
        *out = NULL;
    }
    if (!f) {
        if (iv->lazy) {
            if (out) {
                read_cur(iv, iv->lroot.off, out);
            }
            return FOUND;
        }
        *out = iv->root;
        return FOUND;
    }
    if (f->phantom) {
        return PHANTOM;
    }
    if (iv->lazy) {
        return lookup_lazy(iv, f, name, out, mark);
    }
    if (f->value->type == JT_ARRAY) {
        if (f->index >= f->value->count) {
            return MISSING;
        }
        *out = &f->value->elements[f->index];
        return FOUND;
    }
    g_assert(name);
    i = find_member(f->value, f->cursor, name);
    if (i == UINT32_MAX) {
        return MISSING;
    }
    if (mark && !f->value->members[i].visited) {
        f->value->members[i].visited = true;
        f->n_visited++;
    }
    /* Peeking (visit_optional() before the visit) leaves the cursor on
     * the member, the visit moves it past. */
    f->cursor = mark ? i + 1 : i;
    *out = &f->value->members[i].value;
    return FOUND;
}

/* What the policy says about a missing required member @name. */
static QapiInputAction
missing_action(InputVisitor *iv, const char *name)
{
    const QapiMemberRule *r = iv->policy->members;

    for (; name && r && r->name; r++) {
        if (r->missing != QAPI_INPUT_DEFAULT && strcmp(r->name, name) == 0) {
            return r->missing;
        }
    }
    return iv->policy->missing_member;
}

static bool
report_missing(InputVisitor *iv, const char *name, GError **errp)
{
    IFrame *f = top(iv);

    if (f && f->tainted && collecting(iv)) {
        if (iv->field) {
            mark_unsound(iv, iv->field);
        }
        return true;
    }
    if (missing_action(iv, name) == QAPI_INPUT_WARN) {
        iv->missing_warned = true;
        return report(iv, errp, QAPI_SEVERITY_WARNING,
                      QAPI_ERROR_MISSING_MEMBER, name, NULL,
                      "missing member '%s'", name ? name : "");
    }
    return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_MISSING_MEMBER,
                  name, NULL, "missing required member '%s'", name ? name : "");
}

/*
 * The value for a scalar visit, of JSON type @want.  NULL when there is
 * none; then *@ok says what the visit returns (true: go on with a zero
 * value; false: @errp is set).
 */
static JValue *
get_value(InputVisitor *iv, const char *name, JType want, const char *what,
          bool *ok, GError **errp)
{
    JValue *value;

    switch (lookup(iv, name, &value, true)) {
    case PHANTOM:
        *ok = true;
        return NULL;
    case MISSING:
        *ok = report_missing(iv, name, errp);
        return NULL;
    case FOUND:
        break;
    }
    if (value->type == JT_TOO_DEEP) {
        *ok = report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_TOO_DEEP, name,
                     value, "nesting deeper than %d levels",
                     QAPI_JSON_MAX_DEPTH);
        return NULL;
    }
    if (value->type != want) {
        *ok = report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_TYPE_MISMATCH,
                     name, value, "expected %s, got %s", what,
                     json_type_name(value));
        return NULL;
    }
    if (value->type == JT_STRING && value->boolean) {
        *ok = report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_INVALID_VALUE,
                     name, value, "string is not valid UTF-8");
        return NULL;
    }
    return value;
}

/* Lazy mode: enter the container @value (iv->cur, just read) in the new
 * innermost frame @f. */
static void
push_lazy(InputVisitor *iv, IFrame *f, const JValue *value)
{
    IFrame *parent = iv->n_frames > 1 ? &iv->frames[iv->n_frames - 2] : NULL;

    /* Field by field: copying the value whole, just written field by
     * field, would stall on store forwarding. */
    memset(&f->head, 0, sizeof(f->head));
    f->head.v.type = value->type;
    f->head.v.count = value->count;
    f->head.off = ((const LzValue *)value)->off;
    f->value = &f->head.v;
    lz_enter(&iv->text, &f->lz, f->head.off, value->type == JT_ARRAY);
    f->parent_member = UINT32_MAX;
    if (parent && !parent->phantom && parent->value->type == JT_OBJECT) {
        /* The member looked up last (the cursor is past it). */
        f->parent_member = parent->lz.base + parent->cursor - 1;
    }
}

/* Lazy mode: leaving @f, tell its parent where its value ends when
 * known, so that scanning on need not skip it again. */
static void
pop_lazy(InputVisitor *iv, IFrame *f)
{
    IFrame *parent = iv->n_frames > 1 ? &iv->frames[iv->n_frames - 2] : NULL;

    lz_leave(&iv->text, &f->lz);
    if (!f->lz.end || !parent || parent->phantom) {
        return;
    }
    if (f->parent_member != UINT32_MAX) {
        LzMember *m = &iv->text.members[f->parent_member];

        if (m->val_off == f->lz.off) {
            m->val_end = f->lz.end;
        }
    } else if (parent->value->type == JT_ARRAY
               && parent->lz.elem_off == f->lz.off) {
        parent->lz.elem_end = f->lz.end;
    }
}

static void
push(InputVisitor *iv, JValue *value, const char *name)
{
    IFrame *f;

    if (iv->n_frames == iv->cap_frames) {
        iv->cap_frames = iv->cap_frames ? iv->cap_frames * 2 : 16;
        iv->frames = g_renew(IFrame, iv->frames, iv->cap_frames);
        /* Lazy frames point into themselves. */
        for (guint k = 0; iv->lazy && k < iv->n_frames; k++) {
            if (!iv->frames[k].phantom) {
                iv->frames[k].value = &iv->frames[k].head.v;
            }
        }
    }
    /* Field by field: zeroing the whole frame (a "rep stos" for its size)
     * costs more than all the rest of a push. */
    f = &iv->frames[iv->n_frames++];
    f->value = value;
    f->name = name;
    f->index = 0;
    f->cursor = 0;
    f->n_visited = 0;
    f->phantom = !value;
    f->tainted = false;
    f->tags_base = iv->n_tags;
    f->dropped = false;
    f->last_dropped = false;
    f->size = 0;
    f->standin = false;
    f->peek_name = NULL;
    if (iv->lazy && value) {
        push_lazy(iv, f, value);
    }
}

static void
pop(InputVisitor *iv)
{
    g_assert(iv->n_frames);
    if (iv->lazy && !top(iv)->phantom) {
        pop_lazy(iv, top(iv));
    }
    iv->n_tags = top(iv)->tags_base;
    iv->n_frames--;
    if (iv->quiet_depth > iv->n_frames) {
        iv->quiet_depth = 0;
    }
}

/* ---- structs ----------------------------------------------------------- */

static bool
iv_start_struct(Visitor *v, const char *name, void **obj, size_t size,
                GError **errp)
{
    InputVisitor *iv = to_iv(v);
    bool ok;
    JValue *value;

    iv->field = obj;
    value = get_value(iv, name, JT_OBJECT, "an object", &ok, errp);

    if (!value && !ok) {
        if (obj) {
            *obj = NULL;
        }
        return false;
    }
    if (obj) {
        *obj = g_malloc0(size);
    }
    push(iv, value, name);
    top(iv)->size = size;
    return true;
}

static bool
has_member(const char *const *members, const char *key)
{
    for (; *members; members++) {
        if (strcmp(*members, key) == 0) {
            return true;
        }
    }
    return false;
}

/*
 * The cases of union @u, other than the selected @value, whose branch has
 * member @key ("'flash' or 'memory'"); empty when none has.
 */
static void
branch_cases(const QapiUnionInfo *u, int value, const char *key, GString *out)
{
    for (int i = 0; i < u->n_branches; i++) {
        const QapiUnionBranch *b = &u->branches[i];

        if (b->tag_value != value && has_member(b->members, key)) {
            g_string_append_printf(out, "%s'%s'", out->len ? " or " : "",
                                   b->case_name);
        }
    }
}

/*
 * When member @key of this object belongs to a union branch other than
 * the selected one: a new string naming the tag and the branches, as in
 * "'device' is 'flash'".  Every union the generator describes with this
 * tag name and enum must agree, else NULL (an unknown member then).
 */
static char *
other_branch(InputVisitor *iv, const IFrame *f, const char *key)
{
    for (guint i = iv->n_tags; i-- > f->tags_base;) {
        const TagSeen *t = &iv->tags[i];
        g_autofree char *found = NULL;
        bool agree = true;

        if (!t->lookup || t->value < 0) {
            continue;
        }
        for (const QapiUnionInfo *u = iv->policy->unions; u && u->name; u++) {
            g_autoptr(GString) cases = g_string_new(NULL);

            if (u->tag_lookup != t->lookup || strcmp(u->tag, t->name)) {
                continue;
            }
            branch_cases(u, t->value, key, cases);
            if (!found) {
                found = g_strdup(cases->str);
            } else if (strcmp(found, cases->str)) {
                agree = false;
            }
        }
        if (found && *found && agree) {
            g_autofree char *tag = qapi_escape(t->name);
            return g_strdup_printf("'%s' is %s", tag, found);
        }
    }
    return NULL;
}

/* The action for members of another branch, and for unknown ones. */
static QapiSeverity
member_severity(QapiInputAction action)
{
    return action == QAPI_INPUT_WARN ? QAPI_SEVERITY_WARNING
                                     : QAPI_SEVERITY_ERROR;
}

/* Report member @m of @f, which belongs to branch(es) @where, not to the
 * selected one. */
static bool
report_other_branch(InputVisitor *iv, GError **errp, const IFrame *f,
                    const JMember *m, const char *where)
{
    QapiInputAction action = iv->policy->other_branch;
    g_autofree char *key = qapi_escape(m->key);
    g_autofree char *selected = NULL;

    for (guint i = iv->n_tags; i-- > f->tags_base;) {
        const TagSeen *t = &iv->tags[i];

        if (t->lookup && t->value >= 0 && !selected) {
            selected = g_strdup_printf("'%s'",
                                       qapi_enum_lookup(t->lookup, t->value));
        }
    }
    if (action == QAPI_INPUT_DEFAULT) {
        action = iv->policy->unknown_member;
    }
    return report_key(iv, errp, member_severity(action),
                      QAPI_ERROR_UNKNOWN_MEMBER, m,
                      "member '%s' belongs to the branch where %s, not to "
                      "the selected %s",
                      key, where, selected ? selected : "one");
}

/* The number of members of object @f (scanning it to its end in lazy
 * mode). */
static uint32_t
member_count(InputVisitor *iv, IFrame *f)
{
    if (iv->lazy) {
        lz_scan_all(&iv->text, &f->lz);
        return f->lz.n;
    }
    return f->value->count;
}

/* Member @i of object @f, or NULL when the visit marked it visited.  In
 * lazy mode it is made in @tmp, its key in *@key. */
static JMember *
unvisited_member(InputVisitor *iv, IFrame *f, uint32_t i, JMember *tmp,
                 char **key)
{
    const LzMember *m;

    if (!iv->lazy) {
        return f->value->members[i].visited ? NULL : &f->value->members[i];
    }
    m = &iv->text.members[f->lz.base + i];
    if (m->visited) {
        return NULL;
    }
    memset(tmp, 0, sizeof(*tmp));
    g_free(*key);
    *key = lz_key(&iv->text, m);
    tmp->key = *key;
    tmp->key_len = strlen(*key);
    lz_position(&iv->text, m->key_off, &tmp->key_line, &tmp->key_column);
    return tmp;
}

static bool
iv_check_struct(Visitor *v, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    IFrame *f = top(iv);
    QapiSeverity severity = member_severity(iv->policy->unknown_member);
    bool tolerant = severity == QAPI_SEVERITY_WARNING;
    JMember *first = NULL;
    JMember first_copy, tmp;
    g_autoptr(GString) others = NULL;
    g_autofree char *first_key = NULL;
    g_autofree char *first_raw = NULL;
    g_autofree char *key_buf = NULL;
    guint more = 0;
    uint32_t count;

    iv->field = NULL;
    if (f->phantom || (f->tainted && collecting(iv))) {
        return true;
    }
    count = member_count(iv, f);
    if (f->n_visited == count) {
        return true;
    }
    for (uint32_t i = 0; i < count; i++) {
        JMember *m = unvisited_member(iv, f, i, &tmp, &key_buf);
        g_autofree char *where = NULL;

        if (!m) {
            continue;
        }
        where = iv->n_tags > f->tags_base ? other_branch(iv, f, m->key) : NULL;
        if (where) {
            if (!report_other_branch(iv, errp, f, m, where)) {
                return false;
            }
            continue;
        }
        if (collecting(iv) || tolerant) {
            g_autofree char *key = qapi_escape(m->key);

            report_key(iv, errp, severity, QAPI_ERROR_UNKNOWN_MEMBER, m,
                       "unknown member '%s'", key);
            continue;
        }
        /* Stop mode: one error naming them all. */
        if (!first) {
            /* (@tmp and its key change with the next member) */
            first_copy = *m;
            first_raw = g_strdup(m->key);
            first_copy.key = first_raw;
            first = &first_copy;
            others = g_string_new(NULL);
        } else if (more++ < 10) {
            g_string_append(others, others->len ? ", '" : "'");
            qapi_append_escaped(others, m->key, strlen(m->key),
                                QAPI_ESCAPE_BACKSLASH);
            g_string_append_c(others, '\'');
        }
    }
    if (!first) {
        return true;
    }
    if (more > 10) {
        /* A hostile document may have millions: name a few. */
        g_string_append_printf(others, " and %u more", more - 10);
    }
    first_key = qapi_escape(first->key);
    if (others->len) {
        return report_key(iv, errp, severity, QAPI_ERROR_UNKNOWN_MEMBER, first,
                          "unknown member '%s' (also unknown: %s)", first_key,
                          others->str);
    }
    return report_key(iv, errp, severity, QAPI_ERROR_UNKNOWN_MEMBER, first,
                      "unknown member '%s'", first_key);
}

static void
iv_end_struct(Visitor *v, void **obj)
{
    InputVisitor *iv = to_iv(v);

    /* A union whose tag was bad holds some branch, not the document's. */
    if ((top(iv)->tainted || top(iv)->standin) && obj && *obj) {
        mark_unsound(iv, *obj);
    }
    iv->field = NULL;
    pop(iv);
}

/* ---- lists ------------------------------------------------------------- */

static bool
iv_start_list(Visitor *v, const char *name, GenericList **list, size_t size,
              GError **errp)
{
    InputVisitor *iv = to_iv(v);
    bool ok;
    JValue *value;

    iv->field = list;
    value = get_value(iv, name, JT_ARRAY, "an array", &ok, errp);
    if (list) {
        *list = value && value->count ? g_malloc0(size) : NULL;
    }
    if (!value && !ok) {
        return false;
    }
    push(iv, value, name);
    return true;
}

/* Move list @f to its next element: false when there is none. */
static bool
next_element(InputVisitor *iv, IFrame *f)
{
    f->index++;
    if (iv->lazy) {
        return lz_next_element(&iv->text, &f->lz);
    }
    return f->index < f->value->count;
}

static GenericList *
iv_next_list(Visitor *v, GenericList *tail, size_t size)
{
    IFrame *f = top(to_iv(v));
    bool more;

    if (f->phantom) {
        return NULL;
    }
    more = next_element(to_iv(v), f);
    if (f->dropped) {
        /* Reuse the dropped element's node for the next value, or have
         * end_list unlink it when it was the last. */
        f->dropped = false;
        if (more) {
            memset(tail, 0, size);
            return tail;
        }
        f->last_dropped = true;
        return NULL;
    }
    if (!more) {
        return NULL;
    }
    if (to_iv(v)->reuse_nodes) {
        memset(tail, 0, size);
        return tail;
    }
    tail->next = g_malloc0(size);
    return tail->next;
}

static void
iv_end_list(Visitor *v, void **obj)
{
    InputVisitor *iv = to_iv(v);
    IFrame *f = top(iv);

    if (f->last_dropped && obj && *obj) {
        GenericList **link = (GenericList **)obj;

        while ((*link)->next) {
            link = &(*link)->next;
        }
        g_free(*link);
        *link = NULL;
    }
    pop(iv);
}

/* ---- alternates -------------------------------------------------------- */

static QType
qtype_of(const JValue *value)
{
    switch ((JType)value->type) {
    /* clang-format off */
    case JT_NULL: return QTYPE_QNULL;
    case JT_BOOL: return QTYPE_QBOOL;
    case JT_NUMBER: return QTYPE_QNUM;
    case JT_STRING: return QTYPE_QSTRING;
    case JT_OBJECT: return QTYPE_QDICT;
    case JT_ARRAY: return QTYPE_QLIST;
    case JT_TOO_DEEP: break;
        /* clang-format on */
    }
    return QTYPE_NONE;
}

/*
 * Collect mode, for the one visit that must fail anyway (an alternate
 * without a value to pick its branch): fail with the problem recorded last,
 * which is the cause (or the first one, when nothing was recorded here
 * because the alternate sits below a phantom).
 */
static GError *
recorded_error(InputVisitor *iv, guint before)
{
    guint n = qapi_diagnostics_get_length(iv->diags);
    guint index = n > before ? iv->last_error : iv->first_error;

    g_assert(iv->errors);
    return qapi_diagnostic_to_gerror(qapi_diagnostics_get(iv->diags, index));
}

/*
 * An alternate without a value to pick its branch: the visit fails even
 * where the policy would let a missing member go (left empty), because
 * QEMU's generated visit takes an alternate without a branch for an
 * incomplete one being freed, and its output visit cannot write one.
 * With an error recorded already (collect mode, below a phantom), that
 * error is the cause; else this is an error of its own.
 */
static bool
fail_without_branch(InputVisitor *iv, const char *name, guint before,
                    GError **errp)
{
    g_autoptr(GError) local = NULL;

    if (!iv->errors
        && !report(iv, &local, QAPI_SEVERITY_ERROR, QAPI_ERROR_MISSING_MEMBER,
                   name, NULL, "missing required member '%s'",
                   name ? name : "")) {
        g_propagate_error(errp, g_steal_pointer(&local));
        return false;
    }
    if (iv->errors) {
        g_propagate_error(errp, recorded_error(iv, before));
    } else {
        /* reported into a quiet part (a value being dropped) */
        g_set_error(errp, QAPI_ERROR, QAPI_ERROR_MISSING_MEMBER,
                    "missing required member '%s'", name ? name : "");
    }
    return false;
}

static bool
iv_start_alternate(Visitor *v, const char *name, GenericAlternate **obj,
                   size_t size, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    JValue *value;
    Lookup found = lookup(iv, name, &value, true);
    guint before = iv->diags ? qapi_diagnostics_get_length(iv->diags) : 0;
    bool ok;

    iv->field = obj;
    if (found == FOUND && value->type != JT_TOO_DEEP) {
        *obj = g_malloc0(size);
        (*obj)->type = qtype_of(value);
        return true;
    }
    if (found == FOUND) {
        ok = report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_TOO_DEEP, name,
                    value, "nesting deeper than %d levels",
                    QAPI_JSON_MAX_DEPTH);
    } else if (found == MISSING
               && missing_action(iv, name) != QAPI_INPUT_WARN) {
        ok = report_missing(iv, name, errp);
    } else {
        ok = true; /* phantom, or missing where the policy warns: below */
    }
    *obj = NULL;
    if (!ok) {
        return false;
    }
    return fail_without_branch(iv, name, before, errp);
}

static void
iv_error_alternate_type(Visitor *v, const char *name, const char *type_name,
                        GError **errp)
{
    InputVisitor *iv = to_iv(v);
    JValue *value;
    guint before = iv->diags ? qapi_diagnostics_get_length(iv->diags) : 0;

    iv->field = NULL;
    lookup(iv, name, &value, false);
    g_assert(value); /* start_alternate saw it */
    if (report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_TYPE_MISMATCH, name,
               value, "%s is not a valid value for %s", json_type_name(value),
               type_name)) {
        /* Recorded in collect mode; the visit must fail all the same. */
        g_propagate_error(errp, recorded_error(iv, before));
    }
}

/* ---- scalars ----------------------------------------------------------- */

static bool
iv_type_int(Visitor *v, const char *name, int64_t *obj, int64_t min,
            int64_t max, const char *type_name, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    bool ok;
    JValue *value;

    iv->field = v->member ? v->member : obj;
    value = get_value(iv, name, JT_NUMBER, "an integer", &ok, errp);
    *obj = 0;
    if (!value) {
        return ok;
    }
    if (value->numkind == JN_DOUBLE) {
        return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_TYPE_MISMATCH,
                      name, value,
                      "expected an integer, got a number with a fraction "
                      "or exponent");
    }
    if (value->numkind != JN_INT || value->i < min || value->i > max) {
        return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_OUT_OF_RANGE,
                      name, value,
                      "integer out of range for %s "
                      "(%" G_GINT64_FORMAT "..%" G_GINT64_FORMAT ")",
                      type_name, min, max);
    }
    *obj = value->i;
    return true;
}

static bool
iv_type_uint(Visitor *v, const char *name, uint64_t *obj, uint64_t max,
             const char *type_name, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    bool ok;
    JValue *value;
    uint64_t u;
    bool in_range;

    iv->field = v->member ? v->member : obj;
    value = get_value(iv, name, JT_NUMBER, "an integer", &ok, errp);
    *obj = 0;
    if (!value) {
        return ok;
    }
    if (value->numkind == JN_DOUBLE) {
        return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_TYPE_MISMATCH,
                      name, value,
                      "expected an integer, got a number with a fraction "
                      "or exponent");
    }
    if (value->numkind == JN_INT) {
        u = (uint64_t)value->i;
        in_range = value->i >= 0 && u <= max;
    } else {
        u = value->u;
        in_range = value->numkind == JN_UINT && u <= max;
    }
    if (!in_range) {
        return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_OUT_OF_RANGE,
                      name, value,
                      "integer out of range for %s "
                      "(0..%" G_GUINT64_FORMAT ")",
                      type_name, max);
    }
    *obj = u;
    return true;
}

static bool
iv_type_bool(Visitor *v, const char *name, bool *obj, GError **errp)
{
    bool ok;
    JValue *value;

    to_iv(v)->field = obj;
    value = get_value(to_iv(v), name, JT_BOOL, "a boolean", &ok, errp);

    *obj = value ? value->boolean : false;
    return value ? true : ok;
}

static bool
iv_type_str(Visitor *v, const char *name, char **obj, GError **errp)
{
    bool ok;
    JValue *value;

    to_iv(v)->field = obj;
    value = get_value(to_iv(v), name, JT_STRING, "a string", &ok, errp);

    if (value) {
        /* The reader's strings hold no NUL: a plain copy. */
        *obj = g_malloc(value->count + 1);
        memcpy(*obj, value->str, value->count);
        (*obj)[value->count] = '\0';
        return true;
    }
    /* Going on past a problem: an empty string, since a visit that
     * succeeds hands back an object (the core asserts it). */
    *obj = ok ? g_strdup("") : NULL;
    return ok;
}

static bool
iv_type_number(Visitor *v, const char *name, double *obj, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    bool ok;
    JValue *value;

    iv->field = obj;
    value = get_value(iv, name, JT_NUMBER, "a number", &ok, errp);
    *obj = 0;
    if (!value) {
        return ok;
    }
    switch ((JNumKind)value->numkind) {
    case JN_INT:
        *obj = value->i;
        break;
    case JN_UINT:
        *obj = value->u;
        break;
    default:
        *obj = value->d;
        break;
    }
    if (!isfinite(*obj)) { /* only from a JsonNode */
        *obj = 0;
        return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_OUT_OF_RANGE,
                      name, value, "non-finite number");
    }
    return true;
}

/* The JT_TOO_DEEP value inside @value, if any (only from a JsonNode). */
static const JValue *
find_too_deep(const JValue *value)
{
    const JValue *found = NULL;

    if (value->type == JT_TOO_DEEP) {
        return value;
    }
    for (uint32_t i = 0; !found && i < value->count; i++) {
        if (value->type == JT_OBJECT) {
            found = find_too_deep(&value->members[i].value);
        } else if (value->type == JT_ARRAY) {
            found = find_too_deep(&value->elements[i]);
        }
    }
    return found;
}

/* Any value; @obj (may be NULL) gets its json-glib tree. */
static bool
visit_any(Visitor *v, const char *name, JsonNode **obj, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    JValue *value;

    bool ok = true;

    iv->field = obj;
    if (obj) {
        *obj = NULL;
    }
    switch (lookup(iv, name, &value, true)) {
    case PHANTOM:
        break;
    case MISSING:
        ok = report_missing(iv, name, errp);
        break;
    case FOUND:
        if (iv->lazy) {
            if (obj) {
                *obj = lz_node(&iv->text, ((const LzValue *)value)->off);
            }
            return true;
        }
        if (!jdoc_has_too_deep(iv->doc->doc) || !find_too_deep(value)) {
            if (obj) {
                *obj = jvalue_to_node(value);
            }
            return true;
        }
        ok = report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_TOO_DEEP, name,
                    value, "nesting deeper than %d levels",
                    QAPI_JSON_MAX_DEPTH);
        break;
    }
    /* Going on past a problem: a JSON null, as for strings above. */
    if (ok && obj) {
        *obj = json_node_new(JSON_NODE_NULL);
    }
    return ok;
}

static bool
iv_type_any(Visitor *v, const char *name, JsonNode **obj, GError **errp)
{
    return visit_any(v, name, obj, errp);
}

bool
qapi_json_input_skip_value(Visitor *v, const char *name, GError **errp)
{
    g_return_val_if_fail(v && v->type_any == iv_type_any, false);
    return visit_any(v, name, NULL, errp);
}

bool
qapi_json_input_skip_str(Visitor *v, const char *name, GError **errp)
{
    bool ok;
    JValue *value;

    g_return_val_if_fail(v && v->type_any == iv_type_any, false);
    to_iv(v)->field = NULL;
    value = get_value(to_iv(v), name, JT_STRING, "a string", &ok, errp);
    return value ? true : ok;
}

void
qapi_json_input_reuse_list_nodes(Visitor *v)
{
    g_return_if_fail(v && v->type_any == iv_type_any);
    to_iv(v)->reuse_nodes = true;
}

const char *
qapi_json_type_name(const JValue *value)
{
    return json_type_name(value);
}

const JValue *
qapi_json_input_peek(Visitor *v, const char *name)
{
    JValue *value;

    g_return_val_if_fail(v && v->type_any == iv_type_any, NULL);
    return lookup(to_iv(v), name, &value, false) == FOUND ? value : NULL;
}

static bool
iv_type_null(Visitor *v, const char *name, QNull **obj, GError **errp)
{
    bool ok;
    JValue *value;

    to_iv(v)->field = obj;
    value = get_value(to_iv(v), name, JT_NULL, "null", &ok, errp);

    *obj = value ? qnull() : NULL;
    return value ? true : ok;
}

static char *
enum_choices(const QEnumLookup *lookup)
{
    GString *s = g_string_new(NULL);

    for (int i = 0; i < lookup->size; i++) {
        g_string_append_printf(s, "%s'%s'", i ? ", " : "", lookup->array[i]);
    }
    return g_string_free(s, FALSE);
}

static void
iv_union_tag(Visitor *v, const char *name)
{
    InputVisitor *iv = to_iv(v);

    if (top(iv) && name) {
        if (iv->n_tags == iv->cap_tags) {
            iv->cap_tags = iv->cap_tags ? iv->cap_tags * 2 : 8;
            iv->tags = g_renew(TagSeen, iv->tags, iv->cap_tags);
        }
        iv->tags[iv->n_tags++] = (TagSeen){ .name = name, .value = -1 };
    }
}

/* The tag @name of the innermost object, or NULL when it is a plain
 * member.  Valid until the next tag is added. */
static TagSeen *
find_tag(InputVisitor *iv, const char *name)
{
    IFrame *f = top(iv);

    if (!f || !name || (f->value && f->value->type != JT_OBJECT)) {
        return NULL;
    }
    for (guint i = iv->n_tags; i-- > f->tags_base;) {
        if (strcmp(iv->tags[i].name, name) == 0) {
            return &iv->tags[i];
        }
    }
    return NULL;
}

/*
 * The generated code (QEMU's) does not name union tags: when the union
 * table says enum member @name of this object is one, it is registered as
 * visit_union_tag() would (union-tag.h).  The tag, or NULL.
 */
static TagSeen *
learn_tag(InputVisitor *iv, IFrame *f, const char *name,
          const QEnumLookup *lookup)
{
    const char *tag_name;

    if (!f || !name || (f->value && f->value->type != JT_OBJECT)
        || qapi_union_tag_kind(iv->policy->unions, name, lookup, f->size,
                               &tag_name)
               != QAPI_TAG_YES) {
        return NULL;
    }
    iv_union_tag(&iv->visitor, tag_name);
    return find_tag(iv, tag_name);
}

/*
 * Enum member @name without a valid value got the stand-in __MAX: when
 * the union table cannot rule out that it is a union tag (no table given,
 * or a tag of a union visited in another object), 0 instead, since the
 * generated code aborts on a tag value its switch lacks, and the object
 * is marked unsound.
 */
static void
fix_standin(InputVisitor *iv, IFrame *f, const char *name,
            const QEnumLookup *lookup, int *obj)
{
    const char *unused;

    if (*obj != lookup->size || !f || !name
        || (f->value && f->value->type != JT_OBJECT)
        || qapi_union_tag_kind(iv->policy->unions, name, lookup, f->size,
                               &unused)
               == QAPI_TAG_NO) {
        return;
    }
    *obj = 0;
    f->standin = true;
}

/*
 * Member @name of this object has no valid enum value.  If it is a union
 * tag, the generated code now visits the zero value's branch, maybe not
 * the document's: stop reporting missing and unknown members of this
 * object, they would be noise.  A plain enum member quiets nothing.
 */
static void
taint(IFrame *f, TagSeen *tag)
{
    if (tag && !f->phantom) {
        f->tainted = true;
    }
}

/* What the policy says about an unknown value of enum @lookup. */
static QapiInputAction
unknown_value_action(InputVisitor *iv, const QEnumLookup *lookup)
{
    const QapiEnumRule *r = iv->policy->enums;

    for (; r && r->lookup; r++) {
        if (r->lookup == lookup && r->unknown_value != QAPI_INPUT_DEFAULT) {
            return r->unknown_value;
        }
    }
    return iv->policy->unknown_value;
}

static void
unknown_value_free(gpointer p)
{
    QapiUnknownValue *u = p;

    g_free(u->path);
    g_free(u->value);
    g_free(u);
}

/* Remember unknown value @value of member @name for the caller. */
static void
record_unknown(InputVisitor *iv, const char *name, const JValue *value,
               const QEnumLookup *lookup, QapiInputAction action)
{
    QapiUnknownValue *u = g_new0(QapiUnknownValue, 1);
    uint32_t line, column;

    u->lookup = lookup;
    u->action = action;
    u->path = member_path(iv, name);
    u->value = g_strndup(value->str, value->count);
    value_position(iv, value, &line, &column);
    u->line = line;
    u->column = column;
    if (!iv->unknown_values) {
        iv->unknown_values = g_ptr_array_new_with_free_func(unknown_value_free);
    }
    g_ptr_array_add(iv->unknown_values, u);
}

/*
 * An unknown value: dropped from its list, or marking the document
 * unsupported, or an error, as the policy says.  A union tag then has
 * value 0 (the generated code needs a branch to visit); any other enum
 * gets lookup->size (its __MAX), a value no document has.
 */
static bool
unknown_value(InputVisitor *iv, const char *name, int *obj, const JValue *value,
              const QEnumLookup *lookup, GError **errp)
{
    IFrame *f = top(iv);
    TagSeen *tag = find_tag(iv, name);
    QapiInputAction action = unknown_value_action(iv, lookup);
    bool in_list = f && !f->phantom && f->value->type == JT_ARRAY;
    bool quiet = iv->quiet_depth && iv->n_frames >= iv->quiet_depth;
    g_autofree char *choices = enum_choices(lookup);
    g_autofree char *shown = qapi_escape(value->str);
    bool ok;

    *obj = tag ? 0 : lookup->size;
    fix_standin(iv, f, name, lookup, obj);
    if (action == QAPI_INPUT_DROP && in_list) {
        if (!quiet) {
            record_unknown(iv, name, value, lookup, action);
        }
        f->dropped = true;
        return report(iv, errp, QAPI_SEVERITY_WARNING, QAPI_ERROR_UNKNOWN_VALUE,
                      name, value,
                      "unknown value '%s' dropped (expected one of: %s)", shown,
                      choices);
    }
    taint(f, tag);
    if (action != QAPI_INPUT_UNSUPPORTED || quiet) {
        return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_UNKNOWN_VALUE,
                      name, value, "invalid value '%s' (expected one of: %s)",
                      shown, choices);
    }
    record_unknown(iv, name, value, lookup, action);
    if (iv->diags) {
        iv->unsupported++;
    } else {
        iv->stopped_unsupported = true;
    }
    ok = report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_UNKNOWN_VALUE, name,
                value,
                "unknown value '%s': not supported "
                "(expected one of: %s)",
                shown, choices);
    if (tag) {
        /* Its members belong to a branch this schema does not have. */
        iv->quiet_depth = iv->n_frames;
    }
    return ok;
}

static bool
iv_type_enum(Visitor *v, const char *name, int *obj, const QEnumLookup *lookup,
             GError **errp)
{
    InputVisitor *iv = to_iv(v);
    IFrame *f = top(iv);
    TagSeen *tag = find_tag(iv, name);
    bool ok;
    JValue *value;
    int val;

    if (!tag) {
        tag = learn_tag(iv, f, name, lookup);
    }
    /* The generated code passes a copy; an enum's stand-in is __MAX. */
    iv->field = NULL;
    iv->missing_warned = false;
    value = get_value(iv, name, JT_STRING, "a string", &ok, errp);
    *obj = tag || iv->missing_warned ? 0 : lookup->size;
    if (tag) {
        tag->lookup = lookup;
    }
    if (!value) {
        fix_standin(iv, f, name, lookup, obj);
        taint(f, tag);
        return ok;
    }
    if (iv->lazy) {
        lz_terminate(&iv->text, value);
    }
    val = qapi_enum_parse(lookup, value->str, -1);
    if (val < 0) {
        return unknown_value(iv, name, obj, value, lookup, errp);
    }
    {
        uint64_t features = qapi_enum_features(lookup, val);
        g_autofree char *shown = NULL;
        g_autofree char *refusal = NULL;

        switch (features ? qapi_input_policy(v, features)
                         : QAPI_POLICY_INPUT_ACCEPT) {
        case QAPI_POLICY_INPUT_ACCEPT:
            break;
        case QAPI_POLICY_INPUT_CRASH:
            g_error("enum value '%s' is refused by policy", value->str);
            break;
        case QAPI_POLICY_INPUT_REJECT:
            fix_standin(iv, f, name, lookup, obj);
            taint(f, tag);
            shown = qapi_escape(value->str);
            refusal = qapi_policy_refusal(features, "value", shown);
            return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_POLICY,
                          name, value, "%s", refusal);
        }
    }
    *obj = val;
    if (tag) {
        tag->value = val;
    }
    return true;
}

static bool
iv_optional(Visitor *v, const char *name, bool *present)
{
    JValue *value;

    *present = lookup(to_iv(v), name, to_iv(v)->lazy ? NULL : &value, false)
               == FOUND;
    return *present;
}

static bool
iv_policy_reject(Visitor *v, const char *name, uint64_t features, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    JValue *value = NULL;
    g_autofree char *shown = qapi_escape(name ? name : "");
    g_autofree char *refusal = qapi_policy_refusal(features, "parameter",
                                                   shown);

    iv->field = NULL;
    lookup(iv, name, &value, false);
    /* In collect mode report() returns true: not rejected, go on. */
    return !report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_POLICY, name,
                   value, "%s", refusal);
}

/* Give a lazy visitor's storage to this thread's cache where it has
 * room (the visitor may be freed in another thread than it was made). */
static void
lazy_release(InputVisitor *iv)
{
    LazyCache *cache = lazy_cache_get();

    if (iv->cached_text && !cache->text) {
        cache->text = g_steal_pointer(&iv->owned_text);
        cache->text_size = iv->cached_text;
    }
    if (!cache->frames) {
        cache->frames = g_steal_pointer(&iv->frames);
        cache->cap_frames = iv->cap_frames;
    }
    if (!cache->scratch.buf) {
        cache->scratch.members = g_steal_pointer(&iv->text.members);
        cache->scratch.cap_members = iv->text.cap_members;
        cache->scratch.buf = g_steal_pointer(&iv->text.buf);
        if (cache->scratch.buf->allocated_len > 4096) {
            g_string_free(cache->scratch.buf, TRUE);
            cache->scratch.buf = NULL;
        }
    }
    lz_text_clear(&iv->text);
    jspans_give_spare(&iv->spans);
}

static void
iv_free(Visitor *v)
{
    InputVisitor *iv = to_iv(v);

    qapi_json_document_unref(iv->doc);
    if (iv->lazy) {
        lazy_release(iv);
    }
    g_free(iv->owned_text);
    g_free(iv->owned_filename);
    g_free(iv->path_prefix);
    g_free(iv->frames);
    g_free(iv->tags);
    g_clear_pointer(&iv->unsound, g_hash_table_unref);
    g_clear_pointer(&iv->unknown_values, g_ptr_array_unref);
    g_free(iv);
}

/* ---- documents --------------------------------------------------------- */

static QapiJsonDocument *
document_new(JDoc *jdoc, const char *filename)
{
    QapiJsonDocument *doc = g_new0(QapiJsonDocument, 1);

    doc->ref = 1;
    doc->doc = jdoc;
    doc->filename = g_strdup(filename);
    return doc;
}

QapiJsonDocument *
qapi_json_document_ref(QapiJsonDocument *doc)
{
    g_return_val_if_fail(doc, NULL);
    g_atomic_int_inc(&doc->ref);
    return doc;
}

void
qapi_json_document_unref(QapiJsonDocument *doc)
{
    if (!doc || !g_atomic_int_dec_and_test(&doc->ref)) {
        return;
    }
    if (!doc->borrowed) {
        jdoc_free(doc->doc);
    }
    g_free(doc->filename);
    g_free(doc);
}

const char *
qapi_json_document_get_filename(const QapiJsonDocument *doc)
{
    g_return_val_if_fail(doc, NULL);
    return doc->filename;
}

static void
clear_marks(JValue *value)
{
    for (uint32_t i = 0; i < value->count; i++) {
        if (value->type == JT_OBJECT) {
            value->members[i].visited = false;
            clear_marks(&value->members[i].value);
        } else if (value->type == JT_ARRAY) {
            clear_marks(&value->elements[i]);
        }
    }
}

/*
 * The next segment of member path @p: a member name (plain, or quoted and
 * escaped as qapi_path_append_member() writes it) into @name, or an index
 * into @index (*@name then NULL).  Returns the rest of the path, or NULL
 * when @p does not start with a segment.
 */
static const char *
path_segment(const char *p, GString *name, bool *is_name, guint64 *index)
{
    const char *end;

    g_string_truncate(name, 0);
    if (*p == '[' && p[1] == '"') {
        for (p += 2; *p && *p != '"'; p++) {
            if (*p != '\\') {
                g_string_append_c(name, *p);
                continue;
            }
            switch (*++p) {
            case 'n':
                g_string_append_c(name, '\n');
                break;
            case 't':
                g_string_append_c(name, '\t');
                break;
            case 'r':
                g_string_append_c(name, '\r');
                break;
            case 'b':
                g_string_append_c(name, '\b');
                break;
            case 'f':
                g_string_append_c(name, '\f');
                break;
            case 'u':
            case 'x': {
                int digits = *p == 'u' ? 4 : 2;
                char hex[5] = { 0 };
                gunichar c;

                if (strlen(p + 1) < (size_t)digits) {
                    return NULL;
                }
                memcpy(hex, p + 1, digits);
                c = g_ascii_strtoull(hex, NULL, 16);
                if (digits == 2) {
                    g_string_append_c(name, (char)c);
                } else {
                    g_string_append_unichar(name, c);
                }
                p += digits;
                break;
            }
            case '\0':
                return NULL;
            default:
                g_string_append_c(name, *p);
                break;
            }
        }
        if (p[0] != '"' || p[1] != ']') {
            return NULL;
        }
        *is_name = true;
        return p + 2;
    }
    if (*p == '[') {
        if (!g_ascii_isdigit(p[1])) {
            return NULL;
        }
        *index = g_ascii_strtoull(p + 1, (char **)&end, 10);
        if (*end != ']') {
            return NULL;
        }
        *is_name = false;
        return end + 1;
    }
    if (*p == '.') {
        p++;
    }
    end = p + strcspn(p, ".[");
    if (end == p) {
        return NULL;
    }
    g_string_append_len(name, p, end - p);
    *is_name = true;
    return end;
}

gboolean
qapi_json_document_locate(const QapiJsonDocument *doc, const char *path,
                          int *line, int *column)
{
    g_autoptr(GString) name = g_string_new(NULL);
    const JValue *value;

    g_return_val_if_fail(doc && path, FALSE);
    value = jdoc_root(doc->doc);
    while (*path) {
        bool is_name = false;
        guint64 index = 0;
        const JValue *next = NULL;

        path = path_segment(path, name, &is_name, &index);
        if (!path) {
            return FALSE;
        }
        if (is_name && value->type == JT_OBJECT) {
            for (uint32_t i = 0; i < value->count && !next; i++) {
                if (value->members[i].key_len == name->len
                    && memcmp(value->members[i].key, name->str, name->len)
                           == 0) {
                    next = &value->members[i].value;
                }
            }
        } else if (!is_name && value->type == JT_ARRAY
                   && index < value->count) {
            next = &value->elements[index];
        }
        if (!next) {
            return FALSE;
        }
        value = next;
    }
    if (line) {
        *line = value->line;
    }
    if (column) {
        *column = value->column;
    }
    return TRUE;
}

/* ---- construction ------------------------------------------------------ */

/* A visitor without its document. */
static InputVisitor *
input_visitor_alloc(QapiInputFlags flags, QapiDiagnostics *diags)
{
    InputVisitor *iv = g_new0(InputVisitor, 1);
    Visitor *v = &iv->visitor;

    iv->policy = (flags & QAPI_INPUT_TOLERANT) ? &tolerant_policy
                                               : &strict_policy;
    iv->diags = diags;

    v->type = VISITOR_INPUT;
    v->start_struct = iv_start_struct;
    v->check_struct = iv_check_struct;
    v->end_struct = iv_end_struct;
    v->start_list = iv_start_list;
    v->next_list = iv_next_list;
    v->end_list = iv_end_list;
    v->start_alternate = iv_start_alternate;
    v->error_alternate_type = iv_error_alternate_type;
    v->union_tag = iv_union_tag;
    v->type_int = iv_type_int;
    v->type_uint = iv_type_uint;
    v->type_bool = iv_type_bool;
    v->type_str = iv_type_str;
    v->type_number = iv_type_number;
    v->type_any = iv_type_any;
    v->type_null = iv_type_null;
    v->type_enum = iv_type_enum;
    v->optional = iv_optional;
    v->policy_reject = iv_policy_reject;
    v->free = iv_free;
    return iv;
}

static Visitor *
input_visitor_new(QapiJsonDocument *doc, QapiInputFlags flags,
                  QapiDiagnostics *diags)
{
    InputVisitor *iv = input_visitor_alloc(flags, diags);

    if (doc->marked) {
        clear_marks(jdoc_root(doc->doc));
    }
    doc->marked = true;
    iv->doc = doc;
    iv->root = jdoc_root(doc->doc);
    iv->filename = doc->filename;
    return &iv->visitor;
}

/* The reader's @diag (a syntax error) into @diags (when given) and
 * @error; clears @diag. */
static void
report_syntax(QapiDiagnostic *diag, const char *filename,
              QapiDiagnostics *diags, GError **error)
{
    diag->filename = g_strdup(filename);
    if (diags) {
        qapi_diagnostics_add(diags, diag->severity, diag->code, diag->filename,
                             diag->path, diag->line, diag->column, "%s",
                             diag->message);
    }
    g_propagate_error(error, qapi_diagnostic_to_gerror(diag));
    jdoc_diag_clear(diag);
}

/*
 * The lazy visitor over @n bytes at @data, which has passed jdoc_check():
 * read as the visit asks.  @owned (taken; may be NULL) is @data when the
 * caller hands it over; else the text is copied unless the caller keeps
 * it (QAPI_INPUT_TEXT_KEPT).  The caller sets text.spans.
 */
static InputVisitor *
lazy_visitor_make(const char *data, size_t n, char *owned, const char *filename,
                  QapiInputFlags flags, QapiDiagnostics *diags)
{
    LazyCache *cache = lazy_cache_get();
    InputVisitor *iv = input_visitor_alloc(flags, diags);
    uint32_t root;

    if (!owned && !(flags & QAPI_INPUT_TEXT_KEPT)) {
        /* A copy, in the last one's storage when it is large enough. */
        if (cache->text && cache->text_size >= n) {
            owned = g_steal_pointer(&cache->text);
            iv->cached_text = cache->text_size;
        } else {
            g_free(g_steal_pointer(&cache->text));
            iv->cached_text = MAX(n, 4096);
            owned = g_malloc(iv->cached_text);
        }
        if (iv->cached_text > CACHE_TEXT) {
            iv->cached_text = 0;
        }
        memcpy(owned, data, n);
    }
    iv->frames = g_steal_pointer(&cache->frames);
    iv->cap_frames = iv->frames ? cache->cap_frames : 0;
    iv->text = cache->scratch;
    memset(&cache->scratch, 0, sizeof(cache->scratch));
    iv->lazy = true;
    iv->owned_text = owned;
    iv->owned_filename = g_strdup(filename);
    iv->filename = iv->owned_filename;
    lz_text_init(&iv->text, owned ? owned : data, n, &root);
    iv->lroot.off = root;
    lz_read(&iv->text, root, &iv->lroot.v);
    iv->root = &iv->lroot.v;
    return iv;
}

/*
 * A visitor over the text @data in lazy mode: checked in full first (the
 * reader's verdict, nothing built), then read as the visit asks.  @owned
 * as for lazy_visitor_make().
 */
static Visitor *
lazy_visitor_new(const char *data, gssize len, char *owned,
                 const char *filename, QapiInputFlags flags,
                 QapiDiagnostics *diags, GError **error)
{
    QapiDiagnostic diag;
    InputVisitor *iv;
    JSpans spans;
    size_t n;

    g_return_val_if_fail(data || len == 0, NULL);
    if (!data) {
        data = "";
    }
    n = len < 0 ? strlen(data) : (size_t)len;
    jspans_take_spare(&spans);
    if (!jdoc_check(data, n, &spans, &diag)) {
        jspans_give_spare(&spans);
        report_syntax(&diag, filename, diags, error);
        g_free(owned);
        return NULL;
    }
    iv = lazy_visitor_make(data, n, owned, filename, flags, diags);
    iv->spans = spans;
    iv->text.spans = &iv->spans;
    return &iv->visitor;
}

Visitor *
qapi_json_input_visitor_new_checked(const char *data, size_t len,
                                    const JSpans *spans, uint32_t spans_base,
                                    const char *filename, QapiInputFlags flags,
                                    QapiDiagnostics *diags)
{
    InputVisitor *iv;

    g_return_val_if_fail(data && len, NULL);
    iv = lazy_visitor_make(data, len, NULL, filename,
                           flags | QAPI_INPUT_TEXT_KEPT, diags);
    iv->text.spans = spans;
    iv->text.spans_base = spans_base;
    return &iv->visitor;
}

JDoc *
qapi_json_parse_doc(const char *data, gssize len, const char *filename,
                    QapiParseMode mode, QapiDiagnostics *diags, GError **error)
{
    QapiDiagnostic diag;
    size_t n;
    JDoc *doc;

    g_return_val_if_fail(data || len == 0, NULL);
    n = len < 0 ? strlen(data) : (size_t)len;
    if (mode == QAPI_PARSE_VALUE) {
        doc = jdoc_parse(data ? data : "", n, &diag);
    } else {
        doc = jdoc_parse_sequence(data ? data : "", n,
                                  mode == QAPI_PARSE_MESSAGES, &diag);
    }
    if (doc) {
        return doc;
    }
    report_syntax(&diag, filename, diags, error);
    return NULL;
}

QapiJsonDocument *
qapi_json_document_parse(const char *data, gssize len, const char *filename,
                         QapiDiagnostics *diags, GError **error)
{
    JDoc *jdoc = qapi_json_parse_doc(data, len, filename, QAPI_PARSE_VALUE,
                                     diags, error);

    return jdoc ? document_new(jdoc, filename) : NULL;
}

Visitor *
qapi_json_input_visitor_new_from_document(QapiJsonDocument *doc,
                                          QapiInputFlags flags,
                                          QapiDiagnostics *diags)
{
    g_return_val_if_fail(doc, NULL);
    return input_visitor_new(qapi_json_document_ref(doc), flags, diags);
}

Visitor *
qapi_json_input_visitor_new(const char *data, gssize len, const char *filename,
                            QapiInputFlags flags, QapiDiagnostics *diags,
                            GError **error)
{
    return lazy_visitor_new(data, len, NULL, filename, flags, diags, error);
}

void
qapi_json_input_visitor_set_policy(Visitor *v, const QapiInputPolicy *policy)
{
    g_return_if_fail(v && v->type == VISITOR_INPUT && policy);
    to_iv(v)->policy = policy;
}

QapiInputVerdict
qapi_json_input_visitor_get_verdict(Visitor *v)
{
    InputVisitor *iv;

    g_return_val_if_fail(v && v->type == VISITOR_INPUT, QAPI_INPUT_INVALID);
    iv = to_iv(v);
    if (iv->stopped) {
        return iv->stopped_unsupported ? QAPI_INPUT_UNSUPPORTED_DOCUMENT
                                       : QAPI_INPUT_INVALID;
    }
    if (!iv->errors) {
        return QAPI_INPUT_VALID;
    }
    return iv->errors == iv->unsupported ? QAPI_INPUT_UNSUPPORTED_DOCUMENT
                                         : QAPI_INPUT_INVALID;
}

guint
qapi_json_input_visitor_get_n_unknown_values(Visitor *v)
{
    g_return_val_if_fail(v && v->type == VISITOR_INPUT, 0);
    return to_iv(v)->unknown_values ? to_iv(v)->unknown_values->len : 0;
}

const QapiUnknownValue *
qapi_json_input_visitor_get_unknown_value(Visitor *v, guint i)
{
    g_return_val_if_fail(v && v->type == VISITOR_INPUT, NULL);
    g_return_val_if_fail(i < qapi_json_input_visitor_get_n_unknown_values(v),
                         NULL);
    return g_ptr_array_index(to_iv(v)->unknown_values, i);
}

bool
qapi_json_input_visitor_is_sound(Visitor *v, const void *field)
{
    g_return_val_if_fail(v && v->type == VISITOR_INPUT, false);
    return !to_iv(v)->unsound
           || !g_hash_table_contains(to_iv(v)->unsound, field);
}

char *
qapi_json_read_file(const char *path, size_t *len, GError **error)
{
    g_auto(FwdescFd) fd = open(path,
                               O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    struct stat st;
    g_autofree char *data = NULL;
    size_t got = 0;

    if (fd < 0) {
        int e = errno;
        g_set_error(error, QAPI_ERROR, QAPI_ERROR_IO, "%s: %s", path,
                    g_strerror(e));
        return NULL;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        g_set_error(error, QAPI_ERROR, QAPI_ERROR_IO, "%s: not a regular file",
                    path);
        return NULL;
    }
    if ((unsigned long long)st.st_size > QAPI_JSON_MAX_INPUT_SIZE) {
        g_set_error(error, QAPI_ERROR, QAPI_ERROR_TOO_LARGE,
                    "%s: larger than %u bytes", path, QAPI_JSON_MAX_INPUT_SIZE);
        return NULL;
    }
    /* One byte more than the limit tells a file that grew meanwhile. */
    data = g_malloc((size_t)st.st_size + 1);
    for (;;) {
        ssize_t n = read(fd, data + got, (size_t)st.st_size + 1 - got);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int e = errno;
            g_set_error(error, QAPI_ERROR, QAPI_ERROR_IO, "%s: %s", path,
                        g_strerror(e));
            return NULL;
        }
        if (n == 0) {
            break;
        }
        got += n;
        if (got > (size_t)st.st_size) {
            g_set_error(error, QAPI_ERROR, QAPI_ERROR_IO,
                        "%s: changed while being read", path);
            return NULL;
        }
    }
    *len = got;
    return g_steal_pointer(&data);
}

Visitor *
qapi_json_input_visitor_new_from_file(const char *path, QapiInputFlags flags,
                                      QapiDiagnostics *diags, GError **error)
{
    GError *err = NULL;
    size_t len = 0;
    g_autofree char *data = qapi_json_read_file(path, &len, &err);
    char *text;

    if (!data) {
        if (diags) {
            qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR, err->code, NULL,
                                 "", 0, 0, "%s", err->message);
        }
        g_propagate_error(error, err);
        return NULL;
    }
    text = g_steal_pointer(&data);
    return lazy_visitor_new(text, len, text, path, flags, diags, error);
}

Visitor *
qapi_json_input_visitor_new_at(JDoc *doc, JValue *root, const char *filename,
                               const char *path_prefix, QapiInputFlags flags,
                               QapiDiagnostics *diags)
{
    QapiJsonDocument *wrapper = document_new(doc, filename);
    Visitor *v;
    InputVisitor *iv;

    /* The caller keeps @doc: the wrapper must not free it, and being new
     * it clears no marks (each value inside is visited once). */
    wrapper->borrowed = true;
    v = input_visitor_new(wrapper, flags, diags);
    iv = to_iv(v);
    iv->root = root;
    iv->path_prefix = g_strdup(path_prefix);
    return v;
}

Visitor *
qapi_json_input_visitor_new_from_node(JsonNode *node, QapiInputFlags flags,
                                      QapiDiagnostics *diags)
{
    g_return_val_if_fail(node, NULL);
    return input_visitor_new(document_new(jdoc_from_node(node), NULL), flags,
                             diags);
}

bool
qapi_json_input_visitor_finish(Visitor *v, GError **error)
{
    InputVisitor *iv;
    const QapiDiagnostic *first;
    GError *err;

    g_return_val_if_fail(v && v->type == VISITOR_INPUT, false);
    iv = to_iv(v);
    if (!iv->errors) {
        return true;
    }
    first = qapi_diagnostics_get(iv->diags, iv->first_error);
    err = qapi_diagnostic_to_gerror(first);
    if (iv->errors > 1) {
        g_autofree char *text = qapi_diagnostic_format(first);

        g_free(err->message);
        err->message = g_strdup_printf("%s (and %u more error%s)", text,
                                       iv->errors - 1,
                                       iv->errors > 2 ? "s" : "");
    }
    g_propagate_error(error, err);
    return false;
}

JsonNode *
qapi_json_parse(const char *data, gssize len, const char *filename,
                GError **error)
{
    JDoc *doc = qapi_json_parse_doc(data, len, filename, QAPI_PARSE_VALUE, NULL,
                                    error);
    JsonNode *node;

    if (!doc) {
        return NULL;
    }
    node = jvalue_to_node(jdoc_root(doc));
    jdoc_free(doc);
    return node;
}

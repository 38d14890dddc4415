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
 *  - tolerant mode adds forward compatibility: unknown members and unknown
 *    values in lists of enums become warnings.
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

typedef struct IFrame {
    JValue *value;          /* object or array; NULL when phantom */
    const char *name;       /* member name in the parent, for paths */
    uint32_t index;         /* arrays: the current element */
    bool phantom;
    /* Objects: a member of a declared union tag type had no valid value,
     * so the generated code visits the zero value's branch, which may not
     * be the document's: later missing members and unknown members of
     * this object would only be noise. */
    bool tainted;
    /* Objects: names of the members generated code declared union tags
     * (one per union flattened into this object; static strings). */
    GSList *tags;
    /* Lists of enums, tolerant mode: the current element is dropped. */
    bool dropped;
    bool last_dropped;
} IFrame;

typedef struct InputVisitor {
    Visitor visitor;
    JDoc *doc;
    char *filename;
    QapiInputFlags flags;
    QapiDiagnostics *diags;     /* NULL: stop at the first error */
    guint first_error;          /* index in diags of our first error */
    guint last_error;           /* and of the latest one */
    guint errors;
    GArray *frames;             /* of IFrame */
} InputVisitor;

static InputVisitor *to_iv(Visitor *v)
{
    return (InputVisitor *)v;
}

static IFrame *top(InputVisitor *iv)
{
    if (!iv->frames->len) {
        return NULL;
    }
    return &g_array_index(iv->frames, IFrame, iv->frames->len - 1);
}

static bool collecting(InputVisitor *iv)
{
    return iv->diags != NULL;
}

/* ---- paths and reports ------------------------------------------------- */

static void append_segment(GString *path, const IFrame *parent,
                           const char *name)
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
static char *member_path(InputVisitor *iv, const char *name)
{
    GString *path = g_string_new(NULL);
    guint n = iv->frames->len;

    for (guint k = 1; k < n; k++) {
        append_segment(path, &g_array_index(iv->frames, IFrame, k - 1),
                       g_array_index(iv->frames, IFrame, k).name);
    }
    if (n) {
        append_segment(path, top(iv), name);
    }
    return g_string_free(path, FALSE);
}

static const char *json_type_name(const JValue *value)
{
    switch ((JType)value->type) {
    case JT_NULL: return "null";
    case JT_BOOL: return "a boolean";
    case JT_NUMBER: return "a number";
    case JT_STRING: return "a string";
    case JT_OBJECT: return "an object";
    case JT_ARRAY: return "an array";
    case JT_TOO_DEEP: return "a too deeply nested value";
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
                          const char *format, va_list ap)
    G_GNUC_PRINTF(8, 0);

static bool report_valist(InputVisitor *iv, GError **errp,
                          QapiSeverity severity, QapiErrorCode code,
                          const char *name, uint32_t line, uint32_t column,
                          const char *format, va_list ap)
{
    g_autofree char *path = member_path(iv, name);
    g_autofree char *message = g_strdup_vprintf(format, ap);
    QapiDiagnostic diag = { 0 };

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
    diag.severity = severity;
    diag.code = code;
    diag.filename = iv->filename;
    diag.path = path;
    diag.line = line;
    diag.column = column;
    diag.message = message;
    g_propagate_error(errp, qapi_diagnostic_to_gerror(&diag));
    return false;
}

static bool report(InputVisitor *iv, GError **errp, QapiSeverity severity,
                   QapiErrorCode code, const char *name, const JValue *at,
                   const char *format, ...) G_GNUC_PRINTF(7, 8);

/* As report_valist(), at value @at (NULL: at the container, e.g. for a
 * missing member). */
static bool report(InputVisitor *iv, GError **errp, QapiSeverity severity,
                   QapiErrorCode code, const char *name, const JValue *at,
                   const char *format, ...)
{
    IFrame *f = top(iv);
    va_list ap;
    bool ok;

    if (!at && f) {
        at = f->value;
    }
    if (!at) {
        at = jdoc_root(iv->doc);
    }
    va_start(ap, format);
    ok = report_valist(iv, errp, severity, code, name, at->line, at->column,
                       format, ap);
    va_end(ap);
    return ok;
}

static bool report_key(InputVisitor *iv, GError **errp, QapiSeverity severity,
                       QapiErrorCode code, const JMember *m,
                       const char *format, ...) G_GNUC_PRINTF(6, 7);

/* As report_valist(), about member @m of the innermost object, at its key
 * (where gcc would point, and where duplicate members are reported). */
static bool report_key(InputVisitor *iv, GError **errp, QapiSeverity severity,
                       QapiErrorCode code, const JMember *m,
                       const char *format, ...)
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

/* The value member @name (or the current element) of the innermost
 * container; @mark records it as visited for check_struct. */
static Lookup lookup(InputVisitor *iv, const char *name, JValue **out,
                     bool mark)
{
    IFrame *f = top(iv);

    *out = NULL;
    if (!f) {
        *out = jdoc_root(iv->doc);
        return FOUND;
    }
    if (f->phantom) {
        return PHANTOM;
    }
    if (f->value->type == JT_ARRAY) {
        if (f->index >= f->value->count) {
            return MISSING;
        }
        *out = &f->value->elements[f->index];
        return FOUND;
    }
    g_assert(name);
    for (uint32_t i = 0; i < f->value->count; i++) {
        JMember *m = &f->value->members[i];

        if (strcmp(m->key, name) == 0) {
            m->visited |= mark;
            *out = &m->value;
            return FOUND;
        }
    }
    return MISSING;
}

static bool report_missing(InputVisitor *iv, const char *name, GError **errp)
{
    IFrame *f = top(iv);

    if (f && f->tainted && collecting(iv)) {
        return true;
    }
    return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_MISSING_MEMBER,
                  name, NULL, "missing required member '%s'",
                  name ? name : "");
}

/*
 * The value for a scalar visit, of JSON type @want.  NULL when there is
 * none; then *@ok says what the visit returns (true: go on with a zero
 * value; false: @errp is set).
 */
static JValue *get_value(InputVisitor *iv, const char *name, JType want,
                         const char *what, bool *ok, GError **errp)
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
        *ok = report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_TOO_DEEP,
                     name, value, "nesting deeper than %d levels",
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

static void push(InputVisitor *iv, JValue *value, const char *name)
{
    IFrame f = { .value = value, .name = name, .phantom = !value };

    g_array_append_val(iv->frames, f);
}

static void pop(InputVisitor *iv)
{
    g_assert(iv->frames->len);
    g_slist_free(top(iv)->tags);
    g_array_set_size(iv->frames, iv->frames->len - 1);
}

/* ---- structs ----------------------------------------------------------- */

static bool iv_start_struct(Visitor *v, const char *name, void **obj,
                            size_t size, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    bool ok;
    JValue *value = get_value(iv, name, JT_OBJECT, "an object", &ok, errp);

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
    return true;
}

static bool iv_check_struct(Visitor *v, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    IFrame *f = top(iv);
    bool tolerant = iv->flags & QAPI_INPUT_TOLERANT;
    QapiSeverity severity = tolerant ? QAPI_SEVERITY_WARNING
                                     : QAPI_SEVERITY_ERROR;
    JMember *first = NULL;
    g_autoptr(GString) others = NULL;
    g_autofree char *first_key = NULL;
    guint more = 0;

    if (f->phantom || (f->tainted && collecting(iv))) {
        return true;
    }
    for (uint32_t i = 0; i < f->value->count; i++) {
        JMember *m = &f->value->members[i];

        if (m->visited) {
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
            first = m;
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
        return report_key(iv, errp, severity, QAPI_ERROR_UNKNOWN_MEMBER,
                          first, "unknown member '%s' (also unknown: %s)",
                          first_key, others->str);
    }
    return report_key(iv, errp, severity, QAPI_ERROR_UNKNOWN_MEMBER, first,
                      "unknown member '%s'", first_key);
}

static void iv_end_struct(Visitor *v, void **obj)
{
    (void)obj;
    pop(to_iv(v));
}

/* ---- lists ------------------------------------------------------------- */

static bool iv_start_list(Visitor *v, const char *name, GenericList **list,
                          size_t size, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    bool ok;
    JValue *value = get_value(iv, name, JT_ARRAY, "an array", &ok, errp);

    if (list) {
        *list = value && value->count ? g_malloc0(size) : NULL;
    }
    if (!value && !ok) {
        return false;
    }
    push(iv, value, name);
    return true;
}

static GenericList *iv_next_list(Visitor *v, GenericList *tail, size_t size)
{
    IFrame *f = top(to_iv(v));

    if (f->phantom) {
        return NULL;
    }
    f->index++;
    if (f->dropped) {
        /* Reuse the dropped element's node for the next value, or have
         * end_list unlink it when it was the last. */
        f->dropped = false;
        if (f->index < f->value->count) {
            memset(tail, 0, size);
            return tail;
        }
        f->last_dropped = true;
        return NULL;
    }
    if (f->index >= f->value->count) {
        return NULL;
    }
    tail->next = g_malloc0(size);
    return tail->next;
}

static void iv_end_list(Visitor *v, void **obj)
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

static QType qtype_of(const JValue *value)
{
    switch ((JType)value->type) {
    case JT_NULL: return QTYPE_QNULL;
    case JT_BOOL: return QTYPE_QBOOL;
    case JT_NUMBER: return QTYPE_QNUM;
    case JT_STRING: return QTYPE_QSTRING;
    case JT_OBJECT: return QTYPE_QDICT;
    case JT_ARRAY: return QTYPE_QLIST;
    case JT_TOO_DEEP: break;
    }
    return QTYPE_NONE;
}

/*
 * Collect mode, for the one visit that must fail anyway (an alternate
 * without a value to pick its branch): fail with the problem recorded last,
 * which is the cause (or the first one, when nothing was recorded here
 * because the alternate sits below a phantom).
 */
static GError *recorded_error(InputVisitor *iv, guint before)
{
    guint n = qapi_diagnostics_get_length(iv->diags);
    guint index = n > before ? iv->last_error : iv->first_error;

    g_assert(iv->errors);
    return qapi_diagnostic_to_gerror(qapi_diagnostics_get(iv->diags, index));
}

static bool iv_start_alternate(Visitor *v, const char *name,
                               GenericAlternate **obj, size_t size,
                               GError **errp)
{
    InputVisitor *iv = to_iv(v);
    JValue *value;
    Lookup found = lookup(iv, name, &value, true);
    guint before = iv->diags ? qapi_diagnostics_get_length(iv->diags) : 0;
    bool ok;

    if (found == FOUND && value->type != JT_TOO_DEEP) {
        *obj = g_malloc0(size);
        (*obj)->type = qtype_of(value);
        return true;
    }
    if (found == FOUND) {
        ok = report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_TOO_DEEP, name,
                    value, "nesting deeper than %d levels",
                    QAPI_JSON_MAX_DEPTH);
    } else if (found == MISSING) {
        ok = report_missing(iv, name, errp);
    } else {
        ok = true;      /* phantom */
    }
    if (!ok) {
        *obj = NULL;
        return false;
    }
    /* Collect mode: there is no branch to visit, so this visit fails
     * after all, with the error already recorded. */
    *obj = NULL;
    g_propagate_error(errp, recorded_error(iv, before));
    return false;
}

static void iv_error_alternate_type(Visitor *v, const char *name,
                                    const char *type_name, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    JValue *value;
    guint before = iv->diags ? qapi_diagnostics_get_length(iv->diags) : 0;

    lookup(iv, name, &value, false);
    g_assert(value);    /* start_alternate saw it */
    if (report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_TYPE_MISMATCH, name,
               value, "%s is not a valid value for %s",
               json_type_name(value), type_name)) {
        /* Recorded in collect mode; the visit must fail all the same. */
        g_propagate_error(errp, recorded_error(iv, before));
    }
}

/* ---- scalars ----------------------------------------------------------- */

static bool iv_type_int(Visitor *v, const char *name, int64_t *obj,
                        int64_t min, int64_t max, const char *type_name,
                        GError **errp)
{
    InputVisitor *iv = to_iv(v);
    bool ok;
    JValue *value = get_value(iv, name, JT_NUMBER, "an integer", &ok, errp);

    *obj = 0;
    if (!value) {
        return ok;
    }
    if (value->numkind == JN_DOUBLE) {
        return report(iv, errp, QAPI_SEVERITY_ERROR,
                      QAPI_ERROR_TYPE_MISMATCH, name, value,
                      "expected an integer, got a number with a fraction "
                      "or exponent");
    }
    if (value->numkind != JN_INT || value->i < min || value->i > max) {
        return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_OUT_OF_RANGE,
                      name, value, "integer out of range for %s "
                      "(%" G_GINT64_FORMAT "..%" G_GINT64_FORMAT ")",
                      type_name, min, max);
    }
    *obj = value->i;
    return true;
}

static bool iv_type_uint(Visitor *v, const char *name, uint64_t *obj,
                         uint64_t max, const char *type_name, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    bool ok;
    JValue *value = get_value(iv, name, JT_NUMBER, "an integer", &ok, errp);
    uint64_t u;
    bool in_range;

    *obj = 0;
    if (!value) {
        return ok;
    }
    if (value->numkind == JN_DOUBLE) {
        return report(iv, errp, QAPI_SEVERITY_ERROR,
                      QAPI_ERROR_TYPE_MISMATCH, name, value,
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
                      name, value, "integer out of range for %s "
                      "(0..%" G_GUINT64_FORMAT ")", type_name, max);
    }
    *obj = u;
    return true;
}

static bool iv_type_bool(Visitor *v, const char *name, bool *obj,
                         GError **errp)
{
    bool ok;
    JValue *value = get_value(to_iv(v), name, JT_BOOL, "a boolean", &ok, errp);

    *obj = value ? value->boolean : false;
    return value ? true : ok;
}

static bool iv_type_str(Visitor *v, const char *name, char **obj,
                        GError **errp)
{
    bool ok;
    JValue *value = get_value(to_iv(v), name, JT_STRING, "a string", &ok,
                              errp);

    *obj = value ? g_strndup(value->str, value->count) : NULL;
    return value ? true : ok;
}

static bool iv_type_number(Visitor *v, const char *name, double *obj,
                           GError **errp)
{
    InputVisitor *iv = to_iv(v);
    bool ok;
    JValue *value = get_value(iv, name, JT_NUMBER, "a number", &ok, errp);

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
    if (!isfinite(*obj)) {  /* only from a JsonNode */
        *obj = 0;
        return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_OUT_OF_RANGE,
                      name, value, "non-finite number");
    }
    return true;
}

/* The JT_TOO_DEEP value inside @value, if any (only from a JsonNode). */
static const JValue *find_too_deep(const JValue *value)
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

static bool iv_type_any(Visitor *v, const char *name, JsonNode **obj,
                        GError **errp)
{
    InputVisitor *iv = to_iv(v);
    JValue *value;

    *obj = NULL;
    switch (lookup(iv, name, &value, true)) {
    case PHANTOM:
        return true;
    case MISSING:
        return report_missing(iv, name, errp);
    case FOUND:
        break;
    }
    if (find_too_deep(value)) {
        return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_TOO_DEEP,
                      name, value, "nesting deeper than %d levels",
                      QAPI_JSON_MAX_DEPTH);
    }
    *obj = jvalue_to_node(value);
    return true;
}

static bool iv_type_null(Visitor *v, const char *name, QNull **obj,
                         GError **errp)
{
    bool ok;
    JValue *value = get_value(to_iv(v), name, JT_NULL, "null", &ok, errp);

    *obj = value ? qnull() : NULL;
    return value ? true : ok;
}

static char *enum_choices(const QEnumLookup *lookup)
{
    GString *s = g_string_new(NULL);

    for (int i = 0; i < lookup->size; i++) {
        g_string_append_printf(s, "%s'%s'", i ? ", " : "", lookup->array[i]);
    }
    return g_string_free(s, FALSE);
}

static void iv_union_tag(Visitor *v, const char *name)
{
    IFrame *f = top(to_iv(v));

    if (f && name) {
        f->tags = g_slist_prepend(f->tags, (gpointer)name);
    }
}

/*
 * Member @name of this object has no valid enum value.  If it is a union
 * tag, the generated code now visits the zero value's branch, maybe not
 * the document's: stop reporting missing and unknown members of this
 * object, they would be noise.  A plain enum member quiets nothing.
 */
static void taint(IFrame *f, const char *name)
{
    if (!f || f->phantom || f->value->type != JT_OBJECT || !name
        || !g_slist_find_custom(f->tags, name, (GCompareFunc)strcmp)) {
        return;
    }
    f->tainted = true;
}

static bool iv_type_enum(Visitor *v, const char *name, int *obj,
                         const QEnumLookup *lookup, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    IFrame *f = top(iv);
    bool ok;
    JValue *value = get_value(iv, name, JT_STRING, "a string", &ok, errp);
    g_autofree char *choices = NULL;
    g_autofree char *shown = NULL;
    int val;

    *obj = 0;
    if (!value) {
        taint(f, name);
        return ok;
    }
    val = qapi_enum_parse(lookup, value->str, -1);
    if (val >= 0) {
        unsigned features = lookup->special_features
            ? lookup->special_features[val] : 0;

        switch (features ? qapi_input_policy(v, features)
                         : QAPI_POLICY_INPUT_ACCEPT) {
        case QAPI_POLICY_INPUT_ACCEPT:
            break;
        case QAPI_POLICY_INPUT_CRASH:
            g_error("enum value '%s' is refused by policy", value->str);
            break;
        case QAPI_POLICY_INPUT_REJECT:
            return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_POLICY,
                          name, value, "value '%s' is %s and refused by "
                          "policy", value->str,
                          features & (1u << QAPI_DEPRECATED)
                          ? "deprecated" : "unstable");
        }
        *obj = val;
        return true;
    }
    choices = enum_choices(lookup);
    shown = qapi_escape(value->str);
    if ((iv->flags & QAPI_INPUT_TOLERANT) && f && !f->phantom
        && f->value->type == JT_ARRAY) {
        f->dropped = true;
        return report(iv, errp, QAPI_SEVERITY_WARNING,
                      QAPI_ERROR_INVALID_VALUE, name, value,
                      "unknown value '%s' dropped (expected one of: %s)",
                      shown, choices);
    }
    taint(f, name);
    return report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_INVALID_VALUE,
                  name, value, "invalid value '%s' (expected one of: %s)",
                  shown, choices);
}

static bool iv_optional(Visitor *v, const char *name, bool *present)
{
    JValue *value;

    *present = lookup(to_iv(v), name, &value, false) == FOUND;
    return *present;
}

static bool iv_policy_reject(Visitor *v, const char *name,
                             unsigned special_features, GError **errp)
{
    InputVisitor *iv = to_iv(v);
    JValue *value = NULL;

    lookup(iv, name, &value, false);
    /* In collect mode report() returns true: not rejected, go on. */
    return !report(iv, errp, QAPI_SEVERITY_ERROR, QAPI_ERROR_POLICY, name,
                   value, "'%s' is %s and refused by policy", name,
                   special_features & (1u << QAPI_DEPRECATED)
                   ? "deprecated" : "unstable");
}

static void iv_free(Visitor *v)
{
    InputVisitor *iv = to_iv(v);

    jdoc_free(iv->doc);
    g_free(iv->filename);
    while (iv->frames->len) {
        pop(iv);    /* a visit abandoned half-way leaves frames */
    }
    g_array_free(iv->frames, TRUE);
    g_free(iv);
}

/* ---- construction ------------------------------------------------------ */

static Visitor *input_visitor_new(JDoc *doc, const char *filename,
                                  QapiInputFlags flags,
                                  QapiDiagnostics *diags)
{
    InputVisitor *iv = g_new0(InputVisitor, 1);
    Visitor *v = &iv->visitor;

    iv->doc = doc;
    iv->filename = g_strdup(filename);
    iv->flags = flags;
    iv->diags = diags;
    iv->frames = g_array_sized_new(FALSE, FALSE, sizeof(IFrame), 16);

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
    return v;
}

/* Parse @data, reporting a syntax error to @diags and @error. */
static JDoc *parse_text(const char *data, gssize len, const char *filename,
                        QapiDiagnostics *diags, GError **error)
{
    QapiDiagnostic diag;
    JDoc *doc;

    g_return_val_if_fail(data || len == 0, NULL);
    doc = jdoc_parse(data ? data : "", len < 0 ? strlen(data) : (size_t)len,
                     &diag);
    if (doc) {
        return doc;
    }
    diag.filename = g_strdup(filename);
    if (diags) {
        qapi_diagnostics_add(diags, diag.severity, diag.code, diag.filename,
                             diag.path, diag.line, diag.column, "%s",
                             diag.message);
    }
    g_propagate_error(error, qapi_diagnostic_to_gerror(&diag));
    jdoc_diag_clear(&diag);
    return NULL;
}

Visitor *qapi_json_input_visitor_new(const char *data, gssize len,
                                     const char *filename,
                                     QapiInputFlags flags,
                                     QapiDiagnostics *diags, GError **error)
{
    JDoc *doc = parse_text(data, len, filename, diags, error);

    return doc ? input_visitor_new(doc, filename, flags, diags) : NULL;
}

/* Read @path: a regular file no larger than the input limit. */
static char *read_file(const char *path, size_t *len, GError **error)
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
        g_set_error(error, QAPI_ERROR, QAPI_ERROR_IO,
                    "%s: not a regular file", path);
        return NULL;
    }
    if ((unsigned long long)st.st_size > QAPI_JSON_MAX_INPUT_SIZE) {
        g_set_error(error, QAPI_ERROR, QAPI_ERROR_TOO_LARGE,
                    "%s: larger than %u bytes", path,
                    QAPI_JSON_MAX_INPUT_SIZE);
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

Visitor *qapi_json_input_visitor_new_from_file(const char *path,
                                               QapiInputFlags flags,
                                               QapiDiagnostics *diags,
                                               GError **error)
{
    GError *err = NULL;
    size_t len = 0;
    g_autofree char *data = read_file(path, &len, &err);

    if (!data) {
        if (diags) {
            qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR, err->code, NULL,
                                 "", 0, 0, "%s", err->message);
        }
        g_propagate_error(error, err);
        return NULL;
    }
    return qapi_json_input_visitor_new(data, len, path, flags, diags, error);
}

Visitor *qapi_json_input_visitor_new_from_node(JsonNode *node,
                                               QapiInputFlags flags,
                                               QapiDiagnostics *diags)
{
    g_return_val_if_fail(node, NULL);
    return input_visitor_new(jdoc_from_node(node), NULL, flags, diags);
}

bool qapi_json_input_visitor_finish(Visitor *v, GError **error)
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

JsonNode *qapi_json_parse(const char *data, gssize len, const char *filename,
                          GError **error)
{
    JDoc *doc = parse_text(data, len, filename, NULL, error);
    JsonNode *node;

    if (!doc) {
        return NULL;
    }
    node = jvalue_to_node(jdoc_root(doc));
    jdoc_free(doc);
    return node;
}

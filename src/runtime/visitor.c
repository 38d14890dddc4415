/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The visitor core: the functions generated code calls, dispatched to the
 * visitor's callbacks (visitor-impl.h).  Type-specific knowledge stays here
 * (C integer ranges, enum tables, feature policy) so each visitor only deals
 * with JSON values or memory.
 */
#include <stdarg.h>

#define QAPI_QEMU_COMPAT_NO_SHIMS
#include "qapi/qemu-compat.h"
#include "visitor-impl.h"

/*
 * The contract of qapi/visitor.h, asserted where QEMU's core asserts it:
 * a call returns false exactly when it set an error (checked on an error
 * of our own, so that it holds whether or not the caller wants it); an
 * input visitor hands back an object exactly when it succeeded; each end
 * call gets the same obj, still holding the *obj its start left.  A
 * visitor that breaks it is a bug, found here instead of as a leak or a
 * NULL dereference in generated code.
 */
typedef enum OpenKind {
    OPEN_STRUCT,
    OPEN_LIST,
    OPEN_ALTERNATE,
} OpenKind;

typedef struct OpenContainer {
    OpenKind kind;
    void **obj;
    void *value;
} OpenContainer;

/* A plain stack: a GArray call per struct and list of a big document
 * costs more than the check itself. */
struct VisitorOpen {
    OpenContainer *data;
    guint len, cap;
};

static bool
settle(bool ok, GError *local, GError **errp)
{
    g_assert(ok == !local);
    if (local) {
        g_propagate_error(errp, local);
    }
    return ok;
}

static void
open_push(Visitor *v, OpenKind kind, void **obj)
{
    struct VisitorOpen *open = v->open;

    if (!open) {
        open = v->open = g_new0(struct VisitorOpen, 1);
    }
    if (open->len == open->cap) {
        open->cap = open->cap ? open->cap * 2 : 16;
        open->data = g_renew(OpenContainer, open->data, open->cap);
    }
    open->data[open->len++] = (OpenContainer){ kind, obj, obj ? *obj : NULL };
}

static void
open_pop(Visitor *v, OpenKind kind, void **obj)
{
    OpenContainer *c;

    g_assert(v->open && v->open->len);
    c = &v->open->data[v->open->len - 1];
    g_assert(c->kind == kind);
    g_assert(c->obj == obj);
    /* Generated code drops an alternate of no branch's type (*obj = NULL)
     * before ending it; anything else is ended as started. */
    g_assert(!obj || *obj == c->value || (kind == OPEN_ALTERNATE && !*obj));
    v->open->len--;
}

void
visit_set_policy(Visitor *v, const QapiPolicy *policy)
{
    g_return_if_fail(v && policy);
    v->policy = *policy;
}

VisitorType
visit_get_type(Visitor *v)
{
    return v->type;
}

bool
visit_is_input(Visitor *v)
{
    return v->type == VISITOR_INPUT;
}

bool
visit_is_dealloc(Visitor *v)
{
    return v->type == VISITOR_DEALLOC;
}

void
visit_free(Visitor *v)
{
    if (v) {
        if (v->open) {
            g_free(v->open->data);
            g_free(v->open);
        }
        v->free(v);
    }
}

bool
visit_start_struct(Visitor *v, const char *name, void **obj, size_t size,
                   GError **errp)
{
    GError *local = NULL;
    bool ok;

    if (obj) {
        g_assert(size);
        g_assert(!(v->type & VISITOR_OUTPUT) || *obj);
    }
    ok = v->start_struct(v, name, obj, size, &local);
    ok = settle(ok, local, errp);
    if (obj && (v->type & VISITOR_INPUT)) {
        g_assert(ok == !!*obj);
    }
    if (ok) {
        open_push(v, OPEN_STRUCT, obj);
    }
    return ok;
}

bool
visit_check_struct(Visitor *v, GError **errp)
{
    GError *local = NULL;
    bool ok;

    if (!v->check_struct) {
        return true;
    }
    ok = v->check_struct(v, &local);
    return settle(ok, local, errp);
}

void
visit_end_struct(Visitor *v, void **obj)
{
    open_pop(v, OPEN_STRUCT, obj);
    v->end_struct(v, obj);
}

bool
visit_start_list(Visitor *v, const char *name, GenericList **list, size_t size,
                 GError **errp)
{
    GError *local = NULL;
    bool ok;

    g_assert(!list || size >= sizeof(GenericList));
    ok = v->start_list(v, name, list, size, &local);
    ok = settle(ok, local, errp);
    if (list && (v->type & VISITOR_INPUT)) {
        g_assert(ok || !*list);
    }
    if (ok) {
        open_push(v, OPEN_LIST, (void **)list);
    }
    return ok;
}

GenericList *
visit_next_list(Visitor *v, GenericList *tail, size_t size)
{
    g_assert(tail && size >= sizeof(GenericList));
    return v->next_list(v, tail, size);
}

bool
visit_check_list(Visitor *v, GError **errp)
{
    GError *local = NULL;
    bool ok;

    if (!v->check_list) {
        return true;
    }
    ok = v->check_list(v, &local);
    return settle(ok, local, errp);
}

void
visit_end_list(Visitor *v, void **list)
{
    open_pop(v, OPEN_LIST, list);
    v->end_list(v, list);
}

bool
visit_start_alternate(Visitor *v, const char *name, GenericAlternate **obj,
                      size_t size, GError **errp)
{
    GError *local = NULL;
    bool ok;

    g_assert(obj && size >= sizeof(GenericAlternate));
    g_assert(!(v->type & VISITOR_OUTPUT) || *obj);
    if (!v->start_alternate) {
        /* Only a visitor that builds nothing may leave this out. */
        g_assert(!(v->type & VISITOR_INPUT));
        ok = true;
    } else {
        ok = v->start_alternate(v, name, obj, size, &local);
        ok = settle(ok, local, errp);
    }
    if (v->type & VISITOR_INPUT) {
        g_assert(ok == !!*obj);
    }
    if (ok) {
        open_push(v, OPEN_ALTERNATE, (void **)obj);
    }
    return ok;
}

void
visit_end_alternate(Visitor *v, void **obj)
{
    open_pop(v, OPEN_ALTERNATE, obj);
    if (v->end_alternate) {
        v->end_alternate(v, obj);
    }
}

void
visit_error_alternate_type(Visitor *v, const char *name, const char *type_name,
                           GError **errp)
{
    GError *local = NULL;

    if (v->error_alternate_type) {
        v->error_alternate_type(v, name, type_name, &local);
    } else {
        qapi_set_error(&local, QAPI_ERROR_TYPE_MISMATCH, name,
                       "value of the wrong JSON type for alternate %s",
                       type_name);
    }
    /* The generated code fails the visit after this: with an error. */
    settle(false, local, errp);
}

/*
 * QEMU's generated alternate visitor calls error_setg() (qapi/qemu-compat.h)
 * with "Invalid parameter type for '%s', expected: T": what follows the
 * last "expected: " is the alternate's name.
 */
void
qapi_compat_error_setg(Visitor *v, const char *name, GError **errp,
                       const char *fmt, ...)
{
    static const char marker[] = "expected: ";
    g_autofree char *message = NULL;
    const char *expected;
    GError *local = NULL;
    va_list ap;

    va_start(ap, fmt);
    message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    expected = g_strrstr(message, marker);
    if (expected && expected[sizeof(marker) - 1]) {
        visit_error_alternate_type(v, name, expected + sizeof(marker) - 1,
                                   errp);
        return;
    }
    qapi_set_error(&local, QAPI_ERROR_TYPE_MISMATCH, name, "%s", message);
    settle(false, local, errp);
}

void
visit_union_tag(Visitor *v, const char *name)
{
    if (v->union_tag) {
        v->union_tag(v, name);
    }
}

bool
visit_optional(Visitor *v, const char *name, bool *present)
{
    if (v->optional) {
        return v->optional(v, name, present);
    }
    return *present;
}

/* The policy that applies to a member or value with @features. */
QapiPolicyInput
qapi_input_policy(Visitor *v, uint64_t features)
{
    if ((features & (1u << QAPI_DEPRECATED))
        && v->policy.deprecated_input != QAPI_POLICY_INPUT_ACCEPT) {
        return v->policy.deprecated_input;
    }
    if ((features & (1u << QAPI_UNSTABLE))
        && v->policy.unstable_input != QAPI_POLICY_INPUT_ACCEPT) {
        return v->policy.unstable_input;
    }
    return QAPI_POLICY_INPUT_ACCEPT;
}

char *
qapi_policy_refusal(uint64_t features, const char *kind, const char *name)
{
    const char *adjective;

    if (features & (1u << QAPI_DEPRECATED)) {
        adjective = "Deprecated";
    } else if (features & (1u << QAPI_UNSTABLE)) {
        adjective = "Unstable";
    } else {
        return NULL;
    }
    return g_strdup_printf("%s %s %s disabled by policy", adjective, kind,
                           name ? name : "");
}

/*
 * Returns true when the member must be refused (QEMU's convention: true
 * means "rejected", with @errp set).  A collecting input visitor records the
 * problem instead and returns false so that the visit goes on.
 */
bool
visit_policy_reject(Visitor *v, const char *name, uint64_t features,
                    GError **errp)
{
    g_autofree char *message = NULL;

    if (v->type != VISITOR_INPUT) {
        return false;
    }
    switch (qapi_input_policy(v, features)) {
    case QAPI_POLICY_INPUT_ACCEPT:
        return false;
    case QAPI_POLICY_INPUT_CRASH:
        g_error("member '%s' is refused by policy", name ? name : "");
        break;
    case QAPI_POLICY_INPUT_REJECT:
        break;
    }
    if (v->policy_reject) {
        return v->policy_reject(v, name, features, errp);
    }
    message = qapi_policy_refusal(features, "parameter", name);
    qapi_set_error(errp, QAPI_ERROR_POLICY, name, "%s", message);
    return true;
}

/* Output visitors may hide members; nobody else skips anything. */
bool
visit_policy_skip(Visitor *v, const char *name, uint64_t features)
{
    (void)name;
    if (v->type != VISITOR_OUTPUT) {
        return false;
    }
    if ((features & (1u << QAPI_DEPRECATED))
        && v->policy.deprecated_output == QAPI_POLICY_OUTPUT_HIDE) {
        return true;
    }
    if ((features & (1u << QAPI_UNSTABLE))
        && v->policy.unstable_output == QAPI_POLICY_OUTPUT_HIDE) {
        return true;
    }
    return false;
}

void
visit_complete(Visitor *v, void *opaque)
{
    g_return_if_fail(v);
    if (v->complete) {
        v->complete(v, opaque);
    }
}

bool
visit_deprecated_accept(Visitor *v, const char *name, GError **errp)
{
    return !visit_policy_reject(v, name, 1u << QAPI_DEPRECATED, errp);
}

bool
visit_deprecated(Visitor *v, const char *name)
{
    return !visit_policy_skip(v, name, 1u << QAPI_DEPRECATED);
}

bool
visit_type_enum(Visitor *v, const char *name, int *obj,
                const QEnumLookup *lookup, GError **errp)
{
    const char *wire;

    if (v->type_enum) {
        GError *local = NULL;
        bool ok;

        ok = v->type_enum(v, name, obj, lookup, &local);
        return settle(ok, local, errp);
    }
    if (v->type != VISITOR_OUTPUT) {
        return true; /* nothing to free or copy in an int */
    }
    wire = qapi_enum_lookup(lookup, *obj);
    if (!wire) {
        qapi_set_error(errp, QAPI_ERROR_INVALID_VALUE, name,
                       "enum value %d out of range", *obj);
        return false;
    }
    return visit_type_str(v, name, (char **)&wire, errp);
}

/*
 * Signed integers: widen, let the visitor check the range, narrow back.
 * Only input visitors write the value back; the others must not touch
 * *obj (the clone visitor's copy is already in place).
 */
#define VISIT_SIGNED(ctype, suffix, lo, hi)                              \
    bool visit_type_##suffix(Visitor *v, const char *name, ctype *obj,   \
                             GError **errp)                              \
    {                                                                    \
        int64_t value = *obj;                                            \
        GError *local = NULL;                                            \
        v->member = obj;                                                 \
        bool ok = v->type_int(v, name, &value, lo, hi, #suffix, &local); \
        v->member = NULL;                                                \
        if (v->type == VISITOR_INPUT) {                                  \
            *obj = (ctype)value;                                         \
        }                                                                \
        return settle(ok, local, errp);                                  \
    }

#define VISIT_UNSIGNED(ctype, suffix, hi)                              \
    bool visit_type_##suffix(Visitor *v, const char *name, ctype *obj, \
                             GError **errp)                            \
    {                                                                  \
        uint64_t value = *obj;                                         \
        GError *local = NULL;                                          \
        v->member = obj;                                               \
        bool ok = v->type_uint(v, name, &value, hi, #suffix, &local);  \
        v->member = NULL;                                              \
        if (v->type == VISITOR_INPUT) {                                \
            *obj = (ctype)value;                                       \
        }                                                              \
        return settle(ok, local, errp);                                \
    }

VISIT_SIGNED(int64_t, int, INT64_MIN, INT64_MAX)
VISIT_SIGNED(int8_t, int8, INT8_MIN, INT8_MAX)
VISIT_SIGNED(int16_t, int16, INT16_MIN, INT16_MAX)
VISIT_SIGNED(int32_t, int32, INT32_MIN, INT32_MAX)
VISIT_SIGNED(int64_t, int64, INT64_MIN, INT64_MAX)
VISIT_UNSIGNED(uint8_t, uint8, UINT8_MAX)
VISIT_UNSIGNED(uint16_t, uint16, UINT16_MAX)
VISIT_UNSIGNED(uint32_t, uint32, UINT32_MAX)
VISIT_UNSIGNED(uint64_t, uint64, UINT64_MAX)
VISIT_UNSIGNED(uint64_t, size, UINT64_MAX)

bool
visit_type_bool(Visitor *v, const char *name, bool *obj, GError **errp)
{
    GError *local = NULL;
    bool ok;

    g_assert(obj);
    ok = v->type_bool(v, name, obj, &local);
    return settle(ok, local, errp);
}

bool
visit_type_str(Visitor *v, const char *name, char **obj, GError **errp)
{
    GError *local = NULL;
    bool ok;

    g_assert(obj);
    ok = v->type_str(v, name, obj, &local);
    ok = settle(ok, local, errp);
    if (v->type & VISITOR_INPUT) {
        g_assert(ok == !!*obj);
    }
    return ok;
}

bool
visit_type_number(Visitor *v, const char *name, double *obj, GError **errp)
{
    GError *local = NULL;
    bool ok;

    g_assert(obj);
    ok = v->type_number(v, name, obj, &local);
    return settle(ok, local, errp);
}

bool
visit_type_any(Visitor *v, const char *name, JsonNode **obj, GError **errp)
{
    GError *local = NULL;
    bool ok;

    g_assert(obj);
    g_assert(v->type != VISITOR_OUTPUT || *obj);
    ok = v->type_any(v, name, obj, &local);
    ok = settle(ok, local, errp);
    if (v->type & VISITOR_INPUT) {
        g_assert(ok == !!*obj);
    }
    return ok;
}

bool
visit_type_null(Visitor *v, const char *name, QNull **obj, GError **errp)
{
    GError *local = NULL;
    bool ok;

    g_assert(obj);
    ok = v->type_null(v, name, obj, &local);
    return settle(ok, local, errp);
}

void
qapi_set_error(GError **errp, QapiErrorCode code, const char *path,
               const char *format, ...)
{
    QapiDiagnostic diag = {
        .severity = QAPI_SEVERITY_ERROR,
        .code = code,
        .path = (char *)(path ? path : ""),
    };
    g_autofree char *message = NULL;
    va_list ap;

    if (!errp) {
        return;
    }
    va_start(ap, format);
    message = g_strdup_vprintf(format, ap);
    va_end(ap);
    diag.message = message;
    g_propagate_error(errp, qapi_diagnostic_to_gerror(&diag));
}

JsonNode *
qapi_json_node_deep_copy(JsonNode *node)
{
    JsonNode *copy;

    if (!node) {
        return NULL;
    }
    switch (json_node_get_node_type(node)) {
    case JSON_NODE_OBJECT: {
        JsonObject *src = json_node_get_object(node);
        JsonObject *dst = json_object_new();
        g_autoptr(GList) members = json_object_get_members(src);

        for (GList *l = members; l; l = l->next) {
            json_object_set_member(
                dst, l->data,
                qapi_json_node_deep_copy(json_object_get_member(src, l->data)));
        }
        copy = json_node_init_object(json_node_alloc(), dst);
        json_object_unref(dst);
        return copy;
    }
    case JSON_NODE_ARRAY: {
        JsonArray *src = json_node_get_array(node);
        guint n = json_array_get_length(src);
        JsonArray *dst = json_array_sized_new(n);

        for (guint i = 0; i < n; i++) {
            json_array_add_element(
                dst, qapi_json_node_deep_copy(json_array_get_element(src, i)));
        }
        copy = json_node_init_array(json_node_alloc(), dst);
        json_array_unref(dst);
        return copy;
    }
    default:
        /* Scalars hold no shared containers. */
        return json_node_copy(node);
    }
}

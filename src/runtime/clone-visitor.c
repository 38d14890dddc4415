/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The clone visitor behind QAPI_CLONE(): deep, independent copies.
 *
 * Each struct, list node and alternate is copied byte for byte when it is
 * entered (so scalars are already in place), then every pointer member is
 * replaced by a copy of its own as the visit reaches it.  The source is
 * never written to.
 */
#include <string.h>

#include "qapi/clone-visitor.h"
#include "visitor-impl.h"

typedef struct CloneVisitor {
    Visitor visitor;
    int depth;
} CloneVisitor;

static CloneVisitor *
to_cv(Visitor *v)
{
    return (CloneVisitor *)v;
}

static bool
cv_start_struct(Visitor *v, const char *name, void **obj, size_t size,
                GError **errp)
{
    CloneVisitor *cv = to_cv(v);

    (void)name, (void)errp;
    if (!obj) {
        /* An alternate's object branch: start_alternate copied it. */
        g_assert(cv->depth);
        return true;
    }
    *obj = g_memdup2(*obj, size);
    cv->depth++;
    return true;
}

static void
cv_end_struct(Visitor *v, void **obj)
{
    CloneVisitor *cv = to_cv(v);

    if (obj) {
        cv->depth--;
    }
}

static bool
cv_start_list(Visitor *v, const char *name, GenericList **list, size_t size,
              GError **errp)
{
    return cv_start_struct(v, name, (void **)list, size, errp);
}

static GenericList *
cv_next_list(Visitor *v, GenericList *tail, size_t size)
{
    (void)v;
    tail->next = g_memdup2(tail->next, size);
    return tail->next;
}

static void
cv_end_list(Visitor *v, void **list)
{
    cv_end_struct(v, list);
}

static bool
cv_start_alternate(Visitor *v, const char *name, GenericAlternate **obj,
                   size_t size, GError **errp)
{
    return cv_start_struct(v, name, (void **)obj, size, errp);
}

static void
cv_end_alternate(Visitor *v, void **obj)
{
    cv_end_struct(v, obj);
}

/* Scalars were copied with the memory that holds them. */
static bool
cv_type_int(Visitor *v, const char *name, int64_t *obj, int64_t min,
            int64_t max, const char *type_name, GError **errp)
{
    (void)name, (void)obj, (void)min, (void)max, (void)type_name;
    (void)errp;
    g_assert(to_cv(v)->depth);
    return true;
}

static bool
cv_type_uint(Visitor *v, const char *name, uint64_t *obj, uint64_t max,
             const char *type_name, GError **errp)
{
    (void)name, (void)obj, (void)max, (void)type_name, (void)errp;
    g_assert(to_cv(v)->depth);
    return true;
}

static bool
cv_type_bool(Visitor *v, const char *name, bool *obj, GError **errp)
{
    (void)name, (void)obj, (void)errp;
    g_assert(to_cv(v)->depth);
    return true;
}

static bool
cv_type_number(Visitor *v, const char *name, double *obj, GError **errp)
{
    (void)name, (void)obj, (void)errp;
    g_assert(to_cv(v)->depth);
    return true;
}

static bool
cv_type_str(Visitor *v, const char *name, char **obj, GError **errp)
{
    (void)name, (void)errp;
    g_assert(to_cv(v)->depth);
    *obj = g_strdup(*obj);
    return true;
}

static bool
cv_type_any(Visitor *v, const char *name, JsonNode **obj, GError **errp)
{
    (void)name, (void)errp;
    g_assert(to_cv(v)->depth);
    *obj = qapi_json_node_deep_copy(*obj);
    return true;
}

static bool
cv_type_null(Visitor *v, const char *name, QNull **obj, GError **errp)
{
    (void)v, (void)name, (void)obj, (void)errp;
    return true; /* the singleton is shared, not copied */
}

static void
cv_free(Visitor *v)
{
    g_free(v);
}

static Visitor *
clone_visitor_new(void)
{
    CloneVisitor *cv = g_new0(CloneVisitor, 1);
    Visitor *v = &cv->visitor;

    v->type = VISITOR_CLONE;
    v->start_struct = cv_start_struct;
    v->end_struct = cv_end_struct;
    v->start_list = cv_start_list;
    v->next_list = cv_next_list;
    v->end_list = cv_end_list;
    v->start_alternate = cv_start_alternate;
    v->end_alternate = cv_end_alternate;
    v->type_int = cv_type_int;
    v->type_uint = cv_type_uint;
    v->type_bool = cv_type_bool;
    v->type_str = cv_type_str;
    v->type_number = cv_type_number;
    v->type_any = cv_type_any;
    v->type_null = cv_type_null;
    v->free = cv_free;
    return v;
}

void *
qapi_clone(const void *src, QapiVisitTypeFunc visit_type)
{
    Visitor *v;
    void *dst = (void *)src;

    if (!src) {
        return NULL;
    }
    v = clone_visitor_new();
    /* Cloning cannot fail: every callback returns true. */
    if (!visit_type(v, NULL, &dst, NULL)) {
        g_assert_not_reached();
    }
    visit_free(v);
    return dst;
}

void
qapi_clone_members(void *dst, const void *src, size_t size,
                   QapiVisitMembersFunc visit_members)
{
    Visitor *v = clone_visitor_new();

    memcpy(dst, src, size);
    to_cv(v)->depth++;
    if (!visit_members(v, dst, NULL)) {
        g_assert_not_reached();
    }
    visit_free(v);
}

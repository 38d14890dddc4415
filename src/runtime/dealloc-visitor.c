/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The dealloc visitor, behind every generated qapi_free_X(): walks an
 * object and frees it bottom-up.  It must cope with partly built objects
 * (an input visit that failed half-way), so every pointer may be NULL.
 */
#include "qapi/dealloc-visitor.h"
#include "visitor-impl.h"

static bool
dv_start_struct(Visitor *v, const char *name, void **obj, size_t size,
                GError **errp)
{
    (void)v, (void)name, (void)obj, (void)size, (void)errp;
    return true;
}

static void
dv_end_struct(Visitor *v, void **obj)
{
    (void)v;
    if (obj) {
        g_clear_pointer(obj, g_free);
    }
}

static bool
dv_start_list(Visitor *v, const char *name, GenericList **list, size_t size,
              GError **errp)
{
    (void)v, (void)name, (void)list, (void)size, (void)errp;
    return true;
}

/* Free the element just visited; its successor comes next. */
static GenericList *
dv_next_list(Visitor *v, GenericList *tail, size_t size)
{
    GenericList *next = tail->next;

    (void)v, (void)size;
    g_free(tail);
    return next;
}

/* Every element is freed by now: the head must not dangle. */
static void
dv_end_list(Visitor *v, void **list)
{
    (void)v;
    if (list) {
        *list = NULL;
    }
}

static bool
dv_start_alternate(Visitor *v, const char *name, GenericAlternate **obj,
                   size_t size, GError **errp)
{
    (void)v, (void)name, (void)obj, (void)size, (void)errp;
    return true;
}

static void
dv_end_alternate(Visitor *v, void **obj)
{
    (void)v;
    if (obj) {
        g_clear_pointer(obj, g_free);
    }
}

static bool
dv_type_int(Visitor *v, const char *name, int64_t *obj, int64_t min,
            int64_t max, const char *type_name, GError **errp)
{
    (void)v, (void)name, (void)obj, (void)min, (void)max, (void)type_name;
    (void)errp;
    return true;
}

static bool
dv_type_uint(Visitor *v, const char *name, uint64_t *obj, uint64_t max,
             const char *type_name, GError **errp)
{
    (void)v, (void)name, (void)obj, (void)max, (void)type_name, (void)errp;
    return true;
}

static bool
dv_type_bool(Visitor *v, const char *name, bool *obj, GError **errp)
{
    (void)v, (void)name, (void)obj, (void)errp;
    return true;
}

static bool
dv_type_str(Visitor *v, const char *name, char **obj, GError **errp)
{
    (void)v, (void)name, (void)errp;
    if (obj) {
        g_clear_pointer(obj, g_free);
    }
    return true;
}

static bool
dv_type_number(Visitor *v, const char *name, double *obj, GError **errp)
{
    (void)v, (void)name, (void)obj, (void)errp;
    return true;
}

static bool
dv_type_any(Visitor *v, const char *name, JsonNode **obj, GError **errp)
{
    (void)v, (void)name, (void)errp;
    if (obj) {
        g_clear_pointer(obj, json_node_unref);
    }
    return true;
}

static bool
dv_type_null(Visitor *v, const char *name, QNull **obj, GError **errp)
{
    (void)v, (void)name, (void)errp;
    if (obj) {
        *obj = NULL; /* the shared singleton is never freed */
    }
    return true;
}

static void
dv_free(Visitor *v)
{
    g_free(v);
}

Visitor *
qapi_dealloc_visitor_new(void)
{
    Visitor *v = g_new0(Visitor, 1);

    v->type = VISITOR_DEALLOC;
    v->start_struct = dv_start_struct;
    v->end_struct = dv_end_struct;
    v->start_list = dv_start_list;
    v->next_list = dv_next_list;
    v->end_list = dv_end_list;
    v->start_alternate = dv_start_alternate;
    v->end_alternate = dv_end_alternate;
    v->type_int = dv_type_int;
    v->type_uint = dv_type_uint;
    v->type_bool = dv_type_bool;
    v->type_str = dv_type_str;
    v->type_number = dv_type_number;
    v->type_any = dv_type_any;
    v->type_null = dv_type_null;
    v->free = dv_free;
    return v;
}

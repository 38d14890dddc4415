/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * visitor.c: the core asserts the visitor contract of qapi/visitor.h.  A
 * deliberately broken visitor must abort (in a subprocess) at the first
 * broken rule; a correct one must pass every call through.
 */
#include "test-helpers.h"
#include "visitor-impl.h"

/* What the broken visitor gets wrong. */
typedef enum Breakage {
    BREAK_NOTHING,
    BREAK_FALSE_WITHOUT_ERROR, /* start_struct fails, sets no error */
    BREAK_TRUE_WITH_ERROR,     /* start_struct succeeds, sets an error */
    BREAK_NO_OBJECT,           /* input start_struct: true, *obj NULL */
    BREAK_OBJECT_ON_FAILURE,   /* input start_alternate: false, *obj set */
    BREAK_NULL_STRING,         /* input type_str: true, *obj NULL */
    BREAK_CHECK_WITHOUT_ERROR, /* check_struct fails, sets no error */
    BREAK_INT_WITH_ERROR,      /* type_int succeeds, sets an error */
} Breakage;

static Breakage breakage;

static void
fail(GError **errp)
{
    qapi_set_error(errp, QAPI_ERROR_SEMANTIC, "", "broken on purpose");
}

static bool
bv_start_struct(Visitor *v, const char *name, void **obj, size_t size,
                GError **errp)
{
    (void)v, (void)name;
    switch (breakage) {
    case BREAK_FALSE_WITHOUT_ERROR:
        return false;
    case BREAK_TRUE_WITH_ERROR:
        fail(errp);
        break;
    case BREAK_NO_OBJECT:
        return true;
    default:
        break;
    }
    if (obj) {
        *obj = g_malloc0(size);
    }
    return true;
}

static bool
bv_check_struct(Visitor *v, GError **errp)
{
    (void)v, (void)errp;
    return breakage != BREAK_CHECK_WITHOUT_ERROR;
}

static void
bv_end(Visitor *v, void **obj)
{
    (void)v, (void)obj;
}

static bool
bv_start_list(Visitor *v, const char *name, GenericList **list, size_t size,
              GError **errp)
{
    (void)v, (void)name, (void)size, (void)errp;
    if (list) {
        *list = NULL;
    }
    return true;
}

static bool
bv_start_alternate(Visitor *v, const char *name, GenericAlternate **obj,
                   size_t size, GError **errp)
{
    (void)v, (void)name;
    *obj = g_malloc0(size);
    (*obj)->type = QTYPE_QNUM;
    if (breakage == BREAK_OBJECT_ON_FAILURE) {
        fail(errp);
        return false;
    }
    return true;
}

static bool
bv_type_int(Visitor *v, const char *name, int64_t *obj, int64_t min,
            int64_t max, const char *type_name, GError **errp)
{
    (void)v, (void)name, (void)min, (void)max, (void)type_name;
    *obj = 1;
    if (breakage == BREAK_INT_WITH_ERROR) {
        fail(errp);
    }
    return true;
}

static bool
bv_type_str(Visitor *v, const char *name, char **obj, GError **errp)
{
    (void)v, (void)name, (void)errp;
    *obj = breakage == BREAK_NULL_STRING ? NULL : g_strdup("s");
    return true;
}

static void
bv_free(Visitor *v)
{
    g_free(v);
}

/* An input visitor that keeps the contract except for `breakage`. */
static Visitor *
broken_visitor_new(void)
{
    Visitor *v = g_new0(Visitor, 1);

    v->type = VISITOR_INPUT;
    v->start_struct = bv_start_struct;
    v->check_struct = bv_check_struct;
    v->end_struct = bv_end;
    v->start_list = bv_start_list;
    v->end_list = bv_end;
    v->start_alternate = bv_start_alternate;
    v->end_alternate = bv_end;
    v->type_int = bv_type_int;
    v->type_str = bv_type_str;
    v->free = bv_free;
    return v;
}

/* The calls of one struct with a string, an int and an alternate. */
static void
visit_sample(Visitor *v)
{
    g_autoptr(GError) err = NULL;
    void *obj = NULL;
    GenericAlternate *alt = NULL;
    g_autofree char *str = NULL;
    int64_t i = 0;
    bool ok;

    ok = visit_start_struct(v, NULL, &obj, 16, &err);
    g_assert_true(ok);
    g_assert_true(visit_type_str(v, "s", &str, &err));
    g_assert_true(visit_type_int(v, "i", &i, &err));
    ok = visit_start_alternate(v, "a", &alt, sizeof(*alt) + 8, &err);
    g_assert_true(ok);
    visit_end_alternate(v, (void **)&alt);
    g_assert_true(visit_check_struct(v, &err));
    visit_end_struct(v, &obj);
    g_free(alt);
    g_free(obj);
}

static void
test_contract_kept(void)
{
    g_autoptr(Visitor) v = broken_visitor_new();

    breakage = BREAK_NOTHING;
    visit_sample(v);
}

/* Each breakage, in a subprocess: the core must abort on it. */
static void
run_broken(gconstpointer data)
{
    g_autoptr(Visitor) v = broken_visitor_new();

    breakage = GPOINTER_TO_INT(data);
    visit_sample(v);
}

/* Ends that do not match their start. */
static void
run_end_other_obj(void)
{
    g_autoptr(Visitor) v = broken_visitor_new();
    void *a = NULL, *b = NULL;

    breakage = BREAK_NOTHING;
    g_assert_true(visit_start_struct(v, NULL, &a, 8, NULL));
    visit_end_struct(v, &b);
}

static void
run_end_changed_obj(void)
{
    g_autoptr(Visitor) v = broken_visitor_new();
    void *a = NULL;
    void *start;

    breakage = BREAK_NOTHING;
    g_assert_true(visit_start_struct(v, NULL, &a, 8, NULL));
    start = a;
    a = NULL;
    visit_end_struct(v, &a);
    g_free(start);
}

static void
run_end_other_kind(void)
{
    g_autoptr(Visitor) v = broken_visitor_new();
    GenericList *list = NULL;

    breakage = BREAK_NOTHING;
    g_assert_true(
        visit_start_list(v, NULL, &list, sizeof(GenericList) + 8, NULL));
    visit_end_struct(v, (void **)&list);
}

static void
run_end_unopened(void)
{
    g_autoptr(Visitor) v = broken_visitor_new();

    visit_end_list(v, NULL);
}

/* Each case with the core's assertion that must catch it. */
#define ERROR_RULE  "(ok == !local)"
#define OBJECT_RULE "(ok == !!*obj)"

static const struct {
    const char *name;
    Breakage breakage;
    const char *assertion;
} broken_cases[] = {
    { "false-without-error", BREAK_FALSE_WITHOUT_ERROR, ERROR_RULE },
    { "true-with-error", BREAK_TRUE_WITH_ERROR, ERROR_RULE },
    { "no-object", BREAK_NO_OBJECT, OBJECT_RULE },
    { "object-on-failure", BREAK_OBJECT_ON_FAILURE, OBJECT_RULE },
    { "null-string", BREAK_NULL_STRING, OBJECT_RULE },
    { "check-without-error", BREAK_CHECK_WITHOUT_ERROR, ERROR_RULE },
    { "int-with-error", BREAK_INT_WITH_ERROR, ERROR_RULE },
};

static const struct {
    const char *name;
    GTestFunc func;
    const char *assertion;
} end_cases[] = {
    { "end-other-obj", run_end_other_obj, "(c->obj == obj)" },
    { "end-changed-obj", run_end_changed_obj, "*obj == c->value" },
    { "end-other-kind", run_end_other_kind, "(c->kind == kind)" },
    { "end-unopened", run_end_unopened, "(v->open && v->open->len)" },
};

/* @data: the assertion of src/runtime/visitor.c that must fire. */
static void
test_contract_broken(gconstpointer data)
{
    g_autofree char *path = g_strdup_printf("%s/subprocess", g_test_get_path());
    g_autofree char *want = g_strdup_printf("*src/runtime/visitor.c:*"
                                            "assertion failed*%s*",
                                            (const char *)data);

    g_test_trap_subprocess(path, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr(want);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/visitor/contract/kept", test_contract_kept);
    for (gsize i = 0; i < G_N_ELEMENTS(broken_cases); i++) {
        char *path = g_strdup_printf("/visitor/contract/%s",
                                     broken_cases[i].name);
        char *sub = g_strdup_printf("%s/subprocess", path);

        g_test_add_data_func(path, broken_cases[i].assertion,
                             test_contract_broken);
        g_test_add_data_func(sub, GINT_TO_POINTER(broken_cases[i].breakage),
                             run_broken);
        g_free(path);
        g_free(sub);
    }
    for (gsize i = 0; i < G_N_ELEMENTS(end_cases); i++) {
        char *path = g_strdup_printf("/visitor/contract/%s", end_cases[i].name);
        char *sub = g_strdup_printf("%s/subprocess", path);

        g_test_add_data_func(path, end_cases[i].assertion,
                             test_contract_broken);
        g_test_add_func(sub, end_cases[i].func);
        g_free(path);
        g_free(sub);
    }
    return g_test_run();
}

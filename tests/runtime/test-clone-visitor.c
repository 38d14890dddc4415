/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The clone visitor: QAPI_CLONE copies are deep and independent (changing
 * or freeing one leaves the other intact), of every kind of type.
 */
#include "test-helpers.h"
#include "qapi-visit.h"

static char *
to_text(VisitFn visit, void *obj)
{
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(Visitor) v = qapi_json_text_output_visitor_new(QAPI_JSON_COMPACT,
                                                             out);
    g_autoptr(GError) err = NULL;

    g_assert_true(visit(v, NULL, &obj, &err));
    return g_strdup(out->str);
}

static const char doc_json[] =
    "{\"outer\":{\"id\":1,\"inner\":{\"name\":\"in\",\"color\":\"red\"},"
    "\"more\":{\"name\":\"m\"},\"tags\":[\"a\",\"b\"],\"colors\":[\"blue\"],"
    "\"items\":[{\"name\":\"i\"}],\"numbers\":[1,2],"
    "\"extra\":{\"k\":[1,{\"z\":null}]},\"nothing\":null,\"old\":5,"
    "\"fresh\":\"f\"},"
    "\"unions\":[{\"kind\":\"file\",\"path\":\"/p\"},"
    "{\"kind\":\"nested\",\"label\":\"l\",\"sub\":\"beta\",\"depth\":3,"
    "\"b\":\"bb\"}],"
    "\"alt\":{\"name\":\"o\"}}";

static void
test_clone_deep(void)
{
    TestDoc *src = from_text(VISIT(TestDoc), doc_json);
    TestDoc *dst = QAPI_CLONE(TestDoc, src);
    g_autofree char *before = to_text(VISIT(TestDoc), src);
    g_autofree char *copy = NULL;
    g_autofree char *after = NULL;
    JsonObject *extra;

    g_assert_nonnull(dst);
    g_assert_true(dst != src);
    /* Every pointer is a new one. */
    g_assert_true(dst->outer != src->outer);
    g_assert_true(dst->outer->inner != src->outer->inner);
    g_assert_true(dst->outer->inner->name != src->outer->inner->name);
    g_assert_true(dst->outer->tags != src->outer->tags);
    g_assert_true(dst->outer->tags->next->value
                  != src->outer->tags->next->value);
    g_assert_true(dst->outer->extra != src->outer->extra);
    g_assert_true(dst->unions->next != src->unions->next);
    g_assert_true(dst->unions->next->value->u.nested.u.beta.b
                  != src->unions->next->value->u.nested.u.beta.b);
    g_assert_true(dst->alt != src->alt);
    /* 'null' is a shared singleton, not a copy. */
    g_assert_true(dst->outer->nothing == qnull());

    /* Change the copy all over: the source does not see it. */
    g_free(dst->outer->inner->name);
    dst->outer->inner->name = g_strdup("changed");
    dst->outer->tags->value[0] = 'X';
    dst->outer->numbers->value = 99;
    dst->unions->value->u.file.path[1] = 'Q';
    extra = json_node_get_object(dst->outer->extra);
    json_object_set_int_member(extra, "added", 1);
    json_array_add_int_element(json_object_get_array_member(extra, "k"), 7);
    g_free(dst->alt->u.o.name);
    dst->alt->u.o.name = g_strdup("p");
    copy = to_text(VISIT(TestDoc), dst);
    after = to_text(VISIT(TestDoc), src);
    g_assert_cmpstr(after, ==, before);
    g_assert_cmpstr(copy, !=, before);

    /* Freeing one leaves the other whole. */
    qapi_free_TestDoc(src);
    g_free(after);
    after = to_text(VISIT(TestDoc), dst);
    g_assert_cmpstr(after, ==, copy);
    qapi_free_TestDoc(dst);
}

static void
test_clone_equal_text(void)
{
    static const char *const docs[] = {
        "{\"alt\":5,\"alts\":[true,null,{\"name\":\"x\"}],\"alt2\":\"s\"}",
        "{\"alt\":false,\"alt2\":[1,2,3]}",
        "{\"alt\":null}",
    };

    for (gsize i = 0; i < G_N_ELEMENTS(docs); i++) {
        TestAltHolder *src = from_text(VISIT(TestAltHolder), docs[i]);
        TestAltHolder *dst = QAPI_CLONE(TestAltHolder, src);
        g_autofree char *a = to_text(VISIT(TestAltHolder), src);
        g_autofree char *b = NULL;

        qapi_free_TestAltHolder(src);
        b = to_text(VISIT(TestAltHolder), dst);
        g_assert_cmpstr(a, ==, docs[i]);
        g_assert_cmpstr(b, ==, docs[i]);
        qapi_free_TestAltHolder(dst);
    }
}

static void
test_clone_scalars_struct(void)
{
    TestScalars src = {
        .i = -1,
        .i8 = -8,
        .u64 = UINT64_MAX,
        .b = true,
        .s = (char *)"str",
        .n = 2.5,
        .opt_str = (char *)"o",
        .has_opt_color = true,
        .opt_color = TEST_COLOR_BLUE,
    };
    TestScalars *dst = QAPI_CLONE(TestScalars, &src);

    g_assert_cmpint(dst->i8, ==, -8);
    g_assert_cmpuint(dst->u64, ==, UINT64_MAX);
    g_assert_true(dst->b);
    g_assert_cmpstr(dst->s, ==, "str");
    g_assert_true(dst->s != src.s);
    g_assert_cmpstr(dst->opt_str, ==, "o");
    g_assert_true(dst->has_opt_color);
    g_assert_cmpint(dst->opt_color, ==, TEST_COLOR_BLUE);
    g_assert_cmpfloat(dst->n, ==, 2.5);
    qapi_free_TestScalars(dst);
}

static void
test_clone_list_and_null(void)
{
    strList *src = from_text(VISIT(strList), "[\"a\",\"b\",\"c\"]");
    strList *dst = QAPI_CLONE(strList, src);
    strList *none = NULL;

    g_assert_null(QAPI_CLONE(strList, none));
    g_assert_cmpstr(dst->next->next->value, ==, "c");
    g_assert_true(dst->next != src->next);
    qapi_free_strList(src);
    g_assert_cmpstr(dst->next->value, ==, "b");
    qapi_free_strList(dst);
}

static void
test_clone_members(void)
{
    TestInner src = { .name = (char *)"n",
                      .has_color = true,
                      .color = TEST_COLOR_GREEN };
    TestInner dst;

    QAPI_CLONE_MEMBERS(TestInner, &dst, &src);
    g_assert_cmpstr(dst.name, ==, "n");
    g_assert_true(dst.name != src.name);
    g_assert_cmpint(dst.color, ==, TEST_COLOR_GREEN);
    g_free(dst.name);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/clone/deep-and-independent", test_clone_deep);
    g_test_add_func("/clone/alternates", test_clone_equal_text);
    g_test_add_func("/clone/scalars", test_clone_scalars_struct);
    g_test_add_func("/clone/list-and-null", test_clone_list_and_null);
    g_test_add_func("/clone/members", test_clone_members);
    return g_test_run();
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The JSON output visitor and writer: every scalar, enums, structs, lists,
 * unions, alternates, in canonical and compact text and as a json-glib
 * tree; text that our strict reader takes back as the same value, where
 * json-glib 1.6's generator writes invalid JSON; round trips.
 */
#include <float.h>
#include <math.h>

#include "test-helpers.h"
#include "qapi-visit.h"

/* @obj (a T *, passed as &obj) as text in @style; NULL with @errp on
 * failure. */
static char *
to_text(VisitFn visit, void *obj, QapiJsonStyle style, GError **errp)
{
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(Visitor) v = qapi_json_text_output_visitor_new(style, out);

    if (!visit(v, NULL, &obj, errp)) {
        /* Nothing half-written reaches the caller's string. */
        g_assert_cmpuint(out->len, ==, 0);
        return NULL;
    }
    return g_strdup(out->str);
}

static JsonNode *
to_node(VisitFn visit, void *obj)
{
    g_autoptr(GError) err = NULL;
    JsonNode *node = NULL;
    g_autoptr(Visitor) v = qapi_json_output_visitor_new(&node);

    g_assert_true(visit(v, NULL, &obj, &err));
    g_assert_no_error(err);
    g_assert_nonnull(node);
    return node;
}

/* ---- scalars ----------------------------------------------------------- */

static void
test_scalar_integers(void)
{
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(Visitor) v = qapi_json_text_output_visitor_new(QAPI_JSON_COMPACT,
                                                             out);
    g_autoptr(GError) err = NULL;
    int8_t i8 = INT8_MIN;
    int64_t i64 = INT64_MIN;
    uint64_t u64 = UINT64_MAX;
    uint16_t u16 = 65535;
    int32_t i32 = -1;

    g_assert_true(visit_start_list(v, NULL, NULL, 0, &err));
    g_assert_true(visit_type_int8(v, NULL, &i8, &err));
    g_assert_true(visit_type_int64(v, NULL, &i64, &err));
    g_assert_true(visit_type_uint64(v, NULL, &u64, &err));
    g_assert_true(visit_type_uint16(v, NULL, &u16, &err));
    g_assert_true(visit_type_int32(v, NULL, &i32, &err));
    g_assert_true(visit_type_size(v, NULL, &u64, &err));
    visit_end_list(v, NULL);
    g_assert_cmpstr(out->str, ==,
                    "[-128,-9223372036854775808,"
                    "18446744073709551615,65535,-1,18446744073709551615]");
}

static void
test_scalar_top_level(void)
{
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(Visitor) v = qapi_json_text_output_visitor_new(
        QAPI_JSON_CANONICAL, out);
    g_autoptr(GError) err = NULL;
    bool b = true;

    g_assert_true(visit_type_bool(v, NULL, &b, &err));
    g_assert_cmpstr(out->str, ==, "true\n");
}

static void
test_scalar_strings(void)
{
    static const struct {
        const char *value;
        const char *json;
    } cases[] = {
        { "", "\"\"" },
        { "plain", "\"plain\"" },
        { "q\"b\\s/", "\"q\\\"b\\\\s/\"" },
        { "\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"" },
        /* json-glib 1.6 writes U+001F raw; it must be escaped. */
        { "\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"" },
        { "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80",
          "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"" },
    };

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GError) err = NULL;
        g_autofree char *text = to_text(VISIT(str), (void *)cases[i].value,
                                        QAPI_JSON_COMPACT, &err);
        g_autoptr(JsonNode) back = NULL;

        g_assert_no_error(err);
        g_assert_cmpstr(text, ==, cases[i].json);
        back = qapi_json_parse(text, -1, NULL, &err);
        g_assert_no_error(err);
        g_assert_cmpstr(json_node_get_string(back), ==, cases[i].value);
    }
}

static void
test_scalar_invalid_utf8(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *text = to_text(VISIT(str), (void *)"a\xffz",
                                    QAPI_JSON_COMPACT, &err);
    JsonNode *node = NULL;
    g_autoptr(Visitor) v = qapi_json_output_visitor_new(&node);
    char *bad = "\xc0\xaf";

    g_assert_null(text);
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE);
    g_clear_error(&err);
    g_assert_false(visit_type_str(v, NULL, &bad, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE);
    g_assert_null(node);
}

static void
test_scalar_doubles(void)
{
    static const struct {
        double value;
        const char *json;
    } cases[] = {
        { 0.0, "0.0" },
        { -0.0, "-0.0" },
        { 1.0, "1.0" },
        { 0.1, "0.1" },
        { -2.5, "-2.5" },
        { 1.0 / 3, "0.3333333333333333" },
        /* json-glib 1.6 writes "1e+20.0". */
        { 1e20, "1e+20" },
        { 1e-7, "1e-07" },
        { 123456789012.0, "123456789012.0" },
        { DBL_MAX, "1.7976931348623157e+308" },
        { DBL_MIN, "2.2250738585072014e-308" },
        { 5e-324, "5e-324" },
        { 9007199254740993.0, "9007199254740992.0" },
        { 1000.0, "1000.0" },
        { 1e15, "1000000000000000.0" },
        { 1e16, "1e+16" },
        { 0.0001, "0.0001" },
        { 0.00001234, "1.234e-05" },
        { -1.5e300, "-1.5e+300" },
        { 100.25, "100.25" },
    };

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GString) out = g_string_new(NULL);
        g_autoptr(Visitor) v = qapi_json_text_output_visitor_new(
            QAPI_JSON_COMPACT, out);
        g_autoptr(Visitor) in = NULL;
        g_autoptr(GError) err = NULL;
        double d = cases[i].value, back = 0;

        g_assert_true(visit_type_number(v, NULL, &d, &err));
        g_assert_cmpstr(out->str, ==, cases[i].json);
        /* Reads back as exactly the same double. */
        in = strict_input(out->str);
        g_assert_true(visit_type_number(in, NULL, &back, &err));
        g_assert_true(back == d && signbit(back) == signbit(d));
    }
}

static void
test_scalar_non_finite(void)
{
    static const double cases[] = { NAN, INFINITY, -INFINITY };

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GString) out = g_string_new(NULL);
        g_autoptr(Visitor) v = qapi_json_text_output_visitor_new(
            QAPI_JSON_COMPACT, out);
        JsonNode *node = NULL;
        g_autoptr(Visitor) t = qapi_json_output_visitor_new(&node);
        g_autoptr(GError) err = NULL;
        g_autoptr(JsonNode) raw = json_node_init_double(json_node_alloc(),
                                                        cases[i]);
        double d = cases[i];

        g_assert_false(visit_type_number(v, NULL, &d, &err));
        g_assert_error(err, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE);
        g_assert_cmpuint(out->len, ==, 0);
        g_clear_error(&err);
        g_assert_false(visit_type_number(t, NULL, &d, &err));
        g_assert_error(err, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE);
        g_assert_null(node);
        /* json-glib writes "inf.0"; we write nothing. */
        g_assert_null(qapi_json_to_string(raw, QAPI_JSON_COMPACT));
    }
}

static void
test_scalar_enum(void)
{
    g_autoptr(GError) err = NULL;
    TestColor c = TEST_COLOR_GREEN;
    TestColor bad = TEST_COLOR__MAX;
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(Visitor) v = qapi_json_text_output_visitor_new(QAPI_JSON_COMPACT,
                                                             out);
    g_autoptr(GString) out2 = g_string_new(NULL);
    g_autoptr(Visitor) w = qapi_json_text_output_visitor_new(QAPI_JSON_COMPACT,
                                                             out2);

    g_assert_true(visit_type_TestColor(v, NULL, &c, &err));
    g_assert_cmpstr(out->str, ==, "\"green\"");
    g_assert_false(visit_type_TestColor(w, NULL, &bad, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE);
}

static void
test_scalar_null_and_any(void)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) any = qapi_json_parse(
        "{\"x\": [1, 2.5, \"s\\u001f\", null, {}, []]}", -1, NULL, &err);
    g_autofree char *text = to_text(VISIT(any), any, QAPI_JSON_CANONICAL, &err);
    g_autofree char *null_text = to_text(VISIT(null), qnull(),
                                         QAPI_JSON_COMPACT, &err);

    g_assert_no_error(err);
    g_assert_cmpstr(text, ==,
                    "{\n"
                    "    \"x\": [\n"
                    "        1,\n"
                    "        2.5,\n"
                    "        \"s\\u001f\",\n"
                    "        null,\n"
                    "        {},\n"
                    "        []\n"
                    "    ]\n"
                    "}\n");
    g_assert_cmpstr(null_text, ==, "null");
}

/* ---- structs, lists, unions, alternates -------------------------------- */

static const char outer_canonical[] = "{\n"
                                      "    \"id\": 7,\n"
                                      "    \"inner\": {\n"
                                      "        \"name\": \"in\",\n"
                                      "        \"color\": \"green\"\n"
                                      "    },\n"
                                      "    \"tags\": [],\n"
                                      "    \"colors\": [\n"
                                      "        \"red\",\n"
                                      "        \"blue\"\n"
                                      "    ],\n"
                                      "    \"items\": [\n"
                                      "        {\n"
                                      "            \"name\": \"i0\"\n"
                                      "        },\n"
                                      "        {\n"
                                      "            \"name\": \"i1\",\n"
                                      "            \"color\": \"red\"\n"
                                      "        }\n"
                                      "    ],\n"
                                      "    \"numbers\": [\n"
                                      "        -1\n"
                                      "    ],\n"
                                      "    \"extra\": {\n"
                                      "        \"k\": true\n"
                                      "    },\n"
                                      "    \"nothing\": null,\n"
                                      "    \"old\": 3\n"
                                      "}\n";

/* Members in a different order, white space all over: the output is in
 * schema order and canonical regardless. */
static const char outer_scrambled[] =
    "{\"old\":3,\"nothing\":null,\"extra\":{\"k\":true},\"numbers\":[-1],"
    "  \"items\" : [ {\"name\":\"i0\"}, {\"color\":\"red\",\"name\":\"i1\"} ],"
    "\"colors\":[\"red\",\"blue\"],\"tags\":[],"
    "\"inner\":{\"color\":\"green\",\"name\":\"in\"},\"id\":7}";

static void
test_struct_canonical(void)
{
    TestOuter *o = from_text(VISIT(TestOuter), outer_scrambled);
    g_autoptr(GError) err = NULL;
    g_autofree char *canonical = to_text(VISIT(TestOuter), o,
                                         QAPI_JSON_CANONICAL, &err);
    g_autofree char *compact = to_text(VISIT(TestOuter), o, QAPI_JSON_COMPACT,
                                       &err);

    g_assert_cmpstr(canonical, ==, outer_canonical);
    g_assert_cmpstr(compact, ==,
                    "{\"id\":7,\"inner\":{\"name\":\"in\",\"color\":\"green\"},"
                    "\"tags\":[],\"colors\":[\"red\",\"blue\"],\"items\":"
                    "[{\"name\":\"i0\"},{\"name\":\"i1\",\"color\":\"red\"}],"
                    "\"numbers\":[-1],\"extra\":{\"k\":true},\"nothing\":null,"
                    "\"old\":3}");
    qapi_free_TestOuter(o);
}

static void
test_struct_scalars(void)
{
    TestScalars s = {
        .i = -1,
        .i8 = -8,
        .i16 = -16,
        .i32 = -32,
        .i64 = INT64_MIN,
        .u8 = 8,
        .u16 = 16,
        .u32 = 32,
        .u64 = UINT64_MAX,
        .sz = 4096,
        .b = false,
        .s = (char *)"s",
        .n = 0.5,
        .has_opt_int = true,
        .opt_int = 0,
    };
    g_autoptr(GError) err = NULL;
    g_autofree char *text = to_text(VISIT(TestScalars), &s, QAPI_JSON_COMPACT,
                                    &err);

    g_assert_cmpstr(text, ==,
                    "{\"i\":-1,\"i8\":-8,\"i16\":-16,\"i32\":-32,"
                    "\"i64\":-9223372036854775808,\"u8\":8,\"u16\":16,"
                    "\"u32\":32,\"u64\":18446744073709551615,\"sz\":4096,"
                    "\"b\":false,\"s\":\"s\",\"n\":0.5,\"opt-int\":0}");
}

static void
test_union(void)
{
    static const char *const docs[] = {
        "{\"kind\":\"file\",\"path\":\"/p\",\"ro\":true}",
        "{\"kind\":\"net\",\"label\":\"L\",\"host\":\"h\",\"port\":80}",
        "{\"kind\":\"nested\",\"sub\":\"alpha\",\"depth\":1,\"a\":-3}",
        "{\"kind\":\"nested\",\"sub\":\"beta\",\"depth\":2,\"b\":\"x\"}",
    };
    static const char *const expected[] = {
        "{\"kind\":\"file\",\"path\":\"/p\",\"ro\":true}",
        "{\"kind\":\"net\",\"label\":\"L\",\"host\":\"h\",\"port\":80}",
        "{\"kind\":\"nested\",\"sub\":\"alpha\",\"depth\":1,\"a\":-3}",
        "{\"kind\":\"nested\",\"sub\":\"beta\",\"depth\":2,\"b\":\"x\"}",
    };

    for (gsize i = 0; i < G_N_ELEMENTS(docs); i++) {
        TestUnion *u = from_text(VISIT(TestUnion), docs[i]);
        g_autoptr(GError) err = NULL;
        g_autofree char *text = to_text(VISIT(TestUnion), u, QAPI_JSON_COMPACT,
                                        &err);

        g_assert_cmpstr(text, ==, expected[i]);
        qapi_free_TestUnion(u);
    }
}

static void
test_alternate(void)
{
    static const char doc[] =
        "{\"alt\":{\"name\":\"o\"},\"alts\":[1,false,null,{\"name\":\"p\","
        "\"color\":\"blue\"}],\"alt2\":[3,4]}";
    TestAltHolder *h = from_text(VISIT(TestAltHolder), doc);
    g_autoptr(GError) err = NULL;
    g_autofree char *text = to_text(VISIT(TestAltHolder), h, QAPI_JSON_COMPACT,
                                    &err);

    g_assert_cmpstr(text, ==, doc);
    qapi_free_TestAltHolder(h);
}

static void
test_list(void)
{
    strList *l = from_text(VISIT(strList), "[\"a\",\"b\"]");
    strList *empty = NULL;
    g_autoptr(GError) err = NULL;
    g_autofree char *text = to_text(VISIT(strList), l, QAPI_JSON_CANONICAL,
                                    &err);
    g_autofree char *none = to_text(VISIT(strList), empty, QAPI_JSON_CANONICAL,
                                    &err);

    g_assert_cmpstr(text, ==, "[\n    \"a\",\n    \"b\"\n]\n");
    g_assert_cmpstr(none, ==, "[]\n");
    qapi_free_strList(l);
}

/* A visit that fails half-way hands over nothing, text or tree. */
static void
test_failure_leaves_result(void)
{
    TestInner bad = { .name = (char *)"n",
                      .has_color = true,
                      .color = TEST_COLOR__MAX };
    TestInner *badp = &bad;
    g_autoptr(GString) out = g_string_new("kept");
    g_autoptr(Visitor) v = qapi_json_text_output_visitor_new(
        QAPI_JSON_CANONICAL, out);
    JsonNode *node = NULL;
    g_autoptr(Visitor) t = qapi_json_output_visitor_new(&node);
    g_autoptr(GError) err = NULL;
    TestInner good = { .name = (char *)"g" };
    TestInner *goodp = &good;

    g_assert_false(visit_type_TestInner(v, NULL, &badp, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE);
    g_assert_cmpstr(out->str, ==, "kept");
    g_clear_error(&err);
    g_assert_false(visit_type_TestInner(t, NULL, &badp, &err));
    g_assert_null(node);
    g_clear_error(&err);
    /* The same visitor goes on with the next value. */
    g_assert_true(visit_type_TestInner(v, NULL, &goodp, &err));
    g_assert_cmpstr(out->str, ==, "kept{\n    \"name\": \"g\"\n}\n");
}

/* ---- tree sink --------------------------------------------------------- */

static void
test_tree_sink(void)
{
    TestOuter *o = from_text(VISIT(TestOuter), outer_scrambled);
    g_autoptr(JsonNode) node = to_node(VISIT(TestOuter), o);
    g_autofree char *text = qapi_json_to_string(node, QAPI_JSON_CANONICAL);
    JsonObject *obj = json_node_get_object(node);
    TestScalars s = { .u64 = INT64_MAX, .s = (char *)"", .n = 1 };
    g_autoptr(JsonNode) sn = to_node(VISIT(TestScalars), &s);
    Visitor *v = qapi_json_input_visitor_new_from_node(sn, QAPI_INPUT_STRICT,
                                                       NULL);
    TestScalars *back = NULL;
    g_autoptr(GError) err = NULL;
    JsonNode *none = NULL;
    Visitor *w = qapi_json_output_visitor_new(&none);
    uint64_t big = (uint64_t)INT64_MAX + 1;

    /* Same text through the tree as straight from the visitor. */
    g_assert_cmpstr(text, ==, outer_canonical);
    g_assert_cmpint(json_object_get_int_member(obj, "id"), ==, 7);
    /* And the tree reads back. */
    g_assert_true(visit_type_TestScalars(v, NULL, &back, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(back->u64, ==, INT64_MAX);
    qapi_free_TestScalars(back);
    visit_free(v);
    /* json-glib cannot hold a uint64 above INT64_MAX exactly: an error
     * rather than a rounded or wrapped value. */
    g_assert_false(visit_type_uint64(w, NULL, &big, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_OUT_OF_RANGE);
    g_assert_null(none);
    visit_free(w);
    qapi_free_TestOuter(o);
}

static void
test_to_string_compact(void)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) node = qapi_json_parse(
        "{ \"a\" : [ 1 , { \"b\" : \"\\u00e9\" } ] , \"c\" : 1E3 }", -1, NULL,
        &err);
    g_autofree char *text = qapi_json_to_string(node, QAPI_JSON_COMPACT);

    g_assert_cmpstr(text, ==, "{\"a\":[1,{\"b\":\"\xc3\xa9\"}],\"c\":1000.0}");
}

/* Text deeper than the reader takes is not written either. */
static void
test_to_string_too_deep(void)
{
    JsonNode *root = json_node_init_array(json_node_alloc(), json_array_new());
    JsonNode *cur = root;

    json_array_unref(json_node_get_array(root));
    for (int i = 0; i < QAPI_JSON_MAX_DEPTH; i++) {
        JsonArray *a = json_array_new();
        JsonNode *n = json_node_init_array(json_node_alloc(), a);

        json_array_unref(a);
        json_array_add_element(json_node_get_array(cur), n);
        cur = n;
    }
    g_assert_null(qapi_json_to_string(root, QAPI_JSON_COMPACT));
    json_node_unref(root);
}

/* ---- policy and round trips -------------------------------------------- */

static void
test_policy_hide(void)
{
    TestOuter *o = from_text(VISIT(TestOuter),
                             "{\"id\":1,\"inner\":{\"name\":\"n\"},\"tags\":[],"
                             "\"old\":2,\"fresh\":\"f\"}");
    QapiPolicy hide = {
        .deprecated_output = QAPI_POLICY_OUTPUT_HIDE,
        .unstable_output = QAPI_POLICY_OUTPUT_HIDE,
    };
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(Visitor) v = qapi_json_text_output_visitor_new(QAPI_JSON_COMPACT,
                                                             out);
    g_autoptr(GError) err = NULL;

    visit_set_policy(v, &hide);
    g_assert_true(visit_type_TestOuter(v, NULL, &o, &err));
    g_assert_cmpstr(out->str, ==,
                    "{\"id\":1,\"inner\":{\"name\":\"n\"},\"tags\":[]}");
    qapi_free_TestOuter(o);
}

static void
test_round_trip(void)
{
    static const char doc[] =
        "{\"outer\": {\"id\": -3, \"inner\": {\"name\": \"\\u00e9\\t\\\"\"},"
        " \"tags\": [\"\\u001f\", \"\\ud83d\\ude00\"], \"extra\": [1e20, 0.1,"
        " -0.0, 18446744073709551615, {\"deep\": [[[]]]}]},"
        " \"unions\": [{\"kind\": \"nested\", \"sub\": \"beta\", \"depth\": 0,"
        " \"b\": \"\"}], \"alt\": null}";
    TestDoc *d1 = from_text(VISIT(TestDoc), doc);
    g_autoptr(GError) err = NULL;
    g_autofree char *t1 = to_text(VISIT(TestDoc), d1, QAPI_JSON_CANONICAL,
                                  &err);
    TestDoc *d2 = from_text(VISIT(TestDoc), t1);
    g_autofree char *t2 = to_text(VISIT(TestDoc), d2, QAPI_JSON_CANONICAL,
                                  &err);
    g_autofree char *c1 = to_text(VISIT(TestDoc), d2, QAPI_JSON_COMPACT, &err);
    TestDoc *d3 = from_text(VISIT(TestDoc), c1);
    g_autofree char *t3 = to_text(VISIT(TestDoc), d3, QAPI_JSON_CANONICAL,
                                  &err);

    g_assert_no_error(err);
    g_assert_cmpstr(t1, ==, t2);
    g_assert_cmpstr(t1, ==, t3);
    qapi_free_TestDoc(d1);
    qapi_free_TestDoc(d2);
    qapi_free_TestDoc(d3);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/output/scalar/integers", test_scalar_integers);
    g_test_add_func("/output/scalar/top-level", test_scalar_top_level);
    g_test_add_func("/output/scalar/strings", test_scalar_strings);
    g_test_add_func("/output/scalar/invalid-utf8", test_scalar_invalid_utf8);
    g_test_add_func("/output/scalar/doubles", test_scalar_doubles);
    g_test_add_func("/output/scalar/non-finite", test_scalar_non_finite);
    g_test_add_func("/output/scalar/enum", test_scalar_enum);
    g_test_add_func("/output/scalar/null-and-any", test_scalar_null_and_any);
    g_test_add_func("/output/struct/canonical", test_struct_canonical);
    g_test_add_func("/output/struct/scalars", test_struct_scalars);
    g_test_add_func("/output/union", test_union);
    g_test_add_func("/output/alternate", test_alternate);
    g_test_add_func("/output/list", test_list);
    g_test_add_func("/output/failure-leaves-result",
                    test_failure_leaves_result);
    g_test_add_func("/output/tree-sink", test_tree_sink);
    g_test_add_func("/output/to-string/compact", test_to_string_compact);
    g_test_add_func("/output/to-string/too-deep", test_to_string_too_deep);
    g_test_add_func("/output/policy-hide", test_policy_hide);
    g_test_add_func("/output/round-trip", test_round_trip);
    return g_test_run();
}

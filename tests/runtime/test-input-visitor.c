/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The strict JSON input visitor: every scalar and its limits, structs,
 * lists, any, null, unions, union in union, alternates, every failure kind
 * with its code and member path, collect and tolerant modes, input from a
 * JsonNode and from a file, feature policy.
 */
#include <glib/gstdio.h>

#include "test-helpers.h"
#include "qapi-visit.h"
#include "test-schema-policies.h"
#define QAPI_QEMU_COMPAT_NO_SHIMS
#include "qapi/qemu-compat.h"

/* Strict, stop mode: @json must fail with @code at @path, building nothing. */
static void
expect_error(const char *json, VisitFn visit, QapiErrorCode code,
             const char *path)
{
    g_autoptr(Visitor) v = strict_input(json);
    g_autoptr(GError) err = NULL;
    void *obj = NULL;

    g_assert_false(visit(v, NULL, &obj, &err));
    assert_gerror(err, code, path);
    g_assert_null(obj);
}

/* Strict, stop mode: @json must be read; the caller frees the result. */
static void *
expect_ok(const char *json, VisitFn visit)
{
    g_autoptr(Visitor) v = strict_input(json);
    g_autoptr(GError) err = NULL;
    void *obj = NULL;

    g_assert_true(visit(v, NULL, &obj, &err));
    g_assert_no_error(err);
    g_assert_true(qapi_json_input_visitor_finish(v, &err));
    return obj;
}

/* Collect mode: every diagnostic of reading @json; whether it succeeded in
 * *@ok.  Nothing leaks either way.  The visitor has the union table, as a
 * program reading its schema would. */
static QapiDiagnostics *
collect(const char *json, VisitFn visit, QapiInputFlags flags, bool *ok)
{
    QapiDiagnostics *diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(json, -1, "c.json",
                                                       flags, diags, &err);
    void *obj = NULL;

    g_assert_no_error(err);
    qapi_json_input_visitor_set_policy(
        v, flags & QAPI_INPUT_TOLERANT ? &tolerant_unions : &strict_unions);
    *ok = visit(v, NULL, &obj, &err) && qapi_json_input_visitor_finish(v, &err);
    g_assert_true(*ok == (err == NULL));
    free_with(visit, obj);
    return diags;
}

/* Logs every diagnostic (for a failing test's output). */
static void
log_diags(const QapiDiagnostics *diags)
{
    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        g_autofree char *t = qapi_diagnostic_format(
            qapi_diagnostics_get(diags, i));
        g_test_message("%s", t);
    }
}

/* ---- scalars ----------------------------------------------------------- */

static void
test_scalar_int_limits(void)
{
    static const struct {
        const char *json;
        int bits;
        bool is_signed;
        bool ok;
    } cases[] = {
        /* clang-format off */
        { "-128", 8, true, true }, { "127", 8, true, true },
        { "-129", 8, true, false }, { "128", 8, true, false },
        { "-32768", 16, true, true }, { "32767", 16, true, true },
        { "-32769", 16, true, false }, { "32768", 16, true, false },
        { "-2147483648", 32, true, true }, { "2147483647", 32, true, true },
        { "-2147483649", 32, true, false }, { "2147483648", 32, true, false },
        { "-9223372036854775808", 64, true, true },
        { "9223372036854775807", 64, true, true },
        { "-9223372036854775809", 64, true, false },
        { "9223372036854775808", 64, true, false },
        { "99999999999999999999999", 64, true, false },
        { "0", 8, false, true }, { "255", 8, false, true },
        { "-1", 8, false, false }, { "256", 8, false, false },
        { "65535", 16, false, true }, { "65536", 16, false, false },
        { "4294967295", 32, false, true }, { "4294967296", 32, false, false },
        { "18446744073709551615", 64, false, true },
        { "18446744073709551616", 64, false, false },
        { "-1", 64, false, false },
        { "-9223372036854775808", 64, false, false },
        { "-0", 64, false, true },
        /* clang-format on */
    };

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(Visitor) v = strict_input(cases[i].json);
        g_autoptr(GError) err = NULL;
        gint64 s = 0;
        guint64 u = 0;
        bool ok;

        g_test_message("%s as %sint%d", cases[i].json,
                       cases[i].is_signed ? "" : "u", cases[i].bits);
        if (cases[i].is_signed) {
            switch (cases[i].bits) {
            case 8: {
                int8_t x;
                ok = visit_type_int8(v, NULL, &x, &err);
                s = x;
                break;
            }
            case 16: {
                int16_t x;
                ok = visit_type_int16(v, NULL, &x, &err);
                s = x;
                break;
            }
            case 32: {
                int32_t x;
                ok = visit_type_int32(v, NULL, &x, &err);
                s = x;
                break;
            }
            default:
                ok = visit_type_int64(v, NULL, &s, &err);
                break;
            }
            if (ok) {
                g_assert_cmpint(s, ==,
                                g_ascii_strtoll(cases[i].json, NULL, 10));
            }
        } else {
            switch (cases[i].bits) {
            case 8: {
                uint8_t x;
                ok = visit_type_uint8(v, NULL, &x, &err);
                u = x;
                break;
            }
            case 16: {
                uint16_t x;
                ok = visit_type_uint16(v, NULL, &x, &err);
                u = x;
                break;
            }
            case 32: {
                uint32_t x;
                ok = visit_type_uint32(v, NULL, &x, &err);
                u = x;
                break;
            }
            default:
                ok = visit_type_uint64(v, NULL, &u, &err);
                break;
            }
            if (ok) {
                g_assert_cmpuint(u, ==,
                                 g_ascii_strtoull(cases[i].json, NULL, 10));
            }
        }
        g_assert_cmpint(ok, ==, cases[i].ok);
        if (!ok) {
            g_assert_error(err, QAPI_ERROR, QAPI_ERROR_OUT_OF_RANGE);
        }
    }
}

static void
test_scalar_int_and_size(void)
{
    g_autoptr(Visitor) v = strict_input("-5");
    g_autoptr(Visitor) w = strict_input("18446744073709551615");
    g_autoptr(Visitor) x = strict_input("-1");
    g_autoptr(GError) err = NULL;
    int64_t i;
    uint64_t sz;

    g_assert_true(visit_type_int(v, NULL, &i, &err));
    g_assert_cmpint(i, ==, -5);
    g_assert_true(visit_type_size(w, NULL, &sz, &err));
    g_assert_cmpuint(sz, ==, UINT64_MAX);
    /* No wrap of negative numbers into unsigned types. */
    g_assert_false(visit_type_size(x, NULL, &sz, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_OUT_OF_RANGE);
}

static void
test_scalar_double_is_not_int(void)
{
    static const char *const cases[] = { "1.0", "1e2", "-0.0", "2.5E+3" };

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(Visitor) v = strict_input(cases[i]);
        g_autoptr(Visitor) w = strict_input(cases[i]);
        g_autoptr(GError) err = NULL;
        int64_t x;
        uint32_t y;

        g_assert_false(visit_type_int64(v, NULL, &x, &err));
        g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH);
        g_clear_error(&err);
        g_assert_false(visit_type_uint32(w, NULL, &y, &err));
        g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH);
    }
}

static void
test_scalar_number(void)
{
    static const struct {
        const char *json;
        double value;
    } cases[] = {
        /* clang-format off */
        { "1.5", 1.5 }, { "-2", -2 }, { "0", 0 }, { "1e300", 1e300 },
        { "18446744073709551615", 18446744073709551615.0 },
        { "-9223372036854775808", -9223372036854775808.0 },
        { "1e999999999999", 0 },
        /* clang-format on */
    };

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GError) err = NULL;
        g_autoptr(Visitor) v = qapi_json_input_visitor_new(
            cases[i].json, -1, NULL, QAPI_INPUT_STRICT, NULL, &err);
        double d = -1;

        if (!cases[i].value && i == G_N_ELEMENTS(cases) - 1) {
            /* Beyond double range: refused by the reader. */
            g_assert_null(v);
            g_assert_error(err, QAPI_ERROR, QAPI_ERROR_OUT_OF_RANGE);
            continue;
        }
        g_assert_true(visit_type_number(v, NULL, &d, &err));
        g_assert_cmpfloat(d, ==, cases[i].value);
    }
}

static void
test_scalar_bool_str_null(void)
{
    g_autoptr(Visitor) t = strict_input("true");
    g_autoptr(Visitor) f = strict_input("false");
    g_autoptr(Visitor) s = strict_input("\"x\\ny\\u00e9\"");
    g_autoptr(Visitor) n = strict_input("null");
    g_autoptr(GError) err = NULL;
    g_autofree char *str = NULL;
    QNull *q = NULL;
    bool bt = false, bf = true;

    g_assert_true(visit_type_bool(t, NULL, &bt, &err));
    g_assert_true(bt);
    g_assert_true(visit_type_bool(f, NULL, &bf, &err));
    g_assert_false(bf);
    g_assert_true(visit_type_str(s, NULL, &str, &err));
    g_assert_cmpstr(str, ==, "x\ny\xc3\xa9");
    g_assert_true(visit_type_null(n, NULL, &q, &err));
    g_assert_true(q == qnull());
    g_assert_no_error(err);
}

static void
test_scalar_type_mismatch(void)
{
    static const struct {
        const char *json;
        const char *what;
    } cases[] = {
        /* clang-format off */
        { "\"1\"", "int" }, { "true", "int" }, { "null", "int" },
        { "[]", "int" }, { "{}", "int" },
        { "1", "bool" }, { "\"true\"", "bool" },
        { "1", "str" }, { "null", "str" }, { "[\"a\"]", "str" },
        { "\"1.5\"", "number" }, { "false", "number" },
        { "0", "null" }, { "\"\"", "null" },
        { "1", "enum" }, { "{}", "enum" },
        /* clang-format on */
    };

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(Visitor) v = strict_input(cases[i].json);
        g_autoptr(GError) err = NULL;
        int64_t n;
        bool b;
        char *s = NULL;
        double d;
        QNull *q = NULL;
        int e;
        bool ok;

        if (g_str_equal(cases[i].what, "int")) {
            ok = visit_type_int(v, NULL, &n, &err);
        } else if (g_str_equal(cases[i].what, "bool")) {
            ok = visit_type_bool(v, NULL, &b, &err);
        } else if (g_str_equal(cases[i].what, "str")) {
            ok = visit_type_str(v, NULL, &s, &err);
            g_assert_null(s);
        } else if (g_str_equal(cases[i].what, "number")) {
            ok = visit_type_number(v, NULL, &d, &err);
        } else if (g_str_equal(cases[i].what, "null")) {
            ok = visit_type_null(v, NULL, &q, &err);
        } else {
            ok = visit_type_enum(v, NULL, &e, &TestColor_lookup, &err);
        }
        g_assert_false(ok);
        g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH);
    }
}

static void
test_scalar_enum(void)
{
    g_autoptr(Visitor) v = strict_input("\"blue\"");
    g_autoptr(Visitor) w = strict_input("\"Blue\"");
    g_autoptr(GError) err = NULL;
    TestColor c = TEST_COLOR_RED;

    g_assert_true(visit_type_TestColor(v, NULL, &c, &err));
    g_assert_cmpint(c, ==, TEST_COLOR_BLUE);
    /* Enum names are case-sensitive; the message lists the choices. */
    g_assert_false(visit_type_TestColor(w, NULL, &c, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_UNKNOWN_VALUE);
    g_assert_nonnull(strstr(err->message, "'Blue'"));
    g_assert_nonnull(strstr(err->message, "'red', 'green', 'blue'"));
}

static void
test_scalar_any(void)
{
    g_autoptr(Visitor) v = strict_input("{\"a\": [1, \"x\", {\"b\": null}]}");
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *text = NULL;

    g_assert_true(visit_type_any(v, NULL, &node, &err));
    text = qapi_json_to_string(node, QAPI_JSON_COMPACT);
    g_assert_cmpstr(text, ==, "{\"a\":[1,\"x\",{\"b\":null}]}");
    g_assert_false(json_node_is_immutable(node));
}

/* A null 'any' value is one shared, sealed node (like QEMU's qnull()):
 * no allocation per value, and freeing one leaves the others alone. */
static void
test_scalar_any_null(void)
{
    g_autoptr(GError) err = NULL;
    JsonNode *first = NULL, *second = NULL;

    for (int k = 0; k < 2; k++) {
        g_autoptr(Visitor) v = strict_input(" null ");

        g_assert_true(visit_type_any(v, NULL, k ? &second : &first, &err));
        g_assert_no_error(err);
    }
    g_assert_true(first == second);
    g_assert_true(JSON_NODE_HOLDS_NULL(first));
    g_assert_true(json_node_is_immutable(first));
    json_node_unref(first);
    g_assert_true(JSON_NODE_HOLDS_NULL(second));
    json_node_unref(second);
}

/* ---- structs ----------------------------------------------------------- */

#define SCALARS_JSON                                                    \
    "{\"i\": -1, \"i8\": -128, \"i16\": 32767, \"i32\": -2147483648,\n" \
    " \"i64\": 9223372036854775807, \"u8\": 255, \"u16\": 65535,\n"     \
    " \"u32\": 4294967295, \"u64\": 18446744073709551615,\n"            \
    " \"sz\": 4096, \"b\": true, \"s\": \"h\\u00e9\", \"n\": 0.5"

static void
test_struct_scalars(void)
{
    TestScalars *s = expect_ok(SCALARS_JSON ", \"opt-str\": \"o\"}",
                               VISIT(TestScalars));

    g_assert_cmpint(s->i, ==, -1);
    g_assert_cmpint(s->i8, ==, -128);
    g_assert_cmpint(s->i16, ==, 32767);
    g_assert_cmpint(s->i32, ==, INT32_MIN);
    g_assert_cmpint(s->i64, ==, INT64_MAX);
    g_assert_cmpuint(s->u8, ==, 255);
    g_assert_cmpuint(s->u16, ==, 65535);
    g_assert_cmpuint(s->u32, ==, UINT32_MAX);
    g_assert_cmpuint(s->u64, ==, UINT64_MAX);
    g_assert_cmpuint(s->sz, ==, 4096);
    g_assert_true(s->b);
    g_assert_cmpstr(s->s, ==, "h\xc3\xa9");
    g_assert_cmpfloat(s->n, ==, 0.5);
    g_assert_false(s->has_opt_int);
    g_assert_cmpstr(s->opt_str, ==, "o");
    g_assert_false(s->has_opt_color);
    qapi_free_TestScalars(s);
}

static void
test_struct_errors(void)
{
    /* Each member's own problem, with its path. */
    expect_error("{\"i\": 1}", VISIT(TestScalars), QAPI_ERROR_MISSING_MEMBER,
                 "i8");
    expect_error(SCALARS_JSON ", \"bogus\": 1}", VISIT(TestScalars),
                 QAPI_ERROR_UNKNOWN_MEMBER, "bogus");
    expect_error(SCALARS_JSON ", \"opt-int\": 1.5}", VISIT(TestScalars),
                 QAPI_ERROR_TYPE_MISMATCH, "opt-int");
    expect_error(SCALARS_JSON ", \"opt-color\": \"pink\"}", VISIT(TestScalars),
                 QAPI_ERROR_UNKNOWN_VALUE, "opt-color");
    expect_error("[]", VISIT(TestScalars), QAPI_ERROR_TYPE_MISMATCH, NULL);
}

static void
test_struct_unknown_members_all(void)
{
    g_autoptr(Visitor) v = strict_input(
        "{\"name\": \"x\", \"zeta\": 1, \"color\": \"red\", \"alpha\": 2,"
        " \"beta\": {}}");
    g_autoptr(GError) err = NULL;
    g_autoptr(QapiDiagnostics) diags = NULL;
    TestInner *obj = NULL;
    bool ok;

    /* Stop mode: one error naming all of them. */
    g_assert_false(visit_type_TestInner(v, NULL, &obj, &err));
    assert_gerror(err, QAPI_ERROR_UNKNOWN_MEMBER, "zeta");
    g_assert_nonnull(strstr(err->message, "'alpha', 'beta'"));
    g_assert_null(obj);

    /* Collect mode: one diagnostic each, at its key (as duplicates are). */
    diags = collect("{\"name\": \"x\", \"zeta\": 1, \"color\": \"red\",\n"
                    " \"alpha\": 2, \"beta\": {}}",
                    VISIT(TestInner), 0, &ok);
    g_assert_false(ok);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 3);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_MEMBER, "zeta", 1, 15);
    assert_diag(qapi_diagnostics_get(diags, 1), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_MEMBER, "alpha", 2, 2);
    assert_diag(qapi_diagnostics_get(diags, 2), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_MEMBER, "beta", 2, 14);
}

#define OUTER_JSON                                                              \
    "{\"id\": 7, \"inner\": {\"name\": \"in\", \"color\": \"green\"},"          \
    " \"tags\": [\"a\", \"b\"], \"colors\": [\"red\", \"blue\"],"               \
    " \"items\": [{\"name\": \"i0\"}, {\"name\": \"i1\", \"color\": \"red\"}]," \
    " \"numbers\": [1, -2, 3], \"extra\": {\"k\": [true]},"                     \
    " \"nothing\": null"

static void
test_struct_nested(void)
{
    TestOuter *o = expect_ok(OUTER_JSON "}", VISIT(TestOuter));
    g_autofree char *extra = qapi_json_to_string(o->extra, QAPI_JSON_COMPACT);

    g_assert_cmpint(o->id, ==, 7);
    g_assert_cmpstr(o->inner->name, ==, "in");
    g_assert_true(o->inner->has_color);
    g_assert_cmpint(o->inner->color, ==, TEST_COLOR_GREEN);
    g_assert_null(o->more);
    g_assert_cmpstr(o->tags->value, ==, "a");
    g_assert_cmpstr(o->tags->next->value, ==, "b");
    g_assert_null(o->tags->next->next);
    g_assert_true(o->has_colors);
    g_assert_cmpint(o->colors->value, ==, TEST_COLOR_RED);
    g_assert_cmpint(o->colors->next->value, ==, TEST_COLOR_BLUE);
    g_assert_cmpstr(o->items->next->value->name, ==, "i1");
    g_assert_cmpint(o->numbers->next->value, ==, -2);
    g_assert_cmpstr(extra, ==, "{\"k\":[true]}");
    g_assert_true(o->nothing == qnull());
    qapi_free_TestOuter(o);
}

static void
test_struct_nested_errors(void)
{
    expect_error("{\"id\": 7, \"tags\": []}", VISIT(TestOuter),
                 QAPI_ERROR_MISSING_MEMBER, "inner");
    expect_error("{\"id\": 7, \"inner\": {}, \"tags\": []}", VISIT(TestOuter),
                 QAPI_ERROR_MISSING_MEMBER, "inner.name");
    expect_error("{\"id\": 7, \"inner\": \"x\", \"tags\": []}",
                 VISIT(TestOuter), QAPI_ERROR_TYPE_MISMATCH, "inner");
    expect_error("{\"id\": 7, \"inner\": {\"name\": \"n\", \"x\": 1},"
                 " \"tags\": []}",
                 VISIT(TestOuter), QAPI_ERROR_UNKNOWN_MEMBER, "inner.x");
    expect_error(OUTER_JSON ", \"more\": {\"name\": 5}}", VISIT(TestOuter),
                 QAPI_ERROR_TYPE_MISMATCH, "more.name");
    expect_error("{\"id\": 7, \"inner\": {\"name\": \"n\"}, \"tags\": [],"
                 " \"items\": [{\"name\": \"a\"}, {\"name\": \"b\","
                 " \"color\": \"pink\"}]}",
                 VISIT(TestOuter), QAPI_ERROR_UNKNOWN_VALUE, "items[1].color");
    expect_error("{\"id\": 7, \"inner\": {\"name\": \"n\"}, \"tags\": [],"
                 " \"numbers\": [1, 2, 300]}",
                 VISIT(TestOuter), QAPI_ERROR_OUT_OF_RANGE, "numbers[2]");
    expect_error("{\"id\": 7, \"inner\": {\"name\": \"n\"}, \"tags\": {}}",
                 VISIT(TestOuter), QAPI_ERROR_TYPE_MISMATCH, "tags");
    expect_error("{\"id\": 7, \"inner\": {\"name\": \"n\"}, \"tags\": [1]}",
                 VISIT(TestOuter), QAPI_ERROR_TYPE_MISMATCH, "tags[0]");
    expect_error("{\"id\": 7, \"inner\": {\"name\": \"n\"}, \"tags\": [],"
                 " \"nothing\": 0}",
                 VISIT(TestOuter), QAPI_ERROR_TYPE_MISMATCH, "nothing");
}

/* ---- the strictness cases of issue 3, as members of a struct ---------- */

typedef struct MemberCase {
    const char *name;
    const char *member;
    const char *value;
    QapiErrorCode code;
} MemberCase;

static const MemberCase member_cases[] = {
    { "int64-2^63", "i64", "9223372036854775808", QAPI_ERROR_OUT_OF_RANGE },
    { "int64-below-min", "i64", "-9223372036854775809",
      QAPI_ERROR_OUT_OF_RANGE },
    { "uint64-negative", "u64", "-1", QAPI_ERROR_OUT_OF_RANGE },
    { "uint64-2^64", "u64", "18446744073709551616", QAPI_ERROR_OUT_OF_RANGE },
    { "size-negative", "sz", "-4096", QAPI_ERROR_OUT_OF_RANGE },
    { "int8-128", "i8", "128", QAPI_ERROR_OUT_OF_RANGE },
    { "uint8-256", "u8", "256", QAPI_ERROR_OUT_OF_RANGE },
    { "int16-overflow", "i16", "32768", QAPI_ERROR_OUT_OF_RANGE },
    { "uint16-negative", "u16", "-1", QAPI_ERROR_OUT_OF_RANGE },
    { "int32-overflow", "i32", "2147483648", QAPI_ERROR_OUT_OF_RANGE },
    { "uint32-overflow", "u32", "4294967296", QAPI_ERROR_OUT_OF_RANGE },
    { "int-huge", "i", "1e3000", QAPI_ERROR_OUT_OF_RANGE },
    { "double-for-int", "i", "1.0", QAPI_ERROR_TYPE_MISMATCH },
    { "exponent-for-int", "i32", "1e2", QAPI_ERROR_TYPE_MISMATCH },
    { "double-for-uint", "u8", "0.5", QAPI_ERROR_TYPE_MISMATCH },
    { "nan", "n", "NaN", QAPI_ERROR_SYNTAX },
    { "infinity", "n", "Infinity", QAPI_ERROR_SYNTAX },
    { "number-overflow", "n", "-1e400", QAPI_ERROR_OUT_OF_RANGE },
    { "string-for-int", "i", "\"1\"", QAPI_ERROR_TYPE_MISMATCH },
    { "int-for-bool", "b", "1", QAPI_ERROR_TYPE_MISMATCH },
    { "null-for-str", "s", "null", QAPI_ERROR_TYPE_MISMATCH },
    { "int-for-str", "s", "5", QAPI_ERROR_TYPE_MISMATCH },
    { "single-quoted", "s", "'x'", QAPI_ERROR_SYNTAX },
    { "bad-escape", "s", "\"\\q\"", QAPI_ERROR_SYNTAX },
    { "u0000", "s", "\"a\\u0000\"", QAPI_ERROR_SYNTAX },
    { "lone-surrogate", "s", "\"\\udbff\"", QAPI_ERROR_SYNTAX },
    { "raw-control", "s", "\"a\x01\"", QAPI_ERROR_SYNTAX },
    { "leading-zero", "i16", "007", QAPI_ERROR_SYNTAX },
    { "hex", "u32", "0xff", QAPI_ERROR_SYNTAX },
    { "unknown-enum", "opt-color", "\"pink\"", QAPI_ERROR_UNKNOWN_VALUE },
    { "enum-case", "opt-color", "\"RED\"", QAPI_ERROR_UNKNOWN_VALUE },
    { "int-for-enum", "opt-color", "0", QAPI_ERROR_TYPE_MISMATCH },
};

static const char *const scalar_members[][2] = {
    { "i", "-1" },  { "i8", "-128" }, { "i16", "1" },  { "i32", "1" },
    { "i64", "1" }, { "u8", "1" },    { "u16", "1" },  { "u32", "1" },
    { "u64", "1" }, { "sz", "1" },    { "b", "true" }, { "s", "\"s\"" },
    { "n", "1.5" },
};

/* TestScalars with @member set to @value (added when optional). */
static char *
scalars_with(const char *member, const char *value)
{
    GString *s = g_string_new("{");
    bool found = false;

    for (gsize i = 0; i < G_N_ELEMENTS(scalar_members); i++) {
        bool this = g_str_equal(scalar_members[i][0], member);

        found |= this;
        g_string_append_printf(s, "%s\"%s\": %s", i ? ",\n " : "",
                               scalar_members[i][0],
                               this ? value : scalar_members[i][1]);
    }
    if (!found) {
        g_string_append_printf(s, ",\n \"%s\": %s", member, value);
    }
    g_string_append(s, "}");
    return g_string_free(s, FALSE);
}

static void
test_member_case(gconstpointer data)
{
    const MemberCase *c = data;
    g_autofree char *json = scalars_with(c->member, c->value);
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(GError) err2 = NULL;
    g_autoptr(Visitor) v = NULL;
    g_autoptr(Visitor) w = NULL;
    TestScalars *obj = NULL;
    const QapiDiagnostic *d;
    g_autofree char *needle = g_strdup_printf("\"%s\": ", c->member);
    const char *at = strstr(json, needle);

    /* The whole document is well-formed except for this member. */
    v = qapi_json_input_visitor_new(json, -1, "m.json", QAPI_INPUT_STRICT,
                                    diags, &err);
    if (v) {
        g_assert_true(visit_type_TestScalars(v, NULL, &obj, &err));
        g_assert_false(qapi_json_input_visitor_finish(v, &err));
        qapi_free_TestScalars(obj);
        obj = NULL;
    }
    g_assert_error(err, QAPI_ERROR, (gint)c->code);
    g_assert_cmpuint(qapi_diagnostics_count(diags, QAPI_SEVERITY_ERROR), ==, 1);
    d = qapi_diagnostics_get(diags, 0);
    /* Path, and the position of the value (or inside it). */
    assert_diag(d, QAPI_SEVERITY_ERROR, c->code, c->member, 0, 0);
    {
        int line = 1, col;
        const char *bol = json;

        for (const char *p = json; p < at; p++) {
            if (*p == '\n') {
                line++;
                bol = p + 1;
            }
        }
        col = (int)(at - bol) + (int)strlen(needle) + 1;
        g_assert_cmpint(d->line, ==, line);
        g_assert_cmpint(d->column, >=, col);
        g_assert_cmpint(d->column, <, col + (int)strlen(c->value));
    }

    /* Stop mode says the same. */
    w = qapi_json_input_visitor_new(json, -1, NULL, QAPI_INPUT_STRICT, NULL,
                                    &err2);
    if (w) {
        g_assert_false(visit_type_TestScalars(w, NULL, &obj, &err2));
        g_assert_null(obj);
    }
    assert_gerror(err2, c->code, c->member);
}

/* ---- lists ------------------------------------------------------------- */

static void
test_list_builtin(void)
{
    strList *s = expect_ok("[\"a\", \"\", \"c\"]", VISIT(strList));
    int8List *i = expect_ok("[-128, 0, 127]", VISIT(int8List));
    uint64List *u = expect_ok("[18446744073709551615]", VISIT(uint64List));
    strList *empty = expect_ok("[]", VISIT(strList));
    numberList *n = expect_ok("[1, 2.5]", VISIT(numberList));

    g_assert_cmpstr(s->value, ==, "a");
    g_assert_cmpstr(s->next->value, ==, "");
    g_assert_cmpstr(s->next->next->value, ==, "c");
    g_assert_null(s->next->next->next);
    g_assert_cmpint(i->next->next->value, ==, 127);
    g_assert_cmpuint(u->value, ==, UINT64_MAX);
    g_assert_null(empty);
    g_assert_cmpfloat(n->next->value, ==, 2.5);
    qapi_free_strList(s);
    qapi_free_int8List(i);
    qapi_free_uint64List(u);
    qapi_free_numberList(n);

    expect_error("[\"a\", 1]", VISIT(strList), QAPI_ERROR_TYPE_MISMATCH, "[1]");
    expect_error("[1, 128]", VISIT(int8List), QAPI_ERROR_OUT_OF_RANGE, "[1]");
    expect_error("[-1]", VISIT(uint64List), QAPI_ERROR_OUT_OF_RANGE, "[0]");
    expect_error("{}", VISIT(strList), QAPI_ERROR_TYPE_MISMATCH, NULL);
}

/* ---- unions ------------------------------------------------------------ */

static void
test_union_flat(void)
{
    TestUnion *f = expect_ok("{\"kind\": \"file\", \"path\": \"/p\","
                             " \"ro\": true, \"label\": \"L\"}",
                             VISIT(TestUnion));
    TestUnion *n = expect_ok("{\"port\": 80, \"host\": \"h\","
                             " \"kind\": \"net\"}",
                             VISIT(TestUnion));

    g_assert_cmpint(f->kind, ==, TEST_KIND_FILE);
    g_assert_cmpstr(f->label, ==, "L");
    g_assert_cmpstr(f->u.file.path, ==, "/p");
    g_assert_true(f->u.file.has_ro && f->u.file.ro);
    g_assert_cmpint(n->kind, ==, TEST_KIND_NET);
    g_assert_cmpstr(n->u.net.host, ==, "h");
    g_assert_cmpuint(n->u.net.port, ==, 80);
    qapi_free_TestUnion(f);
    qapi_free_TestUnion(n);
}

static void
test_union_errors(void)
{
    expect_error("{\"path\": \"/p\"}", VISIT(TestUnion),
                 QAPI_ERROR_MISSING_MEMBER, "kind");
    expect_error("{\"kind\": \"tape\", \"path\": \"/p\"}", VISIT(TestUnion),
                 QAPI_ERROR_UNKNOWN_VALUE, "kind");
    expect_error("{\"kind\": \"file\"}", VISIT(TestUnion),
                 QAPI_ERROR_MISSING_MEMBER, "path");
    /* A member of another branch is just an unknown member. */
    expect_error("{\"kind\": \"file\", \"path\": \"/p\", \"host\": \"h\"}",
                 VISIT(TestUnion), QAPI_ERROR_UNKNOWN_MEMBER, "host");
    expect_error("{\"kind\": \"net\", \"host\": \"h\", \"port\": 65536}",
                 VISIT(TestUnion), QAPI_ERROR_OUT_OF_RANGE, "port");
}

static void
test_union_in_union(void)
{
    TestUnion *u = expect_ok("{\"kind\": \"nested\", \"sub\": \"beta\","
                             " \"depth\": 2, \"b\": \"bee\"}",
                             VISIT(TestUnion));

    g_assert_cmpint(u->u.nested.sub, ==, TEST_SUB_KIND_BETA);
    g_assert_cmpint(u->u.nested.depth, ==, 2);
    g_assert_cmpstr(u->u.nested.u.beta.b, ==, "bee");
    qapi_free_TestUnion(u);

    expect_error("{\"kind\": \"nested\", \"sub\": \"alpha\", \"depth\": 2,"
                 " \"b\": \"bee\"}",
                 VISIT(TestUnion), QAPI_ERROR_MISSING_MEMBER, "a");
    expect_error("{\"kind\": \"nested\", \"sub\": \"alpha\", \"depth\": 2,"
                 " \"a\": 1, \"b\": \"bee\"}",
                 VISIT(TestUnion), QAPI_ERROR_UNKNOWN_MEMBER, "b");
    expect_error("[{\"kind\": \"nested\", \"sub\": \"gamma\"}]",
                 VISIT(TestUnionList), QAPI_ERROR_UNKNOWN_VALUE, "[0].sub");
}

/* ---- alternates -------------------------------------------------------- */

static void
test_alternate(void)
{
    TestAltHolder *h = expect_ok(
        "{\"alt\": 5, \"alts\": [true, {\"name\": \"o\"}, null, -1],"
        " \"alt2\": [1, 2]}",
        VISIT(TestAltHolder));
    TestAltList *l = h->alts;

    g_assert_cmpint(h->alt->type, ==, QTYPE_QNUM);
    g_assert_cmpint(h->alt->u.n, ==, 5);
    g_assert_cmpint(l->value->type, ==, QTYPE_QBOOL);
    g_assert_true(l->value->u.b);
    l = l->next;
    g_assert_cmpint(l->value->type, ==, QTYPE_QDICT);
    g_assert_cmpstr(l->value->u.o.name, ==, "o");
    l = l->next;
    g_assert_cmpint(l->value->type, ==, QTYPE_QNULL);
    l = l->next;
    g_assert_cmpint(l->value->u.n, ==, -1);
    g_assert_cmpint(h->alt2->type, ==, QTYPE_QLIST);
    g_assert_cmpint(h->alt2->u.l->next->value, ==, 2);
    qapi_free_TestAltHolder(h);

    h = expect_ok("{\"alt\": {\"name\": \"x\", \"color\": \"red\"},"
                  " \"alt2\": \"s\"}",
                  VISIT(TestAltHolder));
    g_assert_cmpint(h->alt->type, ==, QTYPE_QDICT);
    g_assert_cmpint(h->alt->u.o.color, ==, TEST_COLOR_RED);
    g_assert_cmpstr(h->alt2->u.s, ==, "s");
    qapi_free_TestAltHolder(h);
}

static void
test_alternate_errors(void)
{
    expect_error("{\"alt\": \"s\"}", VISIT(TestAltHolder),
                 QAPI_ERROR_TYPE_MISMATCH, "alt");
    expect_error("{\"alt\": 1, \"alts\": [1, []]}", VISIT(TestAltHolder),
                 QAPI_ERROR_TYPE_MISMATCH, "alts[1]");
    expect_error("{\"alt\": 1.5}", VISIT(TestAltHolder),
                 QAPI_ERROR_TYPE_MISMATCH, "alt");
    expect_error("{\"alt\": {\"name\": \"x\", \"y\": 1}}", VISIT(TestAltHolder),
                 QAPI_ERROR_UNKNOWN_MEMBER, "alt.y");
    expect_error("{\"alts\": []}", VISIT(TestAltHolder),
                 QAPI_ERROR_MISSING_MEMBER, "alt");
    expect_error("{\"alt\": 1, \"alt2\": [\"x\"]}", VISIT(TestAltHolder),
                 QAPI_ERROR_TYPE_MISMATCH, "alt2[0]");
}

/* The generated code reports a value of no branch's JSON type as QEMU's
 * does, with error_setg(); the message is the visitor's own. */
static void
test_alternate_error_message(void)
{
    g_autoptr(Visitor) v = strict_input("{\"alt\": \"s\"}");
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(Visitor) w = NULL;
    g_autoptr(GError) err = NULL;
    TestAltHolder *h = NULL;

    g_assert_false(visit_type_TestAltHolder(v, NULL, &h, &err));
    g_assert_null(h);
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH);
    g_assert_cmpstr(err->message, ==,
                    "1:9: alt: a string is not a valid value for TestAlt");

    g_clear_error(&err);
    w = qapi_json_input_visitor_new("[1, \"s\"]", -1, "a.json",
                                    QAPI_INPUT_STRICT, diags, &err);
    g_assert_false(visit_type_TestAltList(w, NULL, (TestAltList **)&h, &err));
    g_assert_null(h);
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_TYPE_MISMATCH, "[1]", 1, 5);
    g_assert_cmpstr(qapi_diagnostics_get(diags, 0)->message, ==,
                    "a string is not a valid value for TestAlt");
}

/* QEMU's error_setg() of generated code, called directly: its alternate
 * message becomes the visitor's, any other is a type mismatch as is. */
static void
test_compat_error_setg(void)
{
    g_autoptr(Visitor) v = strict_input("{\"a\": [1]}");
    g_autoptr(GError) err = NULL;
    void *obj = NULL;

    g_assert_true(visit_start_struct(v, NULL, &obj, 8, &err));
    qapi_compat_error_setg(
        v, "a", &err, "Invalid parameter type for '%s', expected: Foo", "a");
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH);
    g_assert_cmpstr(err->message, ==,
                    "1:7: a: an array is not a valid value for Foo");
    g_clear_error(&err);
    qapi_compat_error_setg(v, "a", &err, "no branch for %s (%d)", "a", 2);
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH);
    g_assert_nonnull(strstr(err->message, "no branch for a (2)"));
    visit_end_struct(v, &obj);
    g_free(obj);
}

/* ---- collect mode ------------------------------------------------------ */

static void
test_collect_every_problem(void)
{
    static const char json[] =
        "{\"outer\": {\"id\": \"seven\",\n"
        "             \"inner\": {\"color\": \"pink\"},\n"
        "             \"tags\": [1, \"ok\", 2],\n"
        "             \"numbers\": [1000],\n"
        "             \"surplus\": true},\n"
        " \"unions\": [{\"kind\": \"net\", \"host\": \"h\"},\n"
        "            {\"kind\": \"file\", \"path\": 1, \"extra\": 0}],\n"
        " \"alt\": \"wrong\"}";
    static const struct {
        QapiErrorCode code;
        const char *path;
        int line, col;
    } expected[] = {
        { QAPI_ERROR_TYPE_MISMATCH, "outer.id", 1, 18 },
        { QAPI_ERROR_MISSING_MEMBER, "outer.inner.name", 2, 23 },
        { QAPI_ERROR_UNKNOWN_VALUE, "outer.inner.color", 2, 33 },
        { QAPI_ERROR_TYPE_MISMATCH, "outer.tags[0]", 3, 23 },
        { QAPI_ERROR_TYPE_MISMATCH, "outer.tags[2]", 3, 32 },
        { QAPI_ERROR_OUT_OF_RANGE, "outer.numbers[0]", 4, 26 },
        { QAPI_ERROR_UNKNOWN_MEMBER, "outer.surplus", 5, 14 },
        { QAPI_ERROR_MISSING_MEMBER, "unions[0].port", 6, 13 },
        { QAPI_ERROR_TYPE_MISMATCH, "unions[1].path", 7, 38 },
        { QAPI_ERROR_UNKNOWN_MEMBER, "unions[1].extra", 7, 41 },
        { QAPI_ERROR_TYPE_MISMATCH, "alt", 8, 9 },
    };
    bool ok;
    g_autoptr(QapiDiagnostics) diags = collect(json, VISIT(TestDoc), 0, &ok);

    g_assert_false(ok);
    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        g_autofree char *t = qapi_diagnostic_format(
            qapi_diagnostics_get(diags, i));
        g_test_message("%s", t);
    }
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==,
                     G_N_ELEMENTS(expected));
    for (gsize i = 0; i < G_N_ELEMENTS(expected); i++) {
        assert_diag(qapi_diagnostics_get(diags, i), QAPI_SEVERITY_ERROR,
                    expected[i].code, expected[i].path, expected[i].line,
                    expected[i].col);
    }
}

/* A missing or mistyped struct gives one message, not one per member. */
static void
test_collect_phantom(void)
{
    bool ok;
    g_autoptr(QapiDiagnostics) d1 = collect("{\"id\": 1, \"tags\": []}",
                                            VISIT(TestOuter), 0, &ok);
    g_autoptr(QapiDiagnostics) d2 = collect(
        "{\"id\": 1, \"inner\": [], \"tags\": 5, \"items\": [{}, 3]}",
        VISIT(TestOuter), 0, &ok);

    g_assert_false(ok);
    g_assert_cmpuint(qapi_diagnostics_get_length(d1), ==, 1);
    assert_diag(qapi_diagnostics_get(d1, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_MISSING_MEMBER, "inner", 1, 1);
    g_assert_cmpuint(qapi_diagnostics_get_length(d2), ==, 4);
    assert_diag(qapi_diagnostics_get(d2, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_TYPE_MISMATCH, "inner", 1, 20);
    assert_diag(qapi_diagnostics_get(d2, 1), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_TYPE_MISMATCH, "tags", 1, 32);
    assert_diag(qapi_diagnostics_get(d2, 2), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_MISSING_MEMBER, "items[0].name", 1, 45);
    assert_diag(qapi_diagnostics_get(d2, 3), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_TYPE_MISMATCH, "items[1]", 1, 49);
}

/* After an invalid union tag, the branch's members are not noise. */
static void
test_collect_invalid_tag(void)
{
    bool ok;
    g_autoptr(QapiDiagnostics) diags = collect(
        "{\"kind\": \"tape\", \"reel\": 1, \"label\": 5}", VISIT(TestUnion), 0,
        &ok);

    g_assert_false(ok);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 2);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_VALUE, "kind", 1, 10);
    assert_diag(qapi_diagnostics_get(diags, 1), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_TYPE_MISMATCH, "label", 1, 38);
}

/* The same when the tag is missing or not a string. */
static void
test_collect_missing_tag(void)
{
    bool ok;
    g_autoptr(QapiDiagnostics) d1 = collect("{\"host\": \"h\", \"port\": 1}",
                                            VISIT(TestUnion), 0, &ok);
    g_autoptr(QapiDiagnostics) d2 = collect(
        "{\"kind\": 1, \"host\": \"h\", \"port\": 1}", VISIT(TestUnion), 0,
        &ok);

    g_assert_false(ok);
    g_assert_cmpuint(qapi_diagnostics_get_length(d1), ==, 1);
    assert_diag(qapi_diagnostics_get(d1, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_MISSING_MEMBER, "kind", 1, 1);
    g_assert_cmpuint(qapi_diagnostics_get_length(d2), ==, 1);
    assert_diag(qapi_diagnostics_get(d2, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_TYPE_MISMATCH, "kind", 1, 10);
}

/*
 * A plain enum member (not a declared union tag) that is invalid, mistyped
 * or missing quiets nothing: the object's other missing and unknown
 * members are all reported.
 */
static void
test_collect_plain_enum(void)
{
    static const struct {
        const char *json;
        guint n;
        struct {
            QapiErrorCode code;
            const char *path;
            int line, col;
        } expected[6];
    } cases[] = {
        /* clang-format off */
        { "{\"color\": \"pink\", \"x\": 1}", 3,
          { { QAPI_ERROR_UNKNOWN_VALUE, "color", 1, 11 },
            { QAPI_ERROR_MISSING_MEMBER, "coats", 1, 1 },
            { QAPI_ERROR_UNKNOWN_MEMBER, "x", 1, 19 } } },
        { "{\"color\": 5, \"coats\": 1, \"x\": 1}", 2,
          { { QAPI_ERROR_TYPE_MISMATCH, "color", 1, 11 },
            { QAPI_ERROR_UNKNOWN_MEMBER, "x", 1, 26 } } },
        { "{\"x\": 1, \"inner\": {\"color\": \"pink\", \"y\": 2}}", 6,
          { { QAPI_ERROR_MISSING_MEMBER, "color", 1, 1 },
            { QAPI_ERROR_MISSING_MEMBER, "coats", 1, 1 },
            { QAPI_ERROR_MISSING_MEMBER, "inner.name", 1, 19 },
            { QAPI_ERROR_UNKNOWN_VALUE, "inner.color", 1, 29 },
            { QAPI_ERROR_UNKNOWN_MEMBER, "inner.y", 1, 37 },
            { QAPI_ERROR_UNKNOWN_MEMBER, "x", 1, 2 } } },
        /* clang-format on */
    };

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        bool ok;
        g_autoptr(QapiDiagnostics) diags = collect(cases[i].json,
                                                   VISIT(TestPaint), 0, &ok);

        log_diags(diags);
        g_assert_false(ok);
        g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, cases[i].n);
        for (guint k = 0; k < cases[i].n; k++) {
            assert_diag(qapi_diagnostics_get(diags, k), QAPI_SEVERITY_ERROR,
                        cases[i].expected[k].code, cases[i].expected[k].path,
                        cases[i].expected[k].line, cases[i].expected[k].col);
        }
    }
}

/* A bad union tag quiets its own object only: the parent's, the siblings'
 * and the children's problems are all reported. */
static void
test_collect_tag_scope(void)
{
    bool ok;
    g_autoptr(QapiDiagnostics) diags = collect(
        "{\"outer\": {\"id\": 1, \"inner\": {\"name\": \"n\"}, \"tags\": []},\n"
        " \"unions\": [{\"kind\": \"tape\", \"reel\": 1},\n"
        "            {\"kind\": \"net\", \"host\": \"h\", \"x\": 2}],\n"
        " \"top\": 3}",
        VISIT(TestDoc), 0, &ok);

    log_diags(diags);
    g_assert_false(ok);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 4);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_VALUE, "unions[0].kind", 2, 22);
    assert_diag(qapi_diagnostics_get(diags, 1), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_MISSING_MEMBER, "unions[1].port", 3, 13);
    assert_diag(qapi_diagnostics_get(diags, 2), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_MEMBER, "unions[1].x", 3, 42);
    assert_diag(qapi_diagnostics_get(diags, 3), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_MEMBER, "top", 4, 2);
}

/* Tags are members, not enum types: a bad value of a plain member whose
 * enum type is some union's tag type selects no branch and quiets nothing. */
static void
test_collect_tag_type_as_plain_member(void)
{
    bool ok;
    g_autoptr(QapiDiagnostics) diags = collect(
        "{\"kind\": \"tape\", \"reel\": 1}", VISIT(TestKindHolder), 0, &ok);

    log_diags(diags);
    g_assert_false(ok);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 3);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_VALUE, "kind", 1, 10);
    assert_diag(qapi_diagnostics_get(diags, 1), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_MISSING_MEMBER, "count", 1, 1);
    assert_diag(qapi_diagnostics_get(diags, 2), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_MEMBER, "reel", 1, 18);
}

/* A plain member with a union tag's name and enum (TestKindHolder.kind,
 * TestUnion.kind) that may be a tag: the stand-in is 0, a valid value, so
 * the object is marked unsound. */
static void
test_collect_tag_like_standin(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(
        "{\"kind\": \"tape\", \"count\": 1}", -1, NULL, QAPI_INPUT_STRICT,
        diags, &err);
    g_autoptr(TestKindHolder) k = NULL;

    qapi_json_input_visitor_set_policy(v, &strict_unions);
    g_assert_true(visit_type_TestKindHolder(v, NULL, &k, &err));
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
    g_assert_cmpint(k->kind, ==, 0);
    g_assert_cmpint(k->count, ==, 1);
    g_assert_false(qapi_json_input_visitor_is_sound(v, k));
}

/* A union that is an alternate's branch is visited without a C object of
 * its own: its tag is still known, and a bad one quiets the object. */
static void
test_collect_tag_in_alternate(void)
{
    bool ok;
    g_autoptr(QapiDiagnostics) diags = collect(
        "{\"kind\": \"tape\", \"reel\": 1}", VISIT(TestUnionOrNum), 0, &ok);

    log_diags(diags);
    g_assert_false(ok);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_VALUE, "kind", 1, 10);
}

/*
 * Without the union table the visitor cannot tell a union's tag: a bad
 * one gets the stand-in 0 like every enum member (no abort in the
 * generated switch), the object is unsound, and the members of the
 * branch visited are reported as they are.
 */
static void
test_collect_without_union_table(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(
        "[{\"kind\": \"tape\", \"reel\": 1}, {\"kind\": \"net\"}]", -1, NULL,
        QAPI_INPUT_STRICT, diags, &err);
    g_autoptr(Visitor) w = NULL;
    g_autoptr(TestUnionList) l = NULL;
    g_autoptr(TestPaint) p = NULL;

    g_assert_true(visit_type_TestUnionList(v, NULL, &l, &err));
    log_diags(diags);
    g_assert_false(qapi_json_input_visitor_finish(v, &err));
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 5);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_VALUE, "[0].kind", 1, 11);
    assert_diag(qapi_diagnostics_get(diags, 1), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_MISSING_MEMBER, "[0].path", 1, 2);
    assert_diag(qapi_diagnostics_get(diags, 2), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_MEMBER, "[0].reel", 1, 19);
    assert_diag(qapi_diagnostics_get(diags, 3), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_MISSING_MEMBER, "[1].host", 1, 31);
    assert_diag(qapi_diagnostics_get(diags, 4), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_MISSING_MEMBER, "[1].port", 1, 31);
    g_assert_cmpint(l->value->kind, ==, TEST_KIND_FILE);
    g_assert_false(qapi_json_input_visitor_is_sound(v, l->value));
    g_assert_cmpint(l->next->value->kind, ==, TEST_KIND_NET);

    /* A plain enum member likewise. */
    g_clear_error(&err);
    w = qapi_json_input_visitor_new("{\"color\": \"pink\", \"coats\": 1}", -1,
                                    NULL, QAPI_INPUT_STRICT, diags, &err);
    g_assert_true(visit_type_TestPaint(w, NULL, &p, &err));
    g_assert_cmpint(p->color, ==, 0);
    g_assert_false(qapi_json_input_visitor_is_sound(w, p));
}

/* Whether @text holds a raw control character (C0, DEL or C1). */
static bool
has_control(const char *text)
{
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);

        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
    }
    return false;
}

/*
 * Member names and values from the document are shown escaped JSON-style
 * in messages and paths, so one problem is one line that nothing in the
 * document can forge; path segments that are empty or hold '.', '[', ']',
 * '"', '\\' or an escaped character are quoted: a["x.y"].
 */
static void
test_collect_escaped_text(void)
{
    static const char json[] =
        "{\"id\": 1, \"tags\": [],\n"
        " \"inner\": {\"name\": \"n\", \"color\": \"\\u001b[2Jred\\nfake.json:9:9: ok\",\n"
        "           \"a.b[0]\": 1, \"\": 2, \"q\\\"\\\\\": 3, \"\u00e9t\u00e9\": 4},\n"
        " \"x\\nevil.json:1:1: id: injected\": 5, \"\\u009b31m\": 6}";
    static const struct {
        QapiErrorCode code;
        const char *path;
        const char *message;
    } expected[] = {
        { QAPI_ERROR_UNKNOWN_VALUE, "inner.color",
          "invalid value '\\u001b[2Jred\\nfake.json:9:9: ok' (expected one "
          "of: 'red', 'green', 'blue', 'mauve')" },
        { QAPI_ERROR_UNKNOWN_MEMBER, "inner[\"a.b[0]\"]",
          "unknown member 'a.b[0]'" },
        { QAPI_ERROR_UNKNOWN_MEMBER, "inner[\"\"]", "unknown member ''" },
        { QAPI_ERROR_UNKNOWN_MEMBER, "inner[\"q\\\"\\\\\"]",
          "unknown member 'q\"\\\\'" },
        { QAPI_ERROR_UNKNOWN_MEMBER, "inner.\u00e9t\u00e9",
          "unknown member '\u00e9t\u00e9'" },
        { QAPI_ERROR_UNKNOWN_MEMBER, "[\"x\\nevil.json:1:1: id: injected\"]",
          "unknown member 'x\\nevil.json:1:1: id: injected'" },
        { QAPI_ERROR_UNKNOWN_MEMBER, "[\"\\u009b31m\"]",
          "unknown member '\\u009b31m'" },
    };
    bool ok;
    g_autoptr(QapiDiagnostics) diags = collect(json, VISIT(TestOuter), 0, &ok);

    log_diags(diags);
    g_assert_false(ok);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==,
                     G_N_ELEMENTS(expected));
    for (gsize i = 0; i < G_N_ELEMENTS(expected); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        g_autofree char *text = qapi_diagnostic_format(d);

        assert_diag(d, QAPI_SEVERITY_ERROR, expected[i].code, expected[i].path,
                    0, 0);
        g_assert_cmpstr(d->message, ==, expected[i].message);
        g_assert_false(has_control(text));
    }
}

/* Stop mode names every unknown member escaped as well. */
static void
test_stop_escaped_text(void)
{
    g_autoptr(Visitor) v = strict_input(
        "{\"name\": \"n\", \"a\\tb\": 1, \"c\\u001bd\": 2}");
    g_autoptr(GError) err = NULL;
    TestInner *obj = NULL;

    g_assert_false(visit_type_TestInner(v, NULL, &obj, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_UNKNOWN_MEMBER);
    g_assert_cmpstr(err->message, ==,
                    "1:15: [\"a\\tb\"]: unknown member "
                    "'a\\tb' (also unknown: 'c\\u001bd')");
}

/* An alternate without a value has no branch to visit: even in collect
 * mode the visit ends there, with the recorded problem as its error. */
static void
test_collect_alternate(void)
{
    static const struct {
        const char *json;
        QapiErrorCode code;
        const char *path;
    } cases[] = {
        { "{\"alt2\": \"s\"}", QAPI_ERROR_MISSING_MEMBER, "alt" },
        { "{\"alt\": \"s\"}", QAPI_ERROR_TYPE_MISMATCH, "alt" },
        { "{\"alt\": [], \"alt2\": 1}", QAPI_ERROR_TYPE_MISMATCH, "alt" },
    };

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
        g_autoptr(GError) err = NULL;
        g_autoptr(Visitor) v = qapi_json_input_visitor_new(
            cases[i].json, -1, NULL, QAPI_INPUT_STRICT, diags, &err);
        TestAltHolder *h = NULL;

        g_assert_false(visit_type_TestAltHolder(v, NULL, &h, &err));
        g_assert_null(h);
        assert_gerror(err, cases[i].code, cases[i].path);
        assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                    cases[i].code, cases[i].path, 1, 0);
    }
}

/* Below a phantom the alternate fails with the phantom's cause. */
static void
test_collect_alternate_in_phantom(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(
        "{\"unions\": [], \"holder\": 5}", -1, NULL, QAPI_INPUT_STRICT, diags,
        &err);
    TestDoc *d = NULL;

    g_assert_false(visit_type_TestDoc(v, NULL, &d, &err));
    g_assert_null(d);
    assert_gerror(err, QAPI_ERROR_MISSING_MEMBER, "outer");
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 2);
    assert_diag(qapi_diagnostics_get(diags, 1), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_TYPE_MISMATCH, "holder", 1, 26);
}

static void
test_collect_finish_error(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(
        "{\"name\": 1, \"color\": 2}", -1, "f.json", QAPI_INPUT_STRICT, diags,
        &err);
    TestInner *obj = NULL;

    /* The visit itself goes through; finish() says it failed. */
    g_assert_true(visit_type_TestInner(v, NULL, &obj, &err));
    g_assert_nonnull(obj);
    g_assert_false(qapi_json_input_visitor_finish(v, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH);
    g_assert_cmpstr(err->message, ==,
                    "f.json:1:10: name: expected a string, "
                    "got a number (and 1 more error)");
    qapi_free_TestInner(obj);
}

static void
test_collect_syntax_error(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(
        "{\"a\": [1,,2]}", -1, "s.json", QAPI_INPUT_STRICT, diags, &err);

    g_assert_null(v);
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_SYNTAX);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_SYNTAX, "a[1]", 1, 10);
}

/* ---- tolerant mode ----------------------------------------------------- */

static void
test_tolerant_unknown_members(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(
        "{\"name\": \"n\", \"future\": {\"x\": 1}, \"later\": []}", -1, NULL,
        QAPI_INPUT_TOLERANT, diags, &err);
    g_autoptr(Visitor) w = qapi_json_input_visitor_new(
        "{\"name\": \"n\", \"future\": 1}", -1, NULL, QAPI_INPUT_TOLERANT, NULL,
        &err);
    TestInner *obj = NULL;

    g_assert_true(visit_type_TestInner(v, NULL, &obj, &err));
    g_assert_true(qapi_json_input_visitor_finish(v, &err));
    g_assert_cmpstr(obj->name, ==, "n");
    g_assert_cmpuint(qapi_diagnostics_count(diags, QAPI_SEVERITY_WARNING), ==,
                     2);
    g_assert_cmpuint(qapi_diagnostics_count(diags, QAPI_SEVERITY_ERROR), ==, 0);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_WARNING,
                QAPI_ERROR_UNKNOWN_MEMBER, "future", 1, 15);
    assert_diag(qapi_diagnostics_get(diags, 1), QAPI_SEVERITY_WARNING,
                QAPI_ERROR_UNKNOWN_MEMBER, "later", 1, 35);
    g_clear_pointer(&obj, qapi_free_TestInner);

    /* Without a list the warnings are dropped and the visit succeeds. */
    g_assert_true(visit_type_TestInner(w, NULL, &obj, &err));
    g_assert_no_error(err);
    qapi_free_TestInner(obj);
}

static void
test_tolerant_enum_list(void)
{
    static const struct {
        const char *json;
        const char *kept;
        guint dropped;
        const char *first_path;
    } cases[] = {
        { "[\"red\", \"ultraviolet\", \"blue\"]", "red,blue", 1, "[1]" },
        { "[\"x\", \"red\"]", "red", 1, "[0]" },
        { "[\"red\", \"x\"]", "red", 1, "[1]" },
        { "[\"x\", \"y\", \"z\"]", "", 3, "[0]" },
        { "[\"x\"]", "", 1, "[0]" },
        { "[\"green\", \"x\", \"y\", \"blue\", \"z\"]", "green,blue", 3,
          "[1]" },
        { "[]", "", 0, NULL },
    };

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
        g_autoptr(GError) err = NULL;
        g_autoptr(Visitor) v = qapi_json_input_visitor_new(
            cases[i].json, -1, NULL, QAPI_INPUT_TOLERANT, diags, &err);
        g_autoptr(GString) kept = g_string_new(NULL);
        TestColorList *list = NULL;

        g_assert_true(visit_type_TestColorList(v, NULL, &list, &err));
        g_assert_true(qapi_json_input_visitor_finish(v, &err));
        for (TestColorList *l = list; l; l = l->next) {
            g_string_append_printf(kept, "%s%s", kept->len ? "," : "",
                                   TestColor_str(l->value));
        }
        g_assert_cmpstr(kept->str, ==, cases[i].kept);
        g_assert_cmpuint(qapi_diagnostics_count(diags, QAPI_SEVERITY_WARNING),
                         ==, cases[i].dropped);
        if (cases[i].dropped) {
            assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_WARNING,
                        QAPI_ERROR_UNKNOWN_VALUE, cases[i].first_path, 1, 0);
        }
        qapi_free_TestColorList(list);
    }
}

/* Tolerance covers exactly those two cases. */
static void
test_tolerant_other_errors_stay(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(
        "{\"id\": 1, \"inner\": {\"name\": \"n\", \"color\": \"x\"},"
        " \"tags\": [], \"colors\": [\"red\", 5, \"x\"], \"numbers\": [999]}",
        -1, NULL, QAPI_INPUT_TOLERANT, diags, &err);
    TestOuter *obj = NULL;

    g_assert_true(visit_type_TestOuter(v, NULL, &obj, &err));
    g_assert_false(qapi_json_input_visitor_finish(v, &err));
    g_assert_cmpuint(qapi_diagnostics_count(diags, QAPI_SEVERITY_ERROR), ==, 3);
    g_assert_cmpuint(qapi_diagnostics_count(diags, QAPI_SEVERITY_WARNING), ==,
                     1);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_VALUE, "inner.color", 1, 43);
    assert_diag(qapi_diagnostics_get(diags, 1), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_TYPE_MISMATCH, "colors[1]", 1, 79);
    assert_diag(qapi_diagnostics_get(diags, 2), QAPI_SEVERITY_WARNING,
                QAPI_ERROR_UNKNOWN_VALUE, "colors[2]", 1, 82);
    assert_diag(qapi_diagnostics_get(diags, 3), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_OUT_OF_RANGE, "numbers[0]", 1, 100);
    qapi_free_TestOuter(obj);

    /* Stop mode too: an unknown scalar enum is an error. */
    expect_error("{\"name\": \"n\", \"color\": \"x\"}", VISIT(TestInner),
                 QAPI_ERROR_UNKNOWN_VALUE, "color");
}

/* ---- other sources ----------------------------------------------------- */

static void
test_from_node(void)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(Visitor) v = NULL;
    g_autoptr(Visitor) w = NULL;
    TestOuter *o = NULL;
    uint64_t big = 0;
    g_autoptr(JsonNode) dbl = json_node_init_double(json_node_alloc(),
                                                    18446744073709549568.0);

    g_assert_true(json_parser_load_from_data(parser, OUTER_JSON "}", -1, &err));
    v = qapi_json_input_visitor_new_from_node(json_parser_get_root(parser),
                                              QAPI_INPUT_STRICT, NULL);
    g_assert_true(visit_type_TestOuter(v, NULL, &o, &err));
    g_assert_cmpstr(o->items->next->value->name, ==, "i1");
    g_assert_cmpint(o->colors->next->value, ==, TEST_COLOR_BLUE);
    qapi_free_TestOuter(o);
    g_clear_pointer(&v, visit_free);

    /* Errors name the path, without a position. */
    g_assert_true(json_parser_load_from_data(
        parser,
        "{\"id\": 1, \"inner\": {\"name\": \"n\"}, \"tags\": [\"a\", 2]}", -1,
        &err));
    v = qapi_json_input_visitor_new_from_node(json_parser_get_root(parser),
                                              QAPI_INPUT_STRICT, NULL);
    g_assert_false(visit_type_TestOuter(v, NULL, &o, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH);
    g_assert_true(g_str_has_prefix(err->message, "tags[1]: "));
    g_assert_null(o);

    /* A double is no integer, from a JsonNode either. */
    w = qapi_json_input_visitor_new_from_node(dbl, QAPI_INPUT_STRICT, NULL);
    g_clear_error(&err);
    g_assert_false(visit_type_uint64(w, NULL, &big, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH);
}

/* json-glib lets a program put any bytes in a string node. */
static void
test_from_node_bad_utf8(void)
{
    g_autoptr(JsonNode) node = json_node_init_string(json_node_alloc(),
                                                     "a\xff");
    g_autoptr(Visitor) v = qapi_json_input_visitor_new_from_node(
        node, QAPI_INPUT_STRICT, NULL);
    g_autoptr(GError) err = NULL;
    char *s = NULL;

    g_assert_false(visit_type_str(v, NULL, &s, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE);
    g_assert_null(s);
}

static void
test_from_node_too_deep(void)
{
    JsonNode *root = json_node_init_array(json_node_alloc(), json_array_new());
    JsonNode *cur = root;
    g_autoptr(GError) err = NULL;
    g_autoptr(Visitor) v = NULL;
    g_autoptr(JsonNode) any = NULL;

    json_array_unref(json_node_get_array(root));
    for (int i = 0; i < QAPI_JSON_MAX_DEPTH + 5; i++) {
        JsonArray *a = json_array_new();
        JsonNode *n = json_node_init_array(json_node_alloc(), a);

        json_array_unref(a);
        json_array_add_element(json_node_get_array(cur), n);
        cur = n;
    }
    v = qapi_json_input_visitor_new_from_node(root, QAPI_INPUT_STRICT, NULL);
    g_assert_false(visit_type_any(v, NULL, &any, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TOO_DEEP);
    json_node_unref(root);
}

static void
test_from_file(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *dir = g_dir_make_tmp("qapi-test-XXXXXX", &err);
    g_autofree char *path = g_build_filename(dir, "inner.json", NULL);
    g_autofree char *missing = g_build_filename(dir, "none.json", NULL);
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    Visitor *v;
    TestInner *obj = NULL;

    g_assert_no_error(err);
    g_assert_true(
        g_file_set_contents(path, "{\"name\": \"f\",\n \"x\": 1}", -1, &err));
    v = qapi_json_input_visitor_new_from_file(path, QAPI_INPUT_STRICT, NULL,
                                              &err);
    g_assert_nonnull(v);
    g_assert_false(visit_type_TestInner(v, NULL, &obj, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_UNKNOWN_MEMBER);
    {
        g_autofree char *prefix = g_strdup_printf("%s:2:2: x: ", path);
        g_assert_true(g_str_has_prefix(err->message, prefix));
    }
    g_clear_error(&err);
    visit_free(v);

    v = qapi_json_input_visitor_new_from_file(missing, QAPI_INPUT_STRICT, diags,
                                              &err);
    g_assert_null(v);
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_IO);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
    g_clear_error(&err);

    v = qapi_json_input_visitor_new_from_file(dir, QAPI_INPUT_STRICT, NULL,
                                              &err);
    g_assert_null(v);
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_IO);

    g_unlink(path);
    g_rmdir(dir);
}

/* ---- feature policy ---------------------------------------------------- */

static void
test_policy(void)
{
    static const char json[] =
        "{\"id\": 1, \"inner\": {\"name\": \"n\","
        " \"color\": \"mauve\"}, \"tags\": [], \"old\": 3, \"fresh\": \"f\"}";
    QapiPolicy reject_deprecated = {
        .deprecated_input = QAPI_POLICY_INPUT_REJECT,
    };
    QapiPolicy reject_unstable = {
        .unstable_input = QAPI_POLICY_INPUT_REJECT,
    };
    g_autoptr(GError) err = NULL;
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    TestOuter *o = expect_ok(json, VISIT(TestOuter));
    Visitor *v;

    /* Accepted by default. */
    g_assert_true(o->has_old);
    g_assert_cmpint(o->old, ==, 3);
    g_assert_cmpint(o->inner->color, ==, TEST_COLOR_MAUVE);
    g_clear_pointer(&o, qapi_free_TestOuter);

    v = strict_input(json);
    visit_set_policy(v, &reject_deprecated);
    g_assert_false(visit_type_TestOuter(v, NULL, &o, &err));
    assert_gerror(err, QAPI_ERROR_POLICY, "inner.color");
    g_clear_error(&err);
    visit_free(v);

    v = strict_input(json);
    visit_set_policy(v, &reject_unstable);
    g_assert_false(visit_type_TestOuter(v, NULL, &o, &err));
    assert_gerror(err, QAPI_ERROR_POLICY, "fresh");
    g_clear_error(&err);
    visit_free(v);

    /* Collect mode lists both deprecated uses. */
    v = qapi_json_input_visitor_new(json, -1, NULL, QAPI_INPUT_STRICT, diags,
                                    &err);
    visit_set_policy(v, &reject_deprecated);
    g_assert_true(visit_type_TestOuter(v, NULL, &o, &err));
    g_assert_false(qapi_json_input_visitor_finish(v, &err));
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 2);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_POLICY, "inner.color", 1, 43);
    assert_diag(qapi_diagnostics_get(diags, 1), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_POLICY, "old", 1, 72);
    qapi_free_TestOuter(o);
    visit_free(v);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/input/scalar/int-limits", test_scalar_int_limits);
    g_test_add_func("/input/scalar/int-and-size", test_scalar_int_and_size);
    g_test_add_func("/input/scalar/double-is-not-int",
                    test_scalar_double_is_not_int);
    g_test_add_func("/input/scalar/number", test_scalar_number);
    g_test_add_func("/input/scalar/bool-str-null", test_scalar_bool_str_null);
    g_test_add_func("/input/scalar/type-mismatch", test_scalar_type_mismatch);
    g_test_add_func("/input/scalar/enum", test_scalar_enum);
    g_test_add_func("/input/scalar/any", test_scalar_any);
    g_test_add_func("/input/scalar/any-null", test_scalar_any_null);
    g_test_add_func("/input/struct/scalars", test_struct_scalars);
    g_test_add_func("/input/struct/errors", test_struct_errors);
    g_test_add_func("/input/struct/unknown-members-all",
                    test_struct_unknown_members_all);
    g_test_add_func("/input/struct/nested", test_struct_nested);
    g_test_add_func("/input/struct/nested-errors", test_struct_nested_errors);
    for (gsize i = 0; i < G_N_ELEMENTS(member_cases); i++) {
        g_autofree char *path = g_strdup_printf("/input/strict/%s",
                                                member_cases[i].name);

        g_test_add_data_func(path, &member_cases[i], test_member_case);
    }
    g_test_add_func("/input/list/builtin", test_list_builtin);
    g_test_add_func("/input/union/flat", test_union_flat);
    g_test_add_func("/input/union/errors", test_union_errors);
    g_test_add_func("/input/union/union-in-union", test_union_in_union);
    g_test_add_func("/input/alternate/branches", test_alternate);
    g_test_add_func("/input/alternate/errors", test_alternate_errors);
    g_test_add_func("/input/collect/every-problem", test_collect_every_problem);
    g_test_add_func("/input/collect/phantom", test_collect_phantom);
    g_test_add_func("/input/collect/invalid-tag", test_collect_invalid_tag);
    g_test_add_func("/input/collect/missing-tag", test_collect_missing_tag);
    g_test_add_func("/input/collect/plain-enum", test_collect_plain_enum);
    g_test_add_func("/input/collect/escaped-text", test_collect_escaped_text);
    g_test_add_func("/input/strict/escaped-text", test_stop_escaped_text);
    g_test_add_func("/input/collect/tag-scope", test_collect_tag_scope);
    g_test_add_func("/input/collect/tag-type-as-plain-member",
                    test_collect_tag_type_as_plain_member);
    g_test_add_func("/input/alternate/error-message",
                    test_alternate_error_message);
    g_test_add_func("/input/alternate/compat-error-setg",
                    test_compat_error_setg);
    g_test_add_func("/input/collect/tag-like-standin",
                    test_collect_tag_like_standin);
    g_test_add_func("/input/collect/tag-in-alternate",
                    test_collect_tag_in_alternate);
    g_test_add_func("/input/collect/without-union-table",
                    test_collect_without_union_table);
    g_test_add_func("/input/collect/alternate", test_collect_alternate);
    g_test_add_func("/input/collect/alternate-in-phantom",
                    test_collect_alternate_in_phantom);
    g_test_add_func("/input/collect/finish-error", test_collect_finish_error);
    g_test_add_func("/input/collect/syntax-error", test_collect_syntax_error);
    g_test_add_func("/input/tolerant/unknown-members",
                    test_tolerant_unknown_members);
    g_test_add_func("/input/tolerant/enum-list", test_tolerant_enum_list);
    g_test_add_func("/input/tolerant/other-errors-stay",
                    test_tolerant_other_errors_stay);
    g_test_add_func("/input/source/node", test_from_node);
    g_test_add_func("/input/source/node-too-deep", test_from_node_too_deep);
    g_test_add_func("/input/source/node-bad-utf8", test_from_node_bad_utf8);
    g_test_add_func("/input/source/file", test_from_file);
    g_test_add_func("/input/policy", test_policy);
    return g_test_run();
}

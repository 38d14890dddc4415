/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The strict JSON reader: every leniency json-glib 1.6 has is an error here,
 * with the right code, member path and position; and everything RFC 8259
 * allows is read exactly.
 */
#include <float.h>
#include <string.h>

#include "test-helpers.h"

typedef struct RejectCase {
    const char *name;
    const char *json;
    QapiErrorCode code;
    const char *path;
    int line;
    int col;
} RejectCase;

static const RejectCase reject_cases[] = {
    /* clang-format off */
    /* Duplicate member names, at any depth. */
    { "duplicate-key/top", "{\"a\": 1, \"a\": 2}",
      QAPI_ERROR_DUPLICATE_MEMBER, "a", 1, 10 },
    { "duplicate-key/nested",
      "{\"x\": {\"y\": [{\"k\": 1},\n {\"k\": 1, \"j\": 2, \"k\": 3}]}}",
      QAPI_ERROR_DUPLICATE_MEMBER, "x.y[1].k", 2, 19 },
    { "duplicate-key/before-syntax-error", "{\"a\": 1, \"a\": 2, x}",
      QAPI_ERROR_DUPLICATE_MEMBER, "a", 1, 10 },
    { "duplicate-key/value-spans-lines", "{\"a\": 1,\n \"a\": [\n1]}",
      QAPI_ERROR_DUPLICATE_MEMBER, "a", 2, 2 },
    { "duplicate-key/same-value", "{\"a\": {}, \"b\": 0, \"a\": {}}",
      QAPI_ERROR_DUPLICATE_MEMBER, "a", 1, 0 },
    { "duplicate-key/escaped-spelling", "{\"a\": 1, \"\\u0061\": 2}",
      QAPI_ERROR_DUPLICATE_MEMBER, "a", 1, 0 },
    /* An escaped key outlives a nested object's escaped keys. */
    { "duplicate-key/escaped-beside-nested-escaped",
      "{\"\\u0061\": {\"\\u0062\": 1, \"c\": {\"\\u0064\": 2}}, \"a\": 3}",
      QAPI_ERROR_DUPLICATE_MEMBER, "a", 1, 47 },
    { "duplicate-key/escaped-after-nested-escaped",
      "{\"x\": {\"\\u0062\": 1}, \"\\u0061\": 2, \"y\": [{\"\\u0061\": 0}],"
      " \"a\": 3}", QAPI_ERROR_DUPLICATE_MEMBER, "a", 1, 57 },
    /* Same length, first and last bytes: compared in full. */
    { "duplicate-key/same-ends", "{\"axb\": 1, \"ayb\": 2, \"axb\": 3}",
      QAPI_ERROR_DUPLICATE_MEMBER, "axb", 1, 22 },
    { "duplicate-key/empty", "{\"\": 1, \"a\": 2, \"\": 3}",
      QAPI_ERROR_DUPLICATE_MEMBER, "[\"\"]", 1, 17 },
    { "duplicate-key/many-members",
      "{\"m0\":0,\"m1\":1,\"m2\":2,\"m3\":3,\"m4\":4,\"m5\":5,\"m6\":6,"
      "\"m7\":7,\"m8\":8,\"m9\":9,\"m10\":0,\"m11\":1,\"m12\":2,\"m13\":3,"
      "\"m14\":4,\"m15\":5,\"m16\":6,\"m17\":7,\"m3\":8}",
      QAPI_ERROR_DUPLICATE_MEMBER, "m3", 1, 0 },
    { "duplicate-key/sixteenth",
      "{\"m0\":0,\"m1\":1,\"m2\":2,\"m3\":3,\"m4\":4,\"m5\":5,\"m6\":6,"
      "\"m7\":7,\"m8\":8,\"m9\":9,\"m10\":0,\"m11\":1,\"m12\":2,\"m13\":3,"
      "\"m14\":4,\"m0\":5}", QAPI_ERROR_DUPLICATE_MEMBER, "m0", 1, 0 },
    { "duplicate-key/seventeenth",
      "{\"m0\":0,\"m1\":1,\"m2\":2,\"m3\":3,\"m4\":4,\"m5\":5,\"m6\":6,"
      "\"m7\":7,\"m8\":8,\"m9\":9,\"m10\":0,\"m11\":1,\"m12\":2,\"m13\":3,"
      "\"m14\":4,\"m15\":5,\"m15\":6}", QAPI_ERROR_DUPLICATE_MEMBER, "m15",
      1, 0 },
    /* Comments. */
    { "comment/block", "{\"a\": 1 /* c */}", QAPI_ERROR_SYNTAX, "a", 1, 9 },
    { "comment/line", "// c\n{}", QAPI_ERROR_SYNTAX, "", 1, 1 },
    { "comment/hash", "{\n  # c\n}", QAPI_ERROR_SYNTAX, "", 2, 3 },
    /* Not JSON strings. */
    { "single-quote/value", "{\"a\": 'x'}", QAPI_ERROR_SYNTAX, "a", 1, 7 },
    { "single-quote/key", "{'a': 1}", QAPI_ERROR_SYNTAX, "", 1, 2 },
    { "bare-key", "{a: 1}", QAPI_ERROR_SYNTAX, "", 1, 2 },
    { "javascript", "var x = {}", QAPI_ERROR_SYNTAX, "", 1, 1 },
    /* Numbers. */
    { "number/leading-zero", "{\"a\": 01}", QAPI_ERROR_SYNTAX, "a", 1, 7 },
    { "number/leading-zero-negative", "[-012]", QAPI_ERROR_SYNTAX, "[0]",
      1, 2 },
    { "number/hex", "{\"a\": 0x10}", QAPI_ERROR_SYNTAX, "a", 1, 7 },
    { "number/leading-dot", "{\"a\": .5}", QAPI_ERROR_SYNTAX, "a", 1, 7 },
    { "number/trailing-dot", "{\"a\": 1.}", QAPI_ERROR_SYNTAX, "a", 1, 9 },
    { "number/space-after-minus", "{\"a\": - 1}", QAPI_ERROR_SYNTAX, "a",
      1, 8 },
    { "number/plus", "[+1]", QAPI_ERROR_SYNTAX, "[0]", 1, 2 },
    { "number/empty-exponent", "[1e]", QAPI_ERROR_SYNTAX, "[0]", 1, 4 },
    { "number/exponent-sign-only", "[1e+]", QAPI_ERROR_SYNTAX, "[0]", 1, 5 },
    { "number/nan", "{\"a\": NaN}", QAPI_ERROR_SYNTAX, "a", 1, 7 },
    { "number/infinity", "{\"a\": Infinity}", QAPI_ERROR_SYNTAX, "a", 1, 7 },
    { "number/minus-infinity", "{\"a\": -Infinity}", QAPI_ERROR_SYNTAX, "a",
      1, 8 },
    { "number/overflows-double", "{\"a\": 1e400}", QAPI_ERROR_OUT_OF_RANGE,
      "a", 1, 7 },
    { "number/huge-negative", "{\"a\": -1.5e999}", QAPI_ERROR_OUT_OF_RANGE,
      "a", 1, 7 },
    { "number/just-beyond-double", "[1, 1.7976931348623159e308]",
      QAPI_ERROR_OUT_OF_RANGE, "[1]", 1, 5 },
    { "number/small-mantissa-huge-exponent", "[0.00001e314]",
      QAPI_ERROR_OUT_OF_RANGE, "[0]", 1, 2 },
    { "number/long-exponent", "[1e00000000000000000000000400]",
      QAPI_ERROR_OUT_OF_RANGE, "[0]", 1, 2 },
    { "number/error-after-long-exponent", "[1e99999999999999999999, x]",
      QAPI_ERROR_OUT_OF_RANGE, "[0]", 1, 2 },
    /* Escapes. */
    { "escape/in-key-then-unknown", "{\"\\u0061\": \"\\u00e9\\q\"}",
      QAPI_ERROR_SYNTAX, "a", 1, 19 },
    { "escape/unknown", "{\"a\": \"\\x41\"}", QAPI_ERROR_SYNTAX, "a", 1, 8 },
    { "escape/single-quote", "[\"\\'\"]", QAPI_ERROR_SYNTAX, "[0]", 1, 3 },
    { "escape/short-u", "[\"\\u12\"]", QAPI_ERROR_SYNTAX, "[0]", 1, 3 },
    { "escape/bad-hex", "[\"\\u12g4\"]", QAPI_ERROR_SYNTAX, "[0]", 1, 3 },
    { "escape/u0000", "{\"a\": \"x\\u0000y\"}", QAPI_ERROR_SYNTAX, "a", 1, 9 },
    { "escape/u0000-in-key", "{\"a\\u0000b\": 1}", QAPI_ERROR_SYNTAX, "",
      1, 4 },
    { "surrogate/lone-high", "[\"\\ud800\"]", QAPI_ERROR_SYNTAX, "[0]", 1, 3 },
    { "surrogate/lone-low", "[\"\\udc00\"]", QAPI_ERROR_SYNTAX, "[0]", 1, 3 },
    { "surrogate/high-then-char", "[\"\\ud800A\"]", QAPI_ERROR_SYNTAX, "[0]",
      1, 3 },
    { "surrogate/high-then-high", "[\"\\ud800\\ud800\"]", QAPI_ERROR_SYNTAX,
      "[0]", 1, 3 },
    { "surrogate/reversed", "[\"\\udc00\\ud800\"]", QAPI_ERROR_SYNTAX, "[0]",
      1, 3 },
    /* Raw control characters and invalid UTF-8. */
    { "control/tab", "{\"a\": \"x\ty\"}", QAPI_ERROR_SYNTAX, "a", 1, 9 },
    { "control/newline", "{\"a\": \"x\ny\"}", QAPI_ERROR_SYNTAX, "a", 1, 9 },
    { "control/0x1f", "[\"\x1f\"]", QAPI_ERROR_SYNTAX, "[0]", 1, 3 },
    { "utf8/invalid-byte", "[\"\xff\"]", QAPI_ERROR_SYNTAX, "[0]", 1, 3 },
    { "utf8/overlong", "[\"\xc0\xaf\"]", QAPI_ERROR_SYNTAX, "[0]", 1, 3 },
    { "utf8/overlong-3", "[\"\xe0\x80\xaf\"]", QAPI_ERROR_SYNTAX, "[0]",
      1, 3 },
    { "utf8/surrogate", "[\"\xed\xa0\x80\"]", QAPI_ERROR_SYNTAX, "[0]", 1, 3 },
    { "utf8/beyond-10ffff", "[\"\xf4\x90\x80\x80\"]", QAPI_ERROR_SYNTAX,
      "[0]", 1, 3 },
    { "utf8/truncated", "[\"\xe2\x82\"]", QAPI_ERROR_SYNTAX, "[0]", 1, 3 },
    { "utf8/lone-continuation", "[\"a\x80\"]", QAPI_ERROR_SYNTAX, "[0]",
      1, 4 },
    { "utf8/outside-string", "[1,\xc3\xa9]", QAPI_ERROR_SYNTAX, "[1]", 1, 4 },
    { "utf8/column-counts-characters", "{\"\xc3\xa9\xc3\xa9\": 01}",
      QAPI_ERROR_SYNTAX, "\xc3\xa9\xc3\xa9", 1, 8 },
    /* Lines end at LF, CR LF and a lone CR (old Mac files). */
    { "position/lone-cr", "{\"a\": 1,\r\"a\": 2}",
      QAPI_ERROR_DUPLICATE_MEMBER, "a", 2, 1 },
    { "position/cr-lf-is-one-line", "{\"a\": 1,\r\n \"a\": 2}",
      QAPI_ERROR_DUPLICATE_MEMBER, "a", 2, 2 },
    { "position/cr-cr", "[1,\r\r x]", QAPI_ERROR_SYNTAX, "[1]", 3, 2 },
    { "position/lf-cr", "[1,\n\r x]", QAPI_ERROR_SYNTAX, "[1]", 3, 2 },
    /* Member names in paths: quoted when they would be ambiguous. */
    { "path/dotted-name", "{\"x.y\": tru}", QAPI_ERROR_SYNTAX,
      "[\"x.y\"]", 1, 9 },
    { "path/empty-and-bracket-names", "{\"\": {\"a[0]\": x}}",
      QAPI_ERROR_SYNTAX, "[\"\"][\"a[0]\"]", 1, 15 },
    { "path/control-name", "{\"o\": {\"a\\nb\": 1, \"a\\nb\": 2}}",
      QAPI_ERROR_DUPLICATE_MEMBER, "o[\"a\\nb\"]", 1, 19 },
    /* Whole documents. */
    { "empty", "", QAPI_ERROR_SYNTAX, "", 1, 1 },
    { "whitespace-only", " \n\t\r\n ", QAPI_ERROR_SYNTAX, "", 3, 2 },
    { "bom", "\xef\xbb\xbf{}", QAPI_ERROR_SYNTAX, "", 1, 1 },
    { "two-values", "{} {}", QAPI_ERROR_SYNTAX, "", 1, 4 },
    { "two-scalars", "1 2", QAPI_ERROR_SYNTAX, "", 1, 3 },
    { "trailing-garbage", "{\"a\": 1}x", QAPI_ERROR_SYNTAX, "", 1, 9 },
    { "trailing-comma/object", "{\"a\": 1,}", QAPI_ERROR_SYNTAX, "", 1, 9 },
    { "trailing-comma/array", "[1,]", QAPI_ERROR_SYNTAX, "[1]", 1, 4 },
    { "missing-comma", "[1 2]", QAPI_ERROR_SYNTAX, "[0]", 1, 4 },
    { "missing-colon", "{\"a\" 1}", QAPI_ERROR_SYNTAX, "a", 1, 6 },
    { "unterminated/object", "{\"a\": 1", QAPI_ERROR_SYNTAX, "a", 1, 8 },
    { "unterminated/array", "[1, [2]", QAPI_ERROR_SYNTAX, "[1]", 1, 8 },
    { "unterminated/string", "[\"abc", QAPI_ERROR_SYNTAX, "[0]", 1, 2 },
    { "literal/capitalized", "[True]", QAPI_ERROR_SYNTAX, "[0]", 1, 2 },
    { "literal/truncated", "[nul]", QAPI_ERROR_SYNTAX, "[0]", 1, 2 },
    { "literal/undefined", "{\"a\": undefined}", QAPI_ERROR_SYNTAX, "a",
      1, 7 },
    /* clang-format on */
};

/* qapi_json_parse() must refuse @json (@len bytes; -1: up to its NUL)
 * with @code. */
static void
parse_fails(const char *json, gssize len, QapiErrorCode code)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) node = qapi_json_parse(json, len, NULL, &err);

    g_assert_null(node);
    g_assert_error(err, QAPI_ERROR, (gint)code);
}

static void
test_reject(gconstpointer data)
{
    const RejectCase *c = data;
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(QapiDiagnostics) built_diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(GError) err3 = NULL;
    g_autoptr(Visitor) v = NULL;
    g_autoptr(QapiJsonDocument) doc = NULL;
    const QapiDiagnostic *checked, *built;

    v = qapi_json_input_visitor_new(c->json, -1, "t.json", QAPI_INPUT_STRICT,
                                    diags, &err);
    g_assert_null(v);
    assert_gerror(err, c->code, c->path);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR, c->code,
                c->path, c->line, c->col);
    g_assert_cmpstr(qapi_diagnostics_get(diags, 0)->filename, ==, "t.json");

    /* qapi_json_parse applies the same rules. */
    parse_fails(c->json, -1, c->code);

    /* Building the tree (a kept document) finds what checking found. */
    doc = qapi_json_document_parse(c->json, -1, "t.json", built_diags, &err3);
    g_assert_null(doc);
    g_assert_cmpstr(err3->message, ==, err->message);
    g_assert_cmpuint(qapi_diagnostics_get_length(built_diags), ==, 1);
    checked = qapi_diagnostics_get(diags, 0);
    built = qapi_diagnostics_get(built_diags, 0);
    g_assert_cmpint(built->code, ==, checked->code);
    g_assert_cmpstr(built->path, ==, checked->path);
    g_assert_cmpint(built->line, ==, checked->line);
    g_assert_cmpint(built->column, ==, checked->column);
    g_assert_cmpstr(built->message, ==, checked->message);
}

/* A NUL byte inside the given length is not JSON either. */
static void
test_reject_nul_byte(void)
{
    static const char json[] = "[\"a\0b\"]";

    parse_fails(json, sizeof(json) - 1, QAPI_ERROR_SYNTAX);
    parse_fails("[1]\0", 4, QAPI_ERROR_SYNTAX);
}

static char *
nested(int depth, const char *open, const char *close)
{
    GString *s = g_string_new(NULL);

    for (int i = 0; i < depth; i++) {
        g_string_append(s, open);
    }
    g_string_append(s, "1");
    for (int i = 0; i < depth; i++) {
        g_string_append(s, close);
    }
    return g_string_free(s, FALSE);
}

static void
test_depth_limit(void)
{
    g_autofree char *ok = nested(QAPI_JSON_MAX_DEPTH, "[", "]");
    g_autofree char *deep = nested(QAPI_JSON_MAX_DEPTH + 1, "[", "]");
    g_autofree char *deep_obj = nested(QAPI_JSON_MAX_DEPTH + 1, "{\"k\":", "}");
    g_autofree char *very_deep = nested(200000, "[", "]");
    g_autoptr(GError) err = NULL;
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(JsonNode) node = qapi_json_parse(ok, -1, NULL, &err);
    g_autoptr(Visitor) v = NULL;
    g_autofree char *path = NULL;

    g_assert_no_error(err);
    g_assert_nonnull(node);
    g_clear_pointer(&node, json_node_unref);

    parse_fails(deep, -1, QAPI_ERROR_TOO_DEEP);

    /* Objects count the same, and the path says where. */
    v = qapi_json_input_visitor_new(deep_obj, -1, NULL, QAPI_INPUT_STRICT,
                                    diags, &err);
    g_assert_null(v);
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TOO_DEEP);
    g_clear_error(&err);
    path = g_strjoinv(
        ".", (char *[]){ "k", "k", "k", "k", "k", "k", "k", "k", "k", "k", "k",
                         "k", "k", "k", "k", "k", "k", "k", "k", "k", "k", "k",
                         "k", "k", "k", "k", "k", "k", "k", "k", "k", "k", "k",
                         "k", "k", "k", "k", "k", "k", "k", "k", "k", "k", "k",
                         "k", "k", "k", "k", "k", "k", "k", "k", "k", "k", "k",
                         "k", "k", "k", "k", "k", "k", "k", "k", "k", NULL });
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_TOO_DEEP, path, 1, 0);

    /* Far deeper than json-glib survives: an error, not a crash. */
    parse_fails(very_deep, -1, QAPI_ERROR_TOO_DEEP);
}

static void
test_size_limits(void)
{
    gsize n = QAPI_JSON_MAX_STRING_LENGTH + 1;
    g_autofree char *big = g_malloc(n + 3);
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) node = NULL;
    GString *arr;

    big[0] = '"';
    memset(big + 1, 'a', n);
    big[n + 1] = '"';
    big[n + 2] = '\0';
    parse_fails(big, -1, QAPI_ERROR_TOO_LARGE);

    /* Exactly at the limit is fine. */
    big[n] = '"';
    big[n + 1] = '\0';
    node = qapi_json_parse(big, -1, NULL, &err);
    g_assert_no_error(err);
    g_assert_cmpuint(strlen(json_node_get_string(node)), ==, n - 1);
    g_clear_pointer(&node, json_node_unref);

    arr = g_string_sized_new(2 * QAPI_JSON_MAX_ARRAY_LENGTH + 8);
    g_string_append_c(arr, '[');
    for (guint i = 0; i <= QAPI_JSON_MAX_ARRAY_LENGTH; i++) {
        g_string_append(arr, i ? ",0" : "0");
    }
    g_string_append_c(arr, ']');
    parse_fails(arr->str, arr->len, QAPI_ERROR_TOO_LARGE);
    g_string_free(arr, TRUE);
}

/* The string limit counts unescaped bytes: "\\u00e9" is two of them,
 * "\\n" one, whether the tree is built or the text only checked. */
static void
test_size_limit_escaped(void)
{
    static const char *const escapes[] = { "\\u00e9", "\\n\\u00e9\\t" };
    static const guint widths[] = { 2, 4 };

    for (guint e = 0; e < G_N_ELEMENTS(escapes); e++) {
        guint n = QAPI_JSON_MAX_STRING_LENGTH / widths[e];

        for (int over = 0; over < 2; over++) {
            g_autoptr(GString) json = g_string_new("[\"");
            g_autoptr(GError) err = NULL;
            g_autoptr(GError) err2 = NULL;
            g_autoptr(Visitor) v = NULL;
            g_autoptr(JsonNode) node = NULL;

            for (guint i = 0; i < n; i++) {
                g_string_append(json, escapes[e]);
            }
            g_string_append(json, over ? "x\"]" : "\"]");
            v = qapi_json_input_visitor_new(json->str, json->len, NULL,
                                            QAPI_INPUT_STRICT, NULL, &err);
            node = qapi_json_parse(json->str, json->len, NULL, &err2);
            if (over) {
                g_assert_null(v);
                assert_gerror(err, QAPI_ERROR_TOO_LARGE, "[0]");
                g_assert_null(node);
                g_assert_error(err2, QAPI_ERROR, QAPI_ERROR_TOO_LARGE);
            } else {
                g_assert_no_error(err);
                g_assert_nonnull(v);
                g_assert_no_error(err2);
                g_assert_cmpuint(strlen(json_array_get_string_element(
                                     json_node_get_array(node), 0)),
                                 ==, QAPI_JSON_MAX_STRING_LENGTH);
            }
        }
    }
}

static void
test_input_size_limit(void)
{
    gsize n = QAPI_JSON_MAX_INPUT_SIZE + 1;
    /* Refused before a byte is read, so the content does not matter. */
    g_autofree char *data = g_malloc(n);

    memset(data, ' ', n);
    parse_fails(data, n, QAPI_ERROR_TOO_LARGE);
}

/* ---- what must be accepted -------------------------------------------- */

static JsonNode *
parse_ok(const char *json)
{
    g_autoptr(GError) err = NULL;
    JsonNode *node = qapi_json_parse(json, -1, NULL, &err);

    g_assert_no_error(err);
    g_assert_nonnull(node);
    return node;
}

static void
test_accept_literals(void)
{
    g_autoptr(JsonNode) t = parse_ok(" true ");
    g_autoptr(JsonNode) f = parse_ok("false");
    g_autoptr(JsonNode) n = parse_ok("\r\n\tnull\n");

    g_assert_true(json_node_get_boolean(t));
    g_assert_false(json_node_get_boolean(f));
    g_assert_true(JSON_NODE_HOLDS_NULL(n));
}

static void
test_accept_strings(void)
{
    g_autoptr(JsonNode) a = parse_ok("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"");
    g_autoptr(JsonNode) b = parse_ok("\"\\u00e9\\u20AC\\ud83d\\ude00\"");
    g_autoptr(JsonNode) c = parse_ok("\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"
                                     "\x7f\"");
    g_autoptr(JsonNode) d = parse_ok("\"\\u0001\\u001f\"");
    g_autoptr(JsonNode) e = parse_ok("\"\"");

    g_assert_cmpstr(json_node_get_string(a), ==, "\"\\/\b\f\n\r\t");
    g_assert_cmpstr(json_node_get_string(b), ==,
                    "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    g_assert_cmpstr(json_node_get_string(c), ==,
                    "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\x7f");
    g_assert_cmpstr(json_node_get_string(d), ==, "\x01\x1f");
    g_assert_cmpstr(json_node_get_string(e), ==, "");
}

static void
test_accept_numbers(void)
{
    static const struct {
        const char *json;
        bool is_int;
        gint64 i;
        double d;
    } cases[] = {
        { "0", true, 0, 0 },
        { "-0", true, 0, 0 },
        { "42", true, 42, 0 },
        { "-9223372036854775808", true, INT64_MIN, 0 },
        { "9223372036854775807", true, INT64_MAX, 0 },
        { "1.5", false, 0, 1.5 },
        { "-0.25", false, 0, -0.25 },
        { "1e2", false, 0, 100 },
        { "1E+2", false, 0, 100 },
        { "25e-2", false, 0, 0.25 },
        { "0.0", false, 0, 0 },
        { "1e-400", false, 0, 0 },
        { "123456789012345678901234567890", false, 0,
          123456789012345678901234567890.0 },
        /* At the top of a double's range, however written. */
        { "1.7976931348623157e308", false, 0, DBL_MAX },
        { "-17976931348623157e292", false, 0, -DBL_MAX },
        { "0.000017976931348623157e313", false, 0, DBL_MAX },
        { "1e308", false, 0, 1e308 },
        { "0e99999999999999999999", false, 0, 0 },
        { "-1e-99999999999999999999", false, 0, -0.0 },
    };

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(JsonNode) n = parse_ok(cases[i].json);
        g_autoptr(Visitor) v = strict_input(cases[i].json);

        if (cases[i].is_int) {
            g_assert_cmpint(json_node_get_value_type(n), ==, G_TYPE_INT64);
            g_assert_cmpint(json_node_get_int(n), ==, cases[i].i);
        } else {
            g_assert_cmpint(json_node_get_value_type(n), ==, G_TYPE_DOUBLE);
            g_assert_cmpfloat(json_node_get_double(n), ==, cases[i].d);
        }
    }
}

/* Integers of 309 digits: DBL_MAX written out is a number, ten times
 * more is not (both when checking and when building the tree). */
static void
test_long_integers(void)
{
    g_autofree char *max = g_strdup_printf("%.0f", DBL_MAX);
    g_autofree char *beyond = g_strdup_printf("[%s0]", max);
    g_autoptr(JsonNode) n = parse_ok(max);
    g_autoptr(Visitor) v = strict_input(max);
    g_autoptr(GError) err = NULL;
    g_autoptr(GError) err2 = NULL;
    g_autoptr(Visitor) v2 = NULL;
    g_autoptr(JsonNode) n2 = NULL;

    g_assert_cmpuint(strlen(max), ==, 309);
    g_assert_cmpfloat(json_node_get_double(n), ==, DBL_MAX);
    v2 = qapi_json_input_visitor_new(beyond, -1, NULL, QAPI_INPUT_STRICT, NULL,
                                     &err);
    g_assert_null(v2);
    assert_gerror(err, QAPI_ERROR_OUT_OF_RANGE, "[0]");
    n2 = qapi_json_parse(beyond, -1, NULL, &err2);
    g_assert_null(n2);
    g_assert_error(err2, QAPI_ERROR, QAPI_ERROR_OUT_OF_RANGE);
}

/* Many members, none repeated: the hash table path says nothing. */
static void
test_accept_many_members(void)
{
    GString *json = g_string_new("{");
    g_autoptr(JsonNode) n = NULL;

    for (int i = 0; i < 1000; i++) {
        g_string_append_printf(json, "%s\"k%d\": {\"k%d\": %d}", i ? "," : "",
                               i, i, i);
    }
    g_string_append(json, "}");
    n = parse_ok(json->str);
    g_assert_cmpuint(json_object_get_size(json_node_get_object(n)), ==, 1000);
    g_string_free(json, TRUE);
}

/* A repeated key in an object big enough for the key table to grow, and
 * one repeating a key from before the table existed. */
static void
test_reject_many_members(void)
{
    static const char *const repeats[] = { "k700", "k3" };

    for (guint r = 0; r < G_N_ELEMENTS(repeats); r++) {
        g_autoptr(GString) json = g_string_new("{");
        g_autoptr(GError) err = NULL;
        g_autoptr(Visitor) v = NULL;

        for (int i = 0; i < 1200; i++) {
            g_string_append_printf(json, "%s\"k%d\": %d", i ? "," : "", i, i);
        }
        g_string_append_printf(json, ", \"%s\": 0}", repeats[r]);
        v = qapi_json_input_visitor_new(json->str, -1, "t.json",
                                        QAPI_INPUT_STRICT, NULL, &err);
        g_assert_null(v);
        assert_gerror(err, QAPI_ERROR_DUPLICATE_MEMBER, repeats[r]);
    }
}

static void
test_accept_containers(void)
{
    g_autoptr(JsonNode) n = parse_ok(
        "{ \"a\" : [ 1 , { } , [ ] , \"x\" ] ,\n\"b\":{\"c\":null},"
        "\"\":true, \"A\": 2}");
    JsonObject *o = json_node_get_object(n);
    JsonArray *a = json_object_get_array_member(o, "a");
    g_autoptr(GList) names = json_object_get_members(o);

    g_assert_cmpuint(json_object_get_size(o), ==, 4);
    /* Member order is document order. */
    g_assert_cmpstr(g_list_nth_data(names, 0), ==, "a");
    g_assert_cmpstr(g_list_nth_data(names, 1), ==, "b");
    g_assert_cmpstr(g_list_nth_data(names, 2), ==, "");
    g_assert_cmpstr(g_list_nth_data(names, 3), ==, "A");
    g_assert_cmpuint(json_array_get_length(a), ==, 4);
    g_assert_cmpint(json_array_get_int_element(a, 0), ==, 1);
    g_assert_cmpuint(json_object_get_size(json_array_get_object_element(a, 1)),
                     ==, 0);
    g_assert_cmpuint(json_array_get_length(json_array_get_array_element(a, 2)),
                     ==, 0);
    g_assert_cmpstr(json_array_get_string_element(a, 3), ==, "x");
    g_assert_true(json_object_get_null_member(
        json_object_get_object_member(o, "b"), "c"));
}

/* Length-delimited input need not be NUL-terminated. */
static void
test_accept_unterminated_buffer(void)
{
    char buf[] = { '[', '1', '.', '5', ',', '2', ']', 'X' };
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) n = qapi_json_parse(buf, 7, NULL, &err);

    g_assert_no_error(err);
    g_assert_cmpfloat(json_array_get_double_element(json_node_get_array(n), 0),
                      ==, 1.5);
    g_clear_pointer(&n, json_node_unref);
    n = qapi_json_parse(buf + 1, 3, NULL, &err);
    g_assert_no_error(err);
    g_assert_cmpfloat(json_node_get_double(n), ==, 1.5);
}

/* Text from the document is escaped in messages: one problem, one line. */
static void
test_error_message_escaped(void)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) n = qapi_json_parse(
        "{\"\\u001b[31mred\\n\": 1,\n \"\\u001b[31mred\\n\": 2}", -1, "d.json",
        &err);

    g_assert_null(n);
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_DUPLICATE_MEMBER);
    g_assert_cmpstr(err->message, ==,
                    "d.json:2:2: [\"\\u001b[31mred\\n\"]: duplicate member "
                    "'\\u001b[31mred\\n'");
}

static void
test_error_format(void)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) n = qapi_json_parse("{\n  \"a\": {\"b\": tru}\n}", -1,
                                            "doc.json", &err);

    g_assert_null(n);
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_SYNTAX);
    g_assert_true(g_str_has_prefix(err->message, "doc.json:2:14: a.b: "));
}

/*
 * Big documents (several arena chunks each) parsed in threads at once
 * and freed in other threads: every parse reads the same tree and the
 * same positions, whatever chunks and stacks the thread's reader kept
 * from its earlier parses or got back from documents freed there (under
 * valgrind and ASan, also that none of them is shared or lost).
 */
#define BIG_THREADS 4
#define BIG_PARSES  3

/* About @entries entries like introspection data, with non-ASCII text,
 * escapes, a line break every few entries; entry i's "name" is "e<i>". */
static char *
big_document(guint entries)
{
    GString *s = g_string_new("[");

    for (guint i = 0; i < entries; i++) {
        g_string_append_printf(s,
                               "%s{\"name\": \"e%u\", \"meta-type\": "
                               "\"object\", \"note\": \"caf\u00e9 \\u00e9 "
                               "\\\"q\\\" \xe2\x82\xac\", \"members\": "
                               "[{\"name\": \"m\", \"type\": \"int\", "
                               "\"default\": null}, {\"name\": \"n\", "
                               "\"type\": \"%u\"}], \"size\": %u}",
                               i ? (i % 7 ? ", " : ",\n  ") : "", i, i, i * 31);
    }
    g_string_append(s, "]\n");
    return g_string_free(s, FALSE);
}

typedef struct BigRun {
    const char *text;
    JsonNode *expected;
    int line, column;  /* of [last].members[1].type */
    char *last;        /* that path */
    GAsyncQueue *docs; /* parsed here, freed by the main thread */
} BigRun;

static gpointer
big_parse_thread(gpointer data)
{
    BigRun *run = data;

    for (int k = 0; k < BIG_PARSES; k++) {
        g_autoptr(GError) err = NULL;
        g_autoptr(JsonNode) node = qapi_json_parse(run->text, -1, NULL, &err);
        QapiJsonDocument *doc;
        int line = 0, column = 0;

        g_assert_no_error(err);
        g_assert_true(json_node_equal(node, run->expected));
        doc = qapi_json_document_parse(run->text, -1, NULL, NULL, &err);
        g_assert_no_error(err);
        g_assert_true(
            qapi_json_document_locate(doc, run->last, &line, &column));
        g_assert_cmpint(line, ==, run->line);
        g_assert_cmpint(column, ==, run->column);
        g_async_queue_push(run->docs, doc);
    }
    return NULL;
}

static void
test_big_in_threads(void)
{
    const guint entries = 1500;
    g_autofree char *text = big_document(entries);
    g_autoptr(GError) err = NULL;
    g_autoptr(QapiJsonDocument) first = NULL;
    GThread *threads[BIG_THREADS];
    BigRun run = { .text = text };
    const char *at;

    g_assert_cmpuint(strlen(text), >, 2 * 64 * 1024);
    run.expected = qapi_json_parse(text, -1, NULL, &err);
    g_assert_no_error(err);
    g_assert_cmpuint(json_array_get_length(json_node_get_array(run.expected)),
                     ==, entries);
    /* Where the last entry's second member's "type" value is, by hand. */
    at = strstr(text, "\"type\": \"1499\"") + strlen("\"type\": ");
    run.line = 1;
    for (const char *p = text; p < at; p++) {
        run.line += *p == '\n';
    }
    run.column = 1;
    for (const char *p = at; p > text && p[-1] != '\n'; p--) {
        run.column += ((guchar)p[-1] & 0xC0) != 0x80;
    }
    run.last = g_strdup_printf("[%u].members[1].type", entries - 1);
    first = qapi_json_document_parse(text, -1, NULL, NULL, &err);
    g_assert_no_error(err);
    {
        int line = 0, column = 0;

        g_assert_true(
            qapi_json_document_locate(first, run.last, &line, &column));
        g_assert_cmpint(line, ==, run.line);
        g_assert_cmpint(column, ==, run.column);
    }
    run.docs = g_async_queue_new();
    for (int i = 0; i < BIG_THREADS; i++) {
        threads[i] = g_thread_new("parse", big_parse_thread, &run);
    }
    for (int i = 0; i < BIG_THREADS * BIG_PARSES; i++) {
        qapi_json_document_unref(g_async_queue_pop(run.docs));
    }
    for (int i = 0; i < BIG_THREADS; i++) {
        g_thread_join(threads[i]);
    }
    g_async_queue_unref(run.docs);
    json_node_unref(run.expected);
    g_free(run.last);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(reject_cases); i++) {
        g_autofree char *path = g_strdup_printf("/json-reader/reject/%s",
                                                reject_cases[i].name);

        g_test_add_data_func(path, &reject_cases[i], test_reject);
    }
    g_test_add_func("/json-reader/reject/nul-byte", test_reject_nul_byte);
    g_test_add_func("/json-reader/reject/depth-limit", test_depth_limit);
    g_test_add_func("/json-reader/reject/many-members",
                    test_reject_many_members);
    g_test_add_func("/json-reader/reject/size-limits", test_size_limits);
    g_test_add_func("/json-reader/reject/size-limit-escaped",
                    test_size_limit_escaped);
    g_test_add_func("/json-reader/reject/input-size-limit",
                    test_input_size_limit);
    g_test_add_func("/json-reader/accept/literals", test_accept_literals);
    g_test_add_func("/json-reader/accept/strings", test_accept_strings);
    g_test_add_func("/json-reader/accept/numbers", test_accept_numbers);
    g_test_add_func("/json-reader/accept/long-integers", test_long_integers);
    g_test_add_func("/json-reader/accept/containers", test_accept_containers);
    g_test_add_func("/json-reader/accept/many-members",
                    test_accept_many_members);
    g_test_add_func("/json-reader/accept/unterminated-buffer",
                    test_accept_unterminated_buffer);
    g_test_add_func("/json-reader/accept/big-in-threads", test_big_in_threads);
    g_test_add_func("/json-reader/error-format", test_error_format);
    g_test_add_func("/json-reader/error-message-escaped",
                    test_error_message_escaped);
    return g_test_run();
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The input visitor over text (lazy: the text checked, then read as the
 * visit asks) against the same visitor over the reader's tree of the same
 * text (a kept document), on many generated documents: valid ones written
 * with members shuffled, duplicated, unknown or of the wrong type, keys and
 * strings escaped, non-ASCII text, every kind of line end; each of them
 * also truncated and with a byte inserted or deleted at every position;
 * nesting at and beyond the limit; trailing data.  Every type of the test
 * schema, strict and tolerant, with and without the union table and with
 * the other policy actions, stopping at the first error and collecting:
 * the same success, the same error (code, message with FILE:LINE:COL and
 * path), the same diagnostics in the same order, the same verdict and
 * unknown values, and the same typed result (written back as text).
 */
#include <string.h>

#include "qapi/qapi.h"
#include "qapi-visit.h"
#include "test-schema-policies.h"
#include "decode-outcome.h"

static const struct {
    const char *name;
    VisitFn visit;
} types[] = {
    { "TestDoc", VISIT(TestDoc) },
    { "TestUnion", VISIT(TestUnion) },
    { "TestOuter", VISIT(TestOuter) },
    { "TestScalars", VISIT(TestScalars) },
    { "TestAltHolder", VISIT(TestAltHolder) },
    { "TestUnionOrNum", VISIT(TestUnionOrNum) },
    { "TestPaint", VISIT(TestPaint) },
    { "TestKindHolder", VISIT(TestKindHolder) },
    { "TestUnionList", VISIT(TestUnionList) },
};

/* The other actions: missing members warned, unknown values marking the
 * document unsupported, members of another branch errors (a missing
 * alternate is an error all the same: it has no branch to visit). */
static const QapiInputPolicy lenient = {
    .unknown_member = QAPI_INPUT_WARN,
    .other_branch = QAPI_INPUT_ERROR,
    .unknown_value = QAPI_INPUT_UNSUPPORTED,
    .missing_member = QAPI_INPUT_WARN,
    .unions = test_schema_qapi_unions,
};

/* NULL: as the flags say. */
static const QapiInputPolicy *const policies[] = {
    NULL,
    &strict_unions,
    &tolerant_unions,
    &lenient,
};

static guint n_compared;

/* Under memcheck (check-valgrind runs tests through FWDESC_TEST_WRAPPER) a
 * sample: about a tenth of the documents, the whole run elsewhere. */
static bool sampled;

/* Decode @text as type @t both ways in every mode: the same outcome. */
static void
compare(const char *text, gssize len, guint t)
{
    for (guint p = 0; p < G_N_ELEMENTS(policies); p++) {
        for (int flags = 0; flags <= QAPI_INPUT_TOLERANT; flags++) {
            for (int collecting = 0; collecting < 2; collecting++) {
                g_autofree char *a = NULL;
                g_autofree char *b = NULL;

                if (!decode_both(text, len, "t.json", flags, 0, policies[p],
                                 collecting, types[t].visit, &a, &b)) {
                    g_autofree char *shown = g_strndup(
                        text, len < 0 ? strlen(text) : (size_t)len);

                    g_test_message("%s, policy %u, flags %d, collecting %d, "
                                   "text:\n%s\nlazy:\n%stree:\n%s",
                                   types[t].name, p, flags, collecting, shown,
                                   a, b);
                    g_test_fail();
                    return;
                }
                n_compared++;
            }
        }
    }
}

/* ---- generating documents ---------------------------------------------- */

/* Valid (or nearly) documents of each type, the seeds of the rest. */
static const struct {
    guint type;
    const char *text;
} seeds[] = {
    { 0, "{\"outer\": {\"id\": 1, \"inner\": {\"name\": \"in\", \"color\": "
         "\"red\"}, \"tags\": [\"a\", \"b\\n\\u00e9\"], \"colors\": [\"blue\", "
         "\"green\"], \"items\": [{\"name\": \"x\"}, {\"name\": \"y\", "
         "\"color\": \"blue\"}], \"numbers\": [1, -2, 127], \"extra\": "
         "{\"k\": [1, 2.5, null, true, \"s\"]}, \"nothing\": null}, "
         "\"unions\": [{\"kind\": \"file\", \"path\": \"/p\", \"ro\": true}, "
         "{\"kind\": \"net\", \"host\": \"h\", \"port\": 80, \"label\": "
         "\"l\"}, {\"kind\": \"nested\", \"sub\": \"beta\", \"depth\": 2, "
         "\"b\": \"bee\"}], \"alt\": {\"name\": \"o\"}, \"holder\": {\"alt\": "
         "5, \"alts\": [true, null, {\"name\": \"q\"}], \"alt2\": [1, 2]}}" },
    { 1, "{\"kind\": \"nested\", \"label\": \"\xc3\xa9t\xc3\xa9\", \"sub\": "
         "\"alpha\", \"depth\": 1, \"a\": -9}" },
    { 1, "{\"port\": 8080, \"host\": \"example\", \"kind\": \"net\"}" },
    { 2,
      "{\"id\": 9007199254740993, \"inner\": {\"name\": \"\\ud83d\\ude00\"}, "
      "\"tags\": [], \"more\": {\"name\": \"m\", \"color\": \"mauve\"}, "
      "\"old\": 3, \"fresh\": \"f\"}" },
    { 3, "{\"i\": -1, \"i8\": -128, \"i16\": 32767, \"i32\": -2147483648, "
         "\"i64\": -9223372036854775808, \"u8\": 255, \"u16\": 65535, \"u32\": "
         "4294967295, \"u64\": 18446744073709551615, \"sz\": 0, \"b\": false, "
         "\"s\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"n\": 1.5e300, \"opt-int\": "
         "0, \"opt-str\": \"\", \"opt-color\": \"green\"}" },
    { 4, "{\"alt\": {\"name\": \"n\", \"color\": \"red\"}, \"alts\": [1, "
         "false, null], \"alt2\": \"s\"}" },
    { 5, "{\"kind\": \"file\", \"path\": \"/x\"}" },
    { 5, "42" },
    { 6, "{\"color\": \"blue\", \"coats\": 2, \"inner\": {\"name\": \"i\"}}" },
    { 7, "{\"kind\": \"bogus\", \"count\": 3}" },
    { 8, "[{\"kind\": \"file\", \"path\": \"a\"}, {\"kind\": \"teleport\", "
         "\"x\": 1}, {\"kind\": \"net\", \"host\": \"h\", \"port\": 70000}]" },
    { 1, "{\"kind\": \"file\", \"path\": \"/p\", \"host\": \"h\"}" },
    { 0, "{\"outer\": {\"id\": 1, \"inner\": {\"name\": 5}, \"tags\": [\"a\"], "
         "\"colors\": [\"red\", \"puce\", \"blue\"]}, \"unions\": "
         "[{\"kind\": 7}]}" },
};

static GRand *rng;

static const char *const spaces[] = { "",   " ",  "\n",    "\r\n",
                                      "\r", "\t", "  \n  " };

static void
space(GString *out)
{
    if (g_rand_int_range(rng, 0, 3) == 0) {
        g_string_append(out,
                        spaces[g_rand_int_range(rng, 0, G_N_ELEMENTS(spaces))]);
    }
}

/* @s as a JSON string, some characters escaped at random. */
static void
write_string(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (const char *p = s; *p; p++) {
        guchar c = *p;

        if (c == '"' || c == '\\') {
            g_string_append_printf(out, "\\%c", c);
        } else if (c < 0x20) {
            g_string_append_printf(out, "\\u%04x", c);
        } else if (c < 0x80 && g_rand_int_range(rng, 0, 8) == 0) {
            g_string_append_printf(out, "\\u%04X", c);
        } else if (c == '/' && g_rand_boolean(rng)) {
            g_string_append(out, "\\/");
        } else {
            g_string_append_c(out, c);
        }
    }
    g_string_append_c(out, '"');
}

static void write_node(GString *out, JsonNode *node, int depth);

/* A value that fits nowhere in particular. */
static void
write_random(GString *out, int depth)
{
    static const char *const values[] = {
        "0",
        "-1",
        "1e3",
        "\"red\"",
        "\"\"",
        "true",
        "null",
        "[]",
        "{}",
        "[1, \"x\"]",
        "{\"name\": \"z\"}",
        "18446744073709551616",
        "\"\xe2\x82\xac\"",
    };

    if (depth < 3 && g_rand_int_range(rng, 0, 6) == 0) {
        g_string_append(out, "{\"deep\": ");
        write_random(out, depth + 1);
        g_string_append_c(out, '}');
        return;
    }
    g_string_append(out,
                    values[g_rand_int_range(rng, 0, G_N_ELEMENTS(values))]);
}

static void
write_object(GString *out, JsonObject *obj, int depth)
{
    g_autoptr(GList) names = json_object_get_members(obj);
    guint n = g_list_length(names);
    g_autofree const char **order = g_new0(const char *, n + 1);
    guint i = 0;
    bool first = true;

    for (GList *l = names; l; l = l->next) {
        order[i++] = l->data;
    }
    /* Shuffled sometimes, else in order. */
    for (i = 0; n > 1 && g_rand_int_range(rng, 0, 3) == 0 && i < n; i++) {
        guint j = g_rand_int_range(rng, 0, n);
        const char *tmp = order[i];

        order[i] = order[j];
        order[j] = tmp;
    }
    g_string_append_c(out, '{');
    for (i = 0; i <= n; i++) {
        int what = g_rand_int_range(rng, 0, 40);

        if (i == n && what >= 2) {
            break;
        }
        if (!first) {
            g_string_append_c(out, ',');
        }
        first = false;
        space(out);
        if (i == n || what == 0) {
            /* An unknown member. */
            write_string(out, what == 1 ? "\xc3\xbc"
                                          "ber"
                                        : "zz-unknown");
            g_string_append_c(out, ':');
            space(out);
            write_random(out, depth);
            if (i == n) {
                break;
            }
            g_string_append_c(out, ',');
            space(out);
        }
        write_string(out, order[i]);
        space(out);
        g_string_append_c(out, ':');
        space(out);
        if (what == 3) {
            write_random(out, depth); /* a value of the wrong type */
        } else {
            write_node(out, json_object_get_member(obj, order[i]), depth + 1);
        }
        if (what == 4) {
            /* A duplicate. */
            g_string_append_c(out, ',');
            write_string(out, order[i]);
            g_string_append_c(out, ':');
            write_random(out, depth);
        }
        space(out);
    }
    g_string_append_c(out, '}');
}

static void
write_node(GString *out, JsonNode *node, int depth)
{
    if (JSON_NODE_HOLDS_OBJECT(node)) {
        write_object(out, json_node_get_object(node), depth);
    } else if (JSON_NODE_HOLDS_ARRAY(node)) {
        JsonArray *arr = json_node_get_array(node);

        g_string_append_c(out, '[');
        for (guint i = 0; i < json_array_get_length(arr); i++) {
            if (i) {
                g_string_append_c(out, ',');
            }
            space(out);
            if (g_rand_int_range(rng, 0, 30) == 0) {
                write_random(out, depth);
            } else {
                write_node(out, json_array_get_element(arr, i), depth + 1);
            }
            space(out);
        }
        g_string_append_c(out, ']');
    } else if (JSON_NODE_HOLDS_VALUE(node)
               && json_node_get_value_type(node) == G_TYPE_STRING) {
        write_string(out, json_node_get_string(node));
    } else {
        g_autofree char *text = qapi_json_to_string(node, QAPI_JSON_COMPACT);

        g_string_append(out, text);
    }
}

/* Every seed rewritten many times at random. */
static void
test_rewritten(void)
{
    for (guint s = 0; s < G_N_ELEMENTS(seeds); s++) {
        g_autoptr(GError) err = NULL;
        g_autoptr(JsonNode) node = qapi_json_parse(seeds[s].text, -1, NULL,
                                                   &err);

        g_assert_no_error(err);
        compare(seeds[s].text, -1, seeds[s].type);
        for (int k = 0; k < (sampled ? 25 : 300); k++) {
            g_autoptr(GString) text = g_string_new(NULL);

            space(text);
            write_node(text, node, 0);
            space(text);
            compare(text->str, text->len, seeds[s].type);
            /* As another type, too: most of it is then wrong. */
            compare(text->str, text->len,
                    (seeds[s].type + 1 + k % 3) % G_N_ELEMENTS(types));
            if (g_test_failed()) {
                return;
            }
        }
    }
    g_test_message("%u decodes compared", n_compared);
}

/* Every seed cut short at every byte, and with a byte inserted or deleted
 * at every position: syntax errors everywhere, before and after what the
 * visit would reach first. */
static void
test_broken(void)
{
    static const char inserts[] = "\"{}[],:x\\ \n\r0-.e\x80\xc3";

    for (guint s = 0; s < G_N_ELEMENTS(seeds); s++) {
        const char *text = seeds[s].text;
        size_t len = strlen(text);
        g_autofree char *buf = g_malloc(len + 2);

        for (size_t i = sampled ? s % 7 : 0; i <= len; i += sampled ? 7 : 1) {
            compare(text, i, seeds[s].type);
            if (i < len) {
                memcpy(buf, text, i);
                memcpy(buf + i, text + i + 1, len - i - 1);
                compare(buf, len - 1, seeds[s].type);
            }
            for (size_t c = 0; c < sizeof(inserts) - 1; c += 1 + i % 3) {
                memcpy(buf, text, i);
                buf[i] = inserts[c];
                memcpy(buf + i + 1, text + i, len - i);
                compare(buf, len + 1, seeds[s].type);
            }
            if (g_test_failed()) {
                return;
            }
        }
    }
    g_test_message("%u decodes compared", n_compared);
}

/* Nesting at the limit and one beyond it, in a member the schema does not
 * know and in an 'any' member; trailing data after a valid document. */
static void
test_edges(void)
{
    for (int depth = QAPI_JSON_MAX_DEPTH - 3; depth <= QAPI_JSON_MAX_DEPTH + 1;
         depth++) {
        for (int where = 0; where < 2; where++) {
            g_autoptr(GString) text = g_string_new(
                "{\"id\": 1, \"inner\": {\"name\": \"n\"}, \"tags\": [], ");

            g_string_append(text, where ? "\"extra\": " : "\"zz\": ");
            for (int i = 2; i < depth; i++) {
                g_string_append(text, i % 2 ? "[" : "{\"a\": ");
            }
            g_string_append(text, "0");
            for (int i = depth - 1; i >= 2; i--) {
                g_string_append(text, i % 2 ? "]" : "}");
            }
            g_string_append(text, "}");
            compare(text->str, text->len, 2);
        }
    }
    compare("{\"kind\": \"file\", \"path\": \"p\"} {}", -1, 1);
    compare("{\"kind\": \"file\", \"path\": \"p\"}\r\n\t ", -1, 1);
    compare("{\"kind\": \"file\", \"path\": \"p\"} x", -1, 1);
    compare("\xef\xbb\xbf{}", -1, 1);
    compare("", 0, 1);
    compare(" \n ", -1, 5);
    compare("\"red\"", -1, 5);
    compare("[[[]]]", -1, 8);
    compare("{\"kind\": \"file\", \"path\": \"p\", \"kind\": \"net\"}", -1, 1);
    compare("{\"k\\u0069nd\": \"file\", \"p\\u0061th\": \"p\"}", -1, 1);
}

/*
 * A missing alternate where the policy lets missing members go with a
 * warning: it has no branch to visit, so it is an error (it used to end
 * in an assertion), the same both ways, stopping and collecting.
 */
static void
test_missing_alternate(void)
{
    for (int collecting = 0; collecting < 2; collecting++) {
        g_autoptr(QapiDiagnostics) diags = collecting ? qapi_diagnostics_new()
                                                      : NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(Visitor) v = qapi_json_input_visitor_new(
            "{\"alt2\": \"s\"}", -1, "t.json", QAPI_INPUT_TOLERANT, diags,
            &error);
        g_autofree char *got = NULL;

        g_assert_no_error(error);
        qapi_json_input_visitor_set_policy(v, &lenient);
        got = decode_outcome(v, NULL, VISIT(TestAltHolder), diags);
        g_assert_nonnull(strstr(got, "visit: 0 t.json:1:1: "
                                     "alt: missing required member 'alt'\n"));
        /* one problem, an error, not a warning as well */
        g_assert_null(strstr(got, "missing member 'alt'"));
        compare("{\"alt2\": \"s\"}", -1, 4);
        compare("{\"alts\": [1, \"x\"]}", -1, 4);
    }
}

int
main(int argc, char **argv)
{
    int status;

    g_test_init(&argc, &argv, NULL);
    sampled = g_getenv("FWDESC_TEST_WRAPPER")
              && *g_getenv("FWDESC_TEST_WRAPPER");
    rng = g_rand_new_with_seed(20261128);
    g_test_add_func("/lazy/rewritten", test_rewritten);
    g_test_add_func("/lazy/broken", test_broken);
    g_test_add_func("/lazy/edges", test_edges);
    g_test_add_func("/lazy/missing-alternate", test_missing_alternate);
    status = g_test_run();
    g_rand_free(rng);
    return status;
}

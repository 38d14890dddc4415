/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The small pieces: enum tables, QType names, the 'null' singleton, the
 * diagnostics list and its one message format, the visitor core's
 * bookkeeping, the dealloc visitor on partly built objects.
 */
#include "test-helpers.h"
#include "qapi-visit.h"

static void
test_enum_lookup(void)
{
    g_assert_cmpstr(qapi_enum_lookup(&TestColor_lookup, TEST_COLOR_BLUE), ==,
                    "blue");
    g_assert_null(qapi_enum_lookup(&TestColor_lookup, -1));
    g_assert_null(qapi_enum_lookup(&TestColor_lookup, TEST_COLOR__MAX));
    g_assert_cmpint(qapi_enum_parse(&TestColor_lookup, "green", -1), ==,
                    TEST_COLOR_GREEN);
    g_assert_cmpint(qapi_enum_parse(&TestColor_lookup, "GREEN", -1), ==, -1);
    g_assert_cmpint(qapi_enum_parse(&TestColor_lookup, NULL, 42), ==, 42);
    g_assert_cmpstr(qapi_enum_lookup(&QType_lookup, QTYPE_QDICT), ==, "qdict");
    g_assert_cmpint(QType_lookup.size, ==, QTYPE__MAX);
}

static void
test_qnull(void)
{
    QNull *a = qnull(), *b = qnull();

    g_assert_true(a == b);
    qnull_unref(a);
    g_assert_true(qnull() == a);
}

static void
test_diagnostic_format(void)
{
    static const struct {
        const char *filename;
        const char *path;
        int line, col;
        QapiSeverity sev;
        const char *text;
    } cases[] = {
        { "f.json", "a.b[2]", 3, 7, QAPI_SEVERITY_ERROR,
          "f.json:3:7: a.b[2]: boom" },
        { "f.json", "", 3, 7, QAPI_SEVERITY_ERROR, "f.json:3:7: boom" },
        { NULL, "x", 1, 2, QAPI_SEVERITY_ERROR, "1:2: x: boom" },
        { NULL, "x", 0, 0, QAPI_SEVERITY_ERROR, "x: boom" },
        { "f.json", NULL, 0, 0, QAPI_SEVERITY_ERROR, "f.json: boom" },
        { "f.json", "x", 4, 0, QAPI_SEVERITY_WARNING,
          "f.json:4: x: warning: boom" },
        { NULL, "", 0, 0, QAPI_SEVERITY_ERROR, "boom" },
    };
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        const QapiDiagnostic *d;
        g_autofree char *text = NULL;
        g_autoptr(GError) err = NULL;

        qapi_diagnostics_add(diags, cases[i].sev, QAPI_ERROR_SEMANTIC,
                             cases[i].filename, cases[i].path, cases[i].line,
                             cases[i].col, "%s", "boom");
        d = qapi_diagnostics_get(diags, i);
        text = qapi_diagnostic_format(d);
        g_assert_cmpstr(text, ==, cases[i].text);
        err = qapi_diagnostic_to_gerror(d);
        g_assert_error(err, QAPI_ERROR, QAPI_ERROR_SEMANTIC);
        g_assert_cmpstr(err->message, ==, cases[i].text);
    }
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==,
                     G_N_ELEMENTS(cases));
    g_assert_cmpuint(qapi_diagnostics_count(diags, QAPI_SEVERITY_WARNING), ==,
                     1);
    g_assert_cmpuint(qapi_diagnostics_count(diags, QAPI_SEVERITY_ERROR), ==,
                     G_N_ELEMENTS(cases) - 1);
    g_assert_cmpstr(g_quark_to_string(QAPI_ERROR), ==, "qapi-error-quark");
}

/*
 * Whatever a caller puts into a diagnostic, its formatted text is one line
 * without control characters: they are shown escaped JSON-style, and
 * backslashes are left alone (runtime messages come escaped already).
 */
static void
test_diagnostic_format_escapes(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autofree char *text = NULL;

    qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR, QAPI_ERROR_SEMANTIC,
                         "a\nb.json", "x\ty", 1, 2, "bad '%s' \\n",
                         "\033[2J\r\xc2\x9b\xe2\x80\xa8\x7f\xff");
    text = qapi_diagnostic_format(qapi_diagnostics_get(diags, 0));
    g_assert_cmpstr(text, ==,
                    "a\\nb.json:1:2: x\\ty: bad "
                    "'\\u001b[2J\\r\\u009b\\u2028\\u007f\\xff' \\n");
}

static void
test_visitor_types(void)
{
    g_autoptr(GString) out = g_string_new(NULL);
    JsonNode *node = NULL;
    g_autoptr(Visitor) in = strict_input("1");
    g_autoptr(Visitor) o1 = qapi_json_text_output_visitor_new(QAPI_JSON_COMPACT,
                                                              out);
    g_autoptr(Visitor) o2 = qapi_json_output_visitor_new(&node);
    g_autoptr(Visitor) d = qapi_dealloc_visitor_new();

    g_assert_cmpint(visit_get_type(in), ==, VISITOR_INPUT);
    g_assert_true(visit_is_input(in));
    g_assert_cmpint(visit_get_type(o1), ==, VISITOR_OUTPUT);
    g_assert_cmpint(visit_get_type(o2), ==, VISITOR_OUTPUT);
    g_assert_false(visit_is_input(o2));
    g_assert_true(visit_is_dealloc(d));
    visit_free(NULL);
}

/* qapi_free_X copes with NULL and with objects a failed visit left. */
static void
test_dealloc_partial(void)
{
    TestOuter *o = g_new0(TestOuter, 1);
    TestUnion *u = g_new0(TestUnion, 1);

    qapi_free_TestOuter(NULL);
    qapi_free_TestDoc(NULL);
    o->inner = g_new0(TestInner, 1); /* name still NULL */
    o->tags = g_new0(strList, 1);    /* value still NULL */
    qapi_free_TestOuter(o);
    u->kind = TEST_KIND_NESTED;
    u->u.nested.u.beta.b = g_strdup("x");
    u->u.nested.sub = TEST_SUB_KIND_BETA;
    qapi_free_TestUnion(u);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/util/enum-lookup", test_enum_lookup);
    g_test_add_func("/util/qnull", test_qnull);
    g_test_add_func("/util/diagnostic-format", test_diagnostic_format);
    g_test_add_func("/util/diagnostic-format-escapes",
                    test_diagnostic_format_escapes);
    g_test_add_func("/util/visitor-types", test_visitor_types);
    g_test_add_func("/util/dealloc-partial", test_dealloc_partial);
    return g_test_run();
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The input visitor's policy (qapi/input-policy.h) and the kept document:
 * members of another union branch, unknown enum values dropped, recorded
 * or making the document unsupported, missing members that only warn,
 * stand-ins in partial objects, positions after the visit, one parse.
 */
#include "test-helpers.h"
#include "qapi-visit.h"
#include "test-schema-policies.h"

/* A collecting visitor over @json under @policy (NULL: @flags alone). */
static Visitor *
collect(const char *json, QapiInputFlags flags, const QapiInputPolicy *policy,
        QapiDiagnostics *diags)
{
    g_autoptr(GError) err = NULL;
    Visitor *v = qapi_json_input_visitor_new(json, -1, "t.json", flags, diags,
                                             &err);

    g_assert_no_error(err);
    if (policy) {
        qapi_json_input_visitor_set_policy(v, policy);
    }
    return v;
}

#define FILE_WITH_HOST "{\"kind\": \"file\", \"path\": \"/p\", \"host\": \"h\"}"

/* Strict: an error that names the branch the member belongs to. */
static void
test_other_branch_strict(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(Visitor) v = collect(FILE_WITH_HOST, QAPI_INPUT_STRICT,
                                   &strict_unions, diags);
    g_autoptr(GError) err = NULL;
    g_autoptr(TestUnion) u = NULL;
    const QapiDiagnostic *d;

    g_assert_true(visit_type_TestUnion(v, NULL, &u, &err));
    g_assert_false(qapi_json_input_visitor_finish(v, &err));
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
    d = qapi_diagnostics_get(diags, 0);
    assert_diag(d, QAPI_SEVERITY_ERROR, QAPI_ERROR_UNKNOWN_MEMBER, "host", 1,
                32);
    g_assert_nonnull(strstr(d->message, "'kind' is 'net'"));
    g_assert_nonnull(strstr(d->message, "selected 'file'"));
    g_assert_cmpint(qapi_json_input_visitor_get_verdict(v), ==,
                    QAPI_INPUT_INVALID);

    /* Stop mode: the same error, first. */
    g_clear_error(&err);
    g_clear_pointer(&v, visit_free);
    g_clear_pointer(&u, qapi_free_TestUnion);
    v = collect(FILE_WITH_HOST, QAPI_INPUT_STRICT, &strict_unions, NULL);
    g_assert_false(visit_type_TestUnion(v, NULL, &u, &err));
    assert_gerror(err, QAPI_ERROR_UNKNOWN_MEMBER, "host");
    g_assert_nonnull(strstr(err->message, "'kind' is 'net'"));
}

/* Without the table it is just an unknown member. */
static void
test_other_branch_without_table(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(Visitor) v = collect(FILE_WITH_HOST, QAPI_INPUT_STRICT, NULL,
                                   diags);
    g_autoptr(GError) err = NULL;
    g_autoptr(TestUnion) u = NULL;

    g_assert_true(visit_type_TestUnion(v, NULL, &u, &err));
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
    g_assert_cmpstr(qapi_diagnostics_get(diags, 0)->message, ==,
                    "unknown member 'host'");
}

/* Tolerant: a warning, and the selected branch is read as usual; a nested
 * union's own branches are told too. */
static void
test_other_branch_tolerant(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(Visitor) v = collect(
        "{\"kind\": \"nested\", \"sub\": \"alpha\", \"depth\": 1, \"a\": 2, "
        "\"b\": \"x\", \"port\": 3}",
        QAPI_INPUT_STRICT, &tolerant_unions, diags);
    g_autoptr(GError) err = NULL;
    g_autoptr(TestUnion) u = NULL;

    g_assert_true(visit_type_TestUnion(v, NULL, &u, &err));
    g_assert_true(qapi_json_input_visitor_finish(v, &err));
    g_assert_no_error(err);
    g_assert_cmpint(u->u.nested.u.alpha.a, ==, 2);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 2);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_WARNING,
                QAPI_ERROR_UNKNOWN_MEMBER, "b", 0, 0);
    g_assert_nonnull(
        strstr(qapi_diagnostics_get(diags, 0)->message, "'sub' is 'beta'"));
    assert_diag(qapi_diagnostics_get(diags, 1), QAPI_SEVERITY_WARNING,
                QAPI_ERROR_UNKNOWN_MEMBER, "port", 0, 0);
    g_assert_nonnull(
        strstr(qapi_diagnostics_get(diags, 1)->message, "'kind' is 'net'"));
}

/* Unknown values in a list: dropped and recorded, per enum type. */
static void
test_unknown_value_dropped(void)
{
    static const QapiEnumRule rules[] = {
        { &TestColor_lookup, QAPI_INPUT_DROP },
        { NULL, QAPI_INPUT_DEFAULT },
    };
    static const QapiInputPolicy policy = {
        .unknown_member = QAPI_INPUT_ERROR,
        .unknown_value = QAPI_INPUT_ERROR,
        .enums = rules,
    };
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(Visitor) v = collect(
        "{\"id\": 1, \"inner\": {\"name\": \"n\"}, \"tags\": [],\n"
        " \"colors\": [\"red\", \"pink\", \"blue\", \"teal\"]}",
        QAPI_INPUT_STRICT, &policy, diags);
    g_autoptr(GError) err = NULL;
    g_autoptr(TestOuter) o = NULL;
    const QapiUnknownValue *u;

    g_assert_true(visit_type_TestOuter(v, NULL, &o, &err));
    g_assert_true(qapi_json_input_visitor_finish(v, &err));
    g_assert_cmpint(o->colors->value, ==, TEST_COLOR_RED);
    g_assert_cmpint(o->colors->next->value, ==, TEST_COLOR_BLUE);
    g_assert_null(o->colors->next->next);
    g_assert_cmpuint(qapi_json_input_visitor_get_n_unknown_values(v), ==, 2);
    u = qapi_json_input_visitor_get_unknown_value(v, 1);
    g_assert_true(u->lookup == &TestColor_lookup);
    g_assert_cmpint(u->action, ==, QAPI_INPUT_DROP);
    g_assert_cmpstr(u->path, ==, "colors[3]");
    g_assert_cmpstr(u->value, ==, "teal");
    g_assert_cmpint(u->line, ==, 2);
    g_assert_cmpint(u->column, ==, 36);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_WARNING,
                QAPI_ERROR_UNKNOWN_VALUE, "colors[1]", 2, 20);
    g_assert_cmpint(qapi_json_input_visitor_get_verdict(v), ==,
                    QAPI_INPUT_VALID);
}

static const QapiEnumRule unsupported_rules[] = {
    { &TestColor_lookup, QAPI_INPUT_UNSUPPORTED },
    { &TestKind_lookup, QAPI_INPUT_UNSUPPORTED },
    { NULL, QAPI_INPUT_DEFAULT },
};

static const QapiInputPolicy unsupported_policy = {
    .unknown_member = QAPI_INPUT_WARN,
    .other_branch = QAPI_INPUT_WARN,
    .unknown_value = QAPI_INPUT_ERROR,
    .missing_member = QAPI_INPUT_ERROR,
    .enums = unsupported_rules,
    .unions = test_schema_qapi_unions,
};

/* Unsupported: recorded, the document is unsupported unless something
 * else is wrong too; the enum's stand-in is __MAX. */
static void
test_unknown_value_unsupported(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(Visitor) v = collect("{\"color\": \"pink\", \"coats\": 2}",
                                   QAPI_INPUT_STRICT, &unsupported_policy,
                                   diags);
    g_autoptr(GError) err = NULL;
    g_autoptr(TestPaint) p = NULL;
    const QapiUnknownValue *u;

    g_assert_true(visit_type_TestPaint(v, NULL, &p, &err));
    g_assert_false(qapi_json_input_visitor_finish(v, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_UNKNOWN_VALUE);
    g_assert_cmpint(qapi_json_input_visitor_get_verdict(v), ==,
                    QAPI_INPUT_UNSUPPORTED_DOCUMENT);
    g_assert_cmpint(p->color, ==, TEST_COLOR__MAX);
    g_assert_cmpint(p->coats, ==, 2);
    u = qapi_json_input_visitor_get_unknown_value(v, 0);
    g_assert_cmpstr(u->path, ==, "color");
    g_assert_cmpstr(u->value, ==, "pink");
    g_assert_cmpint(u->action, ==, QAPI_INPUT_UNSUPPORTED);

    /* Something else wrong: invalid. */
    g_clear_error(&err);
    g_clear_pointer(&v, visit_free);
    g_clear_pointer(&p, qapi_free_TestPaint);
    v = collect("{\"color\": \"pink\"}", QAPI_INPUT_STRICT, &unsupported_policy,
                diags);
    g_assert_true(visit_type_TestPaint(v, NULL, &p, &err));
    g_assert_cmpint(qapi_json_input_visitor_get_verdict(v), ==,
                    QAPI_INPUT_INVALID);

    /* Stop mode stops at it, with the same verdict. */
    g_clear_pointer(&v, visit_free);
    g_clear_pointer(&p, qapi_free_TestPaint);
    v = collect("{\"color\": \"pink\", \"coats\": 2}", QAPI_INPUT_STRICT,
                &unsupported_policy, NULL);
    g_assert_false(visit_type_TestPaint(v, NULL, &p, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_UNKNOWN_VALUE);
    g_assert_cmpint(qapi_json_input_visitor_get_verdict(v), ==,
                    QAPI_INPUT_UNSUPPORTED_DOCUMENT);
}

/* An unsupported union tag: nothing else of that object is checked (its
 * members belong to a branch this schema lacks), the rest is. */
static void
test_unsupported_tag(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(Visitor) v = collect(
        "[{\"kind\": \"disk\", \"path\": 5, \"size\": 1},"
        " {\"kind\": \"file\", \"path\": \"/p\"}]",
        QAPI_INPUT_STRICT, &unsupported_policy, diags);
    g_autoptr(GError) err = NULL;
    g_autoptr(TestUnionList) l = NULL;

    g_assert_true(visit_type_TestUnionList(v, NULL, &l, &err));
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                QAPI_ERROR_UNKNOWN_VALUE, "[0].kind", 1, 11);
    g_assert_cmpint(qapi_json_input_visitor_get_verdict(v), ==,
                    QAPI_INPUT_UNSUPPORTED_DOCUMENT);
    /* The union built holds some branch, not the document's. */
    g_assert_false(qapi_json_input_visitor_is_sound(v, l->value));
    g_assert_true(qapi_json_input_visitor_is_sound(v, l->next->value));
    g_assert_cmpstr(l->next->value->u.file.path, ==, "/p");

    /* The next object is checked again. */
    g_clear_pointer(&v, visit_free);
    g_clear_pointer(&l, qapi_free_TestUnionList);
    v = collect("[{\"kind\": \"disk\"}, {\"kind\": \"file\"}]",
                QAPI_INPUT_STRICT, &unsupported_policy, diags);
    g_assert_true(visit_type_TestUnionList(v, NULL, &l, &err));
    g_assert_cmpint(qapi_json_input_visitor_get_verdict(v), ==,
                    QAPI_INPUT_INVALID);
}

/* A missing member the policy lets through: a warning, a stand-in. */
static void
test_missing_member_warns(void)
{
    static const QapiMemberRule members[] = {
        { "coats", QAPI_INPUT_WARN },
        { NULL, QAPI_INPUT_DEFAULT },
    };
    static const QapiInputPolicy policy = {
        .unknown_member = QAPI_INPUT_ERROR,
        .unknown_value = QAPI_INPUT_ERROR,
        .missing_member = QAPI_INPUT_ERROR,
        .members = members,
    };
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(Visitor) v = collect("{\"color\": \"red\"}", QAPI_INPUT_STRICT,
                                   &policy, diags);
    g_autoptr(GError) err = NULL;
    g_autoptr(TestPaint) p = NULL;

    g_assert_true(visit_type_TestPaint(v, NULL, &p, &err));
    g_assert_true(qapi_json_input_visitor_finish(v, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
    assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_WARNING,
                QAPI_ERROR_MISSING_MEMBER, "coats", 1, 1);
    g_assert_false(qapi_json_input_visitor_is_sound(v, &p->coats));
    g_assert_true(qapi_json_input_visitor_is_sound(v, &p->color));

    /* Other members still must be there. */
    g_clear_pointer(&v, visit_free);
    g_clear_pointer(&p, qapi_free_TestPaint);
    v = collect("{\"coats\": 1}", QAPI_INPUT_STRICT, &policy, NULL);
    g_assert_false(visit_type_TestPaint(v, NULL, &p, &err));
    assert_gerror(err, QAPI_ERROR_MISSING_MEMBER, "color");
}

/* Stand-ins in a partial object are told from the document's values. */
static void
test_soundness(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(Visitor) v = collect(
        "{\"id\": \"x\", \"inner\": 3, \"tags\": [], \"colors\": \"red\","
        " \"numbers\": [1]}",
        QAPI_INPUT_STRICT, NULL, diags);
    g_autoptr(GError) err = NULL;
    g_autoptr(TestOuter) o = NULL;

    g_assert_true(visit_type_TestOuter(v, NULL, &o, &err));
    g_assert_false(qapi_json_input_visitor_is_sound(v, &o->id));
    g_assert_false(qapi_json_input_visitor_is_sound(v, &o->inner));
    g_assert_false(qapi_json_input_visitor_is_sound(v, &o->colors));
    g_assert_true(qapi_json_input_visitor_is_sound(v, &o->tags));
    g_assert_true(qapi_json_input_visitor_is_sound(v, &o->numbers));
    g_assert_null(o->colors);
}

/* One parse, kept: positions after the visit, several visits. */
static void
test_document(void)
{
    const char *text = "{\"a\": {\"x.y\": [1,\n  {\"b\": true}]},\n"
                       " \"kind\": \"file\", \"path\": \"/p\"}";
    guint passes = qapi_json_reader_passes();
    g_autoptr(QapiJsonDocument) doc = qapi_json_document_parse(
        text, -1, "d.json", NULL, NULL);
    int line = 0, column = 0;

    g_assert_nonnull(doc);
    g_assert_cmpuint(qapi_json_reader_passes(), ==, passes + 1);
    g_assert_cmpstr(qapi_json_document_get_filename(doc), ==, "d.json");
    g_assert_true(qapi_json_document_locate(doc, "", &line, &column));
    g_assert_cmpint(line, ==, 1);
    g_assert_cmpint(column, ==, 1);
    g_assert_true(
        qapi_json_document_locate(doc, "a[\"x.y\"][1].b", &line, &column));
    g_assert_cmpint(line, ==, 2);
    g_assert_cmpint(column, ==, 9);
    g_assert_true(qapi_json_document_locate(doc, "kind", &line, &column));
    g_assert_cmpint(line, ==, 3);
    g_assert_cmpint(column, ==, 10);
    g_assert_false(qapi_json_document_locate(doc, "a.x", NULL, NULL));
    g_assert_false(qapi_json_document_locate(doc, "a[\"x.y\"][2]", NULL, NULL));
    g_assert_false(qapi_json_document_locate(doc, "kind[0]", NULL, NULL));
    g_assert_false(qapi_json_document_locate(doc, "a[\"x.y\"", NULL, NULL));

    /* Two visits of one document, each sees every member fresh. */
    for (int i = 0; i < 2; i++) {
        g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
        g_autoptr(Visitor) v = qapi_json_input_visitor_new_from_document(
            doc, QAPI_INPUT_STRICT, diags);
        g_autoptr(TestUnion) u = NULL;
        g_autoptr(GError) err = NULL;

        g_assert_true(visit_type_TestUnion(v, NULL, &u, &err));
        g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
        assert_diag(qapi_diagnostics_get(diags, 0), QAPI_SEVERITY_ERROR,
                    QAPI_ERROR_UNKNOWN_MEMBER, "a", 1, 2);
    }
    g_assert_cmpuint(qapi_json_reader_passes(), ==, passes + 1);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/policy/other-branch/strict", test_other_branch_strict);
    g_test_add_func("/policy/other-branch/without-table",
                    test_other_branch_without_table);
    g_test_add_func("/policy/other-branch/tolerant",
                    test_other_branch_tolerant);
    g_test_add_func("/policy/unknown-value/dropped",
                    test_unknown_value_dropped);
    g_test_add_func("/policy/unknown-value/unsupported",
                    test_unknown_value_unsupported);
    g_test_add_func("/policy/unknown-value/unsupported-tag",
                    test_unsupported_tag);
    g_test_add_func("/policy/missing-member", test_missing_member_warns);
    g_test_add_func("/policy/soundness", test_soundness);
    g_test_add_func("/document/kept", test_document);
    return g_test_run();
}

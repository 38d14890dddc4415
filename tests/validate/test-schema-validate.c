/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The introspection-driven validator (qapi/schema-validate.h):
 *  - differential: on the runtime's test schema, every document gets the
 *    same diagnostics (code, severity, path, position, message) and the
 *    same GError from the validator, driven by the schema's introspection
 *    data, as from the generated visitors, strict and tolerant, collecting
 *    and stopping at the first error;
 *  - exact output pinned by hand for each kind of problem;
 *  - schema loading (bare list, reply, transcript; broken data);
 *  - QEMU's collapsed "int" and masked names;
 *  - QMP transcripts: requests, replies by id and by order, errors,
 *    events, greetings, unknown commands.
 */
#include <string.h>

#include "qapi/qapi.h"
#include "qapi/schema-validate.h"
#include "qapi-types.h"
#include "qapi-visit.h"
#include "qapi-introspect-full.h"
#include "qapi-unions-test-schema.h"
#include "tag-policies.h"

static QapiSchema *test_schema;

static TagPolicies tags;

#define RUN_OBJECT(T)                                  \
    static bool run_##T(Visitor *v, GError **errp)     \
    {                                                  \
        T *obj = NULL;                                 \
        bool ok = visit_type_##T(v, NULL, &obj, errp); \
        qapi_free_##T(obj);                            \
        return ok;                                     \
    }

RUN_OBJECT(TestScalars)
RUN_OBJECT(TestInner)
RUN_OBJECT(TestOuter)
RUN_OBJECT(TestUnion)
RUN_OBJECT(TestAlt)
RUN_OBJECT(TestAltHolder)
RUN_OBJECT(TestDoc)
RUN_OBJECT(TestKindHolder)

static bool
run_TestColor(Visitor *v, GError **errp)
{
    TestColor c = 0;

    return visit_type_TestColor(v, NULL, &c, errp);
}

static const struct {
    const char *name;
    TagVisitFn fn;
} types[] = {
    { "TestScalars", run_TestScalars },
    { "TestInner", run_TestInner },
    { "TestOuter", run_TestOuter },
    { "TestUnion", run_TestUnion },
    { "TestAlt", run_TestAlt },
    { "TestAltHolder", run_TestAltHolder },
    { "TestDoc", run_TestDoc },
    { "TestKindHolder", run_TestKindHolder },
    { "TestColor", run_TestColor },
};

/* Every diagnostic, formatted, with its code, one per line. */
static char *
diags_text(const QapiDiagnostics *diags)
{
    GString *s = g_string_new(NULL);

    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        g_autofree char *text = qapi_diagnostic_format(d);

        g_string_append_printf(s, "%s [%d]\n", text, d->code);
    }
    return g_string_free(s, FALSE);
}

/* The generated visitor's verdict on @text; @diags NULL: stop mode. */
static bool
run_generated(TagVisitFn fn, const char *text, QapiInputFlags flags,
              QapiDiagnostics *diags, GError **error)
{
    return tag_policies_run(&tags, fn, text, -1, "doc.json", flags, diags,
                            error);
}

static void
compare_mode(const char *type, TagVisitFn fn, const char *text,
             QapiInputFlags flags, bool collect)
{
    g_autoptr(QapiDiagnostics) da = collect ? qapi_diagnostics_new() : NULL;
    g_autoptr(QapiDiagnostics) db = collect ? qapi_diagnostics_new() : NULL;
    g_autoptr(GError) ea = NULL;
    g_autoptr(GError) eb = NULL;
    bool oka = run_generated(fn, text, flags, da, &ea);
    bool okb = qapi_schema_validate_data(test_schema, QAPI_SCHEMA_TYPE, type,
                                         text, -1, "doc.json", flags, db, &eb);

    if (collect) {
        g_autofree char *ta = diags_text(da);
        g_autofree char *tb = diags_text(db);

        if (strcmp(ta, tb) != 0) {
            g_test_message("%s on %s (flags %d):\ngenerated:\n%s"
                           "validator:\n%s",
                           type, text, flags, ta, tb);
        }
        g_assert_cmpstr(ta, ==, tb);
    }
    g_assert_cmpint(oka, ==, okb);
    g_assert_true(!ea == !eb);
    if (ea) {
        g_assert_cmpint(ea->code, ==, eb->code);
        g_assert_cmpstr(ea->message, ==, eb->message);
    }
}

static const struct {
    const char *type;
    const char *text;
} documents[] = {
    { "TestInner", "{\"name\": \"x\"}" },
    { "TestInner", "{\"name\": \"x\", \"color\": \"blue\"}" },
    { "TestInner", "{\"name\": 1, \"colour\": \"red\", \"z\": []}" },
    { "TestInner", "{}" },
    { "TestInner", "[]" },
    { "TestInner", "{\"name\": \"a\", \"name\": \"b\"}" },
    { "TestInner", "{\"name\": \"a\",}" },
    { "TestInner", "{\"name\": \"a\", \"color\": \"purple\"}" },
    { "TestInner", "{\"name\": \"a\", \"color\": \"mauve\"}" },
    { "TestInner", "{\"name\": \"\\u001b[31m\", \"x\\ny\": 1}" },
    { "TestInner", "" },
    { "TestColor", "\"green\"" },
    { "TestColor", "\"GREEN\"" },
    { "TestColor", "3" },
    { "TestScalars",
      "{\"i\": -9223372036854775808, \"i8\": -128, \"i16\": 32767,"
      " \"i32\": -2147483648, \"i64\": 9223372036854775807, \"u8\": 255,"
      " \"u16\": 65535, \"u32\": 4294967295,"
      " \"u64\": 18446744073709551615, \"sz\": 0, \"b\": true,"
      " \"s\": \"\", \"n\": 1.5e300}" },
    { "TestScalars",
      "{\"i\": 9223372036854775808, \"i8\": 128, \"i16\": -32769,"
      " \"i32\": 2147483648, \"i64\": 1.0, \"u8\": -1, \"u16\": 65536,"
      " \"u32\": 4294967296, \"u64\": 18446744073709551616, \"sz\": -1,"
      " \"b\": 0, \"s\": null, \"n\": \"1\", \"opt-int\": 1e2,"
      " \"opt-str\": false, \"opt-color\": 2}" },
    { "TestScalars", "{\"i\": 1}" },
    { "TestOuter",
      "{\"id\": 1, \"inner\": {\"name\": \"n\"}, \"tags\": [\"a\", \"b\"],"
      " \"colors\": [\"red\", \"pink\", \"blue\", 7],"
      " \"items\": [{\"name\": \"a\"}, {\"nam\": \"b\"}, 3],"
      " \"numbers\": [1, 300, -129], \"extra\": {\"any\": [1, {}]},"
      " \"nothing\": null, \"old\": 1, \"fresh\": \"f\"}" },
    { "TestOuter",
      "{\"id\": \"1\", \"inner\": \"x\", \"more\": [], \"tags\": {},"
      " \"nothing\": 0}" },
    { "TestOuter", "{\"inner\": {\"name\": \"n\", \"deep\": {\"a\": 1}}}" },
    { "TestUnion", "{\"kind\": \"file\", \"path\": \"/p\", \"ro\": true}" },
    { "TestUnion", "{\"kind\": \"net\", \"host\": \"h\", \"port\": 70000,"
                   " \"path\": \"/p\"}" },
    { "TestUnion", "{\"kind\": \"nested\", \"sub\": \"beta\", \"depth\": 2,"
                   " \"b\": \"x\", \"a\": 1}" },
    { "TestUnion", "{\"kind\": \"nested\", \"sub\": \"gamma\","
                   " \"depth\": \"2\", \"a\": 1}" },
    { "TestUnion", "{\"kind\": \"disk\", \"path\": 1, \"label\": 2}" },
    { "TestUnion", "{\"path\": \"/p\"}" },
    { "TestUnion", "{\"kind\": 1, \"host\": \"h\"}" },
    { "TestAlt", "1" },
    { "TestAlt", "1.5" },
    { "TestAlt", "true" },
    { "TestAlt", "null" },
    { "TestAlt", "{\"name\": \"x\", \"y\": 1}" },
    { "TestAlt", "\"str\"" },
    { "TestAlt", "[1]" },
    { "TestAltHolder", "{\"alt\": [], \"alts\": [1, \"x\", {}, false],"
                       " \"alt2\": [1, \"2\"]}" },
    { "TestAltHolder", "{\"alts\": [null, {\"name\": 1}], \"alt2\": 3}" },
    { "TestDoc",
      "{\"outer\": {\"id\": 1, \"inner\": {\"name\": \"n\"}, \"tags\": []},"
      " \"unions\": [{\"kind\": \"file\", \"path\": \"p\"},"
      " {\"kind\": \"net\", \"host\": 1, \"port\": \"x\"}, 5],"
      " \"alt\": {\"name\": \"q\"},"
      " \"holder\": {\"alt\": 1, \"alts\": []}, \"extra\": 1}" },
    { "TestDoc", "{\"outer\": null, \"unions\": null, \"alt\": []}" },
    { "TestKindHolder", "{\"kind\": \"bogus\", \"count\": 1, \"x\": 1}" },
    { "TestKindHolder", "{\"count\": 1.5}" },
};

/* Every document, every mode: the generated visitor's result. */
static void
test_differential(void)
{
    static const QapiInputFlags flags[] = {
        QAPI_INPUT_STRICT,
        QAPI_INPUT_TOLERANT,
    };

    for (guint d = 0; d < G_N_ELEMENTS(documents); d++) {
        TagVisitFn fn = NULL;

        for (guint t = 0; t < G_N_ELEMENTS(types); t++) {
            if (strcmp(types[t].name, documents[d].type) == 0) {
                fn = types[t].fn;
            }
        }
        g_assert_nonnull(fn);
        for (guint f = 0; f < G_N_ELEMENTS(flags); f++) {
            compare_mode(documents[d].type, fn, documents[d].text, flags[f],
                         true);
            compare_mode(documents[d].type, fn, documents[d].text, flags[f],
                         false);
        }
    }
}

/* @type on @text (collect mode): the formatted diagnostics. */
static char *
validate(const QapiSchema *schema, QapiSchemaTarget target, const char *name,
         const char *text, QapiInputFlags flags)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    bool ok = qapi_schema_validate_data(schema, target, name, text, -1,
                                        "doc.json", flags, diags, &err);

    g_assert_true(ok
                  == (qapi_diagnostics_count(diags, QAPI_SEVERITY_ERROR) == 0));
    g_assert_true(ok == !err);
    return diags_text(diags);
}

/* The wording, pinned by hand. */
static void
test_messages(void)
{
    g_autofree char *a = validate(test_schema, QAPI_SCHEMA_TYPE, "TestInner",
                                  "{\"name\": 1, \"colour\": \"red\"}",
                                  QAPI_INPUT_STRICT);
    g_autofree char *b = validate(test_schema, QAPI_SCHEMA_TYPE, "TestInner",
                                  "{\"name\": 1, \"colour\": \"red\"}",
                                  QAPI_INPUT_TOLERANT);
    g_autofree char *c = validate(test_schema, QAPI_SCHEMA_TYPE, "TestUnion",
                                  "{\"kind\": \"net\",\n \"port\": 70000}",
                                  QAPI_INPUT_STRICT);
    g_autofree char *d = validate(
        test_schema, QAPI_SCHEMA_TYPE, "TestAltHolder",
        "{\"alt\": \"s\", \"alt2\": {}}", QAPI_INPUT_STRICT);
    g_autofree char *e = validate(test_schema, QAPI_SCHEMA_TYPE, "TestInner",
                                  "{\"name\": \"a\", \"color\": \"pink\"}",
                                  QAPI_INPUT_STRICT);
    g_autofree char *f = validate(test_schema, QAPI_SCHEMA_TYPE, "TestInner",
                                  "{\"name\": \"a\", \"name\": \"b\"}",
                                  QAPI_INPUT_STRICT);
    g_autofree char *g = validate(test_schema, QAPI_SCHEMA_TYPE, "TestInner",
                                  "{\"name\": 'a'}", QAPI_INPUT_STRICT);

    g_assert_cmpstr(a, ==,
                    "doc.json:1:10: name: expected a string, got a number [4]\n"
                    "doc.json:1:13: colour: unknown member 'colour' [3]\n");
    g_assert_cmpstr(b, ==,
                    "doc.json:1:10: name: expected a string, got a number [4]\n"
                    "doc.json:1:13: colour: warning: unknown member "
                    "'colour' [3]\n");
    g_assert_cmpstr(c, ==,
                    "doc.json:1:1: host: missing required member 'host' [2]\n"
                    "doc.json:2:10: port: integer out of range for uint16 "
                    "(0..65535) [5]\n");
    /* As in generated code, an alternate without a branch for the value
     * ends the visit of the object holding it. */
    g_assert_cmpstr(d, ==,
                    "doc.json:1:9: alt: a string is not a valid value for "
                    "TestAlt [4]\n");
    g_assert_cmpstr(e, ==,
                    "doc.json:1:24: color: invalid value 'pink' (expected one "
                    "of: 'red', 'green', 'blue', 'mauve') [12]\n");
    g_assert_cmpstr(f, ==,
                    "doc.json:1:15: name: duplicate member 'name' [1]\n");
    g_assert_cmpstr(g, ==,
                    "doc.json:1:10: name: single-quoted strings are not "
                    "allowed in JSON [0]\n");
}

/* A QEMU-style schema: collapsed "int", masked names, old enums. */
static const char qemu_schema[] =
    "{\"return\": ["
    "{\"name\": \"query-thing\", \"meta-type\": \"command\","
    " \"arg-type\": \"1\", \"ret-type\": \"[2]\"},"
    "{\"name\": \"stop-thing\", \"meta-type\": \"command\","
    " \"arg-type\": \"0\", \"ret-type\": \"0\", \"allow-oob\": true},"
    "{\"name\": \"THING_DONE\", \"meta-type\": \"event\", \"arg-type\": \"4\"},"
    "{\"name\": \"0\", \"meta-type\": \"object\", \"members\": []},"
    "{\"name\": \"1\", \"meta-type\": \"object\", \"members\":"
    " [{\"name\": \"id\", \"type\": \"int\"},"
    "  {\"name\": \"mode\", \"type\": \"3\", \"default\": null}]},"
    "{\"name\": \"[2]\", \"meta-type\": \"array\", \"element-type\": \"2\"},"
    "{\"name\": \"2\", \"meta-type\": \"object\", \"members\":"
    " [{\"name\": \"size\", \"type\": \"int\"},"
    "  {\"name\": \"value\", \"type\": \"5\"}]},"
    "{\"name\": \"3\", \"meta-type\": \"enum\", \"values\": [\"on\", \"off\"]},"
    "{\"name\": \"4\", \"meta-type\": \"object\", \"members\":"
    " [{\"name\": \"ok\", \"type\": \"bool\"}]},"
    "{\"name\": \"5\", \"meta-type\": \"alternate\", \"members\":"
    " [{\"type\": \"int\"}, {\"type\": \"str\"}]},"
    "{\"name\": \"int\", \"meta-type\": \"builtin\", \"json-type\": \"int\"},"
    "{\"name\": \"str\", \"meta-type\": \"builtin\","
    " \"json-type\": \"string\"},"
    "{\"name\": \"bool\", \"meta-type\": \"builtin\","
    " \"json-type\": \"boolean\"}"
    "], \"id\": \"x\"}";

static QapiSchema *
load_qemu_schema(void)
{
    g_autoptr(GError) err = NULL;
    QapiSchema *schema = qapi_schema_new_from_data(qemu_schema, -1, NULL, NULL,
                                                   &err);

    g_assert_no_error(err);
    g_assert_nonnull(schema);
    return schema;
}

static void
test_qemu_schema(void)
{
    g_autoptr(QapiSchema) s = load_qemu_schema();
    g_autofree char *ok = validate(s, QAPI_SCHEMA_COMMAND_RETURN, "query-thing",
                                   "[{\"size\": 18446744073709551615,"
                                   " \"value\": -9223372036854775808},"
                                   " {\"size\": 0, \"value\": \"x\"}]",
                                   QAPI_INPUT_STRICT);
    g_autofree char *bad = validate(s, QAPI_SCHEMA_COMMAND_RETURN,
                                    "query-thing",
                                    "[{\"size\": 18446744073709551616,"
                                    " \"value\": true}]",
                                    QAPI_INPUT_STRICT);
    g_autofree char *args = validate(s, QAPI_SCHEMA_COMMAND_ARGUMENTS,
                                     "query-thing", "{\"mode\": \"auto\"}",
                                     QAPI_INPUT_STRICT);
    g_autofree char *ev = validate(s, QAPI_SCHEMA_EVENT_DATA, "THING_DONE",
                                   "{\"ok\": 1}", QAPI_INPUT_STRICT);

    g_assert_cmpuint(qapi_schema_get_n_entries(s), ==, 13);
    g_assert_cmpuint(qapi_schema_get_n_commands(s), ==, 2);
    g_assert_cmpuint(qapi_schema_get_n_events(s), ==, 1);
    g_assert_true(qapi_schema_has(s, QAPI_SCHEMA_TYPE, "[2]"));
    g_assert_false(qapi_schema_has(s, QAPI_SCHEMA_TYPE, "query-thing"));
    g_assert_true(qapi_schema_has(s, QAPI_SCHEMA_COMMAND_RETURN, "stop-thing"));
    g_assert_cmpstr(ok, ==, "");
    g_assert_cmpstr(bad, ==,
                    "doc.json:1:11: [0].size: integer out of range for int "
                    "(-9223372036854775808..9223372036854775807) [5]\n"
                    "doc.json:1:42: [0].value: a boolean is not a valid value "
                    "for alternate 5 [4]\n");
    g_assert_cmpstr(args, ==,
                    "doc.json:1:1: id: missing required member 'id' [2]\n"
                    "doc.json:1:10: mode: invalid value 'auto' (expected one "
                    "of: 'on', 'off') [12]\n");
    g_assert_cmpstr(ev, ==,
                    "doc.json:1:8: ok: expected a boolean, got a number [4]\n");
}

/* A union whose tag enum has no value: every tag is invalid, and there
 * is no branch to visit. */
static void
test_empty_tag_enum(void)
{
    static const char text[] =
        "[{\"name\": \"E\", \"meta-type\": \"enum\", \"values\": []},"
        " {\"name\": \"U\", \"meta-type\": \"object\", \"members\":"
        "  [{\"name\": \"k\", \"type\": \"E\"}], \"tag\": \"k\","
        "  \"variants\": []}]";
    g_autoptr(GError) err = NULL;
    g_autoptr(QapiSchema) s = qapi_schema_new_from_data(text, -1, NULL, NULL,
                                                        &err);
    g_autofree char *out = NULL;

    g_assert_no_error(err);
    out = validate(s, QAPI_SCHEMA_TYPE, "U", "{\"k\": \"x\"}",
                   QAPI_INPUT_STRICT);
    g_assert_cmpstr(out, ==,
                    "doc.json:1:7: k: invalid value 'x' (expected "
                    "one of: ) [12]\n");
}

static void
test_unknown_name(void)
{
    g_autoptr(QapiSchema) s = load_qemu_schema();
    g_autoptr(GError) err = NULL;

    g_assert_false(qapi_schema_validate_data(s, QAPI_SCHEMA_EVENT_DATA, "NOPE",
                                             "{}", -1, NULL, QAPI_INPUT_STRICT,
                                             NULL, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE);
    g_assert_cmpstr(err->message, ==, "the schema has no event 'NOPE'");
}

/* Broken introspection data: every problem, with its place. */
static void
test_schema_errors(void)
{
    static const struct {
        const char *text;
        const char *expected;
    } cases[] = {
        { "[{\"name\": \"a\", \"meta-type\": \"object\", \"members\":"
          " [{\"name\": \"m\", \"type\": \"b\"}]}]",
          "s.json:1:73: [0].members[0].type: type 'b' is not defined [9]\n" },
        { "[{\"name\": \"a\", \"meta-type\": \"thing\"}]",
          "s.json:1:29: [0].meta-type: invalid value 'thing' (expected one "
          "of: 'builtin', 'enum', 'array', 'object', 'alternate', "
          "'command', 'event') [12]\n" },
        { "[{\"name\": \"e\", \"meta-type\": \"enum\"},"
          " {\"name\": \"e\", \"meta-type\": \"enum\", \"values\": []}]",
          "s.json:1:2: [0]: enum 'e' has neither 'members' nor 'values' [9]\n"
          "s.json:1:47: [1].name: 'e' is defined twice [9]\n" },
        { "{\"return\": [{\"name\": \"c\", \"meta-type\": \"command\","
          " \"arg-type\": \"x\"}]}",
          "s.json:1:13: return[0].ret-type: missing required member "
          "'ret-type' [2]\n" },
        { "[{\"name\": \"u\", \"meta-type\": \"object\", \"members\": [],"
          " \"tag\": \"k\", \"variants\": []}]",
          "s.json:1:2: [0]: 'tag' must name a required enum member, and go "
          "with 'variants' [9]\n" },
        { "{\"execute\": \"query-qmp-schema\"}\n{\"error\": {\"class\": \"x\","
          " \"desc\": \"y\"}}",
          "s.json: the query-qmp-schema request failed [2]\n" },
        { "{\"execute\": \"x\"}\n{\"return\": {}}",
          "s.json: no query-qmp-schema request and reply [2]\n" },
        { "[1] [2] x",
          "s.json:1:9: unexpected character 'x', expected a JSON value [0]\n" },
    };

    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
        g_autoptr(GError) err = NULL;
        g_autoptr(QapiSchema) s = qapi_schema_new_from_data(
            cases[i].text, -1, "s.json", diags, &err);
        g_autofree char *text = diags_text(diags);

        g_assert_null(s);
        g_assert_nonnull(err);
        g_assert_cmpstr(text, ==, cases[i].expected);
    }
}

static const char transcript[] =
    "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2,"
    " \"major\": 7}, \"package\": \"\"}, \"capabilities\": [\"oob\"]}}\n"
    "{\"execute\": \"query-thing\", \"arguments\": {\"id\": 1}, \"id\": 1}\n"
    "{\"execute\": \"stop-thing\", \"id\": \"b\"}\n"
    "{\"return\": {}, \"id\": \"b\"}\n"
    "{\"return\": [{\"size\": 1, \"value\": \"v\", \"extra\": 0}], \"id\": 1}\n"
    "{\"execute\": \"query-thing\", \"arguments\": {\"id\": \"1\"}}\n"
    "{\"error\": {\"class\": \"GenericError\", \"desc\": 5}}\n"
    "{\"event\": \"THING_DONE\", \"data\": {\"ok\": true},"
    " \"timestamp\": {\"seconds\": 1, \"microseconds\": 2}}\n"
    "{\"event\": \"THING_DONE\", \"timestamp\": {\"seconds\": 1}}\n"
    "{\"execute\": \"no-such\", \"argument\": {}}\n"
    "{\"return\": 1}\n"
    "{\"return\": 2}\n"
    "[]\n"
    "{\"hello\": 1}\n";

static void
test_qmp_log(void)
{
    g_autoptr(QapiSchema) s = load_qemu_schema();
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    QapiQmpLogStats stats;
    g_autofree char *text = NULL;

    g_assert_false(qapi_qmp_log_validate_data(
        s, transcript, -1, "t.log", QAPI_INPUT_STRICT, diags, &stats, &err));
    text = diags_text(diags);
    g_assert_cmpstr(
        text, ==,
        "t.log:5:39: query-thing return[0].extra: unknown member 'extra' [3]\n"
        "t.log:6:48: query-thing arguments.id: expected an integer, got a "
        "string [4]\n"
        "t.log:7:45: query-thing response.error.desc: expected a string, got "
        "a number [4]\n"
        "t.log:9:38: THING_DONE event.timestamp.microseconds: missing "
        "required member "
        "'microseconds' [2]\n"
        "t.log:9:1: THING_DONE data.ok: missing required member 'ok' [2]\n"
        "t.log:10:24: no-such request.argument: unknown member "
        "'argument' [3]\n"
        "t.log:10:13: no-such request.execute: the schema has no command "
        "'no-such' [6]\n"
        "t.log:12:1: response: a reply without a request [9]\n"
        "t.log:13:1: message 13: expected an object, got an array [4]\n"
        "t.log:14:1: message 14: not a QMP message: no member 'execute', "
        "'exec-oob', 'return', 'error', 'event' or 'QMP' [2]\n");
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_UNKNOWN_MEMBER);
    g_assert_nonnull(strstr(err->message, "(and 9 more errors)"));
    g_assert_cmpuint(stats.messages, ==, 14);
    g_assert_cmpuint(stats.requests, ==, 4);
    g_assert_cmpuint(stats.returns, ==, 4);
    g_assert_cmpuint(stats.errors, ==, 1);
    g_assert_cmpuint(stats.events, ==, 2);
    g_assert_cmpuint(stats.greetings, ==, 1);
}

/* The transcript's own schema (which here lacks query-qmp-schema itself);
 * stop mode gives the first problem, tolerant mode warns. */
static void
test_qmp_log_own_schema(void)
{
    g_autofree char *log = g_strdup_printf(
        "{\"execute\": \"query-qmp-schema\", \"id\": \"x\"}\n%s\n"
        "{\"execute\": \"stop-thing\"}\n{\"return\": {\"a\": 1}}\n",
        qemu_schema);
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(QapiDiagnostics) tolerant = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(GError) err2 = NULL;
    g_autoptr(GError) err3 = NULL;
    g_autofree char *text = NULL;
    g_autofree char *text2 = NULL;
    QapiQmpLogStats stats;

    g_assert_false(qapi_qmp_log_validate_data(
        NULL, log, -1, "t.log", QAPI_INPUT_STRICT, NULL, &stats, &err));
    g_assert_cmpstr(err->message, ==,
                    "t.log:1:13: query-qmp-schema request.execute: the "
                    "schema has no command 'query-qmp-schema'");
    g_assert_false(qapi_qmp_log_validate_data(
        NULL, log, -1, "t.log", QAPI_INPUT_STRICT, diags, &stats, &err2));
    text = diags_text(diags);
    g_assert_cmpstr(text, ==,
                    "t.log:1:13: query-qmp-schema request.execute: the "
                    "schema has no command 'query-qmp-schema' [6]\n"
                    "t.log:4:13: stop-thing return.a: unknown member "
                    "'a' [3]\n");
    g_assert_false(qapi_qmp_log_validate_data(
        NULL, log, -1, "t.log", QAPI_INPUT_TOLERANT, tolerant, &stats, &err3));
    text2 = diags_text(tolerant);
    g_assert_cmpstr(text2, ==,
                    "t.log:1:13: query-qmp-schema request.execute: the "
                    "schema has no command 'query-qmp-schema' [6]\n"
                    "t.log:4:13: stop-thing return.a: warning: unknown "
                    "member 'a' [3]\n");
    g_assert_cmpuint(stats.requests, ==, 2);
    g_assert_cmpuint(stats.returns, ==, 2);
}

/* A command the schema lacks: a warning when QEMU answered
 * CommandNotFound (a client probing), an error otherwise, also when no
 * reply came. */
static void
test_qmp_log_unknown_command(void)
{
    static const char log[] =
        "{\"execute\": \"probe\", \"id\": 1}\n"
        "{\"error\": {\"class\": \"CommandNotFound\","
        " \"desc\": \"The command probe has not been found\"}, \"id\": 1}\n"
        "{\"execute\": \"lost\"}\n";
    g_autoptr(QapiSchema) s = load_qemu_schema();
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autofree char *text = NULL;

    g_assert_false(qapi_qmp_log_validate_data(
        s, log, -1, "t.log", QAPI_INPUT_STRICT, diags, NULL, &err));
    text = diags_text(diags);
    g_assert_cmpstr(text, ==,
                    "t.log:1:13: probe request.execute: warning: the schema "
                    "has no command 'probe' (and QEMU answered "
                    "CommandNotFound) [6]\n"
                    "t.log:3:13: lost request.execute: the schema has no "
                    "command 'lost' [6]\n");
}

int
main(int argc, char **argv)
{
    g_autoptr(GError) err = NULL;
    int status;

    g_test_init(&argc, &argv, NULL);
    test_schema = qapi_schema_new_from_data(test_schema_qmp_schema_json,
                                            test_schema_qmp_schema_json_len,
                                            NULL, NULL, &err);
    g_assert_no_error(err);
    tag_policies_init(&tags, test_schema_qapi_unions);
    g_test_add_func("/validate/differential", test_differential);
    g_test_add_func("/validate/messages", test_messages);
    g_test_add_func("/validate/qemu-schema", test_qemu_schema);
    g_test_add_func("/validate/unknown-name", test_unknown_name);
    g_test_add_func("/validate/empty-tag-enum", test_empty_tag_enum);
    g_test_add_func("/validate/schema-errors", test_schema_errors);
    g_test_add_func("/validate/qmp-log", test_qmp_log);
    g_test_add_func("/validate/qmp-log-own-schema", test_qmp_log_own_schema);
    g_test_add_func("/validate/qmp-log-unknown-command",
                    test_qmp_log_unknown_command);
    status = g_test_run();
    qapi_schema_free(test_schema);
    tag_policies_clear(&tags);
    return status;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * qmp_dispatch() driven with good and bad requests for commands of QEMU's
 * qapi-schema-test.json: responses as QMP specifies them (return / error
 * with class and desc, id echoed), QEMU's answers to malformed requests,
 * strict arguments with their path, success-response: false, boxed
 * arguments, allow-oob, allow-preconfig, disabled commands and the
 * compatibility policy for commands, members and enum values; events with
 * QEMU's envelope and timestamp.
 *
 * The marshal functions, their registration (test_qmp_init_marshal()) and
 * the event senders are generated into the build directory by our
 * generator's commands and events outputs, as QEMU's would be; the test
 * implements the qmp_X() functions they call and the emit hook.
 */
#include <string.h>

#include "qapi/qapi.h"
#include "test-qapi-commands.h"
#include "test-qapi-emit-events.h"
#include "test-qapi-events.h"
#include "test-qapi-features.h"
#include "test-qapi-init-commands.h"
#include "test-qapi-introspect.h"
#include "test-qapi-visit.h"

/* ---- the commands the test implements (what a program writes) --------- */

static int cmd1_calls;
static int no_success_calls;
static char *last_string;

void
qmp_user_def_cmd(GError **errp)
{
    (void)errp;
}

void
qmp_user_def_cmd1(UserDefOne *ud1a, GError **errp)
{
    cmd1_calls++;
    g_free(last_string);
    last_string = g_strdup(ud1a->string);
    if (ud1a->integer < 0) {
        g_set_error(errp, QAPI_QMP_ERROR, ERROR_CLASS_DEVICE_NOT_FOUND,
                    "Device '%s' not found", ud1a->string);
    }
}

UserDefTwo *
qmp_user_def_cmd2(UserDefOne *ud1a, UserDefOne *ud1b, GError **errp)
{
    UserDefTwo *ret = g_new0(UserDefTwo, 1);

    (void)errp;
    ret->string0 = g_strdup("blah1");
    ret->dict1 = g_new0(UserDefTwoDict, 1);
    ret->dict1->string1 = g_strdup("blah2");
    ret->dict1->dict2 = g_new0(UserDefTwoDictDict, 1);
    ret->dict1->dict2->userdef = QAPI_CLONE(UserDefOne, ud1a);
    ret->dict1->dict2->string = g_strdup("blah3");
    if (ud1b) {
        ret->dict1->dict3 = g_new0(UserDefTwoDictDict, 1);
        ret->dict1->dict3->userdef = QAPI_CLONE(UserDefOne, ud1b);
        ret->dict1->dict3->string = g_strdup("blah4");
    }
    return ret;
}

void
qmp_cmd_success_response(GError **errp)
{
    (void)errp;
    no_success_calls++;
}

int64_t
qmp_guest_get_time(int64_t a, bool has_b, int64_t b, GError **errp)
{
    (void)errp;
    return 1000 * a + (has_b ? b : 0);
}

JsonNode *
qmp_guest_sync(JsonNode *arg, GError **errp)
{
    (void)errp;
    return json_node_copy(arg);
}

void
qmp_boxed_struct(UserDefZero *arg, GError **errp)
{
    if (arg->integer == 13) {
        g_set_error(errp, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE,
                    "unlucky number %" G_GINT64_FORMAT, arg->integer);
    }
}

void
qmp_test_flags_command(GError **errp)
{
    (void)errp;
}

FeatureStruct1 *
qmp_test_features0(FeatureStruct0 *fs0, FeatureStruct1 *fs1,
                   FeatureStruct2 *fs2, FeatureStruct3 *fs3,
                   FeatureStruct4 *fs4, CondFeatureStruct1 *cfs1,
                   CondFeatureStruct2 *cfs2, CondFeatureStruct3 *cfs3,
                   CondFeatureStruct4 *cfs4, GError **errp)
{
    FeatureStruct1 *ret = g_new0(FeatureStruct1, 1);

    (void)fs0, (void)fs2, (void)fs3, (void)fs4, (void)cfs1, (void)cfs2;
    (void)cfs3, (void)cfs4, (void)errp;
    ret->foo = fs1 ? fs1->foo : 42;
    return ret;
}

void
qmp_test_command_features1(GError **errp)
{
    (void)errp;
}

void
qmp_test_command_features3(GError **errp)
{
    (void)errp;
}

/* The schema's other commands: each does what its name promises. */
Empty2 *
qmp_user_def_cmd0(GError **errp)
{
    (void)errp;
    return g_new0(Empty2, 1);
}

static int coroutine_calls;

void coroutine_fn
qmp_coroutine_cmd(GError **errp)
{
    (void)errp;
    coroutine_calls++;
}

void
qmp_boxed_union(UserDefFlatUnion *arg, GError **errp)
{
    if (arg->enum1 != ENUM_ONE_VALUE1) {
        g_set_error(errp, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR,
                    "only value1, not %s", EnumOne_str(arg->enum1));
    }
}

void
qmp_boxed_empty(Empty1 *arg, GError **errp)
{
    (void)arg, (void)errp;
}

void
qmp___org_qemu_x_command(__org_qemu_x_EnumList *a, __org_qemu_x_StructList *b,
                         __org_qemu_x_Union *c, __org_qemu_x_Alt *d,
                         GError **errp)
{
    (void)a, (void)b, (void)c, (void)d, (void)errp;
}

UserDefThree *
qmp_test_cmd_return_def_three(GError **errp)
{
    UserDefThree *ret = g_new0(UserDefThree, 1);

    (void)errp;
    ret->string0 = g_strdup("three");
    return ret;
}

void
qmp_test_command_cond_features1(GError **errp)
{
    (void)errp;
}

void
qmp_test_command_cond_features2(GError **errp)
{
    (void)errp;
}

void
qmp_test_command_cond_features3(GError **errp)
{
    (void)errp;
}

/* 'gen': false in QEMU's schema: the program writes this one. */
static void
qmp_marshal_query_qmp_schema(JsonObject *args, JsonNode **ret, GError **errp)
{
    (void)args;
    *ret = qapi_introspection_new(
        test_qmp_schema_json, test_qmp_schema_json_len, &compat_policy, errp);
}

/* Events: the program's emit hook records what it is handed. */
static GPtrArray *emitted;

void
test_qapi_event_emit(test_QAPIEvent event, JsonObject *qdict)
{
    g_assert_cmpstr(test_QAPIEvent_str(event), ==,
                    json_object_get_string_member(qdict, "event"));
    g_ptr_array_add(emitted, json_object_ref(qdict));
}

/* ---- the test harness -------------------------------------------------- */

static QmpCommandList commands;

/* Dispatches the request text @req and returns the response as compact
 * text ("" when there is none). */
static char *
dispatch(const char *req, bool allow_oob)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) request = qapi_json_parse(req, -1, NULL, &err);
    g_autoptr(JsonObject) rsp = NULL;
    g_autoptr(JsonNode) node = NULL;

    g_assert_no_error(err);
    rsp = qmp_dispatch(&commands, request, allow_oob);
    if (!rsp) {
        return g_strdup("");
    }
    node = json_node_init_object(json_node_alloc(), rsp);
    return qapi_json_to_string(node, QAPI_JSON_COMPACT);
}

static void
check(const char *req, const char *expected)
{
    g_autofree char *rsp = dispatch(req, false);

    g_assert_cmpstr(rsp, ==, expected);
}

static void
check_oob(const char *req, const char *expected)
{
    g_autofree char *rsp = dispatch(req, true);

    g_assert_cmpstr(rsp, ==, expected);
}

static void
test_success(void)
{
    check("{\"execute\": \"user-def-cmd\"}", "{\"return\":{}}");
    check("{\"execute\": \"user-def-cmd\", \"arguments\": {}}",
          "{\"return\":{}}");
    check("{\"execute\": \"guest-get-time\", \"arguments\": {\"a\": 3}}",
          "{\"return\":3000}");
    check("{\"execute\": \"guest-get-time\", "
          "\"arguments\": {\"a\": 3, \"b\": -7}}",
          "{\"return\":2993}");
    check("{\"execute\": \"guest-sync\", "
          "\"arguments\": {\"arg\": [1, \"two\", {\"three\": null}]}}",
          "{\"return\":[1,\"two\",{\"three\":null}]}");
    check("{\"execute\": \"user-def-cmd2\", \"arguments\": "
          "{\"ud1a\": {\"integer\": 42, \"string\": \"hello\"}, "
          "\"ud1b\": {\"integer\": 422, \"string\": \"hello2\", "
          "\"enum1\": \"value3\"}}}",
          "{\"return\":{\"string0\":\"blah1\",\"dict1\":{"
          "\"string1\":\"blah2\",\"dict2\":{\"userdef\":{\"integer\":42,"
          "\"string\":\"hello\"},\"string\":\"blah3\"},\"dict3\":{"
          "\"userdef\":{\"integer\":422,\"string\":\"hello2\","
          "\"enum1\":\"value3\"},\"string\":\"blah4\"}}}}");
    check("{\"execute\": \"user-def-cmd0\"}", "{\"return\":{}}");
    check("{\"execute\": \"test-cmd-return-def-three\"}",
          "{\"return\":{\"string0\":\"three\"}}");
    coroutine_calls = 0;
    check("{\"execute\": \"coroutine-cmd\"}", "{\"return\":{}}");
    g_assert_cmpint(coroutine_calls, ==, 1);
    /* Boxed: the union's members are the arguments. */
    check("{\"execute\": \"boxed-union\", \"arguments\": "
          "{\"integer\": 1, \"string\": \"s\", \"enum1\": \"value1\", "
          "\"boolean\": true}}",
          "{\"return\":{}}");
    check("{\"execute\": \"boxed-union\", \"arguments\": "
          "{\"integer\": 1, \"string\": \"s\", \"enum1\": \"value2\", "
          "\"intb\": 2}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"only value1, not value2\"}}");
    check("{\"execute\": \"boxed-empty\"}", "{\"return\":{}}");
    cmd1_calls = 0;
    check("{\"execute\": \"user-def-cmd1\", \"arguments\": "
          "{\"ud1a\": {\"integer\": 1, \"string\": \"s\"}}}",
          "{\"return\":{}}");
    g_assert_cmpint(cmd1_calls, ==, 1);
    g_assert_cmpstr(last_string, ==, "s");
}

/* "id" comes back as it came, whatever its JSON type, after the result. */
static void
test_id(void)
{
    check("{\"execute\": \"user-def-cmd\", \"id\": 1}",
          "{\"return\":{},\"id\":1}");
    check("{\"id\": \"a\", \"execute\": \"user-def-cmd\"}",
          "{\"return\":{},\"id\":\"a\"}");
    check("{\"execute\": \"user-def-cmd\", \"id\": {\"x\": [true, null]}}",
          "{\"return\":{},\"id\":{\"x\":[true,null]}}");
    check("{\"execute\": \"nope\", \"id\": [1.5]}",
          "{\"error\":{\"class\":\"CommandNotFound\","
          "\"desc\":\"The command nope has not been found\"},\"id\":[1.5]}");
    check("{\"execute\": 1, \"id\": null}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"QMP input member 'execute' must be a string\"},"
          "\"id\":null}");
}

/* QEMU's answers to requests that are not well-formed. */
static void
test_malformed(void)
{
    check("[\"execute\", \"user-def-cmd\"]",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"QMP input must be a JSON object\"}}");
    check("\"user-def-cmd\"", "{\"error\":{\"class\":\"GenericError\","
                              "\"desc\":\"QMP input must be a JSON object\"}}");
    check("{}", "{\"error\":{\"class\":\"GenericError\","
                "\"desc\":\"QMP input lacks member 'execute'\"}}");
    check("{\"arguments\": {}, \"id\": 5}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"QMP input lacks member 'execute'\"},\"id\":5}");
    check("{\"execute\": \"user-def-cmd\", \"arguments\": []}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"QMP input member 'arguments' must be an object\"}}");
    check("{\"execute\": \"user-def-cmd\", \"argument\": {}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"QMP input member 'argument' is unexpected\"}}");
    /* Without the oob capability "exec-oob" is just an unknown member. */
    check("{\"exec-oob\": \"test-flags-command\"}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"QMP input member 'exec-oob' is unexpected\"}}");
    check_oob("{\"execute\": \"test-flags-command\", "
              "\"exec-oob\": \"test-flags-command\"}",
              "{\"error\":{\"class\":\"GenericError\","
              "\"desc\":\"QMP input member 'exec-oob' clashes with "
              "'execute'\"}}");
    check_oob("{\"exec-oob\": null}",
              "{\"error\":{\"class\":\"GenericError\","
              "\"desc\":\"QMP input member 'exec-oob' must be a string\"}}");
}

static void
test_command_not_found(void)
{
    check("{\"execute\": \"user-def-cmd3\"}",
          "{\"error\":{\"class\":\"CommandNotFound\","
          "\"desc\":\"The command user-def-cmd3 has not been found\"}}");
    /* A command of the schema whose 'if' is false in this build. */
    check("{\"execute\": \"test-if-cmd\"}",
          "{\"error\":{\"class\":\"CommandNotFound\","
          "\"desc\":\"The command test-if-cmd has not been found\"}}");
}

/* Arguments go through the generated input visitor in QMP's strict mode. */
static void
test_bad_arguments(void)
{
    cmd1_calls = 0;
    check("{\"execute\": \"user-def-cmd1\", \"arguments\": {}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"ud1a: missing required member 'ud1a'\"}}");
    check("{\"execute\": \"user-def-cmd1\", \"arguments\": "
          "{\"ud1a\": {\"string\": \"s\"}}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"ud1a.integer: missing required member 'integer'\"}}");
    check("{\"execute\": \"user-def-cmd1\", \"arguments\": "
          "{\"ud1a\": {\"integer\": 1, \"string\": \"s\", \"extra\": 2}}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"ud1a.extra: unknown member 'extra'\"}}");
    check("{\"execute\": \"user-def-cmd1\", \"arguments\": "
          "{\"ud1a\": {\"integer\": 1, \"string\": \"s\"}, \"ud1b\": {}}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"ud1b: unknown member 'ud1b'\"}}");
    check("{\"execute\": \"user-def-cmd1\", \"arguments\": "
          "{\"ud1a\": {\"integer\": \"1\", \"string\": \"s\"}}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"ud1a.integer: expected an integer, got a string\"}}");
    check("{\"execute\": \"user-def-cmd1\", \"arguments\": "
          "{\"ud1a\": {\"integer\": 1, \"string\": \"s\", "
          "\"enum1\": \"value9\"}}, \"id\": 7}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"ud1a.enum1: invalid value 'value9' (expected one of: "
          "'value1', 'value2', 'value3', 'value4')\"},\"id\":7}");
    check("{\"execute\": \"guest-get-time\", \"arguments\": {\"a\": 1.5}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"a: expected an integer, got a number with a fraction "
          "or exponent\"}}");
    check("{\"execute\": \"user-def-cmd\", \"arguments\": {\"a\": 1}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"a: unknown member 'a'\"}}");
    g_assert_cmpint(cmd1_calls, ==, 0);
}

/* Errors of the command itself: their class, or GenericError. */
static void
test_command_errors(void)
{
    check("{\"execute\": \"user-def-cmd1\", \"arguments\": "
          "{\"ud1a\": {\"integer\": -1, \"string\": \"disk0\"}}, \"id\": 3}",
          "{\"error\":{\"class\":\"DeviceNotFound\","
          "\"desc\":\"Device 'disk0' not found\"},\"id\":3}");
    check("{\"execute\": \"boxed-struct\", \"arguments\": {\"integer\": 13}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"unlucky number 13\"}}");
    check("{\"execute\": \"boxed-struct\", \"arguments\": {\"integer\": 12}}",
          "{\"return\":{}}");
    check("{\"execute\": \"boxed-struct\", \"arguments\": "
          "{\"integer\": 12, \"string\": \"x\"}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"string: unknown member 'string'\"}}");
}

static void
test_no_success_response(void)
{
    no_success_calls = 0;
    check("{\"execute\": \"cmd-success-response\", \"id\": 1}", "");
    g_assert_cmpint(no_success_calls, ==, 1);
    /* Errors are still answered. */
    check("{\"execute\": \"cmd-success-response\", \"arguments\": "
          "{\"x\": 1}, \"id\": 2}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"x: unknown member 'x'\"},\"id\":2}");
    g_assert_cmpint(no_success_calls, ==, 1);
}

static void
test_oob(void)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) req = qapi_json_parse(
        "{\"exec-oob\": \"test-flags-command\"}", -1, NULL, &err);

    g_assert_no_error(err);
    g_assert_true(qmp_is_oob(json_node_get_object(req)));
    check_oob("{\"exec-oob\": \"test-flags-command\", \"id\": \"o\"}",
              "{\"return\":{},\"id\":\"o\"}");
    check_oob("{\"exec-oob\": \"user-def-cmd\"}",
              "{\"error\":{\"class\":\"GenericError\","
              "\"desc\":\"The command user-def-cmd does not support OOB\"}}");
    /* With the capability, "execute" still runs in-band. */
    check_oob("{\"execute\": \"user-def-cmd\"}", "{\"return\":{}}");
}

static void
test_preconfig(void)
{
    qapi_qmp_set_preconfig(true);
    check("{\"execute\": \"user-def-cmd\"}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"The command 'user-def-cmd' is permitted only after "
          "machine initialization has completed\"}}");
    check("{\"execute\": \"test-flags-command\"}", "{\"return\":{}}");
    qapi_qmp_set_preconfig(false);
    check("{\"execute\": \"user-def-cmd\"}", "{\"return\":{}}");
}

static void
test_disabled(void)
{
    qmp_disable_command(&commands, "user-def-cmd", "not today");
    g_assert_false(
        qmp_command_is_enabled(qmp_find_command(&commands, "user-def-cmd")));
    check("{\"execute\": \"user-def-cmd\"}",
          "{\"error\":{\"class\":\"CommandNotFound\","
          "\"desc\":\"Command user-def-cmd has been disabled: not today\"}}");
    qmp_disable_command(&commands, "user-def-cmd", NULL);
    check("{\"execute\": \"user-def-cmd\"}",
          "{\"error\":{\"class\":\"CommandNotFound\","
          "\"desc\":\"Command user-def-cmd has been disabled\"}}");
    qmp_enable_command(&commands, "user-def-cmd");
    check("{\"execute\": \"user-def-cmd\"}", "{\"return\":{}}");
}

static void
count_command(const QmpCommand *cmd, void *opaque)
{
    GString *names = opaque;

    g_string_append_printf(names, "%s%s%s", names->len ? " " : "",
                           qmp_command_name(cmd),
                           qmp_has_success_response(cmd) ? "" : "!");
}

static void
test_registry(void)
{
    g_autoptr(GString) names = g_string_new(NULL);
    const QmpCommand *cmd = qmp_find_command(&commands, "test-flags-command");

    g_assert_nonnull(cmd);
    g_assert_cmpint(cmd->options, ==, QCO_ALLOW_OOB | QCO_ALLOW_PRECONFIG);
    g_assert_null(qmp_find_command(&commands, "Test-flags-command"));
    qmp_for_each_command(&commands, count_command, names);
    g_assert_cmpstr(names->str, ==,
                    "user-def-cmd0 user-def-cmd user-def-cmd1 user-def-cmd2 "
                    "cmd-success-response! coroutine-cmd guest-get-time "
                    "guest-sync boxed-struct boxed-union boxed-empty "
                    "test-flags-command __org.qemu_x-command "
                    "test-cmd-return-def-three test-features0 "
                    "test-command-features1 test-command-features3 "
                    "test-command-cond-features1 test-command-cond-features2 "
                    "test-command-cond-features3 query-qmp-schema");
    cmd = qmp_find_command(&commands, "coroutine-cmd");
    g_assert_cmpint(cmd->options, ==, QCO_COROUTINE);
    cmd = qmp_find_command(&commands, "test-command-features3");
    g_assert_cmpuint(cmd->features, ==,
                     1u << QAPI_FEATURE_UNSTABLE | 1u << QAPI_FEATURE_FEATURE1
                         | 1u << QAPI_FEATURE_FEATURE2);
}

/* Deprecated and unstable commands under compat_policy. */
static void
test_policy_commands(void)
{
    QapiPolicy saved = compat_policy;

    check("{\"execute\": \"test-command-features1\"}", "{\"return\":{}}");
    compat_policy.deprecated_input = QAPI_POLICY_INPUT_REJECT;
    check("{\"execute\": \"test-command-features1\", \"id\": 1}",
          "{\"error\":{\"class\":\"CommandNotFound\","
          "\"desc\":\"Deprecated command test-command-features1 disabled "
          "by policy\"},\"id\":1}");
    /* The unstable one is not deprecated. */
    check("{\"execute\": \"test-command-features3\"}", "{\"return\":{}}");
    compat_policy.unstable_input = QAPI_POLICY_INPUT_REJECT;
    check("{\"execute\": \"test-command-features3\"}",
          "{\"error\":{\"class\":\"CommandNotFound\","
          "\"desc\":\"Unstable command test-command-features3 disabled "
          "by policy\"}}");
    compat_policy = saved;
}

/* Deprecated and unstable members: refused on input, hidden on output. */
static void
test_policy_members(void)
{
    QapiPolicy saved = compat_policy;

    check("{\"execute\": \"test-features0\", "
          "\"arguments\": {\"fs1\": {\"foo\": 7}}}",
          "{\"return\":{\"foo\":7}}");
    compat_policy.deprecated_input = QAPI_POLICY_INPUT_REJECT;
    check("{\"execute\": \"test-features0\", "
          "\"arguments\": {\"fs1\": {\"foo\": 7}}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"fs1.foo: Deprecated parameter foo disabled by "
          "policy\"}}");
    check("{\"execute\": \"test-features0\", "
          "\"arguments\": {\"fs2\": {\"foo\": 7}}}",
          "{\"return\":{\"foo\":42}}");
    compat_policy.unstable_input = QAPI_POLICY_INPUT_REJECT;
    check("{\"execute\": \"test-features0\", "
          "\"arguments\": {\"fs2\": {\"foo\": 7}}}",
          "{\"error\":{\"class\":\"GenericError\","
          "\"desc\":\"fs2.foo: Unstable parameter foo disabled by "
          "policy\"}}");
    compat_policy = saved;
    /* Output: the deprecated member of the return value is hidden. */
    compat_policy.deprecated_output = QAPI_POLICY_OUTPUT_HIDE;
    check("{\"execute\": \"test-features0\"}", "{\"return\":{}}");
    compat_policy = saved;
}

/* Enum values with features, through the QMP input visitor. */
static void
test_policy_enum_values(void)
{
    QapiPolicy saved = compat_policy;
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) node = qapi_json_parse("\"drei\"", -1, NULL, &err);
    Visitor *v;
    FeatureEnum1 value = FEATURE_ENUM1_EINS;

    g_assert_no_error(err);
    g_assert_cmpuint(
        qapi_enum_features(&FeatureEnum1_lookup, FEATURE_ENUM1_DREI), ==,
        1u << QAPI_DEPRECATED);
    g_assert_cmpuint(
        qapi_enum_features(&FeatureEnum1_lookup, FEATURE_ENUM1_ZWEI), ==, 0);
    v = qobject_input_visitor_new_qmp(node);
    g_assert_true(visit_type_FeatureEnum1(v, NULL, &value, &err));
    g_assert_no_error(err);
    g_assert_cmpint(value, ==, FEATURE_ENUM1_DREI);
    visit_free(v);

    compat_policy.deprecated_input = QAPI_POLICY_INPUT_REJECT;
    v = qobject_input_visitor_new_qmp(node);
    g_assert_false(visit_type_FeatureEnum1(v, NULL, &value, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_POLICY);
    g_assert_cmpstr(err->message, ==,
                    "Deprecated value drei disabled by policy");
    visit_free(v);
    compat_policy = saved;
}

static void
test_policy_input_ok(void)
{
    QapiPolicy policy = { 0 };
    g_autoptr(GError) err = NULL;

    g_assert_true(compat_policy_input_ok(
        1u << QAPI_DEPRECATED | 1u << QAPI_UNSTABLE, &policy,
        ERROR_CLASS_GENERIC_ERROR, "command", "x", &err));
    policy.unstable_input = QAPI_POLICY_INPUT_REJECT;
    /* Custom feature bits mean nothing to the policy. */
    g_assert_true(compat_policy_input_ok(
        1u << 5, &policy, ERROR_CLASS_GENERIC_ERROR, "command", "x", &err));
    g_assert_false(compat_policy_input_ok(
        1u << QAPI_UNSTABLE | 1u << 5, &policy, ERROR_CLASS_DEVICE_NOT_ACTIVE,
        "value", "v", &err));
    g_assert_error(err, QAPI_QMP_ERROR, ERROR_CLASS_DEVICE_NOT_ACTIVE);
    g_assert_cmpstr(err->message, ==, "Unstable value v disabled by policy");
    g_assert_cmpint(qapi_error_get_class(err), ==,
                    ERROR_CLASS_DEVICE_NOT_ACTIVE);
    g_assert_cmpstr(qapi_error_class_str(ERROR_CLASS_KVM_MISSING_CAP), ==,
                    "KVMMissingCap");
    g_assert_null(qapi_error_class_str((ErrorClass)5));
}

/*
 * The 'crash' policy aborts, as in QEMU: run in a subprocess, once for a
 * command and once for a member.
 */
static void
test_policy_crash(void)
{
    if (g_test_subprocess()) {
        g_autofree char *rsp = NULL;

        compat_policy.deprecated_input = QAPI_POLICY_INPUT_CRASH;
        rsp = dispatch(g_getenv("QMP_TEST_REQUEST"), false);
        g_printerr("survived: %s\n", rsp);
        return;
    }
    g_setenv("QMP_TEST_REQUEST", "{\"execute\": \"test-command-features1\"}",
             TRUE);
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*Deprecated command test-command-features1 "
                              "disabled by policy*");
    g_setenv("QMP_TEST_REQUEST",
             "{\"execute\": \"test-features0\", "
             "\"arguments\": {\"fs1\": {\"foo\": 1}}}",
             TRUE);
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*refused by policy*");
    g_unsetenv("QMP_TEST_REQUEST");
}

/* The SchemaInfo entry named @name of the query-qmp-schema reply, or
 * NULL. */
static JsonObject *
schema_entry(JsonArray *schema, const char *name)
{
    for (guint i = 0; i < json_array_get_length(schema); i++) {
        JsonObject *entry = json_array_get_object_element(schema, i);

        if (strcmp(json_object_get_string_member(entry, "name"), name) == 0) {
            return entry;
        }
    }
    return NULL;
}

/*
 * query-qmp-schema from the generated introspection data: QEMU's entries
 * (76 for qapi-schema-test.json without 'if' macros, as QEMU's own
 * generated data has it), and under the 'hide' output policy without the
 * deprecated command and the deprecated member, as QEMU filters them.
 */
static void
test_query_qmp_schema(void)
{
    QapiPolicy saved = compat_policy;
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) req = qapi_json_parse(
        "{\"execute\": \"query-qmp-schema\"}", -1, NULL, &err);
    JsonObject *rsp;
    JsonArray *schema;
    JsonObject *fs1;

    g_assert_no_error(err);
    rsp = qmp_dispatch(&commands, req, false);
    schema = json_object_get_array_member(rsp, "return");
    g_assert_cmpuint(json_array_get_length(schema), ==, 76);
    g_assert_nonnull(schema_entry(schema, "test-command-features1"));
    fs1 = schema_entry(schema, "FeatureStruct1");
    g_assert_nonnull(fs1);
    g_assert_cmpuint(
        json_array_get_length(json_object_get_array_member(fs1, "members")), ==,
        1);
    json_object_unref(rsp);

    compat_policy.deprecated_output = QAPI_POLICY_OUTPUT_HIDE;
    rsp = qmp_dispatch(&commands, req, false);
    schema = json_object_get_array_member(rsp, "return");
    /* TEST_EVENT_FEATURES1 is deprecated too. */
    g_assert_cmpuint(json_array_get_length(schema), ==, 74);
    g_assert_null(schema_entry(schema, "test-command-features1"));
    g_assert_null(schema_entry(schema, "TEST_EVENT_FEATURES1"));
    g_assert_nonnull(schema_entry(schema, "test-command-features3"));
    fs1 = schema_entry(schema, "FeatureStruct1");
    g_assert_nonnull(fs1);
    g_assert_cmpuint(
        json_array_get_length(json_object_get_array_member(fs1, "members")), ==,
        0);
    json_object_unref(rsp);
    compat_policy = saved;

    g_assert_null(qapi_introspection_new("{}", 2, NULL, &err));
    g_assert_error(err, QAPI_ERROR, QAPI_ERROR_TYPE_MISMATCH);
}

static void
test_events(void)
{
    g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func(
        (GDestroyNotify)json_object_unref);
    UserDefOne b = { .integer = 5, .string = (char *)"five" };
    QapiPolicy saved = compat_policy;
    gint64 before = g_get_real_time() / G_USEC_PER_SEC;
    gint64 after;

    emitted = events;
    qapi_event_send_event_a();
    qapi_event_send_event_c(true, 1, &b, "see");
    qapi_event_send_event_c(false, 0, NULL, "c only");
    /* Deprecated and unstable events are not sent when hidden. */
    compat_policy.deprecated_output = QAPI_POLICY_OUTPUT_HIDE;
    compat_policy.unstable_output = QAPI_POLICY_OUTPUT_HIDE;
    qapi_event_send_test_event_features1();
    qapi_event_send_test_event_features2();
    compat_policy = saved;
    after = g_get_real_time() / G_USEC_PER_SEC;
    emitted = NULL;

    g_assert_cmpuint(events->len, ==, 3);
    for (guint i = 0; i < events->len; i++) {
        JsonObject *ev = events->pdata[i];
        JsonObject *ts = json_object_get_object_member(ev, "timestamp");
        g_autoptr(GList) members = json_object_get_members(ts);
        gint64 seconds = json_object_get_int_member(ts, "seconds");
        gint64 us = json_object_get_int_member(ts, "microseconds");

        g_assert_cmpuint(g_list_length(members), ==, 2);
        g_assert_cmpint(seconds, >=, before);
        g_assert_cmpint(seconds, <=, after);
        g_assert_cmpint(us, >=, 0);
        g_assert_cmpint(us, <, G_USEC_PER_SEC);
        /* What is left once the timestamp is gone is fixed. */
        json_object_remove_member(ev, "timestamp");
    }
    {
        static const char *const expected[] = {
            "{\"event\":\"EVENT_A\"}",
            "{\"event\":\"EVENT_C\",\"data\":{\"a\":1,\"b\":{\"integer\":5,"
            "\"string\":\"five\"},\"c\":\"see\"}}",
            "{\"event\":\"EVENT_C\",\"data\":{\"c\":\"c only\"}}",
        };

        for (guint i = 0; i < events->len; i++) {
            g_autoptr(JsonNode) node = json_node_init_object(json_node_alloc(),
                                                             events->pdata[i]);
            g_autofree char *text = qapi_json_to_string(node,
                                                        QAPI_JSON_COMPACT);

            g_assert_cmpstr(text, ==, expected[i]);
        }
    }
}

int
main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    test_qmp_init_marshal(&commands);
    qmp_register_command(&commands, "query-qmp-schema",
                         qmp_marshal_query_qmp_schema, QCO_ALLOW_PRECONFIG, 0);
    g_test_add_func("/qmp/success", test_success);
    g_test_add_func("/qmp/id", test_id);
    g_test_add_func("/qmp/malformed", test_malformed);
    g_test_add_func("/qmp/command-not-found", test_command_not_found);
    g_test_add_func("/qmp/bad-arguments", test_bad_arguments);
    g_test_add_func("/qmp/command-errors", test_command_errors);
    g_test_add_func("/qmp/no-success-response", test_no_success_response);
    g_test_add_func("/qmp/oob", test_oob);
    g_test_add_func("/qmp/preconfig", test_preconfig);
    g_test_add_func("/qmp/disabled", test_disabled);
    g_test_add_func("/qmp/registry", test_registry);
    g_test_add_func("/qmp/policy/commands", test_policy_commands);
    g_test_add_func("/qmp/policy/members", test_policy_members);
    g_test_add_func("/qmp/policy/enum-values", test_policy_enum_values);
    g_test_add_func("/qmp/policy/input-ok", test_policy_input_ok);
    g_test_add_func("/qmp/policy/crash", test_policy_crash);
    g_test_add_func("/qmp/query-qmp-schema", test_query_qmp_schema);
    g_test_add_func("/qmp/events", test_events);
    ret = g_test_run();
    qapi_qmp_command_list_clear(&commands);
    g_free(last_string);
    return ret;
}

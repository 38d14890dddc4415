/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * QMP dispatch: a request object in, a response object out, with QEMU's
 * checks and wording (qmp_dispatch() in QEMU's qapi/qmp-dispatch.c is the
 * reference for behaviour); the compatibility policy; the QMP visitors.
 */
#include <string.h>

#include "qapi/compat-policy.h"
#include "qapi/json-input.h"
#include "qapi/json-output.h"
#include "qapi/qmp-registry.h"
#include "visitor-impl.h"

QapiPolicy compat_policy;

/* The macro makes a string of its first argument: no spaces there. */
/* clang-format off */
G_DEFINE_QUARK(qapi-qmp-error-quark, qapi_qmp_error)
/* clang-format on */

static const char *const error_class_names[] = {
    [ERROR_CLASS_GENERIC_ERROR] = "GenericError",
    [ERROR_CLASS_COMMAND_NOT_FOUND] = "CommandNotFound",
    [ERROR_CLASS_DEVICE_NOT_ACTIVE] = "DeviceNotActive",
    [ERROR_CLASS_DEVICE_NOT_FOUND] = "DeviceNotFound",
    [ERROR_CLASS_KVM_MISSING_CAP] = "KVMMissingCap",
};

const char *
qapi_error_class_str(ErrorClass error_class)
{
    if ((unsigned)error_class >= G_N_ELEMENTS(error_class_names)) {
        return NULL;
    }
    return error_class_names[error_class];
}

ErrorClass
qapi_error_get_class(const GError *err)
{
    g_return_val_if_fail(err, ERROR_CLASS_GENERIC_ERROR);
    if (err->domain == QAPI_QMP_ERROR
        && qapi_error_class_str((ErrorClass)err->code)) {
        return (ErrorClass)err->code;
    }
    return ERROR_CLASS_GENERIC_ERROR;
}

static bool
policy_input_ok(const char *adjective, QapiPolicyInput policy,
                ErrorClass error_class, const char *kind, const char *name,
                GError **errp)
{
    switch (policy) {
    case QAPI_POLICY_INPUT_ACCEPT:
        return true;
    case QAPI_POLICY_INPUT_REJECT:
        g_set_error(errp, QAPI_QMP_ERROR, error_class,
                    "%s %s %s disabled by policy", adjective, kind, name);
        return false;
    case QAPI_POLICY_INPUT_CRASH:
    default:
        g_error("%s %s %s disabled by policy", adjective, kind, name);
    }
}

bool
compat_policy_input_ok(uint64_t features, const QapiPolicy *policy,
                       ErrorClass error_class, const char *kind,
                       const char *name, GError **errp)
{
    g_return_val_if_fail(policy && kind && name, false);
    if ((features & (1u << QAPI_DEPRECATED))
        && !policy_input_ok("Deprecated", policy->deprecated_input, error_class,
                            kind, name, errp)) {
        return false;
    }
    if ((features & (1u << QAPI_UNSTABLE))
        && !policy_input_ok("Unstable", policy->unstable_input, error_class,
                            kind, name, errp)) {
        return false;
    }
    return true;
}

Visitor *
qobject_input_visitor_new_qmp(JsonNode *obj)
{
    Visitor *v;

    g_return_val_if_fail(obj, NULL);
    v = qapi_json_input_visitor_new_from_node(obj, QAPI_INPUT_STRICT, NULL);
    visit_set_policy(v, &compat_policy);
    return v;
}

Visitor *
qapi_qmp_input_visitor_new(JsonObject *args)
{
    g_autoptr(JsonNode) node = NULL;

    g_return_val_if_fail(args, NULL);
    node = json_node_init_object(json_node_alloc(), args);
    return qobject_input_visitor_new_qmp(node);
}

Visitor *
qobject_output_visitor_new_qmp(JsonNode **result)
{
    Visitor *v = qapi_json_output_visitor_new(result);

    visit_set_policy(v, &compat_policy);
    return v;
}

JsonObject *
qmp_error_response(GError *err)
{
    JsonObject *rsp = json_object_new();
    JsonObject *error = json_object_new();

    g_return_val_if_fail(err, rsp);
    json_object_set_string_member(
        error, "class", qapi_error_class_str(qapi_error_get_class(err)));
    json_object_set_string_member(error, "desc", err->message);
    json_object_set_object_member(rsp, "error", error);
    g_error_free(err);
    return rsp;
}

bool
qmp_is_oob(const JsonObject *dict)
{
    JsonObject *obj = (JsonObject *)dict; /* json-glib takes no const */

    g_return_val_if_fail(dict, false);
    return json_object_has_member(obj, "exec-oob")
           && !json_object_has_member(obj, "execute");
}

static bool
is_string(JsonNode *node)
{
    return JSON_NODE_HOLDS_VALUE(node)
           && json_node_get_value_type(node) == G_TYPE_STRING;
}

/*
 * The members a request may have, checked in the order they came: the
 * command name ("execute", or "exec-oob" when OOB is allowed; not both),
 * "arguments" (an object) and "id" (anything).  Returns the command name.
 */
static const char *
check_request(JsonObject *dict, bool allow_oob, bool *oob, GError **errp)
{
    g_autoptr(GList) members = json_object_get_members(dict);
    const char *exec_key = NULL;

    for (GList *l = members; l; l = l->next) {
        const char *key = l->data;
        JsonNode *value = json_object_get_member(dict, key);

        if (strcmp(key, "execute") == 0
            || (strcmp(key, "exec-oob") == 0 && allow_oob)) {
            if (!is_string(value)) {
                g_set_error(errp, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR,
                            "QMP input member '%s' must be a string", key);
                return NULL;
            }
            if (exec_key) {
                g_set_error(errp, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR,
                            "QMP input member '%s' clashes with '%s'", key,
                            exec_key);
                return NULL;
            }
            exec_key = key;
        } else if (strcmp(key, "arguments") == 0) {
            if (!JSON_NODE_HOLDS_OBJECT(value)) {
                g_set_error(errp, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR,
                            "QMP input member 'arguments' must be an "
                            "object");
                return NULL;
            }
        } else if (strcmp(key, "id") != 0) {
            g_set_error(errp, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR,
                        "QMP input member '%s' is unexpected", key);
            return NULL;
        }
    }
    if (!exec_key) {
        g_set_error(errp, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR,
                    "QMP input lacks member 'execute'");
        return NULL;
    }
    *oob = strcmp(exec_key, "exec-oob") == 0;
    return json_object_get_string_member(dict, exec_key);
}

/* Whether @cmd may run now, as @oob says it was asked. */
static bool
check_command(const QmpCommand *cmd, const char *name, bool oob, GError **errp)
{
    if (!compat_policy_input_ok(cmd->features, &compat_policy,
                                ERROR_CLASS_COMMAND_NOT_FOUND, "command", name,
                                errp)) {
        return false;
    }
    if (!cmd->enabled) {
        g_set_error(errp, QAPI_QMP_ERROR, ERROR_CLASS_COMMAND_NOT_FOUND,
                    "Command %s has been disabled%s%s", name,
                    cmd->disable_reason ? ": " : "",
                    cmd->disable_reason ? cmd->disable_reason : "");
        return false;
    }
    if (oob && !(cmd->options & QCO_ALLOW_OOB)) {
        g_set_error(errp, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR,
                    "The command %s does not support OOB", name);
        return false;
    }
    return qmp_command_available(cmd, errp);
}

/* Runs @cmd with the request's arguments; the return value or NULL. */
static JsonNode *
run_command(const QmpCommand *cmd, JsonObject *dict, GError **errp)
{
    g_autoptr(JsonObject) args = NULL;
    JsonNode *ret = NULL;
    GError *err = NULL;

    if (json_object_has_member(dict, "arguments")) {
        args = json_object_ref(
            json_object_get_object_member(dict, "arguments"));
    } else {
        args = json_object_new();
    }
    cmd->fn(args, &ret, &err);
    if (err) {
        g_clear_pointer(&ret, json_node_unref);
        g_propagate_error(errp, err);
    }
    return ret;
}

JsonObject *
qmp_dispatch(const QmpCommandList *cmds, JsonNode *request, bool allow_oob)
{
    JsonObject *dict = NULL;
    JsonNode *id = NULL;
    const char *name;
    const QmpCommand *cmd;
    JsonNode *ret = NULL;
    JsonObject *rsp;
    GError *err = NULL;
    bool oob = false;

    g_return_val_if_fail(cmds && request, NULL);
    if (!JSON_NODE_HOLDS_OBJECT(request)) {
        g_set_error(&err, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR,
                    "QMP input must be a JSON object");
        goto out;
    }
    dict = json_node_get_object(request);
    id = json_object_get_member(dict, "id");

    name = check_request(dict, allow_oob, &oob, &err);
    if (!name) {
        goto out;
    }
    cmd = qmp_find_command(cmds, name);
    if (!cmd) {
        g_set_error(&err, QAPI_QMP_ERROR, ERROR_CLASS_COMMAND_NOT_FOUND,
                    "The command %s has not been found", name);
        goto out;
    }
    if (!check_command(cmd, name, oob, &err)) {
        goto out;
    }
    ret = run_command(cmd, dict, &err);
    if (err) {
        goto out;
    }
    if (cmd->options & QCO_NO_SUCCESS_RESP) {
        /* Such commands have no 'returns' (the generator checks it). */
        g_warn_if_fail(!ret);
        g_clear_pointer(&ret, json_node_unref);
        return NULL;
    }
    if (!ret) {
        /* No 'returns': QMP answers an empty object. */
        g_autoptr(JsonObject) empty = json_object_new();

        ret = json_node_init_object(json_node_alloc(), empty);
    }

out:
    if (err) {
        rsp = qmp_error_response(err);
    } else {
        rsp = json_object_new();
        json_object_set_member(rsp, "return", ret);
    }
    if (id) {
        json_object_set_member(rsp, "id", qapi_json_node_deep_copy(id));
    }
    return rsp;
}

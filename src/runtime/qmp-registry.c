/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The QMP command registry: a list of commands looked up by name. */
#include <string.h>

#include "qapi/qmp-registry.h"

/* The preconfig phase (qapi_qmp_set_preconfig()). */
static bool preconfig_phase;

static void
command_free(gpointer data)
{
    QmpCommand *cmd = data;

    g_free(cmd->disable_reason);
    g_free(cmd);
}

void
qapi_qmp_command_list_init(QmpCommandList *cmds)
{
    g_return_if_fail(cmds);
    g_queue_init(&cmds->commands);
}

void
qapi_qmp_command_list_clear(QmpCommandList *cmds)
{
    g_return_if_fail(cmds);
    g_queue_clear_full(&cmds->commands, command_free);
}

void
qmp_register_command(QmpCommandList *cmds, const char *name, QmpCommandFunc *fn,
                     QmpCommandOptions options, uint64_t features)
{
    QmpCommand *cmd;

    g_return_if_fail(cmds && name && fn);
    /* As in QEMU: an out-of-band command never runs in a coroutine. */
    g_return_if_fail(!((options & QCO_COROUTINE) && (options & QCO_ALLOW_OOB)));
    cmd = g_new0(QmpCommand, 1);
    cmd->name = name;
    cmd->fn = fn;
    cmd->options = options;
    cmd->features = features;
    cmd->enabled = true;
    g_queue_push_tail(&cmds->commands, cmd);
}

static QmpCommand *
find_command(const QmpCommandList *cmds, const char *name)
{
    for (GList *l = cmds->commands.head; l; l = l->next) {
        QmpCommand *cmd = l->data;

        if (strcmp(cmd->name, name) == 0) {
            return cmd;
        }
    }
    return NULL;
}

const QmpCommand *
qmp_find_command(const QmpCommandList *cmds, const char *name)
{
    g_return_val_if_fail(cmds && name, NULL);
    return find_command(cmds, name);
}

static void
toggle_command(QmpCommandList *cmds, const char *name, bool enabled,
               const char *reason)
{
    QmpCommand *cmd;

    g_return_if_fail(cmds && name);
    cmd = find_command(cmds, name);
    if (cmd) {
        cmd->enabled = enabled;
        g_free(cmd->disable_reason);
        cmd->disable_reason = g_strdup(reason);
    }
}

void
qmp_disable_command(QmpCommandList *cmds, const char *name, const char *err_msg)
{
    toggle_command(cmds, name, false, err_msg);
}

void
qmp_enable_command(QmpCommandList *cmds, const char *name)
{
    toggle_command(cmds, name, true, NULL);
}

bool
qmp_command_is_enabled(const QmpCommand *cmd)
{
    return cmd->enabled;
}

void
qapi_qmp_set_preconfig(bool preconfig)
{
    preconfig_phase = preconfig;
}

bool
qmp_command_available(const QmpCommand *cmd, GError **errp)
{
    if (preconfig_phase && !(cmd->options & QCO_ALLOW_PRECONFIG)) {
        g_set_error(errp, QAPI_QMP_ERROR, ERROR_CLASS_GENERIC_ERROR,
                    "The command '%s' is permitted only after machine "
                    "initialization has completed",
                    cmd->name);
        return false;
    }
    return true;
}

const char *
qmp_command_name(const QmpCommand *cmd)
{
    return cmd->name;
}

bool
qmp_has_success_response(const QmpCommand *cmd)
{
    return !(cmd->options & QCO_NO_SUCCESS_RESP);
}

void
qmp_for_each_command(const QmpCommandList *cmds, qmp_cmd_callback_fn fn,
                     void *opaque)
{
    g_return_if_fail(cmds && fn);
    for (GList *l = cmds->commands.head; l; l = l->next) {
        fn(l->data, opaque);
    }
}

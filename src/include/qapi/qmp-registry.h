/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The QMP command registry and dispatcher: QEMU's qapi/qmp-registry.h with
 * GError ** for Error **, JsonNode * for QObject *, JsonObject * for
 * QDict *.
 *
 * The generated PREFIXqmp_init_marshal(cmds) fills a list with every
 * command of a schema (qmp_register_command()); a server reads a request,
 * hands it to qmp_dispatch() and sends back the response it returns:
 *
 *   static QmpCommandList commands;
 *   qmp_init_marshal(&commands);
 *   ...
 *   g_autoptr(JsonObject) rsp = qmp_dispatch(&commands, request, false);
 *   if (rsp) send(rsp);      // NULL: success-response: false
 *   ...
 *   qapi_qmp_command_list_clear(&commands);
 *
 * Differences from QEMU: there are no coroutines here, so QCO_COROUTINE
 * commands run like any other; qmp_dispatch() takes no Monitor; the
 * preconfig phase is the runtime's own flag (qapi_qmp_set_preconfig()).
 */
#ifndef QAPI_QMP_REGISTRY_H
#define QAPI_QMP_REGISTRY_H

#include "qapi/visitor.h"
#include "qapi/qmp-error.h"

G_BEGIN_DECLS

/* A generated qmp_marshal_X(): @args are the request's "arguments" (an
 * empty object when absent); *@ret receives the return value, if any. */
typedef void(QmpCommandFunc)(JsonObject *, JsonNode **, GError **);

typedef enum QmpCommandOptions {
    QCO_NO_SUCCESS_RESP = (1U << 0), /* 'success-response': false */
    QCO_ALLOW_OOB = (1U << 1),       /* 'allow-oob': true */
    QCO_ALLOW_PRECONFIG = (1U << 2), /* 'allow-preconfig': true */
    QCO_COROUTINE = (1U << 3),       /* 'coroutine': true */
} QmpCommandOptions;

typedef struct QmpCommand {
    const char *name; /* borrowed: must outlive the list */
    QmpCommandFunc *fn;
    QmpCommandOptions options;
    uint64_t features; /* mask of QAPI_FEATURE_* bits */
    bool enabled;
    char *disable_reason; /* owned, may be NULL */
} QmpCommand;

/*
 * The registered commands, in registration order.  A zero-filled list
 * (static storage, or = { 0 }) is empty and ready; the generated init
 * function starts it afresh with qapi_qmp_command_list_init().
 */
typedef struct QmpCommandList {
    GQueue commands; /* of QmpCommand * */
} QmpCommandList;

/* Makes @cmds empty without looking at what it held (QEMU's QTAILQ_INIT). */
void qapi_qmp_command_list_init(QmpCommandList *cmds);
/* Frees every registered command and leaves @cmds empty. */
void qapi_qmp_command_list_clear(QmpCommandList *cmds);

void qmp_register_command(QmpCommandList *cmds, const char *name,
                          QmpCommandFunc *fn, QmpCommandOptions options,
                          uint64_t features);
const QmpCommand *qmp_find_command(const QmpCommandList *cmds,
                                   const char *name);
/* Disabled commands answer CommandNotFound, "Command X has been
 * disabled: REASON" (@err_msg may be NULL). */
void qmp_disable_command(QmpCommandList *cmds, const char *name,
                         const char *err_msg);
void qmp_enable_command(QmpCommandList *cmds, const char *name);

bool qmp_command_is_enabled(const QmpCommand *cmd);
/* Fails, in the preconfig phase, for commands without allow-preconfig. */
bool qmp_command_available(const QmpCommand *cmd, GError **errp);
const char *qmp_command_name(const QmpCommand *cmd);
bool qmp_has_success_response(const QmpCommand *cmd);

/*
 * The preconfig phase (QEMU: before the machine is ready, with
 * --preconfig): while it is on, only allow-preconfig commands run.  Off
 * by default; process-wide, like compat_policy.
 */
void qapi_qmp_set_preconfig(bool preconfig);

/* { "error": { "class": ..., "desc": err->message } }; frees @err. */
JsonObject *qmp_error_response(GError *err);

/*
 * Runs the command @request asks for and returns the response object
 * (new reference), or NULL for a successful command with
 * 'success-response': false.  "id" is copied into the response as it
 * came, whatever its type.  Malformed requests, unknown, disabled,
 * refused (compat_policy) and unavailable commands, bad arguments and
 * failing commands all answer with an error response.  @allow_oob says
 * whether "exec-oob" is accepted (QMP's 'oob' capability negotiated).
 */
JsonObject *qmp_dispatch(const QmpCommandList *cmds, JsonNode *request,
                         bool allow_oob);
/* Whether @dict asks for out-of-band execution ("exec-oob", no
 * "execute"). */
bool qmp_is_oob(const JsonObject *dict);

typedef void (*qmp_cmd_callback_fn)(const QmpCommand *cmd, void *opaque);

void qmp_for_each_command(const QmpCommandList *cmds, qmp_cmd_callback_fn fn,
                          void *opaque);

G_END_DECLS

#endif /* QAPI_QMP_REGISTRY_H */

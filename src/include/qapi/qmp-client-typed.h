/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Typed QMP calls and events: what the generator's "client" back end
 * builds on (qapi/qmp-client.h is the connection underneath).
 *
 * For each command X of a schema the back end writes, in
 * <prefix>qapi-client[-MODULE].h, with X's arguments exactly as the
 * server-side qmp_X() prototype takes them (one parameter per member after
 * its has_ flag, or the struct itself for a boxed command):
 *
 *   void qmp_client_X_async(QapiQmpClient *client, ARGS...,
 *                           GCancellable *cancellable,
 *                           GAsyncReadyCallback callback,
 *                           gpointer user_data);
 *   RET qmp_client_X_finish(QapiQmpClient *client, GAsyncResult *result,
 *                           GError **errp);
 *   RET qmp_client_X_sync(QapiQmpClient *client, ARGS...,
 *                         GCancellable *cancellable, GError **errp);
 *
 * RET is qmp_X()'s return type (NULL on failure, freed with qapi_free_T);
 * a command without a return value gives bool, and one returning a
 * scalar that is not a pointer (int, bool, number) gives bool with the
 * value through an extra "RET *ret" parameter before @errp.  For each
 * event E:
 *
 *   typedef void (*QmpClientEHandler)(QapiQmpClient *client, T *data,
 *                                     const QapiQmpTimestamp *timestamp,
 *                                     gpointer user_data);
 *   gulong qmp_client_on_e(QapiQmpClient *client, QmpClientEHandler func,
 *                          gpointer user_data, GDestroyNotify destroy);
 *
 * A command with 'gen': false (QEMU's device_add) checks only some of its
 * arguments in the schema and the rest itself: its calls take the
 * declared members as above, then "JsonObject *extra" (may be NULL), the
 * other members, sent as they are.  The declared ones are checked
 * strictly; an extra member with a declared member's name is an error.
 *
 *   bool qmp_client_device_add_sync(QapiQmpClient *client,
 *                                   const char *driver, bool has_bus,
 *                                   const char *bus, bool has_id,
 *                                   const char *id, JsonObject *extra,
 *                                   GCancellable *cancellable,
 *                                   GError **errp);
 *
 * A command with 'success-response': false (QEMU's guest agent's
 * guest-shutdown, guest-suspend-*) gets no reply when it succeeds, only
 * an error reply when it fails: its call completes, returning bool, once
 * the request is written to the socket.  An error reply that comes later
 * cannot reach the call any more: it goes to the warning function.
 *
 * (E in CamelCase in the handler's name, lower case in the function's;
 * no @data parameter when E has no data; @data is borrowed for the call.)
 * qapi_qmp_client_remove_event_handler() removes it.  Conditional
 * commands and events are under their #if.
 *
 * Arguments are checked before anything is sent: the argument struct is
 * serialized by the output visitor (a string that is not UTF-8, an enum
 * value out of range, a number that is not finite fail there, naming the
 * member), and an argument set whose member is documented as newer
 * than the peer's version fails too.  As for qmp_X(), a required pointer
 * argument must not be NULL.  A command documented as newer than
 * the peer ("Since:" of its doc comment against the greeting's version)
 * fails locally with QAPI_QMP_CLIENT_ERROR_VERSION.
 *
 * Replies and event data are decoded by the JSON input visitor, by
 * default tolerantly: unknown members and members of a union branch that
 * is not selected are skipped and reported to the client's warning
 * function (qapi_qmp_client_set_warning_func()); an enum value the schema
 * lacks (QEMU removed it since the peer's version) drops the innermost
 * value holding it that may be absent, an optional member (has_X false)
 * or a list element, with a warning naming the path, the value and the
 * enum (none such up to the root: an error); a required member that is
 * missing is accepted (left zero/NULL, with a warning naming the member
 * and both versions) only when the schema documents it as newer
 * ("(since X.Y)"; without a note, the "Since:" of its type when newer
 * than the member's owner, or of its union branch type when newer than
 * the union) than the peer's version; any other problem fails the call.  qapi_qmp_client_set_decode_flags() with
 * QAPI_QMP_DECODE_STRICT makes every such problem an error (conformance
 * testing).  An event whose data does not decode is not delivered to its
 * typed handlers; the warning function is told why.
 *
 * The rest of this header is the interface between generated code and
 * the runtime: descriptions of commands, events and of which members are
 * documented as added after their type.
 */
#ifndef QAPI_QMP_CLIENT_TYPED_H
#define QAPI_QMP_CLIENT_TYPED_H

#include "qapi/qmp-client.h"
#include "qapi/visitor.h"

G_BEGIN_DECLS

/*
 * Visit the value at @obj: for arguments and event data a pointer to the
 * struct pointer (void ** really), for a return value a pointer to
 * storage of the return type.  The same function serves every visitor.
 */
typedef bool (*QapiQmpVisitFunc)(Visitor *v, void *obj, GError **errp);

/* One member documented with a version: "(since 8.0)". */
typedef struct QapiQmpSinceMember {
    const char *name;  /* JSON name; NULL ends a list */
    const char *type;  /* schema name of its type when that type is in the
                        * table too, else NULL */
    const char *since; /* "8.0"; NULL when undocumented */
} QapiQmpSinceMember;

/*
 * A type whose values (transitively) hold a member with a version.  An
 * array ("[T]") names its element type; an object lists its members
 * (a union's: base and every branch; an alternate's: those of its object
 * branches, and an array branch's element).
 */
typedef struct QapiQmpSinceType {
    const char *name;    /* schema name: "MachineInfo", "[MachineInfo]" */
    const char *element; /* element type for arrays, else NULL */
    const QapiQmpSinceMember *members; /* may be NULL */
} QapiQmpSinceType;

/* An enum type of the schema, to name it when a peer sends a value it
 * lacks. */
typedef struct QapiQmpEnumName {
    const QEnumLookup *lookup; /* NULL ends a list */
    const char *name;
} QapiQmpEnumName;

/* Types sorted by name (strcmp) for bsearch; @n_types entries. */
typedef struct QapiQmpSinceTable {
    const QapiQmpSinceType *types;
    gsize n_types;
    const QapiQmpEnumName *enums; /* every enum of the schema; may be NULL */
} QapiQmpSinceTable;

typedef struct QapiQmpCommandInfo {
    const char *name;
    const char *since;           /* the command's "Since:", or NULL */
    gsize args_size;             /* sizeof the argument struct, or 0 */
    QapiQmpVisitFunc visit_args; /* NULL: no arguments */
    const char *args_type;       /* its schema name */
    gsize ret_size;              /* sizeof the C return type, or 0 */
    QapiQmpVisitFunc visit_ret;  /* NULL: returns nothing */
    const char *ret_type;        /* schema name of the return type */
    const QapiQmpSinceTable *since_table;
    /* 'gen': false: the JSON names of the declared members,
     * NULL-terminated (members beyond them pass through); else NULL. */
    const char *const *open_members;
    /* 'success-response': false: no reply to wait for */
    gboolean no_reply;
} QapiQmpCommandInfo;

typedef struct QapiQmpEventInfo {
    const char *name;
    const char *since;
    gsize data_size;
    QapiQmpVisitFunc visit_data; /* NULL: no data */
    const char *data_type;
    const QapiQmpSinceTable *since_table;
    /* Calls @func, the typed handler, with the decoded @data (void ** as
     * for visit_data; ignored when the event has none). */
    void (*dispatch)(QapiQmpClient *client, GCallback func, void *data,
                     const QapiQmpTimestamp *timestamp, gpointer user_data);
} QapiQmpEventInfo;

/* ---- what generated code calls ---------------------------------------- */

/*
 * Send command @info with the argument struct @args (NULL when it has
 * none; read before this returns).  The result for
 * qapi_qmp_client_call_finish() is the decoded return value.
 */
void qapi_qmp_client_call_async(QapiQmpClient *client,
                                const QapiQmpCommandInfo *info, void *args,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
/* Copies the return value (info->ret_size bytes) to @ret, which may be
 * NULL for a command returning nothing; FALSE with @errp set on failure. */
gboolean qapi_qmp_client_call_finish(QapiQmpClient *client,
                                     GAsyncResult *result, void *ret,
                                     GError **errp);
gboolean qapi_qmp_client_call_sync(QapiQmpClient *client,
                                   const QapiQmpCommandInfo *info, void *args,
                                   void *ret, GCancellable *cancellable,
                                   GError **errp);
/* As above, with @extra (may be NULL; not taken over): the members
 * beyond the declared ones of a command with open arguments
 * (info->open_members). */
void qapi_qmp_client_call_extra_async(QapiQmpClient *client,
                                      const QapiQmpCommandInfo *info,
                                      void *args, JsonObject *extra,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean qapi_qmp_client_call_extra_sync(QapiQmpClient *client,
                                         const QapiQmpCommandInfo *info,
                                         void *args, JsonObject *extra,
                                         void *ret, GCancellable *cancellable,
                                         GError **errp);

/* Call the typed handler @func (dispatched by info->dispatch) for every
 * event @info describes; an id for qapi_qmp_client_remove_event_handler(). */
gulong qapi_qmp_client_add_typed_handler(QapiQmpClient *client,
                                         const QapiQmpEventInfo *info,
                                         GCallback func, gpointer user_data,
                                         GDestroyNotify destroy);

/* ---- for programs that pick commands at run time (qmp-call) ---------- */

/* The entry named @name of a NULL-terminated table the generator wrote
 * (<prefix>qmp_client_commands, <prefix>qmp_client_events), or NULL. */
const QapiQmpCommandInfo *qapi_qmp_command_info_find(
    const QapiQmpCommandInfo *const *table, const char *name);
const QapiQmpEventInfo *qapi_qmp_event_info_find(
    const QapiQmpEventInfo *const *table, const char *name);

/*
 * The checks qapi_qmp_client_call_async() makes before sending: the
 * command's version against @client's peer (@client may be NULL to skip
 * version checks), @args serialized (*@arguments: a new object, NULL
 * when there are none).  FALSE with @errp set when the call would fail
 * locally.
 */
gboolean qapi_qmp_client_encode_arguments(QapiQmpClient *client,
                                          const QapiQmpCommandInfo *info,
                                          void *args, JsonObject **arguments,
                                          GError **errp);
/* As above, adding the members of @extra (may be NULL) for a command with
 * open arguments: an error for any other command, and for a member with a
 * declared member's name. */
gboolean qapi_qmp_client_encode_arguments_extra(QapiQmpClient *client,
                                                const QapiQmpCommandInfo *info,
                                                void *args, JsonObject *extra,
                                                JsonObject **arguments,
                                                GError **errp);

/*
 * Read the JSON text @text (@len bytes, or NUL-terminated when negative;
 * @filename names it in messages) as the arguments of @info: strictly
 * into the argument struct *@args (NULL when the text is {}), with every
 * problem an error naming "FILE:LINE:COLUMN: member.path".  For a command
 * with open arguments the members it does not declare are no error at
 * the top level: they go to *@extra (a new object; NULL when there are
 * none; always NULL for other commands), for
 * qapi_qmp_client_encode_arguments_extra().  Free *@args with
 * qapi_qmp_client_free_value(info->visit_args, args).
 */
gboolean qapi_qmp_client_read_arguments(const QapiQmpCommandInfo *info,
                                        const char *text, gssize len,
                                        const char *filename, void **args,
                                        JsonObject **extra, GError **errp);

/*
 * Decode @node (may be NULL: an empty object) into *@obj with @visit as
 * the client's decode flags say (see above); @what names the value in
 * messages ("query-machines reply", "event STOP"), @type is its schema
 * name for the version table @since_table (may be NULL).  On failure
 * nothing is left in @obj.
 */
gboolean qapi_qmp_client_decode(QapiQmpClient *client, QapiQmpVisitFunc visit,
                                const char *what, const char *type,
                                const QapiQmpSinceTable *since_table,
                                JsonNode *node, void *obj, GError **errp);

/* Free what @visit describes at @obj (the dealloc visitor). */
void qapi_qmp_client_free_value(QapiQmpVisitFunc visit, void *obj);

/*
 * Compare version text "X.Y[.Z]" with the peer's greeting: > 0 when
 * @since is newer than the peer.  Text that is not a version compares
 * as 0 (no claim).
 */
int qapi_qmp_client_compare_version(QapiQmpClient *client, const char *since);

G_END_DECLS

#endif /* QAPI_QMP_CLIENT_TYPED_H */

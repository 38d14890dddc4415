/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The inside of a Visitor: the table of callbacks each visitor fills in.
 * Only the runtime's visitors include this; generated code sees the
 * functions of qapi/visitor.h alone.
 *
 * visitor.c turns the public calls into these callbacks.  All integer types
 * go through type_int/type_uint with the C type's range, so that the input
 * visitor can report a range error with the member's path instead of the
 * core doing it blindly.
 */
#ifndef QAPI_VISITOR_IMPL_H
#define QAPI_VISITOR_IMPL_H

#include "qapi/visitor.h"

struct Visitor {
    VisitorType type;
    QapiPolicy policy;
    /* During type_int/type_uint: the C member being visited (the
     * callback gets a widened copy), for the input visitor's record of
     * stand-in values. */
    const void *member;

    bool (*start_struct)(Visitor *v, const char *name, void **obj, size_t size,
                         GError **errp);
    bool (*check_struct)(Visitor *v, GError **errp);
    void (*end_struct)(Visitor *v, void **obj);

    bool (*start_list)(Visitor *v, const char *name, GenericList **list,
                       size_t size, GError **errp);
    GenericList *(*next_list)(Visitor *v, GenericList *tail, size_t size);
    bool (*check_list)(Visitor *v, GError **errp);
    void (*end_list)(Visitor *v, void **list);

    bool (*start_alternate)(Visitor *v, const char *name,
                            GenericAlternate **obj, size_t size, GError **errp);
    void (*end_alternate)(Visitor *v, void **obj);
    /* May be NULL: the core then sets a plain type-mismatch error. */
    void (*error_alternate_type)(Visitor *v, const char *name,
                                 const char *type_name, GError **errp);

    /* May be NULL: only input visitors care which member is a tag. */
    void (*union_tag)(Visitor *v, const char *name);

    /* @type_name names the C type in messages ("int8", "uint64", "size"). */
    bool (*type_int)(Visitor *v, const char *name, int64_t *obj, int64_t min,
                     int64_t max, const char *type_name, GError **errp);
    bool (*type_uint)(Visitor *v, const char *name, uint64_t *obj, uint64_t max,
                      const char *type_name, GError **errp);
    bool (*type_bool)(Visitor *v, const char *name, bool *obj, GError **errp);
    bool (*type_str)(Visitor *v, const char *name, char **obj, GError **errp);
    bool (*type_number)(Visitor *v, const char *name, double *obj,
                        GError **errp);
    bool (*type_any)(Visitor *v, const char *name, JsonNode **obj,
                     GError **errp);
    bool (*type_null)(Visitor *v, const char *name, QNull **obj, GError **errp);
    /* May be NULL: the core then maps enums through type_str. */
    bool (*type_enum)(Visitor *v, const char *name, int *obj,
                      const QEnumLookup *lookup, GError **errp);

    /* May be NULL: then a member is present exactly when *present says. */
    bool (*optional)(Visitor *v, const char *name, bool *present);
    /* May be NULL: the core applies v->policy without a position. */
    bool (*policy_reject)(Visitor *v, const char *name, uint64_t features,
                          GError **errp);
    /* May be NULL: nothing to check in visit_complete(). */
    void (*complete)(Visitor *v, void *opaque);

    void (*free)(Visitor *v);

    /* The core's own: the containers started and not yet ended, to check
     * that each end call gets the *obj its start left (visitor.c). */
    struct VisitorOpen *open;
};

/* Sets a QAPI_ERROR GError; shared wording for visitors without a text
 * position to report. */
G_GNUC_INTERNAL
void qapi_set_error(GError **errp, QapiErrorCode code, const char *path,
                    const char *format, ...) G_GNUC_PRINTF(4, 5);

/*
 * Document text in messages and paths (error.c).  qapi_append_escaped()
 * appends @len bytes of @text with control characters (C0, DEL, C1), U+2028,
 * U+2029 and bytes that are not UTF-8 escaped JSON-style ("\n", "\u001b",
 * "\xff" for a stray byte), and with QAPI_ESCAPE_BACKSLASH / _QUOTE also
 * '\\' and '"', so that the result is one line and unambiguous.
 */
enum {
    QAPI_ESCAPE_BACKSLASH = 1 << 0,
    QAPI_ESCAPE_QUOTE = 1 << 1,
};
G_GNUC_INTERNAL
void qapi_append_escaped(GString *out, const char *text, size_t len,
                         unsigned flags);
/* A new string: @text escaped with QAPI_ESCAPE_BACKSLASH. */
G_GNUC_INTERNAL
char *qapi_escape(const char *text);
/*
 * Append member @name to the member path @path: ".name", or ["name"]
 * (escaped) when the name is empty or holds '.', '[', ']', '"', '\\' or a
 * character that is shown escaped, so that every path reads back
 * unambiguously: a["x.y"], a["x\ny"], [""].
 */
G_GNUC_INTERNAL
void qapi_path_append_member(GString *path, const char *name);

/* What v's policy says about input with @features. */
G_GNUC_INTERNAL
QapiPolicyInput qapi_input_policy(Visitor *v, uint64_t features);

/*
 * QEMU's wording of a policy refusal: "Deprecated parameter x disabled by
 * policy" (@kind "parameter", "value", "command"); NULL when @features
 * has neither special bit.
 */
G_GNUC_INTERNAL
char *qapi_policy_refusal(uint64_t features, const char *kind,
                          const char *name);

/* Deep copy of a json-glib tree (json_node_copy() shares containers). */
G_GNUC_INTERNAL
JsonNode *qapi_json_node_deep_copy(JsonNode *node);

#endif /* QAPI_VISITOR_IMPL_H */

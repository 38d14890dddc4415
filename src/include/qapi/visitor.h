/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The visitor interface: the contract between generated code
 * (visit_type_X, visit_type_X_members) and the runtime's visitors
 * (JSON input, JSON output, dealloc, clone).
 *
 * The call sequence generated code makes is QEMU's, with GError in place of
 * QEMU's Error:
 *
 *   struct:     visit_start_struct, member visits, visit_check_struct,
 *               visit_end_struct
 *   optional:   if (visit_optional(v, "name", &has)) visit member
 *   list:       visit_start_list, then for each element visit it and call
 *               visit_next_list, visit_check_list, visit_end_list
 *   alternate:  visit_start_alternate (input visitors allocate the object and
 *               set its QType tag from the JSON value), visit the branch the
 *               tag selects, visit_end_alternate
 *   union:      the base members, then the branch for the discriminator
 *
 * Every function returning bool returns false exactly when it set @errp
 * (visit_policy_reject excepted: see there).
 * Input visitors allocate (*obj), output visitors read it, the dealloc
 * visitor frees it, the clone visitor copies it.
 *
 * A collecting input visitor (one given a QapiDiagnostics list, see
 * qapi/json-input.h) records a problem and returns true, giving the member
 * a stand-in value (0, false, "", a JSON null for 'any', a zeroed object,
 * an empty list; __MAX for an enum member known not to be a union tag,
 * see qapi/json-input.h) so that the
 * generated code carries on and one pass finds
 * every problem; the object built is then freed by the caller.  Only an
 * alternate without a usable value (missing, of no branch's type, or
 * below a value that could not be visited) still fails the visit, since
 * there is no branch to visit: visit_start_alternate or
 * visit_error_alternate_type then fail with the problem recorded.
 *
 * Output visitors: when a visit fails half-way, the output of that
 * top-level value is dropped once the generated code has unwound.
 */
#ifndef QAPI_VISITOR_H
#define QAPI_VISITOR_H

/*
 * Generated code needs only the names JsonNode (for 'any'), JsonObject and
 * JsonArray (QMP commands and events); it defines QAPI_NO_JSON_GLIB so
 * that json-glib's macros (JSON_TYPE_OBJECT, ...) cannot collide with
 * schema enum constants such as QEMU's JSONType.
 */
#ifdef QAPI_NO_JSON_GLIB
typedef struct _JsonNode JsonNode;
typedef struct _JsonObject JsonObject;
typedef struct _JsonArray JsonArray;
#else
#include <json-glib/json-glib.h>
#endif

#include "qapi/error.h"
#include "qapi/util.h"

G_BEGIN_DECLS

typedef struct Visitor Visitor;

typedef enum VisitorType {
    VISITOR_INPUT = 1,
    VISITOR_OUTPUT = 2,
    VISITOR_CLONE = 3,
    VISITOR_DEALLOC = 4,
} VisitorType;

/* What visitors do with members and values marked 'deprecated'/'unstable'. */
typedef enum QapiPolicyInput {
    QAPI_POLICY_INPUT_ACCEPT,
    QAPI_POLICY_INPUT_REJECT,
    QAPI_POLICY_INPUT_CRASH,
} QapiPolicyInput;

typedef enum QapiPolicyOutput {
    QAPI_POLICY_OUTPUT_ACCEPT,
    QAPI_POLICY_OUTPUT_HIDE,
} QapiPolicyOutput;

typedef struct QapiPolicy {
    QapiPolicyInput deprecated_input;
    QapiPolicyOutput deprecated_output;
    QapiPolicyInput unstable_input;
    QapiPolicyOutput unstable_output;
} QapiPolicy;

void visit_set_policy(Visitor *v, const QapiPolicy *policy);

VisitorType visit_get_type(Visitor *v);
bool visit_is_input(Visitor *v);
bool visit_is_dealloc(Visitor *v);

/* Frees @v; NULL is allowed. */
void visit_free(Visitor *v);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Visitor, visit_free)

/* Structs.  @obj NULL visits a struct whose members belong to an
 * enclosing C object (implicit structs of alternates). */
bool visit_start_struct(Visitor *v, const char *name, void **obj, size_t size,
                        GError **errp);
/* Fails (input) when the JSON object has members nobody visited. */
bool visit_check_struct(Visitor *v, GError **errp);
void visit_end_struct(Visitor *v, void **obj);

/* Lists.  @list NULL visits the list without building one: an input
 * visitor then only checks that the value is a list (no generated code
 * does this; visit_next_list needs a tail). */
bool visit_start_list(Visitor *v, const char *name, GenericList **list,
                      size_t size, GError **errp);
/* The next element after @tail (input visitors allocate it), or NULL. */
GenericList *visit_next_list(Visitor *v, GenericList *tail, size_t size);
bool visit_check_list(Visitor *v, GError **errp);
void visit_end_list(Visitor *v, void **list);

/* Alternates. */
bool visit_start_alternate(Visitor *v, const char *name, GenericAlternate **obj,
                           size_t size, GError **errp);
void visit_end_alternate(Visitor *v, void **obj);
/* For a 'default:' branch: the JSON value fits no branch of alternate
 * @type_name.  (Generated code says it with QEMU's error_setg(), which
 * qapi/qemu-compat.h turns into this.) */
void visit_error_alternate_type(Visitor *v, const char *name,
                                const char *type_name, GError **errp);

/*
 * Unions: names member @name of the object being visited as a union's
 * discriminator, before the union's members are visited.  A bad tag makes
 * the visit go on with a branch that need not be the document's; knowing
 * the tag lets an input visitor keep the noise that follows apart from
 * real problems of plain enum members.  Generated code, which is QEMU's,
 * does not call it: the input visitor learns the tags of generated types
 * from the unions table of its policy (qapi/input-policy.h).  Code that
 * drives a visitor by itself (the schema validator) calls it.  Output,
 * dealloc and clone visitors ignore it.
 */
void visit_union_tag(Visitor *v, const char *name);

/* Optional members: whether member @name is present; input visitors set
 * *@present, the others read it. */
bool visit_optional(Visitor *v, const char *name, bool *present);

/*
 * Feature policy hooks, called for members with features: @features is the
 * member's feature mask (1u << QAPI_FEATURE_DEPRECATED, 1u <<
 * QAPI_FEATURE_UNSTABLE, custom feature bits, which are ignored).  The
 * default policy accepts everything; visit_set_policy() sets another (QMP
 * code uses compat_policy, qapi/compat-policy.h).
 *
 * visit_policy_reject follows QEMU: it returns true when an input visitor
 * refuses the member, with @errp set (QAPI_ERROR_POLICY); a collecting
 * input visitor records the refusal and returns false so the visit goes
 * on.  The 'crash' policy aborts the program.  visit_policy_skip returns
 * true when an output visitor hides the member.  Enum values with features
 * are checked by the input visitor itself (QEnumLookup.features).
 */
bool visit_policy_reject(Visitor *v, const char *name, uint64_t features,
                         GError **errp);
bool visit_policy_skip(Visitor *v, const char *name, uint64_t features);
/* Older generated code's names for the 'deprecated' special case. */
bool visit_deprecated_accept(Visitor *v, const char *name, GError **errp);
bool visit_deprecated(Visitor *v, const char *name);

/*
 * QEMU's last call of an output visit: generated command and event code
 * calls visit_complete(ov, &result) with the result pointer the output
 * visitor was created with.  The runtime's output visitors store their
 * result when the top-level visit ends, so this only checks that @opaque
 * is that pointer; for the other visitors it does nothing.
 */
void visit_complete(Visitor *v, void *opaque);

/* Scalars.  Every integer type is range-checked on input. */
bool visit_type_enum(Visitor *v, const char *name, int *obj,
                     const QEnumLookup *lookup, GError **errp);
bool visit_type_int(Visitor *v, const char *name, int64_t *obj, GError **errp);
bool visit_type_int8(Visitor *v, const char *name, int8_t *obj, GError **errp);
bool visit_type_int16(Visitor *v, const char *name, int16_t *obj,
                      GError **errp);
bool visit_type_int32(Visitor *v, const char *name, int32_t *obj,
                      GError **errp);
bool visit_type_int64(Visitor *v, const char *name, int64_t *obj,
                      GError **errp);
bool visit_type_uint8(Visitor *v, const char *name, uint8_t *obj,
                      GError **errp);
bool visit_type_uint16(Visitor *v, const char *name, uint16_t *obj,
                       GError **errp);
bool visit_type_uint32(Visitor *v, const char *name, uint32_t *obj,
                       GError **errp);
bool visit_type_uint64(Visitor *v, const char *name, uint64_t *obj,
                       GError **errp);
bool visit_type_size(Visitor *v, const char *name, uint64_t *obj,
                     GError **errp);
bool visit_type_bool(Visitor *v, const char *name, bool *obj, GError **errp);
bool visit_type_str(Visitor *v, const char *name, char **obj, GError **errp);
bool visit_type_number(Visitor *v, const char *name, double *obj,
                       GError **errp);
/* 'any': an owned JsonNode (json-glib is the JSON data model). */
bool visit_type_any(Visitor *v, const char *name, JsonNode **obj,
                    GError **errp);
bool visit_type_null(Visitor *v, const char *name, QNull **obj, GError **errp);

G_END_DECLS

#endif /* QAPI_VISITOR_H */

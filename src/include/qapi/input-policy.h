/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Input policy: what the JSON input visitor does with a document that a
 * newer schema may have written.  One policy decides, during the one visit,
 * for
 *
 *   - unknown members:              error | warning (member skipped);
 *   - members of a union branch
 *     that is not the selected one: error | warning (member skipped);
 *     either way the message says which branch the member belongs to;
 *   - unknown enum values:          error | drop the list element and
 *                                   record it | record it and mark the
 *                                   document unsupported;
 *   - missing required members:     error | warning, per member name.
 *
 * A policy is plain data: defaults for the whole document plus
 * per-enum-type rules keyed by the generated QEnumLookup tables, and
 * per-member rules keyed by the member's name.  Which members belong to
 * which union branch comes from a table the generator writes
 * (<prefix>qapi-unions-<schema>.h, "unions" back end); without it, a
 * member of another branch is just an unknown member.  The same table
 * tells which enum members are union tags (QapiUnionInfo below): give it
 * to every collecting visitor of generated types, also with an otherwise
 * strict policy, so that a bad tag quiets the wrong branch's members and
 * plain enum members keep their __MAX stand-in (qapi/json-input.h).
 *
 *   static const QapiEnumRule rules[] = {
 *       { &FirmwareFeature_lookup, QAPI_INPUT_DROP },
 *       { &FirmwareDevice_lookup, QAPI_INPUT_UNSUPPORTED },
 *       { NULL },
 *   };
 *   static const QapiInputPolicy tolerant = {
 *       .unknown_member = QAPI_INPUT_WARN,
 *       .other_branch = QAPI_INPUT_WARN,
 *       .unknown_value = QAPI_INPUT_ERROR,
 *       .enums = rules,
 *       .unions = firmware_qapi_unions,
 *   };
 *   qapi_json_input_visitor_set_policy(v, &tolerant);
 */
#ifndef QAPI_INPUT_POLICY_H
#define QAPI_INPUT_POLICY_H

#include "qapi/util.h"

G_BEGIN_DECLS

typedef enum QapiInputAction {
    /* In a rule: no override, the policy's default applies. */
    QAPI_INPUT_DEFAULT,
    /* A problem: an error (collect mode records it and goes on). */
    QAPI_INPUT_ERROR,
    /* Members: a warning; an unknown member is skipped, a missing one
     * gets a zero value. */
    QAPI_INPUT_WARN,
    /*
     * Enum values in a list: the element is dropped from the list, the
     * value recorded (qapi_json_input_visitor_get_unknown_value()) with a
     * warning.  Outside a list the value is an error.
     */
    QAPI_INPUT_DROP,
    /*
     * Enum values: recorded, and the document is unsupported rather than
     * invalid (qapi_json_input_visitor_get_verdict()).  The recording is
     * an error diagnostic (QAPI_ERROR_UNKNOWN_VALUE), so the visit still
     * fails.  When the value is a union's discriminator, nothing else of
     * that object is checked: its members belong to a branch this schema
     * does not know.
     */
    QAPI_INPUT_UNSUPPORTED,
} QapiInputAction;

/* What to do with an unknown value of the enum whose table is @lookup. */
typedef struct QapiEnumRule {
    const QEnumLookup *lookup; /* NULL ends a list of rules */
    QapiInputAction unknown_value;
} QapiEnumRule;

/* What to do when a required member called @name is missing. */
typedef struct QapiMemberRule {
    const char *name;        /* NULL ends a list of rules */
    QapiInputAction missing; /* QAPI_INPUT_ERROR or _WARN */
} QapiMemberRule;

/* One branch of a union: the tag value choosing it, its members. */
typedef struct QapiUnionBranch {
    int tag_value;
    const char *case_name;      /* the tag value's name */
    const char *const *members; /* JSON names, NULL-terminated */
} QapiUnionBranch;

/*
 * A flat union, as the "unions" back end of the generator writes it.  The
 * input visitor recognizes the union by its tag's name and enum table
 * (two unions sharing both are told apart only where they agree).
 *
 * The table also tells the input visitor which enum members are union
 * tags (the generated code, QEMU's, does not say): a member named @tag of
 * enum @tag_lookup, visited in a JSON object whose C object has one of the
 * @frames sizes.  Those are sizeof() the union and every union that has it
 * as a branch, and 0 when its members are also visited without a C object
 * of their own (an alternate's branch, a boxed command argument; the
 * visitor is then given size 0).  A plain member of another type with the
 * same name, enum and size is taken for a tag too: a bad value of it then
 * gets the stand-in 0 and quiets the rest of its object (json-input.h).
 */
typedef struct QapiUnionInfo {
    const char *name; /* the type; NULL ends the table */
    const char *tag;  /* the discriminator's JSON name */
    const QEnumLookup *tag_lookup;
    const QapiUnionBranch *branches;
    int n_branches;
    const size_t *frames;
    int n_frames;
} QapiUnionInfo;

/* QAPI_INPUT_DEFAULT in a field means an error (other_branch: what
 * unknown_member says), so a zero-initialized policy is strict. */
typedef struct QapiInputPolicy {
    QapiInputAction unknown_member; /* ERROR or WARN */
    QapiInputAction other_branch;   /* ERROR or WARN */
    QapiInputAction unknown_value;  /* ERROR, DROP or UNSUPPORTED */
    QapiInputAction missing_member; /* ERROR or WARN */
    const QapiEnumRule *enums;      /* may be NULL */
    const QapiMemberRule *members;  /* may be NULL */
    const QapiUnionInfo *unions;    /* may be NULL */
} QapiInputPolicy;

/* An enum value the policy let through or marked unsupported. */
typedef struct QapiUnknownValue {
    const QEnumLookup *lookup; /* the enum's table */
    QapiInputAction action;    /* QAPI_INPUT_DROP or _UNSUPPORTED */
    char *path;                /* "features[2]", "mapping.device" */
    char *value;               /* the document's string, unescaped */
    int line;
    int column;
} QapiUnknownValue;

/* What a visited document is, as far as the input visitor can tell. */
typedef enum QapiInputVerdict {
    QAPI_INPUT_VALID,
    /* Its only errors are values marked QAPI_INPUT_UNSUPPORTED. */
    QAPI_INPUT_UNSUPPORTED_DOCUMENT,
    QAPI_INPUT_INVALID,
} QapiInputVerdict;

G_END_DECLS

#endif /* QAPI_INPUT_POLICY_H */

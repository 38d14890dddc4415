/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The generated visitors' side of the validator's differential tests
 * (test-schema-validate, fuzz-schema).  The generated visitors learn the
 * union tags from the unions table (qapi/input-policy.h); the validator
 * knows them from the introspection data.  Neither side is told which
 * branch a member belongs to, so the generated side gets the table
 * without its branches: the policies of QAPI_INPUT_STRICT and
 * QAPI_INPUT_TOLERANT, plus the tags.
 */
#ifndef TESTS_TAG_POLICIES_H
#define TESTS_TAG_POLICIES_H

#include "qapi/json-input.h"

typedef struct TagPolicies {
    QapiUnionInfo *unions; /* a copy of the table, without branches */
    QapiInputPolicy strict;
    QapiInputPolicy tolerant;
} TagPolicies;

void tag_policies_init(TagPolicies *tp, const QapiUnionInfo *table);
void tag_policies_clear(TagPolicies *tp);

/* Visit a value of one type (generated code), freeing what it built. */
typedef bool (*TagVisitFn)(Visitor *v, GError **errp);

/*
 * @fn's verdict on @text (@size bytes, or -1: NUL-terminated, named
 * @filename) under @tp's policy for @flags, as the JSON input visitor
 * gives it: @diags NULL stops at the first error.
 */
bool tag_policies_run(const TagPolicies *tp, TagVisitFn fn, const char *text,
                      gssize size, const char *filename, QapiInputFlags flags,
                      QapiDiagnostics *diags, GError **error);

#endif /* TESTS_TAG_POLICIES_H */

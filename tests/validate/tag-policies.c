/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The union-tag policies of the differential tests (tag-policies.h). */
#include "tag-policies.h"

/* A copy of @table whose unions have no branches: only the tags. */
static QapiUnionInfo *
tags_only(const QapiUnionInfo *table)
{
    static const QapiUnionBranch none[] = { { 0, NULL, NULL } };
    QapiUnionInfo *copy;
    gsize n = 0;

    while (table[n].name) {
        n++;
    }
    copy = g_memdup2(table, (n + 1) * sizeof(*table));
    for (gsize i = 0; i < n; i++) {
        copy[i].branches = none;
        copy[i].n_branches = 0;
    }
    return copy;
}

void
tag_policies_init(TagPolicies *tp, const QapiUnionInfo *table)
{
    *tp = (TagPolicies){
        .unions = tags_only(table),
        .strict = {
            .unknown_member = QAPI_INPUT_ERROR,
            .other_branch = QAPI_INPUT_ERROR,
            .unknown_value = QAPI_INPUT_ERROR,
            .missing_member = QAPI_INPUT_ERROR,
        },
        .tolerant = {
            .unknown_member = QAPI_INPUT_WARN,
            .other_branch = QAPI_INPUT_WARN,
            .unknown_value = QAPI_INPUT_DROP,
            .missing_member = QAPI_INPUT_ERROR,
        },
    };
    tp->strict.unions = tp->tolerant.unions = tp->unions;
}

void
tag_policies_clear(TagPolicies *tp)
{
    g_clear_pointer(&tp->unions, g_free);
}

bool
tag_policies_run(const TagPolicies *tp, TagVisitFn fn, const char *text,
                 gssize size, const char *filename, QapiInputFlags flags,
                 QapiDiagnostics *diags, GError **error)
{
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(text, size, filename,
                                                       flags, diags, error);
    GError *err = NULL;

    if (!v) {
        return false;
    }
    qapi_json_input_visitor_set_policy(
        v, flags & QAPI_INPUT_TOLERANT ? &tp->tolerant : &tp->strict);
    if (!fn(v, &err) && !diags) {
        g_propagate_error(error, err);
        return false;
    }
    g_clear_error(&err);
    return qapi_json_input_visitor_finish(v, error);
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * QEMU's compatibility policy for deprecated and unstable interfaces
 * (QEMU's -compat option): what QMP input may use, what QMP output shows.
 *
 * QEMU declares the policy as the type CompatPolicy generated from its
 * qapi/compat.json.  A schema that includes compat.json generates that
 * type too, so the runtime's policy keeps its own name, QapiPolicy
 * (qapi/visitor.h), with the same members: deprecated_input,
 * deprecated_output, unstable_input, unstable_output (QEMU's has_ flags
 * are not needed: the zero policy accepts everything).
 *
 * The QMP visitors below are the ones generated command and event code
 * uses; they apply compat_policy to every member and enum value.
 */
#ifndef QAPI_COMPAT_POLICY_H
#define QAPI_COMPAT_POLICY_H

#include "qapi/visitor.h"
#include "qapi/qmp-error.h"

G_BEGIN_DECLS

/* The process-wide policy qmp_dispatch() and the QMP visitors apply;
 * accept and show everything until the program sets it. */
extern QapiPolicy compat_policy;

/*
 * Whether input with feature mask @features is acceptable under @policy.
 * The 'reject' policy fails with @error_class and QEMU's text,
 * "Deprecated command x disabled by policy" (@kind "command", @name "x");
 * the 'crash' policy aborts the program.
 */
bool compat_policy_input_ok(uint64_t features, const QapiPolicy *policy,
                            ErrorClass error_class, const char *kind,
                            const char *name, GError **errp);

/*
 * An input visitor over @obj (copied) in QMP's terms: strict (unknown
 * members are errors, with their path), stopping at the first problem,
 * under compat_policy.
 */
Visitor *qobject_input_visitor_new_qmp(JsonNode *obj);

/* The same over the members of @args, as generated marshal functions
 * receive them (QEMU passes QOBJECT(args)); generated code uses this one,
 * since it does not include json-glib's headers. */
Visitor *qapi_qmp_input_visitor_new(JsonObject *args);

/* An output visitor building a json-glib tree into *@result, under
 * compat_policy (hidden members are left out). */
Visitor *qobject_output_visitor_new_qmp(JsonNode **result);

G_END_DECLS

#endif /* QAPI_COMPAT_POLICY_H */

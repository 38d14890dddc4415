/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Serving query-qmp-schema.  The generator's 'introspect' back end writes
 * QEMU's introspection data as JSON text (<prefix>qmp_schema_json and
 * <prefix>qmp_schema_json_len in <prefix>qapi-introspect.h) where QEMU
 * has a QLitObject; a server's query-qmp-schema handler returns it parsed:
 *
 *   static void
 *   qmp_marshal_query_qmp_schema(JsonObject *args, JsonNode **ret,
 *                                GError **errp)
 *   {
 *       *ret = qapi_introspection_new(qmp_schema_json, qmp_schema_json_len,
 *                                     &compat_policy, errp);
 *   }
 *
 * (query-qmp-schema is 'gen': false in QEMU's schema: the program writes
 * and registers this function itself.)
 */
#ifndef QAPI_INTROSPECT_H
#define QAPI_INTROSPECT_H

#include "qapi/visitor.h"

G_BEGIN_DECLS

/*
 * The SchemaInfo array in @data (@len bytes), as a new node.  Under a
 * @policy (may be NULL) that hides deprecated output, as QEMU does, the
 * entities with feature 'deprecated' are left out, and so are the
 * members with it of the object types that remain.  NULL with @error set
 * when @data is not a JSON array.
 */
JsonNode *qapi_introspection_new(const char *data, size_t len,
                                 const QapiPolicy *policy, GError **error);

G_END_DECLS

#endif /* QAPI_INTROSPECT_H */

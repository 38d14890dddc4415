/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Deep copies of generated types, as QEMU's QAPI_CLONE(). */
#ifndef QAPI_CLONE_VISITOR_H
#define QAPI_CLONE_VISITOR_H

#include "qapi/visitor.h"

G_BEGIN_DECLS

typedef bool (*QapiVisitTypeFunc)(Visitor *v, const char *name, void **obj,
                                  GError **errp);
typedef bool (*QapiVisitMembersFunc)(Visitor *v, void *obj, GError **errp);

void *qapi_clone(const void *src, QapiVisitTypeFunc visit_type);
void qapi_clone_members(void *dst, const void *src, size_t size,
                        QapiVisitMembersFunc visit_members);

/* A new deep copy of @src, which is a Type *. */
#define QAPI_CLONE(type, src) \
    ((type *)qapi_clone(src,  \
                        (QapiVisitTypeFunc)(void (*)(void))visit_type_##type))

/* Copy the members of @src into the caller's @dst (both Type *). */
#define QAPI_CLONE_MEMBERS(type, dst, src) \
    qapi_clone_members(                    \
        dst, src, sizeof(type),            \
        (QapiVisitMembersFunc)(void (*)(void))visit_type_##type##_members)

G_END_DECLS

#endif /* QAPI_CLONE_VISITOR_H */

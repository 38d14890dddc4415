/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * Visitor functions for the built-in types
 */

#ifndef QAPI_BUILTIN_VISIT_H
#define QAPI_BUILTIN_VISIT_H

#include "qapi/visitor.h"
#include "qapi/qapi-builtin-types.h"


bool visit_type_strList(Visitor *v, const char *name,
                 strList **obj, GError **errp);

bool visit_type_numberList(Visitor *v, const char *name,
                 numberList **obj, GError **errp);

bool visit_type_intList(Visitor *v, const char *name,
                 intList **obj, GError **errp);

bool visit_type_int8List(Visitor *v, const char *name,
                 int8List **obj, GError **errp);

bool visit_type_int16List(Visitor *v, const char *name,
                 int16List **obj, GError **errp);

bool visit_type_int32List(Visitor *v, const char *name,
                 int32List **obj, GError **errp);

bool visit_type_int64List(Visitor *v, const char *name,
                 int64List **obj, GError **errp);

bool visit_type_uint8List(Visitor *v, const char *name,
                 uint8List **obj, GError **errp);

bool visit_type_uint16List(Visitor *v, const char *name,
                 uint16List **obj, GError **errp);

bool visit_type_uint32List(Visitor *v, const char *name,
                 uint32List **obj, GError **errp);

bool visit_type_uint64List(Visitor *v, const char *name,
                 uint64List **obj, GError **errp);

bool visit_type_sizeList(Visitor *v, const char *name,
                 sizeList **obj, GError **errp);

bool visit_type_boolList(Visitor *v, const char *name,
                 boolList **obj, GError **errp);

bool visit_type_anyList(Visitor *v, const char *name,
                 anyList **obj, GError **errp);

bool visit_type_nullList(Visitor *v, const char *name,
                 nullList **obj, GError **errp);

bool visit_type_QType(Visitor *v, const char *name,
                 QType *obj, GError **errp);

#endif /* QAPI_BUILTIN_VISIT_H */

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The visitor behind every generated qapi_free_X(). */
#ifndef QAPI_DEALLOC_VISITOR_H
#define QAPI_DEALLOC_VISITOR_H

#include "qapi/visitor.h"

G_BEGIN_DECLS

Visitor *qapi_dealloc_visitor_new(void);

G_END_DECLS

#endif /* QAPI_DEALLOC_VISITOR_H */

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A generated visit_type_T() called through void **, so that one test
 * function serves every type: the runtime tests' and the lazy decode
 * fuzzer's.
 */
#ifndef TESTS_VISIT_FN_H
#define TESTS_VISIT_FN_H

#include "qapi/qapi.h"

typedef bool (*VisitFn)(Visitor *v, const char *name, void **obj,
                        GError **errp);
#define VISIT(T) ((VisitFn)(void (*)(void))visit_type_##T)

/* Frees whatever @visit built, whatever its type. */
static inline void
free_with(VisitFn visit, void *obj)
{
    Visitor *v = qapi_dealloc_visitor_new();

    visit(v, NULL, &obj, NULL);
    visit_free(v);
}

#endif /* TESTS_VISIT_FN_H */

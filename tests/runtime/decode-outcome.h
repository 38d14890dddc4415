/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * One decode's outcome as text, for the differential tests of the lazy
 * and the tree input visitor (test-lazy-decode, fuzz-lazy-decode): two
 * decodes agree when their texts are equal.
 */
#ifndef TESTS_DECODE_OUTCOME_H
#define TESTS_DECODE_OUTCOME_H

#include "qapi/qapi.h"

/* A generated visit_type_T(), through void ** (DECODE_VISIT(T)). */
typedef bool (*DecodeVisitFn)(Visitor *v, const char *name, void **obj,
                              GError **errp);
#define DECODE_VISIT(T) ((DecodeVisitFn)(void (*)(void))visit_type_##T)

/*
 * Everything decoding with @v (NULL: the constructor refused the text
 * with @create_error) as @visit says: the visit's and finish's results
 * and messages, the verdict, the unknown values, the typed result
 * written back as compact text, then every diagnostic of @diags (may be
 * NULL).  Frees the typed result.
 */
char *decode_outcome(Visitor *v, const GError *create_error,
                     DecodeVisitFn visit, QapiDiagnostics *diags);

#endif /* TESTS_DECODE_OUTCOME_H */

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * One decode's outcome as text, for the differential tests of the lazy
 * and the tree input visitor (test-lazy-decode, fuzz-lazy-decode): two
 * decodes agree when their texts are equal.
 */
#ifndef TESTS_DECODE_OUTCOME_H
#define TESTS_DECODE_OUTCOME_H

#include "qapi/qapi.h"
#include "visit-fn.h"

/*
 * Everything decoding with @v (NULL: the constructor refused the text
 * with @create_error) as @visit says: the visit's and finish's results
 * and messages, the verdict, the unknown values, the typed result
 * written back as compact text, then every diagnostic of @diags (may be
 * NULL).  Frees the typed result.
 */
char *decode_outcome(Visitor *v, const GError *create_error, VisitFn visit,
                     QapiDiagnostics *diags);

/*
 * Decodes @text (@len bytes; -1: up to its NUL), named @filename, as
 * @visit says in mode @flags under @policy (NULL: the flags alone), both
 * with the lazy visitor over the text (@lazy_flags added: the lazy side's
 * own flags, such as QAPI_INPUT_TEXT_KEPT) and with the visitor over the
 * reader's kept document of it; with fresh diagnostics when @collecting.
 * Sets *@lazy and *@tree to the two decode_outcome() texts (the caller
 * frees them) and returns whether they are equal.
 */
bool decode_both(const char *text, gssize len, const char *filename,
                 QapiInputFlags flags, QapiInputFlags lazy_flags,
                 const QapiInputPolicy *policy, bool collecting, VisitFn visit,
                 char **lazy, char **tree);

#endif /* TESTS_DECODE_OUTCOME_H */

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What QEMU's generated visitor code uses that the runtime spells
 * otherwise.  The generated qapi-visit*.c files are QEMU's text line for
 * line (with GError ** for Error **); they include this header, and no
 * public header does, so that programs using the runtime never see the
 * names below.  Include it only from code written the way QEMU's generator
 * writes it.
 *
 * - error_setg(): QEMU's generated alternate visitor reports a JSON value
 *   that fits no branch as
 *
 *       error_setg(errp, "Invalid parameter type for '%s', expected: T",
 *                  name ? name : "null");
 *
 *   The macro hands that to qapi_compat_error_setg() together with the
 *   Visitor *v and the member name of the generated function it is called
 *   from (both are parameters of every visit_type_T()), so that the visitor
 *   records the problem as any other: the input visitor's message says
 *   where the value is (path, line and column) and what it is ("number is
 *   not a valid value for T"), and a collecting input visitor lists it with
 *   the document's other problems.
 *
 * - Unused parameters: QEMU's generated code does not mark them.  The
 *   members function of a struct without members (or whose members are all
 *   conditional and compiled out) uses none of its parameters, which
 *   -Wextra reports; such code is correct, so the warning is turned off for
 *   the rest of the file that includes this header.
 */
#ifndef QAPI_QEMU_COMPAT_H
#define QAPI_QEMU_COMPAT_H

#include <assert.h>

#include "qapi/visitor.h"

G_BEGIN_DECLS

/*
 * Sets @errp for a value of member @name (NULL for a list element or the
 * top-level value) that the visit cannot take, as visitor @v records
 * problems.  @fmt and its arguments are QEMU's wording; when it is the
 * alternate type error above, the alternate's name T is taken from it and
 * the problem reported as visit_error_alternate_type(v, name, T, errp)
 * does; any other message is a QAPI_ERROR_TYPE_MISMATCH with that text.
 * The visit fails afterwards (in collect mode too).
 */
void qapi_compat_error_setg(Visitor *v, const char *name, GError **errp,
                            const char *fmt, ...) G_GNUC_PRINTF(4, 5);

G_END_DECLS

/* Code that only calls or defines the function above (the runtime, its
 * tests) defines QAPI_QEMU_COMPAT_NO_SHIMS first: neither the macro nor
 * the warning change. */
#ifndef QAPI_QEMU_COMPAT_NO_SHIMS
#define error_setg(errp, ...) qapi_compat_error_setg(v, name, errp, __VA_ARGS__)

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif
#endif

#endif /* QAPI_QEMU_COMPAT_H */

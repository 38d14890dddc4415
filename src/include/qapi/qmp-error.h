/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * QMP error classes.  A QMP error response is
 *   { "error": { "class": CLASS, "desc": TEXT } }
 * and CLASS is one of QEMU's ErrorClass names.  Command handlers report a
 * class other than GenericError by setting a GError in the QAPI_QMP_ERROR
 * domain whose code is the ErrorClass; a GError of any other domain
 * answers as GenericError with its message as the description.
 *
 * The enum is QEMU's ErrorClass (include/qapi/error.h), in the order of
 * QEMU's QapiErrorClass (qapi/error.json), so the numbers agree.
 */
#ifndef QAPI_QMP_ERROR_H
#define QAPI_QMP_ERROR_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum ErrorClass {
    ERROR_CLASS_GENERIC_ERROR,
    ERROR_CLASS_COMMAND_NOT_FOUND,
    ERROR_CLASS_DEVICE_NOT_ACTIVE,
    ERROR_CLASS_DEVICE_NOT_FOUND,
    ERROR_CLASS_KVM_MISSING_CAP,
} ErrorClass;

#define QAPI_QMP_ERROR (qapi_qmp_error_quark())
GQuark qapi_qmp_error_quark(void);

/* The wire name of @error_class ("GenericError", ...), or NULL. */
const char *qapi_error_class_str(ErrorClass error_class);

/* The class a QMP response gives @err: its code in the QAPI_QMP_ERROR
 * domain, GenericError for every other domain. */
ErrorClass qapi_error_get_class(const GError *err);

G_END_DECLS

#endif /* QAPI_QMP_ERROR_H */

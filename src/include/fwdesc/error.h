/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Errors of the firmware library: one GError domain whose codes say what
 * kind of failure happened, so a caller can tell "this file is broken"
 * from "nothing fits" from "the destination already exists".
 */
#ifndef FWDESC_ERROR_H
#define FWDESC_ERROR_H

#include <glib.h>

G_BEGIN_DECLS

#define FWDESC_ERROR (fwdesc_error_quark())
GQuark fwdesc_error_quark(void);

typedef enum FwdescErrorCode {
    FWDESC_ERROR_IO,          /* reading, writing or renaming a file failed */
    FWDESC_ERROR_NOT_REGULAR, /* a FIFO, directory, device... not a file */
    FWDESC_ERROR_TOO_LARGE,   /* beyond FWDESC_MAX_DESCRIPTOR_SIZE */
    FWDESC_ERROR_INVALID, /* not a valid descriptor (syntax, schema, rules) */
    FWDESC_ERROR_UNSUPPORTED, /* valid in shape, but uses a device, mode,
                                * architecture, format or interface this
                                * library does not know */
    FWDESC_ERROR_NOT_FOUND,   /* no descriptor matches the query */
    FWDESC_ERROR_EXISTS,      /* the destination exists; not overwritten */
    FWDESC_ERROR_NO_VARS,     /* the firmware has no variable store */
    FWDESC_ERROR_ARGUMENT,    /* an argument is missing or does not fit */
} FwdescErrorCode;

G_END_DECLS

#endif /* FWDESC_ERROR_H */

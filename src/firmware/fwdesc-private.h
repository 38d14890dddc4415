/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by the firmware library's files; not installed. */
#ifndef FWDESC_PRIVATE_H
#define FWDESC_PRIVATE_H

#include <sys/stat.h>

#include "fwdesc/fwdesc.h"

/*
 * Read @path without ever blocking: opened with O_NONBLOCK, then fstat()
 * must say regular file (a FIFO or device is refused, not read), of at
 * most @max_size bytes.  On success *@st describes the file read.
 */
gboolean fwdesc_read_file(const char *path, gsize max_size, char **contents,
                          gsize *len, struct stat *st, GError **error);

/* "a directory", "a FIFO", "a character device"... for a non-regular
 * file's st_mode. */
const char *fwdesc_file_type_name(mode_t mode);

/* "LINE:COL: PATH: message" (the parts known), without the file name. */
char *fwdesc_diagnostic_brief(const QapiDiagnostic *diag);

/* Append a copy of every diagnostic of @src to @dst. */
void fwdesc_diagnostics_append(QapiDiagnostics *dst,
                               const QapiDiagnostics *src);

/* The first error of @diags, or NULL. */
const QapiDiagnostic *fwdesc_diagnostics_first_error(
    const QapiDiagnostics *diags);

/*
 * Add a diagnostic about member @path of @desc's document, positioned in
 * its text when there is one (an absent member at its enclosing value).
 */
void fwdesc_descriptor_add_diagnostic(const FwdescDescriptor *desc,
                                      QapiDiagnostics *diags,
                                      QapiSeverity severity, QapiErrorCode code,
                                      const char *path, const char *message);

/* Whether @machine fits @pattern: '*' and '?' only, as libvirt matches
 * (g_pattern_match_simple), or fnmatch(3) globbing with @use_fnmatch. */
gboolean fwdesc_machine_pattern_match(const char *pattern, const char *machine,
                                      gboolean use_fnmatch);

/* The output of "@binary -machine help" (a QEMU system emulator), or NULL
 * with FWDESC_ERROR_ARGUMENT. */
char *fwdesc_qemu_machine_help(const char *binary, GError **error);

/* Whether @help lists machine @name; *@target is set (newly allocated)
 * to the type it is an alias of, NULL when it is not an alias. */
gboolean fwdesc_qemu_machine_lookup(const char *help, const char *name,
                                    char **target);

/* The input policy of a strict or tolerant descriptor load (input-policy.c). */
const QapiInputPolicy *fwdesc_input_policy(gboolean tolerant);

#endif /* FWDESC_PRIVATE_H */

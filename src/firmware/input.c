/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Descriptors from an open file descriptor (standard input, a pipe) and
 * from a command-line argument, with the same size limit as files.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fwdesc-private.h"

/* Read @fd to its end into @text; FALSE with @error (and a diagnostic of
 * @name in @diags) on a read error or beyond the size limit. */
static gboolean
read_all(int fd, const char *name, GString *text, QapiDiagnostics *diags,
         GError **error)
{
    char buf[65536];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int err = errno;
            if (diags) {
                qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR, QAPI_ERROR_IO,
                                     name, "", 0, 0, "read error: %s",
                                     g_strerror(err));
            }
            g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO,
                        "%s: read error: %s", name, g_strerror(err));
            return FALSE;
        }
        if (n == 0) {
            return TRUE;
        }
        g_string_append_len(text, buf, n);
        if (text->len > FWDESC_MAX_DESCRIPTOR_SIZE) {
            if (diags) {
                qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR,
                                     QAPI_ERROR_TOO_LARGE, name, "", 0, 0,
                                     "more than the limit of %u bytes",
                                     FWDESC_MAX_DESCRIPTOR_SIZE);
            }
            g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_TOO_LARGE,
                        "%s: more than the limit of %u bytes", name,
                        FWDESC_MAX_DESCRIPTOR_SIZE);
            return FALSE;
        }
    }
}

FwdescDescriptor *
fwdesc_descriptor_load_fd(int fd, const char *name, FwdescLoadFlags flags,
                          QapiDiagnostics *diags, GError **error)
{
    g_return_val_if_fail(fd >= 0, NULL);
    const char *shown = name ? name : "<input>";
    g_autoptr(GString) text = g_string_new(NULL);
    if (!read_all(fd, shown, text, diags, error)) {
        return NULL;
    }
    return fwdesc_descriptor_load_data(text->str, (gssize)text->len, name,
                                       flags, diags, error);
}

FwdescDescriptor *
fwdesc_descriptor_load_arg(const char *arg, FwdescLoadFlags flags,
                           QapiDiagnostics *diags, GError **error)
{
    g_return_val_if_fail(arg != NULL, NULL);
    if (!strcmp(arg, "-")) {
        return fwdesc_descriptor_load_fd(STDIN_FILENO, FWDESC_STDIN_NAME, flags,
                                         diags, error);
    }
    return fwdesc_descriptor_load_file(arg, flags, diags, error);
}

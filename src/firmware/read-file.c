/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Reading a descriptor file: never blocking, regular files only, bounded. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "autofd.h"
#include "fwdesc-private.h"

const char *
fwdesc_file_type_name(mode_t mode)
{
    if (S_ISDIR(mode)) {
        return "a directory";
    }
    if (S_ISFIFO(mode)) {
        return "a FIFO";
    }
    if (S_ISCHR(mode)) {
        return "a character device";
    }
    if (S_ISBLK(mode)) {
        return "a block device";
    }
    if (S_ISSOCK(mode)) {
        return "a socket";
    }
    return "not a regular file";
}

gboolean
fwdesc_read_file(const char *path, gsize max_size, char **contents, gsize *len,
                 struct stat *st, GError **error)
{
    /* O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
     * It has no effect on regular files, which are all we read. */
    g_auto(FwdescFd) fd = open(path,
                               O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int saved = errno;
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO, "%s: %s", path,
                    g_strerror(saved));
        return FALSE;
    }
    struct stat local;
    if (!st) {
        st = &local;
    }
    if (fstat(fd, st) < 0) {
        int saved = errno;
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO, "%s: %s", path,
                    g_strerror(saved));
        return FALSE;
    }
    if (!S_ISREG(st->st_mode)) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_NOT_REGULAR,
                    "%s: is %s, not a regular file", path,
                    fwdesc_file_type_name(st->st_mode));
        return FALSE;
    }
    if ((guint64)st->st_size > max_size) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_TOO_LARGE,
                    "%s: %lld bytes, more than the limit of %" G_GSIZE_FORMAT,
                    path, (long long)st->st_size, max_size);
        return FALSE;
    }

    /* Read up to one byte past the limit: the file may grow under us. */
    g_autoptr(GByteArray) buf = g_byte_array_sized_new((guint)st->st_size + 1);
    guint8 chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int saved = errno;
            g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO, "%s: %s", path,
                        g_strerror(saved));
            return FALSE;
        }
        if (n == 0) {
            break;
        }
        g_byte_array_append(buf, chunk, (guint)n);
        if (buf->len > max_size) {
            g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_TOO_LARGE,
                        "%s: more than the limit of %" G_GSIZE_FORMAT " bytes",
                        path, max_size);
            return FALSE;
        }
    }
    *len = buf->len;
    g_byte_array_append(buf, (const guint8 *)"", 1);
    *contents = (char *)g_byte_array_free(g_steal_pointer(&buf), FALSE);
    return TRUE;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A file descriptor that closes itself at the end of its scope, since
 * GLib 2.74 (Debian 12) has no g_autofd:
 *
 *   g_auto(FwdescFd) fd = open(path, O_RDONLY | O_CLOEXEC);
 *   if (fd < 0)
 *       return FALSE;
 *   ...
 *   return TRUE;              <- closed here, on every path
 *
 * The cleanup keeps errno, so an error path may still read it.
 * g_steal_fd(&fd) hands the descriptor out; fwdesc_fd_close(&fd) closes
 * it early for a writer that must see close() fail.  Private to the
 * libraries: not installed.
 */
#ifndef FWDESC_AUTOFD_H
#define FWDESC_AUTOFD_H

#include <errno.h>
#include <unistd.h>

#include <glib.h>

typedef int FwdescFd;

/* Close *@fd unless closed already, and mark it closed.  close()'s
 * result: 0, or -1 with errno set. */
static inline int
fwdesc_fd_close(FwdescFd *fd)
{
    int rc = 0;

    if (*fd >= 0) {
        rc = close(*fd);
        *fd = -1;
    }
    return rc;
}

static inline void
fwdesc_fd_clear(FwdescFd *fd)
{
    int saved = errno;

    fwdesc_fd_close(fd);
    errno = saved;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(FwdescFd, fwdesc_fd_clear)

#endif /* FWDESC_AUTOFD_H */

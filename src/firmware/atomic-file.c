/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Writing a file whole or not at all: the data goes to an unnamed or
 * hidden temporary file in the destination directory, is synced, then
 * gets its name in one step.
 */
#define _GNU_SOURCE /* O_TMPFILE, renameat2() */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "autofd.h"
#include "fwdesc/atomic-file.h"
#include "fwdesc/error.h"

static gboolean
write_all(int fd, const char *data, gsize len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return FALSE;
        }
        data += n;
        len -= (gsize)n;
    }
    return TRUE;
}

/* Put @tmp in place at @path without replacing an existing file. */
static int
rename_noreplace(const char *tmp, const char *path)
{
#ifdef RENAME_NOREPLACE
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0) {
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS) {
        return -1;
    }
#endif
    /* File systems without RENAME_NOREPLACE: link() fails on EEXIST too. */
    if (link(tmp, path) < 0) {
        return -1;
    }
    unlink(tmp);
    return 0;
}

static void
sync_directory(const char *dir)
{
    g_auto(FwdescFd) fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        /* Best effort: some file systems refuse fsync on directories. */
        (void)fsync(fd);
    }
}

/*
 * Give the new file @fd the owner, group and exact mode of the file it
 * replaces (@keep): a rewritten system descriptor must stay readable by
 * whoever could read it before, whatever the writer's umask.  Changing
 * the owner needs privilege: failing that, the group alone; failing that,
 * the writer's.  The mode comes last, since chown clears set-id bits.
 */
static void
take_over_attributes(int fd, const struct stat *keep)
{
    if (fchown(fd, keep->st_uid, keep->st_gid) < 0) {
        (void)fchown(fd, (uid_t)-1, keep->st_gid);
    }
    (void)fchmod(fd, keep->st_mode & 07777);
}

/*
 * Copy the extended attributes of @from (ACLs are some: system.posix_acl_*)
 * onto the new file @fd, so a rewrite keeps them.  Names of the trusted
 * and security namespaces need privilege to set: without it the new file
 * keeps what its directory gives it.  FALSE with errno set on failure.
 */
static gboolean
copy_xattrs(int fd, const char *from)
{
    ssize_t size = llistxattr(from, NULL, 0);
    if (size <= 0) {
        return size == 0 || errno == ENOTSUP;
    }
    g_autofree char *names = g_malloc((gsize)size);
    size = llistxattr(from, names, (size_t)size);
    if (size < 0) {
        return FALSE;
    }
    for (const char *name = names; name < names + size;
         name += strlen(name) + 1) {
        ssize_t n = lgetxattr(from, name, NULL, 0);
        if (n < 0) {
            return FALSE;
        }
        g_autofree char *value = g_malloc((gsize)n + 1);
        n = lgetxattr(from, name, value, (size_t)n);
        if (n < 0) {
            return FALSE;
        }
        if (fsetxattr(fd, name, value, (size_t)n, 0) < 0) {
            gboolean privileged = g_str_has_prefix(name, "trusted.")
                                  || g_str_has_prefix(name, "security.");
            if (!(privileged && errno == EPERM)) {
                return FALSE;
            }
        }
    }
    return TRUE;
}

/*
 * The preferred way: the data goes to an unnamed file (O_TMPFILE) in the
 * destination directory, which gets a name only once it is complete and
 * on disk.  A process killed before that leaves nothing behind.  Returns
 * -1 (errno set) when the file system cannot make unnamed files, so the
 * caller falls back to a named temporary file; 0 on failure with @error
 * set; 1 on success.
 */
static int
write_file_unnamed(const char *path, const char *dir, const char *base,
                   const void *contents, gsize len, int mode,
                   const struct stat *keep, gboolean overwrite, GError **error)
{
#ifdef O_TMPFILE
    g_auto(FwdescFd) fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC,
                               (mode_t)mode);
    if (fd < 0) {
        return -1;
    }
    if (keep) {
        take_over_attributes(fd, keep);
        if (!copy_xattrs(fd, path)) {
            int saved = errno;
            g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO,
                        "%s: cannot keep its extended attributes: %s", path,
                        g_strerror(saved));
            return 0;
        }
    }
    /* linkat() through /proc needs no privilege (AT_EMPTY_PATH does). */
    g_autofree char *proc = g_strdup_printf("/proc/self/fd/%d", fd);
    g_autofree char *tmp = NULL;
    int saved;

    if (!write_all(fd, contents, len) || fsync(fd) < 0) {
        /* The unnamed file vanishes with its descriptor. */
        saved = errno;
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO, "%s: %s", path,
                    g_strerror(saved));
        return 0;
    }
    if (!overwrite) {
        /* link() never replaces: an existing @path is EEXIST. */
        if (linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) < 0) {
            saved = errno;
            g_set_error(error, FWDESC_ERROR,
                        saved == EEXIST ? FWDESC_ERROR_EXISTS : FWDESC_ERROR_IO,
                        saved == EEXIST ? "%s: already exists (not overwritten)"
                                        : "%s: %s",
                        path, g_strerror(saved));
            return 0;
        }
        return 1;
    }
    /* Replacing needs a name to rename from: a hidden one, which
     * discovery ignores, for the instant between link and rename. */
    for (int attempt = 0;; attempt++) {
        g_free(tmp);
        tmp = g_strdup_printf("%s/.%s.%08x", dir, base, g_random_int());
        if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0) {
            break;
        }
        if (errno != EEXIST || attempt == 16) {
            saved = errno;
            g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO, "%s: %s", tmp,
                        g_strerror(saved));
            return 0;
        }
    }
    fwdesc_fd_close(&fd);
    if (rename(tmp, path) < 0) {
        saved = errno;
        unlink(tmp);
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO, "%s: %s", path,
                    g_strerror(saved));
        return 0;
    }
    return 1;
#else
    (void)path;
    (void)dir;
    (void)base;
    (void)contents;
    (void)len;
    (void)mode;
    (void)keep;
    (void)overwrite;
    (void)error;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

static gboolean
write_atomic(const char *path, const void *contents, gsize len, int mode,
             const struct stat *keep, gboolean overwrite, GError **error)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    /* A dotfile in the destination directory: same file system, so the
     * rename is atomic, and discovery ignores it meanwhile. */
    g_autofree char *tmpl = g_strdup_printf("%s/.%s.XXXXXX", dir, base);

    if (!overwrite
        && g_file_test(path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK)) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_EXISTS,
                    "%s: already exists (not overwritten)", path);
        return FALSE;
    }

    int done = write_file_unnamed(path, dir, base, contents, len, mode, keep,
                                  overwrite, error);
    if (done >= 0) {
        if (done) {
            sync_directory(dir);
        }
        return done == 1;
    }

    g_auto(FwdescFd) fd = g_mkstemp_full(tmpl, O_RDWR | O_CLOEXEC, mode);
    if (fd < 0) {
        int saved = errno;
        /* The file is what the caller asked about; the directory is why. */
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO,
                    "%s: cannot write a new copy in its directory %s: %s", path,
                    dir, g_strerror(saved));
        return FALSE;
    }
    /* g_mkstemp_full() creates 0600 whatever @mode says with some GLib
     * versions; set the mode the caller asked for, minus the umask. */
    if (keep) {
        take_over_attributes(fd, keep);
        if (!copy_xattrs(fd, path)) {
            int saved = errno;
            unlink(tmpl);
            g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO,
                        "%s: cannot keep its extended attributes: %s", path,
                        g_strerror(saved));
            return FALSE;
        }
    } else {
        mode_t mask = umask(0);
        umask(mask);
        (void)fchmod(fd, (mode_t)mode & ~mask);
    }

    if (!write_all(fd, contents, len) || fsync(fd) < 0) {
        int saved = errno;
        unlink(tmpl);
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO, "%s: %s", tmpl,
                    g_strerror(saved));
        return FALSE;
    }
    if (fwdesc_fd_close(&fd) < 0) {
        int saved = errno;
        unlink(tmpl);
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO, "%s: %s", tmpl,
                    g_strerror(saved));
        return FALSE;
    }

    int rc = overwrite ? rename(tmpl, path) : rename_noreplace(tmpl, path);
    if (rc < 0) {
        int saved = errno;
        unlink(tmpl);
        if (saved == EEXIST) {
            g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_EXISTS,
                        "%s: already exists (not overwritten)", path);
        } else {
            g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO, "%s: %s", path,
                        g_strerror(saved));
        }
        return FALSE;
    }
    sync_directory(dir);
    return TRUE;
}

gboolean
fwdesc_write_file_atomic(const char *path, const void *contents, gsize len,
                         int mode, gboolean overwrite, GError **error)
{
    g_return_val_if_fail(path != NULL, FALSE);
    return write_atomic(path, contents, len, mode, NULL, overwrite, error);
}

gboolean
fwdesc_replace_file_atomic(const char *path, const void *contents, gsize len,
                           GError **error)
{
    g_return_val_if_fail(path != NULL, FALSE);
    struct stat st;
    if (stat(path, &st) < 0) {
        int saved = errno;
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO, "%s: %s", path,
                    g_strerror(saved));
        return FALSE;
    }
    if (!S_ISREG(st.st_mode)) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_NOT_REGULAR,
                    "%s: not a regular file", path);
        return FALSE;
    }
    /* Renaming a new file over it needs only a writable directory: a user
     * who may not write the file would replace it (owned by him then). */
    if (access(path, W_OK) < 0) {
        int saved = errno;
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_IO,
                    "%s: not writable by this user: %s", path,
                    g_strerror(saved));
        return FALSE;
    }
    return write_atomic(path, contents, len, (int)(st.st_mode & 0600), &st,
                        TRUE, error);
}

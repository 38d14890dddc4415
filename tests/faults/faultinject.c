/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * An LD_PRELOAD shim that makes file writing fail on purpose, for the
 * fault-injection test (test-faults.sh).
 *
 * Calls are grouped in families and counted per family, only where they
 * touch a regular file (writes to a terminal, a pipe or stderr pass
 * untouched and uncounted):
 *   write   write, writev, pwrite, pwrite64, pwritev, copy_file_range,
 *           sendfile, ftruncate, fallocate
 *   fsync   fsync, fdatasync
 *   rename  rename, renameat, renameat2, link, linkat
 * Environment:
 *   FAULT_FAMILY=write|fsync|rename  the family to act on
 *   FAULT_NTH=N        act on its Nth call (1-based)
 *   FAULT_ERRNO=ENOSPC|EIO|...  make that call fail with this errno, or
 *   FAULT_KILL=1       instead write half of the data (for a write) and
 *                      SIGKILL the process, as a crash or power cut would
 *   FAULT_MAX_WRITE=N  write at most N bytes per call (short writes are
 *                      legal and must be handled; more fault points)
 *   FAULT_COUNT_FILE=PATH  at exit, write "FAMILY COUNT" lines there
 *   FAULT_NO_TMPFILE=1  (any non-empty value) open(O_TMPFILE) fails with EOPNOTSUPP, as on file
 *                      systems without unnamed files, so that the named
 *                      temporary file fallback gets tested too
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

enum family { FAM_WRITE, FAM_FSYNC, FAM_RENAME, FAM_N };
static const char *const family_names[FAM_N] = { "write", "fsync", "rename" };
static unsigned long counts[FAM_N];

static int target_family = -1;
static unsigned long target_nth;
static int target_errno;
static int target_kill;
static size_t max_write;
static int no_tmpfile;
static const char *count_file;

static const struct {
    const char *name;
    int value;
} errnos[] = {
    /* clang-format off */
    { "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EDQUOT", EDQUOT },
    { "EROFS", EROFS }, { "EPERM", EPERM }, { "EFBIG", EFBIG },
    /* clang-format on */
};

static void
write_counts(void)
{
    FILE *f;

    if (!count_file || !(f = fopen(count_file, "w"))) {
        return;
    }
    for (int i = 0; i < FAM_N; i++) {
        fprintf(f, "%s %lu\n", family_names[i], counts[i]);
    }
    fclose(f);
}

__attribute__((constructor)) static void
fault_init(void)
{
    const char *fam = getenv("FAULT_FAMILY");
    const char *nth = getenv("FAULT_NTH");
    const char *err = getenv("FAULT_ERRNO");
    const char *maxw = getenv("FAULT_MAX_WRITE");

    for (int i = 0; fam && i < FAM_N; i++) {
        if (strcmp(fam, family_names[i]) == 0) {
            target_family = i;
        }
    }
    target_nth = nth ? strtoul(nth, NULL, 10) : 0;
    for (size_t i = 0; err && i < sizeof(errnos) / sizeof(errnos[0]); i++) {
        if (strcmp(err, errnos[i].name) == 0) {
            target_errno = errnos[i].value;
        }
    }
    target_kill = getenv("FAULT_KILL") != NULL;
    max_write = maxw ? strtoul(maxw, NULL, 10) : 0;
    count_file = getenv("FAULT_COUNT_FILE");
    no_tmpfile = getenv("FAULT_NO_TMPFILE") && *getenv("FAULT_NO_TMPFILE");
    /* Written at exit, and also after each counted call: a killed or
     * aborting process still leaves its counts. */
    atexit(write_counts);
}

static void *
real(const char *name)
{
    void *sym = dlsym(RTLD_NEXT, name);

    if (!sym) {
        fprintf(stderr, "faultinject: no symbol %s\n", name);
        abort();
    }
    return sym;
}

static int
is_regular(int fd)
{
    struct stat st;

    return fd > 2 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * Count one call of @fam; returns 1 when this call is the one to fail
 * (errno is then set), kills the process when asked to.  @partial is
 * called first in kill mode (e.g. to write half of the data).
 */
static int
hit(enum family fam, void (*partial)(void *), void *arg)
{
    counts[fam]++;
    if ((int)fam != target_family || counts[fam] != target_nth) {
        return 0;
    }
    if (target_kill) {
        if (partial) {
            partial(arg);
        }
        write_counts();
        raise(SIGKILL);
    }
    errno = target_errno ? target_errno : EIO;
    return 1;
}

struct half_write {
    int fd;
    const void *buf;
    size_t len;
};

static void
write_half(void *arg)
{
    struct half_write *h = arg;
    ssize_t (*real_write)(int, const void *, size_t) = real("write");

    if (h->len > 1) {
        (void)!real_write(h->fd, h->buf, h->len / 2);
    }
}

static size_t
cap(size_t len)
{
    return max_write && len > max_write ? max_write : len;
}

ssize_t
write(int fd, const void *buf, size_t len)
{
    static ssize_t (*real_write)(int, const void *, size_t);

    if (!real_write) {
        real_write = real("write");
    }
    if (is_regular(fd)) {
        struct half_write h = { fd, buf, len };

        if (hit(FAM_WRITE, write_half, &h)) {
            return -1;
        }
        len = cap(len);
    }
    return real_write(fd, buf, len);
}

ssize_t
pwrite(int fd, const void *buf, size_t len, off_t off)
{
    static ssize_t (*fn)(int, const void *, size_t, off_t);

    if (!fn) {
        fn = real("pwrite");
    }
    if (is_regular(fd)) {
        if (hit(FAM_WRITE, NULL, NULL)) {
            return -1;
        }
        len = cap(len);
    }
    return fn(fd, buf, len, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t len, off_t off)
{
    return pwrite(fd, buf, len, off);
}

ssize_t
writev(int fd, const struct iovec *iov, int n)
{
    static ssize_t (*fn)(int, const struct iovec *, int);

    if (!fn) {
        fn = real("writev");
    }
    if (is_regular(fd) && hit(FAM_WRITE, NULL, NULL)) {
        return -1;
    }
    return fn(fd, iov, n);
}

ssize_t
pwritev(int fd, const struct iovec *iov, int n, off_t off)
{
    static ssize_t (*fn)(int, const struct iovec *, int, off_t);

    if (!fn) {
        fn = real("pwritev");
    }
    if (is_regular(fd) && hit(FAM_WRITE, NULL, NULL)) {
        return -1;
    }
    return fn(fd, iov, n, off);
}

ssize_t
copy_file_range(int in, off_t *in_off, int out, off_t *out_off, size_t len,
                unsigned flags)
{
    static ssize_t (*fn)(int, off_t *, int, off_t *, size_t, unsigned);

    if (!fn) {
        fn = real("copy_file_range");
    }
    if (is_regular(out)) {
        if (hit(FAM_WRITE, NULL, NULL)) {
            return -1;
        }
        len = cap(len);
    }
    return fn(in, in_off, out, out_off, len, flags);
}

ssize_t
sendfile(int out, int in, off_t *off, size_t len)
{
    static ssize_t (*fn)(int, int, off_t *, size_t);

    if (!fn) {
        fn = real("sendfile");
    }
    if (is_regular(out)) {
        if (hit(FAM_WRITE, NULL, NULL)) {
            return -1;
        }
        len = cap(len);
    }
    return fn(out, in, off, len);
}

int
ftruncate(int fd, off_t len)
{
    static int (*fn)(int, off_t);

    if (!fn) {
        fn = real("ftruncate");
    }
    if (is_regular(fd) && hit(FAM_WRITE, NULL, NULL)) {
        return -1;
    }
    return fn(fd, len);
}

int
fallocate(int fd, int mode, off_t off, off_t len)
{
    static int (*fn)(int, int, off_t, off_t);

    if (!fn) {
        fn = real("fallocate");
    }
    if (is_regular(fd) && hit(FAM_WRITE, NULL, NULL)) {
        return -1;
    }
    return fn(fd, mode, off, len);
}

int
fsync(int fd)
{
    static int (*fn)(int);

    if (!fn) {
        fn = real("fsync");
    }
    if (is_regular(fd) && hit(FAM_FSYNC, NULL, NULL)) {
        return -1;
    }
    return fn(fd);
}

int
fdatasync(int fd)
{
    static int (*fn)(int);

    if (!fn) {
        fn = real("fdatasync");
    }
    if (is_regular(fd) && hit(FAM_FSYNC, NULL, NULL)) {
        return -1;
    }
    return fn(fd);
}

int
rename(const char *from, const char *to)
{
    static int (*fn)(const char *, const char *);

    if (!fn) {
        fn = real("rename");
    }
    if (hit(FAM_RENAME, NULL, NULL)) {
        return -1;
    }
    return fn(from, to);
}

int
renameat(int fromdir, const char *from, int todir, const char *to)
{
    static int (*fn)(int, const char *, int, const char *);

    if (!fn) {
        fn = real("renameat");
    }
    if (hit(FAM_RENAME, NULL, NULL)) {
        return -1;
    }
    return fn(fromdir, from, todir, to);
}

int
renameat2(int fromdir, const char *from, int todir, const char *to,
          unsigned flags)
{
    static int (*fn)(int, const char *, int, const char *, unsigned);

    if (!fn) {
        fn = real("renameat2");
    }
    if (hit(FAM_RENAME, NULL, NULL)) {
        return -1;
    }
    return fn(fromdir, from, todir, to, flags);
}

int
link(const char *from, const char *to)
{
    static int (*fn)(const char *, const char *);

    if (!fn) {
        fn = real("link");
    }
    if (hit(FAM_RENAME, NULL, NULL)) {
        return -1;
    }
    return fn(from, to);
}

int
linkat(int fromdir, const char *from, int todir, const char *to, int flags)
{
    static int (*fn)(int, const char *, int, const char *, int);

    if (!fn) {
        fn = real("linkat");
    }
    if (hit(FAM_RENAME, NULL, NULL)) {
        return -1;
    }
    return fn(fromdir, from, todir, to, flags);
}

/* open(): only to refuse O_TMPFILE when asked; the mode argument exists
 * only with O_CREAT or O_TMPFILE. */
static int
open_common(const char *name, const char *path, int flags, va_list ap)
{
    int (*fn)(const char *, int, ...) = real(name);
    mode_t mode = 0;

    if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
        mode = (mode_t)va_arg(ap, int);
    }
    if (no_tmpfile && (flags & O_TMPFILE) == O_TMPFILE) {
        errno = EOPNOTSUPP;
        return -1;
    }
    return fn(path, flags, mode);
}

int
open(const char *path, int flags, ...)
{
    va_list ap;
    int fd;

    va_start(ap, flags);
    fd = open_common("open", path, flags, ap);
    va_end(ap);
    return fd;
}

int
open64(const char *path, int flags, ...)
{
    va_list ap;
    int fd;

    va_start(ap, flags);
    fd = open_common("open64", path, flags, ap);
    va_end(ap);
    return fd;
}

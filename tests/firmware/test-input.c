/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * input.c: descriptors from an open file descriptor (a pipe, standard
 * input) and from a command-line argument ("-" is standard input), with
 * the file size limit and read errors reported like a file's.
 */
#include <fcntl.h>

#include "test-util.h"

/* A pipe whose read end holds fixture @name and whose write end is
 * closed. */
static int
pipe_with(const char *name)
{
    g_autofree char *text = test_data_read(name);
    int fds[2];
    g_assert_cmpint(pipe(fds), ==, 0);
    gsize len = strlen(text);
    g_assert_cmpint(write(fds[1], text, len), ==, (gssize)len);
    close(fds[1]);
    return fds[0];
}

static void
test_load_fd(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    int fd = pipe_with("split.json");
    g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_fd(
        fd, "pipe", FWDESC_LOAD_STRICT, diags, &err);
    close(fd);
    g_assert_no_error(err);
    g_assert_cmpstr(fwdesc_descriptor_get_path(desc), ==, "pipe");
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 0);

    /* Problems are positioned in the text read, under its name. */
    fd = pipe_with("broken.json");
    g_assert_null(
        fwdesc_descriptor_load_fd(fd, "pipe", FWDESC_LOAD_STRICT, diags, &err));
    close(fd);
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
    const QapiDiagnostic *d = qapi_diagnostics_get(diags, 0);
    g_assert_cmpstr(d->filename, ==, "pipe");
    g_assert_cmpint(d->line, ==, 1);
}

static void
test_load_fd_limits(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-input-XXXXXX", NULL);
    /* One byte more than a descriptor may have: refused, not parsed. */
    g_autofree char *text = g_strnfill(FWDESC_MAX_DESCRIPTOR_SIZE + 1, ' ');
    test_write(dir, "big.json", text);
    g_autofree char *big = g_build_filename(dir, "big.json", NULL);
    int fd = open(big, O_RDONLY);
    g_assert_cmpint(fd, >=, 0);
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_assert_null(
        fwdesc_descriptor_load_fd(fd, "big", FWDESC_LOAD_STRICT, diags, &err));
    close(fd);
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_TOO_LARGE);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
    g_assert_cmpint(qapi_diagnostics_get(diags, 0)->code, ==,
                    QAPI_ERROR_TOO_LARGE);
    g_clear_error(&err);

    /* Exactly the limit is read (and then is not JSON). */
    text[FWDESC_MAX_DESCRIPTOR_SIZE] = '\0';
    test_write(dir, "limit.json", text);
    g_autofree char *limit = g_build_filename(dir, "limit.json", NULL);
    fd = open(limit, O_RDONLY);
    g_assert_null(
        fwdesc_descriptor_load_fd(fd, "limit", FWDESC_LOAD_STRICT, NULL, &err));
    close(fd);
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
    g_clear_error(&err);

    /* A read error (a directory) is an I/O error, with a diagnostic. */
    fd = open(dir, O_RDONLY | O_DIRECTORY);
    g_assert_cmpint(fd, >=, 0);
    g_autoptr(QapiDiagnostics) io = qapi_diagnostics_new();
    g_assert_null(
        fwdesc_descriptor_load_fd(fd, "dir", FWDESC_LOAD_STRICT, io, &err));
    close(fd);
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_IO);
    g_assert_cmpint(qapi_diagnostics_get(io, 0)->code, ==, QAPI_ERROR_IO);
    test_rmtree(dir);
}

/* "-" reads standard input and calls it FWDESC_STDIN_NAME; anything else
 * is a path. */
static void
test_load_arg(void)
{
    int saved = dup(STDIN_FILENO);
    int fd = pipe_with("split.json");
    g_assert_cmpint(dup2(fd, STDIN_FILENO), ==, STDIN_FILENO);
    close(fd);
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_arg(
        "-", FWDESC_LOAD_STRICT, NULL, &err);
    g_assert_cmpint(dup2(saved, STDIN_FILENO), ==, STDIN_FILENO);
    close(saved);
    g_assert_no_error(err);
    g_assert_cmpstr(fwdesc_descriptor_get_path(desc), ==, FWDESC_STDIN_NAME);

    g_autofree char *path = test_data_path("split.json");
    g_autoptr(FwdescDescriptor) file = fwdesc_descriptor_load_arg(
        path, FWDESC_LOAD_STRICT, NULL, &err);
    g_assert_no_error(err);
    g_assert_cmpstr(fwdesc_descriptor_get_path(file), ==, path);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/input/fd", test_load_fd);
    g_test_add_func("/input/fd-limits", test_load_fd_limits);
    g_test_add_func("/input/arg", test_load_arg);
    return g_test_run();
}
